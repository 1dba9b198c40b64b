"""Start one command from a small process and report its wall time and peak RSS.

Run as a script (``python benchmarks/launch.py REPORT ARGV...``), never imported by the
command it measures. Why a separate process: on Linux a child's ``ru_maxrss`` also counts
the memory of the process that started it, until it calls ``exec`` (with ``vfork`` the
child even inherits its parent's high-water mark). Started straight from the benchmark
runner, which holds the floors' data, a command's peak RSS would be the runner's. Started
from this script, which imports only the standard library's basics, it is the command's own
(or this script's, about 10 MB, whichever is larger).

It writes ``{"returncode", "seconds", "maxrss"}`` (``maxrss`` as ``ru_maxrss`` gives it) to
REPORT, and exits 0 whatever the command's status.
"""

import json
import os
import subprocess
import sys
import time


def main() -> None:
    report, argv = sys.argv[1], sys.argv[2:]
    started = time.perf_counter()
    process = subprocess.Popen(argv)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    figures = {
        "returncode": os.waitstatus_to_exitcode(status),
        "seconds": seconds,
        "maxrss": usage.ru_maxrss,
    }
    with open(report, "w", encoding="utf-8") as handle:
        json.dump(figures, handle)


if __name__ == "__main__":
    main()
