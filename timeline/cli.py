"""The ``timeline`` command line: one click group, shared options, errors turned into messages.

Library errors (``TimelineError``) become a one-line message on stderr and a non-zero exit
code here, at the edge, and nowhere else.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from projections import queries
from timeline import render, serialize
from timeline.dates import from_iso, iso, parse_instant
from timeline.dispatch import load_dispatch
from timeline.errors import DateError, TimelineError, UsageError
from timeline.session import Session
from timeline.store import resolve_home
from timeline.text import clean, dumps

F = TypeVar("F", bound=Callable[..., Any])

DEMO_CONFLICT = "armenia-azerbaijan"


def home_options(command: F) -> F:
    """``--home`` and ``--store``, accepted by every command that touches data."""
    command = click.option(
        "--store",
        envvar="TIMELINE_STORE",
        metavar="URL",
        help="Event store: 'sqlite' (default) or sqlite:///path/events.sqlite3. Env: TIMELINE_STORE.",
    )(command)
    command = click.option(
        "--home",
        envvar="TIMELINE_HOME",
        type=click.Path(file_okay=False, path_type=Path),
        help="Data directory for the event log and read models. Env: TIMELINE_HOME.",
    )(command)
    return command


def json_option(command: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a view.")(
        command
    )


def _echo_json(value: Any) -> None:
    click.echo(dumps(value))


@contextmanager
def _progress(label: str, enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr, only when stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=render.make_console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _parse_when(value: str | None, option: str, *, date_means: str) -> str | None:
    if value is None:
        return None
    try:
        return parse_instant(value, date_means=date_means).iso
    except DateError as exc:
        raise UsageError(f"{option}: {exc}") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="news-timeline")
def cli() -> None:
    """An event-sourced news timeline: what happened, who said so, and what was known when.

    Developments reported in the news are appended to an immutable event log; read models
    give per-conflict, per-country and per-actor timelines.

    Example: timeline demo
    """


@cli.command()
@home_options
def demo(home: Path | None, store: str | None) -> None:
    """Ingest the seed fixtures into a fresh store and show the Armenia–Azerbaijan timeline.

    Without --home the demo uses a new temporary directory and prints where it is.

    Example: timeline demo
    """
    chosen = home or Path(tempfile.mkdtemp(prefix="timeline-demo-"))
    fixtures = resources.files("timeline").joinpath("demo")
    files = sorted(
        Path(str(f)) for f in fixtures.joinpath("dispatches").iterdir() if f.name.endswith(".yaml")
    )
    if not files:
        raise UsageError("the demo fixtures are missing from this installation")
    with Session(resolve_home(chosen, store)) as session:
        console = render.make_console()
        for path in files:
            result = session.app.ingest(load_dispatch(path))
            verb = "already in log" if result.skipped else f"appended {result.appended} events"
            console.print(render.safe(f"{path.name}: {verb}"))
        console.print(render.safe(f"Data directory: {session.home.root}", "dim"))
        console.print()
        _show(session, queries.TimelineQuery(conflict=DEMO_CONFLICT), as_json=False)


def _dispatch_files(paths: tuple[Path, ...]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.suffix.lower() in {".yaml", ".yml", ".json"})
            )
        else:
            found.append(path)
    return found


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@home_options
@json_option
def ingest(paths: tuple[Path, ...], home: Path | None, store: str | None, as_json: bool) -> None:
    """Append the developments in dispatch files (YAML or JSON) to the event log.

    Each file is appended atomically: if anything in it is invalid, nothing from it is
    appended. Ingesting a file that is already in the log appends nothing. Directories are
    searched for *.yaml, *.yml and *.json. Bad files are reported and skipped; the exit code
    is then non-zero.

    Example: timeline ingest fixtures/dispatches/
    """
    files = _dispatch_files(paths)
    results: list[dict[str, Any]] = []
    failures: list[TimelineError] = []
    err = render.make_console(stderr=True)
    with (
        Session(resolve_home(home, store)) as session,
        _progress("Ingesting", len(files) > 20) as tick,
    ):
        for n, path in enumerate(files, 1):
            try:
                result = session.app.ingest(load_dispatch(path))
            except TimelineError as exc:
                failures.append(exc)
                err.print(render.safe(f"error: {exc}", "red"))
                results.append({"file": str(path), "error": clean(exc), "appended": 0})
            else:
                results.append(
                    {
                        "file": str(path),
                        "report_id": str(result.report_id),
                        "developments": result.developments,
                        "appended": result.appended,
                        "status": "skipped" if result.skipped else "appended",
                    }
                )
            if tick:
                tick(n, len(files))
    if as_json:
        _echo_json({"files": results, "failed": len(failures)})
    else:
        console = render.make_console()
        for r in results:
            if "error" in r:
                continue
            if r["status"] == "skipped":
                line = f"{r['file']}: already in the log, nothing appended"
            else:
                line = f"{r['file']}: appended {r['appended']} events ({r['developments']} developments)"
            console.print(render.safe(line))
    if failures:
        raise SystemExit(failures[0].exit_code)


@cli.command()
@click.option(
    "--since",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    metavar="POSITION",
    help="Only events after this log position.",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many events.")
@home_options
@json_option
def log(since: int, limit: int | None, home: Path | None, store: str | None, as_json: bool) -> None:
    """List the raw events in global log order: position, type, originator, recorded time.

    Example: timeline log --since 20 --json
    """
    with Session(resolve_home(home, store)) as session:
        rows: list[dict[str, Any]] = []
        for event in session.app.read_log(since):
            rows.append(
                {
                    "position": event.position,
                    "type": event.type,
                    "originator_id": str(event.originator_id),
                    "originator_version": event.originator_version,
                    "recorded_at": event.recorded_at.isoformat(),
                }
            )
            if limit is not None and len(rows) >= limit:
                break
    if as_json:
        _echo_json(rows)
        return
    render.make_console().print(
        render.listing(
            f"Event log after position {since}",
            ["Pos", "Type", "Originator", "Recorded (UTC)"],
            [
                [
                    r["position"],
                    f"{r['type']}",
                    r["originator_id"],
                    (r["recorded_at"][:10], r["recorded_at"][11:19]),
                ]
                for r in rows
            ],
            no_wrap=("Pos", "Type", "Originator", "Recorded (UTC)"),
        )
    )


@cli.command()
@home_options
@json_option
def rebuild(home: Path | None, store: str | None, as_json: bool) -> None:
    """Drop every read model and replay the event log from position 0.

    Example: timeline rebuild
    """
    with Session(resolve_home(home, store)) as session:
        started = time.perf_counter()
        with _progress("Rebuilding", True) as tick:
            count = session.views.rebuild(progress=tick)
        elapsed = time.perf_counter() - started
        positions = session.views.positions()
    if as_json:
        _echo_json({"events": count, "seconds": round(elapsed, 3), "positions": positions})
    else:
        render.make_console().print(
            render.safe(f"Rebuilt read models from {count} events in {elapsed:.2f} s.")
        )


def _show(session: Session, query: queries.TimelineQuery, *, as_json: bool) -> None:
    views = session.fresh_views()
    db = views.db
    tally: list[dict[str, Any]] | None = None
    if query.conflict:
        meta = queries.conflict(db, query.conflict)
        title = f"{meta['name']} ({meta['id']})"
        tally = queries.tally(db, query.conflict, query.as_of)
    elif query.country:
        title = f"{queries.country_name(db, query.country)} ({query.country})"
    elif query.actor:
        query = queries.TimelineQuery(
            **{**query.__dict__, "actor": queries.actor_exists(db, query.actor)}
        )
        title = query.actor or ""
    else:
        title = "All developments"
    rows = queries.timeline(db, query)
    knowledge = f"as known at {query.as_of} (UTC)" if query.as_of else "as known now"
    if as_json:
        _echo_json(
            {
                "version": serialize.JSON_VERSION,
                "title": title,
                "query": {k: v for k, v in query.__dict__.items() if v is not None},
                "as_of": query.as_of,
                "developments": [serialize.development(r) for r in rows],
                "tally": [serialize.tally_row(t) for t in tally] if tally is not None else None,
            }
        )
        return
    subtitle = f"{len(rows)} developments, {knowledge}; grouped by occurred date"
    render.make_console().print(render.timeline(title, subtitle, rows, tally))


@cli.command()
@click.option("--conflict", metavar="ID", help="A conflict id, e.g. armenia-azerbaijan.")
@click.option("--country", metavar="ISO3", help="An ISO 3166-1 alpha-3 code, e.g. ARM.")
@click.option("--actor", metavar="NAME", help="An actor name, e.g. 'Vladimir Putin'.")
@click.option(
    "--as-of",
    metavar="DATE",
    help="Show what was known at DATE (reported time). No zone means UTC; a bare date means the end of that day.",
)
@click.option(
    "--occurred-from", metavar="DATE", help="Only developments occurring on or after DATE."
)
@click.option(
    "--occurred-to", metavar="DATE", help="Only developments occurring on or before DATE."
)
@home_options
@json_option
def show(
    conflict: str | None,
    country: str | None,
    actor: str | None,
    as_of: str | None,
    occurred_from: str | None,
    occurred_to: str | None,
    home: Path | None,
    store: str | None,
    as_json: bool,
) -> None:
    """Show a timeline, grouped by occurred date, for one conflict, country or actor.

    Example: timeline show --conflict armenia-azerbaijan
    """
    chosen = [o for o in (conflict, country, actor) if o]
    if len(chosen) != 1:
        raise UsageError("give exactly one of --conflict ID, --country ISO3 or --actor NAME")
    query = queries.TimelineQuery(
        conflict=conflict,
        country=country.upper() if country else None,
        actor=actor,
        as_of=_parse_when(as_of, "--as-of", date_means="end"),
        occurred_from=_parse_when(occurred_from, "--occurred-from", date_means="start"),
        occurred_to=_parse_when(occurred_to, "--occurred-to", date_means="end"),
    )
    with Session(resolve_home(home, store)) as session:
        _show(session, query, as_json=as_json)


def _range(first: str | None, last: str | None, *, exclusive_end: bool = False) -> tuple[str, ...]:
    """A compact date range; an exclusive end (occurred intervals) shows its last day."""
    if not first:
        return ()
    if last and exclusive_end:
        last = iso(from_iso(last) - timedelta(seconds=1))
    if not last or last[:10] == first[:10]:
        return (first[:10],)
    return (first[:10], f"…{last[:10]}")


@cli.command()
@home_options
@json_option
def conflicts(home: Path | None, store: str | None, as_json: bool) -> None:
    """List the conflicts in the log, with development counts and date ranges.

    Example: timeline conflicts --json
    """
    with Session(resolve_home(home, store)) as session:
        rows = queries.conflicts(session.fresh_views().db)
    if as_json:
        _echo_json(rows)
        return
    render.make_console().print(
        render.listing(
            "Conflicts",
            ["Id", "Name and parties", "Devs", "Occurred", "Reported"],
            [
                [
                    r["id"],
                    (r["name"], " ".join(r["parties"])),
                    r["developments"],
                    _range(r["first_occurred"], r["last_occurred"], exclusive_end=True),
                    _range(r["first_reported"], r["last_reported"]),
                ]
                for r in rows
            ],
            no_wrap=("Id", "Occurred", "Reported"),
        )
    )


@cli.command()
@home_options
@json_option
def countries(home: Path | None, store: str | None, as_json: bool) -> None:
    """List the countries that developments name, with counts and date ranges.

    Example: timeline countries
    """
    with Session(resolve_home(home, store)) as session:
        rows = queries.countries(session.fresh_views().db)
    if as_json:
        _echo_json(rows)
        return
    render.make_console().print(
        render.listing(
            "Countries",
            ["ISO3", "Name", "Devs", "Occurred", "Reported"],
            [
                [
                    r["iso3"],
                    r["name"],
                    r["developments"],
                    _range(r["first_occurred"], r["last_occurred"], exclusive_end=True),
                    _range(r["first_reported"], r["last_reported"]),
                ]
                for r in rows
            ],
            no_wrap=("ISO3", "Occurred", "Reported"),
        )
    )


@cli.command()
@home_options
@json_option
def actors(home: Path | None, store: str | None, as_json: bool) -> None:
    """List the actors that developments name or that assert them, with counts.

    Example: timeline actors
    """
    with Session(resolve_home(home, store)) as session:
        rows = queries.actors(session.fresh_views().db)
    if as_json:
        _echo_json(rows)
        return
    render.make_console().print(
        render.listing(
            "Actors",
            ["Actor", "Devs", "Occurred"],
            [
                [
                    r["actor"],
                    r["developments"],
                    _range(r["first_occurred"], r["last_occurred"], exclusive_end=True),
                ]
                for r in rows
            ],
        )
    )


def main() -> None:
    """Console-script entry point: run the CLI and turn errors into messages and exit codes."""
    try:
        cli.main(standalone_mode=False)
    except TimelineError as exc:
        render.make_console(stderr=True).print(render.safe(f"error: {exc}"))
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # the edge: never show a traceback unless asked
        if os.environ.get("TIMELINE_DEBUG"):
            raise
        render.make_console(stderr=True).print(
            render.safe(
                f"internal error: {type(exc).__name__}: {exc} (set TIMELINE_DEBUG=1 for a traceback)"
            )
        )
        sys.exit(70)
