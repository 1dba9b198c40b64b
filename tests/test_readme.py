"""The README stays true: every ``$ timeline ...`` line in its console blocks is run, in
order, against one fresh data directory, and its output must match what the README shows.

Volatile parts are normalised on both sides: recorded (system) times, which are "now", and
the temporary data directory. Run with ``UPDATE_README=1`` to rewrite the outputs after an
intended change, then review the diff.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
TODAY_DATE = re.compile(r"(?<!\d)20(2[5-9]|[3-9]\d)-\d\d-\d\d(?!\d)")
CLOCK = re.compile(r"(?<!\d)\d\d:\d\d(:\d\d(\.\d+)?)?(\+00:00)?(?!\d)")
DATA_DIR = re.compile(r"Data directory: .*")
HASH = re.compile(r"\b[0-9a-f]{64}\b")  # the hash chain's head covers recorded times


def _script() -> str:
    return str(Path(sys.executable).parent / "timeline")


def _normalise(text: str, home: str | None = None) -> str:
    if home:
        text = text.replace(home, "$TIMELINE_HOME")
    text = DATA_DIR.sub("Data directory: …", text)
    text = HASH.sub("<sha256>", text)
    lines = []
    after_today = False
    for line in text.splitlines():
        # A recorded time is "now"; tables may put its clock on the line below its date.
        has_today = bool(TODAY_DATE.search(line))
        if has_today or after_today:
            line = CLOCK.sub("hh:mm", TODAY_DATE.sub("today", line))
        after_today = has_today
        lines.append(line.rstrip())
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _commands(readme: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs, in README order."""
    pairs: list[tuple[str, str]] = []
    for block in BLOCK.findall(readme):
        command: str | None = None
        output: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    pairs.append((command, "\n".join(output)))
                command, output = line[2:], []
            else:
                output.append(line)
        if command is not None:
            pairs.append((command, "\n".join(output)))
    return pairs


def _run(command: str, home: Path) -> str:
    argv = shlex.split(command)
    assert argv[0] == "timeline", f"README console blocks run timeline only: {command}"
    env = {**os.environ, "TIMELINE_HOME": str(home), "COLUMNS": "80", "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    done = subprocess.run(
        [_script(), *argv[1:]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout + done.stderr


@pytest.mark.e2e
def test_readme_console_blocks_match_real_output(tmp_path: Path) -> None:
    readme = README.read_text(encoding="utf-8")
    pairs = _commands(readme)
    assert len(pairs) >= 8, "the README should show its commands with their output"
    home = tmp_path / "home"
    updated = readme
    mismatches = []
    for command, expected in pairs:
        raw = _run(command, home).replace(str(home), "$TIMELINE_HOME")
        raw = "\n".join(line.rstrip() for line in raw.splitlines()).rstrip("\n")
        actual = _normalise(raw)
        if actual != _normalise(expected):
            mismatches.append(f"$ {command}\n--- README\n{expected}\n--- actual\n{actual}")
            if os.environ.get("UPDATE_README"):
                updated = updated.replace(f"$ {command}\n{expected}", f"$ {command}\n{raw}\n", 1)
    if os.environ.get("UPDATE_README") and updated != readme:
        README.write_text(updated, encoding="utf-8")
    assert not mismatches, "\n\n".join(mismatches)


def test_ci_runs_the_readme_test_command() -> None:
    readme = README.read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    marker = re.search(r"<!-- test-command -->\n```bash\n(.+?)\n```", readme)
    assert marker, "README marks its test command with <!-- test-command -->"
    assert "README.md" in ci and "test-command" in ci, ".ci/run reads the command from README"


def test_readme_demo_command_installs_and_runs_the_demo() -> None:
    readme = README.read_text(encoding="utf-8")
    marker = re.search(r"<!-- demo-command -->\n```bash\n(.+?)\n```", readme)
    assert marker and marker.group(1).rstrip().endswith("timeline demo")
    assert "pip install" in marker.group(1)
