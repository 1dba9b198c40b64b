"""Extraction, stage 1: read an article (layout and reflow, then mentions and places,
attribution and time phrases, sentence by sentence) into typed units, and settle what the
whole article says: its headline, outlet, main country, conflict and parties.

Later stages (:mod:`~timeline.extract.claimants`, :mod:`~timeline.extract.dating`,
:mod:`~timeline.extract.proposals`) read an :class:`Article` and never the raw text alone.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.actors.registry import builtin, common_names
from timeline.errors import ExtractionError
from timeline.extract import lexicon, temporal, voices
from timeline.extract import report as report_module
from timeline.extract.attribution import (
    LOWER,
    MADE_BY,
    NAME_THEN_TITLE,
    POSSESSIVE_TITLE_NAME,
    TITLE_THEN_NAME,
    UPPER,
    Attribution,
    Attributor,
)
from timeline.extract.gazetteer import Place, PlaceMention, gazetteer
from timeline.extract.layout import Sentence, analyse
from timeline.extract.mentions import Matcher, Mention, matcher
from timeline.extract.report import Options, parse_published
from timeline.extract.source import Source

#: Right before a country that says where something happened: "in", "on eastern", "into".
_LOCATIVE = re.compile(
    r"\b(?:in|on|into|inside|across|at|near|over)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?\s+|central\s+)?$",
    re.I,
)

_WORDS = re.compile(r"[^\W\d_]{3,}")

#: Territories that stand for a country in the mentions but are places of their own.
_TERRITORY = re.compile(r"(?:the\s+)?(?P<name>Gaza Strip|West Bank|Golan Heights)")
#: A locative word before a territory, with the territory's usual modifiers.
_LOCATIVE_TERRITORY = re.compile(
    r"\b(?:in|on|into|inside|across|throughout|from)\s+(?:the\s+)?(?:(?:Israeli-)?occupied\s+)?"
    r"(?:(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?\s+|central\s+)?$",
    re.I,
)
#: After a country or its adjective: it names the attacker.
_ATTACKER = re.compile(
    r"(?:['’]s)?(?:[-\u2010\u2011](?:made|led|backed|launched|fired))?\s+"
    r"(?:(?:air|drone|missile|rocket|artillery|military|armed|security|special|naval|border|"
    r"ground|army|government|regime|paramilitary|kamikaze|heavy|deadly|latest|new|coalition|"
    # "Indian Army's indiscriminate fire", "unprovoked firing", "cross-border shelling".
    r"indiscriminate|unprovoked|intense|continued|repeated|sporadic|cross-border|retaliatory|"
    r"relentless|brutal|massive|fresh)"
    r"\s+){0,2}?"
    r"(?:air ?strikes?|airstrikes?|strikes?|attacks?|assaults?|raids?|offensives?|forces|"
    r"troops|army|military|soldiers|drones?|shelling|fire|firing|jets?|warplanes?|bombardments?|"
    r"missiles?|rockets?|artillery|militants|fighters|gunmen|bombing|coalition|aggression|"
    # "the Israeli onslaught, which ... has killed", "the Russian invasion".
    r"onslaught|invasion|incursions?|occupation|(?:military\s+)?campaign|"
    # "as a result of Indian violations", "Azerbaijani provocations".
    r"(?:ceasefire\s+)?violations?|provocations?)\b",
    re.I,
)

#: A country or its forces as the subject of an attack: "Indian troops resorted to unprovoked
#: ceasefire violations", "Azerbaijan shelled", "the Russian army has launched".
_ATTACKS_AFTER = re.compile(
    r"\s+(?:(?:has|have|had)\s+)?(?:also\s+|again\s+|reportedly\s+)?(?:resorted\s+to|"
    r"opened\s+fire|fired|shelled|attacked|targeted|violated|launched|carried\s+out|committed|"
    r"bombed|struck|pounded|bombarded|shot\s+down)\b",
    re.I,
)

#: The agent of an attack, before the attacker's name: "shelling by the Indian Border
#: Security Force", "killed in firing by Pakistani troops", "violations by India".
_ATTACKED_BY = re.compile(
    r"\b(?:shelling|firing|fire|attacks?|strikes?|air ?strikes?|bombardments?|bombing|raids?|"
    r"violations?|aggression|offensive|killed|wounded|injured|targeted|shelled|attacked|hit|"
    # "the cross-border firing from the Indian side": where the fire came from.
    r"struck|bombed)(?:\s+\w+)?\s+by\s+(?:the\s+)?$",
    re.I,
)

#: Fire from somewhere, before the side it came from: "firing from the [Indian side]".
_FIRED_FROM = re.compile(
    r"\b(?:shelling|firing|fire|attacks?|strikes?|rockets?|missiles?|drones?|mortars?)"
    r"(?:\s+\w+)?\s+from\s+(?:the\s+)?$",
    re.I,
)
_SIDE_AFTER = re.compile(r"(?:['’]s)?\s+(?:side|territory|positions?)\b", re.I)

#: A country's diplomat or mission, after its name or adjective ("the Indian Deputy High
#: Commissioner", "Russia's ambassador", "the Iranian embassy").
_ENVOY = re.compile(
    r"(?:['’]s)?\s+(?:(?:deputy|acting|chief|top|senior)\s+)*(?:high\s+commissioner|"
    r"ambassador|envoy|diplomats?|charg[ée] d['’]affaires|embassy|consul(?:ate)?(?:\s+general)?)\b",
    re.I,
)

_FORCES = frozenset({"armed_forces", "border_guard"})


def _actor_kind(name: str) -> str | None:
    record = builtin().record(name)
    return record.kind if record is not None else None


#: "in", "at" or "from" right before a capital: the capital is where someone is.
_SEAT_BEFORE = re.compile(r"\b(?:in|at|from)\s+$")
#: Where something was said, before the place: "told reporters in", "a statement issued
#: in", "a press conference from", "told newsmen on Sunday, in".
_SAID_AT = re.compile(
    r"\b(?:told\s+(?:reporters|journalists|newsmen|correspondents|the\s+media)|"
    r"(?:news|press)\s+(?:conference|briefing)|statement\s+(?:issued|released|published)|"
    r"speaking\s+to\s+(?:reporters|journalists)|"
    # "Lysenko said at a briefing in Kyiv": where it was said (a bare "said in Tokyo" may be
    # where a statement happened, and stays a place).
    r"(?:said|says|told\s+\w+)\s+at\s+an?\s+(?:briefing|news\s+conference|press\s+conference))"
    r"(?:\s+(?:on|late|early|this|last)\s+\w+)?,?\s+(?:in|from|at)\s+(?:the\s+)?$",
    re.I,
)
#: Two capitals joined by "and" ("talks between Baku and Yerevan") are their governments.
_CAPITAL_PAIR = re.compile(r"\s*(?:,|and|or|&)\s*")

#: A person introduced with a title: "Donetsk governor Pavlo Kyrylenko", "the oblast
#: governor Oleksiy Kuleba", "Ukrainian Foreign Minister Dmytro Kuleba".
_TITLED_PERSON = re.compile(
    r"(?P<title>(?:[A-Z][\w’'-]*\s+|the\s+|[a-z]+\s+){1,4}?(?:[Gg]overnor|[Mm]ayor|[Mm]inister|"
    r"[Ss]pokes(?:man|woman|person)|[Cc]ommander|[Cc]hief|[Pp]resident|[Ss]ecretary|[Hh]ead|"
    r"[Dd]irector|[Oo]fficial|[Aa]dministration|[Cc]ommissioner)(?:\s+of\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)?)\s+"
    # A rank between the office and the name: "Enga police commander Chief Insp George Kakas".
    rf"(?:{voices.RANK_WORDS}\s+)*"
    rf"(?P<name>{UPPER}{LOWER}[\w’'-]*(?:\s+{UPPER}{LOWER}[\w’'-]*){{1,2}})"
)


@dataclass
class Unit:
    """A sentence, with any quotation paragraphs that continue it, and what stage 1 found in
    it."""

    sentences: list[Sentence]
    mentions: list[Mention]
    places: list[PlaceMention]
    timexes: list[temporal.Timex]
    attribution: Attribution
    future: re.Match[str] | None
    future_offset: int
    #: Inside a quotation whose speaker is named after it: that speaker's words, though
    #: the sentence itself names no one (it is a development only with a kind cue of its own).
    quoted: bool = False

    @property
    def first(self) -> Sentence:
        return self.sentences[0]

    def pieces(self) -> list[tuple[int, str]]:
        return [(s.start, s.text) for s in self.sentences]


def _unquoted(sentence: Sentence) -> str:
    """The sentence with quoted words blanked out (same length, so offsets still hold)."""
    chars = list(sentence.text)
    for q0, q1 in sentence.quotes:
        for i in range(q0 - sentence.start, q1 - sentence.start):
            if 0 <= i < len(chars):
                chars[i] = " "
    return "".join(chars)


#: The most sentences one article may have: news articles have a few hundred at most.
MAX_SENTENCES = 5_000
#: The longest sentence: a development's summary holds at most 4,000 characters.
MAX_SENTENCE_CHARS = 4_000


def check_limits(path: str, sentences: Sequence[Sentence]) -> None:
    """Refuse, with the limit, an article past what a draft dispatch can hold."""
    if len(sentences) > MAX_SENTENCES:
        raise ExtractionError(
            path,
            f"an article of at most {MAX_SENTENCES:,} sentences (a documented limit; split it)",
            f"{len(sentences):,} sentences",
        )
    for sentence in sentences:
        if len(sentence.text) > MAX_SENTENCE_CHARS:
            raise ExtractionError(
                path,
                f"sentences of at most {MAX_SENTENCE_CHARS:,} characters (a documented limit); "
                f"the sentence at character {sentence.start} has {len(sentence.text):,}",
            )


#: A line break with no other line break beside it (blank lines separate paragraphs).
_WRAP = re.compile(r"(?<![\n\r])(?<![\n\r][ \t])\r?\n(?![ \t]*\r?\n)")


def _reflow(text: str) -> str:
    """The text with each line break inside a paragraph made a space (same length)."""
    return _WRAP.sub(lambda m: " " * len(m.group()), text)


def _speakers_of_quotations(units: list[Unit]) -> None:
    """A quotation of several sentences names its speaker after its last one ("'... As a
    result, three people were wounded. ...,' the prosecutor said."): the sentences wholly
    inside it are that speaker's, not the outlet's."""
    for i, unit in enumerate(units):
        first = unit.first
        if unit.attribution.mode != "outlet" or not first.in_quote(first.start, first.end):
            continue
        for later in units[i + 1 :]:
            sentence = later.first
            if sentence.paragraph != first.paragraph:
                break
            if sentence.in_quote(sentence.start, sentence.end):
                continue
            if later.attribution.mode in ("reported", "accused") and sentence.quotes:
                unit.attribution = later.attribution
                unit.quoted = True
            break


#: A sentence whose speaker points back at what the sentence before said: "Givi Targamadze
#: ... reported this information to the journalists", "Artur Sargsyan ... said this to a
#: briefing" (and "This was announced by the ministry's press service", attribution's
#: ``MADE_BY``).
_SAID_THIS = re.compile(
    r"\b(?:said|reported|stated|announced|confirmed|told|wrote|noted|revealed|disclosed)\s+"
    r"(?:this|these|the\s+(?:figures?|data|information|news))"
    r"(?:\s+(?:information|data|news|figures?|numbers?|details))?"
    r"(?!\s+(?:was|were|is|are|week|month|year|morning|afternoon|evening|night|time|weekend)\b)"
)


def _made_by_undated(text: str) -> bool:
    """ "This was announced by X", with no time of its own between (a sentence that dates the
    telling, "This was announced on Monday by X", stays a development of its own)."""
    made = MADE_BY.match(text)
    return made is not None and not made.group("when")


def _speakers_said_this(units: list[Unit]) -> list[Unit]:
    """A sentence with no speaker, followed in its paragraph by one whose speaker "reported
    this": one development, the speaker's (the second sentence only says who told it)."""
    kept: list[Unit] = []
    for later in units:
        unit = kept[-1] if kept else None
        sentence = later.first
        if (
            unit is not None
            and unit.attribution.mode == "outlet"
            and later.attribution.mode == "reported"
            and later.attribution.speaker is not None
            and (
                (
                    sentence.paragraph == unit.sentences[-1].paragraph
                    and (_SAID_THIS.search(sentence.text) or _made_by_undated(sentence.text))
                )
                # A lead that is a paragraph of its own, and the next paragraph opening with
                # whom it came from ("The relevant statement was made by ...").
                or (
                    sentence.paragraph
                    == unit.sentences[-1].paragraph + 1
                    == unit.first.paragraph + 1
                    and unit.first.index == 0
                    and _made_by_undated(sentence.text)
                )
            )
        ):
            unit.sentences.extend(later.sentences)
            unit.mentions.extend(later.mentions)
            unit.places.extend(later.places)
            unit.timexes.extend(later.timexes)
            unit.attribution = later.attribution
            continue
        kept.append(later)
    return kept


class Article:
    """An article read by stage 1: its layout, the report-level choices (outlet, headline,
    conflict, main country) and its units, each with its mentions, places, attribution and
    time phrases."""

    def __init__(self, source: Source, options: Options) -> None:
        self.source = source
        self.options = options
        self.override = options.data
        self.notes: list[str] = []
        self.published_text, self.published = parse_published(source.path, options.published)
        self.layout = analyse(source.text, title=source.title, override=self.override)
        if not self.layout.sentences:
            raise ExtractionError(
                source.path,
                "article text (found nothing but a headline and page boilerplate)",
            )
        check_limits(source.path, self.layout.sentences)
        # Hard-wrapped text (a line break every 60 characters, as wire copy and newsletters
        # arrive): a line break inside a paragraph is a space to every later step ("opened\n
        # fire", "Defense\nMinistry"). One character for one, so every offset still holds.
        flat = _reflow(source.text)
        if flat != source.text:
            self.layout = dataclasses.replace(
                self.layout,
                sentences=tuple(
                    dataclasses.replace(s, text=flat[s.start : s.end])
                    for s in self.layout.sentences
                ),
            )
        self.outlet = report_module.outlet(source, self.layout, options, self.notes)
        self.headline = report_module.headline(source, self.layout, options)
        self.kinds = lexicon.kinds(self.override)
        self.matcher: Matcher = matcher(self.override, self.outlet)
        self.gazetteer = gazetteer(self.override)
        self.voices = voices.VoiceResolver(
            builtin(), self.gazetteer.country_of, country_name=common_names().get
        )
        self.text = flat
        self.units: list[Unit] = self._analyse()
        #: The peoples of the places the article names (Nagorno-Karabakh's are Armenia's
        #: until 2023): where its casualties are from.
        self.place_peoples: frozenset[str] = frozenset(
            p.place.party(self.published.isoformat()) for u in self.units for p in u.places
        )

    def _analyse(self) -> list[Unit]:
        sentences = self.layout.sentences
        mentions = [_not_said_at(s, self.matcher.find(s.text, s.start)) for s in sentences]
        counts: Counter[str] = Counter()
        headline = self.layout.headline
        headline_mentions = (
            self.matcher.find(self.text[headline[0] : headline[1]], headline[0]) if headline else []
        )
        for found in [*mentions, headline_mentions]:
            for mention in found:
                if mention.code:
                    counts[mention.code] += 1
        self.counts = counts
        self.main_country = _main_country(counts)
        self.conflict, self.parties = report_module.choose_conflict(
            self.source.path,
            self.options,
            lexicon.conflicts(self.override),
            counts,
            self.text,
            self.published.isoformat(),
        )
        article_countries = frozenset(counts)
        if len(counts) <= 1:
            # A local outlet never names its own country ("Russian troops continue to shell
            # Kherson region"): the countries its well-known towns and provinces imply. Only
            # when the text names at most one country, since a town's name alone is weak.
            article_countries |= self.gazetteer.implied_countries(self.text)
        # Where things happen: a country named as a location ("in southern Lebanon") weighs
        # more than one named as an actor ("Israeli strikes", "the Saudi-led coalition"), the
        # headline's more than the body's, and the places the gazetteer knows weigh in (a
        # Lebanon story names "Israeli" strikes often).
        where: Counter[str] = Counter()
        for found in mentions:
            for mention in found:
                if mention.code:
                    where[mention.code] += self._where_weight(mention)
        for mention in headline_mentions:
            if mention.code:
                where[mention.code] += 2 * self._where_weight(mention)
        known_places: set[str] = set()
        for sentence, found in zip(sentences, mentions, strict=True):
            for place in self.gazetteer.find(
                sentence.text, sentence.start, article_countries, [(m.start, m.end) for m in found]
            ):
                where[place.place.country] += 8
                known_places.add(place.place.country)
        colon_dateline = self.layout.dateline is not None and self.text[
            self.layout.dateline[0] : self.layout.dateline[1]
        ].rstrip().endswith(":")
        if self.layout.dateline is not None and not colon_dateline:
            # The dateline says where the story is filed from: a strong vote (not a national
            # agency's "Doha:", which is where the agency sits, whatever the story).
            d0, d1 = self.layout.dateline
            dateline_text = self.text[d0:d1]
            for mention in self.matcher.find(dateline_text, d0):
                if mention.code:
                    where[mention.code] += 12
            for place in self.gazetteer.find(dateline_text.title(), d0, article_countries, []):
                where[place.place.country] += 12
        self.main_country = _main_country(where, least=8)  # two mentions by name
        if self.main_country is None and headline is not None and headline_mentions:
            # Votes too close to call: the country the headline opens with, its subject
            # ("Pakistan Summons Indian High Commissioner Over ... Violations").
            first = headline_mentions[0]
            opens = not self.text[headline[0] : first.start].strip()
            if opens and first.code and first.type == "country" and where[first.code] >= 8:
                self.main_country = first.code
        if self.main_country is None and not counts and len(article_countries) == 1:
            # A local outlet that never names its own country ("PARACHINAR: ... warring tribes
            # in Kurram district", a Pakistani paper), whose towns and provinces imply one.
            self.main_country = next(iter(article_countries))
        # A village the gazetteer lacks is in the main country; with none, in the one country
        # of every place the gazetteer knows in the text ("Movses and Aygepar villages" in a
        # story whose only known place is "Tavush region").
        village_country = self.main_country or (
            next(iter(known_places)) if len(known_places) == 1 else None
        )
        attributor = Attributor(self.matcher, self.gazetteer.capitals, self.override)
        self.attributor: Attributor = attributor
        units: list[Unit] = []
        for sentence, found in zip(sentences, mentions, strict=True):
            places = self.gazetteer.find(
                sentence.text,
                sentence.start,
                article_countries,
                [(m.start, m.end) for m in found],
                default_country=village_country,
                prefer=self.main_country,
            )
            places, found = self._metonymy(sentence, places, found)
            places = self._territories(places, found)
            unquoted = _unquoted(sentence)
            future = temporal.future_marker(unquoted, self.override)
            timexes = temporal.find(
                sentence.text,
                sentence.start,
                self.published,
                future=future is not None,
                override=self.override,
            )
            attribution = attributor.attribute(sentence, found, [(p.start, p.end) for p in places])
            attributor.remember(found)
            paragraph = self.layout.paragraphs[sentence.paragraph]
            if paragraph.continuation and units:
                # A quotation that continues the previous paragraph's speaker ("...," they
                # added) is what that speaker said next: its own development, their voice.
                if units[-1].first.paragraph == sentence.paragraph:
                    unit = units[-1]
                    unit.sentences.append(sentence)
                    unit.mentions.extend(found)
                    unit.places.extend(places)
                    unit.timexes.extend(timexes)
                    continue
                attribution = units[-1].attribution
            units.append(
                Unit(
                    [sentence],
                    list(found),
                    list(places),
                    list(timexes),
                    attribution,
                    future,
                    sentence.start,
                )
            )
        _speakers_of_quotations(units)
        units = _speakers_said_this(units)
        # The titled people the article introduces ("Donetsk governor Pavlo Kyrylenko").
        self.voices.main_country = self.main_country
        self.voices.learn_abbreviations(self.text)
        for pattern in (_TITLED_PERSON, TITLE_THEN_NAME, NAME_THEN_TITLE, POSSESSIVE_TITLE_NAME):
            for person in pattern.finditer(self.text):
                self.voices.learn(" ".join(person.group("name").split()), person.group("title"))
        return units

    def attacks(self, mention: Mention) -> bool:
        """Whether a mention names the side that attacks, as :meth:`is_attacker` does, or is
        the subject of an attack ("Indian troops resorted to ceasefire violations",
        "Azerbaijan shelled"): whose people a sentence's toll does not count. (Where a story
        happens is weighed by :meth:`is_attacker` alone: the subject may strike at home.)"""
        return self.is_attacker(mention) or (
            (
                mention.type == "country"
                or (mention.type == "actor" and _actor_kind(mention.value) in _FORCES)
            )
            and _ATTACKS_AFTER.match(self.text, mention.end) is not None
        )

    def is_attacker(self, mention: Mention) -> bool:
        """Whether a mention names the side that attacks ("Russia's attack", "Israeli
        strikes", "Pakistani forces", "Iranian-made drones")."""
        return (
            _ATTACKER.match(self.text, mention.end) is not None
            or _ATTACKED_BY.search(self.text, max(0, mention.start - 60), mention.start) is not None
            # "the cross-border firing from the Indian side": where the fire came from.
            or (
                _FIRED_FROM.search(self.text, max(0, mention.start - 60), mention.start) is not None
                and _SIDE_AFTER.match(self.text, mention.end) is not None
            )
        )

    def _where_weight(self, mention: Mention) -> int:
        """How much a mention says the story happens in its country: a country named after
        a locative ("in", "on eastern", "across") most, a name or body of the country
        ("Lebanon's", "the Lebanese Health Ministry") once, an adjective of an attacker or
        sponsor ("Israeli strikes", "Saudi-led", "Iran-backed") least. In quarters: a place
        the gazetteer knows counts 8, the dateline 12."""
        if self.text[mention.end : mention.end + 1] in ("-", "\u2010", "\u2011"):
            return 1
        if self.is_attacker(mention) or _ENVOY.match(self.text, mention.end):
            # An attacker's country, or a country's envoy, who is abroad ("summoned the
            # Indian Deputy High Commissioner").
            return 1
        if mention.type == "actor" and _actor_kind(mention.value) in _FORCES:
            # A country's forces act, wherever they are ("Indian forces along the LoC").
            return 1
        if mention.type == "country" and _LOCATIVE.search(
            self.text, max(0, mention.start - 40), mention.start
        ):
            return 12
        if mention.type == "demonym":
            return 2
        return 4

    def _territories(self, places: list[PlaceMention], found: list[Mention]) -> list[PlaceMention]:
        """A territory named as its country ("the Gaza Strip", "the West Bank") is also the
        place where something happened when a locative word comes before it ("in the
        southern Gaza Strip", "in the occupied West Bank")."""
        added = []
        for m in found:
            territory = _TERRITORY.fullmatch(m.text) if m.type == "country" and m.code else None
            if (
                territory is None
                or m.code is None
                or not _LOCATIVE_TERRITORY.search(self.text, max(0, m.start - 40), m.start)
                or any(p.start < m.end and m.start < p.end for p in places)
            ):
                continue
            place = Place(
                name=territory.group("name"),
                country=m.code,
                lat=None,
                lon=None,
                population=0,
                region=True,
            )
            added.append(PlaceMention(m.start, m.end, m.text, place))
        return sorted([*places, *added], key=lambda p: p.start) if added else places

    def _metonymy(
        self, sentence: Sentence, places: list[PlaceMention], found: list[Mention]
    ) -> tuple[list[PlaceMention], list[Mention]]:
        """A capital before a speech verb or after an accusing one ("a charge Kigali denies",
        "accusing Kyiv of"), or paired with another capital ("between Baku and Yerevan"), is
        its government: a country mention, not a place."""
        raw = lexicon.load("attribution", self.override)
        after = lexicon.compile_pattern(
            "attribution.yaml: metonymy_after", raw.get("metonymy_after") or "(?!)", 0
        )
        before = lexicon.compile_pattern(
            "attribution.yaml: metonymy_before", raw.get("metonymy_before") or "(?!)", 0
        )
        kept: list[PlaceMention] = []
        mentions = list(found)
        capitals = [p for p in places if p.place.capital]
        paired = {
            id(p)
            for a, b in itertools.pairwise(capitals)
            if _CAPITAL_PAIR.fullmatch(self.text[a.end : b.start])
            for p in (a, b)
        }
        for place in places:
            local_start, local_end = place.start - sentence.start, place.end - sentence.start
            if _SAID_AT.search(sentence.text, max(0, local_start - 80), local_start):
                continue  # "he told reporters in Jakarta": where it was said, not happened
            # "the Armenian Defence Ministry in Yerevan confirmed": where the speaker sits.
            seat = _SEAT_BEFORE.search(sentence.text, 0, local_start) is not None
            if place.place.capital and (
                id(place) in paired
                or (after.search(sentence.text[local_end:]) and not seat)
                or before.search(sentence.text[:local_start])
            ):
                mentions.append(
                    Mention(place.start, place.end, place.text, "country", place.place.country)
                )
                continue
            kept.append(place)
        return kept, sorted(mentions, key=lambda m: m.start)

    # Developments --------------------------------------------------------------------


def _not_said_at(sentence: Sentence, found: list[Mention]) -> list[Mention]:
    """The mentions of a sentence, less a country where something was said ("said in a
    press conference in Kuwait that 212 civilians have been killed"): no country of what
    happened, nor a party to the article's story."""
    return [
        m
        for m in found
        if not (
            m.type == "country"
            and _SAID_AT.search(
                sentence.text, max(0, m.start - sentence.start - 80), m.start - sentence.start
            )
        )
    ]


def _main_country(counts: Counter[str], least: int = 2) -> str | None:
    """The article's main country: the one with the most votes, when it has at least
    ``least`` and a ninth more than any other."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < least:
        return None
    if len(ranked) > 1 and ranked[1][1] * 10 > ranked[0][1] * 9:
        return None
    return ranked[0][0]
