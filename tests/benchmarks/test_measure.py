"""``run_measured`` reports each command's own peak RSS and exit status, not the runner's."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.measure import run_measured


def test_peak_rss_is_the_command_s_own_not_the_runner_s(tmp_path: Path) -> None:
    ballast = bytearray(300 * 1024 * 1024)
    ballast[::4096] = b"\x01" * len(ballast[::4096])  # touch every page: resident
    small = run_measured([sys.executable, "-c", "pass"], tmp_path / "small")
    grows = run_measured(
        [
            sys.executable,
            "-c",
            "b = bytearray(200 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])",
        ],
        tmp_path / "grows",
    )
    del ballast
    assert small.returncode == grows.returncode == 0
    assert small.peak_rss_mb < 100  # not the 300 MB this process holds
    assert grows.peak_rss_mb >= 200  # the command's own allocation is counted


def test_exit_status_and_output_are_kept(tmp_path: Path) -> None:
    run = run_measured(
        [
            sys.executable,
            "-c",
            "import sys; print('out'); print('err', file=sys.stderr); sys.exit(3)",
        ],
        tmp_path / "fails",
    )
    assert run.returncode == 3
    assert run.output().strip() == "out"
    assert run.stderr.read_text().strip() == "err"
    assert not list(tmp_path.glob("*.rusage.json"))
