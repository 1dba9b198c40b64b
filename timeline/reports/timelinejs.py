"""The ``timelinejs`` format: TimelineJS3's JSON (``events``, ``eras``, ``title``).

Rules (docs/reports.md, "TimelineJS"):

* Dates carry only the parts the occurred precision justifies: hour precision gives year,
  month, day, hour and minute (UTC: TimelineJS has no time zones, so ``display_date``
  says UTC); day, night and week give the day; month gives the month; year the year; an
  approximate interval gives the parts its bounds are aligned to. ``end_date`` is the last
  unit the interval covers, left out when it equals the start.
* ``text.headline`` is the development's summary, shortened to a headline (at a clause
  boundary, else a word boundary, with an ellipsis); the full summary opens ``text.text``.
* ``group`` is the kind's label, so each kind is a row of the time navigator.
* ``media``: a map of the first place with coordinates (an OpenStreetMap embed), else the
  report's own words as a blockquote linked to the source, credited to the outlet.
* ``unique_id`` is ``dev-`` plus the development id: stable across runs and exports.
* Background developments (decades of history) are listed on the title slide and kept off
  the time scale, unless ``background_on_scale`` is asked for; then they are events and
  their eras are drawn too.
* ``eras``: the fighting (armed clashes, shelling, alleged ceasefire violations, casualty
  reports), and with ``background_on_scale`` the background, each clustered into runs whose
  occurred intervals overlap or are at most a day apart. Retracted developments do not shape
  eras.

TimelineJS renders ``text`` as HTML, so every piece of article text is HTML-escaped here.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any, Final
from urllib.parse import urlencode

from timeline.dates import from_iso, iso, occurred_label
from timeline.reports.document import ReportDocument
from timeline.reports.escape import html as h
from timeline.reports.escape import safe_url
from timeline.reports.options import RenderOptions
from timeline.serialize import figure_text, revision_line
from timeline.text import dumps

BACKGROUND: Final = frozenset({"background"})
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


#: Headlines longer than this are shortened (TimelineJS sets them large: about two lines).
HEADLINE_LENGTH: Final = 90
_CLAUSE_END = re.compile(r"[,;:–—]\s|\s[–—]\s")


def headline(summary: str, limit: int = HEADLINE_LENGTH) -> str:
    """A summary shortened to a headline: whole when it fits; else cut at the last clause
    boundary (comma, semicolon, colon, dash) past a third of the limit; else at the last
    word boundary, with an ellipsis. A trailing full stop is dropped."""
    text = " ".join(summary.split()).rstrip(".")
    if len(text) <= limit:
        return text
    window = text[: limit + 1]
    clauses = [m.start() for m in _CLAUSE_END.finditer(window) if m.start() >= limit // 3]
    if clauses:
        return window[: clauses[-1]].rstrip() + "…"
    cut = window.rfind(" ", 0, limit)
    return (window[:cut] if cut > limit // 3 else window[: limit - 1]).rstrip(" ,;:") + "…"


def _map(place: dict[str, Any]) -> dict[str, str]:
    """An OpenStreetMap embed of a place: TimelineJS shows HTML media with an iframe as is."""
    lat, lon = float(place["lat"]), float(place["lon"])
    box = f"{lon - 0.15:.4f},{lat - 0.1:.4f},{lon + 0.15:.4f},{lat + 0.1:.4f}"
    query = urlencode({"bbox": box, "layer": "mapnik", "marker": f"{lat:.4f},{lon:.4f}"})
    name = h(f"{place['name']} ({place['country']})")
    src = h(f"https://www.openstreetmap.org/export/embed.html?{query}")
    return {
        "url": f'<iframe src="{src}" title="Map of {name}" width="100%" height="350"></iframe>',
        "credit": "© OpenStreetMap contributors",
        "caption": name,
        "alt": f"Map of {name}",
        "link": h(
            f"https://www.openstreetmap.org/?mlat={lat:.4f}&mlon={lon:.4f}#map=11/{lat:.4f}/{lon:.4f}"
        ),
    }


def media(d: dict[str, Any], doc: ReportDocument) -> dict[str, str] | None:
    """A map for the first place with coordinates; else the source's own words (the quote,
    or the summary) as a blockquote linked to the source; None without either."""
    place = next((p for p in d["places"] if p.get("lat") is not None), None)
    if place is not None:
        return _map(place)
    if not d["sources"]:
        return None
    source = doc.sources[d["sources"][0] - 1]
    url = safe_url(source.url)
    words = d.get("quote") or ""
    if not words and not url:
        return None
    found = {
        "url": f"<blockquote>{h(words or d['summary'])}</blockquote>",
        "credit": h(source.outlet),
        "caption": h(f"{source.headline} ({source.published[:10]})"),
        "alt": "",
    }
    if url:
        found["link"] = h(url)
    return found


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
        f"{h(d['recorded_at'])}. Sources: {sources or 'none'}. Id {h(d['id'])}.</small></p>"
    )
    return "".join(parts)


def event(d: dict[str, Any], doc: ReportDocument) -> dict[str, Any]:
    occ = d["occurred"]
    title = h(headline(d["summary"]))
    if d["status"] != "active":
        title += f" ({h(d['status'].upper())})"
    found: dict[str, Any] = {
        **dates(occ["start"], occ["end"], granularity(occ)),
        "display_date": h(occ["label"]),
        "text": {"headline": title, "text": _text(d, doc)},
        "group": h(d["kind_label"]),
        "unique_id": f"dev-{d['id']}",
    }
    shown = media(d, doc)
    if shown is not None:
        found["media"] = shown
    return found


def on_scale(d: dict[str, Any], options: RenderOptions) -> bool:
    """Whether a development is an event on the time scale (background only when asked)."""
    return options.background_on_scale or d["kind"] not in BACKGROUND


def _clusters(intervals: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + _GAP:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def eras(doc: ReportDocument, options: RenderOptions | None = None) -> list[dict[str, Any]]:
    """Phases: the fighting, and background periods when they are on the scale, clustered
    (see the module docstring)."""
    options = options or RenderOptions()
    phases = [("Fighting", FIGHTING)]
    if options.background_on_scale:
        phases.insert(0, ("Background", BACKGROUND))
    found: list[tuple[datetime, dict[str, Any]]] = []
    for name, kinds in phases:
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


def _title_text(doc: ReportDocument, options: RenderOptions) -> str:
    parts = [
        f"<p>{h(doc.knowledge_statement)}</p>",
        f"<p>{len(doc.developments)} developments; log position {doc.log_position}.</p>",
    ]
    background = [d for d in doc.developments if not on_scale(d, options)]
    if background:
        items = "".join(
            f'<li id="dev-{h(d["id"])}"><b>{h(d["occurred"]["label"])}</b>: {h(d["summary"])}</li>'
            for d in background
        )
        parts.append(f"<p>Background (kept off the time scale):</p><ul>{items}</ul>")
    return "".join(parts)


def document(doc: ReportDocument, options: RenderOptions | None = None) -> dict[str, Any]:
    options = options or RenderOptions()
    return {
        "title": {
            "text": {"headline": h(doc.subject.title), "text": _title_text(doc, options)},
            "unique_id": "title",
        },
        "events": [event(d, doc) for d in doc.developments if on_scale(d, options)],
        "eras": eras(doc, options),
        "scale": "human",
    }


def write(doc: ReportDocument, options: RenderOptions | None = None) -> str:
    return dumps(document(doc, options)) + "\n"
