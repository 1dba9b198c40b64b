"""Properties of every report format over generated logs.

For random dispatches (kinds, precisions, places, figures, contradictions) and random
revisions (figures, disputes, retractions, merges), at a random knowledge time: every
development of the projection appears in every format exactly once (in ACLED, as one event
with one row per place), nothing else appears, and every format states the knowledge time.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import write_document

from projections import queries
from timeline.dispatch import load_dispatch
from timeline.reports import FORMATS, build_document, render
from timeline.session import Session
from timeline.store import resolve_home
from timeline.vocabulary import KINDS

CONFLICT = {
    "id": "generated-conflict",
    "name": "Generated conflict",
    "parties": ["ARM", "AZE"],
    "aliases": [],
    "started": "2021-05",
}
OCCURRED = {
    "hour": {"start": "2022-09-19T10:30:00+00:00", "precision": "hour"},
    "day": {"start": "2022-09-18", "precision": "day"},
    "days": {"start": "2022-09-16", "end": "2022-09-18", "precision": "day"},
    "night": {"start": "2022-09-17", "end": "2022-09-18", "precision": "night"},
    "week": {"start": "2022-09-05", "precision": "week"},
    "month": {"start": "2022-08", "precision": "month"},
    "year": {"start": "2020", "precision": "year"},
    "approximate": {"start": "1988", "end": "1994", "precision": "approximate"},
}
PLACES = [
    {"name": "Jermuk", "country": "ARM", "lat": 39.8414, "lon": 45.6714},
    {"name": "Nagorno-Karabakh", "country": "AZE"},
    {"name": "Goris", "country": "ARM", "lat": 39.5111, "lon": 46.3386},
]
CLAIMANTS = ["Government of Armenia", "Government of Azerbaijan"]


@st.composite
def figures(draw: st.DrawFn) -> dict[str, Any]:
    low = draw(st.none() | st.integers(0, 50))
    best = draw(st.none() | st.integers(50, 100))
    high = draw(st.none() | st.integers(100, 200))
    if low is None and best is None and high is None:
        best = 7
    figure: dict[str, Any] = {
        "party": draw(st.sampled_from(["ARM", "AZE", "civilians"])),
        "category": draw(st.sampled_from(["killed", "wounded"])),
        "claimant": draw(st.sampled_from(CLAIMANTS)),
    }
    figure.update(
        {k: v for k, v in (("low", low), ("best", best), ("high", high)) if v is not None}
    )
    return figure


@st.composite
def logs(draw: st.DrawFn) -> tuple[list[dict[str, Any]], str | None]:
    count = draw(st.integers(1, 6))
    keys = [f"dev-{i}" for i in range(count)]
    developments = []
    for key in keys:
        development: dict[str, Any] = {
            "key": key,
            "kind": draw(st.sampled_from(sorted(KINDS))),
            "summary": f"Generated development {key}.",
            "occurred": OCCURRED[draw(st.sampled_from(sorted(OCCURRED)))],
            "countries": ["ARM", "AZE"],
            "conflicts": [CONFLICT["id"]],
            "claim": {
                "asserted_by": [draw(st.sampled_from(CLAIMANTS))],
                "verification": draw(st.sampled_from(["confirmed", "claimed", "unverified"])),
            },
        }
        places = draw(st.lists(st.sampled_from(PLACES), max_size=3, unique_by=lambda p: p["name"]))
        if places:
            development["places"] = places
        found = draw(st.lists(figures(), max_size=2))
        unique = {(f["party"], f["category"], f["claimant"]): f for f in found}
        if unique:
            development["figures"] = list(unique.values())
        others = [k for k in keys if k != key]
        if others and draw(st.booleans()):
            development["contradicts"] = [draw(st.sampled_from(others))]
        developments.append(development)
    first = {
        "format": "timeline-dispatch/1",
        "report": {"outlet": "Wire", "headline": "First", "published": "2022-09-20T09:00:00Z"},
        "conflicts": [CONFLICT],
        "developments": developments,
    }
    revisions: list[dict[str, Any]] = []
    for key in keys:
        action = draw(st.sampled_from(["none", "none", "figure", "dispute", "retract", "merge"]))
        target = {"report": {"outlet": "Wire", "published": "2022-09-20T09:00:00Z",
                             "headline": "First"}, "key": key}  # fmt: skip
        if action == "figure":
            revisions.append(
                {"action": "revise_figure", "target": target, "figure": draw(figures())}
            )
        elif action == "dispute":
            revisions.append({"action": "dispute", "target": target, "party": "Government of X"})
        elif action == "retract":
            revisions.append({"action": "retract", "target": target})
        elif (
            action == "merge"
            and key != keys[0]
            and not any(r["action"] == "merge" for r in revisions)
        ):
            into = {**target, "key": keys[0]}
            revisions.append({"action": "merge", "target": target, "into": into})
    documents = [first]
    if revisions:
        documents.append(
            {
                "format": "timeline-dispatch/1",
                "report": {
                    "outlet": "Desk",
                    "headline": "Second",
                    "published": "2022-09-22T09:00:00Z",
                },
                "revisions": revisions,
            }
        )
    as_of = draw(st.sampled_from([None, "2022-09-20T09:00:00Z", "2022-09-21T00:00:00Z"]))
    return documents, as_of


def _ids_in(format_name: str, text: str) -> list[str]:
    """The development ids a rendered report lists, once per appearance as a development."""
    if format_name == "md":
        timeline = text.split("## Timeline", 1)[1].split("## Contested accounts", 1)[0]
        return re.findall(r"· id `([0-9a-f-]{36})`", timeline)
    if format_name == "html":
        return re.findall(r'<article class="development [^"]*" id="dev-([0-9a-f-]{36})"', text)
    if format_name == "json":
        return [d["id"] for d in json.loads(text)["developments"]]
    if format_name == "csv":
        return [row["id"] for row in csv.DictReader(io.StringIO(text))]
    if format_name == "acled":
        rows = list(csv.DictReader(io.StringIO(text)))
        events = Counter(row["timeline_development_id"] for row in rows)
        return list(events)
    if format_name == "timelinejs-sheet":
        rows = list(csv.DictReader(io.StringIO(text)))
        title = next(r["Text"] for r in rows if r["Type"] == "title")
        events = [r for r in rows if r["Type"] == ""]
        return [
            *re.findall(r'<li id="dev-([0-9a-f-]{36})"', title),
            *(re.findall(r"Id ([0-9a-f-]{36})\.</small>", r["Text"])[0] for r in events),
        ]
    assert format_name == "timelinejs"
    exported = json.loads(text)
    # Background developments are listed on the title slide, off the time scale.
    return [
        *re.findall(r'<li id="dev-([0-9a-f-]{36})"', exported["title"]["text"]["text"]),
        *(e["unique_id"].removeprefix("dev-") for e in exported["events"]),
    ]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(logs())
def test_every_development_appears_in_every_format_exactly_once(
    generated: tuple[list[dict[str, Any]], str | None],
) -> None:
    documents, as_of = generated
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        with Session(resolve_home(home)) as session:
            for i, content in enumerate(documents):
                path = write_document(Path(folder) / f"dispatch-{i}.yaml", content)
                session.app.ingest(load_dispatch(path))
            views = session.fresh_views()
            query = queries.TimelineQuery(conflict=CONFLICT["id"], as_of=as_of)
            expected = [row["development_id"] for row in queries.timeline(views.db, query)]
            doc = build_document(views.db, query, log_position=session.app.max_position())
        assert [d["id"] for d in doc.developments] == expected
        for name in FORMATS:
            text = render(doc, name)
            found = _ids_in(name, text)
            assert sorted(found) == sorted(expected), name
            assert len(found) == len(set(found)), name
            assert (doc.knowledge_time or "") in text, name
        acled_rows = list(csv.DictReader(io.StringIO(render(doc, "acled"))))
        for development in doc.developments:
            rows = [r for r in acled_rows if r["timeline_development_id"] == development["id"]]
            assert len(rows) == max(1, len(development["places"]))
        assert len({r["event_id_cnty"] for r in acled_rows}) == len(acled_rows)
