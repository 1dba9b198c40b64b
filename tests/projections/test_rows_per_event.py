"""Every projection writes a bounded number of read-model rows per event (issue 18).

One development at the dispatch limits (200 actors, countries, places and figures, 50
conflicts and claimants) and then many later reports that corroborate, revise, correct and
dispute it, each ingested and caught up on its own: the rows each projection writes for the
k-th revision must not grow with k. Each corroboration once rewrote every version of the
development, so the n-th wrote n times the rows of one version (with 450,000 actors, 4.2 GB).
Rows are counted with SQLite's ``total_changes`` (rows inserted, updated or deleted by the
projection's own statements), never timed.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pycountry
import pytest
from support import minimal_dispatch, write_document

from projections import fold as fold_module
from projections import queries
from projections.base import EventRecord
from projections.registry import PROJECTIONS
from projections.runner import ReadModels
from timeline.dispatch import load_dispatch
from timeline.session import Session
from timeline.store import resolve_home

COUNTRIES = sorted(c.alpha_3 for c in pycountry.countries)[:200]
CONFLICTS = [f"limit-conflict-{i}" for i in range(50)]
HEADLINE = "One development at every limit"
PUBLISHED = "2022-09-20T09:00:00+00:00"
TARGET = {
    "report": {"outlet": "Test Wire", "published": PUBLISHED, "headline": HEADLINE},
    "key": "big",
}

#: Rows of one version of the development above: the version, its country, conflict and
#: actor links (actors and claimants), and its figures.
ONE_VERSION = 1 + 200 + 50 + (200 + 50) + 200
#: Tally rows it can touch: each conflict's figure per party, category and claimant.
TALLY = 50 * 200
#: Rows per event: two versions deleted and written again, each row with its R*Tree and
#: full-text index entries (SQLite's count includes the index's own node rows), and each
#: tally row deleted and written again.
BOUND = 2 * 2 * ONE_VERSION * 4 + 2 * TALLY


def big_dispatch() -> dict[str, Any]:
    document = minimal_dispatch()
    document["report"] = {"outlet": "Test Wire", "headline": HEADLINE, "published": PUBLISHED}
    document["conflicts"] = [
        {"id": slug, "name": f"Limit conflict {i}", "parties": ["ARM", "AZE"]}
        for i, slug in enumerate(CONFLICTS)
    ]
    development = copy.deepcopy(document["developments"][1])
    development.update(
        key="big",
        countries=COUNTRIES,
        actors=[f"Actor {i}" for i in range(200)],
        places=[{"name": f"Place {i}", "country": "ARM"} for i in range(200)],
        conflicts=CONFLICTS,
        claim={"asserted_by": [f"Claimant {i}" for i in range(50)], "verification": "claimed"},
        figures=[
            {"party": code, "category": "killed", "low": 3, "claimant": f"Claimant {i % 50}"}
            for i, code in enumerate(COUNTRIES)
        ],
    )
    document["developments"] = [development]
    return document


def revision(k: int) -> dict[str, Any]:
    """The k-th later report: a corroboration, a figure revision, a correction or a dispute."""
    document = minimal_dispatch()
    document.pop("conflicts")
    document.pop("developments")
    document["report"] = {
        "outlet": "Later Wire",
        "headline": f"Later report {k}",
        "published": f"2022-10-{1 + k // 24:02d}T{k % 24:02d}:00:00+00:00",
    }
    action: dict[str, Any] = {"target": TARGET}
    if k % 4 == 0:
        action["action"] = "corroborate"
    elif k % 4 == 1:
        action["action"] = "revise_figure"
        action["figure"] = {
            "party": COUNTRIES[k % 200],
            "category": "killed",
            "low": 10 + k,
            "claimant": f"Claimant {k % 200 % 50}",
        }
    elif k % 4 == 2:
        action["action"] = "correct"
        action["changes"] = {"summary": f"Corrected summary {k}."}
    else:
        action["action"] = "dispute"
        action["party"] = f"Claimant {k % 50}"
    document["revisions"] = [action]
    return document


def counting(
    apply: Callable[[Any, list[EventRecord]], None], counts: list[int]
) -> Callable[[Any, list[EventRecord]], None]:
    def counted(db: Any, records: list[EventRecord]) -> None:
        before = db.conn.total_changes
        apply(db, records)
        counts.append(db.conn.total_changes - before)

    return counted


def test_rows_per_event_do_not_grow_with_the_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts: dict[str, list[int]] = {p.name: [] for p in PROJECTIONS}
    copies: list[int] = []  # states copied by the fold, per round
    clone = fold_module._clone

    def counted_clone(value: Any) -> Any:
        if copies:
            copies[-1] += 1
        return clone(value)

    monkeypatch.setattr(fold_module, "_clone", counted_clone)
    for projection in PROJECTIONS:
        monkeypatch.setattr(
            projection, "apply", counting(projection.apply, counts[projection.name])
        )
    rounds = 40
    with Session(resolve_home(tmp_path / "home")) as session:
        views = ReadModels(session.app, tmp_path / "views.sqlite3")
        session.app.ingest(load_dispatch(write_document(tmp_path / "big.yaml", big_dispatch())))
        views.catch_up()
        for k in range(rounds):
            file = write_document(tmp_path / f"r{k}.yaml", revision(k))
            session.app.ingest(load_dispatch(file))
            for name in counts:
                counts[name].append(-1)  # a marker: what follows is this round's
            copies.append(0)
            views.catch_up()
        views.close()
    # The fold copies the states of the versions it rewrites (and the first state), not
    # every version of the history.
    assert max(copies) <= 3, copies
    for name, seen in counts.items():
        per_round = _rounds(seen)[1:]  # after the first file
        assert len(per_round) == rounds
        # A revision rewrites at most two versions (the one it closes and its own) and the
        # tally keys of the development; never the versions before.
        assert max(per_round) <= BOUND, (name, per_round)
        # And revisions late in the history write no more than early ones (the same four
        # kinds in turn): before, the 40th wrote 40 versions' rows.
        early, late = sum(per_round[:4]), sum(per_round[-4:])
        assert late <= 1.5 * early + 8, (name, per_round)


def _rounds(seen: list[int]) -> list[int]:
    """Rows written per catch-up: ``seen`` holds each apply's count, a -1 before each round."""
    rounds: list[int] = [0]
    for count in seen:
        if count == -1:
            rounds.append(0)
        else:
            rounds[-1] += count
    return rounds


