"""Drive the projections: catch up with the log by polling the recorder, or rebuild from 0.

The SQLite recorder has no subscriptions, so catch-up polls ``select_notifications`` in
batches. For each batch, each projection applies its events and records its new position in
one ``BEGIN IMMEDIATE`` transaction; the position is re-read inside that transaction, so two
processes catching up at once never apply an event twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlite_utils import Database

from projections import bulk, schema
from projections.base import EventRecord, Projection
from projections.decode import pages as decoded_pages
from projections.registry import PROJECTIONS
from timeline.errors import ProjectionError, StoreError
from timeline.store import storage_problem
from timeline.text import escaped

if TYPE_CHECKING:
    from timeline.application import TimelineApp


class Progress(Protocol):
    """Told how many of ``total`` events are done, and which phase (``note``) it is in."""

    def __call__(self, done: int, total: int | None, note: str = "") -> None: ...


class ReadModels:
    """The read-model database of one home, kept in step with the event log."""

    #: A catch-up of at least this many events runs in bulk when the read models are empty
    #: or the new events are at least :attr:`rebuild_share` of the log (a full rebuild in
    #: bulk is then quicker than applying them).
    bulk_threshold = 20_000
    rebuild_share = 0.5
    #: A catch-up of at least this many events is large: it runs in batches of
    #: :attr:`large_batch` events (each revised development is re-folded once a batch, and
    #: a batch this size indexes its rows after writing them, see
    #: ``TimelinesProjection.INDEX_AFTER``), with the bulk rebuild's page cache.
    large_catch_up = 5_000
    large_batch = 10_000

    def __init__(
        self,
        app: TimelineApp,
        path: str | Path,
        projections: Iterable[Projection] = PROJECTIONS,
    ) -> None:
        self.app = app
        self.projections = tuple(projections)
        try:
            self.db: Database = schema.open_database(path)
            self._prepare()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"cannot open read models at {escaped(str(path))}: "
                f"{storage_problem(Path(path), exc) if path != ':memory:' else exc}"
                + (
                    "; read models are disposable: 'timeline rebuild' replaces a damaged file"
                    if "malformed" in str(exc) or "not a database" in str(exc)
                    else ""
                )
            ) from None

    def _prepare(self) -> None:
        """Create the read models if this file lacks them or has another schema version.

        The common case (already prepared) only reads. Otherwise the work runs in one
        ``BEGIN IMMEDIATE`` transaction, which waits for other writers instead of failing
        when another process prepares or writes the same file at the same moment.
        """
        if self._ready():
            return
        with self._immediate():
            schema.ensure_base(self.db)
            version = schema.schema_version(self.db)
            if version != schema.SCHEMA_VERSION:
                if version is not None:
                    self.drop_read_models()
                self.create_read_models()

    @contextmanager
    def _immediate(self) -> Iterator[None]:
        """A write transaction that takes the lock up front (waiting up to the timeout)."""
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _ready(self) -> bool:
        try:
            return schema.schema_version(self.db) == schema.SCHEMA_VERSION
        except sqlite3.OperationalError:  # no _meta table yet
            return False

    def create_read_models(self) -> None:
        """Create every projection's tables (inside the caller's transaction)."""
        schema.ensure_base(self.db)
        for projection in self.projections:
            projection.create(self.db)
        schema.set_schema_version(self.db)

    def drop_read_models(self) -> None:
        """Drop every projection's tables and positions, and forget the schema version."""
        with self.db.atomic():
            for projection in self.projections:
                for view in projection.views:
                    self.db.execute(f"DROP VIEW IF EXISTS [{view}]")
                for table in projection.tables:
                    if self.db.table(f"{table}_fts").exists():
                        self.db.execute(f"DROP TABLE [{table}_fts]")
                    self.db.execute(f"DROP TABLE IF EXISTS [{table}]")
                self.db.execute(
                    f"DELETE FROM {schema.TRACKING_TABLE} WHERE projection = ?", [projection.name]
                )
            self.db.execute(f"DELETE FROM {schema.META_TABLE} WHERE key = 'schema_version'")

    def positions(self) -> dict[str, int]:
        return {p.name: schema.position(self.db, p.name) for p in self.projections}

    def lag(self) -> int:
        """How many log positions the slowest projection is behind."""
        return self.app.max_position() - min(self.positions().values(), default=0)

    def catch_up(
        self,
        *,
        stop: int | None = None,
        batch_size: int | None = None,
        progress: Progress | None = None,
    ) -> int:
        """Apply every event after each projection's position (up to ``stop``). Returns count.

        The path depends on how much there is to do (see :attr:`bulk_threshold`): empty
        read models facing a long log, or a catch-up of most of the log, are rebuilt in bulk
        (unless another process moved the positions first); a large one (at least
        :attr:`large_catch_up` events) runs in batches of :attr:`large_batch`; a small one
        in batches of 1,000.
        ``batch_size`` overrides the batch size.
        """
        since = min(self.positions().values(), default=0)
        end = stop if stop is not None else self.app.max_position()
        total = end - since
        if total >= self.bulk_threshold and (since == 0 or total >= self.rebuild_share * end):
            count = bulk.rebuild(self, stop=stop, progress=progress, only_if_at=since)
            if count is not None:
                return count
            since = min(self.positions().values(), default=0)
            total = end - since
        large = total >= self.large_catch_up
        if batch_size is None:
            batch_size = self.large_batch if large else 1000
        done = 0
        with self._page_cache(bulk.CACHE_KIB if large else None), bulk.collector_paused():
            for last, records in decoded_pages(self.app, since, batch=batch_size, stop=stop):
                for projection in self.projections:
                    self._apply(projection, records, last)
                done += len(records)
                if progress is not None:
                    progress(done, max(total, done))
        return done

    @contextmanager
    def _page_cache(self, kib: int | None) -> Iterator[None]:
        """SQLite's page cache raised to ``kib`` KiB for a while (None: unchanged)."""
        if kib is None:
            yield
            return
        conn = self.db.conn
        (previous,) = conn.execute("PRAGMA cache_size").fetchone()
        conn.execute(f"PRAGMA cache_size=-{kib}")
        try:
            yield
        finally:
            conn.execute(f"PRAGMA cache_size={previous}")

    def _apply(self, projection: Projection, records: list[EventRecord], last: int) -> None:
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema.position(self.db, projection.name)
            if last <= current:
                conn.execute("ROLLBACK")
                return
            mine = [r for r in records if r.position > current and r.type in projection.handles]
            if mine:
                projection.apply(self.db, mine)
            schema.set_position(self.db, projection.name, last)
            conn.execute("COMMIT")
        except Exception as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            first = records[0].position
            raise ProjectionError(
                f"projection {projection.name!r} failed on log positions {first}-{last}: "
                f"{type(exc).__name__}: {exc}"
            ) from exc

    def rebuild(self, *, batch_size: int = bulk.PAGE, progress: Progress | None = None) -> int:
        """Replace every read model with one built from the whole log, in bulk and in one
        transaction (see :mod:`projections.bulk`)."""
        count = bulk.rebuild(self, page=batch_size, progress=progress)
        assert count is not None
        return count

    def close(self) -> None:
        self.db.close()
