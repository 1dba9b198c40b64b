"""Dispatch files: the real fixtures load; every error names the file, the field and the rule."""

from __future__ import annotations

import dataclasses
import json
import random
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from datetime import date as dt_date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import minimal_dispatch, write_document

from timeline import dates, dispatch
from timeline.dispatch import MAX_FILE_BYTES, Dispatch, Figure, load_dispatch, schema
from timeline.errors import DispatchError
from timeline.text import has_visible

MakeDispatch = Callable[..., Path]

# --- the real fixtures ------------------------------------------------------------------------


def test_seed_fixture_loads(seed_dispatch: Path) -> None:
    dispatch = load_dispatch(seed_dispatch)
    assert dispatch.source == str(seed_dispatch)
    assert dispatch.report.outlet == "Reuters"
    # Published "2022-09-13T12:00:00+00:00": stored in UTC with the stated offset beside it.
    assert dispatch.report.published == "2022-09-13T12:00:00Z"
    assert dispatch.report.published_offset == "+00:00"
    assert dispatch.report.url is None
    assert [c.slug for c in dispatch.conflicts] == ["armenia-azerbaijan", "russia-ukraine"]
    assert dispatch.conflicts[0].parties == ("ARM", "AZE")
    assert dispatch.conflicts[0].started == "1988-02-01"
    assert len(dispatch.developments) >= 20


def test_kg_fixture_keeps_the_bishkek_offset(kg_dispatch: Path) -> None:
    dispatch = load_dispatch(kg_dispatch)
    # 18:00 at UTC+6 is 12:00 UTC.
    assert dispatch.report.published == "2022-09-16T12:00:00Z"
    assert dispatch.report.published_offset == "+06:00"
    assert [c.slug for c in dispatch.conflicts] == ["kyrgyzstan-tajikistan"]


@pytest.mark.parametrize("which", ["seed", "kg"])
def test_development_keys_are_unique_and_occurred_is_anchored(
    which: str, seed_dispatch: Path, kg_dispatch: Path
) -> None:
    dispatch = load_dispatch(seed_dispatch if which == "seed" else kg_dispatch)
    keys = [d.key for d in dispatch.developments]
    assert len(keys) == len(set(keys))
    for development in dispatch.developments:
        assert development.occurred.start < development.occurred.end
        # Every relative phrase was resolved against the report's publication time.
        assert development.occurred.anchor == dispatch.report.published
        assert development.countries
        known = set(keys) - {development.key}
        assert set(development.contradicts) <= known


def test_contradictions_in_the_seed_are_linked_both_ways(seed_dispatch: Path) -> None:
    by_key = {d.key: d for d in load_dispatch(seed_dispatch).developments}
    assert "sabotage-units-attack" in by_key["border-towns-shelled"].contradicts
    assert "border-towns-shelled" in by_key["sabotage-units-attack"].contradicts


def test_at_least_49_is_a_lower_bound_not_an_exact_count(seed_dispatch: Path) -> None:
    by_key = {d.key: d for d in load_dispatch(seed_dispatch).developments}
    (armenian,) = by_key["armenian-soldiers-killed"].figures
    assert armenian == Figure("ARM", "killed", 49, 49, None, "Government of Armenia")
    (azerbaijani,) = by_key["azerbaijani-troops-killed"].figures
    assert azerbaijani == Figure("AZE", "killed", 50, 50, 50, "Government of Azerbaijan")
    # The headline's 99 is the sum of two claimants' figures and is not recorded anywhere.
    all_values = {
        v
        for d in by_key.values()
        for f in d.figures
        for v in (f.low, f.best, f.high)
        if v is not None
    }
    assert 99 not in all_values


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ({"low": 49}, (49, 49, None)),
        ({"best": 50}, (50, 50, 50)),
        ({"high": 60}, (None, None, 60)),
        ({"low": 40, "high": 60}, (40, None, 60)),
        ({"low": 40, "best": 50, "high": 60}, (40, 50, 60)),
        ({"low": 0}, (0, 0, None)),
    ],
)
def test_figure_bounds_normalise_as_documented(
    make_dispatch: MakeDispatch, written: dict[str, int], stored: tuple[int | None, ...]
) -> None:
    def set_figure(doc: dict[str, Any]) -> None:
        doc["developments"][1]["figures"] = [
            {"party": "ARM", "category": "killed", "claimant": "Test Ministry", **written}
        ]

    (figure,) = load_dispatch(make_dispatch(set_figure)).developments[1].figures
    assert (figure.low, figure.best, figure.high) == stored


