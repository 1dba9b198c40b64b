"""Generated workloads and helpers for the reliability tests.

``write_batch`` writes valid dispatch files that share one conflict definition and, when
asked, revise developments of the file before them, so that one file's events touch
aggregates that other files created. ``log_by_report`` groups the event log by the report
each event came from, which is how the tests check that a file is wholly in the log or
wholly absent.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from support import clean_env, console_script, dump_tables, open_app, write_document

from projections.runner import ReadModels
from timeline.application import TimelineApp
from timeline.dispatch import load_dispatch
from timeline.domain import development_id, report_id
from timeline.store import resolve_home

CONFLICT = {
    "id": "load-test-conflict",
    "name": "Load test conflict",
    "parties": ["ARM", "AZE"],
    "aliases": ["Generated workload"],
    "started": "2021",
}
KINDS = ["armed_clash", "shelling", "casualty_report", "statement", "accusation", "background"]
COUNTRIES = [["ARM"], ["AZE"], ["ARM", "AZE"], ["KGZ", "TJK"], ["RUS"]]
ACTORS = ["Load Army", "Load Ministry", "Load Observers", "Government of Load"]
PLACES = [
    {"name": "Goris", "country": "ARM", "lat": 39.5111, "lon": 46.3386},
    {"name": "Kapan", "country": "ARM"},
    {"name": "Batken", "country": "KGZ", "lat": 40.0625, "lon": 70.8194},
]
START = datetime(2022, 10, 1, tzinfo=UTC)


def batch_document(
    index: int, developments: int, *, prefix: str = "batch", revise_previous: bool = False
) -> dict[str, Any]:
    """One valid dispatch: ``developments`` developments, and optionally revisions of the
    developments of file ``index - 1`` (by natural key)."""
    published = START + timedelta(hours=index)
    report = {
        "outlet": "Load Wire",
        "headline": f"{prefix} report {index}",
        "published": published.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    document: dict[str, Any] = {
        "format": "timeline-dispatch/1",
        "report": report,
        "conflicts": [CONFLICT],
        "developments": [],
    }
    for j in range(developments):
        development: dict[str, Any] = {
            "key": f"dev-{j}",
            "kind": KINDS[(index + j) % len(KINDS)],
            "summary": f"Generated development {j} of {prefix} report {index}.",
            "occurred": {
                "start": (published - timedelta(days=j % 5)).strftime("%Y-%m-%d"),
                "precision": ["day", "night", "approximate"][j % 3],
            },
            "countries": COUNTRIES[j % len(COUNTRIES)],
            "actors": list(
                dict.fromkeys([ACTORS[j % len(ACTORS)], ACTORS[(j + index) % len(ACTORS)]])
            ),
            "conflicts": [CONFLICT["id"]],
            "claim": {"asserted_by": [ACTORS[j % len(ACTORS)]], "verification": "claimed"},
        }
        if j % 4 == 0:
            development["places"] = [PLACES[j % len(PLACES)]]
        if j % 3 == 0:
            development["figures"] = [
                {"party": "ARM", "category": "killed", "low": j + index, "claimant": "Load Army"}
            ]
        document["developments"].append(development)
    if revise_previous and index > 0:
        previous = batch_document(index - 1, 0, prefix=prefix)["report"]
        document["revisions"] = [
            {
                "action": "revise_figure",
                "target": {"report": previous, "key": "dev-0"},
                "figure": {
                    "party": "ARM",
                    "category": "killed",
                    "best": 100 + index,
                    "claimant": "Load Army",
                },
            },
            {"action": "corroborate", "target": {"report": previous, "key": "dev-1"}},
            {
                "action": "dispute",
                "target": {"report": previous, "key": "dev-2"},
                "party": "Load Observers",
            },
        ]
    return document


def write_batch(
    folder: Path,
    count: int,
    developments: int,
    *,
    prefix: str = "batch",
    revise_previous: bool = False,
    suffix: str = ".yaml",
) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_document(
            folder / f"{prefix}-{i:03d}{suffix}",
            batch_document(i, developments, prefix=prefix, revise_previous=revise_previous),
        )
        for i in range(count)
    ]


# --- running the console script -------------------------------------------------------------


def timeline_env(user_home: Path, **extra: str) -> dict[str, str]:
    return clean_env(**{"HOME": str(user_home), "COLUMNS": "100", **extra})


def run_timeline(
    argv: Sequence[str],
    *,
    user_home: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``timeline ARGV`` through the installed console script, output captured (no TTY)."""
    return subprocess.run(
        [str(console_script()), *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        stdin=subprocess.DEVNULL,
        env=timeline_env(user_home, **(env or {})),
        timeout=timeout,
        check=False,
    )


def assert_clean_exit(result: subprocess.CompletedProcess[str], what: str = "") -> None:
    """Exit 0, and nothing on stderr that looks like a crash or a lock error."""
    label = what or " ".join(map(str, result.args[1:]))
    assert result.returncode == 0, f"{label}: exit {result.returncode}\n{result.stderr}"
    assert_no_crash_output(result.stderr, label)


def assert_no_crash_output(stderr: str, label: str = "") -> None:
    for marker in ("Traceback", "internal error", "locked"):
        assert marker not in stderr, f"{label}: {marker!r} on stderr:\n{stderr}"


# --- the log, grouped by the file each event came from --------------------------------------

EventKey = tuple[str, int, str]  # (originator id, originator version, event type)
CONFLICTS_GROUP = "conflict definitions"


def log_groups(app: Any) -> dict[str, Counter[EventKey]]:
    """Every event in the log, grouped by the report it belongs to.

    A ``Report.Published`` belongs to itself; a development event carries the ``report_id`` of
    the report that stated or revised it; conflict definitions form their own group, and any
    other kind of event a group of its type.
    """
    groups: dict[str, Counter[EventKey]] = {}
    for event in app.read_log():
        report = getattr(event.event, "report_id", None)
        if event.type == "Report.Published":
            owner = str(event.originator_id)
        elif report is not None:
            owner = str(report)
        elif event.type.startswith("Conflict."):
            owner = CONFLICTS_GROUP
        else:
            owner = f"other: {event.type}"
        key = (str(event.originator_id), event.originator_version, event.type)
        groups.setdefault(owner, Counter())[key] += 1
    return groups


def file_ids(path: Path) -> tuple[str, list[str]]:
    """A dispatch file's report id and the ids of the developments it states."""
    dispatch = load_dispatch(path)
    report = dispatch.report
    rid = report_id(report.url, report.outlet, report.published, report.headline)
    return str(rid), [str(development_id(rid, d.key)) for d in dispatch.developments]


def stored_pairs(app: Any) -> Counter[tuple[str, int]]:
    return Counter((str(e.originator_id), e.originator_version) for e in app.read_log())


def aggregate_versions(app: Any, aggregate: str | UUID) -> list[int]:
    return [e.originator_version for e in app.events.get(UUID(str(aggregate)))]


# --- read models ----------------------------------------------------------------------------


def views_tables(views: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(str(views))
    try:
        return dump_tables(conn)
    finally:
        conn.close()


def open_store(home: Path, store: str | None = None) -> TimelineApp:
    """The application on a home's event store; ``store`` is a store URL (default SQLite)."""
    if store is None:
        return open_app(home)
    resolved = resolve_home(home, store)
    resolved.ensure()
    return TimelineApp(env=resolved.eventsourcing_env())


def caught_up_tables(home: Path, store: str | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Open the home's read models as any read command does, catch up, and dump them."""
    app = open_store(home, store)
    try:
        views = ReadModels(app, home / "views.sqlite3")
        try:
            views.catch_up()
            return dump_tables(views.db)
        finally:
            views.close()
    finally:
        app.close()


def rebuilt_tables(
    home: Path, scratch: Path, store: str | None = None
) -> dict[str, list[tuple[Any, ...]]]:
    """The read models a fresh rebuild of the home's log gives, built in a scratch file."""
    app = open_store(home, store)
    try:
        views = ReadModels(app, scratch)
        try:
            views.rebuild()
            return dump_tables(views.db)
        finally:
            views.close()
    finally:
        app.close()


def assert_same_tables(
    actual: dict[str, list[tuple[Any, ...]]], expected: dict[str, list[tuple[Any, ...]]]
) -> None:
    assert sorted(actual) == sorted(expected), "different tables"
    for name in expected:
        assert actual[name] == expected[name], f"table {name} differs from a fresh rebuild"


# --- a fork server: many short runs of the CLI without paying for start-up each time ---------

FORK_SERVER = r"""
import json, os, resource, signal, sys, time, traceback
from eventsourcing.persistence import IntegrityError
from timeline.application import TimelineApp
from timeline.cli import main


def child(request, gate):
    # In the forked child: wire up stdio and limits, wait at the gate, run the command.
    code = 99
    try:
        null = os.open(os.devnull, os.O_RDONLY)
        out = os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
        if request["memory"]:
            limit = request["memory"]
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        os.environ.update(request["env"])
        if request["conflicts"]:
            # Count optimistic-concurrency conflicts (the application retries them), so that
            # a test can tell the retry path ran. Behaviour is unchanged: the error is re-raised.
            append = TimelineApp._append_events
            def counting_append(self, *args, **kwargs):
                try:
                    return append(self, *args, **kwargs)
                except IntegrityError:
                    with open(request["conflicts"], "a") as counted:
                        counted.write("1")
                    raise
            TimelineApp._append_events = counting_append
        if gate is not None:
            ready, release = gate
            os.write(ready, b".")
            os.read(release, 1)  # returns when the server closes the other end: "go"
        sys.argv = ["timeline", *request["argv"]]
        try:
            main()
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
        except BaseException:  # only with TIMELINE_DEBUG=1, which re-raises
            traceback.print_exc()
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def wait_all(pids, timeout):
    deadline = time.monotonic() + timeout
    codes = {}
    while len(codes) < len(pids):
        for pid in pids:
            if pid in codes:
                continue
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                codes[pid] = os.waitstatus_to_exitcode(status)
            elif time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                codes[pid] = None
        time.sleep(0.002)
    return [codes[pid] for pid in pids]


for line in sys.stdin:
    batch = json.loads(line)
    gate = None
    if len(batch) > 1:
        ready_r, ready_w = os.pipe()
        release_r, release_w = os.pipe()
    pids = []
    for request in batch:
        pid = os.fork()
        if pid == 0:
            if len(batch) > 1:
                os.close(ready_r)
                os.close(release_w)
                gate = (ready_w, release_r)
            child(request, gate)
        pids.append(pid)
    if len(batch) > 1:
        os.close(ready_w)
        os.close(release_r)
        arrived = 0
        while arrived < len(batch):
            chunk = os.read(ready_r, len(batch))
            if not chunk:
                break
            arrived += len(chunk)
        os.close(release_w)  # every child is waiting: release them all at once
        os.close(ready_r)
    codes = wait_all(pids, max(request["timeout"] for request in batch))
    print(json.dumps(codes), flush=True)
"""


class ForkServer:
    """Runs ``timeline ARGV`` in processes forked from one interpreter that has already
    imported the CLI. Each run is a separate process (own memory, limits, exit status) that
    calls the console script's entry point, ``timeline.cli:main``, without the half-second
    start-up of a fresh interpreter."""

    def __init__(self, workdir: Path, user_home: Path) -> None:
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self.process = subprocess.Popen(
            [sys.executable, "-c", FORK_SERVER],
            cwd=workdir,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=timeline_env(user_home),
            text=True,
        )

    def run(
        self,
        argv: Sequence[str],
        *,
        timeout: float = 60,
        memory: int | None = None,
        env: Mapping[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """Run one command; ``returncode`` is None when it was killed at ``timeout``."""
        (result,) = self.run_together([argv], timeout=timeout, memory=memory, env=env)
        return result

    def run_together(
        self,
        commands: Sequence[Sequence[str]],
        *,
        timeout: float = 60,
        memory: int | None = None,
        env: Mapping[str, str] | None = None,
        count_conflicts: bool = False,
    ) -> list[subprocess.CompletedProcess[str]]:
        """Fork one process per command, wait until all are ready, then release them at the
        same instant (they block on a pipe that the server closes). With ``count_conflicts``,
        each result has a ``conflicts`` attribute: the optimistic-concurrency conflicts that
        process met and retried."""
        requests = []
        for argv in commands:
            self.count += 1
            stem = self.workdir / f"run-{self.count}"
            requests.append(
                {
                    "argv": [str(a) for a in argv],
                    "stdout": f"{stem}.out",
                    "stderr": f"{stem}.err",
                    "conflicts": f"{stem}.conflicts" if count_conflicts else None,
                    "timeout": timeout,
                    "memory": memory,
                    "env": dict(env or {}),
                }
            )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(requests) + "\n")
        self.process.stdin.flush()
        codes = json.loads(self.process.stdout.readline())
        results = []
        for request, code in zip(requests, codes, strict=True):
            files = [Path(request["stdout"]), Path(request["stderr"])]
            result = subprocess.CompletedProcess(
                ["timeline", *request["argv"]],
                code,
                files[0].read_text(encoding="utf-8", errors="replace"),
                files[1].read_text(encoding="utf-8", errors="replace"),
            )
            if request["conflicts"]:
                counted = Path(request["conflicts"])
                result.conflicts = len(counted.read_text()) if counted.exists() else 0  # type: ignore[attr-defined]
                files.append(counted)
            for path in files:
                path.unlink(missing_ok=True)
            results.append(result)
        return results

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
