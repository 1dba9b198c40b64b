"""Parsing a loaded document into a :class:`Dispatch`: every field checked and normalised
(countries, figures, dates and zones, actors, references, revisions)."""

from __future__ import annotations

import itertools
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from uuid import UUID

import jsonschema
import pycountry

from timeline import countries, zones
from timeline.dates import (
    Instant,
    format_offset,
    iso,
    occurred_interval,
    parse_instant,
    parse_period_start,
)
from timeline.dispatch.model import (
    ActorDraft,
    AffiliationDraft,
    Claim,
    ConflictDraft,
    DevelopmentDraft,
    Dispatch,
    Figure,
    FigurePart,
    Occurred,
    Place,
    Provenance,
    Reference,
    ReportDraft,
    Review,
    RevisionDraft,
)
from timeline.dispatch.read import (
    STDIN,
    STDIN_NAME,
    _check_size_and_text,
    _normalise_text,
    _read,
    _refuse_invisible_text,
)
from timeline.dispatch.schema import (
    PLAIN_INTEGER,
    _describe,
    _inlined_schema,
    _path_order,
    _quickly_valid,
    _validator,
)
from timeline.errors import DateError, DispatchError


def _country(name: str, where: str, code: str) -> str:
    if countries.get(code) is None:
        raise DispatchError(name, where, "an ISO 3166-1 alpha-3 country code like ARM", code)
    return code


def _integers(name: str, where: str, raw: dict[str, Any], fields: tuple[str, ...]) -> None:
    """Refuse floats where the schema wants an integer: JSON Schema counts 5.0, 1e9 and
    -0.0 as integers (and -0.0 passes ``minimum: 0``), but a count is written in digits."""
    for field_name in fields:
        if isinstance(raw.get(field_name), float):
            raise DispatchError(name, f"{where}.{field_name}", PLAIN_INTEGER, raw[field_name])


#: The kinds of number a figure can be, and how they read.
BOUNDS = ("exact", "at_least", "more_than", "up_to", "about")


def _values(
    name: str, where: str, raw: dict[str, Any], bound: str | None
) -> tuple[int | None, int | None, int | None]:
    """A figure's (or part's) low, best and high. With a ``bound``, the one number given
    is placed by the bound: exact N is N-N-N, at least and more than N are low N (best N),
    up to N is high N, about N is best N alone."""
    _integers(name, where, raw, ("low", "best", "high"))
    low, best, high = raw.get("low"), raw.get("best"), raw.get("high")
    if bound is not None:
        given = [v for v in (low, best, high) if v is not None]
        if len(given) != 1:
            raise DispatchError(
                name, f"{where}.bound", "one of low, best or high with a bound", raw
            )
        n = given[0]
        return {
            "exact": (n, n, n),
            "at_least": (n, n, None),
            "more_than": (n, n, None),
            "up_to": (None, None, n),
            "about": (None, n, None),
        }[bound]
    if best is not None and low is None and high is None:
        low = high = best  # a bare best is an exact count
    elif best is None and low is not None and high is None:
        best = low  # "at least N": the lower bound is also the best estimate
    for label, lower, upper in (("low", low, best), ("best", best, high), ("low", low, high)):
        if lower is not None and upper is not None and lower > upper:
            raise DispatchError(name, f"{where}.{label}", "low <= best <= high", raw)
    return low, best, high


def _least(low: int | None, best: int | None, high: int | None) -> int:
    """The fewest a figure says: its low, else its best; up to N says at least none."""
    return low if low is not None else best if best is not None else 0


def _most(low: int | None, best: int | None, high: int | None) -> int:
    """The number a whole states at most: its high, else its best, else its low."""
    return next(v for v in (high, best, low) if v is not None)


