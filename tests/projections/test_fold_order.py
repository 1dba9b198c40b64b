"""The fold's shortcuts give exactly what the plain definitions give: the order of a
development's events (``sort_key``) and the copy of each version's state."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from projections.base import EventRecord
from projections.fold import TYPE_RANK, _clone, _clone_walk, _ordered, sort_key

# Few distinct values, so that the leading key ties often and the payload decides.
records = st.builds(
    EventRecord,
    position=st.integers(1, 50),
    originator_id=st.just("d"),
    originator_version=st.integers(1, 5),
    type=st.sampled_from([*TYPE_RANK, "Development.Unknown"]),
    recorded_at=st.just("2022-09-13T00:00:00Z"),
    payload=st.fixed_dictionaries(
        {"reported_at": st.sampled_from(["2022-09-13T00:00:00Z", "2022-09-14T00:00:00Z"])},
        optional={
            "report_id": st.sampled_from(["r1", "r2"]),
            "note": st.sampled_from(["a", "b", "ü"]),
            "figure": st.fixed_dictionaries({"best": st.integers(0, 3)}),
        },
    ),
)


@given(st.lists(records, max_size=8))
def test_ordering_matches_sorting_by_the_whole_key(events: list[EventRecord]) -> None:
    assert _ordered(events) == sorted(events, key=sort_key)


# Finite numbers only: the write side refuses NaN and infinities, and like the read models'
# JSON columns (orjson), the copy would turn them into null.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


@given(st.dictionaries(st.text(), json_values))
def test_clone_is_an_equal_independent_copy(state: dict[str, Any]) -> None:
    copy = _clone(state)
    assert copy == state == _clone_walk(state)
    assert copy is not state
    for key, value in state.items():
        if isinstance(value, (dict, list)):
            assert copy[key] is not value


def test_clone_falls_back_for_what_orjson_refuses() -> None:
    state = {"big": 2**70, "nested": {"list": [1, 2]}}
    copy = _clone(state)
    assert copy == state
    assert copy["nested"] is not state["nested"]
