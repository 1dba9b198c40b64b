"""Extraction, stage 3: who claims each casualty figure. A figure belongs to the side its
speaker speaks for (through the actor registry, :mod:`timeline.extract.voices`); with no
speaker, to the speaker of the sentence before when it goes on with the same count, or to
the last speaker of the same paragraph, else to the outlet."""

from __future__ import annotations

import re

from timeline.extract import figures as figures_module
from timeline.extract.analysis import Article, Unit
from timeline.extract.attribution import (
    PARTIES,
    TITLE_ABBREVIATIONS,
    Attribution,
    _is_armed_group,
)

#: Marks that end the clause before a speaker's title.
_CLAUSE_MARKS = (",", ".", ";", ":", "(", ")", '"', "“", "”", "—", "–")

_CLAUSE_MARK = re.compile("[" + re.escape("".join(_CLAUSE_MARKS)) + "]")

#: The period of a title's abbreviation ("Maj.", "Col.", "Brig. Gen.") ends no clause.
_TITLE_ABBREVIATION = re.compile(rf"\b{TITLE_ABBREVIATIONS}\.$")

#: The place of an office between commas, right before its holder's name: "Inspector-General
#: of Police, Kashmir, Vijay Kumar said". The commas around it end no clause.
_OFFICE_PLACE = re.compile(r"\s*[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2},\s*$")

#: A source the reporter cites, right after its reporting verb: ", citing the border force".
_CITING = re.compile(
    r"[^\S\n]*,?[^\S\n]*citing[^\S\n]+(?P<source>(?:(?![,.;:\n])\S+[^\S\n]*){1,8}?)"
    r"(?=[,.;:]|[^\S\n]+(?:as|who|which|that)\b|$)"
)

#: Capitalised names joined by "of", "for" or "on" after a body's name.
_OWNER_CHAIN = re.compile(
    r"(?:[^\S\n]+[A-Z][\w’'-]*)*(?:[^\S\n]+(?:of|for|on)(?:[^\S\n]+the)?[^\S\n]+[A-Z][\w’'-]*"
    r"(?:[^\S\n]+[A-Z][\w’'-]*)*)*"
)

#: A report no one is named for: "It was earlier reported that ...", "It has been reported".
_IMPERSONAL_REPORT = re.compile(
    r"\s*(?:It|it)\s+(?:was|has\s+been|had\s+been|is)\s+(?:(?:earlier|previously|also|"
    r"widely|first)\s+)?(?:reported|announced|stated)\b"
)

#: A source cited later in the sentence, after a comma: "..., citing a police representative".
_CITING_LATER = re.compile(
    r",[^\S\n]*citing[^\S\n]+(?P<source>(?:(?![,.;:\n])\S+[^\S\n]*){1,14}?)"
    r"(?=[,.;:]|[^\S\n]+(?:as|who|which|that)\b|$)"
)

#: A title after the speaker's name, between commas (", the deputy spokesman for X,") or,
#: after the verb, at the end of the sentence ("said Edward Kallon, the UN coordinator.").
_APPOSITION = re.compile(
    # ... or a bare office in lower case ("said Azad Jalal, assistant police chief in Kirkuk").
    r",\s+(?:(?i:the|a|an|its|his|her)\s+|(?=[a-z])(?!(?:said|says|told|tells|added|adds|"
    r"reported|reports|stated|noted|stressed|explained|confirmed|announced|according|who|which|"
    r"whose|where|when|while|but|and|as|in|on|at|by|after|before|with|without|adding|saying)\b))"
    r"(?:[^,.;:\n]|\n(?!\n)){3,80}?"
    r"(?=,|[.;:]?[\"”]?\s*$|[.;:][\"”]?\s)",
)

#: A sentence that opens a list of what a speaker gave: "... as follows:", "... were:".
#: The document a speaker issued, opening its text: "The report reads:", "The statement says:".
_LIST_OPENER = re.compile(
    r"\b(as follows|the following|(?i:the\s+)?(?:report|statement|message|communiqu[eé]|"
    r"release|text|document)\s+(?:reads|read|says|said|states|stated|continues))?\s*:\s*$"
)

#: A finite verb: what an apposition (a noun phrase) never holds.
_FINITE_VERB = re.compile(
    r"\b(?:was|were|is|are|has|have|had|will|would|"
    # "..., an Ukrinform correspondent reports": the outlet's sign-off, no title.
    r"says|said|reports|reported|writes|wrote|tells|told|adds|added)\b",
    re.I,
)

