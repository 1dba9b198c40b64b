"""Attribution and verification: who asserts a sentence, and how far it is verified.

* "X said ...", "..., said X", "according to X", "X accused ...": asserted by X, ``claimed``
  (``confirmed`` if the development's kind is self-evident, such as an appeal for calm);
* "according to each side": each side asserts its own figures;
* "A and B blamed each other": asserted by both governments, ``disputed`` by both;
* "He said ...": the previous sentence's speaker;
* no attribution: the outlet in its own voice, ``confirmed``;
* "could not be independently verified", "reportedly": ``unverified``.

A country as speaker is its government ("Armenia said" is the Government of Armenia), and so
is its capital ("Moscow said").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from timeline.extract import lexicon
from timeline.extract.layout import Sentence
from timeline.extract.mentions import Matcher, Mention

Span = tuple[int, int]
PARTIES = "@parties"  # stands for the governments of the conflict's parties

#: A name's word: "Moalim", "Al-Malki", "O'Brien"; never a modifier such as "Tripoli-based"
#: or "United Nations-recognised" (a lower-case word after the hyphen).
#: Latin capitals and small letters with their accented forms ("Álvarez", "Erdoğan",
#: "Łukasz", "Çelik"); the Latin Extended-A block mixes both cases, so both lists hold it.
UPPER = r"[A-Z\u00C0-\u00D6\u00D8-\u00DE\u0100-\u017F]"
LOWER = r"[a-z\u00DF-\u00F6\u00F8-\u00FF\u0100-\u017F]"
#: One word of a name; it may open with a letter and an apostrophe ("O'Brien", "D’Zba").
_NAME_TOKEN = (
    rf"(?:{UPPER}[’'](?={UPPER}))?{UPPER}{LOWER}+(?:[’']{UPPER}?{LOWER}+|-{UPPER}{LOWER}+)*"
)
_PERSON = re.compile(rf"{_NAME_TOKEN}(?:\s+(?:al-|bin\s|van\s|de\s)?{_NAME_TOKEN}){{0,3}}")
#: A reporting verb in a relative clause: "the shooting, which police said took place in
#: Nduga", "M23 rebels, who Kinshasa says are backed by Rwanda," (the source of that detail,
#: not of the sentence; ", who said" is the antecedent speaking, and stays).
_RELATIVE_SAYING = re.compile(r",[^\S\n]+(?:which|where|who|whom)[^\S\n]+(?:[\w-]+[^\S\n]+){1,3}$")
#: People who are not the state, located in a country: "human rights groups in Haiti",
#: "activists inside Syria", "residents in Gaza", "witnesses of the military operations in
#: Georgia" (what the country is, is where they are).
_PEOPLE_IN = re.compile(
    rf"\b{lexicon.PEOPLE_NOT_STATE}(?:[^\S\n]+of(?:[^\S\n]+the)?(?:[^\S\n]+[\w-]+){{1,3}}?)?"
    r"[^\S\n]+(?:in|from|across|inside)[^\S\n]+(?:the[^\S\n]+)?$",
    re.I,
)
#: "Azerbaijan said it had lost 71 troops. Its Defence Ministry said ...": a state body owned
#: by the previous speaker's country speaks for that country's government.
_OWN_STATE_BODY = re.compile(
    r"^(?:its|their)\s+(?:[\w-]+\s+){0,3}?(?:ministry|military|army|armed forces|government|"
    r"border (?:guards?|service)|police|presidency|foreign office|general staff)$",
    re.I,
)
#: The previous speaker's own channel: "his Telegram channel says", "its statement said",
#: "her office said".
_OWN_CHANNEL = re.compile(
    r"^(?:his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:channel|page|account|statement|"
    r"office|post|website|press service|press office|spokes(?:man|woman|person))$",
    re.I,
)

#: What may come before the sentence's subject: "Meanwhile, the ...", "On Tuesday ...".
_SENTENCE_OPENING = re.compile(r"\W*(?:(?:[A-Z][a-z]+(?:\s+\w+){0,2},\s+)?(?:the\s+)?)?", re.I)

#: A full name of two or three words, with the particles of Arabic and European names
#: ("Youssef al-Hadari", "Osama bin Laden").
_FULL_NAME = (
    rf"{UPPER}{LOWER}[\w’'-]*(?:\s+(?:(?:al|el|ad|as|ash|an)-|(?:bin|ibn|abu|van|de)\s+)?"
    rf"{UPPER}{LOWER}[\w’'-]*){{1,2}}"
)
_APPOSITIVE = re.compile(
    r"^\s*(?:(?!(?:al|el|ad|as|ash|an)-)(which|who|whose|a|an|the|[a-z])"
    # A capitalised title, as agency copy writes it: "Artur Sargsyan, Deputy Commander of
    # the Defense Army, said".
    r"|(?:(?:Deputy|Acting|Chief|First|Senior|Official|Press|Head|Vice|Assistant)\s+)*"
    r"(?:Head|Chairman|Chairwoman|Chair|Spokesman|Spokeswoman|Spokesperson|Minister|Director|"
    r"Commander|Chief|President|Secretary|Ambassador|Governor|Mayor|Member|Adviser|Advisor|"
    r"Aide|Representative|Prosecutor|Ombudsman|Speaker|Envoy|Coordinator|Leader)\b)"
)
_RELATIVE = re.compile(r"^\s*(which|who|whose)\b")
#: A listener inside a speaker's words: "[in a statement sent to] The Associated Press".
_LISTENER_CUT = re.compile(
    r"\s+(?:in\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?)?(?:sent|given|emailed|e-mailed|"
    r"speaking|talking)\s+to\s+"
)
_PERSON_BEFORE = re.compile(rf"(?<![\w’'-]){_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,2}}\s*$")
_SPEAKER_AFTER = re.compile(
    r"^\s*(?:the\s+)?(?:(?:country|nation)['’]s\s+)?(?:[“\"]|"
    + UPPER
    + r"|(?:(?:deputy|acting|chief|senior)\s+)?(?:head|chief|spokes(?:man|"
    r"woman|person)|minister|governor|mayor|commander|director|chairman|president|"
    r"secretary)\s+(?:of|for)\b"
    # "..., said the military's media wing", "..., said a police official", "..., said
    # local officials": a lower-case body or person, up to three words before its noun.
    # Never the clause a verb introduces ("reported that five residents were killed").
    r"|(?!that\b)(?:(?:a|an|the)\s+)?(?:[\w’'-]+\s+){0,3}?(?:officials?|spokes(?:man|woman|person)|"
    r"ministry|army|military|police|sources?|witness(?:es)?|residents|doctors|medics|"
    r"authorities|officers?|commanders?|media wing|press (?:service|office|wing))\b)"
)
#: A pronoun for the speaker before, after "according to": "According to him, ...".
_OBJECT_PRONOUN = re.compile(r"\s*(him|her|them|the latter)\b")

#: Where a speaker named after the verb gives way to the time or setting of the saying:
#: "said the military's media wing on Wednesday", "said police in a statement".
_AFTER_SPEAKER_TAIL = re.compile(
    r"\s+(?:on|late|early|this|last|yesterday|today|in\s+(?:a|an|its|his|her|their)|via|"
    r"during|while|after|before|when)\b",
    re.I,
)
_FUNCTION_WORDS = re.compile(
    r"^(?:(?:The|A|An|This|That|These|Those|Its|His|Her|Their|But|And|In|On|At|Meanwhile|Separately|"
    r"Some|Several|Many|Most|Other)\s+)+"
)
#: An unknown speaker's own words must name someone who can speak ("a pro-democracy group",
#: "hospital officials", "witnesses"), never a thing or a connective ("The ensuing conflict",
#: "And", "In turn").
_SPEAKER_NOUN = re.compile(
    r"\b(?:officials?|spokes(?:man|woman|person|people)|ministers?|ministry|agency|group|"
    r"committee|council|army|military|police|sources?|witness(?:es)?|residents?|doctors?|"
    r"medics?|hospitals?|authorit(?:y|ies)|government|monitors?|observatory|network|union|"
    r"media|newspaper|officers?|commanders?|leaders?|chiefs?|heads?|rebels?|militants?|"
    r"fighters?|insurgents?|forces|troops|activists?|campaigners?|organi[sz]ation|office|service|"
    r"administration|governor|mayor|president|presidency|prime minister|statement|"
    r"report|survivors?|relatives?|villagers|locals|workers|aid workers|journalists?|"
    r"correspondents?|analysts?|experts?|people|mission|department|cabinet|diplomats?|"
    r"envoys?|ambassadors?|members|representatives?|delegat(?:es?|ions?)|governors|mayors|"
    r"presidents|states|countries|nations|parties|sides?|allies|partners|council|"
    r"secretary|chairman|chair|board|bloc|alliance|coalition|union|"
    # Who speaks for a village or a congregation: "a pastor said", "community elders".
    r"pastor|priest|imam|cleric|bishop|elders?|councillors?|lawmakers?|legislators?|"
    r"senators?|parliamentarians?|traditional rulers?|vigilantes?|soldiers?|servicem[ae]n|"
    r"policem[ae]n|guards?|passengers?|nurses?|surgeons?|physicians?)s?\b",
    re.I,
)
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9-]{1,9}\b")  # "EULEX", "UNHCR", "ICRC"
#: A body named by its letters alone, as a sentence's subject: "APA", "the ADF".
_LETTERS_NAME = re.compile(rf"(?:[Tt]he\s+)?({_ACRONYM.pattern})")
#: Marks a speaker's words never open with: dashes and spaces left of a dateline.
_LEADING_MARKS = frozenset(" \t\n-\u2010\u2011\u2012\u2013\u2014\u2015")
_OPENING_CONJUNCTION = re.compile(r"^(?:but|and|yet|so|however|meanwhile),?\s+(?=\S)", re.I)
_NOT_A_SPEAKER = re.compile(
    r"^(?:and|but|or|so|in turn|however|meanwhile|yet|also|then|no one|nobody|none|no group)\b",
    re.I,
)
#: The rest of an outlet's web address after its name ("Caliber.Az", "News.am").
_DOMAIN = re.compile(r"\.(?:[A-Z][a-z]|[a-z]{2,3})\b(?!\.\w)")

#: Abbreviated ranks and titles ("Brig.", "Gen.", "Dr."): their full stop ends no clause.
TITLE_ABBREVIATIONS = (
    r"(?:Brig|Gen|Col|Maj|Lt|Capt|Cpt|Sgt|Cmdr|Adm|Dr|Mr|Mrs|Ms|Prof|Rev|Sen|Rep|Gov|Amb)"
)
#: Abbreviated ranks and titles before a name ("Brig. Gen.", "Lt. Col.", "Dr.").
_RANKS = re.compile(rf"\s*(?:{TITLE_ABBREVIATIONS}\.\s*)+")
#: A comma, semicolon or full stop: where a speaker named after the verb may end.
_CLAUSE_STOP = re.compile(r"[,;]|\.(?!\w)")  # never a name's dot: "Caliber.Az", "News.am"
#: An abbreviated rank or title right before a full stop.
_ABBREVIATED = re.compile(rf"\b{TITLE_ABBREVIATIONS}$")


def _speaker_end(text: str, start: int) -> int:
    """Where a speaker named after the verb ends: the first comma, semicolon or full stop
    that is not a rank's ("said Brig. Gen. Azad Jalal, assistant police chief")."""
    for stop in _CLAUSE_STOP.finditer(text, start):
        if stop.group() != "." or not _ABBREVIATED.search(text, start, stop.start()):
            return stop.start()
    return len(text)


