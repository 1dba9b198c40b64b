"""Concurrency: several ``timeline`` processes writing and reading one store at once.

The processes are forked from one interpreter that has already imported the CLI
(``workload.ForkServer``); each signals that it is ready and blocks on a pipe, and the server
releases them all at once by closing it, so they start within microseconds of each other
and run ``timeline.cli:main`` exactly as the console script does. Checks, in every scenario:

* every process exits 0, and none prints a traceback, an internal error or "database is
  locked" on stderr;
* every event is in the log exactly once, and every file is in it;
* optimistic-concurrency conflicts on one development are retried: its versions stay
  contiguous and every revision is there.

The ``store`` fixture names the event-store backend, SQLite or PostgreSQL; the scenarios use
only the CLI, the environment and ``store.open_app``, so they are the same for both.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from support import KG, SEED, console_script, write_document
from workload import (
    CONFLICTS_GROUP,
    EventKey,
    ForkServer,
    aggregate_versions,
    assert_no_crash_output,
    assert_same_tables,
    caught_up_tables,
    file_ids,
    log_groups,
    open_store,
    rebuilt_tables,
    run_timeline,
    stored_pairs,
    timeline_env,
    views_tables,
    write_batch,
)

from projections.runner import ReadModels
from timeline.application import TimelineApp
from timeline.dispatch import load_dispatch
from timeline.domain import conflict_id, development_id, report_id

PROCESSES = 4
TARGET_KEY = "armenian-soldiers-killed"


@dataclass(frozen=True)
class StoreBackend:
    """How the processes and the test reach one event store: a ``--store`` URL. The read
    models stay in the home's SQLite file whatever the store."""

    url: str

    def env(self, home: Path) -> dict[str, str]:
        return {"TIMELINE_HOME": str(home), "TIMELINE_STORE": self.url}

    def open_app(self, home: Path) -> TimelineApp:
        return open_store(home, self.url)


#: Every scenario runs against each store: SQLite in the home, and a fresh database in a
#: throwaway PostgreSQL cluster on loopback (tests/postgres_cluster.py).
STORES = ["sqlite", "postgresql"]


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest) -> StoreBackend:
    if request.param == "sqlite":
        return StoreBackend("sqlite")
    from postgres_cluster import new_database

    return StoreBackend(new_database(request.getfixturevalue("postgres_admin")))


def rounds(quick: int, slow: int) -> list[Any]:
    return [
        pytest.param(quick, id=f"{quick}-rounds"),
        pytest.param(slow, id=f"{slow}-rounds", marks=pytest.mark.slow),
    ]


# --- starting processes together ------------------------------------------------------------


@pytest.fixture(scope="module")
def zygote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForkServer]:
    root = tmp_path_factory.mktemp("zygote")
    with ForkServer(root / "work", root) as server:
        yield server


def run_together(
    zygote: ForkServer,
    commands: Sequence[Sequence[str]],
    env: Mapping[str, str],
) -> list[Any]:
    """Run ``timeline`` commands as separate processes released at the same moment."""
    return zygote.run_together(commands, env=env, timeout=120, count_conflicts=True)


def assert_all_succeeded(finished: list[Any]) -> None:
    for run in finished:
        label = " ".join(run.args[1:])
        assert run.returncode == 0, f"{label}: exit {run.returncode}\n{run.stderr}"
        assert_no_crash_output(run.stderr, label)


# --- expected events ------------------------------------------------------------------------


def expected_events(path: Path) -> tuple[str, Counter[EventKey]]:
    """The events a file of new developments (no revisions) appends, by its report id."""
    rid, developments = file_ids(path)
    events: Counter[EventKey] = Counter({(rid, 1, "Report.Published"): 1})
    events.update({(d, 1, "Development.Reported"): 1 for d in developments})
    return rid, events


