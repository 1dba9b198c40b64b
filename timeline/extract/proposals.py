"""Extraction, stages 5 and 6: what each unit proposes. Its kind (the kind lexicon's cues),
its casualty figures and their claimants, its time, countries, actors and places, with the
words that support each field (``provenance``): one development per unit, per claimant of a
casualty sentence, per secondary kind cue, and per past time of a background sentence."""

from __future__ import annotations

import dataclasses
import itertools
import re
from typing import Any

from timeline.extract import figures as figures_module
from timeline.extract import kinds as kinds_module
from timeline.extract import lexicon, temporal
from timeline.extract.analysis import _LOCATIVE, Article, Unit, _unquoted
from timeline.extract.attribution import PARTIES, Attribution, _is_armed_group
from timeline.extract.claimants import Claimants
from timeline.extract.dating import MAIN_EVENT_KINDS, Dating
from timeline.extract.document import Evidence, Proposed, deduplicated, kept_evidence, quote_of
from timeline.extract.layout import Sentence
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

_HYPHENS = "-\u2010\u2011\u2013"
#: A news outlet named by what it is: "Russian news agency RIA Novosti", "Tajik news website
#: Asia-Plus", "local media" (not "state TV", which speaks for its state).
_PRESS_WORDS = re.compile(
    r"\b(?:news agency|news website|news site|newspaper|media|broadcaster|outlet)\b", re.I
)
_STATE_PRESS = re.compile(r"\b(?:state|state-run|state-owned|official)\b", re.I)


def _is_press(name: str) -> bool:
    """A speaker that is a news outlet, by the registry or by its own words."""
    from timeline.actors.registry import builtin

    registry = builtin()
    record = registry.record(name)
    if record is not None:
        # A state agency ("Armenpress", "IRNA") speaks for its state.
        return record.kind == "media" and registry.side(record.id) == record.id
    return bool(_PRESS_WORDS.search(name)) and not _STATE_PRESS.search(name)


def _in_pair(text: str, start: int, end: int) -> bool:
    """A country in a hyphenated pair of names: "Kyrgyz-Tajik", "Armenia-Azerbaijan"."""
    after = text[end : end + 2]
    before = text[max(0, start - 2) : start]
    return (len(after) == 2 and after[0] in _HYPHENS and after[1].isupper()) or (
        len(before) == 2 and before[1] in _HYPHENS and before[0].isalpha()
    )


#: A toll that counts both sides: no one party's figure.
_BOTH_SIDES = re.compile(
    r"\b(?:both sides|each side|two sides|on either side|combined|in total|both countries|"
    r"(?:between )?the two (?:[\w-]+ ){0,2}?(?:countries|republics|nations|neighbou?rs|states))\b",
    re.I,
)

#: Where a sentence splits into coordinated clauses.
_CLAUSE = re.compile(r",\s+and\s+(?=[A-Z\w])|;\s+")
#: A toll that runs to this day: "have died since", "has killed some 50 people".
_RUNNING_TOLL = re.compile(
    r"\b(?:have|has)\s+(?:(?:now|so far|already|reportedly)\s+)?(?:been\s+)?"
    r"(?:killed|died|lost their lives|wounded|injured)\b"
)

_MODES = {
    "reported": "reported speech",
    "accused": "an accusation",
    "each_side": "each side's own figures",
    "mutual": "each side blames the other",
    "outlet": "the outlet's own voice",
}


#: A people's word joined to what it did for something: "Russian-brokered", "US-backed".
_BROKERED_AFTER = re.compile(
    r"[-\u2010\u2011](?:brokered|mediated|sponsored|backed|led|made|built|supplied|trained|"
    r"funded|drafted|proposed|allied)\b"
)
#: A word for a country's ground after its people's adjective: "on Pakistani soil".
_GROUND = re.compile(r"\s+(?:soil|territory|side|land|airspace|waters)\b", re.I)


