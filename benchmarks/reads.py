"""What a user waits for after the ingest: catching up, reports and the read commands.

* catch-up: the last ``new`` events of the log (10,000, or a tenth of a smaller log) applied
  to read models built up to the event before them, by ``timeline conflicts`` (any reading
  command catches up first) in a copy of the home. The engine's time is that command's
  time minus the same command's time once caught up (start-up and the listing itself), so
  the rate is the catch-up's own; its baseline is the rebuild's rate in the same run;
* ``timeline report`` of one conflict in every format, median of its runs, against
  ``python -c pass``;
* ``figures``, ``history`` (the development of the conflict with most versions) and
  ``diff`` (the conflict's last day of knowledge), median of their runs, against
  ``python -c pass`` (``show`` has its own row in ``benchmarks/run.py``);
* start-up: ``timeline --help`` and ``show`` on an empty home, against ``python -c pass``
  and against a ``python -c`` that imports what each needs;
* ``timeline conflicts`` against its one scan of the read models alone.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from benchmarks.measure import Run, median_seconds, run_measured
from projections import bulk
from projections.runner import ReadModels
from projections.schema import open_database
from timeline.application import TimelineApp
from timeline.dates import from_iso, iso
from timeline.store import resolve_home

#: New events a catch-up row applies (at most a tenth of the log).
CATCH_UP_EVENTS = 10_000
REPORT_FORMATS = ("md", "html", "json", "csv", "acled", "timelinejs")


def catch_up_size(events: int) -> int:
    return min(CATCH_UP_EVENTS, max(1, events // 10))


def measure_catch_up(
    command: list[str], home: Path, work: Path, rebuild: dict[str, Any]
) -> dict[str, Any]:
    """Catch up the log's last events in a copy of the home (deleted afterwards)."""
    copy = work / "catch-up-home"
    copy.mkdir()
    source = resolve_home(home, store="sqlite")
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{source.events_path}{suffix}")
        if path.exists():
            shutil.copy(path, copy / path.name)
    target = resolve_home(copy, store="sqlite")
    try:
        app = TimelineApp(env=target.eventsourcing_env())
        end = app.max_position()
        new = catch_up_size(end)
        views = ReadModels(app, target.views_path)
        bulk.rebuild(views, stop=end - new)
        views.close()
        app.close()
        argv = [*command, "conflicts", "--home", str(copy)]
        first = run_measured(argv, work / "catch-up").check()
        again = run_measured(argv, work / "caught-up").check()
        caught = open_database(target.views_path)
        positions = {row[0] for row in caught.execute("SELECT position FROM _tracking")}
        caught.close()
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    seconds = max(first.seconds - again.seconds, 1e-9)
    return {
        "log_events": end,
        "events": new,
        "seconds": seconds,
        "command_seconds": first.seconds,
        "caught_up_command_seconds": again.seconds,
        "per_second": new / seconds,
        "peak_rss_mb": first.peak_rss_mb,
        "caught_up_to": sorted(positions),
        "baseline_per_second": rebuild["per_second"],
        "baseline_seconds": rebuild["seconds"],
    }


def _median_of(argv: list[str], output: Path, repeats: int) -> tuple[float, float]:
    runs: list[Run] = [
        run_measured(argv, output.with_name(f"{output.name}-{n}")).check() for n in range(repeats)
    ]
    return median_seconds(runs), max(r.peak_rss_mb for r in runs)


def _pass_median(work: Path, repeats: int) -> float:
    runs = [
        run_measured([sys.executable, "-c", "pass"], work / f"pass-read-{n}").check()
        for n in range(repeats)
    ]
    return median_seconds(runs)


def measure_reports(
    command: list[str], home: Path, conflict: str, work: Path, repeats: int
) -> dict[str, Any]:
    figures: dict[str, Any] = {"conflict": conflict, "runs": repeats, "formats": {}}
    for name in REPORT_FORMATS:
        argv = [*command, "report", "--conflict", conflict, "--format", name]
        argv += ["--home", str(home), "-o", str(work / f"report.{name}")]
        seconds, rss = _median_of(argv, work / f"report-{name}", repeats)
        size = (work / f"report.{name}").stat().st_size
        figures["formats"][name] = {"median_seconds": seconds, "peak_rss_mb": rss, "bytes": size}
    figures["python_pass_median_seconds"] = _pass_median(work, repeats)
    return figures


