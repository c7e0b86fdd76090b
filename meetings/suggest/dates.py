"""The dates an article states, resolved against the article's own date, never more precise than its words.

``find_dates`` lists the date phrases of a text; ``resolve`` reads one phrase. Both are pure functions of
the words and of the article's publication date (``published_on``, None for an undated article).

Precision comes from the parts the words name, never from what a parser fills in: "3 March 2017",
"Friday", "yesterday" and "three days ago" are days; "March 2017", "in March" and "last month" are
months; "in 2018", "next year" and "in the last quarter of the year" are years; "last week" names no
day, month or year we store and is unknown. Time-of-day words ("Friday morning", "at 10:00") add
nothing. A month or a year is stored as its first day, as the models store it. Month and weekday
names come from dateparser's English locale, and dateparser reads every phrase: the arithmetic here
only picks the year or the week the rules below choose.

Relative phrases ("Friday", "last month", "9 May" without a year) need the article's date; in an
undated article they are unknown, with no date. The rules, for a news report that mostly tells what
has happened; the tense is that of the verb nearest the phrase in its sentence ("met", "was held",
"said" are past; "will", "is expected to", "plans to" the future; "will be held" is not past):

- "on Friday" is the most recent Friday on or before the article's date (the day itself if it is a
  Friday); when the verb speaks of the future ("will meet on Friday"), it is the first Friday on or
  after it. "last Friday" is the last one strictly before the article's date, "next Friday" the first
  one strictly after, whatever the tense.
- "on 9 May" and "in March" take the article's year; in the past tense, a date this would put after
  the article's date is the year before, and in the future tense one it would put before the article's
  date is the year after. Without a verb to tell, the article's year.
- A bare year or month is a date only after a word that introduces one ("in 2018", "since March",
  "early 2018", "mid-2014"), so a count ("2018 delegates"), a name ("Theresa May said") or a verb
  ("protesters march") is not; a month or weekday right after a capitalised word ("Theresa May
  2017", "Good Friday") is part of a name, as is a weekday after "the" ("the Sunday Times").
"""

import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import dateparser  # type: ignore[import-untyped]
from dateparser.languages.loader import default_loader  # type: ignore[import-untyped]

from meetings.choices import DatePrecision


@dataclass(frozen=True)
class StatedDate:
    """A date phrase of a text: the date it states (None when unknown), how precise it is, where it is."""

    date: datetime.date | None
    precision: str
    start: int
    end: int
    phrase: str


# --- The names, from dateparser's English locale --------------------------------------------------

_ENGLISH = default_loader.get_locale("en").info
# The locale's keys; the forms an article writes (abbreviations too) are the locale's values, and
# what a name means (which month, which weekday) is left to dateparser.
_MONTHS: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july", "august")
_MONTHS += ("september", "october", "november", "december")
_WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _written(words: list[str]) -> str:
    """An alternation of the words as an article writes them: capitalised or in capitals, longest first."""
    forms = {form for word in words for form in (word.capitalize(), word.upper())}
    return "|".join(sorted(forms, key=len, reverse=True))


# Full month names, or abbreviations of three letters or more ("Oct.", "Sept") beside a day or a year.
_MONTH_FULL = _written(list(_MONTHS))
_MONTH_ANY = rf"(?:{_written([form for month in _MONTHS for form in _ENGLISH[month] if len(form) >= 3])})\.?"
_WEEKDAY = _written(list(_WEEKDAYS))

_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[89]|20)\d\d(?![\d%]|s\b|-\d)"  # not "2018%", "the 1990s", "2018-19"
_ON_WEEKDAY = rf"(?:(?:{_WEEKDAY}),?\s+)?"
# The words that introduce a bare month or year.
_MONTH_LEAD = r"(?i:\b(?:(?:in|since|during|until|till|early|late)\s+|mid-\s*))"
_YEAR_LEAD = r"(?i:\b(?:(?:in|since|during|until|till|by|from|of|early|late)\s+|mid-\s*))"
_NOT_POSSESSIVE = r"(?!['’]s\b)"
# The last day of a span of days: "26 and 27 June", "26–27 June".
_TO_DAY = rf"(?:\s*[-–]\s*|\s+(?:and|to)\s+)(?P<to>{_DAY})"
# What may come before a phrase given to ``resolve``: its lead word, "on" or "the".
_PHRASE_LEAD = re.compile(rf"\s*(?:{_YEAR_LEAD}|(?i:(?:on|the)\s+))?")

