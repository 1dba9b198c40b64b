"""Draft assembly: from an article's sentences to a validated draft dispatch document.

Each sentence (with any quotation paragraphs that continue it) that the kind lexicon
classifies, or that is attributed to a speaker, proposes one development; a casualty
sentence with several claimants ("according to each side") proposes one per claimant, a
secondary kind cue ("in violation of the ceasefire reached on Tuesday") one more, and a
background sentence with several past times one per time. Every field keeps the character
offsets of the words that support it (``provenance``), and every development is marked
``review: {status: machine-extracted}`` until a person reviews it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from timeline.actors.registry import builtin, common_names
from timeline.dispatch import parse_document
from timeline.errors import DispatchError, ExtractionError
from timeline.extract import figures as figures_module
from timeline.extract import kinds as kinds_module
from timeline.extract import lexicon, temporal, voices
from timeline.extract import report as report_module
from timeline.extract.attribution import PARTIES, Attribution, Attributor
from timeline.extract.document import (
    EXTRACTOR,
    MACHINE,
    Evidence,
    Extraction,
    Proposed,
    SentenceNote,
    assign_keys,
    deduplicated,
    kept_evidence,
    quote_of,
)
from timeline.extract.document import document as build_document
from timeline.extract.gazetteer import PlaceMention, gazetteer
from timeline.extract.layout import Sentence, analyse
from timeline.extract.mentions import Matcher, Mention, matcher
from timeline.extract.report import KnownConflict, Options, parse_published
from timeline.extract.source import Source
from timeline.text import clean

#: A sentence that narrates what someone did or said: a finite verb in the past or present
#: perfect (or a present-tense report) after a subject, not a question or a fragment.
_NARRATIVE = re.compile(
    r"^(?=[^?]*[.!]\W*$)(?=(?:\S+\s+){5,})(?![\w’'-]+\s+(?:while|as|when|because|although|though|whereas|but|and|or)\b)"
    r"[^?]*\b(?:ha(?:s|ve|d)\s+(?:not\s+|also\s+|since\s+)?"
    r"\w+(?:ed|en|t|n)|\w{3,}ed|said|says|sent|led|met|held|took|made|gave|began|went|came|"
    r"told|kept|left|fled|stood|lost|won|saw|vowed|urged|called|condemned|denied)\b",
    re.I,
)

#: Right before a country that says where something happened: "in", "on eastern", "into".
_LOCATIVE = re.compile(
    r"\b(?:in|on|into|inside|across|at|near|over)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?\s+|central\s+)?$",
    re.I,
)

#: A weekday that owns the event it names: "Tuesday's operation", "Sunday's attack".
_EVENT_DAY = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s| night['’]s)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|air ?strikes?|operation|raids?|bombings?|assault|"
    r"shelling|clashes|fighting|ambush|blasts?|explosions?|massacre|incident|violence|"
    r"offensive|killings?|shooting)\b"
)
_WORDS = re.compile(r"[^\W\d_]{3,}")
#: Photo captions: a picture's subject doing something in the present tense, or a credit.
#: After a country or its adjective: it names the attacker.
_ATTACKER = re.compile(
    r"(?:['’]s)?(?:[-\u2010\u2011](?:made|led|backed|launched|fired))?\s+"
    r"(?:(?:air|drone|missile|rocket|artillery|military|armed|security|special|naval|border|"
    r"ground|army|government|regime|paramilitary|kamikaze|heavy|deadly|latest|new)\s+){0,2}?"
    r"(?:air ?strikes?|airstrikes?|strikes?|attacks?|assaults?|raids?|offensives?|forces|"
    r"troops|army|military|soldiers|drones?|shelling|fire|jets?|warplanes?|bombardments?|"
    r"missiles?|rockets?|artillery|militants|fighters|gunmen|bombing)\b",
    re.I,
)
#: Words too common to tie a sentence to the headline.
_STOP_WORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "after",
        "over",
        "into",
        "says",
        "said",
        "were",
        "was",
        "has",
        "have",
        "had",
        "its",
        "their",
        "his",
        "her",
        "they",
        "them",
        "been",
        "are",
        "who",
        "which",
        "while",
        "amid",
        "near",
        "more",
        "than",
    ]
)
_CAPTION = re.compile(
    r"^(?:An?|The)\s+(?:\w+\s+){0,3}?(?:looks|gestures|stands|sits|walks|holds|carries|"
    r"is seen|mourns|inspects|reacts|waits|prays|rests|searches|clears|passes) |"
    r"\((?:AP|AFP|Reuters) Photo|"
    r"\bPhoto(?:graph)?:|REUTERS/|via Getty|\bFile photo\b",
)


def _repeats(words: set[str], seen: list[set[str]]) -> bool:
    """Whether a sentence mostly repeats one said before (nine tenths of its words)."""
    if len(words) < 6:
        return False
    return any(len(words & earlier) >= 0.9 * len(words) for earlier in seen)


#: A toll that counts both sides: no one party's figure.
_BOTH_SIDES = re.compile(
    r"\b(?:both sides|each side|two sides|on either side|combined|in total)\b", re.I
)

#: Two capitals joined by "and" ("talks between Baku and Yerevan") are their governments.
_CAPITAL_PAIR = re.compile(r"\s*(?:,|and|or|&)\s*")

#: A person introduced with a title: "Donetsk governor Pavlo Kyrylenko", "the oblast
#: governor Oleksiy Kuleba", "Ukrainian Foreign Minister Dmytro Kuleba".
_TITLED_PERSON = re.compile(
    r"(?P<title>(?:[A-Z][\w’'-]*\s+|the\s+|[a-z]+\s+){1,4}?(?:[Gg]overnor|[Mm]ayor|[Mm]inister|"
    r"[Ss]pokes(?:man|woman|person)|[Cc]ommander|[Cc]hief|[Pp]resident|[Ss]ecretary|[Hh]ead|"
    r"[Dd]irector|[Oo]fficial|[Aa]dministration)(?:\s+of\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)?)\s+"
    r"(?P<name>[A-Z][a-z][\w’'-]*(?:\s+[A-Z][a-z][\w’'-]*){1,2})"
)

#: Marks that end the clause before a speaker's title.
_CLAUSE_MARKS = (",", ".", ";", ":", "(", ")", '"', "“", "”", "—", "–")
_CLAUSE_MARK = re.compile("[" + re.escape("".join(_CLAUSE_MARKS)) + "]")
#: The period of a title's abbreviation ("Maj.", "Col.", "Brig. Gen.") ends no clause.
_TITLE_ABBREVIATION = re.compile(
    r"\b(?:Maj|Col|Gen|Brig|Lt|Capt|Cpt|Sgt|Cmdr|Adm|Dr|Mr|Mrs|Ms|Prof|Rev|Sen|Rep|Gov|Amb)\.$"
)
#: A title after the speaker's name, between commas: ", the deputy spokesman for X,".
_APPOSITION = re.compile(r",[^\S\n]+(?:the|a|an|its|his|her)[^\S\n]+[^,.;:\n]{3,80}?(?=,)", re.I)

#: The rest of a speaker's noun phrase after the words attribution kept, up to the verb.
_REST_OF_SPEAKER = re.compile(
    r"(?:(?!\s(?:said|says|told|tells|reported|reports|announced|stated|added|confirmed|"
    r"claimed|was|were|is|are|has|have|had)\b)"
    r"[^\S\n]*[\w’'-]+){0,5}"
)

#: Kinds whose time is the article's main event, for sentences that inherit it.
MAIN_EVENT_KINDS = ("armed_clash", "shelling")
#: Kinds that, told without a time of their own, take the article's main event's time.
UNDATED_EVENT_KINDS = ("armed_clash", "shelling", "casualty_report", "ceasefire_violation_alleged")


@dataclass
class _Unit:
    sentences: list[Sentence]
    mentions: list[Mention]
    places: list[PlaceMention]
    timexes: list[temporal.Timex]
    attribution: Attribution
    future: re.Match[str] | None
    future_offset: int

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


class _Builder:
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
        self.outlet = report_module.outlet(source, self.layout, options, self.notes)
        self.headline = report_module.headline(source, self.layout, options)
        self.kinds = lexicon.kinds(self.override)
        self.matcher: Matcher = matcher(self.override, self.outlet)
        self.gazetteer = gazetteer(self.override)
        #: The last sentence in which a speaker gave casualty figures, with its attribution.
        self._previous_speaker: tuple[int, Attribution] | None = None
        #: A figure's claimant (its side) -> the voice that gave it, for the claim.
        self.voice_of: dict[str, str] = {}
        self.voices = voices.VoiceResolver(
            builtin(), self.gazetteer.country_of, country_name=common_names().get
        )
        self.text = source.text

    # Sentence-level analysis -----------------------------------------------------------

    def analyse(self) -> list[_Unit]:
        sentences = self.layout.sentences
        mentions = [self.matcher.find(s.text, s.start) for s in sentences]
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
            self.source.path, self.options, lexicon.conflicts(self.override), counts, self.text
        )
        article_countries = frozenset(counts)
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
        for sentence, found in zip(sentences, mentions, strict=True):
            for place in self.gazetteer.find(
                sentence.text, sentence.start, article_countries, [(m.start, m.end) for m in found]
            ):
                where[place.place.country] += 8
        if self.layout.dateline is not None:
            # The dateline says where the story is filed from: a strong vote.
            d0, d1 = self.layout.dateline
            dateline_text = self.text[d0:d1]
            for mention in self.matcher.find(dateline_text, d0):
                if mention.code:
                    where[mention.code] += 12
            for place in self.gazetteer.find(dateline_text.title(), d0, article_countries, []):
                where[place.place.country] += 12
        self.main_country = _main_country(where, least=8)  # two mentions by name
        attributor = Attributor(self.matcher, self.gazetteer.capitals, self.override)
        self.attributor = attributor
        units: list[_Unit] = []
        for sentence, found in zip(sentences, mentions, strict=True):
            places = self.gazetteer.find(
                sentence.text,
                sentence.start,
                article_countries,
                [(m.start, m.end) for m in found],
                default_country=self.main_country,
                prefer=self.main_country,
            )
            places, found = self._metonymy(sentence, places, found)
            unquoted = _unquoted(sentence)
            future = temporal.future_marker(unquoted, self.override)
            timexes = temporal.find(
                sentence.text,
                sentence.start,
                self.published,
                future=future is not None,
                override=self.override,
            )
            attribution = attributor.attribute(sentence, found)
            attributor.remember(found)
            paragraph = self.layout.paragraphs[sentence.paragraph]
            if (
                paragraph.continuation
                and units
                and (units[-1].first.paragraph < sentence.paragraph)
            ):
                unit = units[-1]
                unit.sentences.append(sentence)
                unit.mentions.extend(found)
                unit.places.extend(places)
                unit.timexes.extend(timexes)
                continue
            units.append(
                _Unit(
                    [sentence],
                    list(found),
                    list(places),
                    list(timexes),
                    attribution,
                    future,
                    sentence.start,
                )
            )
        # The titled people the article introduces ("Donetsk governor Pavlo Kyrylenko").
        self.voices.main_country = self.main_country
        self.voices.learn_abbreviations(self.text)
        for person in _TITLED_PERSON.finditer(self.text):
            self.voices.learn(" ".join(person.group("name").split()), person.group("title"))
        return units

    def _attacker(self, mention: Mention) -> bool:
        """Whether a mention names the side that attacks ("Russia's attack", "Israeli
        strikes", "Pakistani forces", "Iranian-made drones")."""
        return _ATTACKER.match(self.text, mention.end) is not None

    def _where_weight(self, mention: Mention) -> int:
        """How much a mention says the story happens in its country: a country named after
        a locative ("in", "on eastern", "across") most, a name or body of the country
        ("Lebanon's", "the Lebanese Health Ministry") once, an adjective of an attacker or
        sponsor ("Israeli strikes", "Saudi-led", "Iran-backed") least. In quarters: a place
        the gazetteer knows counts 8, the dateline 12."""
        if self.text[mention.end : mention.end + 1] in ("-", "\u2010", "\u2011"):
            return 1
        if self._attacker(mention):
            return 1
        if mention.type == "country" and _LOCATIVE.search(
            self.text, max(0, mention.start - 40), mention.start
        ):
            return 12
        if mention.type == "demonym":
            return 2
        return 4

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
            if place.place.capital and (
                id(place) in paired
                or after.search(sentence.text[local_end:])
                or before.search(sentence.text[:local_start])
            ):
                mentions.append(
                    Mention(place.start, place.end, place.text, "country", place.place.country)
                )
                continue
            kept.append(place)
        return kept, sorted(mentions, key=lambda m: m.start)

    # Developments --------------------------------------------------------------------

    def build(self) -> Extraction:
        units = self.analyse()
        proposed: list[tuple[Proposed, _Unit, str]] = []  # (development, unit, occurred mode)
        skipped: list[SentenceNote] = []
        seen: list[set[str]] = []
        for unit in units:
            words = set(_WORDS.findall(" ".join(x.text for x in unit.sentences).casefold()))
            if _CAPTION.search(unit.first.text) or _repeats(words, seen):
                # A photo caption, or a paragraph that says again what an earlier one said
                # (pages repeat the lead under the picture): not a development of its own.
                skipped.append(SentenceNote(unit.first.index, "a caption or a repeat"))
                continue
            seen.append(words)
            made = self._unit(unit)
            if not made:
                attributed = unit.attribution.mode != "outlet"
                skipped.append(
                    SentenceNote(
                        unit.first.index,
                        "no kind cue" + ("" if attributed else " and no attribution"),
                    )
                )
            proposed.extend(made)
        proposed.extend(self._headline_toll(proposed))
        main_event = self._main_event(proposed)
        developments: list[Proposed] = []
        for development, unit, mode in proposed:
            if mode == "publication" and development.kind in UNDATED_EVENT_KINDS:
                # An event told without a time of its own is the article's main event, not
                # something that happened at the moment of publication.
                mode = "inherit"
            if mode == "saying":
                said = str(development.occurred["start"])[:10]
                if main_event is not None and str(main_event["start"])[:10] <= said:
                    mode = "inherit"
            if mode == "inherit" and main_event is not None:
                development.occurred = {k: v for k, v in main_event.items() if k != "phrase"}
                origin = next((p for p, _, m in proposed if p.occurred is main_event), None)
                if origin is not None:
                    for ev in origin.evidence:
                        if ev.field == "occurred":
                            development.evidence.append(
                                Evidence("occurred", ev.start, ev.end, "the main event's time")
                            )
            elif mode == "inherit":
                development.occurred = {"start": self.published.isoformat(), "precision": "day"}
            if not development.countries:
                skipped.append(SentenceNote(unit.first.index, "no country could be identified"))
                continue
            developments.append(development)
        if not developments:
            raise ExtractionError(
                self.source.path,
                f"an article that states at least one development (none of its "
                f"{len(self.layout.sentences)} sentence(s) has a kind cue or an attribution "
                "and a country; see docs/extraction.md to extend the lexicons)",
            )
        assign_keys(developments)
        report: dict[str, Any] = {"outlet": self.outlet}
        if self.options.url:
            report["url"] = self.options.url
        report["headline"] = self.headline
        report["published"] = self.published_text
        document = build_document(
            self.text, report, developments, self.options.known_conflicts, self.override
        )
        _link_toll(document)
        try:
            dispatch = parse_document(document, self.source.path)
        except DispatchError as exc:
            if "documented limit" in str(exc) or "at most" in str(exc):
                raise ExtractionError(
                    self.source.path, f"an article whose draft is within the dispatch limits: {exc}"
                ) from None
            raise ExtractionError(
                self.source.path, f"a draft that validates as a dispatch (this is a bug: {exc})"
            ) from None
        return Extraction(
            source=self.source,
            layout=self.layout,
            document=document,
            dispatch=dispatch,
            developments=developments,
            skipped=skipped,
            notes=self.notes,
        )

    def _headline_toll(
        self, proposed: list[tuple[Proposed, _Unit, str]]
    ) -> list[tuple[Proposed, _Unit, str]]:
        """A toll the headline gives and the body does not ("Armenia says 105 soldiers
        killed" over a body that still has 49) is a casualty report of its own, quoted from
        the headline, so the latest figure is not lost. Only a figure of one named party: a
        headline's sum of two sides ("clashes kill 99") is no one's figure."""
        span = self.layout.headline
        if span is None:
            return []
        text = self.text[span[0] : span[1]]
        sentence = Sentence(-1, -1, span[0], span[1], text, ())
        mentions = self.matcher.find(text, span[0])
        codes = {m.code for m in mentions if m.code}
        attribution = self.attributor.attribute(sentence, mentions)
        if len(codes) > 1 and attribution.mode == "outlet":
            return []  # two countries and nobody's claim: a sum, or a story about both
        # A number the body gives anywhere, in any bound and for any party ("up to 100"
        # over "100 killed"; a headline's rounding of one side's toll), is not new.
        given = {
            (f["category"], value)
            for p, _, _ in proposed
            for f in p.figures
            for value in (f.get("low"), f.get("best"), f.get("high"))
            if value is not None
        }
        unit = _Unit(
            [sentence],
            mentions,
            [],
            [],
            attribution,
            None,
            span[0],
        )
        made = []
        for development, part, mode in self._unit_developments(unit):
            figures = [
                f
                for f in development.figures
                if len(f["party"]) == 3
                and f["party"].isupper()
                and not any(
                    (f["category"], f.get(bound)) in given for bound in ("low", "best", "high")
                )
            ]
            if development.kind == "casualty_report" and figures:
                development.figures = figures
                made.append((development, part, mode))
        return made

    def _main_event(self, proposed: list[tuple[Proposed, _Unit, str]]) -> dict[str, Any] | None:
        """The time of the article's main event: the first clash or shelling with a time of
        its own; else the first casualty report with one; else the first recent time (within
        a week before publication, at day precision or finer) that any development states."""
        explicit = [(p, mode) for p, _, mode in proposed if mode in ("explicit", "saying")]
        # The event the headline tells of: of the dated clashes, strikes and tolls, the one
        # that shares most words with the headline (at least two), else the first clash or
        # strike, else the first toll.
        headline = set(_WORDS.findall(self.headline.casefold())) - _STOP_WORDS
        recent = (self.published - timedelta(days=7)).isoformat()
        best: tuple[int, dict[str, Any]] | None = None
        for p, _ in explicit:
            if p.kind not in (*MAIN_EVENT_KINDS, "casualty_report"):
                continue
            if str(p.occurred["start"])[:10] < recent:
                continue
            shared = len(headline & set(_WORDS.findall(p.summary.casefold())))
            if shared >= 2 and (best is None or shared > best[0]):
                best = (shared, p.occurred)
        if best is not None:
            return best[1]
        for kinds in (MAIN_EVENT_KINDS, ("casualty_report",)):
            found = next((p.occurred for p, _ in explicit if p.kind in kinds), None)
            if found is not None:
                return found
        # "Tuesday's operation", "Sunday's concert": the text names the event's own day.
        for named in _EVENT_DAY.finditer(self.text):
            times = temporal.find(
                named.group(), named.start(), self.published, override=self.override
            )
            if times and times[0].precision in ("day", "night"):
                occurred: dict[str, Any] = times[0].occurred()
                return occurred
        earliest = (self.published - timedelta(days=7)).isoformat()
        latest = self.published.isoformat()
        for p, _ in explicit:
            occurred = p.occurred
            if p.kind == "background" or occurred.get("precision") not in ("hour", "day", "night"):
                continue
            if earliest <= str(occurred["start"])[:10] <= latest:
                return occurred
        return None

    def _unit(self, unit: _Unit) -> list[tuple[Proposed, _Unit, str]]:
        made = self._unit_developments(unit)
        if unit.attribution.mode in ("reported", "accused"):
            counted = any(p.kind == "casualty_report" and p.figures for p, _, _ in made)
            self._previous_speaker = (
                (unit.sentences[-1].index, unit.attribution) if counted else None
            )
        return made

    def _unit_developments(self, unit: _Unit) -> list[tuple[Proposed, _Unit, str]]:
        speaker = unit.attribution.speaker
        speaker_country = speaker.countries[0] if speaker and speaker.countries else None
        # Where it happened, not who attacked: a country or adjective that names the
        # attacker ("Russia's attack", "Israeli strikes", "Afghan forces") is left out.
        text_codes = list(
            dict.fromkeys(m.code for m in unit.mentions if m.code and not self._attacker(m))
        )
        # Where it happened: a country named after "in", "on", "into" ("airstrikes on eastern
        # Afghanistan") counts the victims, not the attacker named before ("Pakistan's").
        located = [
            m.code
            for m in unit.mentions
            if m.code and m.type == "country" and _LOCATIVE.search(self.text, 0, m.start)
        ]
        # A country named as the location ("on eastern Afghanistan") before the first
        # place the gazetteer knows, which may be where the attack came from.
        context_country = (
            located[0]
            if len(set(located)) == 1
            else unit.places[0].place.country
            if unit.places
            else self.parties[0]
            if len(self.parties) == 1
            else text_codes[0]
            if len(text_codes) == 1
            else None
            if text_codes or _BOTH_SIDES.search(" ".join(s.text for s in unit.sentences))
            else self.main_country  # never for a toll of both sides
        )
        date_spans = [(t.start, t.end) for t in unit.timexes]
        found_figures: list[figures_module.FigureMention] = []
        for sentence in unit.sentences:
            found_figures.extend(
                figures_module.find(
                    sentence.text,
                    sentence.start,
                    unit.mentions,
                    date_spans,
                    speaker_country=speaker_country,
                    context_country=context_country,
                    override=self.override,
                )
            )
        classification = kinds_module.classify(
            self.kinds, unit.pieces(), figures=bool(found_figures)
        )
        kind = classification.kind
        timexes = [t for t in unit.timexes if not _in_quote(unit, t.start)]
        background = self.kinds.rule("background")
        if kind is None:
            old_times = [t for t in timexes if self._old(t, background.min_age_days or 0)]
            if background.min_age_days is not None and old_times:
                kind = "background"
            elif unit.attribution.mode == "outlet":
                if not _NARRATIVE.search(_unquoted(unit.first)) or not (
                    unit.mentions or unit.places
                ):
                    return []
                # The outlet's own account of what a named party did or said ("Pakistan has
                # not commented on the strikes", "Turkey has sent thousands of troops").
                kind = self.kinds.fallback_attributed
            else:
                kind = self.kinds.fallback_attributed
        made: list[tuple[Proposed, _Unit, str]] = []
        cue = classification.cues[0] if classification.cues else None
        chosen, mode = self._occurred(kind, unit, timexes, cue)
        rule = self.kinds.rule("background")
        if (
            chosen is not None
            and rule.min_age_days is not None
            and self._old(chosen, rule.min_age_days)
        ):
            kind = "background"
        if kind == "background" and rule.split_by_time:
            old = [t for t in timexes if self._old(t, rule.min_age_days or 0)]
        else:
            old = []
        clauses = self._clauses(kind, unit, timexes) if not old else []
        if len(old) >= 2:
            for timex in old:
                made.append(
                    (
                        self._proposed(
                            kind, unit, classification.cues, timex, "explicit", found_figures, None
                        ),
                        unit,
                        "explicit",
                    )
                )
        elif clauses:
            made.extend(clauses)
        else:
            for claimant, figures in self._claimant_groups(kind, unit, found_figures):
                made.append(
                    (
                        self._proposed(
                            kind, unit, classification.cues, chosen, mode, figures, claimant
                        ),
                        unit,
                        mode,
                    )
                )
        if (
            kind != "background"
            and chosen is not None
            and not self._old(chosen, rule.min_age_days or 0)
        ):
            # An older dated event mentioned beside a recent one is background history.
            for timex in timexes:
                if (
                    timex is not chosen
                    and not timex.since
                    and self._old(timex, rule.min_age_days or 0)
                ):
                    made.append(
                        (
                            self._proposed("background", unit, (), timex, "explicit", [], None),
                            unit,
                            "explicit",
                        )
                    )
        for secondary_kind, span in classification.secondary:
            if secondary_kind == kind:
                continue
            secondary_timex, secondary_mode = self._occurred(secondary_kind, unit, timexes, span)
            made.append(
                (
                    self._proposed(
                        secondary_kind, unit, (span,), secondary_timex, secondary_mode, [], None
                    ),
                    unit,
                    secondary_mode,
                )
            )
        return made

    def _clauses(
        self, kind: str, unit: _Unit, timexes: list[temporal.Timex]
    ) -> list[tuple[Proposed, _Unit, str]]:
        """ "Fighting resumed in August, and troops captured Shire last month": coordinated
        clauses with their own times are separate events, each with its own words."""
        own = [t for t in timexes if not t.since]
        if kind not in MAIN_EVENT_KINDS or len(own) < 2 or len(unit.sentences) > 1:
            return []
        sentence = unit.first
        cuts = [
            sentence.start + m.start()
            for m in _CLAUSE.finditer(sentence.text)
            if not sentence.in_quote(sentence.start + m.start())
        ]
        bounds = [sentence.start, *cuts, sentence.end]
        made: list[tuple[Proposed, _Unit, str]] = []
        for start, end in itertools.pairwise(bounds):
            times = [t for t in own if start <= t.start < end]
            if len(times) != 1:
                continue
            piece = self.text[start:end]
            classification = kinds_module.classify(self.kinds, [(start, piece)], figures=False)
            if classification.kind not in MAIN_EVENT_KINDS:
                continue
            part = _Unit(
                unit.sentences,
                [m for m in unit.mentions if start <= m.start < end],
                [p for p in unit.places if start <= p.start < end],
                times,
                unit.attribution,
                None,
                unit.future_offset,
            )
            proposed = self._proposed(
                classification.kind, part, classification.cues, times[0], "explicit", [], None
            )
            made.append((proposed, part, "explicit"))
        return made if len(made) >= 2 else []

    def _old(self, timex: temporal.Timex, days: int) -> bool:
        return temporal.last_day(timex.begin, timex.until, timex.precision) < (
            self.published - timedelta(days=days)
        )

    def _occurred(
        self,
        kind: str,
        unit: _Unit,
        timexes: list[temporal.Timex],
        cue: tuple[int, int] | None,
    ) -> tuple[temporal.Timex | None, str]:
        """The time phrase for a development (nearest to its cue), or how to default it."""
        own = [t for t in timexes if not t.since] or timexes
        rule = self.kinds.rule(kind)
        verb = unit.attribution.verb
        if (
            rule.speech_act
            and verb is not None
            and unit.attribution.mode in ("reported", "accused")
        ):
            # Only a time next to the reporting verb dates the saying ("said on Tuesday").
            own = [t for t in own if 0 <= t.start - verb[1] <= 3 or 0 <= verb[0] - t.end <= 3]
        elif verb is not None and unit.attribution.mode in ("reported", "accused"):
            # For an event, a time next to the reporting verb dates the saying ("police said
            # Saturday that 32 people died ... the previous evening"): another time wins.
            event_times = [
                t for t in own if not (0 <= t.start - verb[1] <= 4 or 0 <= verb[0] - t.end <= 4)
            ]
            if event_times:
                own = event_times
            elif own and kind in UNDATED_EVENT_KINDS:
                # Only the saying is dated ("killed 46 people, an official said Wednesday"):
                # the event is the article's main event when that came before the saying.
                return own[0], "saying"
        if own:
            if cue is None:
                return own[0], "explicit"
            return min(
                own, key=lambda t: (min(abs(t.start - cue[1]), abs(cue[0] - t.end)), t.start)
            ), "explicit"
        if rule.inherits_event_time:
            for sentence in unit.sentences:
                if any(p.search(sentence.text) for p in self.kinds.event_verbs):
                    return None, "inherit"
        if unit.future is not None:
            return None, "future"
        return None, "publication"

    def _claimant_groups(
        self, kind: str, unit: _Unit, found: list[figures_module.FigureMention]
    ) -> list[tuple[str | None, list[figures_module.FigureMention]]]:
        if not found:
            return [(None, [])]
        groups: dict[str, list[figures_module.FigureMention]] = {}
        for figure in found:
            groups.setdefault(self._claimant(unit, figure), []).append(figure)
        if kind != "casualty_report" or len(groups) == 1:
            return [(None, found)]
        return list(groups.items())

    def _claimant(self, unit: _Unit, figure: figures_module.FigureMention) -> str:
        attribution = unit.attribution
        if attribution.mode == "each_side" and len(figure.party) == 3 and figure.party.isupper():
            return self.matcher.government(figure.party)
        if attribution.mode in ("reported", "accused"):
            # With several speakers in one sentence, a figure belongs to the nearest one
            # before it ("X said 59 ..., while Y said 35 ..."), else to the first.
            speakers = [
                pair
                for sentence in unit.sentences
                if sentence.start <= figure.start < sentence.end
                for pair in self.attributor.speakers(sentence, unit.mentions)
            ]
            before = [speaker for position, speaker in speakers if position < figure.start]
            if len(speakers) > 1 and before:
                names = [n for n in before[-1].names if n != PARTIES] or self._speaker_names(
                    attribution
                )
                return self._side_of(names[0], before[-1].span)
        names = self._speaker_names(attribution)
        if not names:
            previous = self._previous_speaker
            if (
                attribution.mode == "outlet"
                and previous is not None
                and previous[0] == unit.first.index - 1
                and previous[1].speaker is not None
            ):
                # "The ministry said 11 people were killed. Five others were wounded, two
                # critically.": the next sentence goes on with the same speaker's count.
                earlier = self._speaker_names(previous[1])
                if earlier:
                    return self._side_of(earlier[0], previous[1].speaker.span)
            return self.outlet
        span = attribution.speaker.span if attribution.speaker is not None else None
        return self._side_of(names[0], span)

    def _side_of(self, name: str, span: tuple[int, int] | None) -> str:
        """A figure's claimant: the side the speaker speaks for, by the actor registry (see
        :mod:`timeline.extract.voices`), or the speaker's name when it resolves to none."""
        phrase = name
        if span is not None:
            # The speaker's words with their title before them and the rest of their noun
            # phrase after ("Gaza's [Hamas-run health ministry] said").
            paragraph_start = self.text.rfind("\n\n", 0, span[0]) + 2
            # The title before the speaker, within its own clause ("..., the oblast governor
            # Oleksiy Kuleba"), never words of an earlier clause or quotation.
            window_start = max(paragraph_start, span[0] - 60)
            marks = [
                m.end()
                for m in _CLAUSE_MARK.finditer(self.text, window_start, span[0])
                if not _TITLE_ABBREVIATION.search(self.text, window_start, m.end())
            ]
            clause_start = max([window_start, *marks])
            rest = _REST_OF_SPEAKER.match(self.text, span[1])
            end = rest.end() if rest else span[1]
            apposition = _APPOSITION.match(self.text, end)
            if apposition is not None:
                # "Hamdullah Fitrat, the deputy spokesman for the Afghan government, said".
                end = apposition.end()
            phrase = self.text[clause_start:end]
        name = " ".join(name.split())
        side = self.voices.claimant(name, phrase, self.published.isoformat())
        self.voice_of.setdefault(side, name)
        return side

    def _speaker_names(self, attribution: Attribution) -> list[str]:
        if attribution.speaker is None:
            if attribution.mode == "each_side":
                return [self.matcher.government(p) for p in self.parties]
            return []
        names: list[str] = []
        for name in attribution.speaker.names:
            if name == PARTIES:
                names.extend(self.matcher.government(p) for p in self.parties)
            else:
                names.append(name)
        return list(dict.fromkeys(names))

    def _proposed(
        self,
        kind: str,
        unit: _Unit,
        cues: tuple[tuple[int, int], ...],
        timex: temporal.Timex | None,
        mode: str,
        found_figures: list[figures_module.FigureMention],
        claimant: str | None,
    ) -> Proposed:
        rule = self.kinds.rule(kind)
        evidence: list[Evidence] = [Evidence("quote", s.start, s.end) for s in unit.sentences]
        # The first two cues: enough to check the kind, and a short draft validates faster.
        evidence.extend(Evidence("kind", s, e, kind) for s, e in cues[:2])
        if kind == "background" and timex is not None and rule.min_age_days is not None:
            days = rule.min_age_days
            evidence.append(Evidence("kind", timex.start, timex.end, f"older than {days} days"))
        elif not cues and unit.attribution.verb is not None:
            evidence.append(Evidence("kind", *unit.attribution.verb, "attributed, no kind cue"))
        occurred = self._occurred_value(unit, timex, mode, evidence)
        attribution = unit.attribution

        # Countries: what the text names, then the speaker's, then the conflict's parties.
        text_countries: list[str] = []
        for mention in unit.mentions:
            if mention.type == "party":
                text_countries.extend(self.parties)
                evidence.append(
                    Evidence("countries", mention.start, mention.end, ", ".join(self.parties))
                )
            elif mention.code:
                text_countries.append(mention.code)
                evidence.append(Evidence("countries", mention.start, mention.end, mention.code))
        for place in unit.places:
            text_countries.append(place.place.country)
            evidence.append(Evidence("countries", place.start, place.end, place.place.country))
        speaker = attribution.speaker
        if speaker is not None:
            text_countries.extend(speaker.countries)
            if PARTIES in speaker.names:
                text_countries.extend(self.parties)
        if attribution.mode == "each_side":
            text_countries.extend(self.parties)
        iso_parties = [f.party for f in found_figures if len(f.party) == 3 and f.party.isupper()]
        if kind == "casualty_report" and claimant is not None and iso_parties:
            countries = list(dict.fromkeys(iso_parties))
        elif kind == "casualty_report" and iso_parties and not rule.conflict_parties:
            countries = list(dict.fromkeys(iso_parties + text_countries))
        else:
            countries = list(dict.fromkeys(text_countries))
        text_only = list(countries)
        if (rule.conflict_parties or not countries) and self.conflict is not None:
            countries = list(dict.fromkeys(countries + list(self.parties)))
        if not countries and self.main_country is not None:
            # A sentence that names no country belongs to the article's main country.
            countries = [self.main_country]

        # Claim.
        names = self._speaker_names(attribution)
        evidence.extend(_claim_evidence(attribution, names))
        if claimant is not None:
            # The claim keeps the voice ("Kyrgyz Health Ministry"); its figures name the side.
            asserted = [self.voice_of.get(claimant, claimant)]
            verification = "claimed"
        elif attribution.mode == "mutual":
            asserted = names or [self.outlet]
            verification = "disputed"
        elif attribution.mode == "outlet" or not names:
            asserted = [self.outlet]
            verification = "confirmed"
        else:
            asserted = names
            verification = "confirmed" if rule.self_evident else "claimed"
        if attribution.unverified is not None and kind != "verification_note":
            verification = "unverified"
            evidence.append(Evidence("claim", *attribution.unverified, "unverified"))
        claim: dict[str, Any] = {"asserted_by": asserted, "verification": verification}
        if attribution.mode == "mutual":
            claim["disputed_by"] = list(asserted)
        denier = attribution.denied_by
        if denier is not None and claimant is None and attribution.mode != "mutual":
            claim["verification"] = "disputed"
            claim["disputed_by"] = list(dict.fromkeys(denier.names))  # each name once
            text_countries.extend(denier.countries)
            evidence.append(
                Evidence("claim", *denier.span, "disputed by " + ", ".join(denier.names))
            )

        # Actors: named actors, then the speakers and claimant.
        actors: list[str] = []
        for mention in unit.mentions:
            if mention.type == "actor" and not (
                claimant is not None and mention.country and mention.country not in countries
            ):
                actors.append(mention.value)
                evidence.append(Evidence("actors", mention.start, mention.end, mention.value))
        actors.extend(a for a in asserted if a != self.outlet or kind == "verification_note")
        actors = list(dict.fromkeys(actors))

        places: list[dict[str, Any]] = []
        seen_places: set[str] = set()
        for place in unit.places:
            if place.place.name in seen_places:
                continue
            seen_places.add(place.place.name)
            entry: dict[str, Any] = {"name": place.place.name, "country": place.place.country}
            if place.place.lat is not None and place.place.lon is not None:
                entry["lat"] = place.place.lat
                entry["lon"] = place.place.lon
            places.append(entry)
            evidence.append(
                Evidence(
                    "places", place.start, place.end, f"{place.place.name} ({place.place.country})"
                )
            )
            if place.place.country not in countries:
                countries.append(place.place.country)

        figures: list[dict[str, Any]] = []
        for figure in found_figures:
            who = claimant or self._claimant(unit, figure)
            figures.append(
                {
                    "party": figure.party,
                    "category": figure.category,
                    **figure.bounds(),
                    "claimant": who,
                }
            )
            evidence.append(
                Evidence(
                    "figures",
                    figure.start,
                    figure.end,
                    f"{figure.party} {figure.category} {_bounds_label(figure)}",
                )
            )

        conflicts: list[str] = []
        if self.conflict is not None:
            conflicts.append(self.conflict)
        unit_text = " ".join(s.text for s in unit.sentences)
        for entry_ in lexicon.conflicts(self.override):
            if entry_.id in conflicts:
                continue
            if all(p in text_only for p in entry_.parties) and len(entry_.parties) > 1:
                conflicts.append(entry_.id)

        evidence = deduplicated([e for e in evidence if kept_evidence(e, countries, actors)])
        summary = clean(unit_text)
        if claimant is not None:
            summary = f"{summary} (figures as given by {claimant})"
        return Proposed(
            kind=kind,
            sentences=list(unit.sentences),
            occurred=occurred,
            countries=countries,
            actors=actors,
            places=places,
            conflicts=conflicts,
            claim=claim,
            figures=figures,
            evidence=evidence,
            summary=summary[:4000],
            quote=quote_of(self.text, unit.sentences)[:4000],
        )

    def _occurred_value(
        self, unit: _Unit, timex: temporal.Timex | None, mode: str, evidence: list[Evidence]
    ) -> dict[str, Any]:
        published = self.published.isoformat()
        if timex is not None:
            evidence.append(
                Evidence("occurred", timex.start, timex.end, _occurred_label(timex.occurred()))
            )
            return timex.occurred()
        if mode == "inherit":
            for sentence in unit.sentences:
                for pattern in self.kinds.event_verbs:
                    match = pattern.search(sentence.text)
                    if match:
                        evidence.append(
                            Evidence(
                                "occurred",
                                sentence.start + match.start(),
                                sentence.start + match.end(),
                                "a past event verb",
                            )
                        )
                        break
                else:
                    continue
                break
            return {"start": published, "precision": "day"}
        if mode == "future" and unit.future is not None:
            phrase = " ".join(unit.future.group().split())
            start = unit.future_offset + unit.future.start()
            evidence.append(
                Evidence(
                    "occurred", start, start + len(unit.future.group()), "future tense: approximate"
                )
            )
            return {"start": published, "precision": "approximate", "phrase": phrase[:200]}
        return {"start": published, "precision": "day"}


_MODES = {
    "reported": "reported speech",
    "accused": "an accusation",
    "each_side": "each side's own figures",
    "mutual": "each side blames the other",
    "outlet": "the outlet's own voice",
}


#: The kinds whose dead a casualty report counts: the violence itself.
VIOLENT_KINDS = frozenset({"armed_clash", "shelling", "ceasefire_violation_alleged"})


def _link_toll(document: dict[str, Any]) -> None:
    """Propose ``counts`` when the report states exactly one violent development and one
    casualty report: the toll is the toll of that fighting. With more of either, which toll
    counts which fighting is the editor's call, so nothing is proposed."""
    drafted = document.get("developments", [])
    violent = [d for d in drafted if d["kind"] in VIOLENT_KINDS]
    tolls = [d for d in drafted if d["kind"] == "casualty_report"]
    if len(violent) == 1 and len(tolls) == 1:
        tolls[0]["counts"] = [violent[0]["key"]]


def _claim_evidence(attribution: Attribution, names: list[str]) -> list[Evidence]:
    """The speaker's and the verb's words; one entry when they stand together ("Armenia
    said", "said the Azerbaijani Foreign Ministry")."""
    speaker, verb = attribution.speaker, attribution.verb
    mode = _MODES[attribution.mode]
    if speaker is not None and verb is not None:
        (s0, s1), (v0, v1) = speaker.span, verb
        if 0 <= v0 - s1 <= 3 or 0 <= s0 - v1 <= 5:
            return [Evidence("claim", min(s0, v0), max(s1, v1), f"{', '.join(names)}: {mode}")]
    found = []
    if speaker is not None:
        found.append(Evidence("claim", *speaker.span, ", ".join(names)))
    if verb is not None:
        found.append(Evidence("claim", *verb, mode))
    return found


#: Where a sentence splits into coordinated clauses.
_CLAUSE = re.compile(r",\s+and\s+(?=[A-Z\w])|;\s+")


def _main_country(counts: Counter[str], least: int = 2) -> str | None:
    """The article's main country: the one with the most votes, when it has at least
    ``least`` and a ninth more than any other."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < least:
        return None
    if len(ranked) > 1 and ranked[1][1] * 10 > ranked[0][1] * 9:
        return None
    return ranked[0][0]


def _in_quote(unit: _Unit, position: int) -> bool:
    return any(s.in_quote(position) for s in unit.sentences if s.start <= position < s.end)


def _occurred_label(occurred: dict[str, Any]) -> str:
    end = occurred.get("end")
    span = occurred["start"] + (f"/{end}" if end else "")
    return f"{span} ({occurred['precision']})"


def _bounds_label(figure: figures_module.FigureMention) -> str:
    if figure.low is not None and figure.high is not None:
        return f"{figure.low}–{figure.high}"
    if figure.low is not None:
        return f"≥{figure.low}"
    if figure.high is not None:
        return f"≤{figure.high}"
    return str(figure.best)


def extract(source: Source, options: Options) -> Extraction:
    """Propose a draft dispatch for one article."""
    return _Builder(source, options).build()


__all__ = [
    "EXTRACTOR",
    "MACHINE",
    "Evidence",
    "Extraction",
    "KnownConflict",
    "Options",
    "Proposed",
    "SentenceNote",
    "extract",
    "parse_published",
]
