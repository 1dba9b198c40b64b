"""Decode stored events into :class:`EventRecord` values for the projections, fast.

The library's mapper (``Mapper.to_domain_event``) builds a domain-event object for each
stored event: it resolves the topic, runs the JSON transcoder (which walks every value for
``{"_type_": ..., "_data_": ...}`` markers) and applies upcasters. The projections only need
plain values, and the engine's event payloads are plain JSON except for the envelope's
timestamp. So this module drops a layer: one ``orjson.loads`` of the stored state, the
timestamp read from its marker, and the payload used as it is.

It falls back to the library's mapper, event by event, whenever the short cut could differ:
an event stored by an older class version (its upcasters must run), a state with any other
typed value, or a timestamp not in the library's UTC form. ``tests/projections`` checks
that both paths give equal records for every event of the fixtures and the legacy log.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any
from uuid import UUID

import orjson
from eventsourcing.utils import resolve_topic

from projections.base import EventRecord
from timeline.dates import iso

if TYPE_CHECKING:
    from timeline.application import TimelineApp

_ENVELOPE = ("originator_id", "originator_version", "timestamp", "originator_topic")
_MARKER = b'"_type_"'


def to_record(app: TimelineApp, notification: Any) -> EventRecord:
    """Decode one stored event through the library's mapper (the reference path)."""
    event = app.mapper.to_domain_event(notification)
    payload = {k: v for k, v in vars(event).items() if k not in _ENVELOPE}
    stamp: datetime = event.timestamp  # type: ignore[attr-defined]
    return EventRecord(
        position=notification.id,
        originator_id=str(notification.originator_id),
        originator_version=notification.originator_version,
        type=type(event).__qualname__,
        recorded_at=iso(stamp),
        payload=payload,
    )


@cache
def _topic(topic: str) -> tuple[str, int]:
    """The qualified class name and current class version of an event topic."""
    cls = resolve_topic(topic)
    return cls.__qualname__, int(getattr(cls, "class_version", 1))


def _stamp(marker: Any) -> str | None:
    """The library writes ``datetime.isoformat()`` of an aware UTC time; ``iso`` keeps whole
    seconds, so its string is the first 19 characters plus ``Z``."""
    if not isinstance(marker, dict) or marker.get("_type_") != "datetime_iso":
        return None
    text = marker.get("_data_")
    if not isinstance(text, str) or len(text) < 25 or not text.endswith("+00:00"):
        return None
    return text[:19] + "Z"


def fast_record(app: TimelineApp, notification: Any) -> EventRecord:
    """Decode one stored event without building a domain-event object, when that is exact."""
    state = notification.state
    if not isinstance(state, bytes):
        state = bytes(state)
    if not app.mapper.cipher and not app.mapper.compressor and state.count(_MARKER) == 1:
        qualname, class_version = _topic(notification.topic)
        payload: dict[str, Any] = orjson.loads(state)
        if payload.pop("class_version", 1) == class_version:
            recorded_at = _stamp(payload.pop("timestamp", None))
            if recorded_at is not None:
                payload.pop("originator_topic", None)
                payload.pop("originator_id", None)
                payload.pop("originator_version", None)
                return EventRecord(
                    position=notification.id,
                    originator_id=str(notification.originator_id),
                    originator_version=notification.originator_version,
                    type=qualname,
                    recorded_at=recorded_at,
                    payload=payload,
                )
    return to_record(app, notification)


def records(app: TimelineApp, notifications: Iterable[Any]) -> list[EventRecord]:
    return [fast_record(app, n) for n in notifications]


def _uuid_text(stored: str) -> str:
    """The text ``str(UUID(stored))`` gives for an originator id as the SQLite recorder
    stores it (32 lower-case hex digits), without parsing a ``UUID``."""
    if len(stored) == 32 and stored == stored.lower():
        return f"{stored[:8]}-{stored[8:12]}-{stored[12:16]}-{stored[16:20]}-{stored[20:]}"
    return str(UUID(stored))


def row_records(
    app: TimelineApp, rows: Iterable[tuple[int, str, int, str, bytes]]
) -> list[EventRecord]:
    """:func:`records` for the plain rows of ``notification_rows`` (position, stored
    originator id, version, topic, state): the same records, without building a
    ``Notification`` and a ``UUID`` per event. Anything the short cut of
    :func:`fast_record` does not take goes through the library's mapper as before."""
    plain = not app.mapper.cipher and not app.mapper.compressor
    found = []
    for position, stored_id, version, topic, state in rows:
        if not isinstance(state, bytes):
            state = bytes(state)
        if plain and state.count(_MARKER) == 1:
            qualname, class_version = _topic(topic)
            payload: dict[str, Any] = orjson.loads(state)
            if payload.pop("class_version", 1) == class_version:
                recorded_at = _stamp(payload.pop("timestamp", None))
                if recorded_at is not None:
                    payload.pop("originator_topic", None)
                    payload.pop("originator_id", None)
                    payload.pop("originator_version", None)
                    found.append(
                        EventRecord(
                            position=position,
                            originator_id=_uuid_text(stored_id),
                            originator_version=version,
                            type=qualname,
                            recorded_at=recorded_at,
                            payload=payload,
                        )
                    )
                    continue
        from eventsourcing.persistence import Notification  # only off the short cut

        notification = Notification(
            id=position,
            originator_id=UUID(stored_id),
            originator_version=version,
            topic=topic,
            state=state,
        )
        found.append(to_record(app, notification))
    return found


def pages(
    app: TimelineApp, since: int, *, batch: int, stop: int | None = None
) -> Iterator[tuple[int, list[EventRecord]]]:
    """The log's events after position ``since`` (up to ``stop``) as records, ``batch`` at
    a time, each page with its last position. Through the recorder's plain rows when it
    has them (the SQLite recorder), else through ``select_notifications``."""
    select = getattr(app.recorder, "notification_rows", None)
    if select is None:
        for page in app.notifications(since, batch=batch, stop=stop):
            yield page[-1].id, records(app, page)
        return
    start = since + 1
    while True:
        rows = select(start, batch, stop)
        if not rows:
            return
        last = int(rows[-1][0])
        yield last, row_records(app, rows)
        start = last + 1
