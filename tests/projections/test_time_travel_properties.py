"""Hypothesis properties of knowledge time.

* Replaying the full log to D equals the current view of a log holding only the reports
  published by D.
* As-of answers depend only on reported times, not on the order reports were ingested.
* Anything known at D1 stays visible in history at any later D2.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projections import queries
from timeline.commands.audit import development_history
from timeline.dispatch import FORMAT, parse_document
from timeline.session import Session
from timeline.store import resolve_home

T0 = datetime(2022, 1, 1, tzinfo=UTC)
CONFLICT = "prop-conflict"
CLAIMANTS = {"ARM": "Government of Armenia", "AZE": "Government of Azerbaijan"}
BASE_REPORT = {
    "outlet": "Base Wire",
    "headline": "Base report",
    "published": "2022-01-01T00:00:00Z",
}


def _when(hours: int) -> str:
    return (T0 + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")


@st.composite
def histories(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    n = draw(st.integers(2, 5))
    developments = []
    for i in range(n):
        party = draw(st.sampled_from(sorted(CLAIMANTS)))
        development: dict[str, Any] = {
            "key": f"d{i}",
            "kind": draw(st.sampled_from(["armed_clash", "shelling", "casualty_report"])),
            "summary": f"Development {i}",
            "occurred": {"start": "2021-12-31", "precision": "day"},
            "countries": ["ARM", "AZE"],
            "conflicts": [CONFLICT],
            "claim": {"asserted_by": [CLAIMANTS[party]], "verification": "claimed"},
        }
        if draw(st.booleans()):
            development["figures"] = [
                {
                    "party": party,
                    "category": "killed",
                    "best": draw(st.integers(0, 50)),
                    "claimant": CLAIMANTS[party],
                }
            ]
        developments.append(development)
    base = {
        "format": FORMAT,
        "report": BASE_REPORT,
        "conflicts": [{"id": CONFLICT, "name": "Property conflict", "parties": ["ARM", "AZE"]}],
        "developments": developments,
    }
    keys = [d["key"] for d in developments]
    duplicate = keys[-1] if draw(st.booleans()) else None  # merged away, never otherwise revised
    revisable = [k for k in keys if k != duplicate]
    retracted: set[str] = set()
    revisions = []
    for j in range(draw(st.integers(0, 7))):
        hours = draw(st.integers(0, 72))  # ties with the base report and each other allowed
        key = draw(st.sampled_from(revisable))
        target = {"report": BASE_REPORT, "key": key}
        action = draw(
            st.sampled_from(["revise_figure", "corroborate", "dispute", "correct", "retract"])
        )
        if action == "retract" and key in retracted:
            action = "corroborate"
        revision: dict[str, Any] = {"action": action, "target": target}
        if action == "retract":
            retracted.add(key)
        elif action == "revise_figure":
            party = draw(st.sampled_from(sorted(CLAIMANTS)))
            revision["figure"] = {
                "party": party,
                "category": "killed",
                "low": draw(st.integers(0, 200)),
                "claimant": CLAIMANTS[party],
            }
        elif action == "dispute":
            revision["party"] = draw(st.sampled_from(sorted(CLAIMANTS.values())))
        elif action == "correct":
            revision["changes"] = {"summary": f"Corrected {key} in report {j}"}
        revisions.append(_report(j, hours, revision))
    if duplicate is not None:
        hours = draw(st.integers(0, 72))
        revisions.append(
            _report(
                99,
                hours,
                {
                    "action": "merge",
                    "target": {"report": BASE_REPORT, "key": duplicate},
                    "into": {"report": BASE_REPORT, "key": revisable[0]},
                },
            )
        )
    return base, revisions


def _report(j: int, hours: int, revision: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "report": {
            "outlet": "Revision Desk",
            "headline": f"Revision {j}",
            "published": _when(hours),
        },
        "revisions": [revision],
    }


def _ingest(home: Path, documents: list[dict[str, Any]]) -> Session:
    session = Session(resolve_home(home))
    for n, document in enumerate(documents):
        session.app.ingest(parse_document(document, f"doc-{n}"))
    return session


_TIMELESS = ("known_until", "recorded_at", "version")


def _view(session: Session, as_of: str | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What a reader sees as of a time: developments (without system-time fields) and tally."""
    from timeline import serialize

    db = session.fresh_views().db
    rows = queries.timeline(
        db, queries.TimelineQuery(conflict=CONFLICT, as_of=as_of, include_merged=True)
    )
    developments = [
        {k: v for k, v in serialize.development(r).items() if k not in _TIMELESS} for r in rows
    ]
    tally = [serialize.tally_row(t) for t in queries.tally(db, CONFLICT, as_of)]
    return developments, tally


