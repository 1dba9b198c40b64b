"""Boilerplate removal, paragraphs, sentences with offsets, quotations and datelines."""

from __future__ import annotations

import pytest

from timeline.extract import Options, extract, from_bytes
from timeline.extract.layout import analyse

ARTICLE = """Troops clash on the border

We use cookies to give you the best experience. Accept all cookies

By Timeline Desk staff

Share this article
Facebook | Twitter | WhatsApp

BISHKEK, Sept 16 (Timeline Desk) - Border guards exchanged fire on Wednesday, the U.S. State Department said. Gen. J. Smith arrived in Batken on Sept. 12 to inspect the area.

"We will defend every metre," the minister said. "There will be no retreat."

"Our soldiers held their positions.

"They will not be moved."

Related articles
Why the border is disputed
Who lives in Batken?

The fighting resumed after a month of calm, officials said.

Advertisement

Leave a Reply

Your email address will not be published. Required fields are marked *

Great article!
"""


def test_boilerplate_is_removed_and_recorded() -> None:
    layout = analyse(ARTICLE)
    removed = [ARTICLE[r.start : r.end] for r in layout.removed]
    assert "We use cookies to give you the best experience. Accept all cookies" in removed
    assert "By Timeline Desk staff" in removed
    assert "Share this article\nFacebook | Twitter | WhatsApp" in removed
    assert "Related articles\nWhy the border is disputed\nWho lives in Batken?" in removed
    assert "Advertisement" in removed
    assert "Leave a Reply" in removed
    assert "Great article!" in removed  # everything after the comment form
    kept = " ".join(s.text for s in layout.sentences)
    assert "The fighting resumed after a month of calm" in kept  # prose after the list


def test_headline_and_dateline() -> None:
    layout = analyse(ARTICLE)
    assert layout.headline_text() == "Troops clash on the border"
    assert layout.dateline_outlet == "Timeline Desk"
    assert layout.sentences[0].text.startswith("Border guards exchanged fire")


def test_sentences_respect_abbreviations_and_initials() -> None:
    layout = analyse(ARTICLE)
    texts = [s.text for s in layout.sentences]
    assert texts[0] == "Border guards exchanged fire on Wednesday, the U.S. State Department said."
    assert texts[1] == "Gen. J. Smith arrived in Batken on Sept. 12 to inspect the area."
    assert all(s.text == ARTICLE[s.start : s.end] for s in layout.sentences)


def test_quotations_and_continuing_paragraphs() -> None:
    layout = analyse(ARTICLE)
    quoted = next(s for s in layout.sentences if s.text.startswith('"We will defend'))
    assert quoted.quotes and ARTICLE[quoted.quotes[0][0] : quoted.quotes[0][1]] == (
        '"We will defend every metre,"'
    )
    # A paragraph that is only a quotation continues the previous speaker; an unclosed
    # quotation runs to the end of its paragraph.
    held = next(s for s in layout.sentences if s.text.startswith('"Our soldiers'))
    moved = next(s for s in layout.sentences if s.text.startswith('"They will not'))
    assert held.in_quote(held.start + 5)
    assert layout.paragraphs[moved.paragraph].continuation


