"""``?search=`` on every list: the parameter is checked here, and the view's search spec and the
parsed query go to the database's engine (see meetings.search).
"""

from typing import Any

from django.db import connections
from django.db.models import F, QuerySet
from django.template import loader
from rest_framework.exceptions import ValidationError
from rest_framework.filters import SearchFilter

from meetings import text_rules
from meetings.search import MAX_QUERY_LENGTH, SearchSpec, full_text, parse, substring

SEARCH_DESCRIPTION = (
    'Search text in web-search syntax: all words must match, "quoted phrases" match as phrases, '
    '-word excludes, and `or` separates alternatives (e.g. `lavrov "chemical weapons" -trump`). '
    "On PostgreSQL this is full-text search (English stemming) ordered by relevance unless `ordering` "
    "is given, and each result carries a `search_highlight` snippet; when more records match than are "
    "counted exactly (`count_exact` false), the first of them found, as many as are counted, are ranked "
    "and paged. On SQLite it is a case-insensitive substring search with the same syntax. At most "
    f"{MAX_QUERY_LENGTH} characters."
)


class WebSearchFilter(SearchFilter):
    """``?search=`` with one syntax on every database.

    A view says what its search covers with ``search_spec``, one of meetings.search.SPECS.
    """

    search_description = SEARCH_DESCRIPTION

    def get_spec(self, view: Any) -> SearchSpec | None:
        return getattr(view, "search_spec", None)

    def get_query(self, request: Any) -> str:
        query: str = request.query_params.get(self.search_param, "")
        if len(query) > MAX_QUERY_LENGTH:
            raise ValidationError(
                {self.search_param: [f"Ensure this value has at most {MAX_QUERY_LENGTH} characters."]}
            )
        if text_rules.NUL in query:
            raise ValidationError({self.search_param: [text_rules.NULL_CHARACTERS]})
        return query.strip()

    def filter_queryset(self, request: Any, queryset: QuerySet[Any], view: Any) -> QuerySet[Any]:
        query = self.get_query(request)
        clauses = parse(query) if query else []
        spec = self.get_spec(view)
        if not clauses or spec is None:
            return queryset
        request.search_clauses = clauses
        if connections[queryset.db].vendor != "postgresql":
            return substring.search(queryset, spec, clauses)
        queryset = full_text.search(queryset, spec, clauses, query)
        if not request.query_params.get("ordering"):
            queryset = queryset.order_by(F("search_rank").desc(), "pk")
            # Ranking reads every match's stored document; the paginator bounds it (see there).
            request.search_rank = full_text.rank(query)
        return queryset

    def to_html(self, request: Any, queryset: QuerySet[Any], view: Any) -> str:
        """The browsable API's search box, on the views that search."""
        if self.get_spec(view) is None:
            return ""
        context = {"param": self.search_param, "term": request.query_params.get(self.search_param, "")}
        return loader.get_template(self.template).render(context)
