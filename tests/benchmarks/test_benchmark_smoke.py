"""The benchmarks run end to end on a tiny log (never asserting any timing)."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_asof_benchmark_prints_its_table(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import asof

    asof.main(["--sizes", "600", "--queries", "5", "--replay-up-to", "1000"])
    out = capsys.readouterr().out
    assert "As-of latency" in out
    assert "key-index p50 ms" in out
    row = next(line for line in out.splitlines() if "│" in line and any(c.isdigit() for c in line))
    assert "–" not in row  # the replay baseline ran and agreed with the indexed answer
