"""Browsing timelines: show, replay, and the listings of conflicts, countries and actors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from timeline.commands.options import (
    build_query,
    chart_option,
    dimension_options,
    echo_json,
    home_options,
    iso_of,
    json_option,
    open_session,
    print_tolls,
    time_options,
)
from timeline.errors import UsageError

# What a command needs is imported when it runs, to keep start-up short (see timeline/cli.py).
if TYPE_CHECKING:
    from projections import queries
    from timeline.dates import Instant
    from timeline.session import Session


def kind_label(kind: str | None) -> str:
    from timeline.actors.registry import KINDS

    return KINDS[kind][0] if kind in KINDS else (kind or "")


def _knowledge(query: queries.TimelineQuery, typed: Instant | None, recorded: str | None) -> str:
    parts = []
    if query.as_of:
        assumed = typed is not None and typed.assumed_utc
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


def _title(db: Any, query: queries.TimelineQuery) -> tuple[str, queries.TimelineQuery]:
    """The timeline's title, and the query with an actor or side resolved to its names."""
    from projections import queries

    if query.conflict:
        meta = queries.conflict(db, query.conflict)
        return f"{meta['name']} ({meta['id']})", query
    if query.country:
        return f"{queries.country_name(db, query.country)} ({query.country})", query
    if query.actor or query.side:
        return queries.with_resolved_actor(db, query)
    return "All developments", query


def show_timeline(
    session: Session,
    query: queries.TimelineQuery,
    *,
    as_json: bool,
    typed_as_of: Instant | None = None,
    recorded_as_of: str | None = None,
    limit: int | None = None,
) -> None:
    """Render one timeline (terminal or JSON). Shared by show, replay and demo. With
    ``limit``, only the ``limit`` most recently occurred developments, saying so."""
    from projections import queries
    from timeline import render, serialize

    views = (
        session.views_recorded_as_of(recorded_as_of) if recorded_as_of else session.fresh_views()
    )
    db = views.db
    title, query = _title(db, query)
    tally = queries.tally(db, query.conflict, query.as_of) if query.conflict else None
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


#: How many developments ``show`` lays out by default (rich takes about 0.7 ms each).
SHOW_LIMIT = 200


def _show_command(name: str, *, as_of_required: bool, doc: str) -> click.Command:
    """``show`` and ``replay`` are one command: ``replay`` is ``show`` with --as-of required
    and no dimension required (every development)."""

    @click.command(name, help=doc)
    @dimension_options
    @time_options(as_of_required=as_of_required)
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
    def command(
        conflict: str | None,
        country: str | None,
        actor: str | None,
        side: str | None,
        as_of: Instant | None,
        occurred_from: Instant | None,
        occurred_to: Instant | None,
        recorded_as_of: Instant | None,
        limit: int | None,
        show_all: bool,
        home: Path | None,
        store: str | None,
        as_json: bool,
    ) -> None:
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
            required=not as_of_required,
        )
        with open_session(home, store) as session:
            show_timeline(
                session,
                query,
                as_json=as_json,
                typed_as_of=as_of,
                recorded_as_of=iso_of(recorded_as_of),
                limit=limit,
            )

    return command


show = _show_command(
    "show",
    as_of_required=False,
    doc="""Show a timeline, grouped by occurred date, for one conflict, country, actor or
    side, as known now or (with --as-of) as known at a date.

    A long timeline shows the developments that occurred last (200 unless --limit says
    otherwise) and says how many there are; --all shows every one.

    Example: timeline show --conflict armenia-azerbaijan
    """,
)

replay = _show_command(
    "replay",
    as_of_required=True,
    doc="""Replay history: show with --as-of required, the timeline exactly as it was
    known at a date, with the figures as reported then. Without --conflict, --country,
    --actor or --side, every development.

    Combine with --occurred-to to ask "what had happened by D1, as known at D2".

    Example: timeline replay --as-of 2022-09-14 --conflict armenia-azerbaijan
    """,
)


def _range(first: str | None, last: str | None, *, exclusive_end: bool = False) -> tuple[str, ...]:
    """A compact date range as one or two lines; an exclusive end shows its last day."""
    from timeline.dates import from_iso, iso

    if not first:
        return ()
    if last and exclusive_end:
        last = iso(from_iso(last) - timedelta(seconds=1))
    if not last or last[:10] == first[:10]:
        return (first[:10],)
    return (first[:10], f"…{last[:10]}")


#: The most cells an activity sparkline has (the width of a date range's second line, so
#: it fits under the dates); longer spans put several days in a cell.
ACTIVITY_CELLS = 11


