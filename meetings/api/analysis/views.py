"""The analysis endpoints: open to everyone, read only, over verified meetings and statements only."""

from collections.abc import Callable
from operator import itemgetter

from django.conf import settings
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from meetings import selectors
from meetings.analysis import counterparts, network, sides, timeline
from meetings.models import Meeting, Participant, Statement, Topic, subtree_ids

from ..conditional import conditional
from ..csv import Column, describe
from ..openapi import BAD_QUERY, format_parameter, ndjson_description, ndjson_line, query_parameters, slug_parameter
from ..pagination import StrictPageNumberPagination, cached_count
from ..streams import RowStreamMixin
from .filters import MeetingScopeFilter, TimelineFilter
from .serializers import (
    CounterpartsSerializer,
    MeetingPositionsSerializer,
    NetworkSerializer,
    TimelineItemSerializer,
    TopicPositionsSerializer,
    timeline_items,
)

SCOPE_EXAMPLES = {
    "topic": [("Syria and its subtopics", "syria")],
    "date_after": [("From 2017", "2017-01-01")],
    "date_before": [("Until the end of 2017", "2017-12-31")],
    "country": [("Held in Russia", "RU")],
    "status": [("Meetings that took place", "held")],
}

TIMELINE_EXAMPLES = {
    "participant": [("Sergey Lavrov", "sergey-lavrov")],
    "topic": [("Syria and its subtopics", "syria")],
    "date_after": [("From April 2017", "2017-04-01")],
    "date_before": [("Until the end of 2017", "2017-12-31")],
}

SIDES_RULES = (
    "Sides are in ISO country-code order; speakers who represent no country, such as international "
    "organisations, come last under `country: null`. A relayed statement counts for its speaker's country, "
    "not the relayer's. Within a side, statements are in source order: by source, then by their place in "
    "its text. Answers in a fixed number of queries, whatever the number of statements."
)


class AnalysisView(APIView):
    """Open to everyone, read only, over verified meetings and statements only."""

    permission_classes = [AllowAny]


class PositionsView(AnalysisView):
    """What each side said about a record: the statements on it, grouped by the speaker's country."""

    key: str
    records: Callable[[], QuerySet]
    answer: type[serializers.Serializer]

    def statements_about(self, record) -> QuerySet[Statement]:
        raise NotImplementedError

    @conditional
    def get(self, request, slug: str):
        record = get_object_or_404(self.records(), slug=slug)
        data = {self.key: record, "sides": sides(self.statements_about(record))}
        return Response(self.answer(data, context={"request": request}).data)


@extend_schema_view(
    get=extend_schema(
        summary="What each side said about a meeting",
        description=(
            "The statements made at or about this meeting **or any meeting below it** (a visit's sessions, and "
            "their parts), grouped by the speaker's country, so that each side's positions read together. "
            "Each statement names the meeting it belongs to. " + SIDES_RULES
        ),
        parameters=[slug_parameter("meeting", "tillerson-visit-moscow-2017-04", "Tillerson's visit to Moscow")],
        responses={200: MeetingPositionsSerializer, 404: OpenApiResponse(description="No meeting has this slug.")},
    )
)
class MeetingPositionsView(PositionsView):
    key, answer = "meeting", MeetingPositionsSerializer

    @staticmethod
    def records() -> QuerySet[Meeting]:
        return selectors.visible(Meeting.objects.all())

    def statements_about(self, meeting: Meeting) -> QuerySet[Statement]:
        return selectors.visible(selectors.statements()).filter(meeting__in=subtree_ids(Meeting, meeting))


