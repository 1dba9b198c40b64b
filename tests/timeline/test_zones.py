"""Times keep their zone: IANA zones beside dispatch dates, local times shown with UTC."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from support import REPO_ROOT, SEED, minimal_dispatch

from timeline import zones
from timeline.cli import cli
from timeline.dispatch import load_dispatch, parse_document
from timeline.errors import DateError, DispatchError
from timeline.session import Session
from timeline.store import resolve_home

SERIES = REPO_ROOT / "fixtures" / "series"


def _moscow() -> dict[str, Any]:
    document = minimal_dispatch()
    document["report"] = {
        "outlet": "TASS",
        "headline": "Ceasefire from 09:00 Moscow time",
        "published": "2022-09-13T10:00",
        "tz": "Europe/Moscow",
    }
    document["developments"][0]["occurred"] = {
        "start": "2022-09-13T09:00",
        "precision": "hour",
        "phrase": "from 09:00 Moscow time",
        "tz": "Europe/Moscow",
    }
    return document


def test_a_named_zone_is_read_as_wall_clock_time_and_stored_in_utc() -> None:
    dispatch = parse_document(_moscow(), "moscow.yaml")
    assert dispatch.report.published == "2022-09-13T07:00:00Z"
    assert (dispatch.report.published_offset, dispatch.report.published_tz) == (
        "+03:00",
        "Europe/Moscow",
    )
    occurred = dispatch.developments[0].occurred
    assert (occurred.start, occurred.end, occurred.tz) == (
        "2022-09-13T06:00:00Z",
        "2022-09-13T07:00:00Z",
        "Europe/Moscow",
    )


def test_a_local_day_is_the_zones_calendar_day() -> None:
    document = _moscow()
    document["developments"][0]["occurred"] = {
        "start": "2022-09-13",
        "precision": "day",
        "tz": "Europe/Moscow",
    }
    occurred = parse_document(document, "day.yaml").developments[0].occurred
    assert (occurred.start, occurred.end) == ("2022-09-12T21:00:00Z", "2022-09-13T21:00:00Z")
    assert zones.local_occurred_label(occurred.start, occurred.end, "day", occurred.tz) == (
        "13 Sep 2022"
    )


@pytest.mark.parametrize(
    ("where", "value", "field", "expected"),
    [
        ("report", {"tz": "Mars/Olympus"}, "report.tz", "IANA"),
        ("report", {"published": "2022-09-13T10:00+02:00"}, "report.published", "+03:00"),
        ("occurred", {"tz": "Moscow"}, "developments[0].occurred.tz", "IANA"),
        (
            "occurred",
            {"tz": "Europe/Berlin", "start": "2022-03-27T02:30"},
            "developments[0].occurred.start",
            "went forward",
        ),
        (
            "occurred",
            {"tz": "Europe/Berlin", "start": "2022-10-30T02:30"},
            "developments[0].occurred.start",
            "twice",
        ),
    ],
)
def test_zones_are_never_guessed(
    where: str, value: dict[str, str], field: str, expected: str
) -> None:
    document = _moscow()
    if where == "report":
        document["report"].update(value)
    else:
        document["developments"][0]["occurred"].update(value)
    with pytest.raises(DispatchError) as caught:
        parse_document(document, "bad.yaml")
    assert caught.value.field == field
    assert expected in str(caught.value)


def test_views_show_local_time_with_utc_beside(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Session(resolve_home(home)) as session:
        session.app.ingest(parse_document(_moscow(), "moscow.yaml"))
        published = next(e.event for e in session.app.read_log() if e.type == "Report.Published")
        assert published.published_tz == "Europe/Moscow"
        row = session.fresh_views().db.execute("SELECT published_local FROM reports").fetchone()
        assert row[0] == "13 Sep 2022 10:00 MSK (07:00 UTC)"

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, [*args, "--home", str(home)])
        assert result.exit_code == 0, result.output
        return result.output

    label = "13 Sep 2022 09:00 MSK (06:00 UTC)"
    shown = json.loads(run("show", "--conflict", "test-border-dispute", "--json"))
    rows = shown["developments"] if isinstance(shown, dict) else shown
    clash = next(r for r in rows if r["occurred"]["tz"])
    assert clash["occurred"]["label"] == label
    assert label in " ".join(run("show", "--conflict", "test-border-dispute").split())
    markdown = run("report", "--conflict", "test-border-dispute", "--format", "md")
    assert label in markdown and "13 Sep 2022 10:00 MSK (07:00 UTC)" in markdown


#: Content hashes of fixture files before figures, revisions and dates gained fields
#: (computed at commit 9099a3d): files that do not use the new fields keep them.
HASHES = {
    SEED: "447fbfd589992c67045e2d71960b134d341244050c199cd0e1c66b5d055302a3",
    SERIES / "2022-09-14-desk-tolls-rise.yaml": (
        "e238d1c42873023456197f5b519d64ae973dd51dabad397b72909668126503b0"
    ),
    SERIES / "2022-09-14-second-wire.yaml": (
        "7648c31646bf1766267d0ab3909afca43960a8804b8d24d5b73da0c9bfa5d24c"
    ),
}


@pytest.mark.parametrize("path", list(HASHES), ids=lambda p: p.name)
def test_files_without_the_new_fields_keep_their_content_hash(path: Path) -> None:
    assert load_dispatch(path).content_hash == HASHES[path]


def test_the_legacy_seed_is_recognised_as_already_ingested(tmp_path: Path) -> None:
    home = tmp_path / "legacy"
    home.mkdir()
    shutil.copy(REPO_ROOT / "fixtures" / "legacy" / "events-v1.sqlite3", home / "events.sqlite3")
    with Session(resolve_home(home)) as session:
        assert session.app.ingest(load_dispatch(SEED)).appended == 0


def test_moment_label_without_a_zone_or_at_utc() -> None:
    assert zones.moment_label("2022-09-13T06:00:00Z", None) == "13 Sep 2022 06:00 UTC"
    assert zones.moment_label("2022-09-13T06:00:00Z", "Europe/London").endswith("(06:00 UTC)")
    assert zones.moment_label("2022-01-13T06:00:00Z", "Europe/London") == ("13 Jan 2022 06:00 GMT")
    assert zones.moment_label("2022-09-12T22:30:00Z", "Asia/Kathmandu") == (
        "13 Sep 2022 04:15 +0545 (12 Sep 2022 22:30 UTC)"
    )
    with pytest.raises(DateError):
        zones.zone("Not/AZone")


ZONES = st.sampled_from(
    ["Europe/Moscow", "Europe/Berlin", "America/New_York", "Asia/Kathmandu", "UTC"]
)


@settings(max_examples=200, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
    ).map(lambda m: m.replace(second=0, microsecond=0)),
    name=ZONES,
)
def test_local_wall_clock_round_trips_to_the_same_utc(moment: datetime, name: str) -> None:
    """A UTC moment written as its local wall-clock time in a zone reads back as the same
    moment, or is refused when the clocks make that wall-clock time ambiguous."""
    local = moment.astimezone(zones.zone(name))
    text = local.replace(tzinfo=None).isoformat(timespec="minutes")
    try:
        back, granularity = zones.localise(text, name)
    except DateError as exc:
        assert "twice" in str(exc)
        return
    assert granularity == "hour"
    assert back.astimezone(UTC) == moment
    assert back.utcoffset() == local.utcoffset()
    with_offset = local.isoformat(timespec="minutes")
    assert zones.localise(with_offset, name)[0].astimezone(UTC) == moment
    assert back.astimezone(UTC) - moment == timedelta(0)


def test_a_zoned_day_is_filed_under_its_own_day() -> None:
    start, end = "2022-09-12T21:00:00Z", "2022-09-13T21:00:00Z"
    assert zones.local_occurred_group(start, end, "day", "Europe/Moscow") == "Tue 13 Sep 2022"
    assert zones.local_occurred_group(start, end, "day", None) == "Mon 12 Sep 2022"
