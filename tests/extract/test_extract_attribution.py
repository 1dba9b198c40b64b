"""Who asserts each development, and how far it is verified, on whole drafts."""

from __future__ import annotations

from typing import Any

import pytest

from timeline.extract import Options, extract, from_bytes


def developments_of(text: str, published: str, outlet: str | None = None) -> list[dict[str, Any]]:
    """The drafted developments of a whole article (headline, blank line, body)."""
    extraction = extract(
        from_bytes("t.txt", text.encode()), Options(published=published, outlet=outlet)
    )
    developments: list[dict[str, Any]] = extraction.document["developments"]
    return developments


def draft(body: str, published: str = "2022-09-13T12:00:00+00:00") -> list[dict[str, Any]]:
    text = "Border fighting between Armenia and Azerbaijan\n\n" + body
    return developments_of(text, published, outlet="Wire")


def figure_claimants_of(found: list[dict[str, Any]]) -> list[tuple[int | None, str]]:
    return [
        (figure.get("best", figure.get("low")), figure["claimant"])
        for d in found
        for figure in d.get("figures", [])
    ]


def claims(body: str) -> list[dict[str, Any]]:
    return [d["claim"] for d in draft(body)]


def test_x_said_is_claimed_by_x() -> None:
    assert claims("Armenia said Azerbaijan bombed cities near the border.") == [
        {"asserted_by": ["Government of Armenia"], "verification": "claimed"}
    ]


def test_inverted_said_and_unknown_people() -> None:
    assert claims(
        "Azerbaijan fired on Armenian positions overnight, said Laurence Broers, an analyst."
    ) == [{"asserted_by": ["Laurence Broers"], "verification": "claimed"}]


def test_according_to_and_accused() -> None:
    assert claims(
        "Armenian troops shelled the town, according to the Azerbaijani Foreign Ministry."
    ) == [{"asserted_by": ["Azerbaijani Foreign Ministry"], "verification": "claimed"}]
    assert claims("Nikol Pashinyan accused Azerbaijan of attacking Armenian cities.") == [
        {"asserted_by": ["Nikol Pashinyan"], "verification": "claimed"}
    ]


def test_pronouns_refer_to_the_previous_speaker() -> None:
    found = claims(
        "Azerbaijan said Armenian sabotage units opened fire.\n\n"
        "He also accused Armenian troops of firing heavy weapons in violation of the ceasefire."
    )
    assert [c["asserted_by"] for c in found] == [["Government of Azerbaijan"]] * 2


def test_mutual_blame_is_disputed_by_both() -> None:
    assert claims("Armenia and Azerbaijan blamed each other for renewed fighting overnight.") == [
        {
            "asserted_by": ["Government of Armenia", "Government of Azerbaijan"],
            "verification": "disputed",
            "disputed_by": ["Government of Armenia", "Government of Azerbaijan"],
        }
    ]


def test_each_side_gives_its_own_figures() -> None:
    found = draft(
        "At least 49 Armenian soldiers and 50 Azerbaijani troops were killed, according to each side."
    )
    assert [(d["claim"]["asserted_by"], d["figures"][0]["claimant"]) for d in found] == [
        (["Government of Armenia"], "Government of Armenia"),
        (["Government of Azerbaijan"], "Government of Azerbaijan"),
    ]


def test_outlet_voice_self_evident_acts_and_verification() -> None:
    assert claims(
        "Russia and the United States have called on both countries to exercise restraint."
    ) == [{"asserted_by": ["Wire"], "verification": "confirmed"}]
    # An appeal is self-evident even when reported: confirmed, asserted by the speaker.
    assert claims("Russia urged both sides to show restraint, the Kremlin said.") == [
        {"asserted_by": ["Government of Russia"], "verification": "confirmed"}
    ]
    assert claims("Wire was unable to immediately verify either side's battlefield accounts.") == [
        {"asserted_by": ["Wire"], "verification": "confirmed"}
    ]
    assert claims("Armenian forces reportedly shelled the village of Tovuz overnight.") == [
        {"asserted_by": ["Wire"], "verification": "unverified"}
    ]


def test_a_denial_disputes_the_claim() -> None:
    assert claims("Armenia accuses Azerbaijan of shelling Jermuk, a charge Baku denies.") == [
        {
            "asserted_by": ["Government of Armenia"],
            "verification": "disputed",
            "disputed_by": ["Government of Azerbaijan"],
        }
    ]


def test_passive_reported_is_not_a_speaker() -> None:
    assert claims("Gunfire was reported near Jermuk overnight, residents said.") == [
        {"asserted_by": ["Residents"], "verification": "claimed"}
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The ensuing conflict said nothing of the sort.",
        "And the shelling continued, it was reported.",
        "In turn said the border was closed.",
    ],
)
def test_words_that_name_no_one_are_never_a_speaker(sentence: str) -> None:
    article = f"Border tense\n\nArmenia and Azerbaijan traded fire on Tuesday. {sentence}"
    extraction = extract(
        from_bytes("a.txt", article.encode()), Options(published="2022-09-14T10:00Z")
    )
    speakers = {a for d in extraction.dispatch.developments for a in d.claim.asserted_by}
    assert not speakers & {"The ensuing conflict", "And", "In turn", "In turn."}


def test_told_names_its_listener_after_the_verb_never_its_speaker() -> None:
    found = claims(
        "A witness, Karen Petrosyan, told Reuters that shells hit houses near the border."
    )
    assert found[0]["asserted_by"] == ["Karen Petrosyan"]


def test_a_sentence_adverb_before_a_pronoun_still_refers_to_the_last_speaker() -> None:
    found = claims(
        "The Armenian Defence Ministry said shelling hit Jermuk. "
        "Earlier it said two soldiers were wounded."
    )
    assert [c["asserted_by"] for c in found][-1] == ["Armenian Defence Ministry"]


def test_a_hyphenated_modifier_is_never_the_speaker() -> None:
    found = claims(
        "Shelling has killed at least five civilians in Armenia's Jermuk, according to the "
        "country's Western-backed government."
    )
    assert found[0]["asserted_by"] != ["Western-backed"]
    assert "government" in found[0]["asserted_by"][0]


def test_accused_takes_an_object_never_an_inverted_speaker() -> None:
    found = claims(
        "Meanwhile, a spokesman for Armenia's defence ministry, whose troops hold the pass, "
        "accused the Baku-based command of firing rockets on Monday on Jermuk."
    )
    # The subject before the relative clause, after the opening adverb: the ministry.
    assert found[0]["asserted_by"] == ["Armenian Defence Ministry"]


def test_a_clause_that_introduces_the_speaker_is_not_part_of_the_speaker() -> None:
    found = claims(
        "This comes a day after Armenian security officials, speaking on condition of "
        "anonymity, told reporters that Azerbaijan had shelled Jermuk."
    )
    assert found[0]["asserted_by"] == ["Armenian security officials"]


def test_a_name_with_an_arabic_article_between_commas_is_the_speaker() -> None:
    article = (
        "Attack in Mogadishu\n\nAl-Qaeda's East Africa affiliate, al-Shabaab, said through its "
        "radio station that its fighters carried out the attack in Mogadishu."
    )
    extraction = extract(
        from_bytes("a.txt", article.encode()), Options(published="2024-08-03T10:00Z")
    )
    assert extraction.dispatch.developments[0].claim.asserted_by == ("Al-Shabaab",)


