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
    """JSON for terminals and pipes: UTF-8 text, but every control or bidi character escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
