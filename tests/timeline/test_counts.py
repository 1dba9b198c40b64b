"""A casualty report names the developments it counts; ACLED puts the deaths on them, once."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from support import minimal_dispatch

from timeline.cli import cli
from timeline.dispatch import FORMAT, parse_document
from timeline.errors import DispatchError
from timeline.reports import acled
from timeline.session import Session
from timeline.store import resolve_home


def _counting(counts: list[Any], kind: str = "casualty_report") -> dict[str, Any]:
    document = minimal_dispatch()
    casualties = document["developments"][1]
    casualties["kind"] = kind
    casualties["counts"] = counts
    return document


def _acled(home: Path) -> list[dict[str, str]]:
    result = CliRunner().invoke(
        cli,
        ["report", "--conflict", "test-border-dispute", "--format", "acled", "--home", str(home)],
    )
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_acled_puts_the_toll_on_the_clash_it_counts(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Session(resolve_home(home)) as session:
        session.app.ingest(parse_document(_counting(["first-clash"]), "toll.yaml"))
        events = [e.event for e in session.app.read_log() if e.type == "Development.Reported"]
    clash = next(e for e in events if e.key == "first-clash")
    toll = next(e for e in events if e.key == "casualties")
    assert toll.counts == [str(clash.originator_id)]
    rows = {r["timeline_kind"]: r for r in _acled(home)}
    assert rows["armed_clash"]["event_type"] == "Battles"
    assert rows["armed_clash"]["fatalities"] == "3"
    assert rows["casualty_report"]["fatalities"] == "0"
    assert sum(int(r["fatalities"]) for r in rows.values()) == 3


def test_a_later_report_counts_a_development_already_in_the_log(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Session(resolve_home(home)) as session:
        first = minimal_dispatch()
        del first["developments"][1]
        session.app.ingest(parse_document(first, "clash.yaml"))
        later = {
            "format": FORMAT,
            "report": {"outlet": "Wire", "headline": "Toll", "published": "2022-09-21T08:00:00Z"},
            "developments": [
                {
                    **minimal_dispatch()["developments"][1],
                    "counts": [{"report": dict(first["report"]), "key": "first-clash"}],
                }
            ],
        }
        session.app.ingest(parse_document(later, "toll.yaml"))
    rows = {r["timeline_kind"]: r for r in _acled(home)}
    assert (rows["armed_clash"]["fatalities"], rows["casualty_report"]["fatalities"]) == ("3", "0")


@pytest.mark.parametrize(
    ("document", "field", "expected"),
    [
        (_counting(["first-clash"], kind="armed_clash"), "developments[1].counts", "only a"),
        (_counting(["no-such-key"]), "developments[1].counts[0]", "a development id"),
        (_counting(["casualties"]), "developments[1].counts", "other developments"),
    ],
)
def test_counts_are_validated(document: dict[str, Any], field: str, expected: str) -> None:
    with pytest.raises(DispatchError) as caught:
        parse_document(document, "bad.yaml")
    assert caught.value.field == field and expected in caught.value.expected


def test_a_development_reported_later_cannot_be_counted(tmp_path: Path) -> None:
    with Session(resolve_home(tmp_path / "home")) as session:
        later = minimal_dispatch()
        later["report"]["published"] = "2022-09-25T09:30:00+02:00"
        del later["developments"][1]
        session.app.ingest(parse_document(later, "later.yaml"))
        document = _counting([{"report": dict(later["report"]), "key": "first-clash"}])
        document["developments"] = document["developments"][1:]
        document["conflicts"] = []
        with pytest.raises(DispatchError) as caught:
            session.app.ingest(parse_document(document, "early.yaml"))
    assert caught.value.field == "developments[0].counts[0]"


def _development(i: int, kind: str, killed: int | None, counts: list[str]) -> dict[str, Any]:
    figures = (
        [{"party": "ARM", "category": "killed", "low": killed, "best": killed, "high": killed}]
        if killed is not None
        else []
    )
    return {"id": f"d{i}", "kind": kind, "status": "active", "figures": figures, "counts": counts}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["armed_clash", "shelling", "casualty_report", "statement"]),
            st.none() | st.integers(min_value=0, max_value=500),
            st.lists(st.integers(min_value=0, max_value=5), max_size=3, unique=True),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_attribution_never_counts_the_same_deaths_twice(
    specs: list[tuple[str, int | None, list[int]]],
) -> None:
    developments = [
        _development(
            i,
            kind,
            killed,
            [f"d{j}" for j in counts if j != i] if kind == "casualty_report" else [],
        )
        for i, (kind, killed, counts) in enumerate(specs)
    ]
    attributed = acled.attributed_fatalities(developments)
    moved = acled.moved_fatalities(developments)
    with_links = sum(
        0 if d["id"] in moved else acled.fatalities(d, attributed.get(d["id"]))
        for d in developments
    )
    without = sum(acled.fatalities(d) for d in developments)
    assert with_links <= without
    by_id = {d["id"]: d for d in developments}
    for target, parties in attributed.items():
        assert acled.KIND_TO_ACLED[by_id[target]["kind"]][0] in acled.VIOLENT_TYPES
        givers = [by_id[r] for r in moved if target in by_id[r]["counts"] and by_id[r]["figures"]]
        assert parties["ARM"] <= min(acled.fatalities(r) for r in givers)
