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


def schema_differences(current: Database, fresh: Database) -> list[str]:
    """Schema objects (SQL views, triggers, indexes, tables) whose definition differs from a
    fresh rebuild's, or that exist on one side only. Queries read through the views and the
    triggers keep the index structures in step, so a redefined one is a drifted read model."""

    def schema(db: Database) -> dict[tuple[str, str], str]:
        return {
            (str(row[0]), str(row[1])): " ".join(str(row[2] or "").split())
            for row in db.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            )
        }

    left, right = schema(current), schema(fresh)
    found = []
    for kind, name in sorted(set(left) | set(right)):
        if (kind, name) not in left:
            found.append(f"{kind} {name} is missing from the current read models")
        elif (kind, name) not in right:
            found.append(f"{kind} {name} is not in a fresh rebuild")
        elif left[kind, name] != right[kind, name]:
            found.append(f"{kind} {name} is defined differently from a fresh rebuild")
    return found


def index_differences(db: Database) -> list[str]:
    """The index structures that queries read, checked against the rows they index: each
    R*Tree ``_<table>_box`` holds exactly one box per row of ``<table>``, and each full-text
    index passes SQLite's own ``integrity-check`` against its content table."""
    names = {
        str(row[0]) for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    found = []
    for name in sorted(names):
        if not (name.startswith("_") and name.endswith("_box")):
            continue
        table = name[1:-4]
        if table not in names:
            found.append(f"box index {name} has no table {table}")
            continue
        boxes = f"SELECT id, key_lo, key_hi, occ_lo, occ_hi, known_lo, known_hi FROM [{name}]"
        rows = f"SELECT rowid, key_id, key_id, occ_lo, occ_hi, known_lo, known_hi FROM [{table}]"
        missing = db.execute(f"SELECT COUNT(*) FROM ({rows} EXCEPT {boxes})").fetchone()[0]
        extra = db.execute(f"SELECT COUNT(*) FROM ({boxes} EXCEPT {rows})").fetchone()[0]
        if missing or extra:
            found.append(
                f"box index {name}: {missing} row(s) of {table} missing from it, "
                f"{extra} box(es) for no row"
            )
    for name in sorted(names):
        if not name.endswith("_fts"):
            continue
        try:
            db.execute(f"INSERT INTO [{name}]([{name}]) VALUES ('integrity-check')")
        except Exception as exc:  # SQLite names the damage; the finding is the message
            found.append(f"full-text index {name} does not match its table: {exc}")
    return found
