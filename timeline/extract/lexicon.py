"""The extractor's data files: lexicons and alias tables, loaded once and compiled.

The packaged files live in ``timeline/extract/data/``. A user extends them without touching
code by putting files of the same names in a directory named by ``--data DIR`` or the
``TIMELINE_EXTRACT_DATA`` environment variable. Their content is merged over the packaged
content: mappings merge key by key, lists are extended (an entry of ``actors``, ``places`` or
``conflicts`` whose ``name``/``id`` is already listed replaces that entry).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

import pycountry
import yaml

from timeline import countries as country_codes
from timeline.errors import ExtractionError

ENV_DATA = "TIMELINE_EXTRACT_DATA"

#: The days and the months by name, as an alternation: never a place's or a speaker's name
#: ("in Abuja Thursday morning", "said on Tuesday that ...").
DAYS_AND_MONTHS = (
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December"
)
#: Seas and oceans named with a people's or a country's name ("the Indian Ocean coastal town
#: of Addale", "the South China Sea"): water, neither the people nor their country.
WATER_WORDS = r"Ocean|Sea"
#: Capitalised words that, after a country's name, make it another place's name ("the Niger
#: Delta", "Niger State", "the Congo River", "the South China Sea").
FEATURE_WORDS = r"Delta|River|Basin|State|Valley|" + WATER_WORDS
#: Words that make a people's word part of an institution's name ("the Indonesian Hospital"
#: in Gaza, "the Saudi Hospital" in El Fasher): a name, neither the people nor their state.
INSTITUTION_WORDS = r"Hospital|Clinic|University|College|School"
#: People who are not the state, though named with the country they are in ("human rights
#: groups in Haiti", "residents in Gaza"): who they are, not whom the country's state is.
PEOPLE_NOT_STATE = (
    r"(?:(?:human\s+)?rights\s+groups?|aid\s+groups?|groups|organi[sz]ations|activists|"
    r"residents|witnesses|doctors|medics|journalists|monitors|NGOs|charities|volunteers|"
    r"families|relatives|survivors|villagers)"
)
#: "-based" after a place's name: where a body sits ("the UK-based organization"), never whose
#: people it counts or who speaks.
BASED_AFTER = re.compile(r"[-\u2010\u2011]based\b", re.I)
DATA_FILES = (
    "kinds",
    "temporal",
    "numbers",
    "countries",
    "actors",
    "conflicts",
    "gazetteer",
    "attribution",
    "figures",
    "boilerplate",
)
_IDENTITY_KEYS = ("id", "name")


def _packaged(name: str) -> tuple[str, str]:
    resource = resources.files("timeline.extract").joinpath("data").joinpath(f"{name}.yaml")
    return str(resource), resource.read_text("utf-8")


def _load_yaml(where: str, text: str) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ExtractionError(where, f"valid YAML ({getattr(exc, 'problem', exc)})") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ExtractionError(where, "a mapping at the top level", type(loaded).__name__)
    return loaded


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):

        def identity(entry: Any) -> Any:
            if isinstance(entry, dict):
                for key in _IDENTITY_KEYS:
                    if key in entry:
                        return (key, entry[key])
            return None

        replaced = {identity(e): e for e in extra if identity(e) is not None}
        kept = [replaced.pop(identity(e), e) if identity(e) in replaced else e for e in base]
        return kept + [e for e in extra if identity(e) is None or identity(e) in replaced]
    return extra


@cache
def load(name: str, override: str | None = None) -> dict[str, Any]:
    """One data file, packaged content merged with the user's file of the same name."""
    where, text = _packaged(name)
    content = _load_yaml(where, text)
    if override:
        user_file = Path(override) / f"{name}.yaml"
        if user_file.is_file():
            try:
                user_text = user_file.read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ExtractionError(
                    str(user_file), f"a readable UTF-8 YAML file ({exc})"
                ) from None
            content = _merge(content, _load_yaml(str(user_file), user_text))
    return content


def override_dir(explicit: str | Path | None = None) -> str | None:
    """The user's data directory: ``--data`` first, then ``TIMELINE_EXTRACT_DATA``."""
    chosen = explicit or os.environ.get(ENV_DATA)
    if not chosen:
        return None
    path = Path(chosen).expanduser()
    if not path.is_dir():
        raise ExtractionError(str(path), "a directory of extractor data files (*.yaml)")
    return str(path.resolve())


