"""Read-only analysis across resources: what each side said, who met whom, and what happened when.

Each endpoint answers in a number of queries that does not grow with the data: the work is
done by a few aggregate or union queries, then the page's records are loaded in bulk.
"""

from collections.abc import Iterable
from operator import itemgetter

import django_filters as filters
from django.db.models import Count, F, Max, Min, Prefetch, QuerySet, Value
from django.http import StreamingHttpResponse
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from meetings.choices import DatePrecision, MeetingStatus
from meetings.models import (
    Meeting,
    MeetingParticipant,
    Participant,
    Source,
    Statement,
    Topic,
    country_code_validator,
    subtree_ids,
)

from .conditional import conditional
from .csv import CHUNK_SIZE as CSV_CHUNK_SIZE
from .csv import Column, CSVRenderer, check_paging, describe
from .csv import rows as csv_rows
from .pagination import StrictPageNumberPagination
from .representation import ReadModelSerializer
from .serializers import (
    MeetingCompactSerializer,
    MeetingSerializer,
    ParticipantCompactSerializer,
    StatementSerializer,
    TopicCompactSerializer,
)

# ---------------------------------------------------------------- queries


# What the serializers below show, each in one query plus one per prefetch. The resources' own
# for_api() load more than is shown here (a statement's context), so these are declared apart.


def statements_shown() -> QuerySet[Statement]:
    # A source's full text is not shown, and would otherwise travel once per statement.
    return (
        Statement.objects.verified()
        .select_related("speaker", "via", "meeting", "source")
        .defer("source__text")
        .prefetch_related("topics")
    )


def meetings_shown() -> QuerySet[Meeting]:
    return (
        Meeting.objects.verified()
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=MeetingParticipant.objects.select_related("participant").order_by("position", "pk"),
            ),
            "topics",
            Prefetch("sources", queryset=Source.objects.defer("text")),
        )
    )


def sides(statements: Iterable[Statement]) -> list[dict]:
    """Statements grouped by their speaker's country, in country-code order, no country last.

    The statements keep their order within each group.
    """
    by_country: dict[str | None, list[Statement]] = {}
    for statement in statements:
        by_country.setdefault(statement.speaker.country or None, []).append(statement)
    countries = sorted(by_country, key=lambda country: (country is None, country or ""))
    return [{"country": country, "statements": by_country[country]} for country in countries]


def chronological(prefix: str = "") -> list:
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


def network(meetings: QuerySet[Meeting]) -> dict:
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


def timeline(meetings: QuerySet[Meeting], statements: QuerySet[Statement]) -> QuerySet:
    """Meetings and statements as one ordered list of ``{"item_type", "item_id", ...}`` rows.

    A union in the database, so that it is ordered and paged there: dated items by date,
    then undated ones; on one date meetings first (by title), then statements in source order.
    """
    meeting_rows = (
        meetings.order_by()
        .annotate(
            item_type=Value("meeting"),
            item_id=F("pk"),
            item_date=F("date"),
            type_rank=Value(0),
            sort_title=F("title"),
            sort_source=Value(0),
            sort_span=Value(0),
        )
        .values(*TIMELINE_COLUMNS)
    )
    statement_rows = (
        statements.order_by()
        .annotate(
            item_type=Value("statement"),
            item_id=F("pk"),
            item_date=F("said_on"),
            type_rank=Value(1),
            sort_title=Value(""),
            sort_source=F("source_id"),
            sort_span=F("span_start"),
        )
        .values(*TIMELINE_COLUMNS)
    )
    return meeting_rows.union(statement_rows, all=True).order_by(
        F("item_date").asc(nulls_last=True),
        "type_rank",
        "sort_title",
        "sort_source",
        F("sort_span").asc(nulls_last=True),
        "item_id",
    )


