"""The change feed: JSON Lines in log order, resumable without gaps or duplicates, and a
follower that streams new events and stops cleanly (idle exit, SIGTERM, Ctrl-C, closed pipe).
"""

from __future__ import annotations

import json
import select
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from report_support import REPO
from support import clean_env, console_script, minimal_dispatch, write_document

from timeline.dispatch import load_dispatch
from timeline.session import Session
from timeline.store import resolve_home

SCHEMA = json.loads((REPO / "timeline" / "schemas" / "feed.schema.json").read_text())


def _feed(run_cli: Any, home: Path, *args: str) -> list[dict[str, Any]]:
    result = run_cli("feed", *args, home=home)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def _max_position(home: Path) -> int:
    with Session(resolve_home(home)) as session:
        return session.app.max_position()


def _append(home: Path, folder: Path, headline: str) -> None:
    document = minimal_dispatch()
    document["report"]["headline"] = headline
    path = write_document(folder / f"{headline}.yaml", document)
    with Session(resolve_home(home)) as session:
        session.app.ingest(load_dispatch(path))


def test_feed_writes_every_event_as_a_json_line(run_cli: Any, series_home: Path) -> None:
    lines = _feed(run_cli, series_home)
    assert [line["position"] for line in lines] == list(range(1, _max_position(series_home) + 1))
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for line in lines:
        validator.validate(line)
    first = lines[0]
    assert first["type"] == "Report.Published" and first["feed_version"] == 1
    reported = next(line for line in lines if line["type"] == "Development.Reported")
    assert reported["payload"]["reported_at"] == "2022-09-13T12:00:00Z"
    assert reported["payload"]["kind"]


@pytest.mark.parametrize("split", [1, 7, 28, 55])
def test_resuming_from_the_last_position_seen_has_no_gap_or_duplicate(
    run_cli: Any, series_home: Path, split: int
) -> None:
    everything = _feed(run_cli, series_home)
    head = _feed(run_cli, series_home, "--limit", str(split))
    tail = _feed(run_cli, series_home, "--since", str(head[-1]["position"]))
    assert head + tail == everything


def test_since_the_end_is_empty(run_cli: Any, series_home: Path) -> None:
    assert _feed(run_cli, series_home, "--since", str(_max_position(series_home))) == []


def _start(home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(console_script()), "feed", "--home", str(home), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=clean_env(),
    )


def _read_line(process: subprocess.Popen[str], timeout: float = 15) -> dict[str, Any]:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    assert ready, "the follower wrote nothing in time"
    line = process.stdout.readline()
    assert line, "the follower stopped early: " + (process.stderr.read() if process.stderr else "")
    parsed: dict[str, Any] = json.loads(line)
    return parsed


@pytest.mark.e2e
def test_follow_streams_new_events_then_exits_when_idle(series_copy: Path, tmp_path: Path) -> None:
    end = _max_position(series_copy)
    follower = _start(series_copy, "--since", str(end - 1), "--follow", "--interval", "0.1",
                      "--idle-exit", "2")  # fmt: skip
    try:
        assert _read_line(follower)["position"] == end
        _append(series_copy, tmp_path, "appended-while-following")
        new = [_read_line(follower) for _ in range(_max_position(series_copy) - end)]
        assert [line["position"] for line in new] == list(range(end + 1, end + 1 + len(new)))
        assert new[0]["type"] == "Report.Published"
        assert follower.wait(timeout=15) == 0
    finally:
        follower.kill()
        follower.wait()
    assert follower.stderr is not None and follower.stderr.read() == ""


@pytest.mark.e2e
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_follow_stops_cleanly_on_a_signal(series_copy: Path, signum: int) -> None:
    follower = _start(series_copy, "--since", "55", "--follow", "--interval", "0.1")
    try:
        assert _read_line(follower)["position"] == 56
        time.sleep(0.3)
        follower.send_signal(signum)
        assert follower.wait(timeout=10) == 0
    finally:
        follower.kill()
        follower.wait()
    assert follower.stderr is not None and follower.stderr.read() == ""


@pytest.mark.e2e
def test_follow_stops_quietly_when_the_reader_goes_away(series_copy: Path, tmp_path: Path) -> None:
    follower = _start(series_copy, "--since", "55", "--follow", "--interval", "0.1")
    try:
        assert _read_line(follower)["position"] == 56
        assert follower.stdout is not None
        follower.stdout.close()  # like `timeline feed --follow | head -n 1`
        _append(series_copy, tmp_path, "appended-after-the-reader-left")
        assert follower.wait(timeout=10) == 0
    finally:
        follower.kill()
        follower.wait()
    assert follower.stderr is not None
    assert "Traceback" not in follower.stderr.read()
