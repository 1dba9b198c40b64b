"""How actor names are compared: one normal form, insensitive to case, punctuation and "the".

"The Armenian MoD" and "Armenian MOD" compare equal; "Armenia's
Security Council" and "Armenia Security Council" too. A possessive "'s" is dropped ("Gaza's
health ministry" is the Gaza health ministry). Letters are compared after Unicode NFKC
normalisation and case folding, so accents still count ("Erdoğan" and "Erdogan" are two
spellings, and the registry lists both).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_POSSESSIVE = re.compile(r"(?<=\w)['’ʼ`´]s\b")
_APOSTROPHES = re.compile(r"['’ʼ`´]")
_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"[\s_]+")
_LEADING_THE = re.compile(r"^the\s+")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The normal form two names must share to name the same actor."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _POSSESSIVE.sub("", text)  # "Armenia's" and "Armenia" name the same body
    text = _APOSTROPHES.sub("", text)
    text = _PUNCTUATION.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_slug(text: str) -> bool:
    """An actor id: lower-case letters and digits in words joined by single hyphens."""
    return bool(_SLUG.match(text)) and len(text) <= 80


def slugify(text: str) -> str:
    """A slug for a name: ASCII letters and digits joined by hyphens ("Nikol Pashinyan" ->
    "nikol-pashinyan")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")[:80] or "actor"