#: The rest of a speaker's noun phrase after the words attribution kept, up to the verb.
_REST_OF_SPEAKER = re.compile(
    r"(?:(?!\s(?:said|says|told|tells|reported|reports|announced|stated|added|confirmed|"
    r"claimed|noted|stressed|emphasi[sz]ed|explained|clarified|revealed|admitted|declared|"
    r"warned|wrote|insisted|denied|that|was|were|is|are|has|have|had|"
    # "a Red Cross list seen by AFP": who saw the document is not who speaks.
    r"seen|obtained|reviewed|viewed|quoted|cited)\b)"
    r"[^\S\n]*[\w’'-]+){0,6}"
)


#: A sentence that takes up the account before it and names its source: "This was announced
#: on Monday by ...", "These figures were reported by ...".
_THIS_WAS_SAID = re.compile(
    r"\s*(?:This|That|It|These(?:\s+figures)?|The\s+figures)\s+(?:was|were|has\s+been|"
    r"have\s+been|had\s+been)\s+(?:[\w-]+\s+){0,3}?(?:reported|announced|stated|confirmed|"
    r"said)\b"
)


#: A speaker for an armed group named by what it is: "a spokesman for the rebels", "the
#: rebel-controlled Health Ministry", "a rebel commander".
_FOR_THE_GROUP = re.compile(
    r"\b(?:for|of)\s+the\s+(?:rebels|insurgents|separatists|militants|guerrillas)\b"
    r"|\b(?:rebel|insurgent|separatist|militant|guerrilla)[-\u2010\u2011](?:controlled|run|held|led)\b"
    r"|\b(?:rebel|insurgent|separatist|guerrilla)s?['’]?\s+(?:commander|spokes(?:man|woman|person)|"
    r"leader|official|chief)s?\b",
    re.I,
)
#: A saying made in a document whose account the next paragraphs go on with.
_IN_A_STATEMENT = re.compile(
    r"\b(?:[Ii]n|[Tt]hrough)\s+an?\s+(?:[\w-]+\s+){0,2}?(?:statement|communiqu[eé]|press\s+release|"
    r"report|bulletin)\b"
)


