"""What every projection provides, and the decoded event records they consume."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlite_utils import Database


@dataclass(frozen=True)
class EventRecord:
    """One event from the log, decoded into plain values for projections."""

    position: int
    originator_id: str
    originator_version: int
    type: str  # qualified event class name, e.g. "Development.Reported"
    recorded_at: str  # UTC ISO, stamped by the library when the event was created
    payload: dict[str, Any]


class Projection(ABC):
    """A read model. ``apply`` runs inside the runner's transaction, with the position update."""

    name: ClassVar[str]
    #: Tables and views this projection owns; a rebuild drops them.
    tables: ClassVar[tuple[str, ...]]
    views: ClassVar[tuple[str, ...]] = ()
    #: Event types it consumes; others are skipped without a call.
    handles: ClassVar[frozenset[str]]

    @abstractmethod
    def create(self, db: Database) -> None:
        """Create the tables, indexes and views if they do not exist."""

    @abstractmethod
    def apply(self, db: Database, records: list[EventRecord]) -> None:
        """Apply a batch of events, in log order, to the read model."""

    # Full rebuilds (see projections/bulk.py). The defaults suit a projection whose
    # ``apply`` only inserts rows.

    def bulk_apply(self, db: Database, records: list[EventRecord]) -> None:
        """Load a page of events into empty tables whose secondary indexes and triggers are
        dropped for the duration of the rebuild."""
        self.apply(db, records)

    def bulk_finish(self, db: Database) -> Iterator[int]:
        """After the last page: derive whatever ``bulk_apply`` deferred, yielding progress
        (events handled) as it goes."""
        yield from ()
