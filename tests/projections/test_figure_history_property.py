"""The figure history is computed in one sweep over knowledge time. It must equal its
definition: the side rule (:func:`projections.figure_history.latest_figures`) applied to the
timeline as known at every knowledge time, kept where a side's figure changed.

The definition is written out below as the plain replay it is (one timeline query per
knowledge time, quadratic in the history), and Hypothesis compares the two on random logs
(those of ``test_rebuild_property``: revised figures, corrections of occurred time and
countries, retractions and merges), for conflicts, countries, actors and sides, as of any
time and within occurred windows.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_rebuild_property import EXAMPLES, Series, _fresh, _ingest, series

from projections import queries
from projections.figure_history import figure_history, knowledge_times, latest_figures
from projections.queries import TimelineQuery
from projections.runner import ReadModels
from timeline.errors import NotFoundError


def replayed_history(db: Any, query: TimelineQuery) -> list[dict[str, Any]]:
    """The definition: re-run the timeline query at every knowledge time."""
    series: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    names: dict[tuple[str, str, str], tuple[str, str]] = {}
    previous: dict[tuple[str, str, str], tuple[Any, ...]] = {}
    fields = ("low", "best", "high", "reported_at", "report_id", "development_id")
    for moment in knowledge_times(db, query):
        current = {
            (f["party"], f["category"], f["side_key"]): f
            for f in latest_figures(queries.timeline(db, replace(query, as_of=moment)))
        }
        for key in sorted(set(current) | set(previous)):
            figure = current.get(key)
            if figure is None:
                value: tuple[Any, ...] = (None,) * 8 + (None, False, [])
            else:
                names[key] = (figure["side"], figure["side_name"])
                value = (
                    *(figure[f] for f in fields),
                    figure["claimant"],
                    figure["voice"],
                    figure.get("bound"),
                    bool(figure.get("provisional")),
                    figure.get("includes") or [],
                )
            if previous.get(key) == value:
                continue
            previous[key] = value
            names_ = (*fields, "claimant", "voice", "bound", "provisional", "includes")
            point = dict(zip(names_, value, strict=True))
            series.setdefault(key, []).append({"known_from": moment, **point})
    return [
        {
            "party": key[0],
            "category": key[1],
            "side": names[key][0],
            "side_name": names[key][1],
            "claimant": names[key][1],
            "points": points,
        }
        for key, points in sorted(series.items(), key=lambda i: (i[0][0], i[0][1], names[i[0]][1]))
    ]


def _queries(db: Any, moments: list[str], window: tuple[str, str]) -> list[TimelineQuery]:
    found = [TimelineQuery(conflict=row["id"]) for row in queries.conflicts(db)]
    found += [TimelineQuery(country=row["iso3"]) for row in queries.countries(db)]
    for typed in (
        TimelineQuery(actor="Government of Armenia"),
        TimelineQuery(actor="Observers"),
        TimelineQuery(side="Government of Armenia"),
    ):
        try:
            found.append(queries.with_resolved_actor(db, typed)[1])
        except NotFoundError:  # the log does not name this actor
            continue
    for query in list(found):
        found += [replace(query, as_of=moment) for moment in moments]
        found.append(replace(query, occurred_from=window[0], occurred_to=window[1]))
    return found


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(made=series(), picks=st.lists(st.integers(0, 10_000), max_size=3), day=st.integers(0, 50))
def test_the_one_pass_history_equals_the_replay_at_every_knowledge_time(
    tmp_path: Path, made: Series, picks: list[int], day: int
) -> None:
    home = _fresh(tmp_path)
    app = _ingest(home, made.documents)
    views = ReadModels(app, home / "views.sqlite3")
    views.catch_up()
    db = views.db
    every = knowledge_times(db, TimelineQuery())
    moments = [every[p % len(every)] for p in picks] if every else []
    window = (f"2022-08-{1 + day % 28:02d}T00:00:00Z", f"2022-09-{1 + day % 28:02d}T00:00:00Z")
    for query in _queries(db, moments, window):
        assert figure_history(db, query) == replayed_history(db, query), query
    views.close()
    app.close()
