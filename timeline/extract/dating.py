"""Extraction, stage 4: when each development happened. A development's own time phrase
(nearest its kind cue; for something said, the one next to the reporting verb); else the
article's main event's time for an event told without one; else the publication day, or an
approximate time for what is announced."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from timeline.extract import lexicon, temporal
from timeline.extract.analysis import _WORDS, Article, Unit
from timeline.extract.attribution import _vocabulary as _attribution_words
from timeline.extract.attribution import is_passive
from timeline.extract.document import Evidence, Proposed

#: Kinds whose time is the article's main event, for sentences that inherit it: fighting,
#: strikes, and fighting told as a breach of a truce ("Over the past 24 hours, armed groups
#: violated the ceasefire nine times", a daily military bulletin's lead).
MAIN_EVENT_KINDS = ("armed_clash", "shelling", "ceasefire_violation_alleged")

#: Kinds that, told without a time of their own, take the article's main event's time.
UNDATED_EVENT_KINDS = ("armed_clash", "shelling", "casualty_report", "ceasefire_violation_alleged")

#: A weekday that owns the event it names: "Tuesday's operation", "Sunday's attack".
_EVENT_DAY = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s| night['’]s)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|air ?strikes?|operation|raids?|bombings?|assault|"
    r"shelling|clashes|fighting|ambush|blasts?|explosions?|massacre|incident|violence|"
    r"offensive|killings?|shooting)\b"
)

_EVENT_NOUN = (
    r"(?:attacks?|strikes?|air ?strikes?|drone strikes?|operation|raids?|bombings?|assault|"
    r"shelling|clashes|fighting|ambush|blasts?|explosions?|massacre|killings?|shooting)"
)
_DAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday)"

#: The event told of before, with its own day: "the airstrike Friday", "the attack on
#: Tuesday night", "the strike ... occurred yesterday" (a definite article: the event the
#: article is about, never "a drone strike on Friday", another one).
_THE_EVENT_DAY = re.compile(
    r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}?" + _EVENT_NOUN + r"\s+(?:on\s+|late\s+|early\s+)?"
    r"(?P<day>" + _DAY_NAME + r"(?:\s+(?:night|morning|afternoon|evening))?)\b"
    r"|\b[Tt]he\s+(?:[\w-]+\s+){0,2}?" + _EVENT_NOUN + r"\b[^.;\n]{0,60}?\b"
    r"(?:occurred|happened|took place|was carried out)\s+(?:on\s+)?"
    r"(?P<day2>" + _DAY_NAME + r"(?:\s+(?:night|morning|afternoon|evening))?)\b"
    r"|\b(?P<day3>"
    + _DAY_NAME
    + r")\b[^.;\n]{0,20}?\b[Tt]he\s+(?:[\w-]+\s+){0,2}?"
    + _EVENT_NOUN
    + r"\b[^.;\n]{0,60}?\b(?:occurred|happened|took place)\b"
)

#: Words that introduce an event told as what came before the one reported: "followed
#: Iran's", "in retaliation for", "a day after".
_AFTER_AN_EARLIER = re.compile(
    r"\b(?:followed|follows|following|came after|comes after|in (?:retaliation|response) "
    r"(?:for|to)|(?:days?|weeks?) after)\s+(?:[\w’'-]+\s+){0,3}$",
    re.I,
)

#: Who was told, between "told" and the time of the telling: "AFP", "The Associated
#: Press", "reporters", "a news conference".
_LISTENER = re.compile(
    r"\s+(?:(?:[Tt]he\s+)?(?:[A-Z][\w.&'’-]*\s+){1,4}|(?:local\s+)?(?:reporters|journalists|newsmen|newspersons|correspondents)"
    r"\s+|(?:a|the)\s+(?:news|press)\s+(?:conference|briefing)\s+"
    # "told parliament on Wednesday", "told lawmakers", "told state television".
    r"|(?:(?:the|a|an)\s+)?(?:parliament|lawmakers|legislators|deputies|senators|"
    r"(?:state\s+|local\s+)?(?:television|radio|media)|a\s+(?:cabinet\s+)?meeting|"
    r"(?:his|her|the)\s+cabinet|the\s+(?:cabinet|assembly|senate)|supporters|a\s+rally)\s+"
    # "said in a statement released late on Monday": where it was said, then when.
    r"|in\s+an?\s+(?:[\w-]+\s+)?(?:statement|communiqu[eé]|post|message|press\s+release|video)"
    r"\s+(?:(?:released|issued|published|posted|sent|put\s+out)\s+)?)"
    r"(?:late\s+|early\s+)?"
)

#: Between a fronted time and its reporting verb: a comma and a short subject with no
#: clause of its own ("Last month, the UN warned", "On Friday, the Tigray regional
#: government's spokesman said").
_FRONTED_SUBJECT = re.compile(
    r",?\s+(?:[^,;:.\"“”]{1,60}?\s+"
    # ... or a person named with the title between commas: "On Sunday Stella Khorosheva,
    # spokeswoman for the self-defence forces, said".
    r"|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3},\s+(?:(?:the|a|an)\s+)?[a-z][^,;:\"“”]{0,80}?,\s+)?"
    r"(?:also\s+)?"
)

#: A speaker after a comma, right before its verb: "..., the Defense Ministry of Azerbaijan".
_TRAILING_SPEAKER = re.compile(r",\s*(?:[\w’'-]+\s+){0,8}$")

#: A toll that has grown since the event it counts: "rose to 75", "has risen to", "so far".
_RUNNING_TOLL = re.compile(
    r"\b(?:rose|risen|rising|climbed|increased|jumped|mounted|soared)\s+to\b|\b(?:so far|to date|"
    r"as of)\b",
    re.I,
)

#: Between a time and the participle after it: "were on Monday confirmed".
_AFTER_TIME = re.compile(r",?\s+")

#: An adverb before a fronted time: "Earlier on Sunday", "Later on Monday".
_OPENING_ADVERB = re.compile(r"^(?:[Ee]arlier|[Ll]ater|[Aa]lso)$")
#: The setting of a saying before its time: "In its initial statement early on Tuesday, the
#: army had announced", "During a news conference on Friday, the minister said".
_OPENING_SETTING = re.compile(
    r"(?i:in|at|during|via|through)\s+(?:[\w’'-]+\s+){0,4}?(?:statement|conference|briefing|"
    r"interview|post|message|address|speech|update|report|communiqu[eé]|comments?|remarks)"
    r"(?:\s+(?:issued|released|published|posted|made|given|broadcast))?"
)

#: An event told as the night before what is said of it: "after a night of deadly bombing".
_NIGHT_OF = re.compile(
    r"\bafter\s+a\s+night\s+of\s+(?:[\w-]+\s+){0,2}?(?:bombing|bombardment|shelling|strikes|"
    r"air ?strikes|fighting|clashes|attacks|violence)\b",
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


class Dating:
    """The occurred times of one article's developments."""

    def __init__(self, article: Article) -> None:
        self.article = article
        #: Where the text names the main event's own day, when no development's time is it.
        self.anchor: tuple[int, int] | None = None

    def is_old(self, timex: temporal.Timex, days: int) -> bool:
        return temporal.last_day(timex.begin, timex.until, timex.precision) < (
            self.article.published - timedelta(days=days)
        )

    def _dates_verb(
        self, timex: temporal.Timex, verb: tuple[int, int], unit: Unit | None = None
    ) -> bool:
        """Whether a time phrase dates the reporting verb: next to it ("said Saturday",
        "on Tuesday said"), or after its listener ("told AFP on Tuesday", "told The
        Associated Press on Friday")."""
        if 0 <= timex.start - verb[1] <= 4 or 0 <= verb[0] - timex.end <= 4:
            return True
        if unit is not None and self._fronted(timex, verb, unit):
            return True  # "On Tuesday, the army said ...", "In a statement late on Monday, it said"
        speaker = unit.attribution.speaker if unit is not None else None
        if (
            speaker is not None
            and verb[1] <= speaker.span[0]
            and 0 <= timex.start - speaker.span[1] <= 4
        ):
            return True  # "..., said the military's media wing on Wednesday"
        between = self.article.text[verb[1] : timex.start]
        return timex.start >= verb[1] and bool(_LISTENER.fullmatch(between))

    def _fronted(self, timex: temporal.Timex, verb: tuple[int, int], unit: Unit) -> bool:
        """Whether a time phrase opens the sentence and dates the clause of its reporting
        verb: "Last month, the UN warned that ...", "On Friday, the government announced
        ..." (the subject between, no other clause)."""
        sentence = next((s for s in unit.sentences if s.start <= verb[0] < s.end), None)
        if sentence is None or not sentence.start <= timex.start < verb[0]:
            return False
        opening = sentence.text[: timex.start - sentence.start].strip(" \"'“‘")
        opening = _OPENING_ADVERB.sub("", opening)  # "Earlier on Sunday, ..."
        if opening and not _OPENING_SETTING.fullmatch(opening):
            return False
        between = self.article.text[timex.end : verb[0]]
        return bool(_FRONTED_SUBJECT.fullmatch(between))

    def _passive_telling(self, timex: temporal.Timex) -> bool:
        """Whether a time sits inside a passive reporting verb, dating the telling: "were on
        Monday confirmed killed" (attribution's own test of a passive, which is why such a
        sentence has no speaker)."""
        text = self.article.text
        told = _AFTER_TIME.match(text, timex.end)
        verb = (
            _attribution_words(self.article.override).reporting.match(text, told.end())
            if told
            else None
        )
        return verb is not None and is_passive(text, max(0, timex.start - 40), verb.start())

    def choose(
        self,
        kind: str,
        unit: Unit,
        timexes: list[temporal.Timex],
        cue: tuple[int, int] | None,
    ) -> tuple[temporal.Timex | None, str]:
        """The time phrase for a development (nearest to its cue), or how to default it."""
        own = [t for t in timexes if not t.since] or timexes
        rule = self.article.kinds.rule(kind)
        if kind in UNDATED_EVENT_KINDS and own and all(self._passive_telling(t) for t in own):
            # "13 persons were on Monday confirmed killed": the day of the telling, not of the
            # killing, which is the article's main event when that came before.
            return own[0], "saying"
        verb = unit.attribution.verb
        # "..., according to the news group": a source with no time of telling; a time in
        # the sentence dates what it tells.
        untimed_source = verb is not None and self.article.text[
            verb[0] : verb[1]
        ].casefold().startswith("according")
        # "On September 12, units of the Armenian forces committed provocations ..., the
        # ministry said": an accusation whose words come before its verb, dated in them, is
        # dated by the act it alleges.
        alleged_before = (
            kind == "accusation"
            and verb is not None
            and any(t.end <= verb[0] and t.precision in ("day", "night", "hour") for t in own)
            and bool(_TRAILING_SPEAKER.search(self.article.text, max(0, verb[0] - 80), verb[0]))
        )
        if (
            rule.speech_act
            and verb is not None
            and not untimed_source
            and not alleged_before
            and unit.attribution.mode in ("reported", "accused")
        ):
            # Only a time next to the reporting verb dates the saying ("said on Tuesday"), or
            # one fronted before its subject ("Last month, the UN warned ...").
            own = [t for t in own if self._dates_verb(t, verb, unit)]
        elif verb is not None and unit.attribution.mode in ("reported", "accused"):
            # For an event, a time next to the reporting verb dates the saying ("police said
            # Saturday that 32 people died ... the previous evening"): another time wins.
            event_times = [t for t in own if not self._dates_verb(t, verb, unit)]
            if not event_times:
                # "Since hostilities began on Sept. 27, ... have killed 61 civilians, local
                # authorities said Monday": the running toll's span, not the day of saying.
                event_times = [
                    t for t in timexes if t.since and not self._dates_verb(t, verb, unit)
                ]
            if event_times:
                own = event_times
            elif own and kind in UNDATED_EVENT_KINDS:
                night = _NIGHT_OF.search(unit.first.text)
                if night is not None and own[0].precision == "day" and len(own[0].begin) == 10:
                    # "..., aid workers said on Friday after a night of deadly bombing": the
                    # night that ended on the day of the saying.
                    said = date.fromisoformat(own[0].begin)
                    start = unit.first.start + night.start()
                    return temporal.Timex(
                        start,
                        unit.first.start + night.end(),
                        night.group(),
                        (said - timedelta(days=1)).isoformat(),
                        said.isoformat(),
                        "night",
                    ), "explicit"
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
                if any(p.search(sentence.text) for p in self.article.kinds.event_verbs):
                    return None, "inherit"
        if unit.future is not None:
            return None, "future"
        return None, "publication"

    def value(
        self, unit: Unit, timex: temporal.Timex | None, mode: str, evidence: list[Evidence]
    ) -> dict[str, Any]:
        published = self.article.published.isoformat()
        if timex is not None:
            evidence.append(
                Evidence("occurred", timex.start, timex.end, occurred_label(timex.occurred()))
            )
            return timex.occurred()
        if mode == "inherit":
            for sentence in unit.sentences:
                for pattern in self.article.kinds.event_verbs:
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

    def main_event(self, proposed: list[tuple[Proposed, Unit, str]]) -> dict[str, Any] | None:
        """The main event's time (:meth:`_main_event`); when that is only the day it was
        reported ("killed 46, an official said Wednesday"), the day the text gives the event
        itself, when earlier ("the airstrike Friday", "Tuesday's operation")."""
        found, mode = self._main_event(proposed)
        if found is None or mode != "saying":
            return found
        said = str(found["start"])[:10]
        recent = (self.article.published - timedelta(days=7)).isoformat()
        for pattern in (_THE_EVENT_DAY, _EVENT_DAY):
            for named in pattern.finditer(self.article.text):
                group = next((g for g in ("day", "day2", "day3") if named.groupdict().get(g)), None)
                start = named.start(group) if group else named.start()
                phrase = named.group(group) if group else named.group()
                times = temporal.find(
                    phrase, start, self.article.published, override=self.article.override
                )
                if (
                    times
                    and times[0].precision in ("day", "night")
                    and recent <= times[0].begin[:10] < said
                ):
                    self.anchor = (named.start(), named.end())
                    occurred: dict[str, Any] = times[0].occurred()
                    return occurred
        # A clash or strike the article dates itself, before the saying ("were ambushed on
        # Saturday" after "... died in an attack, the army said Sunday"), or the same toll
        # told again with its own day ("the gunmen ... killed eleven people on Wednesday"
        # after "eleven people have been killed ..., the police told newsmen on Thursday").
        said_tolls = {_toll(f) for p, _, _ in proposed if p.occurred is found for f in p.figures}
        lead = _lead_paragraph(proposed)
        for p, unit, mode in proposed:
            same_toll = p.kind == "casualty_report" and bool(
                said_tolls & {_toll(f) for f in p.figures}
            )
            if (
                (p.kind in MAIN_EVENT_KINDS or same_toll)
                and mode == "explicit"
                and unit.first.paragraph <= lead + 2
                and p.occurred.get("precision") in ("day", "night", "hour")
                and recent <= str(p.occurred["start"])[:10] < said
            ):
                return p.occurred
        return found

    def _main_event(
        self, proposed: list[tuple[Proposed, Unit, str]]
    ) -> tuple[dict[str, Any] | None, str]:
        """The time of the article's main event: the first clash or shelling with a time of
        its own; else the first casualty report with one; else the first recent time (within
        a week before publication, at day precision or finer) that any development states."""
        # Never an event told as what came before, nor the story of how the crisis began
        # ("The crisis began spiralling when Georgian forces launched an attack on ...").
        explicit = [
            (p, mode)
            for p, unit, mode in proposed
            if mode in ("explicit", "saying")
            and not self._earlier_event(p)
            and not _ORIGIN.search(unit.first.text)
            # A toll only the headline gives is dated by the body's event, never the
            # other way round.
            and _in_body(unit)
        ]
        # The lead paragraph tells the main event in most news: it counts one more shared word.
        lead = _lead_paragraph(proposed)
        in_lead = {id(p) for p, u, _ in proposed if u.first.paragraph == lead}
        # The event the headline tells of: of the dated clashes, strikes and tolls, the one
        # that shares most words with the headline (at least two), else the first clash or
        # strike, else the first toll.
        headline = set(_WORDS.findall(self.article.headline.casefold())) - _STOP_WORDS
        recent = (self.article.published - timedelta(days=7)).isoformat()
        best: tuple[int, dict[str, Any], str] | None = None
        for p, mode in explicit:
            if p.kind not in (*MAIN_EVENT_KINDS, "casualty_report"):
                continue
            occurred = p.occurred
            if str(occurred["start"])[:10] < recent:
                if not (p.kind == "casualty_report" and occurred.get("end") and id(p) in in_lead):
                    continue
                # "More than 600 Iraqis have been killed since Marines began a siege a week
                # ago, the head of the hospital said Sunday": a lead that gives a running toll
                # is about the toll as it stands, on the day it is given.
                occurred = {"start": str(occurred["end"])[:10], "precision": "day"}
            shared = len(headline & set(_WORDS.findall(p.summary.casefold())))
            if shared >= 2 and id(p) in in_lead:
                shared += 1
            if shared >= 2 and (best is None or shared > best[0]):
                best = (shared, occurred, mode)
        if best is not None:
            return best[1], best[2]
        for kinds in (MAIN_EVENT_KINDS, ("casualty_report",)):
            # Of the last week: "since fighting broke out on Sept. 27" in a report three
            # weeks later is the war's start, not the event the report is about.
            first = next(
                (
                    (p.occurred, mode)
                    for p, mode in explicit
                    if p.kind in kinds and str(p.occurred["start"])[:10] >= recent
                ),
                None,
            )
            if first is not None:
                return first
        # "Tuesday's operation", "Sunday's concert": the text names the event's own day
        # (never an event told as what came before: "followed Monday's attack").
        for named in _EVENT_DAY.finditer(self.article.text):
            if self._told_as_earlier(named.start()):
                continue
            times = temporal.find(
                named.group(), named.start(), self.article.published, override=self.article.override
            )
            if times and times[0].precision in ("day", "night"):
                self.anchor = (named.start(), named.end())
                return times[0].occurred(), "named"
        earliest = (self.article.published - timedelta(days=7)).isoformat()
        latest = self.article.published.isoformat()
        for p, _ in explicit:
            occurred = p.occurred
            if p.kind == "background" or occurred.get("precision") not in ("hour", "day", "night"):
                continue
            if earliest <= str(occurred["start"])[:10] <= latest:
                return occurred, "explicit"
        return None, "none"

    def _earlier_event(self, development: Proposed) -> bool:
        """Whether the development's time is that of an event told as what came before
        ("The strikes followed Iran's Tuesday attack", "in retaliation for Monday's
        shelling", "The attack came a day after ..."): never the article's main event."""
        return any(
            e.field == "occurred"
            and (self._told_as_earlier(e.start) or self._days_before(e) is not None)
            for e in development.evidence
        )

    def _days_before(self, evidence: Evidence) -> tuple[int, int] | None:
        """The days a "came a day after" phrase puts its development before the main event."""
        return temporal.days_before_event(
            self.article.text[evidence.start : evidence.end], self.article.override
        )

    def _told_as_earlier(self, position: int) -> bool:
        """Whether the words before ``position`` introduce an event that came before the one
        reported ("followed", "in retaliation for", "days after")."""
        return bool(_AFTER_AN_EARLIER.search(self.article.text, max(0, position - 60), position))

    def settle(self, proposed: list[tuple[Proposed, Unit, str]]) -> None:
        """Give the developments told without a time of their own the main event's time
        (or the publication day when the article has none)."""
        main_event = self.main_event(proposed)
        for development, unit, mode in proposed:
            if mode == "publication" and self.article.kinds.rule(development.kind).speech_act:
                self._continued_saying(development, unit)
        for development, _unit, mode in proposed:
            if mode == "publication" and development.kind in UNDATED_EVENT_KINDS:
                # An event told without a time of its own is the article's main event, not
                # something that happened at the moment of publication.
                mode = "inherit"
            if mode == "saying":
                said = str(development.occurred["start"])[:10]
                if main_event is not None and str(main_event["start"])[:10] <= said:
                    mode = "inherit"
            local = self._paragraph_time(_unit) if mode == "inherit" else None
            if local is not None:
                # "Overnight July 16, at around 03:40, units noticed movement. ... After a
                # hot battle the adversary was pushed back": the time the paragraph gave.
                development.occurred = {k: v for k, v in local.occurred().items() if k != "phrase"}
                development.evidence.append(
                    Evidence("occurred", local.start, local.end, "the paragraph's time")
                )
            elif mode == "inherit" and main_event is not None:
                development.occurred = {k: v for k, v in main_event.items() if k != "phrase"}
                origin = next((p for p, _, m in proposed if p.occurred is main_event), None)
                if origin is None and self.anchor is not None:
                    development.evidence.append(
                        Evidence("occurred", *self.anchor, "the main event's own day")
                    )
                elif origin is not None:
                    for ev in origin.evidence:
                        if ev.field == "occurred":
                            development.evidence.append(
                                Evidence("occurred", ev.start, ev.end, "the main event's time")
                            )
            elif mode == "inherit":
                published = self.article.published.isoformat()
                development.occurred = {"start": published, "precision": "day"}
        self._before_main_event(proposed, main_event)
        events = [
            p.occurred
            for p, _, mode in proposed
            if p.kind in (*MAIN_EVENT_KINDS, "accusation", "ceasefire_violation_alleged")
            and mode in ("explicit", "saying")
            and p.occurred.get("precision") in ("day", "night", "hour")
        ]
        campaign = self._campaign_start()
        war_start = _war_start(self.article)
        for development, unit, mode in proposed:
            self._campaign_toll(development, unit, mode, campaign)
            self._running_toll(development, unit, events)
            self._war_toll(development, unit, mode, war_start)
            self._since_then(development, unit, mode)

    def _before_main_event(
        self, proposed: list[tuple[Proposed, Unit, str]], main_event: dict[str, Any] | None
    ) -> None:
        """ "The incident came a day after rebels attacked an outpost": the attack was the day
        before the article's main event (the incident), not before publication, when the main
        event has a day of its own."""
        if main_event is None or main_event.get("precision") not in ("day", "night", "hour"):
            return
        event_day = date.fromisoformat(str(main_event["start"])[:10])
        for development, _unit, _mode in proposed:
            evidence = next((e for e in development.evidence if e.field == "occurred"), None)
            days = self._days_before(evidence) if evidence is not None else None
            if days is not None and days[0] == days[1]:
                day = (event_day - timedelta(days=days[0])).isoformat()
                development.occurred = {"start": day, "precision": "day"}
            elif days is not None:
                # "The attack came just days after ...": some days before the main event.
                development.occurred = {
                    "start": (event_day - timedelta(days=days[0])).isoformat(),
                    "end": (event_day - timedelta(days=days[1])).isoformat(),
                    "precision": "approximate",
                }

    def _paragraph_time(self, unit: Unit) -> temporal.Timex | None:
        """The event time told earlier in the same paragraph, by a sentence that dates what
        happened (not a saying): the time an undated sentence after it goes on with."""
        found: temporal.Timex | None = None
        for earlier in self.article.units:
            if earlier.first.start >= unit.first.start:
                break
            if earlier.first.paragraph != unit.first.paragraph:
                continue
            verb = earlier.attribution.verb
            for timex in earlier.timexes:
                if timex.since or timex.precision not in ("day", "night", "hour"):
                    continue
                if verb is not None and self._dates_verb(timex, verb, earlier):
                    continue
                if self.is_old(timex, 30):
                    continue
                found = timex
        return found

    def _continued_saying(self, development: Proposed, unit: Unit) -> None:
        """A saying that goes on with the one before ("The Ministry of Defense said on Monday
        ... The ministry said all projectiles were intercepted", "It added that ..."): the
        same speaker, named again by a pronoun or "the <noun>", in the same paragraph or the
        next two, says it on the day the first saying is dated."""
        speaker = unit.attribution.speaker
        if speaker is None or unit.attribution.verb is None:
            return
        named = self.article.text[speaker.span[0] : speaker.span[1]].strip().casefold()
        pronouns = _attribution_words(self.article.override).pronouns
        if not (named in pronouns or named.startswith("the ")):
            return
        for earlier in reversed(self.article.units):
            if earlier.first.start >= unit.first.start:
                continue
            if earlier.first.paragraph < unit.first.paragraph - 2:
                return
            before = earlier.attribution.speaker
            if before is None or earlier.attribution.verb is None:
                continue
            if before.names != speaker.names:
                return  # another speaker came between
            verb = earlier.attribution.verb
            if self.article.text[verb[0] : verb[1]].casefold().startswith("according"):
                return  # "..., according to the minister": a source with no time of telling
            dated = [
                t
                for t in earlier.timexes
                if t.precision in ("day", "night", "hour")
                and self._dates_verb(t, earlier.attribution.verb, earlier)
            ]
            if dated:
                said = dated[0]
                development.occurred = {"start": said.begin[:10], "precision": "day"}
                development.evidence.append(
                    Evidence("occurred", said.start, said.end, "the saying it goes on with")
                )
                return

    def _campaign_start(self) -> tuple[str, temporal.Timex] | None:
        """The day the fighting the article counts began, when the text dates it with "since"
        ("Since they unleashed their attack on Sept. 16", "since hostilities began on Sept.
        27"): the earliest such day of the year before publication."""
        year_before = (self.article.published - timedelta(days=365)).isoformat()
        published = self.article.published.isoformat()
        starts = [
            (t.begin[:10], t)
            for unit in self.article.units
            for t in unit.timexes
            if len(t.begin) >= 10
            and year_before <= t.begin[:10] < published
            and (
                (
                    t.since
                    and _FIGHTING_BEFORE.search(self.article.text, max(0, t.start - 100), t.start)
                )
                or _LAUNCHED_BEFORE.search(self.article.text, max(0, t.start - 120), t.start)
            )
        ]
        return min(starts, key=lambda pair: pair[0]) if starts else None

    def _campaign_toll(
        self,
        development: Proposed,
        unit: Unit,
        mode: str,
        campaign: tuple[str, temporal.Timex] | None,
    ) -> None:
        """A toll that counts the whole of the fighting ("have so far reported 12 troops
        killed", "During the operation, the Observatory has documented the deaths of 163",
        "killed in weeks-long clashes") in an article that dates the fighting's start ("since
        ... on Sept. 16"): from that start to the day the toll is given."""
        if (
            campaign is None
            or not _one_day_toll(development)
            or mode not in ("publication", "inherit", "saying")
        ):
            return
        start, timex = campaign
        given = self._given_day(development, mode)
        if not start < given:
            return
        cue = _cue(unit, _WHOLE_CAMPAIGN)
        if cue is None:
            return
        development.occurred = {"start": start, "end": given, "precision": "day"}
        development.evidence.append(Evidence("occurred", *cue, "a toll of the whole fighting"))
        development.evidence.append(
            Evidence("occurred", timex.start, timex.end, "the fighting's start")
        )

    def _since_then(self, development: Proposed, unit: Unit, mode: str) -> None:
        """A toll or fighting "since then" ("On November 21, convoys ... came under fire. ...
        Since then, intertribal clashes ... have resulted in the death toll rising to 85"):
        from the last time the text gave before it to the day it is told."""
        if mode not in ("publication", "inherit", "saying") or not _one_day(development):
            return
        cue = _cue(unit, _SINCE_THEN)
        if cue is None:
            return
        before = [
            t
            for earlier in self.article.units
            if earlier.first.start < unit.first.start
            and earlier.first.paragraph >= unit.first.paragraph - 2
            for t in earlier.timexes
            if not t.since and t.precision in ("day", "night", "hour", "month", "year")
        ]
        if not before:
            return
        start = before[-1]
        given = self._given_day(development, mode)
        if not start.begin[:10] < given:
            return
        precision = "day" if start.precision in ("night", "hour") else start.precision
        development.occurred = {"start": start.begin[:10], "end": given, "precision": precision}
        development.evidence.append(Evidence("occurred", *cue, "since then"))
        development.evidence.append(Evidence("occurred", start.start, start.end, "then"))

    def _given_day(self, development: Proposed, mode: str) -> str:
        """The day a toll of a whole war or fighting is given: the day it was said, when the
        text dates the saying; else the publication day (not the main event's, which an
        undated toll would otherwise take)."""
        if mode in ("explicit", "saying"):
            return str(development.occurred["start"])[:10]
        return self.article.published.isoformat()

    def _war_toll(self, development: Proposed, unit: Unit, mode: str, started: str | None) -> None:
        """A toll of the whole war told without its start ("Thousands have died ... since the
        start of the conflict", "The conflict has resulted in approximately 20,000 deaths"):
        from the day the article's conflict began (the conflicts table's ``started``) to the
        day the toll is given."""
        if not _one_day_toll(development):
            return
        given = self._given_day(development, mode)
        if started is None or not started < given:
            return
        cue = _cue(unit, _WAR_TOLL)
        if cue is None:
            return
        development.occurred = {"start": started, "end": given, "precision": "day"}
        development.evidence.append(
            Evidence("occurred", *cue, f"a toll of the whole war, which began on {started}")
        )

    def _running_toll(
        self, development: Proposed, unit: Unit, events: list[dict[str, Any]]
    ) -> None:
        """A toll that has grown since the strike or clash it counts ("The number of people
        killed by the airstrike rose to 75 as of Thursday", the strike on Sunday night): from
        that event, the first dated one of the week before, to the day the toll is given."""
        if not _one_day_toll(development):
            return
        given = str(development.occurred["start"])[:10]
        week_before = (
            (date.fromisoformat(given) - timedelta(days=7)).isoformat()
            if len(given) == 10
            else given
        )
        main_event = next((e for e in events if week_before <= str(e["start"])[:10] < given), None)
        if main_event is None:
            return
        cue = _cue(unit, _RUNNING_TOLL)
        if cue is None:
            return
        first = str(main_event["start"])[:10]
        development.occurred = {"start": first, "end": given, "precision": "day"}
        development.evidence.append(Evidence("occurred", *cue, "a running toll"))


