"""Start-up stays short: what a command imports, checked in a fresh interpreter (never a timing).

``timeline --help`` imports no command implementation; a usage error imports no store, and
a read of caught-up read models opens no application (see timeline/cli.py and
timeline/session.py). sqlite-utils is imported without pandas and numpy
(projections/__init__.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from timeline.cli import COMMANDS, cli

#: Modules only some commands need: none of them on the way to ``--help``.
HEAVY = (
    "eventsourcing",
    "jsonschema",
    "jsonschema_rs",
    "sqlite_utils",
    "pandas",
    "numpy",
    "datasette",
    "rich",
    "dateutil",
    "yaml",
    "pycountry",
    "plotext",
    "projections",
    "timeline.application",
    "timeline.domain",
    "timeline.dispatch",
    "timeline.session",
    "timeline.reports",
    "timeline.extract",
)

#: What a read of read models already caught up with the log never needs.
APPEND_ONLY = (
    "eventsourcing.application",
    "eventsourcing.persistence",
    "jsonschema",
    "jsonschema_rs",
    "pandas",
    "numpy",
    "timeline.application",
    "timeline.domain",
    "timeline.dispatch",
)

_PROBE = """
import contextlib, io, json, sys
from timeline.cli import main
sys.argv = ["timeline", *json.loads(sys.argv[1])]
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _imported(*argv: str) -> tuple[object, set[str]]:
    """Run the console script's entry point in a fresh interpreter: its exit code and the
    modules it imported."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(argv)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    found = json.loads(done.stdout.splitlines()[-1])
    return found["code"], set(found["modules"])


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules for n in names if m == n or m.startswith(n + "."))


def test_help_imports_no_command_implementation() -> None:
    code, modules = _imported("--help")
    assert code == 0
    assert _loaded(modules, HEAVY) == []
    commands = {m for m in modules if m.startswith("timeline.commands.")}
    assert commands <= {"timeline.commands.options"}


def test_a_usage_error_opens_no_store(tmp_path: Path) -> None:
    code, modules = _imported("show", "--home", str(tmp_path / "empty"))
    assert code == 2
    assert _loaded(modules, (*APPEND_ONLY, "sqlite_utils", "projections")) == []
    assert not (tmp_path / "empty").exists()


def test_a_caught_up_read_opens_no_application(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code, modules = _imported("demo", "--home", str(home))
    assert code == 0
    assert "timeline.application" in modules  # demo appends: it needs the application
    for argv in (
        ("show", "--conflict", "armenia-azerbaijan"),
        ("figures", "--conflict", "armenia-azerbaijan"),
        ("conflicts",),
    ):
        code, modules = _imported(*argv, "--home", str(home))
        assert code == 0, argv
        assert _loaded(modules, APPEND_ONLY) == [], argv


def test_sqlite_utils_comes_without_pandas() -> None:
    probe = (
        "import sys, projections.queries, timeline.reports, timeline.imports; "
        "print(sorted({'pandas', 'numpy', 'sqlite_utils'} & set(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "['sqlite_utils']"


@pytest.mark.parametrize(("name", "module", "attribute", "text"), COMMANDS)
def test_the_command_table_matches_the_commands(
    name: str, module: str, attribute: str, text: str
) -> None:
    """The listing's help of each command, from the table, is the command's own."""
    command = cli.commands[name]
    assert isinstance(command, click.Command)
    assert command.name == name
    assert not command.hidden
    stand_in = click.Command(name, help=text)
    for limit in range(10, 200, 7):
        assert stand_in.get_short_help_str(limit) == command.get_short_help_str(limit)


def test_every_command_module_is_in_the_table() -> None:
    """A command added to a module but not to the table would be missing from the CLI."""
    listed = {(module, attribute) for _, module, attribute, _ in COMMANDS}
    commands = Path(__file__).resolve().parent.parent / "timeline" / "commands"
    for path in sorted(commands.glob("*.py")):
        if path.stem in {"__init__", "options", "bounds"}:
            continue
        assert any(module == path.stem for module, _ in listed), path.name
    assert len({name for name, *_ in COMMANDS}) == len(COMMANDS)


def test_history_reads_the_log_without_the_application(tmp_path: Path) -> None:
    """``history`` reads a development's events from the SQLite file directly: the same
    records as through the library, and no application, dispatch schemas or jsonschema."""
    from timeline.session import Session
    from timeline.store import resolve_home

    home = tmp_path / "home"
    series = Path(__file__).resolve().parent.parent / "fixtures" / "series"
    assert _imported("demo", "--home", str(home))[0] == 0
    assert _imported("ingest", str(series), "--home", str(home))[0] == 0  # revisions
    assert _imported("conflicts", "--home", str(home))[0] == 0  # catches up
    with Session(resolve_home(home, None)) as fast:
        db = fast.fresh_views().db
        ids = [r[0] for r in db.execute("SELECT DISTINCT development_id FROM development_versions")]
        direct = {i: fast.development_events(i) for i in ids}
        assert fast._app is None
    with Session(resolve_home(home, None)) as slow:
        assert slow.app is not None  # opened: the library's mapper decodes
        assert {i: slow.development_events(i) for i in ids} == direct
    assert any(len(events) > 1 for events in direct.values())
    code, modules = _imported("history", ids[0], "--home", str(home))
    assert code == 0
    assert _loaded(modules, ("timeline.application", "timeline.dispatch", "jsonschema")) == []
