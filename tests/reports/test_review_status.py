"""Machine-extracted, unreviewed developments say so in the reports (issue 5)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from support import REPO_ROOT

from timeline.cli import cli

ARTICLE = REPO_ROOT / "fixtures" / "articles" / "2022-11-02-ethiopia-tigray-truce.txt"


def test_reports_mark_machine_extracted_developments(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    runner = CliRunner()
    extracted = runner.invoke(
        cli,
        [
            "extract",
            str(ARTICLE),
            "--published",
            "2022-11-02T18:00Z",
            "--outlet",
            "Desk",
            "--append",
            "--home",
            home,
        ],
    )
    assert extracted.exit_code == 0, extracted.output
    country = "ETH"
    outputs = {}
    for fmt in ("md", "html", "csv"):
        result = runner.invoke(
            cli, ["report", "--country", country, "--format", fmt, "--home", home]
        )
        assert result.exit_code == 0, result.output
        outputs[fmt] = result.output
    assert "machine-extracted, unreviewed" in outputs["md"]
    assert "machine-extracted, unreviewed" in outputs["html"]
    assert "machine-extracted" in outputs["csv"].splitlines()[1]
