"""The built-in actor registry: the world's institutions, leaders, organisations and armed
groups, read from the data files in ``timeline/actors/data/``, and how a name resolves to an
actor and an actor to its side.

* ``countries.yaml`` - names, adjectives and capitals of every ISO 3166 country (and XKX);
* ``institutions.yaml`` - templates for each country's standard bodies (government, armed
  forces, ministries, border service, security council, police, ...);
* ``leaders.yaml`` - heads of state and government with their terms of office;
* ``officials.yaml`` - ministers and spokespeople, in the same form;
* ``organisations.yaml`` - intergovernmental organisations and their organs, NGOs, monitors,
  think tanks and media outlets;
* ``armed_groups.yaml`` - non-state armed groups, militias and de-facto authorities.

Users extend the registry without touching code: extra files of the same shapes in a
directory named by ``TIMELINE_ACTORS_DATA`` are read after the built-in ones, and actors,
aliases and affiliations in the event log (``timeline actor ...`` or a dispatch's
``actors:`` section) are layered on top by :class:`projections.actors.Resolver`.

Resolution never guesses: a name resolves only through an alias (compared by
:func:`timeline.actors.names.name_key`); an alias that two actors share is dropped from both
and reported as ambiguous.
"""

from __future__ import annotations

import os
import pickle
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from timeline.actors.names import name_key

#: Actor kinds, with a label and the ACLED interaction code of a party to violence (None:
#: never a party to violence, such as a media outlet, an expert or a monitor).
KINDS: dict[str, tuple[str, int | None]] = {
    "state": ("State", 1),
    "government": ("Government", 1),
    "head_of_state": ("Head of state", 1),
    "head_of_government": ("Head of government", 1),
    "minister": ("Minister", 1),
    "ministry": ("Ministry", 1),
    "armed_forces": ("Armed forces", 1),
    "border_guard": ("Border guard", 1),
    "police": ("Police", 1),
    "security_council": ("National security council", 1),
    "intelligence": ("Intelligence service", 1),
    "official": ("Official", 1),
    "rebel_group": ("Rebel or armed group", 2),
    "militia": ("Militia", 3),
    "political_party": ("Political party", 3),
    "igo": ("Intergovernmental organisation", 8),
    "igo_organ": ("Organ of an intergovernmental organisation", 8),
    "ngo": ("NGO", None),
    "monitor": ("Monitor", None),
    "media": ("Media outlet", None),
    "expert": ("Expert or think tank", None),
    "civilians": ("Civilians", 7),
    "person": ("Person", None),
}

#: Relations between actors. Both lead from a voice to the side it speaks for.
RELATIONS = ("speaks_for", "part_of")

#: Kinds that are a side of their own when nothing above them applies.
SIDE_KINDS = frozenset(
    {"state", "government", "rebel_group", "militia", "igo", "political_party", "civilians"}
)


_ABBREVIATION = re.compile(r"^(?!.*[a-z]{3})(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z0-9.&-]{1,11}$")


@dataclass(frozen=True)
class Affiliation:
    """``relation`` to ``target`` while ``valid_from <= occurred < valid_to`` (ISO dates;
    None is open)."""

    relation: str
    target: str
    valid_from: str | None = None
    valid_to: str | None = None

    def holds(self, when: str | None) -> bool:
        if when is None:
            return self.valid_to is None
        day = when[:10]
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day < _period_end(self.valid_to)


def _period_end(value: str) -> str:
    """The exclusive end of a ``to`` date: a month or year written alone lasts to its end."""
    if len(value) == 4:
        return f"{int(value) + 1:04d}"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    return value


@dataclass(frozen=True)
class ActorRecord:
    id: str
    name: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    acled_name: str | None = None
    origin: str = "registry"  # "registry" or "log"

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, (self.kind, None))[0]


