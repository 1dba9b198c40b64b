"""Looking at the record itself: the raw log, rebuilds, one development's history, and
what changed in knowledge between two dates."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from projections import queries
from timeline import render, serialize
from timeline.commands.bounds import COUNT, POSITION
from timeline.commands.options import (
    DATE,
    build_query,
    chart_option,
    dimension_options,
    echo_json,
    home_options,
    json_option,
    open_session,
    print_tolls,
    progress_bar,
)
from timeline.dates import Instant
from timeline.errors import IntegrityError, StoreError, UsageError
from timeline.session import Session
from timeline.text import clean


@click.command()
@click.option(
    "--since",
    type=POSITION,
    default=0,
    show_default=True,
    metavar="POSITION",
    help="Only events after this log position.",
)
@click.option("--limit", type=COUNT, default=None, help="At most this many events.")
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
            f"Event log after position {since} (recorded times in UTC)",
            ["Pos", "Type", "Originator", "Recorded"],
            [
                [
                    r["position"],
                    r["type"],
                    r["originator_id"],
                    (r["recorded_at"][:10], r["recorded_at"][11:19]),
                ]
                for r in rows
            ],
            no_wrap=("Pos", "Type", "Recorded"),
            fold=("Originator",),
        )
    )


@click.command()
@home_options
@json_option
def rebuild(home: Path | None, store: str | None, as_json: bool) -> None:
    """Drop every read model and replay the event log from position 0.

    Read models are disposable: a damaged read-model file (one that SQLite's own check
    fails, or that is not a database) is moved aside and built anew.

    Example: timeline rebuild
    """
    with open_session(home, store) as session:
        damaged = session.replace_damaged_views()
        if damaged:
            render.make_console(stderr=True).print(
                render.safe(f"{damaged}; moved aside as views.sqlite3.damaged, building anew"),
                soft_wrap=True,
            )
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
    events = session.development_events(development_id)
    reports = queries.reports(db, [event.payload["report_id"] for event in events])
    trail = []
    for event in events:
        payload = event.payload
        report = reports.get(payload["report_id"], {})
        entry: dict[str, Any] = {
            "event": event.type.split(".", 1)[1],
            "reported_at": payload["reported_at"],
            "recorded_at": event.recorded_at,
            "version": event.originator_version,
            "report": {
                "id": payload["report_id"],
                "outlet": report.get("outlet"),
                "headline": report.get("headline"),
                "url": report.get("url"),
                "published": report.get("published"),
                "published_tz": report.get("published_tz"),
                "published_local": report.get("published_local"),
                "language": report.get("language"),
            },
        }
        for name in _DETAIL_FIELDS:
            if payload.get(name) is not None:
                entry[name] = payload[name]
        if entry["event"] == "Reported":
            entry["summary"] = payload["summary"]
            entry["figures"] = payload["figures"]
            for name in ("key", "kind", "quote", "occurred", "countries", "actors", "places"):
                entry[name] = payload[name]
            entry["conflicts"] = payload["conflicts"]
            entry["claim"] = payload["claim"]
            entry["contradicts"] = payload["contradicts"]
            for name in ("review", "provenance", "counts"):
                if payload.get(name):
                    entry[name] = payload[name]
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
                    "label": serialize.figure_text(f),
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
    said = serialize.words(entry) if entry["event"] != "Reported" else ""
    what = _what(entry)
    return f"{what} ({said})" if said else what


def _what(entry: dict[str, Any]) -> str:
    event = entry["event"]
    if event == "Reported":
        return str(entry["summary"])
    if event == "FigureRevised":
        f = entry["figure"]
        label = serialize.figure_text(f)
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
@chart_option
@home_options
@json_option
def history(
    development: str, chart: bool, home: Path | None, store: str | None, as_json: bool
) -> None:
    """Show the whole trail of one development: the first report, every revision,
    correction, dispute, corroboration and merge, with reported and recorded times and
    sources, and each casualty figure's claimed values over time.

    DEVELOPMENT is a stable id, a unique id prefix (8+ characters) or a unique key.
    --chart plots each figure's claimed values over knowledge time. See: timeline docs
    time-travel.

    Example: timeline history armenian-soldiers-killed
    """
    with open_session(home, store) as session:
        development_id = queries.resolve_development(session.fresh_views().db, development)
        record = development_history(session, development_id)
    if chart and as_json:
        raise UsageError("give --chart or --json, not both")
    if as_json:
        echo_json(record)
        return
    current = record["current"]
    if chart:
        series = {
            key: [{**claim, "known_from": claim["reported_at"]} for claim in claims]
            for key, claims in record["figures"].items()
        }
        print_tolls(series, f"{current['kind_label']}: {current['summary']}")
        return
    console = render.make_console()
    console.print(render.safe(f"{current['kind_label']}: {current['summary']}", "bold"))
    console.print(render.safe(f"{development_id} · occurred {current['occurred']['label']}", "dim"))
    console.print(
        render.listing(
            "Trail (in reported-time order)",
            ["Reported (UTC)", "Recorded (UTC)", "Event, source", "Detail"],
            [
                [
                    e["reported_at"][:16].replace("T", " "),
                    e["recorded_at"][:16].replace("T", " "),
                    (e["event"], e["report"]["outlet"] or e["report"]["id"]),
                    _describe(e),
                ]
                for e in record["trail"]
            ],
            no_wrap=("Reported (UTC)", "Recorded (UTC)"),
        )
    )
    for key, claims in record["figures"].items():
        console.print(
            render.safe(
                f"{key}: " + " → ".join(f"{c['label']} ({c['reported_at'][:10]})" for c in claims)
            )
        )


@click.command()
@click.option(
    "--from", "known_from", type=DATE, required=True, metavar="DATE", help="Knowledge time D1."
)
@click.option(
    "--to", "known_to", type=DATE, required=True, metavar="DATE", help="Knowledge time D2."
)
@dimension_options
@home_options
@json_option
def diff(
    known_from: Instant,
    known_to: Instant,
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

    Bare dates mean the end of that day, in UTC. See: timeline docs time-travel.

    Example: timeline diff --from 2022-09-13 --to 2022-09-14 --conflict armenia-azerbaijan
    """
    query = build_query(conflict, country, actor, side=side, required=False)
    d1, d2 = known_from.iso, known_to.iso
    if d2 < d1:
        raise UsageError("--to must not be before --from")
    with open_session(home, store) as session:
        db = session.fresh_views().db
        if query.conflict:
            queries.conflict(db, query.conflict)
        _, query = queries.with_resolved_actor(db, query)
        changes = queries.diff(db, query, d1, d2)
        survivors = {
            c["row"]["merged_into"]: _current_summary(db, c["row"]["merged_into"])
            for c in changes
            if c["row"].get("merged_into")
        }
        # Only the reports the changes name (what the terminal view shows), not the log's.
        cited = (r for c in changes for r in c.get("reports") or ())
        outlets = {rid: r.get("outlet") or rid for rid, r in queries.reports(db, cited).items()}
    document = [
        {
            "change": c["change"],
            "detail": c["detail"],
            "development": serialize.development(c["row"]),
            **{
                k: v
                for k, v in c.items()
                if (k in ("figure", "previous", "old", "new", "reports") and v is not None)
                or (k == "notes" and v)
            },
        }
        for c in changes
    ]
    if as_json:
        echo_json({"version": serialize.JSON_VERSION, "from": d1, "to": d2, "changes": document})
        return
    console = render.make_console()
    console.print(render.safe(f"Became known after {_moment(d1)} up to {_moment(d2)}", "bold"))
    console.print(render.safe(_summary(changes), "dim"))
    for c in changes:
        row = c["row"]
        when = row["first_reported_at"] if c["change"] == "new" else row["valid_from"]
        console.print(
            render.change_lines(
                _CHANGE_NAMES.get(c["change"], c["change"]),
                _moment(when),
                row["summary"],
                _change_detail(c, survivors, outlets),
            )
        )


