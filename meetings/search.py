"""Search: one query syntax, two engines.

Queries use the web-search syntax of PostgreSQL's ``websearch_to_tsquery``: words must all
match, "quoted phrases" match as phrases, ``-word`` excludes, and ``or`` separates
alternatives. PostgreSQL answers with real full-text search (stemmed, ranked, highlighted,
backed by GIN indexes); other databases get a substring search that honours the same syntax,
so an excluded term really excludes everywhere.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchVector
from django.db.models import Q

SEARCH_CONFIG = "english"
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


def substring_q(fields: list[str], clauses: list[Clause]) -> Q:
    """The same query as a case-insensitive substring match over ``fields``."""

    def anywhere(term: str) -> Q:
        q = Q()
        for name in fields:
            q |= Q(**{f"{name}__icontains": term})
        return q

    result = Q()
    for clause in clauses:
        q = Q()
        for term in clause.include:
            q &= anywhere(term)
        for term in clause.exclude:
            q &= ~anywhere(term)
        result |= q
    return result


def highlight_terms(clauses: list[Clause]) -> list[str]:
    return [term for clause in clauses for term in clause.include]


def search_vector(*fields) -> SearchVector:
    """The document that is indexed and searched; the index and the query must build it alike."""
    return SearchVector(*fields, config=SEARCH_CONFIG)


# What each model's full-text document is made of. The GIN indexes (migration 0002) are built
# from these same definitions; changing one needs a migration that rebuilds its index.
DOCUMENTS: dict[str, tuple[str, ...]] = {
    "meeting": ("title", "summary", "city"),
    "participant": ("name", "other_names", "position"),
    "topic": ("name", "description"),
    "source": ("title", "publisher", "author", "text"),
    "statement": ("text",),
}
_JSON_FIELDS = {"other_names"}


def document_vector(model_name: str) -> SearchVector:
    from django.db.models import TextField
    from django.db.models.functions import Cast

    return search_vector(*(Cast(name, TextField()) if name in _JSON_FIELDS else name for name in DOCUMENTS[model_name]))


def search_index(model_name: str):
    from django.contrib.postgres.indexes import GinIndex

    return GinIndex(document_vector(model_name), name=f"{model_name}_search_idx")


_MARK = ("<mark>", "</mark>")
_SNIPPET_CONTEXT = 80


def highlight(text: str, terms: list[str]) -> str | None:
    """A snippet of ``text`` around the first match, each match wrapped in <mark>…</mark>."""
    if not text or not terms:
        return None
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    if first is None:
        return None
    start = max(0, first.start() - _SNIPPET_CONTEXT)
    end = min(len(text), first.end() + _SNIPPET_CONTEXT)
    snippet = pattern.sub(lambda m: f"{_MARK[0]}{m.group(0)}{_MARK[1]}", " ".join(text[start:end].split()))
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")
