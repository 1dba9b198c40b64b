"""``timeline ingest``: dispatch files, directories of them, and JSON Lines archives.

Everything goes through :meth:`TimelineApp.ingest_many`: ``--batch-size`` dispatches per
transaction, each dispatch still appended wholly or not at all. A plain file gets an output
line of its own (and an entry in ``--json``). An archive may hold a million dispatches, so it
gets one summary line with counts, and only its failures are kept (for ``--json``). Every
error goes to stderr, in input order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from timeline import render
from timeline.application import DEFAULT_BATCH_SIZE, IngestFailure, IngestOutcome, IngestResult
from timeline.commands.options import (
    Tick,
    echo_json,
    home_options,
    json_option,
    open_session,
    progress_bar,
)
from timeline.dispatch import (
    ARCHIVE_SUFFIXES,
    STDIN,
    STDIN_NAME,
    Dispatch,
    is_archive,
    load_dispatch,
    read_archive,
)
from timeline.errors import DispatchError, TimelineError
from timeline.text import clean

#: What a directory is searched for.
SUFFIXES = frozenset({".yaml", ".yml", ".json", *ARCHIVE_SUFFIXES})
#: The progress bar shows for more plain files than this, or for any archive.
PROGRESS_FROM = 20


def input_files(paths: tuple[Path, ...]) -> list[Path]:
    """The paths given, each directory replaced by the dispatch files and archives in it
    (searched recursively, in name order)."""
    found: list[Path] = []
    for path in paths:
        try:
            folder = path.is_dir()
        except OSError:  # a name too long to stat: reading it says why
            folder = False
        if folder:
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES))
        else:
            found.append(path)
    return found


@dataclass
class InputTally:
    """What one input gave: a plain file's result, or an archive's counts."""

    path: Path
    archive: bool
    appended: int = 0  # dispatches appended
    skipped: int = 0  # dispatches already in the log
    failed: int = 0
    events: int = 0
    result: IngestResult | None = None  # a plain file's
    error: str | None = None  # a plain file's, or an archive's that could not be read
    failures: list[dict[str, str]] = field(default_factory=list)  # an archive's, for --json

    def add(
        self, outcome: IngestResult | None, failure: tuple[str, TimelineError] | None, *, keep: bool
    ) -> None:
        if outcome is not None:
            if not self.archive:
                self.result = outcome
            self.events += outcome.appended
            if outcome.skipped:
                self.skipped += 1
            else:
                self.appended += 1
            return
        assert failure is not None
        source, error = failure
        self.failed += 1
        if not self.archive or source == self.name:  # not a line: the whole input
            self.error = clean(error)
        elif keep:
            self.failures.append({"source": source, "error": clean(error)})

    def as_json(self) -> dict[str, Any]:
        if self.archive:
            if self.error is not None:
                return {"archive": self.name, "status": "failed", "error": self.error}
            return {
                "archive": self.name,
                "dispatches": self.appended + self.skipped + self.failed,
                "appended": self.appended,
                "skipped": self.skipped,
                "failed": self.failed,
                "events": self.events,
                "failures": self.failures,
            }
        if self.result is None:
            return {"file": self.name, "status": "failed", "error": self.error}
        return {
            "file": self.name,
            "status": "skipped" if self.result.skipped else "appended",
            "report_id": str(self.result.report_id),
            "developments": self.result.developments,
            "events": self.result.appended,
        }

    @property
    def name(self) -> str:
        return STDIN_NAME if str(self.path) == STDIN else str(self.path)

    def line(self) -> str | None:
        """The stdout line: none for an input that failed as a whole (the error is on stderr)."""
        if self.error is not None:
            return None
        if self.archive:
            total = self.appended + self.skipped + self.failed
            dispatches = "1 dispatch" if total == 1 else f"{total} dispatches"
            return (
                f"{self.name}: {dispatches}: {self.appended} appended ({self.events} events), "
                f"{self.skipped} already in the log, {self.failed} failed"
            )
        assert self.result is not None
        if self.result.skipped:
            return f"{self.name}: already in the log, nothing appended"
        return (
            f"{self.name}: appended {self.result.appended} events "
            f"({self.result.developments} new developments)"
        )


class _Refusal(TimelineError):
    """A load failure waiting for its turn to be reported: its message and exit code only,
    not the exception (whose traceback and found value keep the parsed document alive)."""

    def __init__(self, error: TimelineError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code


class _Run:
    """One ``timeline ingest``: loads the inputs in order for the application, matches each
    outcome to its input, and reports as it goes."""

    def __init__(self, files: list[Path], *, as_json: bool) -> None:
        self.inputs = [InputTally(path, is_archive(path)) for path in files]
        self.as_json = as_json
        # One entry per dispatch handed to the application or refused while loading, in input
        # order: (input index, None or the load failure). About one batch long.
        self.queue: deque[tuple[int, tuple[str, TimelineError] | None]] = deque()
        self.counts = {"appended": 0, "skipped": 0, "failed": 0}
        self.first_error: TimelineError | None = None
        self.done = 0
        self.printed = 0  # inputs whose line is out
        self.out = render.make_console()
        self.err = render.make_console(stderr=True)
        self.tick: Tick | None = None
        self.total: int | None = None

    def dispatches(self) -> Iterator[Dispatch]:
        for index, tally in enumerate(self.inputs):
            if not tally.archive:
                try:
                    dispatch = load_dispatch(tally.path)
                except TimelineError as exc:
                    self._refused(index, str(tally.path), exc)
                    continue
                self.queue.append((index, None))
                yield dispatch
                continue
            try:
                for item in read_archive(tally.path):
                    if isinstance(item, DispatchError):
                        self._refused(index, item.file, item)
                    else:
                        self.queue.append((index, None))
                        yield item
            except DispatchError as exc:  # the archive itself cannot be read
                self._refused(index, exc.file, exc)

    def _refused(self, index: int, source: str, error: TimelineError) -> None:
        """A dispatch refused while loading: reported now when no earlier dispatch still
        waits for its outcome, so that a run of bad lines streams out instead of piling
        up; otherwise queued behind that dispatch (at most a batch), as its message only."""
        if not self.queue:
            self._count(index, None, (source, error))
        else:
            self.queue.append((index, (source, _Refusal(error))))

    def take(self, outcome: IngestOutcome) -> None:
        """The application's outcome for the next dispatch, after the load errors before it."""
        while self.queue:
            index, failure = self.queue.popleft()
            if failure is None:
                if isinstance(outcome, IngestFailure):
                    self._count(index, None, (outcome.source, outcome.error))
                else:
                    self._count(index, outcome, None)
                return
            self._count(index, None, failure)
        raise AssertionError("an outcome for a dispatch that was not handed over")

    def finish(self) -> None:
        while self.queue:
            index, failure = self.queue.popleft()
            assert failure is not None, "a dispatch handed over got no outcome"
            self._count(index, None, failure)
        self._print_up_to(len(self.inputs))
        if self.as_json:
            echo_json(
                {
                    "files": [t.as_json() for t in self.inputs if not t.archive],
                    "archives": [t.as_json() for t in self.inputs if t.archive],
                    "failed": self.counts["failed"],
                }
            )

    def _count(
        self,
        index: int,
        result: IngestResult | None,
        failure: tuple[str, TimelineError] | None,
    ) -> None:
        self._print_up_to(index)  # inputs are taken in order: every earlier one is complete
        self.inputs[index].add(result, failure, keep=self.as_json)
        if failure is not None:
            error = failure[1]
            self.first_error = self.first_error or error
            self.err.print(render.safe(f"error: {error}"), soft_wrap=True)
            self.counts["failed"] += 1
        else:
            assert result is not None
            self.counts["skipped" if result.skipped else "appended"] += 1
        self.done += 1
        if self.tick:
            note = (
                f"{self.counts['appended']} appended, {self.counts['skipped']} skipped, "
                f"{self.counts['failed']} failed"
            )
            self.tick(self.done, max(self.total or 0, self.done) or None, note)

    def _print_up_to(self, end: int) -> None:
        while self.printed < end:
            line = None if self.as_json else self.inputs[self.printed].line()
            if line is not None:
                self.out.print(render.safe(line), soft_wrap=True)
            self.printed += 1

    def count_dispatches(self) -> int:
        """About how many dispatches there are, for the progress bar: one per plain file and
        one per line of each archive, counted without parsing."""
        return sum(_count_lines(t.path) if t.archive else 1 for t in self.inputs)


