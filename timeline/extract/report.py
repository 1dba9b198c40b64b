"""Report-level choices for a draft: publication time, outlet, headline and conflict."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from timeline.dates import parse_instant
from timeline.errors import DateError, UsageError
from timeline.extract import lexicon
from timeline.extract.layout import Layout

if TYPE_CHECKING:
    from timeline.actors.registry import Registry
from timeline.extract.source import Source

_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class KnownConflict:
    """A conflict the log already holds. The draft repeats its definition exactly as the log
    has it (a repeated identical definition is accepted), so drafting the same article again
    gives the same draft whether or not the conflict was in the log yet."""

    id: str
    parties: tuple[str, ...]
    name: str = ""
    aliases: tuple[str, ...] = ()
    started: str | None = None

    def definition(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": self.id,
            "name": self.name or self.id,
            "parties": list(self.parties),
        }
        if self.aliases:
            body["aliases"] = list(self.aliases)
        if self.started:
            body["started"] = self.started
        return body


@dataclass(frozen=True)
class Options:
    """What the caller says about the article (``timeline extract``'s options)."""

    published: str
    outlet: str | None = None
    url: str | None = None
    headline: str | None = None
    conflict: str | None = None
    known_conflicts: tuple[KnownConflict, ...] = ()
    data: str | None = None  # the user's extra data directory


def parse_published(path: str, typed: str) -> tuple[str, date]:
    """The publication time as written to the draft, and the local date relative times are
    resolved against (in the stated offset; UTC when none is stated)."""
    try:
        instant = parse_instant(typed)
    except DateError as exc:
        raise UsageError(
            f"{path}: --published: expected the article's publication date, like "
            f"2022-09-13 or 2022-09-13T12:00+04:00 ({exc})"
        ) from None
    if instant.offset is None:
        return instant.iso, instant.utc.date()
    sign = 1 if instant.offset.startswith("+") else -1
    hours, minutes = instant.offset[1:].split(":")
    local = instant.utc + sign * timedelta(hours=int(hours), minutes=int(minutes))
    return local.strftime("%Y-%m-%dT%H:%M:%S") + instant.offset, local.date()


_OUTLET_NOTE = re.compile(
    r"\b(?!(?:It|This|That|These|They|He|She|We|There|Police|Officials|Authorities)\b)"
    r"([A-Z][\w&.]+(?: [A-Z][\w&.]+)?) (?:was|were|could) (?:unable|not)\b"
)


#: What an outlet's verification note says it could not do, right after "was unable".
_VERIFY_AFTER = re.compile(
    r"\s+(?:(?:able|to|be|immediately|independently|yet)\s+){0,4}(?:verif|confirm|corroborat|check)",
    re.I,
)
_NAME = r"((?:the\s+)?[A-Z0-9][\w&.’'/-]*(?:\s+[A-Z][\w&.’'/-]*){0,3})"
#: Where an article names the outlet that reported it: whom a source "told", whose
#: reporter or tally it cites, what the outlet "has learned", a wire credit.
_TOLD = re.compile(
    r"\b(?:told|spoke to|speaking to|in an interview with|interviewed by|"
    r"(?:statement|message|comments?)\s+(?:sent|extended|issued|emailed|given)\s+to)\s+" + _NAME
)
_ITS_REPORTER = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+" + _NAME + r"\s+(?:reporter|correspondent|journalist|"
    r"photographer|team|tally|count|crew|stringer)s?\b"
)
_OWN_REPORTING = (
    _TOLD,
    _ITS_REPORTER,
    re.compile(
        _NAME + r"(?:['’]s)?\s+(?:has|have)\s+(?:learned|learnt|seen|obtained|confirmed|"
        r"reviewed|established|verified)\b"
    ),
    re.compile(r"(?:^|[—–-]\s*|\()\s*" + _NAME + r"\s*(?:\)|$)", re.M),
    # The outlet's own sign-off in the present tense, as Ukrinform, UNN and Trend close a
    # quotation: '..., Oleh Synehubov posted on Telegram, Ukrinform reports.' (the past,
    # "Reuters reported", cites another outlet).
    re.compile(r",\s+" + _NAME + r"\s+(?:reports|informs)\.?[\"”’]?\s*$"),
)


#: What an outlet's full name adds to its short one: "Trend News Agency", "Dawn newspaper".
_OUTLET_KINDS = ("News Agency", "Information Agency", "newspaper", "news agency", "News")
#: The last word of a newspaper's, agency's or broadcaster's name.
_PRESS_NAME = re.compile(
    r"\s(?:News|Times|Post|Daily|Reader|Tribune|Herald|Agency|Press|TV|Radio|Journal|Gazette|"
    r"Observer|Monitor|Express|Telegraph|Standard|Chronicle|Mail|Review|Wire|Weekly|Dispatch|"
    r"Insider|Mirror|Courier|Bulletin|Sentinel|Inquirer|Newspaper|Television|Network)$"
)


def _media_outlet(registry: Registry, words: list[str]) -> str | None:
    """The registry's media outlet that the longest run of ``words`` from the start names."""
    for end in range(len(words), 0, -1):
        record = registry.record(" ".join(words[:end]).rstrip(".’'"))
        if record is not None and record.kind == "media":
            return record.name
    return None


def _press_named(words: list[str]) -> str | None:
    """The longest run of ``words`` from the start that ends in a press word."""
    for end in range(len(words), 0, -1):
        name = " ".join(words[:end]).rstrip(".’',")
        if _PRESS_NAME.search(name) and name[:1].isupper():
            return name
    return None


#: A scraped page's site line: the outlet's name alone on a line near the top ("Ukrinform"),
#: maybe introduced ("Today from Hiiraan Online:  _").
_SITE_LINE = re.compile(r"(?:Today\s+(?:from|on)\s+)?(?P<name>[A-Z][\w&.’' -]{1,40}?)\s*:?\s*_?")


def site_outlet(text: str, lines: int = 12) -> str | None:
    """The outlet a scraped page names on a line of its own near the top, when the actor
    registry knows it as a media outlet (the page's site line, not the article's words)."""
    seen = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > lines:
            break
        found = _SITE_LINE.fullmatch(line)
        if found is None:
            continue
        named = _media_name(found.group("name").strip())
        if named is not None:
            return named
    return None


def text_outlet(layout: Layout) -> str | None:
    """The media outlet the text credits with its own reporting ("told The Irrawaddy",
    "an AP reporter", "Myanmar Now has learned", a closing "— AFP"), by the actor
    registry's media outlets: the one credited most, first credited on a tie."""
    from timeline.actors.registry import builtin

    registry = builtin()
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for sentence in layout.sentences:
        for pattern in _OWN_REPORTING:
            for match in pattern.finditer(sentence.text):
                words = match.group(1).split()
                if words and words[0] == "the":
                    words = words[1:]  # "told the Libya Herald" ("The New Times" keeps it)
                name = _media_outlet(registry, words) or (
                    # An outlet the registry lacks, named as one by its last word ("told
                    # Kashmir Reader", "a Daily Monitor correspondent"), only where a source
                    # is told or a reporter is the outlet's; never a person or a body.
                    _press_named(words) if pattern in (_TOLD, _ITS_REPORTER) else None
                )
                if name is None and pattern is _TOLD:
                    # "told Trend", "told Dawn": an outlet told by its short name, which the
                    # registry knows only with its kind ("Trend News Agency", "Dawn newspaper").
                    # Named as the text names it, as the reader knows it.
                    for end in range(min(2, len(words)), 0, -1):
                        short = " ".join(words[:end]).rstrip(".’',")
                        if any(
                            (record := registry.record(f"{short} {kind}")) is not None
                            and record.kind == "media"
                            for kind in _OUTLET_KINDS
                        ):
                            name = short
                            break
                if name is not None:
                    counts[name] += 1
                    first.setdefault(name, sentence.start + match.start())
    if not counts:
        return None
    return min(counts, key=lambda name: (-counts[name], first[name]))


#: A headline that credits its outlet: "CivilNet: Azerbaijan's strike kills one", "Clashes
#: resume | Sputnik", "Border flares up - The Straits Times".
_HEADLINE_CREDITS = (
    re.compile(r"^([^:|]{2,40}?)\s*[:|]\s+\S"),
    re.compile(r"\S\s+[|–—-]\s+([^|–—-]{2,40})$"),
)


def headline_outlet(headline: str | None) -> str | None:
    """The media outlet a headline names before a colon or after a bar or dash, when the
    actor registry knows it as an outlet ("CivilNet: ...", "... | Sputnik")."""
    if not headline:
        return None
    from timeline.actors.registry import builtin

    for pattern in _HEADLINE_CREDITS:
        match = pattern.search(headline.strip())
        found = _media_outlet(builtin(), match.group(1).split()) if match else None
        if found is not None:
            return found
    return None


#: Host labels that name no publisher: "www.", "edition.", "english.", country codes.
_HOST_NOISE = frozenset(
    [
        "www",
        "www1",
        "www2",
        "m",
        "mobile",
        "amp",
        "edition",
        "english",
        "en",
        "news",
        "eng",
        "intl",
        "international",
        "world",
        "com",
        "net",
        "org",
        "co",
        "ac",
        "gov",
        "info",
        "biz",
        "tv",
        "fm",
        "io",
        "int",
        "edu",
    ]
)


def _squeeze(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def _media_name(label: str) -> str | None:
    """The registry's name for an outlet a dateline signs with its own abbreviation ("(HOL)"
    is Hiiraan Online, "(FNA)" the Fars News Agency), when the label names a media outlet."""
    from timeline.actors.registry import builtin

    return _media_outlet(builtin(), [label])


def url_outlet(url: str) -> str | None:
    """The media outlet a URL's host names ("www.dw.com" is DW, "www.thehindu.com" The
    Hindu, "apnews.com" the Associated Press), by the actor registry's media outlets: a
    label of the host equal to an outlet's name or alias without spaces and punctuation (and
    without a leading "the", or a trailing "news", "online", "daily", "tv" or "newspaper")."""
    from urllib.parse import urlsplit

    from timeline.actors.registry import builtin

    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    labels = [label for label in host.casefold().split(".") if label and label not in _HOST_NOISE]
    if not labels:
        return None
    registry = builtin()
    index: dict[str, str] = {}
    for actor in registry.actors.values():
        if actor.kind != "media":
            continue
        for alias in (actor.name, *actor.aliases):
            key = _squeeze(alias)
            for variant in (key, key.removeprefix("the")):
                if len(variant) >= 2:
                    index.setdefault(variant, actor.name)
    # The host's own name comes before its top-level domain: try labels right to left,
    # skipping a last label of two letters (a country code: "bbc.co.uk", "aa.com.tr").
    if len(labels) > 1 and len(labels[-1]) == 2:
        labels = labels[:-1]
    for label in reversed(labels):
        for variant in (
            label,
            re.sub(r"(?:news|online|daily|tv|newspaper)$", "", label),
            re.sub(r"^(?:the|news)", "", label),
        ):
            if len(variant) >= 2 and variant in index:
                return index[variant]
    # A host the registry does not know: its own name, as the address spells it
    # ("ethionegari.com" is Ethionegari), rather than no outlet at all.
    if "." not in host:
        return None
    own = labels[-1]
    if re.fullmatch(r"[a-z][a-z0-9-]{2,}", own) and own not in (
        # Generic labels, and the names RFC 2606 reserves for examples and tests.
        "com",
        "org",
        "net",
        "gov",
        "example",
        "test",
        "invalid",
        "localhost",
    ):
        return own.replace("-", " ").title()
    return None


def outlet(source: Source, layout: Layout, options: Options, notes: list[str]) -> str:
    if options.outlet and options.outlet.strip():
        return options.outlet.strip()
    if source.sitename:
        notes.append(f"outlet taken from the page's metadata: {source.sitename}")
        return source.sitename
    found_by_url = url_outlet(options.url) if options.url else None
    if found_by_url is not None:
        notes.append(f"outlet taken from the URL's host: {found_by_url}")
        return found_by_url
    if layout.dateline_outlet:
        named = _media_name(layout.dateline_outlet)
        known = f" ({named})" if named not in (None, layout.dateline_outlet) else ""
        notes.append(f"outlet taken from the dateline: {layout.dateline_outlet}{known}")
        return named or layout.dateline_outlet
    credited = headline_outlet(layout.headline_text())
    if credited is not None:
        notes.append(f"outlet taken from the headline: {credited}")
        return credited
    site = site_outlet(layout.text)
    if site is not None:
        notes.append(f"outlet taken from the page's site line: {site}")
        return site
    found = text_outlet(layout)
    if found is not None:
        notes.append(f"outlet taken from what the text says of its own reporting: {found}")
        return found
    for sentence in layout.sentences:
        match = _OUTLET_NOTE.search(sentence.text)
        # "Reuters could not independently verify", never "the Tigers could not be reached"
        # in a sentence that also says there was no independent confirmation.
        if match and _VERIFY_AFTER.match(sentence.text, match.end()):
            notes.append(f"outlet taken from its verification note: {match.group(1)}")
            return match.group(1)
    notes.append("no outlet given or found: 'Unknown outlet' used; pass --outlet NAME")
    return "Unknown outlet"


def headline(source: Source, layout: Layout, options: Options) -> str:
    chosen = options.headline or layout.headline_text() or source.title
    if not chosen:
        chosen = _WS.sub(" ", layout.sentences[0].text).strip()
        if len(chosen) > 200:
            chosen = chosen[:199].rstrip() + "…"
    return _WS.sub(" ", chosen).strip()[:4000]


def choose_conflict(
    path: str,
    options: Options,
    entries: tuple[lexicon.ConflictEntry, ...],
    counts: Counter[str],
    text: str,
    published: str | None = None,
) -> tuple[str | None, tuple[str, ...]]:
    """The article's conflict and its parties: --conflict, else the best-scoring entry. An
    entry that started after the article was published is never its conflict, and one of a
    single party (a civil war) needs one of its cues in the text: naming Ethiopia is not
    writing about the Tigray war."""
    known = {k.id: k.parties for k in options.known_conflicts}
    table = {e.id: e for e in entries}
    if options.conflict:
        if options.conflict in known:
            return options.conflict, known[options.conflict]
        if options.conflict in table:
            return options.conflict, table[options.conflict].parties
        choices = ", ".join(sorted(set(known) | set(table)))
        raise UsageError(
            f"{path}: --conflict {options.conflict}: expected a conflict in the log or in the "
            f"conflicts table ({choices})"
        )
    best: tuple[float, str] | None = None
    parties_of: dict[str, tuple[str, ...]] = {e.id: e.parties for e in entries}
    parties_of.update(known)
    for conflict_id, parties in parties_of.items():
        if not parties or not all(counts[p] > 0 for p in parties):
            continue
        score = float(sum(counts[p] for p in parties))
        entry = table.get(conflict_id)
        if entry is not None:
            if published is not None and entry.started and entry.started[:10] > published[:10]:
                continue
            cued = sum(1 for cue in entry.cues if cue.search(text))
            if len(parties) == 1 and entry.cues and not cued:
                continue
            score += 5 * cued
        if best is None or score > best[0]:
            best = (score, conflict_id)
    if best is None:
        # The two countries named most, but never one named once beside one named often
        # ("peace talks ... in Kuwait" once in a Yemen story that names Yemen nine times).
        ranked = counts.most_common(2)
        top = tuple(
            code for i, (code, n) in enumerate(ranked) if i == 0 or n >= 2 or 4 * n >= ranked[0][1]
        )
        return None, top
    return best[1], parties_of[best[1]]