@dataclass
class Registry:
    """Actors by id, and the alias table that resolves names to them."""

    actors: dict[str, ActorRecord] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def resolve(self, name: str) -> str | None:
        """The id of the actor ``name`` names, or None (unknown or ambiguous).

        "Name (ABBR)" resolves when the name and the abbreviation do not disagree: both name
        the same actor, or only one of them names any. A bracketed word that is no
        abbreviation ("Protesters (Armenia)") is a qualifier and resolves nothing."""
        key = name_key(name)
        found = self.aliases.get(key)
        if found is None and " of " in key:
            # "The defence ministry of Nagorno-Karabakh", "Ombudsman of Nagorno-Karabakh": a
            # body named after its owner, where the registry writes the owner first.
            body, _, owner = key.rpartition(" of ")
            found = self.aliases.get(name_key(f"{owner} {body}"))
        if found is not None or not name.rstrip().endswith(")") or "(" not in name:
            return found
        head, _, tail = name.rstrip()[:-1].rpartition("(")
        if not _ABBREVIATION.match(tail.strip()):
            return None  # "Protesters (Armenia)": a qualifier, not another name
        named = {self.aliases.get(name_key(part)) for part in (head, tail)} - {None}
        return named.pop() if len(named) == 1 else None

    def get(self, actor_id: str) -> ActorRecord | None:
        return self.actors.get(actor_id)

    def record(self, name: str) -> ActorRecord | None:
        """The record of the actor ``name`` names (:meth:`resolve`), or None."""
        actor = self.resolve(name)
        return self.actors.get(actor) if actor else None

    def side(self, actor_id: str, when: str | None = None) -> str:
        """The top of ``actor_id``'s speaks-for chain at occurred time ``when``."""
        seen = {actor_id}
        current = actor_id
        while True:
            record = self.actors.get(current)
            if record is None:
                return current
            nxt = next((a.target for a in record.affiliations if a.holds(when)), None)
            if nxt is None or nxt in seen or nxt not in self.actors:
                return current
            seen.add(nxt)
            current = nxt


def _data_dirs() -> Iterator[Path]:
    yield Path(str(resources.files("timeline.actors").joinpath("data")))
    extra = os.environ.get("TIMELINE_ACTORS_DATA")
    if extra:
        yield from (Path(p) for p in extra.split(os.pathsep) if p)


def _load(directory: Path, name: str) -> Any:
    path = directory / name
    if not path.is_file():
        return None
    import yaml  # here, not at the top: the registry is read from its cache on most runs

    return yaml.safe_load(path.read_text("utf-8"))


@dataclass(frozen=True)
class CountryForms:
    iso3: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    capital: str | None
    people: tuple[str, ...] = ()  # plural nouns for the people ("Armenians")


def country_forms(directories: Iterable[Path] | None = None) -> dict[str, CountryForms]:
    """Names, adjectives and capitals per ISO alpha-3 code (pycountry's name as a fallback)."""
    import pycountry

    forms: dict[str, CountryForms] = {}
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        forms[country.alpha_3] = CountryForms(country.alpha_3, name, (name,), (), None)
    for directory in directories if directories is not None else _data_dirs():
        raw = _load(directory, "countries.yaml") or {}
        for iso3, entry in (raw.get("countries") or {}).items():
            name = entry["name"]
            names = (name, *[n for n in entry.get("names") or [] if n != name])
            adjectives = tuple(
                a for a in (entry.get("adjective"), *(entry.get("adjective_forms") or [])) if a
            )
            people = tuple(str(d) for d in entry.get("demonyms") or ())
            forms[iso3] = CountryForms(iso3, name, names, adjectives, entry.get("capital"), people)
    return forms


@cache
def common_names() -> dict[str, str]:
    """Each country's common short name as news and ACLED write it ("Russia", "Turkey"),
    from countries.yaml (pycountry's name where the file has none)."""
    return {code: forms.name for code, forms in country_forms().items()}


