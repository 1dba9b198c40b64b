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


def test_the_event_named_with_its_own_day_dates_a_lead_told_only_by_its_saying() -> None:
    # The lead gives only the day it was said; a later sentence names the same event with
    # its own day ("the raid Tuesday"), which dates it and what inherits its time.
    found = developments(
        "Gunmen kill 12 in raid on Niger village\n\n"
        "Gunmen killed 12 villagers in a raid in western Niger, the interior ministry said on "
        "Thursday.\n\n"
        "The raid Tuesday was the third in the region this month, residents said.\n\n"
        "Twelve people were buried on Wednesday."
    )
    lead = found[0]
    assert lead["occurred"]["start"] == "2023-05-09"
    assert any(p["field"] == "occurred" and "raid Tuesday" in p["text"] for p in lead["provenance"])


def test_another_event_of_the_same_kind_never_dates_the_lead() -> None:
    # "a raid on Monday" is another raid (an indefinite article): the lead keeps its day.
    found = developments(
        "Gunmen kill 12 in raid on Niger village\n\n"
        "Gunmen killed 12 villagers in a raid in western Niger, the interior ministry said on "
        "Thursday.\n\n"
        "It came after a raid on Monday on a nearby market that killed three."
    )
    assert found[0]["occurred"]["start"] == "2023-05-11"


def test_told_a_listener_on_a_day_dates_the_telling_not_the_event() -> None:
    # "told AFP on Thursday": the day of the telling, with the listener between; the event
    # the quotation dates ("yesterday (Wednesday) the strike ... occurred") is the day before.
    found = developments(
        "Drone strike kills eight in Mali market\n\n"
        "Eight civilians have been killed in a drone strike on a market in central Mali, local "
        "officials told AFP on Thursday.\n\n"
        '"Yesterday (Wednesday) the strike at the market occurred in the morning and killed '
        'eight traders," said one of the officials.'
    )
    assert found[0]["occurred"]["start"] == "2023-05-10"


def test_a_headline_with_its_stop_and_a_standfirst_before_a_dateline_is_the_headline() -> None:
    extraction = extract(
        from_bytes(
            "t.txt",
            (
                "Police say 20 people died in an attack on a hotel. Militants claimed it.\n\n"
                "MOGADISHU, Somalia (AP) — Police in Somalia said Thursday that 20 people died "
                "in an attack on a hotel in the capital.\n\n"
                "The militant group said its fighters carried out the attack."
            ).encode(),
        ),
        Options(published=PUBLISHED),
    )
    document = extraction.document
    assert document["report"]["headline"] == (
        "Police say 20 people died in an attack on a hotel. Militants claimed it."
    )
    assert all("Militants claimed it" not in d["quote"] for d in document["developments"])
    assert document["developments"][0]["quote"].startswith("Police in Somalia said")


def test_a_one_line_lead_with_its_stop_is_not_a_headline_without_a_dateline_after_it() -> None:
    found = developments(
        "Somali police said 20 people died in an attack on a hotel in Mogadishu.\n\n"
        "The militant group said its fighters carried out the attack."
    )
    assert found[0]["quote"].startswith("Somali police said 20 people died")


def test_an_event_told_as_the_night_before_its_saying_is_that_night() -> None:
    found = developments(
        "Air strike destroys jail\n\n"
        "An air strike on a prison in northern Yemen has left many dead, aid workers said on "
        "Thursday (May 11) after a night of deadly bombing."
    )
    strike = found[0]
    assert strike["kind"] == "shelling"
    assert (strike["occurred"]["start"], strike["occurred"]["end"]) == ("2023-05-10", "2023-05-11")
    assert strike["occurred"]["precision"] == "night"


def test_a_time_that_opens_the_sentence_dates_the_saying_after_its_subject() -> None:
    found = developments(
        "Gunmen kill 12 in raid on Niger village\n\n"
        "Gunmen killed 12 villagers in a raid in western Niger, the interior ministry said on "
        "Thursday.\n\n"
        "Last month, the United Nations warned that Niger faced a rise in attacks.\n\n"
        "On Monday, the government announced a curfew in the region."
    )
    warned = next(d for d in found if "warned" in d["summary"])
    assert warned["occurred"]["start"] == "2023-04" and warned["occurred"]["precision"] == "month"
    curfew = next(d for d in found if "curfew" in d["summary"])
    assert curfew["occurred"]["start"] == "2023-05-08"


