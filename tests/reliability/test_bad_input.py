"""Hostile and broken input: every file in fixtures/bad is refused cleanly.

For each file listed in ``fixtures/bad/INDEX.yaml``, ``timeline ingest FILE`` on a home that
already holds the seed fixture must print one line on stderr naming the file, the field
path and what was expected, exit with the expected non-zero code, print no traceback and
append nothing.

* In the default suite each file runs in-process through ``timeline.cli:main`` (the real
  edge that turns errors into messages), and the whole corpus runs once more through the
  console script in a single ``timeline ingest`` of every file.
* In the slow suite each file runs in its own process, under a 1 GiB memory limit and a
  20 s time limit: forked from an interpreter that has already imported the CLI
  (``workload.ForkServer``), so that 190 files take seconds rather than minutes.
* Files marked ``isolate`` (they need those limits) run only in separate processes; in the
  default suite, those not marked slow run through the console script itself.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from queue import Queue
from typing import Any

import pytest
import yaml
from bad_corpus import BAD, CORPUS, GENERATORS, BadFile, params
from support import SEED, console_script, open_app
from workload import ForkServer, timeline_env

from timeline.cli import cli, main
from timeline.dispatch import load_dispatch
from timeline.errors import TimelineError
from timeline.session import Session
from timeline.store import resolve_home

#: Characters from hostile input that must never reach the terminal.
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\x85", "\u202e", "\u2066", "\x00")
MEMORY_LIMIT = 1024**3
TIME_LIMIT = 20.0


@dataclass
class Outcome:
    code: int | None  # None: killed by the time limit
    stdout: str
    stderr: str
    appended: int


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A home holding the seed fixture, and its log's last position."""
    home = tmp_path_factory.mktemp("bad-input") / "seeded"
    with Session(resolve_home(home)) as session:
        session.app.ingest(load_dispatch(SEED))
        return home, session.app.max_position()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where generated files are written, once per module."""
    return tmp_path_factory.mktemp("generated")


def materialise(entry: BadFile, scratch: Path) -> Path:
    made = scratch / entry.file
    if entry.generated and made.exists():
        return made
    return entry.path(scratch)


def log_end(home: Path) -> int:
    app = open_app(home)
    try:
        return app.max_position()
    finally:
        app.close()


def assert_refused(entry: BadFile, path: Path, outcome: Outcome) -> None:
    assert outcome.code is not None, f"still running after {TIME_LIMIT:.0f} s"
    assert "Traceback" not in outcome.stderr
    assert "internal error" not in outcome.stderr, outcome.stderr
    assert outcome.code == entry.exit, (outcome.code, outcome.stderr)
    lines = [line for line in outcome.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one error line, got {outcome.stderr!r}"
    prefix = f"error: {path}: "
    assert lines[0].startswith(prefix), lines[0]
    rest = lines[0][len(prefix) :]
    if entry.field:
        assert rest.startswith(f"{entry.field}: expected "), rest
    elif entry.field == "" and entry.exit == 3:
        assert rest.startswith("expected "), rest
    assert entry.message in rest, rest
    assert outcome.stdout == ""
    for char in RAW_CONTROLS:
        assert char not in outcome.stdout + outcome.stderr, f"raw {char!r} in the output"
    assert outcome.appended == 0, f"{outcome.appended} events appended"


def run_in_process(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """Run ``timeline ARGV`` through the console script's entry point, in this process."""
    capsys.readouterr()
    monkeypatch.setattr(sys, "argv", ["timeline", *argv])
    try:
        main()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    else:
        code = 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- the index itself -----------------------------------------------------------------------


def test_the_index_lists_every_file_and_every_file_exists() -> None:
    on_disk = {
        str(path.relative_to(BAD))
        for path in BAD.rglob("*")
        if path.is_file() and path.name not in ("INDEX.yaml", "README.md")
    }
    committed = {entry.file for entry in CORPUS if not entry.generated}
    assert on_disk == committed
    assert {entry.file for entry in CORPUS if entry.generated} == set(GENERATORS)
    assert len(CORPUS) >= 100
    assert sum(entry.is_article for entry in CORPUS) >= 10
    assert len({entry.file for entry in CORPUS}) == len(CORPUS)
    for entry in CORPUS:
        assert entry.message or entry.field, entry.file
        assert entry.bug is None or entry.bug.startswith("BUG: "), entry.file


# --- every file, in-process -----------------------------------------------------------------


