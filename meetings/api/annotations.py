"""/api/v1/sources/{slug}/annotations/: a source's statements as a W3C Web Annotation collection.

Annotation tools (and anything else that reads the W3C Web Annotation Data Model) can take the
statements of a source as annotations of its text: each statement is an ``Annotation`` whose target
is the source with the statement's two selectors (``TextPositionSelector``, ``TextQuoteSelector``)
and whose bodies say what it is: its words, its kind and its speaker. The answer is JSON-LD
(``application/ld+json``, the annotation context), or the same document as ``application/json``.

Every located statement of the source is in the collection's one page: a source holds a few dozen
statements (the largest curated one, 53), and the page is read in two queries however many it holds.
"""

import copy

from django.urls import reverse
from drf_orjson_renderer.renderers import ORJSONRenderer
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
from rest_framework.response import Response
from rest_framework.views import APIView

from meetings import selectors
from meetings.choices import ParticipantKind
from meetings.dumps.times import iso_utc
from meetings.models import Source, Statement

from .conditional import conditional
from .openapi import CONDITIONAL, NOT_MODIFIED, slug_parameter
from .serializers.fields import TextPositionSelectorSerializer, TextQuoteSelectorSerializer, span_selectors

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# The media type the W3C Web Annotation Protocol gives annotations and their collections.
ANNOTATION_MEDIA_TYPE = f'application/ld+json; profile="{ANNOTATION_CONTEXT}"'
# A statement identifies who speaks in the passage it targets (the W3C motivation for associating
# an identity, such as a person's IRI, with the words of a page).
MOTIVATION = "identifying"
# The W3C model's classes for agents, from the annotation context.
AGENT_TYPES = {ParticipantKind.PERSON: "Person", ParticipantKind.INSTITUTION: "Organization"}
PAGE = "#page-1"


class AnnotationRenderer(ORJSONRenderer):
    """JSON-LD: the same JSON, as ``application/ld+json``; chosen by ``Accept`` or ``?format=jsonld``."""

    media_type = "application/ld+json"
    format = "jsonld"


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def annotation(statement: Statement, source: Source, source_url: str, request) -> dict:
    """One located statement as a W3C ``Annotation`` of its source's text (``source_url``)."""
    speaker = statement.speaker
    return {
        "id": _absolute(request, statement.get_absolute_url()),
        "type": "Annotation",
        "motivation": MOTIVATION,
        "created": iso_utc(statement.created_at),
        "modified": iso_utc(statement.updated_at),
        "body": [
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": statement.text,
                "format": "text/plain",
                "language": source.language,
            },
            {"type": "TextualBody", "purpose": "classifying", "value": statement.kind, "format": "text/plain"},
            {
                "type": "SpecificResource",
                "purpose": "identifying",
                "source": {
                    "id": _absolute(request, speaker.get_absolute_url()),
                    "type": AGENT_TYPES.get(speaker.kind, "Person"),
                    "name": speaker.name,
                },
            },
        ],
        "target": {
            "type": "SpecificResource",
            "source": source_url,
            "selector": span_selectors(statement),
        },
    }


def collection(source: Source, request) -> dict:
    """The source's located statements (``located_statements``) as an ``AnnotationCollection`` of one page."""
    identity = _absolute(request, reverse("api:source-annotations", kwargs={"slug": source.slug}))
    source_url = _absolute(request, source.get_absolute_url())
    items = [annotation(statement, source, source_url, request) for statement in source.located_statements]
    document = {
        "@context": ANNOTATION_CONTEXT,
        "id": identity,
        "type": "AnnotationCollection",
        "label": source.title,
        "total": len(items),
    }
    if items:  # a page holds one annotation or more: an empty collection has none
        document["first"] = {"id": identity + PAGE, "type": "AnnotationPage", "startIndex": 0, "items": items}
        document["last"] = identity + PAGE
    return document


# ---------------------------------------------------------------- OpenAPI: the document's shape


