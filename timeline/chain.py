"""Tamper evidence: a hash chain over the event log, kept beside it in the same transaction.

Algorithm (version 1). For the event at log position ``n``::

    h(0) = "0" * 64
    h(n) = SHA-256( h(n-1) as ASCII hex || "\\n" ||
                    "<n>\\n<originator_id>\\n<originator_version>\\n<topic>\\n" as UTF-8 ||
                    the stored state bytes, exactly as the recorder wrote them )

and ``event_chain(position, hash)`` stores ``h(n)`` as lower-case hex. The recorder below
extends eventsourcing's SQLite application recorder: it inserts the events with the
library's own statement (in one ``executemany``), then the chain rows for them, inside the
library's own transaction, so an event is never stored without its link. ``timeline
verify`` recomputes each link from the stored previous hash and the stored event, so a
changed event is reported at its exact position; the head hash it prints can be kept
elsewhere to detect a rewrite of the whole chain.

The originator id is hashed as the stored text the library reads and selects by (32
lower-case hex digits on SQLite; PostgreSQL's ``uuid`` column has one form only), never as
a parsed UUID, so a change of letter case fails the check.

Appending never links events it did not just write: when events after the last link have
no link (a log written before the chain existed, or links deleted), the append is refused
(:class:`UnsealedLogError`) and nothing is written. ``timeline verify --backfill`` links
them on purpose, and records that it did in ``chain_backfills(at, first, last, head)``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.persistence import OperationalError, PersistenceError, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from timeline.errors import StoreError
from timeline.store import storage_problem
from timeline.text import escaped

CHAIN_TABLE = "event_chain"
BACKFILL_TABLE = "chain_backfills"
GENESIS = "0" * 64
ALGORITHM = "sha256-chain/1"
#: SQLite's words for a write that the disk or the file system refused.
_UNWRITABLE = ("disk is full", "readonly", "read-only", "disk I/O error")
#: Ids per query in ``select_events_of`` (SQLite's old limit on bound parameters is 999).
SELECT_CHUNK = 500


class UnsealedLogError(StoreError):
    """Events after the chain's last link have no link: the append that found them is refused."""

    def __init__(self, first: int, last: int, count: int) -> None:
        where = f"position {first}" if first == last else f"positions {first}-{last}"
        super().__init__(
            f"the log has {count} event(s) without a hash-chain link ({where}): a log written "
            "before the chain, or links deleted; nothing was appended. Check the log with "
            "'timeline verify', then link them on purpose with 'timeline verify --backfill'"
        )
        self.first, self.last, self.count = first, last, count


class DeletedEventsError(StoreError):
    """The chain has links past the log's last event: events were deleted after appending."""

    def __init__(self, first: int, chained: int) -> None:
        super().__init__(
            f"the hash chain has links up to position {chained} but the log's events end "
            f"before position {first}: events were deleted after they were appended; nothing "
            "was appended. Run 'timeline verify'"
        )


@dataclass(frozen=True)
class StoredRecord:
    """One row of the events table exactly as stored: the originator id as its stored text
    (or the ``uuid`` of PostgreSQL), and the SQLite storage class of each column."""

    position: int
    originator_id: str | UUID
    originator_version: Any
    topic: Any
    state: Any
    types: tuple[str, str, str, str] = ("text", "integer", "text", "blob")


@dataclass(frozen=True)
class Backfill:
    """One explicit back-fill of chain links: when, which positions, and the head after it."""

    at: str
    first: int
    last: int
    head: str


def link(
    previous: str, position: int, originator_id: UUID | str, version: int, topic: str, state: bytes
) -> str:
    originator = originator_id.hex if isinstance(originator_id, UUID) else str(originator_id)
    digest = hashlib.sha256()
    digest.update(previous.encode("ascii") + b"\n")
    digest.update(f"{position}\n{originator}\n{version}\n{topic}\n".encode())
    digest.update(bytes(state))
    return digest.hexdigest()


