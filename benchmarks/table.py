"""The benchmark table: one row per measurement, with its same-run baseline and target.

``rows`` turns one size's raw figures (from ``benchmarks.run``) into rows; ``table`` prints
them with rich and ``markdown`` writes them for docs/performance.md. A target is met or not
at every size, though the issue states them for 1M events.

Two rows are floors rather than the engine's commands, each in the engine column of its own
row so that the ratio stays engine column ÷ baseline column:

* "ingest writes alone": the ingest's events written again by the mapper and the recorder
  alone, against the raw ``executemany`` of the same rows: how far the write path itself is
  from raw SQLite.
* "rebuild writes alone": the rebuilt read models copied by SQLite alone, against the
  rebuild's raw read and decode of the log.

Issue 16 states the ingest and rebuild targets against these floors (its absolute rates
are retired), so the ingest row's baseline is "ingest writes alone" (target: at least
:data:`INGEST_SHARE_OF_FLOOR` of it) and the rebuild row's is "rebuild writes alone"
(at least :data:`REBUILD_SHARE_OF_FLOOR`). With ``--postgres``, a row compares the ingest
into PostgreSQL with the SQLite ingest of the same archive (at least as fast).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import JustifyMethod
from rich.table import Table

INGEST_SHARE_OF_FLOOR = 0.5
REBUILD_SHARE_OF_FLOOR = 0.7
POSTGRES_SHARE_OF_SQLITE = 1.0
ASOF_P50_MS = 10.0
PEAK_RSS_MB = 300.0
CATCH_UP_SHARE_OF_REBUILD = 0.8
REPORT_SECONDS = 2.0
READ_SECONDS = 0.5
STARTUP_SHARE_OF_PASS = 2.5


@dataclass(frozen=True)
class Row:
    """One line of the table: the engine's figure, its baseline, and the target."""

    measurement: str
    engine: str
    baseline: str
    ratio: str
    target: str
    met: bool | None


def _rate(value: float | None, seconds: float) -> str:
    """Events a second, and the seconds they took."""
    if value is None:
        return "?"
    return f"{value:,.0f} ev/s in {seconds:,.{2 if seconds < 10 else 0}f} s"


def _ratio(engine: float | None, baseline: float | None) -> str:
    if engine is None or not baseline:
        return "–"
    return f"{engine / baseline:.3g}×"


