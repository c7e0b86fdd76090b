import threading
from operator import attrgetter

from django.core.signals import setting_changed
from django.db import transaction
from django.db.models import F
from django.dispatch import receiver
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.response import Response

from meetings import selectors
from meetings.filters import MeetingFilter, ParticipantFilter, SourceFilter, StatementFilter, TopicFilter
from meetings.models import Meeting, Source, Statement
from meetings.search import SPECS

from . import field_selection, openapi, rows, serializers
from .conditional import conditional, precondition_failed
from .csv import Column, describe, slugs
from .facets import MEETING_FACETS, STATEMENT_FACETS, Facet, facet_counts, requested_facets
from .openapi import BAD_QUERY, CONDITIONAL, NOT_MODIFIED, format_parameter, ndjson_description, ndjson_line
from .streams import RowStreamMixin


def documented(name: str, plural: str, lookup: str = "slug"):
    """OpenAPI descriptions for the seven operations of a CuratedViewSet.

    Writes take the write form and answer with the detail form, as the viewsets do.
    """
    return lambda viewset: _operations(
        name,
        plural,
        viewset.list_serializer_class,
        viewset.detail_serializer_class,
        viewset.write_serializer_class,
        lookup,
        viewset.csv_columns,
        openapi.selection_parameters(viewset.example_fields, viewset.expansions),
        openapi.facet_parameter(viewset.facets),
    )(viewset)


def _operations(
    name: str,
    plural: str,
    list_form,
    detail,
    write,
    lookup: str,
    csv_columns: list[Column],
    selection: list,
    facet: list,
):
    key = OpenApiParameter(
        lookup,
        OpenApiTypes.INT if lookup == "id" else OpenApiTypes.STR,
        OpenApiParameter.PATH,
        description=f"The {name}'s {lookup}.",
    )
    if_match = OpenApiParameter(
        "If-Match",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        required=False,
        description=(
            f"The `ETag` of the copy of the {name} the change is based on (from its detail). When the {name} "
            "changed since, the write is refused with 412 and nothing changes; a change to another record does "
            "not make the copy stale. Without it, the write is not checked."
        ),
    )
    stale = OpenApiResponse(description="Precondition failed: the copy `If-Match` names is no longer current.")
    refused = {
        400: OpenApiResponse(description="Invalid input; the body names each field and its problem."),
        401: OpenApiResponse(description="Not authenticated, or the token is unknown or malformed."),
        403: OpenApiResponse(description="Authenticated, but without the model permission."),
    }
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {plural}",
            description=(
                f"Page through {plural}; filter, search and order them.{CONDITIONAL}\n\n"
                f"With `?format=csv` (or `Accept: text/csv`) the answer is every matching row as CSV, not one "
                f"page, with these columns:\n\n{describe(csv_columns)}\n\n{ndjson_description('record')}"
            ),
            parameters=[format_parameter("row"), *selection, *facet],
            responses={
                (200, "application/json"): list_form(many=True),
                (200, "text/csv"): OpenApiTypes.STR,
                (200, "application/x-ndjson"): ndjson_line(list_form),
                304: NOT_MODIFIED,
                400: BAD_QUERY,
            },
        ),
        retrieve=extend_schema(
            summary=f"Get one {name}",
            description=f"One {name} by its {lookup}, in full.{CONDITIONAL}",
            parameters=[key, *selection],
            responses={
                200: detail,
                304: NOT_MODIFIED,
                400: BAD_QUERY,
                404: OpenApiResponse(description="No such record."),
            },
        ),
        create=extend_schema(
            summary=f"Create a {name}",
            description=f"Create a {name}. Needs the 'add' permission.",
            request=write,
            responses={201: detail, **refused},
        ),
        update=extend_schema(
            summary=f"Replace a {name}",
            description=f"Replace every field of a {name}. Needs the 'change' permission.",
            request=write,
            parameters=[key, if_match],
            responses={200: detail, **refused, 404: OpenApiResponse(description="No such record."), 412: stale},
        ),
        partial_update=extend_schema(
            summary=f"Update a {name}",
            description=f"Change some fields of a {name}. Needs the 'change' permission.",
            request=write,
            parameters=[key, if_match],
            responses={200: detail, **refused, 404: OpenApiResponse(description="No such record."), 412: stale},
        ),
        destroy=extend_schema(
            summary=f"Delete a {name}",
            description=(
                f"Delete a {name}. Needs the 'delete' permission; refused with 409 while other records refer to it."
            ),
            parameters=[key, if_match],
            responses={
                204: OpenApiResponse(description="Deleted."),
                401: refused[401],
                403: refused[403],
                404: OpenApiResponse(description="No such record."),
                409: OpenApiResponse(description="Other records still refer to it."),
                412: stale,
            },
        ),
    )


