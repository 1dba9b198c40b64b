"""``timeline extract`` end to end: drafts, --explain, --append, and bad input."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from timeline.dispatch import _StringDateLoader, load_dispatch
from timeline.errors import ExtractionError, UsageError

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed-article.txt"
HTML = ROOT / "fixtures" / "articles" / "2022-10-10-ukraine-missile-strikes.html"
SEED_ARGS = ["--published", "2022-09-13T12:00:00+00:00", "--outlet", "Reuters"]
ESC = "\x1b"
RunCli = Callable[..., Result]
RunScript = Callable[..., "subprocess.CompletedProcess[str]"]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_draft_to_a_file_then_ingest_it(run_cli: RunCli, tmp_path: Path, home: Path) -> None:
    draft = tmp_path / "draft.yaml"
    result = run_cli("extract", str(SEED), *SEED_ARGS, "-o", str(draft))
    assert result.exit_code == 0, result.output
    assert "draft with 29 developments (machine-extracted, unreviewed)" in _flat(result.stdout)
    assert not (home / "events.sqlite3").exists()  # nothing written to the log
    dispatch = load_dispatch(draft)
    assert len(dispatch.developments) == 29
    assert all(
        d.review is not None and d.review.status == "machine-extracted"
        for d in dispatch.developments
    )
    ingested = run_cli("ingest", str(draft))
    assert ingested.exit_code == 0, ingested.output
    shown = run_cli("show", "--conflict", "armenia-azerbaijan")
    assert "Machine-extracted, unreviewed" in shown.stdout


def test_draft_on_stdout_is_valid_yaml(run_cli: RunCli) -> None:
    result = run_cli("extract", str(SEED), *SEED_ARGS)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Draft dispatch proposed by timeline-extract/1")
    document = yaml.load(result.stdout, Loader=_StringDateLoader)
    assert document["format"] == "timeline-dispatch/1"
    assert len(document["developments"]) == 29
    as_json = run_cli("extract", str(SEED), *SEED_ARGS, "--json")
    assert json.loads(as_json.stdout)["developments"] == document["developments"]


def test_append_marks_developments_machine_extracted(run_cli: RunCli) -> None:
    result = run_cli("extract", str(HTML), "--published", "2022-10-10T18:00:00+03:00", "--append")
    assert result.exit_code == 0, result.output
    assert "machine-extracted, unreviewed" in _flat(result.stdout)
    assert "note: outlet taken from the page's metadata: Timeline Desk" in _flat(result.stderr)
    shown = json.loads(run_cli("show", "--conflict", "russia-ukraine", "--json").stdout)
    developments: list[dict[str, Any]] = shown["developments"]
    assert developments and {d["review_status"] for d in developments} == {"machine-extracted"}
    again = run_cli("extract", str(HTML), "--published", "2022-10-10T18:00:00+03:00", "--append")
    assert "already in the log, nothing appended" in _flat(again.stdout)


def test_append_uses_the_conflict_already_in_the_log(run_cli: RunCli, tmp_path: Path) -> None:
    # The curated seed dispatch defines armenia-azerbaijan; a draft for another report about
    # the same conflict must reference it, not repeat (or change) its definition.
    assert run_cli("ingest", str(ROOT / "fixtures" / "dispatches")).exit_code == 0
    article = tmp_path / "later.txt"
    article.write_text(
        "Shelling resumes on Armenia-Azerbaijan border\n\n"
        "Armenia said Azerbaijani forces shelled Jermuk overnight, wounding three soldiers.\n",
        "utf-8",
    )
    draft = tmp_path / "later.yaml"
    result = run_cli(
        "extract",
        str(article),
        "--published",
        "2022-09-20",
        "--outlet",
        "Wire",
        "--append",
        "-o",
        str(draft),
    )
    assert result.exit_code == 0, result.output
    document = yaml.load(draft.read_text("utf-8"), Loader=_StringDateLoader)
    # the definition is repeated exactly as the log has it
    assert document["conflicts"][0]["id"] == "armenia-azerbaijan"
    assert document["conflicts"][0]["started"] == "1988-02-01"
    assert document["developments"][0]["conflicts"] == ["armenia-azerbaijan"]
    assert document["developments"][0]["figures"] == [
        {"party": "ARM", "category": "wounded", "best": 3, "claimant": "Government of Armenia"}
    ]


def test_explain_shows_each_field_beside_its_words(run_cli: RunCli) -> None:
    result = run_cli("extract", str(SEED), *SEED_ARGS, "--explain")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "29 developments proposed, all machine-extracted and unreviewed" in _flat(out)
    assert "casualty-report-arm · machine-extracted, unreviewed" in out
    assert re.search(r"figures\s+ARM killed ≥49 per", out)
    assert "“overnight”" in out
    assert "Removed as boilerplate" in out and "Leave a Reply" in out
    assert "(no development: no kind cue and no attribution)" in out


def test_explain_renders_hostile_article_text_literally(run_cli: RunCli, tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(
        "Hostile [bold red]headline[/] :smile:\n\n"
        f"Armenia said Azerbaijan {ESC}[31mbombed{ESC}[0m Goris {ESC}]52;c;ZXZpbA==\x07 "
        "[bold red]boom[/] [link=http://x]x[/link] :smile: \u202eevil\u202c overnight.\n",
        "utf-8",
    )
    result = run_cli(
        "extract",
        str(article),
        "--published",
        "2022-09-13",
        "--outlet",
        "W [b]x[/b]",
        "--explain",
        env={"FORCE_COLOR": "1", "TERM": "xterm-256color"},
    )
    assert result.exit_code == 0, result.output
    without_colour = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    for raw in (ESC, "\x07", "\u202e", "\u202c"):
        assert raw not in without_colour
    flat = _flat(without_colour)
    assert "[bold red]boom[/]" in flat and ":smile:" in flat and "[link=http://x]x[/link]" in flat
    assert "W [b]x[/b]" in flat
    # the YAML draft escapes them instead, and still parses to the article's exact words
    plain = run_cli("extract", str(article), "--published", "2022-09-13", "--outlet", "W")
    assert ESC not in plain.stdout and "\u202e" not in plain.stdout
    document = yaml.load(plain.stdout, Loader=_StringDateLoader)
    assert f"{ESC}[31mbombed" in document["developments"][0]["quote"]


def test_data_directory_extends_the_lexicons(run_cli: RunCli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "actors.yaml").write_text(
        "actors:\n  - {name: Jane Example, aliases: [Jane Example], country: GBR}\n", "utf-8"
    )
    article = tmp_path / "a.txt"
    article.write_text(
        "Envoy urges calm\n\nJane Example urged Armenia and Azerbaijan to show restraint.\n",
        "utf-8",
    )
    result = run_cli(
        "extract",
        str(article),
        "--published",
        "2022-09-13",
        "--outlet",
        "W",
        "--json",
        env={"TIMELINE_EXTRACT_DATA": str(data)},
    )
    assert result.exit_code == 0, result.output
    (development,) = json.loads(result.stdout)["developments"]
    assert development["actors"] == ["Jane Example"]
    assert development["countries"] == ["GBR", "ARM", "AZE"]


def test_help_ends_with_an_example(run_cli: RunCli) -> None:
    result = run_cli("extract", "--help", home=None)
    assert result.exit_code == 0
    assert "Example: timeline extract fixtures/seed-article.txt" in _flat(result.output)


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("content", "extra", "exit_code", "message"),
    [
        (
            b"",
            [],
            ExtractionError.exit_code,
            "expected a news article in plain text or HTML (the file is empty)",
        ),
        (b"\x00\x01binary", [], ExtractionError.exit_code, "(found binary data)"),
        (
            "Caf\u00e9".encode("latin-1"),
            [],
            ExtractionError.exit_code,
            "expected UTF-8 text (invalid byte 0xe9 at offset 3",
        ),
        (
            b"Headline here\n\nArmenia said Azerbaijan shelled Goris.\n",
            ["--published", "not a date"],
            UsageError.exit_code,
            "--published: expected the article's publication date",
        ),
        (
            b"Headline here\n\nArmenia said Azerbaijan shelled Goris.\n",
            ["--conflict", "nowhere"],
            UsageError.exit_code,
            "--conflict nowhere: expected a conflict in the log or in the conflicts table",
        ),
    ],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(
    run_script: RunScript,
    tmp_path: Path,
    content: bytes,
    extra: list[str],
    exit_code: int,
    message: str,
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    draft = tmp_path / "draft.yaml"
    home = tmp_path / "home"
    args = ["--published", "2022-09-13", "--outlet", "W"] if "--published" not in extra else []
    result = run_script(
        ["extract", str(article), *args, *extra, "-o", str(draft), "--append", "--home", str(home)]
    )
    assert result.returncode == exit_code, result.stderr
    assert str(article) in _flat(result.stderr)
    assert message in _flat(result.stderr)
    assert "Traceback" not in result.stderr
    assert not draft.exists()
    assert not (home / "events.sqlite3").exists()


def test_the_draft_escapes_every_shared_format_control(tmp_path: Path) -> None:
    """One list of unsafe characters (timeline.text.FORMAT_CONTROLS) for every output: the
    YAML draft escapes each of them, U+061C included, instead of printing it raw."""
    from timeline.extract import Options, extract, from_bytes
    from timeline.extract.output import to_yaml
    from timeline.text import FORMAT_CONTROL

    marks = "\u061c\u200f\u202e\u2066\ufeff"
    article = f"Clashes reported\n\nArmenia said{marks} 3 soldiers were killed on Tuesday."
    extraction = extract(
        from_bytes("a.txt", article.encode()), Options(published="2022-09-14T10:00Z")
    )
    text = to_yaml(extraction)
    assert not FORMAT_CONTROL.search(text)
    assert "\\u061c" in text
