"""Fuzzing the parsers: whatever the input, the only exceptions are DispatchError and DateError.

Hypothesis drives ``parse_document`` with mutated and arbitrary JSON-like documents,
``load_dispatch`` with arbitrary and mutated bytes in ``.yaml`` and ``.json`` files, and the
date resolver (``parse_instant``, ``occurred_interval``) with arbitrary and date-like text.
Each fuzzer runs 200 examples in the default suite and 2,000 in the slow suite. Generation is
derandomized so CI is repeatable; ``TIMELINE_FUZZ_RANDOM=1`` explores new inputs on each run.
"""

from __future__ import annotations

import contextlib
import copy
import json
import math
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from support import minimal_dispatch, seed_reference

from timeline import dispatch
from timeline.dates import FIRST_YEAR, LAST_YEAR, occurred_interval, parse_instant
from timeline.dispatch import load_dispatch, parse_document
from timeline.errors import DateError, DispatchError
from timeline.text import has_visible

ALLOWED = (DispatchError, DateError)
RANDOM = os.environ.get("TIMELINE_FUZZ_RANDOM") == "1"
BUDGETS = [
    pytest.param(200, id="200-examples"),
    pytest.param(2000, id="2000-examples", marks=pytest.mark.slow),
]
PRECISIONS = ["hour", "day", "night", "week", "month", "year", "approximate"]


def fuzz(examples: int) -> Callable[[Any], Any]:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


# --- text that looks like dates -------------------------------------------------------------

date_like = st.one_of(
    st.from_regex(
        r"\A\s?[0-9]{1,5}([-/. ][0-9]{1,3}([-/. T][0-9]{1,4}(:[0-9]{1,2}){0,2}"
        r"(\.[0-9]{1,9})?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?\s?\Z"
    ),
    st.from_regex(
        r"\A([0-9]{1,2} )?(Jan|Feb|Sep|September|Tue|Tuesday|noon|midnight|last|next|am|pm|"
        r"UTC|EST|BST|CET)( [0-9]{1,4})?( [0-9]{1,2}:[0-9]{2})?( ?(am|pm|Z|UTC|[+-][0-9]{2}))?\Z"
    ),
    st.dates().map(str),
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.datetimes(timezones=st.timezones()).map(lambda moment: moment.isoformat()),
    st.integers(-(10**20), 10**20).map(str),
    st.text(max_size=40),
    st.text(alphabet="0123456789-:T+Z ./", max_size=32),
)


def check_instant_result(text: str) -> None:
    for means in ("start", "end"):
        try:
            instant = parse_instant(text, date_means=means)
        except ALLOWED:
            continue
        assert instant.utc.tzinfo is not None
        assert FIRST_YEAR <= instant.utc.year <= LAST_YEAR
        assert instant.iso.endswith("Z")


def check_interval_result(start: str, end: str | None, precision: str) -> None:
    try:
        begin, finish = occurred_interval(start, end, precision)
    except ALLOWED:
        return
    assert begin.tzinfo is not None and finish.tzinfo is not None
    assert FIRST_YEAR <= begin.year <= LAST_YEAR


@pytest.mark.filterwarnings("ignore::dateutil.parser.UnknownTimezoneWarning")
@pytest.mark.parametrize("examples", BUDGETS)
def test_parse_instant_raises_only_date_errors(examples: int) -> None:
    @fuzz(examples)
    @given(text=date_like)
    def run(text: str) -> None:
        check_instant_result(text)

    run()


@pytest.mark.filterwarnings("ignore::dateutil.parser.UnknownTimezoneWarning")
@pytest.mark.parametrize("examples", BUDGETS)
def test_occurred_interval_raises_only_date_errors(examples: int) -> None:
    @fuzz(examples)
    @given(
        start=date_like,
        end=st.none() | date_like,
        precision=st.sampled_from(PRECISIONS) | st.text(max_size=8),
    )
    def run(start: str, end: str | None, precision: str) -> None:
        check_interval_result(start, end, precision)

    run()


# --- documents ------------------------------------------------------------------------------


