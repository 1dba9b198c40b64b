"""Dispatch files: parse, validate and normalise one report and the developments it states.

A dispatch is YAML or JSON (see docs/dispatch-format.md and
``timeline/schemas/dispatch.schema.json``). Validation is all-or-nothing: the first
problem raises :class:`DispatchError` naming the file, the field path and what was expected,
and nothing from the file is appended. A JSON Lines archive holds one dispatch per line;
:func:`read_archive` streams it, and each line is named ``PATH:LINE`` and checked like a file.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
import sys
import unicodedata
from collections.abc import Hashable, Iterator
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO
from uuid import UUID

import jsonschema
import jsonschema_rs
import pycountry
import yaml

from timeline import countries, zones
from timeline.dates import (
    Instant,
    format_offset,
    iso,
    occurred_interval,
    parse_instant,
    parse_period_start,
)
from timeline.errors import DateError, DispatchError
from timeline.text import has_visible

FORMAT = "timeline-dispatch/1"
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Occurred:
    start: str
    end: str
    precision: str
    phrase: str | None
    anchor: str  # the publication time the phrase was resolved against
    tz: str | None = None  # the IANA zone the source gave the values in (None: UTC)


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class FigurePart:
    """A share of a figure: a country's (``group`` None) or a group's within a country."""

    party: str  # the country (ISO alpha-3)
    group: str | None
    category: str
    low: int | None
    best: int | None
    high: int | None


@dataclass(frozen=True)
class Figure:
    party: str
    category: str
    low: int | None
    best: int | None
    high: int | None
    claimant: str
    #: The kind of number the source gives (``BOUNDS``); None when it does not say.
    bound: str | None = None
    provisional: bool = False
    includes: tuple[FigurePart, ...] = ()
    #: For a group party: the country the group belongs to.
    country: str | None = None


@dataclass(frozen=True)
class Claim:
    asserted_by: tuple[str, ...]
    verification: str
    disputed_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportDraft:
    outlet: str
    url: str | None
    headline: str
    published: str
    published_offset: str | None
    language: str | None = None  # ISO 639-1; left out of the content hash when None
    #: The IANA zone the publication time was given in; left out of the hash when None.
    published_tz: str | None = None


@dataclass(frozen=True)
class ConflictDraft:
    slug: str
    name: str
    parties: tuple[str, ...]
    aliases: tuple[str, ...]
    started: str | None


@dataclass(frozen=True)
class Provenance:
    """The article's words at ``[start, end)`` that support one field (``timeline extract``)."""

    field: str
    start: int
    end: int
    text: str
    value: str | None = None


@dataclass(frozen=True)
class Review:
    """Whether a person has reviewed a machine-extracted development."""

    status: str  # "machine-extracted" or "reviewed"
    extractor: str | None = None
    reviewer: str | None = None


@dataclass(frozen=True)
class DevelopmentDraft:
    key: str
    kind: str
    summary: str
    quote: str | None
    occurred: Occurred
    countries: tuple[str, ...]
    actors: tuple[str, ...]
    places: tuple[Place, ...]
    conflicts: tuple[str, ...]
    claim: Claim
    figures: tuple[Figure, ...]
    contradicts: tuple[str, ...]
    # Optional, from `timeline extract`; left out of the content hash when unset.
    provenance: tuple[Provenance, ...] = ()
    review: Review | None = None
    #: A casualty report's counted developments; left out of the content hash when empty.
    counts: tuple[Reference, ...] = ()


_ATOMS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def plain(value: Any) -> Any:
    """A draft as plain dicts and lists: what ``dataclasses.asdict`` gives, as JSON sees it,
    without its deep copies (the drafts are frozen and hold only text, numbers and None)."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is list or kind is tuple:
        return [v if type(v) in _ATOMS else plain(v) for v in value]
    if kind is dict:
        return {k: v if type(v) in _ATOMS else plain(v) for k, v in value.items()}
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
    names = _FIELD_NAMES[kind]
    if names is None:
        return value
    body = {}
    for name in names:
        v = getattr(value, name)
        body[name] = v if type(v) in _ATOMS else plain(v)
    return body


#: A figure's fields added after files were first hashed, with the values that leave a
#: file's content hash as it was.
_FIGURE_DEFAULTS: dict[str, Any] = {
    "bound": None,
    "provisional": False,
    "includes": [],
    "country": None,
}


def figure_body(figure: dict[str, Any]) -> dict[str, Any]:
    """A figure's hashed content: its later fields only when given."""
    return {
        k: v for k, v in figure.items() if k not in _FIGURE_DEFAULTS or _FIGURE_DEFAULTS[k] != v
    }


def _development_body(draft: DevelopmentDraft) -> dict[str, Any]:
    """A development's hashed content: files without provenance or review keep their hash."""
    body: dict[str, Any] = plain(draft)
    if not body["provenance"]:
        del body["provenance"]
    if body["review"] is None:
        del body["review"]
    body["figures"] = [figure_body(f) for f in body["figures"]]
    _untimed(body["occurred"])
    if not body["counts"]:
        del body["counts"]
    return body


def _untimed(occurred: dict[str, Any]) -> None:
    """Occurred values without a zone keep the hash they had before ``tz`` existed."""
    if occurred.get("tz", "") is None:
        del occurred["tz"]


def _revision_body(revision: RevisionDraft) -> dict[str, Any]:
    body: dict[str, Any] = plain(revision)
    if body["figure"] is not None:
        body["figure"] = figure_body(body["figure"])
    for name, value in body["changes"]:
        if name == "occurred":
            _untimed(value)
    for ref in (body["target"], body["into"]):
        if (
            ref is not None
            and ref.get("report") is not None
            and ref["report"]["published_tz"] is None
        ):
            del ref["report"]["published_tz"]
    return body


