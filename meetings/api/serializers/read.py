"""Read forms: compact forms for lists and embedding, and each resource's list and detail forms.

They are ``ReadModelSerializer``s: DRF's field declarations (and so the OpenAPI schema), with
representations written by readers made once per class (``meetings.api.representation``).
"""

from rest_framework import serializers

from meetings.models import Meeting, MeetingParticipant, Outcome, Participant, Source, Statement, Topic
from meetings.search import SPECS
from meetings.selectors import COMPACT_PARTICIPANT, COMPACT_SOURCE, COMPACT_TOPIC

from ..representation import ReadModelSerializer
from .fields import ContextField, SearchHighlightField, SelectorsField, SourceTextField, SpanField

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


class MeetingRecordSerializer(ReadModelSerializer):
    """A meeting's own fields, without the records it nests: its full record where another form embeds it."""

    parent = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, help_text="Slug of the meeting this one is part of."
    )

    class Meta:
        model = Meeting
        fields = [*Meeting.OWN_FIELDS, "review_status", "verified_at", "created_at", "updated_at"]


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


# ---------------------------------------------------------------- list and detail forms
# Each resource has a detail form; its list form adds `search_highlight`.

TIMESTAMPS = ["created_at", "updated_at"]
LOCATED = {"occurrence": ("span", "context", "selectors")}
REVIEW = ["review_status", "verified_at"]


class ParticipantSerializer(ReadModelSerializer):
    class Meta:
        model = Participant
        fields = ["slug", "name", "other_names", "kind", "country", "position", "wikidata_id", *TIMESTAMPS]


class ParticipantListSerializer(ParticipantSerializer):
    search_highlight = SearchHighlightField(SPECS["participant"].highlight_text)

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
    search_highlight = SearchHighlightField(SPECS["topic"].highlight_text)

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
            "redistributable",
            "content_hash",
            *TIMESTAMPS,
        ]


class SourceListSerializer(SourceSerializer):
    search_highlight = SearchHighlightField(SPECS["source"].highlight_text)

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
    text = SourceTextField()
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
        # The summary is long: details show it, lists do not.
        fields = [
            *(f for f in Meeting.OWN_FIELDS if f != "summary"),
            "participants",
            "topics",
            "sources",
            *REVIEW,
            *TIMESTAMPS,
        ]


class MeetingListSerializer(MeetingSerializer):
    search_highlight = SearchHighlightField(SPECS["meeting"].highlight_text)

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
    selectors = SelectorsField()
    topics = TopicCompactSerializer(many=True, read_only=True, help_text="What it is about.")

    class Meta:
        model = Statement
        # What a curator gives, with where the words stand in the source (span, context, selectors) in
        # place of the occurrence that found them there.
        fields = [
            "id",
            *(name for field in Statement.CURATED_FIELDS for name in LOCATED.get(field, (field,))),
            *REVIEW,
            *TIMESTAMPS,
        ]


class StatementListSerializer(StatementSerializer):
    search_highlight = SearchHighlightField(SPECS["statement"].highlight_text)

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
