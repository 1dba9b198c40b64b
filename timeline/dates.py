"""Dates and times: parsing what people type, and rendering intervals at their precision.

Rules (documented in docs/dates.md):

* Instants are stored as UTC ISO 8601 strings, ``YYYY-MM-DDTHH:MM:SSZ``, which sort
  lexically in time order. The source's stated offset is kept beside them.
* A value without a zone means UTC. Nothing is guessed from the machine's zone.
* An all-numeric date that starts with a four-digit year (``2022-09-10``, ``2022/9/10``,
  ``2022.09.10``, ``2022 09 10``) is always year-month-day: ``2022/13/10`` is refused, never
  read as 13 October.
* An all-numeric date that ends with the year is read day-month or month-day only when
  exactly one of the two is a real date (``13/02/2022``); ``01/02/2022`` is ambiguous and
  refused naming both readings. Two-digit years are refused. Write ``2022-02-01`` or
  ``1 Feb 2022``.
* ``UTC+4`` and ``GMT+3`` mean four and three hours ahead of UTC (``+04:00``, ``+03:00``),
  as in news copy, not the inverted POSIX ``TZ`` convention.
* An occurred interval is stored half-open, ``[start, end)``. A date-only ``end`` in a
  dispatch file is inclusive: ``end: 2022-09-13`` means through the end of that day.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from dateutil import parser as dateutil_parser

from timeline.errors import DateError

_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_YEAR_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")
#: The strict ISO 8601 shapes machines write (a date, or a date-time to the minute or second
#: with an optional ``Z`` or ``±HH:MM``): ``datetime.fromisoformat`` parses them to the same
#: value as dateutil's ``isoparse``, about ten times faster. Anything else goes to dateutil.
_STRICT_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?",
    re.ASCII,
)


@dataclass(frozen=True)
class Instant:
    """A moment in UTC, with the offset its source stated (None when none was stated)."""

    utc: datetime
    offset: str | None

    @property
    def iso(self) -> str:
        return iso(self.utc)

    @property
    def assumed_utc(self) -> bool:
        return self.offset is None


def iso(moment: datetime) -> str:
    """Render an aware datetime as a sortable UTC string."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    m = moment.astimezone(UTC)
    # Formatted by hand: strftime("%Y") drops the leading zeros of years before 1000.
    return f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}Z"


def from_iso(text: str) -> datetime:
    """Parse a string made by :func:`iso` (fast path: ``fromisoformat`` accepts ``Z``)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no zone")
    return moment


def format_offset(offset: timedelta | None) -> str | None:
    if offset is None:
        return None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _isoparse(text: str) -> datetime:
    """dateutil's ``isoparse``, with a fast path for the strict shapes (``_STRICT_ISO``)."""
    if _STRICT_ISO.fullmatch(text):
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass  # e.g. 24:00, which dateutil reads as the next midnight; or no such day
    return dateutil_parser.isoparse(text)


#: An all-numeric date at the start of the text (after an optional weekday): three numbers
#: with the same separator, followed by the end, a space, ``T`` or a comma.
_NUMERIC_DATE = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(\d+)(?P<sep>[-/.]|\s+)(\d+)(?P=sep)(\d+)(?=$|[\sT,])",
    re.ASCII | re.IGNORECASE,
)
#: Three numbers joined by date separators anywhere else: a numeric date this module will
#: not hand to dateutil, whose day-first reading would swap a year-first date's day and month.
_EMBEDDED_NUMERIC_DATE = re.compile(r"\d+\s*[-/.]\s*\d+\s*[-/.]\s*\d+", re.ASCII)
#: What may follow an all-numeric date: a time (with a colon, or an hour with am/pm or h)
#: and a zone, both optional; named offsets are already rewritten as ``+04:00``.
_TIME_AND_ZONE = re.compile(
    r"(?P<time>(?:at\s+)?(?:\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?|h)?"
    r"|\d{1,2}\s*(?:[ap]\.?m\.?|h)))?"
    r"\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?",
    re.ASCII | re.IGNORECASE,
)
#: ``UTC+4``, ``GMT-03:30``, ``UTC +0545``: an offset from UTC written after the zone name.
_NAMED_OFFSET = re.compile(
    r"(?<![A-Za-z])(?:UTC|GMT)\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?(?![\d:])",
    re.IGNORECASE,
)


