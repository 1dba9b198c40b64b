"""The hash chain and ``timeline verify``: tampering with stored bytes is found and named."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from eventsourcing.persistence import IntegrityError
from support import SEED

from timeline.application import TimelineApp
from timeline.chain import CHAIN_TABLE, GENESIS, DeletedEventsError, UnsealedLogError, link
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


def test_a_log_written_without_the_chain_is_sealed_only_by_an_explicit_backfill(
    tmp_path: Path,
) -> None:
    home = resolve_home(tmp_path / "legacy")
    home.ensure()
    plain_env = {
        k: v for k, v in home.eventsourcing_env().items() if k != "APPLICATION_RECORDER_TOPIC"
    }
    plain = TimelineApp(env=plain_env)
    plain.ingest(load_dispatch(SEED))
    plain.close()
    kg = SEED.parent / "2022-09-16-kyrgyzstan-tajikistan.yaml"
    with Session(home) as session:
        unsealed = verify(session.app, None)
        assert unsealed.checks["chain"] == "failed"  # no links yet: reported, not hidden
        before = session.app.max_position()
        with pytest.raises(UnsealedLogError, match="positions 1-28"):
            session.app.ingest(load_dispatch(kg))  # an append never links what it did not write
        assert session.app.max_position() == before
        done = session.app.recorder.backfill()  # type: ignore[attr-defined]
        assert (done.first, done.last) == (1, before)
        session.app.ingest(load_dispatch(kg))
        result = verify(session.app, session.views)
        assert result.ok, result.findings
        assert [(b.first, b.last) for b in result.backfills] == [(1, before)]


def _tamper_tail_and_ingest(session: Session) -> int:
    """Delete the chain links from position k, edit the event at k, then ingest again."""
    with _events_db(session) as db:
        k = db.execute(
            "SELECT rowid FROM stored_events WHERE CAST(state AS TEXT) LIKE '%Jermuk%' "
            "ORDER BY rowid LIMIT 1"
        ).fetchone()[0]
        db.execute(f"DELETE FROM {CHAIN_TABLE} WHERE position >= ?", [k])
        db.execute(
            "UPDATE stored_events SET state = CAST(REPLACE(CAST(state AS TEXT), 'Jermuk', "
            "'Jermuq') AS BLOB) WHERE rowid = ?",
            [k],
        )
    return int(k)


def test_deleted_tail_links_are_not_resealed_by_the_next_append(session: Session) -> None:
    head = verify(session.app, None).head
    k = _tamper_tail_and_ingest(session)
    kg = SEED.parent / "2022-09-16-kyrgyzstan-tajikistan.yaml"
    with pytest.raises(UnsealedLogError, match=f"positions {k}-"):
        session.app.ingest(load_dispatch(kg))
    result = verify(session.app, None)
    assert not result.ok
    assert any(f.check == "chain" and f.position == k for f in result.findings)
    # A deliberate back-fill links them again, is recorded, and a published head still
    # catches the edit.
    session.app.recorder.backfill()  # type: ignore[attr-defined]
    assert head is not None
    anchored = verify(session.app, None, heads=[head])
    assert anchored.checks["chain"] == "ok" and anchored.backfills[0].first == k
    assert anchored.checks["anchor"] == "failed"


def test_events_deleted_from_the_tail_refuse_the_next_append(session: Session) -> None:
    last = session.app.max_position()
    with _events_db(session) as db:
        db.execute("DELETE FROM stored_events WHERE rowid > ?", [last - 2])
    kg = SEED.parent / "2022-09-16-kyrgyzstan-tajikistan.yaml"
    with pytest.raises(DeletedEventsError):
        session.app.ingest(load_dispatch(kg))


def test_a_changed_letter_case_of_a_stored_id_fails_verify(session: Session) -> None:
    with _events_db(session) as db:
        position, originator = db.execute(
            "SELECT rowid, originator_id FROM stored_events WHERE rowid = 5"
        ).fetchone()
        db.execute(
            "UPDATE stored_events SET originator_id = ? WHERE rowid = ?",
            [originator.upper(), position],
        )
    result = verify(session.app, None)
    assert result.checks["chain"] == "failed" and result.checks["versions"] == "failed"
    assert {f.position for f in result.findings} == {position}


def test_a_changed_storage_class_fails_verify(session: Session) -> None:
    with _events_db(session) as db:
        db.execute("UPDATE stored_events SET topic = CAST(topic AS BLOB) WHERE rowid = 3")
    result = verify(session.app, None)
    assert any(f.position == 3 and "stored as blob" in f.message for f in result.findings)
    assert result.checks["chain"] == "failed"


def test_a_published_head_catches_truncation_and_a_consistent_rehash(session: Session) -> None:
    head = verify(session.app, None).head
    assert head is not None and head.position == session.app.max_position()
    assert verify(session.app, None, heads=[head]).checks["anchor"] == "ok"
    with _events_db(session) as db:
        db.execute("DELETE FROM stored_events WHERE rowid > 20")
        db.execute(f"DELETE FROM {CHAIN_TABLE} WHERE position > 20")
    truncated = verify(session.app, None, heads=[head])
    assert truncated.checks["chain"] == "ok"  # consistent on its own
    assert truncated.checks["anchor"] == "failed"
    assert "truncated" in truncated.findings[0].message
    earlier = verify(session.app, None).head
    with _events_db(session) as db:  # edit one event and re-hash the whole chain
        db.execute("UPDATE stored_events SET state = CAST(state || x'20' AS BLOB) WHERE rowid = 2")
        rows = db.execute(
            "SELECT rowid, originator_id, originator_version, topic, state FROM stored_events "
            "ORDER BY rowid"
        ).fetchall()
        previous = GENESIS
        for row in rows:
            previous = link(previous, *row)
            db.execute(f"UPDATE {CHAIN_TABLE} SET hash = ? WHERE position = ?", [previous, row[0]])
    rehashed = verify(session.app, None, heads=[earlier] if earlier else [])
    assert rehashed.checks["chain"] == "ok" and rehashed.checks["anchor"] == "failed"


def test_read_model_check_covers_box_indexes_views_and_text_index(session: Session) -> None:
    session.views.catch_up()
    db = session.views.db
    boxes = [row[0] for row in db.execute("SELECT id FROM _conflict_timeline_box LIMIT 5")]
    for box in boxes:
        db.execute("DELETE FROM _conflict_timeline_box WHERE id = ?", [box])
    result = verify(session.app, session.views)
    assert result.checks["read_models"] == "failed"
    assert any("_conflict_timeline_box" in f.message for f in result.findings)
    session.views.rebuild()
    assert verify(session.app, session.views).ok
    view = db.execute("SELECT name FROM sqlite_master WHERE type = 'view' LIMIT 1").fetchone()[0]
    db.execute(f"DROP VIEW [{view}]")
    db.execute(f"CREATE VIEW [{view}] AS SELECT 1 AS x")
    redefined = verify(session.app, session.views)
    assert any(view in f.message and "differently" in f.message for f in redefined.findings)


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


def test_verify_heads_on_the_command_line(session: Session, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from timeline.cli import cli

    home = str(session.home.root)
    heads = tmp_path / "heads.txt"
    printed = CliRunner().invoke(cli, ["verify", "--print-head", "--home", home])
    assert printed.exit_code == 0, printed.output
    assert printed.output.startswith("sha256-chain/1 ")
    recorded = CliRunner().invoke(
        cli, ["verify", "--log-only", "--record-head", str(heads), "--home", home]
    )
    assert recorded.exit_code == 0, recorded.output
    assert heads.read_text().split()[:3] == printed.output.split()
    again = CliRunner().invoke(cli, ["verify", "--head-file", str(heads), "--home", home])
    assert again.exit_code == 0, again.output
    bad = CliRunner().invoke(cli, ["verify", "--head", "0" * 63 + "1", "--home", home])
    assert bad.exit_code == 8 or "not in this chain" in bad.output
    refused = CliRunner().invoke(cli, ["verify", "--head", "nothex", "--home", home])
    assert refused.exit_code == 2 or "expected a head" in str(refused.exception)


def test_verify_reports_a_corrupt_events_file_as_a_failed_check(tmp_path: Path) -> None:
    import subprocess

    from support import console_script

    home = tmp_path / "home"
    with Session(resolve_home(home)) as s:
        s.app.ingest(load_dispatch(SEED))
    events = home / "events.sqlite3"
    data = bytearray(events.read_bytes())
    data[4096:] = bytes(range(256)) * ((len(data) - 4096) // 256)  # damage every later page
    events.write_bytes(bytes(data))
    done = subprocess.run(
        [str(console_script()), "verify", "--home", str(home)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 8, done.stdout + done.stderr
    assert "storage" in done.stdout and "internal error" not in done.stderr
