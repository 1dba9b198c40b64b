"""Fixtures for the report tests: a home holding the seed, the second conflict and the
multi-day revision series, built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from report_support import dispatch_files

from timeline.dispatch import load_dispatch
from timeline.session import Session
from timeline.store import resolve_home


@pytest.fixture(scope="session")
def series_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture dispatch ingested in file order, read models caught up. Read only:
    tests that append take ``series_copy``."""
    path = tmp_path_factory.mktemp("series") / "home"
    with Session(resolve_home(path)) as session:
        for file in dispatch_files():
            session.app.ingest(load_dispatch(file))
        session.fresh_views()
    return path


@pytest.fixture
def series_copy(series_home: Path, tmp_path: Path) -> Path:
    path = tmp_path / "series"
    shutil.copytree(series_home, path)
    return path
