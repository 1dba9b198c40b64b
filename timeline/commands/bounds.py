"""Bounded option types: positions, counts and durations that the store and the clock can
hold. A value past a bound is a usage error (exit 2), never an internal one."""

from __future__ import annotations

import math
from typing import Any

import click

#: The largest log position SQLite (64-bit signed integers) and PostgreSQL (bigint) store.
MAX_POSITION = 2**63 - 1

#: A position to read after (the next one must still be storable).
POSITION = click.IntRange(0, MAX_POSITION - 1)
COUNT = click.IntRange(1, MAX_POSITION)


class Seconds(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.3
    """A finite number of seconds between ``minimum`` and ``maximum`` (nan and inf refused)."""

    name = "seconds"

    def __init__(self, minimum: float, maximum: float) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        if isinstance(value, float) and math.isfinite(value):
            seconds = value
        else:
            try:
                seconds = float(value)
            except (TypeError, ValueError):
                self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not math.isfinite(seconds) or not self.minimum <= seconds <= self.maximum:
            self.fail(
                f"{value!r} is not a number of seconds from {self.minimum:g} to {self.maximum:.0f}",
                param,
                ctx,
            )
        return seconds


#: How often to poll: at least 50 ms, at most an hour.
POLL_INTERVAL = Seconds(0.05, 3600)
#: How long to wait without news: at most 30 days.
IDLE_EXIT = Seconds(0, 30 * 86_400)