def timeline_items(rows: list[dict], context: dict) -> list[dict]:
    """The records of one page of timeline rows, loaded in bulk and serialized in the rows' order."""
    ids: dict[str, list[int]] = {"meeting": [], "statement": []}
    for row in rows:
        ids[row["item_type"]].append(row["item_id"])
    loaded = {
        "meeting": (meetings_shown().in_bulk(ids["meeting"]), TimelineMeetingSerializer),
        "statement": (statements_shown().in_bulk(ids["statement"]), TimelineStatementSerializer),
    }
    serialized = {
        item_type: iter(serializer([records[pk] for pk in ids[item_type]], many=True, context=context).data)
        for item_type, (records, serializer) in loaded.items()
    }
    return [next(serialized[row["item_type"]]) for row in rows]


# ---------------------------------------------------------------- filters


class RelationsFilterSet(filters.FilterSet):
    """Validates the query once; ``filter_queryset()`` may then filter meetings and statements alike."""

    date_fields = {Meeting: "date", Statement: "said_on"}

    @classmethod
    def validated(cls, request) -> "RelationsFilterSet":
        filterset = cls(request.query_params, request=request)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return filterset

    def filter_topic(self, queryset: QuerySet, name: str, value: Topic) -> QuerySet:
        if getattr(self, "_subtree", None) is None:
            # The walk down the tree costs a query: take it once per request.
            self._subtree = subtree_ids(Topic, value)
        return queryset.tagged(self._subtree)

    def filter_date_after(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(**{f"{self.date_fields[queryset.model]}__gte": value})

    def filter_date_before(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(**{f"{self.date_fields[queryset.model]}__lte": value})


def _topic_filter(help_text: str) -> filters.ModelChoiceFilter:
    return filters.ModelChoiceFilter(
        queryset=Topic.objects.all(), to_field_name="slug", method="filter_topic", help_text=help_text
    )


class MeetingScopeFilter(RelationsFilterSet):
    """Which meetings count, for the counterparts and the network."""

    topic = _topic_filter("Slug of a topic: only meetings on it or on any topic below it.")
    date_after = filters.DateFilter(
        method="filter_date_after",
        help_text=(
            "Only meetings on or after this date (YYYY-MM-DD), as stored: a month-precision date is the "
            "first of its month. Undated meetings are left out."
        ),
    )
    date_before = filters.DateFilter(
        method="filter_date_before",
        help_text="Only meetings on or before this date (YYYY-MM-DD), as stored. Undated meetings are left out.",
    )
    country = filters.CharFilter(
        field_name="country",
        validators=[country_code_validator],
        max_length=2,
        help_text="ISO 3166-1 alpha-2 code: only meetings that took place in this country.",
    )
    status = filters.ChoiceFilter(
        choices=MeetingStatus.choices,
        help_text="Only meetings with this status; by default every status counts, planned and cancelled included.",
    )

    class Meta:
        model = Meeting
        fields = ["topic", "date_after", "date_before", "country", "status"]


class TimelineFilter(RelationsFilterSet):
    participant = filters.ModelChoiceFilter(
        queryset=Participant.objects.all(),
        to_field_name="slug",
        method="filter_participant",
        help_text="Slug of a participant: the meetings they took part in and the statements they made.",
    )
    topic = _topic_filter(
        "Slug of a topic: meetings and statements on it or on any topic below it "
        "(a statement by its own topics, not its meeting's)."
    )
    date_after = filters.DateFilter(
        method="filter_date_after",
        help_text=(
            "Only items dated on or after this date (YYYY-MM-DD), as stored: a month-precision date is the "
            "first of its month. Undated items are left out."
        ),
    )
    date_before = filters.DateFilter(
        method="filter_date_before",
        help_text="Only items dated on or before this date (YYYY-MM-DD), as stored. Undated items are left out.",
    )

    class Meta:
        model = Meeting  # the filters apply to meetings and statements alike
        fields = ["participant", "topic", "date_after", "date_before"]

    def filter_participant(self, queryset: QuerySet, name: str, value: Participant) -> QuerySet:
        if queryset.model is Statement:
            return queryset.filter(speaker=value)
        return queryset.filter(participations__participant=value)


# ---------------------------------------------------------------- serializers


class PositionStatementSerializer(StatementSerializer):
    """A statement as part of a side's position."""

    class Meta(StatementSerializer.Meta):
        fields = [
            "id",
            "slug",
            "speaker",
            "via",
            "meeting",
            "source",
            "kind",
            "text",
            "span",
            "topics",
            "said_on",
            "said_on_precision",
            "channel",
        ]


class SideSerializer(serializers.Serializer):
    country = serializers.CharField(
        allow_null=True,
        help_text=(
            "ISO 3166-1 alpha-2 code of the speakers' country; null for speakers who represent no country, "
            "such as international organisations."
        ),
    )
    statements = PositionStatementSerializer(
        many=True, help_text="What speakers from this country said, in source order: by source, then by place in it."
    )


class MeetingPositionsSerializer(serializers.Serializer):
    meeting = MeetingCompactSerializer(help_text="The meeting.")
    sides = SideSerializer(
        many=True,
        help_text=(
            "The statements made at or about the meeting or any of its parts, by the speaker's country; "
            "in country-code order, speakers with no country last."
        ),
    )


class TopicPositionsSerializer(serializers.Serializer):
    topic = TopicCompactSerializer(help_text="The topic.")
    sides = SideSerializer(
        many=True,
        help_text=(
            "The statements on the topic or any topic below it, by the speaker's country; "
            "in country-code order, speakers with no country last."
        ),
    )


class CounterpartSerializer(ReadModelSerializer):
    meeting_count = serializers.IntegerField(help_text="How many of the counted meetings the two shared.")
    first_date = serializers.DateField(
        allow_null=True,
        help_text=(
            "Date of the earliest shared meeting, as stored (a month-precision date is the first of its month, "
            "a year-precision date 1 January); null when no shared meeting is dated."
        ),
    )
    last_date = serializers.DateField(
        allow_null=True,
        help_text="Date of the latest shared meeting, as stored; null when no shared meeting is dated.",
    )
    meetings = serializers.ListField(
        source="shared_meeting_slugs",
        child=serializers.SlugField(),
        help_text="Slugs of the shared meetings, oldest first, undated ones last.",
    )

    class Meta:
        model = Participant
        fields = ["slug", "name", "kind", "country", "meeting_count", "first_date", "last_date", "meetings"]


class CounterpartsSerializer(serializers.Serializer):
    participant = ParticipantCompactSerializer(help_text="The participant whose counterparts these are.")
    counterparts = CounterpartSerializer(
        many=True,
        help_text="Everyone who took part in a counted meeting with them: most shared meetings first, then by name.",
    )


class NetworkNodeSerializer(ReadModelSerializer):
    id = serializers.SlugField(source="slug", help_text="The participant's slug; edges refer to nodes by it.")
    meetings = serializers.IntegerField(
        source="meeting_count", help_text="How many of the counted meetings the participant took part in."
    )

    class Meta:
        model = Participant
        fields = ["id", "name", "kind", "country", "meetings"]


class NetworkEdgeSerializer(serializers.Serializer):
    source = serializers.SlugField(help_text="Slug (node id) of one participant: the alphabetically smaller one.")
    target = serializers.SlugField(help_text="Slug (node id) of the other participant.")
    weight = serializers.IntegerField(help_text="How many of the counted meetings the two shared.")
    meetings = serializers.ListField(
        child=serializers.SlugField(), help_text="Slugs of the shared meetings, oldest first, undated ones last."
    )


class NetworkSerializer(serializers.Serializer):
    directed = serializers.BooleanField(help_text="Always false: meeting is mutual.")
    multigraph = serializers.BooleanField(help_text="Always false: each pair has one edge, however often they met.")
    nodes = NetworkNodeSerializer(
        many=True, help_text="Everyone who took part in a counted meeting, by id; some may have no edge."
    )
    edges = NetworkEdgeSerializer(
        many=True, help_text="Each pair who shared a counted meeting, once, ordered by source then target."
    )


class TimelineMeetingSerializer(MeetingSerializer):
    """A meeting in the timeline, dated by its own date."""

    type = serializers.SerializerMethodField(help_text='What the item is: always "meeting" here.')
    dated = serializers.SerializerMethodField(help_text="Whether the meeting has a date; undated ones come last.")

    class Meta(MeetingSerializer.Meta):
        fields = [
            "type",
            "date",
            "date_precision",
            "date_basis",
            "dated",
            "slug",
            "title",
            "kind",
            "status",
            "end_date",
            "city",
            "country",
            "parent",
            "participants",
            "topics",
            "sources",
        ]

    def get_type(self, meeting: Meeting) -> str:
        return "meeting"

    def get_dated(self, meeting: Meeting) -> bool:
        return meeting.date is not None


class TimelineStatementSerializer(StatementSerializer):
    """A statement in the timeline, dated by when it was said, never by its meeting's date."""

    type = serializers.SerializerMethodField(help_text='What the item is: always "statement" here.')
    date = serializers.DateField(
        source="said_on",
        read_only=True,
        allow_null=True,
        help_text=(
            "When it was said, where the source tells (as stored: a month-precision date is the first of "
            "its month); null otherwise. Never taken from the meeting, whose date is under meeting."
        ),
    )
    date_precision = serializers.ChoiceField(
        source="said_on_precision",
        choices=DatePrecision.choices,
        read_only=True,
        help_text="How much of the date is known: day, month, year, or unknown (no date).",
    )
    dated = serializers.SerializerMethodField(help_text="Whether the statement has a date; undated ones come last.")

    class Meta(StatementSerializer.Meta):
        fields = [
            "type",
            "date",
            "date_precision",
            "dated",
            "id",
            "slug",
            "speaker",
            "via",
            "meeting",
            "source",
            "kind",
            "text",
            "span",
            "topics",
            "channel",
        ]

    def get_type(self, statement: Statement) -> str:
        return "statement"

    def get_dated(self, statement: Statement) -> bool:
        return statement.said_on is not None


TimelineItemSerializer = PolymorphicProxySerializer(
    component_name="TimelineItem",
    serializers={"meeting": TimelineMeetingSerializer, "statement": TimelineStatementSerializer},
    resource_type_field_name="type",
    many=True,
)


# ---------------------------------------------------------------- documentation helpers


def _slug_parameter(name: str, example: str, summary: str) -> OpenApiParameter:
    return OpenApiParameter(
        "slug",
        OpenApiTypes.STR,
        OpenApiParameter.PATH,
        description=f"The {name}'s slug.",
        examples=[OpenApiExample(summary, value=example)],
    )


def _query_parameters(filterset: type[filters.FilterSet], examples: dict[str, list]) -> list[OpenApiParameter]:
    """A FilterSet's parameters, described by the filters' own help texts, with examples."""
    parameters = []
    for name, declared in filterset.base_filters.items():
        choices = declared.extra.get("choices")
        parameters.append(
            OpenApiParameter(
                name,
                OpenApiTypes.DATE if isinstance(declared, filters.DateFilter) else OpenApiTypes.STR,
                description=declared.extra["help_text"],
                enum=[value for value, _label in choices] if choices else None,
                examples=[OpenApiExample(summary, value=value) for summary, value in examples[name]],
            )
        )
    return parameters


BAD_QUERY = OpenApiResponse(description="A parameter is invalid; the body names each one and its problem.")

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


# ---------------------------------------------------------------- views


class RelationsView(APIView):
    """Open to everyone, read only, over verified meetings and statements only."""

    permission_classes = [AllowAny]


class MeetingPositionsView(RelationsView):
    @extend_schema(
        summary="What each side said about a meeting",
        description=(
            "The statements made at or about this meeting **or any meeting below it** (a visit's sessions, and "
            "their parts), grouped by the speaker's country, so that each side's positions read together. "
            "Each statement names the meeting it belongs to. " + SIDES_RULES
        ),
        parameters=[_slug_parameter("meeting", "tillerson-visit-moscow-2017-04", "Tillerson's visit to Moscow")],
        responses={200: MeetingPositionsSerializer, 404: OpenApiResponse(description="No meeting has this slug.")},
    )
    @conditional
    def get(self, request, slug: str):
        meeting = get_object_or_404(Meeting.objects.verified(), slug=slug)
        statements = statements_shown().filter(meeting__in=subtree_ids(Meeting, meeting))
        data = {"meeting": meeting, "sides": sides(statements)}
        return Response(MeetingPositionsSerializer(data, context={"request": request}).data)


class TopicPositionsView(RelationsView):
    @extend_schema(
        summary="What each side said on a topic",
        description=(
            "The statements on this topic **or any topic below it** (by the statements' own topics, as "
            "`/statements/?topic=` filters them, not their meetings' topics), grouped by the speaker's "
            "country. " + SIDES_RULES
        ),
        parameters=[_slug_parameter("topic", "syria", "Syria and its subtopics")],
        responses={200: TopicPositionsSerializer, 404: OpenApiResponse(description="No topic has this slug.")},
    )
    @conditional
    def get(self, request, slug: str):
        topic = get_object_or_404(Topic.objects.all(), slug=slug)
        data = {"topic": topic, "sides": sides(statements_shown().on_topic(topic))}
        return Response(TopicPositionsSerializer(data, context={"request": request}).data)


class CounterpartsView(RelationsView):
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
            _slug_parameter("participant", "sergey-lavrov", "Sergey Lavrov"),
            *_query_parameters(MeetingScopeFilter, SCOPE_EXAMPLES),
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
        meetings = MeetingScopeFilter.validated(request).qs.verified()
        data = {"participant": participant, "counterparts": counterparts(participant, meetings)}
        return Response(CounterpartsSerializer(data, context={"request": request}).data)


class NetworkView(RelationsView):
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
        parameters=_query_parameters(MeetingScopeFilter, SCOPE_EXAMPLES),
        responses={200: NetworkSerializer, 400: BAD_QUERY},
    )
    @conditional
    def get(self, request):
        meetings = MeetingScopeFilter.validated(request).qs.verified()
        return Response(NetworkSerializer(network(meetings), context={"request": request}).data)


def _every_item(rows, context: dict, chunk: int = CSV_CHUNK_SIZE):
    """Every timeline item, loaded and serialized a chunk of rows at a time."""
    offset = 0
    while batch := list(rows[offset : offset + chunk]):
        yield from timeline_items(batch, context)
        offset += chunk


def _slugs(items) -> str:
    return "; ".join(item["slug"] for item in items or [])


CSV_FORMAT = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv"],
    description="`csv` for every matching item as CSV (columns below); JSON by default.",
)
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


