"""The read side: projections of the event log into a SQLite read-model file.

Each projection writes its rows and its log position in one transaction, so a crash
neither loses nor repeats work. ``registry.PROJECTIONS`` lists them; ``runner`` drives
them; ``queries`` is the only module that views and reports read through.
"""

from __future__ import annotations

import sys


def _import_sqlite_utils_without_pandas() -> None:
    """Import sqlite-utils with pandas and numpy hidden, unless they are already loaded.

    sqlite-utils imports both when they are installed (``pip install 'news-timeline[pandas]'``
    installs them), only to map their scalar types to column types when it creates tables
    from such values. The engine never gives it such values, and importing them took
    0.3-0.4 s of every command's start-up. Every module here and in ``timeline.reports`` and
    ``timeline.imports`` that uses sqlite-utils is in a package that imports this one first,
    so this runs before sqlite-utils is first imported (checked by ``tests/test_startup.py``).
    Code that imports pandas itself still gets it, in full.
    """
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # an import of it raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]


_import_sqlite_utils_without_pandas()
