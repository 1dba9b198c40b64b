"""The read-model database: opening it, reference tables and projection positions.

Internal tables start with ``_`` so that Datasette hides them.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlite_utils import Database

from timeline import countries

#: Bump when a projection's tables change shape; a mismatch triggers a rebuild.
SCHEMA_VERSION = 16
TRACKING_TABLE = "_tracking"
META_TABLE = "_meta"


def set_wal(conn: sqlite3.Connection, *, attempts: int = 200) -> None:
    """Switch a file to WAL mode. The switch needs a moment with no other writer, and SQLite
    does not wait for it (no busy timeout), so retry for up to about ten seconds."""
    for attempt in range(attempts):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) the read-model file with explicit transaction control.

    Without sqlite-utils plugins: the read models need none, and looking for them reads the
    metadata of every installed package, 25-30 ms of every command."""
    conn = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
    set_wal(conn)
    conn.execute("PRAGMA synchronous=NORMAL")
    return Database(conn, execute_plugins=False)


def ensure_base(db: Database) -> None:
    """Create the internal tables and the static country reference table (inside the
    caller's transaction, as a savepoint)."""
    with db.atomic():
        db.table(TRACKING_TABLE).create(
            {"projection": str, "position": int}, pk="projection", if_not_exists=True
        )
        db.table(META_TABLE).create({"key": str, "value": str}, pk="key", if_not_exists=True)
        if not db.table("countries").exists() or db.table("countries").count < len(
            countries.all_countries()
        ):
            db.table("countries").create(
                {"iso3": str, "iso2": str, "name": str}, pk="iso3", if_not_exists=True
            )
            db.table("countries").insert_all(
                ignore=True,
                records=(
                    {"iso3": c.alpha_3, "iso2": c.alpha_2, "name": c.name}
                    for c in countries.all_countries()
                ),
            )


def schema_version(db: Database) -> int | None:
    row = db.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else None


def set_schema_version(db: Database) -> None:
    db.execute(
        f"INSERT OR REPLACE INTO {META_TABLE}(key, value) VALUES ('schema_version', ?)",
        [str(SCHEMA_VERSION)],
    )


def position(db: Database, projection: str) -> int:
    row = db.execute(
        f"SELECT position FROM {TRACKING_TABLE} WHERE projection = ?", [projection]
    ).fetchone()
    return int(row[0]) if row else 0


def set_position(db: Database, projection: str, value: int) -> None:
    db.execute(
        f"INSERT INTO {TRACKING_TABLE}(projection, position) VALUES (?, ?) "
        "ON CONFLICT(projection) DO UPDATE SET position = excluded.position",
        [projection, value],
    )