def read_arguments(home: Path, conflict: str) -> dict[str, list[str]]:
    """The read commands on one conflict, with a development and a day of knowledge of it
    (``history`` and ``diff`` are left out while the conflict has no development)."""
    db = open_database(resolve_home(home, store="sqlite").views_path)
    try:
        busiest = db.execute(
            "SELECT development_id, COUNT(*) AS n FROM conflict_timeline WHERE conflict = ? "
            "GROUP BY development_id ORDER BY n DESC, development_id LIMIT 1",
            [conflict],
        ).fetchone()
        (last,) = db.execute(
            "SELECT MAX(valid_from) FROM conflict_timeline WHERE conflict = ?", [conflict]
        ).fetchone()
    finally:
        db.close()
    commands = {"figures": ["figures", "--conflict", conflict]}
    if busiest is not None and last is not None:
        day_before = iso(from_iso(last) - timedelta(days=1))
        commands["history"] = ["history", busiest[0]]
        commands["diff"] = ["diff", "--conflict", conflict, "--from", day_before, "--to", last]
    return commands


def measure_reads(
    command: list[str], home: Path, conflict: str, work: Path, repeats: int
) -> dict[str, Any]:
    figures: dict[str, Any] = {"conflict": conflict, "runs": repeats, "commands": {}}
    for name, args in read_arguments(home, conflict).items():
        argv = [*command, *args, "--home", str(home)]
        seconds, rss = _median_of(argv, work / f"read-{name}", repeats)
        figures["commands"][name] = {
            "argv": args,
            "median_seconds": seconds,
            "peak_rss_mb": rss,
        }
    figures["python_pass_median_seconds"] = _pass_median(work, repeats)
    return figures


#: What each start-up row's command needs besides the interpreter, as a ``python -c``
#: program: ``--help`` the CLI's parser; ``show`` on an empty home also SQLite through
#: sqlite-utils (imported without pandas, as the engine imports it) and rich to print.
STARTUP_NEEDS = {
    "help": "import click",
    "show": (
        "import sys; sys.modules['pandas'] = sys.modules['numpy'] = None; "
        "import click, sqlite3, sqlite_utils, rich.console, rich.table"
    ),
}


def measure_startup(command: list[str], conflict: str, work: Path, repeats: int) -> dict[str, Any]:
    """``timeline --help`` and ``timeline show --conflict C`` on an empty home (one whose
    store an earlier command created: no events), against ``python -c pass`` and against a
    ``python -c`` that imports what the command needs (:data:`STARTUP_NEEDS`), all
    alternating so that they see the same noise. ``show`` there ends with "no conflict"
    (exit status 5), as it must."""
    empty = work / "empty-home"
    argvs = {
        "help": [*command, "--help"],
        "show": [*command, "show", "--conflict", conflict, "--home", str(empty)],
    }
    expected = {"help": 0, "show": run_measured(argvs["show"], work / "startup-first").returncode}
    names = (*argvs, "pass", *(f"needs-{name}" for name in STARTUP_NEEDS))
    runs: dict[str, list[Run]] = {name: [] for name in names}
    for n in range(repeats):
        for name, argv in argvs.items():
            run = run_measured(argv, work / f"startup-{name}-{n}")
            if run.returncode != expected[name]:
                run.check()
            runs[name].append(run)
        runs["pass"].append(
            run_measured([sys.executable, "-c", "pass"], work / f"startup-pass-{n}").check()
        )
        for name, program in STARTUP_NEEDS.items():
            needs = run_measured([sys.executable, "-c", program], work / f"needs-{name}-{n}")
            runs[f"needs-{name}"].append(needs.check())
    shutil.rmtree(empty, ignore_errors=True)
    return {
        "runs": repeats,
        "show_exit_status": expected["show"],
        "commands": {
            name: {
                "argv": argvs[name][len(command) :],
                "median_seconds": median_seconds(runs[name]),
                "needs_median_seconds": median_seconds(runs[f"needs-{name}"]),
                "needs": STARTUP_NEEDS[name],
            }
            for name in argvs
        },
        "python_pass_median_seconds": median_seconds(runs["pass"]),
    }


def measure_conflicts(command: list[str], home: Path, work: Path, repeats: int) -> dict[str, Any]:
    """``timeline conflicts`` (median of its runs) against its one scan alone, in this
    process: ``queries.listing`` over every current version, the floor of the listing."""
    from projections import queries

    argv = [*command, "conflicts", "--home", str(home)]
    seconds, rss = _median_of(argv, work / "conflicts", repeats)
    db = open_database(resolve_home(home, store="sqlite").views_path)
    try:
        scans = []
        for _ in range(repeats):
            started = time.perf_counter()
            queries.listing(db, "conflict")
            scans.append(time.perf_counter() - started)
    finally:
        db.close()
    return {
        "runs": repeats,
        "median_seconds": seconds,
        "peak_rss_mb": rss,
        "scan_median_seconds": statistics.median(scans),
    }