#: "Since then": from the time told before.
_SINCE_THEN = re.compile(r"\b[Ss]ince\s+then\b")


def _one_day(development: Proposed) -> bool:
    """Whether a development is dated on one day (no span of its own yet)."""
    occurred = development.occurred
    return not occurred.get("end") and occurred.get("precision") == "day"


def _one_day_toll(development: Proposed) -> bool:
    """Whether a development is a toll dated on one day, which a running toll may widen."""
    return development.kind == "casualty_report" and _one_day(development)


def _cue(unit: Unit, pattern: re.Pattern[str]) -> tuple[int, int] | None:
    """Where ``pattern`` first matches in the unit's sentences (absolute offsets)."""
    for sentence in unit.sentences:
        found = pattern.search(sentence.text)
        if found is not None:
            return sentence.start + found.start(), sentence.start + found.end()
    return None


def _war_start(article: Article) -> str | None:
    """The day the article's conflict began, from the conflicts table (``started``), when the
    table gives the day."""
    if article.conflict is None:
        return None
    entry = next((e for e in lexicon.conflicts(article.override) if e.id == article.conflict), None)
    started = entry.started if entry is not None else None
    return started if started is not None and len(started) == 10 else None


#: A toll of the whole war, told without its start: "since the start of the conflict", "since
#: the Russian invasion started", "The conflict has resulted in approximately 20,000 deaths",
#: "The ongoing violence has claimed an estimated 20,000 lives".
_WAR_TOLL = re.compile(
    r"\bsince\s+the\s+(?:start|beginning|outbreak|onset)\s+of\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?"
    r"(?:war|conflict|fighting|invasion|hostilities|aggression|offensive)\b"
    r"|\bsince\s+the\s+(?:[\w’'-]+\s+){0,2}?(?:war|conflict|fighting|invasion|hostilities)\s+"
    r"(?:began|started|erupted|broke\s+out)\b(?!\s+(?:on|in|at|last|\d))"
    r"|\b(?:the|this|ongoing|[A-Z][\w-]*['’]s)\s+(?:[\w’'-]+\s+){0,3}?(?:war|conflict|violence|campaign|offensive|"
    r"onslaught|aggression|invasion)\s+(?:[\w’'-]+\s+){0,3}?(?:has|have)\s+(?:so\s+far\s+)?"
    r"(?:killed|claimed|left|resulted\s+in|cost)\b",
    re.I,
)


