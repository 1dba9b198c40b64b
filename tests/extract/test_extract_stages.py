"""Each extraction stage on its own, on sentences written for these tests (never taken from
the evaluation sets): stage 1 reads an article into units, the claimants stage gives each
figure its side, the dating stage each development its time, the proposals stage the
developments."""

from __future__ import annotations

from datetime import date

from timeline.extract import figures, from_bytes
from timeline.extract.analysis import Article
from timeline.extract.claimants import Claimants
from timeline.extract.dating import Dating
from timeline.extract.proposals import Proposer
from timeline.extract.report import Options

TEXT = (
    "Shelling hits border village in Armenia\n\n"
    "Azerbaijani shelling hit the village of Sotk in eastern Armenia on Tuesday, "
    "Armenia's defence ministry said.\n\n"
    "The ministry said four soldiers were killed.\n\n"
    "Rescue workers searched the ruins."
)


def article(text: str = TEXT) -> Article:
    return Article(
        from_bytes("t.txt", text.encode()), Options(published="2023-05-11T12:00:00+00:00")
    )


def test_stage_one_reads_units_and_the_article_s_main_country() -> None:
    read = article()
    assert read.main_country == "ARM"
    assert read.headline == "Shelling hits border village in Armenia"
    assert [u.first.text.split()[0] for u in read.units] == ["Azerbaijani", "The", "Rescue"]
    first = read.units[0]
    assert [p.place.name for p in first.places] == ["Sotk"]
    assert [t.begin for t in first.timexes] == ["2023-05-09"]
    assert first.attribution.mode == "reported"
    # The attacker's adjective is no vote for where it happened.
    azerbaijani = next(m for m in first.mentions if m.code == "AZE")
    assert read.is_attacker(azerbaijani)


def test_the_claimants_stage_gives_a_figure_its_speaker_s_side() -> None:
    read = article()
    claimants = Claimants(read)
    unit = read.units[1]
    found = figures.find(
        unit.first.text,
        unit.first.start,
        unit.mentions,
        [],
        speaker_country=None,
        context_country="ARM",
    )
    assert [claimants.claimant(unit, f) for f in found] == ["Government of Armenia"]


def test_the_dating_stage_takes_the_cue_s_time_or_defaults() -> None:
    read = article()
    dating = Dating(read)
    first = read.units[0]
    timex, mode = dating.choose("shelling", first, first.timexes, None)
    assert mode == "explicit" and timex is not None and timex.begin == "2023-05-09"
    assert dating.is_old(timex, 1) and not dating.is_old(timex, 7)
    last = read.units[2]
    assert dating.choose("statement", last, last.timexes, None) == (None, "publication")


def test_the_proposals_stage_makes_developments_and_the_undated_toll_inherits() -> None:
    read = article()
    dating = Dating(read)
    proposer = Proposer(read, Claimants(read), dating)
    proposed = [made for unit in read.units for made in proposer.unit(unit)]
    kinds = [p.kind for p, _, _ in proposed]
    assert kinds[:2] == ["shelling", "casualty_report"]
    dating.settle(proposed)
    toll = proposed[1][0]
    assert toll.occurred["start"] == "2023-05-09"
    assert toll.figures == [
        {"party": "ARM", "category": "killed", "best": 4, "claimant": "Government of Armenia"}
    ]
    assert date.fromisoformat(toll.occurred["start"]) < date(2023, 5, 11)


def test_a_paragraph_with_a_photographer_s_credit_is_a_caption() -> None:
    from timeline.extract import extract

    text = (
        "Shelling hits border village in Armenia\n\n"
        "Azerbaijani shelling hit the village of Sotk in eastern Armenia on Tuesday, "
        "Armenia's defence ministry said.\n\n"
        "Azerbaijani artillery shelled a checkpoint near Jermuk on Monday. (AFP /KAREN MINASYAN)"
    )
    extraction = extract(
        from_bytes("t.txt", text.encode()), Options(published="2023-05-11T12:00:00+00:00")
    )
    summaries = [d["summary"] for d in extraction.document["developments"]]
    assert not any("checkpoint" in s for s in summaries)
    assert any(n.reason == "a caption or a repeat" for n in extraction.skipped)


