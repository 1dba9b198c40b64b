"""The read side: timelines per conflict, country and actor, the tally, and the runner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support import KG, REPO_ROOT, SEED, dump_tables, open_app

from projections import queries
from projections.queries import TimelineQuery
from projections.registry import PROJECTIONS
from projections.runner import ReadModels
from projections.timelines import TimelinesProjection
from timeline import dates
from timeline.dates import iso
from timeline.dispatch import Dispatch, load_dispatch
from timeline.domain import development_id, report_id
from timeline.errors import ProjectionError
from timeline.serialize import figure_label
from timeline.session import Session
from timeline.store import resolve_home

SERIES = REPO_ROOT / "fixtures" / "series"


def _ids(dispatch: Dispatch) -> dict[str, str]:
    report = dispatch.report
    rid = report_id(report.url, report.outlet, report.published, report.headline)
    return {d.key: str(development_id(rid, d.key)) for d in dispatch.developments}


SEED_DISPATCH = load_dispatch(SEED)
KG_DISPATCH = load_dispatch(KG)
SEED_IDS = _ids(SEED_DISPATCH)
KG_IDS = _ids(KG_DISPATCH)
ALL = [(SEED_DISPATCH, SEED_IDS), (KG_DISPATCH, KG_IDS)]


def _expected(predicate: Any) -> set[str]:
    return {ids[d.key] for dispatch, ids in ALL for d in dispatch.developments if predicate(d)}


def _timeline_ids(views: ReadModels, **query: Any) -> set[str]:
    rows = queries.timeline(views.db, TimelineQuery(**query))
    ids = [row["development_id"] for row in rows]
    assert len(ids) == len(set(ids)), "a development appears twice in one timeline"
    return set(ids)


@pytest.fixture
def session(populated_home: Path) -> Iterator[Session]:
    with Session(resolve_home(populated_home)) as opened:
        yield opened


@pytest.fixture
def views(session: Session) -> ReadModels:
    return session.fresh_views()


# --- timelines --------------------------------------------------------------------------------


def test_conflict_timeline_holds_exactly_its_developments(views: ReadModels) -> None:
    ids = _timeline_ids(views, conflict="armenia-azerbaijan")
    assert SEED_IDS["border-clashes-overnight"] in ids
    assert ids == _expected(lambda d: "armenia-azerbaijan" in d.conflicts)
    assert not ids & set(KG_IDS.values())


def test_a_development_can_belong_to_two_conflicts(views: ReadModels) -> None:
    russia_ukraine = _timeline_ids(views, conflict="russia-ukraine")
    assert russia_ukraine == _expected(lambda d: "russia-ukraine" in d.conflicts)
    assert russia_ukraine
    both = _expected(lambda d: {"russia-ukraine", "armenia-azerbaijan"} <= set(d.conflicts))
    assert both <= _timeline_ids(views, conflict="armenia-azerbaijan")


def test_country_timeline_excludes_developments_that_do_not_name_it(views: ReadModels) -> None:
    kgz = _timeline_ids(views, country="KGZ")
    assert kgz == _expected(lambda d: "KGZ" in d.countries)
    armenia_only = _expected(lambda d: set(d.countries) == {"ARM"})
    assert SEED_IDS["armenian-soldiers-killed"] in armenia_only
    assert not kgz & armenia_only


def test_actor_timeline_spans_both_conflicts(views: ReadModels) -> None:
    actor = "Government of Russia"
    rows = queries.timeline(views.db, TimelineQuery(actor=actor))
    named = _expected(lambda d: actor in d.actors or actor in d.claim.asserted_by)
    assert {row["development_id"] for row in rows} == named
    conflicts = {c for row in rows for c in row["conflicts"]}
    assert {"armenia-azerbaijan", "kyrgyzstan-tajikistan"} <= conflicts


def test_timeline_rows_are_in_occurred_order(views: ReadModels) -> None:
    rows = queries.timeline(views.db, TimelineQuery(conflict="armenia-azerbaijan"))
    starts = [row["occurred_start"] for row in rows]
    assert starts == sorted(starts)
    assert starts[0].startswith("1988")  # the first Nagorno-Karabakh war, c. 1988–1994


def test_rows_keep_the_three_times_apart(views: ReadModels) -> None:
    (row,) = [
        r
        for r in queries.timeline(views.db, TimelineQuery(conflict="kyrgyzstan-tajikistan"))
        if r["development_id"] == KG_IDS["isfara-villages-shelled"]
    ]
    # Occurred: 04:50 at UTC+5 on 16 Sep; reported: 18:00 at UTC+6 on 16 Sep; recorded: now.
    assert row["occurred_start"] == "2022-09-15T23:50:00Z"
    assert row["occurred_precision"] == "hour"
    assert row["occurred_phrase"] == "at about 04:50 local time on Friday"
    assert row["occurred_anchor"] == "2022-09-16T12:00:00Z"
    assert row["valid_from"] == row["first_reported_at"] == "2022-09-16T12:00:00Z"
    # Recorded is the system time of this test run, long after the 2022 report.
    assert row["recorded_at"] > row["valid_from"]


# --- knowledge time and occurred time ---------------------------------------------------------


def test_as_of_before_a_report_hides_its_developments(views: ReadModels) -> None:
    published = SEED_DISPATCH.report.published  # 2022-09-13T12:00:00Z
    assert (
        _timeline_ids(views, conflict="armenia-azerbaijan", as_of="2022-09-13T11:59:59Z") == set()
    )
    assert _timeline_ids(views, conflict="armenia-azerbaijan", as_of=published) == _expected(
        lambda d: "armenia-azerbaijan" in d.conflicts
    )


def test_actor_as_of_between_the_two_reports(views: ReadModels) -> None:
    between = _timeline_ids(views, actor="Government of Russia", as_of="2022-09-15T00:00:00Z")
    assert between
    assert between <= set(SEED_IDS.values())
    later = _timeline_ids(views, actor="Government of Russia", as_of=KG_DISPATCH.report.published)
    assert later - between <= set(KG_IDS.values())
    assert later - between


def test_occurred_filter_is_separate_from_knowledge_time(views: ReadModels) -> None:
    ancient = _timeline_ids(
        views, conflict="armenia-azerbaijan", occurred_to="1999-12-31T23:59:59Z"
    )
    assert ancient == {SEED_IDS["first-nagorno-karabakh-war"]}
    late = _timeline_ids(views, country="KGZ", occurred_from="2022-09-16T00:00:00Z")
    # Overlap semantics: kept if the occurred interval ends after the start of 16 Sep.
    assert KG_IDS["ceasefire-agreed-friday"] in late
    assert KG_IDS["border-guards-exchange-fire"] not in late  # 14 Sep only
    assert KG_IDS["kyrgyz-casualties"] in late  # 14–16 Sep


# --- the casualty tally -----------------------------------------------------------------------


def _tally(
    views: ReadModels, conflict: str, as_of: str | None = None
) -> dict[tuple[str, str, str], dict[str, Any]]:
    rows = queries.tally(views.db, conflict, as_of)
    keyed = {(r["party"], r["category"], r["claimant"]): r for r in rows}
    assert len(keyed) == len(rows)
    return keyed


def test_tally_keeps_each_sides_claim_and_never_sums(views: ReadModels) -> None:
    tally = _tally(views, "armenia-azerbaijan")
    armenia = tally[("ARM", "killed", "Government of Armenia")]
    # "At least 49", claimed by the Government of Armenia: a lower bound, no upper bound.
    assert (armenia["low"], armenia["best"], armenia["high"]) == (49, 49, None)
    azerbaijan = tally[("AZE", "killed", "Government of Azerbaijan")]
    assert (azerbaijan["low"], azerbaijan["best"], azerbaijan["high"]) == (50, 50, 50)
    for row in tally.values():
        assert 99 not in (row["low"], row["best"], row["high"])
        assert row["party"] in {"ARM", "AZE"} or not row["party"].isupper()


@pytest.mark.parametrize("dispatch", [SEED_DISPATCH, KG_DISPATCH], ids=["seed", "kg"])
def test_without_revisions_the_tally_is_exactly_the_stated_figures(
    views: ReadModels, dispatch: Dispatch
) -> None:
    expected: dict[str, dict[tuple[str, str, str], tuple[int | None, ...]]] = {}
    for development in dispatch.developments:
        for conflict in development.conflicts:
            for f in development.figures:
                key = (f.party, f.category, f.claimant)
                assert key not in expected.get(conflict, {}), "fixture repeats a claim"
                expected.setdefault(conflict, {})[key] = (f.low, f.best, f.high)
    assert expected
    for conflict, figures in expected.items():
        tally = _tally(views, conflict)
        assert {k: (r["low"], r["best"], r["high"]) for k, r in tally.items()} == figures
        assert all(r["reported_at"] == dispatch.report.published for r in tally.values())


def test_series_replay_matches_the_documented_daily_tolls(home: Path) -> None:
    """fixtures/series/README.md: what a replay must show at the end of each day (UTC)."""
    documented = {
        "2022-09-13T23:59:59Z": ("≥49", "50"),
        "2022-09-14T23:59:59Z": ("105", "71"),
        "2022-09-15T23:59:59Z": ("105", "77"),
        "2022-09-16T23:59:59Z": ("135", "80"),
    }
    with Session(resolve_home(home)) as session:
        for path in [SEED, *sorted(SERIES.glob("*.yaml"))]:
            session.app.ingest(load_dispatch(path))
        views = session.fresh_views()
        for as_of, (armenia, azerbaijan) in documented.items():
            tally = _tally(views, "armenia-azerbaijan", as_of)
            arm = tally[("ARM", "killed", "Government of Armenia")]
            aze = tally[("AZE", "killed", "Government of Azerbaijan")]
            assert figure_label(arm["low"], arm["best"], arm["high"]) == armenia, as_of
            assert figure_label(aze["low"], aze["best"], aze["high"]) == azerbaijan, as_of
        # The current tally is the last day's, and the stored table agrees with the query.
        assert _tally(views, "armenia-azerbaijan") == _tally(
            views, "armenia-azerbaijan", "9999-12-31T23:59:59Z"
        )


def test_series_rebuild_equals_catch_up_one_event_at_a_time(home: Path, tmp_path: Path) -> None:
    app = open_app(home)
    for path in [SEED, *sorted(SERIES.glob("*.yaml"))]:
        app.ingest(load_dispatch(path))
    stepwise = ReadModels(app, tmp_path / "stepwise.sqlite3")
    stepwise.catch_up(batch_size=1)
    rebuilt = ReadModels(app, tmp_path / "rebuilt.sqlite3")
    rebuilt.rebuild()
    assert dump_tables(stepwise.db) == dump_tables(rebuilt.db)
    stepwise.close()
    rebuilt.close()
    app.close()


# --- the runner -------------------------------------------------------------------------------


def test_every_projection_is_at_the_end_of_the_log(session: Session, views: ReadModels) -> None:
    positions = views.positions()
    assert set(positions) == {p.name for p in PROJECTIONS}
    assert set(positions.values()) == {session.app.max_position()}
    assert session.app.max_position() == (
        2
        + len(SEED_DISPATCH.conflicts)
        + len(KG_DISPATCH.conflicts)
        + len(SEED_DISPATCH.developments)
        + len(KG_DISPATCH.developments)
    )
    stored = dict(views.db.execute("SELECT projection, position FROM _tracking").fetchall())
    assert stored == positions
    assert views.lag() == 0


def test_catching_up_twice_applies_nothing_the_second_time(views: ReadModels) -> None:
    before = dump_tables(views.db)
    assert views.catch_up() == 0
    assert dump_tables(views.db) == before


def test_internal_tables_start_with_an_underscore(views: ReadModels) -> None:
    tables = {
        row[0]
        for row in views.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not row[0].startswith("sqlite_") and "_fts" not in row[0]
    }
    assert {"_tracking", "_meta", "_development_events"} <= tables
    user_facing = {t for t in tables if not t.startswith("_")}
    # The tables Datasette should show: the reference countries and the read models users
    # query. Anything else (bookkeeping, copies of events) must be prefixed with "_".
    assert user_facing == {
        "countries",
        "reports",
        "conflicts",
        "conflict_parties",
        "development_versions",
        "country_timeline",
        "conflict_timeline",
        "actor_timeline",
        "version_figures",
        "casualty_tally",
        "actors",
        "actor_aliases",
        "actor_affiliations",
    }
    for table in user_facing:
        assert views.db[table].pks != ["rowid"], f"{table} has no explicit primary key"


def test_views_for_common_questions_exist(views: ReadModels) -> None:
    names = {r[0] for r in views.db.execute("SELECT name FROM sqlite_master WHERE type='view'")}
    assert {"developments", "current_figures"} <= names
    current = views.db.execute("SELECT COUNT(*) FROM developments").fetchone()[0]
    assert current == len(SEED_IDS) + len(KG_IDS)


def test_full_text_search_finds_development_text(views: ReadModels) -> None:
    hits = {
        row[0]
        for row in views.db.execute(
            "SELECT development_id FROM development_versions WHERE rowid IN "
            "(SELECT rowid FROM development_versions_fts WHERE development_versions_fts MATCH ?)",
            ["Jermuk"],
        )
    }
    assert SEED_IDS["border-towns-shelled"] in hits


def test_a_projection_error_is_raised_and_its_position_does_not_move(
    monkeypatch: pytest.MonkeyPatch, populated_home: Path, tmp_path: Path
) -> None:
    app = open_app(populated_home)
    views = ReadModels(app, tmp_path / "fresh-views.sqlite3")

    def boom(self: TimelinesProjection, db: Any, records: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(TimelinesProjection, "apply", boom)
    with pytest.raises(ProjectionError) as caught:
        views.catch_up()
    assert "'timelines'" in str(caught.value)
    assert "RuntimeError: boom" in str(caught.value)
    assert isinstance(caught.value.__cause__, RuntimeError)
    assert views.positions()["timelines"] == 0
    assert views.db.execute("SELECT COUNT(*) FROM development_versions").fetchone()[0] == 0
    assert views.db.execute("SELECT COUNT(*) FROM _development_events").fetchone()[0] == 0

    monkeypatch.undo()
    views.catch_up()
    assert set(views.positions().values()) == {app.max_position()}
    rebuilt = ReadModels(app, tmp_path / "rebuilt.sqlite3")
    rebuilt.rebuild()
    assert dump_tables(views.db) == dump_tables(rebuilt.db)
    for opened in (views, rebuilt, app):
        opened.close()


def test_a_failure_mid_way_keeps_the_batches_before_it(
    monkeypatch: pytest.MonkeyPatch, populated_home: Path, tmp_path: Path
) -> None:
    app = open_app(populated_home)
    views = ReadModels(app, tmp_path / "partial.sqlite3")
    real_apply = TimelinesProjection.apply
    calls = 0

    def fail_on_third_batch(self: TimelinesProjection, db: Any, records: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("disk on fire")
        real_apply(self, db, records)

    monkeypatch.setattr(TimelinesProjection, "apply", fail_on_third_batch)
    with pytest.raises(ProjectionError):
        views.catch_up(batch_size=5)
    stuck = views.positions()["timelines"]
    assert 0 < stuck < app.max_position()
    applied = views.db.execute("SELECT MAX(position) FROM _development_events").fetchone()[0]
    assert applied <= stuck

    monkeypatch.undo()
    views.catch_up(batch_size=5)
    rebuilt = ReadModels(app, tmp_path / "rebuilt.sqlite3")
    rebuilt.rebuild()
    assert dump_tables(views.db) == dump_tables(rebuilt.db)
    for opened in (views, rebuilt, app):
        opened.close()


def test_a_projection_error_reaches_the_cli(
    monkeypatch: pytest.MonkeyPatch, populated_home: Path, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from timeline.cli import cli

    (populated_home / "views.sqlite3").unlink()
    for extra in populated_home.glob("views.sqlite3-*"):
        extra.unlink()

    def boom(self: TimelinesProjection, db: Any, records: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(TimelinesProjection, "apply", boom)
    result = CliRunner().invoke(
        cli, ["show", "--conflict", "armenia-azerbaijan", "--home", str(populated_home)]
    )
    assert isinstance(result.exception, ProjectionError)


@pytest.mark.skipif(dates.FIRST_YEAR > 800, reason="years before 1000 are not supported")
def test_an_early_medieval_background_date_is_projected(home: Path, make_dispatch: Any) -> None:
    # Regression: iso() once wrote "800-01-01T00:00:00Z", which from_iso() cannot read back,
    # so a single such development broke the timelines projection on every catch-up.
    def medieval(doc: dict[str, Any]) -> None:
        doc["developments"][0]["kind"] = "background"
        doc["developments"][0]["occurred"] = {"start": "0800", "precision": "year"}

    with Session(resolve_home(home)) as session:
        session.app.ingest(load_dispatch(make_dispatch(medieval)))
        views = session.fresh_views()
        rows = queries.timeline(views.db, TimelineQuery(conflict="test-border-dispute"))
        assert rows[0]["occurred_start"] == "0800-01-01T00:00:00Z"  # sorts first
        assert rows[0]["occurred_label"] == "800"


def test_opening_read_models_while_another_process_writes_them(
    monkeypatch: pytest.MonkeyPatch, populated_home: Path
) -> None:
    import sqlite3

    from projections import schema

    path = populated_home / "views.sqlite3"
    app = open_app(populated_home)
    original = schema.set_schema_version

    def another_process_commits_first(db: Any) -> None:
        # Exactly what a second `timeline` process opening the same file does at this moment.
        other = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        other.execute(
            "INSERT OR REPLACE INTO _meta(key, value) VALUES ('schema_version', ?)",
            [str(schema.SCHEMA_VERSION)],
        )
        other.close()
        original(db)

    monkeypatch.setattr(schema, "set_schema_version", another_process_commits_first)
    try:
        views = ReadModels(app, path)
        views.close()
    finally:
        app.close()


def test_recorded_as_of_never_shows_part_of_a_file(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    import eventsourcing.domain

    # A slow machine: 300 ms between creating one event and the next. (On a real one, a
    # large dispatch file takes long enough to straddle a second boundary too.)
    clock = [datetime(2030, 1, 1, 12, tzinfo=UTC)]

    def slow_clock() -> datetime:
        clock[0] += timedelta(milliseconds=300)
        return clock[0]

    monkeypatch.setattr(eventsourcing.domain, "datetime_now_with_tzinfo", slow_clock)
    by_report = {
        str(report_id(d.report.url, d.report.outlet, d.report.published, d.report.headline)): set(
            ids.values()
        )
        for d, ids in ALL
    }
    with Session(resolve_home(home)) as session:
        for path in (SEED, KG):
            session.app.ingest(load_dispatch(path))
        stamps = sorted({iso(event.recorded_at) for event in session.app.read_log()})
        for recorded_as_of in stamps:
            snapshot = session.views_recorded_as_of(recorded_as_of)
            reports = {r[0] for r in snapshot.db.execute("SELECT id FROM reports")}
            developments = {
                r[0] for r in snapshot.db.execute("SELECT development_id FROM development_versions")
            }
            snapshot.close()
            expected = set().union(*(by_report[r] for r in reports)) if reports else set()
            assert developments == expected, recorded_as_of


def test_the_tail_of_a_timeline_is_its_last_rows_and_counts_them_all(
    populated_home: Path,
) -> None:
    with Session(resolve_home(populated_home)) as session:
        db = session.fresh_views().db
        typed = [
            TimelineQuery(conflict="armenia-azerbaijan"),
            TimelineQuery(country="KGZ"),
            TimelineQuery(country="ARM", as_of="2022-09-15T00:00:00Z"),
            TimelineQuery(actor="Government of Armenia"),
            TimelineQuery(side="Government of Armenia"),
        ]
        for query in [queries.with_resolved_actor(db, q)[1] for q in typed]:
            rows = queries.timeline(db, query)
            assert rows, query
            for limit in (0, 1, 2, len(rows), len(rows) + 5):
                tail, total = queries.timeline_tail(db, query, limit)
                assert total == len(rows)
                assert tail == (rows[len(rows) - limit :] if limit else [])
