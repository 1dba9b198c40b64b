"""The benchmark runner: every speed target in one table, against same-run baselines.

For each size a seeded JSON Lines archive (``benchmarks/archive.py``) is written, then:

* ingest: ``timeline ingest archive.jsonl`` (the CLI, in a subprocess) against a raw sqlite3
  ``executemany`` of exactly the rows it stored, into the library's own table;
* ingest writes alone, a floor: the very events the ingest stored, written again into a
  fresh home through the engine's write path alone (the library's mapper and the engine's
  recorder with its hash chain, ``baselines.rewrite_events``), against the ingest's own raw
  ``executemany`` figure (the same rows): how far from raw the writes are before any parsing
  or building, so whether the ingest target can be met by work outside the write path;
* rebuild: ``timeline rebuild`` against one raw ``SELECT`` of the log plus ``json.loads``;
* rebuild writes alone, a floor: the rebuilt read models copied into a fresh file by SQLite
  alone (``baselines.copy_read_models``), in the engine column of its own row, with the
  rebuild's read-and-decode figure as its baseline and the rebuild target as its target:
  the two floors of a rebuild side by side, and whether the writes alone reach the target
  (if not, no rebuild of these read models can);
* as-of p50 and p95 for one conflict on the rebuilt read models (``asof.time_queries``),
  against the same answers through the B-tree on the conflict key alone;
* ``timeline show --conflict`` wall time (median) against ``python -c pass``;
* catch-up of the log's last 10,000 events against the rebuild's rate, ``timeline report``
  in every format, ``figures``, ``history`` and ``diff``, ``conflicts`` against its one
  scan, and start-up (``--help``, ``show`` on an empty home) against ``python -c pass``
  and the imports each needs (``benchmarks/reads.py``);
* peak RSS of the ingest and rebuild commands, each measured alone (``os.wait4``);
* with ``--postgres URL`` (a server where that user may create databases), the same
  ``timeline ingest`` into a fresh PostgreSQL database (dropped afterwards), against the
  SQLite ingest of the same archive.

Every row keeps the table's convention: ratio = engine column ÷ baseline column, rates in
events a second. Timings are never asserted by tests: the smoke test runs this at a tiny size.

Usage: python -m benchmarks.run [--sizes 10000,100000,1000000] [--queries 200]
       [--repeats 5] [--workdir DIR] [--keep] [--json FILE] [--markdown FILE]
       [--ingest-mode auto|jsonl|files] [--batch-size N] [--postgres URL]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from benchmarks import asof, reads
from benchmarks.archive import SEED, write_archive
from benchmarks.baselines import (
    copy_read_models,
    count_events,
    raw_decode,
    raw_insert,
    remove_database,
    rewrite_events,
)
from benchmarks.measure import (
    child_env,
    machine,
    median_seconds,
    run_measured,
    timeline_command,
)
from benchmarks.synthetic import pick_conflict, span_days
from benchmarks.table import describe, markdown, table
from projections.schema import open_database
from timeline.application import TimelineApp
from timeline.store import Home, resolve_home

Note = Callable[[str], None]


def _home(path: Path) -> Home:
    """A home as the engine's commands see it here: ``child_env`` drops ``TIMELINE_STORE``,
    so its log is the SQLite file inside it."""
    return resolve_home(path, store="sqlite")


def _eps(events: int, seconds: float) -> float:
    return events / seconds if seconds else float("inf")


def jsonl_ingest_supported(command: list[str]) -> bool:
    """Whether this installation's ``timeline ingest`` reads JSON Lines archives."""
    done = subprocess.run(
        [*command, "ingest", "--help"],
        capture_output=True,
        text=True,
        env=child_env(),
        check=False,
    )
    text = done.stdout.lower()
    return "jsonl" in text or "json lines" in text


def _split(archive: Path, folder: Path) -> None:
    """One ``.json`` file per archive line, named in line order (for ``ingest DIR``)."""
    folder.mkdir()
    with archive.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            (folder / f"{n:09d}.json").write_text(line, encoding="utf-8")


def measure_ingest(
    command: list[str], archive: Path, home: Path, work: Path, mode: str, batch_size: int | None
) -> dict[str, Any]:
    if mode == "jsonl":
        argv = [*command, "ingest", str(archive), "--home", str(home)]
        if batch_size is not None:
            argv += ["--batch-size", str(batch_size)]
        run = run_measured(argv, work / "ingest").check()
    else:
        folder = work / "dispatches"
        _split(archive, folder)
        run = run_measured([*command, "ingest", str(folder), "--home", str(home)], work / "ingest")
        shutil.rmtree(folder)
        run.check()
    events_file = _home(home).events_path
    stored = count_events(events_file)
    copy = work / "raw-insert.sqlite3"
    raw = raw_insert(events_file, copy)
    remove_database(copy)
    return {
        "mode": mode,
        "events": stored,
        "seconds": run.seconds,
        "per_second": _eps(stored, run.seconds),
        "peak_rss_mb": run.peak_rss_mb,
        "baseline_rows": raw.rows,
        "baseline_seconds": raw.seconds,
        "baseline_per_second": raw.per_second,
    }


