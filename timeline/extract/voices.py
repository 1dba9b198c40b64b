"""Speakers to sides, through the actor registry (``timeline/actors``).

The attribution stage finds who speaks ("Ukrainian Foreign Minister Dmytro Kuleba said",
"the Lebanese Health Ministry said", "Donetsk governor Pavlo Kyrylenko told"). A casualty
figure belongs to the *side* that voice speaks for, so the draft gives each figure the side's
name as its claimant ("Government of Ukraine"), while the development keeps the voice in
``actors`` and ``claim.asserted_by``.

A speaker resolves, in this order, and never by guessing:

1. its name through the registry ("Lebanese Health Ministry", "Kuleba" if the registry knows
   the person);
2. the longest run of words in the speaker's phrase, title included, that the registry knows
   ("Ukrainian Foreign Minister" before "Dmytro Kuleba" is the foreign ministry);
3. a regional office of a place the gazetteer knows ("Donetsk governor", "the Gaza City
   mayor", "Kharkiv regional administration"): that country's government.

A speaker that resolves to nothing keeps its own words as the claimant.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from timeline.actors.registry import SIDE_KINDS, Registry
from timeline.extract import lexicon

_WORD = re.compile(r"[\w’'.-]+")
_REGIONAL_OFFICE = re.compile(
    r"\b(governor|mayor|regional (?:administration|governor|council|authorities|police|"
    r"military administration)|(?:[\w-]+\s+)?administration|(?:city|provincial|district|"
    r"regional|municipal|county) council|provincial "
    r"(?:governor|government|authorities|police)|"
    r"(?:local|municipal|city|town) (?:authorities|officials)|"
    r"(?:district|regional|provincial|state|city) (?:health )?officials?|police chief|"
    # South Asia's interior ministers and ministries: "Balochistan home minister", "the
    # provincial home department".
    r"home (?:minister|ministry|department|secretary)|"
    # Nigeria's local government areas: "Chairman Madagali Local Government Area", "the LGA
    # chairman", "the council chairman".
    r"local government(?: area| council)?|(?-i:LGA) chairman|council chairman|"
    # Ukraine's regional, city and district military administrations, as its outlets
    # abbreviate them: "the head of the RMA Vadym Filashkin".
    r"(?-i:RMA|OVA|RVA|MVA|CMA))\b",
    re.I,
)
_MAX_WINDOW = 7
#: Bodies named without their country ("the health ministry said"): in an article about one
#: country, that country's body.
_BARE_BODY = re.compile(
    r"^(?:(?:the|a|an|one|another)\s+)?(?:(?:country|nation)['’]s\s+)?"
    # "a local health official", "the provincial health ministry".
    r"(?:(?:local|provincial|regional|district|state)\s+(?=health\b))?"
    r"((?:health|defen[cs]e|interior|internal affairs|foreign|information|"
    r"emergenc(?:y|ies))\s+ministry|ministry of (?:health|defen[cs]e|interior|internal affairs|"
    r"foreign affairs|information)|"
    r"(?:(?:senior|top|high-ranking)\s+)?(?:army|military)|armed forces|border guards?|"
    r"border service|police(?: department)?|government|authorities|defen[cs]e|"
    r"officials?|presidency|security council|health (?:officials?|authorities)|(?:defen[cs]e|"
    r"health|interior|foreign) minister|"
    # "a government minister", "the junior interior minister", "media minister".
    r"(?:(?:junior|deputy|state|senior|acting|top)\s+)?(?:government|cabinet|[a-z]+)\s+minister|security (?:forces|services|sources?|officials?)|"
    r"(?:state |public )?security|"
    r"(?:(?:local|government|state|military|police|army|senior|top|high-ranking|provincial|"
    r"district|regional|county|security|defen[cs]e)\s+){1,2}(?:officials?|sources?|authorities)|"
    r"(?:a|one|another) "
    r"(?:senior |top |local )?official|(?:(?:senior|military|army|police|security)\s+)?"
    # "One soldier, identified as Cpl. Borlado, said": a soldier speaks for the army.
    r"(?:officers?|commanders?|soldiers?|servicem[ae]n|policem[ae]n)|(?:[A-Z][\w-]*\s+){0,3}(?:Joint\s+)?(?:Task\s+Force|Command|"
    r"Brigade|Division|Battalion|Regiment|Corps|Special\s+(?:Operations\s+)?Forces|"
    # "the Iraqi Security Media Cell", the security forces' spokesmen.
    r"(?:Security\s+)?Media\s+Cell))$",
    re.I,
)
#: Bodies too generic to be a state organ by themselves: officials of whom?
_WHOSE_UNSAID = re.compile(r"^(?:local (?:sources?|residents?|media))$", re.I)
#: Ranks and courtesy titles, abbreviated or not.
RANK_WORDS = (
    r"(?:Colonel|Col|General|Gen|Major|Maj|Lieutenant|Lt|Captain|Capt|Brigadier|Brig|"
    r"Sergeant|Sgt|Commander|Cmdr|Admiral|Adm|Dr|Mr|Mrs|Ms|Prof|Sheikh|"
    # Police ranks: "Chief Insp George Kakas", "Supt. Ali Khan".
    r"Chief Inspector|Chief Insp|Inspector|Insp|Superintendent|Supt|Constable|Corporal|Cpl)\.?"
)
#: A rank or courtesy title before a name.
_RANK = re.compile(rf"^(?:{RANK_WORDS}\s+)+")
#: Ranks and courtesy titles that end a title, right before the name ("military spokesman
#: Colonel [Hersi]").
_RANK_AFTER = re.compile(rf"(?:\s+{RANK_WORDS})+$")
_SURNAME = re.compile(r"([A-Z][\w’'-]+)\s*$")
#: A military rank before a name ("Colonel Hassan Abuker", "Brig. Gen. Azad Jalal").
_MILITARY_RANK = re.compile(
    r"\b(?:Colonel|Col\.|General|Gen\.|Major|Maj\.|Lieutenant|Lt\.|Captain|Capt\.|Brigadier|"
    r"Brig\.)\s+(?:(?:General|Gen\.|Colonel|Col\.)\s+)?[A-Z][a-z]"
)
#: A sponsor or recogniser before the body that speaks ("the Iran-backed Houthis", "the
#: country's UN-recognised government"): not the speaker, so it is set aside.
_SPONSOR = re.compile(
    r"\b[\w’'.]+(?:\s+[A-Z][\w’'.]+)*[-\u2010\u2011](?:backed|recogni[sz]ed|allied|aligned|"
    r"supported|funded|sponsored|based|born|educated|trained)\b\s*",
    re.I,
)
_PHRASE_TAIL = re.compile(
    r"(?:the\s+)?(?:(?:country|nation)['’]s\s+)?[\w’'-]+(?:\s+[\w’'-]+)?$", re.I
)
#: Voices of a people, not of its state: "Palestinian (medical) sources", "Lebanese media".
_PEOPLES_VOICES = re.compile(
    # "local and Russian media": two presses, neither a state.
    r"^(?:(?i:the|a|an)\s+)?(?:(?:local|foreign|international|independent|regional)\s+and\s+)?"
    r"(?!(?:Security|Military|Army|Police|Government|Official|Diplomatic|"
    r"Intelligence|State|Defen[cs]e|Health|The|A|An|This|That|These|Those)\b)"
    r"[A-Z][\w-]+\s+(?:(?:medical|local|hospital|"
    r"rescue|news|social)\s+)?(?:sources|media|residents|witnesses|activists|people|doctors|"
    r"medics|relatives|survivors|journalists|analysts|villagers|reports|eyewitnesses|"
    # "A Syrian human rights group said": a people's monitor, never its state.
    r"(?:human\s+)?rights\s+(?:group|monitor|organi[sz]ation|activists?|watchdog)|monitor|"
    r"watchdog|NGO|charity)$"
)
#: The words for a press: "media", "the press", "newspapers", "news outlets", "TV".
_PRESS = (
    r"(?:media|press|newspapers?|news\s+(?:outlets?|agencies|sites|websites)|television|TV|"
    r"outlets)(?:\s+reports?)?"
)
_PRESS_MODIFIER = r"(?:(?:local|pro-government|opposition)\s+)?"
#: A people's press, unnamed: "the Azeri press", "Lebanese media", "Armenian media reports".
_PEOPLES_MEDIA = re.compile(
    rf"^(?:(?i:the|an?)\s+)?{_PRESS_MODIFIER}(?P<people>[A-Z][\w-]+)\s+{_PRESS_MODIFIER}{_PRESS}$"
)
#: The press of a named country: "a local media report in Azerbaijan", "media in Armenia".
_MEDIA_IN = re.compile(rf"\b{_PRESS}\s+in\s+(?P<people>[A-Z][\w-]+)\s*$")
#: The press of the place, unnamed: "local media", "local press reports".
_LOCAL_MEDIA = re.compile(rf"^(?:the\s+)?local\s+{_PRESS}$", re.I)


#: People who are not the state, named with where they are: "human rights groups in Haiti".
_PEOPLE_IN_PLACE = re.compile(
    rf"^(?P<who>(?:local\s+)?{lexicon.PEOPLE_NOT_STATE})\s+(?:in|from|across|inside)\s+", re.I
)


@functools.cache
def _press_names() -> dict[str, str]:
    """One voice for each people's unnamed press ("Azerbaijani media"), by the people's
    adjectives and the country's names and code, folded."""
    names: dict[str, str] = {}
    for code, entry in lexicon.countries(None).items():
        if not entry.demonyms:
            continue
        voice = f"{entry.demonyms[0]} media"
        for word in (code, *entry.demonyms, *entry.names):
            names.setdefault(word.casefold(), voice)
    return names


