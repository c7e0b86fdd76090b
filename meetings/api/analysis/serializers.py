"""The analysis endpoints' answers: sides, counterparts, the network and timeline items."""

import threading

from django.core.signals import setting_changed
from django.dispatch import receiver
from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

from meetings import selectors
from meetings.choices import DatePrecision
from meetings.models import Meeting, Participant, Statement

from ..representation import ReadModelSerializer
from ..serializers import (
    MeetingCompactSerializer,
    MeetingSerializer,
    ParticipantCompactSerializer,
    StatementSerializer,
    TopicCompactSerializer,
)
from ..serializers.read import REVIEW, TIMESTAMPS


class PositionStatementSerializer(StatementSerializer):
    """A statement as part of a side's position."""

    class Meta(StatementSerializer.Meta):
        # The statement's own fields, without the context around it (nor the selectors that quote it)
        # and the review and change stamps.
        fields = [f for f in StatementSerializer.Meta.fields if f not in {"context", "selectors", *REVIEW, *TIMESTAMPS}]


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


DATE_FIELDS = ("date", "date_precision", "date_basis")


class TimelineItemMixin:
    """A timeline item's ``type`` (what it is) and ``dated`` (whether it has a date)."""

    item_type: str
    date_attribute: str

    def get_type(self, record: Meeting | Statement) -> str:
        return self.item_type

    def get_dated(self, record: Meeting | Statement) -> bool:
        return getattr(record, self.date_attribute) is not None


class TimelineMeetingSerializer(TimelineItemMixin, MeetingSerializer):
    """A meeting in the timeline, dated by its own date."""

    item_type, date_attribute = "meeting", "date"

    type = serializers.SerializerMethodField(help_text='What the item is: always "meeting" here.')
    dated = serializers.SerializerMethodField(help_text="Whether the meeting has a date; undated ones come last.")

    class Meta(MeetingSerializer.Meta):
        # The meeting's own fields, its date first.
        fields = [
            "type",
            *DATE_FIELDS,
            "dated",
            *(f for f in MeetingSerializer.Meta.fields if f not in {*DATE_FIELDS, *REVIEW, *TIMESTAMPS}),
        ]


class TimelineStatementSerializer(TimelineItemMixin, StatementSerializer):
    """A statement in the timeline, dated by when it was said, never by its meeting's date."""

    item_type, date_attribute = "statement", "said_on"

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
        # A position's fields, dated by when the words were said.
        fields = [
            "type",
            "date",
            "date_precision",
            "dated",
            *(f for f in PositionStatementSerializer.Meta.fields if f not in {"said_on", "said_on_precision"}),
        ]


TimelineItemSerializer = PolymorphicProxySerializer(
    component_name="TimelineItem",
    serializers={"meeting": TimelineMeetingSerializer, "statement": TimelineStatementSerializer},
    resource_type_field_name="type",
    many=True,
)


# The timeline's two forms, made once in each thread and kept: building a form's fields and their
# readers (meetings.api.representation) costs more than writing a page with them. The read forms use
# no context; a kept form is given the request's all the same while it writes, and lets go of it after.
_kept_forms = threading.local()
# Bumped when a setting changes (in tests): a form's readers were made for the settings of their time.
_settings_generation = [0]


@receiver(setting_changed)
def _forget_forms(**kwargs) -> None:
    _settings_generation[0] += 1


def _kept_form(serializer: type[serializers.ModelSerializer]) -> serializers.ListSerializer:
    if getattr(_kept_forms, "generation", None) != _settings_generation[0]:
        _kept_forms.forms = {}
        _kept_forms.generation = _settings_generation[0]
    forms: dict[type, serializers.ListSerializer] = _kept_forms.forms
    if serializer not in forms:
        forms[serializer] = serializer(many=True)
    return forms[serializer]


def timeline_items(rows: list[dict], context: dict) -> list[dict]:
    """The records of one page of timeline rows, loaded in bulk and serialized in the rows' order."""
    ids: dict[str, list[int]] = {"meeting": [], "statement": []}
    for row in rows:
        ids[row["item_type"]].append(row["item_id"])
    loaded = {
        "meeting": (selectors.visible(selectors.meetings()).in_bulk(ids["meeting"]), TimelineMeetingSerializer),
        "statement": (selectors.visible(selectors.statements()).in_bulk(ids["statement"]), TimelineStatementSerializer),
    }
    serialized = {}
    for item_type, (records, serializer) in loaded.items():
        form = _kept_form(serializer)
        form._context = context
        try:
            # A list of plain dicts, with no reference back to the form: a stream's chunks are freed as
            # they are sent.
            serialized[item_type] = iter(form.to_representation([records[pk] for pk in ids[item_type]]))
        finally:
            form._context = {}
    return [next(serialized[row["item_type"]]) for row in rows]
