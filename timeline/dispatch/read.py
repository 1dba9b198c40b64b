"""Reading dispatches: bytes to text, the YAML and JSON loaders (dates kept as text, plain
decimal numbers only, repeated keys refused), and the checks every loaded document passes
(value budget, Unicode, NFC, visible text)."""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections.abc import Hashable
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from timeline.dispatch.model import MAX_FILE_BYTES
from timeline.dispatch.schema import field_path
from timeline.errors import DispatchError
from timeline.text import has_visible

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
