"""Speed of ``timeline extract`` on a 5 KB article, after start-up.

The article is the seed article followed by paragraphs of another fixture, cut to 5 KB at a
paragraph boundary. Start-up (loading the lexicons, the alias tables and GeoNames' city
table, compiling the patterns) is timed once and reported on its own. Then, in the same run,
each step is timed over many runs and compared with two baselines measured on the same
text: a naive regular-expression sentence split, and this package's own layout analysis
(boilerplate removal and sentence splitting with offsets).

Usage: python -m benchmarks.extract_speed [--runs 50]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from timeline.dispatch import parse_document
from timeline.extract import Options, extract, from_bytes, read_article
from timeline.extract.layout import analyse

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed-article.txt"
MORE = ROOT / "fixtures" / "articles" / "2022-11-02-ethiopia-tigray-truce.txt"
HTML = ROOT / "fixtures" / "articles" / "2022-10-10-ukraine-missile-strikes.html"
SIZE = 5 * 1024
OPTIONS = Options(published="2022-09-13T12:00:00+00:00", outlet="Reuters")


def five_kb_article() -> str:
    """The seed article plus whole paragraphs of another until just under 5 KB."""
    text = SEED.read_text("utf-8").split("\n\nLeave a Reply")[0].rstrip() + "\n"
    for paragraph in MORE.read_text("utf-8").split("\n\n")[1:]:
        candidate = text + "\n" + paragraph.strip() + "\n"
        if len(candidate.encode("utf-8")) > SIZE:
            break
        text = candidate
    return text


def _times(step: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (this process) milliseconds of each run. On a busy machine the
    wall clock includes waiting for a CPU; the CPU time does not."""
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        step()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def measure(runs: int = 50) -> dict[str, object]:
    text = five_kb_article()
    raw = text.encode("utf-8")
    started = time.perf_counter()
    extract(from_bytes("article.txt", raw), OPTIONS)  # start-up: loads and compiles everything
    startup = (time.perf_counter() - started) * 1000
    html = HTML.read_bytes()
    read_article(HTML)  # warm trafilatura
    draft = extract(from_bytes("article.txt", raw), OPTIONS).document
    steps: dict[str, Callable[[], object]] = {
        "baseline: naive regex sentence split": lambda: re.split(r"(?<=[.!?])\s+", text),
        "baseline: layout (boilerplate, sentences, offsets)": lambda: analyse(text),
        "extract: plain-text article to validated draft": lambda: extract(
            from_bytes("article.txt", raw), OPTIONS
        ),
        "of which: validating the draft (parse_document)": lambda: parse_document(
            draft, "article.txt"
        ),
        "extract: HTML page to validated draft": lambda: extract(
            from_bytes("page.html", html), OPTIONS
        ),
    }
    results = {name: _times(step, runs) for name, step in steps.items()}
    return {"bytes": len(raw), "startup_ms": startup, "runs": runs, "results": results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="Timed runs per step.")
    args = parser.parse_args(argv)
    measured = measure(args.runs)
    results: dict[str, tuple[list[float], list[float]]] = measured["results"]  # type: ignore[assignment]
    baseline = statistics.median(results["baseline: layout (boilerplate, sentences, offsets)"][0])
    table = Table(
        title=f"Extraction speed: {measured['bytes']} byte article, {args.runs} runs per step",
        pad_edge=False,
    )
    for column in ("Step", "Median ms", "p95 ms", "CPU ms", "× layout"):
        table.add_column(column, justify="left" if column == "Step" else "right")
    for name, (wall, cpu) in results.items():
        ordered = sorted(wall)
        median = statistics.median(ordered)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        table.add_row(
            name,
            f"{median:.2f}",
            f"{p95:.2f}",
            f"{statistics.median(cpu):.2f}",
            f"{median / baseline:.1f}",
        )
    console = Console(markup=False, emoji=False, highlight=False)
    console.print(table)
    console.print(
        f"Start-up (first extraction: lexicons, alias tables, GeoNames cities, patterns): "
        f"{measured['startup_ms']:.0f} ms, once per process."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
