"""The layout of an article's text: boilerplate removed, paragraphs, sentences and quotations,
all as character offsets into the text, so every later step can point back at its words.

Boilerplate is dropped by the rules in ``data/boilerplate.yaml`` (see docs/extraction.md).
Sentences end at ``.``, ``!`` or ``?`` (and any closing quotation mark) before a capital,
digit or opening quotation mark, except after an abbreviation or an initial.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from timeline.extract import lexicon

Span = tuple[int, int]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
_WS = re.compile(r"\s+")
_BOUNDARY = re.compile(r"[.!?]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"(\S+)$")
_INITIAL = re.compile(r"^(?:[A-Z]\.)+$")
_ABBREVIATIONS = frozenset(
    [
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "prof.",
        "gen.",
        "brig.",
        "cpl.",
        "pvt.",
        "amb.",
        "rev.",
        "lt.",
        "col.",
        "sgt.",
        "maj.",
        "capt.",
        "cmdr.",
        "adm.",
        "gov.",
        "sen.",
        "rep.",
        "st.",
        "sr.",
        "jr.",
        "u.s.",
        "u.n.",
        "u.k.",
        "e.u.",
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "aug.",
        "sep.",
        "sept.",
        "oct.",
        "nov.",
        "dec.",
        "no.",
        "nos.",
        "vs.",
        "a.m.",
        "p.m.",
        "e.g.",
        "i.e.",
        "etc.",
        "approx.",
        "inc.",
        "ltd.",
        "co.",
        "corp.",
        "dept.",
        "est.",
        "fig.",
        "mt.",
    ]
)
#: "KYIV, Oct 10 (Reuters) - " or "BISHKEK (Timeline Desk) — ": the wire dateline.
#: "Oct 10", "10 October 2022" and, in state agencies' copy, "27.01.2022".
_DATE = (
    r"(?:[A-Z][a-zA-Z]{2,8}\.?\s*\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-zA-Z]{2,8}\.?(?:\s+\d{4})?"
    r"|\d{1,2}\.\d{1,2}\.\d{4})"
)
_DATELINE = re.compile(
    # "KYIV, Oct 10 (Reuters) - ", "GAZA CITY, Gaza Strip (AP) — ", "Khartoum (AFP) - ",
    # "BAKU, September 13. /TASS/. ", "MOGADISHU, Somalia — ", "Bogota, Dec 6 (EFE).- ": a
    # city in capitals (or a capitalised word before an outlet in brackets), an optional
    # region and date, then the outlet in brackets or between slashes, or a dash.
    # "Port-Au-Prince (diplomat.so) - ", "Metro Manila (CNN Philippines) – ", "Lagos- Nigeria
    # (PANA) -- ": a place in mixed case, of words joined by spaces or hyphens.
    r"(?P<place>[A-Z][A-Z .'’-]{1,40}(?:/[A-Z][A-Z .'’-]{1,40})*|"
    r"[A-Z][a-z]+(?:(?:-|\s|-\s)[A-Z][a-z]+){0,3}(?=\s*[(/,]))"
    # "BENI, Democratic Republic of Congo, June 6 (Reuters) -": a region may hold "of".
    r"(?:,\s*(?!"
    + _DATE
    + r")(?P<region>[A-Z][A-Za-z'’-]+(?:\s(?:of\s(?:the\s)?)?[A-Z][A-Za-z'’-]+){0,3}))?"
    r"(?:[,.]?\s*(?P<date>" + _DATE + r"))?"
    r"(?:,?\s*\((?P<outlet>[^()\n]{2,40})\)(?:\.?\s*[-–—]+\s*|[^\S\n]*(?:"
    + _DATE
    + r"(?:,?\s+\d{4})?)?[^\S\n]*\n\s*"
    # "Raipur, Apr 3 (PTI) At least 13 ...": after a date, the credit alone opens the body.
    r"|(?(date)[^\S\n]+(?=[A-Z“\"])|(?!)))"
    # "BAKU (UrduPoint News / Sputnik - 22nd July, 2020) ": the outlet and the date in the
    # brackets.
    r"|\s*\((?P<dated>[A-Z][^()\n]{1,40}?)\s+[-–—]\s+\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4}\)\s+"
    r"|[.,]?\s*/(?P<slashed>[A-Za-z][A-Za-z .-]{1,30})/[.,]?\s+"
    # "YEREVAN, SEPTEMBER 13, ARMENPRESS. ", "BAKU, Azerbaijan, Sept.13. Trend: ": an
    # agency's name after the date (in capitals, or before a colon).
    # "Baku, October 8, AZERTAC" on a line of its own: the agency ends the paragraph.
    r"|[,.]\s*(?P<agency>[A-Z][A-Za-z.]{2,20}?)(?:(?P<stop>[.:])\s+|[^\S\n]*$)"
    # "YEREVAN, September 13 - Sputnik. ": the agency after the dash, with its stop.
    r"|(?(date)\s+[-–—]+\s+(?P<dashed>[A-Z][A-Za-z]{2,20}(?:\s[A-Z][A-Za-z]{1,20})?)\.\s+"
    r"(?=[A-Z\"“])|(?!))"
    r"|\s+[-–—]+\s+)"
)
#: "Feb 9, 2008 (AFP) – ", "(AFRICAN EXAMINER) – ": a date and the agency, or the agency
#: alone, with no place.
_DATE_DATELINE = re.compile(
    r"(?:(?P<date>" + _DATE + r")\s*)?\((?P<outlet>[A-Z][^()\n]{1,39})\)\s*[-–—]+\s*"
)
#: "REPUBLIKA.CO.ID, SLOVIANSK -- ": an outlet's web address before the place.
_DOMAIN_DATELINE = re.compile(
    r"(?P<outlet>[A-Z][A-Za-z0-9-]+(?:\.[A-Za-z]{2,4}){1,2}),\s+[A-Z][A-Za-z .'’-]{1,40}?\s+[-–—]+\s+"
)
#: "Sharjah 24 – Reuters: ", "Gulf Times – AFP: ": an outlet, a dash, the agency and a colon.
_CREDIT_DATELINE = re.compile(
    r"[A-Z][\w.]*(?:\s[A-Z0-9][\w.]*){0,3}\s+[-–—]\s+"
    r"(?P<agency>Reuters|AFP|AP|Xinhua|Anadolu|TASS|Interfax|EFE|dpa|DPA|IANS|PTI|ANI|WAM|SPA|QNA|KUNA|"
    r"Sputnik|IRNA|Bernama|Kyodo|Yonhap|ANA|APA|Trend|AzerTac|Armenpress|UNI|APP|NNA|MENA|SANA)"
    r":\s+(?=[A-Z\"“])"
)
#: "Addis Abeba — The federal government said": a city, a dash, the first sentence (allAfrica).
_DASH_DATELINE = re.compile(
    r"(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}(?:/[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})*)"
    r"\s+[—–-]\s+(?=(?:The|A|An|[A-Z][a-z]+)\b)"
)
#: "Doha: ", "Baku: ": a capital and a colon before the first sentence (QNA, AzerNews).
_COLON_DATELINE = re.compile(
    # "Lima : ", "Riyadh, January 13: ", "Khartoum, Oct 7 ": a capital, perhaps a date, then a
    # colon (or, after a date, nothing) before the first sentence.
    r"(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?:,\s*" + _DATE + r"(?::\s+|\s+)|\s?:\s+)"
    r"(?=[A-Z\"“])"
)
#: "ISLAMABAD: ", "SIALKOT/NAROWAL/MUZAFFARABAD: ": places in capitals, joined by slashes,
#: and a colon (Pakistani and Indian papers).
_CAPS_COLON_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]{2,30}(?: [A-Z][A-Z.'’-]{1,30}){0,2}"
    r"(?:\s*/\s*[A-Z][A-Z.'’-]{2,30}(?: [A-Z][A-Z.'’-]{1,30}){0,2})*):\s+(?=[A-Z\"“])"
)


#: How many paragraphs deep a dateline is looked for.
_DATELINE_DEPTH = 10


def _is_city(name: str, override: str | None) -> bool:
    """A capital or a large city by any of its names ("Addis Abeba")."""
    from timeline.extract.gazetteer import gazetteer

    found = gazetteer(override).lookup(name, frozenset(), None)
    return found is not None and not found.region


_OPEN_QUOTES = '“"'
#: A quotation closed by a pronoun's "he said": it continues the previous speaker.
_PRONOUN_SAID = re.compile(
    r"\W*(?:he|she|they|it)\s+(?:said|added|says|adds|continued|went on|told reporters)\W*", re.I
)
_TERMINAL = re.compile(r"[.!?:;…\"”’)]\s*$")


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    continuation: bool = False  # a quotation continuing the previous paragraph's speaker


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    text: str
    quotes: tuple[Span, ...]  # spans inside quotation marks, absolute, clipped to the sentence

    def in_quote(self, start: int, end: int | None = None) -> bool:
        stop = start if end is None else end
        return any(q0 <= start and stop <= q1 for q0, q1 in self.quotes)


@dataclass(frozen=True)
class Removed:
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Layout:
    text: str
    headline: Span | None
    dateline: Span | None
    dateline_outlet: str | None
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    removed: tuple[Removed, ...]

    def headline_text(self) -> str | None:
        if self.headline is None:
            return None
        return _WS.sub(" ", self.text[self.headline[0] : self.headline[1]]).strip()


@dataclass(frozen=True)
class _Rules:
    drop: tuple[re.Pattern[str], ...]
    drop_short: tuple[re.Pattern[str], ...]
    trailing: tuple[re.Pattern[str], ...]
    list_section: tuple[re.Pattern[str], ...]
    page_lines: tuple[re.Pattern[str], ...]
    short_chars: int
    list_item_chars: int


@cache
def _rules(override: str | None) -> _Rules:
    raw = lexicon.load("boilerplate", override)

    def full(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(
            lexicon.compile_pattern(f"boilerplate.yaml: {key}", rf"(?:{p})\s*")
            for p in raw.get(key) or ()
        )

    return _Rules(
        drop=full("drop"),
        drop_short=tuple(
            lexicon.compile_pattern("boilerplate.yaml: drop_short", p)
            for p in raw.get("drop_short") or ()
        ),
        trailing=full("trailing_section"),
        list_section=full("list_section"),
        page_lines=full("page_lines"),
        short_chars=int(raw.get("short_chars", 300)),
        list_item_chars=int(raw.get("list_item_chars", 120)),
    )


def _blocks(text: str) -> list[Span]:
    """Paragraphs: text between blank lines, or lines when the text has no blank line."""
    if _BLANK_LINE.search(text):
        spans = []
        position = 0
        for gap in _BLANK_LINE.finditer(text):
            spans.append((position, gap.start()))
            position = gap.end()
        spans.append((position, len(text)))
    else:
        spans = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    trimmed = []
    for start, end in spans:
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        trimmed.append((start + lead, start + lead + len(stripped)))
    return trimmed


def _without_lines(
    text: str, blocks: list[Span], dropped: Callable[[str], bool], reason: str
) -> tuple[list[Span], list[Removed]]:
    """The blocks without their lines that ``dropped`` says are no part of the body; a
    block that loses a line keeps its other lines, each a block of its own (a scraped page
    stacks its chrome and its standfirst without blank lines)."""
    kept: list[Span] = []
    removed: list[Removed] = []
    for start, end in blocks:
        lines = [(start + m.start(), start + m.end()) for m in _LINE.finditer(text[start:end])]
        drop = [dropped(text[a:b]) for a, b in lines]
        if not any(drop):
            kept.append((start, end))
            continue
        for (a, b), gone in zip(lines, drop, strict=True):
            stripped = text[a:b].strip()
            if gone:
                removed.append(Removed(a, b, reason))
            elif stripped:
                lead = len(text[a:b]) - len(text[a:b].lstrip())
                kept.append((a + lead, a + lead + len(stripped)))
    return kept, removed


def _page_lines(text: str, blocks: list[Span], rules: _Rules) -> tuple[list[Span], list[Removed]]:
    """Lines of page chrome ("By: AFP", "Published: 06:24 PM, 14 Oct, 2024", "You are here:
    Home | News | ...") removed from the blocks they sit in."""

    def chrome(line: str) -> bool:
        # Chrome is a short line: a line of prose is never tried against every rule.
        return len(line) <= _CHROME_CHARS and any(
            p.fullmatch(_WS.sub(" ", line).strip()) for p in rules.page_lines
        )

    return _without_lines(text, blocks, chrome, "page chrome (by-line, time stamp, breadcrumb)")


def _headline_repeats(
    text: str, blocks: list[Span], headline: str
) -> tuple[list[Span], list[Removed]]:
    """Lines that print the headline again (a scraped page's title above its body, after a
    site line: "Today from Hiiraan Online: _" then the headline) are no part of the body."""
    wanted = _REPEAT_TAIL.sub("", _WS.sub(" ", headline).strip()).casefold()

    def repeat(line: str) -> bool:
        # Only a line about the headline's length can print it again, perhaps with a full stop
        # or the page's article number after it ("... attacked Mali military camps 2001121").
        if abs(len(line) - len(wanted)) > 12:
            return False
        return _REPEAT_TAIL.sub("", _WS.sub(" ", line).strip()).casefold() == wanted

    return _without_lines(text, blocks, repeat, "the headline printed again")


#: What may follow a headline printed again: a full stop, or the page's article number.
_REPEAT_TAIL = re.compile(r"(?:\s+\d{5,})?\s*[.]?$")

#: The longest line that may be page chrome ("You are here: Home | News | " and a headline).
_CHROME_CHARS = 240

#: A headline standing alone: words with no full stop, as a related story's link reads.
_HEADLINE_LIKE = re.compile(r"[A-Z0-9][^\n\"“”]*[^\s.!?:;,\"”’')\]]")


def _boilerplate(text: str, blocks: list[Span], rules: _Rules) -> tuple[list[Span], list[Removed]]:
    blocks, removed = _page_lines(text, blocks, rules)
    kept: list[Span] = []
    in_list = False
    for n, (start, end) in enumerate(blocks):
        words = _WS.sub(" ", text[start:end]).strip()
        first_line = _WS.sub(" ", text[start:end].split("\n", 1)[0]).strip()
        if any(p.fullmatch(words) or p.fullmatch(first_line) for p in rules.trailing):
            removed.extend(
                Removed(s, e, "page tail (comments, more from ...)") for s, e in blocks[n:]
            )
            break
        if any(p.fullmatch(words) or p.fullmatch(first_line) for p in rules.list_section):
            removed.append(Removed(start, end, "related-articles list"))
            in_list = True
            continue
        if in_list:
            if len(words) <= rules.list_item_chars and not words.endswith("."):
                removed.append(Removed(start, end, "related-articles list"))
                continue
            in_list = False
        if any(p.fullmatch(words) for p in rules.drop):
            removed.append(Removed(start, end, "boilerplate line"))
            continue
        if len(words) <= rules.short_chars and any(p.search(words) for p in rules.drop_short):
            removed.append(Removed(start, end, "boilerplate (cookies, sharing, newsletter)"))
            continue
        kept.append((start, end))
    # A related story's headline after the body ("Gaza rescuers say Israeli drone strike kills
    # 5 children"): at the very end, a short line of three words or more with no full stop.
    while len(kept) > 2:
        start, end = kept[-1]
        words = _WS.sub(" ", text[start:end]).strip()
        if (
            "\n" in text[start:end].strip()
            or len(words) > rules.list_item_chars
            or len(words.split()) < 3
            or not _HEADLINE_LIKE.fullmatch(words)
        ):
            break
        removed.append(Removed(start, end, "related story's headline"))
        kept.pop()
    return kept, removed


def _quotes(text: str, start: int, end: int) -> list[Span]:
    """Spans inside quotation marks in one paragraph. An unclosed quotation runs to the
    paragraph's end (the wire convention for a quotation continued in the next paragraph)."""
    spans: list[Span] = []
    opened: int | None = None
    straight_open: int | None = None
    for i in range(start, end):
        char = text[i]
        if char == "“":
            if opened is None:
                opened = i
        elif char == "”":
            spans.append((opened if opened is not None else start, i + 1))
            opened = None
        elif char == '"':
            if straight_open is None:
                straight_open = i
            else:
                spans.append((straight_open, i + 1))
                straight_open = None
    for dangling in (opened, straight_open):
        if dangling is not None:
            spans.append((dangling, end))
    return sorted(spans)


def _split(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    position = start
    for boundary in _BOUNDARY.finditer(text, start, end):
        word = _LAST_WORD.search(text, position, boundary.start() + 1)
        token = word.group(1).lower() if word else ""
        raw_token = word.group(1) if word else ""
        if token in _ABBREVIATIONS or _INITIAL.match(raw_token.lstrip('(“"')):
            continue
        before = text[position : boundary.start() + 1]
        if (
            before.count("(") > before.count(")")
            and ")" in text[boundary.end() : boundary.end() + 40]
        ):
            continue  # inside brackets: "Tigran Poghosyan (b. 1992)" ends no sentence
        stop = boundary.end()
        sentence = text[position:stop].rstrip()
        if sentence:
            spans.append((position, position + len(sentence)))
        position = stop
    tail = text[position:end].rstrip()
    if tail.strip():
        spans.append((position, position + len(tail)))
    return spans


def _is_headline(text: str, span: Span, total_blocks: int, title: str | None) -> bool:
    words = _WS.sub(" ", text[span[0] : span[1]]).strip()
    if title and words.casefold() == _WS.sub(" ", title).strip().casefold():
        return True
    return (
        total_blocks > 1
        and "\n" not in text[span[0] : span[1]].strip()
        and len(words) <= 200
        and len(words.split()) >= 2
        and not _TERMINAL.search(words)
    )


def _is_deck(text: str, first: Span, second: Span) -> bool:
    """A headline with its stop, or with a standfirst after it ("Somali police say 32 people
    died in an attack on a beach hotel. Al-Shabab claimed responsibility."): one short line
    of at most two sentences, and the body that follows opens with a dateline
    ("MOGADISHU, Somalia (AP) — "), which only a body's first paragraph carries."""
    words = _WS.sub(" ", text[first[0] : first[1]]).strip()
    if "\n" in text[first[0] : first[1]].strip() or len(words) > 200 or len(words.split()) < 4:
        return False
    if len(_split(text, first[0], first[1])) > 2:
        return False
    match = _DATELINE.match(text, second[0], second[1])
    return bool(match and (match.group("outlet") or match.group("slashed") or match.group("dated")))


def analyse(text: str, *, title: str | None = None, override: str | None = None) -> Layout:
    """Split an article's text into kept paragraphs and sentences, recording what was removed."""
    blocks, removed = _boilerplate(text, _blocks(text), _rules(override))
    headline: Span | None = None
    if blocks and (
        _is_headline(text, blocks[0], len(blocks), title)
        or (len(blocks) > 1 and _is_deck(text, blocks[0], blocks[1]))
    ):
        headline = blocks.pop(0)
        blocks, repeated = _headline_repeats(text, blocks, text[headline[0] : headline[1]])
        removed = [*removed, *repeated]
    dateline: Span | None = None
    dateline_outlet: str | None = None
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for start, end in blocks:
        if len(paragraphs) < _DATELINE_DEPTH and dateline is None:
            # Past the first three paragraphs (a scraped page's menus, site line and captions
            # come first), only a dateline in capitals with its date: "NAIROBI, Kenya, Feb 8 –".
            deep = len(paragraphs) >= 3
            domain = None if deep else _DOMAIN_DATELINE.match(text, start, end)
            match = None if domain else _DATELINE.match(text, start, end)
            if deep and not (match and match["place"].isupper() and match.group("date")):
                match = None
            agency = (
                match.group("agency")
                if match
                and match.group("agency")
                and match.group("date")
                and (match.group("agency").isupper() or match.group("stop") == ":")
                else None
            )
            if match and match.group("agency") and agency is None:
                match = None  # "Baku, Sept. 13. Officials said": no agency, no dateline
            dated_only = (
                _DATE_DATELINE.match(text, start, end)
                if match is None and not domain and not deep
                else None
            )
            if domain is not None:
                # "REPUBLIKA.CO.ID, SLOVIANSK -- ": the outlet's web address, then the place.
                dateline = (start, domain.end())
                label = domain.group("outlet").split(".")[0]
                dateline_outlet = label.title() if label.isupper() else label  # "Republika"
                start = domain.end()
            elif dated_only is not None:
                dateline = (start, dated_only.end())
                dateline_outlet = dated_only.group("outlet").strip()
                if _is_city(dateline_outlet.title(), override):
                    dateline_outlet = None  # "April 10, 2016 (KHARTOUM) –": where, not who
                start = dated_only.end()
            elif deep:
                pass  # so deep, no other form: only the capitals and date matched above
            elif match is None and (credit := _CREDIT_DATELINE.match(text, start, end)):
                # "Sharjah 24 – Reuters: At least 115 people ...": the outlet and the agency
                # whose copy it runs, before a colon.
                dateline = (start, credit.end())
                dateline_outlet = credit.group("agency")
                start = credit.end()
            elif match is None:
                colon = _COLON_DATELINE.match(text, start, end)
                capitals = _CAPS_COLON_DATELINE.match(text, start, end)
                if capitals is not None:
                    dateline = (start, capitals.end())
                    start = capitals.end()
                elif colon is not None and _is_city(colon.group("place"), override):
                    # "Doha: The State of Qatar expressed ...", "Bhopal: Maoists on Sunday
                    # ambushed ...": a capital or a large city, and a colon.
                    dateline = (start, colon.end())
                    start = colon.end()
                elif (dash := _DASH_DATELINE.match(text, start, end)) is not None and any(
                    # "Dubai/Sulaimaniya — ": places joined by a slash, one of them a city the
                    # gazetteer knows (it spells the other "Sulaymaniyah").
                    _is_city(place, override)
                    for place in dash.group("place").split("/")
                ):
                    dateline = (start, dash.end())
                    start = dash.end()
            if match and (
                match.group("outlet")
                or match.group("slashed")
                or match.group("dated")
                or (match.group("dashed") if match.group("date") else None)
                or agency
                or (match["place"].isupper() and not match.group("agency"))
            ):
                dateline = (start, match.end())
                dated = match.group("dated")
                named = (
                    match.group("outlet")
                    or match.group("slashed")
                    or (dated.split("/")[0] if dated else None)
                    or (match.group("dashed") if match.group("date") else None)
                    or agency
                )
                dateline_outlet = named.strip() if named else None
                start = match.end()
        quotes = _quotes(text, start, end)
        outside = "".join(text[a:b] for a, b in _gaps(start, end, quotes))
        continuation = (
            bool(paragraphs)
            and text[start] in _OPEN_QUOTES
            and (not re.search(r"[A-Za-z]", outside) or bool(_PRONOUN_SAID.fullmatch(outside)))
        )
        index = len(paragraphs)
        paragraphs.append(Paragraph(index, start, end, continuation))
        for s0, s1 in _split(text, start, end):
            clipped = tuple((max(q0, s0), min(q1, s1)) for q0, q1 in quotes if q0 < s1 and q1 > s0)
            sentences.append(Sentence(len(sentences), index, s0, s1, text[s0:s1], clipped))
    return Layout(
        text=text,
        headline=headline,
        dateline=dateline,
        dateline_outlet=dateline_outlet,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        removed=tuple(removed),
    )


def _gaps(start: int, end: int, spans: list[Span]) -> list[Span]:
    gaps = []
    position = start
    for q0, q1 in spans:
        if q0 > position:
            gaps.append((position, q0))
        position = max(position, q1)
    if position < end:
        gaps.append((position, end))
    return gaps
