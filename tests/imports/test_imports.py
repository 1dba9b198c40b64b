"""``timeline import acled|ucdp``: dataset rows become developments, later snapshots become
revisions, and replay answers what the dataset said at a date."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from projections import queries
from timeline.cli import cli
from timeline.domain import report_id
from timeline.errors import DispatchError, UsageError
from timeline.imports import acled as acled_rows
from timeline.imports import import_snapshot
from timeline.reports import acled_reference, build_document, render
from timeline.session import Session
from timeline.store import resolve_home

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"
ACLED_1 = FIXTURES / "acled-2022-09-20.csv"
ACLED_2 = FIXTURES / "acled-2022-09-27.csv"
GED_1 = FIXTURES / "ged-23.1-sample.csv"
GED_2 = FIXTURES / "ged-24.1-sample.csv"


def run(home: Path, *args: str) -> Any:
    result = CliRunner().invoke(cli, [*args, "--home", str(home)])
    return result


def imported(home: Path, dataset: str, path: Path, snapshot: str, *extra: str) -> dict[str, Any]:
    result = run(home, "import", dataset, str(path), "--snapshot", snapshot, "--json", *extra)
    assert result.exit_code in (0, 3), result.output
    return dict(json.loads(result.stdout))


def timeline(home: Path, **query: Any) -> list[dict[str, Any]]:
    with Session(resolve_home(home)) as session:
        views = session.fresh_views()
        return list(queries.timeline(views.db, queries.TimelineQuery(**query)))


def by_key(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["key"]: row for row in rows}


def killed(row: dict[str, Any]) -> list[tuple[str, Any, Any, Any]]:
    return sorted(
        (f["party"], f["low"], f["best"], f["high"])
        for f in row["figures"]
        if f["category"] == "killed"
    )


def test_acled_rows_become_developments(tmp_path: Path) -> None:
    summary = imported(tmp_path, "acled", ACLED_1, "2022-09-20")
    assert (summary["rows"], summary["new"], summary["failed"]) == (10, 10, 0)
    rows = by_key(timeline(tmp_path, country="ARM"))
    clash = rows["acled-arm4001"]
    assert clash["kind"] == "armed_clash"
    assert killed(clash) == [("all parties", 10, 10, 10)]
    assert clash["places"][0]["name"] == "Jermuk"
    assert clash["places"][0]["lat"] == pytest.approx(39.8411)
    assert clash["occurred_precision"] == "day" and clash["occurred_start"].startswith("2022-09-13")
    assert clash["valid_from"] == "2022-09-20T23:59:59Z"  # the snapshot: knowledge time
    assert rows["acled-arm4004"]["kind"] == "protest"
    assert rows["acled-arm4005"]["kind"] == "ceasefire_agreed"
    assert by_key(timeline(tmp_path, country="XKX"))["acled-xkx1101"]["kind"] == "protest"
    week = by_key(timeline(tmp_path, country="AZE"))["acled-aze3001"]
    assert week["occurred_precision"] == "week"  # time_precision 2


def test_report_ids_are_deterministic_per_dataset_snapshot_and_row(tmp_path: Path) -> None:
    imported(tmp_path, "acled", ACLED_1, "2022-09-20")
    clash = by_key(timeline(tmp_path, country="ARM"))["acled-arm4001"]
    expected = report_id(None, "ACLED", "2022-09-20T23:59:59Z", "ACLED ARM4001 as of 2022-09-20")
    assert clash["report_id"] == str(expected)


def test_importing_a_snapshot_again_appends_nothing(tmp_path: Path) -> None:
    imported(tmp_path, "acled", ACLED_1, "2022-09-20")
    again = imported(tmp_path, "acled", ACLED_1, "2022-09-20")
    assert (again["events"], again["new"], again["unchanged"]) == (0, 0, 10)


def test_a_later_snapshot_appends_revisions_and_replay_answers_what_acled_said(
    tmp_path: Path,
) -> None:
    imported(tmp_path, "acled", ACLED_1, "2022-09-20")
    second = imported(tmp_path, "acled", ACLED_2, "2022-09-27")
    assert (second["new"], second["revised"], second["retracted"], second["unchanged"]) == (
        1,
        2,
        1,
        7,
    )
    then = by_key(timeline(tmp_path, country="ARM", as_of="2022-09-21T00:00:00Z"))
    now = by_key(timeline(tmp_path, country="ARM"))
    assert killed(then["acled-arm4001"]) == [("all parties", 10, 10, 10)]
    assert killed(now["acled-arm4001"]) == [("all parties", 15, 15, 15)]
    assert "15 fatalities" in now["acled-arm4001"]["summary"]
    assert then["acled-arm4002"]["places"][0]["name"] == "Goris"
    assert now["acled-arm4002"]["places"][0]["name"] == "Sotk"
    azerbaijan_then = by_key(timeline(tmp_path, country="AZE", as_of="2022-09-21T00:00:00Z"))
    azerbaijan_now = by_key(timeline(tmp_path, country="AZE"))
    assert azerbaijan_then["acled-aze3002"]["status"] == "active"
    assert azerbaijan_now["acled-aze3002"]["status"] == "retracted"
    assert "acled-aze3003" not in azerbaijan_then and "acled-aze3003" in azerbaijan_now
    # diff lists what ACLED changed between the snapshots.
    diff = run(tmp_path, "diff", "--from", "2022-09-20", "--to", "2022-09-27", "--country", "AZE")
    assert diff.exit_code == 0, diff.output
    assert "retracted" in diff.output and "new" in diff.output
    # And importing the second again appends nothing.
    assert imported(tmp_path, "acled", ACLED_2, "2022-09-27")["events"] == 0


def test_an_older_snapshot_is_refused(tmp_path: Path) -> None:
    imported(tmp_path, "acled", ACLED_2, "2022-09-27")
    result = run(tmp_path, "import", "acled", str(ACLED_1), "--snapshot", "2022-09-20")
    assert isinstance(result.exception, UsageError)  # the CLI's edge prints it, exit status 2
    assert "older than the latest ACLED snapshot already imported" in str(result.exception)


def test_a_bad_row_is_skipped_with_its_line_and_never_half_applied(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        "import",
        "acled",
        str(FIXTURES / "acled-bad-rows.csv"),
        "--snapshot",
        "2022-09-20",
    )
    assert result.exit_code == 3
    bad = str(FIXTURES / "acled-bad-rows.csv")
    for line, column in (
        (3, "time_precision"),
        (4, "event_date"),
        (5, "sub_event_type"),
        (6, "fatalities"),
    ):
        assert f"{bad}:{line}: {column}: expected" in result.output
    keys = set(
        by_key(timeline(tmp_path, country="ARM")) | by_key(timeline(tmp_path, country="AZE"))
    )
    assert keys == {"acled-arm4001"}
    assert "1 new" in result.output and "4 failed" in result.output


@pytest.mark.parametrize(
    ("dataset", "source", "column", "value"),
    [
        ("acled", ACLED_1, "fatalities", "1" * 5000),  # was an internal OverflowError
        ("acled", ACLED_1, "time_precision", "9" * 400),
        ("acled", ACLED_1, "iso", "5" * 5000),
        ("acled", ACLED_1, "fatalities", "1_000"),  # int() read it as 1000
        ("acled", ACLED_1, "fatalities", "\uff11\uff12"),  # full-width digits, read as 12
        ("acled", ACLED_1, "latitude", "nan"),
        ("acled", ACLED_1, "longitude", "1_0.5"),
        ("ucdp", GED_2, "type_of_violence", "1" * 5000),
        ("ucdp", GED_2, "best", "1" * 5000),
        ("ucdp", GED_2, "latitude", "\u0664\u0660"),  # Arabic-Indic digits
    ],
)
def test_a_hostile_number_is_a_row_error(
    tmp_path: Path, dataset: str, source: Path, column: str, value: str
) -> None:
    """Numbers in a dataset cell are plain ASCII decimals; anything else, however long, is
    a row error naming the line and column, never an internal error or a changed value."""
    with source.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows[0][column] = value
    path = tmp_path / "hostile.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[:2])
    result = run(tmp_path, "import", dataset, str(path), "--snapshot", "2024-06-20")
    assert result.exit_code == 3, (result.output, result.exception)
    assert f"{path}:2: {column}: expected" in result.output
    assert "1 failed" in result.output


def test_bytes_that_are_not_utf8_refuse_their_row_alone(tmp_path: Path) -> None:
    lines = ACLED_1.read_bytes().splitlines(keepends=True)
    path = tmp_path / "latin1.csv"
    path.write_bytes(lines[0] + lines[1].replace(b"Jermuk", b"J\xe9rmuk", 1) + lines[2])
    result = run(tmp_path, "import", "acled", str(path), "--snapshot", "2022-09-20")
    assert result.exit_code == 3, (result.output, result.exception)
    assert f"{path}:2: expected UTF-8 text" in result.output
    assert "1 new" in result.output and "1 failed" in result.output
    header = tmp_path / "header.csv"
    header.write_bytes(lines[0].replace(b"notes", b"n\xf6tes") + lines[1])
    refused = run(tmp_path, "import", "acled", str(header), "--snapshot", "2022-09-20")
    assert isinstance(refused.exception, UsageError), refused.output
    assert "header is not UTF-8" in str(refused.exception)


@pytest.mark.parametrize("where", ["header", "row"])
def test_a_field_over_the_csv_limit_is_a_clear_error(tmp_path: Path, where: str) -> None:
    """Python's csv module refuses a field over 131,072 characters: an internal error
    before; now the line is named, and nothing is retracted for a file not read to its end."""
    lines = ACLED_1.read_text(encoding="utf-8").splitlines(keepends=True)
    huge = "x" * 200_000
    path = tmp_path / "huge.csv"
    if where == "header":
        path.write_text(huge + "\n" + lines[1], encoding="utf-8")
    else:
        path.write_text(lines[0] + lines[1] + f'X1,"{huge}"\n' + lines[2], encoding="utf-8")
    # The csv module's limit is global: a library in the same process (frictionless, in
    # the report tests) may have raised it. The command-line tool runs with the default.
    previous = csv.field_size_limit(131_072)
    try:
        result = run(tmp_path, "import", "acled", str(path), "--snapshot", "2022-09-20")
    finally:
        csv.field_size_limit(previous)
    assert isinstance(result.exception, (UsageError, DispatchError)), result.exception
    assert f"{path}:{1 if where == 'header' else 3}:" in str(result.exception)
    assert "field larger than field limit" in str(result.exception)


def test_a_missing_column_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "not-acled.csv"
    path.write_text("id,date\n1,2022-09-13\n", encoding="utf-8")
    result = run(tmp_path, "import", "acled", str(path), "--snapshot", "2022-09-20")
    assert isinstance(result.exception, UsageError)
    assert "missing ACLED column(s): event_id_cnty" in str(result.exception)


def test_ucdp_figures_by_side_with_low_best_high_and_releases(tmp_path: Path) -> None:
    first = imported(tmp_path, "ucdp", GED_1, "2023-06-20")
    assert (first["new"], first["failed"]) == (6, 0)
    jermuk = by_key(timeline(tmp_path, country="ARM"))["ucdp-ged-430101"]
    assert killed(jermuk) == [("Government of Armenia", 49, 49, 56)]
    goris = by_key(timeline(tmp_path, country="ARM"))["ucdp-ged-430103"]
    assert killed(goris) == [
        ("Government of Armenia", 3, 3, 3),
        ("Government of Azerbaijan", 2, 2, 2),
        ("civilians", 1, 1, 1),
    ]
    assert "total estimate: 6 killed (low 5, high 9)" in goris["summary"]
    congo = by_key(timeline(tmp_path, country="COD"))["ucdp-ged-430301"]  # "DR Congo (Zaire)"
    assert congo["kind"] == "attack_on_civilians"
    assert killed(congo) == [("civilians", 7, 7, 9)]
    with Session(resolve_home(tmp_path)) as session:
        views = session.fresh_views()
        doc = build_document(views.db, queries.TimelineQuery(country="COD"), log_position=0)
    (row,) = csv.DictReader(io.StringIO(render(doc, "acled")))
    assert (row["event_type"], row["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (row["disorder_type"], row["civilian_targeting"]) == (
        "Political violence",
        "Civilian targeting",
    )
    assert (row["country"], row["iso"], row["region"]) == (
        "Democratic Republic of Congo",
        "180",
        "Middle Africa",
    )
    assert "ucdp-ged-430401" in by_key(timeline(tmp_path, country="UKR"))

    second = imported(tmp_path, "ucdp", GED_2, "2024-06-20")
    assert (second["new"], second["revised"], second["retracted"]) == (1, 2, 1)
    jermuk = by_key(timeline(tmp_path, country="ARM"))["ucdp-ged-430101"]
    assert killed(jermuk) == [("Government of Armenia", 105, 105, 135)]
    assert by_key(timeline(tmp_path, country="COD"))["ucdp-ged-430301"]["status"] == "retracted"
    earlier = by_key(timeline(tmp_path, country="ARM", as_of="2023-12-31T00:00:00Z"))
    assert killed(earlier["ucdp-ged-430101"]) == [("Government of Armenia", 49, 49, 56)]


def test_a_partial_file_retracts_only_in_its_countries(tmp_path: Path) -> None:
    imported(tmp_path, "ucdp", GED_1, "2023-06-20")
    second = imported(tmp_path, "ucdp", GED_2, "2024-06-20", "--partial")
    assert second["retracted"] == 0
    assert by_key(timeline(tmp_path, country="COD"))["ucdp-ged-430301"]["status"] == "active"


def test_acled_round_trip_keeps_types_places_and_fatalities(tmp_path: Path) -> None:
    imported(tmp_path, "acled", ACLED_1, "2022-09-20")
    source = {r["event_id_cnty"]: r for r in csv.DictReader(ACLED_1.open(encoding="utf-8"))}
    exported: list[dict[str, str]] = []
    for country in ("ARM", "AZE", "KGZ", "TJK", "XKX"):
        with Session(resolve_home(tmp_path)) as session:
            views = session.fresh_views()
            doc = build_document(views.db, queries.TimelineQuery(country=country), log_position=0)
        exported += list(csv.DictReader(io.StringIO(render(doc, "acled"))))
    keys = {f"acled-{k.lower()}": k for k in source}
    matched = 0
    for row in exported:
        with Session(resolve_home(tmp_path)) as session:
            found = (
                session.fresh_views()
                .db.execute(
                    "SELECT key FROM development_versions WHERE development_id = ?",
                    [row["timeline_development_id"]],
                )
                .fetchone()
            )
        original = source[keys[found[0]]]
        if row["country"] != original["country"]:
            continue  # the same development under another country's report
        matched += 1
        assert row["event_type"] == original["event_type"]
        assert row["event_date"] == original["event_date"]
        assert row["time_precision"] == original["time_precision"]
        assert row["iso"] == original["iso"]
        assert row["region"] == original["region"]
        assert row["location"] == original["location"]
        assert float(row["latitude"]) == pytest.approx(float(original["latitude"]))
        assert row["fatalities"] == original["fatalities"]
        if original["sub_event_type"] != "Air/drone strike" or "drone" in original["notes"]:
            assert row["sub_event_type"] == original["sub_event_type"]
        # State forces come back as ACLED names them, less the regime's period.
        for column in ("actor1", "actor2"):
            if original[column].startswith("Military Forces of "):
                assert row["actor1"] and row["actor2"], row
                period = original[column].rpartition(" (")[0]
                assert period in (row["actor1"], row["actor2"])
        if original["interaction"] == "11":
            assert row["interaction"] == "11"
    assert matched == len(source)


@pytest.mark.parametrize(
    ("acled", "ours"),
    [
        ("Military Forces of Azerbaijan (2003-)", "Azerbaijani Armed Forces"),
        ("Police Forces of Armenia (2018-)", "Armenian Police"),
        ("Protesters (Armenia)", "Protesters in Armenia"),  # never Armenia's government
        ("Government of Russia (2000-)", "Government of Russia"),
        ("Islamic State (IS)", "Islamic State (IS)"),
        ("Al Shabaab", "Al Shabaab"),
    ],
)
def test_acled_actor_names_in_the_registrys_forms(acled: str, ours: str) -> None:
    assert acled_rows.actor_name(acled) == ours


def test_a_large_file_streams_in_batches(tmp_path: Path) -> None:
    rows = list(csv.DictReader(ACLED_1.open(encoding="utf-8")))
    path = tmp_path / "large.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, acled_reference.COLUMNS, lineterminator="\n")
        writer.writeheader()
        for n in range(1200):
            writer.writerow({**rows[n % len(rows)], "event_id_cnty": f"ARM{90000 + n}"})
    ticks: list[tuple[int, int | None]] = []
    with Session(resolve_home(tmp_path / "home")) as session:
        views = session.fresh_views()
        summary = import_snapshot(
            session.app,
            views.db,
            acled_rows.DATASET,
            path,
            "2022-09-20",
            tick=lambda done, total: ticks.append((done, total)),
            batch_size=250,
        )
    assert (summary.rows, summary.new, summary.failed) == (1200, 1200, 0)
    assert len(ticks) >= 3 and ticks[-1][0] == ticks[-1][1] == path.stat().st_size
    assert [done for done, _ in ticks] == sorted(done for done, _ in ticks)
