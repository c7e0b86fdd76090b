"""Page-number pagination that stays cheap on large tables.

A page is read with one query that asks for one row more than the page holds, so whether
there is a next page is known without counting. The total is counted exactly up to
``API_EXACT_COUNT_LIMIT`` rows (the counting query stops there); past that, the answer gives
PostgreSQL's own estimate of the number of matches and says so with ``count_exact: false``.
No request ever counts a million rows, and a search ranks at most that many matches by relevance.

A count is kept in the cache under the data's version and the counting query, so paging
through a result (or asking the same list again) counts once; any change to the data changes
the version, and with it every key.
"""

import hashlib
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import QuerySet
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


def _positive_int(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: [f"A valid integer is required, not “{raw[:40]}”."]}) from None
    if value < 1:
        raise ValidationError({name: ["Ensure this value is greater than or equal to 1."]})
    return value


# A compiled query and its parameters.
SQL = tuple[str, tuple | list]

# Past any table this API holds: a page number that large is refused before it reaches SQL.
MAX_OFFSET = 2**53


@dataclass(frozen=True)
class Count:
    value: int
    exact: bool


def estimated_rows(queryset: QuerySet) -> int | None:
    """The planner's estimate of how many rows a queryset returns, or None where there is no planner to ask."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    lean = queryset.order_by() if queryset.query.combinator else queryset.order_by().values("pk")
    sql, params = lean.query.get_compiler(using=lean.db).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


logger = logging.getLogger(__name__)
COUNT_CACHE_SECONDS = 600  # keys carry the data version; this only bounds how long they take room


def _count_key(rows: QuerySet, limit: int, version: str, sql: SQL | None = None) -> str:
    sql, params = sql or rows.order_by().query.get_compiler(using=rows.db).as_sql()
    digest = hashlib.sha256(repr((connections[rows.db].vendor, sql, params, limit)).encode()).hexdigest()
    return f"count:{version}:{digest}"


def cached_count(rows, limit: int, version: str | None, sql: SQL | None = None) -> Count:
    """``bounded_count``, kept in the cache for the data version ``version`` (None: not kept).

    The key is made from the SQL of ``rows``: ``sql`` when the caller has it compiled already (the
    query of the list's ids, ``ids_sql``), else that of the rows without their order.
    """
    if version is None or not isinstance(rows, QuerySet):
        return bounded_count(rows, limit)
    key = _count_key(rows, limit, version, sql)
    try:
        kept = cache.get(key)
    except Exception as error:  # a cache out of reach costs a count, not the request
        logger.warning("Count cache unavailable: %s", error)
        return bounded_count(rows, limit)
    if kept is not None:
        return Count(*kept)
    total = bounded_count(rows, limit)
    try:
        cache.set(key, (total.value, total.exact), COUNT_CACHE_SECONDS)
    except Exception as error:
        logger.warning("Count cache unavailable: %s", error)
    return total


def bounded_count(rows, limit: int) -> Count:
    """How many rows there are: exact up to ``limit``, an estimate (flagged) beyond it.

    The exact count reads at most ``limit + 1`` rows. Past the limit, PostgreSQL's estimate is
    given (never less than ``limit + 1``, which is known); other databases count exactly, as
    they hold small data sets.
    """
    if not isinstance(rows, QuerySet):
        return Count(len(rows), True)
    counted = (rows.order_by() if rows.query.combinator else rows.order_by().values("pk"))[: limit + 1].count()
    if counted <= limit:
        return Count(counted, True)
    estimate = estimated_rows(rows)
    if estimate is None:
        return Count(rows.count(), True)
    return Count(max(estimate, limit + 1), False)


def page_rows(rows, start: int, stop: int, by_ids: bool = False, load=None, sql: SQL | None = None) -> list:
    """The rows ``start:stop`` in order.

    ``by_ids`` (and always for a queryset with annotations, such as a search's rank and
    highlight): ids first, then those records in full. Ordering and slicing then read only
    the primary keys, which an index in the list's order can give without reading the table,
    and whatever a record's full form costs is paid for the page's rows alone, not for every
    match that has to be sorted. ``load(rows, ids)`` then reads those records (by default
    ``records_in_order``; a view may read them as rows, meetings.api.rows). Other querysets are
    read in one query.
    """
    if not isinstance(rows, QuerySet) or rows.query.combinator or not (by_ids or rows.query.annotations):
        return list(rows[start:stop])
    ids = ids_page(rows, sql, start, stop) if sql else list(rows.values_list("pk", flat=True)[start:stop])
    return (load or records_in_order)(rows, ids)


def ids_sql(rows: QuerySet) -> SQL:
    """The query of the primary keys of ``rows``, in their order, compiled (without a page's limits)."""
    ids = rows.values_list("pk", flat=True)
    return ids.query.get_compiler(using=ids.db).as_sql()


def ids_page(rows: QuerySet, sql: SQL, start: int, stop: int) -> list:
    """The primary keys ``start:stop`` of ``rows``, by their query ``sql`` (``ids_sql``): compiled once for
    the count's key and the page."""
    query, params = sql
    with connections[rows.db].cursor() as cursor:
        cursor.execute(f"{query} LIMIT %s OFFSET %s", [*params, stop - start, start])
        return [row[0] for row in cursor.fetchall()]


def records_in_order(rows: QuerySet, ids: list) -> list:
    """The records of ``rows`` with these primary keys, in the order of ``ids``."""
    if not ids:
        return []
    records = {record.pk: record for record in rows.filter(pk__in=ids)}
    return [records[pk] for pk in ids if pk in records]


def first_matches_ranked(rows: QuerySet, rank, window: int, start: int, stop: int) -> list:
    """Ids ``start:stop`` of the first ``window`` rows found, by ``rank`` (highest first), then id.

    The ORM cannot order a subquery's rows by a column it computes, so the ranked window is
    wrapped in one outer SELECT here; the window itself is the ORM's SQL.
    """
    first = rows.order_by().annotate(window_rank=rank).values_list("pk", "window_rank")[:window]
    sql, params = first.query.get_compiler(using=first.db).as_sql()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM ({sql}) first_matches ORDER BY 2 DESC, 1 LIMIT %s OFFSET %s",
            [*params, stop - start, start],
        )
        return [row[0] for row in cursor.fetchall()]


class StrictPageNumberPagination(PageNumberPagination):
    """Page-number pagination that answers 400 to a bad page or page size instead of guessing.

    DRF silently clamps an oversized ``page_size``; a client asking for 10,000 rows and
    getting 100 without a word would page wrongly, so it is told instead.
    """

    page_size_query_param = "page_size"
    page_size_query_description = "Number of results per page, from 1 to {max}; the default is {default}."
    page_query_description = "Page number, from 1."

    @property
    def max_page_size(self) -> int:
        return settings.API_MAX_PAGE_SIZE

    @property
    def exact_count_limit(self) -> int:
        return settings.API_EXACT_COUNT_LIMIT

    def get_page_size(self, request) -> int:
        page_size = _positive_int(request, self.page_size_query_param)
        if page_size is None:
            return self.page_size
        if page_size > self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"Ensure this value is less than or equal to {self.max_page_size}."]}
            )
        return page_size

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size_in_use = self.get_page_size(request)
        self.page_number = _positive_int(request, self.page_query_param) or 1
        start = (self.page_number - 1) * self.page_size_in_use
        rank = getattr(request, "search_rank", None)
        by_ids = getattr(view, "page_by_ids", False)
        # A page read by ids has its ids' query compiled once, for the count's key and for the page.
        sql = (
            ids_sql(queryset)
            if rank is None and by_ids and isinstance(queryset, QuerySet) and not queryset.query.combinator
            else None
        )
        self.total = cached_count(queryset, self.exact_count_limit, getattr(request, "data_version", None), sql)
        if self.page_number > 1 and (start >= self.total.value if self.total.exact else start > MAX_OFFSET):
            raise NotFound("Invalid page.")
        stop = start + self.page_size_in_use + 1
        # How the view reads a page's records from their ids (None: as model instances).
        reader = getattr(view, "page_reader", None)
        load = reader.page if reader is not None else records_in_order
        if rank is not None and not self.total.exact:
            # Ranking by relevance reads the stored document of every match. Past the counting
            # limit, only the first matches found (as many as the limit) are ranked, so that a
            # search for a common word costs the same as one for a rarer word.
            ids = first_matches_ranked(queryset, rank, self.exact_count_limit, start, stop)
            rows = load(queryset, ids)
        else:
            rows = page_rows(queryset, start, stop, by_ids=by_ids, load=load, sql=sql)
        self.has_next = len(rows) > self.page_size_in_use
        rows = rows[: self.page_size_in_use]
        if not rows and self.page_number > 1:
            raise NotFound("Invalid page.")
        return rows

    def get_next_link(self) -> str | None:
        if not self.has_next:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.page_query_param, self.page_number + 1)

    def get_previous_link(self) -> str | None:
        if self.page_number == 1:
            return None
        url = self.request.build_absolute_uri()
        if self.page_number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.page_number - 1)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.total.value,
                "count_exact": self.total.exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        descriptions = {
            "count": (
                "Total number of results across all pages: exact up to "
                f"{settings.API_EXACT_COUNT_LIMIT:,}; beyond that, on PostgreSQL, the database's estimate "
                "(see `count_exact`)."
            ),
            "next": "URL of the next page, or null on the last page.",
            "previous": "URL of the previous page, or null on the first page.",
            "results": "The results on this page.",
        }
        for name, description in descriptions.items():
            paginated["properties"][name]["description"] = description
        paginated["properties"] = {
            "count": paginated["properties"]["count"],
            "count_exact": {
                "type": "boolean",
                "example": True,
                "description": (
                    f"Whether `count` is exact. Counting stops after {settings.API_EXACT_COUNT_LIMIT:,} results; "
                    "when more match, `count` is the database's estimate and this is false."
                ),
            },
            **{name: value for name, value in paginated["properties"].items() if name != "count"},
        }
        paginated["properties"]["facets"] = {
            "type": "object",
            "description": (
                "Only on the meeting and statement lists, with `?facet=`: for each facet asked for, its values "
                "over the whole filtered result (not the page), most frequent first, at most 30, then an entry "
                "with a null value counting the rest."
            ),
            "additionalProperties": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "value": {"type": "string", "nullable": True, "example": "syria"},
                        "label": {"type": "string", "example": "Syria"},
                        "count": {"type": "integer", "example": 12},
                        "url": {"type": "string", "format": "uri", "nullable": True},
                    },
                    "required": ["value", "label", "count", "url"],
                },
            },
        }
        paginated["properties"]["facets_timed_out"] = {
            "type": "array",
            "items": {"type": "string"},
            "example": [],
            "description": "With `?facet=`: the facets that ran out of time and were not counted.",
        }
        paginated["required"] = ["count", "count_exact", "results"]
        return paginated

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = self.page_size_query_description.format(
                    max=self.max_page_size, default=self.page_size
                )
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
            elif parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