#: A possessive ending: "Kandahar’s", "Artsakh's".
_POSSESSIVE_S = re.compile(r"[’']s\b")
_POSSESSIVE_END = re.compile(r"[’']s$")
_BASED = re.compile(r"\b([A-Z][\w’'.]+)[-\u2010\u2011]based\b")
#: Nouns for a body that speaks, too generic to say which one.
_GENERIC_BODIES = frozenset(
    {"organization", "organisation", "group", "monitor", "watchdog", "charity", "ngo", "body"}
)
#: A generic body named by where it is based: "the UK-based organization".
_BASED_GENERIC = re.compile(
    r"^(?:the|this|that)\s+[\w’'.-]+[-\u2010\u2011]based\s+(?P<noun>(?:[\w-]+\s+)?"
    r"(?:organi[sz]ation|group|monitor|watchdog|observatory|charity|NGO|body))$",
    re.I,
)
#: The owner of the body that speaks ("the Hamas-run health ministry", "Houthi-controlled
#: media"): the body speaks for its owner.
_OWNER = re.compile(
    r"([A-Z][\w’'.]+(?:\s+[A-Z][\w’'.]+)*)[-\u2010\u2011]"
    # "the Houthi-rebel-run Health Ministry": the owner's kind between owner and verb.
    r"(?:(?:rebel|militant|militia|insurgent|group)[-\u2010\u2011])?(?:run|controlled|operated|"
    # "the Russian-installed mayor", "the UN-appointed envoy": who installed him speaks.
    r"appointed|installed)\b"
)
#: Other words for a body ("Gaza health officials" speak for the health ministry).
_BODY_WORDS = (
    (
        re.compile(r"\bhealth (?:officials?|authorit(?:y|ies)|workers|department)\b", re.I),
        "health ministry",
    ),
    (
        re.compile(r"\bmilitary (?:officials?|sources?|spokes(?:man|woman|person))\b", re.I),
        "military",
    ),
    (re.compile(r"\bforeign (?:office|affairs ministry)\b", re.I), "foreign ministry"),
)
#: A body named again without its name ("the agency said", "the committee added"): the
#: noun that heads it.
#: An article opening a name.
_ARTICLE = re.compile(r"^(?:the|this|that|a)\s+", re.I)
#: A document named again: "the statement", "the communique".
_DOCUMENT_ANAPHOR = re.compile(
    r"^(?:the|this|that|these|a)\s+(?:(?:(?:military|army|ministry|government|police)(?:['’]s)?|"
    r"joint|official|latest|same|new|earlier|previous|daily)\s+){0,2}"
    r"(?:statements?|communiqu[eé]s?|press releases?|releases?|updates?)$",
    re.I,
)
#: An outlet named again by what it is: "the news agency", "the broadcaster".
_PRESS_ANAPHOR = re.compile(
    r"^(?:the|this)\s+(?:(?:news|state|private|independent)\s+)?(?:agency|news agency|outlet|"
    r"media outlet|website|news website|broadcaster|channel|newspaper|paper|daily)$",
    re.I,
)
_ANAPHOR = re.compile(
    r"^(?:the|this|that)\s+((?:[a-z]+\s+)?(?:agency|ministry|committee|group|organi[sz]ation|"
    r"office|service|council|force|forces|army|militia|movement|coalition|mission|body|cell|"
    r"department|authority|administration|spokes(?:man|woman|person)|official|monitor|"
    r"observatory|charity|network|union|front|alliance|rebels|insurgents|militants))$",
    re.I,
)
#: An article's own abbreviations: "the Kachin Independence Army (KIA)".
ABBREVIATION = re.compile(
    r"((?:[A-Z][\w’'.-]+|of|for|and|the)(?:\s+(?:[A-Z][\w’'.-]+|of|for|and|the|de|al|el)){0,7})"
    r"\s+\(([A-Z][A-Za-z]{1,7})\)"
)
#: A body's word before a speaker's role: "police spokesperson", "army official".
_BODY_TITLE = re.compile(
    r"\b(police|army|military|armed forces|border guards?|health ministry|defen[cs]e ministry|"
    r"defen[cs]e|"
    r"(?:state\s+|public\s+)?security|"
    r"interior ministry|foreign ministry|government|presidency)(?:['’]s)?\s+(?:spokes(?:man|"
    r"woman|person)|officials?|chief|commander|commissioner|sources?|officer|"
    r"press (?:office|service|wing)|"
    r"media (?:wing|office|cell)|public relations (?:wing|department|office))\b",
    re.I,
)
#: A region's ministry: "Dagestan's Interior Ministry", "Sindh Home Ministry".
_REGION_MINISTRY = re.compile(
    r"(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)(?:['’]s)?\s+(?:(?:regional|state|provincial)\s+)?"
    r"(?:(?i:interior|health|internal affairs|emergenc(?:y|ies)(?: situations)?|home)\s+"
    r"(?i:ministry|department)|"
    # "Oromia Police Commission", "Borno State Police Command".
    r"(?i:police)\s+(?i:commission|command|department|headquarters))\b"
)
#: An office held against the state: "the people's mayor", "the self-proclaimed governor".
_SELF_STYLED = re.compile(
    r"\b(?:self-(?:proclaimed|declared|styled)|people['’]s|separatist|rebel|de facto)\s+"
    r"(?:[\w-]+\s+)?(?:mayor|governor|administration|authorities|council|leader|head)\b",
    re.I,
)
#: Unnamed security sources, however many: "a security source", "three security sources".
_SECURITY_SOURCES = re.compile(
    r"^(?:(?:a|an|the|another|one|two|three|several|senior|local|other|multiple|reliable)\s+)*"
    r"(?P<kind>security|local|military)\s+sources?$",
    re.I,
)
#: A source named before, by its noun: "the source said", "this source", "the same sources".
_SOURCE_ANAPHOR = re.compile(r"^(?:the|this|that|these|those)\s+(?:same\s+)?sources?$", re.I)
#: A voice that is an unnamed source: "a security source", "medical sources".
_SOURCE_NOUN = re.compile(r"\bsources?$", re.I)
#: A people's Red Cross or Red Crescent society: "the Central African Red Cross", "Palestinian
#: Red Crescent".
_RELIEF_SOCIETY = re.compile(
    r"(?P<society>(?:[A-Z][\w’'-]*\s+){1,3}Red\s+(?:Cross|Crescent)(?:\s+Society)?)"
)
#: An office in a named body, after the holder's name: ", coordinator of the local group
#: Convention for the Respect of Human Rights", ", a spokesman for the Wagner Group".
_OFFICE_IN_BODY = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+)?(?:coordinator|head|director|chairman|chairwoman|"
    r"chair|president|spokes(?:man|woman|person)|leader|secretary[- ]general|founder|official)\s+"
    r"(?:of|for|at|with)\s+(?:the\s+)?(?:(?:local|rights|human rights|civil society|aid)\s+)?"
    r"(?:(?:group|organi[sz]ation|NGO|association|charity|collective)\s+)?"
    r"(?P<body>[A-Z][\w’'-]*(?:\s+(?:(?:for|of|the|and|on|in)\s+)*[A-Z][\w’'-]*)*)"
)
#: A body named by the side that leads it: "GNA-led Burkan Al-Ghadab", "Saudi-led".
_LED_BY = re.compile(r"([\w’'.]+)[-\u2010\u2011]led\s+[A-Z]")
#: Members named with their body: "Militants of the Movement for ...", "Fighters of the".
_MEMBERS_OF = re.compile(
    r"^(?:Militants|Fighters|Members|Rebels|Gunmen|Supporters|Insurgents|Guerrillas)\s+of\s+"
    r"(?:the\s+)?([A-Z].+)$"
)
#: A feature after a country's name that makes it another place ("Niger Delta").
_FEATURE_WORD = re.compile(f"(?:{lexicon.FEATURE_WORDS})")
#: A word that makes a people's word part of an institution's name.
_INSTITUTION_WORD = re.compile(f"(?:{lexicon.INSTITUTION_WORDS})")
#: The body after a title's "for" or "of": "spokesman for the Ministry of Defense".
_TITLE_OF_BODY = re.compile(
    r"\b(?:spokes(?:man|woman|person)|official|officer|head|chief|director|representative|"
    # "the Press Center of the Ministry of Internal Affairs".
    r"press (?:cent(?:er|re)|service|office))\s+"
    r"(?:for|of|at|with)\s+(.+)$",
    re.I,
)
#: Where a body sits, after its name: " in the city of Isfara", " in Kirkuk".
_BODY_SEAT = re.compile(
    r"\s+(?:in|of|at|for)\s+(?:the\s+)?(?:(?:city|town|province|region|district)\s+of\s+)?"
    r"(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)$"
)
#: "one of Chhattisgarh's most senior", "one of the top": what precedes the title's noun.
_ONE_OF = re.compile(
    r"^(?:one|two|another)\s+of\s+(?:the\s+)?(?:[\w’'-]+['’]s\s+)?(?:(?:most|very)\s+)?"
    r"(?:(?:senior|top|highest-ranking|high-ranking|leading)\s+)?",
    re.I,
)
#: A reporting verb before a speaker's title: "said military spokesman ...".
_VERB_BEFORE_TITLE = re.compile(r"^(?:said|says|told|added|adds|reported|stated)\s+", re.I)
#: An office "of" a state body: "Inspector-General of Police", "Superintendent of Police",
#: "Commissioner of Police", "Chief of Army Staff", "Director General of the Army".
_OFFICE_OF_BODY = re.compile(
    r"\b(?:inspector|director|superintendent|commissioner|chief|head|commander|spokes(?:man|"
    r"woman|person))(?:[-\s]+general)?\s+of\s+(?:the\s+)?(?P<body>police|army|armed forces|"
    r"military|(?:army|defen[cs]e|air|naval) staff)\b",
    re.I,
)
#: A spokesperson's or official's title ("agency spokesman", "ministry official").
_TITLE_WORD = re.compile(
    r"\b(?:spokes(?:man|woman|person)|official|director|head|chief|officer|representative)\b",
    re.I,
)
#: State media speak for the state.
_STATE_MEDIA = re.compile(
    r"^(?:the\s+)?(?:(?:country|nation)['’]s\s+)?state(?:-run)?\s+(?:media|television|tv|"
    r"radio|news agency|broadcaster|press agency|outlets?)$",
    re.I,
)


