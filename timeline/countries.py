"""Country codes: ISO 3166-1 from pycountry, plus the user-assigned code XKX for Kosovo.

ISO 3166 has no code for Kosovo. The European Union, the World Bank and ACLED-style datasets
use the user-assigned codes XK / XKX; so does this engine, everywhere a country code is
accepted (validation, views and exports).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Country:
    alpha_3: str
    alpha_2: str
    name: str
    numeric: str | None


KOSOVO = Country("XKX", "XK", "Kosovo", None)


@cache
def _table() -> dict[str, Country]:
    import pycountry

    table = {
        c.alpha_3: Country(c.alpha_3, c.alpha_2, c.name, getattr(c, "numeric", None))
        for c in pycountry.countries
    }
    table[KOSOVO.alpha_3] = KOSOVO
    return table


def get(alpha_3: str) -> Country | None:
    """The country with this ISO alpha-3 code (or XKX), or None."""
    return _table().get(alpha_3)


def all_countries() -> list[Country]:
    return sorted(_table().values(), key=lambda c: c.alpha_3)
