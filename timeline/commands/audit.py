"""Looking at the record itself: the raw log, rebuilds, one development's history, and
what changed in knowledge between two dates."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from uuid import UUID

import click

from projections import queries
from timeline import render, serialize
from timeline.commands.options import (
    build_query,
    dimension_options,
    echo_json,
    home_options,
    json_option,
    open_session,
    parse_when,
    progress_bar,
)
from timeline.dates import iso
from timeline.errors import IntegrityError, UsageError
from timeline.session import Session
from timeline.text import clean


@click.command()
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
    rows: list[dict[str, Any]] = []
    with open_session(home, store) as session:
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
        echo_json(rows)
        return
    render.make_console().print(
        render.listing(
            f"Event log after position {since}",
            ["Pos", "Type", "Originator", "Recorded (UTC)"],
            [
                [
                    r["position"],
                    r["type"],
                    r["originator_id"],
                    (r["recorded_at"][:10], r["recorded_at"][11:19]),
                ]
                for r in rows
            ],
            no_wrap=("Pos", "Type", "Originator", "Recorded (UTC)"),
        )
    )


@click.command()
@home_options
@json_option
def rebuild(home: Path | None, store: str | None, as_json: bool) -> None:
    """Drop every read model and replay the event log from position 0.

    Example: timeline rebuild
    """
    with open_session(home, store) as session:
        started = time.perf_counter()
        with progress_bar("Rebuilding") as tick:
            count = session.views.rebuild(progress=tick)
        elapsed = time.perf_counter() - started
        positions = session.views.positions()
    if as_json:
        echo_json({"events": count, "seconds": round(elapsed, 3), "positions": positions})
    else:
        render.make_console().print(
            render.safe(f"Rebuilt the read models from {count} events in {elapsed:.2f} s.")
        )


_DETAIL_FIELDS = ("figure", "changes", "party", "survivor", "duplicate", "note", "quote")


def development_history(session: Session, development_id: str) -> dict[str, Any]:
    """The whole trail of one development, from the log, with report details and versions."""
    db = session.fresh_views().db
    events = list(session.app.events.get(UUID(development_id)))
    reports = queries.reports(db, [vars(event)["report_id"] for event in events])
    trail = []
    for event in events:
        payload = vars(event)
        report = reports.get(payload["report_id"], {})
        entry: dict[str, Any] = {
            "event": type(event).__qualname__.split(".", 1)[1],
            "reported_at": payload["reported_at"],
            "recorded_at": iso(event.timestamp),  # type: ignore[attr-defined]
            "version": event.originator_version,
            "report": {
                "id": payload["report_id"],
                "outlet": report.get("outlet"),
                "headline": report.get("headline"),
                "url": report.get("url"),
            },
        }
        for name in _DETAIL_FIELDS:
            if payload.get(name) is not None:
                entry[name] = payload[name]
        if entry["event"] == "Reported":
            entry["summary"] = payload["summary"]
            entry["figures"] = payload["figures"]
        trail.append(entry)
    trail.sort(key=lambda e: (e["reported_at"], e["version"]))
    figures: dict[str, list[dict[str, Any]]] = {}
    for entry in trail:
        claimed = entry.get("figures") or ([entry["figure"]] if "figure" in entry else [])
        for f in claimed:
            key = f"{f['party']} {f['category']} per {f['claimant']}"
            figures.setdefault(key, []).append(
                {
                    "reported_at": entry["reported_at"],
                    "label": serialize.figure_label(f.get("low"), f.get("best"), f.get("high")),
                    "low": f.get("low"),
                    "best": f.get("best"),
                    "high": f.get("high"),
                    "outlet": entry["report"]["outlet"],
                }
            )
    versions = queries.versions(db, development_id)
    return {
        "version": serialize.JSON_VERSION,
        "development_id": development_id,
        "current": serialize.development(versions[-1]) if versions else None,
        "trail": trail,
        "figures": figures,
        "versions": [
            {
                "version": v["seq"],
                "known_from": v["valid_from"],
                "known_until": v["valid_to"],
                "cause": v["cause"].split(".", 1)[1],
                "status": v["status"],
                "recorded_at": v["recorded_at"],
            }
            for v in versions
        ],
    }


def _describe(entry: dict[str, Any]) -> str:
    event = entry["event"]
    if event == "Reported":
        return str(entry["summary"])
    if event == "FigureRevised":
        f = entry["figure"]
        label = serialize.figure_label(f.get("low"), f.get("best"), f.get("high"))
        return f"{f['party']} {f['category']} {label} per {f['claimant']}"
    if event == "Corrected":
        return "corrected " + ", ".join(sorted(entry["changes"]))
    if event == "Disputed":
        return f"disputed by {entry['party']}"
    if event == "MergedInto":
        return f"merged into {entry['survivor']}"
    if event == "Absorbed":
        return f"absorbed duplicate {entry['duplicate']}"
    return str(event).lower()


@click.command()
@click.argument("development")
@home_options
@json_option
def history(development: str, home: Path | None, store: str | None, as_json: bool) -> None:
    """Show the whole trail of one development: the first report, every revision,
    correction, dispute, corroboration and merge, with reported and recorded times and
    sources, and each casualty figure's claimed values over time.

    DEVELOPMENT is a stable id, a unique id prefix (8+ characters) or a unique key.

    Example: timeline history armenian-soldiers-killed
    """
    with open_session(home, store) as session:
        development_id = queries.resolve_development(session.fresh_views().db, development)
        record = development_history(session, development_id)
    if as_json:
        echo_json(record)
        return
    console = render.make_console()
    current = record["current"]
    console.print(render.safe(f"{current['kind_label']}: {current['summary']}", "bold"))
    console.print(render.safe(f"{development_id} · occurred {current['occurred']['label']}", "dim"))
    console.print(
        render.listing(
            "Trail (in reported-time order)",
            ["Reported", "Recorded", "Event", "Source", "Detail"],
            [
                [
                    (e["reported_at"][:10], e["reported_at"][11:16]),
                    (e["recorded_at"][:10], e["recorded_at"][11:16]),
                    e["event"],
                    e["report"]["outlet"] or e["report"]["id"],
                    _describe(e),
                ]
                for e in record["trail"]
            ],
            no_wrap=("Reported", "Recorded"),
        )
    )
    for key, claims in record["figures"].items():
        console.print(
            render.safe(
                f"{key}: " + " → ".join(f"{c['label']} ({c['reported_at'][:10]})" for c in claims)
            )
        )


@click.command()
@click.option("--from", "known_from", required=True, metavar="DATE", help="Knowledge time D1.")
@click.option("--to", "known_to", required=True, metavar="DATE", help="Knowledge time D2.")
@dimension_options
@home_options
@json_option
def diff(
    known_from: str,
    known_to: str,
    conflict: str | None,
    country: str | None,
    actor: str | None,
    side: str | None,
    home: Path | None,
    store: str | None,
    as_json: bool,
) -> None:
    """List what became known after D1 up to D2: new developments, revised figures
    (old → new), corrections, retractions, merges, disputes and corroborations.

    Bare dates mean the end of that day, in UTC.

    Example: timeline diff --from 2022-09-13 --to 2022-09-14 --conflict armenia-azerbaijan
    """
    query = build_query(conflict, country, actor, side=side, required=False)
    d1 = parse_when(known_from, "--from")
    d2 = parse_when(known_to, "--to")
    assert d1 is not None and d2 is not None
    if d2 < d1:
        raise UsageError("--to must not be before --from")
    with open_session(home, store) as session:
        db = session.fresh_views().db
        if query.conflict:
            queries.conflict(db, query.conflict)
        _, query = queries.with_resolved_actor(db, query)
        changes = queries.diff(db, query, d1, d2)
    document = [
        {
            "change": c["change"],
            "detail": c["detail"],
            "development": serialize.development(c["row"]),
            **{
                k: v
                for k, v in c.items()
                if k in ("figure", "previous", "old", "new", "reports") and v is not None
            },
        }
        for c in changes
    ]
    if as_json:
        echo_json({"version": serialize.JSON_VERSION, "from": d1, "to": d2, "changes": document})
        return
    rows = []
    for c in changes:
        row = c["row"]
        if c["change"] == "figure":
            f, old = c["figure"], c.get("previous")
            new_label = serialize.figure_label(f["low"], f["best"], f["high"])
            old_label = serialize.figure_label(old["low"], old["best"], old["high"]) if old else "–"
            detail = f"{f['party']} {f['category']} {old_label} → {new_label} per {f['claimant']}"
        elif c["change"] == "corrected":
            detail = f"{c['detail']}: {c['old']} → {c['new']}"
        else:
            detail = c["detail"]
        when = row["first_reported_at"] if c["change"] == "new" else row["valid_from"]
        rows.append([c["change"], row["summary"], clean(detail), when[:16].replace("T", " ")])
    console = render.make_console()
    console.print(
        render.listing(
            f"Became known after {d1} up to {d2} (UTC)",
            ["Change", "Development", "Detail", "Reported"],
            rows,
        )
    )


@click.command()
@click.option("--log-only", is_flag=True, help="Check the log only, not the read models.")
@home_options
@json_option
def verify(log_only: bool, home: Path | None, store: str | None, as_json: bool) -> None:
    """Check that the log is intact and the read models match it.

    Every event decodes; each aggregate's versions are contiguous; the hash chain kept
    beside the log matches every stored event (a changed event is named by its position);
    and the read models equal a fresh rebuild. Exits 8 when any check fails.

    Example: timeline verify
    """
    from timeline.integrity import verify as run_checks

    with open_session(home, store) as session:
        result = run_checks(session.app, None if log_only else session.views)
    if as_json:
        echo_json(result.as_json())
    else:
        console = render.make_console()
        console.print(
            render.safe(f"Verified {result.events} events of {result.aggregates} aggregates.")
        )
        console.print(
            render.listing(
                "",
                ["Check", "Result"],
                [[name, status] for name, status in result.checks.items()],
            )
        )
        for finding in result.findings:
            where = f"position {finding.position}: " if finding.position is not None else ""
            console.print(render.safe(f"{finding.check}: {where}{finding.message}"), soft_wrap=True)
        if result.head_hash:
            console.print(
                render.safe(f"Head of the hash chain: {result.head_hash}"), soft_wrap=True
            )
    if not result.ok:
        raise IntegrityError(f"verification failed: {len(result.findings)} finding(s)")