def _normalise_named_offset(text: str) -> str:
    """Rewrite ``UTC+4``/``GMT+3`` as ``+04:00``/``+03:00``.

    dateutil follows the POSIX ``TZ`` convention, where ``UTC+4`` means four hours *behind*
    UTC; in news copy (and ISO 8601) it means ahead, so the sign is kept here."""

    def offset(match: re.Match[str]) -> str:
        sign = "-" if match.group(1) in "-\u2212" else "+"
        hours, minutes = int(match.group(2)), int(match.group(3) or 0)
        if hours > 23 or minutes > 59:
            raise DateError(f"{text!r} has a UTC offset out of range ({match.group(0)})")
        return f" {sign}{hours:02d}:{minutes:02d}"

    return _NAMED_OFFSET.sub(offset, text)


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric_date(text: str, numbers: tuple[str, str, str]) -> date:
    """Read an all-numeric date, or refuse it naming the dates it could mean."""
    first, second, third = numbers
    if len(first) >= 3:  # year first: only ever year-month-day
        found = _real_date(int(first), int(second), int(third))
        if found is None:
            raise DateError(
                f"{text!r} is not a real date: a date that starts with the year is read "
                "year-month-day (YYYY-MM-DD), and never day and month swapped"
            )
        return found
    if len(third) < 3:
        raise DateError(
            f"{text!r} is ambiguous (a two-digit year): it could be YY-MM-DD, DD-MM-YY or "
            "MM-DD-YY; write the year in full, as YYYY-MM-DD"
        )
    if len(second) >= 3:
        raise DateError(f"{text!r} is not a date this tool understands; write YYYY-MM-DD")
    year = int(third)
    readings = {
        reading
        for reading in (
            _real_date(year, int(second), int(first)),
            _real_date(year, int(first), int(second)),
        )
        if reading is not None
    }
    if not readings:
        raise DateError(f"{text!r} is not a real date (neither day-month nor month-day)")
    if len(readings) > 1:
        could = " or ".join(sorted(r.isoformat() for r in readings))
        raise DateError(
            f"{text!r} is ambiguous (day/month order): it could be {could}; "
            "write it as YYYY-MM-DD or '1 Feb 2022'"
        )
    return readings.pop()


def _parse_numeric(text: str, raw: str) -> tuple[datetime, str] | None:
    """Parse text that starts with an all-numeric date, strictly; None when it does not.

    The date is read by :func:`_numeric_date`; what follows it may only be a time and a zone
    (read by dateutil, which must not find another day, month or year there). ``raw`` is
    the text as typed, for messages."""
    match = _NUMERIC_DATE.match(text)
    if match is None:
        if _EMBEDDED_NUMERIC_DATE.search(text):
            raise DateError(
                f"{raw!r} has an all-numeric date that is not at the start; write YYYY-MM-DD "
                "first, then the time"
            )
        return None
    day = _numeric_date(raw, (match.group(1), match.group(3), match.group(4)))
    rest = text[match.end() :].lstrip(" ,")
    if rest[:1] in ("T", "t"):
        rest = rest[1:]
    if not rest.strip():
        return datetime(day.year, day.month, day.day), "day"
    time_and_zone = _TIME_AND_ZONE.fullmatch(rest.strip())
    if time_and_zone is None:
        raise DateError(
            f"{raw!r} is not a date or time this tool understands: after an all-numeric date "
            "write only a time and a zone, such as 12:00, 12:00 UTC or 12:00+04:00"
        )
    has_time = time_and_zone.group("time") is not None
    if not has_time:
        rest = "00:00 " + rest  # a zone alone: dateutil wants a time to attach it to
    first = _parse_free(raw, rest, datetime(1, 1, 1))
    second = _parse_free(raw, rest, datetime(2, 2, 2))
    if first.year == second.year or first.month == second.month or first.day == second.day:
        raise DateError(f"{raw!r} states the date twice; write YYYY-MM-DD, then the time")
    moment = first.replace(year=day.year, month=day.month, day=day.day)
    return moment, "time" if has_time else "day"


def _parse_free(raw: str, text: str, default: datetime) -> datetime:
    """dateutil's free-text parser, day first, refusing zone names it would drop."""
    try:
        with warnings.catch_warnings():
            # dateutil drops zone names it does not know ("EST", "CET") with a warning;
            # a dropped zone would silently become UTC, so it is an error here.
            warnings.simplefilter("error", dateutil_parser.UnknownTimezoneWarning)
            return dateutil_parser.parse(text, default=default, dayfirst=True)
    except dateutil_parser.UnknownTimezoneWarning:
        raise DateError(
            f"{raw!r} names a time zone this tool does not guess at; give an offset such as "
            "+04:00 or -05:00, or UTC"
        ) from None
    except (ValueError, OverflowError) as exc:
        raise DateError(f"{raw!r} is not a date or time this tool understands") from exc


