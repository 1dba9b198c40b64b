"""Event-sourced news timeline engine: the write side and the entry points.

``timeline.open_home(...)`` opens a data directory from Python (see :mod:`timeline.api`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.api import Home

__version__ = "0.1.0"

__all__ = ["__version__", "open_home"]


def open_home(home: str | os.PathLike[str] | None = None, store: str | None = None) -> Home:
    """Open a data directory (or ``store``) for reading and appending: see
    :func:`timeline.api.open_home`. Imported lazily, so ``import timeline`` stays light."""
    from timeline.api import open_home as _open_home

    return _open_home(home, store)
