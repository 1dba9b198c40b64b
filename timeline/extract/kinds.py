"""Kind classification from the weighted cues of ``data/kinds.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.extract.lexicon import KindLexicon

Span = tuple[int, int]


#: Kinds of event that a negation right before their cue denies ("will not be attacked").
_NEGATABLE = frozenset({"armed_clash", "shelling"})
_NEGATION = re.compile(
    r"\b(?:not|never|no|without|nor)\b(?:\s+(?:be|been|being|have|has|any|a|an|the|one|to))*\s+$"
    r"|n[’']t\s+(?:(?:be|been|have)\s+)?$",
    re.I,
)


@dataclass(frozen=True)
class Classification:
    kind: str | None  # None: not a development (unless attributed)
    score: float
    cues: tuple[Span, ...]  # the winning kind's cue matches (absolute offsets)
    secondary: tuple[tuple[str, Span], ...]  # extra kinds to spawn, with their cue


def scored_text_end(lexicon: KindLexicon, text: str) -> int:
    """Where scoring stops: at a consequence clause (", prompting ...")."""
    ends = [m.start() for p in lexicon.consequence if (m := p.search(text))]
    return min(ends) if ends else len(text)


def classify(
    lexicon: KindLexicon,
    pieces: list[tuple[int, str]],
    *,
    figures: bool,
) -> Classification:
    """Score the kinds over the given (offset, text) pieces; the best one wins."""
    scores: dict[str, float] = {}
    spans: dict[str, list[Span]] = {}
    limits = [scored_text_end(lexicon, text) for _, text in pieces]
    for rule in lexicon.rules:
        total = 0.0
        found: list[Span] = []
        if rule.any_cue is not None and not any(
            rule.any_cue.search(text, 0, limit)
            for (_, text), limit in zip(pieces, limits, strict=True)
        ):
            scores[rule.kind] = (
                lexicon.figure_bonus if figures and rule.kind == "casualty_report" else 0.0
            )
            spans[rule.kind] = []
            continue
        for cue in rule.cues:
            for (offset, text), limit in zip(pieces, limits, strict=True):
                match = cue.pattern.search(text, 0, limit)
                while (
                    match
                    and rule.kind in _NEGATABLE
                    and _NEGATION.search(text, max(0, match.start() - 30), match.start())
                ):
                    # "they will not be attacked", "no shells were fired": no event.
                    match = cue.pattern.search(text, match.end(), limit)
                if match:
                    total += cue.weight
                    if cue.weight > 0:
                        found.append((offset + match.start(), offset + match.end()))
                    break
        if figures and rule.kind == "casualty_report":
            total += lexicon.figure_bonus
        scores[rule.kind] = total
        spans[rule.kind] = found
    order = [rule.kind for rule in lexicon.rules]
    best = max(order, key=lambda k: (scores[k], -order.index(k)))
    kind: str | None = best if scores[best] >= lexicon.min_score else None
    secondary: list[tuple[str, Span]] = []
    for rule in lexicon.rules:
        if rule.kind == kind:
            continue
        patterns = rule.secondary
        if kind == "casualty_report":
            patterns = (*patterns, *rule.with_casualties)
        for pattern in patterns:
            for offset, text in pieces:
                match = pattern.search(text)
                if match:
                    secondary.append((rule.kind, (offset + match.start(), offset + match.end())))
                    break
            else:
                continue
            break
    return Classification(
        kind=kind,
        score=scores[best],
        cues=tuple(sorted(spans[best])) if kind else (),
        secondary=tuple(secondary),
    )
