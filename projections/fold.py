"""Fold one development's events into its versions on the knowledge-time axis.

This is pure: no database. A development's events are ordered by *reported* time (when
the world learned of each), not by when this log recorded them, so that the as-of answer
never depends on ingestion order. Ties on reported time break on the report id (derived
from the report's content), then the event type, then the canonical payload: a documented,
deterministic order.

Each event opens a version valid from its reported time until the next version's.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from projections.base import EventRecord

State = dict[str, Any]

#: Event types a development consumes, in tie-break order.
TYPE_RANK: dict[str, int] = {
    "Development.Reported": 0,
}


def sort_key(record: EventRecord) -> tuple[str, str, int, str]:
    payload = record.payload
    return (
        payload["reported_at"],
        payload.get("report_id", ""),
        TYPE_RANK.get(record.type, 99),
        json.dumps(payload, sort_keys=True),
    )


@dataclass(frozen=True)
class Version:
    development_id: str
    seq: int
    valid_from: str  # reported time at which this version became known
    valid_to: str | None  # reported time of the next version, or None while current
    recorded_at: str
    position: int
    cause: str  # the event type that opened this version
    state: State


def _reported(state: State | None, record: EventRecord) -> State:
    p = record.payload
    figures = [
        {**figure, "reported_at": p["reported_at"], "report_id": p["report_id"]}
        for figure in p["figures"]
    ]
    return {
        "id": record.originator_id,
        "report_id": p["report_id"],
        "first_reported_at": p["reported_at"],
        "key": p["key"],
        "kind": p["kind"],
        "summary": p["summary"],
        "quote": p["quote"],
        "occurred": dict(p["occurred"]),
        "countries": list(p["countries"]),
        "actors": list(p["actors"]),
        "places": list(p["places"]),
        "conflicts": list(p["conflicts"]),
        "claim": dict(p["claim"]),
        "figures": figures,
        "contradicts": list(p["contradicts"]),
        "status": "active",
        "reports": [p["report_id"]],
    }


FOLDERS: dict[str, Callable[[State | None, EventRecord], State]] = {
    "Development.Reported": _reported,
}


def fold(development_id: str, records: Iterable[EventRecord]) -> list[Version]:
    """All versions of one development, oldest knowledge first."""
    ordered = sorted(records, key=sort_key)
    versions: list[Version] = []
    state: State | None = None
    for seq, record in enumerate(ordered):
        state = FOLDERS[record.type](copy.deepcopy(state), record)
        versions.append(
            Version(
                development_id=development_id,
                seq=seq,
                valid_from=record.payload["reported_at"],
                valid_to=None,
                recorded_at=record.recorded_at,
                position=record.position,
                cause=record.type,
                state=state,
            )
        )
    return [
        Version(**{**v.__dict__, "valid_to": versions[i + 1].valid_from})
        if i + 1 < len(versions)
        else v
        for i, v in enumerate(versions)
    ]
