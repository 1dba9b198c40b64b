"""How far two annotators agree, by the measures of :mod:`benchmarks.extract_eval`.

A second, independent annotation of some development articles (same format, written without
seeing the first) is scored against the committed gold exactly as an extraction is: its
developments take the place of the draft's. The levels it reaches are the ceiling a rule
set can be expected to reach on those measures: beyond it, the "misses" are disagreements
between careful people, not errors of the extractor.

Usage: python -m benchmarks.eval_agreement DIR [--set dev] [--json]
(DIR holds ``<stem>.yaml`` files for some of the set's articles.)
"""

from __future__ import annotations

import argparse
import calendar
import json
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from benchmarks.extract_accuracy import _spans_of_quote
from benchmarks.extract_eval import (
    EVAL,
    MEASURES,
    ArticleScore,
    Count,
    _bounds,
    _day_bounds,
    compare,
    levels,
    print_totals,
)
from timeline.dispatch.model import Figure, Occurred, Place, Provenance


@dataclass(frozen=True)
class _Development:
    """What :func:`compare` reads of a draft's development, with the dispatch model's parts."""

    kind: str
    summary: str
    provenance: tuple[Provenance, ...]
    occurred: Occurred
    figures: tuple[Figure, ...]
    places: tuple[Place, ...]


def _occurred(occurred: dict[str, Any]) -> Occurred:
    """An annotation's occurred interval in the draft's form: first day, and the day after
    the last at midnight (a night without an end runs into the next day)."""
    precision = str(occurred["precision"])
    end_given = occurred.get("end")
    first, last = _day_bounds(
        str(occurred["start"]), str(end_given) if end_given else None, precision
    )
    if precision == "night" and not end_given:
        last = (date.fromisoformat(first) + timedelta(days=1)).isoformat()
    end = (_valid_day(last[:10]) + timedelta(days=1)).isoformat() + "T00:00:00"
    return Occurred(first, end, precision, None, first)


def _valid_day(day: str) -> date:
    """A day that may be a month's "31" (``_day_bounds`` ends every month there)."""
    year, month, number = (int(part) for part in day.split("-"))
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(number, last))


def as_extracted(text: str, annotation: dict[str, Any]) -> list[_Development]:
    """A second annotation's developments, shaped like a draft's for :func:`compare`."""
    found = []
    for d in annotation.get("developments") or []:
        located = _spans_of_quote(text, d["quote"])
        quote = " ".join(str(d["quote"]).split())
        spans = (Provenance("quote", *located, quote),) if located else ()
        claim_side = str((d.get("claim") or {}).get("side") or "")
        figures = []
        for f in d.get("figures") or []:
            low, best, high = _bounds(f)
            figures.append(
                Figure(
                    str(f["party"]),
                    str(f["category"]),
                    low,
                    best,
                    high,
                    str(f.get("side") or claim_side),
                )
            )
        found.append(
            _Development(
                str(d["kind"]),
                quote,
                spans,
                _occurred(d["occurred"]),
                tuple(figures),
                tuple(Place(str(p["name"]), str(p["country"])) for p in d.get("places") or []),
            )
        )
    return found


def measure(directory: Path, name: str = "dev") -> tuple[dict[str, Count], list[ArticleScore]]:
    totals = {m: Count() for m in MEASURES}
    scores = []
    for second in sorted(directory.glob("*.yaml")):
        gold_path = EVAL / name / second.name
        if not gold_path.is_file():
            continue
        text = gold_path.with_suffix(".txt").read_text("utf-8")
        gold = yaml.safe_load(gold_path.read_text("utf-8"))
        other = yaml.safe_load(second.read_text("utf-8"))
        score = ArticleScore(second.stem)
        source = other.get("source") or {}
        compare(
            score,
            text,
            gold,
            as_extracted(text, other),
            str(source.get("headline") or ""),
            str(source.get("outlet") or ""),
        )
        scores.append(score)
        for m, count in score.counts.items():
            totals[m].add(count)
    return totals, scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--set", default="dev", choices=("dev",))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--detail", action="store_true")
    args = parser.parse_args(argv)
    totals, scores = measure(args.directory, args.set)
    if args.json:
        print(json.dumps({"articles": len(scores), **levels(totals)}, indent=2))
        return 0
    print(f"second annotation of {len(scores)} {args.set} articles, scored against the gold:")
    print_totals(totals, "second")
    if args.detail:
        for score in scores:
            print(score.stem)
            for miss in score.misses:
                print("   ", miss[:200])
    return 0


if __name__ == "__main__":
    sys.exit(main())
