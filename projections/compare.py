"""Compare two read-model files table by table (rebuild equals catch-up; verify)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

Dump = dict[str, list[tuple[Any, ...]]]


def _derived(name: str) -> bool:
    """SQLite's own tables and index structures whose rowids and layout depend on insertion
    history: the FTS index (``*_fts``, ``*_fts_*``) and the R*Tree box indexes (``*_box``,
    ``*_box_*``). The rows they index are compared instead."""
    return (
        name.startswith("sqlite_")
        or name.endswith(("_fts", "_box"))
        or "_fts_" in name
        or "_box_" in name
    )


def dump_tables(db: Database) -> Dump:
    """Every table's rows in a canonical order."""
    names = [
        row[0]
        for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    dumped: Dump = {}
    for name in names:
        if _derived(name):
            continue
        columns = [row[1] for row in db.execute(f"PRAGMA table_info([{name}])")]
        order = ", ".join(f"[{c}]" for c in columns)
        dumped[name] = [
            tuple(row) for row in db.execute(f"SELECT * FROM [{name}] ORDER BY {order}")
        ]
    return dumped


def differences(left: Dump, right: Dump) -> list[str]:
    """Human-readable differences between two dumps (empty when equal)."""
    found = []
    for name in sorted(set(left) | set(right)):
        if name not in left or name not in right:
            found.append(f"table {name} exists on one side only")
            continue
        a, b = set(left[name]), set(right[name])
        if a != b:
            found.append(
                f"table {name}: {len(a - b)} row(s) only in the current read models, "
                f"{len(b - a)} only in a fresh rebuild"
            )
    return found
