"""Article intake: from raw news text or HTML to a draft dispatch with provenance.

``timeline extract`` (timeline/commands/extract.py) is the command; :func:`extract_file` is
the library entry point. The rules are data-driven: lexicons and alias tables live in
``timeline/extract/data/*.yaml`` and are documented in docs/extraction.md.
"""

from __future__ import annotations

from pathlib import Path

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
]


def extract_file(path: str | Path, options: Options) -> Extraction:
    """Read an article file (plain text or HTML) and propose a draft dispatch for it."""
    return extract(read_article(path), options)
