"""Appending to the log: the demo, and revisions typed on the command line (dispatch files
and archives are in :mod:`timeline.commands.ingest`).

Revision commands build a dispatch document and send it through the same validation and
atomic append as a file, so both paths make exactly the same events.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import click

from projections import queries
from timeline import render
from timeline.commands.browse import show_timeline
from timeline.commands.options import (
    echo_json,
    from_group,
    home_options,
    json_option,
    open_session,
)
from timeline.dispatch import FORMAT, load_dispatch, parse_document
from timeline.errors import StoreError, UsageError
from timeline.session import Session
from timeline.store import EVENTS_FILE
from timeline.text import escaped
from timeline.vocabulary import FIGURE_CATEGORIES, KINDS, PRECISIONS

F = TypeVar("F", bound=Callable[..., Any])

DEMO_CONFLICT = "armenia-azerbaijan"
#: The file that marks a home as the demo's own, so that running the demo again is allowed.
DEMO_MARKER = "DEMO"


def demo_files() -> list[Path]:
    folder = resources.files("timeline").joinpath("demo").joinpath("dispatches")
    return sorted(Path(str(f)) for f in folder.iterdir() if f.name.endswith(".yaml"))


@click.command()
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    callback=from_group,
    help="A new or empty directory for the demo's own log (kept). Default: a temporary one.",
)
@click.option("--keep", is_flag=True, help="Keep the temporary directory, and say where it is.")
def demo(home: Path | None, keep: bool) -> None:
    """Ingest the seed fixtures into a fresh store of its own and show the
    Armenia–Azerbaijan timeline.

    The demo never appends to an existing log: it ignores TIMELINE_HOME and --store, and
    refuses a --home that already holds events (other than an earlier demo's). Without --home it works in a temporary
    directory that it removes at the end, unless --keep is given.

    Example: timeline demo --keep
    """
    files = demo_files()
    if not files:
        raise UsageError("the demo fixtures are missing from this installation")
    temporary = home is None
    chosen = Path(tempfile.mkdtemp(prefix="timeline-demo-")) if home is None else home
    marker = chosen / DEMO_MARKER
    try:
        if (chosen / EVENTS_FILE).exists() and not marker.exists():
            raise UsageError(
                f"--home {escaped(str(home))}: already holds an event log; the demo only "
                "writes to a new or empty directory, or an earlier demo's (it never appends "
                "to an existing log)"
            )
        try:
            chosen.mkdir(parents=True, exist_ok=True)
            marker.write_text("A home made by 'timeline demo'.\n", encoding="utf-8")
        except OSError as exc:
            raise StoreError(
                f"cannot write the demo's home {escaped(str(chosen))}: {exc}"
            ) from None
        with open_session(chosen, "sqlite") as session:
            console = render.make_console()
            for path in files:
                result = session.app.ingest(load_dispatch(path))
                verb = (
                    "already in the log" if result.skipped else f"appended {result.appended} events"
                )
                console.print(render.safe(f"{path.name}: {verb}"), soft_wrap=True)
            console.print()
            show_timeline(session, queries.TimelineQuery(conflict=DEMO_CONFLICT), as_json=False)
            root = session.home.root
        if temporary and not keep:
            note = "The demo's temporary data directory has been removed (--keep keeps it)."
        else:
            note = f"Data directory: {root} (explore it: timeline --home {root} conflicts)"
        console.print(render.safe(note, "dim"), soft_wrap=True)
    finally:
        if temporary and not keep:
            shutil.rmtree(chosen, ignore_errors=True)


# Revisions from the command line ---------------------------------------------------------


def source_options(command: F) -> F:
    """The report that makes a revision: who says so, and when (knowledge time)."""
    command = click.option("--url", help="The report's URL, if it has one.")(command)
    command = click.option(
        "--headline", help="The report's headline. Default: a description of the change."
    )(command)
    command = click.option(
        "--published",
        required=True,
        metavar="DATE",
        help="When the report was published: the revision's reported (knowledge) time. "
        "No zone means UTC.",
    )(command)
    command = click.option("--outlet", required=True, help="Who reports the change, e.g. Reuters.")(
        command
    )
    command = click.option("--note", help="A note kept with the revision.")(command)
    command = click.option(
        "--quote", help="The report's own words that support the revision, verbatim."
    )(command)
    return command


def _target(session: Session, ref: str) -> str:
    """Resolve a TARGET typed by a person (id, id prefix or unique key) to a stable id."""
    return queries.resolve_development(session.fresh_views().db, ref)


def _append_revision(
    home: Path | None,
    store: str | None,
    action: str,
    target: str,
    details: dict[str, Any] | None = None,
    *,
    into: str | None = None,
    outlet: str,
    published: str,
    headline: str | None,
    url: str | None,
    note: str | None,
    quote: str | None,
    as_json: bool,
) -> None:
    """Resolve the typed targets, build a one-revision dispatch, and append it."""
    with open_session(home, store) as session:
        revision: dict[str, Any] = {"target": _target(session, target), **(details or {})}
        if into is not None:
            revision["into"] = _target(session, into)
        _append(
            session,
            action,
            revision,
            outlet=outlet,
            published=published,
            headline=headline,
            url=url,
            note=note,
            quote=quote,
            as_json=as_json,
        )


def _append(
    session: Session,
    action: str,
    revision: dict[str, Any],
    *,
    outlet: str,
    published: str,
    headline: str | None,
    url: str | None,
    note: str | None,
    quote: str | None = None,
    as_json: bool,
) -> None:
    revision = {"action": action, **revision}
    if note:
        revision["note"] = note
    if quote:
        revision["quote"] = quote
    report: dict[str, Any] = {
        "outlet": outlet,
        "published": published,
        "headline": headline or f"{action.replace('_', ' ')} of {revision['target']}",
    }
    if url:
        report["url"] = url
    document = {"format": FORMAT, "report": report, "revisions": [revision]}
    result = session.app.ingest(parse_document(document, f"timeline {action}"))
    if as_json:
        echo_json(
            {
                "action": action,
                "target": revision["target"],
                "report_id": str(result.report_id),
                "events": result.appended,
                "status": "skipped" if result.skipped else "appended",
            }
        )
        return
    message = (
        "already in the log, nothing appended"
        if result.skipped
        else f"appended {result.appended} events"
    )
    render.make_console().print(
        render.safe(f"{action} {revision['target']}: {message}"), soft_wrap=True
    )


@click.command("revise-figure")
@click.argument("target")
@click.option("--party", required=True, help="Whose casualties: ISO alpha-3 or a group.")
@click.option("--category", required=True, type=click.Choice(FIGURE_CATEGORIES))
@click.option("--low", type=click.IntRange(min=0), help="Lower bound ('at least').")
@click.option("--best", type=click.IntRange(min=0), help="Best estimate; alone, an exact count.")
@click.option("--high", type=click.IntRange(min=0), help="Upper bound.")
@click.option("--claimant", required=True, help="Who gives the figure.")
@source_options
@home_options
@json_option
def revise_figure(
    target: str,
    party: str,
    category: str,
    low: int | None,
    best: int | None,
    high: int | None,
    claimant: str,
    home: Path | None,
    store: str | None,
    as_json: bool,
    **source: Any,
) -> None:
    """Record a claimant's new casualty figure for a development. It supersedes that
    claimant's earlier figure from the report's publication time on.

    Example: timeline revise-figure armenian-soldiers-killed --party ARM --category killed
    --best 105 --claimant "Government of Armenia" --outlet "Timeline Desk"
    --published 2022-09-14T09:00Z
    """
    figure: dict[str, Any] = {"party": party, "category": category, "claimant": claimant}
    figure.update(
        {k: v for k, v in (("low", low), ("best", best), ("high", high)) if v is not None}
    )
    if len(figure) == 3:
        raise UsageError("give at least one of --low, --best, --high")
    _append_revision(
        home, store, "revise_figure", target, {"figure": figure}, as_json=as_json, **source
    )


def _place(text: str) -> dict[str, Any]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) not in (2, 4):
        raise UsageError(f"--place {text!r}: expected NAME,ISO3 or NAME,ISO3,LAT,LON")
    place: dict[str, Any] = {"name": parts[0], "country": parts[1].upper()}
    if len(parts) == 4:
        try:
            place.update(lat=float(parts[2]), lon=float(parts[3]))
        except ValueError:
            raise UsageError(f"--place {text!r}: LAT and LON must be numbers") from None
    return place


@click.command()
@click.argument("target")
@click.option("--kind", type=click.Choice(sorted(KINDS)), help="The corrected kind.")
@click.option("--summary", help="The corrected one-line summary.")
@click.option("--occurred-start", metavar="DATE", help="Corrected occurred start.")
@click.option(
    "--occurred-end", metavar="DATE", help="Corrected occurred end (a date is inclusive)."
)
@click.option("--precision", type=click.Choice(PRECISIONS), help="Precision of the corrected time.")
@click.option("--phrase", help="The report's words for the corrected time.")
@click.option("--countries", metavar="ISO3,...", help="Corrected countries, comma-separated.")
@click.option(
    "--place", "places", multiple=True, metavar="NAME,ISO3[,LAT,LON]", help="Corrected places."
)
@source_options
@home_options
@json_option
def correct(
    target: str,
    kind: str | None,
    summary: str | None,
    occurred_start: str | None,
    occurred_end: str | None,
    precision: str | None,
    phrase: str | None,
    countries: str | None,
    places: tuple[str, ...],
    home: Path | None,
    store: str | None,
    as_json: bool,
    **source: Any,
) -> None:
    """Correct a development's occurred time, places, kind, countries or summary.

    Example: timeline correct klaar-visit-planned --occurred-start 2022-09-15
    --occurred-end 2022-09-16 --precision day --outlet "Timeline Desk" --published 2022-09-15
    """
    changes: dict[str, Any] = {}
    if kind:
        changes["kind"] = kind
    if summary:
        changes["summary"] = summary
    if occurred_start or occurred_end or precision or phrase:
        if not (occurred_start and precision):
            raise UsageError("a corrected occurred time needs --occurred-start and --precision")
        occurred = {"start": occurred_start, "precision": precision}
        if occurred_end:
            occurred["end"] = occurred_end
        if phrase:
            occurred["phrase"] = phrase
        changes["occurred"] = occurred
    if countries:
        changes["countries"] = [c.strip().upper() for c in countries.split(",") if c.strip()]
    if places:
        changes["places"] = [_place(p) for p in places]
    if not changes:
        raise UsageError("give at least one correction (--kind, --summary, --occurred-start, ...)")
    _append_revision(
        home, store, "correct", target, {"changes": changes}, as_json=as_json, **source
    )


@click.command()
@click.argument("target")
@source_options
@home_options
@json_option
def retract(
    target: str, home: Path | None, store: str | None, as_json: bool, **source: Any
) -> None:
    """Record that a report retracted a development. It stays in the log and in history.

    Example: timeline retract heights-near-jermuk-captured --outlet "Second Wire"
    --published 2022-09-15T18:00Z
    """
    _append_revision(home, store, "retract", target, as_json=as_json, **source)


@click.command()
@click.argument("target")
@click.option("--party", required=True, help="Who disputes it, e.g. 'Government of Armenia'.")
@source_options
@home_options
@json_option
def dispute(
    target: str, party: str, home: Path | None, store: str | None, as_json: bool, **source: Any
) -> None:
    """Record that a named party disputes a development.

    Example: timeline dispute sabotage-units-attack --party "Government of Armenia"
    --outlet "Timeline Desk" --published 2022-09-14T09:00Z
    """
    _append_revision(home, store, "dispute", target, {"party": party}, as_json=as_json, **source)


@click.command()
@click.argument("target")
@source_options
@home_options
@json_option
def corroborate(
    target: str, home: Path | None, store: str | None, as_json: bool, **source: Any
) -> None:
    """Record that another report states the same development (one development, many reports).

    Example: timeline corroborate border-clashes-overnight --outlet "Second Wire"
    --published 2022-09-14T15:00Z --url https://second-wire.example/2022/09/14/caucasus-border
    """
    _append_revision(home, store, "corroborate", target, as_json=as_json, **source)


@click.command()
@click.argument("duplicate")
@click.option("--into", "survivor", required=True, metavar="TARGET", help="The development kept.")
@source_options
@home_options
@json_option
def merge(
    duplicate: str,
    survivor: str,
    home: Path | None,
    store: str | None,
    as_json: bool,
    **source: Any,
) -> None:
    """Merge a duplicate development into another. The duplicate leaves the timelines; its
    report counts for the survivor; both histories keep everything.

    Example: timeline merge csto-emergency-session --into csto-meeting-tuesday
    --outlet "Timeline Desk" --published 2022-09-15T10:00Z
    """
    _append_revision(home, store, "merge", duplicate, into=survivor, as_json=as_json, **source)
