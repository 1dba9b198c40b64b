"""Countries, demonyms and actors through pycountry and the alias tables; the gazetteer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pycountry
import pytest

from timeline.errors import ExtractionError
from timeline.extract import Options, extract, from_bytes, lexicon
from timeline.extract.analysis import Article
from timeline.extract.gazetteer import fold, gazetteer
from timeline.extract.mentions import Matcher, matcher


def found(text: str) -> list[tuple[str, str, str, str | None]]:
    return [(m.text, m.type, m.value, m.country) for m in matcher(None, "Reuters").find(text)]


def _drafted(text: str, published: str) -> list[dict[str, Any]]:
    """The drafted developments of a whole article (headline, blank line, body)."""
    extraction = extract(from_bytes("t.txt", text.encode()), Options(published=published))
    developments: list[dict[str, Any]] = extraction.document["developments"]
    return developments


def _kinds(sentence: str, published: str = "2022-06-20T12:00:00+00:00") -> set[str]:
    """The kinds drafted from one sentence under a headline that cues no kind of its own."""
    return {d["kind"] for d in _drafted("Latest from the region\n\n" + sentence, published)}


def test_countries_and_demonyms_map_to_iso_codes() -> None:
    assert found("Armenia and Azerbaijan blamed each other") == [
        ("Armenia", "country", "ARM", None),
        ("Azerbaijan", "country", "AZE", None),
    ]
    assert found("the Azerbaijani-Armenian conflict zone, Russian-led") == [
        ("Azerbaijani", "demonym", "AZE", None),
        ("Armenian", "demonym", "ARM", None),
        ("Russian", "demonym", "RUS", None),
    ]
    # pycountry's own names, with no alias entry needed
    assert found("the Russian Federation and the Republic of Azerbaijan") == [
        ("Russian Federation", "country", "RUS", None),
        ("Republic of Azerbaijan", "country", "AZE", None),
    ]


def test_every_alias_table_code_is_an_assigned_iso_code() -> None:
    table = lexicon.load("countries")["countries"]
    for code in table:
        # XKX (Kosovo) is the user-assigned code the EU, the World Bank and ACLED use.
        assert pycountry.countries.get(alpha_3=code) is not None or code == "XKX", code


def test_kosovo_is_a_country_and_national_security_councils_are_not_the_uns() -> None:
    assert found("clashes in Kosovo") == [("Kosovo", "country", "XKX", None)]
    # "Kosovo" is also an adjective (the actor registry's country table): Kosovo's police.
    assert found("Kosovo police said") == [("Kosovo police", "actor", "Kosovan Police", "XKX")]
    assert found("Armenia's Security Council said") == [
        ("Armenia's Security Council", "actor", "Security Council of Armenia", "ARM")
    ]


def test_actors_from_aliases_and_templates_longest_first() -> None:
    assert found("At least 49 Armenian soldiers and 50 Azerbaijani troops") == [
        ("Armenian soldiers", "actor", "Armenian Armed Forces", "ARM"),
        ("Azerbaijani troops", "actor", "Azerbaijani Armed Forces", "AZE"),
    ]
    assert found("said the Azerbaijani Foreign Ministry") == [
        ("the Azerbaijani Foreign Ministry", "actor", "Azerbaijani Foreign Ministry", "AZE")
    ]
    assert found("Kyrgyzstan's health ministry said") == [
        ("Kyrgyzstan's health ministry", "actor", "Kyrgyz Health Ministry", "KGZ")
    ]
    assert found("Turkish defense ministry") == [
        ("Turkish defense ministry", "actor", "Turkish Defence Ministry", "TUR")
    ]
    assert found(
        "The Collective Security Treaty Organization (CSTO) met at the UN Security Council"
    ) == [
        (
            "Collective Security Treaty Organization",
            "actor",
            "Collective Security Treaty Organization (CSTO)",
            None,
        ),
        ("CSTO", "actor", "Collective Security Treaty Organization (CSTO)", None),
        ("UN Security Council", "actor", "UN Security Council", None),
    ]
    assert found("Reuters was unable to verify") == [("Reuters", "actor", "Reuters", None)]


def test_party_references() -> None:
    assert [
        m.type for m in matcher(None, None).find("called on both countries and either side")
    ] == [
        "party",
        "party",
    ]


def test_gazetteer_places_with_coordinates_and_country() -> None:
    places = gazetteer(None)
    text = "Azerbaijan bombed cities near the border, including Jermuk, Goris and Kapan."
    found_places = places.find(text, 0, frozenset({"ARM", "AZE"}), [])
    assert [(p.text, p.place.name, p.place.country) for p in found_places] == [
        ("Jermuk", "Jermuk", "ARM"),  # from the curated supplement
        ("Goris", "Goris", "ARM"),  # from GeoNames
        ("Kapan", "Kapan", "ARM"),
    ]
    goris = found_places[1].place
    assert goris.lat == pytest.approx(39.51, abs=0.01) and goris.lon == pytest.approx(
        46.34, abs=0.01
    )
    assert places.lookup("Nagorno-Karabakh", frozenset()) is not None  # a region, no point
    assert places.lookup("Nagorno-Karabakh", frozenset()).lat is None  # type: ignore[union-attr]


def test_gazetteer_acceptance_rules() -> None:
    places = gazetteer(None)
    # English words that are also towns are never places.
    assert places.lookup("Union", frozenset({"USA"})) is None
    # A small town in a country the article does not name is not accepted ...
    assert places.lookup("Goris", frozenset({"FRA"})) is None
    # ... but capitals and very large cities are.
    assert places.lookup("Brussels", frozenset()).country == "BEL"  # type: ignore[union-attr]
    # Alternate spellings keep the text's spelling with GeoNames' coordinates.
    odessa = places.lookup("Odessa", frozenset({"UKR"}))
    assert odessa is not None and odessa.name == "Odessa" and odessa.country == "UKR"
    assert places.lookup("Kiev", frozenset({"UKR"})).lat is not None  # type: ignore[union-attr]


def test_user_data_directory_extends_the_tables(tmp_path: Path) -> None:
    (tmp_path / "actors.yaml").write_text(
        "actors:\n  - {name: Jane Example, aliases: [Jane Example, Example], country: GBR}\n",
        "utf-8",
    )
    extended = Matcher(str(tmp_path))
    assert [(m.value, m.country) for m in extended.find("Example said")] == [
        ("Jane Example", "GBR")
    ]
    # the packaged entries are still there
    assert [m.value for m in extended.find("Putin said")] == ["Vladimir Putin"]


def test_bad_data_files_are_named_in_the_error(tmp_path: Path) -> None:
    (tmp_path / "kinds.yaml").write_text(
        "kinds:\n  armed_clash:\n    cues:\n      - {pattern: '(unclosed', weight: 2}\n", "utf-8"
    )
    with pytest.raises(
        ExtractionError, match=r"kinds\.yaml: armed_clash: expected a valid regular expression"
    ):
        lexicon.kinds(str(tmp_path))
    with pytest.raises(ExtractionError, match="expected a directory of extractor data files"):
        lexicon.override_dir(tmp_path / "missing")


def test_each_place_of_a_list_ending_in_a_plural_admin_word_is_that_unit() -> None:
    places = gazetteer(None)
    found = places.find(
        "Shelling hit the Kherson, Mykolaiv and Odesa regions overnight.",
        0,
        frozenset({"UKR"}),
        [],
    )
    assert [m.place.name for m in found] == ["Kherson region", "Mykolaiv region", "Odesa region"]
    assert all(m.place.lat is None for m in found)
    alone = places.find("Shelling hit Kherson overnight.", 0, frozenset({"UKR"}), [])
    assert [m.place.name for m in alone] == ["Kherson"]


def test_towns_are_found_by_their_other_spellings() -> None:
    # GeoNames' alternate names of towns of 15,000 people or more: "Saraqeb" is Saraqib.
    found = gazetteer(None).find("Troops entered Saraqeb on Monday.", 0, frozenset({"SYR"}), [])
    assert [(m.text, m.place.country) for m in found] == [("Saraqeb", "SYR")]


def test_small_towns_after_a_locative_word_in_the_article_s_countries() -> None:
    # Tegh (about 2,300 people) is only in GeoNames' table of places of 500 or more.
    places = gazetteer(None)
    armenia = frozenset({"ARM"})
    found = places.find("Shells fell near Tegh overnight.", 0, armenia, [])
    assert [(m.text, m.place.country) for m in found] == [("Tegh", "ARM")]
    assert found[0].place.lat is not None
    # Without a locative word, or in an article that does not name its country: not a place.
    assert places.find("Tegh residents fled overnight.", 0, armenia, []) == []
    assert places.find("Shells fell near Tegh overnight.", 0, frozenset({"AZE"}), []) == []


def test_regions_listed_before_their_plural_word_and_as_english_spells_them() -> None:
    places = gazetteer(None)
    found = places.find(
        "Three were wounded in the Syunik and Gegharkunik provinces and in Vayots Dzor.",
        0,
        frozenset({"ARM"}),
        [],
    )
    assert [(m.text, m.place.country) for m in found] == [
        ("Syunik", "ARM"),
        ("Gegharkunik", "ARM"),
        ("Vayots Dzor", "ARM"),
    ]


def test_small_towns_after_a_settlement_word_and_by_their_plain_alternate_names() -> None:
    places = gazetteer(None)
    armenia = frozenset({"ARM"})
    found = places.find("Shells fell on the village of Tegh overnight.", 0, armenia, [])
    assert [(m.text, m.place.country) for m in found] == [("Tegh", "ARM")]
    # GeoNames' "Dashkasan" and "Kalbajar" (under 15,000 people) as English news spells them,
    # by their alternate names; a marked or apostrophised alternate is not taken.
    azerbaijan = frozenset({"AZE", "ARM"})
    found = places.find("Troops fought near Dashkesan and in Kelbajar.", 0, azerbaijan, [])
    assert [(m.text, m.place.country) for m in found] == [
        ("Dashkesan", "AZE"),
        ("Kelbajar", "AZE"),
    ]
    assert places.find("Troops fought near Daskʻesan.", 0, azerbaijan, []) == []


@pytest.mark.parametrize(
    "text",
    [
        "Serbs in the north defy Pristina's authority.",
        "A spokesman for Kandahar’s governor said the border was closed.",
        "Kyiv's forces advanced overnight.",
    ],
)
def test_a_place_that_stands_for_who_governs_it_is_not_where_it_happened(text: str) -> None:
    assert gazetteer(None).find(text, 0, frozenset({"XKX", "AFG", "UKR"}), []) == []


def test_a_place_with_a_possessive_of_something_else_is_still_a_place() -> None:
    found = gazetteer(None).find(
        "Shells hit Kharkiv's northern district.", 0, frozenset({"UKR"}), []
    )
    assert [m.text for m in found] == ["Kharkiv"]


def test_a_named_site_is_a_place_in_the_country_its_name_or_the_article_gives() -> None:
    places = gazetteer(None)
    found = places.find(
        "Shells hit Mitiga airport and the Al-Nour school, not the main road.",
        0,
        frozenset({"LBY"}),
        [],
        default_country="LBY",
    )
    assert [(m.text, m.place.country) for m in found] == [
        ("Mitiga airport", "LBY"),
        ("Al-Nour school", "LBY"),
    ]
    # A town the gazetteer knows keeps its own name before the site word.
    found = places.find(
        "A missile hit Kramatorsk railway station.",
        0,
        frozenset({"UKR"}),
        [],
        default_country="UKR",
    )
    assert [m.text for m in found] == ["Kramatorsk"]


def test_provinces_states_and_regions_come_from_iso_3166_2_where_they_name_a_region() -> None:
    places = gazetteer(None)
    nigeria = frozenset({"NGA"})
    found = places.find("Gunmen attacked a village in Borno on Saturday.", 0, nigeria, [])
    assert [(m.text, m.place.country) for m in found] == [("Borno", "NGA")]
    found = places.find("Jets bombed Myanmar's Kachin State.", 0, frozenset({"MMR"}), [])
    assert [m.place.name for m in found] == ["Kachin State"]
    # A region's name as an adjective of people, or in a country the article does not
    # name, is no place.
    assert places.find("Six were Kachin businessmen.", 0, frozenset({"MMR"}), []) == []
    assert places.find("Gunmen attacked a village in Borno.", 0, frozenset({"NER"}), []) == []


def test_authorities_in_a_capital_named_by_its_title_are_its_government() -> None:
    extraction = extract(
        from_bytes(
            "t.txt",
            b"Border clash\n\nPakistan has approached authorities in the Afghan capital, Kabul, "
            b"to protest the killing of two soldiers in Chaman, Pakistan.",
        ),
        Options(published="2023-05-11T12:00:00Z", outlet="Wire"),
    )
    places = [p["name"] for d in extraction.document["developments"] for p in d["places"]]
    assert "Kabul" not in places


def _names(text: str, countries: set[str], default: str | None = None) -> list[tuple[str, str]]:
    found = gazetteer(None).find(
        text, 0, frozenset(countries), [], default_country=default, prefer=default
    )
    return [(m.place.name, m.place.country) for m in found]


def test_a_place_named_inside_a_known_one_takes_its_country() -> None:
    # The gazetteer knows neither hamlet: the region after "in" vouches for them.
    assert ("Kebele Zero", "ETH") in _names(
        "Drones struck Kebele Zero in western Tigray on Monday.", {"ETH"}
    )
    assert ("Khirbet Selm", "LBN") in _names(
        "The raid on Khirbet Selm, Nabatieh province killed four.", {"LBN"}
    )


def test_places_described_as_such_in_apposition_and_quarters_of_towns() -> None:
    found = _names(
        "Troops raided Tal Hamid, a village near the border, and shells hit Mosul's Hadba "
        "neighbourhood.",
        {"IRQ"},
        "IRQ",
    )
    assert ("Tal Hamid", "IRQ") in found and ("Hadba", "IRQ") in found
    # A described person is no place.
    assert _names("Ali Hassan, a farmer from the area, said.", {"IRQ"}, "IRQ") == []


def test_capitalised_admin_words_and_regions_joined_by_and() -> None:
    assert ("Kurram Valley", "PAK") in _names("Clashes in Kurram Valley killed 12.", {"PAK"}, "PAK")
    assert _names("Shelling hit Azad Jammu and Kashmir overnight.", {"PAK", "IND"}) == [
        ("Azad Jammu and Kashmir", "PAK")
    ]
    # "the Gulf state" is a country described, not a place called Gulf.
    assert _names("It was at the request of the Gulf state, which", {"YEM"}, "YEM") == []


def test_an_unknown_name_where_something_happened_is_a_village_of_the_main_country() -> None:
    found = _names(
        "The gunmen opened fire in Kurmi where residents fled, then moved to nearby Gidan "
        "Zaki, and killed two people in Tunga.",
        {"NGA"},
        "NGA",
    )
    assert found == [("Kurmi", "NGA"), ("Gidan Zaki", "NGA"), ("Tunga", "NGA")]
    # Not an institution, a language, a month or a title after "in".
    assert (
        _names("The bill passed in Parliament, it said in Arabic in March.", {"NGA"}, "NGA") == []
    )
    # Without a main country, nothing is guessed.
    assert _names("Gunmen opened fire in Kurmi where residents fled.", {"NGA"}) == []


def test_villages_named_with_their_word_and_sites_named_by_an_acronym() -> None:
    found = _names("Troops took Dibri village and burnt half the IDP camp.", {"NGA"}, "NGA")
    assert found == [("Dibri", "NGA")]


def test_an_unknown_place_takes_the_country_of_the_known_places_beside_it() -> None:
    # The article's main country is India, but the sentence's known town is Pakistan's.
    found = _names(
        "Shells hit Tehjian Bala, a village 20 kilometres from Muzaffarabad.", {"IND", "PAK"}, "IND"
    )
    assert ("Tehjian Bala", "PAK") in found


def test_a_long_region_name_is_that_region_even_if_its_country_is_never_named() -> None:
    assert _names("Troops fired into Azad Jammu and Kashmir on Monday.", {"IND"}) == [
        ("Azad Jammu and Kashmir", "PAK")
    ]


def test_each_place_of_a_list_the_text_introduces() -> None:
    found = _names(
        "Troops fired in the areas of Eki-Tash, Chyr-Dobo, Kum-Mazar and Orto-Boz, and shelled "
        "the villages of Boyuk Marjanli and Garakhanbeyli.",
        {"KGZ"},
        "KGZ",
    )
    assert [name for name, _ in found] == [
        "Eki-Tash",
        "Chyr-Dobo",
        "Kum-Mazar",
        "Orto-Boz",
        "Boyuk Marjanli",
        "Garakhanbeyli",
    ]


def test_lists_before_their_plural_noun_and_places_a_road_runs_between() -> None:
    found = _names(
        "Baku said Ashaghi Abdulrahmanli, Garakhanbeyli and Kend Horadiz villages were taken. "
        "A car was hit on the road between Ramadiyeh and Qana. They struck the Jal Alam and "
        "Ramia outposts.",
        {"LBN"},
        "LBN",
    )
    names = [name for name, _ in found]
    for expected in (
        "Ashaghi Abdulrahmanli",
        "Garakhanbeyli",
        "Kend Horadiz",
        "Ramadiyeh",
        "Qana",
        "Jal Alam",
        "Ramia",
    ):
        assert expected in names
    assert "Baku said Ashaghi Abdulrahmanli" not in names


def test_a_local_outlet_that_never_names_its_country() -> None:
    # A Ukrainian or Nigerian outlet names the towns and the attacker, never its own
    # country: the places imply it, so the victims are counted there.
    text = (
        "Shelling of Kherson region\n\n"
        "Russian troops shelled Kherson on Monday, and 24 people were wounded, the regional "
        "administration said."
    )
    developments = _drafted(text, "2024-10-08T12:00:00+00:00")
    (toll,) = [d for d in developments if d.get("figures")]
    assert [f["party"] for f in toll["figures"]] == ["UKR"]
    assert [p["name"] for p in toll["places"]] == ["Kherson"]
    text = (
        "Bandits kill villagers\n\n"
        "Bandits killed 22 people in a village of Zamfara State on Tuesday night, residents said."
    )
    developments = _drafted(text, "2024-10-08T12:00:00+00:00")
    assert developments[0]["countries"] == ["NGA"]


def test_villages_with_no_main_country_take_the_country_of_the_known_places() -> None:
    # Armenia and Azerbaijan are named about alike, so there is no main country; the only
    # place the gazetteer knows is in Armenia, so are the villages it lacks.
    text = (
        "Tensions on the border\n\n"
        "Azerbaijan said Armenia attacked its position near Tavush region on Tuesday.\n\n"
        "Azerbaijan then started shelling Aygepar and Movses villages, Armenia said. "
        "Azerbaijan's ministry denied it, Azerbaijan said."
    )
    read = Article(from_bytes("t.txt", text.encode()), Options(published="2020-07-16T12:00:00Z"))
    assert read.main_country is None
    places = [(p.place.name, p.place.country) for unit in read.units for p in unit.places]
    assert places == [("Tavush region", "ARM"), ("Aygepar", "ARM"), ("Movses", "ARM")]


def _places_of(
    text: str, countries: frozenset[str], default: str | None = None
) -> list[tuple[str, str]]:
    found = gazetteer(None).find(text, 0, countries, [], default_country=default)
    return [(p.place.name, p.place.country) for p in found]


def test_a_list_with_a_known_place_in_it_is_a_list_of_places() -> None:
    # Three names or more, one of them a town the gazetteer knows: all are places, in its
    # country; without a known place, a list of names is not taken for places.
    assert _places_of(
        "Over the past day, Velykyi Burluk, Kupyansk, Hlushkivka and the town of Izium "
        "came under fire.",
        frozenset({"UKR"}),
    ) == [
        ("Velykyi Burluk", "UKR"),
        ("Kupyansk", "UKR"),
        ("Hlushkivka", "UKR"),
        ("Izium", "UKR"),
    ]
    assert _places_of("Ahmadi, Borisov, Kuznetsov and Ivanov signed it.", frozenset({"UKR"})) == []


def test_a_list_of_sectors_is_a_list_of_places() -> None:
    assert _places_of(
        "Firing went on in the Bhimber, Kotli and Battal sectors.", frozenset({"PAK"}), "PAK"
    ) == [("Bhimber", "PAK"), ("Kotli", "PAK"), ("Battal", "PAK")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Yesterday a squad of Azerbaijan's armed forces carried out another subversive attack "
        "on an Armenian border position.",
        "On Monday Azerbaijani troops launched an assault on Armenian positions near the border.",
    ],
)
def test_an_attack_carried_out_is_a_clash_dated_by_its_own_day(sentence: str) -> None:
    text = "Border tension\n\n" + sentence
    developments = _drafted(text, "2020-07-16T12:00:00+00:00")
    (first,) = developments
    assert first["kind"] == "armed_clash"
    assert first["occurred"]["start"] in ("2020-07-15", "2020-07-13")


def test_an_air_raid_is_a_strike_but_its_alarm_is_not() -> None:
    def kinds(sentence: str) -> list[str]:
        text = "Strike in the south\n\n" + sentence
        return [d["kind"] for d in _drafted(text, "2024-08-18T12:00:00+00:00")]

    assert kinds("Lebanon's news agency said the raid hit a brick mill near Nabatieh.") == [
        "shelling"
    ]
    assert "shelling" not in kinds(
        "An air raid alarm was heard in Stepanakert twice, Armenian officials said."
    )


def test_a_capital_beats_a_small_namesake_in_a_country_the_article_names() -> None:
    # Paris, Texas (25,000 people) is in the United States, which the article names; the
    # talks "in Paris" are in France's capital. In a story about the United States itself,
    # the namesake would win (the main country is preferred).
    found = gazetteer(None).find(
        "The ministers will meet in Paris, a US agency said.", 0, frozenset({"USA", "ARM"}), []
    )
    assert [(p.place.name, p.place.country) for p in found] == [("Paris", "FRA")]
    found = gazetteer(None).find(
        "The ministers will meet in Paris.", 0, frozenset({"USA"}), [], prefer="USA"
    )
    assert [(p.place.name, p.place.country) for p in found] == [("Paris", "USA")]


def test_a_name_with_a_province_word_is_the_province_before_a_foreign_namesake_town() -> None:
    # GeoNames also spells Chinese cities "Chin"; "Chin State" is Myanmar's, in a story that
    # never names Myanmar.
    found = _drafted(
        "Airstrikes in the west\n\nJunta airstrikes killed one civilian in Paletwa Township "
        "in Chin State on Sunday.",
        "2024-06-10T12:00:00+00:00",
    )
    assert {(p["name"], p["country"]) for d in found for p in d.get("places", [])} == {
        ("Chin State", "MMR"),
        ("Paletwa Township", "MMR"),
    }
    assert {f["party"] for d in found for f in d.get("figures", [])} == {"MMR"}


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        (
            "An anti-militancy operation was launched Sunday afternoon in Baramulla, India, "
            "police said.",
            "2022-06-19",
        ),
        (
            "Security forces launched a cordon and search operation in Shopian, India, on "
            "Saturday.",
            "2022-06-18",
        ),
        (
            "The military said it had conducted an operation in North Waziristan, Pakistan, on "
            "Friday.",
            "2022-06-17",
        ),
    ],
)
def test_a_security_operation_launched_is_a_clash_dated_by_its_own_day(
    sentence: str, day: str
) -> None:
    text = "Security operation\n\n" + sentence
    developments = _drafted(text, "2022-06-20T12:00:00+00:00")
    (first,) = developments
    assert (first["kind"], first["occurred"]["start"]) == ("armed_clash", day)


def test_an_operation_to_deliver_aid_is_no_clash() -> None:
    text = "Aid\n\nThe UN launched an operation to deliver food to Kupwara, India, on Sunday."
    developments = _drafted(text, "2022-06-20T12:00:00+00:00")
    assert "armed_clash" not in [d["kind"] for d in developments]


def test_a_name_joined_by_a_lower_case_particle_is_one_place() -> None:
    # "Mocimboa da Praia" is one town in Mozambique, never "Praia" in Cape Verde.
    found = _places_of("Insurgents attacked Mocimboa da Praia at dawn.", frozenset({"MOZ"}))
    assert [(fold(name), country) for name, country in found] == [("mocimboa da praia", "MOZ")]
    # Parts that are no whole place stay what they were.
    assert _places_of("Troops reached Goris da Kapan.", frozenset({"ARM"})) == [
        ("Goris", "ARM"),
        ("Kapan", "ARM"),
    ]


def test_zones_woredas_and_regional_states_are_administrative_words() -> None:
    found = _places_of(
        "An attack in Guliso zone, West Wollega zone of Oromia regional state, killed 32.",
        frozenset({"ETH"}),
        "ETH",
    )
    assert found == [
        ("Guliso zone", "ETH"),
        ("West Wollega zone", "ETH"),
        ("Oromia regional state", "ETH"),
    ]


def test_a_place_the_text_puts_in_a_country_is_that_country_s_namesake() -> None:
    # Buenos Aires, Cauca is a small Colombian town; Argentina's capital otherwise wins.
    text = "An attack in a rural part of Buenos Aires, in Colombia's Cauca province, killed six."
    assert ("Buenos Aires", "COL") in _places_of(text, frozenset({"COL"}), "COL")
    assert _places_of("Talks were held in Buenos Aires.", frozenset({"COL"}), "COL") == [
        ("Buenos Aires", "ARG")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "A gunfight broke out in Kupwara, India, on Sunday and is still going on.",
        "Police and gunmen were involved in a shootout in Culiacan, Mexico, on Sunday.",
        "The battalion fired into the village of Kyondoe, Myanmar, on Sunday.",
        "Two militants were trapped in an encounter in Shopian, India, on Sunday.",
        "Heavy machine-gun fire was heard around the palace in Bangui, on Sunday.",
        "Small-arms fire rang out near the airport of Juba, South Sudan, on Sunday.",
    ],
)
def test_gunfights_shootouts_encounters_and_firing_at_a_place_are_clashes(sentence: str) -> None:
    text = "Fighting\n\n" + sentence
    developments = _drafted(text, "2022-06-20T12:00:00+00:00")
    kinds = [d["kind"] for d in developments]
    assert "armed_clash" in kinds


def test_rockets_that_were_fired_are_no_clash_of_their_own() -> None:
    text = "Rockets\n\nTwo rockets were fired at Sderot, Israel, on Sunday."
    developments = _drafted(text, "2022-06-20T12:00:00+00:00")
    assert "armed_clash" not in [d["kind"] for d in developments]


def test_local_government_areas_communities_and_places_held_by_a_group() -> None:
    assert _places_of(
        "Also hit were Daffo and Kuba communities in Bokkos Local Government Area.",
        frozenset({"NGA"}),
        "NGA",
    ) == [("Daffo", "NGA"), ("Kuba", "NGA"), ("Bokkos Local Government Area", "NGA")]
    # "Seleka-held" says who holds the town, never what it is called.
    assert (
        _places_of(
            "Anti-balaka forces attacked the Seleka-held town last month.",
            frozenset({"CAF"}),
            "CAF",
        )
        == []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bodies were recovered in Manipur's Jiribam district.", {"IND"}),
        ("A shutdown was observed across the hill areas in Manipur.", {"IND"}),
        ("Fighting in the Syunik region went on.", {"ARM"}),
        # A province's name that is no place in the sentence implies nothing.
        ("Manipur violence continues.", set()),
    ],
)
def test_a_province_named_as_a_place_implies_its_country(text: str, expected: set[str]) -> None:
    assert set(gazetteer(None).implied_countries(text)) == expected


def test_a_story_that_names_only_a_province_is_drafted_in_its_country() -> None:
    text = (
        "Violence in the north-east\n\nBodies of two men were recovered on Tuesday in "
        "Manipur's Jiribam district, the police said."
    )
    developments = _drafted(text, "2024-11-12T12:00:00+00:00")
    assert developments[0]["countries"] == ["IND"]


def test_a_region_of_the_article_s_country_beats_a_big_city_abroad_of_that_name() -> None:
    # GeoNames knows Samara, Russia, as "Samar" too; in a Philippine story, Samar is the
    # province.
    assert _places_of("The convoy was ambushed in Samar on Monday.", frozenset({"PHL"}), "PHL") == [
        ("Samar", "PHL")
    ]
    # With no such region in the article's countries, the big city abroad stays.
    assert _places_of(
        "Drones struck an oil depot in Samara on Monday.", frozenset({"UKR"}), "UKR"
    ) == [("Samara", "RUS")]


def test_a_story_whose_country_only_its_towns_imply_is_drafted_in_that_country() -> None:
    # A local paper never names its own country, and its sentences name no place at all
    # ("the Kohat Commissioner" is an office):
    # the one country its well-known towns imply is the main country, so the clash and the
    # toll are drafted (before, none was: "no country could be identified").
    text = (
        "Gunmen attack checkpoint\n\nMARDAN: Two policemen were killed when gunmen opened "
        "fire on a checkpoint on Sunday, police said. The Kohat Commissioner said the "
        "attackers fled towards the mountains. Three civilians were wounded in a separate shooting, a "
        "hospital official said."
    )
    developments = _drafted(text, "2024-11-26T12:00:00+00:00")
    assert developments
    assert all(d["countries"] == ["PAK"] for d in developments)
    killed = [f for d in developments for f in d.get("figures") or [] if f["category"] == "killed"]
    assert [(f["party"], f["best"]) for f in killed] == [("PAK", 2)]


def test_romanised_region_names_and_philippine_barangays() -> None:
    # ISO 3166-2's "Tavuš" is written "Tavush" in English text.
    assert _places_of("Shelling hit villages in Tavush.", frozenset({"ARM"})) == [("Tavush", "ARM")]
    found = _places_of(
        "The clash was in Sitio Kan Alas, Barangay Tanum, Patikul.", frozenset({"PHL"}), "PHL"
    )
    assert ("Barangay Tanum", "PHL") in found


def test_a_lone_compass_word_is_no_place_but_a_name_that_starts_with_one_is() -> None:
    # "the North" is North Korea in this story, never a town called North in the United States.
    assert _places_of("Washington said the North fired shells.", frozenset({"USA", "PRK"})) == []
    assert ("North Waziristan", "PAK") in [
        (name.replace(" district", ""), country)
        for name, country in _places_of(
            "Soldiers were killed in North Waziristan district.", frozenset({"PAK"}), "PAK"
        )
    ]


def test_heavy_weapons_fire_that_kills_is_a_strike_beside_its_toll() -> None:
    text = "Tank fire\n\nIsraeli tank fire killed three people in Rafah, Gaza, on Thursday, medics said."
    developments = _drafted(text, "2014-07-17T12:00:00+00:00")
    kinds = sorted(d["kind"] for d in developments)
    assert kinds == ["casualty_report", "shelling"]


def test_persian_va_is_and_in_a_province_s_name() -> None:
    found = _places_of(
        "A deputy governor of Iran's Sistan and Baluchestan province said.", frozenset({"IRN"})
    )
    assert found == [("Sistan and Baluchestan province", "IRN")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shells landed in the Golan Heights overnight.", ("Golan Heights", "SYR")),
        ("Troops massed near South Ossetia.", ("South Ossetia", "GEO")),
    ],
)
def test_conflict_regions_the_tables_lack_are_curated(text: str, expected: tuple[str, str]) -> None:
    assert expected in _places_of(text, frozenset({"SYR", "ISR", "GEO", "RUS"}))


@pytest.mark.parametrize(
    ("name", "country"),
    [("Dagestan", "RUS"), ("Ingushetia", "RUS"), ("Tatarstan", "RUS"), ("Chechnya", "RUS")],
)
def test_republics_are_known_by_their_english_names(name: str, country: str) -> None:
    # ISO 3166-2 writes "Dagestan, Respublika" and "Ingushetiya, Respublika".
    assert gazetteer(None).country_of(name) == country
    assert _places_of(
        f"Gunmen attacked a police post in {name} on Sunday.", frozenset({"RUS"})
    ) == [(name, country)]


def test_a_region_s_own_ministry_speaks_for_its_country_s_government() -> None:
    text = (
        "Attacks in the North Caucasus\n\n"
        "Gunmen killed six police officers in Nazran, Ingushetia's Interior Ministry said."
    )
    figures = [f for d in _drafted(text, "2024-06-23T12:00:00+00:00") for f in d.get("figures", [])]
    assert [f["claimant"] for f in figures] == ["Government of Russia"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen on Sunday evening stormed a police post in Kupwara, India, killing three officers.",
        "Militants early Saturday attacked an army camp in Kupwara, India, killing two soldiers.",
    ],
)
def test_attackers_who_attack_at_a_time_make_a_clash_beside_the_toll(sentence: str) -> None:
    assert {"armed_clash", "casualty_report"} <= _kinds(sentence)


@pytest.mark.parametrize("month", ["Nov.", "Sept.", "Dec.", "Jan."])
def test_an_abbreviated_month_is_no_town(month: str) -> None:
    text = f"A truce was declared in {month} 9 and broken in Darfur a week later."
    assert _places_of(text, frozenset({"SDN"}), "SDN") == [("Darfur", "SDN")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Two people were killed as a mortar shell from Myanmar fell on a village in Bangladesh.",
        "Three people were wounded when a rocket landed in a market in Sderot, Israel.",
    ],
)
def test_a_shell_that_falls_on_a_place_is_a_strike_beside_its_toll(sentence: str) -> None:
    assert {"shelling", "casualty_report"} <= _kinds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        'The rebels assured soldiers in Rizal, Philippines, that "they will not be attacked".',
        "No shells were fired at Sderot, Israel, during the truce, the army said.",
        "The army said its units had never shelled Sderot, Israel.",
    ],
)
def test_an_attack_denied_by_a_negation_is_no_clash_or_strike(sentence: str) -> None:
    assert not {"armed_clash", "shelling"} & _kinds(sentence)


def test_a_region_whose_name_holds_a_curated_place_is_the_region() -> None:
    assert _places_of("Fighting in North Darfur continued.", frozenset({"SDN"}), "SDN") == [
        ("North Darfur", "SDN")
    ]
    assert _places_of("Fighting in Darfur continued.", frozenset({"SDN"}), "SDN") == [
        ("Darfur", "SDN")
    ]


def test_a_town_named_with_an_admin_word_is_the_main_country_s_region_of_that_name() -> None:
    # "Delta" is a town in British Columbia and a state in Nigeria.
    found = gazetteer(None).find(
        "The wounded were taken to hospitals in Warri (Delta state).",
        0,
        frozenset({"NGA", "CAN"}),
        [],
        prefer="NGA",
    )
    assert [(p.place.name, p.place.country) for p in found] == [
        ("Warri", "NGA"),
        ("Delta state", "NGA"),
    ]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "A Thai soldier was killed late Friday as Cambodian and Thai forces briefly battled "
            "along the border in Pursat, Cambodia.",
            "armed_clash",
        ),
        (
            "Troops beat back an attempt by rebels to overrun Jaffna, Sri Lanka, and killed "
            "98 guerrillas.",
            "armed_clash",
        ),
        (
            "Seven people were killed in an artillery strike on a camp in El Fasher, Sudan.",
            "shelling",
        ),
    ],
)
def test_fighting_and_strikes_told_with_their_toll(sentence: str, kind: str) -> None:
    assert {kind, "casualty_report"} <= _kinds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Nine people were killed on Friday in a strike at a displacement camp in Goma, Congo.",
        "Two migrants were killed in another mortar barrage near Tripoli, Libya.",
        "The strike targeting a car in Naqura, Lebanon, left two dead, the ministry said.",
        "Warplanes targeted two militants in Khan Yunis, Gaza, killing one of them.",
        "Troops pounded the village of Al-Tah in Syria, killing at least five people.",
        "India struck nine sites in Pakistan early on Wednesday, and Pakistan said 31 people "
        "were killed.",
    ],
)
def test_the_strike_a_toll_comes_from_is_a_strike_beside_it(sentence: str) -> None:
    assert {"shelling", "casualty_report"} <= _kinds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Bandits have killed 22 people in Tungar Kwana village of Zamfara State, Nigeria.",
        "The commissioner was ambushed near Pibor, South Sudan, and 15 people were killed.",
    ],
)
def test_attackers_who_have_killed_and_an_ambush_are_a_clash_beside_the_toll(
    sentence: str,
) -> None:
    assert {"armed_clash", "casualty_report"} <= _kinds(sentence)


def test_a_day_after_a_place_s_name_is_no_part_of_it() -> None:
    assert _places_of(
        "Officials met at the State House in Abuja Thursday morning.", frozenset({"NGA"})
    ) == [("Abuja", "NGA")]


def test_an_unknown_name_at_a_place_is_a_place_but_never_an_institution() -> None:
    assert _places_of(
        "The rebels attacked army bunkers at Kilali on the peninsula.", frozenset({"LKA"}), "LKA"
    ) == [("Kilali", "LKA")]
    assert _places_of("He told reporters at Anadolu Agency.", frozenset({"LKA"}), "LKA") == []


def test_a_capitalised_preposition_opening_the_sentence_is_no_part_of_a_place() -> None:
    assert _places_of(
        "In Pasaband district of central Ghor province, 5 insurgents were killed.",
        frozenset({"AFG"}),
        "AFG",
    ) == [("Pasaband district", "AFG"), ("Ghor province", "AFG")]


def test_a_kind_of_site_that_describes_the_place_after_it_is_no_place() -> None:
    assert _places_of("The Black Sea port of Odesa was hit.", frozenset({"UKR"}), "UKR") == [
        ("Odesa", "UKR")
    ]
    assert _places_of(
        "Clashes in the Red Sea port city of Hodeidah killed 19.", frozenset({"YEM"}), "YEM"
    ) == [("Hodeidah", "YEM")]


@pytest.mark.parametrize(
    "sentence",
    [
        "It is unclear how many separatist fighters have died in Wum, Cameroon.",
        "There were no immediate details of the strikes in Akcakale, Turkey.",
        "The army hasn't given a death toll of its own for Tsorona, Eritrea.",
        "A spokesman for the mission in Dekoa, Central African Republic, was not immediately "
        "able to confirm the toll.",
        # Whom the outlet could not get a word from.
        "There was no immediate Ukrainian comment on the strike in Donetsk.",
        "AFP was unable to reach a junta spokesman in Myanmar for comment.",
        "Nigerian army authorities in Borno are yet to react to the attack.",
        "There has been no comment from Russia on the incident in Georgia as yet.",
    ],
)
def test_what_the_outlet_could_not_learn_is_a_verification_note(sentence: str) -> None:
    assert _kinds(sentence) == {"verification_note"}


def test_a_place_named_by_its_area_is_the_name_alone() -> None:
    assert _places_of(
        "A mortar shell fell on a hospital in the Tamarasheni area on the Georgian side.",
        frozenset({"GEO"}),
        "GEO",
    ) == [("Tamarasheni", "GEO")]
    # Only after a locative word: the name is a place the area is around.
    assert _places_of("The Tamarasheni area commander said.", frozenset({"GEO"}), "GEO") == []


def test_a_possessive_inside_a_named_place_leaves_the_place_after_it() -> None:
    found = _places_of(
        "Troops shelled posts in Kashmir’s Rajouri district on Tuesday.", frozenset({"IND"}), "IND"
    )
    assert ("Rajouri district", "IND") in found
    assert all("’s" not in name for name, _ in found)


def test_a_reference_point_and_a_body_named_by_its_place_are_no_places() -> None:
    found = _places_of(
        "Coalition jets bombed the Hafa camp in Naham, 40 km east of Sanaa.",
        frozenset({"YEM"}),
        "YEM",
    )
    assert ("Sanaa", "YEM") not in found
    found = _places_of(
        "Jihadists attacked an IDP camp in Dalori, about 15 km (nine miles) from Borno state "
        "capital Maiduguri.",
        frozenset({"NGA"}),
        "NGA",
    )
    assert ("Maiduguri", "NGA") not in found and any(n.startswith("Borno") for n, _ in found)
    assert _places_of("Gaza health officials said two men were killed.", frozenset({"PSE"})) == []


def test_according_to_a_capital_is_its_government() -> None:
    found = _drafted(
        "Armenian soldiers wounded on the border\n\n"
        "According to Yerevan, another ten servicemen and one civilian have been wounded in "
        "Tavush, Armenia.",
        "2020-07-23T12:00:00+00:00",
    )
    assert all(p["name"] != "Yerevan" for d in found for p in d.get("places", []))


def test_the_names_of_the_dead_are_no_towns() -> None:
    assert (
        _places_of(
            "The fatalities were identified as Imee Labug, Captain Kafilas, Lorenzo, David and "
            "Naliw.",
            frozenset({"PHL", "PAN"}),
            "PHL",
        )
        == []
    )


def test_an_acronym_is_no_town_unless_the_whole_text_is_in_capitals() -> None:
    found = _places_of(
        "The official SANA news agency said four shells struck the Shaghour neighborhood of "
        "Damascus.",
        frozenset({"SYR", "YEM"}),
        "SYR",
    )
    assert all(country == "SYR" for _, country in found)
    assert all(name != "SANA" for name, _ in found)


def test_a_territory_named_as_its_country_is_also_where_it_happened() -> None:
    found = _drafted(
        "Strike in Gaza\n\n"
        "An Israeli strike killed five people in the southern Gaza Strip on Sunday, medics "
        "said.\n\n"
        "Two Palestinians were killed in the occupied West Bank, the health ministry said.",
        "2024-05-05T12:00:00+00:00",
    )
    places = [[p["name"] for p in d.get("places", [])] for d in found if d.get("figures")]
    assert places == [["Gaza Strip"], ["West Bank"]]


def test_a_joined_region_name_is_found_without_its_iso_diacritics() -> None:
    # ISO 3166-2 writes "Jammu and Kashmīr".
    assert _places_of(
        "Troops fired along the LoC in Jammu and Kashmir on Tuesday.", frozenset({"IND"}), "IND"
    ) == [("Jammu and Kashmir", "IND")]


def test_pakistan_s_former_tribal_districts_are_pakistan_s_whatever_the_main_country() -> None:
    assert _places_of(
        "Militants attacked a post in South Waziristan on Tuesday.",
        frozenset({"PAK", "AFG"}),
        "AFG",
    ) == [("South Waziristan", "PAK")]


def test_a_sea_or_a_lake_named_after_a_place_is_not_the_place() -> None:
    assert (
        _places_of("A Houthi missile struck a ship in the Gulf of Aden.", frozenset({"YEM"}), "YEM")
        == []
    )
    assert ("Tana", "MDG") not in _places_of(
        "Bahir Dar airport is near the Lake Tana.", frozenset({"ETH", "MDG"}), "ETH"
    )


def test_an_abbreviated_mount_is_no_town() -> None:
    found = _places_of(
        "An encounter in Natonin in Mt. Province killed seven.", frozenset({"PHL"}), "PHL"
    )
    assert all(name != "Mt" for name, _ in found)


def test_names_joined_by_hyphens_before_a_plural_place_word_are_a_list() -> None:
    assert _places_of(
        "The gunfight broke out in a forest on the tri-junction of Usoor-Basaguda-Pamed "
        "villages, police said.",
        frozenset({"IND"}),
        "IND",
    ) == [("Usoor", "IND"), ("Basaguda", "IND"), ("Pamed", "IND")]
    # A hyphenated name before a singular word is one name.
    assert _places_of(
        "Fighting was reported near Kum-Mazar village.", frozenset({"KGZ"}), "KGZ"
    ) == [("Kum-Mazar", "KGZ")]


def test_an_article_that_names_only_a_short_province_is_in_its_country() -> None:
    # "in Enga" (a province of Papua New Guinea, four letters): the country is never named.
    text = (
        "Massacre in Enga\n\n"
        "At least 49 persons were massacred at Akom village in Enga on Sunday, police "
        "confirmed yesterday."
    )
    drafted = _drafted(text, "2024-02-20T12:00:00+00:00")
    assert drafted and all(d["countries"] == ["PNG"] for d in drafted)


def test_a_quarter_named_with_its_word_is_the_place_not_the_town_in_its_name() -> None:
    assert _places_of(
        "The killings took place in the Wharf Jeremie neighbourhood of Cite Soleil.",
        frozenset({"HTI"}),
        "HTI",
    )[0] == ("Wharf Jeremie", "HTI")
    assert ("Vila Cruzeiro", "BRA") in _places_of(
        "At least 22 people were killed during a raid in the Vila Cruzeiro favela, in Penha.",
        frozenset({"BRA"}),
        "BRA",
    )


def test_a_body_s_command_area_is_no_place() -> None:
    assert _places_of(
        "Police from Provincial Police Region 9 inspected the sites in Narathiwat.",
        frozenset({"THA"}),
        "THA",
    ) == [("Narathiwat", "THA")]


@pytest.mark.parametrize(
    "sentence",
    [
        "AT LEAST 44 members of the BIFF were killed during a two-day encounter with "
        "government security forces in Maguindanao, the Philippine Army said.",
        "U.S.-led forces killed 20 suspected insurgents during a raid northwest of Baghdad on "
        "Friday, the U.S. military said.",
        "A Pakistan Army soldier embraced martyrdom while three others sustained injuries in an "
        "ambush on their convoy near Turbat, the military said.",
        "A gunbattle lasted several hours and one soldier was wounded in Kunduz, the Afghan "
        "defense spokesman said.",
        "Maoist guerrillas killed at least 57 soldiers and policemen in Nepal overnight, a "
        "government minister said.",
    ],
)
def test_the_fight_told_beside_its_toll_is_a_clash_of_its_own(sentence: str) -> None:
    assert {"armed_clash", "casualty_report"} <= _kinds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Moscow says a man was killed by a shell in a border town in Rostov region.",
        "Syrian state media said mortar shells exploded Tuesday in central Damascus, killing "
        "12 people and wounding scores.",
        "A suspected U.S. drone fired four missiles at a vehicle in North Waziristan, killing "
        "10 militants, officials said.",
        "In two attacks on Ganja, Armenian missiles killed some two dozen civilians, Azerbaijan "
        "said.",
        "At least 30 civilians died Saturday when bombs from Russian planes struck two "
        "apartment blocks in Gori, Georgian officials said.",
    ],
)
def test_the_weapon_that_killed_is_a_strike_beside_its_toll(sentence: str) -> None:
    assert {"shelling", "casualty_report"} <= _kinds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Belgrade does not recognize the vote held in northern Kosovo.",
        "Baku now claims its troops shelled the heights near Tavush, Armenia.",
        "Yerevan immediately denied the attack on Ganja, Azerbaijan.",
        "Islamabad has strongly protested to Kabul over the firing at Torkham, Pakistan.",
        "Kiev-backed troops fought near Donetsk, Ukraine.",
        "Moscow is warning Kiev after a shell hit Donetsk, Russia.",
        # A parenthetical between the capital and its verb.
        "Yerevan, in turn, said Azerbaijani troops fired on positions near Goris, Armenia.",
        "Baku, for its part, said Armenian forces shelled Tovuz, Azerbaijan.",
        # Backing or support for a capital, at the start of a sentence too.
        "Backed by Yerevan, ethnic Armenian forces seized Kelbajar, Azerbaijan.",
        "Turkey has not softened its support for Baku since the clash in Tovuz, Azerbaijan.",
        # The addressee of a diplomatic message is the government in that capital.
        "The Foreign Office conveyed its concerns to Kabul after the firing at Torkham, Pakistan.",
        "Islamabad lodged a strong protest with Kabul over the shelling of Chaman, Pakistan.",
    ],
)
def test_a_capital_that_acts_is_its_government(sentence: str) -> None:
    found = _drafted("Latest from the region\n\n" + sentence, "2020-07-23T12:00:00+00:00")
    capitals = {"Belgrade", "Baku", "Yerevan", "Kabul", "Kiev", "Moscow", "Islamabad"}
    assert not capitals & {p["name"] for d in found for p in d.get("places", [])}


@pytest.mark.parametrize(
    "said",
    [
        "he told reporters in Jakarta",
        "the spokesman told newsmen on Sunday, in Jakarta",
        "he said in a statement issued in Jakarta",
        "he said at a press conference in Jakarta",
        "the military spokesman said at a briefing in Jakarta",
    ],
)
def test_where_it_was_said_is_not_where_it_happened(said: str) -> None:
    found = _drafted(
        "Workers killed in Papua\n\n"
        f"Rebels killed 19 construction workers in Nduga, Papua, Indonesia, {said}.",
        "2018-12-05T12:00:00+00:00",
    )
    names = {p["name"] for d in found for p in d.get("places", [])}
    assert "Jakarta" not in names and "Nduga" in names


def test_a_well_known_city_of_an_unnamed_country_keeps_its_country() -> None:
    # A Lebanon story: "in Gaza" is Gaza's, never a Lebanese village of that name.
    assert _places_of(
        "The truce was part of a wider conflict sparked by fighting in Gaza.",
        frozenset({"LBN", "ISR"}),
        "LBN",
    ) == [("Gaza", "PSE")]
    # "the war in Gaza" names the war: no place at all.
    assert (
        _places_of(
            "The truce was part of a wider conflict sparked by the war in Gaza.",
            frozenset({"LBN", "ISR"}),
            "LBN",
        )
        == []
    )


def test_a_ship_s_name_is_no_town() -> None:
    assert _places_of(
        "The Council condemned the attack on the South Korean warship Cheonan near Baengnyeong.",
        frozenset({"KOR"}),
        "KOR",
    ) == [("Baengnyeong", "KOR")]


def test_a_country_inside_a_news_outlet_s_name_is_no_mention_of_it() -> None:
    assert found("Meanwhile, the Agence France Presse reported that two soldiers were killed") == []
    assert found("the Radio France Internationale reported that France sent aid") == [
        ("France", "country", "FRA", None)
    ]


def test_a_country_named_after_a_list_of_places_is_theirs() -> None:
    both = frozenset({"LBN", "ISR"})
    assert _places_of(
        "The group said it struck the Kfar Zeit and Beit Amon outposts in northern Israel.",
        both,
        default="LBN",
    ) == [("Kfar Zeit", "ISR"), ("Beit Amon", "ISR")]
    assert _places_of(
        "Shells hit the villages of Kfar Zeit and Beit Amon in Lebanon's south.", both, "ISR"
    ) == [("Kfar Zeit", "LBN"), ("Beit Amon", "LBN")]
    # Without a country after the list: the article's main country, as before.
    assert _places_of(
        "The group said it struck the Kfar Zeit and Beit Amon outposts overnight.",
        both,
        default="LBN",
    ) == [("Kfar Zeit", "LBN"), ("Beit Amon", "LBN")]


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        (
            "Islamic Jihad said it had agreed to a ceasefire with Israel to end three days of "
            "fighting that left at least 41 Palestinians dead.",
            {"ceasefire_agreed", "casualty_report"},
        ),
        (
            "The two countries fought a war over the Badme region in 1998-2000 that left an "
            "estimated 70,000 Eritreans and Ethiopians dead.",
            {"background", "casualty_report"},
        ),
        # A toll that runs to this day is only a casualty report, whatever year it counts from.
        (
            "More than 6,600 Thai people have died since the rebellion erupted again in 2004.",
            {"casualty_report"},
        ),
    ],
)
def test_a_toll_told_with_another_kind_is_a_casualty_report_of_its_own(
    sentence: str, kinds: set[str]
) -> None:
    assert _kinds(sentence, "2022-08-08T12:00:00+00:00") == kinds
    toll = [
        d
        for d in _drafted("Latest from the region\n\n" + sentence, "2022-08-08T12:00:00+00:00")
        if d.get("figures")
    ]
    assert [d["kind"] for d in toll] == ["casualty_report"]


@pytest.mark.parametrize(
    "sentence",
    [
        "At least seven Taliban militants were killed following a fierce clash in Afghanistan's "
        "Kunduz province, an official said.",
        "Afghan police forces returned fire, resulting in the death of seven insurgents.",
        # An attack with the one who made it: "in attacks carried out by", "in an attack by".
        "At least 40 people were killed on Saturday in attacks carried out by armed men on the "
        "village of Fada in eastern Chad, a local doctors' group said.",
        "Two soldiers were killed in Cesar department, near Venezuela, in an attack by "
        "guerrillas of Colombia's ELN, military sources said.",
        # An attack told for the first time as the subject of its toll.
        "NIAMEY: An attack blamed on jihadists in western Niger has killed at least 12 "
        "soldiers, two local officials said.",
        "A rebel ambush on an army convoy in Chad's Lac province killed nine soldiers, the "
        "army said.",
        "A military operation in Ethiopia's Amhara region has left 24 militants dead, an "
        "official said on Saturday.",
        "On Sunday, an armed attack in the Kidal region of Mali left at least 32 civilians dead.",
        # Fighting with its sides named, beside its toll.
        "At least 31 people were killed in clashes between Christian and Muslim fighters in "
        "Central African Republic this week, a local official said.",
        "Three Azerbaijani soldiers were killed Thursday in fighting with Armenian forces near "
        "Nagorno-Karabakh, the ministry said.",
        "At least 16 Somali civilians died after fighting yesterday between Ethiopian troops "
        "and Islamist insurgents in Mogadishu.",
        # The attack that caused the toll, told after it.
        "At least two Cameroonian soldiers were killed after armed separatist forces attacked "
        "a gendarmerie post in Wum, the army said.",
        "At least 17 people were killed in Somalia on Saturday after Islamist group al Shabaab "
        "attacked a military base.",
    ],
)
def test_the_fighting_told_with_its_toll_is_a_clash_beside_it(sentence: str) -> None:
    assert {"armed_clash", "casualty_report"} <= _kinds(sentence)


def test_the_attack_told_before_is_no_second_development_of_its_toll() -> None:
    # "The attack killed ...": an attack the article has told already; only the toll.
    assert _kinds("The attack killed a 40-year-old man in Chad, locals said.") == {
        "casualty_report"
    }


def test_karabakh_towns_keep_the_name_their_source_uses() -> None:
    found = gazetteer(None).find(
        "The violations took place between Martakert and Terter; the Azerbaijani army took "
        "Aghdara and Sugovushan.",
        0,
        frozenset({"ARM", "AZE"}),
        [],
    )
    assert [(p.place.name, p.place.country) for p in found] == [
        ("Martakert", "AZE"),
        ("Terter", "AZE"),
        ("Aghdara", "AZE"),
        ("Sugovushan", "AZE"),
    ]
    # Their people counted as Armenia's party until the exodus of September 2023.
    assert {p.place.party("2020-10-01") for p in found if p.place.name != "Terter"} == {"ARM"}


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        (
            "Rebels shelled Sake, some fifteen kilometers west of Goma, residents said.",
            [("Sake", "COD")],
        ),
        # Guard: a spelled distance "from" a village is where it happened.
        (
            "The ambush in eastern Congo occurred five kilometers (three miles) from the village of Sake, "
            "residents said.",
            [("Sake", "COD")],
        ),
        (
            "Rebels seized Wad Madani, which lies just south of Khartoum, residents said.",
            [("Wad Madani", "SDN")],
        ),
    ],
)
def test_a_place_that_measures_where_another_is_is_no_place_of_the_event(
    sentence: str, places: list[tuple[str, str]]
) -> None:
    drafted = _drafted("Latest from the region\n\n" + sentence, "2022-06-20T12:00:00+00:00")
    assert {(p["name"], p["country"]) for d in drafted for p in d.get("places", [])} == set(places)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Iraqi Foreign Minister summoned the Turkish ambassador in Baghdad on Thursday and "
        "delivered him a memorandum of protest.",
        "Islamabad has strongly protested to Kabul over the firing by Afghan forces at the "
        "Torkham border crossing.",
    ],
)
def test_a_diplomatic_protest_is_an_accusation(sentence: str) -> None:
    assert "accusation" in _kinds(sentence)


def test_a_sea_or_ocean_named_by_a_people_or_a_country_is_neither() -> None:
    # Water named with a people's word or a country's name is not that people's country.
    assert found("near the Indian Ocean coastal town of Addale, in Somalia") == [
        ("Somalia", "country", "SOM", None)
    ]
    assert found("Chinese vessels in the South China Sea") == [("Chinese", "demonym", "CHN", None)]
    assert found("in the Philippine Sea") == []
    # A people's word before anything else is still the people: "Indian troops".
    assert [m[0] for m in found("Indian troops and the Indian Ocean")] == ["Indian troops"]


def test_somali_places_beside_the_indian_ocean_stay_somali() -> None:
    text = (
        "Six Somali soldiers killed in al-Shabab attack\n\n"
        "Six soldiers were killed when al-Shabab militants attacked a base in Somalia before "
        "dawn Friday, officials said.\n\n"
        "The attackers targeted a Somali government military base in Haji Ali village, near "
        "the Indian Ocean coastal town of Addale, in Middle Shabelle region, officials said.\n"
    )
    drafted = _drafted(text, "2020-01-10")
    places = {(p["name"], p["country"]) for d in drafted for p in d.get("places") or []}
    assert {("Haji Ali", "SOM"), ("Addale", "SOM")} <= places
    assert all(country == "SOM" for _, country in places)


@pytest.mark.parametrize(
    "text",
    [
        "The enemy used weapons prohibited by the Minsk agreements.",
        "Talks in the Astana format resumed.",
        "The Oslo Accords never settled Jerusalem.",
    ],
)
def test_a_deal_named_for_a_city_is_not_a_place(text: str) -> None:
    places = gazetteer(None).find(text, 0, frozenset({"UKR", "SYR", "ISR", "PSE"}), [])
    assert [m.text for m in places if m.text in ("Minsk", "Astana", "Oslo")] == []


def test_a_city_before_other_words_is_still_a_place() -> None:
    found = gazetteer(None).find(
        "Talks were held in Minsk on Friday.", 0, frozenset({"BLR", "UKR"}), []
    )
    assert [m.text for m in found] == ["Minsk"]


def test_somalia_s_regions_by_their_english_names() -> None:
    # ISO 3166-2 spells them in Somali; English news writes "Lower Juba", "Lower Shabelle".
    found = gazetteer(None).find(
        "Fighters attacked Hosingow town in Lower Juba region and Afgoye in Lower Shabelle.",
        0,
        frozenset({"SOM"}),
        [],
    )
    assert {(m.place.name, m.place.country) for m in found} >= {
        ("Lower Juba", "SOM"),
        ("Lower Shabelle", "SOM"),
    }
    assert "SSD" not in {m.place.country for m in found}  # never South Sudan's Juba


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "The bus was hit by a suspected suicide attack in the Egyptian town of Taba on "
            "Sunday, according to the ministry.",
            "armed_clash",
        ),
        (
            '"A garrison housing 200 soldiers was targeted by members of Boko Haram" late on '
            "Sunday in Chad, a local source said.",
            "armed_clash",
        ),
        (
            "A UNIFIL spokeswoman said a vehicle was targeted by a strike near Naqura in Lebanon.",
            "shelling",
        ),
    ],
)
def test_a_target_hit_by_an_attack_or_a_strike_in_the_passive(sentence: str, kind: str) -> None:
    assert kind in _kinds(sentence)


def test_a_place_targeted_in_the_past_is_no_new_attack() -> None:
    # "has been targeted" tells the place's history, not a new attack.
    assert "armed_clash" not in _kinds(
        "The Lido Beach area in Somalia has in the past been targeted by militants, officials said."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "A series of blasts tore through the ministry of state security in Tiraspol, "
        "Moldova, on Monday.",
        "Yesterday afternoon, an explosion struck a playground in a refugee camp in Gaza.",
        "Several explosions were heard near Saravan in Iran on Thursday.",
    ],
)
def test_explosions_told_by_what_they_did_are_the_event(sentence: str) -> None:
    assert _kinds(sentence) & {"shelling", "armed_clash"}


@pytest.mark.parametrize(
    "sentence",
    [
        "The attack targeted a military post in the town of Chinagodrar in Niger, the "
        "ministry said.",
        'The armed groups have "now taken control of about 50 towns" in Syria, the monitor said.',
        "Mr. Usman said the troops repelled attacks by Boko Haram in Nigeria.",
    ],
)
def test_an_attack_by_its_target_ground_taken_or_an_attack_repelled_is_fighting(
    sentence: str,
) -> None:
    assert "armed_clash" in _kinds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ceasefire deals have been reached with commanders of two militia units in Syria's "
        "Damascus province.",
        '"A short while ago the wording of the Egyptian truce agreement reached us," an '
        "Islamic Jihad official in Gaza said.",
    ],
)
def test_a_truce_or_ceasefire_deal_in_the_plural_or_as_a_compound_is_agreed(
    sentence: str,
) -> None:
    assert "ceasefire_agreed" in _kinds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Combat actions are under way near Tskhinvali in Georgia.",
        "Fierce battles are still ongoing in the Marawi area of the Philippines, the army said.",
    ],
)
def test_fighting_told_as_going_on_is_fighting(sentence: str) -> None:
    assert "armed_clash" in _kinds(sentence)


def test_an_operation_or_talks_going_on_is_no_fighting() -> None:
    assert "armed_clash" not in _kinds(
        "Talks between Armenia and Azerbaijan are under way in Brussels, the EU said."
    )
