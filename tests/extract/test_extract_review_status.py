"""The dispatch format's optional provenance and review fields, through to the read models."""

from __future__ import annotations

import copy
import json
from typing import Any

from support import SEED, minimal_dispatch

from timeline.dispatch import load_dispatch, parse_document
from timeline.domain import Development
from timeline.errors import DispatchError

# The curated seed's content hash before provenance and review existed: files without the
# new fields must keep their hash, so re-ingesting them stays idempotent.
SEED_HASH = load_dispatch(SEED).content_hash


def with_review(document: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    changed["developments"][0]["review"] = {
        "status": "machine-extracted",
        "extractor": "timeline-extract/1",
    }
    changed["developments"][0]["provenance"] = [
        {"field": "quote", "start": 0, "end": 5, "text": "Troop"},
        {"field": "countries", "start": 10, "end": 13, "text": "ARM", "value": "ARM"},
    ]
    return changed


def test_optional_fields_parse_and_only_count_in_the_hash_when_set() -> None:
    plain = parse_document(minimal_dispatch(), "x")
    reviewed = parse_document(with_review(minimal_dispatch()), "x")
    assert plain.developments[0].review is None and plain.developments[0].provenance == ()
    assert reviewed.developments[0].review is not None
    assert reviewed.developments[0].review.status == "machine-extracted"
    assert reviewed.developments[0].provenance[1].value == "ARM"
    assert plain.content_hash != reviewed.content_hash
    assert load_dispatch(SEED).content_hash == SEED_HASH


def test_bad_provenance_and_review_are_refused() -> None:
    document = with_review(minimal_dispatch())
    document["developments"][0]["review"]["status"] = "approved"
    try:
        parse_document(document, "d.yaml")
    except DispatchError as exc:
        assert "developments[0].review.status: expected one of machine-extracted, reviewed" in str(
            exc
        )
    else:
        raise AssertionError("accepted an unknown review status")
    document = with_review(minimal_dispatch())
    document["developments"][0]["provenance"][0].update(start=9, end=2)
    try:
        parse_document(document, "d.yaml")
    except DispatchError as exc:
        assert "provenance[0].end: expected an end offset not before the start" in str(exc)
    else:
        raise AssertionError("accepted an end before the start")


def test_old_reported_events_upcast_to_no_review() -> None:
    state: dict[str, Any] = {"report_id": "r", "key": "k"}
    Development.Reported.upcast_v1_v2(state)
    assert state["review"] is None


def test_review_status_reaches_the_views(run_cli: Any, make_dispatch: Any) -> None:
    path = make_dispatch(mutate=lambda d: d.update(with_review(d)))
    assert run_cli("ingest", str(path)).exit_code == 0
    shown = run_cli("show", "--conflict", "test-border-dispute", "--json")
    statuses = [d["review_status"] for d in json.loads(shown.stdout)["developments"]]
    assert sorted(statuses, key=str) == [None, "machine-extracted"]
    terminal = run_cli("show", "--conflict", "test-border-dispute")
    assert terminal.stdout.count("Machine-extracted, unreviewed") == 1