def test_group_party_is_not_checked_as_a_country(make_dispatch: MakeDispatch) -> None:
    def civilians(doc: dict[str, Any]) -> None:
        doc["developments"][1]["figures"][0]["party"] = "civilians"

    (figure,) = load_dispatch(make_dispatch(civilians)).developments[1].figures
    assert figure.party == "civilians"


def test_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + yaml.safe_dump(minimal_dispatch()).encode())
    assert load_dispatch(path).report.outlet == "Test Wire"


def test_unquoted_yaml_dates_stay_text_for_the_dispatch_parser(tmp_path: Path) -> None:
    # Plain YAML would turn these into date objects; the module's loader keeps them as written.
    text = yaml.safe_dump(minimal_dispatch(), sort_keys=False).replace(
        "'2022-09-20T09:30:00+02:00'", "2022-09-20T09:30:00+02:00"
    )
    assert "published: 2022-09-20T09:30:00+02:00" in text
    path = tmp_path / "unquoted.yaml"
    path.write_text(text, encoding="utf-8")
    dispatch = load_dispatch(path)
    assert dispatch.report.published == "2022-09-20T07:30:00Z"
    assert dispatch.report.published_offset == "+02:00"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("120", 120),
        ("-0", 0),
        ("+5", 5),
        ("39.84", 39.84),
        ("1.0e+9", 1e9),
        # YAML 1.1 reads these as 8, 80, 31, 1000, 3 and 80.5; YAML 1.2 reads 010 as 10.
        ("010", "010"),
        ("1:20", "1:20"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("0b11", "0b11"),
        ("1:20.5", "1:20.5"),
        ("0o17", "0o17"),
        ("1e9", "1e9"),
    ],
)
def test_only_plain_decimal_yaml_scalars_are_numbers(written: str, read: object) -> None:
    loaded = yaml.load(f"value: {written}\n", Loader=dispatch._StringDateLoader)
    assert loaded["value"] == read
    assert type(loaded["value"]) is type(read)


@pytest.mark.parametrize("written", ["010", "1:20", "0x1F", "0o17", "1_000", "0b11"])
def test_yaml_number_forms_are_refused_in_figures_not_changed(
    make_dispatch: MakeDispatch, written: str
) -> None:
    path = make_dispatch(name="number.yaml")
    text = path.read_text(encoding="utf-8")
    figure_line = next(line for line in text.splitlines() if line.strip().startswith("low:"))
    path.write_text(text.replace(figure_line, figure_line.split(":")[0] + f": {written}"))
    error = _error(path)
    assert error.field == "developments[1].figures[0].low"
    assert error.expected.startswith("a plain decimal integer")
    assert error.found == written


@pytest.mark.parametrize("tagged", ["!!int 010", "!!int 0x1F", "!!int ''", "!!float x"])
def test_explicitly_tagged_numbers_follow_the_same_rule(tmp_path: Path, tagged: str) -> None:
    path = _write(tmp_path, "tagged.yaml", f"format: timeline-dispatch/1\nbest: {tagged}\n")
    error = _error(path)
    assert error.field == "line 2 column 7"
    assert "is not a" in error.expected


@pytest.mark.parametrize("value", [5.0, 1e9, -0.0, 49.5])
@pytest.mark.parametrize("name", ["floats.json", "floats.yaml"])
def test_floats_are_not_counts(make_dispatch: MakeDispatch, value: float, name: str) -> None:
    def float_figure(doc: dict[str, Any]) -> None:
        doc["developments"][1]["figures"] = [
            {"party": "ARM", "category": "killed", "best": value, "claimant": "Test Ministry"}
        ]

    error = _error(make_dispatch(float_figure, name=name))
    assert error.field == "developments[1].figures[0].best"
    assert error.expected.startswith("a plain decimal integer")
    assert error.found == value


