"""Where data lives: the data directory, the event store and the read-model file.

``--home DIR`` or ``TIMELINE_HOME`` picks the data directory; the default is the per-user
data directory from platformdirs (``~/.local/share/news-timeline`` on Linux). It holds:

* ``events.sqlite3`` - the event log (eventsourcing's SQLite application recorder);
* ``views.sqlite3`` - the read models (sqlite-utils), disposable and rebuilt from the log.

``--store URL`` or ``TIMELINE_STORE`` selects another event store. ``sqlite`` (the default)
keeps the log in the home directory; ``sqlite:///abs/path/events.sqlite3`` or
``sqlite://relative/path/events.sqlite3`` puts it elsewhere;
``postgresql://user:password@host:port/dbname[?schema=NAME&sslmode=...]`` puts it in PostgreSQL
through
eventsourcing's own PostgreSQL module (install the ``postgres`` extra). The read models stay
in the home directory's SQLite file either way.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlparse

import platformdirs

from timeline.errors import StoreError, UsageError
from timeline.text import escaped

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
        return sqlite_path(self.store_url) or self.root / EVENTS_FILE

    def ensure(self) -> None:
        folders = [self.root]
        if self.is_sqlite:
            folders.append(self.events_path.parent)
        for folder in folders:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create data directory {escaped(str(folder))}: {exc.strerror}"
                ) from None

    def eventsourcing_env(self) -> dict[str, str]:
        """The environment for eventsourcing's persistence module, chosen by the store URL."""
        scheme = urlparse(self.store_url).scheme or self.store_url
        if scheme == "sqlite":
            sqlite_path(self.store_url)  # refuses what it cannot read
            return {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(self.events_path),
                "SQLITE_LOCK_TIMEOUT": "30",
                "APPLICATION_RECORDER_TOPIC": "timeline.chain:ChainedSQLiteApplicationRecorder",
            }
        if scheme in ("postgresql", "postgres"):
            return postgres_env(self.store_url)
        raise UsageError(
            f"unsupported store {redact(self.store_url)!r}: use 'sqlite', "
            "'sqlite:///path/events.sqlite3' or 'postgresql://user:password@host:port/dbname'"
        )


def sqlite_path(url: str) -> Path | None:
    """The events file a ``sqlite:`` store URL names, or None for the home's own file.

    ``sqlite:///abs/events.sqlite3`` is an absolute path, ``sqlite://data/events.sqlite3``
    (or ``sqlite:data/events.sqlite3``) a path relative to the working directory;
    percent-escapes are decoded. Query strings and fragments are refused: SQLite stores take
    no parameters.
    """
    if url == "sqlite" or not url.startswith("sqlite:"):
        return None
    rest = url.removeprefix("sqlite:")
    if "?" in rest or "#" in rest:
        raise UsageError(
            f"store {url!r}: a sqlite store takes no query string or fragment; write '?' as "
            "%3F and '#' as %23 if the path holds them"
        )
    if rest.startswith("//"):
        rest = rest[2:]  # "sqlite://data/x" is relative, "sqlite:///x" absolute
    try:
        path = unquote(rest, errors="strict")
    except UnicodeDecodeError:
        raise UsageError(f"store {url!r}: a percent-escape is not UTF-8") from None
    if not path or path == "/":
        return None
    if any(ord(c) < 32 or ord(c) == 127 for c in path):
        raise UsageError(f"store {escaped(url)!r}: the path holds a control character")
    if path.startswith("//"):
        path = "/" + path.lstrip("/")
    return Path(path).expanduser().absolute()


