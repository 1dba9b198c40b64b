"""Same-run baselines over exactly the rows the engine stored, and the floors under its targets.

Baselines, raw sqlite3:

* :func:`raw_insert`: the stored rows, read back from the engine's events file, inserted
  with ``executemany`` into a fresh file that has the library's own table (the CREATE TABLE
  and INSERT statements come from eventsourcing's ``SQLiteApplicationRecorder``, not a copy),
  in WAL mode as the library opens it, one transaction per chunk. Only the inserts and
  commits are timed, not reading the rows back: this is the floor the engine's write path
  stands on.
* :func:`raw_decode`: one ``SELECT`` of every stored event in log order and ``json.loads`` of
  each state, timed from connecting to the last row: the floor under a rebuild.

Floors, the writes each command cannot avoid, without the work that precedes them:

* :func:`rewrite_events`: the events an ingest stored, written again into a fresh home
  through the engine's own write path (the library's mapper, ``to_stored_event``, and the
  engine's recorder, ``insert_events``, which also writes the SHA-256 hash chain), in chunks
  about the size of one ingest batch, without parsing a dispatch or building an aggregate.
  Reading the source log and turning it back into domain events is not timed; the mapper
  and the recorder are, each on its own. It streams page by page, so memory stays bounded
  whatever the log's length. Set against :func:`raw_insert` it says how much of an ingest's
  distance from raw ``executemany`` is the write path itself.
* :func:`copy_read_models`: the rebuilt read models copied into a fresh file by SQLite
  alone, no Python per row: the tables with ``INSERT ... SELECT``, then the FTS5 index and
  the R*Tree box indexes filled in one statement each (as the engine's bulk rebuild fills
  them), then every index, trigger and view created, all in one transaction with the bulk
  rebuild's page cache. Nothing that writes these read models can be faster, so if this
  floor is below the rebuild target, the target is out of reach for these read models.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore
from sqlite_utils import Database

from projections import temporal
from projections.bulk import CACHE_KIB
from projections.timelines import LINK_TABLES, TEXT_INDEX, fill_text_index
from timeline.chain import CHAIN_TABLE
from timeline.session import Session
from timeline.store import Home

EVENTS_TABLE = "stored_events"
SELECT_EVENTS = (
    f"SELECT originator_id, originator_version, topic, state FROM {EVENTS_TABLE} ORDER BY rowid"
)
CHUNK = 5000
#: Events per transaction when writing an ingest's events again: about what one batch of
#: ``timeline ingest`` (500 dispatches) appends.
REWRITE_CHUNK = 2500
#: Log events read and turned back into domain events per page (not timed).
REWRITE_PAGE = 5000


@dataclass(frozen=True)
class Raw:
    rows: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else float("inf")


@dataclass(frozen=True)
class Rewrite:
    """An ingest's events written again through the engine's write path."""

    events: int  # events given to the recorder
    logged: int  # events in the new log afterwards
    chunks: int
    map_seconds: float  # app.mapper.to_stored_event
    insert_seconds: float  # app.recorder.insert_events, with the hash chain
    same_chain_head: bool  # the new log's last chain link is the source's

    @property
    def seconds(self) -> float:
        return self.map_seconds + self.insert_seconds

    @property
    def per_second(self) -> float:
        return self.events / self.seconds if self.seconds else float("inf")


@dataclass(frozen=True)
class Copy:
    """The read models copied by SQLite alone: the floor under a rebuild's writes."""

    seconds: float  # BEGIN to COMMIT
    phases: dict[str, float]  # rows, fts, rtree, indexes (indexes, triggers and views)
    rows: dict[str, int]  # every copied table (virtual tables too): rows in the copy
    source_rows: dict[str, int]  # the same tables' rows in the source


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


def _chain_head(events_file: Path) -> str | None:
    with contextlib.closing(sqlite3.connect(events_file)) as conn:
        row = conn.execute(
            f"SELECT hash FROM {CHAIN_TABLE} ORDER BY position DESC LIMIT 1"
        ).fetchone()
        return None if row is None else str(row[0])