def _figure(name: str, where: str, raw: dict[str, Any]) -> Figure:
    bound = raw.get("bound")
    low, best, high = _values(name, where, raw, bound)
    party = raw["party"]
    iso = len(party) == 3 and party.isupper()
    if iso:
        _country(name, f"{where}.party", party)
    country = raw.get("country")
    if country is not None:
        if iso and country != party:
            raise DispatchError(
                name,
                f"{where}.country",
                f"no country, or {party} (the party is a country)",
                country,
            )
        _country(name, f"{where}.country", country)
    owner = party if iso else country
    parts: list[FigurePart] = []
    seen: set[tuple[str, str | None]] = set()
    for j, entry in enumerate(raw.get("includes", [])):
        at = f"{where}.includes[{j}]"
        group = entry.get("group")
        if (entry.get("party") is None) == (group is None):
            raise DispatchError(name, at, "either party (a country) or group with its country")
        if group is not None and entry.get("country") is None:
            raise DispatchError(
                name, f"{at}.country", "the country the group belongs to (ISO code)"
            )
        if entry.get("party") is not None and entry.get("country") is not None:
            raise DispatchError(name, f"{at}.country", "no country beside a party", entry)
        part_country = _country(
            name, f"{at}.{'country' if group else 'party'}", entry.get("country") or entry["party"]
        )
        if owner is not None and part_country != owner:
            raise DispatchError(
                name,
                f"{at}.{'country' if group else 'party'}",
                f"{owner} (a part belongs to the figure's country)",
                part_country,
            )
        category = entry.get("category", raw["category"])
        if category != raw["category"]:
            raise DispatchError(
                name, f"{at}.category", f"{raw['category']} (the figure's category)", category
            )
        if (part_country, group) in seen:
            raise DispatchError(name, at, "each part once (this party or group is repeated)")
        seen.add((part_country, group))
        parts.append(FigurePart(part_country, group, category, *_values(name, at, entry, None)))
    if parts:
        whole = _most(low, best, high)
        counted = sum(_least(p.low, p.best, p.high) for p in parts)
        if counted > whole:
            raise DispatchError(
                name,
                f"{where}.includes",
                f"parts that never exceed the whole ({whole}); they count at least {counted}",
            )
    return Figure(
        party,
        raw["category"],
        low,
        best,
        high,
        raw["claimant"],
        bound=bound,
        provisional=bool(raw.get("provisional", False)),
        includes=tuple(parts),
        country=country,
    )


def _occurred(name: str, where: str, occ: dict[str, Any], anchor: str) -> Occurred:
    tz = occ.get("tz")
    if tz is not None:
        return _zoned_occurred(name, where, occ, anchor, tz)
    for bound in ("start", "end"):
        if bound in occ:
            try:
                parse_period_start(occ[bound])
            except DateError as exc:
                raise DispatchError(
                    name, f"{where}.{bound}", f"a real date ({exc})", occ[bound]
                ) from None
    try:
        start, end = occurred_interval(occ["start"], occ.get("end"), occ["precision"])
    except DateError as exc:
        raise DispatchError(name, f"{where}.end", f"a real date ({exc})", occ.get("end")) from None
    if end <= start:
        raise DispatchError(name, f"{where}.end", "an end after the start", occ.get("end"))
    return Occurred(iso(start), iso(end), occ["precision"], occ.get("phrase"), anchor)


def _zoned_occurred(name: str, where: str, occ: dict[str, Any], anchor: str, tz: str) -> Occurred:
    """Occurred values given as wall-clock times in the IANA zone ``tz``."""
    try:
        zones.zone(tz)
    except DateError as exc:
        raise DispatchError(
            name, f"{where}.tz", str(exc).replace("is not", "expected"), tz
        ) from None
    for bound in ("start", "end"):
        if bound in occ:
            try:
                zones.localise(occ[bound], tz)
            except DateError as exc:
                raise DispatchError(
                    name, f"{where}.{bound}", f"a real date in {tz} ({exc})", occ[bound]
                ) from None
    start, end = zones.local_interval(occ["start"], occ.get("end"), occ["precision"], tz)
    if end <= start:
        raise DispatchError(name, f"{where}.end", "an end after the start", occ.get("end"))
    return Occurred(iso(start), iso(end), occ["precision"], occ.get("phrase"), anchor, tz)


