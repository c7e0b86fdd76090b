"""Serializers, split by purpose: compact forms for lists and embedding, detail forms,
and write forms that take slugs for relations.

Write forms validate through the model (``full_clean``), so the constraints, the quote
check and the uniqueness rules are the same here as in the admin and in fixtures.
"""

import copy
from collections.abc import Mapping

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.http import QueryDict
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.relations import MANY_RELATION_KWARGS
from rest_framework.settings import api_settings

from meetings import search
from meetings.choices import ParticipantRole, ReviewStatus
from meetings.models import (
    COMPACT_PARTICIPANT,
    COMPACT_SOURCE,
    COMPACT_TOPIC,
    Meeting,
    MeetingParticipant,
    Outcome,
    Participant,
    Source,
    Statement,
    Topic,
)

from .representation import ReadModelSerializer

# ---------------------------------------------------------------- compact (nested) forms


class ParticipantCompactSerializer(ReadModelSerializer):
    class Meta:
        model = Participant
        fields = list(COMPACT_PARTICIPANT)


class TopicCompactSerializer(ReadModelSerializer):
    class Meta:
        model = Topic
        fields = list(COMPACT_TOPIC)


class SourceCompactSerializer(ReadModelSerializer):
    class Meta:
        model = Source
        fields = list(COMPACT_SOURCE)


class MeetingCompactSerializer(ReadModelSerializer):
    class Meta:
        model = Meeting
        fields = ["slug", "title", "kind", "status", "date", "date_precision"]


class ParticipationSerializer(ReadModelSerializer):
    """A participant as they appear in a meeting: who, and in what role."""

    slug = serializers.SlugField(source="participant.slug", read_only=True, help_text="The participant's slug.")
    name = serializers.CharField(source="participant.name", read_only=True, help_text="The participant's name.")
    kind = serializers.CharField(source="participant.kind", read_only=True, help_text="Person or institution.")
    country = serializers.CharField(
        source="participant.country", read_only=True, help_text="The participant's country (ISO 3166-1 alpha-2)."
    )

    class Meta:
        model = MeetingParticipant
        fields = ["slug", "name", "kind", "country", "role"]


class OutcomeSerializer(ReadModelSerializer):
    source = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="Slug of the source that reports this outcome."
    )

    class Meta:
        model = Outcome
        fields = ["description", "source"]


class SpanSerializer(serializers.Serializer):
    start = serializers.IntegerField(
        source="span_start", help_text="Offset of the first character in the source's text."
    )
    end = serializers.IntegerField(source="span_end", help_text="Offset just after the last character.")


class SpanField(serializers.Field):
    """The statement's place in its source's text, or null when it has none."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault(
            "help_text",
            "Where the statement stands in its source's text (character offsets, end exclusive); "
            "null for a paraphrase in the curator's own words.",
        )
        super().__init__(**kwargs)

    def to_representation(self, statement: Statement):
        if statement.span_start is None:
            return None
        return {"start": statement.span_start, "end": statement.span_end}


SpanField = extend_schema_field(SpanSerializer(allow_null=True))(SpanField)


class ContextSerializer(serializers.Serializer):
    before = serializers.CharField(
        source="context_before", help_text="Up to 120 characters of the source's text just before the span."
    )
    after = serializers.CharField(
        source="context_after", help_text="Up to 120 characters of the source's text just after the span."
    )


@extend_schema_field(ContextSerializer(allow_null=True))
class ContextField(serializers.Field):
    """The source's text around a statement, so a reader sees it in place; null without a span."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", "The source's text around the span; null when the statement has no span.")
        super().__init__(**kwargs)

    def to_representation(self, statement: Statement):
        if statement.span_start is None:
            return None
        return {"before": statement.context_before, "after": statement.context_after}


@extend_schema_field(OpenApiTypes.STR)
class SearchHighlightField(serializers.Field):
    """Where a search matched: a snippet with each hit wrapped in <mark>…</mark>.

    PostgreSQL's full-text search computes it (the ``search_highlight`` annotation); other
    databases get a snippet around the first substring match of the text ``text_of`` gives.
    """

    def __init__(self, text_of, **kwargs):
        self.text_of = text_of
        kwargs.update(source="*", read_only=True, allow_null=True)
        kwargs.setdefault(
            "help_text",
            "With `search`: a snippet of the matching text, each hit wrapped in <mark>…</mark> (the text "
            "itself is not HTML-escaped). Null without `search`.",
        )
        super().__init__(**kwargs)

    def to_representation(self, instance):
        annotated = getattr(instance, "search_highlight", None)
        if annotated is not None:
            return annotated
        clauses = getattr(self.context.get("request"), "search_clauses", None)
        if not clauses:
            return None
        return search.highlight(self.text_of(instance), search.highlight_terms(clauses))


