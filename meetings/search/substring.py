"""The engine of every other database (SQLite): a case-insensitive substring search with the same
syntax, and a snippet around the first match, cut in Python.
"""

import re
from typing import Any

from django.db.models import Q, QuerySet

from .query import Clause, matching
from .specs import SearchSpec

_MARK = ("<mark>", "</mark>")
_SNIPPET_CONTEXT = 80


def fields(spec: SearchSpec) -> list[str]:
    """The fields a substring search looks in: the record's document, then its related records' fields."""
    return [*spec.document, *(f"{related.relation}__{name}" for related in spec.related for name in related.fields)]


def search(queryset: QuerySet[Any], spec: SearchSpec, clauses: list[Clause]) -> QuerySet[Any]:
    """The records that match, each term as a substring of any of the spec's fields."""
    names = fields(spec)

    def anywhere(term: str) -> Q:
        q = Q()
        for name in names:
            q |= Q(**{f"{name}__icontains": term})
        return q

    return queryset.filter(matching(clauses, anywhere))


def highlight_terms(clauses: list[Clause]) -> list[str]:
    """The terms a snippet marks: every included one (an excluded term is in no hit)."""
    return [term for clause in clauses for term in clause.include]


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