@dataclass(frozen=True)
class Reference:
    """How a revision names a development: exactly one of the three forms is set."""

    id: str | None = None  # a stable id (UUID)
    local: str | None = None  # the key of a development in the same file
    report: ReportDraft | None = None  # natural key: the first report ...
    key: str | None = None  # ... and the development's key in it


@dataclass(frozen=True)
class RevisionDraft:
    action: str
    target: Reference
    into: Reference | None = None
    figure: Figure | None = None
    changes: tuple[tuple[str, Any], ...] = ()
    party: str | None = None
    note: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class AffiliationDraft:
    relation: str
    actor: str
    valid_from: str | None = None
    valid_to: str | None = None


@dataclass(frozen=True)
class ActorDraft:
    """An actor the file defines (``name`` and ``kind`` given) or extends (only ``id`` with
    aliases and affiliations)."""

    id: str
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    affiliations: tuple[AffiliationDraft, ...] = ()


@dataclass(frozen=True)
class Dispatch:
    source: str
    report: ReportDraft
    conflicts: tuple[ConflictDraft, ...]
    developments: tuple[DevelopmentDraft, ...] = field(default_factory=tuple)
    revisions: tuple[RevisionDraft, ...] = field(default_factory=tuple)
    actors: tuple[ActorDraft, ...] = field(default_factory=tuple)

    @property
    def content_hash(self) -> str:
        """SHA-256 over the normalised content (not the file's bytes), so formatting is free."""
        report = plain(self.report)
        for later in ("language", "published_tz"):
            if report[later] is None:
                del report[later]  # files written before the field keep their hash
        body = {
            "report": report,
            "conflicts": plain(self.conflicts),
            "developments": [_development_body(d) for d in self.developments],
        }
        if self.revisions:
            body["revisions"] = [_revision_body(r) for r in self.revisions]
        if self.actors:
            body["actors"] = plain(self.actors)
        canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


#: libyaml's C parser when PyYAML was built with it (about 10x faster), else pure Python.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StringDateLoader(_SafeLoader):  # type: ignore[misc]
    """A safe YAML loader that keeps dates and times as strings; the dispatch parser owns them."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """A tagged value its tag cannot hold (``!!bool maybe``, ``!!binary ???``) is a YAML
        error at that node's line and column, never an internal error."""
        try:
            return super().construct_object(node, deep)
        except (yaml.YAMLError, _DuplicateKey, RecursionError):
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            tag = node.tag.rsplit(":", 1)[-1]
            if isinstance(node, yaml.ScalarNode):
                problem = f"{tag} {str(node.value)[:20]!r} is not a valid {tag}"
            else:
                problem = f"a {tag} ({type(exc).__name__}: {str(exc)[:60]})"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None


def _construct_unique_mapping(loader: Any, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "found a key that is a list or mapping", key_node.start_mark
            )
        if key in mapping:
            mark = key_node.start_mark
            raise _DuplicateKey(key, f"line {mark.line + 1} column {mark.column + 1}")
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_StringDateLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)

#: The only integers and floats a plain YAML scalar may be: decimal digits, as JSON writes
#: them. YAML 1.1 also reads ``010`` as 8 (octal), ``1:20`` as 80 (base 60), ``0x1F`` as
#: 31, ``0b11`` as 3 and ``1_000`` as 1000, and YAML 1.2 reads ``010`` as 10: such scalars
#: stay strings here, so the schema refuses them in a number field, naming the field. Both
#: patterns match a subset of what PyYAML's own resolvers match, so any text a YAML 1.1
#: writer leaves unquoted is still read as text.
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)", re.ASCII)
_PLAIN_FLOAT = re.compile(
    r"[-+]?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?|\.[0-9]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
    re.ASCII,
)
_INT_TAG, _FLOAT_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_StringDateLoader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", _INT_TAG, _FLOAT_TAG)
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StringDateLoader.add_implicit_resolver(
    _INT_TAG, re.compile(f"^(?:{_PLAIN_INT.pattern})$", re.ASCII), list("-+0123456789")
)
_StringDateLoader.add_implicit_resolver(
    _FLOAT_TAG, re.compile(f"^(?:{_PLAIN_FLOAT.pattern})$", re.ASCII), list("-+0123456789.")
)


def _construct_plain_number(loader: Any, node: yaml.ScalarNode) -> int | float:
    """Explicitly tagged numbers (``!!int 010``) follow the same rule: decimal only."""
    text = loader.construct_scalar(node)
    integer = node.tag == _INT_TAG
    try:
        if _PLAIN_INT.fullmatch(text):
            return int(text) if integer else float(text)
        if not integer and _PLAIN_FLOAT.fullmatch(text):
            return float(loader.construct_yaml_float(node))
    except ValueError:  # more digits than int() converts (sys.get_int_max_str_digits)
        problem = f"of {len(text)} digits is not a number this tool reads"
    else:
        problem = "a plain decimal integer" if integer else "a decimal number"
        problem = f"{text[:20]!r} is not {problem}"
    raise yaml.constructor.ConstructorError(
        None, None, f"{node.tag.rsplit(':', 1)[-1]} {problem}", node.start_mark
    )


_StringDateLoader.add_constructor(_INT_TAG, _construct_plain_number)
_StringDateLoader.add_constructor(_FLOAT_TAG, _construct_plain_number)

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_YAML_TIMESTAMP = next(
    rx
    for rx_list in yaml.SafeLoader.yaml_implicit_resolvers.values()
    for tag, rx in rx_list
    if tag == _TIMESTAMP_TAG
)


def _construct_timestamp_text(loader: Any, node: yaml.ScalarNode) -> str:
    """``!!timestamp 2022-09-13`` stays text, like an untagged date; ``!!timestamp xyz`` is
    not a YAML timestamp and is refused at its line and column."""
    text = loader.construct_scalar(node)
    if not isinstance(text, str) or not _YAML_TIMESTAMP.match(text):
        raise yaml.constructor.ConstructorError(
            None, None, f"timestamp {text[:20]!r} is not a YAML timestamp", node.start_mark
        )
    yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)  # a real date?
    return text


