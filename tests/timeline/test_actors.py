"""Actors and sides: the registry, the actor events, and figures superseded within a side."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import REPO_ROOT

from projections import queries
from timeline.actors.names import name_key
from timeline.actors.registry import builtin
from timeline.dispatch import FORMAT, parse_actor_entries, parse_document
from timeline.errors import DispatchError
from timeline.session import Session
from timeline.store import resolve_home

LEGACY = REPO_ROOT / "fixtures" / "legacy" / "events-v1.sqlite3"


# The registry -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Armenian Defence Ministry",
        "Armenian Defense Ministry",
        "Armenia's defence ministry",
        "Armenia’s Defence Ministry",
        "the Armenian MoD",
        "Ministry of Defence of Armenia",
        "ARMENIAN DEFENCE MINISTRY",
    ],
)
def test_alias_forms_of_a_national_ministry_resolve_alike(name: str) -> None:
    assert builtin().resolve(name) == "arm-defence-ministry"


def test_national_security_councils_are_not_the_un_security_council() -> None:
    registry = builtin()
    assert registry.resolve("Armenia's Security Council") == "arm-security-council"
    assert registry.resolve("Russian Security Council") == "rus-security-council"
    assert registry.resolve("UN Security Council") == "un-security-council"
    assert registry.resolve("Security Council") is None  # never guessed
    assert registry.side("arm-security-council", "2022-09-13") == "arm-government"
    assert registry.side("un-security-council", "2022-09-13") == "un"


def test_a_shared_alias_is_ambiguous_not_guessed() -> None:
    registry = builtin()
    # Both Congos' governments are "Congolese"; the name is refused, not given to either.
    assert registry.resolve("Congolese government") is None
    assert set(registry.ambiguous[name_key("Congolese government")]) == {
        "cod-government",
        "cog-government",
    }


def test_a_name_with_its_abbreviation_resolves_when_both_agree() -> None:
    registry = builtin()
    assert registry.resolve("Rapid Support Forces (RSF)") == "rsf"
    assert registry.resolve("Collective Security Treaty Organization (CSTO)") == "csto"


def test_a_leader_speaks_for_the_government_only_during_the_term() -> None:
    registry = builtin()
    pashinyan = registry.resolve("Nikol Pashinyan")
    assert pashinyan is not None
    assert registry.side(pashinyan, "2022-09-13") == "arm-government"
    # Before he took office (8 May 2018) he spoke for no government.
    assert registry.side(pashinyan, "2017-06-01") == pashinyan


def test_ministers_and_spokespeople_speak_for_their_side_during_their_terms() -> None:
    registry = builtin()
    hajiyev = registry.resolve("Hajiyev")
    assert hajiyev is not None and registry.side(hajiyev, "2022-09-13") == "aze-government"
    blinken = registry.resolve("Antony Blinken")
    assert blinken is not None and registry.side(blinken, "2022-09-13") == "usa-government"
    # After his term he speaks for himself again.
    assert registry.side(blinken, "2025-06-01") == blinken
    # A group's spokesman speaks for the group.
    saree = registry.resolve("Yahya Saree")
    assert saree is not None and registry.side(saree, "2024-01-12") == registry.resolve("Houthis")


def test_kosovo_is_a_country() -> None:
    registry = builtin()
    assert registry.resolve("Kosovo Police") == "xkx-police"
    assert registry.side("xkx-police", "2023-09-24") == "xkx-government"


# Logs: one side, three voices -------------------------------------------------------------


def _report(day: str, outlet: str = "Desk") -> dict[str, Any]:
    return {"outlet": outlet, "headline": f"Update {day}", "published": f"{day}T12:00:00Z"}


def _toll(key: str, day: str, claimant: str, party: str, best: int) -> dict[str, Any]:
    return {
        "key": key,
        "kind": "casualty_report",
        "summary": f"{claimant} gave a toll of {best}.",
        "occurred": {"start": "2022-09-13", "precision": "day"},
        "countries": [party],
        "actors": [claimant],
        "conflicts": ["test-war"],
        "claim": {"asserted_by": [claimant], "verification": "claimed"},
        "figures": [{"party": party, "category": "killed", "best": best, "claimant": claimant}],
    }


CONFLICT = {"id": "test-war", "name": "Test war", "parties": ["ARM", "AZE"]}

#: One side's toll (Armenia's) given by three voices over four days, and the other side's.
STORY = [
    ("2022-09-13", "arm-pm", "Nikol Pashinyan", "ARM", 49),
    ("2022-09-13", "aze-mod", "Azerbaijani Defence Ministry", "AZE", 50),
    ("2022-09-14", "arm-mod", "Armenia's defence ministry", "ARM", 105),
    ("2022-09-15", "aze-gov", "Government of Azerbaijan", "AZE", 77),
    ("2022-09-16", "arm-sc", "Armenia's Security Council", "ARM", 135),
]


def _story_documents() -> list[dict[str, Any]]:
    return [
        {
            "format": FORMAT,
            "report": _report(day, outlet=f"Desk {i}"),
            "conflicts": [CONFLICT],
            "developments": [_toll(key, day, claimant, party, best)],
        }
        for i, (day, key, claimant, party, best) in enumerate(STORY)
    ]


def _session(tmp_path: Path, name: str = "home") -> Session:
    home = tmp_path / name
    home.mkdir()
    return Session(resolve_home(home))


def _ingest(session: Session, documents: list[dict[str, Any]]) -> None:
    for i, document in enumerate(documents):
        session.app.ingest(parse_document(copy.deepcopy(document), f"doc-{i}"))


def _tally(session: Session, as_of: str | None = None) -> dict[tuple[str, str], int]:
    rows = queries.tally(session.fresh_views().db, "test-war", as_of)
    return {(r["party"], r["side"]): r["best"] for r in rows}


def test_the_current_figure_is_the_latest_of_its_side_whichever_voice(tmp_path: Path) -> None:
    with _session(tmp_path) as session:
        _ingest(session, _story_documents())
        expected = {
            "2022-09-13": {("ARM", "arm-government"): 49, ("AZE", "aze-government"): 50},
            "2022-09-14": {("ARM", "arm-government"): 105, ("AZE", "aze-government"): 50},
            "2022-09-15": {("ARM", "arm-government"): 105, ("AZE", "aze-government"): 77},
            "2022-09-16": {("ARM", "arm-government"): 135, ("AZE", "aze-government"): 77},
        }
        for day, tally in expected.items():
            assert _tally(session, f"{day}T23:59:59Z") == tally
        latest = queries.tally(session.fresh_views().db, "test-war")
        arm = next(r for r in latest if r["party"] == "ARM")
        assert arm["claimant"] == "Armenia's Security Council"
        assert arm["voice"] == "Government of Armenia, via Security Council of Armenia"


def test_a_statement_before_the_term_is_not_the_governments(tmp_path: Path) -> None:
    documents = _story_documents()[:1]
    # The same person gave a figure in 2017, before he became prime minister (May 2018).
    early = copy.deepcopy(documents[0])
    early["report"] = _report("2017-06-01", outlet="Early desk")
    early["developments"][0]["occurred"] = {"start": "2017-06-01", "precision": "day"}
    early["developments"][0]["key"] = "early"
    early["developments"][0]["figures"][0]["best"] = 3
    with _session(tmp_path) as session:
        _ingest(session, [early, *documents])
        sides = {
            (r["side"], r["best"]) for r in queries.tally(session.fresh_views().db, "test-war")
        }
        assert ("arm-government", 49) in sides
        assert (builtin().resolve("Nikol Pashinyan"), 3) in sides


def test_an_alias_event_resolves_a_name_everywhere(tmp_path: Path) -> None:
    documents = _story_documents()
    documents[2]["developments"][0]["figures"][0]["claimant"] = "Armenian MoD spokeswoman"
    documents[2]["developments"][0]["claim"]["asserted_by"] = ["Armenian MoD spokeswoman"]
    with _session(tmp_path) as session:
        _ingest(session, documents[:3])
        before = queries.tally(session.fresh_views().db, "test-war")
        assert {r["best"] for r in before if r["party"] == "ARM"} == {49, 105}  # two sides
        unresolved = queries.actors(session.fresh_views().db, unresolved=True)
        assert [r["names"] for r in unresolved] == [["Armenian MoD spokeswoman"]]
        drafts = parse_actor_entries(
            [{"id": "arm-defence-ministry", "aliases": ["Armenian MoD spokeswoman"]}], "test"
        )
        assert session.app.record_actors("test", drafts) == 3
        after = queries.tally(session.fresh_views().db, "test-war")
        assert {r["best"] for r in after if r["party"] == "ARM"} == {105}
        assert queries.actors(session.fresh_views().db, unresolved=True) == []
        # The same alias again appends nothing.
        assert session.app.record_actors("test", drafts) == 0


def test_dispatch_actors_section_defines_and_extends(tmp_path: Path) -> None:
    document = {
        "format": FORMAT,
        "report": _report("2022-09-20"),
        "actors": [
            {
                "id": "armen-petrosyan",
                "name": "Armen Petrosyan",
                "kind": "official",
                "country": "ARM",
                "aliases": ["Petrosyan"],
                "affiliations": [{"actor": "arm-security-council", "from": "2018-05-11"}],
            },
            {"id": "arm-security-council", "aliases": ["Armenian NSC"]},
        ],
    }
    with _session(tmp_path) as session:
        _ingest(session, [document])
        resolver = queries.resolver(session.fresh_views().db)
        voice = resolver.voice("Petrosyan", "2022-09-13")
        assert voice.actor == "armen-petrosyan" and voice.side == "arm-government"
        assert resolver.voice("Petrosyan", "2010-01-01").side == "armen-petrosyan"
        assert resolver.actor("Armenian NSC") == "arm-security-council"


@pytest.mark.parametrize(
    ("entry", "field", "expected"),
    [
        ({"id": "arm-government", "name": "X", "kind": "government"}, "actors[0].id", "built in"),
        ({"id": "new-one", "name": "X"}, "actors[0].kind", "both name and kind"),
        ({"id": "new-one", "aliases": ["Kremlin"]}, "actors[0].id", "built-in registry or"),
        (
            {"id": "arm-government", "aliases": ["Kremlin"]},
            "actors[0].aliases[0]",
            "rus-government",
        ),
        (
            {"id": "arm-government", "affiliations": [{"actor": "nobody-known"}]},
            "actors[0].affiliations[0].actor",
            "an actor of the built-in registry",
        ),
        ({"id": "Bad Id", "aliases": ["x"]}, "actors[0].id", "lower-case"),
    ],
)
def test_bad_actor_entries_are_refused_naming_the_field(
    tmp_path: Path, entry: dict[str, Any], field: str, expected: str
) -> None:
    with _session(tmp_path) as session:
        with pytest.raises(DispatchError) as caught:
            session.app.record_actors("t", parse_actor_entries([entry], "t"))
        assert caught.value.field == field
        assert expected in caught.value.expected
        assert session.app.max_position() == 0


def test_an_alias_belongs_to_one_actor(tmp_path: Path) -> None:
    with _session(tmp_path) as session:
        first = parse_actor_entries([{"id": "arm-government", "aliases": ["Yerevan govt"]}], "a")
        session.app.record_actors("a", first)
        second = parse_actor_entries([{"id": "aze-government", "aliases": ["yerevan GOVT"]}], "b")
        with pytest.raises(DispatchError, match="already given to actor 'arm-government'"):
            session.app.record_actors("b", second)


# Properties -------------------------------------------------------------------------------


def _values(session: Session) -> list[tuple[Any, ...]]:
    db = session.fresh_views().db
    rows = db.execute(
        "SELECT party, category, low, best, high, reported_at FROM version_figures"
    ).fetchall()
    return sorted(tuple(row) for row in rows)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    alias_of=st.sampled_from(["arm-defence-ministry", "aze-government", "arm-government"]),
    order=st.permutations(range(len(STORY))),
)
def test_aliases_change_grouping_never_values_and_order_never_matters(
    tmp_path_factory: pytest.TempPathFactory, alias_of: str, order: list[int]
) -> None:
    documents = _story_documents()
    documents[2]["developments"][0]["figures"][0]["claimant"] = "Spokesperson Q"
    documents[2]["developments"][0]["claim"]["asserted_by"] = ["Spokesperson Q"]
    base = tmp_path_factory.mktemp("alias")
    with _session(base, "in-order") as first, _session(base, "shuffled") as second:
        _ingest(first, documents)
        _ingest(second, [documents[i] for i in order])
        assert _tally(first) == _tally(second)
        values = _values(first)
        drafts = parse_actor_entries([{"id": alias_of, "aliases": ["Spokesperson Q"]}], "t")
        first.app.record_actors("t", drafts)
        assert _values(first) == values  # the figures themselves never change
        totals = _tally(first)
        assert all(side != "?spokesperson q" for _, side in totals)
        for day in ("2022-09-13", "2022-09-14", "2022-09-15", "2022-09-16"):
            as_of = f"{day}T23:59:59Z"
            # Every figure in the tally is one that was given; nothing is summed.
            given_values = {best for d, _, _, _, best in STORY if d <= day}
            assert set(_tally(first, as_of).values()) <= given_values


def test_every_resolved_name_round_trips_through_actor(populated_home: Path) -> None:
    with Session(resolve_home(populated_home)) as session:
        db = session.fresh_views().db
        resolver = queries.resolver(db)
        for row in queries.actors(db):
            for name in row["names"]:
                match = queries.resolve_actor(db, name)
                assert name in match.names
                if row["id"] is not None:
                    assert match.actor == row["id"] == resolver.actor(name)


# Logs written before actors existed -------------------------------------------------------


def test_a_legacy_free_text_log_replays_with_names_resolved(tmp_path: Path) -> None:
    home = tmp_path / "legacy"
    home.mkdir()
    shutil.copy(LEGACY, home / "events.sqlite3")
    with Session(resolve_home(home)) as session:
        session.views.rebuild()
        db = session.views.db
        tally = queries.tally(db, "armenia-azerbaijan")
        assert {(t["party"], t["side"], t["best"]) for t in tally} == {
            ("ARM", "arm-government", 105),
            ("AZE", "aze-government", 71),
        }
        names = {n for r in queries.actors(db) for n in r["names"]}
        assert "Government of Armenia" in names


# ACLED actor coding -------------------------------------------------------------------------


def test_acled_codes_parties_by_kind_never_media_and_puts_the_other_side_second(
    tmp_path: Path,
) -> None:
    from timeline.reports import acled
    from timeline.reports.document import build_document

    clash = _toll("clash", "2022-09-13", "Azerbaijani media", "ARM", 1)
    clash.update(
        kind="armed_clash",
        actors=[
            "Azerbaijani media",
            "Reuters",
            "Armenian army",
            "Chatham House",
            "Azerbaijani troops",
        ],
        figures=[],
    )
    document = {
        "format": FORMAT,
        "report": _report("2022-09-14"),
        "conflicts": [CONFLICT],
        "developments": [clash],
    }
    with _session(tmp_path) as session:
        _ingest(session, [document])
        doc = build_document(
            session.fresh_views().db, queries.TimelineQuery(conflict="test-war"), log_position=0
        )
    (row,) = acled.rows(doc.developments[0], doc)
    assert (row["actor1"], row["inter1"]) == ("Military Forces of Armenia", 1)
    assert (row["actor2"], row["inter2"]) == ("Military Forces of Azerbaijan", 1)
    assert row["interaction"] == 11  # a number, as in ACLED's numeric layout
    assert "Reuters" not in (row["actor1"], row["actor2"])


def test_a_bracketed_qualifier_is_not_an_abbreviation() -> None:
    assert builtin().resolve("Protesters (Armenia)") is None


def test_an_as_of_query_uses_every_alias_in_the_log_even_one_recorded_later(
    tmp_path: Path,
) -> None:
    """The documented rule (docs/actors.md): names are resolved with all actor events in the
    log, so an alias added today regroups what was known on 14 September, and the values
    stay as they were reported then."""
    documents = _story_documents()
    documents[2]["developments"][0]["figures"][0]["claimant"] = "Armenian MoD spokeswoman"
    with _session(tmp_path) as session:
        _ingest(session, documents[:3])
        as_of = "2022-09-14T23:59:59Z"
        before = queries.tally(session.fresh_views().db, "test-war", as_of)
        # Two sides while the spokeswoman resolves to no actor: the figures stay apart.
        assert sorted(r["best"] for r in before if r["party"] == "ARM") == [49, 105]
        session.app.record_actors(
            "t",
            parse_actor_entries(
                [{"id": "arm-defence-ministry", "aliases": ["Armenian MoD spokeswoman"]}], "t"
            ),
        )
        after = {
            r["side"]: r["best"]
            for r in queries.tally(session.fresh_views().db, "test-war", as_of)
            if r["party"] == "ARM"
        }
        assert after == {"arm-government": 105}
        earlier = queries.tally(session.fresh_views().db, "test-war", "2022-09-13T23:59:59Z")
        assert {r["best"] for r in earlier if r["party"] == "ARM"} == {49}