def test_a_passive_with_an_adverb_is_no_reporting_verb() -> None:
    found = draft(
        "Militants killed 17 Armenian soldiers near Jermuk on Sunday, the Armenian army said.\n\n"
        "Nine soldiers were also reported missing, it said, adding that it suspected an "
        "Islamic State affiliate."
    )
    missing = next(d for d in found if "missing" in d["summary"])
    # The army's figure, of its own soldiers; never Syria's (the group's home), never "Nine".
    assert [(f["party"], f["claimant"]) for f in missing["figures"]] == [
        ("ARM", "Government of Armenia")
    ]


def test_the_body_that_spoke_is_the_ministry_of_later_sentences() -> None:
    found = draft(
        "Units of the Azerbaijani army entered the area of Parukh, Artsakh’s Defense Ministry "
        "reports.\n\n"
        "At least five Azerbaijani servicemen were killed, one Armenian soldier is wounded, "
        "the Ministry said."
    )
    toll = next(d for d in found if d.get("figures"))
    assert {f["claimant"] for f in toll["figures"]} == {"Republic of Artsakh"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Shells hit Jermuk, Armenia denied claims that its troops fired first, citing reports.",
        "The shelling of Jermuk was confirmed by media reports.",
    ],
)
def test_reports_as_a_noun_is_no_reporting_verb(sentence: str) -> None:
    found = claims(sentence)
    assert all(not {"Media", "The", "Citing"} & set(c["asserted_by"]) for c in found)


def test_he_said_after_a_person_introduced_with_a_title_is_that_person() -> None:
    found = draft(
        "The Azerbaijani army said the fire wounded 17 people in Jermuk.\n\n"
        "In Armenia, a spokesman for Syunik's governor, Karen Petrosyan, appeared to link the "
        "clashes with new checkpoints. He said one Armenian soldier was killed."
    )
    toll = next(d for d in found if "He said" in d["summary"])
    assert toll["claim"]["asserted_by"] == ["Karen Petrosyan"]
    assert {f["claimant"] for f in toll["figures"]} == {"Government of Armenia"}


def test_who_is_quoted_speaks_and_a_capital_that_brokered_is_no_place() -> None:
    found = draft(
        "Interfax quoted the Armenian health ministry as saying that 3 civilians were wounded "
        "in Jermuk.\n\n"
        "Russian President Vladimir Putin called for calm.\n\n"
        "Azerbaijan accused Armenia of violating the ceasefire brokered by Moscow."
    )
    assert found[0]["claim"]["asserted_by"] == ["Armenian Health Ministry"]
    assert {f["claimant"] for f in found[0]["figures"]} == {"Government of Armenia"}
    # A capital that brokered a ceasefire is its government, not where anything happened.
    assert all(p["name"] != "Moscow" for d in found for p in d.get("places", []))


def figure_claimants(body: str) -> list[tuple[int | None, str]]:
    return figure_claimants_of(draft(body))


def test_a_paragraph_goes_on_with_its_last_speaker() -> None:
    # A sentence with no speaker of its own, later in the paragraph that named one, goes on
    # with that speaker's account, whether or not the speaker gave a count before.
    assert figure_claimants(
        "According to Armenia's Investigative Committee, shots were heard near the village. "
        "Protesters threw stones at the police. Two police officers were injured."
    ) == [(2, "Government of Armenia")]
    # ... and the development's claim says so, as its figures do.
    toll = draft(
        "According to Armenia's Investigative Committee, shots were heard near the village. "
        "Two police officers were injured."
    )[-1]
    assert toll["claim"] == {"asserted_by": ["Government of Armenia"], "verification": "claimed"}
    # A new paragraph is the outlet's own voice again.
    assert figure_claimants(
        "According to Armenia's Investigative Committee, shots were heard near the village.\n\n"
        "Two police officers were injured."
    ) == [(2, "Wire")]


def test_a_capitalised_title_after_the_name_keeps_the_speaker() -> None:
    # Agency copy capitalises the office: the speaker is still the person before it, and
    # the office resolves their side.
    assert figure_claimants(
        "Artur Sargsyan, Deputy Commander of the Artsakh Defense Army, said five Armenian "
        "soldiers were killed."
    ) == [(5, "Republic of Artsakh")]


def test_a_person_named_then_titled_is_known_by_surname_later() -> None:
    assert figure_claimants(
        "Nino Beridze, the chairwoman of the Defense Committee of the Georgian Parliament, "
        "spoke on Monday.\n\nBeridze stated that 61 Georgian soldiers were wounded."
    ) == [(61, "Government of Georgia")]


def test_a_speaker_who_said_this_claims_the_sentence_before() -> None:
    found = draft(
        "Five Georgian soldiers were killed near the border. The Georgian Defense Ministry "
        "reported this information to journalists."
    )
    assert len(found) == 1  # one development: the second sentence only says who told it
    assert found[0]["claim"]["asserted_by"] == ["Georgian Defence Ministry"]
    assert found[0]["figures"][0]["claimant"] == "Government of Georgia"
    found = draft(
        "Five Georgian soldiers were killed. This was reported by the Georgian Defense Ministry."
    )
    assert [d["figures"][0]["claimant"] for d in found] == ["Government of Georgia"]
    # "said this week" is a time, not a pointer back.
    found = draft(
        "Five Georgian soldiers were killed near the border. The Georgian Defense Ministry "
        "said this week that talks would resume."
    )
    assert found[0]["claim"]["asserted_by"] == ["Wire"]


@pytest.mark.parametrize("verb", ["stressed", "noted", "emphasized", "pointed out", "admitted"])
def test_agency_reporting_verbs(verb: str) -> None:
    assert claims(
        f"Azerbaijani forces shelled the village, the Armenian Defense Ministry {verb}."
    ) == [{"asserted_by": ["Armenian Defence Ministry"], "verification": "claimed"}]


def test_an_office_after_the_verb_in_lower_case_is_the_speaker() -> None:
    # "..., said head of the Regional Military Administration, Oleksandr Prokudin": the
    # speaker follows the verb; a regional office speaks for its country's government.
    text = (
        "Shelling of Kherson region\n\nRussian troops continue to shell Kherson region, 24 "
        "people were wounded, said head of the Regional Military Administration, Oleksandr "
        "Prokudin."
    )
    found = developments_of(text, "2024-10-08T12:00:00+00:00")
    assert figure_claimants_of(found) == [(24, "Government of Ukraine")]


def test_a_comma_inside_the_quotation_is_not_the_speaker_s() -> None:
    # "'... 20 people, mainly police,' Shabaab's military spokesman, Abdulaziz Abu Musab,
    # told AFP": the speaker is after the quotation, and the office names his side.
    text = (
        "Attack in Lamu\n\n"
        '"We carried out another attack last night. We killed 20 people, mainly police," '
        "Shabaab's military spokesman, Abdulaziz Abu Musab, told AFP by telephone."
    )
    found = developments_of(text, "2014-06-17T12:00:00+00:00")
    (toll,) = [d for d in found if d.get("figures")]
    assert toll["claim"]["asserted_by"] == ["Abdulaziz Abu Musab"]
    assert figure_claimants_of([toll]) == [(20, "Al-Shabaab")]


