"""Frictionless Data Package descriptors for CSV exports, so pandas, R and Excel get types.

``timeline report --format csv|acled -o FILE.csv`` writes ``datapackage.json`` beside the
file: one tabular resource per CSV in that directory, each with the Table Schema of its
format (``timeline/schemas/*.tableschema.json``). A descriptor already there keeps its other
resources; the one for the same file is replaced.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

#: Format name -> its Table Schema file in timeline/schemas/.
TABLE_SCHEMAS: Final = {
    "csv": "report.tableschema.json",
    "acled": "acled.tableschema.json",
}
DESCRIPTOR: Final = "datapackage.json"


@cache
def table_schema(format_name: str) -> dict[str, Any]:
    """The Table Schema of a CSV format ("csv" or "acled")."""
    text = resources.files("timeline").joinpath("schemas", TABLE_SCHEMAS[format_name]).read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def resource_name(path: Path) -> str:
    """A resource name Frictionless accepts (lower case letters, digits, ``-._``)."""
    return re.sub(r"[^a-z0-9._-]+", "-", path.stem.lower()).strip("-") or "report"


def resource(path: Path, format_name: str) -> dict[str, Any]:
    schema = {k: v for k, v in table_schema(format_name).items() if k != "$schema"}
    return {
        "name": resource_name(path),
        "path": path.name,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
        "schema": schema,
    }


def write_beside(path: Path, format_name: str, title: str) -> Path:
    """Write or update ``datapackage.json`` in the CSV's directory; return its path."""
    descriptor_path = path.parent / DESCRIPTOR
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "news-timeline-reports",
        "title": "news-timeline reports",
        "resources": [],
    }
    if descriptor_path.exists():
        try:
            existing = json.loads(descriptor_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            existing = None
        if isinstance(existing, dict) and isinstance(existing.get("resources"), list):
            descriptor = existing
    new = resource(path, format_name)
    new["title"] = title
    kept = [r for r in descriptor["resources"] if r.get("path") != path.name]
    taken = {r.get("name") for r in kept}
    while new["name"] in taken:
        new["name"] += "-1"
    descriptor["resources"] = [*kept, new]
    descriptor_path.write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return descriptor_path
