"""Opening the read models in Datasette: metadata, and the ``timeline serve`` launcher.

The metadata file ships with the package (``timeline/datasette/metadata.json``): titles,
descriptions, label columns, full-text search and canned queries. At serve time every
internal table (a name starting with ``_``) is marked hidden as well, so tables added later
stay hidden without editing the file.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from importlib import resources
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from timeline.errors import UsageError

INSTALL_HINT = "pip install 'news-timeline[serve]'"


def packaged_metadata() -> dict[str, Any]:
    text = resources.files("timeline").joinpath("datasette/metadata.json").read_text("utf-8")
    metadata: dict[str, Any] = json.loads(text)
    return metadata


def metadata(db: Database, database_name: str = "views") -> dict[str, Any]:
    """The packaged metadata for a read-model file, with every internal table hidden."""
    meta = packaged_metadata()
    database = meta["databases"].pop("views")
    meta["databases"] = {database_name: database}
    tables = database.setdefault("tables", {})
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        if name.startswith("_"):
            tables.setdefault(name, {})["hidden"] = True
    return meta


def available() -> bool:
    return importlib.util.find_spec("datasette") is not None


def require() -> None:
    if not available():
        raise UsageError(f"timeline serve needs Datasette, which is not installed: {INSTALL_HINT}")


#: Limits for a served Datasette: each query's time and rows, CSV size, and (through the
#: plugin below) the largest string or blob SQLite will build, so that one query such as
#: ``SELECT zeroblob(200000000)`` is refused instead of taking the server's memory.
SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 1000,
    "max_returned_rows": 1000,
    "max_csv_mb": 10,
    "facet_time_limit_ms": 200,
    "num_sql_threads": 3,
}
#: SQLite's SQLITE_LIMIT_LENGTH for served connections: the largest value a query may make.
MAX_VALUE_BYTES = 1_000_000
LIMITS_PLUGIN = f"""\
import sqlite3

from datasette import hookimpl


@hookimpl
def prepare_connection(conn):
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, {MAX_VALUE_BYTES})
"""


def write_limits_plugin(folder: Path) -> Path:
    """A Datasette plugins directory holding the value-length limit."""
    plugins = folder / "plugins"
    plugins.mkdir(exist_ok=True)
    (plugins / "timeline_limits.py").write_text(LIMITS_PLUGIN, encoding="utf-8")
    return plugins


def settings(*, allow_sql: bool) -> dict[str, Any]:
    return {**SETTINGS, "default_allow_sql": allow_sql}


def serve(
    views_path: Path,
    metadata_path: Path,
    *,
    host: str,
    port: int,
    plugins_dir: Path,
    allow_sql: bool = True,
) -> None:
    """Run Datasette's own ``serve`` command on the read models until interrupted."""
    require()
    datasette_cli: Any = importlib.import_module("datasette.cli")
    args = [
        "serve",
        str(views_path),
        "--metadata",
        str(metadata_path),
        "--host",
        host,
        "--port",
        str(port),
        "--plugins-dir",
        str(plugins_dir),
    ]
    for name, value in settings(allow_sql=allow_sql).items():
        shown = ("on" if value else "off") if isinstance(value, bool) else str(value)
        args += ["--setting", name, shown]
    datasette_cli.cli.main(args=args, prog_name="datasette", standalone_mode=False)