def test_a_named_spokesman_with_an_arabic_name_and_an_owned_ministry() -> None:
    # "A spokesman for the Houthi-rebel-run Health Ministry, Youssef al-Hadari, says":
    # the name has a particle, the title opens the sentence, the ministry has an owner.
    text = (
        "Strike in Yemen's Hodeida\n\n"
        "A spokesman for the Houthi-rebel-run Health Ministry, Ahmed al-Mansour, says that "
        "beyond the 12 killed there were also 30 wounded in the Saturday strike."
    )
    found = developments_of(text, "2018-07-29T12:00:00+00:00")
    (toll,) = found
    assert toll["claim"]["asserted_by"] == ["Ahmed al-Mansour"]
    assert figure_claimants_of([toll]) == [(12, "Houthis"), (30, "Houthis")]


def test_a_title_after_the_verb_names_the_person_for_later() -> None:
    # "..., said head of the Regional Military Administration, Oleksandr Prokudin." makes
    # "Prokudin" the administration's later; "noted" ends his words (the phrase never runs
    # on into "that due to Russian aggression"), and the one party named, Russia, is the
    # attacker here, not the party of the dead.
    text = (
        "Shelling of Kherson region\n\n"
        "Russian troops continue to shell Kherson region, 24 people were wounded, said head "
        "of the Regional Military Administration, Oleksandr Prokudin.\n\n"
        "Prokudin noted that due to Russian aggression, one person died."
    )
    found = developments_of(text, "2024-10-08T12:00:00+00:00")
    last = found[-1]
    assert [(f["party"], f["claimant"]) for f in last["figures"]] == [
        ("UKR", "Government of Ukraine")
    ]


def test_the_previous_speaker_s_own_channel_is_that_speaker() -> None:
    found = claims(
        "Armenia's defence ministry said Azerbaijani troops opened fire overnight.\n\n"
        '"The shelling continued until morning," its statement said.'
    )
    assert [c["asserted_by"] for c in found] == [["Armenian Defence Ministry"]] * 2


def test_ranks_before_a_name_after_the_verb_and_a_bare_office() -> None:
    # "said Brig. Gen. Azad Jalal, assistant police chief in Kirkuk.": no sentence ends at
    # "Brig.", the speaker is the name after the ranks, and the bare office gives the side.
    text = (
        "Attack in Kirkuk\n\n"
        "At least 63 people died in clashes across the Iraqi city, said Brig. Gen. Azad "
        "Jalal, assistant police chief in Kirkuk.\n\n"
        "No one immediately claimed the attack."
    )
    found = developments_of(text, "2016-10-22T12:00:00+00:00")
    toll, *rest = found
    assert toll["claim"]["asserted_by"] == ["Azad Jalal"]
    assert figure_claimants_of([toll]) == [(63, "Government of Iraq")]
    # "No one" claimed nothing: never a speaker called "No".
    assert all("No" not in d["claim"]["asserted_by"] for d in rest)


def test_an_outlet_named_by_its_web_address() -> None:
    # "According to Caliber.Az": the speaker is the whole address, never "Caliber" (and
    # no sentence ends inside it).
    text = (
        "Clash on the border\n\n"
        "According to Caliber.Az, an Armenian sniper wounded an Azerbaijani serviceman."
    )
    found = developments_of(text, "2024-02-13T12:00:00+00:00")
    (toll,) = found
    assert toll["claim"]["asserted_by"] == ["Caliber.Az"]
    assert figure_claimants_of([toll]) == [(1, "Caliber.az")]


def test_indicated_or_showed_that_reports_what_its_subject_says() -> None:
    assert claims(
        "Figures from the Armenian Defence Ministry indicated that 12 soldiers were killed."
    ) == [{"asserted_by": ["Armenian Defence Ministry"], "verification": "claimed"}]
    # Without "that" the verb reports nothing ("the map indicated the positions").
    assert claims("Azerbaijani shelling hit Jermuk, as the map indicated.") != [
        {"asserted_by": ["Map"], "verification": "claimed"}
    ]


def test_as_per_attributes_like_according_to() -> None:
    assert claims("Nine Armenian soldiers were killed near Jermuk, as per the Armenian army.") == [
        {"asserted_by": ["Armenian Armed Forces"], "verification": "claimed"}
    ]


@pytest.mark.parametrize("title", ["Father", "Pastor", "Imam", "Sheikh", "Bishop"])
def test_a_cleric_s_title_is_no_part_of_his_name(title: str) -> None:
    assert claims(
        f"Nine Armenian soldiers were killed near Jermuk, {title} Everaldo Souza said."
    ) == [{"asserted_by": ["Everaldo Souza"], "verification": "claimed"}]


def test_a_conjunction_opening_the_sentence_is_no_part_of_the_speaker() -> None:
    assert claims(
        "But the Armenian Defence Ministry in Yerevan confirmed the killing of 11 soldiers."
    ) == [{"asserted_by": ["Armenian Defence Ministry"], "verification": "claimed"}]
    assert claims("And the ministry said 11 Armenian soldiers were killed.")[0]["asserted_by"] != [
        "Wire"
    ]


@pytest.mark.parametrize("speaker", ["A leading rebel", "A militant", "An insurgent fighter"])
def test_one_member_of_an_armed_group_is_a_speaker(speaker: str) -> None:
    found = claims(f"{speaker} told reporters that Armenian positions near Jermuk were taken.")
    assert found and found[0]["asserted_by"] == [speaker]


@pytest.mark.parametrize("speaker", ["a pastor", "a local priest", "community elders"])
def test_who_speaks_for_a_village_or_a_congregation(speaker: str) -> None:
    found = claims(f"Gunmen killed 12 Armenian villagers near Jermuk, {speaker} said.")
    assert {"asserted_by": [speaker[0].upper() + speaker[1:]], "verification": "claimed"} in found


@pytest.mark.parametrize(
    "verb",
    ["issued a statement saying", "released a statement saying that", "posted an update saying"],
)
def test_a_statement_issued_saying_is_its_issuer_s_claim(verb: str) -> None:
    assert claims(f"The Armenian Defence Ministry {verb} four soldiers were killed.") == [
        {"asserted_by": ["Armenian Defence Ministry"], "verification": "claimed"}
    ]


def test_a_surname_without_its_arabic_article_is_the_same_person() -> None:
    found = claims(
        "Nine Armenian soldiers were killed near Jermuk, said Ashraf al-Qudra, a spokesman.\n\n"
        "Two more Armenian soldiers died in Goris, Qudra said."
    )
    assert [c["asserted_by"] for c in found] == [["Ashraf al-Qudra"], ["Ashraf al-Qudra"]]


