"""The news-timeline Datasette plugin (registered under Datasette's ``datasette`` entry
point, so any Datasette installed beside news-timeline loads it; ``timeline serve`` too).

* **One date rule.** A canned query's ``as_of`` is read as the CLI reads ``--as-of``
  (:func:`timeline.dates.parse_instant` with a bare date meaning the end of that day, no
  zone meaning UTC) before the query runs: ``14 Sep 2022`` becomes
  ``2022-09-14T23:59:59Z``. A date it cannot read is refused with HTTP 400 and a message
  saying why, instead of silently matching nothing.
* **Sides.** ``timeline_sides(asserted_by_json, when)`` gives the JSON array of the sides
  the asserting voices speak for at ``when`` (the actor registry with the log's actors), so
  the ``current_developments`` view can be faceted by side.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Awaitable, Callable
from html import escape
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl as _hookimpl
from sqlite_utils import Database

from timeline.dates import parse_instant
from timeline.errors import TimelineError

F = TypeVar("F", bound=Callable[..., Any])
hookimpl: Callable[[F], F] = _hookimpl

#: Canned queries whose ``as_of`` parameter is a knowledge time.
AS_OF_QUERIES = frozenset({"conflict_timeline_as_of"})

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def knowledge_time(value: str) -> str:
    """The CLI's rule: a bare date is the end of that day; no zone means UTC."""
    return parse_instant(value, date_means="end").iso


def _sides_function(conn: sqlite3.Connection) -> Callable[[str | None, str | None], str]:
    from projections.actors import resolver

    names = resolver(Database(conn))

    def sides(asserted_by: str | None, when: str | None) -> str:
        voices = json.loads(asserted_by or "[]")
        found = list(dict.fromkeys(names.voice(v, when).side_name for v in voices))
        return json.dumps(found, ensure_ascii=False)

    return sides


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    try:
        is_timeline = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'development_versions'"
        ).fetchone()
    except sqlite3.Error:
        return
    if is_timeline:
        conn.create_function("timeline_sides", 2, _sides_function(conn), deterministic=True)


async def _refuse(scope: Scope, send: Send, message: str) -> None:
    if scope.get("path", "").endswith(".json"):
        body = json.dumps({"ok": False, "error": message, "status": 400}).encode()
        kind = b"application/json; charset=utf-8"
    else:
        body = (
            "<!DOCTYPE html><html><head><title>Cannot read the date</title></head><body>"
            f"<h1>Cannot read the date</h1><p>{escape(message)}</p></body></html>"
        ).encode()
        kind = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 400,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _with_knowledge_times(app: App) -> App:
    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") == "http":
            name = scope.get("path", "").rstrip("/").rsplit("/", 1)[-1].split(".")[0]
            if name in AS_OF_QUERIES:
                raw = scope.get("query_string", b"").decode("utf-8", "replace")
                fixed = []
                for key, value in parse_qsl(raw, keep_blank_values=True):
                    if key == "as_of" and value.strip():
                        try:
                            value = knowledge_time(value)
                        except TimelineError as exc:
                            await _refuse(scope, send, f"as_of: {exc}")
                            return
                    fixed.append((key, value))
                scope = {**scope, "query_string": urlencode(fixed).encode()}
        await app(scope, receive, send)

    return wrapped


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[App], App]:
    return _with_knowledge_times
