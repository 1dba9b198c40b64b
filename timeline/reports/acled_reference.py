"""ACLED's own vocabularies and reference data, as its codebook defines them.

The export (:mod:`timeline.reports.acled`), the Table Schema
(``timeline/schemas/acled.tableschema.json``) and the importer (:mod:`timeline.imports.acled`)
all take ACLED's columns, types, sub-types and country names from here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

#: ACLED's 31 export columns, in ACLED's order (the layout since the 2023 column change).
COLUMNS: Final = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

#: ACLED's 6 event types and 25 sub-event types, with each sub-type's disorder type.
SUB_EVENT_TYPES: Final[dict[str, dict[str, str]]] = {
    "Battles": {
        "Armed clash": "Political violence",
        "Government regains territory": "Political violence",
        "Non-state actor overtakes territory": "Political violence",
    },
    "Explosions/Remote violence": {
        "Chemical weapon": "Political violence",
        "Air/drone strike": "Political violence",
        "Suicide bomb": "Political violence",
        "Shelling/artillery/missile attack": "Political violence",
        "Remote explosive/landmine/IED": "Political violence",
        "Grenade": "Political violence",
    },
    "Violence against civilians": {
        "Sexual violence": "Political violence",
        "Attack": "Political violence",
        "Abduction/forced disappearance": "Political violence",
    },
    "Protests": {
        "Peaceful protest": "Demonstrations",
        "Protest with intervention": "Demonstrations",
        "Excessive force against protesters": "Political violence; Demonstrations",
    },
    "Riots": {
        "Violent demonstration": "Demonstrations",
        "Mob violence": "Political violence",
    },
    "Strategic developments": {
        "Agreement": "Strategic developments",
        "Arrests": "Strategic developments",
        "Change to group/activity": "Strategic developments",
        "Disrupted weapons use": "Strategic developments",
        "Headquarters or base established": "Strategic developments",
        "Looting/property destruction": "Strategic developments",
        "Non-violent transfer of territory": "Strategic developments",
        "Other": "Strategic developments",
    },
}

DISORDER_TYPES: Final = (
    "Political violence",
    "Demonstrations",
    "Political violence; Demonstrations",
    "Strategic developments",
)

#: ACLED's actor type codes (inter1, inter2); 0 is "no actor 2".
INTER_LABELS: Final = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}

#: ACLED's 17 regions.
REGIONS: Final = (
    "Western Africa",
    "Middle Africa",
    "Eastern Africa",
    "Southern Africa",
    "Northern Africa",
    "Middle East",
    "Caucasus and Central Asia",
    "South Asia",
    "Southeast Asia",
    "East Asia",
    "Oceania",
    "North America",
    "Central America",
    "South America",
    "Caribbean",
    "Antarctica",
    "Europe",
)

#: ACLED's source scales, narrowest first; a row with sources of several scales joins them
#: with "-" in this order ("National-International").
SOURCE_SCALES: Final = (
    "Local",
    "Subnational",
    "National",
    "Regional",
    "International",
    "New media",
    "Other",
)


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of a sub-event type (``Political violence`` for a battle)."""
    return SUB_EVENT_TYPES[event_type][sub_event_type]


@dataclass(frozen=True)
class AcledCountry:
    iso3: str
    iso: int
    name: str
    region: str


@cache
def countries() -> dict[str, AcledCountry]:
    """ISO alpha-3 -> ACLED's numeric code, country name and region (data/acled_countries.csv)."""
    text = resources.files("timeline.reports").joinpath("data/acled_countries.csv").read_text()
    lines = (line for line in text.splitlines() if line and not line.startswith("#"))
    return {
        row["iso3"]: AcledCountry(row["iso3"], int(row["iso"]), row["country"], row["region"])
        for row in csv.DictReader(lines)
    }


@cache
def by_name() -> dict[str, AcledCountry]:
    """ACLED's country name -> its entry (for reading ACLED files)."""
    return {c.name: c for c in countries().values()}