@dataclass(frozen=True)
class Voice:
    actor: str | None  # registry id
    side: str | None  # the side's id at the time
    side_name: str | None


class VoiceResolver:
    def __init__(
        self,
        registry: Registry,
        country_of: Callable[[str], str | None],
        main_country: str | None = None,
        country_name: Callable[[str], str | None] = lambda code: None,
    ) -> None:
        self.registry = registry
        self.country_of = country_of
        self.main_country = main_country
        self.country_name = country_name
        #: People introduced with a title that resolves ("Donetsk governor Pavlo
        #: Kyrylenko"): full name and surname -> actor id, for "Kyrylenko said" later.
        self.known: dict[str, str] = {}
        #: The head noun of each body that has spoken ("agency" for "Gaza's civil defence
        #: agency") -> its actor, the latest last, for "the agency said" later.
        self.heads: dict[str, str] = {}
        #: The last voice that resolved, for "said the statement" later.
        self.last_voice: str | None = None
        #: The last news outlet that spoke, for "the news agency said" later.
        self.last_press: str | None = None
        #: Abbreviations the article introduces ("Kachin Independence Army (KIA)").
        self.abbreviations: dict[str, str] = {}
        #: The claimant of the last unnamed source ("a security source"), for "the source
        #: said" later.
        self.last_source: str | None = None
        #: Whom each named person was found to speak for, by the words that described them
        #: ("Sani Usman, the army spokesman, said"): the same person named again alone
        #: ("Usman said") speaks for the same side.
        self.spoke_for: dict[str, str] = {}

    def learn_abbreviations(self, text: str) -> None:
        """Remember the abbreviations ``text`` introduces for actors the registry knows
        ("the Kachin Independence Army (KIA)"), so "KIA spokesman" resolves later."""
        for found in ABBREVIATION.finditer(text):
            words = found.group(1).split()
            abbreviation = found.group(2)
            # The longest tail of the words before the brackets that the registry knows.
            for start in range(len(words)):
                actor = self.registry.resolve(" ".join(words[start:]))
                if actor is not None:
                    self.abbreviations.setdefault(abbreviation, actor)
                    break

    def learn(self, name: str, title: str) -> None:
        """Remember that ``name`` holds an office ``title`` names (when it resolves)."""
        owner = _OWNER.search(title)
        actor = (
            (self._resolve(owner.group(1)) if owner else None)
            or self._window(title)
            or self._regional(title)
            or self._body_of(title)
            # "Army spokesman Shaban Bantariza": a body named without its country, in an
            # article about one country, so "Bantariza said" later is the army's.
            or self._bare_title(title)
            or self._leader(title)
            or self._regional_ministry(title)
        )
        if actor is None or not name:
            return
        self.known.setdefault(name, actor)
        # "Colonel Naw Bu" is later "Naw Bu".
        untitled = _RANK.sub("", name)
        if untitled and untitled != name:
            self.known.setdefault(untitled, actor)
            name = untitled
        surname = _SURNAME.search(name)
        if surname is not None and " " in name:
            self.known.setdefault(surname.group(1), actor)

    def resolve(self, name: str, phrase: str, when: str) -> Voice:
        """The registry actor behind a speaker ``name`` said in ``phrase`` (the speaker's
        words with the title before them), and its side at ``when``."""
        name, phrase = " ".join(name.split()), " ".join(phrase.split())
        owner = _OWNER.search(phrase)
        # "the Gaza-based health authorities": where the body sits names it, as "the Gaza
        # health authorities" would (unlike a sponsor, "Iran-backed").
        generic = _BASED_GENERIC.match(" ".join(name.split()))
        if generic is not None and (self.last_voice or self.heads):
            # "The UK-based organization also documented": the organisation that spoke
            # before, by its noun, never the country it is based in.
            noun = generic.group("noun").casefold()
            found = self._head(noun) or (
                self.last_voice if noun.split()[-1] in _GENERIC_BODIES else None
            )
            if found is not None:
                side = self.registry.side(found, when)
                record = self.registry.get(side)
                return Voice(found, side, record.name if record else side)
        phrase, name = _BASED.sub(r"\1", phrase), _BASED.sub(r"\1", name)
        phrase = _SPONSOR.sub("", phrase)
        bare_name = _SPONSOR.sub("", name).strip()
        society = _RELIEF_SOCIETY.search(bare_name)
        if society is not None and self._resolve(society.group("society")) is None:
            # "a Central African Red Cross official": the national society speaks, by its
            # name (the registry's ICRC is another body), never the state of its people.
            return Voice(None, None, None)
        if _PEOPLES_VOICES.match(bare_name):
            # "Palestinian sources", "Lebanese media", "Afghan witnesses": a people's
            # adjective says who they are, not that a state speaks.
            return Voice(None, None, None)
        if not bare_name:
            # The name was only the sponsor ("UN-recognised"): the body is what follows it
            # in the phrase ("the country's UN-recognised government").
            tail = _PHRASE_TAIL.search(phrase)
            bare_name = tail.group().strip() if tail else name
        for pattern, body in _BODY_WORDS:
            phrase = pattern.sub(body, phrase)
            bare_name = pattern.sub(body, bare_name)
        anaphor = _ANAPHOR.match(bare_name) or _ANAPHOR.match("the " + bare_name)
        press = _PRESS_ANAPHOR.match(bare_name)
        actor = (
            (self._resolve(owner.group(1)) if owner else None)
            or self._resolve(bare_name)
            or (self._head(anaphor.group(1)) if anaphor else None)
            # "The news agency said" after "Asia Plus reported": the last outlet that spoke.
            or (self.last_press if press else None)
            # "..., said the statement": the document of the last voice that resolved.
            or (
                self.last_voice
                if _DOCUMENT_ANAPHOR.match("the " + _ARTICLE.sub("", bare_name))
                else None
            )
            or self._window(phrase)
            # A name carried from an earlier sentence ("the Ministry" after "Artsakh’s
            # Defense Ministry reports"): its own words.
            or (self._window(name) if name not in phrase else None)
            # The office's place is in its title, never in the holder's name ("Provincial
            # police chief Ahmed Ali": not a town called Ali).
            or self._regional(
                phrase.replace(name, " ")
                if name[:1].isupper() and not _REGIONAL_OFFICE.search(name)
                else phrase
            )
            or self._regional_ministry(phrase)
            or self._bare(bare_name)
            or self._bare(phrase)
            or self._bare_title_of(name, phrase)
            # "the Press Center of the Ministry of Internal Affairs": a body's own office.
            or (self._body_of(phrase[phrase.index(name) :]) if name in phrase else None)
            or self._bare_title(phrase)
            or self._state_media(bare_name)
            or self._state_media(phrase)
            or self.known.get(name)
            or self._known_in(phrase)
            or self._title_head(phrase, name)
        )
        if actor is None:
            return Voice(None, None, None)
        self._remember(name, phrase, actor)
        self.last_voice = actor
        record = self.registry.get(actor)
        if record is not None and record.kind == "media":
            self.last_press = actor
        side = self.registry.side(actor, when)
        record = self.registry.get(side)
        return Voice(actor, side, record.name if record else side)

    def note_press(self, name: str) -> None:
        """Remember ``name`` as the last outlet that spoke, when the registry knows it as one."""
        actor = self._resolve(" ".join(name.split()))
        record = self.registry.get(actor) if actor else None
        if record is not None and record.kind == "media":
            self.last_press = record.id

    def claimant(self, name: str, phrase: str, when: str) -> str:
        """What a figure's claimant should be: the side's name when the voice resolves to a
        side (a government, an armed group, an organisation), else the name as given."""
        name = " ".join(name.split())
        if _SOURCE_ANAPHOR.match(name) and self.last_source is not None:
            # "..., the source said" after "a security source said": the same source.
            return self.last_source
        found = self._claimant(name, phrase, when)
        if _SOURCE_NOUN.search(name) and not _SOURCE_ANAPHOR.match(name):
            self.last_source = found
        if " " in name and name[:1].isupper():
            if found != name:
                self.spoke_for.setdefault(name, found)
            elif name in self.spoke_for:
                return self.spoke_for[name]
        return found

    def _claimant(self, name: str, phrase: str, when: str) -> str:
        located = _PEOPLE_IN_PLACE.match(name)
        if located is not None:
            # "human rights groups in Haiti": who they are; the country is where they are,
            # not whom they speak for.
            return located.group("who")
        unnamed = _SECURITY_SOURCES.match(name)
        if unnamed is not None:
            # "a security source told AFP", "a local source said", "a military source said":
            # the desk's own convention keeps unnamed security, local or military sources as
            # one voice of their own (11 of 14 security sources in the development set's gold,
            # 17 figures given to "local sources", 6 of 7 unqualified military sources).
            return f"{unnamed.group('kind').casefold()} sources"
        society = _RELIEF_SOCIETY.search(name)
        if society is not None and self.registry.resolve(society.group("society")) is None:
            return society.group("society")
        media = self._press(name, phrase)
        if media is not None:
            return media
        voice = self.resolve(name, phrase, when)
        if voice.side is None or voice.side_name is None:
            # "Militants of the Movement for the Emancipation of the Niger Delta": members
            # speak for their body.
            members = _MEMBERS_OF.match(" ".join(name.split()))
            if members:
                return members.group(1)
            # "Christophe Munyanderu, coordinator of the local group Convention for the
            # Respect of Human Rights (CRDH)": an office in a body the registry does not
            # know speaks for that body, by its name.
            office = _OFFICE_IN_BODY.search(" ".join(phrase.split()))
            if office is None:
                return name
            leader = self._leader(office.group("body"))
            if leader is not None:
                side = self.registry.get(self.registry.side(leader, when))
                if side is not None:
                    return side.name
            return office.group("body")
        record = self.registry.get(voice.side)
        if record is not None and (record.kind in SIDE_KINDS or voice.side != voice.actor):
            return voice.side_name
        return self.registry.actors[voice.actor].name if voice.actor else name

    def _press(self, name: str, phrase: str) -> str | None:
        """A people's unnamed press as one voice, so its figures never split: "the Azeri
        press", "Azerbaijani newspapers", "a local media report in Azerbaijan" and, in an
        article about Azerbaijan, "local media" are all "Azerbaijani media", never its state."""
        name, phrase = " ".join(name.split()), " ".join(phrase.split())
        for found in (_PEOPLES_MEDIA.match(name), _MEDIA_IN.search(phrase)):
            voice = _press_names().get(found.group("people").casefold()) if found else None
            if voice is not None:
                return voice
        if self.main_country is not None and _LOCAL_MEDIA.match(name):
            return _press_names().get(self.main_country.casefold())
        return None

    def _leader(self, text: str) -> str | None:
        """The side that leads a body the registry does not know: "the GNA-led Burkan
        Al-Ghadab Operation" speaks for the GNA."""
        led = _LED_BY.search(text)
        return self._resolve(led.group(1)) if led else None

    def _resolve(self, name: str) -> str | None:
        name = name.strip()
        return self.registry.resolve(name) or self.abbreviations.get(name.strip(".’'"))

    def _remember(self, name: str, phrase: str, actor: str) -> None:
        """A voice that resolved: its name (and a person's surname) and the head noun of
        its phrase stand for it later in the article."""
        if name[:1].isupper() and not _ANAPHOR.match(name):
            self.known.setdefault(name, actor)
        # "spokesman for the Defense Ministry for ATO Andriy Lysenko": "the spokesman" later.
        for title in _TITLE_WORD.finditer(phrase):
            self.heads[title.group().casefold()] = actor
        for text in (phrase, name):
            words = [w.casefold() for w in _WORD.findall(text)]
            for size in (2, 1):
                if len(words) >= size:
                    head = " ".join(words[-size:])
                    if _ANAPHOR.match("the " + head):
                        self.heads[head] = actor

    def _head(self, head: str) -> str | None:
        """ "the agency" after "Gaza's civil defence agency" spoke: that agency. "the
        ministry" stands for the last ministry that spoke."""
        head = head.casefold()
        return self.heads.get(head) or self.heads.get(head.split()[-1])

    def _bare_title_of(self, name: str, phrase: str) -> str | None:
        """A person's title before or after their name, without it: "media minister [Anura
        Yapa]", "[Devendra Raj Kadel,] the junior interior minister"."""
        if not name[:1].isupper() or name not in phrase:
            return None
        for part in re.split(r"[,;]", phrase.replace(name, ",")):
            # "..., said military spokesman Colonel Dahir Hersi": the verb before the title.
            title = _RANK.sub("", _VERB_BEFORE_TITLE.sub("", part.strip())).strip()
            title = _RANK_AFTER.sub("", title)  # "military spokesman Colonel [Hersi]"
            # "one of Chhattisgarh's most senior police officers": the body's officer.
            title = _ONE_OF.sub("", title)
            if title and _BARE_BODY.match(title):
                return self._bare(title)
            found = self._body_of(title) if title else None
            if found is not None:
                return found
        return None

    def _body_of(self, title: str) -> str | None:
        """The state body a title names after "for" or "of": "the deputy spokesman for the
        Ministry of Defense" in an article about one country."""
        tail = _TITLE_OF_BODY.search(title)
        if tail is None:
            return None
        # "a representative of the police department in the city of Isfara": the body,
        # without where it sits.
        found = self._bare(tail.group(1))
        seat = _BODY_SEAT.search(tail.group(1))
        if found is not None or seat is None:
            return found
        body = tail.group(1)[: seat.start()]
        code = self.country_of(seat.group("place"))
        if code is not None and _BARE_BODY.match(body) and not _WHOSE_UNSAID.match(body):
            return self._government(code)  # the police of the town's country
        return self._bare(body)

    def _bare_title(self, phrase: str) -> str | None:
        """ "Police spokesperson Maj. Abdifatah Adan Hassan", "an army official": a body
        named without its country in a speaker's title, in an article about one country."""
        title = _BODY_TITLE.search(phrase)
        if title is not None:
            return self._bare(title.group(1))
        office = _OFFICE_OF_BODY.search(phrase)
        if office is not None:
            body = office.group("body").casefold()
            return self._bare("military" if body.endswith("staff") else body)
        # "Colonel Hassan Mohamed Abuker, one of the commanders at the base": a military rank,
        # with no body named (a rebel group's would have resolved before), is an officer of
        # the country's forces.
        # Only when the rank opens the speaker's words: "KIA spokesman Colonel Naw Bu" is the
        # KIA's, whether or not the registry knows it.
        if _MILITARY_RANK.match(phrase.strip()):
            return self._bare("military officer")
        return None

    def _state_media(self, name: str) -> str | None:
        """ "State media" in an article about one country: that country's government (also
        when the words go on: "State television later read out an official statement")."""
        words = name.strip().split()
        if self.main_country is None or not any(
            _STATE_MEDIA.match(" ".join(words[:size])) for size in (2, 3, 4)
        ):
            return None
        return self._government(self.main_country)

    def _window(self, phrase: str) -> str | None:
        words = _WORD.findall(phrase)
        for size in range(min(_MAX_WINDOW, len(words)), 0, -1):
            for start in range(len(words) - size, -1, -1):
                if start + size < len(words) and _FEATURE_WORD.fullmatch(words[start + size]):
                    continue  # "Niger" in "the Niger Delta": not the country
                if start + size < len(words) and _INSTITUTION_WORD.fullmatch(words[start + size]):
                    continue  # "medics at the Saudi Hospital" in El Fasher: not the state
                window = " ".join(words[start : start + size]).strip(".")
                if len(window) < 2 or (window.islower() and size == 1):
                    continue
                if (
                    size == 1
                    and len(window) < 3
                    and window not in self.abbreviations
                    and not (len(window) == 2 and window.isupper())  # "UN spokesman"
                ):
                    continue
                found = self._resolve(window)
                if found is None and _POSSESSIVE_S.search(window):
                    # "Artsakh’s Defense Ministry": the owner named with its possessive.
                    found = self._resolve(_POSSESSIVE_S.sub("", window))
                if found is not None:
                    return found
        return None

    def _regional(self, phrase: str) -> str | None:
        """A regional or local office speaks for the government of the country its place is
        in ("Donetsk governor"); with no place named ("the oblast governor"), of the
        article's main country."""
        office = _REGIONAL_OFFICE.search(phrase)
        if office is None or _SELF_STYLED.search(phrase):
            # "the people's mayor of Slavyansk", "the self-proclaimed governor": an office the
            # state does not hold.
            return None
        # The office's place is next to it ("Donetsk governor", "governor of Hatay",
        # "provincial council of Farah"), never an outlet's name earlier in the sentence
        # ("Ariana News quoted ..., a member of provincial council": not Ariana, Tunisia).
        before = _WORD.findall(phrase[: office.start()])[-4:]
        after = _WORD.findall(phrase[office.end() :])[:4]
        # The office's own words are never its place ("Local Government Area" is no town
        # called Area); a window may still join them to a name ("Donetsk regional").
        office_words = _WORD.findall(office.group())
        words = [*before, *office_words, *after]
        code = None
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                inside = words[start : start + size]
                if len(before) <= start and start + size <= len(before) + len(office_words):
                    continue
                window = _POSSESSIVE_END.sub("", " ".join(inside).strip("."))
                code = self.country_of(window) if window[:1].isupper() else None
                if code is not None:
                    break
            if code is not None:
                break
        return self._government(code or self.main_country)

    def _regional_ministry(self, phrase: str) -> str | None:
        """A region's own ministry ("Dagestan's Interior Ministry", "the Kurdistan Region
        Health Ministry") speaks for the government of the country the region is in."""
        for found in _REGION_MINISTRY.finditer(phrase):
            code = self.country_of(found.group("place"))
            if code is not None:
                return self._government(code)
        return None

    def _bare(self, name: str) -> str | None:
        """ "The health ministry" in an article about one country: that country's."""
        body = _BARE_BODY.match(name.strip())
        if body is None or self.main_country is None:
            return None
        country = self.country_name(self.main_country)
        if country is None:
            return None
        found = self.registry.resolve(f"{country}'s {body.group(1)}")
        if found is not None:
            return found
        if _WHOSE_UNSAID.match(body.group(1)):
            return None  # "officials", "local authorities": whose is not said
        # Every other body the pattern names is a state organ: the country's government.
        return self._government(self.main_country)

    def _government(self, code: str | None) -> str | None:
        """The registry's government of the country ``code``, when it has one."""
        if code is None:
            return None
        government = f"{code.lower()}-government"
        return government if self.registry.get(government) else None

    def _title_head(self, phrase: str, name: str) -> str | None:
        """ "agency spokesman Mahmud Bassal" after "Gaza's civil defence agency" spoke: a
        title naming a body by its head noun is that body's (the last of that noun)."""
        at = phrase.find(name)
        title = phrase[:at] if at > 0 else ""
        words = [w.casefold() for w in _WORD.findall(title)]
        if not words or not _TITLE_WORD.search(title):
            return None
        for word in reversed(words):
            if _TITLE_WORD.fullmatch(word):
                continue  # "committee spokesman": the body is the committee, not a spokesman's
            if word in self.heads:
                return self.heads[word]
        return None

    def _known_in(self, phrase: str) -> str | None:
        surname = _SURNAME.search(phrase)
        return self.known.get(surname.group(1)) if surname else None
