"""Untrusted text: article text may carry terminal escapes, markup or direction overrides.

``clean`` strips what could control a terminal or reorder text: C0 and C1 control
characters (ESC, CSI, OSC, BEL...), DEL, and Unicode bidirectional overrides and isolates.
Rich markup and emoji codes are neutralised elsewhere by building ``Text`` objects with
markup and emoji off; ``clean`` keeps the characters so they show literally.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import orjson

#: The one list of format characters that must never reach a terminal raw, whatever the
#: output: the Arabic letter mark, zero-width characters and direction marks, line and
#: paragraph separators, bidi embeddings, overrides and isolates, the byte-order mark and
#: interlinear annotation marks. (C0 and C1 controls are added where each output needs them.)
FORMAT_CONTROLS = "\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb"
#: Any one of :data:`FORMAT_CONTROLS`.
FORMAT_CONTROL = re.compile(f"[{FORMAT_CONTROLS}]")

# C0 controls (tab and newline included: a summary is one line), DEL, C1 controls, and the
# format characters.
_UNSAFE = re.compile(f"[\u0000-\u001f\u007f-\u009f{FORMAT_CONTROLS}]")
_SPACES = re.compile(r"\s{2,}")


def clean(text: object) -> str:
    """Make untrusted text safe to print: controls become spaces, then runs collapse."""
    if text is None:
        return ""
    if type(text) is str and text.isascii() and text.isprintable() and "  " not in text:
        return text.strip()  # the common case, at a fraction of the cost: nothing to replace
    cleaned = _UNSAFE.sub(" ", str(text))
    return _SPACES.sub(" ", cleaned).strip()


def escaped(text: object) -> str:
    """Untrusted text shown exactly, for names such as paths and URLs: each unsafe character
    becomes a visible escape (``\\x1b``, ``\\u202e``) and nothing else changes."""
    return _UNSAFE.sub(_escape, str(text))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_JSON_UNSAFE = re.compile(f"[\u007f-\u009f{FORMAT_CONTROLS}]")


def dumps(value: Any, *, indent: int | None = 2) -> str:
    """JSON for terminals and pipes: UTF-8 text, but every control or bidi character escaped.

    Indented JSON is written by orjson when that gives the standard library's very text
    (:func:`_indented`): the library's encoder indents in Python, which took a second for a
    20 MB report at 1M events, against a tenth of that."""
    text = _indented(value) if indent == 2 else None
    if text is None:
        text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


#: orjson writes integers of up to 64 bits.
_INT_RANGE = range(-(2**63), 2**64)


def _plain(value: Any) -> Any:
    """``value`` as orjson writes it exactly as ``json.dumps(..., ensure_ascii=False,
    indent=2)`` does, or :data:`_NOT_PLAIN`. Floats become fragments of the standard
    library's own text (orjson writes ``1e-05`` as ``0.00001``); anything else orjson would
    write otherwise (keys that are not strings, subclasses, big integers) is not plain."""
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return value
    if kind is int:
        return value if value in _INT_RANGE else _NOT_PLAIN
    if kind is float:
        return orjson.Fragment(json.dumps(value))
    if kind is dict:
        copy = None
        for key, item in value.items():
            if type(key) is not str:
                return _NOT_PLAIN
            new = _plain(item)
            if new is not item:
                if new is _NOT_PLAIN:
                    return _NOT_PLAIN
                if copy is None:
                    copy = dict(value)
                copy[key] = new
        return value if copy is None else copy
    if kind is list or kind is tuple:
        items = None
        for index, item in enumerate(value):
            new = _plain(item)
            if new is not item:
                if new is _NOT_PLAIN:
                    return _NOT_PLAIN
                if items is None:
                    items = list(value)
                items[index] = new
        return value if items is None else items
    return _NOT_PLAIN


_NOT_PLAIN = object()


def _indented(value: Any) -> str | None:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, written by orjson, or None when
    orjson could write it otherwise (see :func:`_plain`; lone surrogates, which orjson
    refuses, fall back too). ``tests/test_text_json.py`` compares the two."""
    try:
        plain = _plain(value)
    except RecursionError:  # deep or circular: the standard library says which
        return None
    if plain is _NOT_PLAIN:
        return None
    try:
        return orjson.dumps(plain, option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:
        return None


#: Unicode categories that draw nothing: controls, format characters (zero-width, bidi,
#: tags), spaces and line and paragraph separators, and lone surrogates.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Cs"})
#: Letters, marks and symbols that fonts draw as nothing: the combining grapheme joiner,
#: Hangul fillers, Khmer inherent vowels, Mongolian and other variation selectors, and the
#: blank braille pattern.
_BLANK_LOOKING = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u2800\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)


def has_visible(text: str) -> bool:
    """True when ``text`` has at least one character a reader can see.

    Whitespace, NUL and other controls, zero-width and other format characters (U+200B,
    U+2060, U+FEFF, tags), and blank-looking letters (U+3164 HANGUL FILLER) do not count."""
    if text.isascii():
        return any(" " < character < "\x7f" for character in text)
    for character in text:
        if character in _BLANK_LOOKING:
            continue
        if unicodedata.category(character) not in _INVISIBLE_CATEGORIES:
            return True
    return False