class Proposer:
    """The developments of one article's units."""

    def __init__(self, article: Article, claimants: Claimants, dating: Dating) -> None:
        self.article = article
        self.claimants = claimants
        self.dating = dating
        #: The party of the last toll counted with its people named, per category, for a
        #: toll restated with no people ("The U.S. military put the death toll at 11").
        self.last_party: dict[str, str] = {}

    def unit(self, unit: Unit) -> list[tuple[Proposed, Unit, str]]:
        """The developments one unit proposes, each with its occurred mode."""
        made = self.developments(unit)
        counted = any(p.kind == "casualty_report" and p.figures for p, _, _ in made)
        self.claimants.after(unit, counted)
        return made

    def developments(self, unit: Unit) -> list[tuple[Proposed, Unit, str]]:
        speaker = unit.attribution.speaker
        speaker_country = speaker.countries[0] if speaker and speaker.countries else None
        # An armed group counts the state's soldiers, not its own ("Islamic State militants
        # claimed an attack that left 71 soldiers dead"), though "its fighters" are its own.
        armed_speaker = speaker is not None and any(_is_armed_group(n) for n in speaker.names)
        # A news outlet's country is no party to what it reports ("Russian news agency RIA
        # Novosti reported that a border guard soldier died" in a Kyrgyz-Tajik story): its
        # adjective counts no one, and the soldiers are not its own. (State media speak for
        # their state.)
        press = speaker if speaker is not None and any(map(_is_press, speaker.names)) else None
        attacking = {id(m) for m in unit.mentions if m.code and self.article.attacks(m)}
        # Where it happened, not who attacked: a country or adjective that names the
        # attacker ("Russia's attack", "Israeli strikes", "Afghan forces") is left out.
        # Nor an armed group's home country ("an Islamic State affiliate" in a Mali story).
        text_codes = list(
            dict.fromkeys(
                m.code
                for m in unit.mentions
                if m.code
                and id(m) not in attacking
                and not (m.type == "actor" and _is_armed_group(m.value))
                # Nor a pair that names a border or a conflict ("the Kyrgyz-Tajik border").
                and not _in_pair(self.article.text, m.start, m.end)
                # Nor where a body is based ("the UK-based organization"), nor who brokered
                # or backs something ("a Russian-brokered ceasefire", "US-backed forces").
                and not lexicon.BASED_AFTER.match(self.article.text, m.end)
                and not _BROKERED_AFTER.match(self.article.text, m.end)
                and not (press is not None and press.span[0] <= m.start < press.span[1])
            )
        )
        # Where it happened: a country named after "in", "on", "into" ("airstrikes on eastern
        # Afghanistan") counts the victims, not the attacker named before ("Pakistan's").
        # So does a people's adjective before a word for its ground ("an attack on Pakistani
        # soil", "killed on the Indian side").
        located = [
            m.code
            for m in unit.mentions
            if m.code
            and (
                m.type == "country"
                or (m.type == "demonym" and _GROUND.match(self.article.text, m.end))
            )
            and _LOCATIVE.search(self.article.text, max(0, m.start - 40), m.start)
            # "killed in Russia's shelling of Donetsk Region": the attacker, not the ground.
            and id(m) not in attacking
        ]
        # A country named as the location ("on eastern Afghanistan") before the first
        # place the gazetteer knows, which may be where the attack came from.
        # "wounded by Palestinian fire" in a conflict of two parties, with no other country
        # named: the victims are the other party's.
        attackers = {m.code for m in unit.mentions if id(m) in attacking}
        parties = list(dict.fromkeys(self.article.parties))
        other_party = (
            next(p for p in parties if p not in attackers)
            if len(parties) == 2 and len(attackers) == 1 and attackers < set(parties)
            else None
        )
        context_country = (
            located[0]
            if len(set(located)) == 1
            # The party attacked when the other attacks, though both are named ("India
            # summoned Pakistan's envoy over shelling by Pakistani forces that left nine dead").
            else other_party
            if other_party is not None and set(text_codes) <= set(parties) and not unit.places
            else unit.places[0].place.party(self.article.published.isoformat())
            if unit.places
            else self.article.parties[0]
            # Not the one party named when it is the attacker here ("due to Russian
            # aggression, one person died" in a Ukrainian outlet's story), nor, when no
            # conflict is known, the one country named when the story happens in another
            # ("Russian troops fired on Donetsk region ... Three people were killed").
            if len(self.article.parties) == 1
            and self.article.parties[0] not in attackers
            and (
                self.article.conflict is not None
                or self.article.main_country in (None, self.article.parties[0])
                or self.article.parties[0] in self.article.place_peoples
                or self.article.main_country not in self.article.place_peoples
            )
            else text_codes[0]
            if len(text_codes) == 1
            else None
            if text_codes
            or (
                _BOTH_SIDES.search(" ".join(s.text for s in unit.sentences))
                and len(self.article.parties) > 1
            )
            # Never for a toll of both sides, unless both are of the one country at war
            # ("Fighting between the two sides ... have left more than 3,000 dead"), or the
            # article names no party at all and the sides are two communities of its one
            # country ("14 people from both sides" in a story told by its places).
            else self.article.main_country
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
                    speaker_soldiers=not armed_speaker and press is None,
                    home=self.article.main_country,
                    override=self.article.override,
                    places=[
                        p.start for p in unit.places if sentence.start <= p.start < sentence.end
                    ],
                    two_countries=len(parties) > 1,
                )
            )
        found_figures = [self._restated(f) for f in found_figures]
        classification = kinds_module.classify(
            self.article.kinds, unit.pieces(), figures=bool(found_figures)
        )
        kind = classification.kind
        # A time inside quotation marks is what the speaker talks of, unless the sentence is
        # all quotation (the quoted words are the account: "On April 13, a convoy ..."), or
        # the event itself is told in the same quotation ("'Over the past 24 hours, ... have
        # come under enemy fire,' his Telegram channel says").
        timexes = [
            t
            for t in unit.timexes
            if not _in_partial_quote(unit, t.start)
            or _same_quote(unit, t.start, classification.cues)
        ]
        background = self.article.kinds.rule("background")
        if kind is None:
            old_times = [t for t in timexes if self.dating.is_old(t, background.min_age_days or 0)]
            if background.min_age_days is not None and old_times:
                kind = "background"
            elif unit.attribution.mode == "outlet" or unit.quoted:
                if not _NARRATIVE.search(_unquoted(unit.first)) or not (
                    unit.mentions or unit.places
                ):
                    return []
                # The outlet's own account of what a named party did or said ("Pakistan has
                # not commented on the strikes", "Turkey has sent thousands of troops").
                kind = self.article.kinds.fallback_attributed
            else:
                kind = self.article.kinds.fallback_attributed
        made: list[tuple[Proposed, Unit, str]] = []
        cue = classification.cues[0] if classification.cues else None
        chosen, mode = self.dating.choose(kind, unit, timexes, cue)
        rule = self.article.kinds.rule("background")
        if (
            chosen is not None
            and rule.min_age_days is not None
            and self.dating.is_old(chosen, rule.min_age_days)
        ):
            kind = "background"
        if kind == "background" and rule.split_by_time:
            old = [t for t in timexes if self.dating.is_old(t, rule.min_age_days or 0)]
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
        elif kind != "casualty_report" and found_figures:
            # "An Israeli strike hit a school, killing up to 100 people": the strike and the
            # toll it caused are two developments with the same words, the event without
            # figures and the toll with them (as the dispatch format files them). So are a
            # ceasefire, a violation alleged or a war's history and the toll they tell; but
            # "more than 6,600 people have died since the rebellion erupted in 2004", a toll
            # that runs to this day, is a casualty report alone, whatever old time it counts from.
            if not (kind == "background" and _RUNNING_TOLL.search(_unquoted(unit.first))):
                made.append(
                    (
                        self._proposed(kind, unit, classification.cues, chosen, mode, [], None),
                        unit,
                        mode,
                    )
                )
            for claimant, figures in self.claimants.groups("casualty_report", unit, found_figures):
                made.append(
                    (
                        self._proposed(
                            "casualty_report", unit, (), chosen, mode, figures, claimant
                        ),
                        unit,
                        mode,
                    )
                )
        else:
            for claimant, figures in self.claimants.groups(kind, unit, found_figures):
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
            and not self.dating.is_old(chosen, rule.min_age_days or 0)
        ):
            # An older dated event mentioned beside a recent one is background history.
            for timex in timexes:
                if (
                    timex is not chosen
                    and not timex.since
                    and self.dating.is_old(timex, rule.min_age_days or 0)
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
            secondary_timex, secondary_mode = self.dating.choose(
                secondary_kind, unit, timexes, span
            )
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
        self, kind: str, unit: Unit, timexes: list[temporal.Timex]
    ) -> list[tuple[Proposed, Unit, str]]:
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
        made: list[tuple[Proposed, Unit, str]] = []
        for start, end in itertools.pairwise(bounds):
            times = [t for t in own if start <= t.start < end]
            if len(times) != 1:
                continue
            piece = self.article.text[start:end]
            classification = kinds_module.classify(
                self.article.kinds, [(start, piece)], figures=False
            )
            if classification.kind not in MAIN_EVENT_KINDS:
                continue
            part = Unit(
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

    def _proposed(
        self,
        kind: str,
        unit: Unit,
        cues: tuple[tuple[int, int], ...],
        timex: temporal.Timex | None,
        mode: str,
        found_figures: list[figures_module.FigureMention],
        claimant: str | None,
    ) -> Proposed:
        rule = self.article.kinds.rule(kind)
        evidence: list[Evidence] = [Evidence("quote", s.start, s.end) for s in unit.sentences]
        # The first two cues: enough to check the kind, and a short draft validates faster.
        evidence.extend(Evidence("kind", s, e, kind) for s, e in cues[:2])
        if kind == "background" and timex is not None and rule.min_age_days is not None:
            days = rule.min_age_days
            evidence.append(Evidence("kind", timex.start, timex.end, f"older than {days} days"))
        elif not cues and unit.attribution.verb is not None:
            evidence.append(Evidence("kind", *unit.attribution.verb, "attributed, no kind cue"))
        occurred = self.dating.value(unit, timex, mode, evidence)
        attribution = unit.attribution

        # Countries: what the text names, then the speaker's, then the conflict's parties.
        text_countries: list[str] = []
        for mention in unit.mentions:
            if mention.type == "party":
                text_countries.extend(self.article.parties)
                evidence.append(
                    Evidence(
                        "countries", mention.start, mention.end, ", ".join(self.article.parties)
                    )
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
                text_countries.extend(self.article.parties)
        if attribution.mode == "each_side":
            text_countries.extend(self.article.parties)
        iso_parties = [f.party for f in found_figures if len(f.party) == 3 and f.party.isupper()]
        if kind == "casualty_report" and claimant is not None and iso_parties:
            countries = list(dict.fromkeys(iso_parties))
        elif kind == "casualty_report" and iso_parties and not rule.conflict_parties:
            countries = list(dict.fromkeys(iso_parties + text_countries))
        else:
            countries = list(dict.fromkeys(text_countries))
        text_only = list(countries)
        if (rule.conflict_parties or not countries) and self.article.conflict is not None:
            countries = list(dict.fromkeys(countries + list(self.article.parties)))
        if not countries and self.article.main_country is not None:
            # A sentence that names no country belongs to the article's main country.
            countries = [self.article.main_country]

        # Claim.
        names = self.claimants.speaker_names(attribution)
        evidence.extend(_claim_evidence(attribution, names))
        # Each figure's claimant, once: the group's, else the figure's own.
        figure_sides = [claimant or self.claimants.claimant(unit, f) for f in found_figures]
        # A sentence with no speaker whose figures go on with an earlier speaker's account
        # (see Claimants.claimant) is that speaker's claim, as its figures say.
        carried = (
            figure_sides[0]
            if claimant is None
            and attribution.mode == "outlet"
            and len(set(figure_sides)) == 1
            and figure_sides[0] != self.article.outlet
            else None
        )
        side = claimant or carried
        if side is not None:
            # The claim keeps the voice ("Kyrgyz Health Ministry"); its figures name the side.
            asserted = [self.claimants.voice_of.get(side, side)]
            verification = "claimed"
        elif attribution.mode == "mutual":
            asserted = names or [self.article.outlet]
            verification = "disputed"
        elif attribution.mode == "outlet" or not names:
            asserted = [self.article.outlet]
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
        actors.extend(
            a for a in asserted if a != self.article.outlet or kind == "verification_note"
        )
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
        for figure, who in zip(found_figures, figure_sides, strict=True):
            if figure.bounds() == {"best": 0}:
                # "No injuries were reported", "no casualties": a nil report. The sentence is
                # still the casualty report it tells, but no count of people is proposed (both
                # evaluation sets' annotators code nil reports so; the editor may add one).
                evidence.append(
                    Evidence("figures", figure.start, figure.end, "a nil report: no figure")
                )
                continue
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
        if self.article.conflict is not None:
            conflicts.append(self.article.conflict)
        unit_text = " ".join(s.text for s in unit.sentences)
        for entry_ in lexicon.conflicts(self.article.override):
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
            quote=quote_of(self.article.text, unit.sentences)[:4000],
        )

    def _restated(self, figure: figures_module.FigureMention) -> figures_module.FigureMention:
        """A toll restated with no people counted ("put the death toll at 11") is of the
        party whose toll of that category came before; a toll with its people named sets it."""
        bare = figure.noun is None
        if bare and figure.party_from == "context" and figure.category in self.last_party:
            party = self.last_party[figure.category]
            if party != figure.party:
                return dataclasses.replace(figure, party=party, party_from="restated")
        elif not bare and len(figure.party) == 3 and figure.party.isupper():
            self.last_party[figure.category] = figure.party
        return figure

    def headline_toll(
        self, proposed: list[tuple[Proposed, Unit, str]]
    ) -> list[tuple[Proposed, Unit, str]]:
        """A toll the headline gives and the body does not ("Armenia says 105 soldiers
        killed" over a body that still has 49) is a casualty report of its own, quoted from
        the headline, so the latest figure is not lost. Only a figure of one named party: a
        headline's sum of two sides ("clashes kill 99") is no one's figure."""
        span = self.article.layout.headline
        if span is None:
            return []
        text = self.article.text[span[0] : span[1]]
        sentence = Sentence(-1, -1, span[0], span[1], text, ())
        mentions = self.article.matcher.find(text, span[0])
        codes = {m.code for m in mentions if m.code}
        attribution = self.article.attributor.attribute(sentence, mentions)
        if attribution.mode == "outlet":
            # "12 killed, 87 injured in Libya's Tripoli clashes: ministry": the credit.
            attribution = self.article.attributor.credited(sentence, mentions) or attribution
        if len(codes) > 1 and attribution.mode == "outlet":
            return []  # two countries and nobody's claim: a sum, or a story about both
        # A number the body gives anywhere, in any bound and for any party ("up to 100"
        # over "100 killed"; a headline's rounding of one side's toll), is not new.
        # "20 wounded" over "more than 20" is the body's number as written, too (before "more
        # than" made it a lower bound of 21).
        given = {
            (f["category"], value)
            for p, _, _ in proposed
            for f in p.figures
            for value in (
                f.get("low"),
                f.get("best"),
                f.get("high"),
                f["low"] - 1 if f.get("low") is not None else None,
            )
            if value is not None
        }
        # "60 killed" over "56 rebels and four government soldiers were killed": the
        # headline's sum of figures the body gives is no figure of its own.
        by_category: dict[str, list[int]] = {}
        for p, _, _ in proposed:
            for f in p.figures:
                value = f.get("best") if f.get("best") is not None else f.get("low")
                if value is not None:
                    by_category.setdefault(f["category"], []).append(value)
        for category, values in by_category.items():
            given.add((category, sum(values)))
            given.update((category, a + b) for a, b in itertools.combinations(values, 2))
        unit = Unit(
            [sentence],
            mentions,
            [],
            [],
            attribution,
            None,
            span[0],
        )
        made = []
        for development, part, mode in self.developments(unit):
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


def _same_quote(unit: Unit, position: int, cues: tuple[tuple[int, int], ...]) -> bool:
    """Whether a kind cue lies in the quotation that holds ``position``."""
    for sentence in unit.sentences:
        for q0, q1 in sentence.quotes:
            if q0 <= position < q1 and any(q0 <= c0 and c1 <= q1 for c0, c1 in cues):
                return True
    return False


def _in_partial_quote(unit: Unit, position: int) -> bool:
    return any(
        s.in_quote(position) and not s.in_quote(s.start, s.end)
        for s in unit.sentences
        if s.start <= position < s.end
    )


def _bounds_label(figure: figures_module.FigureMention) -> str:
    if figure.low is not None and figure.high is not None:
        return f"{figure.low}–{figure.high}"
    if figure.low is not None:
        return f"≥{figure.low}"
    if figure.high is not None:
        return f"≤{figure.high}"
    return str(figure.best)