def test_a_strike_and_the_toll_it_caused_are_two_developments_with_the_same_words() -> None:
    read = article(
        "Strike on market kills nine\n\n"
        "A drone strike hit a market in northern Mali on Tuesday, killing nine people, the "
        "regional governor said.\n\n"
        "Attacks with armed drones on Kidal wounded four people on Monday, officials said."
    )
    dating = Dating(read)
    proposer = Proposer(read, Claimants(read), dating)
    proposed = [made for unit in read.units for made in proposer.unit(unit)]
    dating.settle(proposed)
    first = [p for p, unit, _ in proposed if unit is read.units[0]]
    assert [p.kind for p in first] == ["shelling", "casualty_report"]
    strike, toll = first
    assert strike.figures == []
    assert [(f["party"], f["category"], f["best"]) for f in toll.figures] == [("MLI", "killed", 9)]
    assert strike.occurred == toll.occurred
    assert strike.occurred["start"] == "2023-05-09"
    # A toll whose sentence names its weapon ("attacks with armed drones") is the strike too.
    second = [p.kind for p, unit, _ in proposed if unit is read.units[1]]
    assert sorted(second) == ["casualty_report", "shelling"]


def test_a_quotation_continuing_the_last_speaker_is_its_own_development_in_their_voice() -> None:
    read = article(
        "Calm returns to border\n\n"
        "After more clashes on Saturday, the night passed quietly, Mali's army said on Sunday.\n\n"
        '"The leadership is taking all measures to stabilise the situation. Patrols continue '
        'along the border," it added.'
    )
    dating = Dating(read)
    proposer = Proposer(read, Claimants(read), dating)
    proposed = [made for unit in read.units for made in proposer.unit(unit)]
    quotes = [p.summary for p, _, _ in proposed]
    assert any(q.startswith("After more clashes") and "leadership" not in q for q in quotes)
    continued = [p for p, _, _ in proposed if p.summary.startswith('"The leadership')]
    assert len(continued) == 1
    # Both sentences of the quoted paragraph are one development, in the army's voice.
    assert "Patrols continue" in continued[0].summary
    first = next(p for p, _, _ in proposed if p.summary.startswith("After more clashes"))
    assert (
        continued[0].claim["asserted_by"] == first.claim["asserted_by"] == ["Malian Armed Forces"]
    )


def test_a_toll_in_an_attack_told_for_the_first_time_is_the_attack_too() -> None:
    read = article(
        "Attack on hotel\n\n"
        "Police in Mali said on Wednesday that 20 people died in an attack on a hotel in "
        "Bamako.\n\n"
        "Two more people died in the attack, police said."
    )
    proposer = Proposer(read, Claimants(read), Dating(read))
    kinds = [[p.kind for p, _, _ in proposer.unit(unit)] for unit in read.units]
    assert sorted(kinds[0]) == ["armed_clash", "casualty_report"]
    assert kinds[1] == ["casualty_report"]


def test_breaching_a_ceasefire_is_a_violation_alleged_also_beside_its_agreement() -> None:
    read = article(
        "Border truce\n\n"
        "Mali and Niger fought on their border on Tuesday.\n\n"
        "Mali and Niger accused each other of breaching the ceasefire.\n\n"
        "The two countries agreed to a ceasefire on Tuesday but have since accused each other "
        "of breaching it."
    )
    proposer = Proposer(read, Claimants(read), Dating(read))
    kinds = [sorted(p.kind for p, _, _ in proposer.unit(unit)) for unit in read.units]
    assert kinds[1] == ["ceasefire_violation_alleged"]
    assert kinds[2] == ["ceasefire_agreed", "ceasefire_violation_alleged"]


def test_a_strike_that_hits_a_place_is_a_strike_and_takes_the_main_event_s_day() -> None:
    read = article(
        "Strike hits village\n\n"
        "An air strike killed two people in southern Mali on Wednesday, officials said.\n\n"
        'The health ministry said an "enemy strike" hit the village of Tessit.\n\n'
        "Workers went on strike in the capital on Thursday."
    )
    dating = Dating(read)
    proposer = Proposer(read, Claimants(read), dating)
    proposed = [made for unit in read.units for made in proposer.unit(unit)]
    dating.settle(proposed)
    hit = [p for p, unit, _ in proposed if unit is read.units[1]]
    assert [p.kind for p in hit] == ["shelling"]
    assert hit[0].occurred["start"] == "2023-05-10"
    assert all(p.kind != "shelling" for p, unit, _ in proposed if unit is read.units[2])


