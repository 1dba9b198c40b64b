"""The accuracy harness runs in CI: accuracy may not drop below the recorded levels.

The levels are in benchmarks/extract_accuracy_baseline.json; after an intended improvement,
record the new levels with ``python -m benchmarks.extract_accuracy --write-baseline``.
"""

from __future__ import annotations

import json

import pytest

from benchmarks.extract_accuracy import BASELINE, EPSILON, AccuracyReport, main, measure


@pytest.fixture(scope="module")
def report() -> AccuracyReport:
    return measure()


@pytest.mark.parametrize("scope", ["overall", "seed", "held_out"])
def test_accuracy_does_not_drop_below_the_recorded_levels(
    report: AccuracyReport, scope: str
) -> None:
    recorded = json.loads(BASELINE.read_text("utf-8"))[scope]
    measured = report.levels()[scope]
    drops = [
        f"{field} {which} {measured[field][which]:.3f} < {levels[which]:.3f}"
        for field, levels in recorded.items()
        for which in ("precision", "recall")
        if measured[field][which] < levels[which] - EPSILON
    ]
    assert not drops, f"{scope}: accuracy dropped: " + "; ".join(drops)


def test_the_seed_meets_the_issue_thresholds(report: AccuracyReport) -> None:
    seed = next(a for a in report.articles if a.name == "seed-article.txt")
    assert seed.scores["developments"].recall >= 0.9
    figures = seed.scores["figures"]
    assert figures.correct == figures.gold == figures.extracted


def test_every_gold_quote_is_found_and_the_fixtures_cover_the_kinds(report: AccuracyReport) -> None:
    from benchmarks.extract_accuracy import load_manifest
    from timeline.dispatch import load_dispatch
    from timeline.vocabulary import IMPORT_ONLY_KINDS, KINDS

    entries = load_manifest()
    assert len(entries) >= 6  # the seed and at least five hand-written articles
    kinds = {d.kind for _, _, gold, _ in entries for d in load_dispatch(gold).developments}
    assert kinds == set(KINDS) - IMPORT_ONLY_KINDS
    assert report.total()["developments"].gold == sum(
        len(load_dispatch(gold).developments) for _, _, gold, _ in entries
    )


def test_the_harness_prints_its_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Seed article" in out and "Held-out articles" in out and "Per article" in out
