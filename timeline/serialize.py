"""Plain-JSON shapes of read-model rows, shared by ``--json`` output and reports.

Every development carries its three times: ``occurred`` (interval, precision, phrase and
the anchor it was resolved against), ``reported_at`` (knowledge time of this version,
``first_reported_at`` of the development) and ``recorded_at`` (system time).
"""

from __future__ import annotations

from typing import Any

JSON_VERSION = 1


def figure_label(
    low: int | None, best: int | None, high: int | None, bound: str | None = None
) -> str:
    """``49``, ``≥49``, ``≤10``, ``40–60``, or ``40–60 (best 50)``; with the source's
    ``bound``: ``>50`` (more than) and ``about 50``."""
    if bound == "more_than" and low is not None:
        return f">{low}"
    if bound == "about" and best is not None:
        return f"about {best}"
    if low is not None and high is not None:
        if low == high:
            return str(low)
        span = f"{low}–{high}"
        return span if best in (None, low, high) else f"{span} (best {best})"
    if low is not None:
        return f"≥{low}"
    if high is not None:
        return f"≤{high}"
    return "?" if best is None else f"~{best}"


def part_text(part: dict[str, Any]) -> str:
    """``3 civilians`` (a group's share) or ``3 ARM`` (a country's)."""
    label = figure_label(part.get("low"), part.get("best"), part.get("high"))
    return f"{label} {part['group'] or part['party']}"


def figure_text(f: dict[str, Any]) -> str:
    """A figure's label with what qualifies it: ``207 (provisional; including 3 civilians)``.
    The parts are within the figure: they are never counted beside it."""
    label = figure_label(f.get("low"), f.get("best"), f.get("high"), f.get("bound"))
    notes = []
    if f.get("provisional"):
        notes.append("provisional")
    if f.get("includes"):
        notes.append("including " + ", ".join(part_text(p) for p in f["includes"]))
    return f"{label} ({'; '.join(notes)})" if notes else label


def development(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["development_id"],
        "key": row["key"],
        "version": row["seq"],
        "kind": row["kind"],
        "kind_label": row["kind_label"],
        "summary": row["summary"],
        "quote": row["quote"],
        "status": row["status"],
        "occurred": {
            "start": row["occurred_start"],
            "end": row["occurred_end"],
            "precision": row["occurred_precision"],
            "phrase": row["occurred_phrase"],
            "resolved_against": row["occurred_anchor"],
            "label": row["occurred_label"],
            "tz": row.get("occurred_tz"),
        },
        "reported_at": row["valid_from"],
        "first_reported_at": row["first_reported_at"],
        "known_until": row["valid_to"],
        "recorded_at": row["recorded_at"],
        "report_id": row["report_id"],
        "reports": row["reports"],
        "countries": row["countries"],
        "actors": row["actors"],
        "actor_sides": row.get("actor_sides", []),
        "places": row["places"],
        "conflicts": row["conflicts"],
        "claim": {
            "asserted_by": row["asserted_by"],
            "asserted_sides": row.get("asserted_sides", row["asserted_by"]),
            "verification": row["verification"],
            "disputed_by": row["disputed_by"],
        },
        "figures": [figure(f) for f in row["figures"]],
        "contradicts": row["contradicts"],
        "review_status": row.get("review_status"),
        "revision_notes": row.get("revision_notes") or [],
        "counts": row.get("counts") or [],
    }


def words(entry: dict[str, Any]) -> str:
    """A revision's note and quote as one line: ``note: not final; "At least 105 ..."``."""
    parts = []
    if entry.get("note"):
        parts.append(f"note: {entry['note']}")
    if entry.get("quote"):
        parts.append(f"“{entry['quote']}”")
    return "; ".join(parts)


#: How revision events read in a line of text.
REVISION_LABELS = {
    "FigureRevised": "figure revised",
    "Corrected": "corrected",
    "Retracted": "retracted",
    "Disputed": "disputed",
    "Corroborated": "corroborated",
    "MergedInto": "merged",
    "Absorbed": "absorbed a duplicate",
}


def revision_line(entry: dict[str, Any]) -> str:
    """One revision's words with its time: ``2022-09-14 08:00 figure revised: note: ...``."""
    when = entry["reported_at"][:16].replace("T", " ")
    return f"{when} {REVISION_LABELS.get(entry['event'], entry['event'])}: {words(entry)}"


def figure(f: dict[str, Any]) -> dict[str, Any]:
    """A figure as JSON: its values and label, who gave it (``claimant``, as written) and the
    side that voice speaks for (``side``, ``side_name``; ``actor`` is None when the name
    resolves to no actor)."""
    shown = {k: v for k, v in f.items() if k not in ("side_key", "occurred_start")}
    shown["label"] = figure_label(f["low"], f["best"], f["high"], f.get("bound"))
    shown["text"] = figure_text(f)
    return shown


def tally_row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "party": row["party"],
        "category": row["category"],
        "claimant": row["claimant"],
        "side": row.get("side"),
        "side_name": row.get("side_name"),
        "actor": row.get("actor"),
        "voice": row.get("voice"),
        "low": row["low"],
        "best": row["best"],
        "high": row["high"],
        "bound": row.get("bound"),
        "provisional": bool(row.get("provisional")),
        "includes": row.get("includes") or [],
        "label": figure_label(row["low"], row["best"], row["high"], row.get("bound")),
        "text": figure_text(row),
        "reported_at": row["reported_at"],
        "report_id": row["report_id"],
        "development_id": row["development_id"],
    }
