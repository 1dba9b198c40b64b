"""The casualty tally: the latest figure each claimant gives, per conflict, party and category.

News tolls are running totals, so a claimant's later figure supersedes its earlier one, even
across developments. Figures from different claimants are kept side by side and never summed.
Ties on reported time break on development id, for a deterministic answer. Figures of
retracted or merged developments do not count.

The same query answers "as known at D" (see :func:`tally_query`) over ``version_figures``.
The ``casualty_tally`` table keeps the current answer, updated incrementally.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
from sqlite_utils import Database

from projections.fold import Version

Key = tuple[str, str, str, str]  # conflict, party, category, claimant

_COLUMNS = (
    "conflict, party, category, claimant, low, best, high, reported_at, report_id, "
    "development_id, bound, provisional, includes, country"
)
_MARKS = ", ".join("?" for _ in _COLUMNS.split(","))


def _dumps(value: Any) -> str:
    """JSON text as the timelines projection writes it (orjson, compact)."""
    return orjson.dumps(value).decode()


def tally_query(
    as_of: str | None, *, one_key: bool = False, every_conflict: bool = False
) -> tuple[str, list[Any]]:
    """SQL for the tally of one conflict (bound as ``:conflict``), optionally as known at
    ``as_of``; with ``one_key``, only ``:party``, ``:category`` and ``:claimant``; with
    ``every_conflict``, of all conflicts."""
    if as_of is None:
        visible = "f.valid_to IS NULL"
        params: list[Any] = []
    else:
        visible = "f.valid_from <= :as_of AND (f.valid_to IS NULL OR f.valid_to > :as_of)"
        params = [as_of]
    key = (
        " AND f.party = :party AND f.category = :category AND f.claimant = :claimant"
        if one_key
        else ""
    )
    conflict = "" if every_conflict else "ct.conflict = :conflict AND "
    sql = f"""
        SELECT {_COLUMNS}
        FROM (
            SELECT ct.conflict, f.party, f.category, f.claimant, f.low, f.best, f.high,
                   f.reported_at, f.report_id, f.development_id, f.bound, f.provisional,
                   f.includes, f.country,
                   ROW_NUMBER() OVER (
                       PARTITION BY ct.conflict, f.party, f.category, f.claimant
                       ORDER BY f.reported_at DESC, f.development_id DESC
                   ) AS rank
            FROM version_figures f
            JOIN development_versions v ON v.version_id = f.version_id
            JOIN conflict_timeline ct ON ct.version_id = f.version_id
            WHERE {conflict}{visible} AND v.status = 'active'{key}
        )
        WHERE rank = 1
        ORDER BY conflict, party, category, claimant
    """
    return sql, params


def current_figure_keys(db: Database, development_ids: Iterable[str]) -> set[Key]:
    """The tally keys that the current versions of these developments contribute to."""
    keys: set[Key] = set()
    ids = list(development_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        keys.update(
            db.execute(
                "SELECT ct.conflict, f.party, f.category, f.claimant FROM version_figures f "
                "JOIN conflict_timeline ct ON ct.version_id = f.version_id "
                # the same rows (a version is of one development); it lets SQLite find
                # them by ct's development_id index, not scan ct for each figure
                "AND ct.development_id = f.development_id "
                f"WHERE f.valid_to IS NULL AND f.development_id IN ({marks})",
                chunk,
            ).fetchall()
        )
    return keys


def _recompute(db: Database, key: Key) -> None:
    conflict, party, category, claimant = key
    db.conn.execute(
        "DELETE FROM casualty_tally WHERE conflict = ? AND party = ? AND category = ? "
        "AND claimant = ?",
        key,
    )
    sql, _ = tally_query(None, one_key=True)
    rows = db.conn.execute(
        sql, {"conflict": conflict, "party": party, "category": category, "claimant": claimant}
    ).fetchall()
    db.conn.executemany(f"INSERT INTO casualty_tally({_COLUMNS}) VALUES ({_MARKS})", rows)


def update_tally(
    db: Database, touched: set[str], previous: set[Key], folded: list[list[Version]]
) -> None:
    """Bring ``casualty_tally`` up to date after the given developments were re-folded.

    A key whose current row came from a touched development is recomputed in full (that
    figure may have been revised away). Otherwise the row only changes if a touched
    development now gives a later figure, which is compared directly.
    """
    candidates: dict[Key, tuple[Any, ...]] = {}
    for versions in folded:
        state = versions[-1].state
        if state["status"] != "active":
            continue
        for conflict in state["conflicts"]:
            for f in state["figures"]:
                key = (conflict, f["party"], f["category"], f["claimant"])
                row = (
                    *key,
                    f["low"],
                    f["best"],
                    f["high"],
                    f["reported_at"],
                    f["report_id"],
                    versions[-1].development_id,
                    f.get("bound"),
                    int(bool(f.get("provisional"))),
                    _dumps(f.get("includes") or []),
                    f.get("country"),
                )
                best = candidates.get(key)
                if best is None or (row[7], row[9]) > (best[7], best[9]):
                    candidates[key] = row
    for key in sorted(previous | set(candidates)):
        current = db.conn.execute(
            "SELECT reported_at, development_id FROM casualty_tally WHERE conflict = ? "
            "AND party = ? AND category = ? AND claimant = ?",
            key,
        ).fetchone()
        if current is not None and current[1] in touched:
            _recompute(db, key)
            continue
        candidate = candidates.get(key)
        if candidate is not None and (current is None or (candidate[7], candidate[9]) > current):
            db.conn.execute(
                f"INSERT OR REPLACE INTO casualty_tally({_COLUMNS}) VALUES ({_MARKS})",
                candidate,
            )


def rebuild_tally(db: Database) -> None:
    """Compute the whole current tally in one query (a full rebuild)."""
    sql, _ = tally_query(None, every_conflict=True)
    db.conn.execute("DELETE FROM casualty_tally")
    db.conn.execute(f"INSERT INTO casualty_tally({_COLUMNS}) {sql}")
