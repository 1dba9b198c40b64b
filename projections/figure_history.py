"""Casualty figures over knowledge time, for any timeline (conflict, country or actor).

``latest_figures`` applies the side rule of :mod:`projections.sides` to the development
versions of one timeline: each side's latest figure per party and category, whichever of
its voices gave it, never summed, ties on reported time broken by development id, retracted
and merged developments left out. For a conflict it gives exactly
:func:`projections.queries.tally`.

``figure_history`` gives that rule's answer at every knowledge time at which the timeline
changed, and keeps the points where a side's figure changed: the sequence of each side's
figure over reported time, as the reports and charts draw it. It is computed in one sweep
over the timeline's versions in knowledge order, not by re-running the query per moment.

``revision_reports`` lists the reports behind each development's events up to a knowledge
time (first report, revisions, corroborations), so reports can cite every source.
"""

from __future__ import annotations

import heapq
from operator import itemgetter
from typing import Any

from sqlite_utils import Database

from projections import queries

SeriesKey = tuple[str, str, str]  # party, category, side key


def latest_figures(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The latest figure per party, category and side among timeline rows (whose figures
    :func:`projections.queries.timeline` has already resolved to sides)."""
    best: dict[SeriesKey, tuple[tuple[str, str, str], dict[str, Any]]] = {}
    for row in rows:
        if row["status"] != "active":
            continue
        for figure in row["figures"]:
            key = (figure["party"], figure["category"], figure["side_key"])
            rank = (figure["reported_at"], row["development_id"], figure["claimant"])
            if key not in best or rank > best[key][0]:
                best[key] = (rank, {**figure, "development_id": row["development_id"]})
    return [
        best[key][1]
        for key in sorted(best, key=lambda k: (k[0], k[1], best[k][1]["side_name"], k[2]))
    ]


def knowledge_times(db: Database, query: queries.TimelineQuery) -> list[str]:
    """Every reported time, up to the query's as-of, at which the timeline gained a version."""
    dimension = query.dimension
    if dimension is None:
        sql, params = "SELECT DISTINCT valid_from FROM development_versions WHERE 1", []
    else:
        table, column, value = dimension
        sql, params = f"SELECT DISTINCT valid_from FROM {table} WHERE {column} = ?", [value]
    if query.as_of is not None:
        sql += " AND valid_from <= ?"
        params.append(query.as_of)
    return [row[0] for row in db.execute(sql + " ORDER BY valid_from", params)]


def figure_history(db: Database, query: queries.TimelineQuery) -> list[dict[str, Any]]:
    """Each side's figure per party and category over knowledge time.

    One series per (party, category, side), sorted; each point is the figure that held from
    ``known_from`` on, with the voice that gave it. A point whose values are all None means
    the side's figure stopped counting then (its development was retracted or merged away).

    The answer is :func:`latest_figures` of the timeline as known at each of
    :func:`knowledge_times`, kept where it changed. It is computed in one pass: every
    version the timeline ever held is read once, then a sweep over knowledge time adds each
    version when it becomes known and removes it when the next one replaces it, and
    re-ranks only the series those versions touch. Linear in the timeline's versions (plus
    a re-rank of one series when its current figure leaves).
    """
    arrivals: list[tuple[str, int, dict[str, Any]]] = []
    for index, row in enumerate(queries.figure_versions(db, query)):
        arrivals.append((row["valid_from"], index, row))
    arrivals.sort(key=lambda a: (a[0], a[1]))
    departures: list[tuple[str, int, str]] = []  # (valid_to, order, version_id)
    # Per series: the figures of the versions visible now, by version id, and the best.
    candidates: dict[SeriesKey, dict[str, tuple[tuple[str, str, str], dict[str, Any]]]] = {}
    holds: dict[str, list[SeriesKey]] = {}  # version id -> the series it gives a figure to
    leaders: dict[SeriesKey, tuple[tuple[str, str, str], dict[str, Any]] | None] = {}

    series: dict[SeriesKey, list[dict[str, Any]]] = {}
    names: dict[SeriesKey, tuple[str, str]] = {}
    previous: dict[SeriesKey, tuple[Any, ...]] = {}
    next_arrival = 0
    for moment in knowledge_times(db, query):
        touched: set[SeriesKey] = set()
        while next_arrival < len(arrivals) and arrivals[next_arrival][0] <= moment:
            _, order, row = arrivals[next_arrival]
            next_arrival += 1
            valid_to = row["valid_to"]
            if valid_to is not None and valid_to <= moment:
                continue  # replaced before this moment: never visible at a knowledge time
            version_id = row["version_id"]
            keys = holds[version_id] = []
            for figure in row["figures"]:
                key = (figure["party"], figure["category"], figure["side_key"])
                rank = (figure["reported_at"], row["development_id"], figure["claimant"])
                entry = (rank, {**figure, "development_id": row["development_id"]})
                candidates.setdefault(key, {})[version_id] = entry
                keys.append(key)
                current = leaders.get(key)
                if current is None or rank > current[0]:
                    leaders[key] = entry
                touched.add(key)
            if valid_to is not None:
                heapq.heappush(departures, (valid_to, order, version_id))
        while departures and departures[0][0] <= moment:
            _, _, version_id = heapq.heappop(departures)
            for key in holds.pop(version_id):
                entry = candidates[key].pop(version_id)
                current = leaders.get(key)
                if current is not None and current[1] is entry[1]:
                    leaders[key] = max(candidates[key].values(), key=itemgetter(0), default=None)
                touched.add(key)
        for key in sorted(touched):
            current = leaders.get(key)
            if current is None:
                value: tuple[Any, ...] = (None,) * 8 + (None, False, [])
            else:
                figure = current[1]
                names[key] = (figure["side"], figure["side_name"])
                value = (
                    figure["low"],
                    figure["best"],
                    figure["high"],
                    figure["reported_at"],
                    figure["report_id"],
                    figure["development_id"],
                    figure["claimant"],
                    figure["voice"],
                    figure.get("bound"),
                    bool(figure.get("provisional")),
                    figure.get("includes") or [],
                )
            if previous.get(key) == value:
                continue
            previous[key] = value
            low, best, high, reported_at, report_id, development_id, claimant, voice = value[:8]
            bound, provisional, includes = value[8:]
            series.setdefault(key, []).append(
                {
                    "known_from": moment,
                    "low": low,
                    "best": best,
                    "high": high,
                    "reported_at": reported_at,
                    "report_id": report_id,
                    "development_id": development_id,
                    "claimant": claimant,
                    "voice": voice,
                    "bound": bound,
                    "provisional": provisional,
                    "includes": includes,
                }
            )
    return [
        {
            "party": party,
            "category": category,
            "side": names[(party, category, key)][0],
            "side_name": names[(party, category, key)][1],
            "claimant": names[(party, category, key)][1],
            "points": points,
        }
        for (party, category, key), points in sorted(
            series.items(), key=lambda item: (item[0][0], item[0][1], names[item[0]][1])
        )
    ]


def revision_reports(
    db: Database, development_ids: list[str], as_of: str | None
) -> dict[str, list[str]]:
    """The report ids behind each development's events reported by ``as_of``, in log order
    (from the ``development_reports`` view)."""
    found: dict[str, list[str]] = {d: [] for d in development_ids}
    for start in range(0, len(development_ids), 500):
        chunk = development_ids[start : start + 500]
        sql = (
            "SELECT development_id, report_id FROM development_reports "
            f"WHERE development_id IN ({', '.join('?' for _ in chunk)})"
        )
        params: list[Any] = list(chunk)
        if as_of is not None:
            sql += " AND reported_at <= ?"
            params.append(as_of)
        for development_id, report_id in db.execute(sql + " ORDER BY position", params):
            if report_id not in found[development_id]:
                found[development_id].append(report_id)
    return found
