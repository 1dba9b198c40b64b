"""The speed benchmark runs end to end (it prints timings; tests never assert them)."""

from __future__ import annotations

import pytest

from benchmarks import extract_speed


def test_the_five_kb_article_is_five_kb() -> None:
    size = len(extract_speed.five_kb_article().encode("utf-8"))
    assert 4_500 < size <= 5 * 1024


def test_speed_benchmark_prints_its_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert extract_speed.main(["--runs", "2"]) == 0
    out = capsys.readouterr().out
    for words in ("Extraction speed", "baseline: naive regex", "plain-text", "HTML", "Start-up"):
        assert words in out
