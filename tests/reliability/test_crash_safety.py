"""Crash safety: SIGKILL the real console script at random moments, then check the store.

Three kinds of work are killed part-way, each on its own copy of a prepared home:

* ``timeline ingest DIR`` of 40 generated dispatch files, each of which also revises
  developments of the file before it;
* ``timeline rebuild`` of a log of about 2,000 events (300 in the default suite's trial);
* ``timeline show``, whose read models are behind that log and must catch up first.

The delay before ``os.kill(pid, SIGKILL)`` is drawn uniformly between 0 and the measured
time of a full run, from a seeded generator (``TIMELINE_CRASH_SEED`` picks another seed).
After every kill: each file is wholly in the log or wholly absent, rerunning the command
finishes the work with exit code 0, and the read models equal a fresh rebuild, table for
table. One trial of each kind runs in the default suite; the rest are marked slow.

The killed process is always the real console script, start-up included. The reruns go
through the same entry point in a process forked from an interpreter that has already
imported it (``workload.ForkServer``), which saves half a second per trial.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from support import KG, console_script, open_app
from workload import (
    CONFLICTS_GROUP,
    EventKey,
    ForkServer,
    assert_clean_exit,
    assert_same_tables,
    caught_up_tables,
    file_ids,
    log_groups,
    rebuilt_tables,
    run_timeline,
    timeline_env,
    views_tables,
    write_batch,
)

from projections.registry import PROJECTIONS
from projections.runner import ReadModels
from timeline.dispatch import load_dispatch
from timeline.session import Session
from timeline.store import resolve_home

SEED = int(os.environ.get("TIMELINE_CRASH_SEED", "20220913"))
#: Trials per kind: one in the default suite, the rest slow (50 slow trials in all).
SLOW_TRIALS = {"ingest": 20, "rebuild": 15, "catch-up": 15}
SHOW = ["show", "--conflict", "kyrgyzstan-tajikistan"]

#: What each trial's kill interrupted, for the summary check at the end of the module.
OUTCOMES: dict[str, list[str]] = {kind: [] for kind in SLOW_TRIALS}


def trials(kind: str) -> list[Any]:
    quick = [pytest.param(0, id="trial-00")]
    slow = [
        pytest.param(n, id=f"trial-{n:02d}", marks=pytest.mark.slow)
        for n in range(1, SLOW_TRIALS[kind] + 1)
    ]
    return quick + slow


def timed_run(argv: list[str], user_home: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    result = run_timeline(argv, user_home=user_home)
    return time.perf_counter() - started, result


def kill_after(argv: list[str], user_home: Path, delay: float) -> int:
    """Start ``timeline ARGV``, SIGKILL it after ``delay`` seconds, return its exit status."""
    process = subprocess.Popen(
        [str(console_script()), *argv],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=timeline_env(user_home),
    )
    try:
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        return process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def rerun(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForkServer]:
    root = tmp_path_factory.mktemp("reruns")
    with ForkServer(root / "work", root) as server:
        yield server


def copy_home(template: Path, destination: Path) -> Path:
    shutil.copytree(template, destination)
    return destination


def max_position(home: Path) -> int:
    app = open_app(home)
    try:
        return app.max_position()
    finally:
        app.close()


def positions(home: Path) -> dict[str, int]:
    """Each projection's tracked position, read without touching anything (opening the read
    models through ReadModels could already repair a half-finished rebuild)."""
    conn = sqlite3.connect(f"file:{home / 'views.sqlite3'}?mode=ro", uri=True)
    try:
        rows = dict(conn.execute("SELECT projection, position FROM _tracking").fetchall())
    finally:
        conn.close()
    return {projection.name: int(rows.get(projection.name, 0)) for projection in PROJECTIONS}


# --- ingest ---------------------------------------------------------------------------------


@dataclass
class IngestWorkload:
    folder: Path
    files: list[Path]
    base: Path  # a home holding the KG fixture, read models caught up
    expected: dict[str, Counter[EventKey]]  # the log of base + every file, by report
    ids: dict[Path, tuple[str, list[str]]] = field(default_factory=dict)
    full_run: float = 0.0
    startup_run: float = 0.0  # start-up and opening the home, before any file is read


@pytest.fixture(scope="module")
def ingest_workload(tmp_path_factory: pytest.TempPathFactory) -> IngestWorkload:
    root = tmp_path_factory.mktemp("crash-ingest")
    # Enough files that the work after start-up is long next to the jitter of start-up
    # itself, so that the kills aimed after start-up land in the work, not at its edges.
    files = write_batch(root / "batch", 100, 20, revise_previous=True)
    base = root / "base"
    with Session(resolve_home(base)) as session:
        session.app.ingest(load_dispatch(KG))
        session.fresh_views()
    # One uninterrupted run gives both the full-run time and the log every trial must reach.
    timed = copy_home(base, root / "timed")
    elapsed, result = timed_run(
        ["ingest", str(root / "batch"), "--home", str(timed), "--batch-size", "10"], root
    )
    assert_clean_exit(result)
    startup, result = timed_run(["log", "--home", str(timed), "--limit", "1"], root)
    assert_clean_exit(result)
    app = open_app(timed)
    try:
        expected = log_groups(app)
    finally:
        app.close()
    workload = IngestWorkload(
        root / "batch", files, base, expected, full_run=elapsed, startup_run=startup
    )
    workload.ids = {path: file_ids(path) for path in files}
    return workload


def assert_each_file_whole_or_absent(
    workload: IngestWorkload, groups: dict[str, Counter[EventKey]]
) -> int:
    """Check every file's events are all there or all absent; return how many are there."""
    present = []
    for path in workload.files:
        rid, developments = workload.ids[path]
        got, want = groups.get(rid, Counter()), workload.expected[rid]
        assert not got or got == want, (
            f"{path.name} is partly in the log: {sum(got.values())} of {sum(want.values())} "
            f"events; missing {sorted(want - got)[:3]}, extra {sorted(got - want)[:3]}"
        )
        reported = {key[0] for key in got if key[2] == "Development.Reported"}
        assert reported in (set(), set(developments)), f"{path.name}: some developments only"
        present.append(bool(got))
    # Files go in name order, and each revises the one before it: a prefix is in the log.
    count = sum(present)
    assert present == [True] * count + [False] * (len(present) - count), present
    known = {rid for rid, _ in workload.ids.values()}
    baseline = {k: v for k, v in workload.expected.items() if k not in known}
    for owner, events in groups.items():
        if owner == CONFLICTS_GROUP:
            load_conflict = {key for key in workload.expected[owner] if key not in events}
            assert events <= workload.expected[owner], "a conflict was defined twice"
            assert bool(count) == (len(load_conflict) == 0), "conflict definition vs files"
        elif owner not in known:
            assert events == baseline[owner], f"the KG fixture's report {owner} changed"
    return count