def _listing(
    home: Path | None,
    store: str | None,
    as_json: bool,
    fetch: Callable[[Any, Any], list[dict[str, Any]]],
    title: str,
    columns: list[str],
    cells: Callable[[dict[str, Any]], list[object]],
    no_wrap: tuple[str, ...],
    activity: tuple[str, str] | None = None,
) -> None:
    """What the listing commands share: catch up, query, then JSON or a compact table.
    ``activity`` (dimension, key field) adds to the Reported column a sparkline of
    developments first reported per day, on one day axis for every row; ``fetch`` gets the
    database and that dimension's :func:`~projections.queries.listing` (or None)."""
    from projections import queries
    from timeline import charts, render

    with open_session(home, store) as session:
        db = session.fresh_views().db
        found = queries.listing(db, activity[0]) if activity else None
        rows = fetch(db, found)
        per_day = found.activity if found else {}
    if as_json:
        echo_json(rows)
        return
    table_rows = [cells(r) for r in rows]
    reported = [r[k] for r in rows for k in ("first_reported", "last_reported") if r.get(k)]
    caption = ""
    if activity and reported:
        first, last = min(reported)[:10], max(reported)[:10]
        buckets = charts.day_buckets(first, last, ACTIVITY_CELLS)
        days = (date.fromisoformat(buckets[0][1]) - date.fromisoformat(buckets[0][0])).days + 1
        cell = "day" if days == 1 else f"{days} days"
        column = columns.index("Reported")
        for row, shown in zip(rows, table_rows, strict=True):
            spark = charts.activity(per_day.get(row[activity[1]], {}), buckets)
            dates = shown[column]
            shown[column] = (*(dates if isinstance(dates, tuple) else (dates,)), spark)
        caption = (
            f"Under Reported: developments first reported per {cell}, {first} to {last} "
            f"({charts.NONE} none)."
        )
    render.make_console().print(
        render.listing(title, columns, table_rows, no_wrap=no_wrap, caption=caption)
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
    """List the conflicts in the log, with development counts, date ranges and a sparkline
    of developments first reported per day.

    Example: timeline conflicts --json
    """
    from projections import queries

    _listing(
        home,
        store,
        as_json,
        queries.conflicts,
        "Conflicts",
        ["Id", "Name and parties", "Devs", "Occurred", "Reported"],
        lambda r: [r["id"], (r["name"], " ".join(r["parties"])), r["developments"], *_spans(r)],
        ("Id", "Occurred", "Reported"),
        activity=("conflict", "id"),
    )


@click.command()
@home_options
@json_option
def countries(home: Path | None, store: str | None, as_json: bool) -> None:
    """List the countries that developments name, with counts, date ranges and a sparkline
    of developments first reported per day.

    Example: timeline countries
    """
    from projections import queries

    _listing(
        home,
        store,
        as_json,
        queries.countries,
        "Countries",
        ["ISO3", "Name", "Devs", "Occurred", "Reported"],
        lambda r: [r["iso3"], r["name"], r["developments"], *_spans(r)],
        ("ISO3", "Occurred", "Reported"),
        activity=("country", "iso3"),
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
    from projections import queries

    _listing(
        home,
        store,
        as_json,
        lambda db, _: queries.actors(db, unresolved=unresolved),
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
@dimension_options
@time_options()
@chart_option
@home_options
@json_option
def figures(
    conflict: str | None,
    country: str | None,
    actor: str | None,
    side: str | None,
    as_of: Instant | None,
    occurred_from: Instant | None,
    occurred_to: Instant | None,
    recorded_as_of: Instant | None,
    chart: bool,
    home: Path | None,
    store: str | None,
    as_json: bool,
) -> None:
    """The latest casualty figure of each side, per party and category, for a conflict,
    country, actor or side.

    A side's later figure supersedes its earlier one, whichever of its voices gave it;
    figures from different sides are shown side by side and never summed. --chart plots
    each side's toll over knowledge time up to --as-of (on a terminal; piped, the same
    values as text).

    Example: timeline figures --conflict armenia-azerbaijan --as-of 2022-09-14
    """
    from projections import figure_history, queries
    from timeline import charts, render, serialize

    query = build_query(
        conflict,
        country,
        actor,
        side=side,
        as_of=as_of,
        occurred_from=occurred_from,
        occurred_to=occurred_to,
    )
    recorded = iso_of(recorded_as_of)
    with open_session(home, store) as session:
        views = session.views_recorded_as_of(recorded) if recorded else session.fresh_views()
        title, query = _title(views.db, query)
        rows = queries.tally_for(views.db, query)
        history = figure_history.figure_history(views.db, query) if chart else []
        series = charts.toll_series(history)
    if chart and as_json:
        raise UsageError("give --chart or --json, not both")
    if chart:
        print_tolls(series, f"{title}: tolls over knowledge time")
        return
    if as_json:
        echo_json(
            {
                "version": serialize.JSON_VERSION,
                "title": title,
                "conflict": query.conflict,
                "as_of": query.as_of,
                "figures": [serialize.tally_row(r) for r in rows],
            }
        )
        return
    console = render.make_console()
    console.print(render.safe(title, "bold"))
    knowledge = _knowledge(query, as_of, recorded)
    console.print(render.safe(knowledge[:1].upper() + knowledge[1:], "dim"))
    if rows:
        console.print(render.tally_table(rows))
    else:
        console.print(render.safe("No casualty figures known."))
