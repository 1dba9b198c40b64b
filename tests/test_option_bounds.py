"""Out-of-range option values are usage errors (exit 2), never internal errors."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from support import console_script

RunCli = Callable[..., Result]


@pytest.mark.parametrize(
    "argv",
    [
        ("feed", "--since", "99999999999999999999999"),
        ("feed", "--since", "9223372036854775807"),
        ("feed", "--follow", "--interval", "nan"),
        ("feed", "--follow", "--interval", "1e308"),
        ("feed", "--follow", "--interval", "inf"),
        ("feed", "--follow", "--idle-exit", "nan"),
        ("feed", "--limit", "99999999999999999999999"),
        ("log", "--since", "99999999999999999999"),
        ("watch", "--interval", "nan"),
        ("watch", "--idle-exit", "1e308"),
        ("watch", "--since", "99999999999999999999"),
    ],
)
def test_unbounded_numbers_are_usage_errors(run_cli: RunCli, argv: tuple[str, ...]) -> None:
    result = run_cli(*argv)
    assert result.exit_code == 2, (result.output, result.exception)


def test_the_largest_position_reads_nothing(run_cli: RunCli) -> None:
    result = run_cli("feed", "--since", "9223372036854775806")
    assert result.exit_code == 0 and result.output == ""


@pytest.mark.parametrize("command", ["show", "replay"])
def test_occurred_from_after_occurred_to_is_a_usage_error(run_cli: RunCli, command: str) -> None:
    argv = ["--occurred-from", "2022-09-14", "--occurred-to", "2022-09-12"]
    if command == "show":
        argv += ["--conflict", "armenia-azerbaijan"]
    else:
        argv += ["--as-of", "2022-09-16"]
    result = run_cli(command, *argv)
    assert result.exit_code != 0
    assert "--occurred-from" in str(result.exception) and "after" in str(result.exception)


@pytest.mark.parametrize(
    "argv",
    [
        ("show", "--conflict", b"\xff"),
        ("show", "--country", b"AR\xff"),
        ("show", "--actor", b"Arm\xe9e"),
        ("history", b"ab\xffc"),
        ("figures", "--conflict", b"\xff"),
        ("report", "--actor", b"\xff", "--format", "json"),
        (
            "revise-figure",
            b"\xff",
            "--party",
            "ARM",
            "--category",
            "killed",
            "--best",
            "1",
            "--claimant",
            "C",
            "--outlet",
            "Desk",
            "--published",
            "2022-09-14",
        ),
    ],
)
def test_an_argument_that_is_not_utf8_is_a_usage_error(
    tmp_path: Path, argv: tuple[str | bytes, ...]
) -> None:
    """A terminal can pass bytes that are not UTF-8 (Latin-1 typed into a UTF-8 shell); Python
    keeps them as lone surrogates, which SQLite refused with an internal error."""
    home = ["--home", str(tmp_path)]
    done = subprocess.run(
        [str(console_script()), *argv, *home], capture_output=True, check=False, timeout=60
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, stderr
    assert "not UTF-8 text" in stderr and "internal error" not in stderr


def test_a_file_name_too_long_to_stat_is_refused_not_an_internal_error(tmp_path: Path) -> None:
    """``Path.is_dir`` raises for ENAMETOOLONG (it was an internal error in ingest)."""
    name = str(tmp_path / ("a" * 5000 + ".yaml"))
    done = subprocess.run(
        [str(console_script()), "ingest", name, "--home", str(tmp_path / "home")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 3, done.stderr
    assert "File name too long" in done.stderr and "internal error" not in done.stderr
