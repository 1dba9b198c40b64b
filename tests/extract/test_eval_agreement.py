"""The agreement tool scores a second annotation the way the evaluation scores a draft."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from benchmarks.eval_agreement import measure
from benchmarks.extract_eval import EVAL, levels

STEMS = ("12-kyrgyz-tajik-toll-rises", "25-karabakh-war-erupts-2020", "65-burkina-faso-jihadists")


def test_an_annotation_agrees_with_itself_on_every_measure(tmp_path: Path) -> None:
    for stem in STEMS:
        shutil.copy(EVAL / "dev" / f"{stem}.yaml", tmp_path / f"{stem}.yaml")
    totals, scores = measure(tmp_path)
    assert len(scores) == len(STEMS)
    assert all(v["precision"] == 1.0 and v["recall"] == 1.0 for v in levels(totals).values())


def test_a_disagreement_on_a_figure_a_side_and_a_day_is_counted(tmp_path: Path) -> None:
    stem = STEMS[0]
    gold = yaml.safe_load((EVAL / "dev" / f"{stem}.yaml").read_text("utf-8"))
    changed = False
    for development in gold["developments"]:
        for figure in development.get("figures") or []:
            if not changed:
                figure["best"] = (figure.get("best") or figure.get("low") or 0) + 1000
                figure.pop("low", None)
                figure.pop("high", None)
                changed = True
    gold["developments"][0]["occurred"] = {"start": "1999-01-01", "precision": "day"}
    (tmp_path / f"{stem}.yaml").write_text(yaml.safe_dump(gold), "utf-8")
    totals, _ = measure(tmp_path)
    assert totals["figures"].correct < totals["figures"].gold
    assert totals["occurred"].correct < totals["occurred"].gold
    assert totals["developments"].correct == totals["developments"].gold