def test_float_provenance_offsets_are_refused(make_dispatch: MakeDispatch) -> None:
    def float_offset(doc: dict[str, Any]) -> None:
        doc["developments"][0]["provenance"] = [
            {"field": "summary", "start": 0.0, "end": 5, "text": "Troop"}
        ]

    error = _error(make_dispatch(float_offset, name="offsets.json"))
    assert error.field == "developments[0].provenance[0].start"
    assert error.expected.startswith("a plain decimal integer")


@given(count=st.integers(0, 10**9))
def test_every_count_a_yaml_writer_writes_is_read_back(count: int) -> None:
    text = yaml.safe_dump({"best": count, "text": str(count).zfill(4)})
    assert yaml.load(text, Loader=dispatch._StringDateLoader) == {
        "best": count,
        "text": str(count).zfill(4),
    }


def test_whitespace_around_summary_and_headline_is_trimmed(make_dispatch: MakeDispatch) -> None:
    def padded(doc: dict[str, Any]) -> None:
        doc["report"]["headline"] = "  Padded headline \n"
        doc["developments"][0]["summary"] = "\n Padded summary.  "

    dispatch = load_dispatch(make_dispatch(padded))
    assert dispatch.report.headline == "Padded headline"
    assert dispatch.developments[0].summary == "Padded summary."


# --- errors: each names the file, the exact field path and what was expected ------------------


def _error(path: Path) -> DispatchError:
    with pytest.raises(DispatchError) as caught:
        load_dispatch(path)
    error = caught.value
    assert error.file == str(path)
    message = str(error)
    assert message.startswith(f"{path}: ")
    assert f"expected {error.expected}" in message
    return error


