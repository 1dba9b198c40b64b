"""Report size is linear in the input (issue 18): developments that all contradict each
other once made a 146 MB HTML page from a small file, because every contested pair repeated
both accounts in full. Sizes are compared at two input sizes (never times)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from support import minimal_dispatch, write_document

from projections import queries
from timeline.dispatch import load_dispatch
from timeline.reports import FORMATS, build_document, render
from timeline.reports.document import CONTESTED_SHOWN_PER_DEVELOPMENT, CONTRADICTS_LINKS_SHOWN
from timeline.session import Session
from timeline.store import resolve_home

CONFLICT = "test-border-dispute"


def contradicting(developments: int, links: int, summary: int) -> dict[str, Any]:
    """A dispatch of ``developments`` developments, each contradicting ``links`` others (the
    link is listed on both sides), each summary ``summary`` characters long."""
    document = minimal_dispatch()
    base = document["developments"][0]
    half = links // 2
    listed = []
    for i in range(developments):
        d = copy.deepcopy(base)
        d["key"] = f"d{i}"
        d["summary"] = f"Account {i} " + "x" * summary
        d["contradicts"] = [f"d{(i + j) % developments}" for j in range(-half, half + 1) if j]
        listed.append(d)
    document["developments"] = listed
    return document


def sizes(tmp_path: Path, name: str, document: dict[str, Any]) -> tuple[int, dict[str, int]]:
    """The dispatch's size in bytes, and each report format's size for its conflict."""
    file = write_document(tmp_path / f"{name}.yaml", document)
    with Session(resolve_home(tmp_path / name)) as session:
        session.app.ingest(load_dispatch(file))
        views = session.fresh_views()
        doc = build_document(views.db, queries.TimelineQuery(conflict=CONFLICT), log_position=0)
        assert len(doc.contested) == len(document["developments"]) * (
            len(document["developments"][0]["contradicts"]) // 2
        )
        return file.stat().st_size, {f: len(render(doc, f).encode()) for f in FORMATS}


def test_report_size_grows_linearly_with_contradicting_developments(tmp_path: Path) -> None:
    # Doubling the developments, the links per development and the summaries' length
    # quadruples the input; with every pair shown in full the pages grew eightfold.
    small_in, small = sizes(tmp_path, "small", contradicting(41, 40, 200))
    large_in, large = sizes(tmp_path, "large", contradicting(81, 80, 400))
    growth = large_in / small_in
    assert growth > 3
    for name in FORMATS:
        assert large[name] / small[name] <= 1.2 * growth, (name, small[name], large[name])
        # And a constant factor of the input at both sizes.
        assert small[name] <= 25 * small_in, (name, small[name], small_in)
        assert large[name] <= 25 * large_in, (name, large[name], large_in)


@pytest.mark.parametrize("name", ["md", "html"])
def test_pairs_beyond_the_limit_are_counted_not_shown(tmp_path: Path, name: str) -> None:
    links = 2 * CONTRADICTS_LINKS_SHOWN
    developments = links + 3
    file = write_document(tmp_path / "d.yaml", contradicting(developments, links, 10))
    with Session(resolve_home(tmp_path / "home")) as session:
        session.app.ingest(load_dispatch(file))
        doc = build_document(
            session.fresh_views().db, queries.TimelineQuery(conflict=CONFLICT), log_position=0
        )
    shown = doc.contested_shown
    uses: dict[str, int] = {}
    for pair in shown:
        for d in pair:
            uses[d] = uses.get(d, 0) + 1
    assert max(uses.values()) == CONTESTED_SHOWN_PER_DEVELOPMENT
    hidden = len(doc.contested) - len(shown)
    assert hidden > 0
    text = render(doc, name)
    assert f"…and {hidden} more pairs of contradicting accounts" in text
    if name == "html":
        more = links - CONTRADICTS_LINKS_SHOWN
        assert text.count(f" and {more} more.</p>") == developments
    # The JSON report keeps every pair and every link.
    full = render(doc, "json")
    assert full.count('"first"') == len(doc.contested)