def _moments(revisions: list[dict[str, Any]]) -> list[str]:
    times = {BASE_REPORT["published"]} | {r["report"]["published"] for r in revisions}
    moments = set()
    for t in times:
        moment = datetime.fromisoformat(t)
        moments.update({t, (moment - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")})
    return sorted(moments)


SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(histories())
def test_replay_to_d_equals_the_log_of_reports_published_by_d(
    history: tuple[dict[str, Any], list[dict[str, Any]]],
) -> None:
    base, revisions = history
    with tempfile.TemporaryDirectory() as tmp:
        full = _ingest(Path(tmp) / "full", [base, *revisions])
        try:
            for n, moment in enumerate(_moments(revisions)):
                if moment < BASE_REPORT["published"]:
                    assert _view(full, moment) == ([], [])
                    continue
                known = [r for r in revisions if r["report"]["published"] <= moment]
                prefix = _ingest(Path(tmp) / f"prefix-{n}", [base, *known])
                try:
                    assert _view(full, moment) == _view(prefix, None)
                finally:
                    prefix.close()
        finally:
            full.close()


@SETTINGS
@given(histories(), st.randoms(use_true_random=False))
def test_as_of_answers_do_not_depend_on_ingestion_order(
    history: tuple[dict[str, Any], list[dict[str, Any]]], rng: Any
) -> None:
    base, revisions = history
    shuffled = list(revisions)
    rng.shuffle(shuffled)
    with tempfile.TemporaryDirectory() as tmp:
        ordered = _ingest(Path(tmp) / "ordered", [base, *revisions])
        mixed = _ingest(Path(tmp) / "mixed", [base, *shuffled])
        try:
            for moment in [*_moments(revisions), None]:
                assert _view(ordered, moment) == _view(mixed, moment)
        finally:
            ordered.close()
            mixed.close()


@SETTINGS
@given(histories(), st.data())
def test_what_was_known_at_d1_stays_visible_in_history_later(
    history: tuple[dict[str, Any], list[dict[str, Any]]], data: st.DataObject
) -> None:
    base, revisions = history
    d1 = data.draw(st.sampled_from(_moments(revisions)))
    known = [r for r in revisions if r["report"]["published"] <= d1]
    with tempfile.TemporaryDirectory() as tmp:
        then = _ingest(Path(tmp) / "then", [base, *known])
        later = _ingest(Path(tmp) / "later", [base, *revisions])
        try:
            db_then, db_later = then.fresh_views().db, later.fresh_views().db
            for row in queries.timeline(
                db_then, queries.TimelineQuery(conflict=CONFLICT, include_merged=True)
            ):
                development_id = row["development_id"]
                old = development_history(then, development_id)
                new = development_history(later, development_id)
                strip = lambda trail: [  # noqa: E731
                    {k: v for k, v in e.items() if k not in ("recorded_at", "version")}
                    for e in trail
                ]
                # Every event of the earlier trail is still in the later trail.
                assert all(e in strip(new["trail"]) for e in strip(old["trail"]))
                # The version current then is still in the later versions, from the same time.
                current_then = old["versions"][-1]
                assert any(
                    v["known_from"] == current_then["known_from"]
                    and v["cause"] == current_then["cause"]
                    for v in new["versions"]
                )
                # And replaying the later log to d1 shows what was current then.
                was = queries.timeline(
                    db_later,
                    queries.TimelineQuery(conflict=CONFLICT, as_of=d1, include_merged=True),
                )
                assert (
                    development_id in {r["development_id"] for r in was}
                    or d1 < BASE_REPORT["published"]
                )
        finally:
            then.close()
            later.close()
