"""The command line: every command's happy path and JSON shape, usage errors, and the
error edge (messages and exit codes, never a traceback) through the real console script."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pycountry
import pytest
from click.testing import Result
from support import KG, SEED, minimal_dispatch

from timeline.cli import cli
from timeline.dispatch import Dispatch, load_dispatch
from timeline.domain import development_id, report_id
from timeline.errors import NotFoundError, UsageError
from timeline.serialize import JSON_VERSION

RunCli = Callable[..., Result]
RunScript = Callable[..., Any]
MakeDispatch = Callable[..., Path]

SEED_DISPATCH = load_dispatch(SEED)
KG_DISPATCH = load_dispatch(KG)
BOTH = (SEED_DISPATCH, KG_DISPATCH)


def _rid(dispatch: Dispatch) -> str:
    r = dispatch.report
    return str(report_id(r.url, r.outlet, r.published, r.headline))


def _dev_ids(dispatch: Dispatch, predicate: Callable[[Any], bool] = lambda d: True) -> set[str]:
    rid = report_id(
        *(getattr(dispatch.report, f) for f in ("url", "outlet", "published", "headline"))
    )
    return {str(development_id(rid, d.key)) for d in dispatch.developments if predicate(d)}


def _flat(text: str) -> str:
    """Output with rich's line wrapping undone."""
    return " ".join(text.split())


def _json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _events(dispatch: Dispatch) -> int:
    return 1 + len(dispatch.conflicts) + len(dispatch.developments)


# --- help and version -------------------------------------------------------------------------


def test_every_command_has_help_ending_with_an_example(run_cli: RunCli) -> None:
    assert len(cli.commands) >= 8
    for name in cli.commands:
        result = run_cli(name, "--help", home=None)
        assert result.exit_code == 0, name
        assert f"Example: timeline {name}" in _flat(result.output), name


def test_version(run_cli: RunCli) -> None:
    result = run_cli("--version", home=None)
    assert result.exit_code == 0
    assert "0.1.0" in result.output


# --- ingest -----------------------------------------------------------------------------------


def test_ingest_reports_what_it_appended_then_skips(run_cli: RunCli) -> None:
    first = run_cli("ingest", str(SEED))
    assert first.exit_code == 0, first.output
    assert f"appended {_events(SEED_DISPATCH)} events" in _flat(first.output)
    again = run_cli("ingest", str(SEED))
    assert again.exit_code == 0
    assert "already in the log" in _flat(again.output)


def test_ingest_json_shape(run_cli: RunCli) -> None:
    document = _json(run_cli("ingest", str(SEED), str(KG), "--json"))
    assert document["failed"] == 0
    files = document["files"]
    assert [f["file"] for f in files] == [str(SEED), str(KG)]
    for entry, dispatch in zip(files, BOTH, strict=True):
        assert entry["status"] == "appended"
        assert entry["report_id"] == _rid(dispatch)
        assert entry["developments"] == len(dispatch.developments)
        assert entry["events"] == _events(dispatch)
    again = _json(run_cli("ingest", str(SEED), "--json"))
    assert again["files"][0]["status"] == "skipped"
    assert again["files"][0]["events"] == 0


def test_ingest_a_directory_takes_every_dispatch_in_it(run_cli: RunCli) -> None:
    document = _json(run_cli("ingest", str(SEED.parent), "--json"))
    assert {f["report_id"] for f in document["files"]} == {_rid(d) for d in BOTH}


