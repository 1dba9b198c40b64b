"""The casualty tally: the latest figure each claimant gives, per conflict, party and category.

News tolls are running totals, so a claimant's later figure supersedes its earlier one, even
across developments. Figures from different claimants are kept side by side and never summed.
Ties on reported time break on development id, for a deterministic answer.

The same query answers "as known at D" (see :func:`tally_query`) over ``version_figures``.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def tally_query(as_of: str | None) -> tuple[str, list[Any]]:
    """SQL for the tally of one conflict (bound as ``:conflict``), optionally as known at ``as_of``."""
    if as_of is None:
        visible = "f.valid_to IS NULL"
        params: list[Any] = []
    else:
        visible = "f.valid_from <= :as_of AND (f.valid_to IS NULL OR f.valid_to > :as_of)"
        params = [as_of]
    sql = f"""
        SELECT conflict, party, category, claimant, low, best, high, reported_at, report_id,
               development_id
        FROM (
            SELECT ct.conflict, f.party, f.category, f.claimant, f.low, f.best, f.high,
                   f.reported_at, f.report_id, f.development_id,
                   ROW_NUMBER() OVER (
                       PARTITION BY ct.conflict, f.party, f.category, f.claimant
                       ORDER BY f.reported_at DESC, f.development_id DESC
                   ) AS rank
            FROM version_figures f
            JOIN development_versions v ON v.version_id = f.version_id
            JOIN conflict_timeline ct ON ct.version_id = f.version_id
            WHERE ct.conflict = :conflict AND {visible} AND v.status = 'active'
        )
        WHERE rank = 1
        ORDER BY party, category, claimant
    """
    return sql, params


def refresh_tally(db: Database, conflicts: list[str]) -> None:
    """Recompute the current tally rows of the given conflicts."""
    sql, _ = tally_query(None)
    for conflict in conflicts:
        db.conn.execute("DELETE FROM casualty_tally WHERE conflict = ?", [conflict])
        rows = db.conn.execute(sql, {"conflict": conflict}).fetchall()
        db.conn.executemany(
            "INSERT INTO casualty_tally(conflict, party, category, claimant, low, best, high, "
            "reported_at, report_id, development_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
