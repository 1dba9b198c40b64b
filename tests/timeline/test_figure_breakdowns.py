"""Figures with breakdowns, provisional status and the kind of bound: parsed, validated,
stored, shown, and never double counted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from support import REPO_ROOT, minimal_dispatch

from projections import queries
from timeline.cli import cli
from timeline.dispatch import figure_body, parse_document
from timeline.errors import DispatchError
from timeline.reports import acled
from timeline.serialize import figure_label, figure_text
from timeline.session import Session
from timeline.store import resolve_home

TOLL = {
    "party": "ARM",
    "category": "killed",
    "best": 207,
    "claimant": "Test Ministry",
    "provisional": True,
    "includes": [{"group": "civilians", "country": "ARM", "best": 3}],
}


def _document(*figures: dict[str, Any]) -> dict[str, Any]:
    document = minimal_dispatch()
    document["developments"][1]["figures"] = list(figures)
    return document


def _parsed(*figures: dict[str, Any]) -> Any:
    return parse_document(_document(*figures), "toll.yaml").developments[1].figures


def _refused(figure: dict[str, Any]) -> DispatchError:
    with pytest.raises(DispatchError) as caught:
        _parsed(figure)
    return caught.value


def test_a_breakdown_is_kept_within_its_figure() -> None:
    (figure,) = _parsed(TOLL)
    assert (figure.best, figure.provisional) == (207, True)
    (part,) = figure.includes
    assert (part.party, part.group, part.category, part.best) == ("ARM", "civilians", "killed", 3)


@pytest.mark.parametrize(
    ("figure", "field", "expected"),
    [
        ({"includes": [{"group": "civilians", "best": 3}]}, ".includes[0].country", "country"),
        ({"includes": [{"group": "civilians", "country": "AZE", "best": 3}]}, ".country", "ARM"),
        ({"includes": [{"party": "ARM", "best": 300}]}, ".includes", "never exceed"),
        (
            {
                "includes": [
                    {"group": "a", "country": "ARM", "best": 200},
                    {"group": "b", "country": "ARM", "low": 8},
                ]
            },
            ".includes",
            "never exceed",
        ),
        ({"includes": [{"party": "ARM", "category": "wounded", "best": 3}]}, ".category", "killed"),
        ({"includes": [{"party": "ARM", "best": 1}, {"party": "ARM", "best": 2}]}, "[1]", "once"),
        ({"bound": "about", "low": 40, "high": 60}, ".bound", "one of low"),
        ({"party": "civilians", "country": "QQQ"}, ".country", "ISO"),
    ],
)
def test_breakdowns_and_bounds_are_validated(
    figure: dict[str, Any], field: str, expected: str
) -> None:
    error = _refused({**TOLL, **figure})
    assert error.field.startswith("developments[1].figures[0]")
    assert field in error.field and expected in error.expected


@pytest.mark.parametrize(
    ("bound", "value", "label"),
    [
        ("exact", {"best": 50}, "50"),
        ("at_least", {"low": 49}, "≥49"),
        ("more_than", {"best": 50}, ">50"),
        ("up_to", {"best": 10}, "≤10"),
        ("about", {"best": 50}, "about 50"),
    ],
)
def test_each_bound_reads_as_the_source_says(bound: str, value: dict[str, int], label: str) -> None:
    raw = {"party": "ARM", "category": "killed", "claimant": "X", "bound": bound, **value}
    (figure,) = _parsed(raw)
    assert figure.bound == bound
    assert figure_label(figure.low, figure.best, figure.high, figure.bound) == label


def test_the_text_says_provisional_and_the_breakdown() -> None:
    (figure,) = _parsed(TOLL)
    from timeline.dispatch import plain

    assert figure_text(plain(figure)) == "207 (provisional; including 3 civilians)"


def test_files_without_the_new_fields_keep_their_content_hash() -> None:
    figure = {"party": "ARM", "category": "killed", "low": 3, "claimant": "Test Ministry"}
    from timeline.dispatch import plain

    (parsed,) = _parsed(figure)
    assert set(figure_body(plain(parsed))) == {
        "party",
        "category",
        "low",
        "best",
        "high",
        "claimant",
    }


@settings(max_examples=200, deadline=None)
@given(
    whole=st.integers(min_value=0, max_value=300),
    parts=st.lists(st.integers(min_value=0, max_value=200), max_size=4),
)
def test_accepted_parts_never_exceed_the_whole(whole: int, parts: list[int]) -> None:
    figure = {
        "party": "ARM",
        "category": "killed",
        "best": whole,
        "claimant": "X",
        "includes": [
            {"group": f"group {i}", "country": "ARM", "best": n} for i, n in enumerate(parts)
        ],
    }
    try:
        (parsed,) = _parsed(figure)
    except DispatchError as exc:
        assert sum(parts) > whole and exc.field.endswith(".includes")
        return
    assert sum(p.best for p in parsed.includes) <= parsed.best


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    with Session(resolve_home(path)) as session:
        session.app.ingest(parse_document(_document(TOLL), "toll.yaml"))
    return path


def test_a_part_is_never_a_figure_of_its_own(home: Path) -> None:
    with Session(resolve_home(home)) as session:
        db = session.fresh_views().db
        tally = queries.tally(db, "test-border-dispute")
        assert [(t["party"], t["best"], t["provisional"]) for t in tally] == [("ARM", 207, True)]
        assert tally[0]["includes"][0]["group"] == "civilians"
        rows = queries.timeline(db, queries.TimelineQuery(conflict="test-border-dispute"))
    casualty = next(r for r in rows if r["key"] == "casualties")
    assert acled.fatalities(casualty) == 207


def test_the_breakdown_is_shown_in_views_and_reports(home: Path) -> None:
    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, [*args, "--home", str(home)])
        assert result.exit_code == 0, result.output
        return result.output

    shown = json.loads(run("show", "--conflict", "test-border-dispute", "--json"))
    rows = shown["developments"] if isinstance(shown, dict) else shown
    (figure,) = next(d for d in rows if d["figures"])["figures"]
    assert figure["includes"][0]["group"] == "civilians" and figure["provisional"] is True
    assert figure["text"] == "207 (provisional; including 3 civilians)"
    for format_name in ("md", "html", "csv", "timelinejs", "json"):
        text = run("report", "--conflict", "test-border-dispute", "--format", format_name)
        assert "including 3 civilians" in text, format_name
    flat = " ".join(run("figures", "--conflict", "test-border-dispute").split())
    assert "provisional" in flat


def test_a_group_figure_is_not_added_to_its_countrys_total() -> None:
    development = {
        "status": "active",
        "figures": [
            {"party": "ARM", "category": "killed", "low": 207, "best": 207, "high": 207},
            {
                "party": "civilians",
                "country": "ARM",
                "category": "killed",
                "low": 3,
                "best": 3,
                "high": 3,
            },
        ],
    }
    assert acled.fatalities(development) == 207
    alone = {**development, "figures": development["figures"][1:]}
    assert acled.fatalities(alone) == 3


def test_legacy_figures_read_back_with_no_bound_and_no_breakdown(tmp_path: Path) -> None:
    path = tmp_path / "legacy"
    path.mkdir()
    shutil.copy(REPO_ROOT / "fixtures" / "legacy" / "events-v1.sqlite3", path / "events.sqlite3")
    with Session(resolve_home(path)) as session:
        figures = [
            f
            for e in session.app.read_log()
            if e.type == "Development.Reported"
            for f in e.event.figures
        ]
        assert figures
        assert all(
            (f["bound"], f["provisional"], f["includes"]) == (None, False, []) for f in figures
        )
        session.views.rebuild()
        assert queries.tally(session.views.db, "armenia-azerbaijan")


def test_diff_lists_a_figure_made_final_with_its_breakdown(home: Path) -> None:
    with Session(resolve_home(home)) as session:
        document = {
            "format": "timeline-dispatch/1",
            "report": {
                "outlet": "Desk",
                "headline": "Final toll",
                "published": "2022-09-22T08:00:00Z",
            },
            "revisions": [
                {
                    "action": "revise_figure",
                    "target": {"report": minimal_dispatch()["report"], "key": "casualties"},
                    "figure": {**TOLL, "provisional": False},
                    "note": "The final toll.",
                }
            ],
        }
        session.app.ingest(parse_document(document, "final.yaml"))
        changes = queries.diff(
            session.fresh_views().db,
            queries.TimelineQuery(conflict="test-border-dispute"),
            "2022-09-21T00:00:00Z",
            "2022-09-23T00:00:00Z",
        )
    (figure,) = [c for c in changes if c["change"] == "figure"]
    assert (figure["previous"]["provisional"], figure["figure"]["provisional"]) == (True, False)
    assert figure["notes"][0]["note"] == "The final toll."
