"""Every field the dispatch JSON Schema documents, given a value, is stored in the log's
events and appears in `--json` output: nothing a dispatch accepts is silently dropped.

The test walks the schema for its leaf fields and fails for a field that the two documents
below do not give a value (so a new field must be added here, and so kept), and for a value
that neither the events nor the JSON carry.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from timeline.cli import cli
from timeline.dispatch import FORMAT, _inlined_schema, parse_document
from timeline.session import Session
from timeline.store import resolve_home

URL = "https://wire.example/2022/09/14/full"
FIRST_REPORT = {
    "url": URL,
    "outlet": "Full Wire",
    "headline": "Every field at once",
    "published": "2022-09-14T12:00",
    "tz": "Europe/Moscow",
}

FIRST: dict[str, Any] = {
    "format": FORMAT,
    "report": {**FIRST_REPORT, "language": "hy"},
    "conflicts": [
        {
            "id": "field-walk-conflict",
            "name": "Field walk conflict",
            "parties": ["ARM", "AZE"],
            "aliases": ["Walk alias"],
            "started": "2021-05",
        }
    ],
    "actors": [
        {
            "id": "walk-spokesperson",
            "name": "Walk Spokesperson",
            "kind": "official",
            "country": "ARM",
            "aliases": ["Walk Voice"],
            "affiliations": [
                {
                    "actor": "arm-government",
                    "relation": "speaks_for",
                    "from": "2018-05-11",
                    "to": "2031-01-01",
                }
            ],
        }
    ],
    "developments": [
        {
            "key": "walk-clash",
            "kind": "armed_clash",
            "summary": "Walk troops clashed.",
            "quote": "Walk quote of the clash.",
            "occurred": {
                "start": "2022-09-13T09:00",
                "end": "2022-09-13T11:00",
                "precision": "hour",
                "phrase": "from nine Moscow time",
                "tz": "Europe/Moscow",
            },
            "countries": ["ARM", "AZE"],
            "actors": ["Walk Army"],
            "places": [{"name": "Walkville", "country": "ARM", "lat": 39.8412, "lon": 45.6723}],
            "conflicts": ["field-walk-conflict"],
            "claim": {
                "asserted_by": ["Walk Spokesperson"],
                "verification": "disputed",
                "disputed_by": ["Walk Disputer"],
            },
            "figures": [
                {
                    "party": "ARM",
                    "category": "killed",
                    "low": 4701,
                    "best": 4702,
                    "high": 4703,
                    "claimant": "Walk Spokesperson",
                    "provisional": True,
                    "includes": [
                        {
                            "group": "walk conscripts",
                            "country": "ARM",
                            "category": "killed",
                            "low": 4601,
                            "best": 4602,
                            "high": 4603,
                        },
                        {"party": "ARM", "best": 7},
                    ],
                },
                {
                    "party": "walk villagers",
                    "country": "AZE",
                    "category": "wounded",
                    "best": 4704,
                    "bound": "about",
                    "claimant": "Walk Medic",
                },
            ],
            "contradicts": ["walk-counter"],
            "provenance": [
                {
                    "field": "summary",
                    "start": 4501,
                    "end": 4540,
                    "text": "walk provenance words",
                    "value": "walk provenance value",
                }
            ],
            "review": {"status": "reviewed", "extractor": "walk-extractor/1", "reviewer": "Walker"},
        },
        {
            "key": "walk-counter",
            "kind": "accusation",
            "summary": "Walk counter account.",
            "occurred": {"start": "2022-09-13", "precision": "day"},
            "countries": ["AZE"],
            "conflicts": ["field-walk-conflict"],
            "claim": {"asserted_by": ["Walk Other Side"], "verification": "claimed"},
            "contradicts": ["walk-clash"],
        },
        {
            "key": "walk-duplicate",
            "kind": "armed_clash",
            "summary": "Walk duplicate account.",
            "occurred": {"start": "2022-09-13", "precision": "day"},
            "countries": ["ARM"],
            "conflicts": ["field-walk-conflict"],
            "claim": {"asserted_by": ["Walk Other Side"], "verification": "unverified"},
        },
    ],
}

REF = {"report": FIRST_REPORT, "key": "walk-clash"}

SECOND: dict[str, Any] = {
    "format": FORMAT,
    "report": {
        "outlet": "Walk Desk",
        "headline": "Walk revisions",
        "published": "2022-09-15T08:00:00Z",
    },
    "developments": [
        {
            "key": "walk-toll",
            "kind": "casualty_report",
            "summary": "Walk toll counting the clash.",
            "occurred": {"start": "2022-09-13", "precision": "day"},
            "countries": ["ARM"],
            "conflicts": ["field-walk-conflict"],
            "claim": {"asserted_by": ["Walk Spokesperson"], "verification": "claimed"},
            "counts": [REF, "walk-local-clash"],
        },
        {
            "key": "walk-local-clash",
            "kind": "shelling",
            "summary": "Walk shelling.",
            "occurred": {"start": "2022-09-13", "precision": "day"},
            "countries": ["ARM"],
            "conflicts": ["field-walk-conflict"],
            "claim": {"asserted_by": ["Walk Spokesperson"], "verification": "claimed"},
        },
        {
            "key": "walk-second-duplicate",
            "kind": "shelling",
            "summary": "Walk shelling again.",
            "occurred": {"start": "2022-09-13", "precision": "day"},
            "countries": ["ARM"],
            "conflicts": ["field-walk-conflict"],
            "claim": {"asserted_by": ["Walk Spokesperson"], "verification": "claimed"},
        },
    ],
    "revisions": [
        {
            "action": "revise_figure",
            "target": REF,
            "figure": {
                "party": "ARM",
                "category": "killed",
                "low": 4801,
                "best": 4802,
                "high": 4803,
                "claimant": "Walk Spokesperson",
                "provisional": True,
                "country": "ARM",
                "includes": [
                    {
                        "group": "walk reservists",
                        "country": "ARM",
                        "category": "killed",
                        "low": 411,
                        "best": 412,
                        "high": 413,
                    },
                    {"party": "ARM", "best": 9},
                ],
            },
            "note": "Walk revision note.",
            "quote": "Walk revision quote.",
        },
        {
            "action": "revise_figure",
            "target": REF,
            "figure": {
                "party": "AZE",
                "category": "captured",
                "low": 4821,
                "bound": "more_than",
                "claimant": "Walk Second Claimant",
            },
        },
        {
            "action": "correct",
            "target": REF,
            "changes": {
                "kind": "shelling",
                "summary": "Walk corrected summary.",
                "occurred": {
                    "start": "2022-09-12",
                    "end": "2022-09-12",
                    "precision": "day",
                    "phrase": "walk corrected phrase",
                    "tz": "Asia/Baku",
                },
                "countries": ["ARM", "AZE", "GEO"],
                "places": [
                    {
                        "name": "Walk Corrected Town",
                        "country": "GEO",
                        "lat": 41.7151,
                        "lon": 44.8271,
                    }
                ],
            },
        },
        {"action": "dispute", "target": REF, "party": "Walk Second Disputer"},
        {"action": "corroborate", "target": REF},
        {
            "action": "merge",
            "target": {"report": FIRST_REPORT, "key": "walk-duplicate"},
            "into": {"report": FIRST_REPORT, "key": "walk-counter"},
        },
        {"action": "merge", "target": "walk-second-duplicate", "into": "walk-local-clash"},
        {"action": "retract", "target": "walk-local-clash"},
    ],
}

#: Fields stored in another form than written: (path, value) -> what the log and JSON hold.
STORED_AS: dict[tuple[str, Any], Any] = {
    ("report.published", "2022-09-14T12:00"): "2022-09-14T09:00:00Z",
    ("report.published", "2022-09-15T08:00:00Z"): "2022-09-15T08:00:00Z",
    ("developments[].occurred.start", "2022-09-13T09:00"): "2022-09-13T06:00:00Z",
    ("developments[].occurred.end", "2022-09-13T11:00"): "2022-09-13T08:00:00Z",
    ("developments[].occurred.start", "2022-09-13"): "2022-09-13T00:00:00Z",
    ("revisions[].changes.occurred.start", "2022-09-12"): "2022-09-11T20:00:00Z",
    ("revisions[].changes.occurred.end", "2022-09-12"): "2022-09-12T20:00:00Z",
    ("conflicts[].started", "2021-05"): "2021-05-01",
    ("revisions[].action", "revise_figure"): "FigureRevised",
    ("revisions[].action", "correct"): "Corrected",
    ("revisions[].action", "dispute"): "Disputed",
    ("revisions[].action", "corroborate"): "Corroborated",
    ("revisions[].action", "merge"): "MergedInto",
    ("revisions[].action", "retract"): "Retracted",
}

#: Fields that say how to read the file rather than what it says.
NOT_CONTENT = {"format"}


def _schema_leaves() -> set[str]:
    leaves: set[str] = set()

    def walk(node: Any, path: str) -> None:
        if not isinstance(node, dict):
            return
        for key in ("oneOf", "anyOf", "allOf"):
            for branch in node.get(key, []):
                walk(branch, path)
        if "properties" in node:
            for name, child in node["properties"].items():
                walk(child, f"{path}.{name}" if path else name)
        elif "items" in node:
            walk(node["items"], f"{path}[]")
        elif path and ("enum" in node or node.get("type") not in (None, "object")):
            leaves.add(path)

    walk(_inlined_schema(), "")
    return leaves


def _given(value: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _given(v, f"{path}.{k}" if path else k)]
    if isinstance(value, list):
        return [p for v in value for p in _given(v, f"{path}[]")]
    return [(path, value)]


def _needle(path: str, value: Any) -> str:
    if path.endswith("report.published"):
        path = "report.published"  # a reference names the report as the report gives it
    stored = STORED_AS.get((path, value), value)
    if isinstance(stored, bool):
        return f'"{path.rsplit(".", 1)[-1]}": {json.dumps(stored)}'
    if isinstance(stored, str) and stored[:1].isupper() and path == "revisions[].action":
        return stored
    return json.dumps(stored, ensure_ascii=False)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The log's events and the JSON outputs, each as one text."""
    home = tmp_path_factory.mktemp("walk") / "home"
    with Session(resolve_home(home)) as session:
        for name, document in (("first.yaml", FIRST), ("second.yaml", SECOND)):
            session.app.ingest(parse_document(json.loads(json.dumps(document)), name))
        events = [
            {"type": e.type, **{k: v for k, v in vars(e.event).items() if k != "timestamp"}}
            for e in session.app.read_log()
        ]
        ids = sorted(
            {
                str(e.originator_id)
                for e in session.app.read_log()
                if e.type.startswith("Development.")
            }
        )
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, [*args, "--home", str(home)])
        assert result.exit_code == 0, result.output
        return result.output

    outputs = [
        run("show", "--conflict", "field-walk-conflict", "--json"),
        run("conflicts", "--json"),
        run("actors", "--json"),
        run("report", "--conflict", "field-walk-conflict", "--format", "json"),
        *(run("history", development, "--json") for development in ids),
    ]
    as_text = json.dumps(events, ensure_ascii=False, default=str)
    normalised = [json.dumps(json.loads(o), ensure_ascii=False) for o in outputs]
    return as_text, "\n".join(normalised)


def test_the_documents_give_every_documented_field_a_value() -> None:
    given = {path for path, _ in [*_given(FIRST), *_given(SECOND)]}
    missing = sorted(_schema_leaves() - given - NOT_CONTENT)
    assert not missing, f"give these schema fields a value in this test: {missing}"


@pytest.mark.parametrize(
    ("path", "value"),
    sorted(
        {
            (p, v)
            for p, v in [*_given(FIRST), *_given(SECOND)]
            if p not in NOT_CONTENT and v is not None
        },
        key=repr,
    ),
)
def test_every_given_value_is_in_the_events_and_the_json(
    recorded: tuple[str, str], path: str, value: Any
) -> None:
    events, output = recorded
    needle = _needle(path, value)
    assert needle in events, f"{path} = {value!r} is not in the stored events"
    assert needle in output, f"{path} = {value!r} is in no --json output"
