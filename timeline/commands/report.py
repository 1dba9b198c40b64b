"""Downstream outputs: write a report in a format, follow the log, serve the read models."""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import json
import os
import signal
import socket
import stat
import sys
import tempfile
from pathlib import Path
from types import FrameType

import click

from timeline.commands.bounds import COUNT, IDLE_EXIT, POLL_INTERVAL, POSITION
from timeline.commands.options import (
    as_of_option,
    build_query,
    dimension_options,
    home_options,
    open_session,
    progress_bar,
)
from timeline.dates import Instant
from timeline.errors import PortInUseError, StoreError, UsageError
from timeline.reports import FORMATS, RenderOptions, build_document, datasette, render
from timeline.reports import feed as change_feed
from timeline.reports.datapackage import TABLE_SCHEMAS, write_beside
from timeline.text import dumps, escaped


@click.command()
@dimension_options
@as_of_option()
@click.option(
    "--format",
    "format_name",
    type=click.Choice(list(FORMATS)),
    required=True,
    help="md (brief), html (page with chart), json (versioned), csv (one row per "
    "development), acled (ACLED columns), timelinejs (TimelineJS3 JSON), timelinejs-sheet "
    "(Knight Lab's Google Sheets template as CSV).",
)
@click.option(
    "--background-on-scale",
    is_flag=True,
    help="timelinejs, timelinejs-sheet: put background developments and their eras on the "
    "time scale (by default they are listed on the title slide, so decades of history do "
    "not squash the current weeks).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of standard output: atomically (whole or not at all), and "
    "never through a symbolic link.",
)
@home_options
def report(
    conflict: str | None,
    country: str | None,
    actor: str | None,
    side: str | None,
    as_of: Instant | None,
    format_name: str,
    background_on_scale: bool,
    output: Path | None,
    home: Path | None,
    store: str | None,
) -> None:
    """Write a report on a conflict, country or actor, as known at a date, in one format.

    Every format states the knowledge time it was built at, and every development carries
    its occurred interval and precision, reported time and recorded time. Without --as-of:
    as known now, stated as the latest report's time. Each format: timeline docs reports.

    Example: timeline report --conflict armenia-azerbaijan --as-of 2022-09-14 --format html -o brief.html
    """
    query = build_query(conflict, country, actor, side=side, as_of=as_of)
    with open_session(home, store) as session:
        with progress_bar("Catching up") as tick:
            views = session.fresh_views(progress=tick)
        position = min(views.positions().values(), default=0)
        document = build_document(views.db, query, log_position=position)
    text = render(document, format_name, RenderOptions(background_on_scale=background_on_scale))
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomically(output, text)
    click.echo(
        f"wrote {escaped(str(output))} ({format_name}, {len(document.developments)} developments)",
        err=True,
    )
    if format_name in TABLE_SCHEMAS:
        title = f"{document.subject.title}, {format_name}, as known at {document.knowledge_time}"
        try:
            descriptor = write_beside(output, format_name, title)
        except OSError as exc:
            raise StoreError(f"cannot write the data package beside {output}: {exc}") from None
        click.echo(f"wrote {descriptor} (Frictionless Data Package: column types)", err=True)