def _dev(index: int, **changes: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        doc["developments"][index].update(changes)

    return mutate


@pytest.mark.parametrize(
    ("mutate", "field", "expected", "found"),
    [
        pytest.param(
            _dev(0, countries=["ARM", "XXX"]),
            "developments[0].countries[1]",
            "ISO 3166-1 alpha-3 country code",
            "XXX",
            id="unknown-country",
        ),
        pytest.param(
            _dev(0, countries=["ARM", "arm"]),
            "developments[0].countries[1]",
            "ISO 3166-1 alpha-3 country code",
            "arm",
            id="lower-case-country",
        ),
        pytest.param(
            _dev(1, kind="riot"), "developments[1].kind", "one of armed_clash", "riot", id="kind"
        ),
        pytest.param(
            lambda doc: doc["developments"][0].pop("summary"),
            "developments[0].summary",
            "required",
            None,
            id="missing-summary",
        ),
        pytest.param(
            _dev(0, countries="ARM"),
            "developments[0].countries",
            "type array",
            "ARM",
            id="countries-as-string",
        ),
        pytest.param(
            _dev(1, colour="red"),
            "developments[1].colour",
            "unknown field name",
            None,
            id="unknown-field",
        ),
        pytest.param(
            lambda doc: doc["report"].update(byline="Someone"),
            "report.byline",
            "unknown field name",
            None,
            id="unknown-report-field",
        ),
        pytest.param(
            _dev(0, occurred={"start": "2022-02-30", "precision": "day"}),
            "developments[0].occurred.start",
            "a real date",
            "2022-02-30",
            id="impossible-start-date",
        ),
        pytest.param(
            _dev(0, occurred={"start": "2022-09-12", "end": "2022-02-30", "precision": "day"}),
            "developments[0].occurred.end",
            "a real date",
            "2022-02-30",
            id="impossible-end-date",
        ),
        pytest.param(
            _dev(1, occurred={"start": "2022-09-12", "end": "2022-09-11", "precision": "day"}),
            "developments[1].occurred.end",
            "an end after the start",
            "2022-09-11",
            id="end-before-start",
        ),
        pytest.param(
            _dev(0, occurred={"start": 2022, "precision": "year"}),
            "developments[0].occurred.start",
            "type string",
            2022,
            id="unquoted-year",
        ),
        pytest.param(
            _dev(1, key="first-clash"),
            "developments[1].key",
            "a key not used earlier in this file",
            "first-clash",
            id="duplicate-key",
        ),
        pytest.param(
            _dev(1, contradicts=["nope"]),
            "developments[1].contradicts[0]",
            "the key of another development in this file",
            "nope",
            id="contradicts-missing-key",
        ),
        pytest.param(
            _dev(0, contradicts=["casualties", "first-clash"]),
            "developments[0].contradicts[1]",
            "another development",
            "first-clash",
            id="contradicts-itself",
        ),
        pytest.param(
            _dev(
                1,
                figures=[
                    {"party": "ARM", "category": "killed", "low": 10, "high": 5, "claimant": "X"}
                ],
            ),
            "developments[1].figures[0].low",
            "low <= best <= high",
            None,
            id="low-above-high",
        ),
        pytest.param(
            _dev(
                1,
                figures=[
                    {"party": "ARM", "category": "killed", "best": 70, "high": 60, "claimant": "X"}
                ],
            ),
            "developments[1].figures[0].best",
            "low <= best <= high",
            None,
            id="best-above-high",
        ),
        pytest.param(
            _dev(1, figures=[{"party": "ARM", "category": "killed", "claimant": "X"}]),
            "developments[1].figures[0]",
            "at least one of low, best, high",
            None,
            id="figure-without-numbers",
        ),
        pytest.param(
            _dev(1, figures=[{"party": "XYZ", "category": "killed", "best": 1, "claimant": "X"}]),
            "developments[1].figures[0].party",
            "ISO 3166-1 alpha-3",
            "XYZ",
            id="figure-party-unknown-code",
        ),
        pytest.param(
            _dev(1, figures=[{"party": "ARM", "category": "killed", "best": -1, "claimant": "X"}]),
            "developments[1].figures[0].best",
            "a number >= 0",
            -1,
            id="negative-figure",
        ),
        pytest.param(
            _dev(0, places=[{"name": "Nowhere", "country": "QQQ"}]),
            "developments[0].places[0].country",
            "ISO 3166-1 alpha-3",
            "QQQ",
            id="place-country",
        ),
        pytest.param(
            _dev(0, places=[{"name": "Pole", "country": "ARM", "lat": 91}]),
            "developments[0].places[0].lat",
            "a number <= 90",
            91,
            id="latitude-out-of-range",
        ),
        pytest.param(
            lambda doc: doc["conflicts"][0].update(parties=["ARM", "ZZZ"]),
            "conflicts[0].parties[1]",
            "ISO 3166-1 alpha-3",
            "ZZZ",
            id="conflict-party",
        ),
        pytest.param(
            lambda doc: doc["conflicts"].append(dict(doc["conflicts"][0])),
            "conflicts[1].id",
            "a conflict id not already defined in this file",
            "test-border-dispute",
            id="duplicate-conflict-id",
        ),
        pytest.param(
            lambda doc: doc["conflicts"][0].update(id="Not A Slug"),
            "conflicts[0].id",
            "lower-case letters",
            "Not A Slug",
            id="conflict-slug",
        ),
        pytest.param(
            lambda doc: doc.update(format="timeline-dispatch/2"),
            "format",
            "'timeline-dispatch/1'",
            "timeline-dispatch/2",
            id="format-version",
        ),
        pytest.param(
            lambda doc: doc["report"].update(url="ftp://example.org/x"),
            "report.url",
            "an http:// or https:// URL",
            "ftp://example.org/x",
            id="url-scheme",
        ),
        pytest.param(
            lambda doc: doc["report"].update(published="sometime last week"),
            "report.published",
            "an ISO 8601 date-time",
            "sometime last week",
            id="published-unparseable",
        ),
        pytest.param(
            lambda doc: doc["report"].update(published="01/02/2022"),
            "report.published",
            "ambiguous",
            "01/02/2022",
            id="published-ambiguous",
        ),
        pytest.param(
            lambda doc: doc.update(developments=[]),
            "developments",
            "at least one development",
            None,
            id="no-developments",
        ),
    ],
)
def test_invalid_documents_name_the_field(
    make_dispatch: MakeDispatch,
    mutate: Callable[[dict[str, Any]], None],
    field: str,
    expected: str,
    found: object,
) -> None:
    for name in ("dispatch.yaml", "dispatch.json"):
        error = _error(make_dispatch(mutate, name=name))
        assert error.field == field
        assert expected in error.expected
        if found is not None:
            assert error.found == found


def test_long_found_values_are_cut_to_80_characters(make_dispatch: MakeDispatch) -> None:
    error = _error(make_dispatch(_dev(0, kind="x" * 500)))
    shown = str(error).split(", found ", 1)[1]
    assert len(shown) == 80
    assert shown.endswith("...")


def _write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    text = "format: timeline-dispatch/1\nreport:\n  outlet: x\n headline: y\n"
    error = _error(_write(tmp_path, "bad.yaml", text))
    assert error.field.startswith("line 4 column ")  # the mis-indented line
    assert "valid YAML" in error.expected


def test_unclosed_flow_sequence_names_the_line(tmp_path: Path) -> None:
    text = "format: timeline-dispatch/1\nreport: [a, b\ndevelopments: []\n"
    error = _error(_write(tmp_path, "bad.yml", text))
    assert error.field.startswith("line 3 column ")
    assert "valid YAML" in error.expected


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    error = _error(
        _write(tmp_path, "bad.json", '{"format": "timeline-dispatch/1",\n "report": }\n')
    )
    assert error.field == "line 2 column 12"
    assert "valid JSON" in error.expected


def test_json_extension_is_parsed_as_json_not_yaml(tmp_path: Path) -> None:
    # YAML would accept this flow mapping; a .json file must be real JSON.
    error = _error(_write(tmp_path, "yamlish.json", "{format: timeline-dispatch/1}"))
    assert "valid JSON" in error.expected


@pytest.mark.parametrize("content", ["", "   \n\t\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    error = _error(_write(tmp_path, "empty.yaml", content))
    assert error.field == ""
    assert "empty" in error.expected


def test_nul_byte(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, "nul.yaml", b"format: timeline-dispatch/1\x00\n"))
    assert error.field == ""
    assert "NUL byte" in error.expected


def test_non_utf8_bytes(tmp_path: Path) -> None:
    content = b"format: timeline-dispatch/1\nreport: caf\xe9\n"
    error = _error(_write(tmp_path, "latin1.yaml", content))
    assert error.field == ""
    assert "UTF-8" in error.expected
    bad_offset = content.index(b"\xe9")
    assert f"offset {bad_offset}" in error.expected


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    error = _error(path)
    assert str(MAX_FILE_BYTES) in error.expected


@pytest.mark.parametrize("document", [["a", "list"], "just text", 42])
def test_document_that_is_not_a_mapping(tmp_path: Path, document: object) -> None:
    error = _error(_write(tmp_path, "scalar.json", json.dumps(document)))
    assert error.field == ""
    assert "a mapping" in error.expected


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "does-not-exist.yaml"
    error = _error(path)
    assert error.field == ""
    assert "an existing dispatch file" in error.expected


def test_directory_instead_of_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    error = _error(folder)
    assert "readable file" in error.expected


def test_first_schema_problem_in_file_order_is_reported(make_dispatch: MakeDispatch) -> None:
    def many(doc: dict[str, Any]) -> None:
        template = doc["developments"][0]
        doc["developments"] = [{**template, "key": f"dev-{i}"} for i in range(12)]
        doc["developments"][2]["kind"] = "riot"
        doc["developments"][10]["kind"] = "riot"

    assert _error(make_dispatch(many)).field == "developments[2].kind"


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (
            _dev(0, occurred={"start": "0000", "precision": "year"}),
            "developments[0].occurred.start",
        ),
        (
            _dev(
                0,
                occurred={
                    "start": "2022-09-01",
                    "end": f"{dates.LAST_YEAR + 1}-01-01",
                    "precision": "day",
                },
            ),
            "developments[0].occurred.end",
        ),
        (lambda doc: doc["conflicts"][0].update(started="0000"), "conflicts[0].started"),
        (
            lambda doc: doc["report"].update(published="0001-01-01T00:00:00+01:00"),
            "report.published",
        ),
    ],
    ids=["year-zero", "year-3000-end", "conflict-started", "published-overflow"],
)
def test_dates_outside_the_supported_years_are_dispatch_errors(
    make_dispatch: MakeDispatch, mutate: Callable[[dict[str, Any]], None], field: str
) -> None:
    # These once raised ValueError/OverflowError, which the CLI reports as an internal error.
    assert _error(make_dispatch(mutate)).field == field