#: A sentence that takes up the account before it and names its source as the agent: "This
#: was announced by ...", "The relevant statement was made by ...".
MADE_BY = re.compile(
    r"\s*(?:This|That|It|These(?:\s+figures)?|The\s+(?:relevant\s+|corresponding\s+)?"
    r"(?:statement|announcement|report|information|figures))\s+(?:was|were|has\s+been|"
    r"have\s+been)\s+(?P<verb>made|announced|reported|stated|said|confirmed|told|issued|"
    r"published|posted|released)\s+(?:(?P<when>on\s+\w+)\s+|to\s+[^,.;]{1,40}\s+)?by\s+"
)
_PASSIVE = re.compile(
    r"\b(?:was|were|is|are|been|be|being)\s+(?:(?:also|widely|initially|first|later|earlier|"
    r"previously|still|now|already|not|officially)\s+)?"
    # "No fewer than 13 persons were on Monday confirmed killed": a time between.
    rf"(?:(?:(?:late|early)\s+)?(?:on\s+)?(?:{lexicon.DAYS_AND_MONTHS}|yesterday|today)"
    r"(?:\s+(?:night|morning|afternoon|evening))?,?\s+)?$"
)


def is_passive(text: str, start: int, verb: int) -> bool:
    """Whether the reporting verb at ``verb`` is a passive ("gunfire was reported", "13 persons
    were on Monday confirmed killed"): no one is its speaker."""
    return _PASSIVE.search(text, start, verb) is not None


#: A sentence adverb or a time before the subject: "Earlier it said", "Later they added",
#: "Last night residents said", "Early on Sunday, officials said".
_LEADING_ADVERB = re.compile(
    r"^(?:(?:last|late|early)\s+(?:night|week|month|year|evening|morning|afternoon)|"
    rf"(?:(?:late|early)\s+)?on\s+(?:{lexicon.DAYS_AND_MONTHS})(?:\s+\w+)?|yesterday|today|"
    r"overnight|earlier|later|previously|meanwhile|separately|also|then|however),?\s+",
    re.I,
)
_ADVERBS = re.compile(r"\s+(also|later|earlier|separately|further|again|previously)\s*$")
_AUXILIARY = re.compile(r"(?<=,)\s+(?:has|have|had)\s*$")


def _opening_actor(sentence: Sentence, mentions: list[Mention]) -> Speaker | None:
    """An actor that opens a sentence without a reporting verb ("Al Shabaab issued a
    statement claiming responsibility."): whom "It said" means next."""
    first = next((m for m in mentions if m.type == "actor"), None)
    if first is None or sentence.in_quote(first.start):
        return None
    if sentence.text[: first.start - sentence.start].strip(' "“‘').casefold() not in ("", "the"):
        return None
    return Speaker((first.value,), _codes(first), (first.start, first.end))


#: The offices a person is introduced by ("spokesman", "governor"), and the longer list an
#: office after the name may name ("the chairman of", "a member of").
_OFFICE = (
    r"spokes(?:man|woman|person)|official|minister|governor|commander|chief|head|director|mayor"
)
_MORE_OFFICES = (
    r"chairman|chairwoman|chair|president|secretary|ambassador|adviser|advisor|aide|"
    r"representative|prosecutor|ombudsman|envoy|coordinator|leader|member|commissioner"
)

#: A title, then the name between commas: "a spokesman for Kandahar’s governor, Ataullah
#: Zaid, appeared to link ...".
TITLE_THEN_NAME = re.compile(
    r"(?P<title>\b(?:(?:[Aa]|[Aa]n|[Tt]he)\s+(?:[\w’'-]+\s+){0,3}?|(?<=said )|(?<=says ))"
    rf"(?:{_OFFICE}|{_MORE_OFFICES})\s+(?:for|of|to)\s+[^,;.\n]{{2,60}}),"
    # "..., said head of the Regional Military Administration, Oleksandr Prokudin.": the
    # name ends the sentence after a title that follows the verb.
    r"\s+(?P<name>" + _FULL_NAME + r")(?:,|(?<=\w)(?=\.(?:\s|$)))"
)