_StringDateLoader.add_constructor(_TIMESTAMP_TAG, _construct_timestamp_text)


@cache
def schema() -> dict[str, Any]:
    text = resources.files("timeline").joinpath("schemas/dispatch.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _inline_refs(node: Any, defs: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """The schema with its local ``#/$defs/...`` references copied in place: the same rules,
    validated about a third faster (no reference lookups), which matters for long drafts."""
    if isinstance(node, list):
        return [_inline_refs(item, defs, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/") and ref not in seen:
        target = _inline_refs(defs[ref.rsplit("/", 1)[1]], defs, (*seen, ref))
        siblings = {k: _inline_refs(v, defs, seen) for k, v in node.items() if k != "$ref"}
        return {**target, **siblings}
    return {k: _inline_refs(v, defs, seen) for k, v in node.items()}


#: How the schema's patterns end: ``$`` and nothing after it. Python's ``$`` also matches
#: before a final newline, so ``tc\n`` would pass as the slug ``tc`` (and then never match it).
END_OF_TEXT = "(?![\\s\\S])"

#: The schema's pattern for text that is not blank: one character that is not whitespace to
#: Python's ``re`` nor to ECMA-262 (which jsonschema-rs follows); the engines disagree on
#: U+001C-U+001F, U+0085 and U+FEFF, so they are listed.
NON_BLANK = "[^\\s\\x1c-\\x1f\\x85\\ufeff]"


@cache
def _inlined_schema() -> dict[str, Any]:
    loaded = schema()
    inlined: dict[str, Any] = _inline_refs(loaded, loaded.get("$defs", {}))
    return inlined


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_inlined_schema())


@cache
def _fast_validator() -> Any:
    return jsonschema_rs.validator_for(_inlined_schema())


def _quickly_valid(document: Any) -> bool:
    """True when jsonschema-rs (compiled, about 250 times faster) finds the document valid.

    It is never more lenient than the jsonschema package on this schema: the patterns are
    written so that Python's ``re`` and its ECMA-262 engine agree (``$`` is followed by
    :data:`END_OF_TEXT`, because Python's ``$`` also matches before a final newline). So a
    valid answer is final, and anything else goes to the jsonschema package, which decides
    and describes the error (``tests/reliability/test_fuzz_parsers.py`` checks the
    implication).
    """
    try:
        return bool(_fast_validator().is_valid(document))
    except Exception:  # a value it cannot represent: the full validator decides
        return False


def field_path(parts: Any) -> str:
    """Render a JSON pointer-ish sequence as ``developments[3].countries[1]``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _path_order(parts: Any) -> list[tuple[int, int, str]]:
    """Order field paths as they appear in a file: indexes as numbers, names as text."""
    return [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in parts]


def _describe(error: jsonschema.ValidationError) -> tuple[str, str, object]:
    """Turn a jsonschema error into (field path, what was expected, what was found)."""
    path = list(error.absolute_path)
    validator = error.validator
    value = error.validator_value
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else str(value)
        return field_path([*path, missing]), "a value (this field is required)", None
    if validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})), key=str)
        return field_path([*path, extra[0]]), "no such field (unknown field name)", None
    if validator == "enum":
        return field_path(path), "one of " + ", ".join(map(str, value)), error.instance
    if validator == "const":
        return field_path(path), repr(value), error.instance
    if validator == "type" and value == "integer":
        return field_path(path), PLAIN_INTEGER, error.instance
    if validator == "type":
        return field_path(path), f"a value of type {value}", error.instance
    if validator == "pattern" and value == NON_BLANK:
        return field_path(path), "non-blank text", error.instance
    if validator == "pattern":
        schema_desc = error.schema.get("description")
        if schema_desc and "ISO 3166" in schema_desc:
            return field_path(path), "an ISO 3166-1 alpha-3 country code like ARM", error.instance
        if value == "^https?://":
            return field_path(path), "an http:// or https:// URL", error.instance
        return (
            field_path(path),
            f"text matching {value.removesuffix(END_OF_TEXT)} (lower-case letters, digits, '-'; "
            "no spaces or line breaks)",
            error.instance,
        )
    if validator in ("minItems", "minLength"):
        return field_path(path), f"at least {value} item(s) or character(s)", error.instance
    if validator == "maxItems":
        return (
            field_path(path),
            f"at most {value} entries (a documented limit; found {len(error.instance)})",
            None,
        )
    if validator == "maxLength":
        return field_path(path), f"at most {value} item(s) or character(s)", None
    if validator in ("minimum", "maximum"):
        return (
            field_path(path),
            f"a number {'>=' if validator == 'minimum' else '<='} {value}",
            error.instance,
        )
    if validator == "oneOf" and path and path[-1] in ("target", "into"):
        return (
            field_path(path),
            "a development id, a key in this file, or {report: {...}, key: ...} with the "
            "report's url or its outlet, published and headline",
            error.instance,
        )
    if validator == "uniqueItems" and isinstance(error.instance, list):
        seen: list[Any] = []
        for j, entry in enumerate(error.instance):
            if entry in seen:
                return (
                    field_path([*path, j]),
                    f"each value once in this list (the same as {field_path([*path, seen.index(entry)])})",
                    entry,
                )
            seen.append(entry)
    if validator == "minProperties":
        return field_path(path), f"at least {value} field(s)", None
    if validator == "anyOf" and path and path[-1] == "report":
        return field_path(path), "url, or outlet, published and headline", None
    if validator == "anyOf" and path and "category" in (error.instance or {}):
        return field_path(path), "at least one of low, best, high", None
    return field_path(path), error.message, None


