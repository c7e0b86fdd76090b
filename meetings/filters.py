"""FilterSets for the API lists.

Relations are filtered by slug; an unknown slug, a malformed date or an unknown choice
is a 400 that names the parameter, never an empty list.
"""

import django_filters as filters
from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError

from . import selectors
from .choices import (
    MeetingKind,
    MeetingStatus,
    ParticipantKind,
    SourceKind,
    StatementChannel,
    StatementKind,
)
from .models import Meeting, MeetingParticipant, Participant, Source, Statement, Topic, country_code_validator


def _country_filter(field_name: str, help_text: str) -> filters.CharFilter:
    return filters.CharFilter(
        field_name=field_name, validators=[country_code_validator], max_length=2, help_text=help_text
    )


def _slug_filter(queryset, help_text: str, field_name: str | None = None, method: str | None = None):
    return filters.ModelChoiceFilter(
        queryset=queryset, to_field_name="slug", field_name=field_name, method=method, help_text=help_text
    )


def _date_range(field_name: str, which: str) -> tuple[filters.DateFilter, filters.DateFilter]:
    """``date_after`` and ``date_before`` on a date field, both ends included."""
    return (
        filters.DateFilter(
            field_name=field_name, lookup_expr="gte", help_text=f"{which} on or after this date (YYYY-MM-DD)."
        ),
        filters.DateFilter(
            field_name=field_name, lookup_expr="lte", help_text=f"{which} on or before this date (YYYY-MM-DD)."
        ),
    )


class ChangeTrackedFilterSet(filters.FilterSet):
    """Every list can be asked for what changed since a client last looked."""

    updated_since = filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Only records created or changed at or after this ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z.",
    )


class ReviewFilterMixin(filters.FilterSet):
    """Curators may list drafts; everyone else sees verified records only."""

    review_status = filters.ChoiceFilter(
        choices=[("verified", "Verified"), ("draft", "Draft"), ("all", "Verified and draft")],
        method="filter_review_status",
        help_text=(
            "Curators only: `draft` lists drafts, `all` lists both. Without it, and for everyone else, "
            "lists hold verified records only."
        ),
    )

    def filter_review_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value != "verified" and not selectors.can_see_drafts(getattr(self.request, "user", None), queryset.model):
            raise ValidationError({"review_status": ["Only curators can list drafts."]})
        return queryset if value == "all" else queryset.filter(review_status=value)


class TopicTreeFilterMixin:
    """Filtering by a topic includes every topic below it."""

    def filter_topic(self, queryset: QuerySet, name: str, value: Topic) -> QuerySet:
        if value is None:
            return queryset
        return queryset.on_topic(value)


class MeetingFilter(TopicTreeFilterMixin, ReviewFilterMixin, ChangeTrackedFilterSet):
    date_after, date_before = _date_range("date", "Meetings")
    participant = _slug_filter(
        Participant.objects.all(), "Slug of a participant: meetings they took part in.", field_name="participants"
    )
    country = _country_filter("country", "ISO 3166-1 alpha-2 code of the country where the meeting took place.")
    topic = _slug_filter(
        Topic.objects.all(), "Slug of a topic: meetings on it or on any topic below it.", method="filter_topic"
    )
    kind = filters.ChoiceFilter(choices=MeetingKind.choices, help_text="Kind of meeting.")
    status = filters.ChoiceFilter(choices=MeetingStatus.choices, help_text="Status of the meeting.")
    source = _slug_filter(Source.objects.all(), "Slug of a source: meetings it reports.", field_name="sources")
    parent = _slug_filter(Meeting.objects.all(), "Slug of a meeting: its direct parts (sessions of a visit).")

    class Meta:
        model = Meeting
        fields = [
            "review_status",
            "updated_since",
            "date_after",
            "date_before",
            "participant",
            "country",
            "topic",
            "kind",
            "status",
            "source",
            "parent",
        ]


class StatementFilter(TopicTreeFilterMixin, ReviewFilterMixin, ChangeTrackedFilterSet):
    speaker = _slug_filter(Participant.objects.all(), "Slug of the participant who said it.")
    speaker_country = _country_filter("speaker__country", "ISO 3166-1 alpha-2 country code of the speaker.")
    via = _slug_filter(Participant.objects.all(), "Slug of the participant who relayed it.")
    meeting = _slug_filter(Meeting.objects.all(), "Slug of the meeting it was said at or about.")
    topic = _slug_filter(
        Topic.objects.all(), "Slug of a topic: statements on it or on any topic below it.", method="filter_topic"
    )
    kind = filters.ChoiceFilter(choices=StatementKind.choices, help_text="Direct quote or paraphrase.")
    channel = filters.ChoiceFilter(choices=StatementChannel.choices, help_text="Where it was said.")
    source = _slug_filter(Source.objects.all(), "Slug of the source that reports it.")
    date_after, date_before = _date_range("said_on", "Statements made")

    class Meta:
        model = Statement
        fields = [
            "review_status",
            "updated_since",
            "speaker",
            "speaker_country",
            "via",
            "meeting",
            "topic",
            "kind",
            "channel",
            "source",
            "date_after",
            "date_before",
        ]


class ParticipantFilter(ChangeTrackedFilterSet):
    country = _country_filter("country", "ISO 3166-1 alpha-2 code of the country the participant represents.")
    kind = filters.ChoiceFilter(choices=ParticipantKind.choices, help_text="Person or institution.")
    met_with = _slug_filter(
        Participant.objects.all(),
        "Slug of another participant: everyone who took part in a meeting with them.",
        method="filter_met_with",
    )

    class Meta:
        model = Participant
        fields = ["updated_since", "country", "kind", "met_with"]

    def filter_met_with(self, queryset: QuerySet, name: str, value: Participant) -> QuerySet:
        their_meetings = MeetingParticipant.objects.filter(participant=value).values("meeting")
        counterparts = MeetingParticipant.objects.filter(meeting__in=their_meetings).values("participant")
        return queryset.filter(pk__in=counterparts).exclude(pk=value.pk)


class TopicFilter(ChangeTrackedFilterSet):
    parent = _slug_filter(Topic.objects.all(), "Slug of a topic: its direct subtopics.")

    class Meta:
        model = Topic
        fields = ["updated_since", "parent"]


class SourceFilter(ChangeTrackedFilterSet):
    publisher = filters.CharFilter(
        lookup_expr="iexact", max_length=200, help_text="Publisher's name, matched without regard to case."
    )
    kind = filters.ChoiceFilter(choices=SourceKind.choices, help_text="News report, opinion or analysis.")
    language = filters.CharFilter(max_length=16, help_text="Language tag of the text, such as en.")
    date_after, date_before = _date_range("published_on", "Sources published")

    class Meta:
        model = Source
        fields = ["updated_since", "publisher", "kind", "language", "date_after", "date_before"]
