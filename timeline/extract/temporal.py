"""Temporal expressions: found in a sentence and resolved against the publication date.

The rules follow HeidelTime's news mode: relative expressions are resolved against the
document's creation time (here the report's publication date, in its stated offset), and
each keeps its granularity as the occurred precision. In brief (docs/extraction.md has the
full table):

* an explicit date is that day; a day and month without a year take the publication year,
  or the year before when that would put a past event after publication;
* a weekday is the latest such day on or before publication, or, in a future-tense sentence,
  the next such day on or after it;
* "overnight" and "last night" are the night before publication (night precision);
* "yesterday", "today", "tomorrow" are days; "last/this/next week|month|year" are that
  week (from its Monday), month or year; "earlier this week" runs from Monday to the day
  before publication;
* "N days/weeks/months/years ago" counts back from publication at that unit's precision;
  "N years earlier/later" counts from the last date or year stated before it in the sentence
  and is approximate;
* "since X" runs from X to publication. A "since" after a superlative ("the deadliest
  fighting since 2020") is a comparison, not a time, and is skipped, as is a year used as a
  modifier ("a 2020 war").

Clock times are kept in the phrase, but precision stays at the day unless the zone is stated
(GMT/UTC): "04:50 local time" does not say which local time.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from timeline.extract import lexicon

_YEAR = r"(?:1[6-9]\d\d|20\d\d)"


@dataclass(frozen=True)
class Timex:
    """A resolved temporal expression: its span and the occurred period it denotes."""

    start: int
    end: int
    text: str
    begin: str  # YYYY, YYYY-MM or YYYY-MM-DD (or an ISO date-time for hour precision)
    until: str | None  # inclusive end in the same forms, or None for one unit of precision
    precision: str
    since: bool = False  # "since X": a period running to publication

    def occurred(self) -> dict[str, Any]:
        body: dict[str, Any] = {"start": self.begin}
        if self.until is not None and self.until != self.begin:
            body["end"] = self.until
        body["precision"] = self.precision
        body["phrase"] = self.text[:200]
        return body


@dataclass(frozen=True)
class _Vocabulary:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    future: tuple[re.Pattern[str], ...]
    comparison: re.Pattern[str]
    trigger: re.Pattern[str]  # a digit or any word a time expression needs


@cache
def _vocabulary(override: str | None) -> _Vocabulary:
    raw = lexicon.load("temporal", override)
    months: dict[str, int] = {}
    for month_number, names in enumerate(raw.get("months") or (), 1):
        for name in names:
            months[str(name)] = month_number
    weekdays = {str(name): i for i, name in enumerate(raw.get("weekdays") or ())}
    numbers = {
        str(k): int(v) for k, v in (lexicon.load("numbers", override).get("units") or {}).items()
    }
    month = rf"(?P<month>{lexicon.alternation(months)})\.?"
    weekday = rf"(?P<weekday>{lexicon.alternation(weekdays)})"
    number = rf"(?P<n>\d+|(?i:{lexicon.alternation(numbers)}))"
    on_weekday = rf"(?:(?i:on)\s+)?(?:{weekday},?\s+)?"
    day_number = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    clock = (
        r"(?:(?i:at\s+)?(?:(?i:about|around|approximately)\s+)?"
        r"(?P<clock>\d{1,2}[:.]\d{2})(?:\s*(?i:a\.m\.|p\.m\.|am|pm))?"
        r"(?:\s+(?P<zone>(?i:local time|GMT|UTC)))?\s+)"
    )
    part = r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?"
    specs = [
        ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)\b"),
        ("day_month_year", rf"{on_weekday}\b{day_number}\s+{month},?\s+(?P<y>{_YEAR})\b"),
        ("month_day_year", rf"{on_weekday}\b{month}\s+{day_number},?\s+(?P<y>{_YEAR})\b"),
        # "April 25-26", "25-26 April", "12 to 13 September": two days, or the night
        # between them after "overnight" or "the night of". "On December 6 and 7", "6 and 7
        # December": the two days, when next to each other (else each is a day of its own).
        (
            "day_range",
            rf"(?:(?P<night>(?i:(?:on\s+)?the\s+night\s+of|overnight(?:\s+on)?|night\s+of))\s+)?"
            rf"(?:(?i:on|from|between)\s+)?\b(?:{month}\s+(?P<day>\d{{1,2}})\s*(?:[-–]|(?i:to)|(?P<and>(?i:and)))\s*"
            r"(?P<day2>\d{1,2})\b(?!\s*(?:[:.,]\d|%)|\s+(?i:per\s*cent|people|persons)\b)"
            rf"|(?P<dayb>\d{{1,2}})\s*(?:[-–]|(?i:to)|(?P<andb>(?i:and)))\s*(?P<day2b>\d{{1,2}})\s+"
            rf"(?P<monthb>{lexicon.alternation(months)})\.?(?![\w]))",
        ),
        ("day_month", rf"{on_weekday}\b{day_number}\s+{month}(?![\w])"),
        # "on the 23rd of June, 2018", "the 5th of May": the day of the month spelled out.
        (
            "day_month_year",
            rf"{on_weekday}\b(?i:the)\s+{day_number}\s+(?i:of)\s+{month},?\s+(?P<y>{_YEAR})\b",
        ),
        ("day_month", rf"{on_weekday}\b(?i:the)\s+{day_number}\s+(?i:of)\s+{month}(?![\w])"),
        ("month_day", rf"{on_weekday}\b{month}\s+{day_number}\b"),
        (
            "month_year",
            rf"(?:(?P<prep>(?i:in|since|from|until|by|early|late|mid-?|during))\s+)?\b{month}\s+(?P<y>{_YEAR})\b",
        ),
        (
            "month",
            # Never a month followed by its day ("in June 12 clashes" is June 12).
            rf"\b(?P<prep>(?i:in|since|from|until|by|early|late|mid-?|during|last|next|this|earlier in|late in|early in))\s+{month}(?![\w])(?!\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s*[,:]?\s*\d{{3}}))",
        ),
        # "in 1998-2000", "the 1992-95 war": the years between, both in.
        (
            "year_range",
            rf"(?:(?P<prep>(?i:in|from|between|during))\s+)?\b(?P<y>{_YEAR})\s*[-–]\s*(?P<y2>{_YEAR}|\d{{2}})\b(?![-–])",
        ),
        # "between 2013 and 2018", "from 2019 to 2021": likewise.
        (
            "year_range",
            rf"\b(?P<prep>(?i:between|from))\s+(?P<y>{_YEAR})\s+(?i:and|to|until|till|through)\s+"
            rf"(?P<y2>{_YEAR})\b",
        ),
        (
            "year",
            rf"\b(?P<prep>(?i:in|since|by|until|during|from|of|early|late))\s+(?P<y>{_YEAR})\b(?!-)",
        ),
        # Not a clock time: "6.00 p.m. (1600 GMT)" is no year.
        ("bare_year", rf"(?<![\w-])(?P<y>{_YEAR})(?![\w-])(?!\s*(?i:GMT|UTC|hrs|hours|h\b|local))"),
        # "on Thursday and Friday", "from Monday to Wednesday", "between Thursday and
        # Saturday": the days between, both in (two days joined by "and" only when next to
        # each other).
        (
            "weekday_range",
            rf"(?:(?P<from>(?i:on|from|between))\s+)?\b{weekday}\s+(?P<to>(?i:and|to|through|until|till)|[-–])"
            rf"\s+(?P<weekday2>{lexicon.alternation(weekdays)})\b(?!\s+(?i:nights?|and)\b)",
        ),
        ("night_weekday", rf"\b(?i:overnight)\s+(?P<dir>(?i:on|into|to))\s+{weekday}\b"),
        ("night_weekday", rf"\b(?i:on\s+)?{weekday}\s+(?i:night)\b"),
        ("night_weekday", rf"\b(?i:the night of)\s+{weekday}\b"),
        (
            "relative_day",
            r"\b(?P<rel>(?i:yesterday|today|tomorrow|tonight|last night|this morning|this afternoon|this evening|overnight|during the night(?!\s+of)))\b",
        ),
        (
            "relative_period",
            r"\b(?P<rel>(?i:earlier|later|early|late) (?i:this|last|next) (?i:week|month|year)|(?i:last|this|next|past) (?i:week|month|year))\b",
        ),
        # "The attack came a day after the ELN said ...", "This comes two days after ...": what
        # is told after it happened that many days before the event the sentence opens with
        # (dated here from publication; the dating stage moves it to the main event).
        (
            "came_after",
            rf"\b(?i:comes?|came|follows?|followed|happened|occurred|took\s+place)\s+"
            rf"(?:(?i:just|only|barely|less\s+than|about|some|nearly)\s+)?(?:{number}\s+)?"
            r"(?P<unit>(?i:days?|weeks?))\s+(?i:after)\b",
        ),
        (
            "ago",
            rf"\b{number}\s+(?P<unit>(?i:days?|weeks?|months?|years?|decades?))\s+(?P<dir>(?i:ago|earlier|later|before(?=\s*[,;]|\s*$)))\b",
        ),
        # "Several weeks ago", "a few months earlier": an approximate span some units back.
        (
            "some_ago",
            r"\b(?P<n>(?i:several|a few|a couple of))\s+(?P<unit>(?i:days|weeks|months|years))\s+"
            r"(?P<dir>(?i:ago|earlier))\b",
        ),
        (
            "following",
            r"\b(?i:the\s+)(?P<dir>(?i:following|next|previous|preceding))\s+(?P<unit>(?i:year|month|day|week|evening|night|morning|afternoon))\b|\b(?i:a|one)\s+(?P<unit2>(?i:year|month|day|week))\s+(?P<dir2>(?i:later|earlier))\b|\b(?i:the\s+)(?P<unit3>(?i:day))\s+(?P<dir3>(?i:before|after))\b",
        ),
        (
            "weekend",
            r"\b(?P<rel>(?i:at|over|during|on)\s+the\s+weekend|(?i:last|this\s+past|past)\s+weekend)\b",
        ),
        # "During the past 24 hours", "in the last two days": the days up to publication.
        (
            "past_hours",
            rf"\b(?i:(?:in|during|over|within)\s+the\s+(?:past|last|previous))\s+"
            rf"(?:(?P<n>\d+|(?i:{lexicon.alternation(numbers)}))\s+)?(?P<unit>(?i:hours?|days?))\b",
        ),
        (
            "weekday",
            rf"(?:(?P<prep>(?i:since))\s+)?(?:(?P<early>(?i:early|late))\s+)?{clock}?(?:(?i:on)\s+)?"
            # "since last Tuesday"; never "last Friday's incident", the event's own day.
            rf"(?:(?P<last>(?i:last|this\s+past))\s+(?!(?:{lexicon.alternation(weekdays)})[’']s))?"
            rf"\b{weekday}\b{part}",
        ),
    ]
    return _Vocabulary(
        patterns=tuple((name, re.compile(pattern)) for name, pattern in specs),
        months=months,
        weekdays=weekdays,
        numbers=numbers,
        future=tuple(
            lexicon.compile_pattern("temporal.yaml: future_markers", p)
            for p in raw.get("future_markers") or ()
        ),
        trigger=re.compile(
            rf"\d|\b(?:{lexicon.alternation([*months, *weekdays])})\b|(?i:\b(?:yesterday|today|"
            r"tomorrow|tonight|overnight|night|morning|afternoon|evening|week|weekend|month|year|"
            r"ago|earlier|later|before|following|next|previous|preceding|decades?|hours?|days?)\b)"
        ),
        comparison=lexicon.compile_pattern(
            "temporal.yaml: comparison_before_since",
            str(raw.get("comparison_before_since") or r"(?!)"),
        ),
    )


def days_before_event(phrase: str, override: str | None = None) -> tuple[int, int] | None:
    """How many days before the event its sentence opens with a "came ... after" phrase puts
    what it tells, as the most and the fewest ("came a day after": 1 and 1; "came just days
    after": 5 and 1), or None for any other phrase."""
    if "after" not in phrase:
        return None  # most times a development has (a day, a month) never ask the pattern
    vocabulary = _vocabulary(override)
    pattern = next(p for name, p in vocabulary.patterns if name == "came_after")
    found = pattern.fullmatch(phrase)
    return None if found is None else _days_after(vocabulary, found.groupdict())


def _days_after(vocabulary: _Vocabulary, g: dict[str, Any]) -> tuple[int, int] | None:
    """The days a "came ... after" phrase counts, most and fewest: "a day" 1 and 1, "two
    weeks" 14 and 14, bare "days" (no number) 5 and 1, as annotators read "just days after"."""
    unit = g["unit"].lower()
    if g.get("n") is None:
        return (5, 1) if unit == "days" else None
    n = _number(vocabulary, g["n"])
    if n is None:
        return None
    days = n * 7 if unit.startswith("week") else n
    return days, days


def future_marker(text: str, override: str | None = None) -> re.Match[str] | None:
    """The first future-tense marker in ``text`` ("will raise", "was supposed to visit")."""
    found = [m for p in _vocabulary(override).future if (m := p.search(text))]
    return min(found, key=lambda m: m.start()) if found else None


def _month_start(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _day(value: date) -> str:
    return value.isoformat()


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _number(vocabulary: _Vocabulary, text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return vocabulary.numbers.get(text.lower())


class _Resolver:
    def __init__(self, vocabulary: _Vocabulary, published: date, future: bool) -> None:
        self.v = vocabulary
        self.d = published
        self.future = future

    def _date(self, year: int, month: int, day: int) -> date | None:
        try:
            return date(year, month, day)
        except ValueError:
            return None

    def _weekday(self, name: str) -> date:
        target = self.v.weekdays[name]
        if self.future:
            return self.d + timedelta(days=(target - self.d.weekday()) % 7)
        return self.d - timedelta(days=(self.d.weekday() - target) % 7)

    def _year_less_date(self, month: int, day: int) -> date | None:
        found = self._date(self.d.year, month, day)
        if found is None:
            return None
        if not self.future and found > self.d + timedelta(days=1):
            return self._date(self.d.year - 1, month, day)
        if self.future and found < self.d - timedelta(days=1):
            return self._date(self.d.year + 1, month, day)
        return found

    def _monday(self, value: date) -> date:
        return value - timedelta(days=value.weekday())

    def resolve(
        self, kind: str, match: re.Match[str], anchor: date | None
    ) -> tuple[str, str | None, str] | None:
        g = match.groupdict()
        d = self.d
        if kind == "iso":
            found = self._date(int(g["y"]), int(g["m"]), int(g["d"]))
            return (_day(found), None, "day") if found else None
        if kind in ("day_month_year", "month_day_year"):
            found = self._date(int(g["y"]), self.v.months[g["month"]], int(g["day"]))
            return (_day(found), None, "day") if found else None
        if kind == "day_range":
            month = self.v.months[g.get("month") or g["monthb"]]
            first = int(g.get("day") or g["dayb"])
            last = int(g.get("day2") or g["day2b"])
            if not 1 <= first < last <= 31:
                return None
            begin = self._year_less_date(month, first)
            if begin is None:
                return None
            end = self._date(begin.year, month, last)
            if end is None:
                return None
            if g.get("night") and last == first + 1:
                return _day(begin), _day(end), "night"
            return _day(begin), _day(end), "day"
        if kind in ("day_month", "month_day"):
            found = self._year_less_date(self.v.months[g["month"]], int(g["day"]))
            return (_day(found), None, "day") if found else None
        if kind == "month_year":
            return _month_start(int(g["y"]), self.v.months[g["month"]]), None, "month"
        if kind == "month":
            month = self.v.months[g["month"]]
            prep = (g.get("prep") or "").lower()
            year = d.year
            # "last March" is the latest March before publication: this year's in August,
            # last year's in February (and in March itself).
            if (prep == "last" and month >= d.month) or (
                not self.future and prep not in ("next", "last") and month > d.month
            ):
                year -= 1
            if (self.future or prep == "next") and month < d.month:
                year += 1
            return _month_start(year, month), None, "month"
        if kind in ("year", "bare_year"):
            return g["y"], None, "year"
        if kind == "year_range":
            first_year, last_year = int(g["y"]), int(g["y2"])
            if last_year < 100:  # "1992-95"
                last_year += first_year - first_year % 100
            if not first_year < last_year <= first_year + 30:
                return None
            return str(first_year), str(last_year), "year"
        if kind == "night_weekday":
            day = self._weekday(g["weekday"])
            if (g.get("dir") or "").lower() in ("into", "to"):
                day -= timedelta(days=1)
            return _day(day), _day(day + timedelta(days=1)), "night"
        if kind == "relative_day":
            rel = g["rel"].lower()
            offsets = {"yesterday": -1, "tomorrow": 1}
            if rel == "during the night":
                rel = "overnight"  # "exchanged gunfire during the night": the same night
            if rel in ("tonight",) or (rel == "overnight" and self.future):
                return _day(d), _day(d + timedelta(days=1)), "night"
            if rel in ("last night", "overnight"):
                return _day(d - timedelta(days=1)), _day(d), "night"
            return _day(d + timedelta(days=offsets.get(rel, 0))), None, "day"
        if kind == "relative_period":
            return self._period(g["rel"].lower())
        if kind == "ago":
            return self._ago(g, anchor)
        if kind == "came_after":
            most_fewest = _days_after(self.v, g)
            if most_fewest is None:
                return None
            most, fewest = most_fewest
            base = anchor or self.d
            if most == fewest:
                return _day(base - timedelta(days=most)), None, "day"
            return (
                _day(base - timedelta(days=most)),
                _day(base - timedelta(days=fewest)),
                "approximate",
            )
        if kind == "some_ago":
            # From five units back to two ("several weeks ago": two to five weeks before).
            base = (anchor or d) if g["dir"].lower() == "earlier" else d
            unit = g["unit"].lower().rstrip("s")
            days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
            earliest, latest = base - timedelta(days=5 * days), base - timedelta(days=2 * days)
            return _day(earliest), _day(latest), "approximate"
        if kind == "following":
            return self._following(g, anchor)
        if kind == "past_hours":
            count = _number(self.v, g["n"]) if g.get("n") else 1
            if count is None or count < 1:
                return None
            days = max(1, -(-count // 24)) if g["unit"].lower().startswith("hour") else count
            if days > 14:
                return None
            return _day(d - timedelta(days=days)), _day(d), "day"
        if kind == "weekend":
            # The Saturday and Sunday before publication (or the one under way).
            saturday = d - timedelta(days=(d.weekday() - 5) % 7)
            return _day(saturday), _day(saturday + timedelta(days=1)), "day"
        if kind == "weekday_range":
            span = _weekday_span(self.v, match)
            if span is None:
                return None
            final_day = self._weekday(g["weekday2"])
            return _day(final_day - timedelta(days=span)), _day(final_day), "day"
        if kind == "weekday":
            day = self._weekday(g["weekday"])
            if g.get("last") and not self.future and day == self.d:
                # "since last Tuesday" in a Tuesday report: the Tuesday a week before.
                day -= timedelta(days=7)
            if (g.get("part") or "").lower() == "night":
                return _day(day), _day(day + timedelta(days=1)), "night"
            zone = (g.get("zone") or "").upper()
            if g.get("clock") and zone in ("GMT", "UTC"):
                hour, minute = re.split(r"[:.]", g["clock"])
                return f"{_day(day)}T{int(hour):02d}:{int(minute):02d}:00Z", None, "hour"
            return _day(day), None, "day"
        return None

    def _following(
        self, g: dict[str, str], anchor: date | None
    ) -> tuple[str, str | None, str] | None:
        """ "the following year", "a day later", "the previous evening", "the day before": one
        unit after (or before) the last time stated before it in the sentence. Days and parts
        of days without such a time count from publication; longer units are not resolved."""
        if anchor is None:
            unit = (g.get("unit") or g.get("unit2") or g.get("unit3") or "").lower()
            if unit not in ("day", "evening", "night", "morning", "afternoon"):
                return None
            anchor = self.d
        unit = (g.get("unit") or g.get("unit2") or g.get("unit3") or "").lower()
        direction = (g.get("dir") or g.get("dir2") or g.get("dir3") or "").lower()
        sign = -1 if direction in ("previous", "preceding", "earlier", "before") else 1
        if unit == "night":
            night = anchor + timedelta(days=sign) if sign > 0 else anchor - timedelta(days=1)
            return _day(night), _day(night + timedelta(days=1)), "night"
        if unit in ("evening", "morning", "afternoon"):
            return _day(anchor + timedelta(days=sign)), None, "day"
        if unit == "year":
            return f"{anchor.year + sign:04d}", None, "year"
        if unit == "month":
            year, month = _shift_month(anchor.year, anchor.month, sign)
            return _month_start(year, month), None, "month"
        if unit == "week":
            return _day(self._monday(anchor + timedelta(days=7 * sign))), None, "week"
        return _day(anchor + timedelta(days=sign)), None, "day"

    def _period(self, rel: str) -> tuple[str, str | None, str]:
        d = self.d
        words = rel.split()
        unit = words[-1]
        when = words[-2]
        modifier = words[0] if len(words) == 3 else None
        if unit == "week":
            monday = self._monday(d)
            if when == "last":
                return _day(monday - timedelta(days=7)), None, "week"
            if when == "next":
                return _day(monday + timedelta(days=7)), None, "week"
            if when == "past":
                return _day(d - timedelta(days=7)), _day(d), "week"
            if modifier in ("earlier", "early"):
                if d == monday:
                    # Told on a Monday, "earlier this week" is the days just gone (the
                    # writer's week began before the calendar's).
                    return _day(d - timedelta(days=7)), _day(d - timedelta(days=1)), "week"
                return _day(monday), _day(d - timedelta(days=1)), "week"
            if modifier in ("later", "late"):
                sunday = monday + timedelta(days=6)
                return _day(min(d + timedelta(days=1), sunday)), _day(sunday), "week"
            return _day(monday), None, "week"
        if unit == "month":
            delta = {"last": -1, "next": 1, "past": -1}.get(when, 0)
            year, month = _shift_month(d.year, d.month, delta)
            if modifier in ("earlier", "early") and delta == 0:
                return _month_start(year, month), _day(d), "month"
            return _month_start(year, month), None, "month"
        delta = {"last": -1, "next": 1, "past": -1}.get(when, 0)
        if modifier in ("earlier", "early") and delta == 0:
            return f"{d.year:04d}", _day(d), "year"
        return f"{d.year + delta:04d}", None, "year"

    def _ago(self, g: dict[str, str], anchor: date | None) -> tuple[str, str | None, str] | None:
        n = _number(self.v, g["n"])
        if n is None:
            return None
        unit = g["unit"].lower().rstrip("s")
        direction = g["dir"].lower()
        sign = 1 if direction in ("later", "after") else -1
        relative = direction != "ago"
        base = (anchor or self.d) if relative else self.d
        if unit == "day":
            return _day(base + timedelta(days=sign * n)), None, "day"
        if unit == "week":
            return _day(self._monday(base + timedelta(days=sign * 7 * n))), None, "week"
        if unit == "month":
            year, month = _shift_month(base.year, base.month, sign * n)
            return _month_start(year, month), None, "month"
        years = n * (10 if unit == "decade" else 1)
        year = base.year + sign * years
        if unit == "decade" or relative:
            return f"{year:04d}", f"{year:04d}", "approximate"
        return f"{year:04d}", None, "year"


#: Words before a day that put the event in the night ending on it.
_NIGHT_BEFORE = re.compile(
    r"\b(?:overnight(?:\s+(?:on|into|to))?|(?:in\s+)?the\s+(?:early|small|wee)\s+hours\s+"
    r"(?:of|on))\s+$",
    re.I,
)


def _weekday_span(vocabulary: _Vocabulary, match: re.Match[str]) -> int | None:
    """How many days a range of weekdays spans past its first ("Thursday and Friday": 1),
    or None when it is no range: the same day twice, or two days apart joined by "and"
    ("on Tuesday and Friday") unless after "between"."""
    g = match.groupdict()
    span = (vocabulary.weekdays[g["weekday2"]] - vocabulary.weekdays[g["weekday"]]) % 7
    between = (g.get("from") or "").lower() == "between"
    if span == 0 or (g["to"].lower() == "and" and span > 1 and not between):
        return None
    return span


def _next_days(match: re.Match[str]) -> bool:
    """Whether a range of days joined by "and" ("December 6 and 7") names days next to each
    other (a range with a dash or "to" always qualifies)."""
    g = match.groupdict()
    if not (g.get("and") or g.get("andb")):
        return True
    if match.group().lower().startswith("between"):
        return True  # "between December 6 and 11": a span, whatever its length
    return int(g.get("day2") or g["day2b"]) == int(g.get("day") or g["dayb"]) + 1


def find(
    text: str,
    offset: int,
    published: date,
    *,
    future: bool = False,
    override: str | None = None,
) -> list[Timex]:
    """Temporal expressions in one sentence, resolved, in text order (absolute offsets)."""
    vocabulary = _vocabulary(override)
    if not vocabulary.trigger.search(text):
        return []  # no digit and no time word: nothing to find (most sentences)
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in vocabulary.patterns:
        for match in pattern.finditer(text):
            if kind == "weekday_range" and _weekday_span(vocabulary, match) is None:
                continue  # "on Tuesday and Friday": two days, each found on its own
            if kind == "day_range" and not _next_days(match):
                continue  # "on December 6 and 9": likewise
            candidates.append((match.start(), match.end(), kind, match))
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    for candidate in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
        if any(candidate[0] < e and s < candidate[1] for s, e, _, _ in chosen):
            continue
        chosen.append(candidate)
    resolver = _Resolver(vocabulary, published, future)
    found: list[Timex] = []
    anchor: date | None = None
    for start, end, kind, match in sorted(chosen, key=lambda c: c[0]):
        if kind == "bare_year" and _modifier_year(text, start, end):
            continue
        if kind == "year" and _BORN.search(text, max(0, start - 12), start):
            continue  # "born in 1972": a birth year, not a time
        prep = (match.groupdict().get("prep") or "").lower()
        if prep == "since" and vocabulary.comparison.search(text, 0, start):
            continue
        if not prep and _SINCE_BEFORE.search(text, max(0, start - 8), start):
            prep = "since"  # "has raged in El Fasher since May 10"
            if vocabulary.comparison.search(text, 0, start):
                continue
        since_event = (
            None
            if prep not in ("", "in", "of", "on")
            else _SINCE_EVENT.search(text, max(0, start - 120), start)
        )
        if since_event and not vocabulary.comparison.search(text, 0, since_event.start()):
            prep = "since"  # "since the violence began before dawn on July 8": up to now
        resolved = resolver.resolve(kind, match, anchor)
        if resolved is None:
            continue
        begin, until, precision = resolved
        if prep == "since":
            until = published.isoformat()
        night = _NIGHT_BEFORE.search(text, max(0, start - 40), start)
        if night is not None and precision == "day" and until is None and len(begin) == 10:
            # "overnight on Dec. 19", "in the early hours of Sunday": the night that ends
            # on that day.
            day = date.fromisoformat(begin)
            begin, until, precision = _day(day - timedelta(days=1)), begin, "night"
            start = night.start()
            found = [t for t in found if t.end <= offset + start]  # the bare "overnight"
        found.append(
            Timex(
                offset + start,
                offset + end,
                text[start:end],
                begin,
                until,
                precision,
                prep == "since",
            )
        )
        anchor = _anchor_date(begin)
    found = _merge_appositives(text, offset, [_night_clock(text, offset, t) for t in found])
    return _join_spans(text, offset, found, published)


#: An event that began on the day after it, told as the start of what is counted: "Since
#: the latest violence began before dawn on July 8", "since the war broke out on".
_SINCE_EVENT = re.compile(
    r"\b[Ss]ince\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,4}?(?:began|started|erupted|"
    r"broke out|flared|was launched|were launched|(?:launched|unleashed|mounted)\s+(?:their|its|the|an?)"
    r"\s+(?:[\w-]+\s+){0,2}?(?:attack|assault|offensive|operation|incursion|invasion))\s+(?:(?:early|late|before dawn|after dusk|"
    r"in the (?:morning|evening))\s+)?(?:on\s+)?$"
    # "since Marines began a siege against Sunni insurgents in the city a week ago": what
    # began, then how long ago.
    r"|\b[Ss]ince\s+(?:[\w-]+\s+){0,4}?(?:began|started|launched)\s+(?:[\w-]+\s+){1,9}?$"
    # "since the start of military events in October 2023", "since the outbreak of war in
    # April 2023", "since the start of 2019": the start of what is counted, then its time.
    r"|\b[Ss]ince\s+the\s+(?:start|beginning|outbreak|onset|eruption)\s+"
    r"(?:of\s+(?:(?:the|this|a|an|its|their)\s+)?(?:[\w-]+\s+){0,5}?(?:in\s+|on\s+)?)?$"
)
#: "since" right before a time that names no preposition of its own ("since May 10").
_SINCE_BEFORE = re.compile(r"\b[Ss]ince\s+$")
#: Before a birth year: "Tigran Poghosyan (b. 1992)", "born in 1972", "(born 1980)".
_BORN = re.compile(r"(?:\bb\.|\bborn(?:\s+in)?)\s*$", re.I)

#: A clock time right after a night: "Overnight July 16, at around 03:40".
_CLOCK_AFTER = re.compile(
    r"\s*,?\s*(?:at\s+)?(?:around\s+|about\s+|approximately\s+)?(?P<h>\d{1,2})[:.](?P<m>\d{2})"
    r"(?!\d)(?:\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)\b)?"
)


def _night_clock(text: str, offset: int, timex: Timex) -> Timex:
    """A night with its clock time is the day of that time: "Overnight July 16, at around
    03:40" is 16 July (the small hours end the night), "on the night of 15 July at 23:10"
    the 15th."""
    if timex.precision != "night" or timex.until is None:
        return timex
    clock = _CLOCK_AFTER.match(text, timex.end - offset)
    if clock is None:
        return timex
    hour = int(clock.group("h"))
    if (clock.group("ampm") or "").lower().startswith("p") and hour < 12:
        hour += 12
    if hour > 23 or int(clock.group("m")) > 59:
        return timex
    day = timex.until if hour < 12 else timex.begin
    end = clock.end()
    return Timex(timex.start, offset + end, text[timex.start - offset : end], day, None, "day")


_PRECISION_RANK = {
    "hour": 0,
    "day": 1,
    "night": 2,
    "week": 3,
    "month": 4,
    "year": 5,
    "approximate": 6,
}


#: Between the two ends of a span: "between January 2021 and January 2022", "from March
#: 2020 to May 2021", "from January 09 to February 20".
_SPAN_GAP = re.compile(r"\s*(?:and|to|until|till|through|[-–])\s*", re.I)
_SPAN_OPENS = re.compile(r"\b(?:between|from)\s+$", re.I)
_SPAN_TO_NOW = re.compile(r"\s+(?:to date|until now|till date|till now|to this day)\b", re.I)


def _join_spans(text: str, offset: int, found: list[Timex], published: date) -> list[Timex]:
    """Two times that open and close one span ("between Feb. 22 and April 2", "from
    January 2021 to January 2022") are that span, at the coarser precision; a time that opens
    a span running to the present ("from Jan. 1 to date") runs to publication."""
    joined: list[Timex] = []
    for timex in found:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not previous.since
            and not timex.since
            and previous.until is None
            and previous.precision in ("day", "month", "year")
            and timex.precision in ("day", "month", "year")
            and len(previous.begin) == len(timex.begin)
            and previous.begin < (timex.until or timex.begin)
            and _SPAN_GAP.fullmatch(text[previous.end - offset : timex.start - offset])
            and _opens_span(text, offset, previous)
        ):
            coarser = max(previous.precision, timex.precision, key=_PRECISION_RANK.__getitem__)
            joined[-1] = Timex(
                previous.start,
                timex.end,
                text[previous.start - offset : timex.end - offset],
                previous.begin,
                timex.until or timex.begin,
                coarser,
            )
            continue
        joined.append(timex)
    for i, timex in enumerate(joined):
        to_now = _SPAN_TO_NOW.match(text, timex.end - offset)
        if (
            to_now is not None
            and timex.until is None
            and not timex.since
            and timex.precision in ("day", "month", "year")
            and _opens_span(text, offset, timex)
        ):
            joined[i] = Timex(
                timex.start,
                offset + to_now.end(),
                text[timex.start - offset : to_now.end()],
                timex.begin[:10],
                published.isoformat(),
                "day" if len(timex.begin) >= 10 else timex.precision,
            )
    return joined


def _opens_span(text: str, offset: int, timex: Timex) -> bool:
    """Whether a time opens a span: "between" or "from" right before it (or in it)."""
    return bool(
        re.match(r"(?i:between|from)\s", timex.text)
        or _SPAN_OPENS.search(text, max(0, timex.start - offset - 10), timex.start - offset)
    )


def _merge_appositives(text: str, offset: int, found: list[Timex]) -> list[Timex]:
    """Two times side by side restate one time ("a decade ago, in 2012"): keep the finer."""
    merged: list[Timex] = []
    for timex in found:
        if merged:
            previous = merged[-1]
            gap = text[previous.end - offset : timex.start - offset]
            after = text[timex.end - offset : timex.end - offset + 1]
            bracketed = re.fullmatch(r"\s*\(\s*", gap) and after == ")"
            if re.fullmatch(r"\s*,?\s*", gap) or (
                # "on Friday (Jan 21)": the same day, restated in brackets.
                bracketed and timex.begin == previous.begin
            ):
                if _PRECISION_RANK[timex.precision] < _PRECISION_RANK[previous.precision]:
                    merged[-1] = timex
                continue
        merged.append(timex)
    return merged


def _anchor_date(begin: str) -> date | None:
    try:
        if len(begin) == 4:
            return date(int(begin), 7, 1)
        if len(begin) == 7:
            year, month = begin.split("-")
            return date(int(year), int(month), 15)
        return date.fromisoformat(begin[:10])
    except ValueError:
        return None


def _modifier_year(text: str, start: int, end: int) -> bool:
    """A bare year used as a modifier ("a 2020 war", "the 2014 annexation") or a birth year,
    not a time."""
    before = text[max(0, start - 5) : start].lower()
    after = text[end : end + 8]  # "2058  people": scraped text doubles spaces
    return (
        bool(re.search(r"\b(a|an|the|its|his|her|their)\s+$", before))
        or bool(re.match(r"\s+[a-z]", after))
        or bool(_BORN.search(text, max(0, start - 12), start))
    )


def last_day(begin: str, until: str | None, precision: str) -> date:
    """The last day an occurred period covers (inclusive), for the background age rule."""
    value = until or begin
    if len(value) == 4:
        return date(int(value), 12, 31)
    if len(value) == 7:
        year, month = (int(p) for p in value.split("-"))
        return date(year, month, calendar.monthrange(year, month)[1])
    day = date.fromisoformat(value[:10])
    if until is None and precision == "night":
        return day + timedelta(days=1)
    if until is None and precision == "week":
        return day + timedelta(days=6)
    return day
