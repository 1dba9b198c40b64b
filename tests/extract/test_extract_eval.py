"""Extraction accuracy on real published articles (fixtures/eval): CI holds the floor.

The recorded levels are in benchmarks/extract_eval_baseline.json (``python -m
benchmarks.extract_eval --write-baseline`` after an intended improvement). The test set is
scored as totals only; see docs/extraction.md for the split and the rules around it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from benchmarks.extract_eval import BASELINE, EVAL, _day_bounds, levels, measure, place_key

#: A drop below the recorded level by more than this fails.
EPSILON = 0.01


@pytest.fixture(scope="module", params=["dev", "test"])
def measured(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    totals, _ = measure(request.param)
    return request.param, levels(totals)


def test_accuracy_holds_the_recorded_floor(measured: tuple[str, dict[str, Any]]) -> None:
    name, now = measured
    floor = json.loads(BASELINE.read_text("utf-8"))[name]
    drops = [
        f"{field} {which} {now[field][which]:.3f} < {value[which]:.3f}"
        for field, value in floor.items()
        if isinstance(value, dict)
        for which in ("precision", "recall")
        if now[field][which] < value[which] - EPSILON
    ]
    assert not drops, f"{name}: accuracy dropped: " + "; ".join(drops)


def _manifest(name: str) -> list[dict[str, Any]]:
    articles: list[dict[str, Any]] = yaml.safe_load(
        (EVAL / name / "manifest.yaml").read_text("utf-8")
    )["articles"]
    return articles


def test_the_sets_are_apart_and_every_article_has_its_provenance() -> None:
    dev, test = _manifest("dev"), _manifest("test")
    assert len(test) >= 20 and len(dev) + len(test) >= 40
    assert not {a["url"] for a in dev} & {a["url"] for a in test}
    # No development article shares a conflict and a publication year with a test article (the
    # development set takes even years, the test set odd ones, but for nine articles of batch T
    # from conflicts and years the test set does not have).
    tested = {(a["conflict"], str(a["published"])[:4]) for a in test}
    assert not [a["stem"] for a in dev if (a["conflict"], str(a["published"])[:4]) in tested]
    conflicts = {a["conflict"] for a in dev} | {a["conflict"] for a in test}
    assert len(conflicts) >= 12
    for name, articles in (("dev", dev), ("test", test)):
        for article in articles:
            assert article["url"].startswith("http") and article["outlet"] and article["published"]
            gold = yaml.safe_load((EVAL / name / f"{article['stem']}.yaml").read_text("utf-8"))
            assert gold["source"]["url"] == article["url"]
            # The September 2022 Armenia–Azerbaijan fighting belongs to the blind set alone.
            assert not (
                {"ARM", "AZE"} <= {c for d in gold["developments"] for c in d["countries"]}
                and str(gold["source"]["published"]).startswith("2022-09")
            )


@pytest.mark.parametrize(
    ("written", "same_as"),
    [
        ("Gezira state", "Gezira"),
        ("El-Fasher", "El Fasher"),
        # A sector of the Line of Control or the Line of Actual Control, which annotators
        # write both with and without its word ("Bhimber sector", "Nakyal").
        ("Bhimber sector", "Bhimber"),
        ("Tawang Sector", "Tawang"),
    ],
)
def test_places_compare_without_their_administrative_word(written: str, same_as: str) -> None:
    assert place_key(written) == place_key(same_as)


@pytest.mark.parametrize(
    ("month", "last"),
    [
        ("2012-04", "2012-04-30"),
        ("2024-02", "2024-02-29"),
        ("2023-02", "2023-02-28"),
        ("2022-12", "2022-12-31"),
    ],
)
def test_a_month_ends_on_its_own_last_day(month: str, last: str) -> None:
    # A month told in the gold ("In April, four soldiers were killed") is compared with the
    # draft's month by its real days; an "April 31" never matched the draft's April.
    assert _day_bounds(month, None, "month") == (f"{month}-01", last)
    assert _day_bounds("2023-10", "2024-02", "month") == ("2023-10-01", "2024-02-29")
