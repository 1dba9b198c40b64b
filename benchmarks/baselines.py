"""Raw sqlite3 baselines over exactly the rows the engine stored, measured in the same run.

* :func:`raw_insert`: the stored rows, read back from the engine's events file, inserted
  with ``executemany`` into a fresh file that has the library's own table (the CREATE TABLE
  and INSERT statements come from eventsourcing's ``SQLiteApplicationRecorder``, not a copy),
  in WAL mode as the library opens it, one transaction per chunk. Only the inserts and
  commits are timed, not reading the rows back: this is the floor the engine's write path
  stands on.
* :func:`raw_decode`: one ``SELECT`` of every stored event in log order and ``json.loads`` of
  each state, timed from connecting to the last row: the floor under a rebuild.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

EVENTS_TABLE = "stored_events"
SELECT_EVENTS = (
    f"SELECT originator_id, originator_version, topic, state FROM {EVENTS_TABLE} ORDER BY rowid"
)
CHUNK = 5000


@dataclass(frozen=True)
class Raw:
    rows: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else float("inf")


def library_statements() -> tuple[list[str], str]:
    """The library's CREATE TABLE statements and INSERT statement for its application
    recorder's events table, as eventsourcing itself builds them."""
    datastore = SQLiteDatastore(":memory:")
    try:
        recorder = SQLiteApplicationRecorder(datastore, events_table_name=EVENTS_TABLE)
        return recorder.construct_create_table_statements(), recorder.insert_events_statement
    finally:
        datastore.close()


def count_events(events_file: Path) -> int:
    with contextlib.closing(sqlite3.connect(events_file)) as conn:
        count: int = conn.execute(f"SELECT COUNT(*) FROM {EVENTS_TABLE}").fetchone()[0]
        return count


def raw_insert(events_file: Path, target: Path, chunk: int = CHUNK) -> Raw:
    """Insert the rows of ``events_file`` into a new ``target`` with plain sqlite3."""
    creates, insert = library_statements()
    target.unlink(missing_ok=True)
    rows, seconds = 0, 0.0
    with (
        contextlib.closing(sqlite3.connect(events_file)) as source,
        contextlib.closing(sqlite3.connect(target, isolation_level=None)) as conn,
    ):
        conn.execute("PRAGMA journal_mode=WAL")
        for statement in creates:
            conn.execute(statement)
        cursor = source.execute(SELECT_EVENTS)
        while batch := cursor.fetchmany(chunk):
            started = time.perf_counter()
            conn.execute("BEGIN")
            conn.executemany(insert, batch)
            conn.execute("COMMIT")
            seconds += time.perf_counter() - started
            rows += len(batch)
    return Raw(rows, seconds)


def raw_decode(events_file: Path, chunk: int = CHUNK) -> Raw:
    """Select every stored event in log order and decode each state's JSON."""
    rows = 0
    started = time.perf_counter()
    with contextlib.closing(sqlite3.connect(events_file)) as conn:
        cursor = conn.execute(SELECT_EVENTS)
        while batch := cursor.fetchmany(chunk):
            for _originator, _version, _topic, state in batch:
                json.loads(state)
            rows += len(batch)
    return Raw(rows, time.perf_counter() - started)


def remove_database(path: Path) -> None:
    """Delete a SQLite file and its WAL and shared-memory files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