def assert_log_holds_exactly(app: TimelineApp, files: Sequence[Path]) -> None:
    """The log holds each file's events and the one conflict definition they share, each
    event once, and nothing else."""
    assert all(count == 1 for count in stored_pairs(app).values()), "an event is stored twice"
    groups = log_groups(app)
    expected: dict[str, Counter[EventKey]] = {}
    for path in files:
        rid, events = expected_events(path)
        expected[rid] = events
    load_conflict = (str(conflict_id("load-test-conflict")), 1, "Conflict.Defined")
    expected.setdefault(CONFLICTS_GROUP, Counter())[load_conflict] = 1
    missing = sorted(set(expected) - set(groups))
    assert not missing, f"{len(missing)} reports missing from the log"
    assert groups == expected


# --- scenarios ------------------------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.parametrize("round_count", rounds(1, 5))
def test_processes_ingest_different_files_at_the_same_time(
    zygote: ForkServer, store: StoreBackend, tmp_path: Path, round_count: int
) -> None:
    """Four writers, each with its own files (all defining the same conflict), plus two
    readers. The event store is created first: concurrent first use of a new store is a
    known bug, tested deterministically below."""
    home = tmp_path / "home"
    env = store.env(home)
    assert zygote.run(["log"], env=env).returncode == 0
    ingested: list[Path] = []
    for r in range(round_count):
        folders = []
        for p in range(PROCESSES):
            folder = tmp_path / f"round-{r}" / f"writer-{p}"
            ingested += write_batch(folder, 4, 6, prefix=f"round-{r}-writer-{p}")
            folders.append(folder)
        commands = [["ingest", str(folder)] for folder in folders]
        commands += [["conflicts", "--json"], ["log", "--json"]]
        finished = run_together(zygote, commands, env)
        assert_all_succeeded(finished)
        app = store.open_app(home)
        try:
            assert_log_holds_exactly(app, ingested)
        finally:
            app.close()
    assert_same_tables(
        caught_up_tables(home, store.url), rebuilt_tables(home, tmp_path / "rebuilt", store.url)
    )


@pytest.mark.e2e
@pytest.mark.parametrize("round_count", rounds(1, 5))
def test_processes_ingest_the_same_files_at_the_same_time(
    zygote: ForkServer, store: StoreBackend, tmp_path: Path, round_count: int
) -> None:
    """Four processes ingest one directory at once: each file is appended by exactly one of
    them, and skipped as already in the log by the others."""
    home = tmp_path / "home"
    env = store.env(home)
    assert zygote.run(["log"], env=env).returncode == 0
    ingested: list[Path] = []
    for r in range(round_count):
        folder = tmp_path / f"round-{r}"
        files = write_batch(folder, 6, 6, prefix=f"shared-round-{r}")
        ingested += files
        finished = run_together(zygote, [["ingest", str(folder), "--json"]] * PROCESSES, env)
        assert_all_succeeded(finished)
        statuses: dict[str, list[str]] = {}
        for run in finished:
            document = json.loads(run.stdout)
            assert document["failed"] == 0
            for entry in document["files"]:
                statuses.setdefault(entry["file"], []).append(entry["status"])
        assert set(statuses) == {str(path) for path in files}
        for path in files:
            assert sorted(statuses[str(path)]) == ["appended"] + ["skipped"] * (PROCESSES - 1), (
                path.name,
                statuses[str(path)],
            )
        app = store.open_app(home)
        try:
            assert_log_holds_exactly(app, ingested)
        finally:
            app.close()


def prepare(
    zygote: ForkServer, store: StoreBackend, home: Path, *files: Path, views: bool = True
) -> None:
    """Set up a home through the store under test: ingest ``files`` one process at a time,
    then (with ``views``) let a read command create and catch up the read models."""
    env = store.env(home)
    for path in files:
        assert zygote.run(["ingest", str(path)], env=env).returncode == 0
    if views:
        assert zygote.run(["conflicts"], env=env).returncode == 0


