"""Near matches for a report or development that a dispatch names but the log lacks.

A revision (or a casualty report's ``counts``) names a development by its first report's
natural key. When nothing matches, the error says what was compared (outlet, publication
time and headline, or URL) and suggests the nearest reports the log holds:
``did you mean the Reuters report of 2022-09-13 12:00 "Azerbaijan, Armenia border clashes
kill 99"?``. Pure functions: the application gathers the candidates from the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher, get_close_matches

from timeline.dates import from_iso


@dataclass(frozen=True)
class KnownReport:
    """A report the log (or the same batch) holds, as a lookup compares it."""

    outlet: str
    published: str  # UTC ISO, as stored
    headline: str
    url: str | None


def phrase(report: KnownReport) -> str:
    """``the Reuters report of 2022-09-13 12:00 "Azerbaijan, Armenia border clashes kill 99"``."""
    when = report.published[:16].replace("T", " ")
    return f'the {report.outlet} report of {when} "{report.headline}"'


def compared(wanted: KnownReport) -> str:
    """What a lookup compared: the URL, or outlet, publication time and headline."""
    if wanted.url:
        return f"url {wanted.url!r}"
    return (
        f"outlet {wanted.outlet!r}, published {wanted.published} and headline {wanted.headline!r}"
    )


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def _closeness(a: str, b: str) -> float:
    """1 for the same moment, falling to 0 at a week apart."""
    try:
        hours = abs((from_iso(a) - from_iso(b)).total_seconds()) / 3600
    except ValueError:
        return 0.0
    return max(0.0, 1 - hours / (24 * 7))


def score(wanted: KnownReport, candidate: KnownReport) -> float:
    """How near a candidate is: the URL when one was given, else headline, outlet and time."""
    if wanted.url and candidate.url:
        return _ratio(wanted.url, candidate.url)
    return (
        0.5 * _ratio(wanted.headline, candidate.headline)
        + 0.3 * _ratio(wanted.outlet, candidate.outlet)
        + 0.2 * _closeness(wanted.published, candidate.published)
    )


def nearest(
    wanted: KnownReport, candidates: list[KnownReport], limit: int = 3, cutoff: float = 0.5
) -> list[KnownReport]:
    """The candidates nearest to ``wanted``, best first, at least ``cutoff`` near."""
    ranked = sorted(
        ((score(wanted, c), c) for c in set(candidates)),
        key=lambda pair: (-pair[0], pair[1].published, pair[1].outlet, pair[1].headline),
    )
    return [c for s, c in ranked[:limit] if s >= cutoff]


def suggestion(wanted: KnownReport, candidates: list[KnownReport]) -> str:
    """`` (did you mean the ... report of ...?)``, or empty when nothing is near."""
    found = nearest(wanted, candidates)
    if not found:
        return ""
    return " (did you mean " + " or ".join(phrase(c) for c in found) + "?)"


def near_keys(key: str, keys: list[str]) -> str:
    """`` (did you mean 'armenian-soldiers-killed'?)`` among a report's keys."""
    found = get_close_matches(key, keys, n=3, cutoff=0.5)
    if not found:
        return f" (its keys: {', '.join(sorted(keys))})" if keys else ""
    return " (did you mean " + " or ".join(repr(k) for k in found) + "?)"