#: How a change is named in the terminal view (the JSON keeps the short names).
_CHANGE_NAMES = {
    "new": "new development",
    "figure": "figure revised",
    "corrected": "corrected",
    "retracted": "retracted",
    "merged": "merged",
    "disputed": "disputed",
    "corroborated": "corroborated",
}

#: How the summary line counts each kind of change, in this order: (one, many).
_COUNTED = {
    "new": ("new development", "new developments"),
    "figure": ("figure revised", "figures revised"),
    "corrected": ("correction", "corrections"),
    "disputed": ("dispute", "disputes"),
    "corroborated": ("corroboration", "corroborations"),
    "merged": ("merge", "merges"),
    "retracted": ("retraction", "retractions"),
}

#: The read model's column names as a reader says them.
FIELD_NAMES = {
    "kind": "kind",
    "summary": "summary",
    "occurred_label": "occurred",
    "countries": "countries",
    "places": "places",
}


def _moment(value: str) -> str:
    """A UTC time as people read it: ``2022-09-14 23:59 UTC``."""
    return value[:16].replace("T", " ") + " UTC"


def _summary(changes: list[dict[str, Any]]) -> str:
    if not changes:
        return "Nothing became known in that time."
    counts: dict[str, int] = {}
    for c in changes:
        counts[c["change"]] = counts.get(c["change"], 0) + 1
    parts = [
        f"{counts[name]} {one if counts[name] == 1 else many}"
        for name, (one, many) in _COUNTED.items()
        if name in counts
    ]
    parts += [f"{n} {name}" for name, n in counts.items() if name not in _COUNTED]
    total = len(changes)
    return f"{total} change{'s' if total != 1 else ''}: " + ", ".join(parts)


