"""Options and helpers shared by the commands: data location, output modes, dates, progress."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import click

from timeline.errors import DateError, UsageError

# The commands import this module, and ``timeline.cli`` its group options: what only some
# commands need is imported where it is used, to keep start-up short (see timeline/cli.py).
if TYPE_CHECKING:
    from projections import queries
    from timeline.dates import Instant
    from timeline.session import Session

F = TypeVar("F", bound=Callable[..., Any])


HOME_HELP = "Data directory for the event log and read models. Env: TIMELINE_HOME."
STORE_HELP = (
    "Event store: 'sqlite' (default) or sqlite:///path/events.sqlite3. Env: TIMELINE_STORE."
)


def from_group(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A command's ``--home``/``--store`` when given, else the one given before the command
    (``timeline --home H show ...``); the environment is consulted later, by
    :func:`timeline.store.resolve_home`, so an option always beats it."""
    if value is not None or param.name is None:
        return value
    return ctx.find_root().params.get(param.name)


def global_options(command: F) -> F:
    """``--home`` and ``--store`` on the group itself, so they may come before the command."""
    command = click.option("--store", metavar="URL", help=STORE_HELP)(command)
    command = click.option(
        "--home", type=click.Path(file_okay=False, path_type=Path), help=HOME_HELP
    )(command)
    return command


def home_options(command: F) -> F:
    """``--home`` and ``--store``, accepted by every command that touches data, before or
    after the command name."""
    command = click.option("--store", metavar="URL", callback=from_group, help=STORE_HELP)(command)
    command = click.option(
        "--home",
        type=click.Path(file_okay=False, path_type=Path),
        callback=from_group,
        help=HOME_HELP,
    )(command)
    return command


def open_session(home: Path | None, store: str | None) -> Session:
    from timeline.session import Session
    from timeline.store import resolve_home

    return Session(resolve_home(home, store), progress=progress_bar)


def json_option(command: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a view.")(
        command
    )


def echo_json(value: Any, *, indent: int | None = 2) -> None:
    """JSON on stdout; ``indent=None`` gives one line (JSON Lines)."""
    from timeline.text import dumps

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


class When(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.2
    """A date or date-time typed by a person, read by the CLI's date rules
    (:func:`timeline.dates.parse_instant`): no zone means UTC; a bare date means the start
    or the end of that day, as ``date_means`` says. The value is an :class:`Instant`."""

    name = "date"

    def __init__(self, date_means: str = "end") -> None:
        self.date_means = date_means

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from timeline.dates import Instant, parse_instant

        if isinstance(value, Instant):
            return value
        try:
            return parse_instant(str(value), date_means=self.date_means)
        except DateError as exc:
            self.fail(str(exc), param, ctx)


#: A knowledge time: a bare date is the end of that day (everything reported that day).
DATE = When("end")
#: The start of an occurred range: a bare date is the start of that day.
DATE_START = When("start")

AS_OF_HELP = (
    "Knowledge time: what was known at DATE (reported time). No zone means UTC; a bare "
    "date means the end of that day. See: timeline docs time-travel."
)


def as_of_option(*, required: bool = False) -> Callable[[F], F]:
    """The one ``--as-of``."""
    return click.option("--as-of", type=DATE, metavar="DATE", required=required, help=AS_OF_HELP)


def occurred_options(command: F) -> F:
    """Filters on occurred (valid) time, separate from knowledge time."""
    command = click.option(
        "--occurred-to",
        type=DATE,
        metavar="DATE",
        help="Only developments occurring on or before DATE.",
    )(command)
    command = click.option(
        "--occurred-from",
        type=DATE_START,
        metavar="DATE",
        help="Only developments occurring on or after DATE.",
    )(command)
    return command


def recorded_option(command: F) -> F:
    """``--recorded-as-of``: system time, for audits."""
    return click.option(
        "--recorded-as-of",
        type=DATE,
        metavar="TIME",
        help="Audit: use only the events this log had recorded by TIME (system time).",
    )(command)


def time_options(*, as_of_required: bool = False) -> Callable[[F], F]:
    """What every timeline read takes: ``--as-of``, the occurred range and
    ``--recorded-as-of``."""

    def apply(command: F) -> F:
        return as_of_option(required=as_of_required)(occurred_options(recorded_option(command)))

    return apply


def iso_of(value: Instant | None) -> str | None:
    return value.iso if value is not None else None


def _later(start: str, end: str) -> bool:
    from timeline.dates import from_iso

    return from_iso(end) < from_iso(start)


def build_query(
    conflict: str | None,
    country: str | None,
    actor: str | None,
    *,
    side: str | None = None,
    as_of: Instant | None = None,
    occurred_from: Instant | None = None,
    occurred_to: Instant | None = None,
    required: bool = True,
) -> queries.TimelineQuery:
    chosen = [o for o in (conflict, country, actor, side) if o]
    if len(chosen) > 1 or (required and not chosen):
        raise UsageError(
            "give exactly one of --conflict ID, --country ISO3, --actor NAME or --side SIDE"
        )
    start = iso_of(occurred_from)
    end = iso_of(occurred_to)
    if start and end and _later(start, end):
        raise UsageError(f"--occurred-from ({start}) is after --occurred-to ({end})")
    from projections import queries

    return queries.TimelineQuery(
        conflict=conflict,
        country=country.upper() if country else None,
        actor=actor,
        side=side,
        as_of=iso_of(as_of),
        occurred_from=start,
        occurred_to=end,
    )


def chart_option(command: F) -> F:
    return click.option(
        "--chart",
        is_flag=True,
        help="Plot each side's toll over knowledge time (text when piped).",
    )(command)


def print_tolls(series: dict[str, list[dict[str, Any]]], title: str) -> None:
    """A toll chart on a terminal, and its facts as text below it (only those when piped)."""
    from timeline import charts, render

    console = render.make_console()
    if not series:
        console.print(render.safe("No casualty figures to chart."))
        return
    if console.is_terminal:
        colour = console.color_system is not None
        click.echo(charts.toll_chart(series, title=title, width=console.width, colour=colour))
    else:
        console.print(render.safe(title, "bold"))
    for line in charts.series_text(series):
        console.print(render.safe(line))


class Tick(Protocol):
    """Advance a progress bar: ``done`` of ``total`` (None while unknown), and a short note."""

    def __call__(self, done: int, total: int | None, note: str = "") -> None: ...


@contextmanager
def progress_bar(label: str, enabled: bool = True) -> Iterator[Tick | None]:
    """A rich progress bar on stderr, only when stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from timeline import render

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
