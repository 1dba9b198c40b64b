"""A bitemporal index for the timelines: an R*Tree over (key, occurred, known) boxes.

Each row of a timeline table (``country_timeline``, ``conflict_timeline``,
``actor_timeline``) is a box in three integer dimensions:

* the key (country, conflict or actor) as a 31-bit hash, a degenerate interval;
* the occurred interval ``[occurred_start, occurred_end)`` in epoch minutes;
* the knowledge interval ``[valid_from, valid_to)`` in epoch minutes (open end: max int).

"The timeline of key K for occurred window W, as known at D" is then one R*Tree search for
boxes meeting ``{K} x W x {D}``: O(log N + k) for k matching boxes, however long the log
and whatever the intervals' lengths. Minutes are floored, so the search returns a superset;
the exact ISO-string comparisons run on the few candidates it returns.

Triggers keep ``_<table>_box`` in step with the table, so plain ``executemany`` works.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from sqlite_utils import Database

from timeline.dates import from_iso

BOX_COLUMNS = ("key_id", "occ_lo", "occ_hi", "known_lo", "known_hi")
MAX = 2**31 - 1
MIN = -(2**31)


@lru_cache(maxsize=1 << 16)
def key_id(key: str) -> int:
    """A stable 31-bit id for a key. Collisions only widen the search; results are exact."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=4).digest()) & MAX


def minute(text: str | None, *, default: int = MAX) -> int:
    """Epoch minutes, floored and clamped to the R*Tree's 32-bit range."""
    if text is None:
        return default
    return _minute(text)


@lru_cache(maxsize=1 << 17)  # times repeat: a report's reported time, whole days
def _minute(text: str) -> int:
    return max(MIN, min(MAX, int(from_iso(text).timestamp() // 60)))


def box(start: str, end: str, valid_from: str, valid_to: str | None) -> tuple[int, int, int, int]:
    return minute(start), minute(end), minute(valid_from), minute(valid_to)


def box_index_name(table: str) -> str:
    return f"_{table}_box"


def create_box_index(db: Database, table: str) -> None:
    index = box_index_name(table)
    db.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS [{index}] USING rtree_i32("
        "id, key_lo, key_hi, occ_lo, occ_hi, known_lo, known_hi)"
    )
    db.execute(
        f"CREATE TRIGGER IF NOT EXISTS [{index}_insert] AFTER INSERT ON [{table}] BEGIN "
        f"INSERT INTO [{index}] VALUES (new.rowid, new.key_id, new.key_id, new.occ_lo, "
        "new.occ_hi, new.known_lo, new.known_hi); END"
    )
    db.execute(
        f"CREATE TRIGGER IF NOT EXISTS [{index}_delete] AFTER DELETE ON [{table}] BEGIN "
        f"DELETE FROM [{index}] WHERE id = old.rowid; END"
    )


def fill_box_index(db: Database, table: str, *, after: int = 0) -> None:
    """Index the rows of ``table`` after rowid ``after`` in one statement (a bulk load,
    which runs without the insert trigger)."""
    db.execute(
        f"INSERT INTO [{box_index_name(table)}] SELECT rowid, key_id, key_id, occ_lo, occ_hi, "
        f"known_lo, known_hi FROM [{table}] WHERE rowid > ?",
        [after],
    )