def base_document() -> dict[str, Any]:
    """A valid document with every section and every kind of revision."""
    document = minimal_dispatch()
    document["report"]["url"] = "https://example.org/fuzz"
    document["developments"][0]["places"] = [
        {"name": "Goris", "country": "ARM", "lat": 39.5, "lon": 46.3}
    ]
    document["developments"][0]["contradicts"] = ["casualties"]
    document["developments"][0]["occurred"]["end"] = "2022-09-20"
    document["developments"][1]["claim"]["disputed_by"] = ["Test Army"]
    document["revisions"] = [
        {
            "action": "revise_figure",
            "target": "casualties",
            "figure": {"party": "ARM", "category": "killed", "best": 4, "claimant": "X"},
        },
        {
            "action": "correct",
            "target": seed_reference("border-clashes-overnight"),
            "changes": {
                "summary": "Corrected.",
                "occurred": {"start": "2022-09", "precision": "month"},
                "countries": ["ARM"],
                "places": [{"name": "Kapan", "country": "ARM"}],
                "kind": "shelling",
            },
        },
        {"action": "dispute", "target": "first-clash", "party": "Test Ministry", "note": "n"},
        {"action": "corroborate", "target": "5d0e4c3a-8f1e-5b7a-9c2d-1e6f0a4b3c21"},
        {"action": "retract", "target": {"report": {"url": "https://x.example/a"}, "key": "k"}},
        {"action": "merge", "target": "first-clash", "into": "casualties"},
    ]
    return document


BASE = base_document()

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**30), 10**30),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(
        [
            *("ARM", "XYZ", "arm", "first-clash", "casualties", "day", "killed", "", " "),
            *("2022", "2022-09", "2022-02-30", "2022-09-19T10:00+04:00", "3000", "01/02/2022"),
        ]
    ),
)
json_keys = st.text(max_size=10) | st.sampled_from(
    ["key", "kind", "start", "end", "low", "best", "high", "party", "target", "into", "report"]
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(json_keys, inner, max_size=4),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


PATHS = [path for path in _paths(BASE) if path]


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    """The valid base document with one to four subtrees replaced, removed or extended."""
    document = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        parent: Any = document
        try:
            for part in path[:-1]:
                parent = parent[part]
            last = path[-1]
            operation = draw(st.sampled_from(["replace", "remove", "extend", "duplicate"]))
            if operation == "replace":
                parent[last] = draw(json_values)
            elif operation == "remove":
                del parent[last]
            elif operation == "extend" and isinstance(parent[last], dict):
                parent[last][draw(json_keys)] = draw(json_values)
            elif operation == "extend" and isinstance(parent[last], list):
                parent[last].append(draw(json_values))
            elif operation == "duplicate" and isinstance(parent, list):
                parent.append(copy.deepcopy(parent[last]))
        except (KeyError, IndexError, TypeError):
            continue
    return document


documents = st.one_of(mutated_documents(), json_values, st.dictionaries(json_keys, json_values))


@pytest.mark.filterwarnings("ignore::dateutil.parser.UnknownTimezoneWarning")
@pytest.mark.parametrize("examples", BUDGETS)
def test_parse_document_raises_only_dispatch_errors(examples: int) -> None:
    @fuzz(examples)
    @given(document=documents)
    def run(document: Any) -> None:
        with contextlib.suppress(*ALLOWED):
            parse_document(document, "fuzz.json")

    run()


def test_the_base_document_is_valid() -> None:
    # Otherwise the mutations would all fail at the same early check.
    dispatch = parse_document(copy.deepcopy(BASE), "base.json")
    assert len(dispatch.revisions) == 6


# --- bytes ----------------------------------------------------------------------------------

serialised = st.sampled_from(
    [
        yaml.safe_dump(BASE, sort_keys=False).encode(),
        yaml.safe_dump(BASE, default_flow_style=True).encode(),
        json.dumps(BASE, indent=1).encode(),
    ]
)


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    """A serialised valid document with a few bytes inserted, deleted or overwritten."""
    data = bytearray(draw(serialised))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["insert", "delete", "overwrite"]))
        chunk = draw(
            st.binary(min_size=1, max_size=6)
            | st.sampled_from([b"\x00", b"\xff", b"\xe2\x80", b"\t", b"\n  ", b": ", b"- ["])
            | st.sampled_from([b"&a ", b"*a", b"!!binary ", b"? ", b"{", b"]", b'"\\u', b"'"])
        )
        if operation == "insert":
            data[at:at] = chunk
        elif operation == "delete":
            del data[at : at + len(chunk)]
        else:
            data[at : at + len(chunk)] = chunk
    return bytes(data)