def _open(path: Path) -> BinaryIO:
    name = str(path)
    try:
        if not path.exists():
            raise FileNotFoundError(name)
        if not path.is_file():
            raise DispatchError(name, "", "a readable file, not a directory, pipe or device")
        return path.open("rb")
    except FileNotFoundError:
        raise DispatchError(name, "", "an existing dispatch file") from None
    except OSError as exc:
        raise DispatchError(name, "", f"a readable file ({exc.strerror})") from None


def _text(name: str, raw: bytes, *, what: str = "file", bom: bool = True) -> str:
    if b"\x00" in raw:
        raise DispatchError(name, "", f"a text {what} (found a NUL byte)")
    try:
        return raw.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        raise DispatchError(name, "", f"UTF-8 text (invalid byte at offset {exc.start})") from None


#: ``int()`` converts at most this many digits (``sys.get_int_max_str_digits``).
_MAX_DIGITS = 4300


class _LongNumber(ValueError):
    def __init__(self, digits: str) -> None:
        super().__init__(digits[:20])
        self.digits = digits


def _json_int(digits: str) -> int:
    if len(digits) > _MAX_DIGITS:
        raise _LongNumber(digits)
    return int(digits)


def _position(text: str, fragment: str, *, one_line: bool) -> str:
    """``line L column C`` (``column C`` in a JSON Lines line) of a fragment of the text."""
    offset = max(text.find(fragment), 0)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"column {column}" if one_line else f"line {line} column {column}"


def _json(name: str, text: str, *, one_line: bool = False) -> Any:
    """Decode JSON text, refusing a key repeated in one object like the YAML loader does."""
    try:
        return json.loads(text, object_pairs_hook=_unique_members, parse_int=_json_int)
    except _LongNumber as exc:
        where = _position(text, exc.digits, one_line=one_line)
        raise DispatchError(
            name, where, f"a number of at most {_MAX_DIGITS} digits", "a longer number"
        ) from None
    except json.JSONDecodeError as exc:
        where = f"column {exc.colno}" if one_line else f"line {exc.lineno} column {exc.colno}"
        raise DispatchError(name, where, f"valid JSON ({exc.msg})") from None
    except _DuplicateKey as exc:
        raise DispatchError(
            name, exc.where, f"each key once per mapping ({exc.key!r} repeats)"
        ) from None
    except RecursionError:
        raise DispatchError(name, "", "a document nested less deeply") from None


#: The path that means standard input, and how a dispatch read from it is named.
STDIN = "-"
STDIN_NAME = "<stdin>"


def _read(path: Path) -> Any:
    name = STDIN_NAME if str(path) == STDIN else str(path)
    try:
        if str(path) == STDIN:
            raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            with _open(path) as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)  # never more than the limit
    except OSError as exc:
        raise DispatchError(name, "", f"a readable file ({exc.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise DispatchError(name, "", f"a file of at most {MAX_FILE_BYTES} bytes", "a larger file")
    text = _text(name, raw)
    if not text.strip():
        raise DispatchError(name, "", "a dispatch document (the file is empty)")
    if path.suffix.lower() == ".json":
        return _json(name, text)
    try:
        return yaml.load(text, Loader=_StringDateLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1} column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise DispatchError(name, where, f"valid YAML ({problem})") from None
    except _DuplicateKey as exc:
        raise DispatchError(
            name, exc.where, f"each key once per mapping ({exc.key!r} repeats)"
        ) from None
    except RecursionError:
        raise DispatchError(name, "", "a document nested less deeply") from None


class _DuplicateKey(ValueError):
    def __init__(self, key: object, where: str = "") -> None:
        super().__init__(key)
        self.key = key
        self.where = where


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(key)
        found[key] = value
    return found


#: A dispatch has a few thousand values at most; aliases may not expand past this.
MAX_VALUES = 1_000_000


_JSON_ATOMS = (int, bool, type(None))


#: What :func:`_scan` says when it stops early: nothing is known about the text.
_UNKNOWN_TEXT = (False, True, True)


def _scan(document: Any) -> tuple[bool, bool, bool]:
    """The quick pass of :func:`_check_size_and_text`, keeping no paths. Returns (plainly
    fine: within the value budget, text that encodes as UTF-8, finite numbers; some text or
    key is not in NFC; some text may show nothing). Anything it cannot vouch for (a failure,
    or a type it does not know) is left to the full check, with the text unknown."""
    budget = MAX_VALUES - 1
    not_nfc = maybe_invisible = False
    stack = [document]
    pop, extend = stack.pop, stack.extend
    while stack:
        value = pop()
        kind = type(value)
        if kind is str:
            if value.isascii():
                if not value.isprintable() and value.strip() and not has_visible(value):
                    maybe_invisible = True
            else:
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    return _UNKNOWN_TEXT
                if not unicodedata.is_normalized("NFC", value):
                    not_nfc = True
                if not has_visible(value):
                    maybe_invisible = True
        elif kind is dict:
            budget -= len(value)
            if not not_nfc:
                try:
                    not_nfc = not "".join(value).isascii()
                except TypeError:  # a key that is not text: let the normaliser look
                    not_nfc = True
            extend(value.values())
        elif kind is list:
            budget -= len(value)
            extend(value)
        elif kind is float:
            if not math.isfinite(value):
                return _UNKNOWN_TEXT
        elif kind not in _JSON_ATOMS:
            return _UNKNOWN_TEXT
        if budget < 0:
            return _UNKNOWN_TEXT
    return True, not_nfc, maybe_invisible


def _plainly_fine(document: Any) -> bool:
    """True when :func:`_check_size_and_text` can pass the document without its full walk."""
    return _scan(document)[0]


def _check_size_and_text(name: str, document: Any) -> tuple[bool, bool]:
    """Refuse documents whose aliases expand beyond ``MAX_VALUES`` values, and text that is
    not valid Unicode (lone surrogates from escapes), naming the field. Returns what the
    text needs: (normalising to NFC, a check for invisible-only text)."""
    plainly_fine, not_nfc, maybe_invisible = _scan(document)
    if plainly_fine:
        return not_nfc, maybe_invisible
    budget = MAX_VALUES
    stack: list[tuple[Any, list[Any]]] = [(document, [])]
    while stack:
        value, path = stack.pop()
        budget -= 1
        if budget < 0:
            raise DispatchError(
                name, "", f"a document of at most {MAX_VALUES} values (YAML aliases included)"
            )
        if isinstance(value, dict):
            stack.extend((v, [*path, str(k)]) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, [*path, i]) for i, v in enumerate(value))
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise DispatchError(
                    name, field_path(path), "text without lone surrogate code points"
                ) from None
        elif isinstance(value, float) and not math.isfinite(value):
            raise DispatchError(name, field_path(path), "a finite number", str(value))
    return True, True


