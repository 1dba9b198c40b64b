"""Casualty figures: a number, whom it counts, the category, and its bounds.

"At least 49 Armenian soldiers and 50 Azerbaijani troops have been killed" gives two figures:
ARM killed with a lower bound of 49 ("at least" is never an exact count) and AZE killed, 50
as stated. The category is the first category word after the counted people in the same
clause, or before the number ("killing at least 12 people", "the death toll rose to 105");
coordinated figures share it. The party is the demonym or country counted ("Armenian
soldiers"), "civilians" for civilian nouns, the speaker's country for "its soldiers", the
previous coordinated figure's party ("24 people killed and 87 wounded"), or else the country
of the place named in the sentence, then the speaker's. Vague quantities ("dozens") are not
figures. See ``data/figures.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from timeline.extract import lexicon
from timeline.extract.mentions import Mention

Span = tuple[int, int]


@dataclass(frozen=True)
class FigureMention:
    start: int  # the figure's words: qualifier, number and the people counted
    end: int
    text: str
    party: str
    category: str
    low: int | None
    best: int | None
    high: int | None
    party_from: str  # "mention", "civilians", "possessive", "coordinated", "context", "restated"
    noun: str | None = None  # the people counted ("soldiers"); None for a bare toll ("at 11")

    def bounds(self) -> dict[str, int]:
        return {
            k: v
            for k, v in (("low", self.low), ("best", self.best), ("high", self.high))
            if v is not None
        }


@dataclass(frozen=True)
class _Vocabulary:
    number: re.Pattern[str]
    categories: tuple[tuple[str, re.Pattern[str]], ...]
    category_any: re.Pattern[str]
    noun: re.Pattern[str]
    civilian: frozenset[str]
    forces: frozenset[str]
    things: frozenset[str]  # plural nouns of things a number may count ("nine houses")
    qualifiers: dict[str, str]  # qualifier words -> bound
    words: dict[str, int]
    including_civilians: re.Pattern[str]  # "seven people, including three children"
    verb_before: re.Pattern[str]  # "killed at least 705": the category right before a number
    one: re.Pattern[str]  # "a soldier", "an Israeli soldier", "another civilian": one person
    one_noun: re.Pattern[str]  # the person nouns ``one`` takes


@cache
def _vocabulary(override: str | None) -> _Vocabulary:
    raw = lexicon.load("figures", override)
    numbers = lexicon.load("numbers", override)
    words = {str(k).lower(): int(v) for k, v in (numbers.get("units") or {}).items()}
    # "twenty-five", "thirty five": the tens and the units of numbers.yaml, joined.
    tens = {k: v for k, v in words.items() if v in range(20, 100, 10) and " " not in k}
    ones = {k: v for k, v in words.items() if v in range(1, 10) and k not in ("a", "an")}
    for ten, t in tens.items():
        for one, o in ones.items():
            words.setdefault(f"{ten}-{one}", t + o)
            words.setdefault(f"{ten} {one}", t + o)
    spelled = {k: v for k, v in words.items() if k not in ("a", "an")}
    qualifiers: dict[str, str] = {}
    for bound, phrases in (raw.get("qualifiers") or {}).items():
        for phrase in phrases:
            qualifiers[str(phrase).lower()] = str(bound)
    ranges = lexicon.alternation(raw.get("range_words") or ["between"])
    number = (
        rf"(?:(?P<q>{lexicon.alternation(qualifiers)})\s+)?"
        rf"(?:(?P<range>{ranges})\s+(?P<lo>\d[\d,]*|{lexicon.alternation(spelled)})\s+(?:and|to)\s+"
        # "90 to 100 people": a range without "between" or "from" (figures only).
        rf"|(?P<lo2>\d[\d,]*)\s+to\s+(?=\d))?"
        rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|{lexicon.alternation(spelled)})(?![\d:.,-]\d)(?![-\w])"
    )
    categories = []
    all_words: list[str] = []
    for category, phrases in (raw.get("categories") or {}).items():
        alternatives = "|".join(str(p) for p in phrases)
        categories.append((str(category), re.compile(rf"\b(?:{alternatives})\b", re.I)))
        all_words.extend(str(p) for p in phrases)
    nouns = [str(n) for n in raw.get("nouns") or ()]
    # The people of every country, as a plural noun ("12 Syrians", "three Afghans").
    nouns.extend(
        d
        for entry in lexicon.countries(override).values()
        for d in entry.demonyms
        if d.endswith("s") and not d.endswith("ss")
    )
    # A people's word standing alone for its people ("seven Japanese killed", "one Egyptian,
    # and injured 14 others"): the invariant plurals, and for a count of one the adjective;
    # only where no noun follows it ("two Lebanese soldiers" counts soldiers, and "one
    # Israeli strike" no one).
    entries = lexicon.countries(override).values()
    invariant = [
        d
        for entry in entries
        for d in entry.demonyms
        if not d.endswith("s") and not any(o.endswith("s") for o in entry.demonyms)
    ]
    adjectives = [d for entry in entries for d in entry.demonyms if not d.endswith("s")]
    alone = (
        r"(?=\s*(?:[,.;:)\]]|[—–-]\s|$)|\s+(?:and|or|were|was|are|is|had|have|has|who|killed|"
        r"dead|died|wounded|injured|hurt|in|on|at|among|including|along)\b)"
    )
    one_nouns = lexicon.alternation(str(n) for n in raw.get("one_nouns") or ("soldier",))
    return _Vocabulary(
        number=re.compile(rf"(?<![\w,.$£€-]){number}", re.I),
        categories=tuple(categories),
        category_any=re.compile(rf"\b(?:{'|'.join(all_words)})\b", re.I),
        noun=re.compile(
            rf"\b(?:{lexicon.alternation(nouns)})\b"
            rf"|\b(?-i:{lexicon.alternation(invariant)})\b{alone}"
            rf"|\b(?:{lexicon.alternation(str(n) for n in raw.get('group_nouns') or ())})\b{alone}",
            re.I,
        ),
        civilian=frozenset(str(n).lower() for n in raw.get("civilian_nouns") or ()),
        forces=frozenset(str(n).lower() for n in raw.get("forces_nouns") or ()),
        things=frozenset(str(n).lower() for n in raw.get("thing_nouns") or ()),
        qualifiers=qualifiers,
        words=words,
        # "killed at least 705", "killed \"three people\"": the verb right before a number.
        # "bodies of 13 soldiers", "the deaths of 12 people": the category, "of", the number.
        verb_before=re.compile(rf"((?:{'|'.join(all_words)}))\s+(?:of\s+)?[\"“‘']?$", re.I),
        one=re.compile(
            r"(?<![\w’'-])(?P<q>(?!x)x)?(?P<range>(?!x)x)?(?P<lo>(?!x)x)?(?P<n>an?|another)"
            r"(?=\s+(?:\w[\w’'.-]*\s+){0,2}?(?:"
            + lexicon.alternation(str(n) for n in raw.get("one_nouns") or ("soldier",))
            + r")\b"
            # "a rebel coalition", "a militant group", "a police spokesman": the person noun
            # names what the next noun is, which counts no one.
            + _NOT_A_PERSON_AFTER
            + r")",
            re.I,
        ),
        one_noun=re.compile(
            rf"\b(?:{one_nouns})\b|\b(?-i:{lexicon.alternation(adjectives)})\b{alone}", re.I
        ),
        including_civilians=re.compile(
            rf",?\s+including\s+(?:\w+\s+){{0,2}}(?:{lexicon.alternation(raw.get('civilian_nouns') or ['civilians'])})\b",
            re.I,
        ),
    )


def _value(vocabulary: _Vocabulary, text: str) -> int | None:
    cleaned = text.replace(",", "").lower()
    if cleaned.isdigit():
        return int(cleaned)
    if cleaned == "another":
        return 1
    return vocabulary.words.get(cleaned)


def _category(vocabulary: _Vocabulary, words: str) -> tuple[str, int] | None:
    """The first category word in ``words``, with its position."""
    best: tuple[str, int] | None = None
    for category, pattern in vocabulary.categories:
        match = pattern.search(words)
        if match and (best is None or match.start() < best[1]):
            best = (category, match.start())
    return best


def _last_category(vocabulary: _Vocabulary, words: str) -> tuple[str, int] | None:
    """The last category word in ``words`` (the nearest before a number), with its position."""
    best: tuple[str, int] | None = None
    for category, pattern in vocabulary.categories:
        for match in pattern.finditer(words):
            if best is None or match.start() > best[1]:
                best = (category, match.start())
    return best


#: An aside between a number and its noun: "Over 140, mostly unarmed, Palestinians".
_ASIDE = re.compile(
    r"^,\s*(?:(?:mostly|largely|mainly|many|most|all|predominantly|almost all)\s+[\w-]+"
    # "49 persons, said to be hired gunmen, were massacred": who they were said to be.
    r"|(?:said|believed|thought|reported|suspected|alleged)\s+to\s+(?:be|have\s+been)\s+"
    r"[^,;.:()]{1,40}),",
    re.I,
)
#: A running toll's new value: "the death toll rose to", "has climbed to", "now stands at".
#: A toll that may yet rise to a number: its upper bound ("the number of dead could rise to
#: eighty", "is expected to rise to 100").
_MAY_RISE_TO = re.compile(
    r"\b(?:could|may|might|would|is expected to|are expected to|was expected to|were expected "
    r"to|is likely to|was likely to|feared to)\s+(?:\w+\s+)?(?:rise|climb|increase|reach)\s+"
    r"(?:to\s+)?(?:as many as\s+)?$"
)
_ROSE_TO = re.compile(
    r"\b(?:rose|risen|rising|climbed|increased|jumped|soared|reached|stood at|stands at|"
    r"now at|grew|mounted)(?:\s+to)?\s+(?:(?:at least|more than|over|nearly|about|some|"
    r"around|almost)\s+)?$"
    # "later updated the death toll to four", "put the toll at 12"
    r"|\b(?:(?:death|casualty|injury)\s+)?toll\s+(?:to|at)\s+(?:(?:at least|more than|over|"
    r"nearly|about|some|around|almost)\s+)?$",
    re.I,
)
#: The subject of a running toll: "the death toll", "the number of people killed", "the
#: number of martyrs".
_TOLL_SUBJECT = re.compile(
    r"\b(?:(?:death|casualty|injury)\s+toll|toll|number\s+of\s+(?:people|dead|deaths|"
    r"(?:[\w-]+\s+){1,3})?(?:killed|dead|wounded|injured|deaths|casualties|victims|martyrs|"
    r"fatalities|injuries))\b",
    re.I,
)


def _toll_category(vocabulary: _Vocabulary, subject: str) -> str | None:
    """The category of a running toll's subject ("the number of people killed": killed; "the
    death toll": killed), or None when the clause names no toll."""
    subjects = list(_TOLL_SUBJECT.finditer(subject))
    if not subjects:
        return None
    found = subjects[-1]
    words = found.group().lower()
    if "injur" in words or "wound" in words:
        return "wounded"
    category = _category(vocabulary, words)
    return category[0] if category else "killed"