def test_a_bad_file_is_reported_and_a_good_one_still_ingested(
    run_cli: RunCli, make_dispatch: MakeDispatch, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bad = make_dispatch(lambda d: d["developments"][0].update(countries=["ARM", "XXX"]))
    good = make_dispatch()
    monkeypatch.chdir(bad.parent)  # short relative paths: the message is not wrapped
    result = run_cli("ingest", bad.name, good.name)
    assert result.exit_code == 3  # DispatchError
    assert f"{bad.name}: developments[0].countries[1]: expected an ISO 3166-1" in _flat(
        result.stderr
    )
    assert "Traceback" not in result.output
    conflicts = {c["id"] for c in _json(run_cli("conflicts", "--json"))}
    assert "test-border-dispute" in conflicts  # from the good file

    as_json = run_cli("ingest", bad.name, "--json", home=tmp_path / "other")
    assert as_json.exit_code == 3
    document = json.loads(as_json.stdout)
    assert document["failed"] == 1
    assert document["files"][0]["status"] == "failed"
    assert "developments[0].countries[1]" in document["files"][0]["error"]


def test_ingest_errors_through_the_console_script(
    run_script: RunScript, make_dispatch: MakeDispatch, home: Path
) -> None:
    bad = make_dispatch(lambda d: d["developments"][0].update(kind="riot"))
    good = make_dispatch()
    result = run_script(["ingest", str(bad), str(good), "--home", str(home)])
    assert result.returncode == 3
    assert "developments[0].kind" in result.stderr
    assert "Traceback" not in result.stderr
    document = minimal_dispatch()
    expected = 1 + len(document["conflicts"]) + len(document["developments"])
    assert f"appended {expected} events" in _flat(result.stdout)  # the good file


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "!!bool maybe",
            "line 3 column 11: expected valid YAML (bool 'maybe' is not a valid bool)",
        ),
        ("!!timestamp xyz", "line 3 column 11: expected valid YAML (timestamp 'xyz' is not"),
        ('!!int ""', "line 3 column 11: expected valid YAML (int '' is not a plain decimal"),
        ("!!float x", "line 3 column 11: expected valid YAML (float 'x' is not a decimal"),
        ("9" * 5000, "line 3 column 11: expected valid YAML (int of 5000 digits"),
    ],
)
def test_one_malformed_value_refuses_its_file_alone(
    run_cli: RunCli,
    make_dispatch: MakeDispatch,
    monkeypatch: pytest.MonkeyPatch,
    value: str,
    message: str,
) -> None:
    """Issue 18: a bad tagged value or an over-long integer was an internal error that
    appended nothing from any file; now it refuses its own file, with its line and column."""
    good = make_dispatch()
    bad = good.parent / "bad.yaml"
    bad.write_text(f"format: timeline-dispatch/1\nreport:\n  outlet: {value}\n", encoding="utf-8")
    monkeypatch.chdir(good.parent)  # short relative paths: the message is not wrapped
    result = run_cli("ingest", good.name, bad.name)
    assert result.exit_code == 3, result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert _flat(result.stderr).startswith(f"error: bad.yaml: {message}")
    assert result.stdout.startswith(f"{good.name}: appended ")  # the good file went in


