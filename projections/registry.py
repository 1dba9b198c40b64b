"""The projections, in one greppable place. Order matters only for foreign-key targets."""

from __future__ import annotations

from projections.actors import ActorsProjection
from projections.base import Projection
from projections.conflicts import ConflictsProjection
from projections.reports import ReportsProjection
from projections.timelines import TimelinesProjection

PROJECTIONS: tuple[Projection, ...] = (
    ReportsProjection(),
    ActorsProjection(),
    ConflictsProjection(),
    TimelinesProjection(),
)