def test_text_without_blank_lines_uses_lines_as_paragraphs() -> None:
    layout = analyse("Headline of it\nFirst paragraph here.\nSecond one, officials said.\n")
    assert [s.text for s in layout.sentences] == [
        "First paragraph here.",
        "Second one, officials said.",
    ]


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("YEREVAN, SEPTEMBER 13, ARMENPRESS. Armenia said 49 soldiers died.", "ARMENPRESS"),
        ("BAKU, Azerbaijan, Sept.13. Trend: Azerbaijan said 50 soldiers died.", "Trend"),
        ("Baku, September 13, AZERTAC. Azerbaijan said 50 soldiers died.", "AZERTAC"),
        # On a line of its own, the agency ending the paragraph.
        ("Baku, October 8, AZERTAC", "AZERTAC"),
        ("Yerevan /Mediamax/. Armenia said 49 soldiers died.", "Mediamax"),
        ("Sharjah 24 – Reuters: At least 115 people were killed in Tripoli.", "Reuters"),
        (
            "BENI, Democratic Republic of Congo, June 6 (Reuters) - Two soldiers were killed.",
            "Reuters",
        ),
        ("DUSHANBE, 27.01.2022 (NIAT Khovar) – Tajikistan said 2 guards died.", "NIAT Khovar"),
        ("Yerevan, September 13 (News.am) - Armenia said 49 soldiers died.", "News.am"),
        ("BAKU, September 13. /TASS/. Armenia said 49 soldiers died.", "TASS"),
        ("MOSCOW. Sept 13 (Interfax) - Armenia said 49 soldiers died.", "Interfax"),
        (
            "ISLAMABAD (APP - 13th September, 2022) Pakistan said 4 soldiers died.",
            "APP",
        ),
        (
            "BAKU (UrduPoint News / Sputnik - 22nd July, 2020) Azerbaijan said 4 soldiers died.",
            "UrduPoint News",
        ),
        ("YEREVAN, September 13 - Sputnik. Armenia said 49 soldiers died.", "Sputnik"),
        ("Bogota, Dec 6 (EFE).- Colombia said six soldiers died.", "EFE"),
        # The credit alone after a date, with no dash: "Raipur, Apr 3 (PTI) At least ...".
        ("Raipur, Apr 3 (PTI) At least 13 Maoists have been killed.", "PTI"),
        ("New Delhi, Jan 5 (IANS) India said two soldiers died.", "IANS"),
        ("AKCAKALE, Turkey, (Reuters) – Turkey said five people died.", "Reuters"),
        ("Feb 9, 2008 (AFP) – Sri Lanka said 25 rebels died.", "AFP"),
        ("12 March 2016 (Xinhua) - Syria said 25 rebels died.", "Xinhua"),
        # A place in mixed case of several words, and an outlet with no place at all.
        ("Port-Au-Prince (Haiti Wire) - Haiti said 70 people died.", "Haiti Wire"),
        ("Metro Manila (CNN Philippines) – The army said 18 soldiers died.", "CNN Philippines"),
        ("Lagos- Nigeria (PANA) -- Nigeria said 15 soldiers died.", "PANA"),
        ("(AFRICAN EXAMINER) – Lebanon said 10 people died.", "AFRICAN EXAMINER"),
        # An outlet's web address before the place: the outlet by its name.
        ("REPUBLIKA.CO.ID, SLOVIANSK -- Ukraine said 5 civilians died.", "Republika"),
    ],
)
def test_every_wire_form_of_dateline_names_its_agency(line: str, outlet: str) -> None:
    layout = analyse(f"Headline words here\n\n{line}\n\nMore text follows here.")
    assert layout.dateline_outlet == outlet
    assert layout.dateline is not None


@pytest.mark.parametrize(
    "line",
    [
        "Armenia, which borders Iran, said 49 soldiers died.",
        "Baku, Sept. 13. Officials said 50 soldiers died.",
        "Armenia said on Sept. 13. The ministry added more.",
        "Sept 13 (the day of the attack) was quiet, officials said.",
        # No date before the brackets: a name and an aside, not a credit.
        "Pashinyan (Armenia) Said on Tuesday that 49 soldiers died.",
    ],
)
def test_a_sentence_that_opens_like_a_dateline_is_not_one(line: str) -> None:
    layout = analyse(f"Headline words here\n\n{line}\n\nMore text follows here.")
    assert layout.dateline is None and layout.dateline_outlet is None


