"""A projection must never fail on an event that validation accepted (issue 18).

A dispatch with conflict parties [ARM, ARM] was accepted, and then every read command failed
for the whole home (``UNIQUE constraint failed: conflict_parties``), ``rebuild`` included,
for ever: the log is immutable. Validation now refuses repeated list entries, and the
projections also fold such events from older logs. Hypothesis writes careless dispatches
(repeats in every list, NFC and NFD spellings, conflicts defined again, figures with one key
twice, revisions of earlier developments); whatever the parser and the application accept
must then catch up and rebuild without error.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import dump_tables, open_app

from projections import queries
from projections.runner import ReadModels
from timeline.dispatch import ConflictDraft, Dispatch, parse_document
from timeline.errors import TimelineError

EXAMPLES = int(os.environ.get("TIMELINE_PROPERTY_EXAMPLES", "25"))

COUNTRIES = ["ARM", "AZE", "KGZ"]
#: The same names in two spellings: NFC and NFD are one actor once normalised.
NAMES = ["Armée arménienne", unicodedata.normalize("NFD", "Armée arménienne"), "Observers"]
CONFLICT_IDS = ["north-border", "river-valley"]
CATEGORIES = ["killed", "wounded"]


def _careless_list(elements: st.SearchStrategy[Any], min_size: int = 0, by: Any = None) -> Any:
    """Lists that may repeat an entry (one in four), which validation must refuse or
    projections fold."""
    nfc = by or (lambda e: unicodedata.normalize("NFC", e))
    unique = st.lists(elements, min_size=min_size, max_size=3, unique_by=nfc)
    return unique | unique | unique | st.lists(elements, min_size=min_size, max_size=4)


@st.composite
def conflict(draw: st.DrawFn, slug: str) -> dict[str, Any]:
    return {
        "id": slug,
        "name": draw(st.sampled_from(["North border", "River valley"])),
        "parties": draw(_careless_list(st.sampled_from(COUNTRIES), min_size=1)),
        **(
            {"aliases": draw(_careless_list(st.sampled_from(NAMES)))} if draw(st.booleans()) else {}
        ),
    }


@st.composite
def figure(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "party": draw(st.sampled_from(["ARM", "civilians"])),
        "category": draw(st.sampled_from(CATEGORIES)),
        "best": draw(st.integers(0, 99)),
        "claimant": draw(st.sampled_from(NAMES)),
    }


@st.composite
def development(draw: st.DrawFn, n: int, conflicts: list[str]) -> dict[str, Any]:
    made: dict[str, Any] = {
        "key": f"dev-{n}",
        "kind": draw(st.sampled_from(["armed_clash", "casualty_report", "statement"])),
        "summary": f"Development {n}",
        "occurred": {"start": f"2022-09-{draw(st.integers(1, 9)):02d}", "precision": "day"},
        "countries": draw(_careless_list(st.sampled_from(COUNTRIES), min_size=1)),
        "actors": draw(_careless_list(st.sampled_from(NAMES))),
        "claim": {
            "asserted_by": draw(_careless_list(st.sampled_from(NAMES), min_size=1)),
            "verification": "claimed",
        },
        "figures": draw(st.lists(figure(), max_size=2)),
    }
    if conflicts:
        made["conflicts"] = draw(_careless_list(st.sampled_from(conflicts)))
    if draw(st.booleans()):
        made["places"] = draw(
            _careless_list(
                st.fixed_dictionaries(
                    {"name": st.sampled_from(["Jermuk", "Goris"]), "country": st.just("ARM")}
                ),
                by=lambda place: place["name"],
            )
        )
    return made


@st.composite
def dispatches(draw: st.DrawFn) -> list[dict[str, Any]]:
    documents = []
    earlier: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 4))):
        slugs = draw(_careless_list(st.sampled_from(CONFLICT_IDS)))
        report = {
            "outlet": "Wire",
            "headline": f"Report {i}",
            "published": f"2022-09-{10 + i:02d}T12:00:00Z",
        }
        document: dict[str, Any] = {
            "format": "timeline-dispatch/1",
            "report": report,
            "conflicts": [draw(conflict(slug)) for slug in slugs],
            "developments": [
                draw(development(n, sorted(set(slugs)))) for n in range(draw(st.integers(1, 3)))
            ],
        }
        revisions = []
        for target in draw(st.lists(st.sampled_from(earlier), max_size=3)) if earlier else []:
            action = draw(st.sampled_from(["revise_figure", "corroborate", "correct", "dispute"]))
            body: dict[str, Any] = {"action": action, "target": target}
            if action == "revise_figure":
                body["figure"] = draw(figure())
            elif action == "correct":
                body["changes"] = {"countries": draw(_careless_list(st.sampled_from(COUNTRIES), 1))}
            elif action == "dispute":
                body["party"] = draw(st.sampled_from(NAMES))
            revisions.append(body)
        if revisions:
            document["revisions"] = revisions
        earlier.extend(
            {"report": {k: report[k] for k in ("outlet", "published", "headline")}, "key": d["key"]}
            for d in document["developments"]
        )
        documents.append(document)
    return documents


def _project(app: Any, home: Path) -> None:
    """Catch up, rebuild into a second file, and read: none of it may fail."""
    views = ReadModels(app, home / "views.sqlite3")
    rebuilt = ReadModels(app, home / "rebuilt.sqlite3")
    try:
        views.catch_up()
        rebuilt.rebuild()
        assert dump_tables(views.db) == dump_tables(rebuilt.db)
        for row in queries.conflicts(views.db):
            assert len(row["parties"]) == len(set(row["parties"]))
            queries.tally(views.db, row["id"])
        queries.actors(views.db)
    finally:
        views.close()
        rebuilt.close()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(documents=dispatches())
def test_any_sequence_of_valid_dispatches_projects_without_error(
    tmp_path: Path, documents: list[dict[str, Any]]
) -> None:
    home = Path(tempfile.mkdtemp(dir=tmp_path))
    app = open_app(home)
    try:
        for n, document in enumerate(documents):
            try:
                app.ingest(parse_document(document, f"careless-{n}.yaml"))
            except TimelineError:  # refused whole, with a message: not a projection's problem
                continue
        _project(app, home)
    finally:
        app.close()


def test_a_log_that_already_holds_repeated_parties_still_projects(tmp_path: Path) -> None:
    """Events written before validation refused [ARM, ARM] stay in the log for ever."""
    document = {
        "format": "timeline-dispatch/1",
        "report": {"outlet": "Wire", "headline": "Old", "published": "2022-09-10T12:00:00Z"},
        "conflicts": [{"id": "tc", "name": "Test conflict", "parties": ["ARM", "AZE"]}],
        "developments": [
            {
                "key": "clash",
                "kind": "armed_clash",
                "summary": "Troops exchanged fire.",
                "occurred": {"start": "2022-09-09", "precision": "day"},
                "countries": ["ARM"],
                "conflicts": ["tc"],
                "claim": {"asserted_by": ["Wire"], "verification": "claimed"},
            }
        ],
    }
    parsed = parse_document(document, "old.yaml")
    old = Dispatch(
        source=parsed.source,
        report=parsed.report,
        conflicts=(ConflictDraft("tc", "Test conflict", ("ARM", "ARM", "AZE"), (), None),),
        developments=parsed.developments,
    )
    home = tmp_path / "home"
    app = open_app(home)
    try:
        app.ingest(old)  # what the engine appended before this fix
        _project(app, home)
        views = ReadModels(app, home / "views.sqlite3")
        try:
            [row] = queries.conflicts(views.db)
            assert row["parties"] == ["ARM", "AZE"]
        finally:
            views.close()
    finally:
        app.close()