def measure_postgres_ingest(
    command: list[str], archive: Path, work: Path, admin_url: str, batch_size: int | None
) -> dict[str, Any]:
    """``timeline ingest`` of the archive into a fresh database of the server at
    ``admin_url`` (created here, dropped afterwards), with a home of its own for the read
    models; events are those the log holds afterwards."""
    import uuid

    import psycopg

    name = f"timeline_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    store = admin_url.rsplit("/", 1)[0] + f"/{name}"
    home = work / "postgres-home"
    try:
        argv = [*command, "ingest", str(archive), "--home", str(home), "--store", store]
        if batch_size is not None:
            argv += ["--batch-size", str(batch_size)]
        run = run_measured(argv, work / "postgres-ingest").check()
        app = TimelineApp(env=resolve_home(home, store=store).eventsourcing_env())
        try:
            stored = app.max_position()
        finally:
            app.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return {
        "events": stored,
        "seconds": run.seconds,
        "per_second": _eps(stored, run.seconds),
        "peak_rss_mb": run.peak_rss_mb,
    }


def measure_ingest_writes(home: Path, work: Path, ingest: dict[str, Any]) -> dict[str, Any]:
    """The ingest's stored events written again through the mapper and the recorder alone,
    into a fresh home (deleted afterwards); its baseline is the ingest's raw insert."""
    fresh = _home(work / "ingest-writes")
    try:
        rewrite = rewrite_events(_home(home), fresh)
    finally:
        shutil.rmtree(fresh.root, ignore_errors=True)
    return {
        "events": rewrite.events,
        "logged": rewrite.logged,
        "chunks": rewrite.chunks,
        "same_chain_head": rewrite.same_chain_head,
        "seconds": rewrite.seconds,
        "per_second": rewrite.per_second,
        "map_seconds": rewrite.map_seconds,
        "map_per_second": _eps(rewrite.events, rewrite.map_seconds),
        "insert_seconds": rewrite.insert_seconds,
        "insert_per_second": _eps(rewrite.events, rewrite.insert_seconds),
        "baseline_rows": ingest["baseline_rows"],
        "baseline_seconds": ingest["baseline_seconds"],
        "baseline_per_second": ingest["baseline_per_second"],
    }


def measure_rebuild(command: list[str], home: Path, work: Path) -> dict[str, Any]:
    run = run_measured([*command, "rebuild", "--home", str(home), "--json"], work / "rebuild")
    run.check()
    reported: dict[str, Any] = {}
    with contextlib.suppress(json.JSONDecodeError):
        reported = json.loads(run.output())
    events = reported.get("events")
    raw = raw_decode(_home(home).events_path)
    return {
        "events": events,
        "seconds": run.seconds,
        "reported_seconds": reported.get("seconds"),
        "per_second": _eps(events, run.seconds) if isinstance(events, int) else None,
        "peak_rss_mb": run.peak_rss_mb,
        "baseline_rows": raw.rows,
        "baseline_seconds": raw.seconds,
        "baseline_per_second": raw.per_second,
    }


def measure_rebuild_writes(home: Path, work: Path, rebuild: dict[str, Any]) -> dict[str, Any]:
    """The rebuilt read models copied by SQLite alone (the copy is deleted afterwards); its
    baseline is the rebuild's raw read and decode of the log, its rate counts the rebuild's
    events."""
    copy = work / "views-copy.sqlite3"
    try:
        copied = copy_read_models(_home(home).views_path, copy)
    finally:
        remove_database(copy)
    events = rebuild["events"]
    return {
        "events": events,
        "seconds": copied.seconds,
        "per_second": _eps(events, copied.seconds) if isinstance(events, int) else None,
        "phase_seconds": copied.phases,
        "rows": copied.rows,
        "source_rows": copied.source_rows,
        "baseline_rows": rebuild["baseline_rows"],
        "baseline_seconds": rebuild["baseline_seconds"],
        "baseline_per_second": rebuild["baseline_per_second"],
    }