def test_a_monitor_named_is_the_watchdog_after_it_but_never_the_group() -> None:
    from timeline.extract.attribution import Attributor
    from timeline.extract.gazetteer import gazetteer
    from timeline.extract.mentions import Mention, matcher

    attributor = Attributor(matcher(None, None), gazetteer(None).capitals)
    name = "Syrian Observatory for Human Rights"
    attributor.remember([Mention(0, len(name), name, "actor", name)])
    assert attributor.last_actor["watchdog"].names == (name,)
    assert attributor.last_actor["monitor"].names == (name,)
    assert "group" not in attributor.last_actor  # "the group" is an armed group's word


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            "Hundreds of families fled the border villages on Monday after local officials "
            "said the shelling would resume.",
            "Local officials",
        ),
        (
            "Shops stayed shut in the town while the Armenian Defence Ministry said its "
            "positions had come under fire.",
            "Armenian Defence Ministry",
        ),
    ],
)
def test_the_speaker_of_a_subordinate_clause_is_its_subject(body: str, speaker: str) -> None:
    assert claims(body)[0]["asserted_by"] == [speaker]


def test_a_phrase_inside_the_subject_is_no_clause_of_its_own() -> None:
    # "after the attack" belongs to the subject: no one in it speaks.
    found = claims("Footage of the area after the attack showed that houses had been levelled.")
    assert found[0]["asserted_by"] != ["The attack"]


def test_a_name_described_between_commas_speaks_not_the_subject_after_its_verb() -> None:
    body = (
        "Samuel Okoro, a community leader in the Tavush region, said Azerbaijani soldiers "
        "entered Berd where they killed 12 people."
    )
    assert claims(body)[0]["asserted_by"] == ["Samuel Okoro"]


@pytest.mark.parametrize("name", ["Jean D’Zba Banju", "Patrick O'Brien", "Amadou N'Diaye"])
def test_a_name_word_may_open_with_a_letter_and_an_apostrophe(name: str) -> None:
    found = claims(f"Four Armenian soldiers were killed near Jermuk, {name} said.")
    assert found[0]["asserted_by"] == [name]


def test_the_red_cross_unnamed_is_not_the_international_committee() -> None:
    # "the local Red Cross" is often a national society; only the committee's own name
    # (or ICRC) is the ICRC.
    assert figure_claimants_of(
        draft("Nine Armenian civilians were killed near Jermuk, the local Red Cross said.")
    ) == [(9, "Red Cross")]
    assert figure_claimants_of(
        draft("Nine Armenian civilians were killed near Jermuk, the ICRC said.")
    ) == [(9, "International Committee of the Red Cross")]


@pytest.mark.parametrize("seen", ["seen by AFP", "obtained by Reuters", "reviewed by the BBC"])
def test_who_saw_a_document_is_not_who_speaks_through_it(seen: str) -> None:
    body = f"Nine Armenian civilians were killed near Jermuk, according to a Red Cross list {seen}."
    assert figure_claimants_of(draft(body)) == [(9, "Red Cross")]


def test_a_list_a_statement_opens_is_the_statement_s() -> None:
    body = (
        "The Armenian Defence Ministry said in a statement that its forces had carried out "
        "operations in three regions.\n\n"
        "The statement described the operations as follows:\n\n"
        "In the operation near Jermuk, 21 Azerbaijani soldiers were killed.\n\n"
        "Near Goris, 4 Azerbaijani soldiers were wounded.\n\n"
        "Azerbaijan's Defence Ministry said two of its soldiers were killed near Kalbajar.\n\n"
        "Three Armenian soldiers were wounded near Sotk."
    )
    claimants = figure_claimants_of(draft(body))
    assert claimants[:2] == [(21, "Government of Armenia"), (4, "Government of Armenia")]
    assert (2, "Government of Azerbaijan") in claimants
    # Another speaker ends the list: the last sentence is the outlet's own.
    assert claimants[-1] != (3, "Government of Armenia")


@pytest.mark.parametrize("verb", ["vowed", "assured", "pledged", "promised", "condemned"])
def test_vows_assurances_and_condemnations_are_their_speaker_s(verb: str) -> None:
    found = claims(f"The Armenian Defence Ministry {verb} that the shelling of Jermuk would stop.")
    assert found and found[0]["asserted_by"] == ["Armenian Defence Ministry"]


def test_a_media_cell_and_a_command_are_state_bodies_named_again_by_their_noun() -> None:
    body = (
        "Azerbaijani drones struck a camp near Jermuk on Wednesday, the Armenian Security "
        "Media Cell had reported earlier.\n\n"
        "Two Armenian women were killed in the camp near Jermuk, the cell added.\n\n"
        "Three Armenian soldiers were wounded near Sotk, the Syunik Police Command said.\n\n"
        "One more Armenian soldier died near Sotk, the command said."
    )
    found = draft(body)
    assert found[0]["claim"]["asserted_by"] == ["Armenian Security Media Cell"]
    assert figure_claimants_of(found) == [
        (2, "Government of Armenia"),
        (3, "Government of Armenia"),
        (1, "Government of Armenia"),
    ]


def test_an_attack_that_claimed_lives_is_no_one_s_claim() -> None:
    found = developments_of(
        "Blast at a base\n\n"
        "An explosion at an army depot near Tovuz in Azerbaijan claimed the lives of 12 "
        "soldiers on Monday.",
        "2024-10-05T12:00:00+00:00",
        outlet="Wire",
    )
    assert found[0]["claim"] == {"asserted_by": ["Wire"], "verification": "confirmed"}


def test_claims_that_is_a_reporting_verb_and_his_claims_are_not() -> None:
    assert claims(
        "The mayor of Goris, Arush Arushanyan, claims that Azerbaijani forces shelled the town."
    )[0]["asserted_by"] == ["Arush Arushanyan"]
    assert claims("His claims that Azerbaijani forces shelled Goris were denied.")[0][
        "asserted_by"
    ] != ["His"]


def test_the_body_nearest_the_verb_speaks_after_but() -> None:
    found = developments_of(
        "Fighting in Jaffna\n\n"
        "Sri Lankan troops fought Tamil Tigers near Jaffna, Sri Lanka, on Wednesday.\n\n"
        "There was no immediate reaction from the guerrillas to the military claims but the "
        "rebels said their losses near Jaffna totalled only 22 dead.",
        "2006-08-18T12:00:00+00:00",
    )
    assert figure_claimants_of(found) == [(22, "Liberation Tigers of Tamil Eelam")]


def test_a_speaker_s_words_end_at_a_relative_clause() -> None:
    found = draft(
        "But military officials who wished to remain unnamed said at least six Armenian "
        "soldiers were killed near Jermuk."
    )
    assert found[0]["claim"]["asserted_by"] == ["Military officials"]
    assert figure_claimants_of(found) == [(6, "Government of Armenia")]


def test_a_name_opening_the_sentence_before_its_capitalised_office_speaks() -> None:
    body = (
        "Samvel Petrosyan, Pastor in charge of the church in Jermuk, said nine Armenian "
        "villagers were killed.\n\nPetrosyan said four more Armenian villagers were wounded near Jermuk."
    )
    found = draft(body)
    assert [d["claim"]["asserted_by"] for d in found] == [["Samvel Petrosyan"]] * len(found)


