"""Helpers for the report tests: building documents, normalising volatile times, goldens."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from projections import queries
from timeline.dates import from_iso
from timeline.reports import ReportDocument, build_document
from timeline.session import Session
from timeline.store import resolve_home

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
REPO = HERE.parent.parent
SERIES = [
    REPO / "fixtures" / "dispatches",
    REPO / "fixtures" / "series",
]
#: Recorded (system) times are "now"; goldens show this instead.
RECORDED = "RECORDED-AT"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def dispatch_files() -> list[Path]:
    return sorted(p for folder in SERIES for p in folder.iterdir() if p.suffix == ".yaml")


def document(home: Path, **query: Any) -> ReportDocument:
    """The report document for a query (conflict=, country=, actor=, as_of=) on a home."""
    with Session(resolve_home(home)) as session:
        views = session.fresh_views()
        position = min(views.positions().values(), default=0)
        return build_document(views.db, queries.TimelineQuery(**query), log_position=position)


def recorded_times(db: Database) -> set[str]:
    times: set[str] = set()
    for table in ("development_versions", "reports", "conflicts"):
        times.update(row[0] for row in db.execute(f"SELECT DISTINCT recorded_at FROM {table}"))
    return times


def normalise(text: str, home: Path) -> str:
    """Replace every recorded time of the home's read models with a fixed marker."""
    with Session(resolve_home(home)) as session:
        times = recorded_times(session.fresh_views().db)
    for moment in sorted(times, key=len, reverse=True):
        text = text.replace(moment, RECORDED)
        # ACLED's ``timestamp``: the same recorded time in Unix seconds.
        text = re.sub(rf"(?<![0-9]){int(from_iso(moment).timestamp())}(?![0-9])", RECORDED, text)
    return text


def check_golden(name: str, text: str) -> None:
    """Compare with tests/reports/golden/NAME; UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8", newline="")
        return
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 and review it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (
        f"{name} differs from its golden file; if the change is intended, rerun with "
        "UPDATE_GOLDEN=1 and review the diff"
    )