def measure_asof(home: Path, conflict: str, size: int, queries: int) -> dict[str, Any]:
    db = open_database(_home(home).views_path)
    try:
        timed = asof.time_queries(db, conflict, asof.windows(span_days(size), queries))
        versions = db.execute("SELECT COUNT(*) FROM development_versions").fetchone()[0]
    finally:
        db.close()
    return {
        "conflict": conflict,
        "queries": queries,
        "versions": versions,
        "median_rows": statistics.median(timed["rows"]),
        "p50_ms": timed["p50"],
        "p95_ms": timed["p95"],
        "sql_p50_ms": timed["sql_p50"],
        "key_index_p50_ms": timed["scan_p50"],
        "key_index_p95_ms": timed["scan_p95"],
    }


def measure_show(
    command: list[str], home: Path, conflict: str, work: Path, repeats: int
) -> dict[str, Any]:
    """``timeline show`` and ``python -c pass`` alternately, so both see the same noise."""
    shows, passes = [], []
    for n in range(repeats):
        argv = [*command, "show", "--conflict", conflict, "--home", str(home)]
        shows.append(run_measured(argv, work / f"show-{n}").check())
        passes.append(run_measured([sys.executable, "-c", "pass"], work / f"pass-{n}").check())
    return {
        "conflict": conflict,
        "runs": repeats,
        "median_seconds": median_seconds(shows),
        "peak_rss_mb": max(r.peak_rss_mb for r in shows),
        "python_pass_median_seconds": median_seconds(passes),
    }


def log_is_readable(command: list[str], home: Path, work: Path) -> bool:
    run = run_measured(
        [*command, "log", "--limit", "1", "--json", "--home", str(home)], work / "log"
    )
    if run.returncode != 0:
        return False
    with contextlib.suppress(json.JSONDecodeError):
        first = json.loads(run.output())
        return isinstance(first, list) and len(first) == 1 and first[0].get("position") == 1
    return False


def checks(result: dict[str, Any]) -> list[str]:
    """Where the engine and its baselines did not see the same events."""
    size = result["size"]
    problems = []
    expected = result["archive"]["events"]
    for label, stage in (("ingest", "ingest"), ("rebuild", "rebuild")):
        engine, baseline = result[stage]["events"], result[stage]["baseline_rows"]
        if engine != expected or baseline != expected:
            problems.append(
                f"{size:,}: {label} saw {engine} events and its baseline {baseline}; "
                f"the archive holds {expected}"
            )
    writes = result["ingest_writes"]
    if not writes["events"] == writes["logged"] == result["ingest"]["events"]:
        problems.append(
            f"{size:,}: ingest writes alone wrote {writes['events']} events, the new log holds "
            f"{writes['logged']}, the ingest stored {result['ingest']['events']}"
        )
    if not writes["same_chain_head"]:
        problems.append(f"{size:,}: ingest writes alone ended on another hash-chain head")
    copied, source = result["rebuild_writes"]["rows"], result["rebuild_writes"]["source_rows"]
    for name in sorted(copied.keys() | source.keys()):
        if copied.get(name) != source.get(name):
            problems.append(
                f"{size:,}: rebuild writes alone copied {copied.get(name)} rows of {name}; "
                f"the rebuilt read models hold {source.get(name)}"
            )
    catch_up = result["catch_up"]
    if catch_up["caught_up_to"] != [catch_up["log_events"]]:
        problems.append(
            f"{size:,}: the catch-up left positions {catch_up['caught_up_to']}, not the log's "
            f"{catch_up['log_events']}"
        )
    postgres = result.get("postgres_ingest")
    if postgres and postgres["events"] != expected:
        problems.append(
            f"{size:,}: the PostgreSQL ingest stored {postgres['events']} events; "
            f"the archive holds {expected}"
        )
    if not result["log_readable"]:
        problems.append(f"{size:,}: timeline log --limit 1 could not read the ingested log")
    return problems


