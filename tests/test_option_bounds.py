"""Out-of-range option values are usage errors (exit 2), never internal errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result

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