def test_a_publication_time_in_the_future_is_refused(make_dispatch: MakeDispatch) -> None:
    future = (datetime.now(UTC) + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    error = _error(make_dispatch(lambda doc: doc["report"].update(published=future)))
    assert error.field == "report.published"
    assert "future" in error.expected


@pytest.mark.parametrize("blank", ["   ", "\t\n "])
def test_blank_text_is_refused(make_dispatch: MakeDispatch, blank: str) -> None:
    error = _error(make_dispatch(_dev(0, summary=blank)))
    assert error.field == "developments[0].summary"
    assert "non-blank" in error.expected


@pytest.mark.parametrize(
    "invisible",
    [
        "\u200b",
        "\u3164",
        "\x00",
        "\u2060\ufeff",
        " \u200d ",
        "\u115f\u1160",
        "\u2800",
        "\U000e0041",
    ],
)
@pytest.mark.parametrize("field", ["summary", "actors"])
def test_text_that_shows_nothing_is_refused(
    make_dispatch: MakeDispatch, invisible: str, field: str
) -> None:
    value = [invisible] if field == "actors" else invisible
    error = _error(make_dispatch(_dev(0, **{field: value}), name="invisible.json"))
    assert error.field == f"developments[0].{field}" + ("[0]" if field == "actors" else "")
    assert "only invisible characters" in error.expected


@pytest.mark.parametrize("text", ["a\u200b", "\u0301", "\ue000", "\u05d0", "x\x00"])
def test_text_with_one_visible_character_is_kept(text: str) -> None:
    assert has_visible(text)


@pytest.mark.parametrize("key", ["tc\n", "tc ", " tc", "tc\r\n", "tc\t"])
def test_slugs_with_surrounding_whitespace_are_refused(
    make_dispatch: MakeDispatch, key: str
) -> None:
    def conflict(doc: dict[str, Any]) -> None:
        doc["conflicts"][0]["id"] = key

    error = _error(make_dispatch(conflict, name="slug.json"))
    assert error.field == "conflicts[0].id"
    assert "no spaces or line breaks" in error.expected


@pytest.mark.parametrize("code", ["ARM\n", "arm", "ARM "])
def test_country_codes_with_a_final_newline_are_refused(
    make_dispatch: MakeDispatch, code: str
) -> None:
    error = _error(make_dispatch(_dev(0, countries=[code]), name="country.json"))
    assert error.field == "developments[0].countries[0]"


def test_keys_that_collide_in_nfc_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "keys.json", '{"caf\\u00e9": 1, "cafe\\u0301": 2}')
    assert "repeats" in _error(path).expected


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=30).filter(lambda t: t.strip() and has_visible(t)))
def test_every_spelling_of_a_text_is_the_same_dispatch(
    make_dispatch: MakeDispatch, text: str
) -> None:
    """NFC, NFD and the text as typed give one dispatch: the same strings, the same hash."""
    loaded = []
    for form in ("NFC", "NFD", None):
        spelt = unicodedata.normalize(form, text) if form else text

        def respell(doc: dict[str, Any], spelt: str = spelt) -> None:
            doc["report"]["headline"] = spelt
            doc["developments"][0]["actors"] = [spelt]
            doc["developments"][0]["quote"] = spelt

        try:
            loaded.append(load_dispatch(make_dispatch(respell, name="spelt.json")))
        except DispatchError as error:  # e.g. a lone surrogate: refused in every spelling
            loaded.append(error.expected)
    assert loaded[0] == loaded[1] == loaded[2]
    if isinstance(loaded[0], Dispatch):
        assert len({d.content_hash for d in loaded if isinstance(d, Dispatch)}) == 1
        assert loaded[0].report.headline == unicodedata.normalize("NFC", text).strip()


