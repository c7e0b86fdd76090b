"""The dates an article states: each phrase resolved against the article's own date, as precise as its words."""

import datetime

import pytest

from meetings.choices import DatePrecision
from meetings.suggest.dates import StatedDate, find_dates, resolve

DAY, MONTH, YEAR, UNKNOWN = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR, DatePrecision.UNKNOWN
FRIDAY_7_OCTOBER_2016 = datetime.date(2016, 10, 7)
MONDAY_3_OCTOBER_2016 = datetime.date(2016, 10, 3)
THURSDAY_29_SEPTEMBER_2016 = datetime.date(2016, 9, 29)


def _stated(text: str, phrase: str, date: datetime.date | None, precision: str) -> StatedDate:
    start = text.index(phrase)
    return StatedDate(date, precision, start, start + len(phrase), phrase)


@pytest.mark.parametrize(
    ("text", "published_on", "phrase", "date", "precision"),
    [
        # Weekdays: the most recent on or before the article's date; the future looks forward.
        ("Lavrov met Kerry on Friday.", FRIDAY_7_OCTOBER_2016, "Friday", datetime.date(2016, 10, 7), DAY),
        ("Lavrov met Kerry on Friday.", MONDAY_3_OCTOBER_2016, "Friday", datetime.date(2016, 9, 30), DAY),
        ("They will meet on Saturday.", THURSDAY_29_SEPTEMBER_2016, "Saturday", datetime.date(2016, 10, 1), DAY),
        ("They will meet on Friday.", FRIDAY_7_OCTOBER_2016, "Friday", datetime.date(2016, 10, 7), DAY),
        ("They met last Friday.", FRIDAY_7_OCTOBER_2016, "last Friday", datetime.date(2016, 9, 30), DAY),
        ("They meet next Friday.", THURSDAY_29_SEPTEMBER_2016, "next Friday", datetime.date(2016, 9, 30), DAY),
        ("They meet next Friday.", FRIDAY_7_OCTOBER_2016, "next Friday", datetime.date(2016, 10, 14), DAY),
        # A day and a month take the article's year, or the one the tense points to.
        ("The ministers spoke on 9 May.", FRIDAY_7_OCTOBER_2016, "9 May", datetime.date(2016, 5, 9), DAY),
        ("The summit on 9 December.", FRIDAY_7_OCTOBER_2016, "9 December", datetime.date(2016, 12, 9), DAY),
        ("They met on 9 December.", FRIDAY_7_OCTOBER_2016, "9 December", datetime.date(2015, 12, 9), DAY),
        ("They will meet on January 3.", FRIDAY_7_OCTOBER_2016, "January 3", datetime.date(2017, 1, 3), DAY),
        ("The talks will be held on 9 May.", FRIDAY_7_OCTOBER_2016, "9 May", datetime.date(2017, 5, 9), DAY),
        ("It was signed on the 9th of May.", FRIDAY_7_OCTOBER_2016, "9th of May", datetime.date(2016, 5, 9), DAY),
        # Full dates, however written, whatever the article's date.
        ("They met on March 3, 2017.", FRIDAY_7_OCTOBER_2016, "March 3, 2017", datetime.date(2017, 3, 3), DAY),
        ("They met on 3 March 2017.", None, "3 March 2017", datetime.date(2017, 3, 3), DAY),
        ("LIMA, Oct. 7, 2016 (Andes) -", None, "Oct. 7, 2016", datetime.date(2016, 10, 7), DAY),
        ("On Friday, 7 October 2016, they met.", None, "Friday, 7 October 2016", datetime.date(2016, 10, 7), DAY),
        ("A readout dated 2017-03-03.", None, "2017-03-03", datetime.date(2017, 3, 3), DAY),
        # Months and years: their first day, at their own precision.
        ("Talks resumed in March 2017.", None, "March 2017", datetime.date(2017, 3, 1), MONTH),
        ("Talks resume in March.", FRIDAY_7_OCTOBER_2016, "March", datetime.date(2016, 3, 1), MONTH),
        ("The summit was held in December.", FRIDAY_7_OCTOBER_2016, "December", datetime.date(2015, 12, 1), MONTH),
        ("A treaty is expected to be signed in May.", FRIDAY_7_OCTOBER_2016, "May", datetime.date(2017, 5, 1), MONTH),
        ("They first met in 2018.", None, "2018", datetime.date(2018, 1, 1), YEAR),
        ("Sanctions in place since mid-2014.", None, "2014", datetime.date(2014, 1, 1), YEAR),
        # Relative phrases.
        ("The call came yesterday.", FRIDAY_7_OCTOBER_2016, "yesterday", datetime.date(2016, 10, 6), DAY),
        ("Tomorrow they fly to Lima.", FRIDAY_7_OCTOBER_2016, "Tomorrow", datetime.date(2016, 10, 8), DAY),
        ("Three days ago they met.", MONDAY_3_OCTOBER_2016, "Three days ago", datetime.date(2016, 9, 30), DAY),
        ("They spoke last month.", FRIDAY_7_OCTOBER_2016, "last month", datetime.date(2016, 9, 1), MONTH),
        ("They spoke last month.", datetime.date(2017, 1, 12), "last month", datetime.date(2016, 12, 1), MONTH),
        ("Elections are due next year.", FRIDAY_7_OCTOBER_2016, "next year", datetime.date(2017, 1, 1), YEAR),
        ("They met two years ago.", FRIDAY_7_OCTOBER_2016, "two years ago", datetime.date(2014, 1, 1), YEAR),
        # A week is not a precision the data has.
        ("They spoke last week.", FRIDAY_7_OCTOBER_2016, "last week", None, UNKNOWN),
        ("They spoke two weeks ago.", FRIDAY_7_OCTOBER_2016, "two weeks ago", None, UNKNOWN),
        # An undated article: the relative phrases stay unknown.
        ("Lavrov met Kerry on Friday.", None, "Friday", None, UNKNOWN),
        ("They spoke last month.", None, "last month", None, UNKNOWN),
        ("The ministers spoke on 9 May.", None, "9 May", None, UNKNOWN),
        ("Talks resume in March.", None, "March", None, UNKNOWN),
        ("The call came yesterday.", None, "yesterday", None, UNKNOWN),
        # Time-of-day words add no precision.
        ("They met on Friday morning.", FRIDAY_7_OCTOBER_2016, "Friday", datetime.date(2016, 10, 7), DAY),
        ("At 10:00 on 9 May, they met.", FRIDAY_7_OCTOBER_2016, "9 May", datetime.date(2016, 5, 9), DAY),
        ("They spoke yesterday evening.", FRIDAY_7_OCTOBER_2016, "yesterday", datetime.date(2016, 10, 6), DAY),
        ("Lavrov called this morning.", FRIDAY_7_OCTOBER_2016, "this morning", datetime.date(2016, 10, 7), DAY),
    ],
)
def test_a_phrase_is_resolved_against_the_article_date(text, published_on, phrase, date, precision):
    assert find_dates(text, published_on) == [_stated(text, phrase, date, precision)]


