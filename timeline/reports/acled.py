"""The ``acled`` format: CSV with ACLED's column names and meanings where they apply.

The mapping from our kinds to ACLED's event types and sub-types, the date, location and
fatality rules, and what cannot be mapped are documented in docs/reports.md ("ACLED").
In short: one row per development per place (one row when it names no place); statements,
meetings, UN sessions and other kinds ACLED has no type for become
``Strategic developments`` / ``Other`` with a note and ``acled_mapping = none``; fatalities
are the lowest figure any claimant gives per party, summed over the parties, and divided
evenly over the rows of a development.
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from typing import Any, Final

from timeline.actors.registry import KINDS, builtin, common_names
from timeline.dates import from_iso
from timeline.reports import acled_reference as reference
from timeline.reports.document import ReportDocument
from timeline.reports.table import joined, write_rows
from timeline.serialize import figure_text

#: Our kind -> (ACLED event_type, sub_event_type, how well it maps).
#: "direct": ACLED's own category. "nearest": the closest ACLED category for a claimed
#: event. "none": ACLED has no type; coded Strategic developments / Other with a note.
KIND_TO_ACLED: Final[dict[str, tuple[str, str, str]]] = {
    "armed_clash": ("Battles", "Armed clash", "direct"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack", "direct"),
    "ceasefire_violation_alleged": ("Battles", "Armed clash", "nearest"),
    "ceasefire_agreed": ("Strategic developments", "Agreement", "direct"),
    "casualty_report": ("Strategic developments", "Other", "none"),
    "alliance_meeting": ("Strategic developments", "Other", "none"),
    "bilateral_talks": ("Strategic developments", "Other", "none"),
    "appeal_for_calm": ("Strategic developments", "Other", "none"),
    "statement_of_support": ("Strategic developments", "Other", "none"),
    "accusation": ("Strategic developments", "Other", "none"),
    "un_security_council": ("Strategic developments", "Other", "none"),
    "envoy_visit_planned": ("Strategic developments", "Other", "none"),
    "statement": ("Strategic developments", "Other", "none"),
    "verification_note": ("Strategic developments", "Other", "none"),
    "background": ("Strategic developments", "Other", "none"),
    "attack_on_civilians": ("Violence against civilians", "Attack", "direct"),
    "protest": ("Protests", "Peaceful protest", "direct"),
    "rioting": ("Riots", "Violent demonstration", "direct"),
    "arrest": ("Strategic developments", "Arrests", "direct"),
    "strategic_development": ("Strategic developments", "Other", "direct"),
}
UNKNOWN_KIND: Final = ("Strategic developments", "Other", "none")

ACLED_COLUMNS: Final = reference.COLUMNS
#: Our own columns, after ACLED's: traceability and the three times.
EXTRA_COLUMNS: Final = (
    "timeline_development_id",
    "timeline_kind",
    "acled_mapping",
    "occurred_start",
    "occurred_end",
    "occurred_precision",
    "reported_at",
    "recorded_at",
    "knowledge_time",
)
COLUMNS: Final = ACLED_COLUMNS + EXTRA_COLUMNS


def event_id(country: str, development_id: str, place_index: int) -> str:
    """``ARM`` + a zero-padded 12-digit number derived from the development id and the place: the same
    row gets the same id in every export."""
    digest = hashlib.blake2b(f"{development_id}#{place_index}".encode(), digest_size=8).digest()
    return f"{country}{int.from_bytes(digest) % 10**12:012d}"


def event_date(occurred: dict[str, Any]) -> tuple[str, int]:
    """ACLED's event_date and time_precision for an occurred interval.

    1 (day): hour precision, one day, or a night. 2 (a few days): any interval up to 7 days.
    3 (month or coarser): anything longer. Precision 2 and 3 take the middle day.
    """
    start, end = from_iso(occurred["start"]), from_iso(occurred["end"])
    length = end - start
    precision = occurred["precision"]
    if (
        precision == "hour"
        or precision == "night"
        or (precision == "day" and length <= timedelta(days=1))
    ):
        return start.date().isoformat(), 1
    middle = (start + length / 2).date().isoformat()
    return middle, 2 if length <= timedelta(days=7) else 3


def figure_value(figure: dict[str, Any]) -> int | None:
    for name in ("low", "best", "high"):
        if figure[name] is not None:
            return int(figure[name])
    return None


def _lowest_killed(development: dict[str, Any]) -> dict[str, int]:
    """The lowest killed figure any claimant gives, per party (breakdowns stay within their
    figure: a part is never a party of its own)."""
    lowest: dict[str, int] = {}
    for figure in development["figures"]:
        value = figure_value(figure)
        if figure["category"] != "killed" or value is None:
            continue
        lowest[figure["party"]] = min(value, lowest.get(figure["party"], value))
    return lowest


def fatalities(development: dict[str, Any], attributed: dict[str, int] | None = None) -> int:
    """The lowest killed figure any claimant gives for each party, summed over parties.
    ``attributed`` (from :func:`attributed_fatalities`) gives, per party, the deaths the
    casualty reports that count this development attribute to it: for those parties they
    replace the development's own figures (the same deaths, never added to them). A
    figure's breakdown (``includes``) is within it and never added. A group's figure
    (``party: civilians, country: ARM``) counts only when no figure is given for its
    country, which would hold it. Retracted developments count none."""
    if development["status"] != "active":
        return 0
    lowest = {**_lowest_killed(development), **(attributed or {})}
    held = {
        f["party"]
        for f in development["figures"]
        if f["category"] == "killed" and f.get("country") is not None and f["country"] in lowest
    }
    return sum(value for party, value in lowest.items() if party not in held)


#: ACLED's event types of political violence: the rows fatalities belong on.
VIOLENT_TYPES: Final = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians"}
)


def _counted(developments: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Per active casualty report that counts developments: those of them that are active,
    violent and among ``developments``."""
    violent = {
        d["id"]
        for d in developments
        if d["status"] == "active"
        and KIND_TO_ACLED.get(d["kind"], UNKNOWN_KIND)[0] in VIOLENT_TYPES
    }
    found = {}
    for d in developments:
        if d["status"] == "active" and d["kind"] == "casualty_report":
            targets = [t for t in d.get("counts") or [] if t in violent]
            if targets:
                found[d["id"]] = targets
    return found


