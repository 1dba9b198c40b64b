"""As-of query latency as the log grows.

For each size, a seeded synthetic log (constant density: a bigger log covers more days) is
appended through the Application and projected into the read models. Then "what had
happened in one conflict in the week before D, as known at D" is timed for many random D,
three ways, in the same run:

* ``box index``: the engine's query, an R*Tree search over (key, occurred, known) boxes;
* ``key index``: the same answer through the B-tree on the conflict key alone, filtering
  every version of the conflict (what a plain index gives);
* ``replay``: the naive approach the read models replace, re-reading and decoding the whole
  log, folding every development and filtering (timed once per size: it is slow).

Usage: python -m benchmarks.asof [--sizes 10000,100000,1000000] [--queries 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlite_utils import Database

from benchmarks.synthetic import START, pick_conflict, populate, span_days
from projections import queries
from projections.decode import to_record
from projections.fold import fold
from projections.runner import ReadModels
from timeline.application import TimelineApp
from timeline.dates import iso
from timeline.store import resolve_home

SEED = 20220913


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _replay(app: TimelineApp, conflict: str, as_of: str, occurred_from: str) -> int:
    """The naive as-of: decode the whole log, fold each development, filter."""
    by_development = defaultdict(list)
    for page in app.notifications(0, batch=5000):
        for notification in page:
            record = to_record(app, notification)
            if record.type.startswith("Development.") and record.payload["reported_at"] <= as_of:
                by_development[record.originator_id].append(record)
    visible = 0
    for development_id, records in by_development.items():
        state = fold(development_id, records)[-1].state
        occ = state["occurred"]
        if (
            conflict in state["conflicts"]
            and state["status"] != "merged"
            and occ["end"] > occurred_from
            and occ["start"] <= as_of
        ):
            visible += 1
    return visible


def windows(days: int, n_queries: int, seed: int = SEED) -> list[tuple[str, str]]:
    """``n_queries`` random (week before D, D) pairs inside a log that covers ``days`` days."""
    rng = random.Random(seed)
    moments = [
        START + timedelta(days=rng.uniform(1, days), hours=rng.uniform(0, 24))
        for _ in range(n_queries)
    ]
    return [(iso(m - timedelta(days=7)), iso(m)) for m in moments]


#: The same answer as the engine's query, through the B-tree on the conflict key alone.
KEY_INDEX_SQL = (
    "SELECT v.* FROM conflict_timeline t INDEXED BY sqlite_autoindex_conflict_timeline_1 "
    "JOIN development_versions v ON v.version_id = t.version_id "
    "WHERE t.conflict = ? AND t.valid_from <= ? AND (t.valid_to IS NULL OR t.valid_to > ?) "
    "AND v.status != 'merged' AND v.occurred_end > ? AND v.occurred_start <= ? "
    "ORDER BY v.occurred_start, v.occurred_end, v.kind, v.development_id"
)


def time_queries(
    db: Database, conflict: str, asked: list[tuple[str, str]], key_index_share: int = 10
) -> dict[str, Any]:
    """Time the engine's as-of query for each (week before D, D) window, its SQL alone, and
    the key-index baseline on the first ``1 / key_index_share`` of the windows (at least 5,
    it is slow at 1M events), checking that the baseline finds the same rows.

    Returns the row counts and the latencies in milliseconds.
    """
    indexed, sql_only, scanned, rows = [], [], [], []
    for week_before, as_of in asked:
        query = queries.TimelineQuery(
            conflict=conflict, as_of=as_of, occurred_from=week_before, occurred_to=as_of
        )
        t0 = time.perf_counter()
        rows.append(len(queries.timeline(db, query)))
        indexed.append(time.perf_counter() - t0)
        sql_text, params = queries.timeline_sql(query)
        t0 = time.perf_counter()
        db.execute(sql_text, params).fetchall()
        sql_only.append(time.perf_counter() - t0)
    sample = max(5, len(asked) // key_index_share)
    for (week_before, as_of), expected_rows in list(zip(asked, rows, strict=True))[:sample]:
        t0 = time.perf_counter()
        cursor = db.execute(KEY_INDEX_SQL, [conflict, as_of, as_of, week_before, as_of])
        names = [d[0] for d in cursor.description]
        found = [queries._decode(dict(zip(names, row, strict=True))) for row in cursor]
        scanned.append(time.perf_counter() - t0)
        assert len(found) == expected_rows, (len(found), expected_rows)
    return {
        "rows": rows,
        "p50": _percentile(indexed, 0.5) * 1000,
        "p95": _percentile(indexed, 0.95) * 1000,
        "sql_p50": _percentile(sql_only, 0.5) * 1000,
        "scan_p50": _percentile(scanned, 0.5) * 1000,
        "scan_p95": _percentile(scanned, 0.95) * 1000,
    }


def measure(size: int, n_queries: int, workdir: Path, replay: bool) -> dict[str, float]:
    home = resolve_home(workdir / f"log-{size}")
    home.ensure()
    app = TimelineApp(env=home.eventsourcing_env())
    started = time.perf_counter()
    appended = populate(app, SEED, size)
    ingest_s = time.perf_counter() - started
    views = ReadModels(app, home.views_path)
    started = time.perf_counter()
    views.catch_up(batch_size=5000)
    project_s = time.perf_counter() - started
    conflict = pick_conflict(SEED)
    days = span_days(size)
    asked = windows(days, n_queries)
    timed = time_queries(views.db, conflict, asked)
    rows = timed["rows"]
    replay_s = float("nan")
    if replay:
        week_before, as_of = asked[0]
        t0 = time.perf_counter()
        expected = _replay(app, conflict, as_of, week_before)
        replay_s = time.perf_counter() - t0
        assert expected == rows[0], (expected, rows[0])
    versions = views.db.execute("SELECT COUNT(*) FROM development_versions").fetchone()[0]
    views.close()
    app.close()
    return {
        "events": appended,
        "days": days,
        "versions": versions,
        "rows": statistics.median(rows),
        "ingest_eps": appended / ingest_s,
        "project_eps": appended / project_s,
        "p50": timed["p50"],
        "p95": timed["p95"],
        "sql_p50": timed["sql_p50"],
        "scan_p50": timed["scan_p50"],
        "replay_s": replay_s,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--replay-up-to",
        type=int,
        default=100_000,
        help="Skip the slow replay baseline above this size.",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    table = Table(title="As-of latency: one conflict, the week before D, as known at D (random D)")
    for column in (
        "events",
        "days",
        "versions",
        "rows",
        "box p50 ms",
        "box p95 ms",
        "sql p50 ms",
        "key-index p50 ms",
        "replay s",
        "ingest ev/s",
        "project ev/s",
    ):
        table.add_column(column, justify="right")
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        for size in sizes:
            r = measure(size, args.queries, Path(tmp), replay=size <= args.replay_up_to)
            table.add_row(
                f"{r['events']:,}",
                f"{r['days']:,}",
                f"{r['versions']:,}",
                f"{r['rows']:.0f}",
                f"{r['p50']:.2f}",
                f"{r['p95']:.2f}",
                f"{r['sql_p50']:.2f}",
                f"{r['scan_p50']:.2f}",
                "–" if r["replay_s"] != r["replay_s"] else f"{r['replay_s']:.2f}",
                f"{r['ingest_eps']:,.0f}",
                f"{r['project_eps']:,.0f}",
            )
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
