"""The store contract, written once and run against every backend (SQLite and PostgreSQL).

Whatever the event store, the engine must: append a dispatch atomically and idempotently,
keep the global order, read the log back in batches, refuse duplicates, retry concurrent
writers, keep the hash chain, and feed the same read models.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from support import KG, REPO_ROOT, SEED, console_script, seed_reference

from projections import compare, queries
from timeline.application import IngestFailure, IngestResult, TimelineApp
from timeline.chain import UnsealedLogError
from timeline.dispatch import FORMAT, load_dispatch, parse_document
from timeline.errors import ConflictingDispatchError, DispatchError
from timeline.integrity import verify
from timeline.session import Session
from timeline.store import resolve_home

SERIES = sorted((REPO_ROOT / "fixtures" / "series").glob("*.yaml"))


def _corroboration(n: int) -> dict[str, Any]:
    """A report from another wire that corroborates the seed's overnight clash."""
    return {
        "format": FORMAT,
        "report": {
            "outlet": f"Wire {n}",
            "headline": f"Same clash {n}",
            "published": "2022-09-14T00:00:00Z",
        },
        "revisions": [
            {
                "action": "corroborate",
                "target": seed_reference("border-clashes-overnight"),
            }
        ],
    }


def _session(tmp_path: Path, store: str, name: str = "home") -> Session:
    (tmp_path / "store").mkdir(exist_ok=True)
    return Session(resolve_home(tmp_path / name, store))


def test_ingest_is_atomic_and_idempotent(tmp_path: Path, store: str) -> None:
    with _session(tmp_path, store) as session:
        first = session.app.ingest(load_dispatch(SEED))
        assert first.appended == 1 + 2 + 25
        assert session.app.ingest(load_dispatch(SEED)).appended == 0
        assert session.app.max_position() == first.appended
        bad: dict[str, Any] = _no_such_conflict()
        bad["developments"].insert(
            0,
            {
                "key": "ok",
                "kind": "statement",
                "summary": "fine",
                "occurred": {"start": "2022-09-20", "precision": "day"},
                "countries": ["ARM"],
                "claim": {"asserted_by": ["X"], "verification": "claimed"},
            },
        )
        with pytest.raises(DispatchError):
            session.app.ingest(parse_document(bad, "bad.yaml"))
        assert session.app.max_position() == first.appended


def _no_such_conflict() -> dict[str, Any]:
    """A dispatch that is valid as a file but names a conflict that is nowhere."""
    return {
        "format": FORMAT,
        "report": {"outlet": "X", "headline": "Y", "published": "2022-09-20T00:00:00Z"},
        "developments": [
            {
                "key": "bad",
                "kind": "statement",
                "summary": "no such conflict",
                "occurred": {"start": "2022-09-20", "precision": "day"},
                "countries": ["ARM"],
                "conflicts": ["no-such-conflict"],
                "claim": {"asserted_by": ["X"], "verification": "claimed"},
            }
        ],
    }


def test_bulk_ingest_is_atomic_per_dispatch_and_idempotent(tmp_path: Path, store: str) -> None:
    """Several dispatches per transaction (the series revises the seed's developments, some
    in the same batch), one invalid in the middle: the rest go in, exactly as one by one."""
    dispatches = [load_dispatch(SEED), load_dispatch(SERIES[0])]
    dispatches += [parse_document(_no_such_conflict(), "bad.yaml")]
    dispatches += [load_dispatch(path) for path in (KG, *SERIES[1:])]
    reference = _session(tmp_path, f"sqlite:///{tmp_path / 'ref.sqlite3'}", "ref")
    with reference, _session(tmp_path, store) as session:
        outcomes = list(session.app.ingest_many(dispatches, batch_size=3))
        assert [type(o).__name__ for o in outcomes].count("IngestFailure") == 1
        failure = outcomes[2]
        assert isinstance(failure, IngestFailure) and failure.source == "bad.yaml"
        appended = sum(o.appended for o in outcomes if isinstance(o, IngestResult))
        assert session.app.max_position() == appended
        again = list(session.app.ingest_many(dispatches, batch_size=4))
        assert [o.skipped for o in again if isinstance(o, IngestResult)] == [True] * 7
        assert session.app.max_position() == appended
        for dispatch in dispatches:
            with contextlib.suppress(DispatchError):
                reference.app.ingest(dispatch)
        strip = {"recorded_at", "position"}

        def rows(db: Any) -> list[dict[str, Any]]:
            found = queries.timeline(db, queries.TimelineQuery(conflict="armenia-azerbaijan"))
            return [{k: v for k, v in r.items() if k not in strip} for r in found]

        assert rows(session.fresh_views().db) == rows(reference.fresh_views().db)
        assert [
            (e.originator_id, e.originator_version, e.topic) for e in session.app.read_log()
        ] == [(e.originator_id, e.originator_version, e.topic) for e in reference.app.read_log()]
        result = verify(session.app, session.views)
        assert result.ok, result.findings


