"""Write forms: they take relations as slugs and validate through the model.

Write forms validate through the model (``full_clean``), so the constraints, the quote check,
the tree rules and the uniqueness rules are the same here as in the admin and in fixtures;
saving and reviewing go through ``meetings.services`` as the admin's do.
"""

import copy
from collections.abc import Mapping

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.http import QueryDict
from rest_framework import serializers
from rest_framework.settings import api_settings

from meetings import services
from meetings.choices import ParticipantRole
from meetings.models import Meeting, Participant, Source, Statement, Topic

from .fields import StrictBooleanField, StrictCharField, StrictSlugField, StrictURLField, slug_reference


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
        models.BooleanField: StrictBooleanField,
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
        if status is not None:
            # Decided on a copy: a refused write leaves the caller's instance untouched.
            record = self.Meta.model() if self.instance is None else copy.copy(self.instance)
            services.set_review_status(record, status, self.context["request"].user)
            attrs.update(verified_at=record.verified_at, verified_by=record.verified_by)
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
    parent = slug_reference(
        Topic.objects.all(), required=False, allow_null=True, help_text="Slug of the broader topic."
    )

    class Meta:
        model = Topic
        fields = ["slug", "name", "description", "parent"]


class SourceWriteSerializer(ModelValidatedSerializer):
    class Meta:
        model = Source
        fields = list(Source.CURATED_FIELDS)

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
    participant = slug_reference(Participant.objects.all(), help_text="Slug of the participant.")
    role = serializers.ChoiceField(
        choices=ParticipantRole.choices, default=ParticipantRole.ATTENDEE, help_text="Their role in the meeting."
    )


class OutcomeWriteSerializer(RefuseUnknownFieldsMixin, CompleteItemMixin, serializers.Serializer):
    description = StrictCharField(max_length=5000, help_text="What was agreed or decided.")
    source = slug_reference(Source.objects.all(), help_text="Slug of the source that reports it.")


class MeetingWriteSerializer(ReviewedWriteSerializer):
    parent = slug_reference(
        Meeting.objects.all(), required=False, allow_null=True, help_text="Slug of the meeting this is part of."
    )
    participants = ParticipationWriteSerializer(
        many=True, required=False, max_length=200, help_text="Who took part, in display order, each with a role."
    )
    topics = slug_reference(
        Topic.objects.all(), many=True, max_length=100, required=False, help_text="Slugs of the topics discussed."
    )
    sources = slug_reference(
        Source.objects.all(),
        many=True,
        max_length=100,
        allow_empty=False,
        help_text="Slugs of the articles that report the meeting; at least one.",
    )
    outcomes = OutcomeWriteSerializer(many=True, required=False, max_length=100, help_text="What was agreed, in order.")

    class Meta:
        model = Meeting
        fields = [*Meeting.OWN_FIELDS, "participants", "topics", "sources", "outcomes", "review_status"]

    def validate_participants(self, participations: list[dict]) -> list[dict]:
        slugs = [p["participant"].slug for p in participations]
        repeated = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        if repeated:
            raise serializers.ValidationError(f"A participant can appear only once; repeated: {', '.join(repeated)}.")
        return participations

    @transaction.atomic
    def create(self, validated_data):
        return self._save(Meeting(), validated_data)

    @transaction.atomic
    def update(self, instance, validated_data):
        return self._save(instance, validated_data)

    def _save(self, meeting: Meeting, data: dict) -> Meeting:
        participants, outcomes = data.pop("participants", None), data.pop("outcomes", None)
        if participants is not None:
            participants = [services.Participation(p["participant"], p["role"]) for p in participants]
        if outcomes is not None:
            outcomes = [services.MeetingOutcome(o["description"], o["source"]) for o in outcomes]
        topics, sources = data.pop("topics", None), data.pop("sources", None)
        return services.save_meeting(
            meeting, data, participants=participants, topics=topics, sources=sources, outcomes=outcomes
        )


class StatementWriteSerializer(ReviewedWriteSerializer):
    slug = StrictSlugField(
        max_length=120,
        required=False,
        allow_blank=True,
        help_text="Stable identifier; made from the speaker and the text when omitted.",
    )
    speaker = slug_reference(Participant.objects.all(), help_text="Slug of the participant who said it.")
    via = slug_reference(
        Participant.objects.all(), required=False, allow_null=True, help_text="Slug of who relayed it, if anyone."
    )
    meeting = slug_reference(
        Meeting.objects.all(), required=False, allow_null=True, help_text="Slug of the meeting it was said at or about."
    )
    source = slug_reference(Source.objects.all(), help_text="Slug of the article that reports it.")
    topics = slug_reference(
        Topic.objects.all(), many=True, max_length=100, required=False, help_text="Slugs of what it is about."
    )

    class Meta:
        model = Statement
        fields = [*Statement.CURATED_FIELDS, "review_status"]
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