def parse_instant(text: str | datetime | date, *, date_means: str = "start") -> Instant:
    """Parse a date or date-time typed by a person.

    ``date_means`` says which moment a date without a time stands for: ``"start"`` (00:00 UTC)
    or ``"end"`` (the last second of that day, so "as of 14 Sep" includes all of 14 Sep).
    """
    try:
        instant = _parse_instant(text, date_means)
    except (ValueError, OverflowError) as exc:
        raise DateError(f"{text!r} is not a real date or time ({exc})") from None
    _in_range(instant.utc, text)
    return instant


def _granularity_of_free_text(text: str, raw: str) -> tuple[datetime, str]:
    """Parse free text with dateutil, finding out which parts it stated: parsing twice with
    different defaults shows whether the day and the month came from the text. ``text`` has
    its named offsets normalised; ``raw`` is the text as typed, for messages."""
    numeric = _parse_numeric(text, raw)
    if numeric is not None:
        return numeric
    first = _parse_free(raw, text, datetime(1, 1, 1))
    second = _parse_free(raw, text, datetime(2, 2, 2))
    if first.year != second.year:
        raise DateError(f"{raw!r} has no year")
    if not re.search(rf"(?<!\d)0*{first.year}(?!\d)", text):
        raise DateError(
            f"{raw!r} is ambiguous (a two-digit year, read as {first.year}); write the year "
            "in full, as in '10 Sep 2022'"
        )
    if first.month != second.month:
        return first, "year"
    if first.day != second.day:
        return first, "month"
    has_time = (first.hour, first.minute, first.second) != (0, 0, 0) or bool(
        re.search(r"\d:\d|\b(am|pm|midnight|noon)\b", raw, re.I)
    )
    return first, "time" if has_time else "day"


def _parse_instant(text: str | datetime | date, date_means: str) -> Instant:
    granularity = "time"
    if isinstance(text, datetime):
        moment = text
    elif isinstance(text, date):
        moment = datetime(text.year, text.month, text.day)
        granularity = "day"
    else:
        raw = str(text).strip()
        if not raw:
            raise DateError("empty date")
        normalised = _normalise_named_offset(raw).strip()
        try:
            moment = _isoparse(normalised)
        except ValueError:
            moment, granularity = _granularity_of_free_text(normalised, raw)
        else:
            if _YEAR.match(raw):
                granularity = "year"
            elif _YEAR_MONTH.match(raw):
                granularity = "month"
            elif not re.search(r"\d[T ]\d", raw):
                granularity = "day"
    offset: str | None
    if moment.tzinfo is None:
        offset = None
        moment = moment.replace(tzinfo=UTC)
    else:
        offset = format_offset(moment.utcoffset())
    if granularity != "time" and date_means == "end":
        moment = _end_of_period(moment, granularity) - timedelta(seconds=1)
    return Instant(moment.astimezone(UTC), offset)


def _end_of_period(start: datetime, precision: str) -> datetime:
    """The exclusive end of the period of ``precision`` that contains ``start``: a month or a
    year ends at the start of the next calendar month or year, whatever day it began on."""
    if precision == "hour":
        return start + timedelta(hours=1)
    if precision == "month":
        if start.month == 12:
            return start.replace(year=start.year + 1, month=1, day=1, hour=0, minute=0, second=0)
        return start.replace(month=start.month + 1, day=1, hour=0, minute=0, second=0)
    if precision == "year":
        return start.replace(year=start.year + 1, month=1, day=1, hour=0, minute=0, second=0)
    if precision == "week":
        return start + timedelta(days=7)
    if precision == "night":
        return start + timedelta(days=2)
    return start + timedelta(days=1)


#: Years this engine accepts anywhere; outside them a date is refused, not guessed at.
FIRST_YEAR, LAST_YEAR = 1, 2999


def _in_range(moment: datetime, text: object, *, exclusive: bool = False) -> datetime:
    """Refuse years outside the supported range; an exclusive end is checked by its last
    second, so a period ending with the last supported year is accepted."""
    last = moment - timedelta(seconds=1) if exclusive else moment
    if not FIRST_YEAR <= last.year <= LAST_YEAR:
        raise DateError(f"{text!r} is outside the supported years {FIRST_YEAR}–{LAST_YEAR}")
    return moment


def parse_period_start(value: str | date | datetime) -> tuple[datetime, str]:
    """Parse an occurred bound: ``YYYY``, ``YYYY-MM``, a date, or a date-time.

    Returns the start moment in UTC and the granularity the value itself carries.
    """
    try:
        moment, granularity = _parse_period_start(value)
    except (ValueError, OverflowError) as exc:
        raise DateError(f"{value!r} is not a real date ({exc})") from None
    return _in_range(moment, value), granularity


