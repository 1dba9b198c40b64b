"""``timeline watch``: follow new developments live in the terminal.

On SQLite the recorder has no subscriptions, so the log is polled (every ``--interval``
seconds). On PostgreSQL the library NOTIFYs a channel on every append; watch LISTENs on it
and wakes at once, polling only as a fallback, so a new event shows within a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import click

from projections import queries
from timeline import render, serialize
from timeline.commands.bounds import IDLE_EXIT, POLL_INTERVAL, POSITION
from timeline.commands.options import echo_json, home_options, json_option, open_session
from timeline.session import Session
from timeline.store import postgres_connect_kwargs, postgres_env


@contextmanager
def _waiter(session: Session) -> Iterator[Callable[[float], None]]:
    """A function that returns when the log may have grown (a NOTIFY) or after ``timeout``."""
    store = session.home.store_url
    if urlparse(store).scheme not in ("postgresql", "postgres"):
        yield time.sleep
        return
    import psycopg

    channel = getattr(session.app.recorder, "channel_name", "stored_events")
    # The engine's own reading of the URL: its libpq parameters, without ?schema= (which
    # libpq does not know and refuses).
    with psycopg.connect(**postgres_connect_kwargs(postgres_env(store)), autocommit=True) as conn:
        conn.execute(f'LISTEN "{channel}"')

        def wait(timeout: float) -> None:
            for _ in conn.notifies(timeout=timeout, stop_after=1):
                pass

        yield wait


@click.command()
@click.option("--conflict", metavar="ID", help="Only developments of this conflict.")
@click.option(
    "--interval",
    type=POLL_INTERVAL,
    default=0.5,
    show_default=True,
    help="Seconds between polls (on PostgreSQL, the longest wait between NOTIFYs).",
)
@click.option(
    "--idle-exit",
    type=IDLE_EXIT,
    default=None,
    metavar="SECONDS",
    help="Stop after this many seconds without new events (for scripts and tests).",
)
@click.option(
    "--since",
    type=POSITION,
    default=None,
    metavar="POSITION",
    help="Start after this log position (default: the current end of the log).",
)
@home_options
@json_option
def watch(
    conflict: str | None,
    interval: float,
    idle_exit: float | None,
    since: int | None,
    home: Path | None,
    store: str | None,
    as_json: bool,
) -> None:
    """Follow new developments live, as they are appended by any process.

    Each new or revised development is printed as it arrives (JSON Lines with --json).
    Stop with Ctrl-C.

    Example: timeline watch --conflict armenia-azerbaijan
    """
    console = render.make_console()
    with open_session(home, store) as session:
        views = session.fresh_views()
        if conflict:
            queries.conflict(views.db, conflict)
        position = session.app.max_position() if since is None else since
        if not as_json:
            console.print(render.safe(f"Watching after log position {position}; Ctrl-C stops."))
        idle_since = time.monotonic()
        with _waiter(session) as wait, suppress(KeyboardInterrupt):
            while idle_exit is None or time.monotonic() - idle_since < idle_exit:
                latest = session.app.max_position()
                if latest > position:
                    views.catch_up()
                    _show_new(session, views.db, position, latest, conflict, as_json, console)
                    position = latest
                    idle_since = time.monotonic()
                elif idle_exit is None:
                    wait(interval)
                else:
                    remaining = idle_exit - (time.monotonic() - idle_since)
                    wait(max(0.0, min(interval, remaining)))


def _show_new(
    session: Session,
    db: Any,
    after: int,
    upto: int,
    conflict: str | None,
    as_json: bool,
    console: Any,
) -> None:
    touched = {
        str(e.originator_id)
        for page in session.app.notifications(after, stop=upto)
        for e in page
        if ":Development." in e.topic
    }
    for development_id in sorted(touched):
        current = queries.versions(db, development_id)[-1]
        if conflict and conflict not in current["conflicts"]:
            continue
        if as_json:
            echo_json(
                {"position": upto, "development": serialize.development(current)}, indent=None
            )
        else:
            console.print(render.development_lines(current))
