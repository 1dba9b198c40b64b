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


def serve(views_path: Path, metadata_path: Path, *, host: str, port: int) -> None:
    """Run Datasette's own ``serve`` command on the read models until interrupted."""
    require()
    datasette_cli: Any = importlib.import_module("datasette.cli")
    datasette_cli.cli.main(
        args=[
            "serve",
            str(views_path),
            "--metadata",
            str(metadata_path),
            "--host",
            host,
            "--port",
            str(port),
        ],
        prog_name="datasette",
        standalone_mode=False,
    )
