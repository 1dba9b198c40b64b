"""The dispatch JSON Schema: loading it, the fast (jsonschema-rs) and explaining (jsonschema)
validators, and turning a validation error into a field path and what was expected."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import jsonschema_rs

#: What a count or an offset must be, in every message that refuses one.
PLAIN_INTEGER = "a plain decimal integer such as 120 (not 010, 0x1F, 1:20, 1_000, 5.0 or 1e9)"


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