# ---------------------------------------------------------------- list and detail forms
# Each resource has a detail form; its list form adds `search_highlight`.

TIMESTAMPS = ["created_at", "updated_at"]
REVIEW = ["review_status", "verified_at"]


class ParticipantSerializer(ReadModelSerializer):
    class Meta:
        model = Participant
        fields = ["slug", "name", "other_names", "kind", "country", "position", "wikidata_id", *TIMESTAMPS]


class ParticipantListSerializer(ParticipantSerializer):
    search_highlight = SearchHighlightField(lambda p: " · ".join([p.name, *p.other_names, p.position]))

    class Meta(ParticipantSerializer.Meta):
        fields = [*ParticipantSerializer.Meta.fields, "search_highlight"]


class TopicSerializer(ReadModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, help_text="Slug of the broader topic; null at the top."
    )
    children = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text="Slugs of the direct subtopics."
    )

    class Meta:
        model = Topic
        fields = ["slug", "name", "description", "parent", "children", *TIMESTAMPS]


class TopicListSerializer(TopicSerializer):
    search_highlight = SearchHighlightField(lambda t: f"{t.name}. {t.description}")

    class Meta(TopicSerializer.Meta):
        fields = [*TopicSerializer.Meta.fields, "search_highlight"]


class SourceSerializer(ReadModelSerializer):
    class Meta:
        model = Source
        fields = [
            "slug",
            "title",
            "publisher",
            "author",
            "kind",
            "published_on",
            "url",
            "language",
            "content_hash",
            *TIMESTAMPS,
        ]


class SourceListSerializer(SourceSerializer):
    search_highlight = SearchHighlightField(lambda s: f"{s.title}. {s.text}")

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "search_highlight"]


class SourceSpanSerializer(ReadModelSerializer):
    """Where one statement stands in the source, for highlighting it in the text."""

    id = serializers.IntegerField(read_only=True, help_text="The statement's id.")
    speaker = serializers.SlugRelatedField(slug_field="slug", read_only=True, help_text="Slug of the speaker.")
    start = serializers.IntegerField(source="span_start", read_only=True, help_text="Offset of the first character.")
    end = serializers.IntegerField(source="span_end", read_only=True, help_text="Offset just after the last one.")

    class Meta:
        model = Statement
        fields = ["id", "slug", "speaker", "kind", "start", "end"]


class SourceDetailSerializer(SourceSerializer):
    spans = SourceSpanSerializer(
        source="located_statements",
        many=True,
        read_only=True,
        help_text="Every statement located in the text, in text order: `text[start:end]` is its passage.",
    )

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "text", "spans"]


class MeetingSerializer(ReadModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="Slug of the meeting this one is part of; null for a meeting that is not part of another.",
    )
    participants = ParticipationSerializer(
        source="participations", many=True, read_only=True, help_text="Who took part, with their roles."
    )
    topics = TopicCompactSerializer(many=True, read_only=True, help_text="What was discussed.")
    sources = SourceCompactSerializer(many=True, read_only=True, help_text="The articles that report the meeting.")

    class Meta:
        model = Meeting
        fields = [
            "slug",
            "title",
            "kind",
            "status",
            "date",
            "date_precision",
            "date_basis",
            "end_date",
            "city",
            "country",
            "parent",
            "participants",
            "topics",
            "sources",
            *REVIEW,
            *TIMESTAMPS,
        ]


class MeetingListSerializer(MeetingSerializer):
    search_highlight = SearchHighlightField(lambda m: f"{m.title}. {m.summary}")

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "search_highlight"]


