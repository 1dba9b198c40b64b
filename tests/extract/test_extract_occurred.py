"""When an event happened, where the article says it only through the day something was
said, or not at all (sentences written for these tests, not from the evaluation sets)."""

from __future__ import annotations

from typing import Any

from timeline.extract import Options, extract, from_bytes

PUBLISHED = "2023-05-11T12:00:00+00:00"  # a Thursday


def developments(text: str) -> list[dict[str, Any]]:
    extraction = extract(
        from_bytes("t.txt", text.encode()), Options(published=PUBLISHED, outlet="Wire")
    )
    found: list[dict[str, Any]] = extraction.document["developments"]
    return found


def test_an_event_dated_only_by_its_saying_is_the_main_event_before_it() -> None:
    found = developments(
        "Rebels shell market town, killing nine\n\n"
        "Rebels shelled the market town of Kolda in southern Senegal on Tuesday, local "
        "officials said.\n\n"
        "The shelling killed nine people, the regional governor said on Wednesday."
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert toll["occurred"]["start"] == "2023-05-09"


def test_a_saying_before_any_main_event_keeps_its_own_day() -> None:
    found = developments(
        "Nine killed in shelling in Senegal\n\nShelling killed nine people in Senegal, officials said "
        "on Wednesday."
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert toll["occurred"]["start"] == "2023-05-10"


def test_the_main_event_is_the_one_the_headline_tells_of() -> None:
    # The lead gives a retaliation of Thursday; the headline's event is the strike of
    # Wednesday, which the undated toll below belongs to.
    found = developments(
        "Drone strike kills four in border village\n\n"
        "Militants fired rockets at an army post early on Thursday in response, a group "
        "statement said.\n\n"
        "A drone strike hit the border village of Tamra in northern Mali on Wednesday, killing "
        "four people, "
        "the health ministry said.\n\n"
        "The strike killed four people and wounded two others, the ministry said."
    )
    last = found[-1]
    assert last["kind"] == "casualty_report"
    assert last["occurred"]["start"] == "2023-05-10"
