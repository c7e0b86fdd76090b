"""The change feed: every create, change and delete of curated records, oldest first.

Clients that keep a copy poll it with ``?since=`` and refetch what it names. It reads the
history tables that django-simple-history keeps, merged in the database by a UNION.
"""

from django import forms
from django.db.models import Case, CharField, F, QuerySet, Value, When
from django.db.models.functions import Cast
from django_filters.fields import IsoDateTimeField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny

from meetings import selectors
from meetings.choices import ReviewStatus
from meetings.models import Meeting, MeetingParticipant, Outcome, Participant, Source, Statement, Topic

from .conditional import conditional
from .pagination import StrictPageNumberPagination

ACTIONS = Case(
    When(history_type="+", then=Value("created")),
    When(history_type="~", then=Value("changed")),
    default=Value("deleted"),
    output_field=CharField(),
)
COLUMNS = ["model", "key", "action", "time", "history_id"]


def _rows(history: QuerySet, model: str, key, action=ACTIONS) -> QuerySet:
    return (
        history.order_by()
        .annotate(model=Value(model, output_field=CharField()), key=key, action=action, time=F("history_date"))
        .values(*COLUMNS)
    )


def changes(include_drafts: bool, since=None) -> QuerySet:
    """Every recorded change as ``{model, key, action, time, history_id}`` rows, oldest first.

    A change to a meeting's participants or outcomes is reported as a change of the meeting.
    Changes to drafts are left out unless ``include_drafts``; ``since`` keeps later ones only.
    """

    def history(model) -> QuerySet:
        rows = model.history.all()
        return rows if since is None else rows.filter(history_date__gte=since)

    meetings, statements = history(Meeting), history(Statement)
    if not include_drafts:
        meetings = meetings.filter(review_status=ReviewStatus.VERIFIED)
        statements = statements.filter(review_status=ReviewStatus.VERIFIED)
    changed = Value("changed", output_field=CharField())
    parts = [
        _rows(history(Source), "source", F("slug")),
        _rows(history(Participant), "participant", F("slug")),
        _rows(history(Topic), "topic", F("slug")),
        _rows(meetings, "meeting", F("slug")),
        _rows(history(MeetingParticipant).filter(meeting__isnull=False), "meeting", F("meeting__slug"), changed),
        _rows(history(Outcome).filter(meeting__isnull=False), "meeting", F("meeting__slug"), changed),
        _rows(statements, "statement", Cast("id", output_field=CharField())),
    ]
    return parts[0].union(*parts[1:], all=True).order_by("time", "history_id", "model")


class ChangeSerializer(serializers.Serializer):
    model = serializers.ChoiceField(
        choices=["source", "participant", "topic", "meeting", "statement"], help_text="What kind of record changed."
    )
    key = serializers.CharField(help_text="Its slug, or for a statement its id: the key of its detail URL.")
    action = serializers.ChoiceField(choices=["created", "changed", "deleted"], help_text="What happened to it.")
    time = serializers.DateTimeField(help_text="When it happened.")


class ChangeFilter(forms.Form):
    since = IsoDateTimeField(required=False)


class ChangesView(ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = ChangeSerializer
    pagination_class = StrictPageNumberPagination
    filter_backends = []  # `since` filters each history table before the union

    def get_queryset(self):
        form = ChangeFilter(self.request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        include_drafts = selectors.can_see_drafts(self.request.user, Statement)
        return changes(include_drafts, since=form.cleaned_data.get("since"))

    @extend_schema(
        summary="What changed",
        description=(
            "Every creation, change and deletion of a source, participant, topic, meeting or statement, oldest "
            "first, for clients that keep a copy in sync: poll with `since` set to the time of the last change "
            "you saw and refetch what is named. A change to a meeting's participants or outcomes is reported "
            "as a change of the meeting. Drafts are left out for everyone but curators. Answers carry `ETag` "
            "and `Last-Modified` for conditional requests."
        ),
        parameters=[
            OpenApiParameter(
                "since",
                OpenApiTypes.DATETIME,
                description="Only changes at or after this ISO 8601 date-time.",
                examples=[OpenApiExample("Since a morning", value="2026-11-22T08:00:00Z")],
            )
        ],
        responses={
            200: ChangeSerializer(many=True),
            304: OpenApiResponse(description="Not modified."),
            400: OpenApiResponse(description="A malformed `since`; the body names it."),
        },
    )
    @conditional
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)