def _count_lines(path: Path) -> int:
    lines = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
    except OSError:
        return 0
    return lines


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    metavar="N",
    help="Dispatches appended per transaction. Each dispatch is still all or nothing.",
)
@home_options
@json_option
def ingest(
    paths: tuple[Path, ...], batch_size: int, home: Path | None, store: str | None, as_json: bool
) -> None:
    """Append the developments and revisions in dispatch files (YAML or JSON) and JSON Lines
    archives (*.jsonl, *.ndjson: one dispatch object per line) to the log. A PATH of -
    reads one dispatch (YAML or JSON) from standard input.

    Each dispatch (a file, or one line of an archive) is appended atomically: if anything in
    it is invalid, nothing from it is appended, and the others still are. A dispatch whose
    report is already in the log (or earlier in the input) appends nothing. Directories are
    searched for *.yaml, *.yml, *.json, *.jsonl and *.ndjson, in name order. --batch-size
    dispatches are written per transaction. A plain file gets a line of output, an archive
    one summary line. Errors go to stderr and name the file (PATH:LINE for an archive line)
    and the field; bad dispatches are skipped, and the exit code is then non-zero.
    The format: timeline docs dispatch-format.

    Example: timeline ingest fixtures/dispatches/ fixtures/series/
    """
    run = _Run(input_files(paths), as_json=as_json)
    many = sum(not t.archive for t in run.inputs) > PROGRESS_FROM
    with (
        open_session(home, store) as session,
        progress_bar("Ingesting", many or any(t.archive for t in run.inputs)) as tick,
    ):
        if tick:
            run.tick, run.total = tick, run.count_dispatches()
        for outcome in session.app.ingest_many(run.dispatches(), batch_size=batch_size):
            run.take(outcome)
        run.finish()
    if run.first_error is not None:
        raise SystemExit(run.first_error.exit_code)
