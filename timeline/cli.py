"""The ``timeline`` command line: one click group, and errors turned into messages.

Library errors (``TimelineError``) become a one-line message on stderr and a non-zero exit
code here, at the edge, and nowhere else.

Start-up is kept short: the group knows its commands by name (:data:`COMMANDS`: the module
and attribute that define each, and the first paragraph of its help, for ``--help`` and
shell completion) and imports a command's module only when that command runs, so
``timeline --help`` or ``timeline show`` does not import what ``ingest``, ``report`` or
``extract`` need. ``tests/test_startup.py`` checks that the table matches the commands.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING

import click

from timeline.commands.options import global_options
from timeline.errors import TimelineError

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

#: Every command: its name, the module under ``timeline.commands`` and the attribute that
#: define it, and the first paragraph of its help (what ``--help`` and completion show).
COMMANDS: tuple[tuple[str, str, str, str], ...] = (
    (
        "demo",
        "intake",
        "demo",
        "Ingest the seed fixtures into a fresh store of its own and show the "
        "Armenia–Azerbaijan timeline.",
    ),
    (
        "ingest",
        "ingest",
        "ingest",
        "Append the developments and revisions in dispatch files (YAML or JSON) and JSON Lines "
        "archives (*.jsonl, *.ndjson: one dispatch object per line) to the log. A PATH of - "
        "reads one dispatch (YAML or JSON) from standard input.",
    ),
    (
        "import",
        "imports",
        "import_group",
        "Import a snapshot of a conflict dataset (ACLED, UCDP GED) as developments.",
    ),
    (
        "extract",
        "extract",
        "extract",
        "Propose a draft dispatch from a news article (plain text or HTML); ARTICLE may be - "
        "for standard input.",
    ),
    (
        "show",
        "browse",
        "show",
        "Show a timeline, grouped by occurred date, for one conflict, country, actor or side, "
        "as known now or (with --as-of) as known at a date.",
    ),
    (
        "replay",
        "browse",
        "replay",
        "Replay history: show with --as-of required, the timeline exactly as it was known at a "
        "date, with the figures as reported then. Without --conflict, --country, --actor or "
        "--side, every development.",
    ),
    (
        "figures",
        "browse",
        "figures",
        "The latest casualty figure of each side, per party and category, for a conflict, "
        "country, actor or side.",
    ),
    (
        "history",
        "audit",
        "history",
        "Show the whole trail of one development: the first report, every revision, "
        "correction, dispute, corroboration and merge, with reported and recorded times and "
        "sources, and each casualty figure's claimed values over time.",
    ),
    (
        "diff",
        "audit",
        "diff",
        "List what became known after D1 up to D2: new developments, revised figures "
        "(old → new), corrections, retractions, merges, disputes and corroborations.",
    ),
    (
        "conflicts",
        "browse",
        "conflicts",
        "List the conflicts in the log, with development counts, date ranges and a sparkline "
        "of developments first reported per day.",
    ),
    (
        "countries",
        "browse",
        "countries",
        "List the countries that developments name, with counts, date ranges and a sparkline "
        "of developments first reported per day.",
    ),
    (
        "actors",
        "browse",
        "actors",
        "List the actors that developments name or that assert them, grouped by the actor "
        "each name resolves to, with its kind, its side and the spellings the log uses.",
    ),
    (
        "actor",
        "actor",
        "actor",
        "Define actors, and give actors (your own or the built-in registry's) aliases, "
        "affiliations and new names. See `timeline actors` for what the log names, and "
        "`timeline docs actors` for how names resolve.",
    ),
    (
        "log",
        "audit",
        "log",
        "List the raw events in global log order: position, type, originator, recorded time.",
    ),
    (
        "watch",
        "watch",
        "watch",
        "Follow new developments live, as they are appended by any process.",
    ),
    (
        "rebuild",
        "audit",
        "rebuild",
        "Drop every read model and replay the event log from position 0.",
    ),
    (
        "verify",
        "audit",
        "verify",
        "Check that the log is intact and the read models match it.",
    ),
    (
        "revise-figure",
        "intake",
        "revise_figure",
        "Record a claimant's new casualty figure for a development. It supersedes that "
        "claimant's earlier figure from the report's publication time on.",
    ),
    (
        "correct",
        "intake",
        "correct",
        "Correct a development's occurred time, places, kind, countries or summary.",
    ),
    (
        "retract",
        "intake",
        "retract",
        "Record that a report retracted a development. It stays in the log and in history.",
    ),
    (
        "dispute",
        "intake",
        "dispute",
        "Record that a named party disputes a development.",
    ),
    (
        "corroborate",
        "intake",
        "corroborate",
        "Record that another report states the same development (one development, many reports).",
    ),
    (
        "merge",
        "intake",
        "merge",
        "Merge a duplicate development into another. The duplicate leaves the timelines; its "
        "report counts for the survivor; both histories keep everything.",
    ),
    (
        "report",
        "report",
        "report",
        "Write a report on a conflict, country or actor, as known at a date, in one format.",
    ),
    (
        "feed",
        "report",
        "feed",
        "Write the event log as JSON Lines, one event per line, from a position on.",
    ),
    (
        "serve",
        "report",
        "serve",
        "Open the read models in Datasette, after catching them up with the log.",
    ),
    (
        "docs",
        "guide",
        "docs",
        "Print a bundled document (Markdown), or list the topics without TOPIC.",
    ),
    (
        "completion",
        "guide",
        "completion",
        "Print the shell completion script for SHELL (bash, zsh or fish).",
    ),
)


class LazyCommands(MutableMapping[str, click.Command]):
    """The group's commands by name, each imported from its module on first use."""

    def __init__(self, table: tuple[tuple[str, str, str, str], ...]) -> None:
        self.where = {name: (module, attribute) for name, module, attribute, _ in table}
        self.helps = {name: text for name, _, _, text in table}
        self.loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self.loaded:
            module, attribute = self.where[name]
            command = getattr(importlib.import_module(f"timeline.commands.{module}"), attribute)
            assert isinstance(command, click.Command)
            self.loaded[name] = command
        return self.loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self.where.pop(name, None)
        self.helps.pop(name, None)
        self.loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        yield from self.where
        yield from (name for name in self.loaded if name not in self.where)

    def __len__(self) -> int:
        return len(self.where.keys() | self.loaded.keys())

    def __contains__(self, name: object) -> bool:
        return name in self.where or name in self.loaded

    def summary(self, name: str) -> click.Command:
        """The command if it is loaded, else a stand-in with its help (for the listing)."""
        if name in self.loaded or name not in self.helps:
            return self[name]
        return click.Command(name, help=self.helps[name])


