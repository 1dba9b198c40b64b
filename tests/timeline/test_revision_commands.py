"""The Development aggregate's revision commands enforce the revision rules themselves."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.domain import Development, Revising, RevisionRuleError

FIRST = "2022-09-13T12:00:00Z"
FIGURE = {"party": "ARM", "category": "killed", "low": None, "best": 105, "high": None}


def _development(reported_at: str = FIRST) -> Development:
    return Development.report(
        id=uuid4(),
        report_id=str(uuid4()),
        reported_at=reported_at,
        key="k",
        kind="armed_clash",
        summary="s",
        quote=None,
        occurred={},
        countries=[],
        actors=[],
        places=[],
        conflicts=[],
        claim={},
        figures=[],
        contradicts=[],
    )


def _by(day: int, note: str | None = None) -> Revising:
    return Revising(str(uuid4()), f"2022-09-{day:02d}T12:00:00Z", note=note, quote="q")


def _types(development: Development) -> list[str]:
    return [type(e).__name__ for e in development.pending_events]


def test_each_command_triggers_its_event_with_the_report_and_its_words() -> None:
    development = _development()
    development.revise_figure(_by(14, "not final"), FIGURE)
    development.correct(_by(14), {"summary": "t"})
    development.dispute(_by(14), "Government of Armenia")
    development.corroborate(_by(15))
    development.retract(_by(16))
    assert _types(development)[1:] == [
        "FigureRevised",
        "Corrected",
        "Disputed",
        "Corroborated",
        "Retracted",
    ]
    revised = development.pending_events[1]
    assert (revised.note, revised.quote) == ("not final", "q")  # type: ignore[attr-defined]


def test_a_second_retraction_is_refused() -> None:
    development = _development()
    development.retract(_by(14))
    with pytest.raises(RevisionRuleError) as caught:
        development.retract(_by(15))
    assert caught.value.part == "target"
    assert "not already retracted" in caught.value.expected


def test_a_revision_reported_before_the_first_report_is_refused() -> None:
    with pytest.raises(RevisionRuleError) as caught:
        _development().corroborate(_by(12))
    assert caught.value.part == "" and caught.value.found == "2022-09-12T12:00:00Z"


def test_merge_marks_the_duplicate_and_the_survivor_absorbs_it() -> None:
    duplicate, survivor = _development(), _development()
    duplicate.merge_into(survivor, _by(15))
    assert duplicate.merged_into == str(survivor.id)
    assert _types(survivor)[-1] == "Absorbed"
    absorbed: Any = survivor.pending_events[-1]
    assert (absorbed.duplicate, absorbed.duplicate_report_id) == (
        str(duplicate.id),
        duplicate.report_id,
    )
    with pytest.raises(RevisionRuleError) as caught:
        duplicate.corroborate(_by(16))
    assert "merged" in caught.value.expected
    with pytest.raises(RevisionRuleError) as caught:
        _development().merge_into(duplicate, _by(16))
    assert caught.value.part == "into"


def test_the_survivor_must_be_known_by_the_merging_report() -> None:
    later = _development("2022-09-16T12:00:00Z")
    with pytest.raises(RevisionRuleError) as caught:
        _development().merge_into(later, _by(15))
    assert caught.value.part == "into"
    with pytest.raises(RevisionRuleError):
        duplicate = _development()
        duplicate.merge_into(duplicate, _by(15))


def test_absorb_takes_only_a_duplicate_merged_into_it() -> None:
    with pytest.raises(RevisionRuleError):
        _development().absorb(_development(), _by(15))


COMMANDS = st.sampled_from(["figure", "correct", "retract", "dispute", "corroborate", "merge"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(COMMANDS, st.integers(min_value=11, max_value=20)), max_size=12))
def test_no_sequence_of_commands_breaks_the_rules(steps: list[tuple[str, int]]) -> None:
    """Whatever is asked, the events a development holds obey the rules: none reported
    before its first report, at most one retraction, nothing after it is merged away; a
    refused command triggers nothing."""
    development = _development()
    survivor = _development("2022-09-11T00:00:00Z")
    for command, day in steps:
        before = len(development.pending_events)
        by = _by(day)
        try:
            if command == "figure":
                development.revise_figure(by, FIGURE)
            elif command == "correct":
                development.correct(by, {"summary": "t"})
            elif command == "retract":
                development.retract(by)
            elif command == "dispute":
                development.dispute(by, "X")
            elif command == "corroborate":
                development.corroborate(by)
            else:
                development.merge_into(survivor, by)
        except RevisionRuleError:
            assert len(development.pending_events) == before
    events: list[Any] = development.pending_events[1:]
    assert all(e.reported_at >= FIRST for e in events)
    types = [type(e).__name__ for e in events]
    assert types.count("Retracted") <= 1
    if "MergedInto" in types:
        assert types.index("MergedInto") == len(types) - 1
        assert [type(e).__name__ for e in survivor.pending_events[1:]] == ["Absorbed"]