# The row readers made so far (CuratedViewSet.row_reader), by shape; each thread keeps its own.
_readers = threading.local()
KEPT_READERS = 64
# Bumped when a setting changes (in tests): a form's readers were made for the settings of their time.
_settings_generation = [0]


@receiver(setting_changed)
def _forget_readers(**kwargs) -> None:
    _settings_generation[0] += 1


# The query parameters that shape a detail without filtering it.
SHAPING = frozenset({*field_selection.PARAMETERS, "format"})


class CuratedViewSet(RowStreamMixin, viewsets.ModelViewSet):
    """A resource with a list form, a detail form and a write form.

    Writes run in one transaction and answer with the detail form of the saved record.
    """

    list_serializer_class: type
    detail_serializer_class: type
    write_serializer_class: type
    lookup_field = "slug"
    # Only what a slug can hold: anything else (a NUL byte, say) is a 404 before any query.
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_serializer_class(self):
        if self.action == "list":
            return self.list_serializer_class
        if self.action in {"create", "update", "partial_update"}:
            return self.write_serializer_class
        return self.detail_serializer_class

    example_fields = "slug,name"
    # The relations ``?expand=`` can give in full, with how the queryset reads them (meetings.api.field_selection).
    expansions: dict[str, field_selection.Expansion] = {}

    def get_queryset(self):
        # Asked for several times a request (the permission check, the conditional check, the view), and
        # made with its prefetches and annotations once: each caller gets its own copy.
        made = self.__dict__.get("_request_queryset")
        if made is None:
            made = self._request_queryset = self.make_queryset()
        return made.all()

    def make_queryset(self):
        queryset = self.detail_queryset() if self.action == "retrieve" else super().get_queryset()
        if self.action in {"list", "retrieve"}:
            queryset = field_selection.expanded_queryset(queryset, self.request, self.expansions)
        # A list shows a curator's drafts only when asked for them (``review_status``).
        drafts = self.action != "list" or bool(self.request.query_params.get("review_status"))
        return selectors.visible(queryset, self.request.user, drafts=drafts)

    # The facets ``?facet=`` can count on the list (meetings.api.facets).
    facets: dict[str, Facet] = {}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action in {"list", "retrieve"} and field_selection.asked(request):
            # ``fields``, ``omit`` and ``expand`` are checked before anything is read: a bad one is a 400.
            field_selection.select(self.get_serializer_class()(context={"request": request}), request, self.expansions)
        if self.action == "list":
            self.asked_facets = requested_facets(request, self.facets)

    def filter_queryset(self, queryset):
        # django-filter builds a filterset, its form and every field of it before it finds that no filter
        # was asked for: a request that names none of them skips it, as each filter, empty, would leave
        # the queryset as it is (and has nothing to refuse).
        asked = self.request.query_params
        filterset = getattr(self, "filterset_class", None)
        for backend in self.filter_backends:
            if (
                issubclass(backend, DjangoFilterBackend)
                and filterset is not None
                and not any(name in asked for name in filterset.base_filters)
            ):
                continue
            queryset = backend().filter_queryset(self.request, queryset, self)
        return queryset

    def paginate_queryset(self, queryset):
        self.matching = queryset  # what the facets count: the whole filtered result, not the page
        return super().paginate_queryset(queryset)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        if getattr(self, "asked_facets", None):
            response.data.update(facet_counts(self.asked_facets, self.matching, self.request))
        return response

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if self.action in {"list", "retrieve"} and field_selection.asked(self.request):
            field_selection.select(serializer, self.request, self.expansions)
        return serializer

    def detail_queryset(self):
        """The queryset of the detail form; by default the same as the list's."""
        return super().get_queryset()

    def _detail(self, instance, status_code: int) -> Response:
        fresh = self.detail_queryset().get(pk=instance.pk)
        data = self.detail_serializer_class(fresh, context=self.get_serializer_context()).data
        headers = {"Location": fresh.get_absolute_url()} if status_code == status.HTTP_201_CREATED else {}
        return Response(data, status=status_code, headers=headers)

    csv_columns: list[Column]

    def offers_streams(self) -> bool:
        return self.action == "list"

    # Whether a page is read by ids first (StrictPageNumberPagination), and so can be read as rows.
    page_by_ids = False
    # How the page being answered reads its records from their ids (meetings.api.rows), or None.
    page_reader = None

    def row_reader(self, many: bool) -> rows.Reader | None:
        """The reader of this request's form as rows (meetings.api.rows), or None where model instances are read.

        A search's hits keep their model instances (their highlights and ranks are the queryset's). A
        reader is made once for each shape of answer (the form as ``fields``, ``omit`` and ``expand``
        shape it, and which drafts the queryset shows) and kept, each thread its own.
        """
        request = self.request
        if request.query_params.get("search"):
            return None
        key = (
            type(self),
            self.action,
            *(tuple(request.query_params.getlist(name)) for name in field_selection.PARAMETERS),
            bool(request.query_params.get("review_status")),
            *(selectors.can_see_drafts(request.user, model) for model in (Meeting, Statement)),
        )
        kept = getattr(_readers, "kept", None)
        if kept is None or getattr(_readers, "generation", None) != _settings_generation[0]:
            kept = _readers.kept = {}
            _readers.generation = _settings_generation[0]
        if key not in kept:
            if len(kept) >= KEPT_READERS:
                kept.clear()
            serializer = self.get_serializer(many=many)
            kept[key] = rows.reader(serializer.child if many else serializer, self.get_queryset())
        reader = kept[key]
        if reader is not None:
            reader.form.root._context = self.get_serializer_context()
        return reader

    def finalize_response(self, request, response, *args, **kwargs):
        if self.page_reader is not None:  # the kept form does not keep the request
            self.page_reader.form.root._context = {}
        return super().finalize_response(request, response, *args, **kwargs)

    @conditional
    def list(self, request, *args, **kwargs):
        if not self.wants_stream(request):
            queryset = self.filter_queryset(self.get_queryset())
            self.page_reader = self.row_reader(many=True) if self.page_by_ids else None
            if self.page_reader is not None:
                return self.get_paginated_response(self.paginate_queryset(queryset))
            page = self.paginate_queryset(queryset)
            return self.get_paginated_response(self.get_serializer(many=True).to_representation(page))
        records = self.every_record(self.filter_queryset(self.get_queryset()))
        return self.stream_response(
            request, self.paginator, records, self.csv_columns, f"{self.basename}s.csv", self.list_forms
        )

    def list_forms(self, records):
        """Records as a page's ``results`` holds them."""
        # Not ``.data``: that keeps the records in a reference cycle, freed only by the garbage collector.
        return self.get_serializer(many=True).to_representation(records)

    @conditional
    def retrieve(self, request, *args, **kwargs):
        self.page_reader = self.row_reader(many=False)
        if self.page_reader is not None:
            value = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
            if set(request.query_params) <= SHAPING:
                found = self.page_reader.record(self.lookup_field, value)
            else:  # the list's filters apply to a detail too (DRF's get_object): they are checked and applied
                queryset = self.filter_queryset(self.get_queryset()).filter(**{self.lookup_field: value})
                found = next(iter(self.page_reader.records(queryset)), None)
            if found is not None:
                return Response(found)
        # No such record (the 404 is DRF's own), or a form that reads the model instance.
        return super().retrieve(request, *args, **kwargs)

    @transaction.atomic
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._detail(serializer.save(), status.HTTP_201_CREATED)

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)  # a bad body is a 400 whatever copy it was written from
        if refused := precondition_failed(request, instance):
            return refused
        return self._detail(serializer.save(), status.HTTP_200_OK)

    @transaction.atomic
    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()  # a missing record is a 404 before any precondition
        if refused := precondition_failed(request, instance):
            return refused
        return super().destroy(request, *args, **kwargs)


