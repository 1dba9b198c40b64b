"""Where data lives: the data directory, the event store and the read-model file.

``--home DIR`` or ``TIMELINE_HOME`` picks the data directory; the default is the per-user
data directory from platformdirs (``~/.local/share/news-timeline`` on Linux). It holds:

* ``events.sqlite3`` - the event log (eventsourcing's SQLite application recorder);
* ``views.sqlite3`` - the read models (sqlite-utils), disposable and rebuilt from the log.

``--store URL`` or ``TIMELINE_STORE`` selects another event store. ``sqlite`` (the default)
keeps the log in the home directory; ``sqlite:///path/to/events.sqlite3`` puts it elsewhere;
``postgresql://user:password@host:port/dbname[?schema=NAME]`` puts it in PostgreSQL through
eventsourcing's own PostgreSQL module (install the ``postgres`` extra). The read models stay
in the home directory's SQLite file either way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

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
    def is_sqlite(self) -> bool:
        return (urlparse(self.store_url).scheme or self.store_url) == "sqlite"

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
        if scheme in ("postgresql", "postgres"):
            return postgres_env(self.store_url)
        raise UsageError(
            f"unsupported store {self.store_url!r}: use 'sqlite', "
            "'sqlite:///path/events.sqlite3' or 'postgresql://user:password@host:port/dbname'"
        )


def postgres_env(url: str) -> dict[str, str]:
    """eventsourcing's PostgreSQL settings from a ``postgresql://`` URL."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise UsageError(
            "the PostgreSQL store needs the postgres extra: pip install 'news-timeline[postgres]'"
        ) from None
    parsed = urlparse(url)
    dbname = unquote(parsed.path.lstrip("/"))
    if not (parsed.hostname and dbname and parsed.username):
        raise UsageError(
            f"incomplete PostgreSQL URL {redact(url)!r}: expected "
            "postgresql://user:password@host:port/dbname"
        )
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": dbname,
        "POSTGRES_HOST": parsed.hostname,
        "POSTGRES_PORT": str(parsed.port or 5432),
        "POSTGRES_USER": unquote(parsed.username),
        "POSTGRES_PASSWORD": unquote(parsed.password or ""),
        "POSTGRES_CONNECT_TIMEOUT": "10",
        "POSTGRES_LOCK_TIMEOUT": "30",
        "POSTGRES_PRE_PING": "y",
        "APPLICATION_RECORDER_TOPIC": "timeline.chain:ChainedPostgresApplicationRecorder",
    }
    schema = parse_qs(parsed.query).get("schema")
    if schema:
        env["POSTGRES_SCHEMA"] = schema[0]
    return env


def redact(url: str) -> str:
    """A store URL fit for messages: the password replaced by ***."""
    parsed = urlparse(url)
    if parsed.password:
        netloc = parsed.netloc.replace(f":{parsed.password}@", ":***@")
        return parsed._replace(netloc=netloc).geturl()
    return url


def resolve_home(home: str | os.PathLike[str] | None = None, store: str | None = None) -> Home:
    """Resolve the data directory and store from options, then environment, then defaults."""
    chosen = home or os.environ.get("TIMELINE_HOME") or platformdirs.user_data_dir(APP_NAME)
    store_url = store or os.environ.get("TIMELINE_STORE") or "sqlite"
    return Home(root=Path(chosen).expanduser().resolve(), store_url=store_url)
