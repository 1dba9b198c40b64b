"""Terminal charts: tolls over knowledge time (plotext on a terminal, text when piped) and
the activity sparklines of the conflict and country listings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import timeline
from projections import figure_history, queries
from timeline import charts
from timeline.api import sample_dispatches
from timeline.cli import cli


@pytest.fixture
def series_home(home: Path) -> Path:
    with timeline.open_home(home) as opened:
        for path in sample_dispatches():
            opened.append(path)
    return home


def _run(home: Path, *argv: str) -> str:
    result = CliRunner().invoke(cli, [*argv, "--home", str(home)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_sparkline_scales_to_the_largest_and_marks_empty_days() -> None:
    assert charts.sparkline([0, 1, 4, 8]) == "·▁▄█"
    assert charts.sparkline([0, 0]) == "··"
    assert charts.sparkline([]) == ""


def test_day_buckets_are_days_until_they_need_to_be_runs() -> None:
    assert charts.day_buckets("2022-09-13", "2022-09-16", 11) == [
        (d, d) for d in ("2022-09-13", "2022-09-14", "2022-09-15", "2022-09-16")
    ]
    long = charts.day_buckets("2022-01-01", "2022-12-31", 11)
    assert len(long) <= 11
    assert long[0][0] == "2022-01-01" and long[-1][1] == "2022-12-31"


def _series(home: Path, **query: str) -> dict[str, list[dict[str, object]]]:
    with timeline.open_home(home) as opened:
        history = figure_history.figure_history(opened._db(), queries.TimelineQuery(**query))
    return charts.toll_series(history)


def test_toll_series_keeps_each_change_of_each_side(series_home: Path) -> None:
    series = _series(series_home, conflict="armenia-azerbaijan")
    until_14 = _series(series_home, conflict="armenia-azerbaijan", as_of="2022-09-14T23:59:59Z")
    armenia = series["ARM killed per Government of Armenia"]
    assert [charts.value(p) for p in armenia] == [49, 105, 135]
    assert [str(p["known_from"])[:10] for p in armenia] == [
        "2022-09-13",
        "2022-09-14",
        "2022-09-16",
    ]
    assert [charts.value(p) for p in until_14["ARM killed per Government of Armenia"]] == [49, 105]


def test_a_withdrawn_figure_ends_its_line_and_says_so() -> None:
    points = [
        {"known_from": "2022-09-13T12:00:00Z", "low": 3, "best": 3, "high": 3},
        {"known_from": "2022-09-14T12:00:00Z", "low": None, "best": None, "high": None},
    ]
    series = {"ARM killed per X": points, "AZE killed per Y": [{**points[0], "best": 5}]}
    assert charts.series_text(series)[0].endswith("3 (2022-09-13) → withdrawn (2022-09-14)")
    assert "●" in charts.toll_chart(series, title="t", width=80, colour=False)


def test_figures_chart_when_piped_is_the_values_as_text(series_home: Path) -> None:
    text = _run(series_home, "figures", "--conflict", "armenia-azerbaijan", "--chart")
    assert "\x1b" not in text
    assert "● ARM killed per Government of Armenia: ≥49 (2022-09-13) → 105 (2022-09-14) →" in text
    assert "■ AZE killed per Government of Azerbaijan: 50 (2022-09-13)" in text


def test_history_chart_when_piped_is_the_values_as_text(series_home: Path) -> None:
    text = _run(series_home, "history", "armenian-soldiers-killed", "--chart")
    assert "≥49 (2022-09-13) → 105 (2022-09-14) → 135" in " ".join(text.split())


def test_chart_and_json_do_not_mix(series_home: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "figures",
            "--conflict",
            "armenia-azerbaijan",
            "--chart",
            "--json",
            "--home",
            str(series_home),
        ],
    )
    assert result.exit_code != 0


@pytest.mark.parametrize("width", [80, 120])
def test_the_chart_fits_the_terminal_and_marks_each_side(series_home: Path, width: int) -> None:
    series = _series(series_home, conflict="armenia-azerbaijan")
    drawn = charts.toll_chart(series, title="Tolls", width=width, colour=False)
    lines = drawn.splitlines()
    assert all(len(line) <= width for line in lines)
    assert "●" in drawn and "■" in drawn
    assert "13 Sep" in drawn
    assert "\x1b" not in drawn
    coloured = charts.toll_chart(series, title="Tolls", width=width, colour=True)
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured).splitlines()[1].rstrip() == lines[1]


def test_listings_show_activity_per_day_under_reported(series_home: Path) -> None:
    text = _run(series_home, "conflicts")
    assert "developments first reported per day, 2022-09-13 to 2022-09-16" in " ".join(text.split())
    assert re.search(r"^\s+KGZ TJK\s*$|···█", text, re.M)
    countries = _run(series_home, "countries")
    assert "Under Reported" in countries
