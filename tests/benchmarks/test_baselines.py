"""The floors in ``benchmarks.baselines`` on a small home built by the CLI: the read-model
copy holds every table's rows, and the rewritten log holds the ingest's events with the same
hash chain. Never any timing."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from benchmarks.archive import write_archive
from benchmarks.baselines import copy_read_models, remove_database, rewrite_events
from benchmarks.measure import child_env, timeline_command
from timeline.store import Home, resolve_home

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    """2,000 events ingested and rebuilt by the installed ``timeline`` command."""
    folder = tmp_path_factory.mktemp("floors")
    archive = write_archive(folder / "archive.jsonl", seed=11, events=2000)
    built = resolve_home(folder / "home", store="sqlite")
    for argv in (
        ["ingest", str(archive.path), "--home", str(built.root)],
        ["rebuild", "--home", str(built.root)],
    ):
        done = subprocess.run(
            [*timeline_command(), *argv],
            capture_output=True,
            text=True,
            env=child_env(),
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    return built


def _objects(path: Path) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT type, name FROM sqlite_master ORDER BY type, name").fetchall()


def test_the_read_model_copy_has_every_tables_rows(home: Home, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"
    copied = copy_read_models(home.views_path, target)
    try:
        assert copied.rows == copied.source_rows
        for table in (
            "development_versions",
            "development_versions_fts",
            "_country_timeline_box",
            "_conflict_timeline_box",
            "_actor_timeline_box",
        ):
            assert copied.rows[table] > 0
        assert _objects(target) == _objects(home.views_path)
        assert set(copied.phases) == {"rows", "fts", "rtree", "indexes"}
        with contextlib.closing(sqlite3.connect(target)) as conn:
            conn.execute(
                "INSERT INTO development_versions_fts(development_versions_fts) "
                "VALUES ('integrity-check')"
            )
            found = conn.execute(
                "SELECT COUNT(*) FROM development_versions_fts "
                "WHERE development_versions_fts MATCH 'Synthetic'"
            ).fetchone()[0]
        with contextlib.closing(sqlite3.connect(home.views_path)) as conn:
            expected = conn.execute(
                "SELECT COUNT(*) FROM development_versions_fts "
                "WHERE development_versions_fts MATCH 'Synthetic'"
            ).fetchone()[0]
        assert found == expected > 0
    finally:
        remove_database(target)


def test_rewriting_the_log_stores_the_same_events(home: Home, tmp_path: Path) -> None:
    fresh = resolve_home(tmp_path / "again", store="sqlite")
    try:
        rewrite = rewrite_events(home, fresh, chunk=700, page=1000)
        with contextlib.closing(sqlite3.connect(home.events_path)) as conn:
            stored = conn.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
        assert rewrite.events == rewrite.logged == stored
        pages = [min(1000, stored - start) for start in range(0, stored, 1000)]
        assert rewrite.chunks == sum(-(-page // 700) for page in pages)  # never over 700
        assert rewrite.same_chain_head
    finally:
        shutil.rmtree(fresh.root, ignore_errors=True)
