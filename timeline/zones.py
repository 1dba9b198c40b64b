"""Named time zones (IANA, through the standard library's zoneinfo and the tzdata package).

A dispatch may give ``tz: Europe/Moscow`` beside a report's publication time or a
development's occurred values. The values are then wall-clock times in that zone: they are
stored in UTC as everywhere else, with the zone's name beside them, and views show the local
time with UTC beside it where the two differ ("13 Sep 2022 09:00 MSK (06:00 UTC)").

Never guessed: a local time that a daylight-saving change skips or repeats is refused unless
the value states its offset, and a stated offset must be the zone's at that moment.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from timeline.dates import format_offset, from_iso, occurred_group, occurred_label
from timeline.errors import DateError

_YEAR = re.compile(r"^(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@cache
def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name`` (``Europe/Moscow``); DateError for anything else."""
    if name not in _names():
        raise DateError(f"{name!r} is not an IANA time zone name like Europe/Moscow")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise DateError(f"{name!r} is not an IANA time zone name like Europe/Moscow") from None


@cache
def _names() -> frozenset[str]:
    return frozenset(available_timezones())


def _checked(local: datetime, text: str, name: str) -> datetime:
    """A wall-clock time in a zone that exists exactly once there."""
    first = local.replace(fold=0)
    round_trip = first.astimezone(UTC).astimezone(first.tzinfo)
    if round_trip.replace(tzinfo=None) != first.replace(tzinfo=None):
        raise DateError(f"{text!r} does not exist in {name} (the clocks went forward)")
    if first.utcoffset() != local.replace(fold=1).utcoffset():
        raise DateError(f"{text!r} happens twice in {name} (the clocks went back); give its offset")
    return first


def localise(text: str, name: str) -> tuple[datetime, str]:
    """An ISO value read as a wall-clock time in zone ``name``: the aware local moment and
    the granularity the value carries (year, month, day or hour). A value with an offset
    must carry the zone's offset at that moment."""
    tz = zone(name)
    text = str(text).strip()
    if match := _YEAR.match(text):
        return _checked(datetime(int(match.group(1)), 1, 1, tzinfo=tz), text, name), "year"
    if match := _YEAR_MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        try:
            moment = datetime(year, month, 1, tzinfo=tz)
        except ValueError:
            raise DateError(f"{text!r} has no month {month}") from None
        return _checked(moment, text, name), "month"
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise DateError(f"{text!r} is not an ISO date or date-time") from None
    granularity = "hour" if re.search(r"\d[T ]\d", text) else "day"
    if parsed.tzinfo is None:
        return _checked(parsed.replace(tzinfo=tz), text, name), granularity
    local = parsed.astimezone(tz)
    if local.utcoffset() != parsed.utcoffset():
        raise DateError(
            f"{text!r} states offset {format_offset(parsed.utcoffset())}, but {name} was at "
            f"{format_offset(local.utcoffset())} then"
        )
    return local, granularity


def _end(start: datetime, precision: str) -> datetime:
    """The exclusive end of the local period of ``precision`` starting at ``start`` (wall
    clock: a local day is midnight to midnight, whatever the offset does in between)."""
    if precision == "hour":
        return (start.astimezone(UTC) + timedelta(hours=1)).astimezone(start.tzinfo)
    if precision == "month":
        if start.month == 12:
            return start.replace(year=start.year + 1, month=1, day=1, hour=0, minute=0)
        return start.replace(month=start.month + 1, day=1, hour=0, minute=0)
    if precision == "year":
        return start.replace(year=start.year + 1, month=1, day=1, hour=0, minute=0)
    days = {"week": 7, "night": 2}.get(precision, 1)
    return start + timedelta(days=days)


def local_interval(
    start: str, end: str | None, precision: str, name: str
) -> tuple[datetime, datetime]:
    """An occurred interval given in zone ``name``, as half-open UTC ``[start, end)``.
    Dates and periods are local (a day in Moscow starts at 21:00 UTC the day before)."""
    first, _ = localise(start, name)
    if end is None:
        last = _end(first, precision)
    else:
        last, granularity = localise(end, name)
        if granularity != "hour":
            last = _end(last, granularity)
    return first.astimezone(UTC), last.astimezone(UTC)


def offset_at(utc_iso: str, name: str) -> str | None:
    """The zone's offset at a moment, as ``+03:00``."""
    return format_offset(from_iso(utc_iso).astimezone(zone(name)).utcoffset())


def _abbreviation(moment: datetime) -> str:
    """``MSK``; zones without a letter abbreviation give their offset (``+04``)."""
    return moment.tzname() or format_offset(moment.utcoffset()) or ""


def moment_label(utc_iso: str, name: str | None) -> str:
    """``13 Sep 2022 09:00 MSK (06:00 UTC)``; ``13 Sep 2022 06:00 UTC`` when there is no
    zone or it is at UTC then; the UTC date is given too when it is another day."""
    utc = from_iso(utc_iso).astimezone(UTC)
    plain = f"{utc.day} {utc.strftime('%b %Y %H:%M')} UTC"
    if name is None:
        return plain
    local = utc.astimezone(zone(name))
    if local.utcoffset() == timedelta(0):
        return f"{local.day} {local.strftime('%b %Y %H:%M')} {_abbreviation(local)}"
    beside = utc.strftime("%H:%M") if local.date() == utc.date() else plain[:-4]
    return f"{local.day} {local.strftime('%b %Y %H:%M')} {_abbreviation(local)} ({beside} UTC)"


def local_occurred_label(start_iso: str, end_iso: str, precision: str, name: str | None) -> str:
    """:func:`timeline.dates.occurred_label`, in the zone the source gave (its calendar days),
    with the UTC time beside an hour."""
    if name is None:
        return occurred_label(start_iso, end_iso, precision)
    tz = zone(name)
    if precision == "hour":
        return moment_label(start_iso, name)
    start = from_iso(start_iso).astimezone(tz)
    end = from_iso(end_iso).astimezone(tz)
    return occurred_label(start.isoformat(), end.isoformat(), precision)


def local_occurred_group(start_iso: str, end_iso: str, precision: str, name: str | None) -> str:
    """:func:`timeline.dates.occurred_group` on the zone's calendar, so a development is
    filed under the day its own label names."""
    if name is None:
        return occurred_group(start_iso, end_iso, precision)
    tz = zone(name)
    start = from_iso(start_iso).astimezone(tz)
    end = from_iso(end_iso).astimezone(tz)
    return occurred_group(start.isoformat(), end.isoformat(), precision)