def _expand(template: str, forms: CountryForms) -> list[str]:
    """Every alias a template makes for one country (none if a placeholder has no value)."""
    results = [template]
    for placeholder, values in (
        ("{names}", forms.names),
        ("{adjs}", forms.adjectives),
        ("{name}", (forms.name,)),
        ("{adj}", forms.adjectives[:1]),
        ("{capital}", (forms.capital,) if forms.capital else ()),
    ):
        expanded: list[str] = []
        for text in results:
            if placeholder in text:
                expanded.extend(text.replace(placeholder, v) for v in values)
            else:
                expanded.append(text)
        results = expanded
    return [r.replace("s's", "s'") for r in results]


def _institutions(directory: Path, forms: dict[str, CountryForms]) -> Iterator[ActorRecord]:
    raw = _load(directory, "institutions.yaml")
    if not raw:
        return
    extra = raw.get("extra_aliases") or {}
    with_the = set(raw.get("definite_article") or [])
    for iso3, country in sorted(forms.items()):
        prefix = iso3.lower()
        if iso3 in with_the and not country.name.startswith("the "):
            country = CountryForms(
                iso3, f"the {country.name}", country.names, country.adjectives, country.capital
            )
        for template in raw.get("institutions") or []:
            if "{adj}" in template["name"] and not country.adjectives:
                name = template["name"].replace("{adj}", country.name)
            else:
                name = _expand(template["name"], country)[0]
            actor_id = f"{prefix}-{template['suffix']}"
            aliases = [name]
            for alias in template.get("aliases") or []:
                aliases.extend(_expand(alias, country))
            aliases.extend(extra.get(actor_id) or [])
            target = template.get("speaks_for")
            yield ActorRecord(
                id=actor_id,
                name=name,
                kind=template["kind"],
                country=iso3,
                aliases=tuple(dict.fromkeys(aliases)),
                affiliations=(Affiliation("speaks_for", f"{prefix}-{target}"),) if target else (),
            )


def _leaders(directory: Path, name: str = "leaders.yaml") -> Iterator[ActorRecord]:
    from timeline.actors.names import slugify

    raw = _load(directory, name)
    for entry in (raw or {}).get("leaders") or []:
        country = entry.get("country")
        organisation = entry.get("organisation")
        affiliations = []
        kinds = []
        for term in entry.get("terms") or []:
            office = term.get("office")
            if country:
                target = f"{country.lower()}-government"
            elif organisation:
                target = f"org:{organisation}"
            else:
                continue
            affiliations.append(
                Affiliation(
                    "speaks_for",
                    target,
                    _date(term.get("from")),
                    _date(term.get("to")),
                )
            )
            kinds.append(office)
        kind = "person"
        if kinds and kinds[-1] in ("head_of_state", "head_of_government"):
            kind = kinds[-1]
        elif kinds:
            kind = "official"
        yield ActorRecord(
            id=entry.get("id") or slugify(entry["name"]),
            name=entry["name"],
            kind=kind,
            country=country,
            aliases=tuple(dict.fromkeys([entry["name"], *(entry.get("aliases") or [])])),
            affiliations=tuple(affiliations),
        )


def _date(value: Any) -> str | None:
    return None if value is None else str(value)


def _organisations(directory: Path, name: str) -> Iterator[ActorRecord]:
    raw = _load(directory, name)
    for entry in (raw or {}).get("actors") or []:
        yield from _organisation(entry)


def _organisation(entry: dict[str, Any], parent: str | None = None) -> Iterator[ActorRecord]:
    affiliations = []
    part_of = entry.get("part_of") or parent
    if part_of:
        affiliations.append(
            Affiliation(
                "speaks_for" if parent else "part_of",
                part_of,
                _date(entry.get("from")),
                _date(entry.get("to")),
            )
        )
    yield ActorRecord(
        id=entry["id"],
        name=entry["name"],
        kind=entry["kind"],
        country=entry.get("country"),
        aliases=tuple(dict.fromkeys([entry["name"], *(entry.get("aliases") or [])])),
        affiliations=tuple(affiliations),
        acled_name=entry.get("acled_name"),
    )
    for organ in entry.get("organs") or []:
        yield from _organisation({"country": entry.get("country"), **organ}, entry["id"])


