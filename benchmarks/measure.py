"""Measuring one command in isolation (wall time and peak RSS), and describing the machine.

Each command is started by a small launcher process (``benchmarks/launch.py``) and reaped
there with ``os.wait4``, whose resource usage covers that child alone. Starting it from the
launcher rather than from this process matters: a child's ``ru_maxrss`` also counts the
memory of the process it was started from, so the runner's own memory would show up as the
command's. From the launcher, ``ru_maxrss`` is the command's own peak resident set.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import timeline


@dataclass(frozen=True)
class Run:
    argv: tuple[str, ...]
    returncode: int
    seconds: float
    peak_rss_mb: float
    stdout: Path
    stderr: Path

    def check(self) -> Run:
        """Raise with the command's last words when it failed."""
        if self.returncode != 0:
            tail = self.stderr.read_text("utf-8", errors="replace")[-2000:]
            raise RuntimeError(
                f"{' '.join(self.argv)} exited with {self.returncode}; stderr ends:\n{tail}"
            )
        return self

    def output(self) -> str:
        return self.stdout.read_text("utf-8", errors="replace")


def _max_rss_mb(ru_maxrss: int) -> float:
    """``ru_maxrss`` is in kilobytes on Linux and in bytes on macOS."""
    return ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def child_env() -> dict[str, str]:
    """The environment for the engine's commands: this one, minus settings that would send
    them to another data directory or store than the ``--home`` they are given."""
    return {k: v for k, v in os.environ.items() if k not in {"TIMELINE_HOME", "TIMELINE_STORE"}}


#: The launcher that starts each measured command (see its docstring for why).
LAUNCHER = Path(__file__).with_name("launch.py")


def run_measured(argv: list[str], output: Path) -> Run:
    """Run ``argv`` to completion with stdout and stderr in files beside ``output``; time it
    from start to exit and read its peak RSS from ``os.wait4``, both in the small launcher
    process that starts it (``benchmarks/launch.py``), so that this process's own memory is
    not counted in the command's."""
    stdout, stderr = output.with_suffix(".out"), output.with_suffix(".err")
    report = output.with_suffix(".rusage.json")
    launcher = [sys.executable, "-S", str(LAUNCHER), str(report)]
    with stdout.open("wb") as out, stderr.open("wb") as err:
        subprocess.run([*launcher, *argv], stdout=out, stderr=err, env=child_env(), check=True)
    figures = json.loads(report.read_text("utf-8"))
    report.unlink()
    return Run(
        tuple(argv),
        int(figures["returncode"]),
        float(figures["seconds"]),
        _max_rss_mb(int(figures["maxrss"])),
        stdout,
        stderr,
    )


def median_seconds(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def timeline_command() -> list[str]:
    """The installed ``timeline`` console script beside this interpreter, or the same entry
    point through ``python -c`` when it is not installed there."""
    script = Path(sys.executable).parent / "timeline"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from timeline.cli import main; main()"]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3


def code_version() -> str:
    """The commit of the engine being measured, and whether its files differ from it."""
    folder = Path(timeline.__file__).resolve().parent.parent

    def git(*argv: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(folder), *argv], capture_output=True, text=True, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "unknown (not a git checkout)"
    changed = git("status", "--porcelain", "--untracked-files=no")
    return commit + (" with uncommitted changes" if changed else "")


def machine() -> dict[str, str]:
    """What the figures were measured on; printed above the table and kept in the JSON."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": f"{_memory_gib():.1f} GiB",
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "sqlite": sqlite3.sqlite_version,
        "eventsourcing": metadata.version("eventsourcing"),
        "code": code_version(),
        "load average at start": load,
    }