@pytest.mark.e2e
@pytest.mark.parametrize("trial", trials("ingest"))
def test_sigkill_during_ingest_of_a_batch(
    ingest_workload: IngestWorkload, rerun: ForkServer, tmp_path: Path, trial: int
) -> None:
    rng = random.Random(f"{SEED}-ingest-{trial}")
    # Ingest is quick next to start-up: aim the kills at the run after start-up.
    delay = rng.uniform(ingest_workload.startup_run, ingest_workload.full_run)
    home = copy_home(ingest_workload.base, tmp_path / "home")
    # Ten files per transaction: ten transactions, so that a kill can land between them
    # as well as inside one (the default batch would put all 100 files in one).
    argv = ["ingest", str(ingest_workload.folder), "--home", str(home), "--batch-size", "10"]

    status = kill_after(argv, tmp_path, delay)

    app = open_app(home)
    try:
        count = assert_each_file_whole_or_absent(ingest_workload, log_groups(app))
    finally:
        app.close()
    total = len(ingest_workload.files)
    OUTCOMES["ingest"].append("work" if 0 < count < total else "edge")

    again = rerun.run(argv)
    assert_clean_exit(again, f"rerun after a kill at {delay:.3f} s (status {status})")
    assert again.stdout.count(": appended ") == total - count
    app = open_app(home)
    try:
        assert log_groups(app) == ingest_workload.expected
    finally:
        app.close()
    assert_same_tables(caught_up_tables(home), rebuilt_tables(home, tmp_path / "rebuilt.sqlite3"))


# --- rebuild and catch-up on a large log ---------------------------------------------------


@dataclass
class LargeLog:
    caught_up: Path  # read models at the end of the log
    behind: Path  # read models about a third of the way along it
    behind_at: int
    end: int
    expected: dict[str, list[tuple[Any, ...]]]  # a fresh rebuild's tables
    show_output: str
    rebuild_run: float = 0.0
    show_run: float = 0.0
    startup_run: float = 0.0  # start-up and opening the home, before any work


#: (files, developments per file): the default suite's one trial uses the small log, which is
#: quick to build; the slow trials use the big one, where most of a run is work, not start-up.
LOG_SIZES = {"small": (12, 20), "big": (48, 38)}


