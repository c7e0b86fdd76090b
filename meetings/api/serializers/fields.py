"""Fields the read and write forms share: where a statement stands (span, context, W3C selectors),
search highlights, and text and slug fields that refuse what is not text.
"""

from django.http import QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.relations import MANY_RELATION_KWARGS

from meetings import selectors, text_rules
from meetings.models import Statement
from meetings.search import substring

# ---------------------------------------------------------------- read


@extend_schema_field(OpenApiTypes.STR)
class SourceTextField(serializers.Field):
    """The article's full text where the reader may have it (meetings.selectors.may_read_text), else null."""

    # What it reads of the record when the record is read as a row (meetings.api.rows).
    row_columns = ("redistributable", "text")

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True, allow_null=True)
        kwargs.setdefault(
            "help_text",
            "The full text of the article, exactly as stored; the spans and contexts are offsets into it. "
            "Null where the source is not redistributable (the article's licence does not let anyone "
            "republish it), except for curators: the spans, contexts and selectors still say where each "
            "statement stands, in any copy of the article.",
        )
        super().__init__(**kwargs)

    def to_representation(self, source):
        request = self.context.get("request")
        return source.text if selectors.may_read_text(getattr(request, "user", None), source) else None


class SpanSerializer(serializers.Serializer):
    start = serializers.IntegerField(
        source="span_start", help_text="Offset of the first character in the source's text."
    )
    end = serializers.IntegerField(source="span_end", help_text="Offset just after the last character.")


class SpanField(serializers.Field):
    """The statement's place in its source's text, or null when it has none."""

    row_columns = ("span_start", "span_end")

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

    row_columns = ("span_start", "context_before", "context_after")

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", "The source's text around the span; null when the statement has no span.")
        super().__init__(**kwargs)

    def to_representation(self, statement: Statement):
        if statement.span_start is None:
            return None
        return {"before": statement.context_before, "after": statement.context_after}


# How much of the text on each side of a quote a TextQuoteSelector carries, as annotation tools do.
QUOTE_CONTEXT_CHARS = 32
# Offsets are Python string indices: Unicode code points, which is what the W3C model counts.
CODE_POINTS = (
    "Counted in Unicode code points (not bytes, not UTF-16 code units), from 0, as the W3C Web Annotation "
    "Data Model counts characters"
)


class TextPositionSelectorSerializer(serializers.Serializer):
    type = serializers.CharField(help_text='Always "TextPositionSelector".')
    start = serializers.IntegerField(
        help_text=f"Offset of the passage's first character in the source's text. {CODE_POINTS}."
    )
    end = serializers.IntegerField(help_text="Offset just after its last character (end exclusive).")


class TextQuoteSelectorSerializer(serializers.Serializer):
    type = serializers.CharField(help_text='Always "TextQuoteSelector".')
    exact = serializers.CharField(
        help_text=(
            "The passage itself, character for character as the source's text has it (`text[start:end]`); "
            "it can differ from the statement's `text` in whitespace only."
        )
    )
    prefix = serializers.CharField(
        help_text=f"The {QUOTE_CONTEXT_CHARS} characters just before the passage (fewer at the start of the text)."
    )
    suffix = serializers.CharField(
        help_text=f"The {QUOTE_CONTEXT_CHARS} characters just after the passage (fewer at the end of the text)."
    )


SELECTORS_HELP = (
    "Where the statement stands in its source's text as W3C Web Annotation selectors: a "
    "`TextPositionSelector` (the span's offsets) and a `TextQuoteSelector` (the passage, with "
    f"{QUOTE_CONTEXT_CHARS} characters on each side), with which annotation tools can find the passage "
    "again, in this text or in another copy of the article. Null for a paraphrase in the curator's own words. "
    'For example `[{"type": "TextPositionSelector", "start": 1230, "end": 1254}, {"type": "TextQuoteSelector", '
    '"exact": "frank and comprehensive,", "prefix": "\\nLavrov described the talks as \\"", '
    '"suffix": "\\" while Tillerson called the dis"}]`.'
)


