"""Accuracy of ``timeline extract`` against hand-annotated articles.

The articles and their gold dispatches are listed in ``fixtures/articles/manifest.yaml``: the
seed article with its curated dispatch, and hand-written wire-style articles about other
conflicts. Each article is extracted with the publication time, outlet and URL of its gold
report (the conflict is left for the extractor to find).

Matching (documented in docs/extraction.md):

* Each gold development's ``quote`` is located in the article text (whitespace-insensitive).
  Each extracted development's supporting sentences are its ``quote`` provenance spans.
* An extracted and a gold development are a candidate pair when their spans overlap by at
  least half of the shorter one. Pairs are matched one-to-one, greedily: first pairs whose
  kinds agree, then whose occurred times match, then by the overlap of their figures and
  countries, then by span overlap. (So one sentence that gives two claimants' figures, or a
  ceasefire and its violation, pairs each extracted development with the right gold one.)
* Per field, precision is correct items over extracted items and recall is correct items
  over gold items; unmatched developments count against both. Single-valued fields (kind,
  occurred, attribution) have one item per development; list fields (countries, places,
  figures, actors) one item per value.
* occurred is correct when the day-granular intervals are equal; or the extracted one is a
  whole week, month or year that contains the gold one (the text said "two years ago" and the
  annotator added the war's dates); or the gold one is approximate and contains the
  extracted one.
* attribution is correct when the verification status is equal and at least one asserter's
  side is shared. A place is its (accent- and case-folded) name and country. A figure is its
  party, category, normalised bounds and the side its claimant speaks for (resolved through
  the actor registry, so "Kyrgyz Health Ministry" and "Government of Kyrgyzstan" agree).

Usage: python -m benchmarks.extract_accuracy [--json] [--detail] [--write-baseline]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.table import Table

from timeline.actors.names import name_key
from timeline.actors.registry import builtin
from timeline.dates import from_iso
from timeline.dispatch import DevelopmentDraft, load_dispatch
from timeline.extract import Options, extract_file
from timeline.extract.gazetteer import fold

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "fixtures" / "articles" / "manifest.yaml"
BASELINE = Path(__file__).resolve().parent / "extract_accuracy_baseline.json"
FIELDS = (
    "developments",
    "kind",
    "occurred",
    "countries",
    "places",
    "figures",
    "attribution",
    "actors",
)
#: A drop below the recorded level by more than this fails the CI test.
EPSILON = 0.01


@dataclass
class Score:
    correct: int = 0
    extracted: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.correct += other.correct
        self.extracted += other.extracted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class ArticleResult:
    name: str
    scores: dict[str, Score]
    held_out: bool = False
    unmatched_gold: list[str] = field(default_factory=list)
    unmatched_extracted: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class AccuracyReport:
    articles: list[ArticleResult]

    def total(self, *, held_out: bool | None = None) -> dict[str, Score]:
        """Scores summed over the articles (only held-out ones, or only tuned ones, if asked)."""
        totals = {f: Score() for f in FIELDS}
        for article in self.articles:
            if held_out is not None and article.held_out != held_out:
                continue
            for name, score in article.scores.items():
                totals[name].add(score)
        return totals

    def levels(self) -> dict[str, Any]:
        """Precision and recall per field, overall and for the seed article (rounded)."""

        def table(scores: dict[str, Score]) -> dict[str, dict[str, float]]:
            return {
                name: {"precision": round(s.precision, 3), "recall": round(s.recall, 3)}
                for name, s in scores.items()
            }

        seed = next((a for a in self.articles if a.name == "seed-article.txt"), None)
        levels = {
            "overall": table(self.total()),
            "seed": table(seed.scores) if seed else {},
        }
        if any(a.held_out for a in self.articles):
            levels["held_out"] = table(self.total(held_out=True))
        return levels


def _spans_of_quote(text: str, quote: str) -> tuple[int, int] | None:
    exact = text.find(quote)
    if exact >= 0:
        return exact, exact + len(quote)
    pattern = r"\s+".join(re.escape(part) for part in quote.split())
    found = re.search(pattern, text)
    return (found.start(), found.end()) if found else None


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> float:
    shared = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)
    shorter = min(sum(e - s for s, e in a), sum(e - s for s, e in b))
    return shared / shorter if shorter else 0.0


def _day_bounds(d: DevelopmentDraft) -> tuple[datetime, datetime]:
    start = from_iso(d.occurred.start)
    end = from_iso(d.occurred.end)
    start = start.replace(hour=0, minute=0, second=0)
    if end.time() != datetime.min.time():
        end = end.replace(hour=0, minute=0, second=0) + timedelta(days=1)
    return start, end


def occurred_matches(extracted: DevelopmentDraft, gold: DevelopmentDraft) -> bool:
    e0, e1 = _day_bounds(extracted)
    g0, g1 = _day_bounds(gold)
    if (e0, e1) == (g0, g1):
        return True
    if extracted.occurred.precision in ("week", "month", "year") and e0 <= g0 and g1 <= e1:
        return True
    return gold.occurred.precision == "approximate" and g0 <= e0 and e1 <= g1


def _attribution(extracted: DevelopmentDraft, gold: DevelopmentDraft) -> bool:
    if extracted.claim.verification != gold.claim.verification:
        return False
    mine = {_side(a, extracted.occurred.start) for a in extracted.claim.asserted_by}
    theirs = {_side(a, gold.occurred.start) for a in gold.claim.asserted_by}
    return bool(mine & theirs)


def _side(name: str, when: str) -> str:
    """Claimants compare by side: the actor registry's side at the occurred time, or the
    name's normal form when it resolves to no actor (see docs/actors.md)."""
    registry = builtin()
    actor = registry.resolve(name)
    return registry.side(actor, when) if actor else f"?{name_key(name)}"