#: libpq connection parameters a ``postgresql://`` URL may carry, passed through to psycopg.
LIBPQ_PARAMETERS = frozenset(
    {
        "application_name",
        "channel_binding",
        "connect_timeout",
        "gssencmode",
        "keepalives",
        "keepalives_count",
        "keepalives_idle",
        "keepalives_interval",
        "krbsrvname",
        "options",
        "passfile",
        "require_auth",
        "sslcert",
        "sslcompression",
        "sslcrl",
        "sslcrldir",
        "sslkey",
        "sslmode",
        "sslnegotiation",
        "sslpassword",
        "sslrootcert",
        "sslsni",
        "target_session_attrs",
        "tcp_user_timeout",
    }
)
_SCHEMA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


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
    try:
        port = 5432 if parsed.port is None else parsed.port
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise UsageError(
            f"PostgreSQL URL {redact(url)!r}: the port must be a number from 1 to 65535"
        )
    if not (parsed.hostname and dbname and parsed.username):
        raise UsageError(
            f"incomplete PostgreSQL URL {redact(url)!r}: expected "
            "postgresql://user:password@host:port/dbname"
        )
    env = {
        "PERSISTENCE_MODULE": "timeline.pgstore:LibpqPostgresFactory",
        "POSTGRES_DBNAME": dbname,
        "POSTGRES_HOST": unquote(parsed.hostname),
        "POSTGRES_PORT": str(port),
        "POSTGRES_USER": unquote(parsed.username),
        "POSTGRES_PASSWORD": unquote(parsed.password or ""),
        "POSTGRES_CONNECT_TIMEOUT": "10",
        "POSTGRES_LOCK_TIMEOUT": "30",
        "POSTGRES_PRE_PING": "y",
        "APPLICATION_RECORDER_TOPIC": "timeline.chain:ChainedPostgresApplicationRecorder",
    }
    try:
        query = parse_qsl(parsed.query, keep_blank_values=True, strict_parsing=bool(parsed.query))
    except ValueError:
        raise UsageError(f"PostgreSQL URL {redact(url)!r}: malformed query string") from None
    params: dict[str, str] = {}
    for key, value in query:
        if key in params or (key == "schema" and "POSTGRES_SCHEMA" in env):
            raise UsageError(f"PostgreSQL URL {redact(url)!r}: {key} is given twice")
        if key == "schema":
            if not _SCHEMA_NAME.fullmatch(value):
                raise UsageError(
                    f"PostgreSQL URL {redact(url)!r}: schema must be a plain identifier "
                    "(letters, digits and _, not starting with a digit, at most 63)"
                )
            env["POSTGRES_SCHEMA"] = value
        elif key in LIBPQ_PARAMETERS:
            params[key] = value
        else:
            raise UsageError(
                f"PostgreSQL URL {redact(url)!r}: unknown parameter {escaped(key)!r}; known: "
                f"schema, {', '.join(sorted(LIBPQ_PARAMETERS))}"
            )
    if params:
        env["POSTGRES_LIBPQ_PARAMETERS"] = json.dumps(params)
    return env


def postgres_connect_kwargs(env: dict[str, str]) -> dict[str, Any]:
    """psycopg's connection arguments for the settings :func:`postgres_env` made."""
    kwargs: dict[str, Any] = {
        "dbname": env["POSTGRES_DBNAME"],
        "host": env["POSTGRES_HOST"],
        "port": env["POSTGRES_PORT"],
        "user": env["POSTGRES_USER"],
        "password": env["POSTGRES_PASSWORD"],
        "connect_timeout": env["POSTGRES_CONNECT_TIMEOUT"],
    }
    kwargs.update(json.loads(env.get("POSTGRES_LIBPQ_PARAMETERS", "{}")))
    return kwargs


def storage_problem(path: Path, exc: BaseException) -> str:
    """Why a SQLite file cannot be written, in words: a full disk, a read-only file system or
    file, or SQLite's own message."""
    text = str(exc)
    try:
        folder = path if path.is_dir() else path.parent
    except OSError:  # a name too long to stat (ENAMETOOLONG)
        folder = path.parent
    read_only_fs = False
    with contextlib.suppress(OSError):
        read_only_fs = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    if "disk is full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return f"the disk holding {escaped(str(folder))} is full"
    if read_only_fs:
        return f"{escaped(str(folder))} is on a read-only file system"
    if "readonly" in text or "read-only" in text or not os.access(folder, os.W_OK):
        return f"{escaped(str(path))} or its directory is read-only for this user"
    return escaped(text)


def redact(url: str) -> str:
    """A store URL fit for messages: the password (and an sslpassword) replaced by ***,
    control characters shown as escapes."""
    parsed = urlparse(url)
    if parsed.password:
        netloc = parsed.netloc.replace(f":{parsed.password}@", ":***@")
        parsed = parsed._replace(netloc=netloc)
    if "sslpassword" in parsed.query:
        parsed = parsed._replace(query=re.sub(r"(sslpassword=)[^&]*", r"\1***", parsed.query))
    return escaped(parsed.geturl())


def resolve_home(home: str | os.PathLike[str] | None = None, store: str | None = None) -> Home:
    """Resolve the data directory and store from options, then environment, then defaults."""
    chosen = home or os.environ.get("TIMELINE_HOME") or platformdirs.user_data_dir(APP_NAME)
    store_url = store or os.environ.get("TIMELINE_STORE") or "sqlite"
    try:
        urlparse(store_url)
    except ValueError as exc:  # "Invalid IPv6 URL": an unclosed [ in the host
        shown = re.sub(r"(//[^/@]*?:)[^@/]*@", r"\1***@", store_url)  # redact() parses it
        raise UsageError(f"--store {escaped(shown)!r} is not a URL: {exc}") from None
    return Home(root=Path(chosen).expanduser().resolve(), store_url=store_url)