def rows(result: dict[str, Any]) -> list[Row]:
    ingest, writes, rebuild = result["ingest"], result["ingest_writes"], result["rebuild"]
    floor = result["rebuild_writes"]
    asof_figures, show = result["asof"], result["show"]
    ingest_label = (
        "ingest archive.jsonl" if ingest["mode"] == "jsonl" else "ingest DIR (a file a line)"
    )
    return [
        Row(
            ingest_label,
            _rate(ingest["per_second"], ingest["seconds"]),
            "writes alone " + _rate(writes["per_second"], writes["seconds"]),
            _ratio(ingest["per_second"], writes["per_second"]),
            f"≥ {INGEST_SHARE_OF_FLOOR}× its write floor",
            ingest["per_second"] >= INGEST_SHARE_OF_FLOOR * writes["per_second"],
        ),
        Row(
            "ingest writes alone",
            _rate(writes["per_second"], writes["seconds"]),
            "executemany " + _rate(writes["baseline_per_second"], writes["baseline_seconds"]),
            _ratio(writes["per_second"], writes["baseline_per_second"]),
            "–",
            None,
        ),
        *_postgres_rows(result),
        Row(
            "ingest peak RSS",
            f"{ingest['peak_rss_mb']:,.0f} MB",
            "–",
            "–",
            f"< {PEAK_RSS_MB:.0f} MB",
            ingest["peak_rss_mb"] < PEAK_RSS_MB,
        ),
        Row(
            "rebuild",
            _rate(rebuild["per_second"], rebuild["seconds"]),
            "writes alone " + _rate(floor["per_second"], floor["seconds"]),
            _ratio(rebuild["per_second"], floor["per_second"]),
            f"≥ {REBUILD_SHARE_OF_FLOOR}× its write floor",
            rebuild["per_second"] is not None
            and floor["per_second"] is not None
            and rebuild["per_second"] >= REBUILD_SHARE_OF_FLOOR * floor["per_second"],
        ),
        Row(
            "rebuild writes alone",
            _rate(floor["per_second"], floor["seconds"]),
            "SELECT, json.loads " + _rate(floor["baseline_per_second"], floor["baseline_seconds"]),
            _ratio(floor["per_second"], floor["baseline_per_second"]),
            "–",
            None,
        ),
        Row(
            "rebuild peak RSS",
            f"{rebuild['peak_rss_mb']:,.0f} MB",
            "–",
            "–",
            f"< {PEAK_RSS_MB:.0f} MB",
            rebuild["peak_rss_mb"] < PEAK_RSS_MB,
        ),
        Row(
            f"as-of p50 ({asof_figures['queries']} queries)",
            f"{asof_figures['p50_ms']:.2f} ms",
            f"key index {asof_figures['key_index_p50_ms']:.2f} ms",
            _ratio(asof_figures["p50_ms"], asof_figures["key_index_p50_ms"]),
            f"< {ASOF_P50_MS:.0f} ms",
            asof_figures["p50_ms"] < ASOF_P50_MS,
        ),
        Row(
            "as-of p95",
            f"{asof_figures['p95_ms']:.2f} ms",
            f"key index {asof_figures['key_index_p95_ms']:.2f} ms",
            _ratio(asof_figures["p95_ms"], asof_figures["key_index_p95_ms"]),
            "–",
            None,
        ),
        Row(
            f"show --conflict (median of {show['runs']})",
            f"{show['median_seconds']:.2f} s",
            f"python -c pass {show['python_pass_median_seconds']:.2f} s",
            _ratio(show["median_seconds"], show["python_pass_median_seconds"]),
            f"≤ {READ_SECONDS} s",
            show["median_seconds"] <= READ_SECONDS,
        ),
        *_read_rows(result),
    ]


def _postgres_rows(result: dict[str, Any]) -> list[Row]:
    """The ingest into PostgreSQL against the SQLite ingest of the same archive (only with
    ``--postgres``)."""
    postgres = result.get("postgres_ingest")
    if not postgres:
        return []
    ingest = result["ingest"]
    return [
        Row(
            "ingest into PostgreSQL",
            _rate(postgres["per_second"], postgres["seconds"]),
            "SQLite ingest " + _rate(ingest["per_second"], ingest["seconds"]),
            _ratio(postgres["per_second"], ingest["per_second"]),
            f"≥ {POSTGRES_SHARE_OF_SQLITE:g}× SQLite",
            postgres["per_second"] >= POSTGRES_SHARE_OF_SQLITE * ingest["per_second"],
        )
    ]


def _read_rows(result: dict[str, Any]) -> list[Row]:
    """Catch-up, report per format and the other read commands (``benchmarks/reads.py``)."""
    if "catch_up" not in result:  # figures from before these rows
        return []
    catch_up, reports, reads = result["catch_up"], result["reports"], result["reads"]
    found = [
        Row(
            f"catch-up of {catch_up['events']:,} new events",
            _rate(catch_up["per_second"], catch_up["seconds"]),
            "rebuild " + _rate(catch_up["baseline_per_second"], catch_up["baseline_seconds"]),
            _ratio(catch_up["per_second"], catch_up["baseline_per_second"]),
            f"≥ {CATCH_UP_SHARE_OF_REBUILD}× rebuild",
            catch_up["baseline_per_second"] is not None
            and catch_up["per_second"]
            >= CATCH_UP_SHARE_OF_REBUILD * catch_up["baseline_per_second"],
        )
    ]
    for name, figures in reports["formats"].items():
        found.append(
            Row(
                f"report --format {name} (median of {reports['runs']})",
                f"{figures['median_seconds']:.2f} s",
                f"python -c pass {reports['python_pass_median_seconds']:.2f} s",
                _ratio(figures["median_seconds"], reports["python_pass_median_seconds"]),
                f"≤ {REPORT_SECONDS:.0f} s",
                figures["median_seconds"] <= REPORT_SECONDS,
            )
        )
    for name, figures in reads["commands"].items():
        found.append(
            Row(
                f"{name} (median of {reads['runs']})",
                f"{figures['median_seconds']:.2f} s",
                f"python -c pass {reads['python_pass_median_seconds']:.2f} s",
                _ratio(figures["median_seconds"], reads["python_pass_median_seconds"]),
                f"≤ {READ_SECONDS} s",
                figures["median_seconds"] <= READ_SECONDS,
            )
        )
    return found + _listing_and_startup_rows(result)