# Each kind of phrase, what it states and its pattern; the phrase is the named group, after any lead word.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("full", rf"\b(?P<phrase>{_ON_WEEKDAY}{_DAY}(?:\s+of)?\s+{_MONTH_ANY},?\s+{_YEAR})"),
    ("full_us", rf"\b(?P<phrase>{_ON_WEEKDAY}{_MONTH_ANY}\s+{_DAY},?\s+{_YEAR})"),
    ("full", r"\b(?P<phrase>(?:1[89]|20)\d\d-[01]\d-[0-3]\d)\b"),
    # A span of days is dated by its first: "26 and 27 June", "26-27 June 2025", "June 26-27".
    ("full", rf"\b(?P<phrase>{_DAY}){_TO_DAY}(?P<rest>\s+{_MONTH_ANY},?\s+{_YEAR})"),
    ("day_month", rf"\b(?P<phrase>{_DAY}){_TO_DAY}(?P<rest>\s+{_MONTH_ANY})\b"),
    ("full_us", rf"\b(?P<phrase>{_MONTH_ANY}\s+{_DAY}){_TO_DAY}(?P<rest>,?\s+{_YEAR})"),
    ("day_month_us", rf"\b(?P<phrase>{_MONTH_ANY}\s+{_DAY}){_TO_DAY}\b"),
    ("day_month", rf"\b(?P<phrase>{_ON_WEEKDAY}{_DAY}(?:\s+of)?\s+{_MONTH_ANY})\b"),
    ("day_month_us", rf"\b(?P<phrase>{_ON_WEEKDAY}{_MONTH_ANY}\s+{_DAY})\b"),
    ("month_year", rf"\b(?P<phrase>{_MONTH_ANY},?\s+{_YEAR})"),
    ("month", rf"{_MONTH_LEAD}(?P<phrase>{_MONTH_FULL})\b{_NOT_POSSESSIVE}"),
    ("year", rf"{_YEAR_LEAD}(?P<phrase>{_YEAR})"),
    ("weekday", rf"(?<!\b[Tt]he )\b(?P<phrase>(?:(?i:last|next)\s+)?(?:{_WEEKDAY}))\b"),  # not "the Sunday Times"
    ("relative_day", r"\b(?P<phrase>(?i:yesterday|today|tomorrow|tonight|this\s+(?:morning|afternoon|evening)))\b"),
    ("relative_period", r"\b(?P<phrase>(?i:(?:last|this|next)\s+(?P<unit>week|month|year)))\b"),
    ("ago", r"\b(?P<phrase>(?i:(?:\d+|[a-z]+)\s+(?P<unit>day|week|month|year)s?\s+ago))\b"),
    # A part of the article's own year: "in the last quarter of the year", "by the end of the year".
    (
        "the_year",
        r"\b(?P<phrase>(?i:(?:(?:first|second|third|fourth|last|final)\s+(?:half|quarter)|end|rest|remainder)\s+"
        r"of\s+the\s+year|later\s+in\s+the\s+year))\b",
    ),
)
_COMPILED = tuple((kind, re.compile(pattern)) for kind, pattern in _PATTERNS)
# Phrases that start with a name a person may bear ("Theresa May", "Good Friday").
_STARTS_WITH_NAME = {"full_us", "day_month_us", "month_year", "weekday"}

# What a unit of a relative phrase ("last month", "two years ago") states.
_UNIT_PRECISION = {
    "day": DatePrecision.DAY,
    "week": DatePrecision.UNKNOWN,
    "month": DatePrecision.MONTH,
    "year": DatePrecision.YEAR,
}

# --- The tense of the sentence around a phrase ----------------------------------------------------