def test_a_hard_wrapped_phrase_reads_as_one_line_with_offsets_unchanged() -> None:
    text = (
        "Border clash\n\n"
        "The ministry said Azerbaijani armed forces opened\n"
        "fire at 5:30 a.m. against an Armenian position near Jermuk, killing\n"
        "two soldiers, the Armenian Defense\nMinistry said.\n"
    )
    extraction = extract(from_bytes("t.txt", text.encode()), Options(published="2024-02-13T12:00Z"))
    developments = extraction.document["developments"]
    # "opened\nfire ..., killing": the clash and its toll, as on one line.
    assert sorted(d["kind"] for d in developments) == ["armed_clash", "casualty_report"]
    for d in developments:
        for p in d["provenance"]:
            assert " ".join(text[p["start"] : p["end"]].split()) == " ".join(p["text"].split())


def test_no_sentence_ends_inside_brackets() -> None:
    layout = analyse(
        "Two soldiers killed\n\nTwo soldiers, Tigran Poghosyan (b. 1992) and Aram Arushanyan "
        "(b. 1972), were killed. The ministry said so."
    )
    assert len(layout.sentences) == 2


def test_a_capital_and_a_colon_is_a_dateline_that_names_no_place_of_the_story() -> None:
    layout = analyse("Qatar concerned\n\nDoha: The State of Qatar expressed concern.\n\nMore.")
    assert layout.dateline is not None and layout.sentences[0].text.startswith("The State")
    assert analyse("Note words\n\nNote: The figures are provisional.\n\nMore.").dateline is None
    # A large city that is no capital, as Indian and Pakistani papers open: a dateline too;
    # a small town is not taken for one.
    layout = analyse("Ambush in Sukma\n\nBhopal: Maoists on Sunday ambushed a patrol.\n\nMore.")
    assert layout.dateline is not None and layout.sentences[0].text.startswith("Maoists")
    assert (
        analyse("Ambush\n\nSukma: Maoists on Sunday ambushed a patrol.\n\nMore.").dateline is None
    )
    text = (
        "Qatar urges calm\n\nDoha: The State of Qatar expressed its concern over the escalation "
        "between Armenia and Azerbaijan.\n\nShelling hit Jermuk in Armenia overnight, killing "
        "two soldiers, Armenia said."
    )
    document = extract(from_bytes("t.txt", text.encode()), Options(published="2022-09-14T09Z"))
    places = {p["name"] for d in document.document["developments"] for p in d.get("places", [])}
    assert "Doha" not in places
    figures = [f for d in document.document["developments"] for f in d.get("figures", [])]
    assert {f["party"] for f in figures} == {"ARM"}


def test_places_in_capitals_with_a_colon_are_a_dateline() -> None:
    # "ISLAMABAD: " and "SIALKOT/NAROWAL/MUZAFFARABAD: ", as Pakistani and Indian papers
    # print them: where the story was filed from, not where it happened.
    for line, first in (
        ("ISLAMABAD: Pakistan summoned the envoy.", "Pakistan summoned"),
        ("SIALKOT/NAROWAL/MUZAFFARABAD: Three people were killed.", "Three people"),
    ):
        layout = analyse(f"Border firing\n\n{line}\n\nMore text follows here.")
        assert layout.dateline is not None and layout.sentences[0].text.startswith(first)
    text = (
        "Three die in shelling\n\nSIALKOT/NAROWAL: Three people were killed on Thursday in "
        "shelling by the Indian Border Security Force, officials said. Pakistan protested "
        "to India."
    )
    document = extract(from_bytes("t.txt", text.encode()), Options(published="2016-10-28T09Z"))
    (toll,) = [d for d in document.document["developments"] if d.get("figures")]
    assert toll.get("places", []) == []
    # Killed in shelling by India's force: the victims are the other party's.
    assert [f["party"] for f in toll["figures"]] == ["PAK"]