def test_revisions_cannot_take_a_development_past_200_figures(tmp_path: Path) -> None:
    """A revised figure for a new party, category or claimant adds a figure; past the
    dispatch limit such revisions would make every later version write more rows."""
    from timeline.errors import TimelineError

    with Session(resolve_home(tmp_path / "home")) as session:
        session.app.ingest(load_dispatch(write_document(tmp_path / "big.yaml", big_dispatch())))
        same = revision(1)  # a new value for a figure the development holds: accepted
        session.app.ingest(load_dispatch(write_document(tmp_path / "same.yaml", same)))
        new = revision(5)
        new["revisions"][0]["figure"]["claimant"] = "A claimant with no figure yet"
        with pytest.raises(TimelineError) as refused:
            session.app.ingest(load_dispatch(write_document(tmp_path / "new.yaml", new)))
        assert "revisions[0].figure" in str(refused.value)
        assert "documented limit" in str(refused.value)


def _words_revision(k: int) -> dict[str, Any]:
    """A dispute (odd k, by a new party each time up to 40) or a corroboration (even k), with
    a long note and quote."""
    document = revision(3 if k % 2 else 0)
    document["report"]["headline"] = f"Words {k}"
    document["report"]["published"] = f"2022-11-{1 + k // 24:02d}T{k % 24:02d}:00:00+00:00"
    document["revisions"][0].update(
        note=f"Note {k} " + "n" * 3900, quote=f"Quote {k} " + "q" * 3900
    )
    if k % 2:
        document["revisions"][0]["party"] = f"Party {k % 40}"
    return document


def test_version_rows_do_not_repeat_the_history(tmp_path: Path) -> None:
    """Each version's row held every earlier revision's note and quote (and every disputing
    party), so n revisions wrote n^2 / 2 of them: 200 revisions with long notes made a 166
    MB read model. The bytes a revision adds must not grow with the history."""
    sizes = []
    with Session(resolve_home(tmp_path / "home")) as session:
        session.app.ingest(load_dispatch(write_document(tmp_path / "big.yaml", big_dispatch())))
        for k in range(60):
            file = write_document(tmp_path / f"w{k}.yaml", _words_revision(k))
            session.app.ingest(load_dispatch(file))
            if k in (29, 59):
                db = session.fresh_views().db
                sizes.append(
                    db.execute(
                        "SELECT SUM(length(revision_notes) + length(disputed_by) + "
                        "length(reports)) FROM development_versions"
                    ).fetchone()[0]
                )
        # The notes still read back whole: every revision's words, in knowledge order.
        (current,) = [
            row
            for row in queries.timeline(
                session.fresh_views().db, queries.TimelineQuery(conflict=CONFLICTS[0])
            )
        ]
        assert [n["note"][:8] for n in current["revision_notes"]][-2:] == ["Note 58 ", "Note 59 "]
        assert len(current["revision_notes"]) == 60
        assert len(current["reports"]) == 31 and len(set(current["reports"])) == 31
    assert sizes[1] < 2.3 * sizes[0], sizes


def test_disputes_cannot_take_a_development_past_50_parties(tmp_path: Path) -> None:
    from timeline.errors import TimelineError

    with Session(resolve_home(tmp_path / "home")) as session:
        session.app.ingest(load_dispatch(write_document(tmp_path / "big.yaml", big_dispatch())))
        for k in range(50):
            document = revision(3)
            document["report"]["headline"] = f"Dispute {k}"
            document["revisions"][0]["party"] = f"Party {k}"
            session.app.ingest(load_dispatch(write_document(tmp_path / f"d{k}.yaml", document)))
        again = revision(3)
        again["report"]["headline"] = "Dispute again"
        again["revisions"][0]["party"] = "Party 7"  # already disputing: accepted
        session.app.ingest(load_dispatch(write_document(tmp_path / "again.yaml", again)))
        new = revision(3)
        new["report"]["headline"] = "Dispute 51"
        new["revisions"][0]["party"] = "Party 51"
        with pytest.raises(TimelineError) as refused:
            session.app.ingest(load_dispatch(write_document(tmp_path / "new.yaml", new)))
        assert "revisions[0].party" in str(refused.value)
        assert "documented limit" in str(refused.value)