@pytest.mark.parametrize("entry", params([e for e in CORPUS if not e.isolate]))
def test_bad_file_is_refused(
    entry: BadFile,
    seeded: tuple[Path, int],
    scratch: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    template, end = seeded
    home = tmp_path / "home"
    shutil.copytree(template, home)
    path = materialise(entry, scratch)
    code, out, err = run_in_process(["ingest", str(path), "--home", str(home)], monkeypatch, capsys)
    assert_refused(entry, path, Outcome(code, out, err, log_end(home) - end))


# --- the whole corpus through the console script at once ------------------------------------


@pytest.mark.e2e
def test_every_bad_file_in_one_console_script_run(
    seeded: tuple[Path, int], scratch: Path, tmp_path: Path
) -> None:
    """One ``timeline ingest`` of every file that is not a known bug: each is reported on
    its own line, the run goes on past each of them, and nothing is appended."""
    template, end = seeded
    home = tmp_path / "home"
    shutil.copytree(template, home)
    entries = [e for e in CORPUS if not e.isolate and not e.bug]
    paths = [materialise(entry, scratch) for entry in entries]
    result = subprocess.run(
        [str(console_script()), "ingest", *map(str, paths), "--home", str(home)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        stdin=subprocess.DEVNULL,
        env=timeline_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert result.returncode == entries[0].exit
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == len(entries)
    for entry, path, line in zip(entries, paths, lines, strict=True):
        assert line.startswith(f"error: {path}: "), (entry.file, line)
        if entry.field:
            assert line.startswith(f"error: {path}: {entry.field}: expected "), line
        assert entry.message in line, (entry.file, line)
        for char in RAW_CONTROLS:
            assert char not in line
    assert log_end(home) == end


# --- one subprocess per file, with memory and time limits -----------------------------------


def _limits() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_limited(path: Path, home: Path, user_home: Path) -> tuple[int | None, str, str]:
    try:
        result = subprocess.run(
            [str(console_script()), "ingest", str(path), "--home", str(home)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            stdin=subprocess.DEVNULL,
            env=timeline_env(user_home),
            timeout=TIME_LIMIT,
            check=False,
            preexec_fn=_limits,
        )
    except subprocess.TimeoutExpired as timeout:
        stderr = timeout.stderr or b""
        text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
        return None, "", text
    return result.returncode, result.stdout, result.stderr


@pytest.mark.e2e
@pytest.mark.parametrize("entry", params([e for e in CORPUS if e.isolate and not e.slow]))
def test_isolated_bad_file_through_the_console_script(
    entry: BadFile, seeded: tuple[Path, int], scratch: Path, tmp_path: Path
) -> None:
    template, end = seeded
    home = tmp_path / "home"
    shutil.copytree(template, home)
    path = materialise(entry, scratch)
    code, out, err = run_limited(path, home, tmp_path)
    assert_refused(entry, path, Outcome(code, out, err, log_end(home) - end))


@pytest.fixture(scope="module")
def process_outcomes(
    seeded: tuple[Path, int], scratch: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, tuple[Path, Outcome]]]:
    """Every file through ``timeline ingest`` in its own process, two at a time."""
    template, end = seeded
    root = tmp_path_factory.mktemp("processes")
    paths = {entry.file: materialise(entry, scratch) for entry in CORPUS}
    servers = [ForkServer(root / f"server-{n}", root) for n in range(2)]
    idle: Queue[ForkServer] = Queue()
    for server in servers:
        idle.put(server)

    def one(n: int, entry: BadFile) -> tuple[Path, Outcome]:
        home = root / f"home-{n}"
        shutil.copytree(template, home)
        server = idle.get()
        try:
            result = server.run(
                ["ingest", str(paths[entry.file]), "--home", str(home)],
                timeout=TIME_LIMIT,
                memory=MEMORY_LIMIT,
            )
        finally:
            idle.put(server)
        outcome = Outcome(result.returncode, result.stdout, result.stderr, log_end(home) - end)
        return paths[entry.file], outcome

    try:
        with ThreadPoolExecutor(max_workers=len(servers)) as pool:
            futures = {e.file: pool.submit(one, n, e) for n, e in enumerate(CORPUS)}
            yield {name: future.result() for name, future in futures.items()}
    finally:
        for server in servers:
            server.close()


@pytest.mark.slow
@pytest.mark.e2e
@pytest.mark.parametrize("entry", params(CORPUS))
def test_bad_file_in_its_own_process(
    entry: BadFile, process_outcomes: dict[str, tuple[Path, Outcome]]
) -> None:
    path, outcome = process_outcomes[entry.file]
    assert_refused(entry, path, outcome)


# --- articles for `timeline extract` --------------------------------------------------------

TIMELINE_EXIT_CODES = {0} | {
    cls.exit_code
    for cls in [TimelineError, *TimelineError.__subclasses__()]
    + [sub for cls in TimelineError.__subclasses__() for sub in cls.__subclasses__()]
}


@pytest.mark.parametrize(
    "entry",
    [pytest.param(e, id=e.file) for e in CORPUS if e.is_article],
)
def test_extract_survives_bad_articles(
    entry: BadFile,
    scratch: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``timeline extract`` on each bad article: a draft or a clean error, never a crash,
    never a raw control character, and nothing appended without --append."""
    if "extract" not in cli.commands:
        pytest.skip("timeline extract is not implemented yet")
    home = tmp_path / "home"
    path = materialise(entry, scratch)
    argv = ["extract", str(path), "--published", "2022-09-13T12:00Z", "--outlet", "Bad Corpus"]
    code, out, err = run_in_process([*argv, "--home", str(home)], monkeypatch, capsys)
    assert "Traceback" not in err and "internal error" not in err, err
    assert code in TIMELINE_EXIT_CODES, (code, err)
    for char in RAW_CONTROLS:
        assert char not in out + err, f"raw {char!r} in the output"
    if code == 0:
        draft: Any = yaml.safe_load(out)
        assert isinstance(draft, dict) and draft.get("format") == "timeline-dispatch/1"
    else:
        assert err.startswith("error: "), err
    assert log_end(home) == 0