class Claimants:
    """The claimant of each figure in one article, and the voice each side spoke through."""

    def __init__(self, article: Article) -> None:
        self.article = article
        #: A figure's claimant (its side) -> the voice that gave it, for the claim.
        self.voice_of: dict[str, str] = {}
        #: The last sentence in which a speaker gave casualty figures, with its attribution.
        self.previous_speaker: tuple[int, Attribution] | None = None
        #: The last attributed sentence of the current paragraph, with its attribution.
        self.paragraph_speaker: tuple[int, Attribution] | None = None
        #: A speaker's list: "The statement gave the operations as follows:" makes the
        #: paragraphs after it that speaker's, until another speaker is named.
        self.list_speaker: Attribution | None = None
        #: Each unit's position in the article, for the sentences after it (built once).
        self._positions: dict[int, int] | None = None
        #: The armed groups the article names (found once).
        self._armed_groups: set[str] | None = None

    def after(self, unit: Unit, counted: bool) -> None:
        """Remember whether ``unit``'s speaker gave casualty figures, for the next sentence
        ("Five others were wounded" goes on with the same speaker's count)."""
        if unit.attribution.mode in ("reported", "accused"):
            self.previous_speaker = (
                (unit.sentences[-1].index, unit.attribution) if counted else None
            )
            if unit.attribution.speaker is not None:
                self.paragraph_speaker = (unit.sentences[-1].paragraph, unit.attribution)
                self.list_speaker = None
                if not counted:
                    # An outlet that spoke without figures ("Asia Plus reported the
                    # ceasefire") is still "the news agency" of the sentences after.
                    for name in self.speaker_names(unit.attribution)[:1]:
                        self.article.voices.note_press(name)
                        # A person described as they speak ("Sani Usman, the army
                        # spokesman, said"): whom they speak for, for when they are named
                        # again alone and give figures.
                        if " " in name and name[:1].isupper():
                            self.side_of(name, unit.attribution.speaker.span, voice=False)
        opener = _LIST_OPENER.search(unit.sentences[-1].text)
        if (
            unit.attribution.speaker is not None
            and unit.attribution.mode == "reported"
            and _IN_A_STATEMENT.search(unit.first.text)
        ):
            # "In a press statement released on Monday, Somalia's Ministry of Information
            # said that ...": the paragraphs after, naming no one, go on with the statement.
            self.list_speaker = unit.attribution
        if opener is not None and unit.attribution.speaker is not None:
            self.list_speaker = unit.attribution  # "The ministry gave the toll by province:"
        elif opener is not None and opener.group(1):
            # "The statement briefed the newest operations as follows:": the last speaker's
            # (the last attribution that named one, in whatever paragraph).
            held = self.paragraph_speaker
            self.list_speaker = held[1] if held is not None else None

    def groups(
        self, kind: str, unit: Unit, found: list[figures_module.FigureMention]
    ) -> list[tuple[str | None, list[figures_module.FigureMention]]]:
        if not found:
            return [(None, [])]
        groups: dict[str, list[figures_module.FigureMention]] = {}
        for figure in found:
            groups.setdefault(self.claimant(unit, figure), []).append(figure)
        if kind != "casualty_report" or len(groups) == 1:
            return [(None, found)]
        return list(groups.items())

    def claimant(self, unit: Unit, figure: figures_module.FigureMention) -> str:
        attribution = unit.attribution
        if attribution.mode == "each_side" and len(figure.party) == 3 and figure.party.isupper():
            return self.article.matcher.government(figure.party)
        if attribution.mode in ("reported", "accused"):
            # With several speakers in one sentence, a figure belongs to the nearest one
            # before it ("X said 59 ..., while Y said 35 ..."), else to the first.
            speakers = [
                pair
                for sentence in unit.sentences
                if sentence.start <= figure.start < sentence.end
                for pair in self.article.attributor.speakers(sentence, unit.mentions)
            ]
            before = [speaker for position, speaker in speakers if position < figure.start]
            if len(speakers) > 1 and before:
                names = [n for n in before[-1].names if n != PARTIES] or self.speaker_names(
                    attribution
                )
                return self.side_of(names[0], before[-1].span)
        cited = self._cited(unit)
        if cited is not None:
            return cited
        names = self.speaker_names(attribution)
        if not names and _IMPERSONAL_REPORT.match(unit.first.text):
            # "It was earlier reported that 87 citizens were wounded": the outlet's own
            # earlier report, not the last speaker's.
            return self.article.outlet
        if not names:
            previous = self.previous_speaker
            if (
                attribution.mode == "outlet"
                and previous is not None
                and previous[0] == unit.first.index - 1
                and previous[1].speaker is not None
            ):
                # "The ministry said 11 people were killed. Five others were wounded, two
                # critically.": the next sentence goes on with the same speaker's count.
                earlier = self.speaker_names(previous[1])
                if earlier:
                    return self.side_of(earlier[0], previous[1].speaker.span)
            held = self.paragraph_speaker
            if (
                attribution.mode == "outlet"
                and held is not None
                and held[0] == unit.first.paragraph
                and held[1].speaker is not None
            ):
                # "According to the Investigative Committee, explosions were heard ...
                # Protesters threw stones at police. Two police officers were injured.": a
                # paragraph's unattributed sentences go on with its last speaker's account.
                earlier = self.speaker_names(held[1])
                if earlier:
                    return self.side_of(earlier[0], held[1].speaker.span)
            later = self._later_in_paragraph(unit) if attribution.mode == "outlet" else None
            if later is not None and later.speaker is not None:
                # "More than 3,000 people were detained. 26 were killed. The toll of officers
                # has risen to 18, reports the Interior Ministry.": a paragraph's account,
                # whose speaker its last sentence names.
                earlier = self.speaker_names(later)
                if earlier:
                    return self.side_of(earlier[0], later.speaker.span)
            listed = self.list_speaker
            if attribution.mode == "outlet" and listed is not None and listed.speaker is not None:
                # "The statement gave the operations as follows: ... In Kunduz province, 21
                # insurgents were killed.": the list is the statement's.
                earlier = self.speaker_names(listed)
                if earlier:
                    return self.side_of(earlier[0], listed.speaker.span)
            return self.article.outlet
        span = attribution.speaker.span if attribution.speaker is not None else None
        return self.side_of(names[0], span)

    def _later_in_paragraph(self, unit: Unit) -> Attribution | None:
        """The attribution of the next attributed sentence in ``unit``'s paragraph, when the
        sentences between name no one and it names its speaker after its account."""
        units = self.article.units
        if self._positions is None:
            self._positions = {id(u): i for i, u in enumerate(units)}
        at = self._positions.get(id(unit))
        if at is None:
            return None
        for following in units[at + 1 :]:
            if following.first.paragraph != unit.first.paragraph:
                return None
            if following.attribution.mode == "reported":
                # Only a speaker named after the account ("..., reports the ministry"),
                # not one whose own words follow ("Residents said the road was closed").
                verb = following.attribution.verb
                last = following.sentences[-1]
                trailing = verb is not None and verb[0] - last.start > len(last.text) / 2
                # "This was announced on Monday by the head of the RMA": the account before
                # it, taken up by "This", is the speaker's.
                trailing = trailing or bool(_THIS_WAS_SAID.match(last.text))
                return following.attribution if trailing else None
            if following.attribution.mode != "outlet":
                return None
        return None

    def _cited(self, unit: Unit) -> str | None:
        """ "..., RIA Novosti reported, citing the Tajik border force": the figure is the
        cited source's, when the registry knows whom it speaks for."""
        verb = unit.attribution.verb
        if verb is None or unit.attribution.mode not in ("reported", "accused"):
            return None
        found = _CITING.match(self.article.text, verb[1])
        if found is None:
            # "... reported that a soldier died after troops opened fire, citing a police
            # representative": a source cited at the end of the speaker's sentence.
            sentence = next((s for s in unit.sentences if s.start <= verb[0] < s.end), None)
            later = (
                _CITING_LATER.search(self.article.text, verb[1], sentence.end)
                if sentence is not None
                else None
            )
            if later is None or sentence is None or sentence.in_quote(later.start()):
                return None
            found = later
        source = " ".join(found.group("source").split())
        voice = self.article.voices.resolve(source, source, self.article.published.isoformat())
        if voice.side is None:
            return None
        side = self.article.voices.claimant(source, source, self.article.published.isoformat())
        self.voice_of.setdefault(side, source)
        return side

    def side_of(self, name: str, span: tuple[int, int] | None, *, voice: bool = True) -> str:
        """A figure's claimant: the side the speaker speaks for, by the actor registry (see
        :mod:`timeline.extract.voices`), or the speaker's name when it resolves to none."""
        phrase = name
        if span is not None:
            # The speaker's words with their title before them and the rest of their noun
            # phrase after ("Gaza's [Hamas-run health ministry] said").
            paragraph_start = self.article.text.rfind("\n\n", 0, span[0]) + 2
            # The title before the speaker, within its own clause ("..., the oblast governor
            # Oleksiy Kuleba"), never words of an earlier clause or quotation.
            window_start = max(paragraph_start, span[0] - 60)
            marks = [
                m.end()
                for m in _CLAUSE_MARK.finditer(self.article.text, window_start, span[0])
                if not _TITLE_ABBREVIATION.search(self.article.text, window_start, m.end())
            ]
            if (
                len(marks) > 1
                and _OFFICE_PLACE.match(self.article.text[marks[-2] : span[0]])
                # Only before a person's name ("..., Kashmir, Vijay Kumar said"); before a
                # body in lower case ("in Tinoc, Ifugao, police said") the place is the event's.
                and self.article.text[span[0] : span[0] + 1].isupper()
            ):
                del marks[-2:]
            clause_start = max([window_start, *marks])
            rest = _REST_OF_SPEAKER.match(self.article.text, span[1])
            end = rest.end() if rest else span[1]
            # "the Press Center of the Border Troops of the State Committee for National
            # Security of Tajikistan": a body's name runs on through its capitalised owners.
            chain = _OWNER_CHAIN.match(self.article.text, end)
            end = chain.end() if chain else end
            apposition = _APPOSITION.match(self.article.text, end)
            if apposition is not None and not _FINITE_VERB.search(apposition.group()):
                # "Hamdullah Fitrat, the deputy spokesman for the Afghan government, said";
                # never a clause ("According to the ministry, a man was killed in ...").
                end = apposition.end()
            phrase = self.article.text[clause_start:end]
        name = " ".join(name.split())
        when = self.article.published.isoformat()
        side = self.article.voices.claimant(name, phrase, when)
        if (
            _FOR_THE_GROUP.search(phrase)
            and self.article.voices.resolve(name, phrase, when).side is None
        ):
            # "Youssef al-Hadiri, a spokesman for the rebel-controlled Health Ministry", "a
            # spokesman for the rebels": the one armed group the article names.
            group = self._sole_armed_group()
            if group is not None:
                side = self.article.voices.claimant(group, group, when)
        if voice:
            self.voice_of.setdefault(side, name)
        return side

    def _sole_armed_group(self) -> str | None:
        """The one armed group the article names, if it names exactly one."""
        if self._armed_groups is None:
            self._armed_groups = {
                m.value
                for u in self.article.units
                for m in u.mentions
                if m.type == "actor" and _is_armed_group(m.value)
            }
        return next(iter(self._armed_groups)) if len(self._armed_groups) == 1 else None

    def speaker_names(self, attribution: Attribution) -> list[str]:
        if attribution.speaker is None:
            if attribution.mode == "each_side":
                return [self.article.matcher.government(p) for p in self.article.parties]
            return []
        names: list[str] = []
        for name in attribution.speaker.names:
            if name == PARTIES:
                names.extend(self.article.matcher.government(p) for p in self.article.parties)
            else:
                names.append(name)
        return list(dict.fromkeys(names))
