"""Search: one query syntax, one definition per resource, two engines.

Queries use the web-search syntax of PostgreSQL's ``websearch_to_tsquery``: words must all
match, "quoted phrases" match as phrases, ``-word`` excludes, and ``or`` separates
alternatives. PostgreSQL answers with real full-text search (stemmed, ranked, highlighted,
backed by GIN indexes); other databases get a substring search that honours the same syntax,
so an excluded term really excludes everywhere.

- ``query``: the syntax (``parse`` into ``Clause``s, ``MAX_QUERY_LENGTH``) and what a list of
  clauses means (``matching``), written once for both engines;
- ``specs``: what each resource's search covers (``SearchSpec``, ``Related``, the registry ``SPECS``);
- ``full_text``: PostgreSQL's engine: stored documents, matches a GIN index serves, ranking, highlights;
- ``substring``: every other database's engine: case-insensitive substring matches and a snippet made in Python.
"""

from .query import MAX_QUERY_LENGTH, Clause, parse
from .specs import SPECS, Related, SearchSpec

__all__ = ["MAX_QUERY_LENGTH", "SPECS", "Clause", "Related", "SearchSpec", "parse"]
