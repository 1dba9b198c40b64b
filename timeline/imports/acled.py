"""ACLED export rows (the 31-column layout, ACLED's codebook) as developments.

``event_type`` and ``sub_event_type`` give the kind; ``notes`` the summary; ``event_date``
and ``time_precision`` the occurred time (1: the day; 2: the week around it; 3: its month);
``iso`` (or ``country``) the country; ``location`` with ``latitude``/``longitude`` the place;
``actor1``, ``assoc_actor_1``, ``actor2``, ``assoc_actor_2`` the actors (see
:func:`actor_name`); ``source`` who
asserts it; ``fatalities`` one figure, ACLED's, for all parties together (ACLED does not
say whose). ACLED's ``timestamp`` is not used: the snapshot is the knowledge time.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from timeline.actors.registry import builtin
from timeline.imports import fields
from timeline.imports.snapshot import Dataset, RowError, RowRecord
from timeline.reports import acled_reference as reference

#: ACLED event type -> our kind; Strategic developments are split by sub-type below.
KIND_FROM_EVENT_TYPE = {
    "Battles": "armed_clash",
    "Explosions/Remote violence": "shelling",
    "Violence against civilians": "attack_on_civilians",
    "Protests": "protest",
    "Riots": "rioting",
}
_CEASEFIRE = re.compile(r"\bcease-?fire\b|\btruce\b", re.I)
PARTY = "all parties"  # ACLED's fatalities are the event's total, not by side


def kind(event_type: str, sub_event_type: str, notes: str) -> str:
    if event_type in KIND_FROM_EVENT_TYPE:
        return KIND_FROM_EVENT_TYPE[event_type]
    if sub_event_type == "Agreement":
        return "ceasefire_agreed" if _CEASEFIRE.search(notes) else "bilateral_talks"
    if sub_event_type == "Arrests":
        return "arrest"
    return "strategic_development"


def _country(row: dict[str, str], where: str) -> str:
    iso = (row.get("iso") or "").strip()
    if iso:
        number = fields.integer(row, "iso", where, high=999)
        for entry in reference.countries().values():
            if entry.iso == number:
                return entry.iso3
        raise RowError(where, "iso", "an ISO 3166-1 numeric country code", iso)
    return fields.country_code(fields.text(row, "country"), where, "country")


_FORCES = re.compile(r"^(?P<force>Military|Police) Forces of (?P<country>[^()]+?)(?: \([^)]*\))*$")
_QUALIFIED = re.compile(r"^(?P<group>[^()]+?) \((?P<qualifier>[^)]+)\)$")


def _country_or_none(name: str) -> str | None:
    try:
        return fields.country_code(name, "", "")
    except RowError:
        return None


def actor_name(name: str) -> str:
    """An ACLED actor name in the form the actor registry resolves.

    ``Military Forces of Azerbaijan (2003-)`` (ACLED dates a state's forces by regime) is the
    country's armed forces (``Azerbaijani Armed Forces``), ``Police Forces of ...`` its
    police. A group qualified by a country, ``Protesters (Armenia)``, is written
    ``Protesters in Armenia``, so the qualifier is never read as the country's government.
    Other names are kept as written."""
    forces = _FORCES.match(name)
    if forces:
        code = _country_or_none(forces["country"])
        suffix = "armed-forces" if forces["force"] == "Military" else "police"
        record = builtin().get(f"{code.lower()}-{suffix}") if code else None
        return record.name if record else f"{forces['force']} Forces of {forces['country']}"
    qualified = _QUALIFIED.match(name)
    if qualified is None:
        return name
    group, qualifier = qualified["group"], qualified["qualifier"]
    if re.match(r"\d{4}", qualifier):  # a regime's period: "Government of Russia (2000-)"
        return group
    is_code = len(qualifier) <= 3 and qualifier.isupper()  # "Islamic State (IS)"
    if not is_code and _country_or_none(qualifier):
        return group if group.startswith("Government of ") else f"{group} in {qualifier}"
    return name


def _names(row: dict[str, str], *columns: str, actors: bool = False) -> list[str]:
    found: list[str] = []
    for column in columns:
        for raw in fields.text(row, column).split(";"):
            name = actor_name(raw.strip()) if actors else raw.strip()
            if name and name not in found:
                found.append(name)
    return found


def parse_row(row: dict[str, str], where: str) -> RowRecord:
    event_type, sub_event_type = fields.text(row, "event_type"), fields.text(row, "sub_event_type")
    if event_type not in reference.SUB_EVENT_TYPES:
        raise RowError(where, "event_type", "one of ACLED's 6 event types", event_type)
    if sub_event_type not in reference.SUB_EVENT_TYPES[event_type]:
        raise RowError(where, "sub_event_type", f"a sub-event type of {event_type}", sub_event_type)
    when = fields.day(row, "event_date", where)
    precision = fields.integer(row, "time_precision", where, low=1, high=3)
    occurred: dict[str, Any]
    if precision == 1:
        occurred = {"start": when.isoformat(), "precision": "day"}
    elif precision == 2:
        occurred = {
            "start": (when - timedelta(days=3)).isoformat(),
            "end": (when + timedelta(days=3)).isoformat(),
            "precision": "week",
        }
    else:
        occurred = {"start": when.isoformat()[:7], "precision": "month"}
    code = _country(row, where)
    location = fields.text(row, "location")
    place: dict[str, Any] = {"name": location or reference.countries()[code].name, "country": code}
    lat = fields.coordinate(row, "latitude", where, 90)
    lon = fields.coordinate(row, "longitude", where, 180)
    if (lat is None) != (lon is None):
        raise RowError(
            where, "longitude" if lon is None else "latitude", "both coordinates or neither"
        )
    if lat is not None:
        place.update(lat=lat, lon=lon)
    notes = fields.text(row, "notes")
    summary = notes or f"{sub_event_type} in {place['name']}."
    development: dict[str, Any] = {
        "kind": kind(event_type, sub_event_type, notes),
        "summary": summary[:4000],
        "occurred": occurred,
        "countries": [code],
        "places": [place] if location else [],
        "claim": {
            "asserted_by": _names(row, "source") or ["ACLED"],
            "verification": "confirmed",
        },
    }
    actors = _names(row, "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", actors=True)
    if actors:
        development["actors"] = actors
    deaths = fields.integer(row, "fatalities", where)
    if deaths:
        development["figures"] = [
            {"party": PARTY, "category": "killed", "best": deaths, "claimant": "ACLED"}
        ]
    return RowRecord(fields.text(row, "event_id_cnty"), int(where.rsplit(":", 1)[1]), development)


DATASET = Dataset(
    name="ACLED",
    slug="acled",
    id_column="event_id_cnty",
    columns=(
        "event_id_cnty",
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "country",
        "location",
        "latitude",
        "longitude",
        "source",
        "notes",
        "fatalities",
    ),
    parse_row=parse_row,
)