@extend_schema_view(
    get=extend_schema(
        summary="What each side said on a topic",
        description=(
            "The statements on this topic **or any topic below it** (by the statements' own topics, as "
            "`/statements/?topic=` filters them, not their meetings' topics), grouped by the speaker's "
            "country. " + SIDES_RULES
        ),
        parameters=[slug_parameter("topic", "syria", "Syria and its subtopics")],
        responses={200: TopicPositionsSerializer, 404: OpenApiResponse(description="No topic has this slug.")},
    )
)
class TopicPositionsView(PositionsView):
    key, answer = "topic", TopicPositionsSerializer

    @staticmethod
    def records() -> QuerySet[Topic]:
        return Topic.objects.all()

    def statements_about(self, topic: Topic) -> QuerySet[Statement]:
        return selectors.visible(selectors.statements()).on_topic(topic)


class CounterpartsView(AnalysisView):
    @extend_schema(
        summary="Whom a participant met",
        description=(
            "Everyone who took part in at least one meeting with this participant, with the number of such "
            "meetings, the first and last of their dates and their slugs; most shared meetings first, then by "
            "name. The parameters narrow which meetings count; by default all do, whatever their status "
            "(planned and cancelled meetings included: filter with `status=held` for meetings that took "
            "place).\n\n`first_date` and `last_date` are the dates **as stored**: a month-precision date is "
            "the first of its month and a year-precision date 1 January, so check the meetings' own precision "
            "before reading them as days. They are null when none of the shared meetings is dated. "
            "Answers in a fixed number of queries."
        ),
        parameters=[
            slug_parameter("participant", "sergey-lavrov", "Sergey Lavrov"),
            *query_parameters(MeetingScopeFilter, SCOPE_EXAMPLES),
        ],
        responses={
            200: CounterpartsSerializer,
            400: BAD_QUERY,
            404: OpenApiResponse(description="No participant has this slug."),
        },
    )
    @conditional
    def get(self, request, slug: str):
        participant = get_object_or_404(Participant.objects.all(), slug=slug)
        meetings = selectors.visible(MeetingScopeFilter.validated(request).qs)
        data = {"participant": participant, "counterparts": counterparts(participant, meetings)}
        return Response(CounterpartsSerializer(data, context={"request": request}).data)


class NetworkView(AnalysisView):
    @extend_schema(
        summary="Who met whom",
        description=(
            "The meeting network: every participant of the counted meetings as a node, and each pair who "
            "shared at least one as an edge, once (`source` is the alphabetically smaller slug), weighted by "
            "the number of meetings they shared. The parameters narrow which meetings count; by default all "
            "do, whatever their status. A participant whose counted meetings had nobody else is a node "
            "without edges.\n\nThe shape loads as it is into graph libraries: d3-force (`nodes` and, as "
            'links, `edges`), networkx (`node_link_graph(data, edges="edges")`), or Cytoscape after '
            "wrapping each element in `data`. Answers in a fixed number of queries."
        ),
        parameters=query_parameters(MeetingScopeFilter, SCOPE_EXAMPLES),
        responses={200: NetworkSerializer, 400: BAD_QUERY},
    )
    @conditional
    def get(self, request):
        meetings = selectors.visible(MeetingScopeFilter.validated(request).qs)
        return Response(NetworkSerializer(network(meetings), context={"request": request}).data)


def _every_item(rows, context: dict, chunk: int):
    """Every timeline item, loaded and serialized a chunk of rows at a time."""
    offset = 0
    while batch := list(rows[offset : offset + chunk]):
        yield from timeline_items(batch, context)
        offset += chunk


def _slugs(items) -> str:
    return "; ".join(item["slug"] for item in items or [])


