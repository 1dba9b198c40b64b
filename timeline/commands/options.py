"""Options and helpers shared by the commands: data location, output modes, dates, progress."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TypeVar

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from projections import queries
from timeline import render
from timeline.dates import parse_instant
from timeline.errors import DateError, UsageError
from timeline.session import Session
from timeline.store import resolve_home
from timeline.text import dumps

F = TypeVar("F", bound=Callable[..., Any])


def home_options(command: F) -> F:
    """``--home`` and ``--store``, accepted by every command that touches data."""
    command = click.option(
        "--store",
        envvar="TIMELINE_STORE",
        metavar="URL",
        help="Event store: 'sqlite' (default) or sqlite:///path/events.sqlite3. "
        "Env: TIMELINE_STORE.",
    )(command)
    command = click.option(
        "--home",
        envvar="TIMELINE_HOME",
        type=click.Path(file_okay=False, path_type=Path),
        help="Data directory for the event log and read models. Env: TIMELINE_HOME.",
    )(command)
    return command


def open_session(home: Path | None, store: str | None) -> Session:
    return Session(resolve_home(home, store), progress=progress_bar)


def json_option(command: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a view.")(
        command
    )


def echo_json(value: Any, *, indent: int | None = 2) -> None:
    """JSON on stdout; ``indent=None`` gives one line (JSON Lines)."""
    click.echo(dumps(value, indent=indent))


def dimension_options(command: F) -> F:
    """``--conflict``, ``--country`` and ``--actor``: which timeline."""
    for option in reversed(
        (
            click.option(
                "--conflict", metavar="ID", help="A conflict id, e.g. armenia-azerbaijan."
            ),
            click.option("--country", metavar="ISO3", help="An ISO 3166-1 alpha-3 code, e.g. ARM."),
            click.option(
                "--actor",
                metavar="NAME",
                help="An actor by any alias or id, e.g. 'Vladimir Putin' or 'Armenian PM'.",
            ),
            click.option(
                "--side",
                metavar="SIDE",
                help="A side by any alias or id (e.g. arm-government): every voice under it.",
            ),
        )
    ):
        command = option(command)
    return command


def occurred_options(command: F) -> F:
    """Filters on occurred (valid) time, separate from knowledge time."""
    command = click.option(
        "--occurred-to", metavar="DATE", help="Only developments occurring on or before DATE."
    )(command)
    command = click.option(
        "--occurred-from", metavar="DATE", help="Only developments occurring on or after DATE."
    )(command)
    return command


def parse_when(value: str | None, option: str, *, date_means: str = "end") -> str | None:
    """A user-typed date as a UTC ISO string. A bare date means the end of that day unless
    ``date_means`` is ``"start"``; no zone means UTC."""
    if value is None:
        return None
    try:
        return parse_instant(value, date_means=date_means).iso
    except DateError as exc:
        raise UsageError(f"{option}: {exc}") from None


def describe_when(value: str, option_value: str) -> str:
    """How a parsed knowledge time is shown: always UTC, and says so when UTC was assumed."""
    assumed = parse_instant(option_value).assumed_utc
    return f"{value} UTC" + (" (no zone given: UTC assumed)" if assumed else "")


def build_query(
    conflict: str | None,
    country: str | None,
    actor: str | None,
    *,
    side: str | None = None,
    as_of: str | None = None,
    occurred_from: str | None = None,
    occurred_to: str | None = None,
    required: bool = True,
) -> queries.TimelineQuery:
    chosen = [o for o in (conflict, country, actor, side) if o]
    if len(chosen) > 1 or (required and not chosen):
        raise UsageError(
            "give exactly one of --conflict ID, --country ISO3, --actor NAME or --side SIDE"
        )
    return queries.TimelineQuery(
        conflict=conflict,
        country=country.upper() if country else None,
        actor=actor,
        side=side,
        as_of=parse_when(as_of, "--as-of"),
        occurred_from=parse_when(occurred_from, "--occurred-from", date_means="start"),
        occurred_to=parse_when(occurred_to, "--occurred-to"),
    )


class Tick(Protocol):
    """Advance a progress bar: ``done`` of ``total`` (None while unknown), and a short note."""

    def __call__(self, done: int, total: int | None, note: str = "") -> None: ...


@contextmanager
def progress_bar(label: str, enabled: bool = True) -> Iterator[Tick | None]:
    """A rich progress bar on stderr, only when stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[note]}", markup=False),
        console=render.make_console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None, note="")

        def update(done: int, total: int | None, note: str = "") -> None:
            bar.update(task, completed=done, total=total, note=note)

        yield update
