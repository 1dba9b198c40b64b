"""Escaping untrusted article text for each output format.

Every piece of text that came from a dispatch (summaries, quotes, outlets, headlines, names)
goes through one of these before it reaches an output. Control and bidi characters are
stripped first (:func:`timeline.text.clean`); JSON output uses :func:`timeline.text.dumps`.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata

from timeline.text import clean

# Characters that start Markdown inline syntax anywhere in a line (emphasis, code, links,
# tables, strikethrough, headings). "<", ">" and "&" become entities so no HTML gets through.
_MARKDOWN = re.compile(r"([\\`*_\[\]#|~])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")
# Block syntax at the start of a line (CommonMark): a bullet (``-`` or ``+`` then a space or
# the end), a thematic break of dashes, a setext underline of ``=``, an ordered-list number
# (``1.``, ``2)`` then a space or the end). ``*``, ``_``, ``#``, ``>`` are escaped anywhere.
_LINE_START = re.compile(
    r"^(?:([-+])(?=\s|$)|(-)(?=(?:\s*-){2,}\s*$)|(=)(?==*\s*$)|(\d{1,9})([.)])(?=\s|$))"
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters that are not ``= + - @`` but that spreadsheets (or their users) may read as
#: them: the minus sign and dashes, besides the full-width and small forms NFKC folds.
_FORMULA_LOOKALIKES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2796\u2795\ufe58")


def html(text: object) -> str:
    """Text for HTML element content or a quoted attribute value."""
    return _html.escape(clean(text), quote=True)


def markdown(text: object) -> str:
    """Text for Markdown: one line, with HTML and Markdown syntax shown literally.

    Block syntax that only counts at the start of a line (``- item``, ``1.``, ``===`` and
    ``---`` underlines and rules) is escaped too, since a writer may put the text there (a
    continuation line of a list item); ``>`` is an entity and ``#`` is escaped anywhere."""
    cleaned = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LINE_START.sub(_escape_line_start, _MARKDOWN.sub(r"\\\1", cleaned), count=1)


def _escape_line_start(match: re.Match[str]) -> str:
    mark = match.group(1) or match.group(2) or match.group(3)
    if mark:
        return "\\" + mark
    return f"{match.group(4)}\\{match.group(5)}"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL that can stand in a link as it is, or None."""
    if url and _SAFE_URL.match(url):
        return url
    return None


def spreadsheet(value: object) -> str:
    """A CSV cell that no spreadsheet will run as a formula.

    Numbers we computed are written as they are; text is cleaned and, if it starts with
    ``= + - @`` (or a tab or carriage return), or a look-alike of them (full-width ``＝``,
    small ``﹦``, the minus sign), prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    text = clean(value)
    if text.startswith(_FORMULA_START) or _looks_like_formula(text[:1]):
        return "'" + text
    return text


def _looks_like_formula(first: str) -> bool:
    if not first:
        return False
    return first in _FORMULA_LOOKALIKES or unicodedata.normalize("NFKC", first).startswith(
        _FORMULA_START
    )
