"""The hash chain and ``timeline verify``: tampering with stored bytes is found and named."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from eventsourcing.persistence import IntegrityError
from support import SEED

from timeline.application import TimelineApp
from timeline.chain import CHAIN_TABLE, GENESIS, link
from timeline.dispatch import load_dispatch
from timeline.integrity import verify
from timeline.session import Session
from timeline.store import resolve_home


@pytest.fixture
def session(tmp_path: Path) -> Session:
    s = Session(resolve_home(tmp_path / "home"))
    s.app.ingest(load_dispatch(SEED))
    yield s
    s.close()


def _events_db(session: Session) -> sqlite3.Connection:
    return sqlite3.connect(session.home.events_path)


def test_a_fresh_log_verifies_and_every_event_has_its_link(session: Session) -> None:
    result = verify(session.app, session.views)
    assert result.ok, result.findings
    assert result.checks == {"decode": "ok", "versions": "ok", "chain": "ok", "read_models": "ok"}
    with _events_db(session) as db:
        rows = db.execute(
            "SELECT e.rowid, e.originator_id, e.originator_version, e.topic, e.state, c.hash "
            f"FROM stored_events e JOIN {CHAIN_TABLE} c ON c.position = e.rowid ORDER BY e.rowid"
        ).fetchall()
        assert len(rows) == db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
    previous = GENESIS
    for position, originator, version, topic, state, stored in rows:
        previous = link(previous, position, originator, version, topic, state)
        assert stored == previous  # the documented algorithm, recomputed independently
    assert result.head_hash == previous


def test_editing_a_stored_event_is_reported_at_its_exact_position(session: Session) -> None:
    session.views.catch_up()  # the read models are built from the original bytes
    with _events_db(session) as db:
        position = db.execute(
            "SELECT rowid FROM stored_events WHERE CAST(state AS TEXT) LIKE '%Jermuk%' "
            "ORDER BY rowid LIMIT 1"
        ).fetchone()[0]
        db.execute(
            "UPDATE stored_events SET state = CAST(REPLACE(CAST(state AS TEXT), 'Jermuk', "
            "'Jermuq') AS BLOB) WHERE rowid = ?",
            [position],
        )
    result = verify(session.app, session.views)
    chain = [f for f in result.findings if f.check == "chain"]
    assert [f.position for f in chain] == [position]
    assert "Development.Reported" in chain[0].message
    assert result.checks["chain"] == "failed"
    # The read models were built from the original bytes, so they no longer match the log.
    assert result.checks["read_models"] == "failed"


def test_a_deleted_event_is_reported_at_its_position(session: Session) -> None:
    with _events_db(session) as db:
        db.execute("DELETE FROM stored_events WHERE rowid = 5")
    result = verify(session.app, None)
    deleted = [f for f in result.findings if "deleted" in f.message]
    assert [f.position for f in deleted] == [5]
    # The next event's link no longer follows from the one before it.
    assert any(f.check == "chain" and f.position == 6 for f in result.findings)
    assert result.checks["read_models"] == "skipped"


def test_a_drifted_read_model_is_found(session: Session) -> None:
    session.views.catch_up()
    session.views.db.execute("UPDATE development_versions SET summary = 'edited' WHERE seq = 0")
    result = verify(session.app, session.views)
    assert result.checks == {
        "decode": "ok",
        "versions": "ok",
        "chain": "ok",
        "read_models": "failed",
    }
    assert any("development_versions" in f.message for f in result.findings)


def test_a_failed_append_leaves_no_chain_rows(session: Session) -> None:
    from timeline.domain import Conflict, conflict_id

    before = session.app.max_position()
    duplicate = Conflict.define(
        id=conflict_id("armenia-azerbaijan"),
        slug="armenia-azerbaijan",
        name="x",
        parties=["ARM"],
        aliases=[],
        started=None,
    )
    with pytest.raises(IntegrityError):
        session.app.save(duplicate)
    with _events_db(session) as db:
        assert db.execute(f"SELECT MAX(position) FROM {CHAIN_TABLE}").fetchone()[0] == before
    assert verify(session.app, None).ok


def test_a_log_written_without_the_chain_is_sealed_on_its_next_append(tmp_path: Path) -> None:
    home = resolve_home(tmp_path / "legacy")
    home.ensure()
    plain_env = {
        k: v for k, v in home.eventsourcing_env().items() if k != "APPLICATION_RECORDER_TOPIC"
    }
    plain = TimelineApp(env=plain_env)
    plain.ingest(load_dispatch(SEED))
    plain.close()
    with Session(home) as session:
        unsealed = verify(session.app, None)
        assert unsealed.checks["chain"] == "failed"  # no links yet: reported, not hidden
        kg = SEED.parent / "2022-09-16-kyrgyzstan-tajikistan.yaml"
        session.app.ingest(load_dispatch(kg))
        assert verify(session.app, session.views).ok


def test_verify_command_exit_codes_and_json(session: Session, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from timeline.cli import cli

    home = str(session.home.root)
    ok = CliRunner().invoke(cli, ["verify", "--json", "--home", home])
    assert ok.exit_code == 0, ok.output
    document = json.loads(ok.output)
    assert document["ok"] is True and len(document["head_hash"]) == 64
    with _events_db(session) as db:
        db.execute("UPDATE stored_events SET topic = topic || ' ' WHERE rowid = 2")
    bad = CliRunner().invoke(cli, ["verify", "--log-only", "--json", "--home", home])
    assert bad.exit_code != 0
    assert json.loads(bad.output)["findings"][0]["position"] == 2