def write_atomically(output: Path, text: str) -> None:
    """Write ``text`` to ``output`` whole or not at all: a temporary file in the same folder,
    flushed to disk, then renamed over it. A symlink, a directory or a special file at
    ``output`` is refused: the report never writes through a link."""
    shown = escaped(str(output))
    try:
        existing = output.lstat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise StoreError(f"cannot write {shown}: {exc.strerror}") from None
    if existing is not None:
        if stat.S_ISLNK(existing.st_mode):
            raise UsageError(
                f"-o {shown} is a symbolic link: refusing to write through it; give the "
                "target's own path"
            )
        if not stat.S_ISREG(existing.st_mode):
            raise UsageError(f"-o {shown} exists and is not a regular file")
    folder = output.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StoreError(f"cannot write {shown}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, output)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise StoreError(f"cannot write {shown}: {exc.strerror}") from None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


class _Stop:
    """Set by SIGTERM so a following feed ends cleanly between events."""

    def __init__(self) -> None:
        self.requested = False

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True


@click.command()
@click.option(
    "--since",
    type=POSITION,
    default=0,
    show_default=True,
    metavar="POSITION",
    help="Only events after this log position: the last position you saw.",
)
@click.option("--follow", is_flag=True, help="Keep streaming new events as they are appended.")
@click.option("--limit", type=COUNT, default=None, help="Stop after this many events.")
@click.option(
    "--idle-exit",
    type=IDLE_EXIT,
    default=None,
    metavar="SECONDS",
    help="With --follow: stop after SECONDS without a new event.",
)
@click.option(
    "--interval",
    type=POLL_INTERVAL,
    default=0.5,
    show_default=True,
    metavar="SECONDS",
    help="With --follow: how often to poll the log.",
)
@home_options
def feed(
    since: int,
    follow: bool,
    limit: int | None,
    idle_exit: float | None,
    interval: float,
    home: Path | None,
    store: str | None,
) -> None:
    """Write the event log as JSON Lines, one event per line, from a position on.

    Each line has feed_version, position, type, originator_id, originator_version,
    recorded_at and payload. Resume with --since set to the last position you saw: no gap
    and no duplicate. --follow keeps streaming until Ctrl-C, SIGTERM or a closed pipe.

    Example: timeline feed --since 40 --follow --idle-exit 30
    """
    stop = _Stop()
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with open_session(home, store) as session:
            for event in change_feed.follow(
                session.app,
                since,
                keep_following=follow,
                limit=limit,
                idle_exit=idle_exit,
                interval=interval,
                stopped=lambda: stop.requested,
            ):
                click.echo(dumps(event, indent=None))  # click.echo flushes every line
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a follower is meant to stop
    except BrokenPipeError:
        # The reader went away (`timeline feed | head`): stop quietly, and keep Python from
        # complaining when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        signal.signal(signal.SIGTERM, previous)


def check_port(host: str, port: int) -> None:
    """Fail with :class:`PortInUseError` (exit code 10) when ``host:port`` cannot be
    listened on; a free port is released again at once for the server to take."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError) as exc:  # ValueError: a NUL, UnicodeError: a label over 63
        raise PortInUseError(f"cannot listen on {escaped(host)}:{port}: {exc}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            reason = "it is in use" if exc.errno == errno.EADDRINUSE else exc.strerror
            raise PortInUseError(
                f"cannot listen on {escaped(host)}:{port}: {reason}; choose another with --port"
            ) from None


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
@click.option(
    "--allow-sql/--no-sql",
    default=None,
    help="Let visitors run their own read-only SQL. Default: on for a loopback --host, off "
    "otherwise.",
)
@home_options
def serve(
    host: str, port: int, allow_sql: bool | None, home: Path | None, store: str | None
) -> None:
    """Open the read models in Datasette, after catching them up with the log.

    Needs the optional extra: pip install 'news-timeline[serve]'. Tables have titles,
    descriptions, label columns and full-text search; views answer the common questions
    (latest_figures, country_timelines); internal tables are hidden. A port that is in use
    exits with code 10 before anything is served. Each query is limited to 1 s, 1,000 rows
    and values of 1 MB; arbitrary SQL is off unless the host is loopback or --allow-sql is
    given (see: timeline docs reports, on the exposure).

    Example: timeline serve --port 8001
    """
    datasette.require()
    check_port(host, port)  # before any work, and before "Serving at" is printed
    with open_session(home, store) as session:
        with progress_bar("Catching up") as tick:
            views = session.fresh_views(progress=tick)
        meta = datasette.metadata(views.db, session.views_path.stem)
        views_path = session.views_path
    with tempfile.TemporaryDirectory(prefix="timeline-serve-") as folder:
        metadata_path = Path(folder) / "metadata.json"
        metadata_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), "utf-8")
        plugins = datasette.write_limits_plugin(Path(folder))
        sql = _loopback(host) if allow_sql is None else allow_sql
        click.echo(
            f"Serving {escaped(str(views_path))} at http://{escaped(host)}:{port}/ "
            f"({'with' if sql else 'without'} arbitrary SQL; Ctrl-C to stop)",
            err=True,
        )
        datasette.serve(
            views_path, metadata_path, host=host, port=port, plugins_dir=plugins, allow_sql=sql
        )


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"