@pytest.mark.parametrize(
    "text",
    [
        "Theresa May said the talks would go on.",
        "Theresa May 2017 was a year of talks.",
        "Tories lost faith in May's plan.",
        "Thousands of protesters march on the ministry.",
        "March on the capital, the leaflets said.",
        "Ministers may meet again.",
        "The Good Friday Agreement was mentioned.",
        "There were 2018 delegates at the summit.",
        "They met at 10:00 in the morning.",
        "They met a few days ago.",
        "The Sunday Times reported it.",
        "Trade grew in the 1990s and in 2015-16.",
    ],
)
@pytest.mark.parametrize("published_on", [FRIDAY_7_OCTOBER_2016, None])
def test_words_that_are_not_dates_state_none(text, published_on):
    assert find_dates(text, published_on) == []


def test_the_verb_nearest_a_phrase_gives_its_tense():
    text = "Lavrov said on Friday that the ministers will meet in March."
    assert find_dates(text, MONDAY_3_OCTOBER_2016) == [
        _stated(text, "Friday", datetime.date(2016, 9, 30), DAY),
        _stated(text, "March", datetime.date(2017, 3, 1), MONTH),
    ]


def test_every_date_of_a_text_in_order():
    text = "LIMA, October 7, 2016 - Lavrov met Kerry on Friday. They first spoke in 2015 and again last month."
    assert find_dates(text, FRIDAY_7_OCTOBER_2016) == [
        _stated(text, "October 7, 2016", datetime.date(2016, 10, 7), DAY),
        _stated(text, "Friday", datetime.date(2016, 10, 7), DAY),
        _stated(text, "2015", datetime.date(2015, 1, 1), YEAR),
        _stated(text, "last month", datetime.date(2016, 9, 1), MONTH),
    ]


