"""``timeline.text.dumps`` writes indented JSON through orjson only when the text is the
standard library's, byte for byte: a property over random JSON values, floats, big integers,
odd keys and hostile strings included."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import text

_UNSAFE = re.compile(f"[\u007f-\u009f{text.FORMAT_CONTROLS}]")


def _reference(value: Any) -> str:
    written = json.dumps(value, ensure_ascii=False, indent=2)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", written)


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([1e-05, 1e16, 1e-7, 0.1, -0.0, 5e-324, 123456789.123, 1e22])
    | st.text()
    | st.sampled_from(["\x00\x1b[31m\u202e\u2028\ud800é", "a\tb\nc", '"\\'])
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
        | st.dictionaries(st.integers(-3, 3) | st.booleans() | st.none(), inner, max_size=3)
    ),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(values)
def test_indented_json_is_the_standard_library_s(value: Any) -> None:
    try:
        expected = _reference(value)
    except (ValueError, TypeError):
        return
    assert text.dumps(value) == expected


def test_the_fast_path_is_taken_for_plain_values() -> None:
    value = {"a": [1, 2.5, 1e-05, None, True, "é\u202e"], "b": {}, "c": []}
    assert text._indented(value) == json.dumps(value, ensure_ascii=False, indent=2)
    assert text._indented({1: "key not a string"}) is None
    assert text._indented([2**80]) is None


def test_one_line_json_is_unchanged() -> None:
    value = {"a": [1, 2.5, "\u202e"]}
    assert text.dumps(value, indent=None) == '{"a": [1, 2.5, "\\u202e"]}'


@settings(max_examples=400, deadline=None)
@given(values)
def test_read_model_json_reads_as_the_standard_library_reads_it(value: Any) -> None:
    """``projections.queries`` reads JSON columns with orjson where that gives the same
    value (big integers, NaN, infinities and lone surrogates go to the standard library)."""
    from projections.queries import _loads

    try:
        written = json.dumps(value)
    except (ValueError, TypeError):
        return
    expected = json.loads(written)
    found = _loads(written)
    assert json.dumps(found) == json.dumps(expected)
    assert repr(found) == repr(expected)


@settings(max_examples=500, deadline=None)
@given(st.text() | st.text(alphabet=" \t\n\x0b\x0c\r\x1b\x7fab") | st.from_regex(r"[ -~]*"))
def test_clean_s_short_cut_changes_nothing(value: str) -> None:
    """``clean`` returns at once for printable ASCII without double spaces: the same text
    as the regular expressions give."""
    slow = text._SPACES.sub(" ", text._UNSAFE.sub(" ", value)).strip()
    assert text.clean(value) == slow