def rewrite_events(
    source: Home, target: Home, chunk: int = REWRITE_CHUNK, page: int = REWRITE_PAGE
) -> Rewrite:
    """Write the events of ``source`` again into the new home ``target`` with the engine's
    mapper and recorder, ``chunk`` events per transaction; time only those two."""
    events = chunks = 0
    map_seconds = insert_seconds = 0.0
    with Session(source) as reading, Session(target) as writing:
        old, new = reading.app, writing.app
        if new.max_position():
            raise ValueError(f"{target.root} already holds events")
        for notifications in old.notifications(0, batch=page):
            domain_events = [old.mapper.to_domain_event(n) for n in notifications]
            for start in range(0, len(domain_events), chunk):
                part = domain_events[start : start + chunk]
                started = time.perf_counter()
                stored = [new.mapper.to_stored_event(e) for e in part]
                mapped = time.perf_counter()
                new.recorder.insert_events(stored)
                inserted = time.perf_counter()
                map_seconds += mapped - started
                insert_seconds += inserted - mapped
                events += len(part)
                chunks += 1
        logged = new.max_position()
    same = _chain_head(source.events_path) == _chain_head(target.events_path)
    return Rewrite(events, logged, chunks, map_seconds, insert_seconds, same)


def _quote(name: str) -> str:
    return "[" + name + "]"


def copy_read_models(views_file: Path, target: Path) -> Copy:
    """Copy the read models in ``views_file`` into a new ``target`` by SQLite alone.

    Tables and virtual tables are created from the source's own SQL (shadow tables are the
    virtual tables' business); ordinary tables are copied in rowid order; the full-text
    index and each timeline's R*Tree are filled with the engine's own bulk statements
    (:func:`projections.timelines.fill_text_index`,
    :func:`projections.temporal.fill_box_index`), one statement each; then the
    indexes, triggers and views are created, as the engine's bulk rebuild does at its end.
    """
    remove_database(target)
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        conn.execute("ATTACH DATABASE ? AS src", [str(views_file)])
        listed = conn.execute("PRAGMA src.table_list").fetchall()
        kinds = {
            str(name): (str(kind), bool(without_rowid))
            for _schema, name, kind, _ncol, without_rowid, _strict in listed
            if kind in ("table", "virtual") and not str(name).startswith("sqlite_")
        }
        master = conn.execute(
            "SELECT type, name, sql FROM src.sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
        ).fetchall()
        sql = {str(name): str(text) for kind, name, text in master if kind == "table"}
        tables = [n for n, (kind, _) in kinds.items() if kind == "table"]
        virtual = [n for n, (kind, _) in kinds.items() if kind == "virtual"]
        boxes = {temporal.box_index_name(t): t for t in LINK_TABLES}
        unknown = sorted(set(virtual) - set(boxes) - {TEXT_INDEX})
        if unknown or not set(boxes) <= set(virtual):
            raise ValueError(f"read models with unexpected virtual tables: {sorted(virtual)}")
        later = [str(text) for kind, _, text in master if kind in ("index", "trigger", "view")]
        db = Database(conn)  # unqualified names find the copy: main comes before src
        phases: dict[str, float] = {}
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for name in (*tables, *virtual):
            conn.execute(sql[name])
        for name in tables:
            order = "" if kinds[name][1] else " ORDER BY rowid"
            conn.execute(f"INSERT INTO main.{_quote(name)} SELECT * FROM src.{_quote(name)}{order}")
        phases["rows"] = time.perf_counter() - started
        mark = time.perf_counter()
        fill_text_index(db)
        phases["fts"] = time.perf_counter() - mark
        mark = time.perf_counter()
        for table in LINK_TABLES:
            temporal.fill_box_index(db, table)
        phases["rtree"] = time.perf_counter() - mark
        mark = time.perf_counter()
        for statement in later:
            conn.execute(statement)
        conn.execute("COMMIT")
        finished = time.perf_counter()
        phases["indexes"] = finished - mark
        rows, source_rows = {}, {}
        for name in (*tables, *virtual):
            copied, source = conn.execute(
                f"SELECT (SELECT COUNT(*) FROM main.{_quote(name)}), "
                f"(SELECT COUNT(*) FROM src.{_quote(name)})"
            ).fetchone()
            rows[name], source_rows[name] = int(copied), int(source)
        conn.execute("DETACH DATABASE src")
    finally:
        conn.close()
    return Copy(finished - started, phases, rows, source_rows)


def remove_database(path: Path) -> None:
    """Delete a SQLite file and its WAL and shared-memory files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