LIMITS = [
    ("actors", 200, lambda n: f"Militia {n}"),
    ("countries", 200, None),
    ("places", 200, lambda n: {"name": f"Village {n}", "country": "ARM"}),
    ("conflicts", 50, lambda n: f"conflict-{n}"),
]


@pytest.mark.parametrize(("field", "limit", "entry"), [row for row in LIMITS if row[2]])
def test_list_limits_are_refused_one_past_them(
    make_dispatch: MakeDispatch, field: str, limit: int, entry: Callable[[int], Any]
) -> None:
    error = _error(
        make_dispatch(_dev(0, **{field: [entry(n) for n in range(limit + 1)]}), name="l.json")
    )
    assert error.field == f"developments[0].{field}"
    assert error.expected.startswith(f"at most {limit} entries")


def test_the_documented_limits_are_in_the_schema() -> None:
    definitions = schema()["$defs"]
    for field, limit, _ in LIMITS:
        assert definitions["development"]["properties"][field]["maxItems"] == limit
    assert schema()["properties"]["revisions"]["maxItems"] == 1000


def test_a_file_at_the_limits_is_accepted(make_dispatch: MakeDispatch) -> None:
    def at_the_limits(doc: dict[str, Any]) -> None:
        doc["developments"][0]["actors"] = [f"Militia {n}" for n in range(200)]
        doc["developments"][0]["places"] = [
            {"name": f"Village {n}", "country": "ARM"} for n in range(200)
        ]
        key = doc["developments"][0]["key"]
        doc["revisions"] = [
            {"action": "dispute", "target": key, "party": f"Ministry {n}"} for n in range(1000)
        ]

    dispatch = load_dispatch(make_dispatch(at_the_limits, name="limits.json"))
    assert len(dispatch.developments[0].actors) == 200
    assert len(dispatch.revisions) == 1000