def measure_size(
    size: int,
    run_dir: Path,
    *,
    seed: int,
    queries: int,
    repeats: int,
    mode: str,
    batch_size: int | None,
    note: Note,
    postgres: str | None = None,
) -> dict[str, Any]:
    command = timeline_command()
    work = run_dir / f"size-{size}"
    work.mkdir()
    home = work / "home"
    conflict = pick_conflict(seed)
    note(f"{size:,} events: writing the archive")
    archive = write_archive(work / "archive.jsonl", seed, size)
    note(f"{size:,} events: timeline ingest ({archive.dispatches:,} dispatches, {mode})")
    ingest = measure_ingest(command, archive.path, home, work, mode, batch_size)
    postgres_ingest = None
    if postgres:
        note(f"{size:,} events: timeline ingest into PostgreSQL")
        postgres_ingest = measure_postgres_ingest(command, archive.path, work, postgres, batch_size)
    note(f"{size:,} events: ingest writes alone (mapper + recorder, into a fresh home)")
    ingest_writes = measure_ingest_writes(home, work, ingest)
    note(f"{size:,} events: timeline rebuild")
    rebuild = measure_rebuild(command, home, work)
    note(f"{size:,} events: rebuild writes alone (SQLite copies the read models)")
    rebuild_writes = measure_rebuild_writes(home, work, rebuild)
    note(f"{size:,} events: {queries} as-of queries on {conflict}")
    asof_figures = measure_asof(home, conflict, size, queries)
    note(f"{size:,} events: timeline show --conflict {conflict} (x{repeats})")
    show = measure_show(command, home, conflict, work, repeats)
    note(f"{size:,} events: catch-up of the last {reads.catch_up_size(size):,} events")
    catch_up = reads.measure_catch_up(command, home, work, rebuild)
    note(f"{size:,} events: timeline report --conflict {conflict}, every format (x{repeats})")
    reports = reads.measure_reports(command, home, conflict, work, repeats)
    note(f"{size:,} events: figures, history and diff on {conflict} (x{repeats})")
    read_commands = reads.measure_reads(command, home, conflict, work, repeats)
    note(f"{size:,} events: timeline conflicts (x{repeats})")
    conflicts = reads.measure_conflicts(command, home, work, repeats)
    note(f"{size:,} events: start-up, timeline --help and show on an empty home (x{repeats})")
    startup = reads.measure_startup(command, conflict, work, repeats)
    result = {
        "size": size,
        "home": str(home),
        "archive": {
            "path": str(archive.path),
            "dispatches": archive.dispatches,
            "events": archive.events,
            "developments": archive.developments,
            "revisions": archive.revisions,
            "actions": archive.actions,
            "megabytes": archive.bytes / 1e6,
        },
        "ingest": ingest,
        "ingest_writes": ingest_writes,
        "postgres_ingest": postgres_ingest,
        "rebuild": rebuild,
        "rebuild_writes": rebuild_writes,
        "asof": asof_figures,
        "show": show,
        "catch_up": catch_up,
        "reports": reports,
        "reads": read_commands,
        "conflicts": conflicts,
        "startup": startup,
        "log_readable": log_is_readable(command, home, work),
    }
    result["checks"] = checks(result)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sizes", default="10000,100000,1000000", help="Event counts.")
    parser.add_argument("--queries", type=int, default=200, help="As-of queries per size.")
    parser.add_argument("--repeats", type=int, default=5, help="Runs of show and python -c pass.")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--workdir", type=Path, help="Where to put the run's directory (default: system temp)."
    )
    parser.add_argument("--keep", action="store_true", help="Keep the run's directory.")
    parser.add_argument("--json", type=Path, metavar="FILE", help="Write the raw figures here.")
    parser.add_argument(
        "--markdown", type=Path, metavar="FILE", help="Also write the table in Markdown here."
    )
    parser.add_argument(
        "--ingest-mode",
        choices=("auto", "jsonl", "files"),
        default="auto",
        help="jsonl: ingest the archive file; files: one .json file a line in a directory; "
        "auto: jsonl when this timeline ingest reads JSON Lines.",
    )
    parser.add_argument("--batch-size", type=int, help="Passed to timeline ingest (jsonl mode).")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="Also ingest each archive into a fresh database of this PostgreSQL server "
        "(postgresql://user@host:port/dbname; the user must be allowed to create databases).",
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    err = Console(stderr=True)
    mode = args.ingest_mode
    if mode == "auto":
        mode = "jsonl" if jsonl_ingest_supported(timeline_command()) else "files"
    info = machine()
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix="timeline-bench-", dir=args.workdir))
    results = []
    try:
        for size in sizes:
            results.append(
                measure_size(
                    size,
                    run_dir,
                    seed=args.seed,
                    queries=args.queries,
                    repeats=args.repeats,
                    mode=mode,
                    batch_size=args.batch_size,
                    postgres=args.postgres,
                    note=lambda text: err.print(Text(text, style="dim")),
                )
            )
    except RuntimeError as exc:  # a command failed: say which, and how it ended
        err.print(Text(f"benchmark aborted: {exc}", style="bold red"), soft_wrap=True)
        return 2
    finally:
        if args.keep:
            err.print(Text(f"Kept the run's files in {run_dir}"))
        else:
            shutil.rmtree(run_dir, ignore_errors=True)
    console = Console(width=170)
    console.print(Text(describe(info)), soft_wrap=True)
    console.print(table(results))
    problems = [p for r in results for p in r["checks"]]
    if args.json:
        figures = {"machine": info, "ingest_mode": mode, "run_dir": str(run_dir)}
        args.json.write_text(json.dumps({**figures, "sizes": results}, indent=2) + "\n")
    if args.markdown:
        args.markdown.write_text(describe(info) + "\n\n" + markdown(results), encoding="utf-8")
    for problem in problems:
        console.print(Text(f"check failed: {problem}", style="bold red"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