file_bytes = st.one_of(
    st.binary(max_size=200),
    mutated_bytes(),
    st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
)


@pytest.mark.filterwarnings("ignore::dateutil.parser.UnknownTimezoneWarning")
@pytest.mark.parametrize("examples", BUDGETS)
def test_load_dispatch_raises_only_dispatch_errors(examples: int, tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))

    @fuzz(examples)
    @given(data=file_bytes, suffix=st.sampled_from([".yaml", ".yml", ".json", ".txt"]))
    def run(data: bytes, suffix: str) -> None:
        path = folder / f"fuzz{suffix}"
        path.write_bytes(data)
        with contextlib.suppress(*ALLOWED):
            load_dispatch(path)

    run()


# --- a dispatch that parses can be stored ---------------------------------------------------


def _with(mutate: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    document = minimal_dispatch()
    mutate(document)
    return document


def _set_figure(value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(document: dict[str, Any]) -> None:
        document["developments"][1]["figures"][0]["low"] = value

    return mutate


def _set_place(lat: float) -> Callable[[dict[str, Any]], None]:
    def mutate(document: dict[str, Any]) -> None:
        document["developments"][0]["places"] = [{"name": "P", "country": "ARM", "lat": lat}]

    return mutate


def _set_summary(text: str) -> Callable[[dict[str, Any]], None]:
    def mutate(document: dict[str, Any]) -> None:
        document["developments"][0]["summary"] = text

    return mutate


def _ints(value: Any) -> list[int]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, dict):
        return [n for child in value.values() for n in _ints(child)]
    if isinstance(value, (list, tuple)):
        return [n for child in value for n in _ints(child)]
    return []


@fuzz(200)
@given(document=mutated_documents() | documents)
@example(document=_with(_set_figure(10**20)))
@example(document=_with(_set_place(math.nan)))
@example(document=_with(_set_summary("\ud800 clash")))
def test_a_dispatch_that_parses_can_be_stored(document: Any) -> None:
    """What the parser accepts must be appendable and projectable: UTF-8 text, finite
    numbers (strict JSON), and integers that fit SQLite's 64-bit INTEGER."""
    try:
        dispatch = parse_document(document, "fuzz.json")
    except ALLOWED:
        return
    assert dispatch.content_hash
    body = asdict(dispatch)
    json.dumps(body, allow_nan=False).encode("utf-8")
    assert all(-(2**63) <= n < 2**63 for n in _ints(body))


# --- zone names -----------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::dateutil.parser.UnknownTimezoneWarning")
@pytest.mark.parametrize("zone", ["EST", "BST", "CET", "XYZ"])
def test_a_zone_name_is_never_silently_dropped(zone: str) -> None:
    try:
        instant = parse_instant(f"13 Sep 2022 18:00 {zone}")
    except DateError:
        return
    assert instant.offset is not None, f"{zone} was dropped: read as {instant.iso}"


# --- the compiled validator is never more lenient than the reference one ---------------------

whitespace_text = st.text(
    alphabet=st.sampled_from(
        " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u3000\ufeffa"
    ),
    min_size=1,
    max_size=4,
)


@st.composite
def texts_swapped(draw: st.DrawFn) -> Any:
    """The base document with one text replaced by whitespace-like characters, where the
    two regular-expression engines differ most."""
    document = copy.deepcopy(BASE)
    path = draw(st.sampled_from([p for p in PATHS if isinstance(_at(BASE, p), str)]))
    parent: Any = document
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = draw(whitespace_text | st.sampled_from(["ARM\n", "en\n", "x-y\n"]))
    return document


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


@pytest.mark.parametrize("examples", BUDGETS)
def test_compiled_validation_never_accepts_what_jsonschema_refuses(examples: int) -> None:
    """parse_document trusts jsonschema-rs when it says valid and asks the jsonschema package
    otherwise, so jsonschema-rs must never accept a document that jsonschema refuses."""

    @fuzz(examples)
    @given(document=documents | texts_swapped())
    def run(document: Any) -> None:
        if dispatch._quickly_valid(document):
            assert not any(dispatch._validator().iter_errors(document)), document

    run()


@pytest.mark.parametrize("ending", ["\n", "\r\n", " ", "\t", "\n\n"])
@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("conflicts", 0, "id"), "tc"),
        (("developments", 0, "key"), "border"),
        (("developments", 0, "countries", 0), "ARM"),
        (("report", "language"), "en"),
    ],
)
def test_both_validators_refuse_a_pattern_value_with_a_trailing_line_break(
    where: tuple[Any, ...], value: str, ending: str
) -> None:
    r"""Python's ``$`` matches before a final newline and ECMA-262's does not: the schema's
    patterns end with ``$(?![\s\S])`` so that both engines refuse ``tc\n`` (issue 18)."""
    document = minimal_dispatch()
    document["report"]["language"] = "en"
    _at(document, where[:-1])[where[-1]] = value
    assert dispatch._quickly_valid(document)
    _at(document, where[:-1])[where[-1]] = value + ending
    assert not dispatch._quickly_valid(document)
    assert any(dispatch._validator().iter_errors(document))