def _when(name: str, where: str, value: str | None) -> str | None:
    """An affiliation bound: a day, month or year, kept as its ISO start."""
    if value is None:
        return None
    try:
        return iso(occurred_interval(value, None, "day")[0])[:10]
    except DateError as exc:
        raise DispatchError(name, where, f"a date ({exc})", value) from None


@cache
def _actor_validator() -> jsonschema.Draft202012Validator:
    inlined = _inlined_schema()
    return jsonschema.Draft202012Validator(inlined["properties"]["actors"])


def parse_actor_entries(entries: list[dict[str, Any]], source: str) -> tuple[ActorDraft, ...]:
    """An ``actors:`` section given on its own (``timeline actor ...``): checked against the
    same schema and rules as in a dispatch file."""
    _check_size_and_text(source, entries)
    errors = sorted(
        _actor_validator().iter_errors(entries),
        key=lambda e: (_path_order(e.absolute_path), str(e.validator)),
    )
    if errors:
        where, expected, found = _describe(errors[0])
        raise DispatchError(
            source, f"actors{where}" if where.startswith("[") else where, expected, found
        )
    return parse_actors(source, entries)


def parse_actors(name: str, raw: list[dict[str, Any]]) -> tuple[ActorDraft, ...]:
    """The ``actors:`` section (already checked against the schema): defined actors need a
    kind with their name, and ids appear once per file."""
    drafts = []
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        where = f"actors[{i}]"
        if entry["id"] in seen:
            raise DispatchError(name, f"{where}.id", "an actor id not used earlier in this file")
        seen.add(entry["id"])
        if ("name" in entry) != ("kind" in entry):
            missing = "kind" if "name" in entry else "name"
            raise DispatchError(
                name,
                f"{where}.{missing}",
                "both name and kind (to define an actor) or neither (to extend one)",
            )
        if "name" not in entry and not entry.get("aliases") and not entry.get("affiliations"):
            raise DispatchError(name, where, "a name and kind, or aliases or affiliations to add")
        affiliations = []
        for j, a in enumerate(entry.get("affiliations", [])):
            at = f"{where}.affiliations[{j}]"
            start = _when(name, f"{at}.from", a.get("from"))
            end = _when(name, f"{at}.to", a.get("to"))
            if start is not None and end is not None and end <= start:
                raise DispatchError(name, f"{at}.to", "an end after the start", a.get("to"))
            if a["actor"] == entry["id"]:
                raise DispatchError(name, f"{at}.actor", "another actor's id", a["actor"])
            affiliations.append(
                AffiliationDraft(a.get("relation", "speaks_for"), a["actor"], start, end)
            )
        country = entry.get("country")
        drafts.append(
            ActorDraft(
                id=entry["id"],
                name=entry["name"].strip() if "name" in entry else None,
                kind=entry.get("kind"),
                country=_country(name, f"{where}.country", country) if country else None,
                aliases=tuple(a.strip() for a in entry.get("aliases", [])),
                affiliations=tuple(affiliations),
            )
        )
    return tuple(drafts)


def _provenance(name: str, where: str, raw: list[dict[str, Any]]) -> tuple[Provenance, ...]:
    for j, entry in enumerate(raw):
        _integers(name, f"{where}[{j}]", entry, ("start", "end"))
        if entry["end"] < entry["start"]:
            raise DispatchError(
                name, f"{where}[{j}].end", "an end offset not before the start", entry["end"]
            )
    return tuple(Provenance(**entry) for entry in raw)


def _places(name: str, where: str, raw: list[dict[str, Any]]) -> tuple[Place, ...]:
    return tuple(
        Place(
            p["name"],
            _country(name, f"{where}[{j}].country", p["country"]),
            p.get("lat"),
            p.get("lon"),
        )
        for j, p in enumerate(raw)
    )