def build_large_log(root: Path, files_count: int, developments: int) -> LargeLog:
    # JSON, because the YAML reader is the slowest part of building a large log.
    files = write_batch(
        root / "batch",
        files_count,
        developments,
        prefix="large",
        revise_previous=True,
        suffix=".json",
    )
    caught_up = root / "caught-up"
    with Session(resolve_home(caught_up)) as session:
        session.app.ingest(load_dispatch(KG))
        for path in files[: len(files) // 3]:
            session.app.ingest(load_dispatch(path))
        behind_at = session.app.max_position()
        for path in files[len(files) // 3 :]:
            session.app.ingest(load_dispatch(path))
        end = session.app.max_position()
    behind = copy_home(caught_up, root / "behind")
    app = open_app(behind)
    try:
        views = ReadModels(app, behind / "views.sqlite3")
        views.catch_up(stop=behind_at)
        views.close()
    finally:
        app.close()
    expected = rebuilt_tables(caught_up, root / "expected.sqlite3")
    app = open_app(caught_up)
    try:
        ReadModels(app, caught_up / "views.sqlite3").catch_up()
    finally:
        app.close()
    log = LargeLog(caught_up, behind, behind_at, end, expected, "")
    timed = copy_home(caught_up, root / "timed-rebuild")
    log.rebuild_run, result = timed_run(["rebuild", "--home", str(timed)], root)
    assert_clean_exit(result)
    log.startup_run, result = timed_run(["log", "--home", str(timed), "--limit", "1"], root)
    assert_clean_exit(result)
    timed = copy_home(behind, root / "timed-show")
    log.show_run, result = timed_run([*SHOW, "--home", str(timed)], root)
    assert_clean_exit(result)
    log.show_output = result.stdout
    return log


@pytest.fixture(scope="module")
def large_log(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], LargeLog]:
    """The prepared log for a trial: small for trial 0, big for the slow trials."""
    built: dict[str, LargeLog] = {}

    def for_trial(trial: int) -> LargeLog:
        size = "small" if trial == 0 else "big"
        if size not in built:
            root = tmp_path_factory.mktemp(f"crash-{size}")
            built[size] = build_large_log(root, *LOG_SIZES[size])
        return built[size]

    return for_trial


@pytest.mark.e2e
@pytest.mark.parametrize("trial", trials("rebuild"))
def test_sigkill_during_rebuild(
    large_log: Callable[[int], LargeLog], rerun: ForkServer, tmp_path: Path, trial: int
) -> None:
    log = large_log(trial)
    rng = random.Random(f"{SEED}-rebuild-{trial}")
    # A bulk rebuild is quick next to start-up: aim the kills at the run after start-up.
    delay = rng.uniform(log.startup_run, log.rebuild_run)
    home = copy_home(log.caught_up, tmp_path / "home")
    argv = ["rebuild", "--home", str(home)]

    status = kill_after(argv, tmp_path, delay)

    assert max_position(home) == log.end, "a rebuild changed the event log"
    # A rebuild is one transaction: killed anywhere, it leaves complete read models (the old
    # ones or the new ones), never a part-built state.
    assert set(positions(home).values()) == {log.end}
    assert_same_tables(views_tables(home / "views.sqlite3"), log.expected)
    killed = status != 0
    OUTCOMES["rebuild"].append("work" if killed and delay > log.startup_run else "edge")
    # ... the next read has nothing to catch up ...
    assert_same_tables(caught_up_tables(home), log.expected)
    # ... and running the rebuild again finishes with the same tables.
    assert_clean_exit(rerun.run(argv), f"rerun after a kill at {delay:.3f} s (status {status})")
    assert_same_tables(views_tables(home / "views.sqlite3"), log.expected)


@pytest.mark.e2e
@pytest.mark.parametrize("trial", trials("catch-up"))
def test_sigkill_during_catch_up(
    large_log: Callable[[int], LargeLog], rerun: ForkServer, tmp_path: Path, trial: int
) -> None:
    log = large_log(trial)
    rng = random.Random(f"{SEED}-catch-up-{trial}")
    delay = rng.uniform(log.startup_run, log.show_run)  # after start-up, as for rebuilds
    home = copy_home(log.behind, tmp_path / "home")
    argv = [*SHOW, "--home", str(home)]

    status = kill_after(argv, tmp_path, delay)

    reached = positions(home)
    assert all(log.behind_at <= p <= log.end for p in reached.values()), reached
    moved = max(reached.values()) > log.behind_at and min(reached.values()) < log.end
    OUTCOMES["catch-up"].append("work" if moved else "edge")
    again = rerun.run(argv)
    assert_clean_exit(again, f"rerun after a kill at {delay:.3f} s (status {status})")
    assert again.stdout == log.show_output
    assert_same_tables(views_tables(home / "views.sqlite3"), log.expected)


@pytest.mark.slow
def test_the_kills_landed_in_the_work_not_only_at_its_edges() -> None:
    """Guard against a vacuous run: most kills must interrupt work actually in progress
    (some files ingested but not all; read models part-way along the log)."""
    done = {kind: outcomes for kind, outcomes in OUTCOMES.items() if len(outcomes) >= 10}
    if not done:
        pytest.skip("run with the slow crash trials to check where the kills landed")
    for kind, outcomes in done.items():
        share = outcomes.count("work") / len(outcomes)
        assert share >= 0.25, f"{kind}: only {share:.0%} of kills interrupted work: {outcomes}"