class StatementSerializer(ReadModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="The statement's id, used in its URL.")
    speaker = ParticipantCompactSerializer(read_only=True, help_text="Who said it.")
    via = ParticipantCompactSerializer(read_only=True, allow_null=True, help_text="Who relayed it, if anyone.")
    meeting = MeetingCompactSerializer(
        read_only=True, allow_null=True, help_text="The meeting it was said at or about."
    )
    source = SourceCompactSerializer(read_only=True, help_text="The article that reports it.")
    span = SpanField()
    context = ContextField()
    topics = TopicCompactSerializer(many=True, read_only=True, help_text="What it is about.")

    class Meta:
        model = Statement
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
            "context",
            "topics",
            "said_on",
            "said_on_precision",
            "channel",
            *REVIEW,
            *TIMESTAMPS,
        ]


class StatementListSerializer(StatementSerializer):
    search_highlight = SearchHighlightField(lambda s: s.text)

    class Meta(StatementSerializer.Meta):
        fields = [*StatementSerializer.Meta.fields, "search_highlight"]


class MeetingStatementSerializer(StatementSerializer):
    """A statement inside its meeting's detail: the meeting itself is not repeated."""

    class Meta(StatementSerializer.Meta):
        fields = [f for f in StatementSerializer.Meta.fields if f != "meeting"]


class MeetingDetailSerializer(MeetingSerializer):
    children = MeetingCompactSerializer(
        many=True, read_only=True, help_text="The meeting's parts, such as a visit's sessions."
    )
    outcomes = OutcomeSerializer(many=True, read_only=True, help_text="What the meeting agreed or produced.")
    statements = MeetingStatementSerializer(many=True, read_only=True, help_text="What was said at or about it.")

    class Meta(MeetingSerializer.Meta):
        fields = [
            *MeetingSerializer.Meta.fields[: -len(REVIEW + TIMESTAMPS)],
            "summary",
            "children",
            "outcomes",
            "statements",
            *REVIEW,
            *TIMESTAMPS,
        ]


# ---------------------------------------------------------------- write forms