def _blanked(aside: re.Pattern[str], text: str) -> str:
    """``text`` with each match of ``aside`` blanked out, same length so offsets hold."""
    return aside.sub(lambda m: " " * len(m.group()), text)


_DASHED_ASIDE = re.compile(r"\s[-–—]\s[^-–—;:.]{1,80}?\s[-–—]\s")
_CLAUSE_END = re.compile(r"[;:]|\s[-–—]\s|,\s+(?:according|said|prompting|raising|as|while|but)\b")
#: The breakdown right after a count, up to the end of its clause: ", including nine
#: Italians, seven Japanese, and one person each from the United States and India,".
_BREAKDOWN_LIST = re.compile(
    r"\s*,?\s*including\s+[^;:()–—”\"]{1,200}?(?=,?\s+(?:were|was|are|is|had|have|has|died)\b|[.;:]|$)",
    re.I,
)
#: Two counts joined into one list: "15 officials and five civilians", ", along with".
_JOINED = re.compile(r"\s*,?\s*(?:and|as well as|plus|along with|together with)\s*")
#: Words after a count that open a clause of their own: ", and injured 14 others".
_NEW_CLAUSE = re.compile(r"\s*[,;]\s*(?:and|while|but|whereas)\b")
_COORDINATION = re.compile(r"^\s*(?:,\s*)?(?:and|or|as well as|plus)?\s*$", re.I)
_SUBSET = re.compile(
    r"\b(?:including|among them|of whom|of them|of these|of those|among (?:the|those) "
    r"(?:dead|killed|wounded|injured|victims|casualties)(?:\s+(?:were|was|are|is))?)[,:]?\s+$",
    re.I,
)
#: A place's population, not a count of casualties: "in this town of 15,000 people", "a city
#: of about two million", "the camp, home to 40,000 people".
_POPULATION_BEFORE = re.compile(
    r"\b(?:(?:town|city|village|hamlet|district|province|region|country|nation|community|"
    r"municipality|island|camp|settlement|enclave|neighbou?rhood|state|county|population)\s+of"
    r"|(?:home|host)\s+to)\s+"
    r"(?:(?:about|around|some|roughly|nearly|almost|approximately|more\s+than|over|fewer\s+than|"
    r"less\s+than|under|just|only)\s+)?$",
    re.I,
)
#: Ages, not counts: "aged between 24 and 31", "aged 19", "ages of".
_AGED = re.compile(r"\b(?:aged|ages?\s+(?:of\s+)?)\s*(?:between\s+|from\s+)?$", re.I)
#: A sentence that breaks down a toll given before: "The dead included a military commander
#: and two colonels", "Those killed were ...".
_BREAKDOWN_SENTENCE = re.compile(
    r"\s*(?:(?:The|Those)\s+(?:dead|killed|wounded|injured|victims|casualties)\s+(?:included|"
    r"include|includes|comprised|were|are)\s+"
    # "Of the 14 wounded, 12 were members of ...", "Out of the 34 injured, 16 were women".
    r"|(?:Out\s+of|Of|Among)\s+(?:the|those)\s+(?:[\d,]+|[a-z-]+)\s+(?:(?:people|persons)\s+)?"
    r"(?:dead|killed|wounded|injured|hurt|victims|casualties)\s*,\s*)",
)
#: A noun after a person noun that makes it an adjective: "a rebel coalition", "a police
#: spokesman", "a militant group" (a person who speaks is set aside by ``_SAYS``).
_NOT_A_PERSON_AFTER = (
    r"(?!\s+(?:coalition|group|alliance|movement|faction|organi[sz]ation|umbrella|network|"
    r"outfit|front|bloc|militia|stronghold|base|camp|position|convoy|vehicle|spokes(?:man|"
    r"woman|person)|source|statement|union|association|council|committee|leadership|station|"
    r"post|checkpoint|"
    # "a terrorist attack", "a rebel ambush": what they did, not one of them.
    r"attack|assault|raid|bombing|ambush|incursion|offensive|plot|cell|hideout|threat|act|"
    r"violence|insurgency|"
    # "a civilian bus was hit", "a military vehicle": a thing the person noun describes.
    r"bus|minibus|car|truck|lorry|van|ambulance|tanker|aircraft|plane|airliner|helicopter|"
    r"ship|vessel|boat|house|home|building|residence|area|facility|infrastructure|object|"
    r"settlement|target|site|hospital|school|airport|plant)s?\b)"
)
#: A reporting verb after a comma right before "a": "..., said a police official" names a
#: speaker, no casualty (unlike "it said a man was killed").
_SAID_BEFORE = re.compile(r"(?:,\s*(?:said|says|added|stated)|\baccording\s+to)\s+$", re.I)
#: A speaker named, then described: "according to Hassan Barham, an official with ...",
#: "said Pam Chollom, a pastor": the description is the speaker's, no count of one.
_NAMED_SPEAKER_BEFORE = re.compile(
    r"(?:,\s*(?:said|says|added|stated|told)|\baccording\s+to)\s+"
    r"(?:[A-Z][\w’'.-]+\s+){0,4}[A-Z][\w’'-]+,\s+$"
)
#: Inside a breakdown after "including", past its first part: "including a husband and
#: wife and a soldier", "including three children and two women".
_IN_BREAKDOWN = re.compile(
    r"\bincluding\s+(?:[^,;.:()–—”\"]{1,60}?\s(?:and|as well as)"
    # "including nine Italians, seven Japanese, and one person each": a list of parts.
    r"|(?:\s*[\w-]+\s+[\w’'-]+(?:\s+[\w’'-]+)?,){1,6}(?:\s+(?:and|as well as))?)\s+$",
    re.I,
)
#: A year written as a number, with no person noun after it.
_YEAR = re.compile(r"(?:19|20)\d\d")
#: Between a part and the whole it is taken from: "six [of the] seven assailants".
_OF_THE = re.compile(r"\s+of\s+(?:the|its|their|his|her|our)\s+", re.I)
#: A number told as a part of the one before it: "three of them", "two of whom".
_OF_THEM = re.compile(r"\s+of\s+(?:them|whom|those|these)\b", re.I)
#: "No" before "one": nobody ("No one was injured in the attack").
_NO_BEFORE = re.compile(r"\b[Nn]o\s+$")
#: Words before "a" that make it no count: "such a", "as a", "like a", "what a".
_NOT_ONE = re.compile(r"\b(?:such|as|like|what|quite|than)\s+$", re.I)
#: The speaker's side as the one that kills or takes: "it said it killed", "its forces
#: killed", "we captured", "troops killed" (then the soldiers counted are the enemy's).
_BY_THE_SPEAKER = re.compile(
    r"\b(?:it|they|we|(?:its|their|our)\s+(?:[\w-]+\s+)?(?:forces|troops|units|army|military|"
    r"fighters|soldiers)|troops|forces)\s+(?:had\s+|have\s+|has\s+)?(?:\w+ly\s+)?(?:killed|"
    r"eliminated|destroyed|neutrali[sz]ed|captured|wounded|injured|took|taken)\s+"
    r"(?:(?:at least|more than|over|about|some|up to|nearly)\s+)?$",
    re.I,
)
#: A plural noun right after a number, up to two words on: what the number counts.
_NOT_A_NOUN = (
    r"(?!(?:as|of|in|on|at|by|for|from|to|and|or|but|with|across|since|after|before|during|"
    r"was|has|is|this|his|its|us|less|plus|thus|whereas|unless|towards|afterwards|besides|"
    r"previous|various|numerous|serious|dangerous|always|perhaps|sometimes|nearly|mostly|"
    r"were|had|have|are|who|which|that|the|more|than|others?)\b)"
)
_THINGS = re.compile(
    # "three LTTE boats", "two Russian tanks": a modifier may be a name or an acronym.
    # "two of the mortar shells": the things a part is taken from.
    rf"(?:\s+of\s+(?:the|its|their|these|those))?"
    rf"\s+(?:{_NOT_A_NOUN}[\w’'-]+\s+){{0,2}}?{_NOT_A_NOUN}([a-z][\w’'-]{{2,}}s)\b"
)
#: People a count's own participle says were uprooted, not hurt: "another 400,000
#: displaced", "2,000 others were evacuated".
_NOT_HURT_AFTER = re.compile(
    r"\s+(?:(?:people|others|more|persons|residents|civilians)\s+)?(?:(?:were|have\s+been|"
    r"had\s+been|are|was|being)\s+)?(?:displaced|evacuated|rescued|uprooted|relocated|"
    r"resettled|made\s+homeless|left\s+homeless|affected)\b",
    re.I,
)
#: A second past-tense verb joined right before a count with no person noun: the count is
#: its object ("killed 37 terrorists and retrieved 21 firearms"), unless the verb is a
#: category ("and injured 40"); never a toll's own verb ("the deaths reached 15").
_VERB_BEFORE_COUNT = re.compile(
    r"(?:\band|,)\s+(?:also\s+)?([a-z]{3,}ed)\s+(?:(?:at\s+least|about|some|around|nearly|more\s+than|over|up\s+to)\s+)?$"
)
#: A verb right after a count's noun: the count has a predicate of its own.
_VERB_AFTER_NOUN = re.compile(
    r"\s+(?:had|have|has|were|was|are|is|fled|crossed|arrived|returned|gathered|remain(?:ed|s)?|"
    r"took|marched|protested|attended|joined)\b"  # lower case: "219 IS fighters" is no verb
)


