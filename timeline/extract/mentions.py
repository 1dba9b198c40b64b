"""Mentions of countries, demonyms, actors and party references in a sentence.

Countries and demonyms come from pycountry's names plus ``data/countries.yaml``; actors from
``data/actors.yaml`` (aliases and demonym templates such as "Azerbaijani Foreign Ministry").
Overlapping matches resolve to the longest, so "Armenian soldiers" is the actor "Armenian
Armed Forces" (country ARM), not the bare demonym.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cache

from timeline.extract import lexicon
from timeline.extract.spans import Spans


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    type: str  # "country", "demonym", "actor", "party"
    value: str  # ISO3 for countries and demonyms, the actor's name, or "parties"
    country: str | None = None  # the ISO3 an actor or place belongs to
    office: str | None = None  # an actor's speaking institution (actors.yaml `office`)

    @property
    def code(self) -> str | None:
        return self.value if self.type in ("country", "demonym") else self.country


@dataclass(frozen=True)
class _Template:
    pattern: re.Pattern[str]
    actor: str
    groups: tuple[int, ...]  # the pattern's unnamed groups, for {1}, {2}


class Matcher:
    """Compiled patterns for one set of data files (packaged plus the user's overrides).

    The outlet of the article being read is an actor too; it is matched by a pattern of its
    own (see :func:`matcher`), so the big tables are compiled once per set of data files, not
    once per outlet."""

    _outlet: tuple[re.Pattern[str], lexicon.ActorEntry] | None = None

    def __init__(self, override: str | None) -> None:
        table = lexicon.countries(override)
        self.countries = table
        self._by_name: dict[str, str] = {}
        self._by_demonym: dict[str, str] = {}
        for entry in table.values():
            for name in entry.names:
                self._by_name.setdefault(name, entry.code)
            for demonym in entry.demonyms:
                self._by_demonym.setdefault(demonym, entry.code)
        self._by_adjective_text = {d: code for d, code in self._by_demonym.items()}
        self._names = re.compile(rf"(?<![\w-])(?:{lexicon.trie(self._by_name)})(?![\w])")
        self._demonyms = re.compile(rf"(?<!\w)(?:{lexicon.trie(self._by_demonym)})(?!\w)")
        actors = lexicon.actors(override)
        self.spellings = actors.spellings
        self._aliases: dict[str, lexicon.ActorEntry] = {}
        for actor in actors.entries:
            for alias in actor.aliases:
                self._aliases.setdefault(alias, actor)
        self._actor_aliases = re.compile(rf"(?<![\w-])(?:{lexicon.trie(self._aliases)})(?![\w-])")
        # News outlets whose names hold a country's ("Agence France Presse", "Radio Free
        # Europe"): the country inside them is no mention of it.
        media = _media_names(set(self._by_name) | set(self._by_demonym))
        self._media = (
            re.compile(rf"(?<![\w-])(?:{lexicon.trie(dict.fromkeys(media))})(?![\w-])")
            if media
            else None
        )
        self.actor_entries = {a.name: a for a in self._aliases.values()}
        templates = []
        for template in actors.templates:
            named = set(template.pattern.groupindex.values())
            groups = tuple(g for g in range(1, template.pattern.groups + 1) if g not in named)
            templates.append(_Template(template.pattern, template.actor, groups))
        self._templates = tuple(templates)
        parties = lexicon.party_references(override)
        self._parties = (
            re.compile(rf"\b(?:{lexicon.alternation(parties)})\b", re.IGNORECASE)
            if parties
            else None
        )

    def code_of(self, text: str) -> str | None:
        return self._by_name.get(text) or self._by_demonym.get(text)

    def government(self, code: str) -> str:
        return self.countries[code].government

    def _template_actor(self, template: _Template, match: re.Match[str]) -> tuple[str, str]:
        found = match.groupdict().get("adj") or match.groupdict().get("country") or ""
        code = self.code_of(found) or ""
        entry = self.countries[code]
        if template.actor == "Government of {Country}":
            return entry.government, code
        name = template.actor.replace("{Adj}", entry.adjective).replace("{Country}", entry.names[0])
        for n, group in enumerate(template.groups, 1):
            words = (match.group(group) or "").strip()
            shown = " ".join(w[:1].upper() + w[1:].lower() for w in words.split())
            for wrong, right in self.spellings.items():
                shown = shown.replace(wrong, right)
            name = name.replace(f"{{{n}}}", shown)
        return name, code

    def find(self, text: str, offset: int = 0) -> list[Mention]:
        """Every mention in ``text`` (absolute offsets), non-overlapping, longest first."""
        candidates: list[Mention] = []
        inside_media: list[tuple[int, int]] | None = None  # scanned once, when first needed
        for match in self._names.finditer(text):
            if inside_media is None:
                inside_media = (
                    [(m.start(), m.end()) for m in self._media.finditer(text)]
                    if self._media
                    else []
                )
            if any(a <= match.start() and match.end() <= b for a, b in inside_media):
                continue  # "the Agence France Presse reported": an outlet, not France
            if _FEATURE_AFTER.match(text, match.end()):
                continue  # "the Niger Delta", "Niger State", "the Congo River": not the country
            candidates.append(
                Mention(
                    offset + match.start(),
                    offset + match.end(),
                    match.group(),
                    "country",
                    self._by_name[match.group()],
                )
            )
        for match in self._demonyms.finditer(text):
            if _LANGUAGE_AFTER.match(text, match.end()):
                continue  # "the majority French-speaking country": a language, no people
            if _INSTITUTION_AFTER.match(text, match.end()):
                continue  # "medics at the Saudi Hospital" in El Fasher: a name, no people
            if _WATER_AFTER.match(text, match.end()):
                continue  # "near the Indian Ocean coastal town of Addale": water, not India
            candidates.append(
                Mention(
                    offset + match.start(),
                    offset + match.end(),
                    match.group(),
                    "demonym",
                    self._by_demonym[match.group()],
                )
            )
        for match in self._actor_aliases.finditer(text):
            actor = self._aliases[match.group()]
            candidates.append(
                Mention(
                    offset + match.start(),
                    offset + match.end(),
                    match.group(),
                    "actor",
                    actor.name,
                    actor.country,
                    actor.office,
                )
            )
        if self._outlet is not None:
            pattern, outlet = self._outlet
            candidates.extend(
                Mention(offset + m.start(), offset + m.end(), m.group(), "actor", outlet.name)
                for m in pattern.finditer(text)
            )
        # Templates start with a demonym or a country name (maybe after "the "), so they are
        # tried only where one starts: far fewer searches than scanning the whole text.
        anchors = sorted(
            {c.start - offset for c in candidates if c.type in ("country", "demonym")}
            | {
                c.start - offset - 4
                for c in candidates
                if c.type == "demonym"
                and text[max(0, c.start - offset - 4) : c.start - offset].lower() == "the "
            }
        )
        for template in self._templates:
            for anchor in anchors:
                found = template.pattern.match(text, anchor)
                if found is None:
                    continue
                name, code = self._template_actor(template, found)
                candidates.append(
                    Mention(
                        offset + found.start(),
                        offset + found.end(),
                        found.group(),
                        "actor",
                        name,
                        code or None,
                    )
                )
        if self._parties is not None:
            for match in self._parties.finditer(text):
                candidates.append(
                    Mention(
                        offset + match.start(),
                        offset + match.end(),
                        match.group(),
                        "party",
                        "parties",
                    )
                )
        return _longest(candidates)


#: A people's word that names an institution: "the Saudi Hospital" in El Fasher, "the
#: Indonesian Hospital" in Gaza, "the Kuwaiti Specialty Hospital" (capitalised: a name).
_INSTITUTION_AFTER = re.compile(
    rf"(?:[^\S\n]+[A-Z][\w-]+)?[^\S\n]+(?:{lexicon.INSTITUTION_WORDS}|"
    r"Medical[^\S\n]+(?:Center|Centre|Complex|City))\b"
)
#: A language named by its people's adjective: "French-speaking", "Russian-language".
_LANGUAGE_AFTER = re.compile(r"[-\u2010\u2011\s](?:speaking|speakers?|language)\b", re.I)
#: A sea or ocean named by a people's word: "the Indian Ocean", "the Philippine Sea".
_WATER_AFTER = re.compile(rf"[^\S\n]+(?:{lexicon.WATER_WORDS})\b")
#: A capitalised feature word after a country's name makes it another place's name.
_FEATURE_AFTER = re.compile(rf"[^\S\n]+(?:{lexicon.FEATURE_WORDS})\b")


def _longest(candidates: list[Mention]) -> list[Mention]:
    # Longest first; at equal length, actors before countries before demonyms.
    rank = {"actor": 0, "party": 1, "country": 2, "demonym": 3}
    chosen: list[Mention] = []
    taken = Spans()
    for mention in sorted(
        candidates, key=lambda m: (-(m.end - m.start), rank.get(m.type, 9), m.start)
    ):
        if not taken.free(mention.start, mention.end):
            continue
        chosen.append(mention)
        taken.add(mention.start, mention.end)
    return sorted(chosen, key=lambda m: m.start)


def _media_names(country_words: set[str]) -> list[str]:
    """The actor registry's news outlets whose names hold a country's name or adjective."""
    from timeline.actors.registry import builtin

    found = []
    for record in builtin().actors.values():
        if record.kind != "media":
            continue
        for alias in (record.name, *record.aliases):
            words = alias.replace("-", " ").split()
            if len(words) > 1 and any(w in country_words for w in words):
                found.append(alias)
    return found


@cache
def _tables(override: str | None) -> Matcher:
    return Matcher(override)


@cache
def matcher(override: str | None, outlet: str | None) -> Matcher:
    """The matcher for these data files, with the outlet as one more actor unless an actor
    already has its name."""
    tables = _tables(override)
    if not outlet or outlet in tables._aliases:
        return tables
    found = copy.copy(tables)
    entry = lexicon.ActorEntry(outlet, (outlet,), None)
    found._outlet = (re.compile(rf"(?<![\w-]){re.escape(outlet)}(?![\w-])"), entry)
    found.actor_entries = {**tables.actor_entries, outlet: entry}
    return found