# --- property: YAML and JSON give the same dispatch, and the hash ignores formatting ----------

_SCHEMA_DEFS = schema()["$defs"]
KINDS = _SCHEMA_DEFS["development"]["properties"]["kind"]["enum"]
PRECISIONS = _SCHEMA_DEFS["occurred"]["properties"]["precision"]["enum"]
VERIFICATIONS = _SCHEMA_DEFS["claim"]["properties"]["verification"]["enum"]
CATEGORIES = _SCHEMA_DEFS["figure"]["properties"]["category"]["enum"]
COUNTRIES = ["ARM", "AZE", "KGZ", "TJK", "RUS", "UZB", "TUR", "FRA", "USA", "UKR"]

words = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "Zs"), exclude_characters="\u0085"),
    min_size=1,
    max_size=24,
).filter(lambda s: s.strip() != "")
slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)


def nfc(text: str) -> str:
    """List entries are compared after NFC normalisation: each may appear once."""
    return unicodedata.normalize("NFC", text)


@st.composite
def occurred(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.dates(min_value=dt_date(1900, 1, 1), max_value=dt_date(2100, 12, 1)))
    precision = draw(st.sampled_from(PRECISIONS))
    value: dict[str, Any] = {"start": start.isoformat(), "precision": precision}
    if precision == "year":
        value["start"] = f"{start.year:04d}"
    if draw(st.booleans()):
        value["end"] = (start + timedelta(days=draw(st.integers(1, 400)))).isoformat()
    if draw(st.booleans()):
        value["phrase"] = draw(words)
    return value


@st.composite
def figures(draw: st.DrawFn) -> dict[str, Any]:
    numbers = sorted(draw(st.lists(st.integers(0, 10_000), min_size=3, max_size=3)))
    present = draw(st.sets(st.sampled_from(["low", "best", "high"]), min_size=1))
    figure: dict[str, Any] = {
        "party": draw(st.sampled_from([*COUNTRIES, "civilians"])),
        "category": draw(st.sampled_from(CATEGORIES)),
        "claimant": draw(words),
    }
    figure.update(
        {name: numbers[i] for i, name in enumerate(["low", "best", "high"]) if name in present}
    )
    return figure