def _after_spaces(text: str, index: int) -> int:
    """Where the next word starts after ``index``, past any run of white space ("2058  people":
    scraped text doubles spaces)."""
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _has_own_verb(v: _Vocabulary, text: str, np_end: int) -> bool:
    verb = _VERB_AFTER_NOUN.match(text, np_end)
    if verb is None:
        return False
    clause = re.split(r"[.;,]", text[verb.end() : verb.end() + 80], maxsplit=1)[0]
    return _category(v, clause) is None


_OWN_PREDICATE = re.compile(
    r"\s+(?:(?:people|others|more)\s+)?(?:were|was|are|is|remain(?:ed|s)?|have\s+been|"
    r"had\s+been|has\s+been)\s+(?:still\s+)?(?:in|under|being|hospitali[sz]ed|treated|"
    r"receiving|admitted|discharged|released|stable|safe|unharmed)\b",
    re.I,
)
_POSSESSIVE = re.compile(r"\b(its|their|our|his|her)\b", re.I)
#: The dead and the hurt counted as one number: "604 civilians were killed or injured",
#: "dead or wounded" (no figure of either).
_EITHER = re.compile(
    r"\s*(?:\w+\s+){0,3}?(?:killed|dead|died)\s+or\s+(?:injured|wounded|maimed|hurt)\b", re.I
)