class LazyGroup(click.Group):
    """A group that lists its commands without importing them."""

    commands: LazyCommands

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, self.commands.summary(name)) for name in self.list_commands(ctx)]
        rows = [(name, command) for name, command in rows if not command.hidden]
        if not rows:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in rows)
        with formatter.section("Commands"):
            formatter.write_dl(
                [(name, command.get_short_help_str(limit)) for name, command in rows]
            )

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        results = [
            CompletionItem(name, help=command.get_short_help_str())
            for name in self.list_commands(ctx)
            if name.startswith(incomplete)
            for command in (self.commands.summary(name),)
            if not command.hidden
        ]
        results.extend(click.Command.shell_complete(self, ctx, incomplete))
        return results


@click.group(
    cls=LazyGroup,
    commands=LazyCommands(COMMANDS),
    context_settings={"help_option_names": ["-h", "--help"]},
)
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


def _print_error(message: str) -> None:
    from timeline import render

    render.make_console(stderr=True).print(render.safe(message), soft_wrap=True)


def main() -> None:
    """Console-script entry point: run the CLI and turn errors into messages and exit codes."""
    try:
        cli.main(standalone_mode=False)
    except TimelineError as exc:
        _print_error(f"error: {exc}")
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
            _print_error(f"error: an argument is not UTF-8 text: {argument}")
            sys.exit(2)
        _print_error(
            f"internal error: {type(exc).__name__}: {exc} (set TIMELINE_DEBUG=1 for a traceback)"
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