@st.composite
def dispatch_documents(draw: st.DrawFn) -> dict[str, Any]:
    conflict_slugs = draw(st.lists(slugs, max_size=2, unique=True))
    keys = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
    developments = []
    for key in keys:
        development: dict[str, Any] = {
            "key": key,
            "kind": draw(st.sampled_from(KINDS)),
            "summary": draw(words),
            "occurred": draw(occurred()),
            "countries": draw(
                st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=3, unique=True)
            ),
            "claim": {
                "asserted_by": draw(st.lists(words, min_size=1, max_size=2, unique_by=nfc)),
                "verification": draw(st.sampled_from(VERIFICATIONS)),
            },
        }
        optional = {
            "quote": words,
            "actors": st.lists(words, max_size=3, unique_by=nfc),
            "places": st.lists(
                st.fixed_dictionaries(
                    {"name": words, "country": st.sampled_from(COUNTRIES)},
                    optional={
                        "lat": st.floats(-90, 90, allow_nan=False),
                        "lon": st.floats(-180, 180, allow_nan=False),
                    },
                ),
                max_size=2,
                unique_by=lambda place: nfc(place["name"]),
            ),
            "conflicts": st.lists(st.sampled_from(conflict_slugs), max_size=2, unique=True)
            if conflict_slugs
            else st.just([]),
            "figures": st.lists(figures(), max_size=2),
            "contradicts": st.lists(st.sampled_from(keys), max_size=2, unique=True).map(
                lambda picked, key=key: [k for k in picked if k != key]
            ),
        }
        for name, strategy in optional.items():
            if draw(st.booleans()):
                development[name] = draw(strategy)
        developments.append(development)
    published = draw(
        st.datetimes(
            min_value=datetime(2000, 1, 1),
            max_value=datetime(2021, 12, 31),
            timezones=st.sampled_from(
                [UTC, timezone(timedelta(hours=6)), timezone(-timedelta(hours=3, minutes=30))]
            ),
        )
    ).replace(microsecond=0)
    report: dict[str, Any] = {
        "outlet": draw(words),
        "headline": draw(words),
        "published": published.isoformat(),
    }
    if draw(st.booleans()):
        report["url"] = "https://example.org/" + draw(slugs)
    return {
        "format": "timeline-dispatch/1",
        "report": report,
        "conflicts": [
            {
                "id": slug,
                "name": draw(words),
                "parties": draw(
                    st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=2, unique=True)
                ),
            }
            for slug in conflict_slugs
        ],
        "developments": developments,
    }


def _shuffled(value: Any, rng: random.Random) -> Any:
    """The same document with every mapping's keys in a random order."""
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    if isinstance(value, list):
        return [_shuffled(v, rng) for v in value]
    return value


def _content(dispatch: Dispatch) -> Dispatch:
    return dataclasses.replace(dispatch, source="")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=dispatch_documents(), seed=st.integers(0, 2**32 - 1))
def test_yaml_and_json_give_the_same_dispatch(
    tmp_path: Path, document: dict[str, Any], seed: int
) -> None:
    rng = random.Random(seed)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    as_yaml = folder / "d.yaml"
    as_yaml.write_text(
        yaml.safe_dump(document, allow_unicode=rng.random() < 0.5, sort_keys=False),
        encoding="utf-8",
    )
    as_json = write_document(folder / "d.json", document)
    from_yaml, from_json = load_dispatch(as_yaml), load_dispatch(as_json)
    assert _content(from_yaml) == _content(from_json)
    assert from_yaml.content_hash == from_json.content_hash

    # Key order, flow style, indentation and quoting do not change the content hash.
    reordered = folder / "r.yaml"
    reordered.write_text(
        yaml.safe_dump(
            _shuffled(document, rng),
            default_flow_style=rng.choice([True, False, None]),
            indent=rng.choice([2, 4]),
            width=rng.choice([40, 1000]),
            allow_unicode=True,
            sort_keys=rng.random() < 0.5,
        ),
        encoding="utf-8",
    )
    compact = folder / "c.json"
    compact.write_text(json.dumps(_shuffled(document, rng), separators=(",", ":")), "utf-8")
    assert load_dispatch(reordered).content_hash == from_yaml.content_hash
    assert load_dispatch(compact).content_hash == from_yaml.content_hash

    # And the hash does see content: a changed summary changes it.
    changed = json.loads(json.dumps(document))
    changed["developments"][0]["summary"] += " (changed)"
    assert load_dispatch(write_document(folder / "x.json", changed)).content_hash != (
        from_yaml.content_hash
    )