@pytest.mark.parametrize(
    ("phrase", "published_on", "expected"),
    [
        ("on Friday", FRIDAY_7_OCTOBER_2016, StatedDate(datetime.date(2016, 10, 7), DAY, 3, 9, "Friday")),
        ("on Friday", None, StatedDate(None, UNKNOWN, 3, 9, "Friday")),
        ("on 9 May", FRIDAY_7_OCTOBER_2016, StatedDate(datetime.date(2016, 5, 9), DAY, 3, 8, "9 May")),
        ("on 9 December", FRIDAY_7_OCTOBER_2016, StatedDate(datetime.date(2016, 12, 9), DAY, 3, 13, "9 December")),
        ("in 2018", None, StatedDate(datetime.date(2018, 1, 1), YEAR, 3, 7, "2018")),
        ("in March 2017", None, StatedDate(datetime.date(2017, 3, 1), MONTH, 3, 13, "March 2017")),
        ("last month", FRIDAY_7_OCTOBER_2016, StatedDate(datetime.date(2016, 9, 1), MONTH, 0, 10, "last month")),
        ("last month", None, StatedDate(None, UNKNOWN, 0, 10, "last month")),
        ("mid-2018", None, StatedDate(datetime.date(2018, 1, 1), YEAR, 4, 8, "2018")),
        ("the 9th of May", FRIDAY_7_OCTOBER_2016, StatedDate(datetime.date(2016, 5, 9), DAY, 4, 14, "9th of May")),
        ("March 3, 2017", None, StatedDate(datetime.date(2017, 3, 3), DAY, 0, 13, "March 3, 2017")),
    ],
)
def test_resolve_reads_one_phrase(phrase, published_on, expected):
    assert resolve(phrase, published_on) == expected


@pytest.mark.parametrize(
    "phrase", ["Theresa May said", "protesters march", "on 32 May", "the talks", "Friday and Monday"]
)
def test_resolve_refuses_what_is_not_one_date(phrase):
    assert resolve(phrase, FRIDAY_7_OCTOBER_2016) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("will meet on 26 and 27 June", (datetime.date(2025, 6, 26), DatePrecision.DAY, "26 and 27 June")),
        ("a summit on 26-27 June 2026", (datetime.date(2026, 6, 26), DatePrecision.DAY, "26-27 June 2026")),
        ("the summit on June 26–27, 2026", (datetime.date(2026, 6, 26), DatePrecision.DAY, "June 26–27, 2026")),
        (
            "in the last quarter of the year",
            (datetime.date(2025, 1, 1), DatePrecision.YEAR, "last quarter of the year"),
        ),
        ("by the end of the year", (datetime.date(2025, 1, 1), DatePrecision.YEAR, "end of the year")),
    ],
)
def test_a_span_of_days_is_its_first_day_and_a_part_of_the_year_is_the_year(text, expected):
    (stated,) = find_dates(text, datetime.date(2025, 6, 12))
    assert (stated.date, stated.precision, text[stated.start : stated.end]) == expected


def test_a_part_of_the_year_in_an_undated_article_is_unknown():
    (stated,) = find_dates("in the first half of the year", None)
    assert (stated.date, stated.precision) == (None, DatePrecision.UNKNOWN)
