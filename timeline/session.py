"""One run's handles on the store: the application and the read models, opened lazily."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType

from eventsourcing.persistence import PersistenceError

from projections import queries
from projections.runner import Progress, ReadModels
from projections.schema import set_wal
from timeline.application import TimelineApp
from timeline.errors import StoreError
from timeline.store import Home, redact

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
            self.home.ensure()
            env = self.home.eventsourcing_env()
            if env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite":
                self._prepare_sqlite_file()
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
                    raise StoreError(
                        f"cannot open the event store {redact(self.home.store_url)}: {exc}"
                    ) from None
        assert self._app is not None
        return self._app

    def _prepare_sqlite_file(self) -> None:
        """Put a new event-store file in WAL mode before the library opens it: the library's
        own switch fails at once ("database is locked") if another writer is busy."""
        try:
            with contextlib.closing(sqlite3.connect(self.home.events_path, timeout=30)) as conn:
                set_wal(conn)
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open the event store {self.home.events_path}: {exc}"
            ) from None

    @property
    def views(self) -> ReadModels:
        if self._views is None:
            self._views = ReadModels(self.app, self.home.views_path)
        return self._views

    def fresh_views(self, progress: Progress | None = None) -> ReadModels:
        """The read models, caught up with the log before a read. Without ``progress``, a
        catch-up of at least :data:`SHOW_PROGRESS_FROM` events shows the session's progress
        display, so every command that reads shows one while it waits."""
        views = self.views
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