def test_what_a_speaker_reports_others_indicated_is_still_the_speaker_s() -> None:
    body = (
        "The United Nations humanitarian coordinator for Armenia, Maria Lopez, said in a "
        "statement on Tuesday that initial field reports indicated that at least 12 Armenian "
        "civilians were killed near Jermuk."
    )
    assert figure_claimants_of(draft(body)) == [(12, "United Nations")]


@pytest.mark.parametrize(
    "verb",
    [
        "was deeply concerned by",
        "condemned",
        "welcomed",
        "remains ready for",
        "remained open to talks on",
        "responded to",
        "reported losses in",
        "confirmed",
    ],
)
def test_a_capital_that_feels_or_answers_is_its_government_not_a_place(verb: str) -> None:
    found = draft(
        "Azerbaijan accused Armenia of shelling its positions near Lachin.\n\n"
        f"Moscow {verb} the escalation, Russian Foreign Ministry spokeswoman Maria Zakharova "
        "said."
    )
    assert all(p["name"] != "Moscow" for d in found for p in d.get("places", []))


def _agency_claimants(body: str) -> list[tuple[int | None, str]]:
    text = "Situation in the border district is stable\n\n" + body
    return figure_claimants_of(developments_of(text, "2022-05-18", outlet="Wire"))


def test_reports_before_a_named_body_puts_its_speaker_after_the_verb() -> None:
    # State agencies' copy: "..., reports the Press Center of the Ministry of ...".
    assert _agency_claimants(
        "Militants attacked a police convoy in Tajikistan's Rushon district. As a result, one "
        "officer was killed, reports the Press Center of the Ministry of Internal Affairs."
    ) == [(1, "Government of Tajikistan")]
    assert _agency_claimants(
        "Fighting broke out in Tajikistan's Rushon district. Four officers were wounded, "
        "reports the country's Interior Ministry."
    ) == [(4, "Government of Tajikistan")]


def test_a_paragraph_s_account_belongs_to_the_speaker_its_last_sentence_names() -> None:
    assert _agency_claimants(
        "More than 300 people were detained in Tajikistan's Rushon district. Six gunmen were "
        "killed. The toll among officers has risen to two, reports the Interior Ministry."
    ) == [
        (301, "Government of Tajikistan"),
        (6, "Government of Tajikistan"),
        (2, "Government of Tajikistan"),
    ]
    # Not across a sentence that names another speaker.
    assert _agency_claimants(
        "Six gunmen were killed in Tajikistan's Rushon district. Residents said the road was "
        "closed. Two officers were wounded, reports the Interior Ministry."
    )[0] == (6, "Wire")


def test_the_text_of_a_report_a_speaker_issued_is_the_speaker_s() -> None:
    assert _agency_claimants(
        "Gunmen blocked a highway in Tajikistan's Rushon district, the Interior Ministry said "
        "on Wednesday.\n\n"
        "The report reads:\n\n"
        "\u201cLaw enforcement agencies launched an operation. As a result, eight militants "
        "were killed and 11 were wounded.\n\n"
        "There were no casualties among civilians."
    ) == [(8, "Government of Tajikistan"), (11, "Government of Tajikistan")]


