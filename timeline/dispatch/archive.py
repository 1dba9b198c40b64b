"""JSON Lines archives: one dispatch per line, streamed, each line checked like a file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from timeline.dispatch.model import MAX_FILE_BYTES, Dispatch
from timeline.dispatch.parse import parse_document
from timeline.dispatch.read import _json, _open, _text
from timeline.errors import DispatchError

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