TIMELINE_CSV_COLUMNS = [
    Column("type", itemgetter("type"), "meeting or statement"),
    Column("date", itemgetter("date"), "the meeting's date, or when the statement was said; empty if unknown"),
    Column("date_precision", itemgetter("date_precision"), "day, month, year or unknown"),
    Column("slug", itemgetter("slug"), "the meeting's or statement's slug"),
    Column("id", lambda item: item.get("id", ""), "a statement's id; empty for a meeting"),
    Column("title", lambda item: item.get("title", ""), "a meeting's title"),
    Column("kind", itemgetter("kind"), "the meeting's or statement's kind"),
    Column("speaker", lambda item: (item.get("speaker") or {}).get("slug", ""), "a statement's speaker"),
    Column("text", lambda item: item.get("text", ""), "a statement's words"),
    Column(
        "meeting",
        lambda item: (item.get("meeting") or {}).get("slug", ""),
        "the meeting a statement was said at or about",
    ),
    Column(
        "participants",
        lambda item: "; ".join(f"{p['slug']}:{p['role']}" for p in item.get("participants") or []),
        "a meeting's `slug:role` pairs, separated by `; `",
    ),
    Column("topics", lambda item: _slugs(item.get("topics")), "topic slugs separated by `; `"),
]


class TimelineView(RowStreamMixin, AnalysisView):
    pagination_class = StrictPageNumberPagination

    @extend_schema(
        summary="Meetings and statements in date order",
        description=(
            "Meetings and statements in one list, in date order, paged like the other lists. Each item says "
            "its `type`: `meeting` or `statement`.\n\n"
            "**Dates.** A meeting is dated by its `date`; a statement only by `said_on`, when the source "
            "tells when the words were said. A statement is never given its meeting's date: words about a "
            "meeting may be said days before or after it. Its meeting, with that meeting's date, is shown "
            "under `meeting`. Dates are as stored: a month-precision date stands at the first of its month, "
            "a year-precision date at 1 January, and `date_precision` says which. Items with no date have "
            "`date: null` and `dated: false` and come after all dated items.\n\n"
            "**Order.** By date, oldest first; on the same date meetings come before statements, meetings by "
            "title and statements in source order (by source, then place in its text). The date filters "
            "leave undated items out. Answers in a fixed number of queries, whatever the page size.\n\n"
            "With `?format=csv` (or `Accept: text/csv`) the answer is every matching item as CSV, not one "
            f"page, with these columns:\n\n{describe(TIMELINE_CSV_COLUMNS)}\n\n{ndjson_description('item')}"
        ),
        parameters=[*query_parameters(TimelineFilter, TIMELINE_EXAMPLES), format_parameter("item")],
        examples=[
            OpenApiExample("Second page", value=2, parameter_only=("page", OpenApiParameter.QUERY)),
            OpenApiExample("Fifty per page", value=50, parameter_only=("page_size", OpenApiParameter.QUERY)),
        ],
        responses={
            (200, "application/json"): TimelineItemSerializer,
            (200, "text/csv"): OpenApiTypes.STR,
            (200, "application/x-ndjson"): ndjson_line(TimelineItemSerializer),
            400: BAD_QUERY,
            404: OpenApiResponse(description="The page is past the last one."),
        },
    )
    @conditional
    def get(self, request):
        filterset = TimelineFilter.validated(request)
        meetings = filterset.filter_queryset(selectors.visible(Meeting.objects.all()))
        statements = filterset.filter_queryset(selectors.visible(Statement.objects.all()))
        # The whole timeline and date ranges are read in order from the timeline's indexes, each kind only as
        # far as the page ends. A topic's or a participant's items are found through their own indexes and
        # sorted; when more match than are counted exactly, their first pages are read from the order's
        # indexes too (timeline()). The count is the one the page gives, kept for the data version.
        narrowed = filterset.form.cleaned_data.get("topic") or filterset.form.cleaned_data.get("participant")
        rows = timeline(meetings, statements, limit_each_kind=not narrowed)
        if narrowed and not self.wants_stream(request):
            total = cached_count(rows, settings.API_EXACT_COUNT_LIMIT, getattr(request, "data_version", None))
            if not total.exact:
                rows = timeline(meetings, statements, first_pages_only=True)
        if self.wants_stream(request):
            items = _every_item(rows, {"request": request}, self.chunk_size)
            return self.stream_response(request, self.pagination_class(), items, TIMELINE_CSV_COLUMNS, "timeline.csv")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(timeline_items(page, context={"request": request}))