_UNITS = re.compile(
    r"^\s*(?:years?|months?|weeks?|days?|hours?|minutes?|km|kilomet(?:re|er)s?|miles?|metres?|"
    r"meters?|percent|per cent|million|billion|dollars?|euros?|times|kg|tonnes?|tons?)\b"
    # "a 20% increase": a share (no word boundary follows the sign).
    r"|^\s*%",
    re.I,
)


#: "of" and an article before whose people a count's noun names ("servicemen of the").
_OF_WHOM = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?(?=[A-Z])")
#: "another" right before a category: one more person ("and another wounded").
_ANOTHER = re.compile(
    r"(?<![\w’'-])(?P<q>(?!x)x)?(?P<range>(?!x)x)?(?P<lo>(?!x)x)?(?P<n>another)"
    r"(?=\s+(?:was\s+)?(?:wounded|injured|killed|hurt|dead)\b)",
    re.I,
)
#: A toll stated with "is": "The total number of dead ... is 36", "the death toll was 12".
_TOLL_IS = re.compile(
    r"\b(?:(?:death|casualty)\s+toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|killed|victims|"
    r"wounded|injured|people\s+killed|people\s+wounded|people\s+injured))\b[^.;:]{0,80}?\b"
    r"(?:is|was|stands\s+at|stood\s+at|has\s+reached|had\s+reached|reached)\s+"
    r"(?:(?:at least|more than|over|nearly|about|some|around|almost)\s+)?$",
    re.I,
)
#: The wounded who then died: "succumbed to (their) injuries", "died of wounds".
_SUCCUMBED = re.compile(
    r"\b(?:succumbed|died|later died)\s+(?:to|of|from)\s+(?:(?:their|his|her|the)\s+)?"
    r"(?:injuries|wounds)\b",
    re.I,
)