#: An organisation's officer named after the office, between commas: "Shabaab's military
#: spokesman, Abdulaziz Abu Musab, told AFP".
POSSESSIVE_TITLE_NAME = re.compile(
    r"(?P<title>\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}['’]s\s+(?:[\w-]+\s+){0,2}?"
    rf"(?:{_OFFICE}|leader)),\s+(?P<name>" + _FULL_NAME + r"),"
)

#: A person named, then their office between commas (or before the verb): "Givi Targamadze,
#: the chairman of the Defense and Security Committee of the Georgian Parliament reported",
#: "Artur Sargsyan, Deputy Commander of the Artsakh Defense Army, said".
NAME_THEN_TITLE = re.compile(
    r"(?P<name>\b" + _FULL_NAME + r"),\s+"
    rf"(?P<title>(?:(?:the|a|an)\s+)?(?:[\w’'()-]+\s+){{0,3}}?(?i:{_OFFICE}|{_MORE_OFFICES})"
    r"\s+(?:for|of|to|at|in)\s+[^,;.:\n\"“”]{2,80}?)"
    r"(?=,|\s+(?:said|says|told|tells|reported|reports|stated|states|noted|added|announced)\b)"
)


def _introduced_person(sentence: Sentence) -> Speaker | None:
    found = TITLE_THEN_NAME.search(sentence.text)
    if found is None or sentence.in_quote(sentence.start + found.start()):
        return None
    name = " ".join(found.group("name").split())
    start = sentence.start + found.start("name")
    return Speaker((name,), (), (start, start + len(found.group("name"))))


#: Head nouns of bodies that "the <noun> said" refers back to.
_BODY_HEADS = frozenset(
    [
        "ministry",
        "army",
        "military",
        "committee",
        "service",
        "office",
        "council",
        "agency",
        "police",
        "mission",
        "department",
        "observatory",
        "union",
        "network",
        "organisation",
        "organization",
        "militia",
        "authorities",
        "presidency",
        "cell",
        "command",
    ]
)

#: Words that name an armed group the article has named ("the rebels", "the group").
_ARMED_GROUP_WORDS = ("rebels", "militants", "insurgents", "jihadists", "group", "militia")


@cache
def _is_armed_group(name: str) -> bool:
    from timeline.actors.registry import builtin

    record = builtin().record(name)
    return record is not None and record.kind in ("rebel_group", "militia")


@dataclass(frozen=True)
class Speaker:
    names: tuple[str, ...]  # actor names; PARTIES for "each side"/"both governments"
    countries: tuple[str, ...]  # ISO3 of the speakers
    span: Span  # the speaker's words in the text

    def at(self, span: Span) -> Speaker:
        """The same speaker, named again at ``span`` ("he", "the ministry", "his press
        service")."""
        return Speaker(self.names, self.countries, span)


@dataclass(frozen=True)
class Attribution:
    mode: str  # "outlet", "reported", "accused", "each_side", "mutual"
    speaker: Speaker | None = None
    verb: Span | None = None  # the attributing words ("said", "according to")
    disputed: bool = False
    unverified: Span | None = None
    persons: tuple[str, ...] = field(default_factory=tuple)  # unknown people named as speakers
    denied_by: Speaker | None = None  # "a charge Kigali denies"


@dataclass(frozen=True)
class _Vocabulary:
    reporting: re.Pattern[str]
    accusing: re.Pattern[str]
    according: re.Pattern[str]
    mutual: re.Pattern[str]
    unverified: re.Pattern[str]
    pronouns: frozenset[str]
    definite: re.Pattern[str] | None
    person_office: re.Pattern[str]
    institution: re.Pattern[str]
    titles: re.Pattern[str]
    denial: re.Pattern[str]


@cache
def _vocabulary(override: str | None) -> _Vocabulary:
    raw = lexicon.load("attribution", override)
    where = "attribution.yaml"
    offices = raw.get("office_phrases") or {}
    definite = raw.get("definite_speakers") or ()
    titles = raw.get("titles") or ()
    return _Vocabulary(
        reporting=lexicon.compile_pattern(f"{where}: reporting_verbs", raw["reporting_verbs"], 0),
        accusing=lexicon.compile_pattern(f"{where}: accusation_verbs", raw["accusation_verbs"], 0),
        according=lexicon.compile_pattern(f"{where}: according_to", raw["according_to"]),
        mutual=lexicon.compile_pattern(f"{where}: mutual_blame", raw["mutual_blame"]),
        unverified=lexicon.compile_pattern(f"{where}: unverified", raw["unverified"]),
        pronouns=frozenset(str(p).casefold() for p in raw.get("pronouns") or ()),
        definite=(
            re.compile(rf"\b(?:{lexicon.alternation(definite)})\b", re.I) if definite else None
        ),
        person_office=lexicon.compile_pattern(
            f"{where}: office_phrases.person", offices.get("person", r"(?!)"), 0
        ),
        institution=lexicon.compile_pattern(
            f"{where}: office_phrases.institution", offices.get("institution", r"(?!)")
        ),
        titles=re.compile(rf"^(?:(?:{lexicon.alternation(titles)})\s+)+")
        if titles
        else re.compile("(?!)"),
        denial=lexicon.compile_pattern(
            f"{where}: denial_verbs", raw.get("denial_verbs") or r"(?!)", 0
        ),
    )