def _listing_and_startup_rows(result: dict[str, Any]) -> list[Row]:
    """``conflicts`` against its one scan, and start-up against ``python -c pass`` plus the
    imports the command needs: met when the command takes at most
    :data:`STARTUP_SHARE_OF_PASS` × pass plus what those imports add to pass."""
    if "startup" not in result:  # figures from before these rows
        return []
    conflicts, startup = result["conflicts"], result["startup"]
    found = [
        Row(
            f"conflicts (median of {conflicts['runs']})",
            f"{conflicts['median_seconds']:.2f} s",
            f"its scan alone {conflicts['scan_median_seconds']:.2f} s",
            _ratio(conflicts["median_seconds"], conflicts["scan_median_seconds"]),
            "–",
            None,
        )
    ]
    passed = startup["python_pass_median_seconds"]
    labels = {"help": "start-up: --help", "show": "start-up: show, empty home"}
    for name, figures in startup["commands"].items():
        needs = max(0.0, figures["needs_median_seconds"] - passed)
        found.append(
            Row(
                f"{labels.get(name, name)} (median of {startup['runs']})",
                f"{figures['median_seconds']:.2f} s",
                f"python -c pass {passed:.2f} s, + imports {needs:.2f} s",
                _ratio(figures["median_seconds"], passed),
                f"≤ {STARTUP_SHARE_OF_PASS}× pass + imports",
                figures["median_seconds"] <= STARTUP_SHARE_OF_PASS * passed + needs,
            )
        )
    return found


def table(results: list[dict[str, Any]]) -> Table:
    grid = Table(title="Benchmark: the engine against raw baselines measured in the same run")
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("events", "right"),
        ("measurement", "left"),
        ("engine", "right"),
        ("baseline", "right"),
        ("ratio", "right"),
        ("target", "left"),
        ("met", "center"),
    )
    for column, justify in columns:
        grid.add_column(column, justify=justify)
    for n, result in enumerate(results):
        lines = rows(result)
        for i, row in enumerate(lines):
            mark = "" if row.met is None else ("✓" if row.met else "✗")
            grid.add_row(
                f"{result['archive']['events']:,}" if i == 0 else "",
                row.measurement,
                row.engine,
                row.baseline,
                row.ratio,
                row.target,
                mark,
                end_section=i == len(lines) - 1 and n < len(results) - 1,
            )
    return grid


def markdown(results: list[dict[str, Any]]) -> str:
    """The same table in Markdown, for docs/performance.md."""
    lines = [
        "| events | measurement | engine | baseline | ratio | target | met |",
        "|---:|---|---:|---:|---:|---|:-:|",
    ]
    for result in results:
        for i, row in enumerate(rows(result)):
            mark = "" if row.met is None else ("yes" if row.met else "no")
            events = f"{result['archive']['events']:,}" if i == 0 else ""
            cells = (events, row.measurement, row.engine, row.baseline, row.ratio, row.target)
            lines.append("| " + " | ".join((*cells, mark)) + " |")
    return "\n".join(lines) + "\n"


def describe(info: dict[str, str]) -> str:
    return (
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory']} memory; {info['os']}; "
        f"{info['python']}, SQLite {info['sqlite']}, eventsourcing {info['eventsourcing']}.\n"
        f"Code: {info['code']}. Measured {info['date']}; "
        f"load average at start {info['load average at start']}. "
        "Ratio: engine ÷ baseline."
    )
