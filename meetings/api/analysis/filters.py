"""The analysis endpoints' query parameters: which meetings count, and what the timeline holds."""

import django_filters as filters
from django.db.models import QuerySet
from django_filters.utils import translate_validation

from meetings.choices import MeetingStatus
from meetings.models import Meeting, Participant, Statement, Topic, country_code_validator, subtree_ids


class AnalysisFilterSet(filters.FilterSet):
    """Validates the query once; ``filter_queryset()`` may then filter meetings and statements alike."""

    date_fields = {Meeting: "date", Statement: "said_on"}

    @classmethod
    def validated(cls, request) -> "AnalysisFilterSet":
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


class MeetingScopeFilter(AnalysisFilterSet):
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


class TimelineFilter(AnalysisFilterSet):
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
