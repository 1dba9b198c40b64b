"""Bulk ingest: many dispatches per transaction, each still all-or-nothing and idempotent.

``TimelineApp.ingest_many`` must give exactly the log (and so the read models) that ingesting
the same dispatches one at a time gives, whatever the batch size, including when a dispatch
in a batch revises what an earlier one in the same batch created, and when one in the middle
fails after it has already revised such a development.
"""

from __future__ import annotations

import contextlib
import copy
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.application import Application
from eventsourcing.persistence import PersistenceError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FIXTURES, KG, REPO_ROOT, SEED, minimal_dispatch, open_app

from projections.runner import ReadModels
from timeline.application import IngestFailure, IngestOutcome, IngestResult, TimelineApp
from timeline.dispatch import Dispatch, load_dispatch, parse_document
from timeline.domain import Development, conflict_id, development_id, report_id
from timeline.errors import ConflictingDispatchError, DispatchError, TimelineError
from timeline.integrity import verify
from timeline.session import Session
from timeline.store import resolve_home

SERIES = sorted((REPO_ROOT / "fixtures" / "series").glob("*.yaml"))
FIXTURE_FILES = [*sorted(FIXTURES.glob("*.yaml")), *SERIES]

# --- helpers ----------------------------------------------------------------------------------


def _dispatch(document: dict[str, Any], name: str) -> Dispatch:
    return parse_document(copy.deepcopy(document), name)