def test_an_old_start_of_the_war_is_never_the_main_event() -> None:
    # The only dated clash is the war's start three weeks earlier: a shelling told by its
    # reporting day is that day, not the war's start.
    found = developments(
        "Truce breached in Niger\n\n"
        "The truce was the second since heavy fighting broke out in Niger on April 20.\n\n"
        "Niger's army yesterday reported artillery shelling by rebels near Tillaberi."
    )
    shelling = next(d for d in found if d["kind"] == "shelling")
    assert shelling["occurred"]["start"] >= "2023-05-04"


def test_a_toll_that_rose_runs_from_the_strike_to_the_day_it_is_given() -> None:
    found = developments(
        "Toll from strike on market rises to 40\n\n"
        "The number of people killed by an airstrike on a market in Gao, Mali, rose to 40 as "
        "of Thursday, officials said.\n\n"
        "Jets bombed the market on Monday night, residents said."
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert (toll["occurred"]["start"], toll["occurred"].get("end")) == ("2023-05-08", "2023-05-11")


def test_days_before_as_a_sentence_adverb_and_the_setting_of_a_saying() -> None:
    found = developments(
        "Drone strike in Mali\n\n"
        "Five days before, a drone strike killed 30 civilians in Gao, Mali.\n\n"
        "In its initial statement early on Wednesday, the army had announced that two soldiers "
        "had been killed in Gao."
    )
    assert found[0]["occurred"]["start"] == "2023-05-06"
    # The saying is Wednesday's; the deaths are the strike's, told without a day of their own.
    soldiers = next(d for d in found if "two soldiers" in d["summary"])
    assert soldiers["occurred"]["start"] != "2023-05-10"


def test_a_time_inside_a_sentence_that_is_all_quotation_dates_it() -> None:
    found = developments(
        "Convoy shelled in Mali\n\n"
        "A convoy was shelled near Gao, Mali, the prosecutor reported on Thursday.\n\n"
        '"On May 9, a convoy of civilians was shelled by mortars near Gao. There were no '
        'troops in the area," the prosecutor said.'
    )
    shelled = next(d for d in found if d["summary"].startswith('"On May 9'))
    assert shelled["occurred"]["start"] == "2023-05-09"


def test_the_lead_s_event_is_the_main_event_when_the_headline_fits_both() -> None:
    found = developments(
        "Mali says 4 soldiers killed by rebel fire; rebels say operation was revenge\n\n"
        "Four Malian soldiers were shot dead by rebel fire early on May 10, the army said.\n\n"
        "The army said rebels opened fire at dawn on a post near Gao.\n\n"
        "The rebels said their operation came after the army opened fire on May 9 on rebel "
        "positions near Kidal, killing one fighter."
    )
    opened = next(d for d in found if d["summary"].startswith("The army said rebels"))
    assert opened["occurred"]["start"] == "2023-05-10"


def test_a_toll_told_by_its_saying_takes_the_ambush_the_next_paragraph_dates() -> None:
    found = developments(
        "Jihadist attack kills four in Mali\n\n"
        "Gao, May 11 (AFP) May 11, 2023\n"
        'At least two soldiers died in a "terrorist" attack on a patrol in eastern Mali, the '
        "army said Thursday.\n\n"
        "A military unit was ambushed on Wednesday near Gao, an army statement said."
    )
    toll = next(d for d in found if d["quote"].startswith("At least two soldiers"))
    assert toll["occurred"]["start"] == "2023-05-10"
    assert "Gao, May 11" not in toll["summary"]
    # The headline's four, which the body never gives, is a toll of its own.
    headline = next(d for d in found if d["quote"].startswith("Jihadist attack kills four"))
    assert [f["best"] for f in headline["figures"]] == [4]


def test_an_accusation_dated_in_its_own_words_before_the_verb_is_the_act_s_day() -> None:
    found = developments(
        "Mali accuses rebels\n\n"
        "On May 9, at around 21:00, rebel units committed large-scale provocations in the "
        "directions of Gao and Kidal, the Malian Defence Ministry said."
    )
    assert found[0]["occurred"]["start"] == "2023-05-09"
    assert {p["name"] for p in found[0]["places"]} >= {"Gao", "Kidal"}


def test_a_time_in_the_quotation_that_tells_the_event_dates_it() -> None:
    # The quotation is the account ("... have come under enemy fire"), so its time dates
    # the shelling; a time the speaker only talks of, outside the event, does not.
    text = (
        "Shelling of Kherson region\n\n"
        '"Over the past 24 hours, Bilozerka and the city of Kherson have come under enemy '
        'fire," his Telegram channel says.'
    )
    extraction = extract(
        from_bytes("t.txt", text.encode()), Options(published="2024-10-08T08:41:00+00:00")
    )
    (shelling,) = [d for d in extraction.document["developments"] if d["kind"] == "shelling"]
    assert shelling["occurred"]["start"].startswith("2024-10-07")


def test_a_day_after_the_speaker_named_after_said_dates_the_saying() -> None:
    found = developments(
        "Post attacked in Pakistan\n\n"
        "Nine soldiers were killed in an attack on a check post in Tank district of Pakistan, "
        "said the military's media wing on Wednesday.\n\n"
        "The militants attacked the check post on Tuesday."
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert toll["occurred"]["start"] == "2023-05-09"  # the attack's day, not the saying's


def test_told_newsmen_on_a_day_dates_the_telling_not_the_event() -> None:
    found = developments(
        "Gunmen kill eleven in Plateau\n\n"
        "Eleven people have been killed in attacks on villages in Plateau, Nigeria, the police "
        "spokesman told newsmen on Thursday.\n\n"
        '"The gunmen invaded the villages on Wednesday and killed eleven people," he said.'
    )
    assert found[0]["occurred"]["start"] == "2023-05-10"


def test_an_undated_event_goes_on_with_its_paragraph_s_time_not_the_main_event() -> None:
    found = developments(
        "Border clashes go on\n\n"
        "Rebels attacked an army post near Kolda in Senegal on Monday, officials said.\n\n"
        "On Wednesday, at around 03:40, soldiers saw movement near the post. After a fierce "
        "gunfight the rebels were pushed back."
    )
    gunfight = next(d for d in found if "pushed back" in d["quote"])
    assert gunfight["occurred"]["start"] == "2023-05-10"
    # The paragraph's own time never reaches into the next paragraph.
    first = next(d for d in found if "army post" in d["quote"])
    assert first["occurred"]["start"] == "2023-05-08"


def test_an_event_told_as_what_came_before_is_never_the_main_event() -> None:
    found = developments(
        "Rebels shell market town, killing nine\n\n"
        "Rebel shelling killed nine people in the market town of Kolda in Senegal, officials "
        "said.\n\n"
        "The shelling followed Monday's attack on an army post that killed two soldiers."
    )
    lead = next(d for d in found if "market town" in d["quote"])
    assert lead["occurred"]["start"] == "2023-05-11"  # the report's day, not Monday


def test_a_fronted_time_dates_the_saying_of_a_person_named_with_a_title() -> None:
    found = developments(
        "Gunmen kill 12 in raid on Niger village\n\n"
        "Gunmen killed 12 villagers in a raid in western Niger, the interior ministry said on "
        "Thursday.\n\n"
        "Earlier on Tuesday Amina Diallo, spokeswoman for the regional governor, said the "
        "region needed more troops."
    )
    said = next(d for d in found if "more troops" in d["quote"])
    assert said["occurred"]["start"] == "2023-05-09"


def test_how_the_crisis_began_never_dates_the_lead() -> None:
    found = developments(
        "Jets bomb town in Senegal\n\n"
        "Jets have bombed the market town of Kolda in southern Senegal.\n\n"
        "Officials in Senegal said several buildings were destroyed.\n\n"
        "The crisis began when rebels launched an attack on Kolda on Monday night."
    )
    lead = next(d for d in found if d["kind"] == "shelling")
    assert lead["occurred"]["start"] == "2023-05-11"  # the day of publication
    origin = next(d for d in found if "crisis began" in d["quote"])
    assert origin["occurred"]["start"] == "2023-05-08"


def test_a_running_toll_since_a_day_spans_to_publication_whatever_day_it_was_said() -> None:
    found = developments(
        "Civilian toll rises in Azerbaijan\n\n"
        "Since hostilities began on May 2, Armenian artillery attacks on Azerbaijani "
        "settlements have killed at least 61 civilians, local authorities said Monday.\n"
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert (toll["occurred"]["start"], toll["occurred"].get("end")) == ("2023-05-02", "2023-05-11")


def test_a_running_toll_told_to_parliament_runs_from_its_start() -> None:
    # "told parliament on Wednesday": the day of the telling, with its listener between; the
    # toll runs from the start it names to the publication day.
    found = developments(
        "Border toll rises\n\nThe prime minister told parliament on Wednesday that 105 "
        "Armenian servicemen had been killed since the fighting broke out early on Tuesday."
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert (toll["occurred"]["start"], toll["occurred"]["end"]) == ("2023-05-09", "2023-05-11")


def test_people_who_were_attacked_on_a_day_are_a_clash_of_that_day() -> None:
    found = developments(
        "Police patrol attacked\n\nThree police officers in a patrol truck were attacked on "
        "Tuesday near Kidal in northern Mali, police said on Thursday."
    )
    clash = next(d for d in found if d["kind"] == "armed_clash")
    assert clash["occurred"]["start"] == "2023-05-09"


def test_aircraft_that_targeted_a_place_on_a_day_are_the_strike_the_story_dates() -> None:
    # "Israeli warplanes targeted ... on Monday": a strike, so the toll of "the airstrike"
    # told earlier without a day of its own is Monday's, not the publication day's.
    found = developments(
        "Council to meet after strike on embassy\n\n"
        "The UN Security Council will meet on Friday.\n\n"
        "The airstrike killed seven Iranian advisers.\n\n"
        "Israeli warplanes targeted the Iranian embassy in Damascus on Monday afternoon."
    )
    strike = next(d for d in found if "warplanes" in d["quote"])
    assert strike["kind"] == "shelling"
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert toll["occurred"]["start"] == "2023-05-08"


def test_a_running_toll_runs_from_the_accused_attack_it_counts() -> None:
    # The fighting is told only as an accusation, dated; the toll that "has risen" since
    # spans from it to the day the toll is given.
    found = developments(
        "Toll rises\n\nThe number of Azerbaijani servicemen killed in the clashes on the border "
        "with Armenia has risen to 71, the Azerbaijani Defense Ministry said on Thursday.\n\n"
        'On the night of May 10, Baku accused Yerevan of "large-scale subversive actions" in '
        "the Dashkesan and Kalbajar directions."
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert (toll["occurred"]["start"], toll["occurred"]["end"]) == ("2023-05-10", "2023-05-11")


def test_a_lead_that_gives_a_running_toll_dates_the_rest_on_the_day_it_is_given() -> None:
    # The lead's toll runs from a siege begun a week ago; the undated paragraphs after it
    # tell of the toll as it stands, on the day it was given (Thursday), not of the
    # siege's first day, which a later sentence names and the headline's words share.
    found = developments(
        "Kolda death toll for week more than 300\n\n"
        "More than 300 people have been killed in Kolda, Senegal, since troops began a siege "
        "of the town a week ago, the head of the town's hospital said Thursday.\n\n"
        "Bodies were being buried in two football fields, residents said.\n\n"
        "The death toll from the siege, which started early last Friday, may be even higher."
    )
    lead = found[0]
    assert (lead["occurred"]["end"], lead["occurred"]["precision"]) == ("2023-05-11", "week")
    buried = next(d for d in found if "Bodies" in d["quote"])
    assert buried["occurred"]["start"] == "2023-05-11"


def test_a_time_after_in_a_statement_dates_the_saying_not_the_event() -> None:
    # "it said in a statement released late on Wednesday": the day of the statement; the
    # soldiers went missing in Tuesday's attack, the main event.
    found = developments(
        "Militants kill 17 soldiers in Mali\n\n"
        "Militants killed 17 Malian soldiers in an attack near the town of Tessit on Tuesday, "
        "the Malian army said.\n\n"
        "Nine soldiers were also reported missing, it said in a statement released late on "
        "Wednesday."
    )
    missing = next(d for d in found if "Nine soldiers" in d["quote"])
    assert missing["occurred"]["start"] == "2023-05-09"


def test_a_statement_told_to_reporters_on_a_day_is_dated_that_day() -> None:
    found = developments(
        "Mali calls for talks\n\n"
        "The Malian government told reporters on Tuesday that it was ready for talks with the "
        "armed groups."
    )
    assert found[0]["occurred"]["start"] == "2023-05-09"


def test_what_came_a_day_after_dates_the_earlier_event_from_the_main_event() -> None:
    # The ambush was on Tuesday (the main event); "came a day after" puts the rebels' attack
    # on Monday, not on the day before publication (Wednesday), and it is no main event.
    found = developments(
        "Rebels ambush convoy in Mali\n\n"
        "Rebels ambushed an army convoy near Kidal in northern Mali on Tuesday, killing nine "
        "soldiers, the army said.\n\n"
        "The ambush came a day after rebels attacked a remote outpost near Tessalit, killing "
        "four soldiers."
    )
    ambush = next(d for d in found if "ambushed an army convoy" in d["quote"])
    assert ambush["occurred"]["start"] == "2023-05-09"
    earlier = [d for d in found if "came a day after" in d["quote"]]
    assert earlier and all(d["occurred"]["start"] == "2023-05-08" for d in earlier)


def test_what_happened_weeks_before_the_main_event_is_dated_from_it() -> None:
    # "This happened barely two weeks after ...": fourteen days before the main event
    # (Tuesday 9 May), not before publication.
    found = developments(
        "Gunmen kill nine in Plateau village\n\n"
        "Gunmen killed nine villagers in Kwatas, Plateau State, Nigeria, on Tuesday, police "
        "said. This happened barely two weeks after herdsmen killed 12 people in Mangu."
    )
    earlier = [d for d in found if "two weeks after" in d["quote"]]
    assert earlier and all(d["occurred"]["start"] == "2023-04-25" for d in earlier)


def test_a_ceasefire_violation_with_its_time_is_the_main_event() -> None:
    # A daily military bulletin: the violations over the past day are the event, and the
    # undated fighting and toll after it took place over the same day, not on the day of
    # an older shelling told further down.
    found = developments(
        "Separatists violate truce nine times, one soldier killed\n\n"
        "Over the past 24 hours, separatist forces violated the ceasefire in Donbas nine "
        "times, Ukraine's Joint Forces Operation said.\n\n"
        "One Ukrainian soldier was killed and two were wounded.\n\n"
        "The enemy attacked Ukrainian positions near Krymske using mortars.\n\n"
        "According to Ukrainian intelligence, on May 8 the separatists shelled positions "
        "near Avdiivka."
    )
    violation = next(d for d in found if d["kind"] == "ceasefire_violation_alleged")
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert violation["occurred"]["start"] == "2023-05-10"
    assert toll["occurred"] == {k: v for k, v in violation["occurred"].items() if k != "phrase"}


def test_a_lead_dated_by_its_saying_takes_the_clash_the_third_paragraph_dates() -> None:
    # The lead gives only the day of the statement; the spokesman's account two paragraphs
    # down dates the fighting itself (the lead, then its source, then the account).
    found = developments(
        "12 rebels killed as troops repel raid on base\n\n"
        "The army on Wednesday said its soldiers had killed 12 rebels after repelling a raid "
        "on a base near Gao in northern Mali.\n\n"
        "Colonel Issa Maiga, the army spokesman, made the disclosure in a statement issued in "
        "Bamako.\n\n"
        "He said the soldiers repelled an attempt by the rebels to overrun the base on Tuesday "
        "in the area."
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert toll["occurred"]["start"] == "2023-05-09"


def test_a_clash_dated_far_down_the_article_is_not_the_lead_s_event() -> None:
    # A clash dated only in the fifth paragraph is told as later detail, not the lead's day.
    found = developments(
        "12 rebels killed as troops repel raid on base\n\n"
        "The army on Wednesday said its soldiers had killed 12 rebels after repelling a raid "
        "on a base near Gao in northern Mali.\n\n"
        "Colonel Issa Maiga, the army spokesman, made the disclosure in a statement.\n\n"
        "The region has seen repeated raids this year.\n\n"
        "Aid groups said thousands had fled the area.\n\n"
        "Separately, soldiers clashed with rebels near Kidal on Tuesday."
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert toll["occurred"]["start"] == "2023-05-10"


def _published(text: str, published: str) -> list[dict[str, Any]]:
    extraction = extract(
        from_bytes("t.txt", text.encode()), Options(published=published, outlet="Wire")
    )
    found: list[dict[str, Any]] = extraction.document["developments"]
    return found


def test_a_toll_of_the_whole_war_runs_from_the_day_the_war_began() -> None:
    found = _published(
        "RSF shells El Fasher market\n\n"
        "The Rapid Support Forces shelled a market in El Fasher in Sudan on Friday, killing "
        "eight people, medics said.\n\n"
        "The conflict has resulted in approximately 20,000 deaths, according to the United "
        "Nations.",
        "2024-09-28T12:00:00Z",
    )
    war = next(d for d in found if "20,000" in d["quote"])
    assert (war["occurred"]["start"], war["occurred"]["end"]) == ("2023-04-15", "2024-09-28")
    day = next(d for d in found if d["kind"] == "casualty_report" and "eight" in d["quote"])
    assert day["occurred"]["start"] == "2024-09-27"
    assert "end" not in day["occurred"] or day["occurred"]["end"][:10] <= "2024-09-28"


def test_a_toll_of_one_attack_in_a_war_is_not_the_war_s_toll() -> None:
    found = _published(
        "RSF shells El Fasher market\n\n"
        "The Rapid Support Forces shelled a market in El Fasher in Sudan on Friday.\n\n"
        "The attack has killed eight people, medics said.",
        "2024-09-28T12:00:00Z",
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert toll["occurred"]["start"] != "2023-04-15"


def test_a_toll_of_the_whole_fighting_runs_from_the_start_the_article_gives() -> None:
    found = _published(
        "Over 400 die in battles for Kobane\n\n"
        "Over 400 people have been killed in weeks-long clashes between Islamic State and "
        "Kurdish fighters in Kobane in Syria, the Syrian Observatory for Human Rights reported "
        "Tuesday.\n\n"
        "Since they unleashed their attack on Sept. 16, the militants have captured over 300 "
        "villages around Kobane.",
        "2014-10-08T06:48:00+08:00",
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert (toll["occurred"]["start"], toll["occurred"]["end"][:10]) == (
        "2014-09-16",
        "2014-10-07",
    )


def test_a_toll_of_one_day_keeps_its_day_beside_a_start_the_article_gives() -> None:
    found = _published(
        "Fighting for Kobane\n\n"
        "Four people were killed in clashes in Kobane in Syria, the Syrian Observatory for "
        "Human Rights reported Tuesday.\n\n"
        "Since they unleashed their attack on Sept. 16, the militants have captured over 300 "
        "villages around Kobane.",
        "2014-10-08T06:48:00+08:00",
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert toll["occurred"]["start"] == "2014-10-07"


def test_a_start_told_as_launched_on_a_day_dates_a_toll_of_the_whole_operation() -> None:
    found = _published(
        "Afrin toll rises\n\n"
        "During the operation, the Syrian Observatory for Human Rights has documented the "
        "deaths of 163 Kurdish fighters in Afrin in Syria.\n\n"
        "Turkey launched its operation against the Kurdish canton on January 20.",
        "2018-02-13T12:00:00Z",
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert (toll["occurred"]["start"], toll["occurred"]["end"][:10]) == (
        "2018-01-20",
        "2018-02-13",
    )


def test_a_toll_that_climbed_runs_from_the_day_the_fighting_started() -> None:
    found = _published(
        "Marawi toll climbs\n\n"
        "The military's death toll in Marawi in the Philippines has climbed to 85, the defense "
        "secretary said on Thursday.\n\n"
        "Soldiers have recovered 425 firearms since the fighting started on May 23.",
        "2017-07-06T12:00:00Z",
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert (toll["occurred"]["start"], toll["occurred"]["end"][:10]) == (
        "2017-05-23",
        "2017-07-06",
    )


def test_a_truce_s_start_is_not_the_fighting_s() -> None:
    found = _published(
        "Fighting in Taiz\n\n"
        "Up to 18 soldiers were wounded so far in the ongoing fight in Taiz in Yemen, a "
        "military official said on Sunday.\n\n"
        "Both warring sides have been in a shaky cease-fire since April 10.",
        "2016-06-06T12:00:00Z",
    )
    toll = next(d for d in found if d["kind"] == "casualty_report")
    assert toll["occurred"]["start"] != "2016-04-10"


def test_a_saying_that_goes_on_with_a_dated_one_is_said_that_day() -> None:
    found = _published(
        "Qatar intercepts missiles\n\n"
        "Qatar's Ministry of Defense said on Monday that its air defences intercepted two "
        "missiles over Ras Laffan in Qatar.\n\n"
        "The ministry said all projectiles were intercepted before reaching their targets.\n\n"
        "It added that the armed forces remain ready.",
        "2026-03-03T12:00:00Z",
    )
    said = [d for d in found if d["kind"] == "statement"]
    assert [d["occurred"]["start"] for d in said] == ["2026-03-02", "2026-03-02"]


def test_a_source_with_no_time_of_telling_dates_no_saying_after_it() -> None:
    # "..., according to the minister" dates the attack, not a saying: what he said later
    # in the article is dated on publication.
    found = _published(
        "Attacks on camps\n\n"
        "Twelve soldiers were killed after militants attacked two camps in Balochistan in "
        "Pakistan late on Wednesday night, according to Home Minister Mir Zia Lango.\n\n"
        '"A clearance operation is currently underway," he said during a press conference.',
        "2022-02-03T12:00:00Z",
    )
    said = next(d for d in found if "clearance" in d["quote"])
    assert said["occurred"]["start"] == "2022-02-03"


def test_a_time_inside_a_passive_telling_dates_the_telling_not_the_event() -> None:
    # "were on Wednesday confirmed killed": neither "No" nor anyone is the speaker, and the
    # killing is the attack the next paragraph dates, not the day of the confirming.
    found = developments(
        "Gunmen kill 13 in Plateau village\n\n"
        "No fewer than 13 persons were on Wednesday confirmed killed in a fresh attack by "
        "gunmen in Plateau State, Nigeria.\n\n"
        "Villagers said the attack on Kwatas took place on Tuesday night."
    )
    toll = next(d for d in found if d["kind"] == "casualty_report" and d.get("figures"))
    assert toll["claim"]["asserted_by"] == ["Wire"]
    assert toll["occurred"]["start"] == "2023-05-09"


def test_since_then_runs_from_the_time_told_before_to_the_telling() -> None:
    # "Since then" takes up the last time the text gave (Friday 5 May), to publication.
    found = developments(
        "Tribal clashes in Kurram\n\n"
        "On May 5, convoys near Mandori in Kurram district, Pakistan, came under heavy gunfire "
        "from armed assailants, police said.\n\n"
        "Since then, clashes between the tribes have killed 85 people, with 80 others injured."
    )
    toll = next(d for d in found if "Since then" in d["quote"] and d.get("figures"))
    assert (toll["occurred"]["start"], toll["occurred"].get("end")) == ("2023-05-05", "2023-05-11")
    # Without "since then", the toll is the main event's day.
    plain = developments(
        "Tribal clashes in Kurram\n\n"
        "On May 5, convoys near Mandori in Kurram district, Pakistan, came under heavy gunfire "
        "from armed assailants, police said.\n\n"
        "Clashes between the tribes killed 85 people, with 80 others injured."
    )
    toll = next(d for d in plain if d.get("figures"))
    assert toll["occurred"].get("end") is None


def test_what_came_just_days_before_the_main_event_is_some_days_before_it() -> None:
    # "came just days after": from five days before the main event (Tuesday 9 May) to the
    # day before, approximate; a counted "two days after" stays one day.
    found = developments(
        "Strike hits school in Gaza\n\n"
        "An Israeli strike hit a school sheltering displaced people in Nuseirat, Gaza, on "
        "Tuesday, killing 22 people, the civil defence agency said. The attack came just days "
        "after an Israeli air strike on a nearby school killed 17 people."
    )
    earlier = [d for d in found if "just days after" in d["quote"]]
    assert earlier
    assert all(
        (d["occurred"]["start"], d["occurred"].get("end"), d["occurred"]["precision"])
        == ("2023-05-04", "2023-05-08", "approximate")
        for d in earlier
    )