def _current_summary(db: Any, development_id: str) -> str:
    versions = queries.versions(db, development_id)
    return str(versions[-1]["summary"]) if versions else development_id


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(p["name"] if isinstance(p, dict) else str(p) for p in value) or "none"
    return str(value)


def _change_detail(
    change: dict[str, Any], survivors: dict[str, str], outlets: dict[str, str]
) -> str:
    detail = _change_fact(change, survivors, outlets)
    # What the revising report said about it: its note and its quoted words.
    said = "; ".join(serialize.words(n) for n in change.get("notes") or ())
    if said:
        detail = f"{detail} ({said})" if detail else said
    return detail


def _change_fact(change: dict[str, Any], survivors: dict[str, str], outlets: dict[str, str]) -> str:
    kind = change["change"]
    if kind == "figure":
        f, old = change["figure"], change.get("previous")
        new_label = serialize.figure_text(f)
        old_label = serialize.figure_text(old) if old else "–"
        return f"{f['party']} {f['category']} {old_label} → {new_label} per {f['voice']}"
    if kind == "corrected":
        name = FIELD_NAMES.get(change["detail"], change["detail"].replace("_", " "))
        return f"{name}: {_shown(change['old'])} → {_shown(change['new'])}"
    if kind == "merged":
        survivor = change["row"].get("merged_into")
        return f"into: {survivors.get(survivor, survivor)}" if survivor else ""
    if kind == "disputed":
        return f"by {change['detail']}"
    if kind == "corroborated":
        added = len(change.get("reports") or ())
        return f"{added} more report{'s' if added != 1 else ''}: " + ", ".join(
            str(outlets.get(r, r)) for r in change.get("reports") or ()
        )
    return clean(change["detail"])


