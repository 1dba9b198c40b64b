"""Terminal charts: each side's toll over knowledge time, drawn with plotext, and a
sparkline of activity per day. Piped output gets the same facts as text.

A toll is a step over knowledge time: a figure holds from the report that gave it until a
later report of the same side revises it, so each series is drawn as steps and carried on
to the last knowledge time shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from timeline.dates import from_iso
from timeline.serialize import figure_label

#: One marker per series, so the series can be told apart without colour.
MARKERS = ("●", "■", "▲", "◆", "○", "□", "△", "◇")
#: Sparkline levels, lowest to highest, and the mark of a day with nothing.
LEVELS = "▁▂▃▄▅▆▇█"
NONE = "·"


def value(point: Mapping[str, Any]) -> int | None:
    """The number a point is drawn at: the best estimate, else the lower bound, else the
    upper; None for a withdrawn figure (its development retracted or merged away)."""
    for name in ("best", "low", "high"):
        if point.get(name) is not None:
            return int(point[name])
    return None


def toll_series(history: Sequence[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The series of :func:`projections.figure_history.figure_history` (the reports' chart
    data) keyed "PARTY category per SIDE", as the charts take them."""
    return {
        f"{s['party']} {s['category']} per {s['side_name'] or s['claimant']}": list(s["points"])
        for s in history
    }


def _label(point: Mapping[str, Any]) -> str:
    if all(point.get(name) is None for name in ("low", "best", "high")):
        return "withdrawn"
    return figure_label(point.get("low"), point.get("best"), point.get("high"))


def series_text(series: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[str]:
    """The chart's facts as lines of text: each series' values with the knowledge time
    (reported date) each was given at."""
    lines = []
    for index, (key, points) in enumerate(series.items()):
        steps = " → ".join(f"{_label(p)} ({p['known_from'][:10]})" for p in points)
        lines.append(f"{MARKERS[index % len(MARKERS)]} {key}: {steps}")
    return lines


def toll_chart(
    series: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    title: str,
    width: int,
    height: int = 16,
    colour: bool = True,
    until: str | None = None,
) -> str:
    """Each series as steps over knowledge time, drawn by plotext, one marker per series
    (:func:`series_text` is its legend). ``until`` (an ISO time) is where the steps end; by
    default the last point of all."""
    import plotext

    ends = [p["known_from"] for points in series.values() for p in points]
    end = from_iso(until or max(ends))
    figure = plotext.figure
    figure.clear()
    figure.theme("default" if colour else "clear")
    figure.plot_size(max(width - 1, 40), height)
    figure.date(axis="x").activate(True, form="%d %b %H:%M")
    figure.legend(False)
    figure.title(title)
    for index, points in enumerate(series.values()):
        xs: list[datetime] = []
        ys: list[int] = []
        withdrawn = False
        for point in points:
            when = from_iso(point["known_from"])
            if ys:  # the step: the previous value holds until this report
                xs.append(when)
                ys.append(ys[-1])
            shown = value(point)
            if shown is None:  # the figure stopped counting: the line ends here
                withdrawn = True
                break
            xs.append(when)
            ys.append(shown)
        if not ys:
            continue
        if not withdrawn:
            xs.append(max(end, xs[-1]))
            ys.append(ys[-1])
        signal = figure.signal(xs, ys, marker=MARKERS[index % len(MARKERS)])
        signal.lines()
        figure.draw(signal)
    drawn = figure.build().string(colorless=not colour)
    figure.clear()
    return "\n".join(line.rstrip() for line in drawn.splitlines())


def sparkline(counts: Sequence[int]) -> str:
    """One character per count: :data:`NONE` for none, else a level scaled to the
    largest."""
    top = max(counts, default=0)
    if top <= 0:
        return NONE * len(counts)
    return "".join(
        NONE if n <= 0 else LEVELS[min(len(LEVELS) - 1, (n * len(LEVELS) - 1) // top)]
        for n in counts
    )


def day_buckets(first: str, last: str, cells: int) -> list[tuple[str, str]]:
    """At most ``cells`` consecutive ranges of days (ISO dates, inclusive) from ``first``
    to ``last``: one day per cell when they fit, else equal runs of days."""
    from datetime import date, timedelta

    start, stop = date.fromisoformat(first), date.fromisoformat(last)
    days = (stop - start).days + 1
    per_cell = max(1, -(-days // cells))
    buckets = []
    day = start
    while day <= stop:
        end = min(stop, day + timedelta(days=per_cell - 1))
        buckets.append((day.isoformat(), end.isoformat()))
        day = end + timedelta(days=1)
    return buckets


def activity(per_day: Mapping[str, int], buckets: Sequence[tuple[str, str]]) -> str:
    """A sparkline of ``per_day`` counts summed over each bucket of days."""
    return sparkline(
        [sum(n for day, n in per_day.items() if first <= day <= last) for first, last in buckets]
    )