def _normalise_text(name: str, document: Any) -> Any:
    """Every string in the document, keys included, in Unicode NFC, so that the NFC and NFD
    spellings of a headline, an actor or an outlet are one report and one actor. Works in
    place (each node once: YAML aliases share them) and returns the document."""
    if isinstance(document, str):
        return unicodedata.normalize("NFC", document)
    seen: set[int] = set()
    stack = [document]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, list):
            for i, value in enumerate(node):
                if isinstance(value, str):
                    if not value.isascii():
                        node[i] = unicodedata.normalize("NFC", value)
                elif isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(node, dict):
            if not all(key.isascii() for key in node if isinstance(key, str)):
                renamed = {}
                for key, value in node.items():
                    if isinstance(key, str):
                        key = unicodedata.normalize("NFC", key)
                    if key in renamed:
                        raise DispatchError(
                            name, "", f"each key once per mapping ({key!r} repeats in NFC)"
                        )
                    renamed[key] = value
                node.clear()
                node.update(renamed)
            for key, value in node.items():
                if isinstance(value, str):
                    if not value.isascii():
                        node[key] = unicodedata.normalize("NFC", value)
                elif isinstance(value, (dict, list)):
                    stack.append(value)
    return document


def _refuse_invisible_text(name: str, document: Any) -> None:
    """Refuse text that is not blank but shows nothing (NUL, U+200B, U+3164...): the schema's
    non-blank pattern sees a character there, a reader does not. Checked in file order."""
    pending: list[tuple[Any, tuple[Any, ...]]] = [(document, ())]
    while pending:
        node, path = pending.pop()
        if isinstance(node, str):
            if node.strip() and not has_visible(node):
                shown = ", ".join(sorted({f"U+{ord(c):04X}" for c in node if not c.isspace()}))
                raise DispatchError(
                    name,
                    field_path(path),
                    f"non-blank text (found only invisible characters: {shown[:60]})",
                    node,
                )
        elif isinstance(node, dict):
            pending.extend((v, (*path, k)) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            pending.extend((v, (*path, i)) for i, v in reversed(list(enumerate(node))))


def _country(name: str, where: str, code: str) -> str:
    if countries.get(code) is None:
        raise DispatchError(name, where, "an ISO 3166-1 alpha-3 country code like ARM", code)
    return code


#: What a count or an offset must be, in every message that refuses one.
PLAIN_INTEGER = "a plain decimal integer such as 120 (not 010, 0x1F, 1:20, 1_000, 5.0 or 1e9)"


def _integers(name: str, where: str, raw: dict[str, Any], fields: tuple[str, ...]) -> None:
    """Refuse floats where the schema wants an integer: JSON Schema counts 5.0, 1e9 and
    -0.0 as integers (and -0.0 passes ``minimum: 0``), but a count is written in digits."""
    for field_name in fields:
        if isinstance(raw.get(field_name), float):
            raise DispatchError(name, f"{where}.{field_name}", PLAIN_INTEGER, raw[field_name])


#: The kinds of number a figure can be, and how they read.
BOUNDS = ("exact", "at_least", "more_than", "up_to", "about")


def _values(
    name: str, where: str, raw: dict[str, Any], bound: str | None
) -> tuple[int | None, int | None, int | None]:
    """A figure's (or part's) low, best and high. With a ``bound``, the one number given
    is placed by the bound: exact N is N-N-N, at least and more than N are low N (best N),
    up to N is high N, about N is best N alone."""
    _integers(name, where, raw, ("low", "best", "high"))
    low, best, high = raw.get("low"), raw.get("best"), raw.get("high")
    if bound is not None:
        given = [v for v in (low, best, high) if v is not None]
        if len(given) != 1:
            raise DispatchError(
                name, f"{where}.bound", "one of low, best or high with a bound", raw
            )
        n = given[0]
        return {
            "exact": (n, n, n),
            "at_least": (n, n, None),
            "more_than": (n, n, None),
            "up_to": (None, None, n),
            "about": (None, n, None),
        }[bound]
    if best is not None and low is None and high is None:
        low = high = best  # a bare best is an exact count
    elif best is None and low is not None and high is None:
        best = low  # "at least N": the lower bound is also the best estimate
    for label, lower, upper in (("low", low, best), ("best", best, high), ("low", low, high)):
        if lower is not None and upper is not None and lower > upper:
            raise DispatchError(name, f"{where}.{label}", "low <= best <= high", raw)
    return low, best, high


def _least(low: int | None, best: int | None, high: int | None) -> int:
    """The fewest a figure says: its low, else its best; up to N says at least none."""
    return low if low is not None else best if best is not None else 0


def _most(low: int | None, best: int | None, high: int | None) -> int:
    """The number a whole states at most: its high, else its best, else its low."""
    return next(v for v in (high, best, low) if v is not None)


def _figure(name: str, where: str, raw: dict[str, Any]) -> Figure:
    bound = raw.get("bound")
    low, best, high = _values(name, where, raw, bound)
    party = raw["party"]
    iso = len(party) == 3 and party.isupper()
    if iso:
        _country(name, f"{where}.party", party)
    country = raw.get("country")
    if country is not None:
        if iso and country != party:
            raise DispatchError(
                name,
                f"{where}.country",
                f"no country, or {party} (the party is a country)",
                country,
            )
        _country(name, f"{where}.country", country)
    owner = party if iso else country
    parts: list[FigurePart] = []
    seen: set[tuple[str, str | None]] = set()
    for j, entry in enumerate(raw.get("includes", [])):
        at = f"{where}.includes[{j}]"
        group = entry.get("group")
        if (entry.get("party") is None) == (group is None):
            raise DispatchError(name, at, "either party (a country) or group with its country")
        if group is not None and entry.get("country") is None:
            raise DispatchError(
                name, f"{at}.country", "the country the group belongs to (ISO code)"
            )
        if entry.get("party") is not None and entry.get("country") is not None:
            raise DispatchError(name, f"{at}.country", "no country beside a party", entry)
        part_country = _country(
            name, f"{at}.{'country' if group else 'party'}", entry.get("country") or entry["party"]
        )
        if owner is not None and part_country != owner:
            raise DispatchError(
                name,
                f"{at}.{'country' if group else 'party'}",
                f"{owner} (a part belongs to the figure's country)",
                part_country,
            )
        category = entry.get("category", raw["category"])
        if category != raw["category"]:
            raise DispatchError(
                name, f"{at}.category", f"{raw['category']} (the figure's category)", category
            )
        if (part_country, group) in seen:
            raise DispatchError(name, at, "each part once (this party or group is repeated)")
        seen.add((part_country, group))
        parts.append(FigurePart(part_country, group, category, *_values(name, at, entry, None)))
    if parts:
        whole = _most(low, best, high)
        counted = sum(_least(p.low, p.best, p.high) for p in parts)
        if counted > whole:
            raise DispatchError(
                name,
                f"{where}.includes",
                f"parts that never exceed the whole ({whole}); they count at least {counted}",
            )
    return Figure(
        party,
        raw["category"],
        low,
        best,
        high,
        raw["claimant"],
        bound=bound,
        provisional=bool(raw.get("provisional", False)),
        includes=tuple(parts),
        country=country,
    )


def _occurred(name: str, where: str, occ: dict[str, Any], anchor: str) -> Occurred:
    tz = occ.get("tz")
    if tz is not None:
        return _zoned_occurred(name, where, occ, anchor, tz)
    for bound in ("start", "end"):
        if bound in occ:
            try:
                parse_period_start(occ[bound])
            except DateError as exc:
                raise DispatchError(
                    name, f"{where}.{bound}", f"a real date ({exc})", occ[bound]
                ) from None
    try:
        start, end = occurred_interval(occ["start"], occ.get("end"), occ["precision"])
    except DateError as exc:
        raise DispatchError(name, f"{where}.end", f"a real date ({exc})", occ.get("end")) from None
    if end <= start:
        raise DispatchError(name, f"{where}.end", "an end after the start", occ.get("end"))
    return Occurred(iso(start), iso(end), occ["precision"], occ.get("phrase"), anchor)


def _zoned_occurred(name: str, where: str, occ: dict[str, Any], anchor: str, tz: str) -> Occurred:
    """Occurred values given as wall-clock times in the IANA zone ``tz``."""
    try:
        zones.zone(tz)
    except DateError as exc:
        raise DispatchError(
            name, f"{where}.tz", str(exc).replace("is not", "expected"), tz
        ) from None
    for bound in ("start", "end"):
        if bound in occ:
            try:
                zones.localise(occ[bound], tz)
            except DateError as exc:
                raise DispatchError(
                    name, f"{where}.{bound}", f"a real date in {tz} ({exc})", occ[bound]
                ) from None
    start, end = zones.local_interval(occ["start"], occ.get("end"), occ["precision"], tz)
    if end <= start:
        raise DispatchError(name, f"{where}.end", "an end after the start", occ.get("end"))
    return Occurred(iso(start), iso(end), occ["precision"], occ.get("phrase"), anchor, tz)


def _when(name: str, where: str, value: str | None) -> str | None:
    """An affiliation bound: a day, month or year, kept as its ISO start."""
    if value is None:
        return None
    try:
        return iso(occurred_interval(value, None, "day")[0])[:10]
    except DateError as exc:
        raise DispatchError(name, where, f"a date ({exc})", value) from None


@cache
def _actor_validator() -> jsonschema.Draft202012Validator:
    inlined = _inlined_schema()
    return jsonschema.Draft202012Validator(inlined["properties"]["actors"])


def parse_actor_entries(entries: list[dict[str, Any]], source: str) -> tuple[ActorDraft, ...]:
    """An ``actors:`` section given on its own (``timeline actor ...``): checked against the
    same schema and rules as in a dispatch file."""
    _check_size_and_text(source, entries)
    errors = sorted(
        _actor_validator().iter_errors(entries),
        key=lambda e: (_path_order(e.absolute_path), str(e.validator)),
    )
    if errors:
        where, expected, found = _describe(errors[0])
        raise DispatchError(
            source, f"actors{where}" if where.startswith("[") else where, expected, found
        )
    return parse_actors(source, entries)


def parse_actors(name: str, raw: list[dict[str, Any]]) -> tuple[ActorDraft, ...]:
    """The ``actors:`` section (already checked against the schema): defined actors need a
    kind with their name, and ids appear once per file."""
    drafts = []
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        where = f"actors[{i}]"
        if entry["id"] in seen:
            raise DispatchError(name, f"{where}.id", "an actor id not used earlier in this file")
        seen.add(entry["id"])
        if ("name" in entry) != ("kind" in entry):
            missing = "kind" if "name" in entry else "name"
            raise DispatchError(
                name,
                f"{where}.{missing}",
                "both name and kind (to define an actor) or neither (to extend one)",
            )
        if "name" not in entry and not entry.get("aliases") and not entry.get("affiliations"):
            raise DispatchError(name, where, "a name and kind, or aliases or affiliations to add")
        affiliations = []
        for j, a in enumerate(entry.get("affiliations", [])):
            at = f"{where}.affiliations[{j}]"
            start = _when(name, f"{at}.from", a.get("from"))
            end = _when(name, f"{at}.to", a.get("to"))
            if start is not None and end is not None and end <= start:
                raise DispatchError(name, f"{at}.to", "an end after the start", a.get("to"))
            if a["actor"] == entry["id"]:
                raise DispatchError(name, f"{at}.actor", "another actor's id", a["actor"])
            affiliations.append(
                AffiliationDraft(a.get("relation", "speaks_for"), a["actor"], start, end)
            )
        country = entry.get("country")
        drafts.append(
            ActorDraft(
                id=entry["id"],
                name=entry["name"].strip() if "name" in entry else None,
                kind=entry.get("kind"),
                country=_country(name, f"{where}.country", country) if country else None,
                aliases=tuple(a.strip() for a in entry.get("aliases", [])),
                affiliations=tuple(affiliations),
            )
        )
    return tuple(drafts)


def _provenance(name: str, where: str, raw: list[dict[str, Any]]) -> tuple[Provenance, ...]:
    for j, entry in enumerate(raw):
        _integers(name, f"{where}[{j}]", entry, ("start", "end"))
        if entry["end"] < entry["start"]:
            raise DispatchError(
                name, f"{where}[{j}].end", "an end offset not before the start", entry["end"]
            )
    return tuple(Provenance(**entry) for entry in raw)


def _places(name: str, where: str, raw: list[dict[str, Any]]) -> tuple[Place, ...]:
    return tuple(
        Place(
            p["name"],
            _country(name, f"{where}[{j}].country", p["country"]),
            p.get("lat"),
            p.get("lon"),
        )
        for j, p in enumerate(raw)
    )


def _report(name: str, where: str, raw: dict[str, Any]) -> ReportDraft:
    published = raw.get("published")
    offset = None
    tz = raw.get("tz")
    if published is not None:
        try:
            if tz is not None:
                local, _ = zones.localise(published, tz)
                instant = Instant(local.astimezone(UTC), format_offset(local.utcoffset()))
            else:
                instant = parse_instant(published)
        except DateError as exc:
            field = "tz" if tz is not None and "time zone" in str(exc) else "published"
            raise DispatchError(
                name, f"{where}.{field}", f"an ISO 8601 date-time ({exc})", raw.get(field)
            ) from None
        published, offset = instant.iso, instant.offset
        if instant.utc > datetime.now(UTC) + timedelta(days=1):
            raise DispatchError(
                name,
                f"{where}.published",
                "a publication time that is not in the future",
                raw["published"],
            )
    language = raw.get("language")
    if language is not None and pycountry.languages.get(alpha_2=language) is None:
        raise DispatchError(
            name, f"{where}.language", "an ISO 639-1 language code like en", language
        )
    return ReportDraft(
        outlet=(raw.get("outlet") or "").strip(),
        url=raw.get("url"),
        headline=(raw.get("headline") or "").strip(),
        published=published or "",
        published_offset=offset,
        language=language,
        published_tz=tz,
    )


def _reference(name: str, where: str, raw: Any, keys: list[str]) -> Reference:
    if isinstance(raw, dict):
        return Reference(report=_report(name, f"{where}.report", raw["report"]), key=raw["key"])
    text = str(raw).strip()
    try:
        return Reference(id=str(UUID(text)))
    except ValueError:
        pass
    if text in keys:
        return Reference(local=text)
    raise DispatchError(
        name,
        where,
        "a development id (UUID), the key of a development in this file, "
        "or {report: ..., key: ...}",
        raw,
    )


def _revision(
    name: str, where: str, raw: dict[str, Any], keys: list[str], anchor: str
) -> RevisionDraft:
    changes: dict[str, Any] = {}
    for field_name, value in raw.get("changes", {}).items():
        at = f"{where}.changes.{field_name}"
        if field_name == "occurred":
            changes["occurred"] = asdict(_occurred(name, at, value, anchor))
        elif field_name == "countries":
            changes["countries"] = [_country(name, f"{at}[{j}]", c) for j, c in enumerate(value)]
        elif field_name == "places":
            changes["places"] = [asdict(p) for p in _places(name, at, value)]
        else:
            changes[field_name] = value.strip() if isinstance(value, str) else value
    into = raw.get("into")
    target = _reference(name, f"{where}.target", raw["target"], keys)
    into_ref = _reference(name, f"{where}.into", into, keys) if into is not None else None
    if into_ref is not None and into_ref == target:
        raise DispatchError(name, f"{where}.into", "a development other than the target", into)
    return RevisionDraft(
        action=raw["action"],
        target=target,
        into=into_ref,
        figure=_figure(name, f"{where}.figure", raw["figure"]) if "figure" in raw else None,
        changes=tuple(sorted(changes.items())),
        party=raw.get("party"),
        note=raw.get("note"),
        quote=raw.get("quote"),
    )


def parse_document(document: Any, source: str) -> Dispatch:
    """Validate a loaded document and normalise it into a :class:`Dispatch`."""
    name = source
    not_nfc, maybe_invisible = _check_size_and_text(name, document)
    if not isinstance(document, dict):
        raise DispatchError(
            name, "", "a mapping with format, report and developments", type(document).__name__
        )
    if not_nfc:
        document = _normalise_text(name, document)
    if not _quickly_valid(document):
        try:
            validator = _validator()
            errors = sorted(
                itertools.islice(validator.iter_errors(document), 1000),
                key=lambda e: (_path_order(e.absolute_path), str(e.validator)),
            )
        except RecursionError:
            raise DispatchError(name, "", "a document nested less deeply") from None
        if errors:
            where, expected, found = _describe(errors[0])
            raise DispatchError(name, where, expected, found)
    if maybe_invisible:
        _refuse_invisible_text(name, document)

    report = _report(name, "report", document["report"])

    conflicts = []
    seen_conflicts: set[str] = set()
    for i, raw in enumerate(document.get("conflicts", [])):
        where = f"conflicts[{i}]"
        if raw["id"] in seen_conflicts:
            raise DispatchError(
                name, f"{where}.id", "a conflict id not already defined in this file", raw["id"]
            )
        seen_conflicts.add(raw["id"])
        parties = tuple(
            _country(name, f"{where}.parties[{j}]", p) for j, p in enumerate(raw["parties"])
        )
        started = None
        if "started" in raw:
            try:
                started = iso(occurred_interval(raw["started"], None, "day")[0])[:10]
            except DateError as exc:
                raise DispatchError(
                    name, f"{where}.started", f"a date ({exc})", raw["started"]
                ) from None
        conflicts.append(
            ConflictDraft(raw["id"], raw["name"], parties, tuple(raw.get("aliases", [])), started)
        )

    actors = parse_actors(name, document.get("actors", []))

    raw_developments = document.get("developments", [])
    if not raw_developments and not document.get("revisions") and not actors:
        raise DispatchError(
            name, "developments", "at least one development, one revision or one actor"
        )
    keys = [raw["key"] for raw in raw_developments]
    developments = []
    for i, raw in enumerate(raw_developments):
        where = f"developments[{i}]"
        if keys.index(raw["key"]) != i:
            raise DispatchError(
                name, f"{where}.key", "a key not used earlier in this file", raw["key"]
            )
        occurred = _occurred(name, f"{where}.occurred", raw["occurred"], report.published)
        countries = tuple(
            _country(name, f"{where}.countries[{j}]", c) for j, c in enumerate(raw["countries"])
        )
        places = _places(name, f"{where}.places", raw.get("places", []))
        figures = tuple(
            _figure(name, f"{where}.figures[{j}]", f) for j, f in enumerate(raw.get("figures", []))
        )
        for j, other in enumerate(raw.get("contradicts", [])):
            if other not in keys or other == raw["key"]:
                raise DispatchError(
                    name,
                    f"{where}.contradicts[{j}]",
                    "the key of another development in this file",
                    other,
                )
        if raw.get("counts") and raw["kind"] != "casualty_report":
            raise DispatchError(
                name, f"{where}.counts", "no counts (only a casualty_report counts developments)"
            )
        counts = tuple(
            _reference(name, f"{where}.counts[{j}]", ref, keys)
            for j, ref in enumerate(raw.get("counts", []))
        )
        if Reference(local=raw["key"]) in counts:
            raise DispatchError(name, f"{where}.counts", "other developments than this one")
        claim = raw["claim"]
        developments.append(
            DevelopmentDraft(
                key=raw["key"],
                kind=raw["kind"],
                summary=raw["summary"].strip(),
                quote=raw.get("quote"),
                occurred=occurred,
                countries=countries,
                actors=tuple(raw.get("actors", [])),
                places=places,
                conflicts=tuple(raw.get("conflicts", [])),
                claim=Claim(
                    tuple(claim["asserted_by"]),
                    claim["verification"],
                    tuple(claim.get("disputed_by", [])),
                ),
                figures=figures,
                contradicts=tuple(raw.get("contradicts", [])),
                provenance=_provenance(name, f"{where}.provenance", raw.get("provenance", [])),
                review=Review(**raw["review"]) if "review" in raw else None,
                counts=counts,
            )
        )
    revisions = tuple(
        _revision(name, f"revisions[{i}]", raw, keys, report.published)
        for i, raw in enumerate(document.get("revisions", []))
    )
    return Dispatch(
        source=name,
        report=report,
        conflicts=tuple(conflicts),
        developments=tuple(developments),
        revisions=revisions,
        actors=actors,
    )


def load_dispatch(path: str | Path) -> Dispatch:
    """Read, validate and normalise one dispatch file; ``-`` reads one dispatch (YAML or
    JSON) from standard input."""
    file = Path(path)
    return parse_document(_read(file), STDIN_NAME if str(path) == STDIN else str(path))


#: File name endings of JSON Lines archives: one dispatch per line.
ARCHIVE_SUFFIXES = (".jsonl", ".ndjson")


def is_archive(path: str | Path) -> bool:
    return Path(path).suffix.lower() in ARCHIVE_SUFFIXES


def read_archive(path: str | Path) -> Iterator[Dispatch | DispatchError]:
    """Stream a JSON Lines archive: each non-blank line is one dispatch object, named
    ``PATH:LINE`` (1-based) and checked like a JSON dispatch file, limits included.

    Yields each line's :class:`Dispatch`, or the :class:`DispatchError` that refuses it, so
    the caller can report a bad line and go on. Reads one line at a time, so memory stays
    flat whatever the archive's size. A file that cannot be opened or read raises.
    """
    file = Path(path)
    with _open(file) as handle:
        number = 0
        while True:
            try:
                raw = handle.readline(MAX_FILE_BYTES + 1)
            except OSError as exc:
                raise DispatchError(
                    f"{path}:{number + 1}", "", f"a readable file ({exc.strerror})"
                ) from None
            if not raw:
                return
            number += 1
            name = f"{path}:{number}"
            if len(raw) > MAX_FILE_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                    raw = handle.readline(MAX_FILE_BYTES)
                yield DispatchError(
                    name, "", f"a line of at most {MAX_FILE_BYTES} bytes", "a longer line"
                )
                continue
            try:
                text = _text(name, raw, what="line", bom=number == 1).rstrip("\r\n")
                if not text.strip():
                    continue
                yield parse_document(_json(name, text, one_line=True), name)
            except DispatchError as exc:
                yield exc