class AnnotationTextualBodySerializer(serializers.Serializer):
    """The statement's words, or its kind, as text."""

    type = serializers.CharField(help_text='"TextualBody" for the statement\'s words and for its kind.')
    purpose = serializers.CharField(
        help_text='"describing": `value` is the statement\'s words; "classifying": `value` is its kind.'
    )
    value = serializers.CharField(
        help_text="The statement's text, or its kind (direct_quote or paraphrase), as the statement's form gives them."
    )
    format = serializers.CharField(help_text='Always "text/plain".')
    language = serializers.CharField(
        required=False, help_text="The words' language (the source's), as an IETF tag; absent on the kind."
    )


class AnnotationAgentSerializer(serializers.Serializer):
    """The speaker, as the W3C model's agents are written."""

    id = serializers.URLField(help_text="The speaker's URL in this API.")
    type = serializers.CharField(help_text='"Person", or "Organization" for an institution.')
    name = serializers.CharField(help_text="The speaker's name.")


class AnnotationSpeakerBodySerializer(serializers.Serializer):
    """Who speaks in the passage: the speaker's record in this API."""

    type = serializers.CharField(help_text='Always "SpecificResource".')
    purpose = serializers.CharField(help_text='Always "identifying": who speaks in the passage.')
    source = AnnotationAgentSerializer(help_text="The speaker.")


class AnnotationTargetSerializer(serializers.Serializer):
    """The passage a statement stands for: the source, and the selectors that find the passage in it."""

    type = serializers.CharField(help_text='Always "SpecificResource".')
    source = serializers.URLField(
        help_text=(
            "The source's URL in this API: the selectors' offsets count in its `text`; its `url` is the article's."
        )
    )
    selector = PolymorphicProxySerializer(
        component_name="Selector",
        serializers={
            "TextPositionSelector": TextPositionSelectorSerializer,
            "TextQuoteSelector": TextQuoteSelectorSerializer,
        },
        resource_type_field_name="type",
        many=True,
        help_text="The passage's TextPositionSelector and TextQuoteSelector, as the statement's `selectors` has them.",
    )


class AnnotationSerializer(serializers.Serializer):
    """One located statement as a W3C Web Annotation of its source's text."""

    id = serializers.URLField(help_text="The statement's URL: the statement is the annotation.")
    type = serializers.CharField(help_text='Always "Annotation".')
    motivation = serializers.CharField(
        help_text=f'Always "{MOTIVATION}": the statement identifies whose words the passage holds.'
    )
    created = serializers.DateTimeField(help_text="When the statement was recorded.")
    modified = serializers.DateTimeField(help_text="When it last changed.")
    body = PolymorphicProxySerializer(
        component_name="AnnotationBody",
        serializers={
            "TextualBody": AnnotationTextualBodySerializer,
            "SpecificResource": AnnotationSpeakerBodySerializer,
        },
        resource_type_field_name="type",
        many=True,
        help_text="What the statement says of the passage: its words (describing), its kind (classifying), its speaker "
        "(identifying), in that order.",
    )
    target = AnnotationTargetSerializer(
        help_text="The passage: the source, with the selectors that find the statement in it."
    )


class AnnotationPageSerializer(serializers.Serializer):
    """The collection's one page, embedded in it."""

    id = serializers.URLField(help_text="The page's URL: the collection's, with `#page-1`.")
    type = serializers.CharField(help_text='Always "AnnotationPage".')
    startIndex = serializers.IntegerField(help_text="Position of the page's first annotation in the collection: 0.")
    items = AnnotationSerializer(many=True, help_text="Every located statement of the source, in text order.")


class AnnotationCollectionSerializer(serializers.Serializer):
    """A source's located statements as a W3C Web Annotation collection (JSON-LD)."""

    # JSON-LD keys that are no Python names.
    keyed = {"@context": serializers.CharField(help_text=f'Always "{ANNOTATION_CONTEXT}".')}

    id = serializers.URLField(help_text="This collection's URL.")
    type = serializers.CharField(help_text='Always "AnnotationCollection".')
    label = serializers.CharField(help_text="The source's title.")
    total = serializers.IntegerField(help_text="How many annotations the collection holds.")
    first = AnnotationPageSerializer(
        required=False, help_text="The one page, holding every annotation; absent when there are none."
    )
    last = serializers.URLField(required=False, help_text="The last page's URL: the first's, as there is one page.")

    def get_fields(self):
        return {**copy.deepcopy(self.keyed), **super().get_fields()}


