"""Where data lives: the data directory, the event store and the read-model file.

``--home DIR`` or ``TIMELINE_HOME`` picks the data directory; the default is the per-user
data directory from platformdirs (``~/.local/share/news-timeline`` on Linux). It holds:

* ``events.sqlite3`` - the event log (eventsourcing's SQLite application recorder);
* ``views.sqlite3`` - the read models (sqlite-utils), disposable and rebuilt from the log.

``--store URL`` or ``TIMELINE_STORE`` selects another event store. ``sqlite`` (the default)
keeps the log in the home directory; ``sqlite:///path/to/events.sqlite3`` puts it elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import platformdirs

from timeline.errors import StoreError, UsageError

APP_NAME = "news-timeline"
EVENTS_FILE = "events.sqlite3"
VIEWS_FILE = "views.sqlite3"


@dataclass(frozen=True)
class Home:
    """The resolved locations for one run of the engine."""

    root: Path
    store_url: str

    @property
    def views_path(self) -> Path:
        return self.root / VIEWS_FILE

    @property
    def events_path(self) -> Path:
        parsed = urlparse(self.store_url)
        if parsed.scheme == "sqlite" and parsed.path not in ("", "/"):
            return Path(parsed.path)
        return self.root / EVENTS_FILE

    def ensure(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create data directory {self.root}: {exc.strerror}") from None

    def eventsourcing_env(self) -> dict[str, str]:
        """The environment for eventsourcing's persistence module, chosen by the store URL."""
        scheme = urlparse(self.store_url).scheme or self.store_url
        if scheme == "sqlite":
            return {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(self.events_path),
                "SQLITE_LOCK_TIMEOUT": "30",
                "APPLICATION_RECORDER_TOPIC": "timeline.chain:ChainedSQLiteApplicationRecorder",
            }
        raise UsageError(
            f"unsupported store {self.store_url!r}: use 'sqlite' or 'sqlite:///path/events.sqlite3'"
        )


def resolve_home(home: str | os.PathLike[str] | None = None, store: str | None = None) -> Home:
    """Resolve the data directory and store from options, then environment, then defaults."""
    chosen = home or os.environ.get("TIMELINE_HOME") or platformdirs.user_data_dir(APP_NAME)
    store_url = store or os.environ.get("TIMELINE_STORE") or "sqlite"
    return Home(root=Path(chosen).expanduser().resolve(), store_url=store_url)
