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
    # The current version is each development's last (valid_to is NULL only there), found
    # by the (development_id, seq) index; its conflicts are its conflict_timeline rows. This
    # reads one version's rows, where filtering version_figures by development read every
    # version's figures (a development with a long history made each revision slower).
    keys: set[Key] = set()
    for development_id in development_ids:
        keys.update(
            db.execute(
                "SELECT c.value, f.party, f.category, f.claimant "
                "FROM development_versions v JOIN version_figures f "
                "ON f.version_id = v.version_id, json_each(v.conflicts) c "
                "WHERE v.version_id = (SELECT version_id FROM development_versions "
                "WHERE development_id = ? ORDER BY seq DESC LIMIT 1) AND v.valid_to IS NULL",
                [development_id],
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
        row = db.conn.execute(
            f"SELECT {_COLUMNS} FROM casualty_tally WHERE conflict = ? "
            "AND party = ? AND category = ? AND claimant = ?",
            key,
        ).fetchone()
        candidate = candidates.get(key)
        if row is not None and candidate is not None and tuple(row) == candidate:
            # The touched development still gives this very row, and it was the latest
            # before (no other development changed): nothing to write. A corroboration of a
            # development with many figures rewrites no tally row.
            continue
        current = (row[7], row[9]) if row is not None else None
        if current is not None and current[1] in touched:
            _recompute(db, key)
            continue
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