class TimelineView(RelationsView):
    pagination_class = StrictPageNumberPagination

    def get_renderers(self):
        return [*super().get_renderers(), CSVRenderer()]

    def handle_exception(self, exc):
        # An error is JSON even when CSV was asked for: a client can read what went wrong.
        if getattr(self.request, "accepted_renderer", None) and self.request.accepted_renderer.format == "csv":
            self.request.accepted_renderer, self.request.accepted_media_type = JSONRenderer(), "application/json"
        return super().handle_exception(exc)

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
            f"page, with these columns:\n\n{describe(TIMELINE_CSV_COLUMNS)}"
        ),
        parameters=[*_query_parameters(TimelineFilter, TIMELINE_EXAMPLES), CSV_FORMAT],
        examples=[
            OpenApiExample("Second page", value=2, parameter_only=("page", OpenApiParameter.QUERY)),
            OpenApiExample("Fifty per page", value=50, parameter_only=("page_size", OpenApiParameter.QUERY)),
        ],
        responses={
            (200, "application/json"): TimelineItemSerializer,
            (200, "text/csv"): OpenApiTypes.STR,
            400: BAD_QUERY,
            404: OpenApiResponse(description="The page is past the last one."),
        },
    )
    @conditional
    def get(self, request):
        filterset = TimelineFilter.validated(request)
        rows = timeline(
            filterset.filter_queryset(Meeting.objects.verified()),
            filterset.filter_queryset(Statement.objects.verified()),
        )
        if request.accepted_renderer.format == CSVRenderer.format:
            check_paging(self.pagination_class(), request)
            response = StreamingHttpResponse(
                csv_rows(TIMELINE_CSV_COLUMNS, _every_item(rows, {"request": request})),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="timeline.csv"'
            return response
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(timeline_items(page, context={"request": request}))