def test_select_events_of_many_aggregates_at_once(tmp_path: Path, store: str) -> None:
    """The batch read that bulk ingest uses gives, for each id, what ``select_events``
    gives, and nothing for an id that is not in the log."""
    with _session(tmp_path, store) as session:
        for path in (SEED, *SERIES):
            session.app.ingest(load_dispatch(path))
        ids = list(dict.fromkeys(e.originator_id for e in session.app.read_log()))
        absent = UUID(int=1)
        found = session.app.recorder.select_events_of([*ids, absent])
        expected = [event for i in ids for event in session.app.recorder.select_events(i)]

        def order(event: Any) -> tuple[str, int]:
            return str(event.originator_id), event.originator_version

        assert sorted(found, key=order) == sorted(expected, key=order)
        assert all(event.originator_id != absent for event in found)


def test_bulk_ingest_retries_a_batch_one_by_one_after_another_writer(
    tmp_path: Path, store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer revises a development after the batch read it: the batch's single
    append is refused by the store, and each dispatch of it is ingested alone instead."""
    with _session(tmp_path, store) as session, _session(tmp_path, store, "other") as other:
        session.app.ingest(load_dispatch(SEED))
        rival = parse_document(_corroboration(99), "rival.yaml")
        append = TimelineApp._append_events
        calls = []

        def rival_first(app: TimelineApp, events: Any) -> None:
            if app is session.app:
                calls.append(len(events))
                if len(calls) == 1:
                    other.app.ingest(rival)
            append(app, events)

        monkeypatch.setattr(TimelineApp, "_append_events", rival_first)
        batch = [parse_document(_corroboration(n), f"wire-{n}.yaml") for n in range(3)]
        outcomes = list(session.app.ingest_many(batch))
        assert [o.appended for o in outcomes if isinstance(o, IngestResult)] == [2, 2, 2]
        assert len(calls) == 4  # the refused batch, then each dispatch alone
        clash = [e for e in session.app.read_log() if e.type == "Development.Corroborated"]
        assert sorted(e.originator_version for e in clash) == [2, 3, 4, 5]
        assert verify(session.app, session.views).ok


def test_bulk_ingest_reports_every_written_batch_when_reading_fails(
    tmp_path: Path, store: str
) -> None:
    """Batches are written whole and reported in order, also when the next ones are read
    while the previous one is written (PostgreSQL): a failure while reading still yields
    the outcomes of every batch that was written, and the unfinished batch is not written;
    stopping early leaves the batch after the last yielded one unwritten."""
    with _session(tmp_path, store) as session:
        session.app.ingest(load_dispatch(SEED))
        base = session.app.max_position()

        def dispatches() -> Any:
            for n in range(5):
                yield parse_document(_corroboration(n), f"wire-{n}.yaml")
            raise OSError("the archive could not be read further")

        seen = []
        with pytest.raises(OSError):
            for outcome in session.app.ingest_many(dispatches(), batch_size=2):
                seen.append(outcome)
        assert [o.appended for o in seen if isinstance(o, IngestResult)] == [2, 2, 2, 2]
        assert session.app.max_position() == base + 8  # the fifth, unfinished batch: no
        assert verify(session.app, session.views).ok

        later = (parse_document(_corroboration(n), f"wire-{n}.yaml") for n in range(10, 16))
        for outcome in session.app.ingest_many(later, batch_size=2):
            assert isinstance(outcome, IngestResult)
            break
        assert session.app.max_position() == base + 8 + 4  # one batch, not the next


def test_changed_content_for_the_same_report_is_refused(tmp_path: Path, store: str) -> None:
    with _session(tmp_path, store) as session:
        session.app.ingest(load_dispatch(SEED))
        before = session.app.max_position()
        changed = load_dispatch(SEED)
        object.__setattr__(changed, "developments", changed.developments[:-1])
        with pytest.raises(ConflictingDispatchError):
            session.app.ingest(changed)
        assert session.app.max_position() == before


def test_log_order_batches_and_decoding(tmp_path: Path, store: str) -> None:
    with _session(tmp_path, store) as session:
        for path in (SEED, KG, *SERIES):
            session.app.ingest(load_dispatch(path))
        events = list(session.app.read_log(0, batch=7))
        positions = [e.position for e in events]
        assert positions == sorted(positions) and len(set(positions)) == len(positions)
        assert [e.position for e in session.app.read_log(positions[10])] == positions[11:]
        assert events[0].type == "Report.Published"
        assert all(e.recorded_at.tzinfo is not None for e in events)


def test_read_models_are_the_same_whatever_the_store(tmp_path: Path, store: str) -> None:
    reference = _session(tmp_path, f"sqlite:///{tmp_path / 'ref.sqlite3'}", "ref")
    with reference, _session(tmp_path, store) as session:
        for path in (SEED, KG, *SERIES):
            session.app.ingest(load_dispatch(path))
            reference.app.ingest(load_dispatch(path))
        db = session.fresh_views().db
        assert {(t["party"], t["best"]) for t in queries.tally(db, "armenia-azerbaijan")} == {
            ("ARM", 135),
            ("AZE", 80),
        }
        strip = {"recorded_at", "position"}
        mine = queries.timeline(db, queries.TimelineQuery(conflict="armenia-azerbaijan"))
        theirs = queries.timeline(
            reference.fresh_views().db, queries.TimelineQuery(conflict="armenia-azerbaijan")
        )
        assert [{k: v for k, v in r.items() if k not in strip} for r in mine] == [
            {k: v for k, v in r.items() if k not in strip} for r in theirs
        ]
        rebuilt = session.views.rebuild()
        assert rebuilt == session.app.max_position()


def test_hash_chain_and_verify(tmp_path: Path, store: str) -> None:
    with _session(tmp_path, store) as session:
        for path in (SEED, *SERIES):
            session.app.ingest(load_dispatch(path))
        result = verify(session.app, session.views)
        assert result.ok, result.findings
        assert result.checks["chain"] == "ok" and result.head_hash


def test_concurrent_writers_each_append_exactly_once(tmp_path: Path, store: str) -> None:
    with _session(tmp_path, store) as session:
        session.app.ingest(load_dispatch(SEED))
        base = session.app.max_position()
    target = seed_reference("border-clashes-overnight")

    def corroborate(n: int) -> int:
        document = {
            "format": FORMAT,
            "report": {
                "outlet": f"Wire {n}",
                "headline": f"Same clash {n}",
                "published": "2022-09-14T00:00:00Z",
            },
            "revisions": [{"action": "corroborate", "target": target}],
        }
        with _session(tmp_path, store) as own:  # its own application and connections
            return own.app.ingest(parse_document(document, f"wire-{n}.yaml")).appended

    with ThreadPoolExecutor(max_workers=4) as pool:
        appended = list(pool.map(corroborate, range(8)))
    assert appended == [2] * 8
    with _session(tmp_path, store) as session:
        events = list(session.app.read_log(base))
        assert len(events) == 16
        clash = [e for e in events if e.type == "Development.Corroborated"]
        assert sorted(e.originator_version for e in clash) == list(range(2, 10))
        assert verify(session.app, session.views).ok


def test_cli_runs_against_the_store_url(tmp_path: Path, store: str) -> None:
    (tmp_path / "store").mkdir(exist_ok=True)
    script = str(console_script())
    home = str(tmp_path / "cli-home")
    done = subprocess.run(
        [script, "ingest", "--home", home, "--store", store, str(SEED), "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    shown = subprocess.run(
        [
            script,
            "show",
            "--home",
            home,
            "--store",
            store,
            "--conflict",
            "armenia-azerbaijan",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    expected = [
        d.key for d in load_dispatch(SEED).developments if "armenia-azerbaijan" in d.conflicts
    ]
    shown_keys = {d["id"] for d in json.loads(shown.stdout)["developments"]}
    assert len(shown_keys) == len(expected)


def test_a_bad_store_url_is_a_clear_error(tmp_path: Path) -> None:
    script = str(console_script())
    done = subprocess.run(
        [script, "log", "--home", str(tmp_path), "--store", "postgresql://u:secret@127.0.0.1:1/x"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "secret" not in done.stderr
    assert "event store" in done.stderr


def test_compare_helper_sees_equal_rebuilds(tmp_path: Path, store: str) -> None:
    with _session(tmp_path, store) as session:
        for path in (SEED, *SERIES):
            session.app.ingest(load_dispatch(path))
        before = compare.dump_tables(session.fresh_views().db)
        session.views.rebuild()
        assert compare.differences(before, compare.dump_tables(session.views.db)) == []


def test_watch_shows_new_developments_from_another_process(tmp_path: Path, store: str) -> None:
    """On PostgreSQL the poll interval is set far beyond the idle limit, so the event can only
    show because watch was woken by the library's NOTIFY; on SQLite it is polled."""
    (tmp_path / "store").mkdir(exist_ok=True)
    script = str(console_script())
    home = str(tmp_path / "watch-home")
    first = subprocess.run(
        [script, "ingest", "--home", home, "--store", store, str(SEED)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert first.returncode == 0, first.stderr
    interval = "0.2" if store.startswith("sqlite") else "30"
    watcher = subprocess.Popen(
        [
            script,
            "watch",
            "--home",
            home,
            "--store",
            store,
            "--conflict",
            "armenia-azerbaijan",
            "--json",
            "--interval",
            interval,
            "--idle-exit",
            "6",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        import time

        time.sleep(2)  # let it start and LISTEN
        revision = SERIES[0]  # revises both tolls
        done = subprocess.run(
            [script, "ingest", "--home", str(tmp_path / "writer"), "--store", store, str(revision)],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        out, err = watcher.communicate(timeout=60)
    finally:
        watcher.kill()
    assert watcher.returncode == 0, err
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    figures = {f["label"] for line in lines for f in line["development"]["figures"]}
    assert {"105", "71"} <= figures


def _tamper(session: Session, statements: list[str]) -> None:
    """Run SQL against the store directly, as someone with write access to it could."""
    recorder: Any = session.app.recorder
    with recorder.datastore.transaction(commit=True) as cursor:
        for statement in statements:
            cursor.execute(statement)


def test_deleted_links_are_never_resealed_by_an_append(tmp_path: Path, store: str) -> None:
    with _session(tmp_path, store) as session:
        session.app.ingest(load_dispatch(SEED))
        head = verify(session.app, None).head
        assert head is not None
        recorder: Any = session.app.recorder
        position = "rowid" if store.startswith("sqlite") else "notification_id"
        _tamper(
            session,
            [
                "DELETE FROM event_chain WHERE position >= 10",
                f"UPDATE {recorder.events_table_name} SET topic = topic || ' ' "
                f"WHERE {position} = 10",
            ],
        )
        with pytest.raises(UnsealedLogError):
            session.app.ingest(load_dispatch(KG))
        assert not verify(session.app, None).ok
        done = recorder.backfill()
        assert done.first == 10
        after = verify(session.app, None, heads=[head])
        assert after.checks["chain"] == "ok" and after.checks["anchor"] == "failed"
        assert [b.first for b in after.backfills] == [10]
