"""Untrusted text: article text may carry terminal escapes, markup or direction overrides.

``clean`` strips what could control a terminal or reorder text: C0 and C1 control
characters (ESC, CSI, OSC, BEL...), DEL, and Unicode bidirectional overrides and isolates.
Rich markup and emoji codes are neutralised elsewhere by building ``Text`` objects with
markup and emoji off; ``clean`` keeps the characters so they show literally.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls (tab and newline included: a summary is one line), DEL, C1 controls,
# bidi embeddings/overrides/isolates, zero-width and direction marks, line/para separators.
_UNSAFE = re.compile(
    "[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)
_SPACES = re.compile(r"\s{2,}")


def clean(text: object) -> str:
    """Make untrusted text safe to print: controls become spaces, then runs collapse."""
    if text is None:
        return ""
    cleaned = _UNSAFE.sub(" ", str(text))
    return _SPACES.sub(" ", cleaned).strip()


_JSON_UNSAFE = re.compile(
    "[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)


def dumps(value: Any, *, indent: int | None = 2) -> str:
    """JSON for terminals and pipes: UTF-8 text, but every control or bidi character escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