def _figures(d: DevelopmentDraft) -> set[tuple[Any, ...]]:
    when = d.occurred.start
    return {
        (f.party, f.category, f.low, f.best, f.high, _side(f.claimant, when)) for f in d.figures
    }


def _places(d: DevelopmentDraft) -> set[tuple[str, str]]:
    return {(fold(p.name), p.country) for p in d.places}


def _sets(d: DevelopmentDraft) -> dict[str, set[Any]]:
    return {
        "countries": set(d.countries),
        "places": _places(d),
        "figures": _figures(d),
        "actors": {a.casefold() for a in d.actors},
    }


def _jaccard(a: set[Any], b: set[Any]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def score_article(name: str, article: Path, gold_path: Path) -> ArticleResult:
    import time

    gold = load_dispatch(gold_path)
    report = gold.report
    started = time.perf_counter()
    extraction = extract_file(
        article,
        Options(published=_published_as_written(gold_path), outlet=report.outlet, url=report.url),
    )
    seconds = time.perf_counter() - started
    text = extraction.source.text
    extracted = list(extraction.dispatch.developments)
    gold_spans: list[list[tuple[int, int]]] = []
    for development in gold.developments:
        located = _spans_of_quote(text, development.quote or "")
        if located is None:
            raise SystemExit(f"{gold_path}: quote of {development.key!r} is not in {article}")
        gold_spans.append([located])
    extracted_spans = [
        [(p.start, p.end) for p in d.provenance if p.field == "quote"] for d in extracted
    ]
    candidates = []
    for i, e in enumerate(extracted):
        for j, g in enumerate(gold.developments):
            overlap = _overlap(extracted_spans[i], gold_spans[j])
            if overlap < 0.5:
                continue
            es, gs = _sets(e), _sets(g)
            rank = (
                e.kind == g.kind,
                occurred_matches(e, g),
                _jaccard(es["figures"], gs["figures"]),
                _jaccard(es["countries"], gs["countries"]),
                overlap,
            )
            candidates.append((rank, i, j))
    pairs: list[tuple[int, int]] = []
    used_e: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in sorted(candidates, key=lambda c: c[0], reverse=True):
        if i in used_e or j in used_g:
            continue
        pairs.append((i, j))
        used_e.add(i)
        used_g.add(j)
    scores = {f: Score(extracted=0, gold=0) for f in FIELDS}
    n_e, n_g = len(extracted), len(gold.developments)
    for single in ("developments", "kind", "occurred", "attribution"):
        scores[single].extracted, scores[single].gold = n_e, n_g
    for listed in ("countries", "places", "figures", "actors"):
        scores[listed].extracted = sum(len(_sets(d)[listed]) for d in extracted)
        scores[listed].gold = sum(len(_sets(d)[listed]) for d in gold.developments)
    result = ArticleResult(name=name, scores=scores, seconds=seconds)
    for i, j in pairs:
        e, g = extracted[i], gold.developments[j]
        scores["developments"].correct += 1
        checks = {
            "kind": e.kind == g.kind,
            "occurred": occurred_matches(e, g),
            "attribution": _attribution(e, g),
        }
        for name_, ok in checks.items():
            scores[name_].correct += ok
            if not ok:
                result.mismatches.append(
                    f"{g.key} ← {e.key}: {name_} {_show(name_, e)} ≠ {_show(name_, g)}"
                )
        es, gs = _sets(e), _sets(g)
        for listed in ("countries", "places", "figures", "actors"):
            scores[listed].correct += len(es[listed] & gs[listed])
            if listed != "actors" and es[listed] != gs[listed]:
                result.mismatches.append(
                    f"{g.key} ← {e.key}: {listed} +{sorted(es[listed] - gs[listed])} "
                    f"-{sorted(gs[listed] - es[listed])}"
                )
    result.unmatched_gold = [g.key for j, g in enumerate(gold.developments) if j not in used_g]
    result.unmatched_extracted = [e.key for i, e in enumerate(extracted) if i not in used_e]
    return result


def _show(field_name: str, d: DevelopmentDraft) -> str:
    if field_name == "kind":
        return d.kind
    if field_name == "occurred":
        return f"{d.occurred.start[:10]}..{d.occurred.end[:10]} {d.occurred.precision}"
    return f"{list(d.claim.asserted_by)} {d.claim.verification}"


def _published_as_written(gold_path: Path) -> str:
    from timeline.dispatch import _StringDateLoader

    raw = yaml.load(gold_path.read_text("utf-8"), Loader=_StringDateLoader)
    return str(raw["report"]["published"])


def load_manifest(path: Path = MANIFEST) -> list[tuple[str, Path, Path, bool]]:
    raw = yaml.safe_load(path.read_text("utf-8"))
    entries = []
    for entry in raw["articles"]:
        article = (path.parent / entry["article"]).resolve()
        gold = (path.parent / entry["gold"]).resolve()
        entries.append((article.name, article, gold, bool(entry.get("held_out", False))))
    return entries


def measure(manifest: Path = MANIFEST) -> AccuracyReport:
    """Extract every article in the manifest and score it against its gold dispatch."""
    results = []
    for name, article, gold, held_out in load_manifest(manifest):
        result = score_article(name, article, gold)
        result.held_out = held_out
        results.append(result)
    return AccuracyReport(results)


def totals_table(title: str, scores: dict[str, Score]) -> Table:
    out = Table(title=title, pad_edge=False)
    for column in ("Field", "Precision", "Recall", "Correct", "Extracted", "Gold"):
        out.add_column(column, justify="left" if column == "Field" else "right")
    for name in FIELDS:
        s = scores[name]
        out.add_row(
            name,
            f"{s.precision:.2f}",
            f"{s.recall:.2f}",
            str(s.correct),
            str(s.extracted),
            str(s.gold),
        )
    return out


def articles_table(report: AccuracyReport) -> Table:
    out = Table(title="Per article: F1 (harmonic mean of precision and recall)", pad_edge=False)
    out.add_column("Article", overflow="fold")
    short = {
        "developments": "devs",
        "occurred": "occ",
        "countries": "ctry",
        "places": "plc",
        "figures": "fig",
        "attribution": "attr",
    }
    for name in FIELDS[:-1]:
        out.add_column(short.get(name, name), justify="right")
    for article in report.articles:
        label = article.name.rsplit(".", 1)[0] + (" (held out)" if article.held_out else "")
        out.add_row(label, *(f"{article.scores[f].f1:.2f}" for f in FIELDS[:-1]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="Print the levels as JSON.")
    parser.add_argument("--detail", action="store_true", help="List misses and mismatches.")
    parser.add_argument(
        "--write-baseline", action="store_true", help=f"Record the levels in {BASELINE.name}."
    )
    args = parser.parse_args(argv)
    report = measure()
    if args.json:
        print(json.dumps(report.levels(), indent=2))
    else:
        console = Console(markup=False, emoji=False, highlight=False)
        totals = report.total()
        console.print(
            totals_table(
                f"All {len(report.articles)} articles ({totals['developments'].gold} gold developments)",
                totals,
            )
        )
        seed = next((a for a in report.articles if a.name == "seed-article.txt"), None)
        if seed is not None:
            console.print(totals_table("Seed article", seed.scores))
        if any(a.held_out for a in report.articles):
            console.print(totals_table("Held-out articles", report.total(held_out=True)))
        console.print(articles_table(report))
        if args.detail:
            for article in report.articles:
                console.print(f"\n{article.name}")
                for key in article.unmatched_gold:
                    console.print(f"  missed gold: {key}")
                for key in article.unmatched_extracted:
                    console.print(f"  extra extracted: {key}")
                for line in article.mismatches:
                    console.print(f"  {line}")
    if args.write_baseline:
        BASELINE.write_text(json.dumps(report.levels(), indent=2) + "\n", "utf-8")
        print(f"wrote {BASELINE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["EPSILON", "AccuracyReport", "Score", "measure", "occurred_matches"]
