"""The query syntax: ``parse`` a web-search query into clauses; ``matching`` says what they mean.

Each engine gives ``matching`` its own test of one term, so that alternatives, required terms
and excluded terms mean the same on every database.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q

MAX_QUERY_LENGTH = 200

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass
class Clause:
    """Terms that must all match, and terms that must not."""

    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)


def parse(query: str) -> list[Clause]:
    """Split a web-search query into alternatives (``or``), each a clause of required and excluded terms."""
    clauses = [Clause()]
    for match in _TOKEN.finditer(query):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None:
            if word.lower() == "or":
                if clauses[-1].include or clauses[-1].exclude:
                    clauses.append(Clause())
                continue
            negated, term = ("-", word[1:]) if word.startswith("-") else ("", word)
        else:
            term = phrase
        term = " ".join(term.split())
        if term:
            (clauses[-1].exclude if negated else clauses[-1].include).append(term)
    return [clause for clause in clauses if clause.include or clause.exclude]


def matching(clauses: list[Clause], term_matches: Callable[[str], Q], ignored: Callable[[str], Q] | None = None) -> Q:
    """Records that match any clause: every term it includes matches them, none it excludes does.

    ``ignored`` tells the terms an engine cannot test (PostgreSQL's stop words): such a term
    neither requires nor excludes anything.
    """
    result = Q()
    for clause in clauses:
        q = Q()
        for term in clause.include:
            q &= term_matches(term) if ignored is None else term_matches(term) | ignored(term)
        for term in clause.exclude:
            q &= ~term_matches(term) if ignored is None else ~term_matches(term) | ignored(term)
        result |= q
    return result
