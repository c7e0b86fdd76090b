from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorExact
from django.db import connections
from django.db.models import F, Func, IntegerField, Lookup, Q, QuerySet
from django.db.models.lookups import Exact
from rest_framework.exceptions import ValidationError
from rest_framework.filters import SearchFilter

from meetings import search

SEARCH_DESCRIPTION = (
    'Search text in web-search syntax: all words must match, "quoted phrases" match as phrases, '
    '-word excludes, and `or` separates alternatives (e.g. `lavrov "chemical weapons" -trump`). '
    "On PostgreSQL this is full-text search (English stemming) ordered by relevance unless `ordering` "
    "is given, and each result carries a `search_highlight` snippet; when more records match than are "
    "counted exactly (`count_exact` false), the first of them found, as many as are counted, are ranked "
    "and paged. On SQLite it is a case-insensitive substring search with the same syntax. At most "
    f"{search.MAX_QUERY_LENGTH} characters."
)


class EqualsAny(Lookup):
    """``lhs = ANY(rhs)``, with an array on the right (PostgreSQL)."""

    lookup_name = "equals_any"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


class WebSearchFilter(SearchFilter):
    """``?search=`` with one syntax on every database (see meetings.search).

    A view names its full-text document (``search_document``, a key of meetings.search.DOCUMENTS),
    the expression to highlight (``search_highlight``), the fields a substring search covers
    (``search_fields``), and optionally related documents whose matches also count
    (``search_related``: {relation field: document}), e.g. a statement's speaker's names.
    """

    search_description = SEARCH_DESCRIPTION

    def get_query(self, request) -> str:
        query = request.query_params.get(self.search_param, "")
        if len(query) > search.MAX_QUERY_LENGTH:
            raise ValidationError(
                {self.search_param: [f"Ensure this value has at most {search.MAX_QUERY_LENGTH} characters."]}
            )
        if "\x00" in query:
            raise ValidationError({self.search_param: ["Null characters are not allowed."]})
        return query.strip()

    def filter_queryset(self, request, queryset: QuerySet, view) -> QuerySet:
        query = self.get_query(request)
        clauses = search.parse(query) if query else []
        if not clauses:
            return queryset
        request.search_clauses = clauses
        if connections[queryset.db].vendor == "postgresql" and getattr(view, "search_document", None):
            return self._full_text(request, queryset, view, query)
        return queryset.filter(search.substring_q(self.get_search_fields(view, request), clauses))

    def _full_text(self, request, queryset: QuerySet, view, query: str) -> QuerySet:
        # Each term is its own tsquery, so that a term may match the record's own document or a
        # related one (a statement's speaker), while an excluded term excludes on both. Every
        # term's test is served by a GIN index on the stored documents; a related match is an
        # array of ids (`speaker_id = ANY(ARRAY(...))`), which PostgreSQL can OR with the GIN
        # index scan, where `IN (subquery)` would make it read every row.
        vector = search.StoredDocument()
        related = [
            (relation, queryset.model._meta.get_field(relation).related_model)
            for relation in getattr(view, "search_related", {})
        ]

        def term_query(term: str) -> SearchQuery:
            return SearchQuery(term, search_type="phrase" if " " in term else "plain", config=search.SEARCH_CONFIG)

        def term_matches(term: str) -> Q:
            tsquery = term_query(term)
            q = Q(SearchVectorExact(vector, tsquery))
            for relation, model in related:
                hits = model.objects.filter(SearchVectorExact(search.StoredDocument(), tsquery)).values("pk")
                q |= Q(EqualsAny(F(relation), ArraySubquery(hits)))
            return q

        def stop_word(term: str) -> Q:
            # A term of stop words only ("of", "the") becomes an empty tsquery; like
            # websearch_to_tsquery, ignore it instead of letting it match nothing.
            return Q(Exact(Func(term_query(term), function="numnode", output_field=IntegerField()), 0))

        matches = Q()
        for clause in request.search_clauses:
            q = Q()
            for term in clause.include:
                q &= term_matches(term) | stop_word(term)
            for term in clause.exclude:
                q &= ~term_matches(term) | stop_word(term)
            matches |= q

        whole = SearchQuery(query, search_type="websearch", config=search.SEARCH_CONFIG)
        queryset = queryset.annotate(
            search_rank=SearchRank(vector, whole),
            search_highlight=SearchHeadline(
                view.search_highlight,
                whole,
                config=search.SEARCH_CONFIG,
                start_sel="<mark>",
                stop_sel="</mark>",
                max_words=30,
                min_words=12,
                short_word=3,
            ),
        ).filter(matches)
        if not request.query_params.get("ordering"):
            queryset = queryset.order_by(F("search_rank").desc(), "pk")
            # Ranking reads every match's stored document; the paginator bounds it (see there).
            request.search_rank = SearchRank(search.StoredDocument(), whole)
        return queryset
