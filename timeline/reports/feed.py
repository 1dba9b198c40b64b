"""The change feed: the event log as JSON Lines, resumable by position.

Each line is one event (schema ``timeline/schemas/feed.schema.json``)::

    {"feed_version": 1, "position": 12, "type": "Development.Reported",
     "originator_id": "...", "originator_version": 1, "recorded_at": "...Z",
     "payload": {...}}

Events come in global log order, strictly increasing ``position``. A consumer that saw
position P resumes with ``--since P`` and gets exactly the events after P: no gap, no
duplicate. Events are decoded through the eventsourcing application's mapper.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # not at run time: report and serve import this module, and need no app
    from timeline.application import TimelineApp

FEED_VERSION = 1
_ENVELOPE = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})


def recorded(moment: datetime) -> str:
    """A system time in UTC with its microseconds: ``2022-09-13T12:00:00.123456Z``."""
    text = moment.astimezone(UTC).isoformat(timespec="microseconds")
    return text.removesuffix("+00:00") + "Z"


def line(app: TimelineApp, notification: Any) -> dict[str, Any]:
    """One feed object for one stored event."""
    logged = app.decode(notification)
    payload = {k: v for k, v in vars(logged.event).items() if k not in _ENVELOPE}
    return {
        "feed_version": FEED_VERSION,
        "position": logged.position,
        "type": logged.type,
        "originator_id": str(logged.originator_id),
        "originator_version": logged.originator_version,
        "recorded_at": recorded(logged.recorded_at),
        "payload": payload,
    }


def follow(
    app: TimelineApp,
    since: int,
    *,
    keep_following: bool = False,
    limit: int | None = None,
    idle_exit: float | None = None,
    interval: float = 0.5,
    stopped: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], None] = time.sleep,
    batch: int = 500,
) -> Iterator[dict[str, Any]]:
    """Yield feed objects after position ``since``.

    Without ``keep_following`` it stops at the end of the log. With it, it polls the
    recorder every ``interval`` seconds for new events, until ``stopped()`` is true,
    ``limit`` events were yielded, or nothing new arrived for ``idle_exit`` seconds.
    """
    position = since
    sent = 0
    idle_since = time.monotonic()
    while not stopped():
        for page in app.notifications(position, batch=batch):
            for notification in page:
                yield line(app, notification)
                position = notification.id
                sent += 1
                if limit is not None and sent >= limit:
                    return
                if stopped():
                    return
            idle_since = time.monotonic()
        if not keep_following:
            return
        if idle_exit is not None and time.monotonic() - idle_since >= idle_exit:
            return
        sleep(interval)
