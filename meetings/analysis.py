"""Analysis across resources: what each side said, who met whom, and what happened when.

Pure queries over the models, with no web framework in them: the API's analysis endpoints
(``meetings.api.analysis``) validate the request, call these and serialize what they return.
Each answers in a number of queries that does not grow with the data: the work is done by a
few aggregate or union queries.
"""

from collections.abc import Iterable
from typing import Any

from django.db import connections
from django.db.models import Count, F, Max, Min, OrderBy, QuerySet, Value
from django.db.models.sql import Query

from .models import Meeting, MeetingParticipant, Participant, Statement


def sides(statements: Iterable[Statement]) -> list[dict[str, Any]]:
    """Statements grouped by their speaker's country, in country-code order, no country last.

    The statements keep their order within each group.
    """
    by_country: dict[str | None, list[Statement]] = {}
    for statement in statements:
        by_country.setdefault(statement.speaker.country or None, []).append(statement)
    countries = sorted(by_country, key=lambda country: (country is None, country or ""))
    return [{"country": country, "statements": by_country[country]} for country in countries]


def chronological(prefix: str = "") -> list[OrderBy | str]:
    """Dated meetings first, oldest first; then undated ones; slug breaks ties."""
    return [F(f"{prefix}date").asc(nulls_last=True), f"{prefix}slug"]


def counterparts(participant: Participant, meetings: QuerySet[Meeting]) -> list[Participant]:
    """Everyone who shared one of the given meetings with the participant, with counts and dates.

    Each counterpart carries ``meeting_count``, ``first_date``, ``last_date`` and
    ``shared_meeting_slugs`` (oldest meeting first, undated last).
    """
    shared = MeetingParticipant.objects.filter(participant=participant, meeting__in=meetings).values("meeting")
    # The filter and the aggregates share one join, so they count the shared meetings only.
    others = list(
        Participant.objects.filter(participations__meeting__in=shared)
        .exclude(pk=participant.pk)
        .annotate(
            meeting_count=Count("participations__meeting", distinct=True),
            first_date=Min("participations__meeting__date"),
            last_date=Max("participations__meeting__date"),
        )
        .order_by("-meeting_count", "name", "slug")
    )
    slugs: dict[int, list[str]] = {}
    rows = (
        MeetingParticipant.objects.filter(meeting__in=shared)
        .exclude(participant=participant)
        .order_by(*chronological("meeting__"))
        .values_list("participant_id", "meeting__slug")
    )
    for participant_id, slug in rows:
        slugs.setdefault(participant_id, []).append(slug)
    for other in others:
        other.shared_meeting_slugs = slugs.get(other.pk, [])
    return others


def network(meetings: QuerySet[Meeting]) -> dict[str, Any]:
    """Who met whom at the given meetings: participants as nodes, each pair that met as one edge."""
    nodes = (
        Participant.objects.filter(participations__meeting__in=meetings)
        .annotate(meeting_count=Count("participations__meeting", distinct=True))
        .order_by("slug")
    )
    # Each meeting's participants joined with each other, the smaller slug first, so a pair comes once.
    pairs = (
        MeetingParticipant.objects.filter(
            meeting__in=meetings, meeting__participations__participant__slug__gt=F("participant__slug")
        )
        .order_by("participant__slug", "meeting__participations__participant__slug", *chronological("meeting__"))
        .values_list("participant__slug", "meeting__participations__participant__slug", "meeting__slug")
    )
    # One row per pair and meeting: the rows give both the meeting list and its length.
    edges: dict[tuple[str, str], list[str]] = {}
    for source, target, meeting in pairs:
        edges.setdefault((source, target), []).append(meeting)
    return {
        "directed": False,
        "multigraph": False,
        "nodes": list(nodes),
        "edges": [
            {"source": source, "target": target, "weight": len(slugs), "meetings": slugs}
            for (source, target), slugs in edges.items()
        ],
    }


TIMELINE_COLUMNS = ["item_type", "item_id", "item_date", "type_rank", "sort_title", "sort_source", "sort_span"]


def _timeline_rows(
    records: QuerySet[Any], item_type: str, rank: int, *, date: str, title: Any, source: Any, span: Any
) -> QuerySet[Any, dict[str, Any]]:
    """One kind of record as timeline rows: its type, id and date, and the keys that order it on its date."""
    rows: QuerySet[Any, dict[str, Any]] = (
        records.order_by()
        .annotate(
            item_type=Value(item_type),
            item_id=F("pk"),
            item_date=F(date),
            type_rank=Value(rank),
            sort_title=title,
            sort_source=source,
            sort_span=span,
        )
        .values(*TIMELINE_COLUMNS)
    )
    return rows