def span_selectors(statement: Statement) -> list[dict] | None:
    """A located statement's TextPositionSelector and TextQuoteSelector; None when it has no span.

    ``exact`` is the span's characters, which the statement querysets cut from the source's text in
    the database (the ``span_text`` annotation: meetings.selectors.span_text) so that the text is never
    loaded; prefix and suffix come from the context stored with the span.
    """
    if statement.span_start is None:
        return None
    start, end = statement.span_start, statement.span_end
    try:
        exact = statement.span_text
    except AttributeError:  # a statement read without the annotation: cut it from the source's text
        exact = statement.source.text[start:end]
    return [
        {"type": "TextPositionSelector", "start": start, "end": end},
        {
            "type": "TextQuoteSelector",
            "exact": exact,
            "prefix": statement.context_before[-QUOTE_CONTEXT_CHARS:],
            "suffix": statement.context_after[:QUOTE_CONTEXT_CHARS],
        },
    ]


@extend_schema_field(
    PolymorphicProxySerializer(
        component_name="Selector",
        serializers={
            "TextPositionSelector": TextPositionSelectorSerializer,
            "TextQuoteSelector": TextQuoteSelectorSerializer,
        },
        resource_type_field_name="type",
        many=True,
        allow_null=True,
    )
)
class SelectorsField(serializers.Field):
    """A statement's W3C Web Annotation selectors, or null when it has no span."""

    # span_text: the passage, annotated by the statement querysets (meetings.selectors.span_text).
    row_columns = ("span_start", "span_end", "span_text", "context_before", "context_after")

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True, allow_null=True)
        kwargs.setdefault("help_text", SELECTORS_HELP)
        super().__init__(**kwargs)

    def to_representation(self, statement: Statement):
        return span_selectors(statement)


@extend_schema_field(OpenApiTypes.STR)
class SearchHighlightField(serializers.Field):
    """Where a search matched: a snippet with each hit wrapped in <mark>…</mark>.

    PostgreSQL's full-text search computes it (the ``search_highlight`` annotation); other
    databases get a snippet around the first substring match of the text ``text_of`` gives.
    """

    # A list is read as rows (meetings.api.rows) only without a search: nothing to highlight then.
    row_columns = ()

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
        return substring.highlight(self.text_of(instance), substring.highlight_terms(clauses))


# ---------------------------------------------------------------- write


class StrictStringMixin:
    """Only a JSON string is text: a number or a boolean sent for a text field is refused, not converted."""

    default_error_messages = {"not_a_string": "Not a valid string."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        return super().to_internal_value(data)


class StrictCharField(StrictStringMixin, serializers.CharField):
    pass


class StrictBooleanField(serializers.BooleanField):
    """Only JSON's true and false are booleans: 0, 1 or "yes" sent for one are refused, not converted.
    (A form's checkbox, which arrives as text, is read as DRF reads it.)"""

    default_error_messages = {"not_a_boolean": "Must be true or false."}

    def to_internal_value(self, data):
        from_a_form = isinstance(getattr(self.root, "initial_data", None), QueryDict)
        if not from_a_form and not isinstance(data, bool):
            self.fail("not_a_boolean")
        return super().to_internal_value(data)


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
        "null_characters": text_rules.NULL_CHARACTERS,
        "blank": "This field may not be blank.",
        "incorrect_type": "Incorrect type. Expected a slug (a string), received {data_type}.",
    }

    def run_validation(self, data=empty):
        # DRF reads an empty string as null, for a form's empty choice; a JSON body says null itself.
        if data == "" and not isinstance(getattr(self.root, "initial_data", None), QueryDict):
            self.fail("blank")
        return super().run_validation(data)

    def to_internal_value(self, data):
        # A number is no slug: the database would compare it as text, and 0 would find "0".
        if not isinstance(data, str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if text_rules.NUL in data:
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


def slug_reference(queryset, **kwargs):
    return SlugReferenceField(slug_field="slug", queryset=queryset, **kwargs)