def _report(name: str, where: str, raw: dict[str, Any]) -> ReportDraft:
    published = raw.get("published")
    offset = None
    tz = raw.get("tz")
    if published is not None:
        try:
            if tz is not None:
                local, _ = zones.localise(published, tz)
                instant = Instant(local.astimezone(UTC), format_offset(local.utcoffset()))
            else:
                instant = parse_instant(published)
        except DateError as exc:
            field = "tz" if tz is not None and "time zone" in str(exc) else "published"
            raise DispatchError(
                name, f"{where}.{field}", f"an ISO 8601 date-time ({exc})", raw.get(field)
            ) from None
        published, offset = instant.iso, instant.offset
        if instant.utc > datetime.now(UTC) + timedelta(days=1):
            raise DispatchError(
                name,
                f"{where}.published",
                "a publication time that is not in the future",
                raw["published"],
            )
    language = raw.get("language")
    if language is not None and pycountry.languages.get(alpha_2=language) is None:
        raise DispatchError(
            name, f"{where}.language", "an ISO 639-1 language code like en", language
        )
    return ReportDraft(
        outlet=(raw.get("outlet") or "").strip(),
        url=raw.get("url"),
        headline=(raw.get("headline") or "").strip(),
        published=published or "",
        published_offset=offset,
        language=language,
        published_tz=tz,
    )


def _reference(name: str, where: str, raw: Any, keys: list[str]) -> Reference:
    if isinstance(raw, dict):
        return Reference(report=_report(name, f"{where}.report", raw["report"]), key=raw["key"])
    text = str(raw).strip()
    try:
        return Reference(id=str(UUID(text)))
    except ValueError:
        pass
    if text in keys:
        return Reference(local=text)
    raise DispatchError(
        name,
        where,
        "a development id (UUID), the key of a development in this file, "
        "or {report: ..., key: ...}",
        raw,
    )


def _revision(
    name: str, where: str, raw: dict[str, Any], keys: list[str], anchor: str
) -> RevisionDraft:
    changes: dict[str, Any] = {}
    for field_name, value in raw.get("changes", {}).items():
        at = f"{where}.changes.{field_name}"
        if field_name == "occurred":
            changes["occurred"] = asdict(_occurred(name, at, value, anchor))
        elif field_name == "countries":
            changes["countries"] = [_country(name, f"{at}[{j}]", c) for j, c in enumerate(value)]
        elif field_name == "places":
            changes["places"] = [asdict(p) for p in _places(name, at, value)]
        else:
            changes[field_name] = value.strip() if isinstance(value, str) else value
    into = raw.get("into")
    target = _reference(name, f"{where}.target", raw["target"], keys)
    into_ref = _reference(name, f"{where}.into", into, keys) if into is not None else None
    if into_ref is not None and into_ref == target:
        raise DispatchError(name, f"{where}.into", "a development other than the target", into)
    return RevisionDraft(
        action=raw["action"],
        target=target,
        into=into_ref,
        figure=_figure(name, f"{where}.figure", raw["figure"]) if "figure" in raw else None,
        changes=tuple(sorted(changes.items())),
        party=raw.get("party"),
        note=raw.get("note"),
        quote=raw.get("quote"),
    )