class StrictStringMixin:
    """Only a JSON string is text: a number or a boolean sent for a text field is refused, not converted."""

    default_error_messages = {"not_a_string": "Not a valid string."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        return super().to_internal_value(data)


class StrictCharField(StrictStringMixin, serializers.CharField):
    pass


class StrictSlugField(StrictStringMixin, serializers.SlugField):
    pass


class StrictURLField(StrictStringMixin, serializers.URLField):
    pass


class SlugReferenceField(serializers.SlugRelatedField):
    """A relation written as the related record's slug.

    A NUL character is refused before any query: PostgreSQL cannot even compare text that
    holds one, and would fail the request instead of answering that no such record exists.
    """

    default_error_messages = {
        "null_characters": "Null characters are not allowed.",
        "blank": "This field may not be blank.",
    }

    def run_validation(self, data=empty):
        # DRF reads an empty string as null, for a form's empty choice; a JSON body says null itself.
        if data == "" and not isinstance(getattr(self.root, "initial_data", None), QueryDict):
            self.fail("blank")
        return super().run_validation(data)

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("null_characters")
        return super().to_internal_value(data)

    @classmethod
    def many_init(cls, *args, max_length=None, **kwargs):
        list_kwargs = {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        return SlugReferenceListField(child_relation=cls(*args, **kwargs), max_length=max_length, **list_kwargs)


class SlugReferenceListField(serializers.ManyRelatedField):
    """Several relations as a list of slugs, at most ``max_length`` of them, counted before any is looked up."""

    default_error_messages = {"max_length": "Ensure this field has no more than {max_length} elements."}

    def __init__(self, *args, max_length=None, **kwargs):
        self.max_length = max_length
        super().__init__(*args, **kwargs)

    def to_internal_value(self, data):
        if self.max_length is not None and isinstance(data, list) and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


def _slug_related(queryset, **kwargs):
    return SlugReferenceField(slug_field="slug", queryset=queryset, **kwargs)


class RefuseUnknownFieldsMixin:
    """A write that names a field the form does not have is refused, naming that field.

    Silently dropping it would let a misspelt field (``"sumary"``) look like a successful write.
    Errors on known fields are reported together with the unknown ones.
    """

    unknown_field_message = "Unknown field."
    read_only_field_message = "This field is read-only."
    # What a browser's form adds to a form-encoded body besides the fields.
    form_extras = frozenset({"csrfmiddlewaretoken"})

    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            return super().to_internal_value(data)
        errors = {
            name: [self.read_only_field_message if name in self.fields else self.unknown_field_message]
            for name in data
            if (name not in self.fields or self.fields[name].read_only)
            and not (isinstance(data, QueryDict) and name in self.form_extras)
        }
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if not errors or not isinstance(error.detail, Mapping):
                raise
            raise serializers.ValidationError({**error.detail, **errors}) from error
        if errors:
            raise serializers.ValidationError(errors)
        return value


class ModelValidatedSerializer(RefuseUnknownFieldsMixin, serializers.ModelSerializer):
    """Runs the model's own validation (fields, ``clean()``, constraints, uniqueness) on writes."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.SlugField: StrictSlugField,
        models.URLField: StrictURLField,
    }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        concrete = {f.name for f in model._meta.concrete_fields}
        # A copy, so that a refused write leaves the caller's instance untouched.
        instance = model() if self.instance is None else copy.copy(self.instance)
        for name, value in attrs.items():
            if name in concrete:
                setattr(instance, name, value)
        checked = [f.name for f in model._meta.concrete_fields if not f.is_relation]
        before = {name: getattr(instance, name) for name in checked}
        try:
            instance.full_clean(exclude=self.model_validation_exclude())
        except DjangoValidationError as error:
            raise serializers.ValidationError(_drf_errors(error)) from error
        # What clean() settled (no date, so its precision is "unknown") is saved as it was checked.
        attrs.update({name: getattr(instance, name) for name in checked if getattr(instance, name) != before[name]})
        return attrs

    def model_validation_exclude(self) -> list[str]:
        return []


class ReviewedWriteSerializer(ModelValidatedSerializer):
    """Setting `review_status` to verified records who verified it and when; back to draft clears both."""

    def validate(self, attrs):
        status = attrs.get("review_status")
        current = self.instance.review_status if self.instance is not None else None
        if status == ReviewStatus.VERIFIED and current != ReviewStatus.VERIFIED:
            user = self.context["request"].user
            attrs["verified_at"] = timezone.now()
            attrs["verified_by"] = user if user.is_authenticated else None
        elif status == ReviewStatus.DRAFT:
            attrs["verified_at"] = attrs["verified_by"] = None
        return super().validate(attrs)


def _drf_errors(error: DjangoValidationError) -> dict:
    errors = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
        for field, messages in errors.items()
    }


class ParticipantWriteSerializer(ModelValidatedSerializer):
    other_names = serializers.ListField(
        child=StrictCharField(max_length=200),
        required=False,
        max_length=50,
        help_text="Other spellings and forms of the name the sources use.",
    )

    class Meta:
        model = Participant
        fields = ["slug", "name", "other_names", "kind", "country", "position", "wikidata_id"]


class TopicWriteSerializer(ModelValidatedSerializer):
    parent = _slug_related(Topic.objects.all(), required=False, allow_null=True, help_text="Slug of the broader topic.")

    class Meta:
        model = Topic
        fields = ["slug", "name", "description", "parent"]


class SourceWriteSerializer(ModelValidatedSerializer):
    class Meta:
        model = Source
        fields = ["slug", "title", "publisher", "author", "kind", "published_on", "url", "language", "text"]

    def model_validation_exclude(self) -> list[str]:
        return ["content_hash"]  # computed, and checked by Source.clean() with a clearer message


class CompleteItemMixin:
    """An item of a list that a write replaces whole: its required fields are required in a PATCH too.

    DRF skips missing fields throughout a partial update, nested lists included; an item without
    its participant or source would then reach the database half made.
    """

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            missing = {
                name: [field.error_messages["required"]]
                for name, field in self.fields.items()
                if field.required and not field.read_only and name not in data
            }
            if missing:
                raise serializers.ValidationError(missing)
        return super().to_internal_value(data)


class ParticipationWriteSerializer(RefuseUnknownFieldsMixin, CompleteItemMixin, serializers.Serializer):
    participant = _slug_related(Participant.objects.all(), help_text="Slug of the participant.")
    role = serializers.ChoiceField(
        choices=ParticipantRole.choices, default=ParticipantRole.ATTENDEE, help_text="Their role in the meeting."
    )


class OutcomeWriteSerializer(RefuseUnknownFieldsMixin, CompleteItemMixin, serializers.Serializer):
    description = StrictCharField(max_length=5000, help_text="What was agreed or decided.")
    source = _slug_related(Source.objects.all(), help_text="Slug of the source that reports it.")


class MeetingWriteSerializer(ReviewedWriteSerializer):
    parent = _slug_related(
        Meeting.objects.all(), required=False, allow_null=True, help_text="Slug of the meeting this is part of."
    )
    participants = ParticipationWriteSerializer(
        many=True, required=False, max_length=200, help_text="Who took part, in display order, each with a role."
    )
    topics = _slug_related(
        Topic.objects.all(), many=True, max_length=100, required=False, help_text="Slugs of the topics discussed."
    )
    sources = _slug_related(
        Source.objects.all(),
        many=True,
        max_length=100,
        allow_empty=False,
        help_text="Slugs of the articles that report the meeting; at least one.",
    )
    outcomes = OutcomeWriteSerializer(many=True, required=False, max_length=100, help_text="What was agreed, in order.")

    class Meta:
        model = Meeting
        fields = [
            "slug",
            "title",
            "kind",
            "status",
            "date",
            "date_precision",
            "date_basis",
            "end_date",
            "city",
            "country",
            "summary",
            "parent",
            "participants",
            "topics",
            "sources",
            "outcomes",
            "review_status",
        ]

    def validate_participants(self, participations: list[dict]) -> list[dict]:
        slugs = [p["participant"].slug for p in participations]
        repeated = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        if repeated:
            raise serializers.ValidationError(f"A participant can appear only once; repeated: {', '.join(repeated)}.")
        return participations

    def validate(self, attrs):
        attrs = super().validate(attrs)
        parent = attrs.get("parent")
        if parent is not None and self.instance is not None:
            ancestor = parent
            while ancestor is not None:
                if ancestor.pk == self.instance.pk:
                    raise serializers.ValidationError({"parent": ["A meeting cannot be part of itself."]})
                ancestor = ancestor.parent
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        return self._save(Meeting(), validated_data)

    @transaction.atomic
    def update(self, instance, validated_data):
        return self._save(instance, validated_data)

    def _save(self, meeting: Meeting, data: dict) -> Meeting:
        participations = data.pop("participants", None)
        outcomes = data.pop("outcomes", None)
        topics = data.pop("topics", None)
        sources = data.pop("sources", None)
        for name, value in data.items():
            setattr(meeting, name, value)
        meeting.save()
        if topics is not None:
            meeting.topics.set(topics)
        if sources is not None:
            meeting.sources.set(sources)
        if participations is not None:
            meeting.participations.all().delete()
            MeetingParticipant.objects.bulk_create(
                MeetingParticipant(meeting=meeting, participant=p["participant"], role=p["role"], position=index)
                for index, p in enumerate(participations)
            )
        if outcomes is not None:
            meeting.outcomes.all().delete()
            Outcome.objects.bulk_create(
                Outcome(meeting=meeting, description=o["description"], source=o["source"], position=index)
                for index, o in enumerate(outcomes)
            )
        return meeting


class StatementWriteSerializer(ReviewedWriteSerializer):
    slug = StrictSlugField(
        max_length=120,
        required=False,
        allow_blank=True,
        help_text="Stable identifier; made from the speaker and the text when omitted.",
    )
    speaker = _slug_related(Participant.objects.all(), help_text="Slug of the participant who said it.")
    via = _slug_related(
        Participant.objects.all(), required=False, allow_null=True, help_text="Slug of who relayed it, if anyone."
    )
    meeting = _slug_related(
        Meeting.objects.all(), required=False, allow_null=True, help_text="Slug of the meeting it was said at or about."
    )
    source = _slug_related(Source.objects.all(), help_text="Slug of the article that reports it.")
    topics = _slug_related(
        Topic.objects.all(), many=True, max_length=100, required=False, help_text="Slugs of what it is about."
    )

    class Meta:
        model = Statement
        fields = [
            "slug",
            "speaker",
            "via",
            "meeting",
            "source",
            "kind",
            "text",
            "occurrence",
            "topics",
            "said_on",
            "said_on_precision",
            "channel",
            "review_status",
        ]
        # The column's range on every database (SQLite would take any 64-bit number).
        extra_kwargs = {"occurrence": {"max_value": 32767}}

    def model_validation_exclude(self) -> list[str]:
        # An empty slug is filled in on save; uniqueness of a given one is still checked.
        return ["slug"] if not self.initial_data.get("slug") else []

    @transaction.atomic
    def create(self, validated_data):
        return super().create(validated_data)

    @transaction.atomic
    def update(self, instance, validated_data):
        return super().update(instance, validated_data)
