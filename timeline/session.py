"""One run's handles on the store: the application and the read models, opened lazily.

A read whose read models are already caught up with a SQLite log never opens the
application: the log's last position is read from the events file directly (and
``history``'s events too, :meth:`Session.development_events`), so the library's application
and persistence and the dispatch schemas are imported only by a command that appends or has
events to catch up with (see timeline/cli.py on start-up).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from projections import queries
from projections.base import EventRecord
from projections.runner import Progress, ReadModels
from projections.schema import set_wal
from timeline.errors import StoreError
from timeline.store import Home, postgres_connect_kwargs, redact, storage_problem
from timeline.text import escaped

if TYPE_CHECKING:
    from timeline.application import TimelineApp

#: The table of the library's SQLite application recorder (``SQLITE_DBNAME``'s events).
EVENTS_TABLE = "stored_events"
#: The library's envelope of every stored event, not part of its payload.
_ENVELOPE = ("originator_id", "originator_version", "timestamp", "originator_topic")

#: A catch-up of fewer events than this finishes too soon to need a progress display.
SHOW_PROGRESS_FROM = 2_000


#: Opens a progress display for a catch-up: a context manager giving a progress callback,
#: or None when nothing should show (the CLI passes a rich bar on stderr, terminals only).
ProgressDisplay = Callable[[str], AbstractContextManager[Progress | None]]


class Session:
    def __init__(self, home: Home, progress: ProgressDisplay | None = None) -> None:
        self.home = home
        self.progress = progress
        self._app: TimelineApp | None = None
        self._views: ReadModels | None = None

    @property
    def app(self) -> TimelineApp:
        if self._app is None:
            from eventsourcing.persistence import PersistenceError

            from timeline.application import TimelineApp

            self.home.ensure()
            env = self.home.eventsourcing_env()
            if env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite":
                self._prepare_sqlite_file()
            else:
                self._probe_postgres(env)
            for attempt in range(1, 6):
                try:
                    self._app = TimelineApp(env=env)
                    break
                except PersistenceError as exc:
                    # Several processes creating the tables at once (PostgreSQL says "tuple
                    # concurrently updated") is worth a retry; anything else is an error.
                    if "concurrently" in str(exc) and attempt < 5:
                        time.sleep(0.05 * attempt)
                        continue
                    if self.home.is_sqlite:
                        path = self.home.events_path
                        where, why = escaped(str(path)), storage_problem(path, exc)
                    else:
                        where, why = redact(self.home.store_url), escaped(str(exc))
                    raise StoreError(f"cannot open the event store {where}: {why}") from None
        assert self._app is not None
        return self._app

    def _probe_postgres(self, env: dict[str, str]) -> None:
        """One direct connection first, so that a wrong password, a missing database or a
        refused port is reported with its cause at once (the library's pool retries
        silently until its timeout and then says only that it got no connection)."""
        import psycopg

        try:
            with psycopg.connect(**postgres_connect_kwargs(env)):
                pass
        except (psycopg.Error, UnicodeError) as exc:  # UnicodeError: a host label over 63
            cause = " ".join(str(exc).split()) or type(exc).__name__
            password = env.get("POSTGRES_PASSWORD")
            if password:
                cause = cause.replace(password, "***")
            raise StoreError(
                f"cannot open the event store {redact(self.home.store_url)}: {escaped(cause)}"
            ) from None

    def _prepare_sqlite_file(self) -> None:
        """Put a new event-store file in WAL mode before the library opens it: the library's
        own switch fails at once ("database is locked") if another writer is busy."""
        try:
            with contextlib.closing(sqlite3.connect(self.home.events_path, timeout=30)) as conn:
                set_wal(conn)
        except sqlite3.Error as exc:
            path = self.home.events_path
            raise StoreError(
                f"cannot open the event store {escaped(str(path))}: {storage_problem(path, exc)}"
            ) from None

    @property
    def views(self) -> ReadModels:
        if self._views is None:
            self.home.ensure()
            self._views = _SessionReadModels(self, self.home.views_path)
        return self._views

    def _sqlite_log_end(self) -> int | None:
        """The SQLite log's last position, read from its file without the library; None when
        the store is not SQLite, the application is already open, or the file cannot say."""
        if self._app is not None or not self.home.is_sqlite:
            return None
        path = self.home.events_path
        if not path.is_file():
            return None
        try:
            with contextlib.closing(sqlite3.connect(path, timeout=30)) as conn:
                row = conn.execute(f"SELECT MAX(rowid) FROM {EVENTS_TABLE}").fetchone()
        except sqlite3.Error:
            return None
        return int(row[0] or 0)

    def development_events(self, development_id: str) -> list[EventRecord]:
        """Every event of one development, oldest first, as plain records (the payload
        without the library's envelope). From a SQLite log they are read directly, without
        the application, when that is exact (see :meth:`_sqlite_events_of`); otherwise
        through the library."""
        found = self._sqlite_events_of(development_id)
        if found is not None:
            return found
        from uuid import UUID

        from timeline.dates import iso

        records = []
        for event in self.app.events.get(UUID(development_id)):
            payload = {k: v for k, v in vars(event).items() if k not in _ENVELOPE}
            records.append(
                EventRecord(
                    position=0,
                    originator_id=development_id,
                    originator_version=event.originator_version,
                    type=type(event).__qualname__,
                    recorded_at=iso(event.timestamp),  # type: ignore[attr-defined]
                    payload=payload,
                )
            )
        return records

    def _sqlite_events_of(self, development_id: str) -> list[EventRecord] | None:
        """A development's events read from the SQLite events file and decoded as the
        projections' fast path decodes them (``projections.decode.fast_record``: one
        ``orjson.loads`` of the stored state), or None when that might differ from the
        library's mapper: another store, an application already open, a cipher or a
        compressor configured, an event stored by an older class version (its upcasters
        must run), or a state with any typed value besides the timestamp."""
        if self._app is not None or not self.home.is_sqlite:
            return None
        if any(k.endswith(("CIPHER_TOPIC", "COMPRESSOR_TOPIC")) for k in os.environ):
            return None
        path = self.home.events_path
        if not path.is_file():
            return None
        from uuid import UUID

        import orjson

        from projections.decode import _MARKER, _stamp, _topic

        try:
            key = UUID(development_id)
            with contextlib.closing(sqlite3.connect(path, timeout=30)) as conn:
                rows = conn.execute(
                    f"SELECT originator_version, topic, state FROM {EVENTS_TABLE} "
                    "WHERE originator_id IN (?, ?) ORDER BY originator_version",
                    [key.hex, str(key)],
                ).fetchall()
        except (ValueError, sqlite3.Error):
            return None
        records = []
        for version, topic, state in rows:
            state = bytes(state) if not isinstance(state, bytes) else state
            if state.count(_MARKER) != 1:
                return None
            qualname, class_version = _topic(topic)
            payload: dict[str, object] = orjson.loads(state)
            if payload.pop("class_version", 1) != class_version:
                return None
            recorded_at = _stamp(payload.pop("timestamp", None))
            if recorded_at is None:
                return None
            for name in _ENVELOPE:
                payload.pop(name, None)
            records.append(
                EventRecord(
                    position=0,
                    originator_id=development_id,
                    originator_version=int(version),
                    type=qualname,
                    recorded_at=recorded_at,
                    payload=payload,
                )
            )
        return records

    def replace_damaged_views(self) -> str | None:
        """Read models are disposable: when the read-model file fails SQLite's own check (or
        is not a database), move it and its journal aside (``views.sqlite3.damaged``) so that a
        rebuild starts a new file. Returns what was wrong, or None when the file is sound."""
        from timeline.integrity import check_sqlite_file

        path = self.home.views_path
        findings = check_sqlite_file(path)
        if not findings:
            return None
        if self._views is not None:
            self._views.close()
            self._views = None
        for suffix in ("", "-wal", "-shm"):
            damaged = path.with_name(path.name + suffix)
            with contextlib.suppress(FileNotFoundError):
                try:
                    damaged.replace(path.with_name(f"{path.name}.damaged{suffix}"))
                except OSError as exc:
                    raise StoreError(
                        f"cannot replace the damaged read models {escaped(str(path))}: "
                        f"{storage_problem(path, exc)}"
                    ) from None
        return findings[0].message.replace("the events file", "the read-model file")

    def fresh_views(self, progress: Progress | None = None) -> ReadModels:
        """The read models, caught up with the log before a read. Without ``progress``, a
        catch-up of at least :data:`SHOW_PROGRESS_FROM` events shows the session's progress
        display, so every command that reads shows one while it waits."""
        views = self.views
        end = self._sqlite_log_end()
        if end is not None and min(views.positions().values(), default=0) >= end:
            return views  # caught up: nothing to apply, so no need to open the application
        self._catch_up(views, progress)
        return views

    def _catch_up(
        self, views: ReadModels, progress: Progress | None, stop: int | None = None
    ) -> None:
        if progress is not None or self.progress is None:
            views.catch_up(stop=stop, progress=progress)
            return
        end = stop if stop is not None else views.app.max_position()
        if end - min(views.positions().values(), default=0) < SHOW_PROGRESS_FROM:
            views.catch_up(stop=stop)
            return
        with self.progress("Catching up") as tick:
            views.catch_up(stop=stop, progress=tick)

    def views_recorded_as_of(self, recorded_as_of: str) -> ReadModels:
        """Read models rebuilt in memory from the events this log held at a system time."""
        position = queries.recorded_position(self.fresh_views().db, recorded_as_of)
        snapshot = ReadModels(self.app, ":memory:")
        if position:
            self._catch_up(snapshot, None, stop=position)
        return snapshot

    @property
    def views_path(self) -> Path:
        return self.home.views_path

    def close(self) -> None:
        if self._views is not None:
            self._views.close()
        if self._app is not None:
            self._app.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class _SessionReadModels(ReadModels):
    """The session's read models: their application is the session's, opened on first use
    (a catch-up, or a caller that asks for it), not when the read models are opened."""

    def __init__(self, session: Session, path: Path) -> None:
        self._session = session
        super().__init__(None, path)  # type: ignore[arg-type]  # see the setter

    @property
    def app(self) -> TimelineApp:
        return self._session.app

    @app.setter
    def app(self, value: TimelineApp | None) -> None:
        if value is not None:  # ReadModels sets None here; the session's application stands
            raise TypeError("the session's read models use the session's application")
