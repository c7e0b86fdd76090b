"""The words that tie an office or an institution to a country: names, nationality adjectives, seats of power.

Country names and official names come from pycountry, with countryinfo's other spellings and
capitals; nationality adjectives ("Peruvian", "Dutch") from countryinfo's demonyms. Seats of power
("the Kremlin", "the Élysée") are a short table of our own: a country is never guessed from how a
name sounds.
"""

import functools
import re

import pycountry
from countryinfo import CountryInfo

# Seats of power and well-known institutions an article names on their own, with their country.
INSTITUTIONS: dict[str, str] = {
    "Kremlin": "RU",
    "State Duma": "RU",
    "Élysée": "FR",
    "Élysée Palace": "FR",
    "Elysee": "FR",
    "Elysee Palace": "FR",
    "Quai d'Orsay": "FR",
    "State Department": "US",
    "White House": "US",
    "Pentagon": "US",
    "Downing Street": "GB",
    "Foreign Office": "GB",
    "Casa Rosada": "AR",
    "Itamaraty": "BR",
    "Planalto": "BR",
    "Farnesina": "IT",
    "Palazzo Chigi": "IT",
    "Moncloa": "ES",
    "Bundestag": "DE",
    "Knesset": "IL",
    "Zhongnanhai": "CN",
    "United Nations": "",
    "European Commission": "",
    "European Union": "",
    "African Union": "",
    "NATO": "",
    "UN": "",
    "EU": "",
    "AU": "",
    "ASEAN": "",
    "OSCE": "",
    "Arab League": "",
}
# The demonyms countryinfo gives under another form than the one news writing uses most.
_MORE_DEMONYMS = {
    "Argentine": "AR",
    "Saudi": "SA",
    "Slovenian": "SI",
    "Kyrgyz": "KG",
    "Tajik": "TJ",
    "Kazakh": "KZ",
    "Uzbek": "UZ",
    "Icelandic": "IS",
    "Azerbaijani": "AZ",
    "Bosnian": "BA",
    "Lao": "LA",
    "Ecuadorian": "EC",
    "Cape Verdean": "CV",
    "Philippine": "PH",
    "Filipina": "PH",
    "Scottish": "GB",
    "Nepali": "NP",
}
# A demonym several entries share names the state they belong to ("French" is also Réunion's);
# the others ("Congolese", "Dominican") name two states and so give no country.
_SHARED_DEMONYMS = {
    "French": "FR",
    "Chinese": "CN",
    "Indian": "IN",
    "American": "US",
    "Norwegian": "NO",
    "Serbian": "RS",
}
# Short forms articles use for a few countries.
_SHORT_NAMES = {"US": "US", "U.S.": "US", "USA": "US", "UK": "GB", "U.K.": "GB", "Britain": "GB", "UAE": "AE"}


@functools.cache
def country_names() -> dict[str, str]:
    """Every name of a country an article may use ("Peru", "Republic of Peru", "Russia"), to its ISO code."""
    names = dict(_SHORT_NAMES)
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            if name := getattr(country, attribute, None):
                names[name] = country.alpha_2
    for info in CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        for name in (info.get("name", ""), *info.get("altSpellings", ())):
            name = name.strip()
            if len(name) > 3 and re.fullmatch(r"[\w .,'’()-]+", name) and name not in names:
                names[name] = code
    return names


@functools.cache
def demonyms() -> dict[str, str]:
    """Nationality adjectives ("Peruvian", "South Korean"), to the ISO code of the one country they name."""
    codes: dict[str, set[str]] = {}
    for info in CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha2")
        for demonym in re.split(r"[,/]", info.get("demonym") or ""):
            if code and demonym.strip():
                codes.setdefault(demonym.strip(), set()).add(code)
    found = {demonym: next(iter(shared)) for demonym, shared in codes.items() if len(shared) == 1}
    return found | _SHARED_DEMONYMS | _MORE_DEMONYMS


@functools.cache
def capitals() -> frozenset[str]:
    """The capitals' names: "Buenos Aires said" is a government speaking, not a person."""
    found: set[str] = set()
    for info in CountryInfo.all().values():
        capital = info.get("capital") or ()
        found.update([capital] if isinstance(capital, str) else capital)  # a few countries have several
    return frozenset(found)


def country_of(words: str) -> str:
    """The ISO code a country name, demonym or institution stands for, or ""."""
    words = " ".join(words.split())
    for table in (country_names(), demonyms(), INSTITUTIONS):
        if words in table:
            return table[words]
    return ""
