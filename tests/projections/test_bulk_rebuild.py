"""The bulk rebuild and the fast event decoder.

* ``fast_record`` gives exactly the record the library's mapper path gives, for every event of
  the fixtures and of the version-1 legacy log (whose reports need upcasting), and so do the
  pages of plain rows the projections read (``decode.pages``), at any page size;
* a rebuild is one transaction: if it fails part way, the read models are unchanged;
* a catch-up of empty read models over a long log runs in bulk and equals the incremental one;
* a rebuild restores the indexes, triggers, FTS and R*Tree indexes it dropped.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import FIXTURES, REPO_ROOT, dump_tables, open_app

from projections import bulk, queries
from projections.decode import fast_record, pages, to_record
from projections.runner import ReadModels
from projections.timelines import TimelinesProjection
from timeline.application import TimelineApp
from timeline.dispatch import load_dispatch
from timeline.errors import ProjectionError
from timeline.store import resolve_home

SERIES = REPO_ROOT / "fixtures" / "series"
LEGACY = REPO_ROOT / "fixtures" / "legacy" / "events-v1.sqlite3"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[TimelineApp]:
    application = open_app(tmp_path / "home")
    for path in [*sorted(FIXTURES.glob("*.yaml")), *sorted(SERIES.glob("*.yaml"))]:
        application.ingest(load_dispatch(path))
    yield application
    application.close()


def _all_records_agree(app: TimelineApp) -> int:
    count = 0
    expected = []
    for page in app.notifications(0):
        for notification in page:
            assert fast_record(app, notification) == to_record(app, notification)
            expected.append(to_record(app, notification))
            count += 1
    for size in (1, 7, 1000):
        paged = list(pages(app, 0, batch=size))
        assert [r for _, records in paged for r in records] == expected
        assert [last for last, _ in paged] == [records[-1].position for _, records in paged]
    stop = expected[len(expected) // 2].position
    assert [r for _, rs in pages(app, 3, batch=5, stop=stop) for r in rs] == [
        r for r in expected if 3 < r.position <= stop
    ]
    return count


def test_fast_decoder_equals_the_mapper_path(app: TimelineApp) -> None:
    assert _all_records_agree(app) == app.max_position() > 50


def test_fast_decoder_falls_back_for_old_class_versions(tmp_path: Path) -> None:
    home = tmp_path / "legacy"
    home.mkdir()
    shutil.copy(LEGACY, home / "events.sqlite3")
    app = TimelineApp(env=resolve_home(home).eventsourcing_env())
    try:
        assert _all_records_agree(app) == 36
        reports = [
            fast_record(app, n)
            for page in app.notifications(0)
            for n in page
            if n.topic.endswith("Report.Published")
        ]
        assert reports and all(r.payload["language"] is None for r in reports)  # upcast ran
    finally:
        app.close()


def test_rebuild_restores_every_index_and_trigger(app: TimelineApp, tmp_path: Path) -> None:
    incremental = ReadModels(app, tmp_path / "incremental.sqlite3")
    incremental.catch_up(batch_size=7)
    rebuilt = ReadModels(app, tmp_path / "rebuilt.sqlite3")
    rebuilt.rebuild()

    def objects(views: ReadModels) -> set[tuple[str, str, str]]:
        rows = views.db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
        ).fetchall()
        return {(str(t), str(n), str(s)) for t, n, s in rows}

    assert objects(rebuilt) == objects(incremental)
    assert dump_tables(rebuilt.db) == dump_tables(incremental.db)
    # The derived indexes hold the same entries: every row has its box and is searchable.
    for table in ("country_timeline", "conflict_timeline", "actor_timeline"):
        sql = f"SELECT COUNT(*) FROM [_{table}_box]"
        assert rebuilt.db.execute(sql).fetchone() == incremental.db.execute(sql).fetchone()
    search = (
        "SELECT COUNT(*) FROM development_versions_fts WHERE development_versions_fts "
        "MATCH 'Armenia'"
    )
    assert rebuilt.db.execute(search).fetchone()[0] > 0
    assert rebuilt.db.execute(search).fetchone() == incremental.db.execute(search).fetchone()
    # A later incremental catch-up goes through the re-created triggers.
    query = queries.TimelineQuery(conflict="armenia-azerbaijan", as_of="2022-09-14T00:00:00Z")
    assert queries.timeline(rebuilt.db, query) == queries.timeline(incremental.db, query)
    incremental.close()
    rebuilt.close()


def test_failed_rebuild_leaves_the_read_models_unchanged(
    app: TimelineApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    views = ReadModels(app, tmp_path / "views.sqlite3")
    views.catch_up()
    before = dump_tables(views.db)
    positions = views.positions()

    def broken(self: TimelinesProjection, db: object) -> Iterator[int]:
        yield 1
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(TimelinesProjection, "bulk_finish", broken)
    with pytest.raises(ProjectionError, match=r"rolled back.*disk on fire"):
        views.rebuild()
    assert dump_tables(views.db) == before
    assert views.positions() == positions
    views.close()


def test_catch_up_of_empty_read_models_runs_in_bulk(
    app: TimelineApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int | None] = []
    real = bulk.rebuild

    def spy(*args: object, **kwargs: object) -> int | None:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        calls.append(result)
        return result

    monkeypatch.setattr(bulk, "rebuild", spy)
    stop = app.max_position() - 5
    fast = ReadModels(app, tmp_path / "fast.sqlite3")
    fast.bulk_threshold = 10
    assert fast.catch_up(stop=stop) == stop
    assert calls == [stop]
    assert fast.catch_up() == 5  # the rest goes incrementally, on top of the bulk load
    assert calls == [stop]
    slow = ReadModels(app, tmp_path / "slow.sqlite3")
    slow.bulk_threshold = 10**9
    slow.catch_up(batch_size=3)
    assert dump_tables(fast.db) == dump_tables(slow.db)
    fast.close()
    slow.close()


def test_bulk_catch_up_steps_aside_when_another_process_started(
    app: TimelineApp, tmp_path: Path
) -> None:
    path = tmp_path / "views.sqlite3"
    first = ReadModels(app, path)
    first.bulk_threshold = 10**9
    first.catch_up(stop=3)
    second = ReadModels(app, path)
    # The caller saw empty read models, but by the time it holds the lock they are not.
    assert bulk.rebuild(second, only_if_at=0) is None
    assert second.positions() == first.positions()
    first.close()
    second.close()
