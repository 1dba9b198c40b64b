"""UCDP Georeferenced Event Dataset (GED) rows as developments.

Columns as in the GED codebook (version 23.1 and later): ``id``, ``type_of_violence`` (1
state-based, 2 non-state, 3 one-sided), ``conflict_name``, ``dyad_name``, ``side_a``,
``side_b``, ``where_coordinates``, ``latitude``/``longitude``, ``country``, ``date_prec``
(1 the day ... 5 the year), ``date_start``/``date_end``, ``deaths_a``, ``deaths_b``,
``deaths_civilians``, ``deaths_unknown`` and the total's ``low``/``best``/``high``.

Figures are UCDP's, by side: each side with deaths gets its own figure (side A, side B,
civilians, unknown), never summed. The total's low and high estimates go on the figure of
the one side that has deaths, when only one does; otherwise the sides keep their best
estimates and the summary gives the total's range.
"""

from __future__ import annotations

from typing import Any

from timeline.imports import fields
from timeline.imports.snapshot import Dataset, RowError, RowRecord

CLAIMANT = "UCDP GED"
VIOLENCE = {1: "state-based conflict", 2: "non-state conflict", 3: "one-sided violence"}
#: date_prec -> our precision for the interval date_start..date_end.
PRECISION = {1: "day", 2: "week", 3: "month", 4: "approximate", 5: "year"}


def _occurred(row: dict[str, str], where: str) -> dict[str, Any]:
    start = fields.day(row, "date_start", where)
    end = fields.day(row, "date_end", where)
    if end < start:
        raise RowError(where, "date_end", "a date on or after date_start", row.get("date_end"))
    prec = fields.integer(row, "date_prec", where, low=1, high=5)
    if start == end:
        return {"start": start.isoformat(), "precision": "day"}
    return {"start": start.isoformat(), "end": end.isoformat(), "precision": PRECISION[prec]}


def _figures(row: dict[str, str], where: str) -> list[dict[str, Any]]:
    sides = [
        (fields.party(fields.text(row, "side_a")), fields.integer(row, "deaths_a", where)),
        (fields.party(fields.text(row, "side_b")), fields.integer(row, "deaths_b", where)),
        ("civilians", fields.integer(row, "deaths_civilians", where)),
        ("unknown", fields.integer(row, "deaths_unknown", where)),
    ]
    low = fields.integer(row, "low", where)
    best = fields.integer(row, "best", where)
    high = fields.integer(row, "high", where)
    if not low <= best <= high:
        raise RowError(where, "best", "low <= best <= high", f"{low}, {best}, {high}")
    with_deaths = [(party, n) for party, n in sides if n > 0 and party]
    if not with_deaths and best > 0:
        with_deaths = [("all parties", best)]
    found = []
    for party, deaths in with_deaths:
        figure: dict[str, Any] = {
            "party": party,
            "category": "killed",
            "best": deaths,
            "claimant": CLAIMANT,
        }
        if len(with_deaths) == 1 and deaths == best:
            figure.update(low=low, high=high)
        found.append(figure)
    return found


def parse_row(row: dict[str, str], where: str) -> RowRecord:
    violence = fields.integer(row, "type_of_violence", where, low=1, high=3)
    code = fields.country_code(fields.text(row, "country"), where, "country")
    side_a, side_b = fields.text(row, "side_a"), fields.text(row, "side_b")
    if not side_a:
        raise RowError(where, "side_a", "the name of side A", "")
    place_name = fields.text(row, "where_coordinates") or fields.text(row, "where_description")
    place: dict[str, Any] = {"name": place_name, "country": code}
    lat = fields.coordinate(row, "latitude", where, 90)
    lon = fields.coordinate(row, "longitude", where, 180)
    if lat is not None and lon is not None:
        place.update(lat=lat, lon=lon)
    figures = _figures(row, where)
    low, best, high = (fields.integer(row, c, where) for c in ("low", "best", "high"))
    dyad = fields.text(row, "dyad_name") or f"{side_a} - {side_b}"
    summary = f"{dyad}: {VIOLENCE[violence]}"
    if fields.text(row, "conflict_name"):
        summary += f" ({fields.text(row, 'conflict_name')})"
    summary += f" at {place_name}" if place_name else ""
    summary += "."
    if len(figures) > 1:
        summary += f" UCDP's total estimate: {best} killed (low {low}, high {high})."
    development: dict[str, Any] = {
        "kind": "attack_on_civilians" if violence == 3 else "armed_clash",
        "summary": summary,
        "occurred": _occurred(row, where),
        "countries": [code],
        "actors": [a for a in (side_a, side_b) if a],
        "places": [place] if place_name else [],
        "claim": {"asserted_by": [CLAIMANT], "verification": "confirmed"},
    }
    if figures:
        development["figures"] = figures
    return RowRecord(fields.text(row, "id"), int(where.rsplit(":", 1)[1]), development)


DATASET = Dataset(
    name=CLAIMANT,
    slug="ucdp-ged",
    id_column="id",
    columns=(
        "id",
        "type_of_violence",
        "dyad_name",
        "side_a",
        "side_b",
        "where_coordinates",
        "latitude",
        "longitude",
        "country",
        "date_prec",
        "date_start",
        "date_end",
        "deaths_a",
        "deaths_b",
        "deaths_civilians",
        "deaths_unknown",
        "best",
        "high",
        "low",
    ),
    parse_row=parse_row,
)
