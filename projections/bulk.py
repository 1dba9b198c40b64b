"""Full rebuilds in bulk: the whole log into empty read models, in one transaction.

Incremental catch-up keeps every index, trigger and tally row up to date after each batch,
which is right for a few new events and slow for millions. A full rebuild instead:

1. drops and re-creates the read models, then drops the secondary indexes and the triggers
   that feed the FTS and R*Tree indexes (their SQL is kept to re-create them);
2. streams the log in large pages through the recorder, decodes each event once
   (:mod:`projections.decode`), and gives each projection its events with ``bulk_apply``
   (plain ``executemany`` inserts; the timelines projection only stores development events
   in this pass);
3. lets each projection finish with ``bulk_finish``: the timelines projection folds every
   development once, in id order, writes each group's rows with ``executemany`` and indexes
   them (FTS, R*Tree) with one statement per index; then it computes the tally in one query;
4. re-creates the indexes and triggers and records every projection's position;

all inside one ``BEGIN IMMEDIATE`` transaction: a crash or an error leaves the previous
read models exactly as they were, and readers see either the old or the new ones. Memory
stays flat as the log grows: pages and folding groups are bounded, and SQLite's page cache
is capped (:data:`CACHE_KIB`).
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from projections import schema
from projections.decode import pages as decoded_pages
from timeline.errors import ProjectionError

if TYPE_CHECKING:
    from projections.runner import Progress, ReadModels

#: SQLite page cache for a bulk rebuild, in KiB (the default is 2 MiB). Index builds on
#: large tables mostly run in this cache; it is the largest part of a rebuild's memory.
CACHE_KIB = 64 * 1024
#: Log events read and decoded per page.
PAGE = 5_000


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while the projections read, fold and write
    (restored after, as it was). Their objects hold no cycles and live one page or one group
    of developments, so reference counting frees them; the collector's passes over every
    young object cost 5-8% of a rebuild's CPU time, for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def deferred_objects(db_conn: sqlite3.Connection, tables: set[str]) -> list[tuple[str, str, str]]:
    """The secondary indexes and triggers on these tables: (type, name, SQL)."""
    marks = ", ".join("?" for _ in tables)
    rows = db_conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        f"AND sql IS NOT NULL AND tbl_name IN ({marks}) ORDER BY type, name",
        sorted(tables),
    ).fetchall()
    return [(str(t), str(n), str(s)) for t, n, s in rows]


def rebuild(
    views: ReadModels,
    *,
    stop: int | None = None,
    page: int = PAGE,
    progress: Progress | None = None,
    only_if_at: int | None = None,
) -> int | None:
    """Replace every read model with one built from the log (up to ``stop``). Returns the
    number of events read. With ``only_if_at``, return None without changing anything
    unless the projections' lowest position is still ``only_if_at`` once the write lock is
    held (another process caught up first)."""
    with collector_paused():
        return _rebuild(views, stop=stop, page=page, progress=progress, only_if_at=only_if_at)


def _rebuild(
    views: ReadModels,
    *,
    stop: int | None = None,
    page: int = PAGE,
    progress: Progress | None = None,
    only_if_at: int | None = None,
) -> int | None:
    app = views.app
    db = views.db
    conn = db.conn
    # Progress counts each event once per phase: read, then folded and written.
    span = stop if stop is not None else app.max_position()
    (previous_cache,) = conn.execute("PRAGMA cache_size").fetchone()
    conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    conn.execute("BEGIN IMMEDIATE")
    done = 0
    last = 0
    try:
        if only_if_at is not None and min(views.positions().values(), default=0) != only_if_at:
            conn.execute("ROLLBACK")
            return None
        views.drop_read_models()
        views.create_read_models()
        tables = {t for p in views.projections for t in p.tables}
        deferred = deferred_objects(conn, tables)
        for kind, name, _ in deferred:
            conn.execute(f"DROP {kind.upper()} [{name}]")
        for position, records in decoded_pages(app, 0, batch=page, stop=stop):
            last = position
            for projection in views.projections:
                mine = [r for r in records if r.type in projection.handles]
                if mine:
                    projection.bulk_apply(db, mine)
            done += len(records)
            if progress is not None:
                progress(done, max(span, done), "reading the log")
        folded = 0
        for projection in views.projections:
            for count in projection.bulk_finish(db):
                folded += count
                if progress is not None:
                    progress(min(folded, done), done, "writing the read models")
        for _, _, sql in deferred:
            conn.execute(sql)
        if last:  # as incremental catch-up, no positions for an empty log
            for projection in views.projections:
                schema.set_position(db, projection.name, last)
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, Exception) and not isinstance(exc, ProjectionError):
            raise ProjectionError(
                f"the rebuild failed after {done} events and was rolled back "
                f"(the previous read models are unchanged): {type(exc).__name__}: {exc}"
            ) from exc
        raise
    finally:
        conn.execute(f"PRAGMA cache_size={previous_cache}")
    if progress is not None:
        progress(done, done, "done")
    return done