def _report(n: int, hours: int = 0) -> dict[str, Any]:
    published = datetime(2022, 9, 20, tzinfo=UTC) + timedelta(hours=hours)
    return {
        "outlet": "Batch Wire",
        "headline": f"Batch report {n}",
        "published": published.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def _development(key: str, **fields: Any) -> dict[str, Any]:
    return {
        "key": key,
        "kind": "casualty_report",
        "summary": f"Development {key}.",
        "occurred": {"start": "2022-09-19", "precision": "day"},
        "countries": ["ARM"],
        "claim": {"asserted_by": ["Test Ministry"], "verification": "claimed"},
        **fields,
    }


def _document(n: int, hours: int = 0, **sections: Any) -> dict[str, Any]:
    return {"format": "timeline-dispatch/1", "report": _report(n, hours), **sections}


def _target(n: int, key: str, hours: int = 0) -> dict[str, Any]:
    return {"report": _report(n, hours), "key": key}


def _id(n: int, key: str, hours: int = 0) -> UUID:
    r = _report(n, hours)
    return development_id(report_id(None, r["outlet"], r["published"], r["headline"]), key)


def _one_by_one(app: TimelineApp, dispatches: Sequence[Dispatch]) -> list[IngestOutcome]:
    outcomes: list[IngestOutcome] = []
    for dispatch in dispatches:
        try:
            outcomes.append(app.ingest(dispatch))
        except TimelineError as exc:
            outcomes.append(IngestFailure(dispatch.source, exc))
    return outcomes


def _summary(outcomes: Sequence[IngestOutcome]) -> list[tuple[str, str, object]]:
    """Outcomes as comparable values: status, source, and events or the error message."""
    return [
        ("failed", o.source, str(o.error))
        if isinstance(o, IngestFailure)
        else ("skipped" if o.skipped else "appended", o.source, o.appended)
        for o in outcomes
    ]


def _log(app: TimelineApp) -> list[tuple[Any, ...]]:
    """The whole log in order, each event's state without its recorded time."""
    return [
        (
            event.position,
            event.originator_id,
            event.originator_version,
            event.topic,
            {k: v for k, v in vars(event.event).items() if k != "timestamp"},
        )
        for event in app.read_log()
    ]


def _tables(app: TimelineApp, path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every read-model table caught up from the log, without the recorded-time columns (the
    only values two logs of the same events can differ in)."""
    views = ReadModels(app, path)
    views.catch_up()
    dumped: dict[str, list[tuple[Any, ...]]] = {}
    names = [r[0] for r in views.db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for name in sorted(names):
        if name.startswith("sqlite_") or "_fts" in name or "_box" in name:
            continue  # SQLite's own index structures, laid out by insertion history
        columns = [r[1] for r in views.db.execute(f"PRAGMA table_info([{name}])")]
        kept = [c for c in columns if c != "recorded_at"]
        listed = ", ".join(f"[{c}]" for c in kept)
        dumped[name] = [
            tuple(row)
            for row in views.db.execute(f"SELECT {listed} FROM [{name}] ORDER BY {listed}")
        ]
    views.close()
    return dumped


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Any]:
    """``fresh(name)``: a new TimelineApp on its own home, closed after the test."""
    opened: list[TimelineApp] = []

    def make(name: str) -> TimelineApp:
        app = open_app(tmp_path / name)
        opened.append(app)
        return app

    yield make
    for app in opened:
        app.close()


# --- the fixtures, in bulk and one by one --------------------------------------------------------


@pytest.mark.parametrize("batch_size", [1, 2, 500])
def test_bulk_ingest_of_the_fixtures_gives_the_same_log_and_read_models(
    fresh: Any, tmp_path: Path, batch_size: int
) -> None:
    dispatches = [load_dispatch(path) for path in FIXTURE_FILES]
    single, bulk = fresh("single"), fresh("bulk")
    expected = _one_by_one(single, dispatches)
    outcomes = list(bulk.ingest_many(dispatches, batch_size=batch_size))
    assert _summary(outcomes) == _summary(expected)
    assert all(isinstance(o, IngestResult) and not o.skipped for o in outcomes)
    assert _log(bulk) == _log(single)
    assert _tables(bulk, tmp_path / "bulk-views.sqlite3") == _tables(
        single, tmp_path / "single-views.sqlite3"
    )


def test_reingesting_in_bulk_appends_nothing_and_verify_passes(tmp_path: Path) -> None:
    dispatches = [load_dispatch(path) for path in FIXTURE_FILES]
    with Session(resolve_home(tmp_path / "home")) as session:
        first = list(session.app.ingest_many(dispatches, batch_size=3))
        end = session.app.max_position()
        assert end == sum(o.appended for o in first if isinstance(o, IngestResult))
        again = list(session.app.ingest_many(dispatches, batch_size=3))
        assert all(isinstance(o, IngestResult) and o.skipped for o in again)
        assert session.app.max_position() == end
        result = verify(session.app, session.fresh_views())
        assert result.ok, result.findings
        assert result.checks["chain"] == "ok"


def test_a_plain_eventsourcing_application_reads_the_bulk_log(tmp_path: Path) -> None:
    home = resolve_home(tmp_path / "home")
    app = open_app(tmp_path / "home")
    list(app.ingest_many([load_dispatch(SEED), load_dispatch(KG)]))
    end = app.max_position()
    app.close()
    env = {k: v for k, v in home.eventsourcing_env().items() if k != "APPLICATION_RECORDER_TOPIC"}
    plain = Application[UUID](env=env)  # the library's own SQLite recorder and mapper
    try:
        stored = plain.recorder.select_notifications(start=1, limit=end + 10)
        assert [n.id for n in stored] == list(range(1, end + 1))
        seed = load_dispatch(SEED).report
        rid = report_id(seed.url, seed.outlet, seed.published, seed.headline)
        development = plain.repository.get(development_id(rid, "armenian-soldiers-killed"))
        assert isinstance(development, Development)
        assert development.kind == "casualty_report"
    finally:
        plain.close()


# --- revisions inside one batch ------------------------------------------------------------------


def test_a_later_dispatch_in_a_batch_revises_what_an_earlier_one_created(fresh: Any) -> None:
    document = minimal_dispatch()
    created = _document(0, developments=[_development("toll")], conflicts=document["conflicts"])
    raised = _document(
        1,
        1,
        revisions=[
            {
                "action": "revise_figure",
                "target": _target(0, "toll"),
                "figure": {"party": "ARM", "category": "killed", "best": 9, "claimant": "X"},
            }
        ],
    )
    merged = _document(
        2,
        2,
        developments=[_development("same-toll", conflicts=["test-border-dispute"])],
        revisions=[{"action": "merge", "target": "same-toll", "into": _target(0, "toll")}],
    )
    retracted = _document(3, 3, revisions=[{"action": "retract", "target": _target(0, "toll")}])
    dispatches = [_dispatch(d, f"d{n}") for n, d in enumerate((created, raised, merged, retracted))]
    app = fresh("bulk")
    outcomes = list(app.ingest_many(dispatches, batch_size=10))
    assert [o.appended for o in outcomes if isinstance(o, IngestResult)] == [3, 2, 4, 2]
    toll = [e for e in app.read_log() if e.originator_id == _id(0, "toll")]
    assert [(e.originator_version, e.type) for e in toll] == [
        (1, "Development.Reported"),
        (2, "Development.FigureRevised"),
        (3, "Development.Absorbed"),
        (4, "Development.Retracted"),
    ]
    single = fresh("single")
    assert _summary(_one_by_one(single, dispatches)) == _summary(outcomes)
    assert _log(single) == _log(app)


def test_a_failing_dispatch_in_the_middle_of_a_batch_appends_nothing(fresh: Any) -> None:
    """The middle dispatch corroborates a development created earlier in the batch, defines a
    conflict, and then fails on its second revision: none of that may reach the log or the
    dispatches after it, which still go in."""
    created = _document(0, developments=[_development("toll")])
    failing = _document(
        1,
        1,
        conflicts=[{"id": "batch-only", "name": "Batch only", "parties": ["ARM"]}],
        developments=[_development("own", conflicts=["batch-only"])],
        revisions=[
            {"action": "corroborate", "target": _target(0, "toll")},
            {"action": "dispute", "target": _target(7, "nowhere"), "party": "Nobody"},
        ],
    )
    disputed = _document(
        2, 2, revisions=[{"action": "dispute", "target": _target(0, "toll"), "party": "Y"}]
    )
    needs_conflict = _document(3, 3, developments=[_development("c", conflicts=["batch-only"])])
    dispatches = [
        _dispatch(d, f"d{n}") for n, d in enumerate((created, failing, disputed, needs_conflict))
    ]
    app = fresh("bulk")
    outcomes = list(app.ingest_many(dispatches, batch_size=10))
    assert [type(o).__name__ for o in outcomes] == [
        "IngestResult",
        "IngestFailure",
        "IngestResult",
        "IngestFailure",
    ]
    failure = outcomes[1]
    assert isinstance(failure, IngestFailure) and isinstance(failure.error, DispatchError)
    assert failure.error.file == "d1" and failure.error.field == "revisions[1].target"
    last = outcomes[3]
    assert isinstance(last, IngestFailure) and "batch-only" in str(last.error)
    toll = [e for e in app.read_log() if e.originator_id == _id(0, "toll")]
    assert [(e.originator_version, e.type) for e in toll] == [
        (1, "Development.Reported"),
        (2, "Development.Disputed"),
    ]
    logged = {e.originator_id for e in app.read_log()}
    assert conflict_id("batch-only") not in logged
    assert _id(1, "own", 1) not in logged
    single = fresh("single")
    assert _summary(_one_by_one(single, dispatches)) == _summary(outcomes)
    assert _log(single) == _log(app)


def test_the_same_report_twice_in_one_batch(fresh: Any) -> None:
    document = _document(0, developments=[_development("toll")])
    changed = copy.deepcopy(document)
    changed["developments"][0]["summary"] = "Quietly edited."
    dispatches = [_dispatch(document, "a"), _dispatch(document, "b"), _dispatch(changed, "c")]
    outcomes = list(fresh("bulk").ingest_many(dispatches))
    first, again, edited = outcomes
    assert isinstance(first, IngestResult) and first.appended == 2
    assert isinstance(again, IngestResult) and again.skipped
    assert isinstance(edited, IngestFailure)
    assert isinstance(edited.error, ConflictingDispatchError)


def test_a_conflict_with_another_writer_falls_back_to_one_dispatch_at_a_time(
    fresh: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer revises a development after the batch read it and before the batch is
    written: the batch's append fails on the version, and each dispatch is retried alone."""
    app = fresh("home")
    app.ingest(_dispatch(_document(0, developments=[_development("toll")]), "seed"))
    other = open_app(tmp_path / "home")  # a second application: its own connections
    rival = _document(9, 9, revisions=[{"action": "corroborate", "target": _target(0, "toll")}])
    append = TimelineApp._append_events
    calls: list[int] = []

    def rival_first(self: TimelineApp, events: Sequence[Any]) -> None:
        if self is app:
            calls.append(len(events))
            if len(calls) == 1:
                other.ingest(_dispatch(rival, "rival"))
        append(self, events)

    monkeypatch.setattr(TimelineApp, "_append_events", rival_first)
    batch = [
        _dispatch(
            _document(n, n, revisions=[{"action": "corroborate", "target": _target(0, "toll")}]),
            f"d{n}",
        )
        for n in (1, 2)
    ]
    outcomes = list(app.ingest_many(batch, batch_size=10))
    other.close()
    assert [o.appended for o in outcomes if isinstance(o, IngestResult)] == [2, 2]
    assert len(calls) == 3  # the batch (refused), then each dispatch alone
    toll = [e for e in app.read_log() if e.originator_id == _id(0, "toll")]
    assert [e.originator_version for e in toll] == [1, 2, 3, 4]


def test_the_recorder_returns_the_positions_the_events_took(fresh: Any) -> None:
    app = fresh("home")
    list(app.ingest_many([load_dispatch(SEED)]))
    start = app.max_position()
    events = [
        e
        for d in (_development("a"), _development("b"))
        for e in Development.report(
            id=development_id(UUID(int=7), d["key"]),
            report_id=str(UUID(int=7)),
            reported_at="2022-09-20T00:00:00Z",
            key=d["key"],
            kind=d["kind"],
            summary=d["summary"],
            quote=None,
            occurred={},
            countries=["ARM"],
            actors=[],
            places=[],
            conflicts=[],
            claim={},
            figures=[],
            contradicts=[],
        ).collect_events()
    ]
    positions = app.recorder.insert_events([app.mapper.to_stored_event(e) for e in events])
    assert list(positions or []) == [start + 1, start + 2]
    stored = app.recorder.select_notifications(start=start + 1, limit=10)
    assert [(n.id, n.originator_id) for n in stored] == [
        (start + 1, events[0].originator_id),
        (start + 2, events[1].originator_id),
    ]


def test_the_recorder_refuses_positions_that_are_not_consecutive(
    fresh: Any, tmp_path: Path
) -> None:
    """Once the largest rowid is taken SQLite hands out random ones: the batch's positions
    would not be ``last - n + 1`` to ``last``, and the append is refused whole."""
    app = fresh("home")
    list(app.ingest_many([load_dispatch(KG)]))
    events_path = resolve_home(tmp_path / "home").events_path
    with contextlib.closing(sqlite3.connect(events_path)) as db, db:
        db.execute(
            "INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state) "
            "VALUES (?, ?, 1, 'test:Placeholder', x'7b7d')",
            [2**63 - 1, UUID(int=5).hex],
        )
    with contextlib.closing(sqlite3.connect(events_path)) as db:
        before = db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
    with pytest.raises(PersistenceError, match="consecutive positions"):
        list(app.ingest_many([load_dispatch(SEED)]))
    with contextlib.closing(sqlite3.connect(events_path)) as db:
        assert db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0] == before


def test_batch_size_must_be_positive(fresh: Any) -> None:
    with pytest.raises(ValueError):
        list(fresh("home").ingest_many([load_dispatch(SEED)], batch_size=0))


# --- the property: any batch sizes give the one-by-one log --------------------------------------

PARTIES = [["ARM", "AZE"]] * 5 + [["ARM"]]  # now and then, a different definition
ACTIONS = ["revise_figure", "corroborate", "dispute", "retract", "merge", "correct"]


@st.composite
def archives(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Documents that are each valid as a file, but not all valid against the log: most
    revisions name a development stated earlier, but some name one that is stated later or
    never, retract twice, merge a merged development, revise before the first report; a
    conflict may be redefined differently; a report may come back unchanged or changed.
    Both paths must agree on every outcome."""
    count = draw(st.integers(2, 12))
    documents: list[dict[str, Any]] = []
    stated: list[tuple[int, int, str]] = []  # (report number, its hour, key)

    def reference(n: int, hours: int) -> dict[str, Any]:
        if draw(st.sampled_from([True] * 9 + [False])):
            target_n, target_hours, key = draw(st.sampled_from(stated))
        else:  # perhaps later in the archive, perhaps nowhere
            target_n, target_hours = draw(st.integers(0, count)), draw(st.sampled_from([0, hours]))
            key = draw(st.sampled_from(["k0", "k1"]))
        return _target(target_n, key, target_hours)

    for n in range(count):
        if documents and draw(st.sampled_from([False] * 9 + [True])):
            again = copy.deepcopy(draw(st.sampled_from(documents)))
            if draw(st.booleans()):
                again.setdefault("developments", []).append(_development("late-addition"))
            documents.append(again)
            continue
        hours = 3 * n + draw(st.sampled_from([0, 1, 2, -4]))  # now and then, out of order
        document = _document(n, hours)
        if draw(st.booleans()):
            document["conflicts"] = [
                {"id": "shared", "name": "Shared", "parties": draw(st.sampled_from(PARTIES))}
            ]
        keys = [f"k{j}" for j in range(draw(st.integers(0, 2)))]
        document["developments"] = [
            _development(
                key,
                conflicts=["shared"] if draw(st.sampled_from([False, False, True])) else [],
                figures=[{"party": "ARM", "category": "killed", "low": j, "claimant": "X"}],
            )
            for j, key in enumerate(keys)
        ]
        revisions = []
        for _ in range(draw(st.integers(0, 3)) if stated else 0):
            action = draw(st.sampled_from(ACTIONS))
            revision: dict[str, Any] = {"action": action, "target": reference(n, hours)}
            if action == "revise_figure":
                revision["figure"] = {
                    "party": "ARM",
                    "category": "killed",
                    "best": draw(st.integers(0, 99)),
                    "claimant": "X",
                }
            elif action == "dispute":
                revision["party"] = "Y"
            elif action == "correct":
                revision["changes"] = {"summary": f"Corrected by {n}."}
            elif action == "merge":
                revision["into"] = reference(n, hours)
            revisions.append(revision)
        if revisions and draw(st.sampled_from([False] * 3 + [True])):
            # Fail after the revisions above have been applied to the developments they name.
            revisions.append({"action": "corroborate", "target": _target(count + 1, "k0")})
        if revisions:
            document["revisions"] = revisions
        if not keys and not revisions:
            document["developments"] = [_development("k0")]
            keys = ["k0"]
        stated.extend((n, hours, key) for key in keys)
        documents.append(document)
    return documents


def _parsed(documents: list[dict[str, Any]]) -> list[Dispatch]:
    parsed = []
    for n, document in enumerate(documents):
        try:
            parsed.append(_dispatch(document, f"line-{n}"))
        except DispatchError:
            continue  # refused as a file (e.g. a merge into itself): not what this tests
    return parsed


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(documents=archives(), batch_size=st.integers(1, 12))
def test_any_batch_size_gives_the_log_of_one_by_one_ingest(
    tmp_path_factory: pytest.TempPathFactory, documents: list[dict[str, Any]], batch_size: int
) -> None:
    dispatches = _parsed(documents)
    root = tmp_path_factory.mktemp("property")
    single, bulk = open_app(root / "single"), open_app(root / "bulk")
    try:
        expected = _one_by_one(single, dispatches)
        outcomes = list(bulk.ingest_many(dispatches, batch_size=batch_size))
        assert _summary(outcomes) == _summary(expected)
        assert _log(bulk) == _log(single)
    finally:
        single.close()
        bulk.close()