def test_an_attack_by_gunmen_is_a_clash_and_a_word_about_militants_alone_is_not() -> None:
    read = article(
        "Village attacked\n\n"
        "Gunmen killed 12 villagers in northern Mali on Tuesday, officials said.\n\n"
        "Workers in the village were tied up in the horrific attack after armed bandits drove "
        "in on motorcycles.\n\n"
        "The government said militants remain a threat in Mali."
    )
    proposer = Proposer(read, Claimants(read), Dating(read))
    kinds = [[p.kind for p, _, _ in proposer.unit(unit)] for unit in read.units]
    assert kinds[1] == ["armed_clash"]
    assert "armed_clash" not in kinds[2]


def test_an_outbreak_or_an_attacker_s_act_beside_its_toll_is_a_clash_too() -> None:
    read = article(
        "Fighting in Mali\n\n"
        "Fighting erupted on Sunday near Gao in Mali, killing 16 people, officials said.\n\n"
        "Militants killed 12 Malian soldiers near Menaka, the army said.\n\n"
        "Five soldiers died in a clash with rebels near Kidal, the army said.\n\n"
        "Twelve Malian troops have been killed in the fighting, the army said."
    )
    proposer = Proposer(read, Claimants(read), Dating(read))
    kinds = [sorted(p.kind for p, _, _ in proposer.unit(unit)) for unit in read.units]
    assert kinds[:3] == [["armed_clash", "casualty_report"]] * 3
    # A toll of the fighting in general, passive: no attack of its own.
    assert kinds[3] == ["casualty_report"]


def test_what_the_outlet_could_not_learn_is_a_verification_note() -> None:
    read = article(
        "Strike in Mali\n\n"
        "A drone strike killed five people in Gao, Mali, on Tuesday, officials said.\n\n"
        "It was not immediately clear who carried out the strike.\n\n"
        "There was no immediate comment from the Malian army.\n\n"
        "Officials in Gao were not immediately available for comment."
    )
    proposer = Proposer(read, Claimants(read), Dating(read))
    kinds = [[p.kind for p, _, _ in proposer.unit(unit)] for unit in read.units]
    assert kinds[1:] == [["verification_note"]] * 3


def test_a_conflict_is_never_one_that_began_later_nor_a_civil_war_without_its_cues() -> None:
    from collections import Counter

    from timeline.extract import lexicon
    from timeline.extract.report import choose_conflict

    def conflict(text: str, counts: dict[str, int], published: str) -> str | None:
        options = Options(published=published)
        entries = lexicon.conflicts(None)
        return choose_conflict("t.txt", options, entries, Counter(counts), text, published)[0]

    somalia = "Ethiopian troops fought insurgents in Mogadishu, Somalia."
    # The Tigray war (Ethiopia's, from November 2020) is no Somalia story's conflict: in 2008
    # it had not begun, and in 2021 the story names none of its cues.
    assert conflict(somalia, {"SOM": 4, "ETH": 3}, "2008-08-05") is None
    assert conflict(somalia, {"SOM": 4, "ETH": 3}, "2021-08-05") is None
    tigray = "Ethiopian troops fought the TPLF in Tigray."
    assert conflict(tigray, {"ETH": 2}, "2021-08-05") == "ethiopia-tigray"
    assert conflict(tigray, {"ETH": 2}, "2008-08-05") is None


def test_with_no_conflict_a_country_named_once_beside_one_named_often_is_no_party() -> None:
    from collections import Counter

    from timeline.extract import lexicon
    from timeline.extract.report import choose_conflict

    def parties(counts: dict[str, int]) -> tuple[str, ...]:
        options = Options(published="2016-06-04")
        entries = lexicon.conflicts(None)
        text = "Rockets hit a market."
        return choose_conflict("t.txt", options, entries, Counter(counts), text, None)[1]

    assert parties({"YEM": 9, "KWT": 1}) == ("YEM",)
    # Named twice, or near as often as the first, it stays the second party.
    assert parties({"YEM": 9, "KWT": 2}) == ("YEM", "KWT")
    assert parties({"YEM": 3, "KWT": 1}) == ("YEM", "KWT")