def seed_target() -> tuple[str, dict[str, str]]:
    """The stable id of the seed's Armenian casualty report, and the seed's natural key."""
    dispatch = load_dispatch(SEED)
    r = dispatch.report
    rid = report_id(r.url, r.outlet, r.published, r.headline)
    natural = {"outlet": r.outlet, "published": r.published, "headline": r.headline}
    return str(development_id(rid, TARGET_KEY)), natural


def revision_documents(round_number: int) -> list[dict[str, Any]]:
    """Four different revisions of one development, each from its own report."""
    _, seed_report = seed_target()
    target = {"report": seed_report, "key": TARGET_KEY}
    revisions: list[dict[str, Any]] = [
        {
            "action": "revise_figure",
            "target": target,
            "figure": {
                "party": "ARM",
                "category": "killed",
                "best": 100 + round_number,
                "claimant": "Government of Armenia",
            },
        },
        {"action": "dispute", "target": target, "party": "Government of Azerbaijan"},
        {"action": "corroborate", "target": target},
        {
            "action": "correct",
            "target": target,
            "changes": {
                "summary": f"Armenia said its soldiers were killed (round {round_number})."
            },
        },
    ]
    return [
        {
            "format": "timeline-dispatch/1",
            "report": {
                "outlet": f"Concurrent Wire {n}",
                "headline": f"Round {round_number}: revision {n} of the Armenian toll",
                "published": f"2022-09-{14 + round_number % 10:02d}T{10 + n:02d}:00:00Z",
            },
            "revisions": [revision],
        }
        for n, revision in enumerate(revisions)
    ]


def assert_revisions_recorded(
    app: TimelineApp, development: str, report_ids: Sequence[str], rounds_done: int
) -> None:
    versions = aggregate_versions(app, development)
    assert versions == list(range(1, 2 + PROCESSES * rounds_done)), versions
    by_report = Counter(str(e.report_id) for e in app.events.get(UUID(development)))
    for rid in report_ids:
        assert by_report[rid] == 1, f"revision from report {rid} recorded {by_report[rid]} times"


@pytest.mark.e2e
@pytest.mark.parametrize("round_count", rounds(1, 10))
def test_revisions_of_one_development_from_four_files_at_once(
    zygote: ForkServer, store: StoreBackend, tmp_path: Path, round_count: int
) -> None:
    """Four files revise the same development at the same moment (a revised figure, a
    dispute, a corroboration, a correction): every append must be retried past the
    optimistic-concurrency conflicts, leaving contiguous versions."""
    home = tmp_path / "home"
    prepare(zygote, store, home, SEED)
    env = store.env(home)
    development, _ = seed_target()
    report_ids: list[str] = []
    conflicts = 0
    for r in range(round_count):
        folder = tmp_path / f"round-{r}"
        folder.mkdir()
        paths = [
            write_document(folder / f"revision-{n}.yaml", document)
            for n, document in enumerate(revision_documents(r))
        ]
        finished = run_together(zygote, [["ingest", str(p)] for p in paths], env)
        assert_all_succeeded(finished)
        for run in finished:
            assert "appended 2 events" in run.stdout, run.stdout
        conflicts += sum(run.conflicts for run in finished)
        report_ids += [file_ids(p)[0] for p in paths]
        app = store.open_app(home)
        try:
            assert_revisions_recorded(app, development, report_ids, r + 1)
        finally:
            app.close()
    if round_count >= 4:
        # Four writers released together collide on the development in most rounds; with
        # none at all over several rounds, this test would not be testing the retries.
        assert conflicts > 0, "no optimistic-concurrency conflict happened"
    assert_same_tables(
        caught_up_tables(home, store.url), rebuilt_tables(home, tmp_path / "rebuilt", store.url)
    )


