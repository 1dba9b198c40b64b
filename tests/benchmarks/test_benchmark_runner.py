"""``python -m benchmarks.run`` end to end at a tiny size: every row of the table, the engine,
its baselines and its floors seeing the same events, and a readable log. Never any timing."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from benchmarks import run, table
from benchmarks.measure import child_env, timeline_command


@pytest.mark.slow
@pytest.mark.e2e
def test_runner_prints_every_row_and_counts_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    figures, table_md = tmp_path / "figures.json", tmp_path / "table.md"
    argv = ["--sizes", "2000", "--queries", "5", "--repeats", "2", "--workdir", str(tmp_path)]
    argv += ["--keep", "--json", str(figures), "--markdown", str(table_md)]
    assert run.main(argv) == 0
    out = capsys.readouterr().out

    assert out.count("Benchmark: the engine against raw baselines") == 1
    assert "Machine:" in out and "SQLite" in out
    (result,) = json.loads(figures.read_text())["sizes"]
    labels = [row.measurement for row in table.rows(result)]
    # catch-up, report per format, figures/history/diff, conflicts, start-up (2)
    assert len(labels) == 9 + 1 + 6 + 3 + 1 + 2
    assert "conflicts (median of 2)" in labels
    assert "start-up: --help (median of 2)" in labels
    assert "start-up: show, empty home (median of 2)" in labels
    assert result["startup"]["show_exit_status"] == 5  # no such conflict in an empty home
    assert "catch-up of 200 new events" in labels
    catch_up = result["catch_up"]
    assert catch_up["events"] == 200
    assert catch_up["caught_up_to"] == [result["archive"]["events"]]
    assert set(result["reports"]["formats"]) == {"md", "html", "json", "csv", "acled", "timelinejs"}
    assert all(f["bytes"] > 0 for f in result["reports"]["formats"].values())
    assert set(result["reads"]["commands"]) == {"figures", "history", "diff"}
    assert "ingest writes alone" in labels
    assert "rebuild writes alone" in labels
    for label in labels:
        assert label in out
        assert label in table_md.read_text()
    assert result["checks"] == []

    events = result["archive"]["events"]
    assert events >= 2000
    assert result["ingest"]["events"] == result["ingest"]["baseline_rows"] == events
    assert result["rebuild"]["events"] == result["rebuild"]["baseline_rows"] == events
    writes = result["ingest_writes"]
    assert writes["events"] == writes["logged"] == writes["baseline_rows"] == events
    assert writes["same_chain_head"]
    assert {"map_seconds", "insert_seconds"} <= writes.keys()
    floor = result["rebuild_writes"]
    assert floor["events"] == events
    assert floor["rows"] == floor["source_rows"]
    assert {"development_versions", "development_versions_fts", "_conflict_timeline_box"} <= (
        floor["rows"].keys()
    )
    assert set(floor["phase_seconds"]) == {"rows", "fts", "rtree", "indexes"}
    assert result["asof"]["queries"] == 5
    assert result["show"]["runs"] == 2

    done = subprocess.run(
        [*timeline_command(), "log", "--limit", "1", "--json", "--home", result["home"]],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (first,) = json.loads(done.stdout)
    assert first["position"] == 1 and first["type"] == "Report.Published"


@pytest.mark.slow
def test_runner_cleans_up_and_can_ingest_a_directory_of_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--sizes", "300", "--queries", "2", "--repeats", "1", "--workdir", str(tmp_path)]
    assert run.main([*argv, "--ingest-mode", "files"]) == 0
    assert "ingest DIR (a file a line)" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_postgres_ingest_row_stores_every_event_and_drops_its_database(
    tmp_path: Path, postgres_admin: str
) -> None:
    import psycopg

    from benchmarks.archive import write_archive

    archive = write_archive(tmp_path / "archive.jsonl", 7, 300)
    with psycopg.connect(postgres_admin, autocommit=True) as conn:
        before = {r[0] for r in conn.execute("SELECT datname FROM pg_database")}
    figures = run.measure_postgres_ingest(
        timeline_command(), archive.path, tmp_path, postgres_admin, None
    )
    assert figures["events"] == archive.events
    with psycopg.connect(postgres_admin, autocommit=True) as conn:
        assert {r[0] for r in conn.execute("SELECT datname FROM pg_database")} == before
    result = {"ingest": {"per_second": 1.0, "seconds": 1.0}, "postgres_ingest": figures}
    (row,) = table._postgres_rows(result)
    assert row.measurement == "ingest into PostgreSQL" and row.met is not None