@pytest.mark.parametrize(
    "caption",
    [
        "Smoke rises over the base after militants attacked it on Sunday. Photo/PD/COURTESY",
        "Soldiers patrol the border town. (AP Photo/Ali Ahmed)",
        "A damaged house in the village. PHOTO | AFP",
        "Mourners at the funeral on Monday. Photo credit: Reuters",
        "Troops near the front line. Anatolii Stepanov/AFP via Getty Images",
    ],
)
def test_a_short_block_with_a_photo_credit_is_a_caption(caption: str) -> None:
    text = f"Headline words here\n\nThe army said two soldiers died.\n\n{caption}\n\nMore text."
    layout = analyse(text)
    assert caption in [text[r.start : r.end] for r in layout.removed]
    assert all(caption[:20] not in s.text for s in layout.sentences)


@pytest.mark.parametrize(
    "line",
    [
        "DUBAI/SANAA - The Houthis said 14 people died.",
        "SIALKOT/NAROWAL — Pakistan said four villagers died.",
        # In mixed case, one of them a city the gazetteer knows by another spelling.
        "Dubai/Sulaimaniya —  Iran said it fired missiles at militant targets.",
    ],
)
def test_places_joined_by_a_slash_before_a_dash_are_a_dateline(line: str) -> None:
    layout = analyse(f"Headline words here\n\n{line}\n\nMore text follows here.")
    assert layout.dateline is not None
    assert all(not s.text.startswith(("DUBAI", "SIALKOT", "Dubai")) for s in layout.sentences)


def test_a_city_and_a_dash_before_the_first_sentence_is_a_dateline() -> None:
    layout = analyse(
        "Rocket attacks hit Bahir Dar\n\nAddis Abeba — The federal government said a rocket "
        "was fired towards Bahir Dar.\n"
    )
    assert layout.dateline is not None
    assert layout.sentences[0].text.startswith("The federal government")
    layout = analyse(
        "Silence follows Sudan's counter-attack\n\nKhartoum - Silence has followed Sudan's "
        "announcement that it had begun a counter-attack.\n"
    )
    assert layout.dateline is not None and layout.sentences[0].text.startswith("Silence")


def test_a_city_in_brackets_after_the_date_is_where_not_who() -> None:
    layout = analyse(
        "Headline words here\n\nApril 10, 2016 (KHARTOUM) – The army said 8 people died."
        "\n\nMore text follows here."
    )
    assert layout.dateline is not None and layout.dateline_outlet is None


@pytest.mark.parametrize(
    "line",
    [
        "Lima : At least 19 people were killed in an ambush.",
        "Riyadh, January 13: Saudi forces retook the village.",
        "Khartoum, Oct 7 At least seven people were killed in El Fasher.",
    ],
)
def test_a_capital_with_a_date_or_a_spaced_colon_is_a_dateline(line: str) -> None:
    layout = analyse(f"Headline words here\n\n{line}\n\nMore text follows here.")
    assert layout.dateline is not None
    assert layout.sentences[0].text.split()[0] in ("At", "Saudi")


@pytest.mark.parametrize(
    ("headline", "outlet"),
    [
        ("CivilNet: Azerbaijan's Artillery Strike Kills One Civilian", "CivilNet"),
        ("Border clashes resume overnight | Sputnik", "Sputnik"),
        ("Fighting flares on the border - The Straits Times", "The Straits Times"),
        # A place or a party before a colon is no outlet.
        ("Armenia: 49 soldiers killed in Azerbaijani attack", None),
        ("Armenia-Azerbaijan clashes - Russia urges calm", None),
    ],
)
def test_a_headline_that_credits_its_outlet_names_it(headline: str, outlet: str | None) -> None:
    from timeline.extract.report import headline_outlet

    assert headline_outlet(headline) == outlet