def compile_pattern(where: str, pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ExtractionError(where, f"a valid regular expression ({exc})", pattern) from None


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, so the longest match wins."""
    unique = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in unique)


def trie(words: Iterable[str]) -> str:
    """The same alternation as :func:`alternation`, written as a prefix tree, for long lists
    matched case-sensitively (country names, demonyms, actor aliases, place names).

    Python's ``re`` tries a flat alternation's words one by one at every position of the text;
    in a tree only the branch that the next character selects is tried, which made the actor
    aliases (about 5,900 words) a hundred times faster to scan. At every node the longer
    continuation is tried before ending there, and in a case-sensitive pattern one text selects
    at most one path, so the match (and every lookaround's backtracking) is the same as the
    flat alternation's longest-first. Under ``re.IGNORECASE`` two branches that differ only in
    case could both match, so case-insensitive patterns keep :func:`alternation`."""

    def written(suffixes: list[str]) -> str:
        # ``suffixes`` are sorted and unique; "" (a word ending here) sorts first.
        ends = suffixes[0] == ""
        branches = []
        for _, grouped in groupby(suffixes[1:] if ends else suffixes, key=itemgetter(0)):
            group = list(grouped)
            # The group is sorted, so its first and last words share what all of them share.
            first, last = group[0], group[-1]
            pairs = enumerate(zip(first, last, strict=False))
            shared = first[: next((i for i, (a, b) in pairs if a != b), len(first))]
            tail = written([word[len(shared) :] for word in group]) if len(group) > 1 else ""
            branches.append(re.escape(shared) + tail)
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")

    unique = sorted({w for w in words if w})
    return written(unique) if unique else ""


def iso3(where: str, code: str) -> str:
    if not isinstance(code, str) or country_codes.get(code) is None:
        raise ExtractionError(where, "an ISO 3166-1 alpha-3 country code like ARM", code)
    return code


# Kinds --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    weight: float


@dataclass(frozen=True)
class KindRule:
    kind: str
    cues: tuple[Cue, ...]
    secondary: tuple[re.Pattern[str], ...] = ()
    #: Cues that add this kind beside a casualty report: the attack the toll comes from.
    with_casualties: tuple[re.Pattern[str], ...] = ()
    self_evident: bool = False
    conflict_parties: bool = True
    inherits_event_time: bool = False
    split_by_time: bool = False
    min_age_days: int | None = None
    speech_act: bool = False
    any_cue: re.Pattern[str] | None = None  # all cues in one pattern: a quick first test


@dataclass(frozen=True)
class KindLexicon:
    rules: tuple[KindRule, ...]
    min_score: float
    fallback_attributed: str
    figure_bonus: float
    consequence: tuple[re.Pattern[str], ...]
    event_verbs: tuple[re.Pattern[str], ...]

    def rule(self, kind: str) -> KindRule:
        for rule in self.rules:
            if rule.kind == kind:
                return rule
        raise KeyError(kind)


def _any_of(cues: tuple[Cue, ...]) -> re.Pattern[str] | None:
    """One pattern matching wherever any cue matches (case-insensitive, as the cues are)."""
    if not cues:
        return None
    return re.compile("|".join(f"(?:{c.pattern.pattern})" for c in cues), re.IGNORECASE)


@cache
def kinds(override: str | None = None) -> KindLexicon:
    from timeline.vocabulary import KINDS

    where = "kinds.yaml"
    raw = load("kinds", override)
    rules = []
    for kind, spec in (raw.get("kinds") or {}).items():
        if kind not in KINDS:
            raise ExtractionError(where, "kinds from timeline/vocabulary.py", kind)
        spec = spec or {}
        cues = tuple(
            Cue(compile_pattern(f"{where}: {kind}", c["pattern"]), float(c.get("weight", 1)))
            for c in spec.get("cues", [])
        )
        rules.append(
            KindRule(
                kind=kind,
                cues=cues,
                with_casualties=tuple(
                    compile_pattern(f"{where}: {kind}.with_casualties", p)
                    for p in spec.get("with_casualties", [])
                ),
                secondary=tuple(
                    compile_pattern(f"{where}: {kind}.secondary", p)
                    for p in spec.get("secondary", [])
                ),
                self_evident=bool(spec.get("self_evident", False)),
                conflict_parties=bool(spec.get("conflict_parties", True)),
                inherits_event_time=spec.get("event_time") == "inherit",
                split_by_time=bool(spec.get("split_by_time", False)),
                min_age_days=spec.get("min_age_days"),
                speech_act=bool(spec.get("speech_act", False)),
                any_cue=_any_of(cues),
            )
        )
    missing = sorted(set(KINDS) - {r.kind for r in rules})
    if missing:
        raise ExtractionError(where, "an entry for every kind", ", ".join(missing))
    fallback = raw.get("fallback_attributed", "statement")
    if fallback not in KINDS:
        raise ExtractionError(where, "fallback_attributed: a kind", fallback)
    return KindLexicon(
        rules=tuple(rules),
        min_score=float(raw.get("min_score", 2)),
        fallback_attributed=fallback,
        figure_bonus=float(raw.get("figure_bonus", 0)),
        consequence=tuple(
            compile_pattern(f"{where}: consequence_markers", p)
            for p in raw.get("consequence_markers", [])
        ),
        event_verbs=tuple(
            compile_pattern(f"{where}: event_verbs", p) for p in raw.get("event_verbs", [])
        ),
    )


# Countries and actors ------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryEntry:
    code: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    government: str

    @property
    def adjective(self) -> str:
        return self.demonyms[0] if self.demonyms else self.names[0]


def _short_name(code: str) -> str:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:  # XKX, which ISO 3166 lacks
        known = country_codes.get(code)
        assert known is not None
        return known.name
    return str(getattr(country, "common_name", None) or country.name)


def _forms_of(forms: Any) -> tuple[str, ...]:
    """A registry country's adjectives, then its plural nouns for the people."""
    if forms is None:
        return ()
    return tuple(dict.fromkeys((*forms.adjectives, *forms.people)))


@cache
def countries(override: str | None = None) -> dict[str, CountryEntry]:
    """Every ISO country with its names and demonyms: pycountry's names plus the table."""
    where = "countries.yaml"
    table = load("countries", override).get("countries") or {}
    entries: dict[str, CountryEntry] = {}
    # Adjectives and plural nouns for every country's people come from the actor registry's
    # country table (one source for both); an extract table entry comes first, and a form
    # that two countries share ("Congolese", "Korean") is used only where a table lists it.
    from timeline.actors.registry import country_forms

    forms = country_forms()
    shared = Counter(a for f in forms.values() for a in dict.fromkeys((*f.adjectives, *f.people)))
    listed_for = {
        str(d): str(code) for code, spec in table.items() for d in spec.get("demonyms", [])
    }
    for country in country_codes.all_countries():
        iso = pycountry.countries.get(alpha_3=country.alpha_3)
        names = [
            str(n)
            for n in (
                getattr(iso, "common_name", None),
                country.name,
                getattr(iso, "official_name", None),
            )
            if n and "," not in str(n)
        ]
        spec = table.get(country.alpha_3) or {}
        listed = [str(n) for n in spec.get("names", [])]
        all_names = tuple(dict.fromkeys([*listed, *names]))
        first = listed[0] if listed else _short_name(country.alpha_3)
        entries[country.alpha_3] = CountryEntry(
            code=country.alpha_3,
            names=all_names,
            demonyms=tuple(
                dict.fromkeys(
                    [
                        *(str(d) for d in spec.get("demonyms", [])),
                        *(
                            form
                            for form in _forms_of(forms.get(country.alpha_3))
                            if shared[form] == 1
                            and listed_for.get(form, country.alpha_3) == country.alpha_3
                        ),
                    ]
                )
            ),
            government=spec.get("government") or f"Government of {first}",
        )
    for code in table:
        iso3(where, code)
    return entries


def party_references(override: str | None = None) -> tuple[str, ...]:
    return tuple(load("countries", override).get("party_references") or ())


@dataclass(frozen=True)
class ActorEntry:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    office: str | None = None


@dataclass(frozen=True)
class ActorTemplate:
    pattern: re.Pattern[str]
    actor: str


@dataclass(frozen=True)
class ActorLexicon:
    entries: tuple[ActorEntry, ...]
    templates: tuple[ActorTemplate, ...]
    spellings: dict[str, str] = field(default_factory=dict)


#: The actor registry's kinds that the extractor also finds by name in the text: armed groups
#: ("Hezbollah", "the RSF", "al-Shabab") and heads of state and government (by full name).
REGISTRY_KINDS = ("rebel_group", "militia", "head_of_state", "head_of_government", "igo_organ")
PERSON_KINDS = ("head_of_state", "head_of_government")


def _registry_groups(known: set[str]) -> list[ActorEntry]:
    """The actor registry's armed groups, by every alias the extract table does not already
    give (one source of names, :mod:`timeline.actors`)."""
    from timeline.actors.registry import builtin

    found = []
    for record in builtin().actors.values():
        if record.kind not in REGISTRY_KINDS:
            continue
        aliases = [
            a
            for a in dict.fromkeys((record.name, *record.aliases))
            if a not in known
            and len(a) >= 3
            # A capitalised name, or one after an Arabic article ("al-Shabaab").
            and (a[:1].isupper() or re.match(r"(?:al|el|ad|as|an|ash)[- ][A-Z]", a) is not None)
            # A person by full name only: a surname alone ("Bibi", "Abbas", "Cameron") is
            # also somebody else's name, a given name or a word.
            and (record.kind not in PERSON_KINDS or " " in a)
        ]
        # "al Shabaab" opens a sentence as "Al Shabaab": both spellings of the article.
        aliases += [
            a[0].upper() + a[1:]
            for a in aliases
            if a[:1].islower() and a[0].upper() + a[1:] not in known
        ]
        if aliases:
            found.append(ActorEntry(record.name, tuple(dict.fromkeys(aliases)), record.country))
    return found


@cache
def actors(override: str | None = None) -> ActorLexicon:
    where = "actors.yaml"
    raw = load("actors", override)
    entries = []
    for i, spec in enumerate(raw.get("actors") or []):
        if not isinstance(spec, dict) or not spec.get("name"):
            raise ExtractionError(where, f"actors[{i}]: a mapping with a name", spec)
        country = spec.get("country")
        entries.append(
            ActorEntry(
                name=str(spec["name"]),
                aliases=tuple(str(a) for a in spec.get("aliases") or [spec["name"]]),
                country=iso3(f"{where}: {spec['name']}", country) if country else None,
                office=spec.get("office"),
            )
        )
    entries.extend(_registry_groups({a for e in entries for a in e.aliases}))
    templates = []
    for i, spec in enumerate(raw.get("templates") or []):
        if not isinstance(spec, dict) or "pattern" not in spec or "actor" not in spec:
            raise ExtractionError(where, f"templates[{i}]: a mapping with pattern and actor", spec)
        templates.append(
            ActorTemplate(
                pattern=_template_pattern(where, spec["pattern"], override),
                actor=str(spec["actor"]),
            )
        )
    return ActorLexicon(tuple(entries), tuple(templates), dict(raw.get("spellings") or {}))


def _template_pattern(where: str, pattern: str, override: str | None) -> re.Pattern[str]:
    table = countries(override)
    adjectives = trie(d for c in table.values() for d in c.demonyms)
    names = trie(n for c in table.values() for n in c.names)
    # The institution words match in any case; a demonym or name must be capitalised as listed.
    expanded = pattern.replace("{adj}", f"(?-i:(?P<adj>{adjectives}))").replace(
        "{country}", f"(?-i:(?P<country>{names}))"
    )
    return compile_pattern(where, r"\b" + expanded + r"\b")


# Conflicts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictEntry:
    id: str
    name: str
    parties: tuple[str, ...]
    aliases: tuple[str, ...]
    started: str | None
    cues: tuple[re.Pattern[str], ...]

    def definition(self) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.id, "name": self.name, "parties": list(self.parties)}
        if self.aliases:
            body["aliases"] = list(self.aliases)
        if self.started:
            body["started"] = self.started
        return body


@cache
def conflicts(override: str | None = None) -> tuple[ConflictEntry, ...]:
    where = "conflicts.yaml"
    found = []
    for i, spec in enumerate(load("conflicts", override).get("conflicts") or []):
        if not isinstance(spec, dict) or not spec.get("id") or not spec.get("parties"):
            raise ExtractionError(where, f"conflicts[{i}]: a mapping with id and parties", spec)
        found.append(
            ConflictEntry(
                id=str(spec["id"]),
                name=str(spec.get("name") or spec["id"]),
                parties=tuple(iso3(f"{where}: {spec['id']}", p) for p in spec["parties"]),
                aliases=tuple(str(a) for a in spec.get("aliases") or ()),
                started=str(spec["started"]) if spec.get("started") else None,
                cues=tuple(
                    compile_pattern(f"{where}: {spec['id']}", c, 0) for c in spec.get("cues") or ()
                ),
            )
        )
    return tuple(found)
