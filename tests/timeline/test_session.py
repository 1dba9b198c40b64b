"""The session catches up before every read and shows its progress display while it does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from projections.runner import Progress
from timeline import session as session_module
from timeline.session import ProgressDisplay, Session
from timeline.store import resolve_home


def _recording_display(shown: list[tuple[str, list[tuple[int, int]]]]) -> ProgressDisplay:
    @contextmanager
    def display(label: str) -> Iterator[Progress]:
        ticks: list[tuple[int, int]] = []
        shown.append((label, ticks))
        yield lambda done, total: ticks.append((done, total))

    return display


def test_a_long_catch_up_shows_the_progress_display_by_default(
    populated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_module, "SHOW_PROGRESS_FROM", 1)
    (populated_home / "views.sqlite3").unlink()
    shown: list[tuple[str, list[tuple[int, int]]]] = []
    with Session(resolve_home(populated_home), progress=_recording_display(shown)) as session:
        views = session.fresh_views()
        end = session.app.max_position()
        assert set(views.positions().values()) == {end}
        session.fresh_views()  # nothing left to do: no display
    assert len(shown) == 1
    label, ticks = shown[0]
    assert label == "Catching up"
    assert ticks and ticks[-1][0] == ticks[-1][1]


def test_a_short_catch_up_shows_nothing(populated_home: Path) -> None:
    (populated_home / "views.sqlite3").unlink()
    shown: list[tuple[str, list[tuple[int, int]]]] = []
    with Session(resolve_home(populated_home), progress=_recording_display(shown)) as session:
        session.fresh_views()
    assert shown == []