class ChainedSQLiteApplicationRecorder(SQLiteApplicationRecorder):
    """The library's SQLite application recorder, plus the hash chain in the same transaction."""

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} "
            "(position INTEGER PRIMARY KEY, hash TEXT NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {BACKFILL_TABLE} "
            "(at TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL, "
            "head TEXT NOT NULL)",
        ]

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """The library's insert; a full disk or a read-only file is a store error that says
        so (the transaction is rolled back: nothing of the batch is appended)."""
        try:
            return super().insert_events(stored_events, **kwargs)
        except OperationalError as exc:
            if not any(word in str(exc) for word in _UNWRITABLE):
                raise
            path = Path(self.datastore.pool.db_name)
            raise StoreError(
                f"cannot append to the event log {escaped(str(path))}: "
                f"{storage_problem(path, exc)}; nothing of this batch was appended"
            ) from None

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """Insert the events with one ``executemany`` of the library's own statement (the
        library executes it once per event to read each ``lastrowid``), then their links.

        The events table is a plain rowid table without AUTOINCREMENT, and this runs inside
        the library's write transaction, so each new row takes the largest rowid plus one:
        the batch's positions are ``last - n + 1`` to ``last``. That is checked, not assumed:
        the first event's row must be at ``last - n + 1`` (SQLite hands out random rowids once
        the largest possible one is taken, and this refuses those).
        """
        if not stored_events:
            return []
        params = [
            (
                event.originator_id.hex
                if isinstance(event.originator_id, UUID)
                else event.originator_id,
                event.originator_version,
                event.topic,
                event.state,
            )
            for event in stored_events
        ]
        c.executemany(self.insert_events_statement, params)
        c.execute(
            f"SELECT last_insert_rowid(), (SELECT rowid FROM {self.events_table_name} "
            "WHERE originator_id = ? AND originator_version = ?)",
            params[0][:2],
        )
        last, first_taken = c.fetchone()
        first = last - len(params) + 1
        if first_taken != first:
            raise PersistenceError(
                f"the {len(params)} events inserted together did not take consecutive "
                f"positions ending at {last}; nothing was appended"
            )
        positions = range(first, last + 1)
        previous = self._previous_hash(c, first)
        rows = []
        for position, event in zip(positions, stored_events, strict=True):
            previous = link(
                previous,
                position,
                event.originator_id,
                event.originator_version,
                event.topic,
                event.state,
            )
            rows.append((position, previous))
        c.executemany(f"INSERT INTO {CHAIN_TABLE}(position, hash) VALUES (?, ?)", rows)
        return list(positions)

    def select_events_of(self, originator_ids: Sequence[UUID]) -> list[StoredEvent]:
        """Every stored event of the given aggregates, in (originator, version) order, read in
        one transaction: what ``select_events`` gives for each, without a query per id."""
        ids = [originator_id.hex for originator_id in originator_ids]
        found: list[StoredEvent] = []
        with self.datastore.transaction(commit=False) as c:
            for start in range(0, len(ids), SELECT_CHUNK):
                chunk = ids[start : start + SELECT_CHUNK]
                c.execute(
                    "SELECT originator_id, originator_version, topic, state FROM "
                    f"{self.events_table_name} WHERE originator_id IN "
                    f"({', '.join('?' * len(chunk))}) ORDER BY originator_id, originator_version",
                    chunk,
                )
                found.extend(
                    StoredEvent(
                        originator_id=self.convert_originator_id(row[0]),
                        originator_version=row[1],
                        topic=row[2],
                        state=row[3],
                    )
                    for row in c.fetchall()
                )
        return found

    def notification_rows(
        self, start: int, limit: int, stop: int | None = None
    ) -> list[tuple[int, str, int, str, bytes]]:
        """Up to ``limit`` events from position ``start`` on (to ``stop``), as plain rows:
        (position, originator id as stored, version, topic, state). What
        ``select_notifications`` reads, without a ``Notification`` and a parsed ``UUID``
        for each event, for readers that decode the state themselves (the projections)."""
        statement = (
            "SELECT rowid, originator_id, originator_version, topic, state FROM "
            f"{self.events_table_name} WHERE rowid >= ?"
        )
        params: list[int] = [start]
        if stop is not None:
            statement += " AND rowid <= ?"
            params.append(stop)
        params.append(limit)
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"{statement} ORDER BY rowid LIMIT ?", params)
            return [tuple(row) for row in c.fetchall()]

    def chain_links(self, first: int, last: int) -> dict[int, str]:
        """The stored links for positions ``first`` to ``last``."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT position, hash FROM {CHAIN_TABLE} WHERE position BETWEEN ? AND ?",
                [first, last],
            )
            return {int(row[0]): str(row[1]) for row in c.fetchall()}

    def orphaned_links(self) -> list[int]:
        """Positions that have a link but no event: events deleted after they were chained."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT position FROM {CHAIN_TABLE} WHERE position NOT IN "
                f"(SELECT rowid FROM {self.events_table_name}) ORDER BY position"
            )
            return [int(row[0]) for row in c.fetchall()]

    def stored_records(self, start: int, limit: int) -> list[StoredRecord]:
        """Up to ``limit`` rows from position ``start`` on, exactly as stored."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT rowid, originator_id, originator_version, topic, state, "
                "typeof(originator_id), typeof(originator_version), typeof(topic), "
                f"typeof(state) FROM {self.events_table_name} WHERE rowid >= ? "
                "ORDER BY rowid LIMIT ?",
                [start, limit],
            )
            return [
                StoredRecord(int(r[0]), r[1], r[2], r[3], r[4], (r[5], r[6], r[7], r[8]))
                for r in c.fetchall()
            ]

    def backfills(self) -> list[Backfill]:
        """Every explicit back-fill of chain links, oldest first."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT at, first, last, head FROM {BACKFILL_TABLE} ORDER BY rowid")
            return [Backfill(str(r[0]), int(r[1]), int(r[2]), str(r[3])) for r in c.fetchall()]

    def backfill(self) -> Backfill | None:
        """Link every event after the chain's last link, and record that it was done."""
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"SELECT position, hash FROM {CHAIN_TABLE} ORDER BY position DESC LIMIT 1")
            row = c.fetchone()
            chained, previous = (int(row[0]), str(row[1])) if row else (0, GENESIS)
            c.execute(
                f"SELECT rowid, originator_id, originator_version, topic, state FROM "
                f"{self.events_table_name} WHERE rowid > ? ORDER BY rowid",
                [chained],
            )
            rows = []
            for r in c.fetchall():
                previous = link(previous, r[0], r[1], r[2], r[3], bytes(r[4]))
                rows.append((r[0], previous))
            if not rows:
                return None
            c.executemany(f"INSERT INTO {CHAIN_TABLE}(position, hash) VALUES (?, ?)", rows)
            done = Backfill(_now(), rows[0][0], rows[-1][0], previous)
            c.execute(
                f"INSERT INTO {BACKFILL_TABLE}(at, first, last, head) VALUES (?, ?, ?, ?)",
                [done.at, done.first, done.last, done.head],
            )
            return done

    def _previous_hash(self, c: SQLiteCursor, first: int) -> str:
        """The link before ``first``. Refuses when events before ``first`` have no link:
        appending never links events it did not write (see :class:`UnsealedLogError`)."""
        c.execute(f"SELECT position, hash FROM {CHAIN_TABLE} ORDER BY position DESC LIMIT 1")
        row = c.fetchone()
        chained, previous = (int(row[0]), str(row[1])) if row else (0, GENESIS)
        if chained >= first:
            raise DeletedEventsError(first, chained)
        if chained != first - 1:
            c.execute(
                f"SELECT MIN(rowid), MAX(rowid), COUNT(*) FROM {self.events_table_name} "
                "WHERE rowid > ? AND rowid < ?",
                [chained, first],
            )
            low, high, count = c.fetchone()
            if count:
                raise UnsealedLogError(int(low), int(high), int(count))
        return previous


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@cache
def _postgres_recorder_class() -> type[Any]:
    """Built lazily so that the SQLite-only install does not need psycopg."""
    from eventsourcing.postgres import PostgresApplicationRecorder
    from psycopg.sql import SQL, Composed, Identifier

    class ChainedPostgresApplicationRecorder(PostgresApplicationRecorder):
        """The library's PostgreSQL application recorder, plus the hash chain. The library
        locks the events table in EXCLUSIVE mode for each insert, so links are made in
        commit order; gaps in notification ids (from rolled-back inserts) are skipped.

        ``pipelined_appends``: an ingest writes each batch in a writer thread while it
        parses the next (``TimelineApp.ingest_many``), since an insert here mostly waits on
        the server."""

        pipelined_appends = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.chain_table = SQL("{0}.{1}").format(
                Identifier(self.datastore.schema), Identifier(CHAIN_TABLE)
            )
            self.sql_create_statements.append(
                SQL(
                    "CREATE TABLE IF NOT EXISTS {0} (position bigint PRIMARY KEY, "
                    "hash text NOT NULL)"
                ).format(self.chain_table)
            )
            self.backfill_table = SQL("{0}.{1}").format(
                Identifier(self.datastore.schema), Identifier(BACKFILL_TABLE)
            )
            self.sql_create_statements.append(
                SQL(
                    "CREATE TABLE IF NOT EXISTS {0} (at text NOT NULL, first bigint NOT NULL, "
                    "last bigint NOT NULL, head text NOT NULL)"
                ).format(self.backfill_table)
            )
            self.events_table = SQL("{0}.{1}").format(
                Identifier(self.datastore.schema), Identifier(self.events_table_name)
            )

        def _insert_stored_events(
            self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
        ) -> None:
            """The library's insert (its table lock, its notify, its statement over an array
            of its composite type), with the array sent in binary: psycopg's text form of
            the composite escapes every state's bytes with a regular expression, which was
            a third of a PostgreSQL ingest's writes."""
            self._lock_table(curs)
            self._notify_channel(curs)
            pg_stored_events = [
                self.construct_pg_stored_event(
                    stored_event.originator_id,
                    stored_event.originator_version,
                    stored_event.topic,
                    stored_event.state,
                )
                for stored_event in stored_events
            ]
            curs.execute(self._binary_insert_statement, (pg_stored_events,))

        @property
        def _binary_insert_statement(self) -> Any:
            """The library's insert statement with its one placeholder taking binary."""
            statement = self.__dict__.get("_binary_insert")
            if statement is None:
                parts = list(self.insert_events_statement)
                statement = Composed(
                    [
                        SQL(part.as_string(None).replace("%s", "%b"))
                        if isinstance(part, SQL)
                        else part
                        for part in parts
                    ]
                )
                self.__dict__["_binary_insert"] = statement
            return statement

        def _fetch_ids_after_insert_events(
            self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
        ) -> Sequence[int] | None:
            positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
            if not positions:
                return positions
            curs.execute(
                SQL("SELECT position, hash FROM {0} ORDER BY position DESC LIMIT 1").format(
                    self.chain_table
                )
            )
            row = curs.fetchone()
            chained, previous = (int(row["position"]), str(row["hash"])) if row else (0, GENESIS)
            curs.execute(
                SQL(
                    "SELECT notification_id FROM {0} "
                    "WHERE notification_id > %s AND notification_id < %s "
                    "ORDER BY notification_id"
                ).format(self.events_table),
                [chained, positions[0]],
            )
            if chained >= positions[0]:
                raise DeletedEventsError(positions[0], chained)
            unsealed = curs.fetchall()
            if unsealed:  # never linked here: see UnsealedLogError
                raise UnsealedLogError(
                    unsealed[0]["notification_id"], unsealed[-1]["notification_id"], len(unsealed)
                )
            rows = []
            for position, event in zip(positions, stored_events, strict=True):
                previous = link(
                    previous,
                    position,
                    event.originator_id,
                    event.originator_version,
                    event.topic,
                    event.state,
                )
                rows.append((position, previous))
            curs.execute(
                SQL(
                    "INSERT INTO {0}(position, hash) SELECT * FROM unnest(%s::bigint[], %s::text[])"
                ).format(self.chain_table),
                [[row[0] for row in rows], [row[1] for row in rows]],
            )
            return positions

        def select_events_of(self, originator_ids: Sequence[UUID]) -> list[StoredEvent]:
            """Every stored event of the given aggregates, in (originator, version) order."""
            with self.datastore.get_connection() as conn, conn.cursor() as curs:
                curs.execute(
                    SQL(
                        "SELECT originator_id, originator_version, topic, state FROM {0} "
                        "WHERE originator_id = ANY(%s) ORDER BY originator_id, originator_version"
                    ).format(self.events_table),
                    [list(originator_ids)],
                )
                return [
                    StoredEvent(
                        originator_id=row["originator_id"],
                        originator_version=row["originator_version"],
                        topic=row["topic"],
                        state=bytes(row["state"]),
                    )
                    for row in curs.fetchall()
                ]

        def stored_records(self, start: int, limit: int) -> list[StoredRecord]:
            """Up to ``limit`` rows from position ``start`` on, exactly as stored."""
            with self.datastore.get_connection() as conn, conn.cursor() as curs:
                curs.execute(
                    SQL(
                        "SELECT notification_id, originator_id, originator_version, topic, "
                        "state FROM {0} WHERE notification_id >= %s "
                        "ORDER BY notification_id LIMIT %s"
                    ).format(self.events_table),
                    [start, limit],
                )
                return [
                    StoredRecord(
                        int(r["notification_id"]),
                        r["originator_id"],
                        r["originator_version"],
                        r["topic"],
                        bytes(r["state"]),
                    )
                    for r in curs.fetchall()
                ]

        def backfills(self) -> list[Backfill]:
            with self.datastore.get_connection() as conn, conn.cursor() as curs:
                curs.execute(
                    SQL("SELECT at, first, last, head FROM {0} ORDER BY at, first").format(
                        self.backfill_table
                    )
                )
                return [
                    Backfill(str(r["at"]), int(r["first"]), int(r["last"]), str(r["head"]))
                    for r in curs.fetchall()
                ]

        def backfill(self) -> Backfill | None:
            """Link every event after the chain's last link, and record that it was done."""
            with self.datastore.transaction(commit=True) as curs:
                curs.execute(SQL("LOCK TABLE {0} IN EXCLUSIVE MODE").format(self.events_table))
                curs.execute(
                    SQL("SELECT position, hash FROM {0} ORDER BY position DESC LIMIT 1").format(
                        self.chain_table
                    )
                )
                row = curs.fetchone()
                chained, previous = (
                    (int(row["position"]), str(row["hash"])) if row else (0, GENESIS)
                )
                curs.execute(
                    SQL(
                        "SELECT notification_id, originator_id, originator_version, topic, "
                        "state FROM {0} WHERE notification_id > %s ORDER BY notification_id"
                    ).format(self.events_table),
                    [chained],
                )
                rows = []
                for old in curs.fetchall():
                    previous = link(
                        previous,
                        old["notification_id"],
                        old["originator_id"],
                        old["originator_version"],
                        old["topic"],
                        bytes(old["state"]),
                    )
                    rows.append((old["notification_id"], previous))
                if not rows:
                    return None
                curs.executemany(
                    SQL("INSERT INTO {0}(position, hash) VALUES (%s, %s)").format(self.chain_table),
                    rows,
                )
                done = Backfill(_now(), rows[0][0], rows[-1][0], previous)
                curs.execute(
                    SQL("INSERT INTO {0}(at, first, last, head) VALUES (%s, %s, %s, %s)").format(
                        self.backfill_table
                    ),
                    [done.at, done.first, done.last, done.head],
                )
                return done

        def chain_links(self, first: int, last: int) -> dict[int, str]:
            with self.datastore.get_connection() as conn, conn.cursor() as curs:
                curs.execute(
                    SQL("SELECT position, hash FROM {0} WHERE position BETWEEN %s AND %s").format(
                        self.chain_table
                    ),
                    [first, last],
                )
                return {int(r["position"]): str(r["hash"]) for r in curs.fetchall()}

        def orphaned_links(self) -> list[int]:
            with self.datastore.get_connection() as conn, conn.cursor() as curs:
                curs.execute(
                    SQL(
                        "SELECT c.position FROM {0} c LEFT JOIN {1} e "
                        "ON e.notification_id = c.position WHERE e.notification_id IS NULL "
                        "ORDER BY c.position"
                    ).format(self.chain_table, self.events_table)
                )
                return [int(r["position"]) for r in curs.fetchall()]

    return ChainedPostgresApplicationRecorder


def __getattr__(name: str) -> Any:
    if name == "ChainedPostgresApplicationRecorder":
        return _postgres_recorder_class()
    raise AttributeError(name)