@documented("meeting", "meetings")
class MeetingViewSet(CuratedViewSet):
    facets = MEETING_FACETS
    example_fields = "slug,title,date,participants.name"
    queryset = selectors.meetings()
    list_serializer_class = serializers.MeetingListSerializer
    detail_serializer_class = serializers.MeetingDetailSerializer
    write_serializer_class = serializers.MeetingWriteSerializer
    filterset_class = MeetingFilter
    search_spec = SPECS["meeting"]
    ordering_fields = ["date", "title", "created_at", "updated_at"]
    default_order = "newest first (undated meetings last), then by title"
    # Pages are ordered by ids first (StrictPageNumberPagination): the list-order index gives them.
    page_by_ids = True

    csv_columns = [
        Column("slug", attrgetter("slug"), "the meeting's slug"),
        Column("title", attrgetter("title"), "its title"),
        Column("kind", attrgetter("kind"), "talks, phone_call, summit, visit, ..."),
        Column("status", attrgetter("status"), "held, planned, proposed or cancelled"),
        Column("date", attrgetter("date"), "YYYY-MM-DD, the first day of the month or year when less is known"),
        Column("date_precision", attrgetter("date_precision"), "day, month, year or unknown"),
        Column("date_basis", attrgetter("date_basis"), "source or general_knowledge; empty without a date"),
        Column("end_date", attrgetter("end_date"), "last day of a meeting over several days"),
        Column("city", attrgetter("city"), "where it took place"),
        Column("country", attrgetter("country"), "ISO 3166-1 alpha-2 code"),
        Column("parent", lambda m: m.parent.slug if m.parent else "", "slug of the meeting it is part of"),
        Column(
            "participants",
            lambda m: "; ".join(f"{p.participant.slug}:{p.role}" for p in m.participations.all()),
            "`slug:role` pairs separated by `; `",
        ),
        Column("topics", lambda m: slugs(m.topics.all()), "topic slugs separated by `; `"),
        Column("sources", lambda m: slugs(m.sources.all()), "source slugs separated by `; `"),
        Column("updated_at", attrgetter("updated_at"), "last change, ISO 8601"),
    ]

    expansions = {
        "topics": field_selection.Expansion(
            serializers.TopicSerializer, field_selection.prefetched("topics", selectors.topics())
        ),
        "sources": field_selection.Expansion(
            serializers.SourceSerializer, field_selection.prefetched("sources", Source.objects.defer("text"))
        ),
    }

    def detail_queryset(self):
        return selectors.meeting_detail(self.request.user)