def parse_document(document: Any, source: str) -> Dispatch:
    """Validate a loaded document and normalise it into a :class:`Dispatch`."""
    name = source
    not_nfc, maybe_invisible = _check_size_and_text(name, document)
    if not isinstance(document, dict):
        raise DispatchError(
            name, "", "a mapping with format, report and developments", type(document).__name__
        )
    if not_nfc:
        document = _normalise_text(name, document)
    if not _quickly_valid(document):
        try:
            validator = _validator()
            errors = sorted(
                itertools.islice(validator.iter_errors(document), 1000),
                key=lambda e: (_path_order(e.absolute_path), str(e.validator)),
            )
        except RecursionError:
            raise DispatchError(name, "", "a document nested less deeply") from None
        if errors:
            where, expected, found = _describe(errors[0])
            raise DispatchError(name, where, expected, found)
    if maybe_invisible:
        _refuse_invisible_text(name, document)

    report = _report(name, "report", document["report"])

    conflicts = []
    seen_conflicts: set[str] = set()
    for i, raw in enumerate(document.get("conflicts", [])):
        where = f"conflicts[{i}]"
        if raw["id"] in seen_conflicts:
            raise DispatchError(
                name, f"{where}.id", "a conflict id not already defined in this file", raw["id"]
            )
        seen_conflicts.add(raw["id"])
        parties = tuple(
            _country(name, f"{where}.parties[{j}]", p) for j, p in enumerate(raw["parties"])
        )
        started = None
        if "started" in raw:
            try:
                started = iso(occurred_interval(raw["started"], None, "day")[0])[:10]
            except DateError as exc:
                raise DispatchError(
                    name, f"{where}.started", f"a date ({exc})", raw["started"]
                ) from None
        conflicts.append(
            ConflictDraft(raw["id"], raw["name"], parties, tuple(raw.get("aliases", [])), started)
        )

    actors = parse_actors(name, document.get("actors", []))

    raw_developments = document.get("developments", [])
    if not raw_developments and not document.get("revisions") and not actors:
        raise DispatchError(
            name, "developments", "at least one development, one revision or one actor"
        )
    keys = [raw["key"] for raw in raw_developments]
    developments = []
    for i, raw in enumerate(raw_developments):
        where = f"developments[{i}]"
        if keys.index(raw["key"]) != i:
            raise DispatchError(
                name, f"{where}.key", "a key not used earlier in this file", raw["key"]
            )
        occurred = _occurred(name, f"{where}.occurred", raw["occurred"], report.published)
        countries = tuple(
            _country(name, f"{where}.countries[{j}]", c) for j, c in enumerate(raw["countries"])
        )
        places = _places(name, f"{where}.places", raw.get("places", []))
        figures = tuple(
            _figure(name, f"{where}.figures[{j}]", f) for j, f in enumerate(raw.get("figures", []))
        )
        for j, other in enumerate(raw.get("contradicts", [])):
            if other not in keys or other == raw["key"]:
                raise DispatchError(
                    name,
                    f"{where}.contradicts[{j}]",
                    "the key of another development in this file",
                    other,
                )
        if raw.get("counts") and raw["kind"] != "casualty_report":
            raise DispatchError(
                name, f"{where}.counts", "no counts (only a casualty_report counts developments)"
            )
        counts = tuple(
            _reference(name, f"{where}.counts[{j}]", ref, keys)
            for j, ref in enumerate(raw.get("counts", []))
        )
        if Reference(local=raw["key"]) in counts:
            raise DispatchError(name, f"{where}.counts", "other developments than this one")
        claim = raw["claim"]
        developments.append(
            DevelopmentDraft(
                key=raw["key"],
                kind=raw["kind"],
                summary=raw["summary"].strip(),
                quote=raw.get("quote"),
                occurred=occurred,
                countries=countries,
                actors=tuple(raw.get("actors", [])),
                places=places,
                conflicts=tuple(raw.get("conflicts", [])),
                claim=Claim(
                    tuple(claim["asserted_by"]),
                    claim["verification"],
                    tuple(claim.get("disputed_by", [])),
                ),
                figures=figures,
                contradicts=tuple(raw.get("contradicts", [])),
                provenance=_provenance(name, f"{where}.provenance", raw.get("provenance", [])),
                review=Review(**raw["review"]) if "review" in raw else None,
                counts=counts,
            )
        )
    revisions = tuple(
        _revision(name, f"revisions[{i}]", raw, keys, report.published)
        for i, raw in enumerate(document.get("revisions", []))
    )
    return Dispatch(
        source=name,
        report=report,
        conflicts=tuple(conflicts),
        developments=tuple(developments),
        revisions=revisions,
        actors=actors,
    )


def load_dispatch(path: str | Path) -> Dispatch:
    """Read, validate and normalise one dispatch file; ``-`` reads one dispatch (YAML or
    JSON) from standard input."""
    file = Path(path)
    return parse_document(_read(file), STDIN_NAME if str(path) == STDIN else str(path))
