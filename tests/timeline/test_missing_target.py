"""A revision target that is not found: the error says what was compared and suggests the
nearest reports or keys, found from the log (and the batch), never the read models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import SEED, SEED_REPORT

from timeline.application import IngestFailure
from timeline.dispatch import FORMAT, load_dispatch, parse_document
from timeline.errors import DispatchError
from timeline.nearest import KnownReport, nearest
from timeline.session import Session
from timeline.store import resolve_home

REUTERS = 'the Reuters report of 2022-09-13 12:00 "Azerbaijan, Armenia border clashes kill 99"'


def _revision(report: dict[str, Any], key: str, published: str = "2022-09-14T09:00:00Z") -> Any:
    return parse_document(
        {
            "format": FORMAT,
            "report": {"outlet": "Desk", "headline": f"Revision {key}", "published": published},
            "revisions": [{"action": "corroborate", "target": {"report": report, "key": key}}],
        },
        "revise.yaml",
    )


@pytest.fixture
def session(tmp_path: Path) -> Session:
    with Session(resolve_home(tmp_path / "home")) as opened:
        opened.app.ingest(load_dispatch(SEED))
        yield opened


def test_a_headline_typo_names_what_was_compared_and_the_nearest_report(
    session: Session,
) -> None:
    typo = {**SEED_REPORT, "headline": "Azerbaijan, Armenia border clash kills 99"}
    with pytest.raises(DispatchError) as caught:
        session.app.ingest(_revision(typo, "armenian-soldiers-killed"))
    message = str(caught.value)
    assert caught.value.field == "revisions[0].target"
    assert "outlet 'Reuters', published 2022-09-13T12:00:00Z and headline" in message
    assert f"did you mean {REUTERS}?" in message


def test_a_key_typo_names_the_report_and_the_nearest_key(session: Session) -> None:
    with pytest.raises(DispatchError) as caught:
        session.app.ingest(_revision(dict(SEED_REPORT), "armenian-soldier-killed"))
    message = str(caught.value)
    assert f"{REUTERS} is in the log but states no development" in message
    assert "did you mean 'armenian-soldiers-killed'?" in message


def test_nothing_near_suggests_nothing(session: Session) -> None:
    far = {"outlet": "Xinhua", "published": "2001-01-01T00:00:00Z", "headline": "Zzz"}
    with pytest.raises(DispatchError) as caught:
        session.app.ingest(_revision(far, "qqq", published="2022-09-14T09:00:00Z"))
    assert "did you mean" not in str(caught.value)
    assert "no report in the log has outlet 'Xinhua'" in str(caught.value)


def test_reports_earlier_in_the_same_batch_are_candidates(tmp_path: Path) -> None:
    with Session(resolve_home(tmp_path / "batch")) as session:
        typo = {**SEED_REPORT, "headline": "Azerbaijan, Armenia border clash kills 99"}
        outcomes = list(
            session.app.ingest_many(
                [load_dispatch(SEED), _revision(typo, "armenian-soldiers-killed")]
            )
        )
    failure = outcomes[1]
    assert isinstance(failure, IngestFailure)
    assert f"did you mean {REUTERS}?" in str(failure.error)


def test_nearest_ranks_headline_outlet_and_time() -> None:
    wanted = KnownReport("Reuters", "2022-09-13T12:00:00Z", "Border clashes kill 99", None)
    right = KnownReport("Reuters", "2022-09-13T12:00:00Z", "Border clashes kill 99 people", None)
    other_outlet = KnownReport("AP", "2022-09-13T12:00:00Z", "Border clashes kill 99", None)
    unrelated = KnownReport("TASS", "2020-01-01T00:00:00Z", "Ceasefire talks in Moscow", None)
    assert nearest(wanted, [unrelated, other_outlet, right]) == [right, other_outlet]


def test_reports_appended_after_an_earlier_lookup_are_candidates(session: Session) -> None:
    typo = {**SEED_REPORT, "headline": "Azerbaijan, Armenia border clash kills 99"}
    with pytest.raises(DispatchError):
        session.app.ingest(_revision(typo, "armenian-soldiers-killed"))
    session.app.ingest(_revision(dict(SEED_REPORT), "armenian-soldiers-killed"))
    near_new = {"outlet": "Desk", "published": "2022-09-14T09:00:00Z", "headline": "Revisio"}
    with pytest.raises(DispatchError) as caught:
        session.app.ingest(_revision(near_new, "x", published="2022-09-15T09:00:00Z"))
    assert "did you mean the Desk report of 2022-09-14 09:00" in str(caught.value)