@documented("participant", "participants")
class ParticipantViewSet(CuratedViewSet):
    queryset = selectors.participants()
    list_serializer_class = serializers.ParticipantListSerializer
    detail_serializer_class = serializers.ParticipantSerializer
    write_serializer_class = serializers.ParticipantWriteSerializer
    filterset_class = ParticipantFilter
    csv_columns = [
        Column("slug", attrgetter("slug"), "the participant's slug"),
        Column("name", attrgetter("name"), "the name most used in English"),
        Column("other_names", lambda p: "; ".join(p.other_names), "other spellings, separated by `; `"),
        Column("kind", attrgetter("kind"), "person or institution"),
        Column("country", attrgetter("country"), "ISO 3166-1 alpha-2 code"),
        Column("position", attrgetter("position"), "position held at the time"),
        Column("wikidata_id", attrgetter("wikidata_id"), "Wikidata item id, if known"),
        Column("updated_at", attrgetter("updated_at"), "last change, ISO 8601"),
    ]
    search_spec = SPECS["participant"]
    ordering_fields = ["name", "country", "created_at", "updated_at"]
    default_order = "by name"


@documented("topic", "topics")
class TopicViewSet(CuratedViewSet):
    queryset = selectors.topics()
    list_serializer_class = serializers.TopicListSerializer
    detail_serializer_class = serializers.TopicSerializer
    write_serializer_class = serializers.TopicWriteSerializer
    filterset_class = TopicFilter
    csv_columns = [
        Column("slug", attrgetter("slug"), "the topic's slug"),
        Column("name", attrgetter("name"), "its name"),
        Column("description", attrgetter("description"), "what it covers"),
        Column("parent", lambda t: t.parent.slug if t.parent else "", "slug of the broader topic"),
        Column("updated_at", attrgetter("updated_at"), "last change, ISO 8601"),
    ]
    search_spec = SPECS["topic"]
    ordering_fields = ["name", "created_at", "updated_at"]
    default_order = "by name"


