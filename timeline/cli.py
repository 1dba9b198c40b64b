"""The ``timeline`` command line: one click group, and errors turned into messages.

Library errors (``TimelineError``) become a one-line message on stderr and a non-zero exit
code here, at the edge, and nowhere else.
"""

from __future__ import annotations

import os
import sys

import click

from timeline import render
from timeline.commands import (
    actor,
    audit,
    browse,
    extract,
    guide,
    imports,
    ingest,
    intake,
    report,
    watch,
)
from timeline.commands.options import global_options
from timeline.errors import TimelineError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="news-timeline")
@global_options
def cli(home: object, store: object) -> None:
    """An event-sourced news timeline: what happened, who said so, and what was known when.

    Developments reported in the news are appended to an immutable event log; read models
    give per-conflict, per-country and per-actor timelines, as known at any date.

    --home and --store may come before the command or after it. Documentation is
    bundled: timeline docs lists the topics, timeline docs TOPIC prints one.

    Example: timeline demo
    """


for command in (
    intake.demo,
    ingest.ingest,
    imports.import_group,
    extract.extract,
    browse.show,
    browse.replay,
    browse.figures,
    audit.history,
    audit.diff,
    browse.conflicts,
    browse.countries,
    browse.actors,
    actor.actor,
    audit.log,
    watch.watch,
    audit.rebuild,
    audit.verify,
    intake.revise_figure,
    intake.correct,
    intake.retract,
    intake.dispute,
    intake.corroborate,
    intake.merge,
    report.report,
    report.feed,
    report.serve,
    guide.docs,
    guide.completion,
):
    cli.add_command(command)


def main() -> None:
    """Console-script entry point: run the CLI and turn errors into messages and exit codes."""
    try:
        cli.main(standalone_mode=False)
    except TimelineError as exc:
        render.make_console(stderr=True).print(render.safe(f"error: {exc}"), soft_wrap=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # the edge: never show a traceback unless asked
        if os.environ.get("TIMELINE_DEBUG"):
            raise
        argument = _undecodable_argument(exc)
        if argument is not None:
            render.make_console(stderr=True).print(
                render.safe(f"error: an argument is not UTF-8 text: {argument}"), soft_wrap=True
            )
            sys.exit(2)
        render.make_console(stderr=True).print(
            render.safe(
                f"internal error: {type(exc).__name__}: {exc} "
                "(set TIMELINE_DEBUG=1 for a traceback)"
            ),
            soft_wrap=True,
        )
        sys.exit(70)


def _undecodable_argument(exc: Exception) -> str | None:
    """The command-line argument, shown as bytes, when ``exc`` is a value from argv that was
    not UTF-8: Python keeps such bytes as lone surrogates (U+DC80-U+DCFF), which SQLite and
    every encoder refuse. A usage error, like the checks on dispatch text; None otherwise."""
    if not isinstance(exc, UnicodeEncodeError) or not isinstance(exc.object, str):
        return None
    bad = exc.object[exc.start : exc.end]
    for argument in sys.argv[1:]:
        if bad and bad in argument:
            return repr(os.fsencode(argument))
    return None