SCRAPED = (
    "Rebels kill 12 in raid on border town\n\n"
    "Today from Example Post:  _\n"
    "Rebels kill 12 in raid on border town\n\n"
    "You are here: Home  |  News   |   Rebels kill 12 in raid on border town\n\n"
    "By: AFP\n"
    "Published: 06:24 PM, 14 Oct, 2024\n"
    "Rebels kill 12 in raid on border town\n"
    "Stay tuned with Example Post Android App\n"
    "Get it on Google Play\n\n"
    "Fighting in the north broke out a year ago (© -)\n\n"
    "Rebels killed 12 people in a raid on the town of Kidal on Sunday, officials said.\n\n"
    "The army said it had sent reinforcements.\n\n"
    "Army retakes second town from rebels in the north"
)


def test_a_scraped_page_s_chrome_and_repeated_headline_are_no_part_of_the_body() -> None:
    layout = analyse(SCRAPED)
    removed = [SCRAPED[r.start : r.end] for r in layout.removed]
    for chrome in (
        "By: AFP",
        "Published: 06:24 PM, 14 Oct, 2024",
        "You are here: Home  |  News   |   Rebels kill 12 in raid on border town",
        "Get it on Google Play",
        "Stay tuned with Example Post Android App",
        "Fighting in the north broke out a year ago (© -)",
        # A related story's headline after the body.
        "Army retakes second town from rebels in the north",
    ):
        assert chrome in removed
    # The headline printed again, inside the stacked lines and after the site line.
    assert removed.count("Rebels kill 12 in raid on border town") == 2
    sentences = [s.text for s in layout.sentences]
    assert sentences[-2:] == [
        "Rebels killed 12 people in a raid on the town of Kidal on Sunday, officials said.",
        "The army said it had sent reinforcements.",
    ]
    assert not any("Rebels kill 12 in raid" in s for s in sentences)


@pytest.mark.parametrize(
    "text",
    [
        # A wrapped line of prose that opens like a time stamp is prose.
        "Headline words here\n\nThe ministry said the figures were first\npublished on Monday, "
        "when 12 people died.\n\nMore text follows.",
        # An article whose last paragraph ends with a full stop or a quote keeps it.
        "Headline words here\n\nThe army said two soldiers died.\n\nThe talks resume on Monday.",
        'Headline words here\n\nThe army said two soldiers died.\n\n"We will respond," he said',
    ],
)
def test_prose_is_never_taken_for_page_chrome(text: str) -> None:
    layout = analyse(text)
    assert layout.removed == ()


def test_a_dateline_in_capitals_with_its_date_below_a_scraped_page_s_menus() -> None:
    # A scraped page's menus and captions come before the body: a dateline in capitals with
    # its date is still the dateline, and its date no event's time.
    text = (
        "Top commander believed killed\n\nConnect with us\n\nHi, what are you looking for?\n\n"
        "top\n\nFighters in Mogadishu/FILE\n\nKenya\n\n"
        "NAIROBI, Kenya, Feb 8 – A top commander is believed to have been killed in a raid by "
        "Kenyan troops in southern Somalia on Tuesday.\n\nMore followed."
    )
    layout = analyse(text)
    assert layout.dateline is not None
    assert text[layout.dateline[0] : layout.dateline[1]].startswith("NAIROBI, Kenya, Feb 8")
    # So deep, a place in capitals without a date is no dateline.
    deep = text.replace("NAIROBI, Kenya, Feb 8 –", "NAIROBI –")
    assert analyse(deep).dateline is None


def test_the_headline_printed_again_with_a_full_stop_or_the_page_s_number_is_no_body() -> None:
    text = (
        "Rebels attacked army camps in the north\n\n"
        "Rebels attacked army camps in the north 2001121\n\n"
        "Rebels attacked army camps in the north.\n"
        "At least 45 rebels and two soldiers died this week in northern Mali, the army said.\n\n"
        "Rebels attacked army camps in the north and the east, residents said."
    )
    sentences = [s.text for s in analyse(text).sentences]
    assert sentences[0].startswith("At least 45 rebels")
    # A longer line that opens with the headline's words is the body's own sentence.
    assert sentences[-1].startswith("Rebels attacked army camps in the north and the east")