#: The state's own forces, whoever was counted before them: "five Ugandan soldiers and 11
#: government troops" (the government is the article's country's).
_GOVERNMENT_FORCES = re.compile(r"\b(?:government|pro-government|state|national)\b", re.I)
#: The stop of an initial in an abbreviation ("U.S.", "U.N."), which ends no clause.
_INITIAL_DOT = re.compile(r"(?<=\b[A-Z])\.")
#: Lives saved, not lost: "medics saved 20 lives".
_LIVES_SAVED = re.compile(r"\b(?:sav|spar|protect|rescu)\w*\s+(?:[\w-]+\s+){0,3}$", re.I)
#: A reporting verb right after a number's noun: the people counted are the speakers.
_SAYS = re.compile(
    # "..., a military officer and residents said": a second speaker joined to the first.
    r"(?:\s+and\s+(?:(?:a|an|the|two|several|local)\s+)?[\w-]+(?:\s+[\w-]+)?(?=\s+(?:said|told)\b))?"
    r"\s+(?:who\s+)?(?:(?:also|later|earlier|had|have|has)\s+)?(?:said|says|told|tells|added|"
    r"reported|stated|confirmed|announced|claimed|spoke|speaking|declined|requested|asked)\b"
)


#: A reporting verb right after its subject, past a possessive and a body's words:
#: "Yerevan reported", "Armenia's defence ministry said".
_SPEECH_AFTER = re.compile(r"[’']?s?(?:\s+[\w-]+){0,2}?" + _SAYS.pattern)
#: A count's own predicate right after it, past an auxiliary and an adverb: "11 are still
#: missing", "two were also killed".
_DIRECT = re.compile(
    r"\s+(?:(?:were|was|had been|have been|has been|are|people)\s+)?"
    r"(?:(?:still|also|now|reportedly)\s+)?"
)

#: A toll that changed, before "from A to B": what it became is the figure.
_CHANGED_BEFORE = re.compile(
    r"\b(?:revised|raised|lowered|updated|rose|risen|climbed|increased|jumped|grew|fell|dropped|"
    r"went\s+up|went\s+down)\b[^.;]*$",
    re.I,
)

#: A figure revised away: "from 44 to just 39", "rose from 20 to 25".
_FROM_BEFORE = re.compile(r"\bfrom\s+$")
#: Taking people hostage, right before their count: "and taking some 250 hostages".
_TAKEN_BEFORE = re.compile(r"\b(?:taking|took|taken|seized|seizing|holding|held)\s+$", re.I)
#: The figure a toll changed from, after the new one: "71 killed, up from 50 reported
#: earlier", "down from a previous toll of 12".
_UP_FROM = re.compile(
    r"\b(?:up|down)\s+from\s+(?:(?:an?|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:toll|figure|count|tally|number)\s+of\s+)?$",
    re.I,
)
_TO_AFTER = re.compile(
    r"(?:\s+[a-z-]+){0,2}?\s+to\s+(?:just\s+|about\s+|around\s+|at\s+least\s+|more\s+than\s+)?\d"
)


