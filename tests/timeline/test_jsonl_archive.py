"""JSON Lines archives: one dispatch object per line, read as a stream, each line checked like
a JSON dispatch file and named ``PATH:LINE`` in every message."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from support import SEED, minimal_dispatch

from timeline import dispatch as dispatch_module
from timeline.dispatch import Dispatch, is_archive, load_dispatch, read_archive
from timeline.errors import DispatchError


def _line(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False)


def _numbered(n: int) -> dict[str, Any]:
    document = minimal_dispatch()
    document["report"]["headline"] = f"Archived report {n}"
    return document


def _write(path: Path, lines: list[str], *, end: str = "\n") -> Path:
    path.write_text(end.join(lines) + end, encoding="utf-8")
    return path


def _errors(path: Path) -> list[str]:
    return [str(item) for item in read_archive(path) if isinstance(item, DispatchError)]


def test_each_line_is_a_dispatch_named_path_and_line(tmp_path: Path) -> None:
    archive = _write(tmp_path / "a.jsonl", [_line(_numbered(n)) for n in range(3)])
    read = list(read_archive(archive))
    assert all(isinstance(item, Dispatch) for item in read)
    assert [item.source for item in read] == [f"{archive}:{n}" for n in (1, 2, 3)]
    assert [item.report.headline for item in read if isinstance(item, Dispatch)] == [
        "Archived report 0",
        "Archived report 1",
        "Archived report 2",
    ]


def test_a_line_gives_the_dispatch_its_file_gives(tmp_path: Path) -> None:
    """Same validation and normalisation, so the same content hash: an archive line and a
    file of the same report are the same dispatch."""
    seed = load_dispatch(SEED)
    document = dispatch_module._read(SEED)
    archive = _write(tmp_path / "seed.ndjson", [_line(document)])
    (line,) = read_archive(archive)
    assert isinstance(line, Dispatch)
    assert line.content_hash == seed.content_hash
    assert line.developments == seed.developments


def test_blank_lines_crlf_and_a_byte_order_mark_are_fine(tmp_path: Path) -> None:
    archive = tmp_path / "a.jsonl"
    text = "\r\n".join(["", _line(_numbered(1)), "   ", "\t", _line(_numbered(2)), ""])
    archive.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    read = list(read_archive(archive))
    assert [item.source for item in read] == [f"{archive}:2", f"{archive}:5"]


def test_bad_lines_are_reported_and_the_others_still_read(tmp_path: Path) -> None:
    schema_invalid = _numbered(3)
    schema_invalid["developments"][0]["countries"] = ["ARM", "XYZ"]
    lines = [
        _line(_numbered(1)),
        '{"format": "timeline-dispatch/1", "report": {"outlet": "X"',
        '{"format": "timeline-dispatch/1", "format": "timeline-dispatch/1"}',
        _line(schema_invalid),
        "[1, 2]",
        _line(_numbered(6)),
    ]
    archive = _write(tmp_path / "mixed.jsonl", lines)
    read = list(read_archive(archive))
    assert [type(item).__name__ for item in read] == [
        "Dispatch",
        "DispatchError",
        "DispatchError",
        "DispatchError",
        "DispatchError",
        "Dispatch",
    ]
    assert [str(item) for item in read if isinstance(item, DispatchError)] == [
        f"{archive}:2: column 59: expected valid JSON (Expecting ',' delimiter)",
        f"{archive}:3: expected each key once per mapping ('format' repeats)",
        f"{archive}:4: developments[0].countries[1]: expected an ISO 3166-1 alpha-3 country "
        "code like ARM, found 'XYZ'",
        f"{archive}:5: expected a mapping with format, report and developments, found 'list'",
    ]


def test_text_problems_name_the_line(tmp_path: Path) -> None:
    archive = tmp_path / "bytes.jsonl"
    good = _line(_numbered(1)).encode()
    archive.write_bytes(b"\n".join([good, b'{"a": "\xff"}', b'{"a": "\x00"}', b"\xef\xbb\xbf{}"]))
    assert _errors(archive) == [
        f"{archive}:2: expected UTF-8 text (invalid byte at offset 7)",
        f"{archive}:3: expected a text line (found a NUL byte)",
        f"{archive}:4: column 1: expected valid JSON (Unexpected UTF-8 BOM (decode using "
        "utf-8-sig))",
    ]


def test_lone_surrogates_and_non_finite_numbers_are_refused_as_in_files(tmp_path: Path) -> None:
    surrogate = _line(_numbered(1)).replace("Archived report", "Archived \\ud800 report")
    not_finite = _line(_numbered(2)).replace('"low": 3', '"low": NaN')
    archive = _write(tmp_path / "a.jsonl", [surrogate, not_finite])
    errors = _errors(archive)
    assert errors[0].startswith(f"{archive}:1: report.headline: expected text without lone")
    assert errors[1].startswith(f"{archive}:2: developments[1].figures[0].low: expected a finite")


def test_a_line_longer_than_the_file_limit_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dispatch_module.archive, "MAX_FILE_BYTES", 2000)  # where it is read
    long = _numbered(2)
    long["developments"][0]["quote"] = "x" * 3000
    archive = _write(tmp_path / "a.jsonl", [_line(_numbered(1)), _line(long), _line(_numbered(3))])
    read = list(read_archive(archive))
    assert [item.source for item in read if isinstance(item, Dispatch)] == [
        f"{archive}:1",
        f"{archive}:3",
    ]
    assert _errors(archive) == [
        f"{archive}:2: expected a line of at most 2000 bytes, found 'a longer line'"
    ]


def test_a_missing_archive_or_a_directory_raises(tmp_path: Path) -> None:
    with pytest.raises(DispatchError, match="an existing dispatch file"):
        list(read_archive(tmp_path / "missing.jsonl"))
    (tmp_path / "folder.jsonl").mkdir()
    with pytest.raises(DispatchError, match="not a directory"):
        list(read_archive(tmp_path / "folder.jsonl"))


def test_archive_suffixes() -> None:
    assert is_archive("a.jsonl") and is_archive("b.NDJSON")
    assert not is_archive("c.json") and not is_archive("d.yaml")


def test_memory_stays_flat_while_streaming(tmp_path: Path) -> None:
    """A 12 MB archive is read with well under a megabyte allocated at any moment (these
    lines are refused cheaply, so the test is quick; valid lines stream the same way)."""
    archive = tmp_path / "big.jsonl"
    line = ('{"format": "timeline-dispatch/1", "padding": "' + "p" * 220 + '"\n').encode()
    with archive.open("wb") as handle:
        for _ in range(50_000):
            handle.write(line)
    assert archive.stat().st_size > 12_000_000
    tracemalloc.start()
    try:
        refused = sum(1 for item in read_archive(archive) if isinstance(item, DispatchError))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused == 50_000
    assert peak < 1_000_000
