"""Reading dataset cells: numbers, dates, coordinates and country names, each failure a
:class:`~timeline.imports.snapshot.RowError` naming the line and the column."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from timeline import countries
from timeline.actors.registry import common_names
from timeline.imports.snapshot import RowError


def text(row: dict[str, str], column: str) -> str:
    return " ".join((row.get(column) or "").split())


_WHOLE = re.compile(r"([+-]?[0-9]+)(?:\.0+)?")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def integer(
    row: dict[str, str], column: str, where: str, *, low: int = 0, high: int | None = None
) -> int:
    raw = (row.get(column) or "").strip()
    # ASCII digits only, with an optional sign and a zero fraction ("12.0"): Python's int()
    # also reads "1_000" and other scripts' digits, and going through float() turned a long
    # number into infinity (an internal error) or lost its last digits.
    whole = _WHOLE.fullmatch(raw)
    if whole is None or len(whole.group(1)) > 20:
        raise RowError(where, column, "a whole number", raw)
    value = int(whole.group(1))
    if value < low or (high is not None and value > high):
        bounds = f"from {low}" + (f" to {high}" if high is not None else "")
        raise RowError(where, column, f"a whole number {bounds}", raw)
    return value


def coordinate(row: dict[str, str], column: str, where: str, limit: float) -> float | None:
    raw = (row.get(column) or "").strip()
    if not raw:
        return None
    if len(raw) > 40 or not _DECIMAL.fullmatch(raw):  # float() also reads "nan", "1_0", "１"
        raise RowError(where, column, "a decimal number", raw)
    value = float(raw)
    if not -limit <= value <= limit:
        raise RowError(where, column, f"a number from -{limit:g} to {limit:g}", raw)
    return value


_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%y", "%d/%m/%Y")


def day(row: dict[str, str], column: str, where: str) -> date:
    """A date as datasets write it: ``2022-09-13``, ``2022-09-13 00:00:00.000`` (UCDP),
    ``13 September 2022`` or ``13-Sep-22`` (ACLED's export tool)."""
    raw = (row.get(column) or "").strip()
    head = raw[:10] if re.match(r"\d{4}-\d{2}-\d{2}", raw) else raw
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(head, pattern).date()
        except ValueError:
            continue
    raise RowError(where, column, "a date like 2022-09-13", raw)


#: Dataset spellings that neither pycountry nor the engine's common names know.
_COUNTRY_NAMES = {
    "DR Congo": "COD",
    "Democratic Republic of Congo": "COD",
    "Congo": "COG",
    "Republic of Congo": "COG",
    "Ivory Coast": "CIV",
    "Bosnia-Herzegovina": "BIH",
    "Kingdom of eSwatini": "SWZ",
    "eSwatini": "SWZ",
    "Macedonia, FYR": "MKD",
    "East Timor": "TLS",
    "Kosovo": "XKX",
    "Palestine": "PSE",
    "Czech Republic": "CZE",
    "Cape Verde": "CPV",
}


@cache
def _names() -> dict[str, str]:
    found = {name.casefold(): code for code, name in common_names().items()}
    for c in countries.all_countries():
        found.setdefault(c.name.casefold(), c.alpha_3)
    found.update({name.casefold(): code for name, code in _COUNTRY_NAMES.items()})
    return found


def country_code(name: str, where: str, column: str) -> str:
    """The ISO alpha-3 code of a country as a dataset names it ("Russia (Soviet Union)")."""
    plain = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()
    for candidate in (name.strip(), plain):
        code = _names().get(candidate.casefold())
        if code:
            return code
    try:
        import pycountry

        return str(pycountry.countries.lookup(plain).alpha_3)
    except LookupError:
        raise RowError(where, column, "a country name", name) from None


def party(name: str) -> str:
    """A side's name as a figure's party: a three-letter capitalised acronym that is not a
    country code ("PKK") is marked as a group so it is not read as one."""
    if len(name) == 3 and name.isupper():
        return f"{name} (group)"
    return name
