"""``timeline actor``: define actors and give them aliases, affiliations and new names.

Each command appends events through the same validation and atomic append as a dispatch
file's ``actors:`` section (see docs/actors.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from timeline import render
from timeline.actors.registry import KINDS, RELATIONS
from timeline.commands.options import echo_json, home_options, json_option, open_session
from timeline.dispatch import parse_actor_entries


@click.group()
def actor() -> None:
    """Define actors, and give actors (your own or the built-in registry's) aliases,
    affiliations and new names. See `timeline actors` for what the log names, and
    `timeline docs actors` for how names resolve.

    Example: timeline actor alias arm-security-council "Armenian NSC"
    """


def _record(
    home: Path | None, store: str | None, command: str, entry: dict[str, Any], as_json: bool
) -> None:
    source = f"timeline actor {command}"
    drafts = parse_actor_entries([entry], source)
    with open_session(home, store) as session:
        appended = session.app.record_actors(source, drafts)
    _report(command, entry["id"], appended, as_json)


def _report(command: str, slug: str, appended: int, as_json: bool) -> None:
    if as_json:
        echo_json(
            {
                "action": command,
                "actor": slug,
                "events": appended,
                "status": "appended" if appended else "skipped",
            }
        )
        return
    message = f"appended {appended} events" if appended else "already known, nothing appended"
    render.make_console().print(render.safe(f"{command} {slug}: {message}"), soft_wrap=True)


def _affiliation(
    target: str, relation: str, valid_from: str | None, valid_to: str | None
) -> dict[str, Any]:
    entry: dict[str, Any] = {"actor": target, "relation": relation}
    if valid_from is not None:
        entry["from"] = valid_from
    if valid_to is not None:
        entry["to"] = valid_to
    return entry


@actor.command()
@click.argument("actor_id", metavar="ID")
@click.option("--name", required=True, help="The display name.")
@click.option("--kind", required=True, type=click.Choice(list(KINDS)), help="The kind of actor.")
@click.option("--country", metavar="ISO3", help="The country it belongs to (ISO alpha-3).")
@click.option("--alias", "aliases", multiple=True, help="Another name news uses (repeatable).")
@click.option("--speaks-for", metavar="ID", help="The actor it speaks for (a side or organ).")
@click.option("--from", "valid_from", metavar="DATE", help="Speaks for it from DATE (occurred).")
@click.option("--to", "valid_to", metavar="DATE", help="... until DATE (exclusive).")
@home_options
@json_option
def define(
    actor_id: str,
    name: str,
    kind: str,
    country: str | None,
    aliases: tuple[str, ...],
    speaks_for: str | None,
    valid_from: str | None,
    valid_to: str | None,
    home: Path | None,
    store: str | None,
    as_json: bool,
) -> None:
    """Define a new actor with a stable ID (lower-case letters, digits and '-').

    Example: timeline actor define armen-grigoryan --name "Armen Grigoryan" --kind official
    --country ARM --speaks-for arm-security-council --from 2018-05-11
    """
    entry: dict[str, Any] = {"id": actor_id, "name": name, "kind": kind}
    if country:
        entry["country"] = country.upper()
    if aliases:
        entry["aliases"] = list(aliases)
    if speaks_for:
        entry["affiliations"] = [_affiliation(speaks_for, "speaks_for", valid_from, valid_to)]
    elif valid_from or valid_to:
        raise click.UsageError("--from and --to need --speaks-for")
    _record(home, store, "define", entry, as_json)


@actor.command()
@click.argument("actor_id", metavar="ID")
@click.argument("aliases", metavar="ALIAS...", nargs=-1, required=True)
@home_options
@json_option
def alias(
    actor_id: str, aliases: tuple[str, ...], home: Path | None, store: str | None, as_json: bool
) -> None:
    """Give an actor more names. Every development that uses one of them, already in the
    log or later, then resolves to that actor.

    Example: timeline actor alias arm-security-council "Armenian NSC"
    """
    _record(home, store, "alias", {"id": actor_id, "aliases": list(aliases)}, as_json)


@actor.command()
@click.argument("actor_id", metavar="ID")
@click.argument("target", metavar="TARGET")
@click.option(
    "--relation",
    type=click.Choice(RELATIONS),
    default="speaks_for",
    show_default=True,
    help="How ID relates to TARGET.",
)
@click.option("--from", "valid_from", metavar="DATE", help="From DATE (occurred time).")
@click.option("--to", "valid_to", metavar="DATE", help="Until DATE (exclusive).")
@home_options
@json_option
def affiliate(
    actor_id: str,
    target: str,
    relation: str,
    valid_from: str | None,
    valid_to: str | None,
    home: Path | None,
    store: str | None,
    as_json: bool,
) -> None:
    """Record that ID speaks for (or is part of) TARGET while it held, in occurred time.

    Example: timeline actor affiliate nikol-pashinyan arm-government --from 2018-05-08
    """
    entry = {
        "id": actor_id,
        "affiliations": [_affiliation(target, relation, valid_from, valid_to)],
    }
    _record(home, store, "affiliate", entry, as_json)


@actor.command()
@click.argument("actor_id", metavar="ID")
@click.argument("name")
@home_options
@json_option
def rename(actor_id: str, name: str, home: Path | None, store: str | None, as_json: bool) -> None:
    """Give an actor a new display name; the old name stays an alias.

    Example: timeline actor rename kgz-border-service "Border Service of Kyrgyzstan"
    """
    with open_session(home, store) as session:
        appended = session.app.rename_actor("timeline actor rename", actor_id, name.strip())
    _report("rename", actor_id, appended, as_json)