def find(
    text: str,
    offset: int,
    mentions: list[Mention],
    excluded: list[Span],
    *,
    speaker_country: str | None,
    context_country: str | None,
    override: str | None = None,
    speaker_soldiers: bool = True,
    home: str | None = None,
    places: Sequence[int] = (),
    two_countries: bool = False,
) -> list[FigureMention]:
    """Casualty figures in one sentence (absolute offsets). ``excluded`` are spans of dates.
    ``speaker_soldiers`` is false when the speaker is an armed group: the soldiers it counts
    are not its own. ``home`` is the article's main country, whose "government troops" they
    are. ``two_countries``: the article's conflict is between two or more countries, so a
    war's toll of people counts both."""
    v = _vocabulary(override)
    raw: list[dict[str, Any]] = []
    matches = [(m, False) for m in v.number.finditer(text)]
    matches += [(m, True) for m in v.one.finditer(text)]
    # "one soldier was killed and another wounded": "another" with a category, one person.
    matches += [(m, True) for m in _ANOTHER.finditer(text)]
    clocks = [(offset + c.start(), offset + c.end()) for c in _CLOCK.finditer(text)]
    for match, by_article in sorted(matches, key=lambda pair: pair[0].start()):
        start, end = offset + match.start(), offset + match.end()
        if any(start < e and s < end for s, e in (*excluded, *clocks)):
            continue  # a date, or a time of day ("as of 8:00 a.m.", "(1600 GMT)")
        n = _value(v, match.group("n"))
        if n is None or _UNITS.match(text[match.end() :]):
            continue
        if n == 1 and _NO_BEFORE.search(text, max(0, match.start() - 4), match.start()):
            continue  # "No one was injured": nobody, not one wounded
        if _YEAR.fullmatch(match.group("n")) and not v.noun.match(
            text,
            _after_spaces(text, match.end()),
        ):
            continue  # "Five captured over 2016 terror attack": a year, not "over 2,016"
        if match.group("n").lower() in ("a", "an") and not by_article:
            continue  # "a" alone is one person only before a person noun (``one``)
        if by_article and _SAID_BEFORE.search(text, max(0, match.start() - 20), match.start()):
            continue  # "..., said a police official": the speaker
        if by_article and _NAMED_SPEAKER_BEFORE.search(
            text, max(0, match.start() - 70), match.start()
        ):
            continue  # "according to Hassan Barham, an official with ...": who speaks
        if by_article and _NOT_ONE.search(text, 0, match.start()):
            continue  # "killed in a ... attack", "one of a group of soldiers"
        if _FROM_BEFORE.search(text, max(0, match.start() - 8), match.start()) and _TO_AFTER.match(
            text, match.end()
        ):
            continue  # "revised the toll from 44 to 39": the figure it replaced
        if _UP_FROM.search(text, max(0, match.start() - 50), match.start()):
            continue  # "71 killed, up from 50 reported earlier": the figure it replaced
        if _SUBSET.search(text, 0, match.start()):
            continue  # "seven people, including three children": a part of a figure
        if _POPULATION_BEFORE.search(text, max(0, match.start() - 60), match.start()):
            continue  # "this town of 15,000 people": how many live there, not a toll
        if _AGED.search(text, max(0, match.start() - 25), match.start()):
            continue  # "five officers aged between 24 and 31": their ages, not a count
        breakdown = _BREAKDOWN_SENTENCE.match(text)
        if breakdown is not None and match.start() >= breakdown.end():
            continue  # "The dead included a commander and two colonels": parts of a toll
        if raw and _IN_BREAKDOWN.search(text, max(0, match.start() - 70), match.start()):
            continue  # "Six civilians, including a husband and wife and a soldier": a part
        if raw and _OF_THE.fullmatch(text, raw[-1]["match"].end(), match.start()):
            continue  # "six of the seven assailants": the whole they were part of
        if raw and _OF_THEM.match(text, match.end()):
            continue  # "Four militants, three of them members of ...": a part of the one before
        # An aside is blanked out, same length so offsets hold: "140, mostly unarmed, ...".
        after = _blanked(_ASIDE, text[match.end() : match.end() + 80])
        noun = None
        np_end = match.end()
        np = re.match(
            r"(?:\s+of)?(?:\s+(?:its|their|our|his|her|the))?((?:\s+[\w’'-]+){0,3}?)\s+", after
        )
        # "one ... border guard": a count of one takes the singular nouns.
        # "one of their soldiers": a count of one takes the plural after "of".
        singular = by_article or (n == 1 and not re.match(r"\s+of\s", after))
        noun_match = (v.one_noun if singular else v.noun).search(after[:60])
        if noun_match and np is not None:
            between = after[: noun_match.start()]
            if (
                len(between.split()) <= 4
                and not v.category_any.search(between)
                and not re.search(r"[,;.]", _INITIAL_DOT.sub("", between))  # "two U.S. soldiers"
            ):
                noun = noun_match.group().lower()
                np_end = match.end() + noun_match.end()
        if noun is not None and _SAYS.match(text, np_end):
            continue  # "a top territorial official said", "two officials told": who speaks
        if n == 0 and noun in ("bodies", "corpses"):
            continue  # "No bodies were found": no count of the dead
        if _NOT_HURT_AFTER.match(after):
            continue  # "and another 400,000 displaced": people uprooted, not casualties
        direct = _DIRECT.match(after)
        direct_category = _category(v, after[direct.end() : direct.end() + 20]) if direct else None
        if direct_category and direct_category[1] != 0:
            direct_category = None
        if (
            noun is None
            and direct_category is None
            and (verb := _VERB_BEFORE_COUNT.search(text, max(0, match.start() - 40), match.start()))
            and _category(v, verb.group(1)) is None
        ):
            continue  # "killed 37 terrorists and retrieved 21 firearms": what else it did
        rose = _ROSE_TO.search(text, 0, match.start()) or _TOLL_IS.search(text, 0, match.start())
        things = _THINGS.match(after) if noun is None and direct_category is None else None
        if things is not None and things.group(1).lower() in v.things:
            continue  # "damaged nine private houses": a number of things, not of people
        if noun is None and direct_category is None and rose is None:
            behind = text[max(0, match.start() - 50) : match.start()]
            back = _last_category(v, behind)
            if back is None or len(behind[back[1] :].split()) > 6:
                continue
        raw.append(
            {
                "match": match,
                "start": start,
                "np_end": offset + np_end,
                "noun": noun,
                "n": n,
                "direct": direct_category[0] if direct_category else None,
                # "six died and seven were in a critical condition": the number has a
                # predicate of its own that is no category, so "died" is not its.
                "own_predicate": bool(
                    direct is not None and direct_category is None and _OWN_PREDICATE.match(after)
                )
                # "and that more than 30,000 refugees had crossed into Russia": the count's own
                # verb, with no category before the clause ends, takes none from before it.
                or _has_own_verb(v, text, np_end),
                # "The number of people killed by ... rose to 75": the subject's category.
                "toll": _toll_category(v, text[: rose.end()]) if rose else None,
            }
        )
    raw = _without_parts(raw, text, offset)
    figures: list[FigureMention] = []
    for i, item in enumerate(raw):
        match = item["match"]
        limit = raw[i + 1]["start"] - offset if i + 1 < len(raw) else len(text)
        # "nine civilians – including women and children – were injured": an aside between
        # two dashes is blanked out (same length), so the dash ends no clause.
        window = _blanked(_ASIDE, _blanked(_DASHED_ASIDE, text[item["np_end"] - offset : limit]))
        clause = _CLAUSE_END.search(window)
        forward_text = window[: clause.start()] if clause else window
        category = item["direct"] or item["toll"]
        if (
            category is None
            and item["noun"] in ("bodies", "corpses", "lives")
            and not _LIVES_SAVED.search(text, max(0, match.start() - 40), match.start())
        ):
            category = "killed"  # "We have recovered 98 Tiger bodies", "1,000 lives lost"
        right_before = v.verb_before.search(text, 0, match.start())
        if category is None and right_before is not None:
            found = _category(v, right_before.group(1))
            category = found[0] if found else None
        if (
            category is None
            and item["noun"] in ("hostages", "hostage", "captives", "prisoners")
            and _TAKEN_BEFORE.search(text, max(0, match.start() - 30), match.start())
        ):
            category = "captured"  # "killing about 1,200 people and taking some 250 hostages"
        joined = (
            i > 0
            and raw[i - 1].get("category") not in (None, "@next")
            and raw[i - 1]["noun"] is not None
            and item["noun"] is not None
            and _JOINED.fullmatch(text, raw[i - 1]["np_end"] - offset, match.start()) is not None
        )
        # "killed three South Koreans, along with one Egyptian, and injured 14 others": a
        # count joined to the one before, whose next words open a clause of their own,
        # takes the category of the first, not that clause's.
        if category is None and not (joined and _NEW_CLAUSE.match(forward_text)):
            forward = _category(v, forward_text)
            category = forward[0] if forward else None
            if category == "wounded" and _SUCCUMBED.search(forward_text):
                # "17 troops who were critically injured ... had succumbed to injuries"
                category = "killed"
        if _EITHER.match(forward_text):
            continue  # "604 civilians were killed or injured": the dead and the hurt as one
        if category is None and i + 1 < len(raw) and _COORDINATION.match(window):
            # "The toll includes 219 fighters and 163 soldiers": a category before the
            # coordination is both counts'; else the next count's ("three soldiers and two
            # civilians were killed").
            behind = text[max(0, match.start() - 50) : match.start()]
            back = _last_category(v, behind)
            ahead = _category(v, text[match.end() : match.end() + 120])
            category = (
                back[0]
                if back is not None and len(behind[back[1] :].split()) <= 6 and ahead is None
                else "@next"
            )
        if category is None and joined:
            # "killing at least 15 law enforcement officials and five civilians": two counts
            # joined by "and" share the category of the first, and its "at least".
            category = raw[i - 1]["category"]
            item["shared_from"] = raw[i - 1]["match"]
        if category is None and not item["own_predicate"]:
            behind = text[max(0, match.start() - 50) : match.start()]
            back = _last_category(v, behind)
            if back is not None and len(behind[back[1] :].split()) <= 6:
                category = back[0]
        if category is None:
            continue
        item["category"] = category
    kept = [item for item in raw if "category" in item]
    for i in range(len(kept) - 1, -1, -1):
        if kept[i]["category"] == "@next":
            kept[i]["category"] = kept[i + 1]["category"] if i + 1 < len(kept) else None
    previous_party: str | None = None
    previous_end = offset
    for item in kept:
        if item["category"] is None:
            continue
        match = item["match"]
        np_span = (item["start"], item["np_end"])
        of = _OF_WHOM.match(text, item["np_end"] - offset)
        if of is not None:
            # "30 servicemen of the Armenian armed forces": whose they are, after "of".
            np_span = (item["start"], item["np_end"] + of.end() - of.start() + 1)
        party, source = _party(v, text, offset, np_span, item["noun"], mentions, speaker_country)
        if source != "mention" and of is not None:
            # "seven military advisors from the Islamic Revolution Guards Corps (IRGC)": a
            # body the actor registry knows, whose country's people they are.
            owner = _OWNER_NAMED.match(text, item["np_end"] - offset + of.end() - of.start())
            code = (
                _registry_country(owner.group("name"))
                or (_registry_country(owner.group("abbr")) if owner.group("abbr") else None)
                if owner
                else None
            )
            if code is not None:
                party, source = code, "mention"
        # "39 people, including four children" counts people: a breakdown never makes the
        # whole a civilian figure (the part is not a figure of its own).
        government = _GOVERNMENT_FORCES.search(
            text, item["start"] - offset, item["np_end"] - offset
        )
        if party is None and government is not None and home is not None:
            party, source = home, "the government's forces"
        if party is None and item["noun"] is not None:
            # "20 hostages, including nine Italians, seven Japanese and one American": a
            # breakdown by two or more peoples makes the whole no one country's.
            parts = _BREAKDOWN_LIST.match(text, item["np_end"] - offset)
            peoples = {
                m.code
                for m in mentions
                if parts is not None and m.code and item["np_end"] <= m.start < offset + parts.end()
            }
            if len(peoples) >= 2:
                party, source = _plural(item["noun"]), "mixed"
        if party is None and previous_party is not None and source != "civilians":
            # "Azerbaijan said 50 of its soldiers were killed, while Yerevan reported 49 dead":
            # a clause with a country of its own as its subject counts that country's dead,
            # not the ones before.
            turn = _NEW_CLAUSE.search(text, previous_end - offset, match.start())
            speaker = next(
                (
                    m.code
                    for m in mentions
                    if turn is not None
                    and m.code
                    and offset + turn.end() <= m.start < match.start() + offset
                    and _SPEECH_AFTER.match(text, m.end - offset)
                ),
                None,
            )
            party, source = speaker or previous_party, "coordinated"
        if (
            party is None
            and speaker_country is not None
            and speaker_soldiers
            and item["noun"] in v.forces
            and not _BY_THE_SPEAKER.search(text, 0, match.start())
        ):
            # "The Israeli military said two soldiers were killed": its own soldiers.
            party, source = speaker_country, "the speaker's forces"
        if party is None and two_countries and _WAR_TOLL.search(text):
            # "a 1991-94 war which killed an estimated 30,000 people", "An estimated 30,000
            # people died in that war": a war between two countries killed people of both.
            party = (
                "people" if item["noun"] in (None, "lives", "persons") else _plural(item["noun"])
            )
            source = "a war's toll"
        if party is None:
            # Civilians, and people whose nationality the clause does not give, are of the
            # country where it happened (the place named, the article's country).
            fallback = context_country or speaker_country
            if (
                places
                and speaker_country is not None
                and all(
                    _NEW_CLAUSE.search(
                        text, min(match.start(), p - offset), max(match.start(), p - offset)
                    )
                    for p in places
                )
            ):
                # "Thailand's health ministry said 14 civilians ... were killed, while
                # Cambodia's Oddar Meanchey province reported ...": a place in another
                # speaker's clause is not where this count's people are.
                fallback = speaker_country
            if fallback is None and item["toll"] is not None:
                continue  # a running toll of no one party ("on the border rose to 94")
            # With no country to tell, the people counted by what they are ("people",
            # "sailors", "migrants"), as the annotation guide has it.
            party = fallback or (
                "civilians"
                if source == "civilians"
                else "people"
                if item["noun"] == "lives"  # "claimed more than 6,500 lives": people
                else _plural(item["noun"])
                if item["noun"] and item["noun"] not in ("bodies", "corpses")
                else "unidentified"
            )
            source = source if source == "civilians" else "context"
        previous_party = party
        previous_end = item["np_end"]
        low, best, high = _bounds(v, match)
        if best is not None and _MAY_RISE_TO.search(
            text, max(0, match.start() - 60), match.start()
        ):
            low, best, high = None, None, best  # "could rise to eighty": no more than that
        shared = item.get("shared_from")
        if shared is not None and best is not None and _bounds(v, shared)[0] is not None:
            low, best = best, None
        figures.append(
            FigureMention(
                start=item["start"],
                end=item["np_end"],
                text=text[item["start"] - offset : item["np_end"] - offset],
                party=party,
                category=item["category"],
                low=low,
                best=best,
                high=high,
                party_from=source,
                noun=item["noun"],
            )
        )
    return figures