def test_the_plural_present_say_and_tell_report_but_not_after_to_or_not() -> None:
    found = developments_of(
        "Three killed in South Ossetia\n\n"
        "Georgian police say that at least three people were killed overnight in shooting in "
        "South Ossetia.\n\n"
        "Officials tell reporters that two more people were wounded near Tskhinvali.",
        "2004-08-12",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [
        (3, "Government of Georgia"),
        (2, "Government of Georgia"),
    ]
    found = developments_of(
        "Three killed in South Ossetia\n\n"
        "Police refused to say how many people were killed in shooting in South Ossetia, and "
        "they did not say when it began.",
        "2004-08-12",
        outlet="Wire",
    )
    assert all(d["claim"]["asserted_by"] == ["Wire"] for d in found)


def test_an_impersonal_earlier_report_is_the_outlet_s_not_the_last_speaker_s() -> None:
    found = developments_of(
        "Kyrgyz health ministry says 24 killed\n\n"
        "Twenty-four citizens of Kyrgyzstan were killed on Friday in border clashes with "
        "Tajikistan, the Kyrgyz Health Ministry told the agency. It was earlier reported that "
        "87 Kyrgyz citizens were wounded.",
        "2022-09-16",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [(24, "Government of Kyrgyzstan"), (87, "Wire")]


def test_a_number_word_opening_the_speaker_s_words_is_no_name() -> None:
    found = developments_of(
        "Air strikes kill civilians in Myanmar\n\n"
        "One resident said she had seen 13 wounded people in a hospital in Shan state.\n\n"
        "Two witnesses told AFP that five people were killed in Namhkam, Myanmar.",
        "2024-09-06",
        outlet="Wire",
    )
    assert [d["claim"]["asserted_by"] for d in found if d.get("figures")] == [
        ["One resident"],
        ["Two witnesses"],
    ]


def test_a_time_opening_the_sentence_is_no_speaker() -> None:
    found = developments_of(
        "Rocket attacks in Ethiopia\n\n"
        "Last night residents said that there were explosions in Gondar, Ethiopia.",
        "2020-11-14",
        outlet="Wire",
    )
    assert [d["claim"]["asserted_by"] for d in found] == [["Residents"]]


def test_who_a_statement_was_sent_to_is_not_its_speaker() -> None:
    from timeline.extract import Options, extract, from_bytes

    text = (
        "Papua attack\n\n"
        "Rebel spokesman Sebby Sambom in a statement sent to The Associated Press confirmed "
        "the group's fighters carried out the attack in Papua. He said two soldiers were killed."
    )
    found = extract(from_bytes("t.txt", text.encode()), Options(published="2022-01-27"))
    assert {n for d in found.document["developments"] for n in d["claim"]["asserted_by"]} == {
        "Sebby Sambom"
    }


def test_who_raises_or_revises_a_toll_reports_it() -> None:
    found = developments_of(
        "UN raises Haiti toll\n\nThe United Nations has raised the death toll of a recent "
        "massacre in Haiti, saying its investigation found that 207 people were killed.",
        "2024-12-24",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [(207, "United Nations")]


def test_a_body_s_statements_named_again_are_its_words() -> None:
    found = developments_of(
        "Sri Lanka fighting\n\nThe defence ministry said two soldiers had been killed in "
        "Mannar, Sri Lanka.\n\nThe latest ministry statements put the number of rebels "
        "killed this year at 1,018.",
        "2008-02-09",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [
        (2, "Government of Sri Lanka"),
        (1018, "Government of Sri Lanka"),
    ]


def test_a_spokesman_the_registry_knows_by_surname_speaks_for_his_government() -> None:
    found = developments_of(
        "Tartar shelled\n\n\u201cThree civilians were killed in Tartar by Armenian shelling,\u201d "
        "Hajiyev said.",
        "2020-10-15",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [(3, "Government of Azerbaijan")]


def test_a_speaker_described_between_commas_before_an_auxiliary_is_the_subject() -> None:
    found = developments_of(
        "Strikes in Paktika\n\nMawlawi Abdul Karimi, the spokesman for the Paktika governor, has "
        "announced that eight civilians were killed in Afghanistan's Paktika province.",
        "2024-03-18",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [(8, "Government of Afghanistan")]


def test_who_revises_a_toll_named_with_two_words_reports_it_and_but_he_said_is_him() -> None:
    found = developments_of(
        "Marawi toll\n\nThe military revised the civilian death toll in Marawi, Philippines, "
        "from 44 to 39.\n\nGeneral Restituto Padilla spoke in Manila. But he said two more "
        "soldiers were killed in Marawi.",
        "2017-07-06",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [
        (39, "Government of the Philippines"),
        (2, "Government of the Philippines"),  # "But he": the general
    ]


def test_its_ministry_speaks_for_the_country_named_before() -> None:
    found = developments_of(
        "Losses\n\nAzerbaijan said it had lost 71 troops. Its Defence Ministry said earlier "
        "that 50 servicemen had been killed.",
        "2022-09-14",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [
        (71, "Government of Azerbaijan"),
        (50, "Government of Azerbaijan"),
    ]
    assert [f["party"] for d in found for f in d.get("figures", [])] == ["AZE", "AZE"]


def test_whoever_estimates_a_toll_reports_it() -> None:
    found = developments_of(
        "Sudan talks\n\nThe UN estimates that more than 14,000 people have been killed in "
        "Sudan since the conflict began.\n\nSudanese doctors estimated the death toll in "
        "Khartoum at 56.",
        "2024-07-02",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [(14001, "United Nations"), (56, "Sudanese doctors")]


def test_whoever_gives_the_figures_reports_them() -> None:
    # "gave the casualty figures": the plural of the toll's noun, as "gave the toll".
    found = developments_of(
        "Strikes on Iran\n\nIran's deputy interior minister gave the casualty figures in a "
        "telephone interview, saying at least seven Iranians were dead.",
        "2024-01-18",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [(7, "Government of Iran")]


def test_people_named_with_the_country_they_are_in_do_not_speak_for_its_state() -> None:
    found = developments_of(
        "Haiti massacre\n\nEarlier this month, human rights groups in Haiti had estimated that "
        "more than 100 people were killed in the event.",
        "2024-12-20",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [(101, "human rights groups")]
    assert found[0]["claim"]["asserted_by"] == ["human rights groups in Haiti"]


def test_a_toll_of_both_sides_in_a_story_told_by_its_places_is_its_country_s() -> None:
    found = developments_of(
        "Tonj violence\n\nAt least 14 people have been killed in communal violence in Warrap "
        "State.\n\n\u201cThe fighting resulted in the death of 14 people from both sides,\u201d "
        "a local official said on Wednesday.",
        "2020-11-11",
        outlet="Eye Radio",
    )
    assert {f["party"] for d in found for f in d.get("figures", [])} == {"SSD"}


def test_the_white_house_is_who_speaks_not_a_place() -> None:
    found = developments_of(
        "Syria attack\n\nThe White House said three US soldiers were wounded in a drone attack "
        "in Syria's Deir ez-Zor.",
        "2023-03-24",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [(3, "Government of the United States")]
    assert "White House" not in [p["name"] for d in found for p in d.get("places") or []]


def test_a_clause_with_its_own_country_speaking_counts_that_country_s_dead() -> None:
    found = developments_of(
        "Border clashes\n\nAzerbaijan said 50 of its soldiers had been killed in overnight "
        "clashes with Armenia, while Yerevan reported 49 dead on its side.",
        "2022-09-13",
        outlet="Wire",
    )
    figures = [
        (f["party"], f.get("best"), f["claimant"]) for d in found for f in d.get("figures", [])
    ]
    assert figures == [
        ("AZE", 50, "Government of Azerbaijan"),
        ("ARM", 49, "Government of Armenia"),
    ]


def test_a_person_described_once_speaks_for_the_same_side_when_named_again_alone() -> None:
    found = developments_of(
        "Gwoza attack\n\nBoko Haram fighters attacked an army outpost in Gwoza, Nigeria, Sani "
        "Usman, the army spokesman, said on Tuesday.\n\nUsman said 15 insurgents were killed.",
        "2017-10-11",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [(15, "Government of Nigeria")]


def test_a_toll_only_the_headline_gives_in_the_present_tense_is_drafted() -> None:
    found = developments_of(
        "Clashes kill at least 56 civilians in Sudan, doctors say\n\nFighting between the army "
        "and the Rapid Support Forces raged in Khartoum on Sunday, residents said.",
        "2023-04-16",
        outlet="Wire",
    )
    tolls = [d for d in found if d["kind"] == "casualty_report"]
    assert [f["low"] for d in tolls for f in d["figures"]] == [56]


def test_who_said_where_a_thing_took_place_is_not_who_gives_the_sentence() -> None:
    found = developments_of(
        "Papua ambush\n\nTen people were shot dead on Saturday in Papua in an ambush, AFP "
        "reported. Two other people were seriously injured in the shooting, which police said "
        "took place in the remote highlands.",
        "2022-03-27",
        outlet="The Jakarta Post",
    )
    assert figure_claimants_of(found) == [(10, "Agence France-Presse"), (2, "Agence France-Presse")]


def test_armenia_s_security_council_secretary_and_ombudsman_speak_for_its_government() -> None:
    found = draft(
        "The Armenian side has 17 prisoners of war, Armen Grigoryan said. Three civilians were "
        "wounded in Jermuk, Kristinne Grigoryan said."
    )
    assert figure_claimants_of(found) == [
        (17, "Government of Armenia"),
        (3, "Government of Armenia"),
    ]


def test_a_place_that_owns_the_body_that_speaks_is_not_the_speaker() -> None:
    found = developments_of(
        "Gaza toll\n\nHamas-run Gaza's health ministry says more than 45,800 Palestinians have "
        "been killed since the war began.",
        "2025-01-08",
        outlet="Wire",
    )
    assert found[0]["claim"]["asserted_by"] == ["Hamas-run Gaza's health ministry"]
    assert figure_claimants_of(found) == [(45801, "Hamas")]


def test_a_hospital_named_for_a_people_is_neither_their_state_nor_their_dead() -> None:
    found = developments_of(
        "Gaza strike\n\nMedics at the Indonesian Hospital in northern Gaza said five people were "
        "killed in an Israeli strike.",
        "2024-06-06",
        outlet="Wire",
    )
    figures = [(f["party"], f["claimant"]) for d in found for f in d.get("figures", [])]
    assert figures == [("PSE", "Medics")]
    assert all("IDN" not in d["countries"] for d in found)


def test_a_source_named_in_a_relative_clause_is_not_the_sentence_s_speaker() -> None:
    found = developments_of(
        "Congo fighting\n\nM23 rebels, who Kinshasa says are backed by Rwanda, captured the town "
        "of Kanyabayonga on Friday, killing five civilians, residents said.",
        "2024-06-30",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [(5, "Residents")]


def test_a_regional_military_administration_announcing_later_speaks_for_ukraine() -> None:
    # A local outlet never names its own country; the one country named is the attacker, and
    # the toll is told before who announced it.
    found = developments_of(
        "Russian shelling of Donetsk region: three dead\n\nRussian troops fired 14 times on "
        "Donetsk region's population centers yesterday. Three people were killed and 10 others "
        "were injured. This was announced on Monday by the head of the RMA Vadym Filashkin\n\nIn Sloviansk 3 people were wounded. In Kramatorsk, 6 people were "
        "injured and four houses were damaged.",
        "2024-09-23",
        outlet="UNN",
    )
    figures = [
        (f["party"], f.get("best"), f["claimant"]) for d in found for f in d.get("figures", [])
    ]
    assert figures[:2] == [
        ("UKR", 3, "Government of Ukraine"),
        ("UKR", 10, "Government of Ukraine"),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "The chairman of Madagali Local Government Area, Yusuf Muhammed, said five people were "
        "killed.",
        "Five people were killed, the Madagali Local Government chairman said.",
    ],
)
def test_a_local_government_area_s_chairman_speaks_for_nigeria(body: str) -> None:
    found = developments_of(
        "Kaya attack\n\nBoko Haram attacked Kaya village in Nigeria's Adamawa state. " + body,
        "2018-01-11",
        outlet="Wire",
    )
    assert figure_claimants_of(found) == [(5, "Government of Nigeria")]


def test_a_place_owned_by_a_country_in_another_speaker_s_clause() -> None:
    found = developments_of(
        "Border fighting\n\nThailand and Cambodia traded artillery fire on Friday. Thailand's "
        "health ministry said 14 civilians had been killed, while Cambodia's Oddar Meanchey "
        "province reported one civilian death.",
        "2025-07-25",
        outlet="Wire",
    )
    figures = [
        (f["party"], f.get("best"), f["claimant"]) for d in found for f in d.get("figures", [])
    ]
    assert figures == [("THA", 14, "Government of Thailand"), ("KHM", 1, "Government of Cambodia")]
    places = {(p["name"], p["country"]) for d in found for p in d.get("places") or []}
    assert places == {("Oddar Meanchey province", "KHM")}


def test_according_to_him_is_the_speaker_before() -> None:
    found = draft(
        "Armenia has lost 49 servicemen, Prime Minister Nikol Pashinyan said on Tuesday.\n\n"
        "According to him, Azerbaijani troops shelled the towns of Goris and Jermuk."
    )
    assert found[1]["claim"]["asserted_by"] == ["Nikol Pashinyan"]


def test_his_press_service_speaks_for_whom_the_sentence_opens_with() -> None:
    # The previous speaker is Zakharova; "his" is the man the sentence is about.
    found = draft(
        "Russian Foreign Ministry spokeswoman Maria Zakharova said Moscow was deeply "
        "concerned and called on the sides to refrain from further escalation.\n\n"
        "Pashinyan held telephone conversations with French President Emmanuel Macron and "
        "U.S. Secretary of State Antony Blinken, his press service said."
    )
    assert [d["kind"] for d in found] == ["appeal_for_calm", "bilateral_talks"]
    assert found[1]["claim"]["asserted_by"] == ["Nikol Pashinyan"]


def test_a_second_speaker_named_by_its_letters_reports_its_own_figure() -> None:
    # "while APA said": the article's own abbreviation ("Azeri Press Agency (APA)") names a
    # second speaker; the second figure is its, not the first speaker's.
    found = developments_of(
        "Soldiers killed\n\nThree Azerbaijani soldiers were killed, the Trend agency and Azeri "
        "Press Agency (APA) reported.\n\nTrend said two other soldiers were wounded while APA "
        "said four were hurt.",
        "2010-02-18",
        outlet="Wire",
    )
    assert figure_claimants_of(found)[-2:] == [(2, "Trend"), (4, "APA Information Agency")]


def test_according_to_a_body_named_before_is_that_body() -> None:
    found = draft(
        "The Azerbaijani Defense Ministry said on Tuesday that Armenian forces shelled its "
        "positions.\n\nAccording to the ministry, 12 soldiers were wounded."
    )
    assert found[1]["claim"]["asserted_by"] == ["Azerbaijani Defence Ministry"]
    assert [(f["party"], f["claimant"]) for f in found[1]["figures"]] == [
        ("AZE", "Government of Azerbaijan")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The health ministry in the Hamas-run territory says at least 44,211 people have been "
        "killed in Gaza.",
        "Israeli strikes on Gaza killed at least 27 people on Saturday, the territory's civil "
        "defence agency said.",
    ],
)
def test_gaza_s_bodies_named_by_the_territory_speak_for_hamas(sentence: str) -> None:
    found = developments_of("Gaza strikes\n\n" + sentence, "2024-11-30", outlet="Wire")
    assert {claimant for _, claimant in figure_claimants_of(found)} == {"Hamas"}


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "More than 60 people were killed in Goris, the head of the town's hospital said.",
            "The head of the town's hospital",
        ),
        (
            "Nine soldiers were wounded, a spokesman for the regional governor's office said.",
            "A spokesman for the regional governor's office",
        ),
    ],
)
def test_a_role_with_whose_it_is_speaks_in_its_own_words(sentence: str, speaker: str) -> None:
    # A role and the body it belongs to take more words than a bare title ("the head of the
    # hospital"); the toll is theirs, not the outlet's.
    found = draft(sentence)
    assert found[0]["claim"]["asserted_by"] == [speaker]


def test_as_well_as_opens_no_clause_of_a_speaker() -> None:
    # "as well as 77 health workers were killed": no subordinate clause whose subject
    # speaks ("Well as 77 health workers" had been drafted as the claimant).
    found = draft(
        "The Armenian Health Ministry recorded that yesterday 96 clinics were closed, as well "
        "as 77 health workers were killed, and 74 others were injured, added the report."
    )
    names = [n for d in found for n in d["claim"]["asserted_by"]]
    assert not any("Well as" in n or "health workers" in n for n in names), names


def test_a_state_that_expresses_concern_makes_a_statement_and_its_ministry_speaks_for_it() -> None:
    # QNA's house style: the state's reaction, then "the Ministry" with no other body named.
    found = developments_of(
        "Qatar Expresses Concern over Escalation\n\n"
        "Doha: The State of Qatar expressed its concern over the escalation on the border "
        "between Armenia and Azerbaijan, which resulted in deaths and injuries.\n\n"
        "The Ministry stressed the State of Qatar's firm position on the need to resolve "
        "conflicts through peaceful means.",
        "2022-09-13T15:00:00+00:00",
    )
    assert [d["kind"] for d in found] == ["statement", "statement"]
    assert [d["claim"]["asserted_by"] for d in found] == [
        ["Government of Qatar"],
        ["Government of Qatar"],
    ]


def test_a_role_then_a_name_between_commas_is_the_speaker() -> None:
    # "..., its health minister, Saman Barazanchi, said": the name speaks, not the words
    # before the role ("Nine people" had been drafted as the claimant).
    found = draft(
        "Nine people were killed and 32 wounded in the attacks near Goris, its health "
        "minister, Saman Barazanchi, said in a statement."
    )
    assert found[0]["claim"]["asserted_by"] == ["Saman Barazanchi"]


def test_a_people_s_word_inside_a_person_s_name_gives_no_party() -> None:
    # Guard for the test above: with the name as the speaker, "Rahimbakesh Danish Karimi"
    # is a name, not a Dane; the soldiers are Afghanistan's.
    found = developments_of(
        "Afghan toll\n\nThirteen soldiers were killed in Takhar province, Afghanistan, the local "
        "hospital chief, Rahimbakesh Danish Karimi, said.",
        "2018-05-10",
        outlet="Wire",
    )
    assert [f["party"] for d in found for f in d.get("figures", [])] == ["AFG"]


def test_a_denial_of_a_charge_is_the_denier_s_statement() -> None:
    found = draft("Armenia accuses Azerbaijan of shelling Jermuk. Azerbaijan denies the charge.")
    denial = next(d for d in found if d["quote"] == "Azerbaijan denies the charge.")
    assert denial["kind"] == "statement"
    assert denial["claim"]["asserted_by"] == ["Government of Azerbaijan"]
    # A denial of something else is no statement of its own: "denies access".
    assert not any(
        d["quote"].startswith("Azerbaijan denies access")
        for d in draft(
            "Armenia said Azerbaijan shelled Jermuk. Azerbaijan denies access to the border "
            "villages."
        )
    )


def test_people_who_claim_that_something_is_so_speak() -> None:
    found = draft(
        "Residents of Armenian border villages claim that the shelling of Sotk went on all night."
    )
    assert found and found[0]["claim"]["verification"] == "claimed"
    assert found[0]["claim"]["asserted_by"] != ["Wire"]


@pytest.mark.parametrize(
    ("headline", "claimant"),
    [
        # The body names the ministry; the headline's credit names it again without its country.
        ("12 killed, 87 injured in Tripoli clashes: ministry", "Government of Libya"),
        ("12 killed in Tripoli clashes - Libyan Health Ministry", "Government of Libya"),
        # No one credited: the outlet's own headline.
        ("12 killed in Tripoli clashes - VIDEO", "Wire"),
    ],
)
def test_a_headline_toll_is_claimed_by_whom_the_headline_credits(
    headline: str, claimant: str
) -> None:
    found = developments_of(
        f"{headline}\n\nClashes in Tripoli injured 87 people, Libya's Health Ministry said on "
        "Saturday.",
        "2022-08-27T12:00:00+00:00",
        outlet="Wire",
    )
    assert (12, claimant) in figure_claimants_of(found)


def test_a_headline_that_names_its_topic_first_credits_no_one() -> None:
    found = developments_of(
        "Somalia: Al-Shabab kills 12 in Mogadishu attack\n\nAn attack in Mogadishu wounded 20 "
        "people, Somali police said.",
        "2022-08-27T12:00:00+00:00",
        outlet="Wire",
    )
    assert (12, "Wire") in figure_claimants_of(found)


def test_witnesses_of_something_in_a_country_are_not_its_state() -> None:
    found = draft(
        "Witnesses of the fighting in Armenia claim that the number of victims is much larger."
    )
    assert found[0]["claim"]["asserted_by"] != ["Government of Armenia"]


def test_a_day_s_possessive_is_never_a_speaker() -> None:
    # "a report in Friday's issue of the newssheet X": the newssheet, never "Friday’s".
    found = draft(
        "Two soldiers were killed in Tavush, Armenia, according to a report in Friday’s issue "
        "of the independent newssheet “Hetq Weekly”."
    )
    assert [d["claim"]["asserted_by"] for d in found if d.get("figures")] == [["Hetq Weekly"]]
    # "Wednesday's reported strikes": "reported" describes the strikes; no one speaks.
    found = draft("Wednesday’s reported strikes on Jermuk, Armenia, killed two soldiers.")
    assert all(d["claim"]["asserted_by"] == ["Wire"] for d in found)


def test_a_victim_s_kin_named_by_whose_they_are_is_the_speaker() -> None:
    found = draft(
        "A relative of one of the victims said that two soldiers were killed in Tavush, Armenia."
    )
    assert [d["claim"]["asserted_by"] for d in found if d.get("figures")] == [
        ["A relative of one of the victims"]
    ]


def test_an_outlet_s_sign_off_after_the_speaker_is_no_title_of_the_speaker() -> None:
    # "..., an Ukrinform correspondent reports": the outlet signing off, not words about the
    # head of the regional administration, whose figures stay his government's.
    found = developments_of(
        "Shelling of Donetsk Region\n\nFive civilians have been killed and 11 injured in "
        "Russia’s shelling of Donetsk Region, Ukraine, over the past day. This was announced by "
        "Donetsk Regional Military Administration Head Pavlo Kyrylenko on Telegram, an "
        "Ukrinform correspondent reports.",
        "2022-05-23T12:00:00+00:00",
        outlet="Wire",
    )
    claimants = {f["claimant"] for d in found for f in d.get("figures", [])}
    assert claimants == {"Government of Ukraine"}


def test_a_lead_whose_source_the_next_paragraph_opens_with_is_one_development() -> None:
    found = developments_of(
        "Shelling of Donetsk Region\n\nFive civilians have been killed and 11 injured in "
        "Russia’s shelling of Donetsk Region, Ukraine, over the past day.\n\n"
        "The relevant statement was made by Donetsk Regional Military Administration Head "
        "Pavlo Kyrylenko on Telegram, an Ukrinform correspondent reports.\n\n"
        "Kyrylenko added that shelling went on.",
        "2022-05-23T12:00:00+00:00",
        outlet="Wire",
    )
    assert not any(d["quote"].startswith("The relevant statement") for d in found)
    # The agent of "was made by" is the speaker, not the outlet that signs off after it.
    claimants = {f["claimant"] for d in found for f in d.get("figures", [])}
    assert claimants == {"Government of Ukraine"}


def test_paragraphs_after_a_statement_go_on_with_its_account() -> None:
    found = developments_of(
        "Operation in Middle Shabelle\n\n"
        "In a press statement released on Monday, Somalia's Ministry of Information said "
        "that the army had carried out an operation near Jowhar, Somalia.\n\n"
        "Security forces targeted a garage on Saturday and killed 21 Al Shabaab fighters.\n\n"
        "Residents said 3 civilians were wounded in the crossfire.",
        "2022-10-03T12:00:00+00:00",
        outlet="Wire",
    )
    claimants = sorted(
        (f.get("best") or f.get("low"), f["claimant"]) for d in found for f in d.get("figures", [])
    )
    # The statement's account, not the outlet's; until another speaker is named.
    assert claimants == [(3, "Residents"), (21, "Government of Somalia")]


def test_a_speaker_for_the_rebels_speaks_for_the_one_armed_group_the_article_names() -> None:
    found = developments_of(
        "Air strikes hit buses in Hodeida\n\n"
        "Saudi-led coalition air strikes have hit Houthi positions near Hodeida, Yemen, "
        "residents said.\n\n"
        "Youssef al-Hadiri, a spokesman for the rebel-controlled Health Ministry, said the "
        "strikes killed at least 19 people and injured 30 others.",
        "2018-10-13T12:00:00+00:00",
        outlet="Wire",
    )
    claimants = {f["claimant"] for d in found for f in d.get("figures", [])}
    assert claimants == {"Houthis"}