def _parse_period_start(value: str | date | datetime) -> tuple[datetime, str]:
    if isinstance(value, (datetime, date)):
        instant = parse_instant(value)
        return instant.utc, "hour" if isinstance(value, datetime) else "day"
    text = str(value).strip()
    year = _YEAR.match(text)
    if year:
        return datetime(int(year.group(1)), 1, 1, tzinfo=UTC), "year"
    year_month = _YEAR_MONTH.match(text)
    if year_month:
        month = int(year_month.group(2))
        if not 1 <= month <= 12:
            raise DateError(f"{text!r} has no month {month}")
        return datetime(int(year_month.group(1)), month, 1, tzinfo=UTC), "month"
    try:
        moment = _isoparse(text)
    except ValueError as exc:
        raise DateError(
            f"{text!r} is not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD or date-time)"
        ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC), "hour" if re.search(r"\d[T ]\d", text) else "day"


def occurred_interval(
    start: str | date | datetime, end: str | date | datetime | None, precision: str
) -> tuple[datetime, datetime]:
    """Normalise an occurred interval to half-open UTC ``[start, end)``."""
    try:
        return _occurred_interval(start, end, precision)
    except (ValueError, OverflowError) as exc:
        raise DateError(f"{start!r} to {end!r} is not a real interval ({exc})") from None


def _occurred_interval(
    start: str | date | datetime, end: str | date | datetime | None, precision: str
) -> tuple[datetime, datetime]:
    start_moment, _ = parse_period_start(start)
    if end is None:
        return start_moment, _in_range(
            _end_of_period(start_moment, precision), start, exclusive=True
        )
    end_moment, end_granularity = parse_period_start(end)
    if end_granularity == "hour":
        return start_moment, end_moment
    return start_moment, _in_range(_end_of_period(end_moment, end_granularity), end, exclusive=True)


_MONTH = "%b %Y"


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment.strftime(_MONTH)}"


def occurred_label(start_iso: str, end_iso: str, precision: str) -> str:
    """Render an occurred interval at its real precision, e.g. ``night of 12–13 Sep 2022``."""
    start = from_iso(start_iso)
    end = from_iso(end_iso)
    last = end - timedelta(seconds=1)
    if precision == "year":
        return str(start.year) if last.year == start.year else f"{start.year}–{last.year}"
    if precision == "month":
        if (last.year, last.month) == (start.year, start.month):
            return start.strftime(_MONTH)
        return f"{start.strftime(_MONTH)} – {last.strftime(_MONTH)}"
    if precision == "night":
        if start.month == last.month:
            return f"night of {start.day}–{last.day} {start.strftime(_MONTH)}"
        return f"night of {_day(start)} – {_day(last)}"
    if precision == "week":
        return f"week of {_day(start)}"
    if precision == "hour":
        return f"{_day(start)} {start.strftime('%H:%M')} UTC"
    if precision == "approximate":
        return "c. " + _coarsest(start, end)
    if start.date() == last.date():
        return _day(start)
    if start.month == last.month and start.year == last.year:
        return f"{start.day}–{last.day} {start.strftime(_MONTH)}"
    return f"{_day(start)} – {_day(last)}"


def _coarsest(start: datetime, end: datetime) -> str:
    """The shortest honest rendering of ``[start, end)``: years, months, then days."""
    last = end - timedelta(seconds=1)
    midnight = start.time() == end.time() == datetime.min.time()
    if midnight and (start.month, start.day) == (1, 1) and (end.month, end.day) == (1, 1):
        return str(start.year) if last.year == start.year else f"{start.year}–{last.year}"
    if midnight and start.day == 1 and end.day == 1:
        if (start.year, start.month) == (last.year, last.month):
            return start.strftime(_MONTH)
        return f"{start.strftime(_MONTH)} – {last.strftime(_MONTH)}"
    if start.date() == last.date():
        return _day(start)
    if (start.year, start.month) == (last.year, last.month):
        return f"{start.day}–{last.day} {start.strftime(_MONTH)}"
    return f"{_day(start)} – {_day(last)}"


def occurred_group(start_iso: str, end_iso: str, precision: str) -> str:
    """The heading a development is grouped under in a timeline: its occurred date,
    at the coarser of its own precision and a day."""
    start = from_iso(start_iso)
    end = from_iso(end_iso)
    if precision == "year":
        return str(start.year)
    if precision == "month":
        return start.strftime("%B %Y")
    if precision == "approximate" and end - start > timedelta(days=2):
        return "c. " + _coarsest(start, end)
    return start.strftime("%a ") + _day(start)
