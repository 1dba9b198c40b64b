"""Draft assembly: from an article to a validated draft dispatch document, in stages.

1. :mod:`~timeline.extract.analysis`: layout and reflow, mentions and places, attribution
   and time phrases per unit (a sentence with any quotation paragraphs that continue it);
   the article's outlet, headline, main country and conflict.
2. Here: captions and repeated paragraphs are set aside.
3. :mod:`~timeline.extract.claimants`: who claims each casualty figure (its side).
4. :mod:`~timeline.extract.dating`: when each development happened.
5. :mod:`~timeline.extract.proposals`: each unit's kind, figures, countries, actors and
   places, as proposed developments; a casualty sentence with several claimants ("according
   to each side") proposes one per claimant, a secondary kind cue ("in violation of the
   ceasefire reached on Tuesday") one more, and a background sentence with several past times
   one per time.
6. Here: keys, the document, and its validation as a dispatch.

Every field keeps the character offsets of the words that support it (``provenance``), and
every development is marked ``review: {status: machine-extracted}`` until a person reviews it.
"""

from __future__ import annotations

import re
from typing import Any

from timeline.dispatch import parse_document
from timeline.errors import DispatchError, ExtractionError
from timeline.extract.analysis import _WORDS, MAX_SENTENCE_CHARS, MAX_SENTENCES, Article, Unit
from timeline.extract.claimants import Claimants
from timeline.extract.dating import Dating
from timeline.extract.document import (
    EXTRACTOR,
    MACHINE,
    Evidence,
    Extraction,
    Proposed,
    SentenceNote,
    assign_keys,
)
from timeline.extract.document import document as build_document
from timeline.extract.proposals import Proposer
from timeline.extract.report import KnownConflict, Options, parse_published
from timeline.extract.source import Source

_CAPTION = re.compile(
    r"^(?:An?|The)\s+(?:\w+\s+){0,3}?(?:looks|gestures|stands|sits|walks|holds|carries|"
    r"is seen|mourns|inspects|reacts|waits|prays|rests|searches|clears|passes) |"
    r"\((?:AP|AFP|Reuters) Photo|"
    r"\bPhoto(?:graph)?:|REUTERS/|via Getty|\bFile photo\b",
)
#: A photographer's credit anywhere in a paragraph makes it a caption: "(AFP /FAYEZ
#: NURELDINE)", "(EPA/STR)".
_CREDIT = re.compile(
    r"\((?:AP|AFP|Reuters|REUTERS|EPA|EPA-EFE|Getty|Anadolu|Xinhua|AA)\s*/\s*[A-Z][\w .-]*\)"
)


def _repeats(words: set[str], seen: list[set[str]]) -> bool:
    """Whether a sentence mostly repeats one said before (nine tenths of its words)."""
    if len(words) < 6:
        return False
    return any(len(words & earlier) >= 0.9 * len(words) for earlier in seen)


#: The kinds whose dead a casualty report counts: the violence itself.
VIOLENT_KINDS = frozenset({"armed_clash", "shelling", "ceasefire_violation_alleged"})


def _link_toll(document: dict[str, Any]) -> None:
    """Propose ``counts`` when the report states exactly one violent development and one
    casualty report: the toll is the toll of that fighting. With more of either, which toll
    counts which fighting is the editor's call, so nothing is proposed."""
    drafted = document.get("developments", [])
    violent = [d for d in drafted if d["kind"] in VIOLENT_KINDS]
    tolls = [d for d in drafted if d["kind"] == "casualty_report"]
    if len(violent) == 1 and len(tolls) == 1:
        tolls[0]["counts"] = [violent[0]["key"]]


def extract(source: Source, options: Options) -> Extraction:
    """Propose a draft dispatch for one article."""
    article = Article(source, options)
    dating = Dating(article)
    proposer = Proposer(article, Claimants(article), dating)
    proposed: list[tuple[Proposed, Unit, str]] = []  # (development, unit, occurred mode)
    skipped: list[SentenceNote] = []
    seen: list[set[str]] = []
    credited = {s.paragraph for s in article.layout.sentences if _CREDIT.search(s.text)}
    for unit in article.units:
        words = set(_WORDS.findall(" ".join(x.text for x in unit.sentences).casefold()))
        caption = _CAPTION.search(unit.first.text) or unit.first.paragraph in credited
        if caption or _repeats(words, seen):
            # A photo caption, or a paragraph that says again what an earlier one said
            # (pages repeat the lead under the picture): not a development of its own.
            skipped.append(SentenceNote(unit.first.index, "a caption or a repeat"))
            continue
        seen.append(words)
        made = proposer.unit(unit)
        if not made:
            attributed = unit.attribution.mode != "outlet"
            skipped.append(
                SentenceNote(
                    unit.first.index,
                    "no kind cue" + ("" if attributed else " and no attribution"),
                )
            )
        proposed.extend(made)
    proposed.extend(proposer.headline_toll(proposed))
    dating.settle(proposed)
    developments: list[Proposed] = []
    for development, unit, _mode in proposed:
        if not development.countries:
            skipped.append(SentenceNote(unit.first.index, "no country could be identified"))
            continue
        developments.append(development)
    if not developments:
        raise ExtractionError(
            source.path,
            f"an article that states at least one development (none of its "
            f"{len(article.layout.sentences)} sentence(s) has a kind cue or an attribution "
            "and a country; see docs/extraction.md to extend the lexicons)",
        )
    assign_keys(developments)
    report: dict[str, Any] = {"outlet": article.outlet}
    if options.url:
        report["url"] = options.url
    report["headline"] = article.headline
    report["published"] = article.published_text
    document = build_document(
        article.text, report, developments, options.known_conflicts, article.override
    )
    _link_toll(document)
    try:
        dispatch = parse_document(document, source.path)
    except DispatchError as exc:
        if "documented limit" in str(exc) or "at most" in str(exc):
            raise ExtractionError(
                source.path, f"an article whose draft is within the dispatch limits: {exc}"
            ) from None
        raise ExtractionError(
            source.path, f"a draft that validates as a dispatch (this is a bug: {exc})"
        ) from None
    return Extraction(
        source=source,
        layout=article.layout,
        document=document,
        dispatch=dispatch,
        developments=developments,
        skipped=skipped,
        notes=article.notes,
    )


__all__ = [
    "EXTRACTOR",
    "MACHINE",
    "MAX_SENTENCES",
    "MAX_SENTENCE_CHARS",
    "Evidence",
    "Extraction",
    "KnownConflict",
    "Options",
    "Proposed",
    "SentenceNote",
    "extract",
    "parse_published",
]
