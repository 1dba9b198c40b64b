"""Untrusted article text never controls the terminal: escapes are stripped, markup shows
literally, and JSON carries the original text with every control character escaped.

The end-to-end checks run the real console script on tests/data/hostile.yaml, once with
stdout piped (no TTY) and once with FORCE_COLOR=1 and TERM=xterm-256color, where rich emits
its own SGR colour codes and nothing else may appear.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from support import HOSTILE, clean_env, console_script

from timeline.cli import cli
from timeline.dispatch import load_dispatch
from timeline.text import clean, dumps

DISPATCH = load_dispatch(HOSTILE)
DEVELOPMENT = DISPATCH.developments[0]
HOSTILE_ACTOR = DEVELOPMENT.actors[1]  # "Ministry \x1b]52;c;...\x07 \u202eevil..."

#: Characters that must never reach a terminal raw: ESC, BEL, C1 CSI, bidi controls.
RAW_CONTROLS = ["\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\u2066", "\u2069"]
SGR = re.compile(r"\x1b\[[0-9;]*m")

#: (name, argv, shows article text), run through the console script in a subprocess.
COMMANDS: list[tuple[str, list[str], bool]] = [
    ("show-conflict", ["show", "--conflict", "hostile-test"], True),
    ("show-actor", ["show", "--actor", HOSTILE_ACTOR], True),
    ("conflicts", ["conflicts"], True),
    ("countries", ["countries"], False),
    ("actors", ["actors"], True),
    ("log", ["log"], False),
]
#: More commands that print article text, run in-process (CliRunner) to keep the suite fast.
IN_PROCESS: list[tuple[str, list[str]]] = [
    ("show-country", ["show", "--country", "ARM"]),
    ("replay", ["replay", "--as-of", "2022-09-30", "--conflict", "hostile-test"]),
    ("history", ["history", "hostile-clash"]),
    ("figures", ["figures", "--conflict", "hostile-test"]),
    ("diff", ["diff", "--from", "2022-09-01", "--to", "2022-09-30"]),
]
MODES = {
    "piped": {},
    "forced-colour": {"FORCE_COLOR": "1", "TERM": "xterm-256color"},
}


def _run(
    argv: list[str], home: Path, user_home: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(console_script()), *argv, "--home", str(home)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        # A wide terminal, so that rich never wraps inside the tokens the tests look for.
        env=clean_env(HOME=str(user_home), COLUMNS="300", **env),
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str], Any]]:
    """Ingest the hostile fixture, then run every command in every mode, in parallel.

    Each run gets its own copy of the warmed-up home: concurrent opens of one read-model file
    can fail with "database is locked" (a separate bug, tested in test_projections.py).
    """
    root = tmp_path_factory.mktemp("hostile")
    home, user_home = root / "home", root / "user"
    ingested = _run(["ingest", str(HOSTILE)], home, user_home)
    warmed = _run(["conflicts"], home, user_home)  # creates and catches up the read models
    jobs: dict[tuple[str, str], tuple[list[str], dict[str, str]]] = {}
    for name, argv, _ in COMMANDS:
        for mode, env in MODES.items():
            jobs[(mode, name)] = (argv, env)
            jobs[(f"json-{mode}", name)] = ([*argv, "--json"], env)
    homes = {}
    for n, key in enumerate(jobs):
        homes[key] = root / f"home-{n}"
        shutil.copytree(home, homes[key])
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = {
            key: pool.submit(_run, argv, homes[key], user_home, **env)
            for key, (argv, env) in jobs.items()
        }
        results: dict[tuple[str, str], Any] = {k: f.result() for k, f in futures.items()}
    results[("ingest", "ingest")] = ingested
    results[("warm", "conflicts")] = warmed
    results[("home", "home")] = home
    yield results


def _assert_no_raw_controls(text: str, *, allow_sgr: bool) -> None:
    if allow_sgr:
        text = SGR.sub("", text)
    for char in RAW_CONTROLS:
        assert char not in text, f"raw {char!r} in output"


def test_ingest_output_is_clean(outputs: dict[tuple[str, str], Any]) -> None:
    result = outputs[("ingest", "ingest")]
    assert result.returncode == 0, result.stderr
    _assert_no_raw_controls(result.stdout + result.stderr, allow_sgr=False)


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize(("name", "argv", "textual"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_terminal_output_has_no_control_sequences_from_the_input(
    outputs: dict[tuple[str, str], Any], mode: str, name: str, argv: list[str], textual: bool
) -> None:
    result = outputs[(mode, name)]
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = result.stdout + result.stderr
    assert "\x1b]52" not in out  # no clipboard write
    assert "\x1b[31mRED" not in out and "\x1b[5m" not in out  # the input's own SGR codes
    _assert_no_raw_controls(out, allow_sgr=mode == "forced-colour")
    if mode == "piped":
        assert "\x1b" not in out
    if textual:
        # Markup and emoji codes are shown literally, never interpreted.
        assert "[bold red]boom[/]" in out
        assert ":smile:" in out
        assert "😄" not in out


def test_forced_colour_really_is_on(outputs: dict[tuple[str, str], Any]) -> None:
    # Otherwise the forced-colour runs would prove nothing beyond the piped ones.
    assert SGR.search(outputs[("forced-colour", "show-conflict")].stdout)


def test_show_renders_every_hostile_field_literally(outputs: dict[tuple[str, str], Any]) -> None:
    out = outputs[("piped", "show-conflict")].stdout
    for literal in ("[link=http://x]x[/link]", "<script>alert(1)</script>", "Place", "Disputer"):
        assert literal in out
    assert "]52;c;ZXZpbA==" in out  # the payload survives as inert text, without its ESC


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize(("name", "argv", "textual"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_json_escapes_controls_and_keeps_the_original_text(
    outputs: dict[tuple[str, str], Any], mode: str, name: str, argv: list[str], textual: bool
) -> None:
    result = outputs[(f"json-{mode}", name)]
    assert result.returncode == 0, result.stderr
    _assert_no_raw_controls(result.stdout, allow_sgr=False)
    document = json.loads(result.stdout)
    if textual:
        assert "\\u001b" in result.stdout
    if name == "show-conflict":
        (development,) = document["developments"]
        assert development["summary"] == DEVELOPMENT.summary
        assert development["quote"] == DEVELOPMENT.quote
        assert development["actors"] == list(DEVELOPMENT.actors)
        assert development["places"][0]["name"] == DEVELOPMENT.places[0].name
        assert development["claim"]["asserted_by"] == list(DEVELOPMENT.claim.asserted_by)
        assert development["figures"][0]["claimant"] == DEVELOPMENT.figures[0].claimant
    if name == "show-actor":
        assert document["title"] == HOSTILE_ACTOR
    if name == "conflicts":
        (conflict,) = document
        assert conflict["name"] == DISPATCH.conflicts[0].name
        assert conflict["aliases"] == list(DISPATCH.conflicts[0].aliases)
    if name == "actors":
        names = {row["actor"] for row in document}
        assert set(DEVELOPMENT.actors) | set(DEVELOPMENT.claim.asserted_by) <= names


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize(("name", "argv"), IN_PROCESS, ids=[c[0] for c in IN_PROCESS])
def test_more_commands_in_process(
    outputs: dict[tuple[str, str], Any], tmp_path: Path, mode: str, name: str, argv: list[str]
) -> None:
    home = tmp_path / "home"
    shutil.copytree(outputs[("home", "home")], home)
    env = {"COLUMNS": "300", **MODES[mode]}
    for args in (argv, [*argv, "--json"]):
        result = CliRunner().invoke(cli, [*args, "--home", str(home)], env=env)
        assert result.exit_code == 0, result.output
        assert result.exception is None
        _assert_no_raw_controls(result.output, allow_sgr=mode == "forced-colour")
        if "--json" in args:
            json.loads(result.stdout)
            assert "\\u001b" in result.stdout
        else:
            assert "[bold red]boom[/]" in result.output
            if mode == "piped":
                assert "\x1b" not in result.output


def test_error_messages_about_hostile_input_are_clean(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        HOSTILE.read_text(encoding="utf-8").replace(
            "kind: armed_clash", 'kind: "\\e]52;c;ZXZpbA==\\a\\u202e"'
        ),
        encoding="utf-8",
    )
    for env in MODES.values():
        result = _run(["ingest", str(bad)], tmp_path / "home", tmp_path / "user", **env)
        assert result.returncode == 3
        assert "developments[0].kind" in result.stderr
        _assert_no_raw_controls(result.stdout + result.stderr, allow_sgr=bool(env))
        missing = _run(
            ["show", "--actor", "\x1b]52;c;ZXZpbA==\x07"],
            tmp_path / "home",
            tmp_path / "user",
            **env,
        )
        assert missing.returncode == 5
        assert "no actor named" in missing.stderr
        _assert_no_raw_controls(missing.stdout + missing.stderr, allow_sgr=bool(env))


# --- the helpers themselves -------------------------------------------------------------------


def test_clean_strips_controls_and_keeps_markup() -> None:
    assert clean(DEVELOPMENT.summary) == (
        "Clash [31mRED [0m ]52;c;ZXZpbA== 31m [bold red]boom[/] [link=http://x]x[/link] "
        ":smile: evil iso <script>alert(1)</script>"
    )
    assert clean(None) == ""
    assert clean("two\nlines\tand\r\nbreaks") == "two lines and breaks"


@given(st.text())
def test_clean_never_leaves_a_control_character(text: str) -> None:
    cleaned = clean(text)
    assert not any(
        ord(c) < 0x20
        or 0x7F <= ord(c) <= 0x9F
        or c
        in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029\ufeff"
        for c in cleaned
    )
    assert clean(cleaned) == cleaned


@given(
    st.recursive(
        st.text() | st.integers() | st.none(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=10,
    )
)
def test_dumps_round_trips_and_escapes_controls(value: Any) -> None:
    text = dumps(value)
    assert json.loads(text) == value
    assert not any(ord(c) < 0x20 and c != "\n" for c in text)
    for char in ("\x1b", "\x07", "\x9b", "\x85", "\u202e", "\u2066", "\u2028", "\ufeff"):
        assert char not in text