@documented("source", "sources")
class SourceViewSet(CuratedViewSet):
    example_fields = "slug,title,publisher"
    queryset = selectors.sources()
    list_serializer_class = serializers.SourceListSerializer
    detail_serializer_class = serializers.SourceDetailSerializer
    write_serializer_class = serializers.SourceWriteSerializer
    filterset_class = SourceFilter
    csv_columns = [
        Column("slug", attrgetter("slug"), "the source's slug"),
        Column("title", attrgetter("title"), "the headline"),
        Column("publisher", attrgetter("publisher"), "publisher, where the text shows it"),
        Column("author", attrgetter("author"), "author, where the text shows it"),
        Column("kind", attrgetter("kind"), "news_report, opinion or analysis"),
        Column("published_on", attrgetter("published_on"), "publication date, where the article states it"),
        Column("url", attrgetter("url"), "where it was published, if known"),
        Column("language", attrgetter("language"), "language tag"),
        Column("content_hash", attrgetter("content_hash"), "SHA-256 of the text"),
        Column("updated_at", attrgetter("updated_at"), "last change, ISO 8601"),
    ]
    search_spec = SPECS["source"]
    ordering_fields = ["title", "published_on", "created_at", "updated_at"]
    default_order = "by title"

    def get_queryset(self):
        # Lists do not carry full texts from the database, except to highlight a search in them.
        queryset = super().get_queryset()
        if self.action == "list" and not self.request.query_params.get("search"):
            return queryset.defer("text")
        return queryset

    def detail_queryset(self):
        return selectors.source_detail(self.request.user)


@documented("statement", "statements", "id")
class StatementViewSet(CuratedViewSet):
    facets = STATEMENT_FACETS
    example_fields = "id,text,speaker.name"
    queryset = selectors.statements()
    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"
    list_serializer_class = serializers.StatementListSerializer
    detail_serializer_class = serializers.StatementSerializer
    write_serializer_class = serializers.StatementWriteSerializer
    filterset_class = StatementFilter
    expansions = {
        "speaker": field_selection.Expansion(serializers.ParticipantSerializer, field_selection.undeferred("speaker")),
        "via": field_selection.Expansion(serializers.ParticipantSerializer, field_selection.undeferred("via")),
        "meeting": field_selection.Expansion(
            serializers.MeetingRecordSerializer,
            lambda queryset: field_selection.undeferred("meeting")(queryset).select_related("meeting__parent"),
        ),
        "source": field_selection.Expansion(serializers.SourceSerializer),
        "topics": field_selection.Expansion(
            serializers.TopicSerializer, field_selection.prefetched("topics", selectors.topics())
        ),
    }
    csv_columns = [
        Column("id", attrgetter("pk"), "the statement's id"),
        Column("slug", attrgetter("slug"), "its slug"),
        Column("speaker", attrgetter("speaker.slug"), "slug of the speaker"),
        Column("speaker_name", attrgetter("speaker.name"), "name of the speaker"),
        Column("speaker_country", attrgetter("speaker.country"), "the speaker's country code"),
        Column("via", lambda s: s.via.slug if s.via else "", "slug of who relayed it, if anyone"),
        Column("meeting", lambda s: s.meeting.slug if s.meeting else "", "slug of the meeting"),
        Column("source", attrgetter("source.slug"), "slug of the source"),
        Column("kind", attrgetter("kind"), "direct_quote or paraphrase"),
        Column("text", attrgetter("text"), "the words"),
        Column("span_start", attrgetter("span_start"), "offset of the span's first character in the source's text"),
        Column("span_end", attrgetter("span_end"), "offset just after its last character"),
        Column("topics", lambda s: slugs(s.topics.all()), "topic slugs separated by `; `"),
        Column("said_on", attrgetter("said_on"), "when it was said, where the source tells"),
        Column("said_on_precision", attrgetter("said_on_precision"), "day, month, year or unknown"),
        Column("channel", attrgetter("channel"), "press_conference, interview, social_media, ..."),
        Column("updated_at", attrgetter("updated_at"), "last change, ISO 8601"),
    ]
    search_spec = SPECS["statement"]
    ordering_fields = ["said_on", "created_at", "updated_at", "id"]
    default_order = "newest first by when it was said (undated statements last), then by source and place in its text"
    page_by_ids = True
    # Newest first by when it was said, undated last; within a source in text order
    # (statement_list_order_idx serves exactly this order).
    ordering = [F("said_on").desc(nulls_last=True), "source_id", F("span_start").asc(nulls_last=True), "id"]