def build(records: Iterable[ActorRecord]) -> Registry:
    """A registry of these actors: later records with an id already seen replace it, and an
    alias claimed by two actors is dropped from both (and kept in ``ambiguous``)."""
    actors: dict[str, ActorRecord] = {}
    for record in records:
        actors[record.id] = record
    owners: dict[str, set[str]] = defaultdict(set)
    for record in actors.values():
        for alias in record.aliases:
            key = name_key(alias)
            if key:
                owners[key].add(record.id)
    aliases = {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}
    ambiguous = {key: tuple(sorted(ids)) for key, ids in owners.items() if len(ids) > 1}
    # An actor's own display name always names it, unless another actor has the same name.
    for record in actors.values():
        key = name_key(record.name)
        if key in ambiguous and sum(name_key(a.name) == key for a in actors.values()) == 1:
            aliases[key] = record.id
            del ambiguous[key]
    registry = Registry(actors, aliases, ambiguous)
    _link_organisations(registry)
    return registry


def _link_organisations(registry: Registry) -> None:
    """Leaders of organisations name them as ``org:<name>``: point them at the actor id."""
    for actor_id, record in list(registry.actors.items()):
        if not any(a.target.startswith("org:") for a in record.affiliations):
            continue
        fixed = []
        for a in record.affiliations:
            if a.target.startswith("org:"):
                target = registry.resolve(a.target[4:]) or a.target
                a = Affiliation(a.relation, target, a.valid_from, a.valid_to)
            fixed.append(a)
        registry.actors[actor_id] = ActorRecord(**{**record.__dict__, "affiliations": tuple(fixed)})


def records(directories: Iterable[Path] | None = None) -> list[ActorRecord]:
    """Every built-in (and ``TIMELINE_ACTORS_DATA``) actor record, in load order."""
    dirs = list(directories if directories is not None else _data_dirs())
    forms = country_forms(dirs)
    found: list[ActorRecord] = []
    for directory in dirs:
        found.extend(_institutions(directory, forms))
        found.extend(_organisations(directory, "organisations.yaml"))
        found.extend(_organisations(directory, "armed_groups.yaml"))
        found.extend(_leaders(directory))
        # Ministers and spokespeople, in the same form: "Hajiyev said" is Azerbaijan's.
        found.extend(_leaders(directory, "officials.yaml"))
    return found


@cache
def builtin() -> Registry:
    """The registry from the data files: read once per process, and kept compiled in the
    user's cache directory until a data file changes (building it takes about a second)."""
    dirs = list(_data_dirs())
    cache_file = _cache_path(dirs)
    if cache_file is not None:
        try:
            with cache_file.open("rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, Registry):
                return loaded
        except (OSError, pickle.PickleError, EOFError, AttributeError, TypeError):
            pass
    registry = build(records(dirs))
    if cache_file is not None:
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            partial = cache_file.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as handle:
                pickle.dump(registry, handle, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(cache_file)
        except OSError:
            pass
    return registry


def _cache_path(dirs: list[Path]) -> Path | None:
    """Where the compiled registry of these data files is kept: named by a hash of every
    data file's path, size and modification time, and of the code that builds it."""
    if os.environ.get("TIMELINE_NO_CACHE"):
        return None
    import hashlib

    import platformdirs

    digest = hashlib.sha256()
    code = [Path(__file__), Path(__file__).with_name("names.py")]
    for path in [*code, *sorted(p for d in dirs if d.is_dir() for p in d.glob("*.yaml"))]:
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    root = Path(platformdirs.user_cache_dir("news-timeline"))
    return root / f"actors-{digest.hexdigest()[:24]}.pickle"
