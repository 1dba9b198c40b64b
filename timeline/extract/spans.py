"""The character spans already taken in a text, as a sorted union of intervals.

Finding mentions asks, for each candidate, "does it overlap anything taken?" and "which
parts of it are free?". Scanning every taken span for each candidate made one long sentence
quadratic (16,000 repeated phrases took 23 s); the union kept sorted answers both by
bisection, in time logarithmic in the spans plus the overlaps found.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class Spans:
    """A union of half-open intervals ``[start, end)``, kept merged and sorted."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def free(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps no taken span."""
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] > start:
            return False
        j = i + 1
        return not (j < len(self._starts) and self._starts[j] < end)

    def add(self, start: int, end: int) -> None:
        """Take ``[start, end)``, merging it with the spans it overlaps or touches."""
        if end <= start:
            return
        left = bisect_left(self._ends, start)  # first span ending at or after start
        right = bisect_right(self._starts, end)  # spans starting at or before end
        if left < right:
            start = min(start, self._starts[left])
            end = max(end, self._ends[right - 1])
        self._starts[left:right] = [start]
        self._ends[left:right] = [end]

    def carve(self, start: int, end: int, *, shortest: int = 2) -> list[tuple[int, int]]:
        """The parts of ``[start, end)`` outside the taken spans, each at least ``shortest``
        long."""
        parts = []
        i = max(bisect_right(self._starts, start) - 1, 0)
        cursor = start
        while i < len(self._starts) and self._starts[i] < end:
            if self._ends[i] > cursor:
                if self._starts[i] > cursor:
                    parts.append((cursor, self._starts[i]))
                cursor = self._ends[i]
            i += 1
        if cursor < end:
            parts.append((cursor, end))
        return [(s, e) for s, e in parts if e - s >= shortest]
