"""The synthetic JSON Lines archive: every line is a valid dispatch, and its event count is
the engine's."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.archive import write_archive
from timeline.dispatch import parse_document
from timeline.session import Session
from timeline.store import resolve_home


def test_every_line_ingests_and_the_event_count_is_the_engines(tmp_path: Path) -> None:
    summary = write_archive(tmp_path / "archive.jsonl", seed=7, events=1500)
    lines = summary.path.read_text("utf-8").splitlines()
    assert len(lines) == summary.dispatches
    documents = [json.loads(line) for line in lines]
    assert len(documents[0]["conflicts"]) == 50
    assert all("conflicts" not in d for d in documents[1:])
    assert {"revise_figure", "corroborate", "dispute", "correct", "retract"} <= set(summary.actions)
    targets = [r["target"]["report"] for d in documents for r in d.get("revisions", [])]
    assert any("url" in t for t in targets)
    assert any("headline" in t for t in targets)
    with Session(resolve_home(tmp_path / "home")) as session:
        for n, document in enumerate(documents, 1):
            result = session.app.ingest(parse_document(document, f"archive.jsonl:{n}"))
            assert not result.skipped
        assert session.app.max_position() == summary.events


def test_the_archive_is_a_function_of_the_seed(tmp_path: Path) -> None:
    first = write_archive(tmp_path / "a.jsonl", seed=3, events=800)
    second = write_archive(tmp_path / "b.jsonl", seed=3, events=800)
    other = write_archive(tmp_path / "c.jsonl", seed=4, events=800)
    assert first.path.read_bytes() == second.path.read_bytes()
    assert first.path.read_bytes() != other.path.read_bytes()
    assert first.events >= 800
