"""An inline SVG chart of casualty figures over knowledge time, by party and claimant.

Each series is one claimant's figure for one party and category, drawn as a step line:
a figure holds from the time it was reported until the claimant gives another. The value
drawn is the best estimate, else the lower bound, else the upper bound; a range
(low < high) also gets a vertical bar. Nothing is summed. All text is HTML-escaped.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Final

from timeline.dates import from_iso
from timeline.reports.escape import html as h
from timeline.serialize import figure_text

WIDTH: Final = 760
HEIGHT: Final = 320
LEFT, RIGHT, TOP, BOTTOM = 56, 48, 16, 44
#: Colour-blind-safe palette (Okabe-Ito), cycled over series.
PALETTE: Final = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#F0E442",
)
DASHES: Final = {"killed": "", "wounded": "6 4", "captured": "2 3", "missing": "8 3 2 3"}


def value(point: dict[str, Any]) -> int | None:
    for name in ("best", "low", "high"):
        if point[name] is not None:
            return int(point[name])
    return None


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def series_label(series: dict[str, Any]) -> str:
    return f"{series['party']} {series['category']} per {series['claimant']}"


def _nice_step(top: float) -> int:
    raw = max(top / 5, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    return int(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw))


_TICK_STEPS: Final = tuple(
    timedelta(hours=hours) for hours in (1, 3, 6, 12, 24, 48, 168, 336, 720, 2190, 4380, 8760)
)


def time_ticks(start: datetime, end: datetime, most: int = 7) -> tuple[list[datetime], str]:
    """Tick times at a round step (an hour up to a year), aligned to UTC midnight, and the
    strftime format that suits the step."""
    span = end - start
    step = next((s for s in _TICK_STEPS if span / s <= most), None)
    if step is None:  # longer than ~7 years: whole years
        years = max(1, math.ceil((end.year - start.year) / most))
        ticks = [
            start.replace(year=y, month=1, day=1, hour=0, minute=0, second=0)
            for y in range(start.year + 1, end.year + 1, years)
        ]
        return ticks, "%Y"
    epoch = datetime(2000, 1, 1, tzinfo=start.tzinfo)
    first = epoch + step * math.ceil((start - epoch) / step)
    ticks = []
    while first <= end:
        ticks.append(first)
        first += step
    return ticks, "%d %b %H:%M" if step < timedelta(days=1) else "%d %b %Y"


def svg(history: list[dict[str, Any]], *, title: str) -> str:
    """The chart as an ``<svg>`` element (safe markup), or a note when there are no figures."""
    points = [p for s in history for p in s["points"]]
    values = [v for p in points if (v := value(p)) is not None]
    if not values:
        return '<p class="no-figures">No casualty figures were known.</p>'
    times = sorted({from_iso(p["known_from"]) for p in points})
    t0, t1 = times[0], times[-1]
    span = t1 - t0
    pad = max(span / 10, timedelta(hours=12))
    t0, t1 = t0 - (pad if span < timedelta(days=1) else timedelta(0)), t1 + pad
    # At least 1, so a chart of zero counts still has a scale.
    top = max([1, *values, *(int(p["high"]) for p in points if p["high"] is not None)])
    step = _nice_step(top * 1.1)
    y_max = step * math.ceil(top * 1.1 / step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(moment: datetime) -> float:
        return round(LEFT + plot_w * ((moment - t0) / (t1 - t0)), 1)

    def y(amount: float) -> float:
        return round(TOP + plot_h * (1 - amount / y_max), 1)

    out = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">{h(title)}</title>',
        f'<rect class="plot" x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" '
        'fill="#fafafa" stroke="#ccc"/>',
    ]
    for tick in range(0, y_max + 1, step):
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick)}" y2="{y(tick)}" '
            f'stroke="#e4e4e4"/><text class="tick" x="{LEFT - 6}" y="{y(tick) + 4}" '
            f'text-anchor="end">{tick}</text>'
        )
    ticks, fmt = time_ticks(t0, t1)
    for moment in ticks:
        out.append(
            f'<line class="grid" x1="{x(moment)}" x2="{x(moment)}" y1="{TOP}" '
            f'y2="{HEIGHT - BOTTOM}" stroke="#eee"/><text class="tick" x="{x(moment)}" '
            f'y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{h(moment.strftime(fmt))}</text>'
        )
    out.append(
        f'<text class="axis" x="{LEFT + plot_w / 2}" y="{HEIGHT - 6}" text-anchor="middle">'
        "Knowledge time (when reported, UTC)</text>"
        f'<text class="axis" transform="translate(14 {TOP + plot_h / 2}) rotate(-90)" '
        'text-anchor="middle">Figure, as claimed</text>'
    )
    for index, series in enumerate(history):
        out.append(_series(series, index, x, y, t1))
    out.append("</svg>")
    return "".join(out)


def _series(
    series: dict[str, Any],
    index: int,
    x: Callable[[datetime], float],
    y: Callable[[float], float],
    end: datetime,
) -> str:
    label = series_label(series)
    dash = DASHES.get(series["category"], "")
    path: list[str] = []
    marks: list[str] = []
    points = series["points"]
    for i, point in enumerate(points):
        amount = value(point)
        if amount is None:
            continue
        start = from_iso(point["known_from"])
        until = from_iso(points[i + 1]["known_from"]) if i + 1 < len(points) else end
        path.append(f"M{x(start)} {y(amount)}H{x(until)}")
        if i + 1 < len(points) and (following := value(points[i + 1])) is not None:
            path.append(f"V{y(following)}")
        text = f"{label}: {figure_text(point)}, known from {point['known_from']}"
        if point["low"] is not None and point["high"] is not None and point["low"] < point["high"]:
            marks.append(
                f'<line class="range" x1="{x(start)}" x2="{x(start)}" y1="{y(point["low"])}" '
                f'y2="{y(point["high"])}" stroke="{colour(index)}" stroke-width="2"/>'
            )
        marks.append(
            f'<circle class="point" cx="{x(start)}" cy="{y(amount)}" r="4" '
            f'fill="{colour(index)}"><title>{h(text)}</title></circle>'
        )
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<g class="series" data-series="{index}"><title>{h(label)}</title>'
        f'<path class="line" d="{"".join(path)}" fill="none" stroke="{colour(index)}" '
        f'stroke-width="2.5"{dash_attr}/>{"".join(marks)}</g>'
    )
