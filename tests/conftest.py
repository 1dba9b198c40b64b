"""Shared fixtures: fixture paths, isolated data homes, CLI runners and a dispatch factory.

Every data directory lives under pytest's ``tmp_path``; the autouse ``_isolated_env`` fixture
also points ``HOME`` and ``XDG_DATA_HOME`` at temporary directories and clears
``TIMELINE_HOME``/``TIMELINE_STORE``, so nothing here can reach the real per-user data.
"""

from __future__ import annotations

import copy
import itertools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

_TESTS = Path(__file__).resolve().parent

# No property test fails because the machine is slow: Hypothesis's per-example deadline
# (200 ms) is off for the whole suite. A first example that pays for a cold cache or a
# garbage collection (469 ms once for a four-millisecond example) says nothing about the
# behaviour under test; speed is measured in benchmarks/, never asserted.
settings.register_profile("timeline", deadline=None)
settings.load_profile("timeline")

# tests/timeline and tests/projections mirror the package names. Under pytest's default
# "prepend" import mode the tests directory goes first on sys.path, where those folders would
# shadow an editable install's packages as namespace packages (this happens when pytest is run
# as `pytest` rather than `python -m pytest`). Import the real packages while the tests
# directory is off the path; later imports find them in sys.modules.
_saved_path = sys.path[:]
sys.path[:] = [p for p in sys.path if Path(p or os.curdir).resolve() != _TESTS]
try:
    import projections.runner  # noqa: F401
    import timeline.cli  # noqa: F401
finally:
    sys.path[:] = _saved_path

from click.testing import CliRunner, Result  # noqa: E402
from support import (  # noqa: E402
    KG,
    REPO_ROOT,
    SEED,
    VOLATILE_ENV,
    clean_env,
    console_script,
    minimal_dispatch,
    open_app,
    write_document,
)

from timeline.application import TimelineApp  # noqa: E402
from timeline.cli import cli  # noqa: E402
from timeline.dispatch import load_dispatch  # noqa: E402
from timeline.session import Session  # noqa: E402
from timeline.store import resolve_home  # noqa: E402


@pytest.fixture(scope="session")
def _shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One user cache directory for the whole run: the compiled actor registry is built once,
    not once per test (and never left inside a test's own directory)."""
    return tmp_path_factory.mktemp("user-cache")


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _shared_cache: Path) -> None:
    for name in VOLATILE_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "user-home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-home" / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_shared_cache))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def seed_dispatch() -> Path:
    return SEED


@pytest.fixture(scope="session")
def kg_dispatch() -> Path:
    return KG


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def app(home: Path) -> Iterator[TimelineApp]:
    application = open_app(home)
    yield application
    application.close()


@pytest.fixture(scope="session")
def _populated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home with both real fixtures ingested and the read models caught up, built once."""
    path = tmp_path_factory.mktemp("populated") / "home"
    with Session(resolve_home(path)) as session:
        for dispatch in (SEED, KG):
            session.app.ingest(load_dispatch(dispatch))
        session.fresh_views()
    return path


@pytest.fixture
def populated_home(_populated_template: Path, tmp_path: Path) -> Path:
    """A private copy of a home holding both real fixtures, read models caught up."""
    path = tmp_path / "populated"
    shutil.copytree(_populated_template, path)
    return path


_DEFAULT = object()
RunCli = Callable[..., Result]


@pytest.fixture
def run_cli(home: Path) -> RunCli:
    """Invoke ``timeline COMMAND ARGS --home HOME`` through click's CliRunner.

    ``home=`` picks another data directory, ``home=None`` leaves ``--home`` off. The width is
    pinned to 80 columns (COLUMNS=80) so output does not depend on the terminal running pytest.
    """

    def invoke(
        command: str, *args: str, home: Any = _DEFAULT, env: Mapping[str, str] | None = None
    ) -> Result:
        chosen = default_home if home is _DEFAULT else home
        argv = [command, *args]
        if chosen is not None:
            argv += ["--home", str(chosen)]
        return CliRunner().invoke(cli, argv, env={"COLUMNS": "80", **(env or {})})

    default_home = home
    return invoke


@pytest.fixture(scope="session")
def timeline_script() -> Path:
    return console_script()


RunScript = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def run_script(timeline_script: Path, tmp_path: Path) -> RunScript:
    """Run the real console script in a subprocess: stdout and stderr piped (no TTY)."""

    def run(
        argv: Sequence[str], *, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(timeline_script), *argv],
            capture_output=True,
            text=True,
            encoding="utf-8",
            stdin=subprocess.DEVNULL,
            env=clean_env(HOME=str(tmp_path / "user-home"), **(env or {})),
            timeout=60,
            check=False,
        )

    return run


MakeDispatch = Callable[..., Path]


@pytest.fixture
def make_dispatch(tmp_path: Path) -> MakeDispatch:
    """Write :func:`support.minimal_dispatch` with overrides and return its path.

    ``make_dispatch(mutate=fn, name="x.json", report={...})``: keyword overrides replace whole
    top-level sections; ``mutate`` edits the document in place for deeper changes. A ``.json``
    name writes JSON, anything else YAML.
    """
    counter = itertools.count()
    folder = tmp_path / "dispatches"
    folder.mkdir()

    def make(
        mutate: Callable[[dict[str, Any]], None] | None = None,
        *,
        name: str | None = None,
        **overrides: Any,
    ) -> Path:
        document = minimal_dispatch()
        document.update(copy.deepcopy(overrides))
        if mutate is not None:
            mutate(document)
        return write_document(folder / (name or f"dispatch-{next(counter)}.yaml"), document)

    return make


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on 127.0.0.1 for the whole session (admin URL)."""
    from postgres_cluster import cluster

    with cluster() as url:
        yield url
