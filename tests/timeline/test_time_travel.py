"""Time travel on the multi-day series: replay each day, history, diff, and revision rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import REPO_ROOT, SEED, seed_reference

from projections import queries
from timeline.dispatch import FORMAT, load_dispatch, parse_document
from timeline.errors import DispatchError
from timeline.session import Session
from timeline.store import resolve_home

SERIES = REPO_ROOT / "fixtures" / "series"
CONFLICT = "armenia-azerbaijan"


@pytest.fixture
def series(tmp_path: Path) -> Session:
    session = Session(resolve_home(tmp_path / "home"))
    session.app.ingest(load_dispatch(SEED))
    for path in sorted(SERIES.glob("*.yaml")):
        session.app.ingest(load_dispatch(path))
    yield session
    session.close()


def _figures(session: Session, as_of: str | None) -> dict[str, str]:
    from timeline.serialize import figure_label

    return {
        f"{r['party']} per {r['claimant']}": figure_label(r["low"], r["best"], r["high"])
        for r in queries.tally(session.fresh_views().db, CONFLICT, as_of)
    }


def _dev(session: Session, key: str, as_of: str | None) -> dict[str, Any] | None:
    rows = queries.timeline(
        session.fresh_views().db,
        queries.TimelineQuery(conflict=CONFLICT, as_of=as_of, include_merged=True),
    )
    return next((r for r in rows if r["key"] == key), None)


@pytest.mark.parametrize(
    ("day", "armenia", "azerbaijan"),
    [
        ("2022-09-13T23:59:59Z", "≥49", "50"),
        ("2022-09-14T23:59:59Z", "105", "71"),
        ("2022-09-15T23:59:59Z", "105", "77"),
        ("2022-09-16T23:59:59Z", "135", "80"),
    ],
)
def test_replay_each_day_gives_the_figures_known_that_day(
    series: Session, day: str, armenia: str, azerbaijan: str
) -> None:
    assert _figures(series, day) == {
        "ARM per Government of Armenia": armenia,
        "AZE per Government of Azerbaijan": azerbaijan,
    }


def test_before_the_first_report_nothing_was_known(series: Session) -> None:
    assert _figures(series, "2022-09-13T11:59:59Z") == {}
    assert _dev(series, "border-clashes-overnight", "2022-09-13T11:59:59Z") is None


def test_within_a_day_the_hour_matters(series: Session) -> None:
    # The Desk raised the tolls at 09:00 on the 14th; at 08:59 the seed figures stood.
    assert _figures(series, "2022-09-14T08:59:00Z")["ARM per Government of Armenia"] == "≥49"
    assert _figures(series, "2022-09-14T09:00:00Z")["ARM per Government of Armenia"] == "105"


def test_current_view_equals_replay_to_the_end_of_time(series: Session) -> None:
    assert _figures(series, None) == _figures(series, "9999-12-31T23:59:59Z")


def test_retraction_shows_from_its_reported_time(series: Session) -> None:
    before = _dev(series, "heights-near-jermuk-captured", "2022-09-15T17:59:59Z")
    after = _dev(series, "heights-near-jermuk-captured", "2022-09-15T18:00:00Z")
    assert before is not None and before["status"] == "active"
    assert after is not None and after["status"] == "retracted"


def test_merge_removes_the_duplicate_and_credits_its_report(series: Session) -> None:
    db = series.fresh_views().db
    visible = lambda as_of: {  # noqa: E731
        r["key"]
        for r in queries.timeline(db, queries.TimelineQuery(conflict=CONFLICT, as_of=as_of))
    }
    assert "csto-emergency-session" in visible("2022-09-14T23:59:59Z")
    assert "csto-emergency-session" not in visible("2022-09-15T23:59:59Z")
    survivor = _dev(series, "csto-meeting-tuesday", None)
    duplicate = _dev(series, "csto-emergency-session", None)
    assert survivor is not None and duplicate is not None
    assert (
        duplicate["status"] == "merged" and duplicate["merged_into"] == survivor["development_id"]
    )
    assert duplicate["report_id"] in survivor["reports"]


def test_corroboration_adds_a_report_from_its_reported_time(series: Session) -> None:
    first = _dev(series, "border-clashes-overnight", "2022-09-13T23:59:59Z")
    later = _dev(series, "border-clashes-overnight", "2022-09-14T23:59:59Z")
    assert first is not None and later is not None
    assert len(first["reports"]) == 1 and len(later["reports"]) == 2


def test_dispute_changes_verification_and_names_the_party(series: Session) -> None:
    first = _dev(series, "sabotage-units-attack", "2022-09-13T23:59:59Z")
    later = _dev(series, "sabotage-units-attack", "2022-09-14T23:59:59Z")
    assert first is not None and later is not None
    assert first["verification"] == "claimed" and first["disputed_by"] == []
    assert later["verification"] == "disputed"
    assert later["disputed_by"] == ["Government of Armenia"]


def test_correction_changes_occurred_time_only_from_its_reported_time(series: Session) -> None:
    first = _dev(series, "klaar-visit-planned", "2022-09-14T23:59:59Z")
    later = _dev(series, "klaar-visit-planned", "2022-09-15T23:59:59Z")
    assert first is not None and later is not None
    assert first["occurred_precision"] == "approximate"
    assert (later["occurred_start"], later["occurred_end"]) == (
        "2022-09-15T00:00:00Z",
        "2022-09-17T00:00:00Z",
    )
    assert later["occurred_phrase"] == "on Thursday and Friday"


def test_occurred_and_knowledge_filters_combine(series: Session) -> None:
    db = series.fresh_views().db
    # What had happened by the end of 12 Sep, as known on the 16th: nights beginning on the
    # 12th and older background, but nothing that occurred on the 13th.
    rows = queries.timeline(
        db,
        queries.TimelineQuery(
            conflict=CONFLICT, as_of="2022-09-16T23:59:59Z", occurred_to="2022-09-12T23:59:59Z"
        ),
    )
    assert rows and all(r["occurred_start"] <= "2022-09-12T23:59:59Z" for r in rows)
    assert "border-clashes-overnight" in {r["key"] for r in rows}
    assert "csto-meeting-tuesday" not in {r["key"] for r in rows}


def test_history_lists_every_claimed_value_in_order(series: Session) -> None:
    from timeline.commands.audit import development_history

    development_id = queries.resolve_development(
        series.fresh_views().db, "azerbaijani-troops-killed"
    )
    record = development_history(series, development_id)
    claims = record["figures"]["AZE killed per Government of Azerbaijan"]
    assert [c["label"] for c in claims] == ["50", "71", "77", "80"]
    assert [c["reported_at"][:10] for c in claims] == [
        "2022-09-13",
        "2022-09-14",
        "2022-09-15",
        "2022-09-16",
    ]
    assert [e["event"] for e in record["trail"]] == ["Reported", *["FigureRevised"] * 3]
    assert all(e["recorded_at"] and e["report"]["outlet"] for e in record["trail"])
    assert [v["known_until"] for v in record["versions"]][-1] is None


def test_diff_lists_figures_old_to_new_retractions_merges_disputes(series: Session) -> None:
    db = series.fresh_views().db
    changes = queries.diff(
        db, queries.TimelineQuery(conflict=CONFLICT), "2022-09-13T23:59:59Z", "2022-09-15T23:59:59Z"
    )
    figures = {
        (
            c["figure"]["party"],
            c["previous"]["best"] if c["previous"] else None,
            c["figure"]["best"],
        )
        for c in changes
        if c["change"] == "figure"
    }
    assert figures == {("ARM", 49, 105), ("AZE", 50, 77)}
    kinds = {(c["change"], c["row"]["key"]) for c in changes}
    assert ("retracted", "heights-near-jermuk-captured") in kinds
    assert ("merged", "csto-emergency-session") in kinds
    assert ("disputed", "sabotage-units-attack") in kinds
    assert ("corroborated", "border-clashes-overnight") in kinds
    assert ("new", "heights-near-jermuk-captured") in kinds
    assert ("corrected", "klaar-visit-planned") in kinds
    # Nothing became known between two moments with no reports in between.
    assert not queries.diff(
        db, queries.TimelineQuery(conflict=CONFLICT), "2022-09-16T12:00:00Z", "2022-09-20T00:00:00Z"
    )


def _revision_doc(
    published: str, revision: dict[str, Any], headline: str = "Rev"
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "report": {"outlet": "Test Desk", "headline": headline, "published": published},
        "revisions": [revision],
    }


def test_revision_reported_before_the_development_is_refused(tmp_path: Path) -> None:
    with Session(resolve_home(tmp_path / "h")) as session:
        session.app.ingest(load_dispatch(SEED))
        before = session.app.max_position()
        document = _revision_doc(
            "2022-09-12T00:00:00Z",
            {
                "action": "retract",
                "target": seed_reference("border-clashes-overnight"),
            },
        )
        with pytest.raises(DispatchError) as caught:
            session.app.ingest(parse_document(document, "early.yaml"))
        assert caught.value.field == "revisions[0]"
        assert session.app.max_position() == before


def test_unknown_target_appends_nothing(tmp_path: Path) -> None:
    with Session(resolve_home(tmp_path / "h")) as session:
        session.app.ingest(load_dispatch(SEED))
        before = session.app.max_position()
        document = _revision_doc(
            "2022-09-14T00:00:00Z",
            {"action": "corroborate", "target": seed_reference("no-such-key")},
        )
        with pytest.raises(DispatchError) as caught:
            session.app.ingest(parse_document(document, "ghost.yaml"))
        assert caught.value.field == "revisions[0].target"
        assert session.app.max_position() == before


def test_second_retraction_and_revising_a_merged_duplicate_are_refused(series: Session) -> None:
    heights = {
        "report": {"url": "https://second-wire.example/2022/09/14/caucasus-border"},
        "key": "heights-near-jermuk-captured",
    }
    duplicate = {
        "report": {"url": "https://second-wire.example/2022/09/14/caucasus-border"},
        "key": "csto-emergency-session",
    }
    before = series.app.max_position()
    for target, action in ((heights, "retract"), (duplicate, "corroborate")):
        document = _revision_doc(
            "2022-09-20T00:00:00Z", {"action": action, "target": target}, action
        )
        with pytest.raises(DispatchError):
            series.app.ingest(parse_document(document, f"{action}.yaml"))
    assert series.app.max_position() == before


def test_cli_revision_makes_the_same_events_as_a_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from timeline.cli import cli

    homes = [tmp_path / "by-file", tmp_path / "by-cli"]
    for home in homes:
        with Session(resolve_home(home)) as session:
            session.app.ingest(load_dispatch(SEED))
    figure = {
        "party": "ARM",
        "category": "killed",
        "best": 105,
        "claimant": "Government of Armenia",
    }
    with Session(resolve_home(homes[0])) as session:
        development_id = queries.resolve_development(
            session.fresh_views().db, "armenian-soldiers-killed"
        )
        document = _revision_doc(
            "2022-09-14T09:00:00Z",
            {"action": "revise_figure", "target": development_id, "figure": figure},
            headline=f"revise figure of {development_id}",
        )
        session.app.ingest(parse_document(document, "file.yaml"))
    result = CliRunner().invoke(
        cli,
        [
            "revise-figure",
            "armenian-soldiers-killed",
            "--party",
            "ARM",
            "--category",
            "killed",
            "--best",
            "105",
            "--claimant",
            "Government of Armenia",
            "--outlet",
            "Test Desk",
            "--published",
            "2022-09-14T09:00:00Z",
            "--home",
            str(homes[1]),
        ],
    )
    assert result.exit_code == 0, result.output
    logs = []
    for home in homes:
        with Session(resolve_home(home)) as session:
            logs.append(
                [
                    (
                        e.type,
                        str(e.originator_id),
                        e.originator_version,
                        {k: v for k, v in vars(e.event).items() if k != "timestamp"},
                    )
                    for e in session.app.read_log()
                ]
            )
    assert logs[0] == logs[1]
