"""The ``timelinejs`` format: TimelineJS3's JSON (``events``, ``eras``, ``title``).

Rules (docs/reports.md, "TimelineJS"):

* Dates carry only the parts the occurred precision justifies: hour precision gives year,
  month, day, hour and minute (UTC: TimelineJS has no time zones, so ``display_date``
  says UTC); day, night and week give the day; month gives the month; year the year; an
  approximate interval gives the parts its bounds are aligned to. ``end_date`` is the last
  unit the interval covers, left out when it equals the start.
* ``group`` is the name of the first country a development names (or "Other").
* ``unique_id`` is ``dev-`` plus the development id: stable across runs and exports.
* ``eras``: background developments, and the fighting (armed clashes, shelling, alleged
  ceasefire violations, casualty reports), each clustered into runs whose occurred
  intervals overlap or are at most a day apart. Retracted developments do not shape eras.

TimelineJS renders ``text`` as HTML, so every piece of article text is HTML-escaped here.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Final

from timeline.dates import from_iso, iso, occurred_label
from timeline.reports.document import ReportDocument
from timeline.reports.escape import html as h
from timeline.serialize import figure_text, revision_line
from timeline.text import dumps

FIGHTING: Final = frozenset(
    {"armed_clash", "shelling", "ceasefire_violation_alleged", "casualty_report"}
)
PARTS: Final = ("year", "month", "day", "hour", "minute")
_GAP: Final = timedelta(days=1)


def _aligned(start: datetime, end: datetime) -> str:
    midnight = start.time() == end.time() == datetime.min.time()
    if midnight and (start.month, start.day) == (1, 1) == (end.month, end.day):
        return "year"
    if midnight and start.day == 1 == end.day:
        return "month"
    return "day" if midnight else "minute"


def granularity(occurred: dict[str, Any]) -> str:
    precision = str(occurred["precision"])
    if precision == "hour":
        return "minute"
    if precision in ("day", "night", "week"):
        return "day"
    if precision in ("month", "year"):
        return precision
    return _aligned(from_iso(occurred["start"]), from_iso(occurred["end"]))


def date_object(moment: datetime, unit: str) -> dict[str, str]:
    values = {
        "year": str(moment.year),
        "month": str(moment.month),
        "day": str(moment.day),
        "hour": str(moment.hour),
        "minute": str(moment.minute),
    }
    return {part: values[part] for part in PARTS[: PARTS.index(unit) + 1]}


def dates(start_iso: str, end_iso: str, unit: str) -> dict[str, Any]:
    """``start_date`` and, when the interval covers more than one unit, ``end_date``."""
    start = from_iso(start_iso)
    last = from_iso(end_iso) - timedelta(seconds=1)
    result: dict[str, Any] = {"start_date": date_object(start, unit)}
    if unit != "minute" and date_object(last, unit) != result["start_date"]:
        result["end_date"] = date_object(last, unit)
    return result


def _group(d: dict[str, Any], doc: ReportDocument) -> str:
    if not d["countries"]:
        return "Other"
    code = str(d["countries"][0])
    return doc.country_names.get(code, code)


def _text(d: dict[str, Any], doc: ReportDocument) -> str:
    occ = d["occurred"]
    claim = d["claim"]
    parts = [f"<p>{h(d['summary'])}</p>"]
    line = f"Claimed by {h(', '.join(claim['asserted_by']))} ({h(claim['verification'])})"
    if claim["disputed_by"]:
        line += f"; disputed by {h(', '.join(claim['disputed_by']))}"
    parts.append(f"<p>{line}.</p>")
    if d["figures"]:
        figures = "; ".join(
            h(f"{f['party']} {f['category']} {figure_text(f)} per {f['voice']}")
            for f in d["figures"]
        )
        parts.append(f"<p>Figures: {figures}.</p>")
    for entry in d.get("revision_notes") or []:
        parts.append(f"<p>Revision, {h(revision_line(entry))}</p>")
    sources = "; ".join(
        h(f"[{n}] {doc.sources[n - 1].outlet}, {doc.sources[n - 1].headline}") for n in d["sources"]
    )
    parts.append(
        f"<p><small>Occurred {h(occ['label'])} [{h(occ['start'])}, {h(occ['end'])}) "
        f"({h(occ['precision'])}); reported {h(d['reported_at'])}; recorded "
        f"{h(d['recorded_at'])}. Sources: {sources or 'none'}.</small></p>"
    )
    return "".join(parts)


def event(d: dict[str, Any], doc: ReportDocument) -> dict[str, Any]:
    occ = d["occurred"]
    headline = h(d["kind_label"])
    if d["status"] != "active":
        headline += f" ({h(d['status'].upper())})"
    return {
        **dates(occ["start"], occ["end"], granularity(occ)),
        "display_date": h(occ["label"]),
        "text": {"headline": headline, "text": _text(d, doc)},
        "group": h(_group(d, doc)),
        "unique_id": f"dev-{d['id']}",
    }


def _clusters(intervals: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + _GAP:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def eras(doc: ReportDocument) -> list[dict[str, Any]]:
    """Phases: background periods and the fighting, clustered (see the module docstring)."""
    found: list[tuple[datetime, dict[str, Any]]] = []
    for name, kinds in (("Background", {"background"}), ("Fighting", FIGHTING)):
        intervals = [
            (from_iso(d["occurred"]["start"]), from_iso(d["occurred"]["end"]))
            for d in doc.developments
            if d["kind"] in kinds and d["status"] == "active"
        ]
        for start, end in _clusters(intervals):
            # TimelineJS drops an end_date equal to the start (comparing the start's parts)
            # and then refuses the era, so eras run from their first to their last day, or
            # to the minute when they fit in one day.
            last = max(end - timedelta(seconds=1), start + timedelta(minutes=1))
            unit = "day" if start.date() != last.date() else "minute"
            period = {"start_date": date_object(start, unit), "end_date": date_object(last, unit)}
            label = occurred_label(iso(start), iso(end), "approximate").removeprefix("c. ")
            era = {
                **period,
                "text": {"headline": h(f"{name}, {label}")},
                "unique_id": f"era-{name.lower()}-{start.date().isoformat()}",
            }
            found.append((start, era))
    return [era for _, era in sorted(found, key=lambda pair: pair[0])]


def document(doc: ReportDocument) -> dict[str, Any]:
    return {
        "title": {
            "text": {
                "headline": h(doc.subject.title),
                "text": f"<p>{h(doc.knowledge_statement)}</p>"
                f"<p>{len(doc.developments)} developments; log position "
                f"{doc.log_position}.</p>",
            },
            "unique_id": "title",
        },
        "events": [event(d, doc) for d in doc.developments],
        "eras": eras(doc),
        "scale": "human",
    }


def write(doc: ReportDocument) -> str:
    return dumps(document(doc)) + "\n"