class Attributor:
    """Attributes sentences in article order, remembering speakers for "He said"."""

    def __init__(
        self,
        matcher: Matcher,
        capitals: dict[str, str],
        override: str | None = None,
    ) -> None:
        self.matcher = matcher
        self.capitals = capitals
        self.v = _vocabulary(override)
        self.previous: Speaker | None = None
        self._places: Sequence[Span] = ()  # the current sentence's places
        self.people: dict[str, str] = {}  # surname -> full name, for "said Broers"
        self.last_actor: dict[str, Speaker] = {}  # for "the ministry said"

    def remember(self, mentions: list[Mention]) -> None:
        for mention in mentions:
            if mention.type == "actor":
                speaker = Speaker((mention.value,), _codes(mention), (mention.start, mention.end))
                words = (
                    f"{mention.value} {mention.text}".lower().replace("’s", " ").replace("'s", " ")
                )
                for word in words.split():
                    self.last_actor[word] = speaker
                if {"observatory", "monitor", "monitors", "monitoring"} & set(words.split()):
                    # "the watchdog said" after "the Syrian Observatory for Human Rights".
                    for word in ("watchdog", "monitor"):
                        self.last_actor[word] = speaker
                if _is_armed_group(mention.value):
                    # "the rebels said" after "a prison run by Yemen's Houthi rebels".
                    for word in _ARMED_GROUP_WORDS:
                        self.last_actor[word] = speaker
                if " " in mention.value and mention.value[:1].isupper():
                    self._know_surname(mention.value)

    def _know_surname(self, name: str) -> None:
        """A person's surname stands for them later ("said Broers"), with or without its
        Arabic article ("al-Qudra" and "Qudra")."""
        surname = name.split()[-1]
        self.people.setdefault(surname, name)
        bare = _SURNAME_ARTICLE.sub("", surname)
        if bare != surname and bare[:1].isupper():
            self.people.setdefault(bare, name)

    def _remember_head(self, speaker: Speaker) -> None:
        """A body that spoke is "the ministry" of the next sentences ("Artsakh's Defense
        Ministry reports ... the Ministry said")."""
        name = speaker.names[0] if speaker.names else ""
        if name == PARTIES:
            return
        # "the Libyan Ministry of Health" is "the Ministry" too: its body noun, wherever it is.
        for word in reversed(name.casefold().split()):
            if word in _BODY_HEADS:
                self.last_actor[word] = speaker
                break

    def attribute(
        self, sentence: Sentence, mentions: list[Mention], places: Sequence[Span] = ()
    ) -> Attribution:
        """Who asserts the sentence. ``places`` are the spans of the places found in it: a
        place after "from", "in" or "at" only says where the speaker is ("a senior police
        official from Kulgam district said"), it never is the speaker."""
        text = sentence.text
        base = sentence.start
        self._places = places
        unverified = self._outside(sentence, self.v.unverified)
        unverified_span = (
            (base + unverified.start(), base + unverified.end()) if unverified else None
        )
        mutual = self._outside(sentence, self.v.mutual)
        if mutual:
            subjects = [
                m
                for m in mentions
                if m.start < base + mutual.start()
                and not sentence.in_quote(m.start)
                and m.type in ("country", "actor", "party")
            ]
            codes = tuple(dict.fromkeys(c for m in subjects if (c := _government_code(m))))
            names = tuple(self.matcher.government(c) for c in codes) or (PARTIES,)
            span = (subjects[0].start, subjects[-1].end) if subjects else (base, base)
            speaker = Speaker(names, codes, span)
            self.previous = speaker
            verb = (base + mutual.start(), base + mutual.end())
            return Attribution("mutual", speaker, verb, True, unverified_span)
        according = self._outside(sentence, self.v.according)
        if according:
            after = text[according.end() : according.end() + 40].lower()
            verb = (base + according.start(), base + according.end())
            if re.match(r"\s*(each side|both sides|each of the two sides|the two sides)", after):
                return Attribution("each_side", None, verb, False, unverified_span)
            pronoun = _OBJECT_PRONOUN.match(text, according.end())
            if pronoun is not None and self.previous is not None:
                # "According to him, Azerbaijani troops shelled ...": the speaker before.
                according_speaker: Speaker | None = self.previous.at(
                    (base + pronoun.start(1), base + pronoun.end(1))
                )
            else:
                according_speaker = self._after(sentence, mentions, according.end())
                definite = (
                    self.v.definite.match(text, according.end() + 1)
                    if self.v.definite is not None
                    else None
                )
                if definite is not None:
                    known = self.last_actor.get(definite.group().split()[-1].lower())
                    if known is not None:
                        # "According to the ministry, ...": the ministry named before.
                        according_speaker = known.at(
                            (base + definite.start(), base + definite.end())
                        )
            if according_speaker is not None:
                self.previous = according_speaker
                self._remember_head(according_speaker)
                return Attribution(
                    "reported",
                    according_speaker,
                    verb,
                    False,
                    unverified_span,
                    self._persons(according_speaker),
                )
        made_by = MADE_BY.match(text)
        if made_by is not None:
            # "This was announced by the head of the RMA", "The relevant statement was made by
            # Donetsk Regional Military Administration Head Pavlo Kyrylenko, an Ukrinform
            # correspondent reports": the agent is who spoke, not the outlet signing off.
            agent = self._after(sentence, mentions, made_by.end())
            if agent is not None:
                self.previous = agent
                self._remember_head(agent)
                verb = (base + made_by.start("verb"), base + made_by.end())
                return Attribution(
                    "reported", agent, verb, False, unverified_span, self._persons(agent)
                )
        for verb_match, mode in self._verbs(sentence):
            found = self._speaker(sentence, mentions, verb_match)
            if found is None:
                continue
            speaker = found
            self.previous = speaker
            self._remember_head(speaker)
            verb = (base + verb_match.start(), base + verb_match.end())
            denied = self._denial(sentence, mentions, verb_match.end(), speaker)
            return Attribution(
                mode, speaker, verb, False, unverified_span, self._persons(speaker), denied
            )
        introduced = _introduced_person(sentence) or _opening_actor(sentence, mentions)
        if introduced is not None:
            # "a spokesman for Kandahar's governor, Ataullah Zaid, appeared to link ...": the
            # person "He said" means next.
            self.previous = introduced
        return Attribution("outlet", None, None, False, unverified_span)

    def _verbs(self, sentence: Sentence) -> list[tuple[re.Match[str], str]]:
        """Reporting and accusing verbs outside quotations, in text order; not passives
        ("gunfire was reported")."""
        found = []
        for pattern, mode in ((self.v.reporting, "reported"), (self.v.accusing, "accused")):
            for match in pattern.finditer(sentence.text):
                if sentence.in_quote(sentence.start + match.start()):
                    continue
                if is_passive(sentence.text, 0, match.start()):
                    continue
                if mode == "reported" and _RELATIVE_SAYING.search(
                    sentence.text, max(0, match.start() - 50), match.start()
                ):
                    continue  # "..., which police said took place in Nduga": a detail's source
                found.append((match, mode))
        return sorted(found, key=lambda pair: pair[0].start())

    def speakers(self, sentence: Sentence, mentions: list[Mention]) -> list[tuple[int, Speaker]]:
        """Every attributed speaker in a sentence with the offset of their verb ("X said 59
        ..., while Y said 35 ...": each figure belongs to the nearest speaker before it)."""
        found: list[tuple[int, Speaker]] = []
        last_end: int | None = None
        for verb_match, _ in self._verbs(sentence):
            speaker = self._speaker(sentence, mentions, verb_match)
            if speaker is None:
                continue
            if (
                last_end is not None
                and not speaker.countries
                and _NESTED.fullmatch(sentence.text[last_end : verb_match.start()])
            ):
                # "Grande said on Tuesday that initial field reports indicated that ...": what
                # the first speaker reports, not a second speaker (unless one the text names:
                # "... that ... after Baku accused Armenian troops").
                continue
            found.append((sentence.start + verb_match.start(), speaker))
            last_end = verb_match.end()
        return found

    def _denial(
        self, sentence: Sentence, mentions: list[Mention], after: int, speaker: Speaker
    ) -> Speaker | None:
        """Who denies the claim later in the sentence: "..., a charge Kigali denies"."""
        for match in self.v.denial.finditer(sentence.text, after):
            if sentence.in_quote(sentence.start + match.start()):
                continue
            before = [
                m
                for m in mentions
                if m.end - sentence.start <= match.start()
                and match.start() - (m.end - sentence.start) <= 2
                and m.type in ("country", "actor")
            ]
            if before:
                denier = self._from_mention(before[-1])
            else:
                word = re.search(rf"({_NAME_TOKEN})\s*$", sentence.text[: match.start()])
                code = self.capitals.get(word.group(1).casefold()) if word else None
                if word is None or code is None:
                    continue
                start = sentence.start + word.start(1)
                denier = Speaker(
                    (self.matcher.government(code),), (code,), (start, start + len(word.group(1)))
                )
            if denier.names != speaker.names:
                return denier
        return None

    def _persons(self, speaker: Speaker) -> tuple[str, ...]:
        return tuple(
            n for n in speaker.names if n not in self.matcher.actor_entries and n != PARTIES
        )

    def _outside(self, sentence: Sentence, pattern: re.Pattern[str]) -> re.Match[str] | None:
        for match in pattern.finditer(sentence.text):
            if not sentence.in_quote(sentence.start + match.start()):
                return match
        return None

    def _speaker(
        self, sentence: Sentence, mentions: list[Mention], verb: re.Match[str]
    ) -> Speaker | None:
        text = sentence.text
        if verb.group().startswith("quoted ") and not verb.group().startswith("quoted by "):
            # "Interfax quoted the Armenian health ministry as saying ...": who is quoted.
            inner = [
                m
                for m in mentions
                if verb.start() <= m.start - sentence.start
                and m.end - sentence.start <= verb.end()
                and m.type in ("actor", "country", "party")
            ]
            if inner:
                return self._from_mention(inner[-1])
            quoted = self._person(
                sentence, verb.start() + len("quoted "), verb.end() - len(" as saying"), last=True
            )
            if quoted is not None:
                return quoted
        before = text[: verb.start()].rstrip()
        after = text[verb.end() :]
        # "..., said the ministry" names its speaker after the verb; "told X" names the
        # listener there ("a witness, Mohamud Moalim, told The Associated Press").
        # Verbs that take an object never put their speaker after them ("accused the
        # Tripoli-based adversaries of ...", "told The Associated Press").
        # Never when the words before are a name with its description between commas
        # ("Jean Banju, a community leader in Ituri, said CODECO militiamen entered ...").
        inverted = not verb.group().casefold().startswith(_OBJECT_VERBS) and (
            before.endswith(("”", '"'))
            or (
                (before.endswith(",") or not before)
                and bool(_SPEAKER_AFTER.match(after))
                and not _NAME_DESCRIBED.match(before)
            )
        )
        if inverted:
            speaker = self._after(sentence, mentions, verb.end())
            if speaker is not None:
                return speaker
        institution = self.v.institution.search(verb.group())
        subject = self._subject_span(sentence, verb.start())
        if subject is None:
            return None
        s0, s1 = subject
        # "— -- A Syrian human rights group said": dashes left of a dateline are no part of it.
        while s0 < s1 and text[s0] in _LEADING_MARKS:
            s0 += 1
        # "This comes a day after Pakistani security officials ... told": the subject is
        # the noun phrase after the conjunction, not the clause that introduces it.
        lead = _CLAUSE_HEAD.match(text, s0, s1)
        if lead is not None and text[lead.end() : s1].strip():
            s0 = lead.end()
        # "Thousands fled the capital after rebel forces said ...": the subject of the verb
        # is the clause after the last subordinating conjunction.
        subordinate = [
            m
            for m in _SUBORDINATE.finditer(text, s0, s1)
            if not sentence.in_quote(sentence.start + m.start())
        ]
        if subordinate:
            # Only a clause whose subject is someone ("after rebel forces said"), not a
            # phrase inside the subject ("Footage of the area after the attack showed").
            tail = text[subordinate[-1].end() : s1]
            # "... while APA said", "... while Trend reported": a name alone is someone too.
            named_alone = _PERSON.fullmatch(tail.strip()) or _LETTERS_NAME.fullmatch(tail.strip())
            if (
                _SPEAKER_NOUN.search(tail)
                or named_alone
                or any(
                    subordinate[-1].end() <= m.start - sentence.start
                    and m.end - sentence.start <= s1
                    and m.type in ("actor", "country", "party")
                    for m in mentions
                )
            ):
                s0 = subordinate[-1].end()
        # "Rebel spokesman Sebby Sambom in a statement sent to The Associated Press
        # confirmed": who was told ends the speaker's words.
        listener = _LISTENER_CUT.search(text, s0, s1)
        if listener is not None and listener.start() > s0:
            s1 = listener.start()
        candidates = [
            m
            for m in mentions
            if s0 <= m.start - sentence.start
            and m.end - sentence.start <= s1
            and not sentence.in_quote(m.start)
            and m.type in ("actor", "country", "party")
            # "The UK-based organization": where a body sits, not who speaks.
            and not lexicon.BASED_AFTER.match(text, m.end - sentence.start)
        ]
        owned = _LEADING_ADVERB.sub("", _OPENING_CONJUNCTION.sub("", text[s0:s1].strip()))
        if (
            _OWN_STATE_BODY.match(owned)
            and self.previous is not None
            and len(self.previous.countries) == 1
        ):
            country = self.previous.countries[0]
            start = sentence.start + s0 + text[s0:s1].index(owned)
            return Speaker(
                (self.matcher.government(country),), (country,), (start, start + len(owned))
            )
        adjacent = _PERSON_BEFORE.search(text[: verb.start()])
        if adjacent and adjacent.start() >= s1:
            adjacent = None  # the listener: "in a statement sent to The Associated Press"
        if adjacent and _LINKED_BEFORE.search(text, 0, adjacent.start()):
            adjacent = None  # "the Syrian Observatory for Human Rights": not "Human Rights"
        if (
            adjacent
            and not institution
            and not any(
                m.start - sentence.start < adjacent.end()
                and adjacent.start() < m.end - sentence.start
                for m in mentions
            )
        ):
            named = self._person(sentence, adjacent.start(), adjacent.end(), last=True)
            if named is not None and " " in named.names[0]:
                return named
        people = [m for m in candidates if m.type == "actor"]
        if institution and people:
            actor = people[-1]
            name = actor.office or actor.value
            return Speaker((name,), _codes(actor), (actor.start, actor.end))
        if candidates:
            last = candidates[-1]
            located = _PEOPLE_IN.search(text, s0, last.start - sentence.start)
            if last.type == "country" and located is not None:
                # "human rights groups in Haiti had estimated": who they are, not the state
                # they are in.
                shown = _PREDICATE.split(text[located.start() : s1].strip(), maxsplit=1)[0]
                start = sentence.start + located.start()
                return Speaker((" ".join(shown.split()),), (), (start, start + len(shown)))
            return self._from_mention(last)
        words = text[s0:s1].strip()
        # "Earlier it said", "Later they added", "But he said": a sentence adverb or a
        # conjunction before the pronoun.
        words = _LEADING_ADVERB.sub("", _OPENING_CONJUNCTION.sub("", words))
        own_channel = _OWN_CHANNEL.match(words) is not None
        if own_channel:
            # "Pashinyan held talks with Putin ..., his press service said": the channel of
            # whoever the sentence opens with, before the speaker of the sentences before.
            opener = next(
                (
                    m
                    for m in mentions
                    if m.type in ("actor", "country")
                    and not sentence.in_quote(m.start)
                    and _SENTENCE_OPENING.fullmatch(text[: m.start - sentence.start])
                ),
                None,
            )
            if opener is not None:
                return self._from_mention(opener).at(
                    (sentence.start + s0, sentence.start + s0 + len(words))
                )
        if (words.casefold() in self.v.pronouns or own_channel) and self.previous is not None:
            return self.previous.at((sentence.start + s0, sentence.start + s0 + len(words)))
        definite = self._definite_speaker(sentence, mentions, words, s0)
        if definite is not None:
            return definite.at((sentence.start + s0, sentence.start + s1))
        person = self._person(sentence, s0, s1, last=True)
        if person is not None and not person.countries:
            # "Russian peacekeepers said": a people's adjective with who speaks gives the
            # speaker its country (their servicemen are Russia's, not the place's).
            demonym = next(
                (
                    m
                    for m in mentions
                    if m.type == "demonym"
                    and s0 <= m.start - sentence.start
                    and m.end - sentence.start <= s1
                    and not sentence.in_quote(m.start)
                    # Never a word inside a person's name ("Rahimbakesh Danish Karimi").
                    and not (
                        _NAME_WORD_BEFORE.search(text, s0, m.start - sentence.start)
                        and _NAME_WORD_AFTER.match(text, m.end - sentence.start)
                    )
                ),
                None,
            )
            if demonym is not None:
                words = _FUNCTION_WORDS.sub("", text[s0:s1].strip())
                words = re.sub(r"^(?:the|a|an)\s+", "", words)  # ", the Syrian Observatory"
                # "The Iraqi Security Media Cell had reported": never the auxiliary.
                words = _PREDICATE.split(words, maxsplit=1)[0].strip()
                # "The Kyrgyz Ministry of Health yesterday said": the time is no part of it.
                words = _TRAILING_TIME.sub("", words)
                shown = " ".join(words.split()) or person.names[0]
                start = sentence.start + s0 + text[s0:s1].index(words) if words else person.span[0]
                return Speaker((shown,), (demonym.value,), (start, start + len(words)))
        return person

    def _definite_speaker(
        self, sentence: Sentence, mentions: list[Mention], words: str, s0: int
    ) -> Speaker | None:
        """Whom a definite speaker ("the ministry", "the rebels") stands for: the body of
        that noun named before, the country the sentence opens in, an armed group named
        earlier in the sentence, or the state that spoke before."""
        if self.v.definite is None:
            return None
        text = sentence.text
        # The last one, nearest the verb: "no reaction ... to the military claims but the
        # rebels said" is the rebels.
        definite = next(reversed(list(self.v.definite.finditer(words))), None)
        if definite is None:
            return None
        noun = definite.group().split()[-1].lower()
        known = self.last_actor.get(noun)
        # "In Pakistan, the military accused Indian troops ...": the body of the
        # country the sentence opens in, and "the military" of the sentences after.
        opened_in = (
            next(
                (
                    m
                    for m in mentions
                    if m.type == "country"
                    and _OPENS_IN.fullmatch(text[: m.start - sentence.start])
                    and text[m.end - sentence.start :].startswith(",")
                ),
                None,
            )
            if noun in _STATE_BODY_NOUNS
            else None
        )
        if opened_in is not None:
            known = Speaker(
                (self.matcher.government(opened_in.value),),
                (opened_in.value,),
                (opened_in.start, opened_in.end),
            )
            self.last_actor[noun] = known
        if noun in _ARMED_GROUP_WORDS:
            # An armed group named earlier in the same sentence ("a prison run by
            # Yemen's Houthi rebels ..., the rebels said").
            earlier = [
                m
                for m in mentions
                if m.type == "actor" and m.end - sentence.start <= s0 and _is_armed_group(m.value)
            ]
            if earlier:
                known = Speaker(
                    (earlier[-1].value,),
                    _codes(earlier[-1]),
                    (earlier[-1].start, earlier[-1].end),
                )
        if (
            known is None
            and noun in _STATE_BODY_NOUNS
            and self.previous is not None
            and len(self.previous.countries) == 1
            and self.previous.names[:1] == (self.matcher.government(self.previous.countries[0]),)
        ):
            # "The State of Qatar expressed its concern ... The Ministry stressed":
            # a state body, with no body of that kind named before, is the state that
            # spoke.
            known = self.previous
        return known

    def _subject_span(self, sentence: Sentence, verb_start: int) -> tuple[int, int] | None:
        """The clause before a verb: after the last comma, or before a relative clause."""
        text = sentence.text
        end = verb_start
        # "Zabihullah Mujahid, the spokesperson for the Taliban government, has announced": the
        # auxiliary, like an adverb, is no part of the subject.
        prefix = _AUXILIARY.sub("", _ADVERBS.sub("", text[:end].rstrip()))
        end = len(prefix)
        if prefix.endswith(","):
            # "Azerbaijan, which accused ..., said": the subject precedes the relative clause
            # (and follows an opening adverbial: "Meanwhile, a spokesman for Haftar, whose
            # forces ..., accused").
            for comma_match in re.finditer(",", prefix):
                if _RELATIVE.match(prefix[comma_match.end() :]):
                    opening = prefix.rfind(",", 0, comma_match.start()) + 1
                    if prefix[opening : comma_match.start()].strip():
                        return (opening, comma_match.start())
                    break
            # Never a comma inside a quotation ("'We killed 20 people, mainly police,'
            # Shabaab's spokesman, Abdulaziz Abu Musab, told AFP"): the words after it.
            quoted_end = max(
                (q1 - sentence.start for q0, q1 in sentence.quotes if q0 - sentence.start < end),
                default=0,
            )
            named = _NAME_BETWEEN_COMMAS.search(prefix)
            # "..., its health minister, Saman Barazanchi, said": the role, then the name, each
            # between commas; the name speaks (not the words before the role).
            if named is not None and named.start() > quoted_end:
                role_from = prefix.rfind(",", 0, named.start()) + 1
                if role_from > 0 and _ROLE_BEFORE_NAME.fullmatch(prefix, role_from, named.start()):
                    return (named.start(1), named.end(1))
            # The apposition nearest the verb: "... on El Fasher, the capital city of North
            # Darfur, on Saturday, Al-Hafiz Bakheet, the state's acting governor, said".
            for comma_match in reversed(list(re.finditer(",", prefix))):
                if comma_match.start() < quoted_end:
                    continue
                if _APPOSITIVE.match(prefix[comma_match.end() :]):
                    # The subject is the words before the apposition, from the comma before
                    # them ("Troops killed 12 rebels near Jaffna, Anura Perera, the junior
                    # interior minister, said").
                    before = prefix.rfind(",", 0, comma_match.start()) + 1
                    return (max(quoted_end, before), comma_match.start())
            if named is not None:
                # "A witness, Mohamud Moalim, told ...": the name between the commas.
                return (named.start(1), named.end(1))
            office = _NAME_THEN_OFFICE.match(prefix)
            if office is not None:
                # "Pam Chollom, Pastor in charge of the church in Rop, said": the name that
                # opens the sentence, before its office.
                return (office.start(1), office.end(1))
            return None
        start = prefix.rfind(",") + 1
        for mark in ("”", '"'):
            found_at = prefix.rfind(mark)
            if found_at >= start:
                start = found_at + 1
        if _RELATIVE.match(prefix[start:]) and start > 0:
            # "..., which accused": the subject is before the comma.
            comma = prefix.rfind(",", 0, start - 1)
            candidate = (0, start - 1) if comma < 0 else (comma + 1, start - 1)
            return candidate
        return (start, end) if prefix[start:end].strip() else None

    def _after(self, sentence: Sentence, mentions: list[Mention], position: int) -> Speaker | None:
        """The speaker named right after a verb: "said the Azerbaijani Foreign Ministry"."""
        text = sentence.text
        # "reports the country's Interior Ministry": the body, named without its country.
        skip = re.match(r"\s*(?:the\s+)?(?:(?:country|nation)['’]s\s+)?", text[position:])
        start = position + (skip.end() if skip else 0)
        for mention in mentions:
            offset = mention.start - sentence.start
            if start - 4 <= offset <= start + 1 and mention.type in ("actor", "country", "party"):
                return self._from_mention(mention)
        end = _speaker_end(text, start)
        tail = _AFTER_SPEAKER_TAIL.search(text, start, end)
        body = _LINKED_BODY.match(text, start, tail.start() if tail else end)
        if body is not None:
            # "According to the Ministry of Information's statement": the body's whole name,
            # which the article's country then resolves ("Ministry" alone would not).
            name = " ".join(body.group("name").split())
            b0 = sentence.start + body.start("name")
            return Speaker((name,), (), (b0, b0 + len(body.group("name"))))
        return self._person(sentence, start, tail.start() if tail else end, last=False)

    def _person(self, sentence: Sentence, s0: int, s1: int, *, last: bool) -> Speaker | None:
        """An unknown speaker: a person's name, or failing that the subject's own words."""
        text = sentence.text
        segment = text[s0:s1]
        # "But the Police Command ... confirmed": a conjunction opening the sentence is no
        # part of the speaker; alone, it is no speaker ("And", "In turn").
        opened = _OPENING_CONJUNCTION.sub("", segment.strip())
        if not opened or _NOT_A_SPEAKER.match(opened):
            return None  # "No one immediately claimed the attack"
        acronym = _LETTERS_NAME.fullmatch(opened)
        if acronym is not None:
            # "APA said", "the ADF said": a body known by its letters (the article's own
            # abbreviations resolve it to the body's side).
            start = sentence.start + s0 + segment.index(acronym.group(1))
            return Speaker((acronym.group(1),), (), (start, start + len(acronym.group(1))))
        ranks = _RANKS.match(segment)
        if ranks is not None and ranks.end() < len(segment):
            # "Brig. Gen. Azad Jalal": the name after the abbreviated ranks.
            s0 += ranks.end()
            segment = text[s0:s1]
        runs = [m for m in _PERSON.finditer(segment)]
        runs = [
            r
            for r in runs
            if not _TIME_WORD.fullmatch(r.group())  # "on Tuesday that reports indicated"
            # "One resident said", "Two witnesses told": a number opening the words, no name.
            and not _NUMBER_WORD.fullmatch(r.group())
            and _FUNCTION_WORDS.sub("", r.group() + " ").strip()
            and not re.match(r"[-\u2010\u2011]", segment[r.end() : r.end() + 1])
        ]
        # "a senior police official from Kulgam district": the place where the speaker is;
        # the speaker is the words before it (a capital still stands for its government).
        for run in runs:
            at = _AT_PLACE.search(segment, 0, run.start())
            if at is not None and _NAME_OF.search(segment, 0, at.end()):
                # "the Movement for the Emancipation of the Niger Delta": a body's name
                # that ends in a place, not a speaker who is there.
                at = None
            if (
                at is not None
                and any(
                    p0 < sentence.start + s0 + run.end() and sentence.start + s0 + run.start() < p1
                    for p0, p1 in self._places
                )
                and self.capitals.get(run.group().casefold()) is None
            ):
                runs = [r for r in runs if r.start() < run.start()]
                segment = segment[: at.start()]
                break
        if runs:
            index = len(runs) - 1 if last else 0
            first = index
            # "the Syrian Observatory for Human Rights": capitalised runs joined by "for",
            # "of" or "on" are one name (the last run alone was "Human Rights").
            while first > 0 and _NAME_LINK.fullmatch(
                segment[runs[first - 1].end() : runs[first].start()]
            ):
                first -= 1
            run_start, run_end = runs[first].start(), runs[index].end()
            whole = segment[run_start:run_end]
            if (
                re.search(r"[’']s$", whole)
                and re.match(r"[^\S\n]+[a-z]", segment[run_end:])
                and len(segment[:run_start].split()) <= 1
            ):
                # "Gaza's health ministry says": the owner of the body that speaks, not a
                # person; the body, in the speaker's own words below. (Deeper in a longer
                # subject, "A spokesman for Nagorno-Karabakh's military force", the owner
                # still names whom the speaker is for.)
                runs = []
        if runs:
            name = self.v.titles.sub("", _FUNCTION_WORDS.sub("", whole + " ").strip()).strip()
            name = " ".join(name.split())  # hard-wrapped text: a name across a line break
            domain = _DOMAIN.match(segment, run_end)
            if domain is not None and name:
                # "Caliber.Az", "News.am": an outlet named by its web address.
                name += domain.group()
                run_end = domain.end()
            code = self.capitals.get(name.casefold())
            if code:
                return Speaker(
                    (self.matcher.government(code),),
                    (code,),
                    (sentence.start + s0 + run_start, sentence.start + s0 + run_end),
                )
            if name and name[0].isupper():
                # The span is the words in the text ("Khatir"), even when the name shown is
                # the full one the article gave before ("Ibrahim Khatir").
                start = sentence.start + s0 + run_end - len(name)
                if " " not in name and name in self.people:
                    name = self.people[name]
                elif " " in name:
                    self._know_surname(name)
                return Speaker((name,), (), (start, sentence.start + s0 + run_end))
        # The speaker's words end at a verb or a number ("the ministry was 24 dead"), and at
        # a relative clause ("military officials who wished to remain unnamed said").
        words = _PREDICATE.split(_OPENING_CONJUNCTION.sub("", segment.strip()), maxsplit=1)[0]
        # "Last night the several residents ... posted": the time is no part of the speaker.
        timeless = _LEADING_ADVERB.sub("", words)
        if timeless != words:
            words = re.sub(r"^the\s+", "", timeless, flags=re.I)
        words = _RELATIVE_AFTER.split(words, maxsplit=1)[0].strip()
        parts = [p.strip() for p in re.split(r"\s+and\s+", words)]
        if len(parts) == 2 and all(
            0 < len(p.split()) <= 5 and p[:1].isalpha() and _SPEAKER_NOUN.search(p) for p in parts
        ):
            # "a local official and a military spokesman said": two voices; the one that
            # names a body first ("military spokesman"), for the figures' side.
            parts.sort(key=lambda p: not _BODY_WORD.search(p))
            voices = tuple(" ".join((p[0].upper() + p[1:]).split()) for p in parts)
            start = sentence.start + s0 + segment.index(words)
            return Speaker(voices, (), (start, start + len(words)))
        if (
            0 < len(words) <= 60
            # "The health ministry in the Hamas-run territory": a body with where it is.
            and len(words.split())
            <= (8 if _BODY_IN.search(words) or _ROLE_OF.match(words) or _KIN_OF.match(words) else 5)
            and words[:1].isalpha()
            and (_SPEAKER_NOUN.search(words) or _ACRONYM.search(words) or _KIN_OF.match(words))
            and not _NOT_A_SPEAKER.match(words)
        ):
            shown = " ".join((words[0].upper() + words[1:]).split())
            start = sentence.start + s0 + segment.index(words)
            return Speaker((shown,), (), (start, start + len(words)))
        return None

    def credited(self, sentence: Sentence, mentions: list[Mention]) -> Attribution | None:
        """Whom a headline credits at its end, after a colon or a dash ("Death toll ... rises
        to 36: Kyrgyz ministry", "... - Russian MoD", "... – Artsakh Defense Army",
        "...: health ministry" after the body's Health Ministry spoke): an actor or a country
        named there, or a body the article named before. Never "reports", "VIDEO", "What we
        know so far": no one, or not a speaker."""
        credit = _HEADLINE_CREDIT.search(sentence.text)
        if credit is None:
            return None
        start = sentence.start + credit.start("credit")
        named = [
            m for m in mentions if m.start >= start and m.type in ("actor", "country", "party")
        ]
        speaker: Speaker | None = self._from_mention(named[0]) if named else None
        if speaker is None:
            # A body named without its country ("health ministry"): the body of that noun the
            # article named before, as "the ministry said" is.
            known = self.last_actor.get(credit.group("credit").split()[-1].lower())
            if known is not None:
                speaker = known.at((start, sentence.start + credit.end("credit")))
        if speaker is None:
            return None
        mark = (sentence.start + credit.start(), sentence.start + credit.start("credit"))
        return Attribution("reported", speaker, mark, False, None, self._persons(speaker))

    def _from_mention(self, mention: Mention) -> Speaker:
        if mention.type == "party":
            return Speaker((PARTIES,), (), (mention.start, mention.end))
        if mention.type == "country":
            return Speaker(
                (self.matcher.government(mention.value),),
                (mention.value,),
                (mention.start, mention.end),
            )
        return Speaker((mention.value,), _codes(mention), (mention.start, mention.end))


