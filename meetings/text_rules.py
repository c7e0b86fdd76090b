"""Characters that no stored text may hold, and the words used to refuse them.

PostgreSQL's text columns cannot store NUL, and half of a UTF-16 surrogate pair (which JSON can
spell as ``"\\ud800"``) is no character at all. Every door that takes text in (the query string,
the body parsers, the serializers' fields, search, the models' own validation) asks here.
"""

import re

NUL = "\x00"
NULL_CHARACTERS = "Null characters are not allowed."
SURROGATE = re.compile("[\ud800-\udfff]")


def surrogate_message(character: str) -> str:
    return f"Surrogate characters are not allowed: U+{ord(character):04X}."


def first_surrogate(text: str) -> str | None:
    found = SURROGATE.search(text)
    return found.group() if found else None


def problem(text: str) -> str | None:
    """Why ``text`` cannot be stored, or None when it can."""
    if NUL in text:
        return NULL_CHARACTERS
    surrogate = first_surrogate(text)
    return surrogate_message(surrogate) if surrogate is not None else None


def escape_surrogates(text: str) -> str:
    """Surrogates spelled as JSON escapes (``\\ud800``), so that a text holding one can still be sent."""
    return SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