TIMELINE_ORDER: tuple[OrderBy | str, ...] = (
    F("item_date").asc(nulls_last=True),
    "type_rank",
    "sort_title",
    "sort_source",
    F("sort_span").asc(nulls_last=True),
    "item_id",
)
# Each kind's part of that order: its rank, and the title or source a kind does not have, are constants.
MEETING_ORDER: tuple[OrderBy | str, ...] = (F("date").asc(nulls_last=True), "title", "id")
STATEMENT_ORDER: tuple[OrderBy | str, ...] = (
    F("said_on").asc(nulls_last=True),
    "source_id",
    F("span_start").asc(nulls_last=True),
    "id",
)
KIND_ORDERS = (MEETING_ORDER, STATEMENT_ORDER)  # in the union's order of parts


class TimelineRows(QuerySet[Any, dict[str, Any]]):
    """The timeline's union, whose slices read each kind of record only as far as the slice ends.

    The first ``stop`` items of the merged order are among the first ``stop`` meetings and the
    first ``stop`` statements, each in its own order, which indexes in that order give without
    reading the rest (``meeting_timeline_order_idx`` and ``statement_timeline_order_idx``). So on
    a database that can order and limit each part of a union, a slice ``[start:stop]`` orders and
    limits each part to ``stop`` rows before the union is ordered and sliced: the same rows, in
    the same order, as ordering every meeting and statement. Elsewhere (SQLite), and for anything
    but a slice in the timeline's own order (a count orders nothing), it is the plain union.
    """

    # Slices that end past this many items read the plain union (None: no slice does).
    up_to: int | None = None

    def __getitem__(self, k: int | slice) -> Any:
        stop = k.stop if isinstance(k, slice) else k + 1 if isinstance(k, int) else None
        if (
            stop is not None
            and 0 <= stop <= (self.up_to if self.up_to is not None else stop)
            and self._result_cache is None
            and tuple(self.query.order_by) == TIMELINE_ORDER
            and len(self.query.combined_queries) == len(KIND_ORDERS)
            and connections[self.db].features.supports_slicing_ordering_in_compound
        ):
            limited = self.all()
            limited.query.combined_queries = tuple(
                _first(part, order, stop) for part, order in zip(self.query.combined_queries, KIND_ORDERS, strict=True)
            )
            return QuerySet.__getitem__(limited, k)
        return super().__getitem__(k)


class FirstPagesTimelineRows(TimelineRows):
    """``TimelineRows`` whose slices read each kind only as far as their end within the first items.

    For items narrowed by a relation (a topic, a participant) and found to be many: walking the
    order's indexes and testing each record finds a page's worth soon when many records match;
    far down the timeline it would test much of the index, and the plain union sorts the matches.
    """

    up_to = 1_000


def _first(part: Query, order: tuple[OrderBy | str, ...], stop: int) -> Query:
    """One kind's part of the union, in its own order, up to ``stop`` rows."""
    limited = part.chain()
    limited.clear_ordering(force=True)
    limited.add_ordering(*order)
    limited.set_limits(high=stop)
    return limited


def timeline(
    meetings: QuerySet[Meeting],
    statements: QuerySet[Statement],
    *,
    limit_each_kind: bool = True,
    first_pages_only: bool = False,
) -> QuerySet[Any, dict[str, Any]]:
    """Meetings and statements as one ordered list of ``{"item_type", "item_id", ...}`` rows.

    A union in the database, so that it is ordered and paged there: dated items by date,
    then undated ones; on one date meetings first (by title), then statements in source order.
    With ``limit_each_kind`` a slice of it reads each kind only as far as the slice ends
    (``TimelineRows``): for the whole timeline or a date range, whose records the order's indexes
    find. Records narrowed by a relation (a topic, a participant) are better found through that
    relation's own index and sorted when they are few: walking the order's index and testing each
    record may read most of it before a page's worth turns up. When many match, the first pages are
    found sooner by the walk (``first_pages_only``: ``FirstPagesTimelineRows``).
    """
    # The union takes the class of its first part. Its database stays unset (the router's pick when read).
    kind = FirstPagesTimelineRows if first_pages_only else TimelineRows
    first: QuerySet[Any] = (
        kind(model=Meeting, query=meetings.query.chain(), using=meetings._db)  # type: ignore[attr-defined]
        if limit_each_kind
        else meetings
    )
    meeting_rows = _timeline_rows(first, "meeting", 0, date="date", title=F("title"), source=Value(0), span=Value(0))
    statement_rows = _timeline_rows(
        statements, "statement", 1, date="said_on", title=Value(""), source=F("source_id"), span=F("span_start")
    )
    rows: QuerySet[Any, dict[str, Any]] = meeting_rows.union(statement_rows, all=True)
    return rows.order_by(*TIMELINE_ORDER)
