"""Accuracy of ``timeline extract`` on real published articles (``fixtures/eval/``).

Two sets: ``dev`` (read and tuned on) and ``test`` (annotated by someone who never edits the
rules; reported as totals only). Each article is extracted the way a user would run it: with
its publication time and nothing else, so headline and outlet detection are measured too.

Measures (per set, summed over articles):

* **developments**: an extracted development matches a gold one when the sentences it quotes
  overlap the gold quote by at least half of the shorter (one-to-one, greedily, best overlap
  and same kind first). Precision over extracted, recall over gold.
* **figures**: the set of (party, category, low, best, high) per article, exact; the same
  figure given twice in one article counts once.
* **figure sides**: of the matched figures, the share whose claimant resolves to the gold
  side (both resolved through the actor registry at the development's occurred time, or
  compared as written when unresolved).
* **places**: the set of (folded name, country) per article; a trailing administrative word
  and a leading "the" are not part of the name, and a hyphen is a space ("Gezira state" is
  "Gezira", "Batken Region" is "Batken", "Bhimber sector" is "Bhimber", "El-Fasher" is "El
  Fasher"), since annotators and articles write both for the same place.
* **occurred**: of the gold developments that are not background history, the share matched
  to an extracted development whose occurred interval agrees (the rule of
  :func:`benchmarks.extract_accuracy.occurred_matches`).
* **headline**, **outlet**: exact after folding case and punctuation.

Usage: python -m benchmarks.extract_eval [--set dev|test|all] [--json] [--detail]
(``--detail`` lists misses; it refuses the test set, which stays blind.)
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from benchmarks.extract_accuracy import Score, _overlap, _side, _spans_of_quote
from timeline.actors.registry import builtin
from timeline.errors import TimelineError
from timeline.extract import Options, extract_file
from timeline.extract.gazetteer import fold

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "fixtures" / "eval"
BASELINE = Path(__file__).resolve().parent / "extract_eval_baseline.json"
SETS = ("dev", "test")

FigureKey = tuple[str, str, int | None, int | None, int | None]


#: A measure's counts: correct, extracted and gold items (the older harness's ``Score``).
Count = Score


MEASURES = ("developments", "figures", "figure_sides", "places", "occurred", "headline", "outlet")


@dataclass
class ArticleScore:
    stem: str
    counts: dict[str, Count] = field(default_factory=lambda: {m: Count() for m in MEASURES})
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)


def _norm(text: str | None) -> str:
    return re.sub(r"[^\w]+", " ", (text or "").casefold()).strip()


def _bounds(figure: dict[str, Any]) -> tuple[int | None, int | None, int | None]:
    """Normalised bounds, as the dispatch format stores them: a lone best is exact, a lone
    low is also the best estimate."""
    low, best, high = figure.get("low"), figure.get("best"), figure.get("high")
    if best is not None and low is None and high is None:
        low = high = best
    elif best is None and low is not None and high is None:
        best = low
    return low, best, high


def _same_outlet(found: str, gold: str) -> bool:
    """Outlets agree when their names do, or when both name the same registry actor ("AP"
    and "Associated Press")."""
    if _norm(found) == _norm(gold):
        return True
    registry = builtin()
    actor = registry.resolve(found)
    return actor is not None and actor == registry.resolve(gold)


_ADMIN_WORD = re.compile(
    r"^the\s+|\s+(?:regional state|state|province|region|district|governorate|oblast|county|"
    r"township|prefecture|municipality|raion|neighbou?rhood|village|town|city|zone|woreda|"
    r"tehsil|upazila|sub-county|local government area|lga|sector)$"
)


def place_key(name: str) -> str:
    """A place's name as compared: folded, without a leading "the" or a trailing
    administrative word."""
    return _ADMIN_WORD.sub("", fold(name).replace("-", " ")).strip()


def _day_bounds(start: str, end: str | None, precision: str) -> tuple[str, str]:
    """Inclusive first and last day of an occurred interval (gold or extracted)."""
    first = start[:10]
    last = (end or start)[:10]
    if precision == "night" and not end:
        return first, first
    if len(start) == 4:
        return f"{start}-01-01", f"{(end or start)[:4]}-12-31"
    if len(start) == 7:
        # The month's real last day: "2012-04" ends on the 30th, not on an "April 31".
        year, month = (int(part) for part in (end or start)[:7].split("-"))
        days = calendar.monthrange(year, month)[1]
        return f"{start}-01", f"{(end or start)[:7]}-{days:02d}"
    return first, last


def _occurred_ok(extracted: Any, gold: dict[str, Any]) -> bool:
    e_first = extracted.occurred.start[:10]
    # The draft's end is exclusive at midnight; step back to the last day it covers.
    e_end = extracted.occurred.end
    from datetime import date, timedelta

    e_last = e_end[:10]
    if e_end[11:19] in ("00:00:00", "") and e_end[:10] > e_first:
        e_last = (date.fromisoformat(e_end[:10]) - timedelta(days=1)).isoformat()
    occ = gold["occurred"]
    g_first, g_last = _day_bounds(
        str(occ["start"]), occ.get("end") and str(occ["end"]), occ["precision"]
    )
    if (e_first, e_last) == (g_first, g_last):
        return True
    precision = extracted.occurred.precision
    if precision in ("week", "month", "year") and e_first <= g_first and g_last <= e_last:
        return True
    if occ["precision"] == "approximate" and g_first <= e_first and e_last <= g_last:
        return True
    return bool(occ["precision"] == "night" and e_first == g_first)


def score_article(article: Path, gold_path: Path, *, with_url: bool = False) -> ArticleScore:
    gold = yaml.safe_load(gold_path.read_text("utf-8"))
    source = gold["source"]
    score = ArticleScore(article.stem)
    started = time.perf_counter()
    try:
        options = Options(
            published=str(source["published"]),
            url=str(source["url"]) if with_url and source.get("url") else None,
        )
        extraction = extract_file(article, options)
    except TimelineError as exc:  # no development found: everything in the gold is missed
        extraction = None
        score.misses.append(f"no draft: {exc}")
    score.seconds = time.perf_counter() - started
    text = extraction.source.text if extraction else article.read_text("utf-8")
    headline = extraction.dispatch.report.headline if extraction else ""
    outlet = extraction.dispatch.report.outlet if extraction else ""
    extracted = list(extraction.dispatch.developments) if extraction else []
    compare(score, text, gold, extracted, headline, outlet)
    return score


def compare(
    score: ArticleScore,
    text: str,
    gold: dict[str, Any],
    extracted: list[Any],
    headline: str,
    outlet: str,
) -> None:
    """Score ``extracted`` developments (drafts, or another annotation read by
    :func:`benchmarks.eval_agreement.as_extracted`) against one gold annotation."""
    source = gold["source"]
    c = score.counts
    c["headline"] = Count(int(_norm(headline) == _norm(source.get("headline"))), 1, 1)
    c["outlet"] = Count(int(_same_outlet(outlet, str(source.get("outlet") or ""))), 1, 1)
    if not c["headline"].correct:
        score.misses.append(f"headline {headline!r} ≠ {source.get('headline')!r}")
    if not c["outlet"].correct:
        score.misses.append(f"outlet {outlet!r} ≠ {source.get('outlet')!r}")

    golds = list(gold.get("developments") or [])
    gold_spans = []
    for g in golds:
        located = _spans_of_quote(text, g["quote"])
        gold_spans.append([located] if located else [])
    extracted_spans = [
        [(p.start, p.end) for p in d.provenance if p.field == "quote"] for d in extracted
    ]
    candidates = []
    for i, e in enumerate(extracted):
        for j, g in enumerate(golds):
            overlap = _overlap(extracted_spans[i], gold_spans[j]) if gold_spans[j] else 0.0
            if overlap >= 0.5:
                candidates.append(((e.kind == g["kind"], overlap), i, j))
    pairs: list[tuple[int, int]] = []
    used_e: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in sorted(candidates, key=lambda x: x[0], reverse=True):
        if i not in used_e and j not in used_g:
            pairs.append((i, j))
            used_e.add(i)
            used_g.add(j)
    c["developments"] = Count(len(pairs), len(extracted), len(golds))
    for j, g in enumerate(golds):
        if j not in used_g:
            score.misses.append(f"missed: {g['quote'][:90]}")
    for i, e in enumerate(extracted):
        if i not in used_e:
            score.misses.append(f"extra: {e.summary[:90]}")

    key_golds = [j for j, g in enumerate(golds) if g["kind"] != "background"]
    matched = dict((j, i) for i, j in pairs)
    occurred_ok = 0
    for j in key_golds:
        if j in matched:
            if _occurred_ok(extracted[matched[j]], golds[j]):
                occurred_ok += 1
            else:
                e = extracted[matched[j]]
                score.misses.append(
                    f"occurred {e.occurred.start[:10]}..{e.occurred.end[:10]} {e.occurred.precision}"
                    f" ≠ {golds[j]['occurred']} ({e.kind}, gold {golds[j]['kind']}) for:"
                    f" {golds[j]['quote'][:60]}"
                )
    c["occurred"] = Count(occurred_ok, len(key_golds), len(key_golds))

    gold_figures: dict[FigureKey, str] = {}
    for g in golds:
        when = str(g["occurred"]["start"])
        for f in g.get("figures") or []:
            key = (str(f["party"]), f["category"], *_bounds(f))
            gold_figures.setdefault(key, _side(f.get("side") or g["claim"]["side"], when))
    extracted_figures: dict[FigureKey, str] = {}
    for e in extracted:
        for f in e.figures:
            key = (f.party, f.category, f.low, f.best, f.high)
            extracted_figures.setdefault(key, _side(f.claimant, e.occurred.start))
    shared = set(gold_figures) & set(extracted_figures)
    c["figures"] = Count(len(shared), len(extracted_figures), len(gold_figures))
    right_side = sum(gold_figures[k] == extracted_figures[k] for k in shared)
    c["figure_sides"] = Count(right_side, len(shared), len(gold_figures))
    for k in sorted(set(gold_figures) - shared, key=str):
        score.misses.append(f"figure missed {k}")
    for k in sorted(set(extracted_figures) - shared, key=str):
        score.misses.append(f"figure extra {k}")
    for k in sorted(shared, key=str):
        if gold_figures[k] != extracted_figures[k]:
            score.misses.append(f"figure side {extracted_figures[k]} ≠ {gold_figures[k]} {k}")

    gold_places = {
        (place_key(p["name"]), p["country"]) for g in golds for p in g.get("places") or []
    }
    extracted_places = {(place_key(p.name), p.country) for e in extracted for p in e.places}
    c["places"] = Count(
        len(gold_places & extracted_places), len(extracted_places), len(gold_places)
    )
    for p in sorted(gold_places - extracted_places):
        score.misses.append(f"place missed {p}")
    for p in sorted(extracted_places - gold_places):
        score.misses.append(f"place extra {p}")


def load_set(name: str) -> list[tuple[Path, Path]]:
    folder = EVAL / name
    manifest = yaml.safe_load((folder / "manifest.yaml").read_text("utf-8"))
    return [
        (folder / f"{entry['stem']}.txt", folder / f"{entry['stem']}.yaml")
        for entry in manifest["articles"]
    ]


def measure(name: str, *, with_url: bool = False) -> tuple[dict[str, Count], list[ArticleScore]]:
    totals = {m: Count() for m in MEASURES}
    scores = []
    for article, gold in load_set(name):
        score = score_article(article, gold, with_url=with_url)
        scores.append(score)
        for m, count in score.counts.items():
            totals[m].add(count)
    return totals, scores


def levels(totals: dict[str, Count]) -> dict[str, dict[str, float]]:
    return {
        m: {"precision": round(c.precision, 3), "recall": round(c.recall, 3)}
        for m, c in totals.items()
    }


def print_totals(totals: dict[str, Count], found: str) -> None:
    """One line per measure: its levels and counts (``found`` names what was scored)."""
    for m, c in totals.items():
        print(
            f"  {m:14} precision {c.precision:.2f}  recall {c.recall:.2f}"
            f"  ({c.correct}/{c.extracted} {found}, {c.gold} gold)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--detail", action="store_true", help="List misses (dev set only).")
    parser.add_argument("--write-baseline", action="store_true")
    parser.add_argument(
        "--with-url",
        action="store_true",
        help="Give extract each article's URL (--url), as a desk editor would; the CI floor "
        "is measured without it, on the text and publication time alone.",
    )
    args = parser.parse_args(argv)
    if args.with_url and args.write_baseline:
        parser.error("--write-baseline records the levels without --with-url")
    if args.detail and args.set != "dev":
        parser.error("--detail is for the dev set only: the test set stays blind")
    chosen = SETS if args.set == "all" else (args.set,)
    report: dict[str, Any] = {}
    for name in chosen:
        totals, scores = measure(name, with_url=args.with_url)
        report[name] = levels(totals)
        report[name]["articles"] = len(scores)  # type: ignore[assignment]
        report[name]["ms_per_article"] = round(  # type: ignore[assignment]
            1000 * sum(s.seconds for s in scores) / max(len(scores), 1), 1
        )
        if args.detail:
            for s in scores:
                print(f"\n{s.stem}")
                for line in s.misses:
                    print(f"  {line}")
        if not args.json:
            print(f"\n{name}: {len(scores)} articles")
            print_totals(totals, "extracted")
    if args.json:
        print(json.dumps(report, indent=2))
    if args.write_baseline:
        BASELINE.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
        print(f"wrote {BASELINE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