#: A headline's credit at its end, after a colon or a dash: "...: Kyrgyz ministry", "... -
#: Russian MoD" (a few words, no number).
_HEADLINE_CREDIT = re.compile(
    r"(?::|[^\S\n][-–—|])[^\S\n]*"
    r"(?P<credit>(?![^\n]*\b(?:kill|wound|injur|dead|die|attack|clash|strike|shell|truce|"
    r"ceasefire|cease-fire|fight|calls?|says?|what)\w*)"
    r"[A-Za-z][\w.’'-]*(?:[^\S\n]+[A-Za-z][\w.’'-]*){0,4})[^\S\n]*$",
    re.I,
)
#: A body named with where it is: "the health ministry in the Hamas-run territory".
_BODY_IN = re.compile(
    r"\b(?:ministry|agency|office|authority|authorities|service|council|committee|department)"
    r"\s+in\s+",
    re.I,
)
#: The role a speaker holds: "head", "spokesman", "health minister".
_ROLE_NOUN = (
    r"(?:head|director|chief|spokes(?:man|woman|person)|commander|governor|mayor|official|"
    r"officer|representative|minister|ambassador|envoy)"
)
#: A role and whose it is, which names its body in more words: "the head of the city's
#: hospital", "a spokesman for the provincial governor's office".
_ROLE_OF = re.compile(
    rf"(?:(?:the|a|an)\s+)?(?:[\w-]+\s+)?{_ROLE_NOUN}\s+(?:of|for|at)\s+",
    re.I,
)
#: A victim's kin or neighbour, named by whose they are: "A relative of one of the victims",
#: "the father of a slain soldier".
_KIN_OF = re.compile(
    r"(?:(?:the|a|an)\s+)?(?:relatives?|brother|sister|father|mother|son|daughter|cousin|uncle|"
    r"aunt|wife|husband|widow|neighbou?rs?|friends?)\s+of\s+",
    re.I,
)
#: A clause that introduces the subject of a later verb: "This comes a day after", "It
#: came hours before", "That was after".
_CLAUSE_HEAD = re.compile(
    r"\s*(?:this|it|that|the (?:move|attack|strike|statement|announcement))\s+"
    r"(?:comes?|came|follows?|followed|was|is)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:after|before|as|when|since)\s+",
    re.I,
)
#: A subordinating conjunction that opens the clause whose subject speaks: "... after rebel
#: forces said", "... while the government said" ("such as" and "as well as" are no clause).
_SUBORDINATE = re.compile(
    r"\b(?:after|while|when|because|although|though|whereas|before|since|until|but|"
    r"(?<!such )(?<!well )as(?!\s+well\s+as\b))\s+",
    re.I,
)
#: A sentence that opens with a name and its description between commas, up to its verb:
#: "Jean D’Zba Banju, a community leader in the Djugu area of Ituri,".
_NAME_DESCRIBED = re.compile(
    r"\s*(?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'-]+,\s+(?:a|an|the|one|his|her|its)\s+"
    r"[^,;:\"“”]{3,120},$"
)
#: What joins the capitalised words of one body's name: "Observatory for Human Rights",
#: "Ministry of Health", "Council on Foreign Relations".
_LINK = r"\s+(?:for|of|on)(?:\s+the)?\s+"
_NAME_LINK = re.compile(_LINK)
#: A capitalised word and its link right before a name: "Observatory for " before "Human
#: Rights", which is no name of its own.
_LINKED_BEFORE = re.compile(rf"[A-Z][\w’'-]*{_LINK}$")
#: The Arabic article of a surname: "al-Qudra", "el-Sisi".
_SURNAME_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|an|Al|El)-")
#: "In Pakistan, ": a sentence that opens in a country.
_OPENS_IN = re.compile(r"\s*(?:In|Inside|Across)\s+(?:neighbou?ring\s+)?")
#: The nouns of "the military", "the ministry" and such that are a state's bodies.
_STATE_BODY_NOUNS = frozenset(
    ["military", "army", "government", "ministry", "police", "authorities", "presidency"]
)
#: A word that names a state body in a speaker's title.
_BODY_WORD = re.compile(
    r"\b(?:military|army|police|ministry|government|defen[cs]e|security|border)\b", re.I
)
_OBJECT_VERBS = ("told", "tell", "accus", "blam", "urg", "warn", "call", "den", "condemn")
_NAME_BETWEEN_COMMAS = re.compile(
    r",\s*([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}|(?:al|el|ad|as|ash|an)-[A-Z][\w’'-]+"
    r"(?:\s+[A-Z][\w’'-]+){0,3}|" + _FULL_NAME + r"),$"
)
#: A capitalised word (no article) right before a word and another right after it: the word
#: is inside a name ("Rahimbakesh Danish Karimi").
_NAME_WORD_BEFORE = re.compile(
    r"\b(?!(?:The|A|An|But|And|In|On|At|Its|His|Her|Their)\b)[A-Z][a-z][\w’'-]*\s+$"
)
_NAME_WORD_AFTER = re.compile(r"\s+[A-Z][a-z]")
#: A role between commas before the name that holds it: ", its health minister,", ", the
#: army spokesman,".
_ROLE_BEFORE_NAME = re.compile(
    rf"\s*(?:its|his|her|their|the|a|an)\s+(?:[\w-]+\s+){{0,3}}?{_ROLE_NOUN}\s*"
)
#: A capitalised word, then "of" (and "the"), right before a place: the place ends a
#: body's name ("Emancipation of the Niger Delta").
_NAME_OF = re.compile(r"[A-Z][\w’'-]+\s+of\s+(?:the\s+)?$")
#: A sentence that opens with a name and a capitalised office after it: "Pam Chollom,
#: Pastor in charge of ...,", "Ali Musa, Commissioner of Police in Borno,".
_NAME_THEN_OFFICE = re.compile(
    r"\s*(" + _FULL_NAME + r"),\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:of|in|for|at|to)\b"
)
#: The words between a reporting verb and another inside its complement: "said (in a
#: statement on Tuesday) that initial field reports indicated" (no "while", "but" or ";"
#: that would start another speaker's clause).
_NESTED = re.compile(r"(?:(?![;]|,\s*(?:while|but|whereas|and)\b).)*?\bthat\b(?:(?![;,]).)*", re.S)
#: Days and months, which are never a speaker's name.
_TIME_WORD = re.compile(f"(?:{lexicon.DAYS_AND_MONTHS})(?:['’]s)?")
#: A number word that opens a sentence, which is no name: "One resident said".
_NUMBER_WORD = re.compile(
    r"(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Several|Some|Many|Both|Another|"
    # "Last night the residents posted": a time opening the sentence is no name either.
    r"Last|Earlier|Later|Late|Early|Yesterday|Today|Tonight|Overnight|Meanwhile|However)"
)
#: A time after a speaker's words, before the verb: "yesterday", "earlier on Thursday".
_TRAILING_TIME = re.compile(
    rf"(?:\s+(?:yesterday|today|tonight|earlier|later|also|on|(?:{lexicon.DAYS_AND_MONTHS})))+$",
    re.I,
)
#: A relative clause after a speaker's words: "officials who spoke on condition of".
_RELATIVE_AFTER = re.compile(r"\s+(?:who|whom|whose|which)\b")
#: The preposition before a place that says where a speaker is: "an official from", "a
#: spokesman in the".
_AT_PLACE = re.compile(r"\s+(?:from|in|at|near|of|outside)\s+(?:the\s+)?$", re.I)
_PREDICATE = re.compile(
    r"\s+(?=(?:was|were|is|are|has|have|had|will|would|said|says|told|\d)\b)", re.I
)


#: A body's name with its link words, as a whole speaker: "the Ministry of Information",
#: "the Ministry of Defence's statement" (never a person's name, which has no link word).
_LINKED_BODY = re.compile(
    r"(?:the\s+)?(?P<name>(?:[A-Z][\w’'-]*\s+){0,2}(?:Ministry|Department|Directorate|"
    r"Commission|Committee|Council|Office)(?:" + _LINK + r"[A-Z][\w’'-]*"
    r"(?:\s+(?:and\s+)?[A-Z][\w’'-]*){0,3}))(?:['’]s\s+(?:[\w-]+\s+)?(?:statement|report|"
    r"figures|data|tally|count|update))?\s*$"
)


def _codes(mention: Mention) -> tuple[str, ...]:
    code = mention.code
    return (code,) if code else ()


def _government_code(mention: Mention) -> str | None:
    if mention.type in ("country", "demonym"):
        return mention.value
    if mention.type == "actor":
        return mention.country
    return None