#: The fighting's start told with its day: "Turkey launched its operation against the Kurdish
#: canton on January 20", "The current armed confrontation ..., which started on July 12".
_LAUNCHED_BEFORE = re.compile(
    r"\b(?:launched|began|started|unleashed|mounted)\s+(?:its|their|the|an?)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:operation|offensive|campaign|assault|incursion|invasion|siege|war)\b[^.;]{0,80}?$"
    r"|\b(?:operation|offensive|campaign|incursion|invasion|siege|war|confrontation|fighting|"
    r"clashes|hostilities)\b[^.;]{0,60}?\b(?:which|that)\s+(?:began|started|erupted|broke\s+out)\s*$",
    re.I,
)

#: Fighting named before a "since" ("since they unleashed their attack on", "since the
#: fighting started on"), never a truce ("in a shaky cease-fire since April 10").
_FIGHTING_BEFORE = re.compile(
    r"\b(?:attack|assault|offensive|operation|campaign|incursion|invasion|siege|war|fighting|"
    r"clashes|hostilities|violence|confrontation|battle|escalation|insurgency|uprising)s?\b"
    r"(?![^.;]*\b(?:cease-?fire|truce|calm|lull)\b)[^.;]*$",
    re.I,
)

#: Words that make a toll count the whole of the fighting, not one day of it.
_WHOLE_CAMPAIGN = re.compile(
    r"\b(?:so\s+far|in\s+total|to\s+date|overall|a\s+total\s+of|total\s+(?:death\s+)?toll"
    r"|during\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:operation|offensive|war|conflict|campaign|siege|"
    r"fighting|hostilities)"
    r"|(?:rose|risen|climbed|increased|jumped|mounted)\s+to"
    r"|(?:days|weeks|months)(?:-long|\s+of)\s+(?:[\w-]+\s+){0,2}?(?:fighting|clashes|battles|violence|"
    r"hostilities|bombardment|shelling)"
    r"|over\s+the\s+(?:past|last)\s+\d+\s+days)\b",
    re.I,
)


def _toll(figure: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two figures the same toll: the category and the numbers."""
    return (figure.get("category"), figure.get("best"), figure.get("low"), figure.get("high"))


#: How a story tells where a crisis began: background, never the main event.
_ORIGIN = re.compile(
    r"\b(?:crisis|conflict|war|escalation|unrest)\s+(?:\w+\s+){0,2}?"
    r"(?:began|started|was (?:sparked|triggered))\b[^.;]{0,40}?\b(?:when|after|with)\b",
    re.I,
)


def _lead_paragraph(proposed: list[tuple[Proposed, Unit, str]]) -> int:
    """The first paragraph of the body that proposes a development: the article's lead (a
    toll only the headline gives is no paragraph of the body)."""
    return min((unit.first.paragraph for _, unit, _ in proposed if _in_body(unit)), default=0)


def _in_body(unit: Unit) -> bool:
    """Whether ``unit`` is the article's body, not the headline (whose toll the proposer
    drafts as a sentence of index -1)."""
    return unit.first.index >= 0


def occurred_label(occurred: dict[str, Any]) -> str:
    end = occurred.get("end")
    span = occurred["start"] + (f"/{end}" if end else "")
    return f"{span} ({occurred['precision']})"
