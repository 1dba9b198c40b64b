"""A revision's note and quote are stored and shown: history, diff and every report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import REPO_ROOT, SEED, seed_reference

from timeline.cli import cli
from timeline.dispatch import FORMAT, load_dispatch, parse_document
from timeline.domain import Development
from timeline.session import Session
from timeline.store import resolve_home

NOTE = "Not the final figure."
QUOTE = "Armenia's defence ministry said 105 servicemen had been killed."


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    with Session(resolve_home(path)) as session:
        session.app.ingest(load_dispatch(SEED))
        document = {
            "format": FORMAT,
            "report": {
                "outlet": "Test Desk",
                "headline": "Armenia raises its toll",
                "published": "2022-09-14T09:00:00Z",
            },
            "revisions": [
                {
                    "action": "revise_figure",
                    "target": seed_reference("armenian-soldiers-killed"),
                    "figure": {
                        "party": "ARM",
                        "category": "killed",
                        "best": 105,
                        "claimant": "Government of Armenia",
                    },
                    "note": NOTE,
                    "quote": QUOTE,
                }
            ],
        }
        session.app.ingest(parse_document(document, "raise.yaml"))
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_the_quote_is_stored_in_the_revision_event(home: Path) -> None:
    with Session(resolve_home(home)) as session:
        revised = [e.event for e in session.app.read_log() if e.type == "Development.FigureRevised"]
    assert [(e.note, e.quote) for e in revised] == [(NOTE, QUOTE)]
    assert Development.Corroborated.class_version == 2


def test_history_shows_note_and_quote_in_the_table_and_json(home: Path) -> None:
    record = json.loads(_run("history", "armenian-soldiers-killed", "--json", "--home", str(home)))
    revised = record["trail"][-1]
    assert (revised["event"], revised["note"], revised["quote"]) == ("FigureRevised", NOTE, QUOTE)
    table = _run("history", "armenian-soldiers-killed", "--home", str(home))
    flat = " ".join(table.split())
    assert "Not the final" in flat and "105 servicemen" in flat


def test_diff_shows_the_words_of_the_revisions_it_lists(home: Path) -> None:
    args = ("diff", "--from", "2022-09-13", "--to", "2022-09-14", "--home", str(home))
    changes = json.loads(_run(*args, "--json"))["changes"]
    figure = next(c for c in changes if c["change"] == "figure")
    assert [(n["note"], n["quote"]) for n in figure["notes"]] == [(NOTE, QUOTE)]
    flat = " ".join(_run(*args).split())
    assert "Not the final" in flat


@pytest.mark.parametrize("format_name", ["md", "html", "json", "csv", "timelinejs"])
def test_every_report_format_shows_the_words(home: Path, format_name: str) -> None:
    text = _run(
        "report", "--conflict", "armenia-azerbaijan", "--format", format_name, "--home", str(home)
    )
    assert NOTE in text
    assert "105 servicemen" in text


def test_the_cli_revision_commands_take_a_quote(tmp_path: Path) -> None:
    path = tmp_path / "cli"
    with Session(resolve_home(path)) as session:
        session.app.ingest(load_dispatch(SEED))
    _run(
        "corroborate",
        "border-clashes-overnight",
        "--outlet",
        "AP",
        "--published",
        "2022-09-14T10:00:00Z",
        "--quote",
        "Fighting broke out overnight.",
        "--home",
        str(path),
    )
    with Session(resolve_home(path)) as session:
        (event,) = [e.event for e in session.app.read_log() if e.type.endswith("Corroborated")]
    assert event.quote == "Fighting broke out overnight."


def test_legacy_revisions_read_back_with_no_quote(tmp_path: Path) -> None:
    path = tmp_path / "legacy"
    path.mkdir()
    shutil.copy(REPO_ROOT / "fixtures" / "legacy" / "events-v1.sqlite3", path / "events.sqlite3")
    with Session(resolve_home(path)) as session:
        revisions = [
            e.event for e in session.app.read_log() if e.type == "Development.FigureRevised"
        ]
        assert revisions and all(e.quote is None for e in revisions)
        session.views.rebuild()
        notes = [
            json.loads(row[0])
            for row in session.views.db.execute(
                "SELECT revision_notes FROM development_versions"
            ).fetchall()
        ]
    assert all(n["quote"] is None for entries in notes for n in entries)
