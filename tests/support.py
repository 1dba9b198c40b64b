"""Plain helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import copy
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from projections import compare
from timeline.application import TimelineApp
from timeline.store import resolve_home

TESTS = Path(__file__).resolve().parent
REPO_ROOT = TESTS.parent
FIXTURES = REPO_ROOT / "fixtures" / "dispatches"
SEED = FIXTURES / "2022-09-13-reuters-armenia-azerbaijan.yaml"
KG = FIXTURES / "2022-09-16-kyrgyzstan-tajikistan.yaml"
HOSTILE = TESTS / "data" / "hostile.yaml"
#: How a revision names the seed fixture's report by its natural key (it has no URL).
SEED_REPORT = {
    "outlet": "Reuters",
    "published": "2022-09-13T12:00:00+00:00",
    "headline": "Azerbaijan, Armenia border clashes kill 99",
}

#: Environment variables that change where data lives or how the CLI renders.
VOLATILE_ENV = (
    "TIMELINE_HOME",
    "TIMELINE_STORE",
    "TIMELINE_DEBUG",
    "FORCE_COLOR",
    "NO_COLOR",
    "CLICOLOR_FORCE",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLUMNS",
    "LINES",
)


def seed_reference(key: str) -> dict[str, Any]:
    """A revision target: the development ``key`` of the seed fixture's report."""
    return {"report": dict(SEED_REPORT), "key": key}


def minimal_dispatch() -> dict[str, Any]:
    """A small valid dispatch document: one report, one conflict, two developments.

    The conflict is a test-only one, so the document can share a home with the real fixtures.
    """
    return copy.deepcopy(
        {
            "format": "timeline-dispatch/1",
            "report": {
                "outlet": "Test Wire",
                "headline": "Minimal test dispatch",
                "published": "2022-09-20T09:30:00+02:00",
            },
            "conflicts": [
                {
                    "id": "test-border-dispute",
                    "name": "Test border dispute",
                    "parties": ["ARM", "AZE"],
                    "aliases": ["Test dispute"],
                    "started": "2021-05",
                }
            ],
            "developments": [
                {
                    "key": "first-clash",
                    "kind": "armed_clash",
                    "summary": "Troops exchanged fire at the test border.",
                    "occurred": {"start": "2022-09-19", "precision": "day", "phrase": "on Monday"},
                    "countries": ["ARM", "AZE"],
                    "actors": ["Test Army"],
                    "conflicts": ["test-border-dispute"],
                    "claim": {"asserted_by": ["Test Wire"], "verification": "confirmed"},
                },
                {
                    "key": "casualties",
                    "kind": "casualty_report",
                    "summary": "The test ministry said at least three soldiers were killed.",
                    "occurred": {"start": "2022-09-19", "precision": "day"},
                    "countries": ["ARM"],
                    "actors": ["Test Ministry"],
                    "conflicts": ["test-border-dispute"],
                    "claim": {"asserted_by": ["Test Ministry"], "verification": "claimed"},
                    "figures": [
                        {
                            "party": "ARM",
                            "category": "killed",
                            "low": 3,
                            "claimant": "Test Ministry",
                        }
                    ],
                },
            ],
        }
    )


def write_document(path: Path, document: Any) -> Path:
    """Write a document as JSON (``.json``) or YAML (anything else)."""
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    else:
        path.write_text(
            yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return path


def open_app(home: Path) -> TimelineApp:
    """The write-side application on a home's event store (the directory is created)."""
    resolved = resolve_home(home)
    resolved.ensure()
    return TimelineApp(env=resolved.eventsourcing_env())


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for a console-script subprocess: no TIMELINE_* or colour settings."""
    env = {k: v for k, v in os.environ.items() if k not in VOLATILE_ENV}
    env.update(extra)
    return env


def console_script() -> Path:
    """The installed ``timeline`` script of the interpreter running the tests."""
    sibling = Path(sys.executable).parent / "timeline"
    if sibling.exists():
        return sibling
    found = shutil.which("timeline")
    if found is None:
        pytest.fail("the 'timeline' console script is not installed (pip install -e .)")
    return Path(found)


def dump_tables(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in a canonical order, for comparing two read-model files (the
    engine's own comparison, which ``timeline verify`` uses too)."""
    return compare.dump_tables(db)