@pytest.mark.e2e
@pytest.mark.parametrize("round_count", rounds(1, 5))
def test_revision_commands_on_one_development_at_once(
    zygote: ForkServer, store: StoreBackend, tmp_path: Path, round_count: int
) -> None:
    """The revision commands also catch the read models up before they resolve the target,
    so here four processes write the same read-model file while they append."""
    home = tmp_path / "home"
    prepare(zygote, store, home, SEED)
    env = store.env(home)
    development, _ = seed_target()
    for r in range(round_count):

        def source(n: int, r: int = r) -> list[str]:
            return [
                "--outlet",
                f"Desk {n}",
                "--headline",
                f"Round {r} command {n}",
                "--published",
                f"2022-09-{14 + r:02d}T{10 + n:02d}:00Z",
                "--json",
            ]

        commands = [
            [
                "revise-figure",
                TARGET_KEY,
                "--party",
                "ARM",
                "--category",
                "wounded",
                "--best",
                str(10 + r),
                "--claimant",
                "Government of Armenia",
                *source(0),
            ],
            ["dispute", TARGET_KEY, "--party", "Government of Azerbaijan", *source(1)],
            ["corroborate", TARGET_KEY, *source(2)],
            ["correct", TARGET_KEY, "--summary", f"Corrected in round {r}.", *source(3)],
        ]
        finished = run_together(zygote, commands, env)
        assert_all_succeeded(finished)
        for run in finished:
            assert json.loads(run.stdout)["status"] == "appended"
        app = store.open_app(home)
        try:
            report_ids = [json.loads(run.stdout)["report_id"] for run in finished]
            assert_revisions_recorded(app, development, report_ids, r + 1)
        finally:
            app.close()
    assert_same_tables(
        caught_up_tables(home, store.url), rebuilt_tables(home, tmp_path / "rebuilt", store.url)
    )


@pytest.fixture(scope="module")
def behind_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_batch(tmp_path_factory.mktemp("behind"), 20, 10, prefix="behind", suffix=".json")


@pytest.mark.e2e
@pytest.mark.parametrize("round_count", rounds(1, 3))
def test_readers_catch_up_the_same_read_models_at_once(
    zygote: ForkServer,
    store: StoreBackend,
    behind_files: list[Path],
    tmp_path: Path,
    round_count: int,
) -> None:
    """Four readers find the read models behind the log (at the KG fixture, 20 files back)
    and all catch up the same file."""
    for r in range(round_count):
        home = tmp_path / f"home-{r}"
        prepare(zygote, store, home, KG)
        prepare(zygote, store, home, *behind_files, views=False)
        env = store.env(home)
        commands = [["conflicts", "--json"], ["actors", "--json"], ["countries", "--json"]]
        finished = run_together(zygote, [*commands, commands[0]], env)
        assert_all_succeeded(finished)
        assert finished[0].stdout == finished[3].stdout
        app = store.open_app(home)
        try:
            end = app.max_position()
            views = ReadModels(app, home / "views.sqlite3")
            assert set(views.positions().values()) == {end}
            views.close()
        finally:
            app.close()
        expected = rebuilt_tables(home, tmp_path / f"rebuilt-{r}", store.url)
        assert_same_tables(views_tables(home / "views.sqlite3"), expected)


# --- first use of a new store while another process writes it ------------------------------


def hold_a_write_lock_while_running(
    database: Path, argv: list[str], user_home: Path, seconds: float = 1.0
) -> subprocess.CompletedProcess[str]:
    """Run ``timeline ARGV`` while another connection holds a write transaction on
    ``database`` (not yet in WAL mode) for ``seconds``: what a second process sees when it
    opens a new store at the moment the first one writes it."""
    holder = sqlite3.connect(str(database), isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        process = subprocess.Popen(
            [str(console_script()), *argv],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=timeline_env(user_home),
        )
        time.sleep(seconds)
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.mark.e2e
def test_a_new_event_store_waits_for_another_writer(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = hold_a_write_lock_while_running(
        home / "events.sqlite3", ["log", "--home", str(home)], tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "locked" not in result.stderr


@pytest.mark.e2e
def test_a_new_read_model_file_waits_for_another_writer(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run_timeline(["log", "--home", str(home)], user_home=tmp_path).returncode == 0
    result = hold_a_write_lock_while_running(
        home / "views.sqlite3", ["conflicts", "--home", str(home)], tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "locked" not in result.stderr