def test_an_over_long_integer_refuses_its_archive_line_alone(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    good = minimal_dispatch()
    lines = [json.dumps(good), '{"format": "timeline-dispatch/1", "n": ' + "9" * 5000 + "}"]
    (tmp_path / "long.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("ingest", "long.jsonl")
    assert result.exit_code == 3, result.output
    assert result.stdout.startswith("long.jsonl: 2 dispatches: 1 appended")
    assert result.stderr.splitlines() == [
        "error: long.jsonl:2: column 40: expected a number of at most 4300 digits, found 'a "
        "longer number'"
    ]


def test_error_message_keeps_a_long_file_path_on_one_line(
    run_script: RunScript, tmp_path: Path, home: Path
) -> None:
    folder = tmp_path / ("a-rather-long-directory-name-for-dispatch-files-" * 2)
    folder.mkdir()
    bad = folder / "2022-09-20-wire-report-with-a-long-name.yaml"
    bad.write_text("format: timeline-dispatch/1\nreport: [unclosed\n", encoding="utf-8")
    assert len(str(bad)) > 80
    result = run_script(["ingest", str(bad), "--home", str(home)])
    assert result.returncode == 3
    assert str(bad) in result.stderr


def _archive(path: Path, *, bad: bool = True) -> Path:
    """Three good dispatches, and (with ``bad``) a broken line, a duplicate key and a
    schema error between them, plus blank lines."""
    lines = []
    for n in range(3):
        document = minimal_dispatch()
        document["report"]["headline"] = f"Archived report {n}"
        lines.append(json.dumps(document))
        if bad and n == 0:
            lines += ["", '{"format": "timeline-dispatch/1", "report": {', "{}"]
        if bad and n == 1:
            document["report"]["headline"] = "Another report"
            document["developments"][0]["countries"] = ["ARM", "XYZ"]
            lines += [json.dumps(document), '{"format": "a", "format": "b"}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ingest_an_archive_prints_one_line_for_it_and_errors_by_line(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # short relative paths: messages are not wrapped
    _archive(tmp_path / "wire.jsonl")
    result = run_cli("ingest", "wire.jsonl", str(KG))
    assert result.exit_code == 3, result.output
    assert result.stdout.splitlines() == [
        "wire.jsonl: 7 dispatches: 3 appended (10 events), 0 already in the log, 4 failed",
        f"{KG}: appended {_events(KG_DISPATCH)} events ({len(KG_DISPATCH.developments)} new "
        "developments)",
    ]
    errors = result.stderr.splitlines()
    assert errors == [
        "error: wire.jsonl:3: column 46: expected valid JSON (Expecting property name "
        "enclosed in double quotes)",
        "error: wire.jsonl:4: format: expected a value (this field is required)",
        "error: wire.jsonl:6: developments[0].countries[1]: expected an ISO 3166-1 alpha-3 "
        "country code like ARM, found 'XYZ'",
        "error: wire.jsonl:7: expected each key once per mapping ('format' repeats)",
    ]
    again = run_cli("ingest", "wire.jsonl", str(KG), "--batch-size", "2")
    assert again.exit_code == 3
    assert again.stdout.splitlines()[0] == (
        "wire.jsonl: 7 dispatches: 0 appended (0 events), 3 already in the log, 4 failed"
    )
    assert "already in the log, nothing appended" in again.stdout.splitlines()[1]


def test_ingest_archive_json_shape(run_cli: RunCli, tmp_path: Path) -> None:
    archive = _archive(tmp_path / "wire.ndjson")
    result = run_cli("ingest", str(archive), str(SEED), "--json")
    assert result.exit_code == 3
    document = json.loads(result.stdout)
    assert document["failed"] == 4
    assert [f["file"] for f in document["files"]] == [str(SEED)]
    assert document["files"][0]["status"] == "appended"
    (summary,) = document["archives"]
    assert {k: v for k, v in summary.items() if k != "failures"} == {
        "archive": str(archive),
        "dispatches": 7,
        "appended": 3,
        "skipped": 0,
        "failed": 4,
        "events": 10,
    }
    assert [f["source"] for f in summary["failures"]] == [f"{archive}:{n}" for n in (3, 4, 6, 7)]
    assert "developments[0].countries[1]" in summary["failures"][2]["error"]


def test_an_archive_that_cannot_be_read_fails_as_a_whole(run_cli: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.jsonl"
    result = run_cli("ingest", str(missing), str(SEED), "--json")
    assert result.exit_code == 3
    document = json.loads(result.stdout)
    assert document["archives"] == [
        {
            "archive": str(missing),
            "status": "failed",
            "error": f"{missing}: expected an existing dispatch file",
        }
    ]
    assert document["files"][0]["status"] == "appended"


def test_ingest_searches_directories_for_archives_too(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    _archive(folder / "b.jsonl", bad=False)
    (folder / "notes.txt").write_text("not a dispatch", encoding="utf-8")
    (folder / "a.json").write_text(
        json.dumps(
            minimal_dispatch() | {"report": dict(minimal_dispatch()["report"], headline="A")}
        ),
        encoding="utf-8",
    )
    document = _json(run_cli("ingest", str(folder), "--json"))
    assert [f["file"] for f in document["files"]] == [str(folder / "a.json")]
    assert [a["archive"] for a in document["archives"]] == [str(folder / "b.jsonl")]
    assert document["archives"][0]["appended"] == 3


def test_bulk_ingest_keeps_the_log_verifiable_and_readable(run_cli: RunCli, tmp_path: Path) -> None:
    archive = _archive(tmp_path / "wire.jsonl", bad=False)
    assert run_cli("ingest", str(archive), str(SEED), "--batch-size", "2").exit_code == 0
    verified = run_cli("verify")
    assert verified.exit_code == 0, verified.output
    logged = _json(run_cli("log", "--json"))
    assert len(logged) == 10 + _events(SEED_DISPATCH)
    assert [e["position"] for e in logged] == list(range(1, len(logged) + 1))


def test_ingest_help_describes_archives_and_batches(run_cli: RunCli) -> None:
    text = _flat(run_cli("ingest", "--help", home=None).output)
    assert "JSON Lines archives (*.jsonl, *.ndjson" in text
    assert "--batch-size N" in text and "PATH:LINE" in text


# --- show -------------------------------------------------------------------------------------


def test_show_conflict_text(run_cli: RunCli, populated_home: Path) -> None:
    result = run_cli("show", "--conflict", "armenia-azerbaijan", home=populated_home)
    assert result.exit_code == 0, result.output
    flat = _flat(result.output)
    assert flat.startswith("Armenia–Azerbaijan conflict (armenia-azerbaijan)")
    in_conflict = _dev_ids(SEED_DISPATCH, lambda d: "armenia-azerbaijan" in d.conflicts)
    assert f"{len(in_conflict)} developments, as known now" in flat
    assert "night of 12–13 Sep 2022" in flat
    assert "c. 1988–1994" in flat
    assert "≥49" in flat and "(per Government of Armenia)" in flat
    assert "Casualty figures" in flat


def test_show_limits_a_long_answer_to_what_occurred_last_and_says_so(
    run_cli: RunCli, populated_home: Path
) -> None:
    args = ("show", "--conflict", "armenia-azerbaijan")
    everything = _json(run_cli(*args, "--json", home=populated_home))["developments"]
    total = len(everything)
    assert total > 2
    limited = run_cli(*args, "--limit", "2", home=populated_home)
    assert limited.exit_code == 0, limited.output
    flat = _flat(limited.output)
    assert f"{total} developments, as known now" in flat
    assert "showing the 2 that occurred last (--limit N for more, --all for every one)" in flat
    assert everything[-1]["summary"][:30] in flat and everything[0]["summary"][:30] not in flat
    assert "showing the" not in _flat(run_cli(*args, home=populated_home).output)
    assert "showing the" not in _flat(run_cli(*args, "--all", home=populated_home).output)
    last_two = _json(run_cli(*args, "--json", "--limit", "2", home=populated_home))
    assert last_two["developments"] == everything[-2:]
    both = run_cli(*args, "--all", "--limit", "2", home=populated_home)
    assert both.exit_code != 0 and "not both" in str(both.exception)


def test_show_fits_in_80_columns(run_cli: RunCli, populated_home: Path) -> None:
    result = run_cli("show", "--conflict", "armenia-azerbaijan", home=populated_home)
    long_lines = [line for line in result.output.splitlines() if len(line.rstrip()) > 80]
    assert not long_lines


def test_show_json_shape(run_cli: RunCli, populated_home: Path) -> None:
    document = _json(
        run_cli("show", "--conflict", "armenia-azerbaijan", "--json", home=populated_home)
    )
    assert document["version"] == JSON_VERSION
    assert document["title"] == "Armenia–Azerbaijan conflict (armenia-azerbaijan)"
    assert document["as_of"] is None
    developments = document["developments"]
    assert {d["id"] for d in developments} == _dev_ids(
        SEED_DISPATCH, lambda d: "armenia-azerbaijan" in d.conflicts
    )
    for development in developments:
        assert set(development["occurred"]) == {
            "start",
            "end",
            "precision",
            "phrase",
            "resolved_against",
            "label",
            "tz",
        }
        assert development["occurred"]["start"] < development["occurred"]["end"]
        assert development["occurred"]["resolved_against"] == SEED_DISPATCH.report.published
        assert development["reported_at"] == SEED_DISPATCH.report.published
        assert development["recorded_at"] > development["reported_at"]
        assert development["report_id"] == _rid(SEED_DISPATCH)
        assert {"asserted_by", "verification", "disputed_by"} <= set(development["claim"])
    clash = next(d for d in developments if d["occurred"]["phrase"] == "overnight")
    assert clash["occurred"]["label"] == "night of 12–13 Sep 2022"
    tally = {(t["party"], t["category"]): t for t in document["tally"]}
    assert tally[("ARM", "killed")]["label"] == "≥49"
    assert tally[("ARM", "killed")]["claimant"] == "Government of Armenia"
    assert tally[("AZE", "killed")]["label"] == "50"


def test_show_country_accepts_lower_case(run_cli: RunCli, populated_home: Path) -> None:
    document = _json(run_cli("show", "--country", "kgz", "--json", home=populated_home))
    assert document["title"] == f"{pycountry.countries.get(alpha_3='KGZ').name} (KGZ)"
    assert {d["id"] for d in document["developments"]} == _dev_ids(
        KG_DISPATCH, lambda d: "KGZ" in d.countries
    ) | _dev_ids(SEED_DISPATCH, lambda d: "KGZ" in d.countries)
    assert document["tally"] is None


def test_show_actor_is_case_insensitive(run_cli: RunCli, populated_home: Path) -> None:
    document = _json(
        run_cli("show", "--actor", "government of russia", "--json", home=populated_home)
    )
    assert document["title"] == "Government of Russia"
    named = lambda d: "Government of Russia" in d.actors + d.claim.asserted_by  # noqa: E731
    assert {d["id"] for d in document["developments"]} == _dev_ids(SEED_DISPATCH, named) | _dev_ids(
        KG_DISPATCH, named
    )


@pytest.mark.parametrize(
    ("as_of", "includes_kg"),
    [
        ("2022-09-15", False),
        ("2022-09-16", True),  # a bare date means the end of that day
        ("2022-09-16T11:59:59Z", False),
        ("2022-09-16T18:00+06:00", True),  # the KG report's own publication time
    ],
)
def test_show_as_of_is_knowledge_time(
    run_cli: RunCli, populated_home: Path, as_of: str, includes_kg: bool
) -> None:
    document = _json(
        run_cli(
            "show",
            "--actor",
            "Government of Russia",
            "--as-of",
            as_of,
            "--json",
            home=populated_home,
        )
    )
    ids = {d["id"] for d in document["developments"]}
    assert ids & _dev_ids(SEED_DISPATCH)
    assert bool(ids & _dev_ids(KG_DISPATCH)) == includes_kg


def test_show_occurred_filters(run_cli: RunCli, populated_home: Path) -> None:
    document = _json(
        run_cli(
            "show",
            "--conflict",
            "armenia-azerbaijan",
            "--occurred-to",
            "2020-12-31",
            "--json",
            home=populated_home,
        )
    )
    labels = sorted(d["occurred"]["label"] for d in document["developments"])
    # The 1988–1994 war, the 2020 gains (year) and the six-week 2020 war.
    assert labels == sorted(["c. 1988–1994", "2020", "27 Sep 2020 – 10 Nov 2020"])


def test_show_with_an_ambiguous_date_is_a_usage_error(
    run_cli: RunCli, populated_home: Path
) -> None:
    result = run_cli(
        "show", "--conflict", "armenia-azerbaijan", "--as-of", "01/02/2022", home=populated_home
    )
    # Checked by the --as-of option's date type: click's usage error, exit code 2.
    assert result.exit_code == UsageError.exit_code
    assert "Invalid value for '--as-of'" in result.stderr
    assert "ambiguous" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--conflict", "armenia-azerbaijan", "--country", "ARM"],
        ["--actor", "x", "--country", "ARM"],
    ],
    ids=["none", "conflict-and-country", "actor-and-country"],
)
def test_show_needs_exactly_one_dimension(
    run_cli: RunCli, populated_home: Path, args: list[str]
) -> None:
    result = run_cli("show", *args, home=populated_home)
    assert isinstance(result.exception, UsageError)
    assert "exactly one of --conflict" in str(result.exception)


def test_usage_errors_through_the_console_script(
    run_script: RunScript, populated_home: Path
) -> None:
    home = ["--home", str(populated_home)]
    ours = run_script(["show", *home])
    assert ours.returncode == UsageError.exit_code == 2
    assert "error: give exactly one of --conflict" in _flat(ours.stderr)
    clicks = run_script(["show", "--bogus", *home])
    assert clicks.returncode == 2
    assert "No such option" in clicks.stderr
    for result in (ours, clicks):
        assert "Traceback" not in result.stderr
        assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--conflict", "nope"],
            "no conflict with id 'nope'; known: armenia-azerbaijan, kyrgyzstan-tajikistan, russia-ukraine",
        ),
        (["--actor", "Vladim"], "no actor named 'Vladim'; did you mean: Vladimir Putin"),
        (["--country", "XXX"], "'XXX' is not an ISO 3166-1 alpha-3 country code"),
    ],
    ids=["conflict", "actor", "country"],
)
def test_unknown_names_are_clear_errors(
    run_script: RunScript, populated_home: Path, args: list[str], message: str
) -> None:
    result = run_script(["show", *args, "--home", str(populated_home)])
    assert result.returncode == NotFoundError.exit_code == 5
    assert f"error: {message}" in _flat(result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# --- the other read commands ------------------------------------------------------------------


def test_log_lists_every_event_in_order(run_cli: RunCli, populated_home: Path) -> None:
    rows = _json(run_cli("log", "--json", home=populated_home))
    total = _events(SEED_DISPATCH) + _events(KG_DISPATCH)
    assert [r["position"] for r in rows] == list(range(1, total + 1))
    assert set(rows[0]) == {
        "position",
        "type",
        "originator_id",
        "originator_version",
        "recorded_at",
    }
    assert rows[0]["type"] == "Report.Published"
    assert rows[0]["originator_id"] == _rid(SEED_DISPATCH)
    text = run_cli("log", home=populated_home)
    assert "Event log after position 0" in _flat(text.output)


@pytest.mark.parametrize("since", [0, 1, 10, 37, 38, 100])
def test_log_since_returns_only_later_positions(
    run_cli: RunCli, populated_home: Path, since: int
) -> None:
    rows = _json(run_cli("log", "--since", str(since), "--json", home=populated_home))
    total = _events(SEED_DISPATCH) + _events(KG_DISPATCH)
    assert [r["position"] for r in rows] == list(range(since + 1, total + 1))


def test_log_limit(run_cli: RunCli, populated_home: Path) -> None:
    rows = _json(run_cli("log", "--since", "5", "--limit", "3", "--json", home=populated_home))
    assert [r["position"] for r in rows] == [6, 7, 8]


def test_conflicts_json(run_cli: RunCli, populated_home: Path) -> None:
    rows = {r["id"]: r for r in _json(run_cli("conflicts", "--json", home=populated_home))}
    defined = {c.slug: c for d in BOTH for c in d.conflicts}
    assert set(rows) == set(defined)
    for slug, row in rows.items():
        assert row["name"] == defined[slug].name
        assert row["parties"] == list(defined[slug].parties)
        expected = sum(len(_dev_ids(d, lambda dev, s=slug: s in dev.conflicts)) for d in BOTH)
        assert row["developments"] == expected


def test_countries_json(run_cli: RunCli, populated_home: Path) -> None:
    rows = {r["iso3"]: r for r in _json(run_cli("countries", "--json", home=populated_home))}
    named = {c for d in BOTH for dev in d.developments for c in dev.countries}
    assert set(rows) == named
    for iso3, row in rows.items():
        assert row["name"] == pycountry.countries.get(alpha_3=iso3).name
        assert row["developments"] == sum(
            len(_dev_ids(d, lambda dev, c=iso3: c in dev.countries)) for d in BOTH
        )


def test_actors_json(run_cli: RunCli, populated_home: Path) -> None:
    listed = _json(run_cli("actors", "--json", home=populated_home))
    named = {a for d in BOTH for dev in d.developments for a in dev.actors + dev.claim.asserted_by}
    # Every name as written appears once, under the actor it resolves to.
    spellings = [n for r in listed for n in r["names"]]
    assert sorted(spellings) == sorted(named)
    rows = {r["actor"]: r for r in listed}
    # One actor, two spellings in the fixtures: the registry's alias joins them.
    assert rows["Tajik Border Service"]["names"] == ["Tajik Border Troops"]
    assert rows["Tajik Border Service"]["sides"] == ["Government of Tajikistan"]
    assert rows["Government of Russia"]["developments"] == sum(
        len(_dev_ids(d, lambda dev: "Government of Russia" in dev.actors + dev.claim.asserted_by))
        for d in BOTH
    )


@pytest.mark.parametrize("command", ["conflicts", "countries", "actors", "log"])
def test_listings_render_as_text(run_cli: RunCli, populated_home: Path, command: str) -> None:
    result = run_cli(command, home=populated_home)
    assert result.exit_code == 0, result.output
    assert result.output.strip()


def test_rebuild_json(run_cli: RunCli, populated_home: Path) -> None:
    document = _json(run_cli("rebuild", "--json", home=populated_home))
    total = _events(SEED_DISPATCH) + _events(KG_DISPATCH)
    assert document["events"] == total
    assert set(document["positions"].values()) == {total}
    assert document["seconds"] >= 0


def test_figures_json(run_cli: RunCli, populated_home: Path) -> None:
    document = _json(
        run_cli("figures", "--conflict", "armenia-azerbaijan", "--json", home=populated_home)
    )
    figures = {(f["party"], f["category"], f["claimant"]): f for f in document["figures"]}
    assert figures[("ARM", "killed", "Government of Armenia")]["label"] == "≥49"
    assert figures[("AZE", "killed", "Government of Azerbaijan")]["label"] == "50"


def test_history_json(run_cli: RunCli, populated_home: Path) -> None:
    document = _json(run_cli("history", "armenian-soldiers-killed", "--json", home=populated_home))
    assert document["development_id"] in _dev_ids(SEED_DISPATCH)
    assert [entry["event"] for entry in document["trail"]] == ["Reported"]
    assert document["trail"][0]["reported_at"] == SEED_DISPATCH.report.published


def test_replay_before_anything_was_reported(run_cli: RunCli, populated_home: Path) -> None:
    document = _json(
        run_cli(
            "replay",
            "--as-of",
            "2022-09-13T11:00Z",
            "--conflict",
            "armenia-azerbaijan",
            "--json",
            home=populated_home,
        )
    )
    assert document["developments"] == []
    assert document["as_of"] == "2022-09-13T11:00:00Z"


def test_demo_uses_the_given_home(run_cli: RunCli, home: Path) -> None:
    result = run_cli("demo")
    assert result.exit_code == 0, result.output
    flat = _flat(result.output)
    assert "Armenia–Azerbaijan conflict (armenia-azerbaijan)" in flat
    assert (home / "events.sqlite3").exists()
    assert {r["id"] for r in _json(run_cli("conflicts", "--json"))} >= {"armenia-azerbaijan"}


# --- where data lives -------------------------------------------------------------------------


def test_homes_are_isolated(run_cli: RunCli, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_cli("ingest", str(SEED), home=one).exit_code == 0
    assert run_cli("ingest", str(KG), home=two).exit_code == 0
    assert {r["id"] for r in _json(run_cli("conflicts", "--json", home=one))} == {
        c.slug for c in SEED_DISPATCH.conflicts
    }
    assert {r["id"] for r in _json(run_cli("conflicts", "--json", home=two))} == {
        c.slug for c in KG_DISPATCH.conflicts
    }


def test_timeline_home_environment_variable(run_cli: RunCli, tmp_path: Path) -> None:
    chosen = tmp_path / "from-env"
    result = run_cli("ingest", str(KG), home=None, env={"TIMELINE_HOME": str(chosen)})
    assert result.exit_code == 0, result.output
    assert (chosen / "events.sqlite3").exists()
    rows = _json(run_cli("log", "--json", home=None, env={"TIMELINE_HOME": str(chosen)}))
    assert len(rows) == _events(KG_DISPATCH)
    # --home wins over the environment.
    other = tmp_path / "explicit"
    assert _json(run_cli("log", "--json", home=other, env={"TIMELINE_HOME": str(chosen)})) == []


def test_refused_archive_lines_are_reported_as_they_are_read(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Issue 18: 200,000 lines of {} held 1.3 GB until the end of the archive, because every
    refusal was queued, exception and all. A refusal with no dispatch before it awaiting its
    outcome is printed at once, and one that must wait keeps only its message."""
    archive = tmp_path / "empty-objects.jsonl"
    good = json.dumps(minimal_dispatch())
    archive.write_text("{}\n" * 5_000 + good + "\n" + "{}\n" * 50, encoding="utf-8")
    tracemalloc.start()
    try:
        result = run_cli("ingest", str(archive))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 3
    errors = result.stderr.splitlines()
    assert len(errors) == 5_050
    assert errors[0].startswith(f"error: {archive}:1: format: expected a value")
    assert errors[-1].startswith(f"error: {archive}:5051: format: expected a value")
    assert "1 appended" in result.stdout
    assert peak < 8_000_000  # it was 32 MB, growing with every refused line