@click.command()
@click.option("--log-only", is_flag=True, help="Check the log only, not the read models.")
@click.option(
    "--head",
    "heads",
    multiple=True,
    metavar="HASH",
    help="A head published earlier ('sha256-chain/1 POSITION HASH' or the hash): it must be a "
    "link of this chain, recomputed from the events. Repeatable.",
)
@click.option(
    "--head-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Check every head recorded in this file (one a line, as --record-head writes them).",
)
@click.option(
    "--print-head",
    is_flag=True,
    help="Print only the head line 'sha256-chain/1 POSITION HASH' on stdout (exit 8 if a "
    "check fails).",
)
@click.option(
    "--record-head",
    type=click.Path(dir_okay=False, path_type=Path),
    help="After every check passes, append the head line and the time to this file.",
)
@click.option(
    "--backfill",
    is_flag=True,
    help="First link the events after the chain's last link (a log written before the chain), "
    "and record that it was done; appends never do this.",
)
@home_options
@json_option
def verify(
    log_only: bool,
    heads: tuple[str, ...],
    head_file: Path | None,
    print_head: bool,
    record_head: Path | None,
    backfill: bool,
    home: Path | None,
    store: str | None,
    as_json: bool,
) -> None:
    """Check that the log is intact and the read models match it.

    The event store is sound (SQLite's quick_check; on PostgreSQL every row reads back, the
    indexes hold every row, and amcheck passes when installed); every event decodes; each aggregate's versions are
    contiguous; the hash chain kept beside the log matches every stored event as stored (a
    changed event is named by its position); each head given with --head or --head-file is
    a link of the chain; and the read models, with their views and indexes, equal a fresh
    rebuild. Exits 8 when any check fails. `timeline docs integrity` says what each check proves.

    Example: timeline verify --head-file heads.txt --record-head heads.txt
    """
    from timeline import integrity

    wanted = [integrity.Head.parse(text, "--head") for text in heads]
    if head_file is not None:
        wanted += integrity.read_head_file(head_file)
    with open_session(home, store) as session:
        storage: list[integrity.Finding] | None = None
        notes: list[str] = []
        if session.home.is_sqlite:
            storage = integrity.check_sqlite_file(session.home.events_path)
        elif hasattr(session.app.recorder, "stored_records"):  # the chained PostgreSQL recorder
            storage, notes = integrity.check_postgres_store(session.app.recorder)
        if storage:
            result = integrity.storage_failure(storage)
        else:
            if backfill:
                _backfill(session, quiet=as_json or print_head)
            views, unusable = None, None
            if not log_only:
                try:
                    views = session.views
                except StoreError as exc:  # a damaged read-model file: a finding, exit 8
                    unusable = f"{exc}"
            result = integrity.verify(session.app, views, heads=wanted, storage=storage)
            if unusable is not None:
                result.findings.append(integrity.Finding("read_models", unusable))
                result.checks["read_models"] = "failed"
        result.notes.extend(notes)
    if as_json:
        echo_json(result.as_json())
    elif print_head:
        if result.head is not None:
            click.echo(result.head.line())
    else:
        _show_verification(result)
    if not result.ok:
        raise IntegrityError(f"verification failed: {len(result.findings)} finding(s)")
    if record_head is not None:
        _record_head(record_head, result)


def _backfill(session: Session, *, quiet: bool) -> None:
    recorder: Any = session.app.recorder
    if not hasattr(recorder, "backfill"):
        raise UsageError("--backfill: this event store keeps no hash chain")
    done = recorder.backfill()
    message = (
        "Back-fill: every event already had its link."
        if done is None
        else f"Back-fill: linked positions {done.first}-{done.last} at {done.at} (recorded in "
        "chain_backfills); the chain proves nothing about them before this moment."
    )
    render.make_console(stderr=quiet).print(render.safe(message), soft_wrap=True)


def _show_verification(result: Any) -> None:
    console = render.make_console()
    console.print(
        render.safe(f"Verified {result.events} events of {result.aggregates} aggregates.")
    )
    console.print(
        render.listing("", ["Check", "Result"], [[n, s] for n, s in result.checks.items()])
    )
    for finding in result.findings:
        where = f"position {finding.position}: " if finding.position is not None else ""
        console.print(render.safe(f"{finding.check}: {where}{finding.message}"), soft_wrap=True)
    for note in result.notes:
        console.print(render.safe(f"Note: {note}."), soft_wrap=True)
    for done in result.backfills:
        console.print(
            render.safe(
                f"Note: positions {done.first}-{done.last} were linked by an explicit back-fill "
                f"at {done.at}, not when appended."
            ),
            soft_wrap=True,
        )
    if result.head_hash:
        # The hash on a line of its own, so that it is whole and copyable at 80 columns.
        console.print(render.safe(f"Head of the hash chain (position {result.head_position}):"))
        console.print(render.safe(result.head_hash), soft_wrap=True)


def _record_head(path: Path, result: Any) -> None:
    if result.head is None:
        raise UsageError("--record-head: the log has no chained events yet")
    line = f"{result.head.line()} {datetime.now(UTC).isoformat(timespec='seconds')}\n"
    try:
        with path.open("a", encoding="utf-8") as out:
            out.write(line)
    except OSError as exc:
        raise UsageError(
            f"--record-head: cannot write {clean(str(path))}: {exc.strerror}"
        ) from None
