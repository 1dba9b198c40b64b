"""A log written by the version-1 event schema still loads, replays and verifies."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from support import REPO_ROOT, seed_reference

from projections import queries
from timeline.dispatch import FORMAT, parse_document
from timeline.domain import Report
from timeline.integrity import verify
from timeline.session import Session
from timeline.store import resolve_home

LEGACY = REPO_ROOT / "fixtures" / "legacy" / "events-v1.sqlite3"


@pytest.fixture
def legacy(tmp_path: Path) -> Session:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(LEGACY, home / "events.sqlite3")
    session = Session(resolve_home(home))
    yield session
    session.close()


def test_the_fixture_really_holds_version_1_report_events() -> None:
    with sqlite3.connect(LEGACY) as db:
        states = [
            row[0]
            for row in db.execute(
                "SELECT state FROM stored_events WHERE topic LIKE '%Report.Published'"
            )
        ]
    assert states and all(b'"language"' not in bytes(s) for s in states)
    assert all(b'"class_version"' not in bytes(s) for s in states)
    assert Report.Published.class_version >= 2


def test_legacy_log_loads_with_upcast_reports(legacy: Session) -> None:
    report_ids = [e.originator_id for e in legacy.app.read_log() if e.type == "Report.Published"]
    assert len(report_ids) == 3
    for report_id in report_ids:
        report = legacy.app.repository.get(report_id)
        assert report.language is None and report.outlet


def test_legacy_log_replays_and_verifies(legacy: Session) -> None:
    count = legacy.views.rebuild()
    assert count == legacy.app.max_position() == 36
    db = legacy.views.db
    assert {r[0] for r in db.execute("SELECT language FROM reports").fetchall()} == {None}
    tally = queries.tally(db, "armenia-azerbaijan")
    assert {(t["party"], t["best"]) for t in tally} == {("ARM", 105), ("AZE", 71)}
    result = verify(legacy.app, legacy.views)
    assert result.ok, result.findings


def test_new_reports_carry_their_language_beside_legacy_ones(legacy: Session) -> None:
    document = {
        "format": FORMAT,
        "report": {
            "outlet": "Armenpress",
            "headline": "Test report in Armenian",
            "published": "2022-09-17T08:00:00Z",
            "language": "hy",
        },
        "revisions": [
            {
                "action": "corroborate",
                "target": seed_reference("border-clashes-overnight"),
            }
        ],
    }
    legacy.app.ingest(parse_document(document, "armenpress.yaml"))
    languages = dict(
        legacy.fresh_views().db.execute("SELECT outlet, language FROM reports").fetchall()
    )
    assert languages["Armenpress"] == "hy" and languages["Reuters"] is None
    assert verify(legacy.app, legacy.views).ok


def test_an_unknown_language_code_is_a_dispatch_error() -> None:
    from timeline.errors import DispatchError

    document = {
        "format": FORMAT,
        "report": {
            "outlet": "X",
            "headline": "Y",
            "published": "2022-09-17T08:00:00Z",
            "language": "qq",
        },
        "revisions": [{"action": "corroborate", "target": "some-key"}],
    }
    with pytest.raises(DispatchError) as caught:
        parse_document(document, "lang.yaml")
    assert caught.value.field == "report.language"