# --- the quick value check never passes what the full check refuses ---------------------------

hostile_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["\ud800", "a\udfff b", "\u0394\ud83d"]),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(), children),
    max_leaves=30,
)


@pytest.mark.parametrize("examples", BUDGETS)
def test_the_quick_value_check_agrees_with_the_full_one(
    examples: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``_plainly_fine`` skips the path-keeping walk, so it must pass exactly what that walk
    passes, here with a small value budget so the limit is reached too."""
    monkeypatch.setattr(dispatch.read, "MAX_VALUES", 12)  # where the check reads it

    @fuzz(examples)
    @given(document=hostile_values | documents)
    def run(document: Any) -> None:
        try:
            dispatch._check_size_and_text("fuzz.json", document)
            passed = True
        except DispatchError:
            passed = False
        assert dispatch._plainly_fine(document) == passed

    run()


def _strings(value: Any, *, keys: bool) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, member in value.items():
            if keys:
                yield from _strings(key, keys=keys)
            yield from _strings(member, keys=keys)
    elif isinstance(value, list):
        for member in value:
            yield from _strings(member, keys=keys)


unicode_values = st.recursive(
    st.text(max_size=8)
    | st.sampled_from(["Arme\u0301e", "\u200b", "\u3164 ", "\x00", "a\u200b", " \t"]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children)
    ),
    max_leaves=20,
)


@pytest.mark.parametrize("examples", BUDGETS)
def test_the_quick_text_flags_never_miss_text_that_needs_work(examples: int) -> None:
    """parse_document normalises to NFC and looks for invisible-only text only when the
    quick pass says some text may need it: it must never say no when one does (issue 18)."""

    @fuzz(examples)
    @given(document=unicode_values | hostile_values)
    def run(document: Any) -> None:
        plainly_fine, not_nfc, maybe_invisible = dispatch._scan(document)
        if not plainly_fine:
            assert not_nfc and maybe_invisible  # nothing vouched for
            return
        if not not_nfc:  # keys included: they are normalised too
            assert all(unicodedata.is_normalized("NFC", s) for s in _strings(document, keys=True))
        if not maybe_invisible:  # values only: a key is a field name the schema checks
            values = _strings(document, keys=False)
            assert all(has_visible(s) or not s.strip() for s in values)

    run()
