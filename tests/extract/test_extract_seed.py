"""The seed article end to end: the curated dispatch is the gold annotation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.extract_accuracy import score_article
from timeline.dispatch import _StringDateLoader, load_dispatch, parse_document
from timeline.extract import MACHINE, Extraction, Options, extract_file
from timeline.extract.output import to_json, to_yaml

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed-article.txt"
GOLD = ROOT / "fixtures" / "dispatches" / "2022-09-13-reuters-armenia-azerbaijan.yaml"
OPTIONS = Options(published="2022-09-13T12:00:00+00:00", outlet="Reuters")


@pytest.fixture(scope="module")
def seed() -> Extraction:
    return extract_file(SEED, OPTIONS)


def by_quote(seed: Extraction, start: str) -> list[dict[str, Any]]:
    return [d for d in seed.document["developments"] if d["quote"].startswith(start)]


def test_recall_of_developments_and_exact_figures() -> None:
    result = score_article("seed-article.txt", SEED, GOLD)
    assert result.scores["developments"].recall >= 0.9
    figures = result.scores["figures"]
    assert figures.correct == figures.gold == figures.extracted  # every figure exact


def test_the_lead_gives_one_casualty_report_per_claimant(seed: Extraction) -> None:
    # The lead also tells the fighting itself, a clash beside the two tolls (since the
    # twelfth session: "killed in the ... fighting between Azerbaijan and Armenia").
    lead = by_quote(seed, "At least 49 Armenian soldiers")
    assert sorted(d["kind"] for d in lead) == ["armed_clash", "casualty_report", "casualty_report"]
    armenia, azerbaijan = [d for d in lead if d["kind"] == "casualty_report"]
    assert armenia["figures"] == [
        {"party": "ARM", "category": "killed", "low": 49, "claimant": "Government of Armenia"}
    ]
    assert azerbaijan["figures"] == [
        {"party": "AZE", "category": "killed", "best": 50, "claimant": "Government of Azerbaijan"}
    ]
    assert armenia["countries"] == ["ARM"] and azerbaijan["countries"] == ["AZE"]
    assert armenia["occurred"] == {"start": "2022-09-12", "end": "2022-09-13", "precision": "night"}


@pytest.mark.parametrize(
    ("quote", "occurred"),
    [
        (
            "Armenia and Azerbaijan, neighboring",
            {
                "start": "2022-09-12",
                "end": "2022-09-13",
                "precision": "night",
                "phrase": "overnight",
            },
        ),
        (
            "The Collective Security",
            {"start": "2022-09-13", "precision": "day", "phrase": "on Tuesday"},
        ),
        (
            "Michel met Pashinyan",
            {"start": "2022-08", "precision": "month", "phrase": "last month"},
        ),
        (
            "Russia has peacekeeping",
            {"start": "2020", "precision": "year", "phrase": "two years ago"},
        ),
        (
            "France will raise",
            {"start": "2022-09-13", "precision": "approximate", "phrase": "will raise"},
        ),
        ("Reuters was unable", {"start": "2022-09-13", "precision": "day"}),
    ],
)
def test_times_resolve_against_publication(
    seed: Extraction, quote: str, occurred: dict[str, str]
) -> None:
    (development,) = by_quote(seed, quote)
    assert development["occurred"] == occurred


def test_places_have_coordinates_and_country(seed: Extraction) -> None:
    (shelling,) = by_quote(seed, "Armenia said Azerbaijan bombed")
    assert shelling["kind"] == "shelling"
    assert [(p["name"], p["country"]) for p in shelling["places"]] == [
        ("Jermuk", "ARM"),
        ("Goris", "ARM"),
        ("Kapan", "ARM"),
    ]
    assert all("lat" in p and "lon" in p for p in shelling["places"])


def test_every_field_is_traceable_to_the_article(seed: Extraction) -> None:
    text = SEED.read_text("utf-8")
    for development in seed.document["developments"]:
        provenance = development["provenance"]
        assert {p["field"] for p in provenance} >= {"quote", "kind"}
        for entry in provenance:
            assert entry["text"] == text[entry["start"] : entry["end"]]
        assert development["review"] == {"status": MACHINE, "extractor": "timeline-extract/1"}


def test_the_boilerplate_is_not_a_development(seed: Extraction) -> None:
    quotes = " ".join(d["quote"] for d in seed.document["developments"])
    assert "Leave a Reply" not in quotes and "Required fields" not in quotes


def test_yaml_and_json_drafts_round_trip_and_are_deterministic(seed: Extraction) -> None:
    text = to_yaml(seed)
    assert text == to_yaml(extract_file(SEED, OPTIONS))
    from_yaml = parse_document(yaml.load(text, Loader=_StringDateLoader), "draft.yaml")
    from_json = parse_document(yaml.safe_load(to_json(seed)), "draft.json")
    assert from_yaml.content_hash == from_json.content_hash == seed.dispatch.content_hash


def test_same_report_identity_as_the_curated_dispatch(seed: Extraction) -> None:
    gold = load_dispatch(GOLD)
    assert seed.dispatch.report.published == gold.report.published
    assert seed.dispatch.report.headline == gold.report.headline
    assert seed.document["conflicts"][0] == {
        "id": "armenia-azerbaijan",
        "name": "Armenia–Azerbaijan conflict",
        "parties": ["ARM", "AZE"],
        "aliases": ["Nagorno-Karabakh conflict", "Armenia-Azerbaijan border crisis"],
        "started": "1988-02",
    }
