"""Every listing and table fits the terminal: each read command is rendered at 80 and 120
columns against golden files (``UPDATE_GOLDEN=1`` rewrites them; review the diff), and no
line is wider than the terminal, ends in spaces, or breaks a word that had room."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import cli

GOLDEN = Path(__file__).parent / "golden" / "views"
WIDTHS = (80, 120)
#: Recorded (system) times are "now": replaced by placeholders of the same width.
TODAY = re.compile(r"20(2[5-9]|[3-9]\d)-\d\d-\d\d( \d\d:\d\d(:\d\d)?)?")
CLOCK = re.compile(r"\b\d\d:\d\d:\d\d\b")  # a recorded time's clock, below its date
HASH = re.compile(r"\b[0-9a-f]{64}\b")

COMMANDS = {
    "conflicts": ["conflicts"],
    "countries": ["countries"],
    "actors": ["actors"],
    "log": ["log", "--since", "20", "--limit", "6"],
    "figures": ["figures", "--conflict", "armenia-azerbaijan"],
    "history": ["history", "armenian-soldiers-killed"],
    "diff": ["diff", "--from", "2022-09-12", "--to", "2022-09-13", "--country", "RUS"],
    "show": ["show", "--country", "RUS"],
    "verify": ["verify"],
}


def _placeholder(match: re.Match[str]) -> str:
    return re.sub(r"\d", "9", match.group(0))


def render(home: Path, argv: list[str], width: int) -> str:
    result = CliRunner().invoke(
        cli, [*argv, "--home", str(home)], env={"COLUMNS": str(width), "NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    text = TODAY.sub(_placeholder, result.stdout)
    return HASH.sub("h" * 64, CLOCK.sub("99:99:99", text))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_listing_fits_and_matches_its_golden_file(
    populated_home: Path, name: str, width: int
) -> None:
    text = render(populated_home, COMMANDS[name], width)
    for line in text.splitlines():
        assert len(line) <= width, line
        assert line == line.rstrip(), f"trailing spaces: {line!r}"
    path = GOLDEN / f"{name}-{width}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
def test_log_positions_are_never_cut(populated_home: Path, width: int) -> None:
    text = render(populated_home, ["log", "--since", "20", "--limit", "6"], width)
    positions = [line.split()[0] for line in text.splitlines() if re.match(r"\d", line)]
    assert positions == [str(p) for p in range(21, 27)]


@pytest.mark.parametrize("width", WIDTHS)
def test_conflict_names_are_never_broken_mid_word(populated_home: Path, width: int) -> None:
    text = render(populated_home, ["conflicts"], width)
    assert "Kyrgyzstan–Tajikistan" in text
    assert "Armenia–Azerbaijan" in text


def test_diff_speaks_of_fields_and_summaries_not_ids(populated_home: Path) -> None:
    text = render(
        populated_home,
        ["diff", "--from", "2022-09-12", "--to", "2022-09-16", "--conflict", "armenia-azerbaijan"],
        80,
    )
    assert text.splitlines()[1].split(":")[0].endswith("changes")
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", text)
    assert "occurred_label" not in text


def test_history_keeps_each_timestamp_on_one_line(populated_home: Path) -> None:
    text = render(populated_home, ["history", "armenian-soldiers-killed"], 80)
    assert re.search(r"^2022-09-13 12:00 +9999-99-99 99:99 ", text, re.M)
