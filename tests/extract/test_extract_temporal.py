"""Temporal resolution against the publication date, HeidelTime news-mode style."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.extract import temporal

TUESDAY = date(2022, 9, 13)  # the seed's publication day
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def resolve(
    text: str, published: date = TUESDAY, *, future: bool = False
) -> list[tuple[str, str, str | None, str]]:
    return [
        (t.text, t.begin, t.until, t.precision)
        for t in temporal.find(text, 0, published, future=future)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # explicit dates, with and without a year
        ("on 12 September 2022", ("on 12 September 2022", "2022-09-12", None, "day")),
        ("on September 12, 2022,", ("on September 12, 2022", "2022-09-12", None, "day")),
        ("on Sept. 12 troops", ("on Sept. 12", "2022-09-12", None, "day")),
        ("on 2022-09-10 troops", ("2022-09-10", "2022-09-10", None, "day")),
        # a day and month after publication, in a past-tense sentence: the year before
        ("clashed on Dec. 20 last", ("on Dec. 20", "2021-12-20", None, "day")),
        # weekdays: the latest such day on or before publication
        ("met on Tuesday to discuss", ("on Tuesday", "2022-09-13", None, "day")),
        ("exchanged fire on Wednesday", ("on Wednesday", "2022-09-07", None, "day")),
        ("early on Friday", ("early on Friday", "2022-09-09", None, "day")),
        ("on Sunday night", ("on Sunday night", "2022-09-11", "2022-09-12", "night")),
        (
            "at about 04:50 local time on Friday",
            ("at about 04:50 local time on Friday", "2022-09-09", None, "day"),
        ),
        (
            "at 04:50 GMT on Monday",
            ("at 04:50 GMT on Monday", "2022-09-12T04:50:00Z", None, "hour"),
        ),
        # relative days and nights
        ("fighting that began overnight", ("overnight", "2022-09-12", "2022-09-13", "night")),
        ("overnight into Tuesday", ("overnight into Tuesday", "2022-09-12", "2022-09-13", "night")),
        ("was heard yesterday", ("yesterday", "2022-09-12", None, "day")),
        ("last night", ("last night", "2022-09-12", "2022-09-13", "night")),
        # weeks, months, years
        ("earlier this week", ("earlier this week", "2022-09-12", "2022-09-12", "week")),
        ("last week", ("last week", "2022-09-05", None, "week")),
        ("in Brussels last month", ("last month", "2022-08", None, "month")),
        ("in August", ("in August", "2022-08", None, "month")),
        # "last March" is the latest March before publication (13 September 2022)
        ("a truce declared last March", ("last March", "2022-03", None, "month")),
        ("a truce declared last October", ("last October", "2021-10", None, "month")),
        ("a truce declared last September", ("last September", "2021-09", None, "month")),
        ("in November 2020", ("in November 2020", "2020-11", None, "month")),
        ("gains in 2020, reclaiming", ("in 2020", "2020", None, "year")),
        # "N ... ago" from publication
        ("a six-week war two years ago", ("two years ago", "2020", None, "year")),
        ("three days ago", ("three days ago", "2022-09-10", None, "day")),
        ("two weeks ago", ("two weeks ago", "2022-08-29", None, "week")),
        ("five months ago", ("five months ago", "2022-04", None, "month")),
        # "since X" runs to publication
        ("Since February, we have", ("Since February", "2022-02", "2022-09-13", "month")),
        ("since 2014", ("since 2014", "2014", "2022-09-13", "year")),
    ],
)
def test_expressions_resolve_against_publication(
    text: str, expected: tuple[str, str, str | None, str]
) -> None:
    assert resolve(text) == [expected]


def test_future_tense_takes_the_next_weekday_heideltime_rule() -> None:
    assert resolve("will meet on Friday", future=True) == [("on Friday", "2022-09-16", None, "day")]
    assert resolve("will meet on Tuesday", future=True) == [
        ("on Tuesday", "2022-09-13", None, "day")
    ]
    assert resolve("next week", future=True) == [("next week", "2022-09-19", None, "week")]


def test_future_markers() -> None:
    for text in (
        "France will raise clashes",
        "Klaar was supposed to visit",
        "is expected to visit",
    ):
        assert temporal.future_marker(text) is not None
    assert temporal.future_marker("over plans to merge the forces") is None
    assert temporal.future_marker("Armenia said Azerbaijan bombed cities") is None


def test_comparisons_and_modifier_years_are_not_times() -> None:
    assert resolve("the deadliest fighting since a 2020 war, according to each side") == []
    assert resolve("the worst clashes since 2020 broke out") == []
    assert resolve("a 2020 war") == []


def test_relative_to_an_earlier_time_in_the_sentence() -> None:
    found = resolve("gains in 2020, reclaiming land lost 30 years earlier.")
    assert found == [
        ("in 2020", "2020", None, "year"),
        ("30 years earlier", "1990", "1990", "approximate"),
    ]
    assert resolve(
        "captured Goma a decade ago, in 2012, before troops drove it out the following year."
    ) == [
        ("in 2012", "2012", None, "year"),  # "a decade ago, in 2012": one time, the finer kept
        ("the following year", "2013", None, "year"),
    ]
    # "two years after X" needs X; it is not guessed at.
    assert resolve("two years after a war broke out") == []


def test_timex_occurred_dict_is_a_dispatch_occurred() -> None:
    (timex,) = temporal.find("overnight", 10, TUESDAY)
    assert (timex.start, timex.end) == (10, 19)
    assert timex.occurred() == {
        "start": "2022-09-12",
        "end": "2022-09-13",
        "precision": "night",
        "phrase": "overnight",
    }


@given(
    published=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    weekday=st.sampled_from(WEEKDAYS),
    future=st.booleans(),
)
def test_weekdays_land_on_that_weekday_within_a_week_of_publication(
    published: date, weekday: str, future: bool
) -> None:
    (timex,) = temporal.find(f"on {weekday}", 0, published, future=future)
    day = date.fromisoformat(timex.begin)
    assert day.weekday() == WEEKDAYS.index(weekday)
    if future:
        assert published <= day < published + timedelta(days=7)
    else:
        assert published - timedelta(days=7) < day <= published


@given(published=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
def test_relative_days_follow_publication(published: date) -> None:
    (yesterday,) = temporal.find("yesterday", 0, published)
    (overnight,) = temporal.find("overnight", 0, published)
    assert date.fromisoformat(yesterday.begin) == published - timedelta(days=1)
    assert overnight.until == published.isoformat()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The night that ends on the day named after "overnight" or "the early hours of".
        (
            "drones struck overnight on Sept. 12, officials said",
            ("overnight on Sept. 12", "2022-09-11", "2022-09-12", "night"),
        ),
        (
            "in the early hours of Monday troops moved",
            ("in the early hours of Monday", "2022-09-11", "2022-09-12", "night"),
        ),
        (
            "shelling in the small hours of 10 September",
            ("in the small hours of 10 September", "2022-09-09", "2022-09-10", "night"),
        ),
        # Without those words the day stays a day.
        ("drones struck on Sept. 12", ("on Sept. 12", "2022-09-12", None, "day")),
    ],
)
def test_the_night_before_a_named_day(
    text: str, expected: tuple[str, str, str | None, str]
) -> None:
    assert resolve(text) == [expected]


def test_a_day_restated_in_brackets_is_one_time() -> None:
    published = date(2022, 1, 21)  # a Friday
    found = temporal.find("aid workers said on Friday (Jan 21) after", 0, published)
    assert [(t.begin, t.precision) for t in found] == [("2022-01-21", "day")]
    # A different day in brackets is a second time.
    found = temporal.find("said on Friday (Jan 20) after", 0, published)
    assert len(found) == 2


def test_during_the_night_is_the_night_before_publication() -> None:
    published = date(2022, 12, 11)
    found = temporal.find("attackers exchanged gunfire during the night", 0, published)
    assert [(t.begin, t.until, t.precision) for t in found] == [
        ("2022-12-10", "2022-12-11", "night")
    ]
    # "the night of Saturday" names its own night.
    found = temporal.find("during the night of Saturday", 0, published)
    assert [t.text for t in found] == ["the night of Saturday"]


def test_earlier_this_week_told_on_a_monday_is_the_days_just_gone() -> None:
    monday = date(2024, 5, 13)
    assert resolve("clashes earlier this week", monday) == [
        ("earlier this week", "2024-05-06", "2024-05-12", "week")
    ]
    assert resolve("clashes earlier this week", monday + timedelta(days=3)) == [
        ("earlier this week", "2024-05-13", "2024-05-15", "week")
    ]


def test_a_night_with_its_clock_time_and_birth_years() -> None:
    assert resolve("Overnight July 16, at around 03:40, troops moved", date(2020, 7, 16)) == [
        ("Overnight July 16, at around 03:40", "2020-07-16", None, "day")
    ]
    assert resolve("Tigran Poghosyan (b. 1992) and a man born in 1972 were killed") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "overnight on April 25-26, it said",
            ("overnight on April 25-26", "2016-04-25", "2016-04-26", "night"),
        ),
        (
            "on the night of 12 to 13 April",
            ("on the night of 12 to 13 April", "2016-04-12", "2016-04-13", "night"),
        ),
        ("clashes on 12-14 April", ("on 12-14 April", "2016-04-12", "2016-04-14", "day")),
    ],
)
def test_ranges_of_days_and_the_night_between_two_days(
    text: str, expected: tuple[str, str, str, str]
) -> None:
    assert resolve(text, date(2016, 4, 26)) == [expected]


def test_two_days_next_to_each_other_joined_by_and_are_one_range() -> None:
    published = date(2024, 12, 8)
    assert resolve("operations carried out on December 6 and 7, six soldiers", published) == [
        ("on December 6 and 7", "2024-12-06", "2024-12-07", "day")
    ]
    assert resolve("clashes on 6 and 7 December", published) == [
        ("on 6 and 7 December", "2024-12-06", "2024-12-07", "day")
    ]
    assert resolve("fighting between Dec. 6 and 7", published) == [
        ("between Dec. 6 and 7", "2024-12-06", "2024-12-07", "day")
    ]
    # Days apart are two days, not the week between; a count after "and" is no day.
    assert [t[1:3] for t in resolve("strikes on December 3 and 6", published)] == [
        ("2024-12-03", None)
    ]
    assert [t[1:3] for t in resolve("on December 6 and 7,000 people fled", published)] == [
        ("2024-12-06", None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "killed more than 1,300 people between January 2021 and January 2022, a report said",
            ("January 2021 and January 2022", "2021-01", "2022-01", "month"),
        ),
        (
            "from March 2020 to May 2021 the army lost",
            ("from March 2020 to May 2021", "2020-03", "2021-05", "month"),
        ),
        (
            "between Feb. 22 and April 2, troops",
            ("Feb. 22 and April 2", "2024-02-22", "2024-04-02", "day"),
        ),
        ("killed from 1 June to 24 July", ("1 June to 24 July", "2024-06-01", "2024-07-24", "day")),
        (
            "between December 6 and 11, troops",
            ("between December 6 and 11", "2023-12-06", "2023-12-11", "day"),
        ),
        ("between 2013 and 2018 there were", ("between 2013 and 2018", "2013", "2018", "year")),
        ("from 2019 to 2021 the", ("from 2019 to 2021", "2019", "2021", "year")),
        ("from Jan. 1 to date, 80 died", ("Jan. 1 to date", "2024-01-01", "2024-08-10", "day")),
    ],
)
def test_a_span_between_two_times_is_one_period(text: str, expected: tuple[str, ...]) -> None:
    assert resolve(text, date(2024, 8, 10)) == [expected]


def test_two_times_that_open_no_span_stay_apart() -> None:
    published = date(2024, 8, 10)
    # No "between" or "from" before the first: two times, not the span between them.
    assert [t[1:3] for t in resolve("in March 2020 and May 2021 the army", published)] == [
        ("2020-03", None),
        ("2021-05", None),
    ]
    # The second before the first is no span.
    assert [t[1:3] for t in resolve("from May 2021 to March 2020", published)] == [
        ("2021-05", None),
        ("2020-03", None),
    ]
    # "to date" after a time that opens no span.
    assert resolve("on Jan. 1 to date the", published)[0][2] is None


def test_the_past_hours_and_days_run_up_to_publication() -> None:
    assert resolve("During the past 24 hours, troops killed 25 people", date(2024, 7, 3)) == [
        ("During the past 24 hours", "2024-07-02", "2024-07-03", "day")
    ]
    assert resolve("in the last two days, troops", date(2024, 7, 3)) == [
        ("in the last two days", "2024-07-01", "2024-07-03", "day")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Published Tuesday 13 September 2022: the last such days before it.
        (
            "battles on Thursday and Friday",
            [("on Thursday and Friday", "2022-09-08", "2022-09-09")],
        ),
        ("from Friday to Sunday", [("from Friday to Sunday", "2022-09-09", "2022-09-11")]),
        (
            "between Saturday and Monday",
            [("between Saturday and Monday", "2022-09-10", "2022-09-12")],
        ),
        ("on Sunday and Monday", [("on Sunday and Monday", "2022-09-11", "2022-09-12")]),
        # Two days apart joined by "and" are two days, each on its own.
        (
            "on Friday and Monday",
            [("on Friday", "2022-09-09", None), ("Monday", "2022-09-12", None)],
        ),
        # Nights keep their own reading.
        (
            "on Thursday and Friday nights",
            [("on Thursday", "2022-09-08", None), ("Friday night", "2022-09-09", "2022-09-10")],
        ),
    ],
)
def test_a_range_of_weekdays_is_the_days_between(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert [(t, b, u) for t, b, u, _ in resolve(text)] == expected


@given(
    st.sampled_from(WEEKDAYS),
    st.sampled_from(WEEKDAYS),
    st.dates(date(2000, 1, 1), date(2030, 1, 1)),
)
def test_a_range_of_weekdays_ends_on_or_before_publication_and_spans_under_a_week(
    first: str, last: str, published: date
) -> None:
    for found in temporal.find(f"from {first} to {last}", 0, published):
        begin, until = (
            date.fromisoformat(found.begin),
            date.fromisoformat(found.until or found.begin),
        )
        assert begin <= until <= published
        assert (until - begin).days <= 6
        if found.until is not None:  # a range: from the first day named to the last
            assert (WEEKDAYS[begin.weekday()], WEEKDAYS[until.weekday()]) == (first, last)


def test_the_day_of_the_month_spelled_with_of() -> None:
    assert resolve("On the 23rd of August, 2022, at about 1600 hours") == [
        ("On the 23rd of August, 2022", "2022-08-23", None, "day")
    ]
    assert resolve("on the 5th of September") == [
        ("on the 5th of September", "2022-09-05", None, "day")
    ]


def test_since_an_event_began_on_a_day_runs_from_that_day_to_publication() -> None:
    assert resolve("Since the latest violence began before dawn on September 8, 94 died") == [
        ("on September 8", "2022-09-08", "2022-09-13", "day")
    ]
    assert resolve("since the war broke out on September 1") == [
        ("on September 1", "2022-09-01", "2022-09-13", "day")
    ]
    # "since" before a date with no preposition of its own, and what began some time ago.
    assert resolve("Fighting has raged in the city since September 8.") == [
        ("September 8", "2022-09-08", "2022-09-13", "day")
    ]
    found = resolve("since troops began a siege of the city two days ago")
    assert [(text, until) for text, _, until, _ in found] == [("two days ago", "2022-09-13")]
    assert resolve("the worst fighting since September 8") == []
    # Since an attacker launched or unleashed its attack on a day.
    assert resolve("Since they unleashed their attack on Sept. 8, the militants have") == [
        ("on Sept. 8", "2022-09-08", "2022-09-13", "day")
    ]
    assert resolve("since the army launched its offensive on September 1") == [
        ("on September 1", "2022-09-01", "2022-09-13", "day")
    ]
    # Since the start or outbreak of what is counted, then its time.
    assert resolve("the toll since the start of military events in October 2021 rose to 36") == [
        ("in October 2021", "2021-10", "2022-09-13", "month")
    ]
    assert resolve("since the outbreak of war in April 2021, 50 died") == [
        ("in April 2021", "2021-04", "2022-09-13", "month")
    ]
    assert resolve("killed since the start of 2019, the group said") == [
        ("of 2019", "2019", "2022-09-13", "year")
    ]
    assert resolve("since the war began in 2020 it has killed") == [
        ("in 2020", "2020", "2022-09-13", "year")
    ]
    # A time of its own, not of a start, is no period.
    assert resolve("the start of fighting in April 2021 killed 50") == [
        ("in April 2021", "2021-04", None, "month")
    ]
    # A comparison is no period: "the deadliest since the war began in 2020".
    assert resolve("the deadliest fighting since the war began in 2020") == [
        ("in 2020", "2020", None, "year")
    ]


def test_a_month_with_its_day_after_in_and_ranges_of_years() -> None:
    assert resolve("troops were killed in September 12 clashes") == [
        ("September 12", "2022-09-12", None, "day")
    ]
    assert resolve("in September, 12 people died") == [("in September", "2022-09", None, "month")]
    assert resolve("they fought in 1998-2000 over Badme") == [
        ("in 1998-2000", "1998", "2000", "year")
    ]
    assert resolve("the 1992-95 war") == [("1992-95", "1992", "1995", "year")]
    assert resolve("scores of 2010-2090") == []  # no span of decades reads as a period


def test_several_weeks_ago_is_an_approximate_span_some_weeks_back() -> None:
    assert resolve("Several weeks ago, the rebel leader offered talks") == [
        ("Several weeks ago", "2022-08-09", "2022-08-30", "approximate")
    ]
    assert resolve("a few days ago") == [
        ("a few days ago", "2022-09-08", "2022-09-11", "approximate")
    ]


def test_last_weekday_on_that_weekday_is_the_week_before() -> None:
    # Published on a Tuesday: "since last Tuesday" is a week of fighting, not today.
    assert resolve("have been killed since last Tuesday, the army said") == [
        ("since last Tuesday", "2022-09-06", "2022-09-13", "day")
    ]
    assert resolve("they met last Friday") == [("last Friday", "2022-09-09", None, "day")]
    # "last Friday's incident" names the event's own day; the possessive keeps the weekday
    # alone, so no "last" is read into it.
    assert [t[0] for t in resolve("Unicef condemned last Friday's incident")] == ["Friday"]


def test_came_a_day_after_is_the_day_before_and_says_how_many_days() -> None:
    # Dated from publication here; the dating stage moves it to the day before the main event.
    assert resolve("The attack came a day after the rebels announced a truce") == [
        ("came a day after", "2022-09-12", None, "day")
    ]
    assert temporal.days_before_event("comes five days after") == (5, 5)
    assert temporal.days_before_event("a day later") is None


def test_a_count_before_a_doubled_space_is_no_year() -> None:
    # "at least 2058  people died": a toll printed without a thousands comma, before a
    # doubled space as scraped text has it, is a count like "2058 people", not a year.
    assert resolve("caused at least 2058  people died") == []
    assert resolve("killed 1995\n civilians") == []
    # A year at a sentence's end, or before a capital, is still a year.
    assert [t[1] for t in resolve("elections were held in 2014, and again 2016.")] == [
        "2014",
        "2016",
    ]


def test_came_days_after_counts_back_a_day_some_weeks_or_some_days() -> None:
    published = date(2024, 10, 13)
    assert temporal.days_before_event("came a day after") == (1, 1)
    assert temporal.days_before_event("happened barely two weeks after") == (14, 14)
    # Bare "days": from five days before to the day before, as annotators read it.
    assert temporal.days_before_event("comes just days after") == (5, 1)
    assert resolve("The attack comes just days after a strike", published) == [
        ("comes just days after", "2024-10-08", "2024-10-12", "approximate")
    ]
    # Bare "weeks" counts nothing: how many is not said.
    assert temporal.days_before_event("came weeks after") is None
