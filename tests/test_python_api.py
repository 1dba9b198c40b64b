"""The Python API: docs/python.md's walkthrough is run block by block and its shown output
must match; the facade agrees with the CLI and applies its date rules."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import timeline
from timeline import api
from timeline.cli import cli
from timeline.errors import DateError, NotFoundError, UsageError

DOC = Path(__file__).resolve().parent.parent / "docs" / "python.md"
BLOCK = re.compile(r"```(python|text)\n(.*?)```", re.S)


def _walkthrough() -> list[tuple[str, str | None]]:
    """(code, expected output or None) pairs, in document order."""
    pairs: list[tuple[str, str | None]] = []
    for kind, body in BLOCK.findall(DOC.read_text("utf-8")):
        if kind == "python":
            pairs.append((body, None))
        else:
            assert pairs and pairs[-1][1] is None, "a text block follows a python block"
            pairs[-1] = (pairs[-1][0], body)
    return pairs


def test_the_walkthrough_runs_and_shows_its_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    pairs = _walkthrough()
    assert len(pairs) >= 6
    for code, expected in pairs:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, str(DOC), "exec"), namespace)
        if expected is not None:
            assert out.getvalue() == expected, code


def test_open_home_is_reexported_and_import_timeline_stays_light() -> None:
    assert timeline.open_home.__doc__
    assert "timeline.api" in timeline.open_home.__doc__


def test_the_api_agrees_with_the_cli(populated_home: Path) -> None:
    args = ["--conflict", "armenia-azerbaijan", "--as-of", "2022-09-14"]
    shown = json.loads(
        CliRunner().invoke(cli, ["show", *args, "--home", str(populated_home), "--json"]).stdout
    )
    with timeline.open_home(populated_home) as home:
        known = home.timeline(conflict="armenia-azerbaijan", as_of="2022-09-14")
        figures = home.figures(conflict="armenia-azerbaijan", as_of="2022-09-14")
    assert [d.id for d in known] == [d["id"] for d in shown["developments"]]
    assert [(f.party, f.label, f.side) for f in figures] == [
        (t["party"], t["label"], t["side"]) for t in shown["tally"]
    ]


def test_dates_follow_the_cli_rules(populated_home: Path) -> None:
    with timeline.open_home(populated_home) as home:
        bare = home.timeline(conflict="armenia-azerbaijan", as_of="2022-09-13")
        end_of_day = home.timeline(conflict="armenia-azerbaijan", as_of="2022-09-13T23:59:59Z")
        assert [d.id for d in bare] == [d.id for d in end_of_day]
        with pytest.raises(DateError):
            home.timeline(conflict="armenia-azerbaijan", as_of="01/02/2022")


def test_errors_are_the_cli_s(populated_home: Path) -> None:
    with timeline.open_home(populated_home) as home:
        with pytest.raises(NotFoundError):
            home.timeline(conflict="nowhere")
        with pytest.raises(UsageError):
            home.figures()
        with pytest.raises(UsageError):
            home.timeline(conflict="armenia-azerbaijan", country="ARM")


def test_append_takes_a_mapping(home: Path) -> None:
    from support import minimal_dispatch

    with timeline.open_home(home) as opened:
        result = opened.append(minimal_dispatch())
        assert result.appended > 0
        assert opened.append(minimal_dispatch()).skipped


def test_records_without_pandas_say_how_to_get_it(
    populated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    with timeline.open_home(populated_home) as home:
        known = home.conflicts()
    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(UsageError, match=r"news-timeline\[pandas\]"):
        known.to_pandas()


def test_sample_dispatches_are_bundled() -> None:
    names = [p.name for p in api.sample_dispatches()]
    assert names[0] == "2022-09-13-reuters-armenia-azerbaijan.yaml"
    assert len(names) >= 7