#: A war's toll, not a day's: "in a war that claimed 30,000 lives", "died in that war" (never
#: a civil war, which is one country's).
_WAR_TOLL = re.compile(
    r"(?<!civil )\b(?:war|conflict)\b[^.;]{0,60}?\b(?:that|which)\s+(?:killed|claimed|left)\b"
    r"|\b(?:people|lives|persons)\s+(?:died|were killed|perished|have been killed|had been "
    r"killed)\s+in\s+(?:the|that|a|this)\s+(?:[\w-]+\s+){0,3}?(?<!civil )(?:war|conflict)\b",
    re.I,
)

#: The capitalised name after a count's "of" or "from": whose people they are.
_OWNER_NAMED = re.compile(
    r"(?P<name>[A-Z][\w’'-]*(?:\s+(?:of\s+|the\s+)*[A-Z][\w’'-]*)*)(?:\s*\((?P<abbr>[A-Z]{2,8})\))?"
)


def _without_parts(raw: list[dict[str, Any]], text: str, offset: int) -> list[dict[str, Any]]:
    """Counts that break down the one before them, listed after a comma and adding up to it,
    are its parts, no figures of their own: "four security officials, three soldiers and one
    police officer were killed" is four killed."""
    kept: list[dict[str, Any]] = []
    i = 0
    while i < len(raw):
        whole = raw[i]
        kept.append(whole)
        j = i + 1
        total = 0
        if j < len(raw) and _PARTS_OPEN.fullmatch(
            text, whole["np_end"] - offset, raw[j]["start"] - offset
        ):
            total = raw[j]["n"]
            while (
                j + 1 < len(raw)
                and total < whole["n"]
                and _JOINED.fullmatch(text, raw[j]["np_end"] - offset, raw[j + 1]["start"] - offset)
            ):
                j += 1
                total += raw[j]["n"]
        if j > i + 1 and total == whole["n"] and whole["noun"] in _WHOLE_NOUNS:
            i = j + 1  # the parts after the whole are skipped
        else:
            i += 1
    return kept


