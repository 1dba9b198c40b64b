"""The draft's developments and the document they make: keys, provenance and review."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from timeline.dispatch import FORMAT, Dispatch
from timeline.extract import lexicon
from timeline.extract.layout import Layout, Sentence
from timeline.extract.report import KnownConflict
from timeline.extract.source import Source

EXTRACTOR = "timeline-extract/1"
MACHINE = "machine-extracted"
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class Evidence:
    """The article's words at ``[start, end)`` that support one field; ``value`` is what
    they gave. It becomes a ``provenance`` entry of the draft."""

    field: str
    start: int
    end: int
    value: str | None = None


@dataclass
class Proposed:
    """One proposed development, before it becomes part of the document."""

    kind: str
    sentences: list[Sentence]
    occurred: dict[str, Any]
    countries: list[str]
    actors: list[str]
    places: list[dict[str, Any]]
    conflicts: list[str]
    claim: dict[str, Any]
    figures: list[dict[str, Any]]
    evidence: list[Evidence]
    summary: str
    quote: str
    key: str = ""


@dataclass(frozen=True)
class SentenceNote:
    """Why a sentence proposed nothing, for --explain."""

    sentence: int
    reason: str


@dataclass
class Extraction:
    source: Source
    layout: Layout
    document: dict[str, Any]
    dispatch: Dispatch
    developments: list[Proposed]
    skipped: list[SentenceNote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def quote_of(text: str, sentences: list[Sentence]) -> str:
    """The supporting sentences verbatim: one run per paragraph, paragraphs joined by a blank line."""
    parts: list[str] = []
    run_start = sentences[0].start
    run_end = sentences[0].end
    paragraph = sentences[0].paragraph
    for sentence in sentences[1:]:
        if sentence.paragraph == paragraph:
            run_end = sentence.end
            continue
        parts.append(text[run_start:run_end])
        run_start, run_end, paragraph = sentence.start, sentence.end, sentence.paragraph
    parts.append(text[run_start:run_end])
    return "\n\n".join(parts)


def assign_keys(developments: list[Proposed]) -> None:
    """Slug keys from the kind and a place, party or country; unique within the draft."""
    used: set[str] = set()
    next_number: dict[str, int] = {}  # per base, where to resume counting: linear, not n^2
    for development in developments:
        hint = ""
        if development.places:
            hint = development.places[0]["name"]
        elif development.kind == "casualty_report" and development.figures:
            hint = development.figures[0]["party"]
        elif development.countries:
            hint = development.countries[0]
        base = _SLUG.sub("-", f"{development.kind} {hint}".lower()).strip("-")[:70] or "development"
        key = base
        n = next_number.get(base, 2)
        while key in used:
            key = f"{base}-{n}"
            n += 1
        next_number[base] = n
        used.add(key)
        development.key = key


def document(
    text: str,
    report: dict[str, Any],
    developments: list[Proposed],
    known_conflicts: tuple[KnownConflict, ...],
    override: str | None,
) -> dict[str, Any]:
    """The draft dispatch document."""
    body: dict[str, Any] = {"format": FORMAT, "report": report}
    known = {k.id: k for k in known_conflicts}
    used = list(dict.fromkeys(c for d in developments for c in d.conflicts))
    table = {e.id: e for e in lexicon.conflicts(override)}
    definitions = [
        known[c].definition() if c in known else table[c].definition()
        for c in used
        if c in known or c in table
    ]
    if definitions:
        body["conflicts"] = definitions
    body["developments"] = [development_body(text, d) for d in developments]
    return body


def development_body(text: str, development: Proposed) -> dict[str, Any]:
    body: dict[str, Any] = {
        "key": development.key,
        "kind": development.kind,
        "summary": development.summary,
        "quote": development.quote,
        "occurred": development.occurred,
        "countries": development.countries,
    }
    if development.actors:
        body["actors"] = development.actors
    if development.places:
        body["places"] = development.places
    if development.conflicts:
        body["conflicts"] = development.conflicts
    body["claim"] = development.claim
    if development.figures:
        body["figures"] = development.figures
    body["provenance"] = [
        {
            "field": e.field,
            "start": e.start,
            "end": e.end,
            "text": text[e.start : e.end],
            **({"value": e.value} if e.value else {}),
        }
        for e in sorted(development.evidence, key=lambda e: (_FIELD_ORDER.get(e.field, 9), e.start))
    ]
    body["review"] = {"status": MACHINE, "extractor": EXTRACTOR}
    return body


_FIELD_ORDER = {
    "quote": 0,
    "kind": 1,
    "occurred": 2,
    "countries": 3,
    "actors": 4,
    "places": 5,
    "figures": 6,
    "claim": 7,
}


def deduplicated(evidence: list[Evidence]) -> list[Evidence]:
    """One entry per span and field; a country named by an actor's or a place's words is
    traced through that actor's or place's entry ("Armenian soldiers", "Goris")."""
    named = {(e.start, e.end) for e in evidence if e.field in ("actors", "places")}
    seen: set[tuple[str, int, int]] = set()
    kept: list[Evidence] = []
    for item in evidence:
        key = (item.field, item.start, item.end)
        if key in seen or (item.field == "countries" and (item.start, item.end) in named):
            continue
        seen.add(key)
        kept.append(item)
    return kept


def kept_evidence(item: Evidence, countries: list[str], actors: list[str]) -> bool:
    """Evidence for a value the development kept (a per-claimant split drops some)."""
    if item.field == "countries" and item.value:
        return any(code in countries for code in item.value.split(", "))
    if item.field == "actors" and item.value:
        return item.value in actors
    return True
