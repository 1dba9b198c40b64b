"""Escaping untrusted article text for each output format.

Every piece of text that came from a dispatch (summaries, quotes, outlets, headlines, names)
goes through one of these before it reaches an output. Control and bidi characters are
stripped first (:func:`timeline.text.clean`); JSON output uses :func:`timeline.text.dumps`.
"""

from __future__ import annotations

import html as _html
import re

from timeline.text import clean

# Characters that start Markdown inline syntax anywhere in a line (emphasis, code, links,
# tables, strikethrough, headings). "<", ">" and "&" become entities so no HTML gets through.
_MARKDOWN = re.compile(r"([\\`*_\[\]#|~])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def html(text: object) -> str:
    """Text for HTML element content or a quoted attribute value."""
    return _html.escape(clean(text), quote=True)


def markdown(text: object) -> str:
    """Text for Markdown: one line, with HTML and Markdown syntax shown literally.

    Writers never start a line with escaped text, so line-start syntax (``1.``, ``-``,
    ``>``) cannot arise from it."""
    cleaned = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", cleaned)


def safe_url(url: str | None) -> str | None:
    """An http(s) URL that can stand in a link as it is, or None."""
    if url and _SAFE_URL.match(url):
        return url
    return None


def spreadsheet(value: object) -> str:
    """A CSV cell that no spreadsheet will run as a formula.

    Numbers we computed are written as they are; text is cleaned and, if it starts with
    ``= + - @`` (or a tab or carriage return), prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    text = clean(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text
