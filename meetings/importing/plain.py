"""A plain-text article, kept exactly as it is, with the facts its opening lines state.

The first non-empty line is the title. A byline ("By Tomás Ruiz") gives the author; a dateline
("LIMA, October 7, 2016 (Andes Press) —") gives the publication date and, in its parentheses,
the publisher. Dates are read by dateparser and only when they name day, month and year; a fact
the article does not state stays empty.
"""

import re

import dateparser

from .article import Article

# Bylines and datelines stand among the first lines, before the story itself.
_OPENING_LINES = 6
# "By Tomás Ruiz", "By Ana de la Paz and Luis Ortega, Andes Press": names, then what follows a comma.
_BYLINE = re.compile(r"^by\s+(?P<author>[^,\n]{2,118}?)\s*(?:,[^\n]*)?$", re.I)
# The lowercase words a name may hold; any other lowercase word makes the line a sentence ("By the end of …").
_NAME_PARTICLES = frozenset(
    {"and", "al", "bin", "da", "de", "del", "della", "der", "di", "dos", "du", "el", "la", "van", "von", "y"}
)
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^,()\n—–]{0,60}?)"
    r"(?:,\s*(?P<date>[^()\n—–]{4,40}?))?"
    r"\s*(?:\((?P<publisher>[^()\n]{2,80})\))?"
    r"\s*(?:—|–|--|-)\s"
)
_DATE_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_LOCALE_DATE_ORDER": False}


def _byline_author(line: str) -> str:
    """The names a byline gives, or "" when the line is not a byline."""
    byline = _BYLINE.match(line)
    if byline is None:
        return ""
    names = byline.group("author").rstrip(".")
    words = names.split()
    if not words[0][0].isupper() or not all(word[0].isupper() or word in _NAME_PARTICLES for word in words):
        return ""
    return names


def _opening_lines(text: str) -> list[str]:
    lines = [line.strip() for line in text.lstrip("\ufeff").splitlines()]
    return [line for line in lines if line][:_OPENING_LINES]


def read_plain(text: str) -> Article:
    """``text`` unchanged, with the title, author, date and publisher its opening lines state."""
    lines = _opening_lines(text)
    title = lines[0] if lines else ""
    author = publisher = ""
    published_on = None
    for line in lines[1:]:
        if not author and (author := _byline_author(line)):
            continue
        dateline = _DATELINE.match(line)
        if dateline is None or not dateline.group("place").strip().isupper():
            continue
        if dateline.group("date"):
            parsed = dateparser.parse(dateline.group("date"), settings=_DATE_SETTINGS)
            published_on = parsed.date() if parsed is not None else None
        publisher = (dateline.group("publisher") or "").strip()
        break
    return Article(text=text, title=title, author=author, publisher=publisher, published_on=published_on)
