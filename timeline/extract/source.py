"""Reading an article file: bytes to text, HTML to its main text, with clear errors.

Plain text is used as it is: provenance offsets are character offsets into the decoded file
(a byte-order mark dropped). HTML goes through trafilatura, offline, and the offsets are into
the main text it extracts (which ``--explain`` prints), since markup offsets help nobody.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from timeline.errors import ExtractionError

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|article)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(p|div|br|article|h[1-6])\b[^>]*>", re.I)
# Control characters other than tab, newline, carriage return and form feed: a text article
# has next to none of them, a binary file has many.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")


@dataclass(frozen=True)
class Source:
    """An article's text, ready for extraction."""

    path: str
    text: str  # the text that provenance offsets refer to
    format: str  # "text" or "html"
    title: str | None = None  # from HTML metadata
    sitename: str | None = None  # from HTML metadata


def is_html(path: str, raw: bytes) -> bool:
    if Path(path).suffix.lower() in {".html", ".htm", ".xhtml"}:
        return True
    head = raw[:4096]
    return bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(head)) >= 3


def decode(path: str, raw: bytes) -> str:
    """UTF-8 text (a byte-order mark allowed), or an :class:`ExtractionError` naming the file."""
    if not raw.strip():
        raise ExtractionError(path, "a news article in plain text or HTML (the file is empty)")
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ExtractionError(
            path, f"an article of at most {MAX_ARTICLE_BYTES} bytes", f"{len(raw)} bytes"
        )
    if b"\x00" in raw or len(_CONTROL.findall(raw[:65536])) > 8:
        raise ExtractionError(path, "a news article in plain text or HTML (found binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractionError(
            path,
            f"UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start}; "
            "convert the file to UTF-8 first)",
        ) from None
    if not text.strip():
        raise ExtractionError(path, "a news article in plain text or HTML (the file is empty)")
    return text


def html_main_text(path: str, html: str) -> Source:
    """The main text of an HTML page, through trafilatura (no network access)."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise ExtractionError(path, "an HTML page with article text (found no main text)")
    # trafilatura separates paragraphs with one newline; a blank line makes them explicit.
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return Source(
        path=path,
        text="\n\n".join(paragraphs) + "\n",
        format="html",
        title=getattr(document, "title", None) or None,
        sitename=getattr(document, "sitename", None) or None,
    )


def read_article(path: str | Path) -> Source:
    """Read an article file: a regular file of at most :data:`MAX_ARTICLE_BYTES`, checked
    before reading (a device, a FIFO or a sparse file of any size is refused at once), then
    read no further than the limit."""
    return from_bytes(str(path), read_limited(path))


def read_limited(path: str | Path) -> bytes:
    name = str(path)
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise ExtractionError(name, "an existing article file") from None
    except OSError as exc:
        raise ExtractionError(name, f"a readable file ({exc.strerror})") from None
    if stat.S_ISDIR(before.st_mode):
        raise ExtractionError(name, "an article file, not a directory")
    if not stat.S_ISREG(before.st_mode):
        raise ExtractionError(name, "a regular file (not a device, FIFO or socket)")
    _check_size(name, before.st_size)
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening it must not
        # wait for a writer; the fstat below refuses it.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ExtractionError(name, f"a readable file ({exc.strerror})") from None
    with os.fdopen(descriptor, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):
            raise ExtractionError(name, "a regular file (not a device, FIFO or socket)")
        _check_size(name, opened.st_size)
        try:
            raw = handle.read(MAX_ARTICLE_BYTES + 1)
        except OSError as exc:
            raise ExtractionError(name, f"a readable file ({exc.strerror})") from None
    _check_size(name, len(raw))  # a file that grew while it was read
    return raw


def _check_size(name: str, size: int) -> None:
    if size > MAX_ARTICLE_BYTES:
        raise ExtractionError(
            name, f"an article of at most {MAX_ARTICLE_BYTES} bytes", f"{size} bytes"
        )


def from_bytes(name: str, raw: bytes) -> Source:
    text = decode(name, raw)
    if is_html(name, raw):
        return html_main_text(name, text)
    return Source(path=name, text=text, format="text")
