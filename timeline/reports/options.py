"""Options that change how a report is written, shared by every format's writer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    """``background_on_scale``: TimelineJS formats put background developments (and their
    eras) on the time scale instead of listing them on the title slide."""

    background_on_scale: bool = False
