"""The write side: atomic, idempotent ingest into an eventsourcing log with deterministic ids."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unicodedata import normalize
from uuid import UUID, uuid5

import pytest
import yaml
from eventsourcing.application import AggregateNotFoundError, Application
from support import minimal_dispatch, open_app, seed_reference, write_document

from projections import queries
from projections.runner import ReadModels
from timeline import dispatch as dispatch_module
from timeline.application import TimelineApp
from timeline.dispatch import load_dispatch
from timeline.domain import NAMESPACE, Development, conflict_id, development_id, report_id
from timeline.errors import ConflictingDispatchError, DispatchError
from timeline.store import resolve_home

MakeDispatch = Callable[..., Path]


def _event_types(app: TimelineApp) -> Counter[str]:
    return Counter(event.type for event in app.read_log())


def _load_document(path: Path) -> dict[str, Any]:
    # The module's own YAML loader keeps dates as text, exactly as the dispatch parser sees them.
    loaded: dict[str, Any] = yaml.load(
        path.read_text(encoding="utf-8"),
        Loader=dispatch_module._StringDateLoader,
    )
    return loaded


def test_ingesting_the_seed_appends_report_conflicts_and_developments(
    app: TimelineApp, seed_dispatch: Path
) -> None:
    dispatch = load_dispatch(seed_dispatch)
    result = app.ingest(dispatch)
    expected = 1 + len(dispatch.conflicts) + len(dispatch.developments)
    assert len(dispatch.conflicts) == 2
    assert result.appended == expected
    assert result.developments == len(dispatch.developments)
    assert not result.skipped
    assert app.max_position() == expected
    assert _event_types(app) == {
        "Report.Published": 1,
        "Conflict.Defined": 2,
        "Development.Reported": len(dispatch.developments),
    }
    positions = [event.position for event in app.read_log()]
    assert positions == list(range(1, expected + 1))


def test_reingesting_the_same_file_appends_nothing(app: TimelineApp, seed_dispatch: Path) -> None:
    app.ingest(load_dispatch(seed_dispatch))
    before = app.max_position()
    again = app.ingest(load_dispatch(seed_dispatch))
    assert again.appended == 0
    assert again.skipped
    assert app.max_position() == before


def test_same_content_in_another_format_and_layout_appends_nothing(
    app: TimelineApp, seed_dispatch: Path, tmp_path: Path
) -> None:
    first = app.ingest(load_dispatch(seed_dispatch))
    before = app.max_position()
    document = _load_document(seed_dispatch)
    as_json = write_document(tmp_path / "seed.json", dict(reversed(list(document.items()))))
    again = app.ingest(load_dispatch(as_json))
    assert again.skipped
    assert again.report_id == first.report_id
    assert app.max_position() == before


def test_changed_content_for_the_same_report_is_refused(
    app: TimelineApp, seed_dispatch: Path, tmp_path: Path
) -> None:
    first = app.ingest(load_dispatch(seed_dispatch))
    before = app.max_position()
    document = _load_document(seed_dispatch)
    document["developments"][0]["summary"] = "A quietly edited summary."
    changed = write_document(tmp_path / "edited.yaml", document)
    with pytest.raises(ConflictingDispatchError) as caught:
        app.ingest(load_dispatch(changed))
    message = str(caught.value)
    assert str(first.report_id) in message
    assert "already in the log with different content" in message
    assert caught.value.exit_code == 4
    assert app.max_position() == before


def test_unknown_conflict_in_a_later_development_appends_nothing(
    app: TimelineApp, seed_dispatch: Path, make_dispatch: MakeDispatch
) -> None:
    app.ingest(load_dispatch(seed_dispatch))
    before = app.max_position()

    def third_development_names_unknown_conflict(doc: dict[str, Any]) -> None:
        extra = dict(doc["developments"][0], key="third")
        extra["conflicts"] = ["no-such-conflict", "test-border-dispute"]
        doc["developments"].append(extra)

    path = make_dispatch(third_development_names_unknown_conflict)
    dispatch = load_dispatch(path)  # valid as a file: conflicts may live in the log
    with pytest.raises(DispatchError) as caught:
        app.ingest(dispatch)
    error = caught.value
    assert error.file == str(path)
    assert error.field == "developments[2].conflicts[0]"
    assert error.found == "no-such-conflict"
    # Atomic: the report, the new conflict and the two valid developments are absent too.
    assert app.max_position() == before
    rid = report_id(None, "Test Wire", dispatch.report.published, "Minimal test dispatch")
    for absent in (rid, conflict_id("test-border-dispute"), development_id(rid, "first-clash")):
        with pytest.raises(AggregateNotFoundError):
            app.repository.get(absent)


def test_a_conflict_already_in_the_log_can_be_named_without_redefining_it(
    app: TimelineApp, seed_dispatch: Path, make_dispatch: MakeDispatch
) -> None:
    app.ingest(load_dispatch(seed_dispatch))

    def use_seed_conflict(doc: dict[str, Any]) -> None:
        doc["conflicts"] = []
        for development in doc["developments"]:
            development["conflicts"] = ["armenia-azerbaijan"]

    result = app.ingest(load_dispatch(make_dispatch(use_seed_conflict)))
    assert result.appended == 1 + 2  # the report and its two developments, no conflict


def test_repeating_an_identical_conflict_definition_appends_no_conflict_event(
    app: TimelineApp, seed_dispatch: Path, make_dispatch: MakeDispatch
) -> None:
    app.ingest(load_dispatch(seed_dispatch))
    seed_conflict = _load_document(seed_dispatch)["conflicts"][0]

    def repeat(doc: dict[str, Any]) -> None:
        doc["conflicts"] = [seed_conflict]
        for development in doc["developments"]:
            development["conflicts"] = ["armenia-azerbaijan"]

    app.ingest(load_dispatch(make_dispatch(repeat)))
    assert _event_types(app)["Conflict.Defined"] == 2


def test_redefining_a_conflict_differently_is_refused(
    app: TimelineApp, seed_dispatch: Path, make_dispatch: MakeDispatch
) -> None:
    app.ingest(load_dispatch(seed_dispatch))
    before = app.max_position()
    seed_conflict = _load_document(seed_dispatch)["conflicts"][0]

    def rename(doc: dict[str, Any]) -> None:
        doc["conflicts"] = [dict(seed_conflict, name="A different name")]

    path = make_dispatch(rename)
    with pytest.raises(DispatchError) as caught:
        app.ingest(load_dispatch(path))
    assert caught.value.file == str(path)
    assert caught.value.field == "conflicts[0]"
    assert "armenia-azerbaijan" in caught.value.expected
    assert app.max_position() == before
    assert app.repository.get(conflict_id("armenia-azerbaijan")).name == seed_conflict["name"]


def test_ids_are_deterministic_across_fresh_homes(seed_dispatch: Path, tmp_path: Path) -> None:
    logs = []
    for name in ("one", "two"):
        app = open_app(tmp_path / name)
        result = app.ingest(load_dispatch(seed_dispatch))
        logs.append((result.report_id, [(e.type, e.originator_id) for e in app.read_log()]))
        app.close()
    assert logs[0] == logs[1]


def test_report_and_development_ids_follow_the_documented_recipe(
    app: TimelineApp, seed_dispatch: Path
) -> None:
    # docs/dispatch-format.md: without a url, the report id is UUIDv5 over
    # "outlet|published (UTC)|headline"; a development id is from the report id and its key.
    result = app.ingest(load_dispatch(seed_dispatch))
    natural = "Reuters|2022-09-13T12:00:00Z|Azerbaijan, Armenia border clashes kill 99"
    assert result.report_id == uuid5(NAMESPACE, f"report:{natural}")
    expected = development_id(result.report_id, "border-clashes-overnight")
    development = app.repository.get(expected)
    assert isinstance(development, Development)
    assert development.key == "border-clashes-overnight"


def test_report_with_a_url_is_identified_by_the_url(
    app: TimelineApp, make_dispatch: MakeDispatch
) -> None:
    url = "https://example.org/2022/09/20/test"
    first = app.ingest(load_dispatch(make_dispatch(lambda d: d["report"].update(url=url))))
    assert first.report_id == report_id(url, "ignored", "ignored", "ignored")
    before = app.max_position()

    def retitled(doc: dict[str, Any]) -> None:
        doc["report"].update(url=url, headline="A new headline for the same URL")

    with pytest.raises(ConflictingDispatchError):
        app.ingest(load_dispatch(make_dispatch(retitled)))
    assert app.max_position() == before


def test_plain_eventsourcing_application_reads_the_same_log(
    home: Path, seed_dispatch: Path
) -> None:
    app = open_app(home)
    dispatch = load_dispatch(seed_dispatch)
    result = app.ingest(dispatch)
    app.close()

    env = resolve_home(home).eventsourcing_env()
    plain: Application[UUID] = Application(env=env)
    try:
        draft = dispatch.developments[0]
        development = plain.repository.get(development_id(result.report_id, draft.key))
        assert type(development) is Development
        assert development.summary == draft.summary
        assert development.reported_at == dispatch.report.published
        report = plain.repository.get(result.report_id)
        assert report.content_hash == dispatch.content_hash
        assert report.development_ids == [
            str(development_id(result.report_id, d.key)) for d in dispatch.developments
        ]
    finally:
        plain.close()


def test_recorded_time_is_stamped_by_the_log(app: TimelineApp, seed_dispatch: Path) -> None:
    started = datetime.now(UTC)
    app.ingest(load_dispatch(seed_dispatch))
    finished = datetime.now(UTC)
    stamps = [event.recorded_at for event in app.read_log()]
    assert stamps
    assert all(started <= stamp <= finished for stamp in stamps)


# --- revisions: events on existing developments, never edits ---------------------------------


def _revision_document(published: str, *revisions: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": "timeline-dispatch/1",
        "report": {
            "outlet": "Timeline Desk",
            "headline": f"Update {published}",
            "published": published,
        },
        "revisions": list(revisions),
    }


def test_a_revised_figure_is_a_new_event_on_the_same_development(
    app: TimelineApp, seed_dispatch: Path, tmp_path: Path
) -> None:
    seed = app.ingest(load_dispatch(seed_dispatch))
    before = app.max_position()
    document = _revision_document(
        "2022-09-14T09:00:00Z",
        {
            "action": "revise_figure",
            "target": seed_reference("armenian-soldiers-killed"),
            "figure": {
                "party": "ARM",
                "category": "killed",
                "best": 105,
                "claimant": "Government of Armenia",
            },
        },
    )
    result = app.ingest(load_dispatch(write_document(tmp_path / "rev.json", document)))
    assert result.appended == 2  # the revising report and one FigureRevised event
    new = list(app.read_log(before))
    assert [e.type for e in new] == ["Report.Published", "Development.FigureRevised"]
    target = development_id(seed.report_id, "armenian-soldiers-killed")
    assert new[1].originator_id == target
    assert new[1].originator_version == 2


def test_a_revision_reported_before_its_development_is_refused(
    app: TimelineApp, seed_dispatch: Path, tmp_path: Path
) -> None:
    app.ingest(load_dispatch(seed_dispatch))
    before = app.max_position()
    document = _revision_document(
        "2022-09-12T09:00:00Z",
        {"action": "retract", "target": seed_reference("border-clashes-overnight")},
    )
    with pytest.raises(DispatchError) as caught:
        app.ingest(load_dispatch(write_document(tmp_path / "early.json", document)))
    assert caught.value.field == "revisions[0]"
    assert app.max_position() == before


def test_a_revision_of_an_unknown_development_appends_nothing(
    app: TimelineApp, seed_dispatch: Path, tmp_path: Path
) -> None:
    app.ingest(load_dispatch(seed_dispatch))
    before = app.max_position()
    document = _revision_document(
        "2022-09-14T09:00:00Z",
        {"action": "corroborate", "target": seed_reference("border-clashes-overnight")},
        {"action": "corroborate", "target": seed_reference("no-such-development")},
    )
    with pytest.raises(DispatchError) as caught:
        app.ingest(load_dispatch(write_document(tmp_path / "unknown.json", document)))
    assert caught.value.field == "revisions[1].target"
    assert app.max_position() == before


def test_retracting_twice_is_refused(app: TimelineApp, seed_dispatch: Path, tmp_path: Path) -> None:
    app.ingest(load_dispatch(seed_dispatch))
    target = seed_reference("border-clashes-overnight")
    app.ingest(
        load_dispatch(
            write_document(
                tmp_path / "r1.json",
                _revision_document("2022-09-14T09:00:00Z", {"action": "retract", "target": target}),
            )
        )
    )
    before = app.max_position()
    with pytest.raises(DispatchError) as caught:
        app.ingest(
            load_dispatch(
                write_document(
                    tmp_path / "r2.json",
                    _revision_document(
                        "2022-09-15T09:00:00Z", {"action": "retract", "target": target}
                    ),
                )
            )
        )
    assert caught.value.field == "revisions[0].target"
    assert app.max_position() == before


def test_event_payloads_are_plain_json(app: TimelineApp, seed_dispatch: Path) -> None:
    app.ingest(load_dispatch(seed_dispatch))
    for event in app.read_log():
        payload = {
            k: v for k, v in vars(event.event).items() if k not in {"timestamp", "originator_id"}
        }
        json.dumps(payload)  # raises if anything is not plain JSON


def test_merging_into_a_development_reported_later_never_breaks_the_read_models(
    app: TimelineApp, tmp_path: Path
) -> None:
    def report(headline: str, published: str, keys: list[str]) -> dict[str, Any]:
        document = _revision_document(published)
        document["report"]["headline"] = headline
        document["developments"] = [
            {
                "key": key,
                "kind": "alliance_meeting",
                "summary": f"The alliance met ({headline}).",
                "occurred": {"start": "2022-09-13", "precision": "day"},
                "countries": ["ARM"],
                "claim": {"asserted_by": ["Timeline Desk"], "verification": "confirmed"},
            }
            for key in keys
        ]
        return document

    def ref(headline: str, published: str, key: str) -> dict[str, Any]:
        return {
            "report": {"outlet": "Timeline Desk", "headline": headline, "published": published},
            "key": key,
        }

    app.ingest(
        load_dispatch(
            write_document(
                tmp_path / "a.json", report("First", "2022-09-13T12:00:00Z", ["meeting"])
            )
        )
    )
    app.ingest(
        load_dispatch(
            write_document(
                tmp_path / "b.json", report("Later", "2022-09-15T12:00:00Z", ["session"])
            )
        )
    )
    merge = _revision_document(
        "2022-09-14T12:00:00Z",  # after the duplicate's report, before the survivor's
        {
            "action": "merge",
            "target": ref("First", "2022-09-13T12:00:00Z", "meeting"),
            "into": ref("Later", "2022-09-15T12:00:00Z", "session"),
        },
    )
    try:
        app.ingest(load_dispatch(write_document(tmp_path / "merge.json", merge)))
    except DispatchError as refused:  # one acceptable fix: refuse it on the write side
        assert refused.field == "revisions[0].into"
        return
    views = ReadModels(app, tmp_path / "views.sqlite3")  # the other: fold it without failing
    try:
        views.catch_up()
    finally:
        views.close()


def test_nfc_and_nfd_spellings_are_one_report_and_one_actor(
    app: TimelineApp, tmp_path: Path
) -> None:
    """Issue 18: two spellings of the same text made two reports and two actors that look
    identical. Text is normalised to NFC when a dispatch is parsed."""

    def spelt(form: str) -> dict[str, Any]:
        document = minimal_dispatch()
        document["report"]["headline"] = normalize(form, "Frappe à Jermuk: l'armée accusée")
        document["developments"][0]["actors"] = [normalize(form, "Armée arménienne")]
        return document

    app.ingest(load_dispatch(write_document(tmp_path / "nfc.yaml", spelt("NFC"))))
    before = app.max_position()
    app.ingest(load_dispatch(write_document(tmp_path / "nfd.json", spelt("NFD"))))
    assert app.max_position() == before  # the same report, the same content: nothing appended

    document = spelt("NFC")
    document["developments"][1]["actors"] = [normalize("NFD", "Armée arménienne")]
    document["report"]["headline"] = "Second report"
    app.ingest(load_dispatch(write_document(tmp_path / "mixed.json", document)))
    views = ReadModels(app, tmp_path / "views.sqlite3")
    try:
        views.catch_up()
        names = [row["actor"] for row in queries.actors(views.db)]
        typed = normalize("NFD", "armée arménienne")  # as a terminal may send it
        assert queries.actor_exists(views.db, typed) == normalize("NFC", "Armée arménienne")
    finally:
        views.close()
    assert names.count(normalize("NFC", "Armée arménienne")) == 1
    assert normalize("NFD", "Armée arménienne") not in names