def attributed_fatalities(developments: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per violent development, per party: the deaths that casualty reports naming it in
    ``counts`` attribute to it. A report that counts several developments splits each
    party's figure evenly over them (the remainder to the first); when several reports
    attribute deaths of one party to one development, the lowest is taken, as ACLED takes
    the lowest disputed figure."""
    by_id = {d["id"]: d for d in developments}
    found: dict[str, dict[str, int]] = {}
    for report_id, targets in _counted(developments).items():
        for party, value in _lowest_killed(by_id[report_id]).items():
            share, remainder = divmod(value, len(targets))
            for index, target in enumerate(targets):
                amount = share + (1 if index < remainder else 0)
                parties = found.setdefault(target, {})
                parties[party] = min(amount, parties.get(party, amount))
    return found


def moved_fatalities(developments: list[dict[str, Any]]) -> set[str]:
    """The casualty reports whose fatalities :func:`attributed_fatalities` puts on the
    violent developments they count: their own rows carry none."""
    return set(_counted(developments))


INTER_LABELS: Final = reference.INTER_LABELS

#: Voices of a state whose side ACLED codes as its military or its police.
_MILITARY = frozenset(
    {
        "armed_forces",
        "border_guard",
        "ministry",
        "government",
        "head_of_state",
        "head_of_government",
        "security_council",
        "intelligence",
        "official",
        "minister",
        "state",
    }
)


def _acled_actor(party: dict[str, Any], doc: ReportDocument) -> str:
    """An ACLED-style actor name: the side's ACLED name when the registry knows it,
    "Military Forces of X" / "Police Forces of X" for a state's organs, else the side."""
    if party.get("acled_name"):
        return str(party["acled_name"])
    if party["side_kind"] in ("government", "state") and party.get("country"):
        country = common_names().get(party["country"], party["country"])
        force = "Police Forces" if party["kind"] == "police" else "Military Forces"
        return f"{force} of {country}"
    return str(party["side_name"])


def parties(d: dict[str, Any], doc: ReportDocument) -> list[tuple[str, int, str]]:
    """The parties an ACLED row can code, in the order the development names them: each
    named actor that resolves to a side whose kind ACLED codes (state forces, rebels,
    militias, civilians, external forces), as (actor name, inter code, side id), one per
    side. Media outlets, experts, monitors, NGOs and unresolved names are never coded as a
    party to violence (they stay in the notes)."""
    found: list[tuple[str, int, str]] = []
    seen: set[str] = set()
    for party in d.get("actor_sides", []):
        side_kind = party.get("side_kind")
        if side_kind is None or party["side"] in seen:
            continue
        inter = KINDS.get(side_kind, ("", None))[1]
        voice_inter = KINDS.get(party.get("kind") or "", ("", None))[1]
        if inter is None or voice_inter is None:
            continue
        seen.add(party["side"])
        found.append((_acled_actor(party, doc), inter, party["side"]))
    return found


def _notes(d: dict[str, Any], mapping: str, precision: int) -> str:
    occ = d["occurred"]
    notes = [f"{occ['label']}: {d['summary']}"]
    claim = d["claim"]
    notes.append(f"Claimed by {', '.join(claim['asserted_by'])} ({claim['verification']}).")
    if claim["disputed_by"]:
        notes.append(f"Disputed by {', '.join(claim['disputed_by'])}.")
    if d["status"] == "retracted":
        notes.append("Retracted by its source; fatalities not counted.")
    killed = [f for f in d["figures"] if f["category"] == "killed"]
    if killed:
        claims = "; ".join(f"{f['party']} {figure_text(f)} per {f['voice']}" for f in killed)
        notes.append(f"Fatalities as claimed: {claims}; the lowest per party is coded.")
    if mapping == "none":
        notes.append(f"[Not an ACLED event type: timeline kind '{d['kind']}'.]")
    elif mapping == "nearest":
        notes.append(f"[Nearest ACLED type for timeline kind '{d['kind']}'.]")
    if precision == 3 and occ["precision"] not in ("month",):
        notes.append(f"[Occurred {occ['label']}; ACLED has no precision coarser than a month.]")
    return " ".join(notes)


#: Words in an event's summary that name a more precise ACLED sub-type than its kind's.
#: Only the violent kinds are refined; accusations and statements about an attack stay
#: statements (``Other``), because ACLED codes the attack, not what a party said about it.
_REMOTE_SUB_TYPES: Final = (
    (re.compile(r"\bchemical weapons?\b|\bchlorine\b|\bsarin\b", re.I), "Chemical weapon"),
    (re.compile(r"\bsuicide (?:bomb|attack|car)", re.I), "Suicide bomb"),
    (
        re.compile(r"\bdrones?\b|\bair ?strikes?\b|\bwarplanes?\b|\baircraft\b|\bbombers?\b", re.I),
        "Air/drone strike",
    ),
    (
        re.compile(
            r"\blandmines?\b|\bland mines?\b|\bIEDs?\b|\bimprovised explosive|\broadside bomb", re.I
        ),
        "Remote explosive/landmine/IED",
    ),
    (re.compile(r"\bgrenades?\b", re.I), "Grenade"),
)
_REGAINS = re.compile(r"\b(?:regain|retook|retake|recaptur|took back|liberat)", re.I)
_OVERTAKES = re.compile(r"\b(?:seiz|captur|overr[au]n|took control|taken control|took over)", re.I)
_AGREES = re.compile(
    r"\b(?:agreed|signed|agreement|accord|prisoner (?:exchange|swap)|exchanged prisoners)\b", re.I
)
#: Kinds whose sub-type the summary may refine, and the refiners that apply.
_MEETINGS = frozenset({"bilateral_talks", "alliance_meeting"})


def acled_type(d: dict[str, Any], inter1: int | None, inter2: int | None) -> tuple[str, str, str]:
    """(event_type, sub_event_type, mapping) of a development: its kind's ACLED type,
    refined to a more precise sub-type when the summary names one (an air or drone strike,
    a mine or IED, territory taken or regained, an agreement reached at talks)."""
    event_type, sub_event_type, mapping = KIND_TO_ACLED.get(d["kind"], UNKNOWN_KIND)
    summary = d["summary"]
    if event_type == "Explosions/Remote violence" and mapping == "direct":
        for pattern, refined in _REMOTE_SUB_TYPES:
            if pattern.search(summary):
                return event_type, refined, "direct"
    elif d["kind"] == "armed_clash":
        non_state = (2, 3, 4)
        if inter1 == 1 and inter2 in non_state and _REGAINS.search(summary):
            return event_type, "Government regains territory", "direct"
        if inter1 in non_state and inter2 in (1, *non_state) and _OVERTAKES.search(summary):
            return event_type, "Non-state actor overtakes territory", "direct"
    elif d["kind"] in _MEETINGS and _AGREES.search(summary):
        return "Strategic developments", "Agreement", "direct"
    return event_type, sub_event_type, mapping


def source_scale(outlets: list[str], countries: set[str]) -> str:
    """ACLED's source scale: National for an outlet of the event's country, International
    for an outlet of another country, Other for an outlet the registry does not know; several
    scales are joined narrowest first ("National-International")."""
    registry = builtin()
    scales: set[str] = set()
    for outlet in outlets:
        actor_id = registry.resolve(outlet)
        record = registry.get(actor_id) if actor_id else None
        if record is None or record.kind != "media" or not record.country:
            scales.add("Other")
        else:
            scales.add("National" if record.country in countries else "International")
    return "-".join(s for s in reference.SOURCE_SCALES if s in scales)


def unix_seconds(moment: str | None) -> int | None:
    return int(from_iso(moment).timestamp()) if moment else None


def rows(
    d: dict[str, Any],
    doc: ReportDocument,
    attributed: dict[str, dict[str, int]] | None = None,
    moved: set[str] | frozenset[str] = frozenset(),
) -> list[dict[str, Any]]:
    """The ACLED rows of one development: one per place, or one without a place.
    ``attributed`` and ``moved`` put casualty reports' fatalities on the violent
    developments they count (see :func:`attributed_fatalities`)."""
    date, precision = event_date(d["occurred"])
    places: list[dict[str, Any] | None] = list(d["places"]) or [None]
    killed = 0 if d["id"] in moved else fatalities(d, (attributed or {}).get(d["id"]))
    share, remainder = divmod(killed, len(places))
    coded = parties(d, doc)
    first = coded[0] if coded else None
    second = next((p for p in coded[1:] if first and p[2] != first[2]), None)
    inter1 = first[1] if first else None
    inter2 = second[1] if second else (0 if first else None)
    event_type, sub_event_type, mapping = acled_type(d, inter1, inter2)
    if inter1 is None:
        interaction = None
    elif second is None:
        interaction = inter1 * 10  # ACLED: a sole actor's type, then 0 ("10", "60")
    else:
        low, high = sorted((inter1, second[1]))
        interaction = low * 10 + high
    outlets = list(dict.fromkeys(doc.sources[n - 1].outlet for n in d["sources"]))
    political_violence = reference.disorder_type(event_type, sub_event_type).startswith(
        "Political violence"
    )
    common = {
        "event_date": date,
        "year": int(date[:4]),
        "time_precision": precision,
        "disorder_type": reference.disorder_type(event_type, sub_event_type),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": first[0] if first else "",
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": second[0] if second else "",
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": (
            "Civilian targeting"
            if event_type == "Violence against civilians"
            or (political_violence and 7 in (inter1, inter2))
            else ""
        ),
        "admin1": "",
        "admin2": "",
        "admin3": "",
        "source": joined(outlets),
        "notes": _notes(d, mapping, precision)
        + (
            " [Its fatalities are coded on the events it counts.]"
            if d["id"] in moved
            else " [Fatalities from the casualty reports that count it.]"
            if d["id"] in (attributed or {})
            else ""
        ),
        "tags": "",
        "timestamp": unix_seconds(d["recorded_at"]),
        "timeline_development_id": d["id"],
        "timeline_kind": d["kind"],
        "acled_mapping": mapping,
        "occurred_start": d["occurred"]["start"],
        "occurred_end": d["occurred"]["end"],
        "occurred_precision": d["occurred"]["precision"],
        "reported_at": d["reported_at"],
        "recorded_at": d["recorded_at"],
        "knowledge_time": doc.knowledge_time,
    }
    out = []
    for index, place in enumerate(places):
        code = place["country"] if place else (d["countries"][0] if d["countries"] else "XXX")
        entry = reference.countries().get(code)
        country = entry.name if entry else common_names().get(code, code)
        located = place is not None and place.get("lat") is not None
        out.append(
            {
                **common,
                "event_id_cnty": event_id(code, d["id"], index),
                "iso": entry.iso if entry else None,
                "region": entry.region if entry else "",
                "country": country,
                "location": place["name"] if place else country,
                "latitude": place["lat"] if located and place else None,
                "longitude": place["lon"] if located and place else None,
                "geo_precision": 1 if located else 3,
                "source_scale": source_scale(outlets, {code}),
                "fatalities": share + (1 if index < remainder else 0),
            }
        )
    return out


def write(doc: ReportDocument) -> str:
    developments = list(doc.developments)
    attributed = attributed_fatalities(developments)
    moved = moved_fatalities(developments)
    return write_rows(
        COLUMNS, (row for d in developments for row in rows(d, doc, attributed, moved))
    )