_FUTURE = re.compile(
    r"(?i)\b(?:will|shall|(?:is|are|was|were)\s+(?:expected|due|scheduled|set|slated|going)\s+to|"
    r"plans?\s+to|planned\s+for|intends?\s+to|upcoming|forthcoming)\b|\w['’]ll\b"
)
# A participle after "be" ("will be held") is not the past.
_PAST = re.compile(
    r"(?i)(?<!\bbe )\b(?:was|were|had|met|held|said|told|took\s+place|spoke|visited|signed|hosted|received|"
    r"discussed|talked|called|announced|arrived|ended|began)\b"
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_SENTENCE_REACH = 400  # how far from a phrase its sentence is looked for, so a long text is read once


def _tense(text: str, start: int, end: int) -> str:
    """The tense of the verb nearest the phrase in its sentence: "future", "past", or "" with none.

    The nearest, so that in "Lavrov said on Friday that they will meet in March" Friday is past and
    March is to come; at equal distance the future wins ("was expected to").
    """
    reach_start = max(0, start - _SENTENCE_REACH)
    ends_before = [match.end() for match in _SENTENCE_END.finditer(text, reach_start, start)]
    end_after = _SENTENCE_END.search(text, end, end + _SENTENCE_REACH)
    sentence_start = ends_before[-1] if ends_before else reach_start
    sentence_end = end_after.start() if end_after else min(len(text), end + _SENTENCE_REACH)
    cues = [
        (start - cue.end() if cue.end() <= start else cue.start() - end, rank, tense)
        for rank, (pattern, tense) in enumerate(((_FUTURE, "future"), (_PAST, "past")))
        for cue in pattern.finditer(text, sentence_start, sentence_end)
    ]
    return min(cues)[2] if cues else ""


# --- Reading a phrase -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def _parse(phrase: str, parts: tuple[str, ...], base: datetime.date | None = None) -> datetime.date | None:
    """The date dateparser reads in the phrase, if the phrase names all of ``parts``; an article repeats its dates."""
    settings: dict[str, object] = {"REQUIRE_PARTS": list(parts), "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime.datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


# The base a day and month are read against before they take the article's year: one with a 29 February.
_A_LEAP_YEAR = datetime.date(2000, 1, 1)


def _in_year(date: datetime.date, year: int) -> datetime.date | None:
    try:
        return date.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return None


def _nearest_year(date: datetime.date, published_on: datetime.date, tense: str) -> datetime.date | None:
    """The date in the article's year, or the year before or after when the tense says so."""
    candidate = _in_year(date, published_on.year)
    if candidate is None:
        return None
    if tense == "past" and candidate > published_on:
        return _in_year(date, published_on.year - 1)
    if tense == "future" and candidate < published_on:
        return _in_year(date, published_on.year + 1)
    return candidate


def _weekday(phrase: str, weekday: int, published_on: datetime.date, tense: str) -> datetime.date:
    """The day with that weekday the phrase ("Friday", "last Friday", "next Friday") and the tense point to."""
    words = phrase.split()
    back = (published_on.weekday() - weekday) % 7
    forward = (weekday - published_on.weekday()) % 7
    relation = words[0].lower() if len(words) > 1 else tense
    if relation == "last":
        return published_on - datetime.timedelta(days=back or 7)
    if relation == "next":
        return published_on + datetime.timedelta(days=forward or 7)
    if relation == "future":
        return published_on + datetime.timedelta(days=forward)
    return published_on - datetime.timedelta(days=back)


def _first_of_period(date: datetime.date, precision: str) -> datetime.date:
    if precision == DatePrecision.MONTH:
        return date.replace(day=1)
    if precision == DatePrecision.YEAR:
        return date.replace(month=1, day=1)
    return date


def _read(kind: str, match: re.Match[str], published_on: datetime.date | None, tense: str) -> StatedDate | None:
    """What one matched phrase states; None when the words are not a date after all ("32 May")."""
    phrase = _first_day(match)
    stated: tuple[datetime.date | None, str]
    if kind in ("full", "full_us"):
        stated = _parse(phrase, ("day", "month", "year")), DatePrecision.DAY
    elif kind == "month_year":
        stated = _parse(phrase, ("month", "year")), DatePrecision.MONTH
    elif kind == "year":
        stated = datetime.date(int(phrase), 1, 1), DatePrecision.YEAR
    else:
        stated = _read_relative(kind, match, published_on, tense)
    date, precision = stated
    if date is None and precision != DatePrecision.UNKNOWN:
        return None
    end = match.end() if _is_range(match) else match.end("phrase")
    return StatedDate(date, precision, match.start("phrase"), end, match.string[match.start("phrase") : end])


def _is_range(match: re.Match[str]) -> bool:
    return bool(match.groupdict().get("to"))


def _first_day(match: re.Match[str]) -> str:
    """The words to read: a span of days read as its first ("26 and 27 June" as "26 June")."""
    return match.group("phrase") + ((match.groupdict().get("rest") or "") if _is_range(match) else "")


def _read_relative(
    kind: str, match: re.Match[str], published_on: datetime.date | None, tense: str
) -> tuple[datetime.date | None, str]:
    """A phrase that needs the article's date: unknown without one; no date when dateparser cannot read it."""
    phrase = _first_day(match)
    if kind == "the_year":
        return (
            (None, DatePrecision.UNKNOWN)
            if published_on is None
            else (published_on.replace(month=1, day=1), DatePrecision.YEAR)
        )
    if kind in ("relative_period", "ago"):
        precision = _UNIT_PRECISION[match.group("unit").lower()]
    else:
        precision = DatePrecision.MONTH if kind == "month" else DatePrecision.DAY
    day_month = kind in ("day_month", "day_month_us")
    parts = ("day", "month") if day_month else ("month",) if kind == "month" else ()
    # Read even in an undated article, so that words dateparser cannot read ("a few days ago") are no date.
    read = _parse(phrase, parts, _A_LEAP_YEAR if day_month or published_on is None else published_on)
    if read is None:
        return None, precision
    if published_on is None or precision == DatePrecision.UNKNOWN:
        return None, DatePrecision.UNKNOWN
    if day_month:
        return _nearest_year(read, published_on, tense), precision
    if kind == "month":
        return _nearest_year(read.replace(day=1), published_on.replace(day=1), tense), precision
    if kind == "weekday":
        return _weekday(phrase, read.weekday(), published_on, tense), precision
    return _first_of_period(read, precision), precision


# --- The public functions -------------------------------------------------------------------------


def _candidates(text: str, published_on: datetime.date | None, tense_of: Callable[[int, int], str]) -> list[StatedDate]:
    """The phrases every pattern finds, the longest where they overlap ("7 October 2016", not "7 October")."""
    found = []
    for kind, pattern in _COMPILED:
        for match in pattern.finditer(text):
            if kind in _STARTS_WITH_NAME and _after_name(text, match.start("phrase")):
                continue
            stated = _read(kind, match, published_on, tense_of(match.start("phrase"), match.end("phrase")))
            if stated is not None:
                found.append(stated)
    chosen: list[StatedDate] = []
    for stated in sorted(found, key=lambda stated: (stated.start, stated.start - stated.end)):
        if not chosen or stated.start >= chosen[-1].end:
            chosen.append(stated)
    return chosen


_NAME_BEFORE = re.compile(r"\b([A-Z][\w'’-]*)[ \t]+$")
_NOT_NAMES = set(_WEEKDAYS) | {"in", "on", "since", "during", "until", "till", "by", "from", "of"}
_NOT_NAMES |= {"early", "late", "the", "last", "next", "this"}


def _after_name(text: str, start: int) -> bool:
    """Whether a capitalised word that is not a date's own word comes right before: "Theresa May 2017"."""
    name = _NAME_BEFORE.search(text, max(0, start - 40), start)
    return name is not None and name.group(1).lower() not in _NOT_NAMES


def find_dates(text: str, published_on: datetime.date | None) -> list[StatedDate]:
    """Every date phrase of the text, in order, resolved against the article's date (None if undated)."""
    return _candidates(text, published_on, lambda start, end: _tense(text, start, end))


def resolve(phrase: str, published_on: datetime.date | None) -> StatedDate | None:
    """What one phrase states ("on Friday", "in March 2017", "last month"), or None if it is not a date.

    The phrase is read on its own, with no sentence around it, so no tense: "9 May" takes the article's
    year and "Friday" is the most recent one on or before the article's date. ``start`` and ``end`` are
    offsets in the phrase given, past its lead word ("on", "in"); a bare month or year needs one, as in a
    text ("in 2018", not "2018").
    """
    found = _candidates(phrase, published_on, lambda start, end: "")
    if len(found) != 1:
        return None
    stated = found[0]
    if phrase[stated.end :].strip() or not _PHRASE_LEAD.fullmatch(phrase, 0, stated.start):
        return None
    return stated