_SOURCE = "https://api.example.org/api/v1/sources/tillerson-visits-moscow-turbulent-period/"
EXAMPLE = {
    "@context": ANNOTATION_CONTEXT,
    "id": f"{_SOURCE}annotations/",
    "type": "AnnotationCollection",
    "label": "Tillerson Visits Moscow Amid a Turbulent Period in Russia-US Relations",
    "total": 1,
    "first": {
        "id": f"{_SOURCE}annotations/{PAGE}",
        "type": "AnnotationPage",
        "startIndex": 0,
        "items": [
            {
                "id": "https://api.example.org/api/v1/statements/12/",
                "type": "Annotation",
                "motivation": MOTIVATION,
                "created": "2026-11-22T12:00:00Z",
                "modified": "2026-11-22T12:00:00Z",
                "body": [
                    {
                        "type": "TextualBody",
                        "purpose": "describing",
                        "value": "frank and comprehensive,",
                        "format": "text/plain",
                        "language": "en",
                    },
                    {"type": "TextualBody", "purpose": "classifying", "value": "direct_quote", "format": "text/plain"},
                    {
                        "type": "SpecificResource",
                        "purpose": "identifying",
                        "source": {
                            "id": "https://api.example.org/api/v1/participants/sergey-lavrov/",
                            "type": "Person",
                            "name": "Sergey Lavrov",
                        },
                    },
                ],
                "target": {
                    "type": "SpecificResource",
                    "source": _SOURCE,
                    "selector": [
                        {"type": "TextPositionSelector", "start": 1230, "end": 1254},
                        {
                            "type": "TextQuoteSelector",
                            "exact": "frank and comprehensive,",
                            "prefix": '\nLavrov described the talks as "',
                            "suffix": '" while Tillerson called the dis',
                        },
                    ],
                },
            }
        ],
    },
    "last": f"{_SOURCE}annotations/{PAGE}",
}

FORMAT = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["jsonld", "json"],
    description="`jsonld` (the default) answers `application/ld+json`; `json` the same document as `application/json`.",
    examples=[OpenApiExample("Plain JSON", value="json")],
)


class SourceAnnotationsView(APIView):
    """A source's statements as a W3C ``AnnotationCollection``; open to everyone, read only."""

    permission_classes = [AllowAny]
    renderer_classes = [AnnotationRenderer, ORJSONRenderer]

    @extend_schema(
        summary="A source's statements as W3C Web Annotations",
        description=(
            "The source's located statements (those with a span), in text order, as a W3C Web Annotation "
            "`AnnotationCollection` in JSON-LD (`application/ld+json`, context "
            f"`{ANNOTATION_CONTEXT}`; `Accept: application/json` gets the same document as plain JSON). "
            "Each statement is an `Annotation` (its `id` is the statement's URL, its motivation "
            f"`{MOTIVATION}`) whose target is the source with the statement's `TextPositionSelector` and "
            "`TextQuoteSelector`, and whose bodies are its words (`describing`), its kind (`classifying`) "
            "and its speaker (`identifying`). Every annotation is in the one page, `first`. Curators also "
            "get drafts; everyone else verified statements only. The selectors are given for every source, "
            f"redistributable or not: they find the passage in any copy of the article.{CONDITIONAL}"
        ),
        parameters=[slug_parameter("source", "tillerson-visits-moscow-turbulent-period", "A source"), FORMAT],
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                AnnotationCollectionSerializer,
                description="The collection.",
                examples=[OpenApiExample("A source with one statement", value=EXAMPLE)],
            ),
            (200, "application/json"): OpenApiResponse(
                AnnotationCollectionSerializer,
                description="The collection.",
                examples=[OpenApiExample("A source with one statement", value=EXAMPLE)],
            ),
            304: NOT_MODIFIED,
            404: OpenApiResponse(description="No such source."),
        },
    )
    @conditional
    def get(self, request, slug: str):
        source = get_object_or_404(selectors.source_annotations(request.user), slug=slug)
        return Response(collection(source, request))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and isinstance(response.accepted_renderer, AnnotationRenderer):
            if response.status_code >= 400:
                # Errors are the API's JSON errors, whatever the client asked for.
                response.accepted_renderer, response.accepted_media_type = ORJSONRenderer(), "application/json"
            else:
                response.content_type = ANNOTATION_MEDIA_TYPE
        return response
