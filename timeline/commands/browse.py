"""Browsing timelines: show, replay, and the listings of conflicts, countries and actors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import click

from projections import queries
from timeline import render, serialize
from timeline.actors.registry import KINDS
from timeline.commands.options import (
    build_query,
    dimension_options,
    echo_json,
    home_options,
    json_option,
    occurred_options,
    open_session,
    parse_when,
)
from timeline.dates import from_iso, iso, parse_instant
from timeline.errors import UsageError
from timeline.session import Session


def kind_label(kind: str | None) -> str:
    return KINDS[kind][0] if kind in KINDS else (kind or "")


def _knowledge(query: queries.TimelineQuery, typed: str | None, recorded: str | None) -> str:
    parts = []
    if query.as_of:
        assumed = typed is not None and parse_instant(typed).assumed_utc
        parts.append(
            f"as known at {query.as_of.replace('T', ' ').rstrip('Z')} UTC"
            + (" (no zone given, so UTC)" if assumed else "")
        )
    else:
        parts.append("as known now")
    if recorded:
        parts.append(f"from what this log held at {recorded.replace('T', ' ').rstrip('Z')} UTC")
    if query.occurred_from or query.occurred_to:
        parts.append(
            f"occurred {query.occurred_from or '…'} to {query.occurred_to or '…'}".replace("T", " ")
        )
    return "; ".join(parts)


#: How many developments ``show`` lays out by default (rich takes about 0.7 ms each).
SHOW_LIMIT = 200


def show_timeline(
    session: Session,
    query: queries.TimelineQuery,
    *,
    as_json: bool,
    typed_as_of: str | None = None,
    recorded_as_of: str | None = None,
    limit: int | None = None,
) -> None:
    """Render one timeline (terminal or JSON). Shared by show, replay and demo. With
    ``limit``, only the ``limit`` most recently occurred developments, saying so."""
    views = (
        session.views_recorded_as_of(recorded_as_of) if recorded_as_of else session.fresh_views()
    )
    db = views.db
    tally: list[dict[str, Any]] | None = None
    if query.conflict:
        meta = queries.conflict(db, query.conflict)
        title = f"{meta['name']} ({meta['id']})"
        tally = queries.tally(db, query.conflict, query.as_of)
    elif query.country:
        title = f"{queries.country_name(db, query.country)} ({query.country})"
    elif query.actor or query.side:
        title, query = queries.with_resolved_actor(db, query)
    else:
        title = "All developments"
    if limit is None:
        rows = queries.timeline(db, query)
        found = len(rows)
    else:
        rows, found = queries.timeline_tail(db, query, limit)
    knowledge = _knowledge(query, typed_as_of, recorded_as_of)
    if as_json:
        echo_json(
            {
                "version": serialize.JSON_VERSION,
                "title": title,
                "query": {
                    k: list(v) if isinstance(v, tuple) else v
                    for k, v in query.__dict__.items()
                    if v not in (None, ()) and k != "include_merged"
                },
                "as_of": query.as_of,
                "recorded_as_of": recorded_as_of,
                "knowledge": knowledge,
                "developments": [serialize.development(r) for r in rows],
                "tally": [serialize.tally_row(t) for t in tally] if tally is not None else None,
            }
        )
        return
    subtitle = f"{found} developments, {knowledge}; grouped by occurred date"
    if len(rows) < found:
        subtitle += (
            f"; showing the {len(rows)} that occurred last (--limit N for more, --all for every"
            " one)"
        )
    render.make_console().print(render.timeline(title, subtitle, rows, tally))


@click.command()
@dimension_options
@click.option(
    "--as-of",
    metavar="DATE",
    help="Show what was known at DATE (reported time). No zone means UTC; a bare date means "
    "the end of that day.",
)
@occurred_options
@click.option(
    "--recorded-as-of",
    metavar="TIME",
    help="Audit: use only the events this log had recorded by TIME (system time).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    metavar="N",
    help=f"Show only the N developments that occurred last (default {SHOW_LIMIT} in the "
    "terminal view; every one with --json).",
)
@click.option("--all", "show_all", is_flag=True, help="Show every development.")
@home_options
@json_option
def show(
    conflict: str | None,
    country: str | None,
    actor: str | None,
    side: str | None,
    as_of: str | None,
    occurred_from: str | None,
    occurred_to: str | None,
    recorded_as_of: str | None,
    limit: int | None,
    show_all: bool,
    home: Path | None,
    store: str | None,
    as_json: bool,
) -> None:
    """Show a timeline, grouped by occurred date, for one conflict, country or actor.

    A long timeline shows the developments that occurred last (200 unless --limit says
    otherwise) and says how many there are; --all shows every one.

    Example: timeline show --conflict armenia-azerbaijan
    """
    if limit is not None and show_all:
        raise UsageError("give --limit N or --all, not both")
    if limit is None and not show_all and not as_json:
        limit = SHOW_LIMIT
    query = build_query(
        conflict,
        country,
        actor,
        side=side,
        as_of=as_of,
        occurred_from=occurred_from,
        occurred_to=occurred_to,
    )
    with open_session(home, store) as session:
        show_timeline(
            session,
            query,
            as_json=as_json,
            typed_as_of=as_of,
            recorded_as_of=parse_when(recorded_as_of, "--recorded-as-of"),
            limit=limit,
        )


@click.command()
@click.option(
    "--as-of",
    metavar="DATE",
    required=True,
    help="Knowledge time: replay what was known at DATE. No zone means UTC; a bare date means "
    "the end of that day.",
)
@dimension_options
@occurred_options
@click.option(
    "--recorded-as-of",
    metavar="TIME",
    help="Audit: use only the events this log had recorded by TIME (system time).",
)
@home_options
@json_option
def replay(
    as_of: str,
    conflict: str | None,
    country: str | None,
    actor: str | None,
    side: str | None,
    occurred_from: str | None,
    occurred_to: str | None,
    recorded_as_of: str | None,
    home: Path | None,
    store: str | None,
    as_json: bool,
) -> None:
    """Replay history: the timeline exactly as it was known at a date, with the figures
    as reported then. Without --conflict, --country or --actor, every development.

    Combine with --occurred-to to ask "what had happened by D1, as known at D2".

    Example: timeline replay --as-of 2022-09-14 --conflict armenia-azerbaijan
    """
    query = build_query(
        conflict,
        country,
        actor,
        side=side,
        as_of=as_of,
        occurred_from=occurred_from,
        occurred_to=occurred_to,
        required=False,
    )
    with open_session(home, store) as session:
        show_timeline(
            session,
            query,
            as_json=as_json,
            typed_as_of=as_of,
            recorded_as_of=parse_when(recorded_as_of, "--recorded-as-of"),
        )


def _range(first: str | None, last: str | None, *, exclusive_end: bool = False) -> tuple[str, ...]:
    """A compact date range as one or two lines; an exclusive end shows its last day."""
    if not first:
        return ()
    if last and exclusive_end:
        last = iso(from_iso(last) - timedelta(seconds=1))
    if not last or last[:10] == first[:10]:
        return (first[:10],)
    return (first[:10], f"…{last[:10]}")


def _listing(
    home: Path | None,
    store: str | None,
    as_json: bool,
    fetch: Callable[[Any], list[dict[str, Any]]],
    title: str,
    columns: list[str],
    cells: Callable[[dict[str, Any]], list[object]],
    no_wrap: tuple[str, ...],
) -> None:
    """What the listing commands share: catch up, query, then JSON or a compact table."""
    with open_session(home, store) as session:
        rows = fetch(session.fresh_views().db)
    if as_json:
        echo_json(rows)
        return
    render.make_console().print(
        render.listing(title, columns, [cells(r) for r in rows], no_wrap=no_wrap)
    )


def _spans(row: dict[str, Any]) -> list[object]:
    return [
        _range(row["first_occurred"], row["last_occurred"], exclusive_end=True),
        _range(row["first_reported"], row["last_reported"]),
    ]


@click.command()
@home_options
@json_option
def conflicts(home: Path | None, store: str | None, as_json: bool) -> None:
    """List the conflicts in the log, with development counts and date ranges.

    Example: timeline conflicts --json
    """
    _listing(
        home,
        store,
        as_json,
        queries.conflicts,
        "Conflicts",
        ["Id", "Name and parties", "Devs", "Occurred", "Reported"],
        lambda r: [r["id"], (r["name"], " ".join(r["parties"])), r["developments"], *_spans(r)],
        ("Id", "Occurred", "Reported"),
    )


@click.command()
@home_options
@json_option
def countries(home: Path | None, store: str | None, as_json: bool) -> None:
    """List the countries that developments name, with counts and date ranges.

    Example: timeline countries
    """
    _listing(
        home,
        store,
        as_json,
        queries.countries,
        "Countries",
        ["ISO3", "Name", "Devs", "Occurred", "Reported"],
        lambda r: [r["iso3"], r["name"], r["developments"], *_spans(r)],
        ("ISO3", "Occurred", "Reported"),
    )


@click.command()
@click.option(
    "--unresolved",
    is_flag=True,
    help="Only names that resolve to no actor, with how many developments use each.",
)
@home_options
@json_option
def actors(unresolved: bool, home: Path | None, store: str | None, as_json: bool) -> None:
    """List the actors that developments name or that assert them, grouped by the actor each
    name resolves to, with its kind, its side and the spellings the log uses.

    A name that matches no actor of the built-in registry or the log is kept as written and
    marked unresolved; give it an alias with `timeline actor alias` to resolve it everywhere.

    Example: timeline actors --unresolved
    """
    _listing(
        home,
        store,
        as_json,
        lambda db: queries.actors(db, unresolved=unresolved),
        "Unresolved names" if unresolved else "Actors",
        ["Actor", "Kind and side", "Devs", "Occurred"],
        lambda r: [
            (r["actor"], *(f"as {n}" for n in r["names"] if n != r["actor"])),
            (kind_label(r["kind"]), *r["sides"]) if r["id"] else ("unresolved",),
            r["developments"],
            _spans(r)[0],
        ],
        ("Occurred", "Devs"),
    )


@click.command()
@click.option("--conflict", required=True, metavar="ID", help="A conflict id.")
@click.option(
    "--as-of",
    metavar="DATE",
    help="The figures as reported at DATE. No zone means UTC; a bare date means the end of "
    "that day.",
)
@home_options
@json_option
def figures(
    conflict: str, as_of: str | None, home: Path | None, store: str | None, as_json: bool
) -> None:
    """The latest casualty figure of each claimant, per party and category, for a conflict.

    A claimant's later figure supersedes its earlier one; figures from different claimants
    are shown side by side and never summed.

    Example: timeline figures --conflict armenia-azerbaijan --as-of 2022-09-14
    """
    when = parse_when(as_of, "--as-of")
    with open_session(home, store) as session:
        db = session.fresh_views().db
        meta = queries.conflict(db, conflict)
        rows = queries.tally(db, conflict, when)
    if as_json:
        echo_json(
            {
                "version": serialize.JSON_VERSION,
                "conflict": conflict,
                "as_of": when,
                "figures": [serialize.tally_row(r) for r in rows],
            }
        )
        return
    console = render.make_console()
    console.print(render.safe(f"{meta['name']} ({conflict})", "bold"))
    knowledge = _knowledge(queries.TimelineQuery(as_of=when), as_of, None)
    console.print(render.safe(knowledge[:1].upper() + knowledge[1:], "dim"))
    if rows:
        console.print(render.tally_table(rows))
    else:
        console.print(render.safe("No casualty figures known."))