#: Nouns general enough to have parts of other kinds ("four security officials, three
#: soldiers and one police officer"; never "three soldiers, two policemen and a civilian").
_WHOLE_NOUNS = frozenset(
    ["people", "persons", "officials", "personnel", "members", "victims", "casualties"]
)
#: A time of day: "8:00 a.m.", "08:00", "6.00 p.m.", "1600 GMT", "0300 hrs".
_CLOCK = re.compile(
    r"(?<![\d.,])\d{1,2}:\d{2}(?:\s*(?:[ap]\.?m\.?|hrs|hours|GMT|UTC))?(?![\d:])"
    r"|(?<![\d.,])\d{1,2}\.\d{2}\s*(?:[ap]\.?m\.?|hrs|hours|GMT|UTC)"
    r"|(?<![\d.,])\d{4}\s*(?:GMT|UTC|hrs|hours|h\b|local time)",
    re.I,
)
#: A comma or colon between a count and the first of its parts.
_PARTS_OPEN = re.compile(r"\s*[,:]\s*|\s+[-–—]\s+")


def _plural(noun: str) -> str:
    """A person noun in the plural: "sailor" → "sailors", "man" → "men"."""
    if noun.endswith(("s", "people", "men")):
        return noun
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun in ("child",):
        return "children"
    return noun + "s"


def _registry_country(name: str) -> str | None:
    """The country of a state organ or a group the actor registry knows by ``name``."""
    from timeline.actors.registry import builtin

    record = builtin().record(name)
    return record.country if record is not None else None


def _party(
    v: _Vocabulary,
    text: str,
    offset: int,
    span: Span,
    noun: str | None,
    mentions: list[Mention],
    speaker_country: str | None,
) -> tuple[str | None, str]:
    for mention in mentions:
        if span[0] <= mention.start < span[1] and mention.code:
            return mention.code, "mention"
    words = text[span[0] - offset : span[1] - offset]
    if _POSSESSIVE.search(words) and speaker_country:
        return speaker_country, "possessive"
    if noun in v.civilian:
        return None, "civilians"
    return None, "context"


def _bounds(v: _Vocabulary, match: re.Match[str]) -> tuple[int | None, int | None, int | None]:
    n = _value(v, match.group("n"))
    assert n is not None
    if match.group("range"):
        low = _value(v, match.group("lo"))
        if (
            low is None
            or low >= n
            or (
                match.group("range").lower() == "from"
                and _CHANGED_BEFORE.search(match.string, max(0, match.start() - 60), match.start())
            )
        ):
            # "revised the toll from 44 to 39", "rose from 20 to 25": the number it became,
            # not a range (and never a range that runs backwards).
            return None, n, None
        return low, None, n
    if "lo2" in match.re.groupindex and match.group("lo2"):
        low = _value(v, match.group("lo2"))
        if low is not None and low < n:
            return low, None, n
    qualifier = (match.group("q") or "").lower()
    bound = v.qualifiers.get(qualifier, "best")
    if bound == "low":
        return n, None, None
    if bound == "above":
        return n + 1, None, None
    if bound == "high":
        return None, None, n
    return None, n, None
