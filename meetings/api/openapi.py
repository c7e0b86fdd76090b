"""OpenAPI pieces that several endpoints' documentation shares.

The schema's hooks (error bodies on every operation, examples, write bodies) are in
``meetings.api.schema``; these are the parts views put in their own ``extend_schema``.
"""

import copy

import django_filters as filters
from drf_spectacular.drainage import set_override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers

CONDITIONAL = (
    " Answers carry `ETag` and `Last-Modified`; send them back in `If-None-Match` or `If-Modified-Since` "
    "to get an empty 304 when nothing has changed."
)
NOT_MODIFIED = OpenApiResponse(description="Not modified: the client's copy (by ETag or date) is current.")
BAD_QUERY = OpenApiResponse(description="An invalid query parameter; the body names it and the problem.")


def format_parameter(what: str) -> OpenApiParameter:
    """``?format=``: a JSON page by default, or every matching ``what`` (row, item) as CSV or NDJSON."""
    return OpenApiParameter(
        "format",
        OpenApiTypes.STR,
        enum=["json", "csv", "ndjson"],
        description=(
            f"`csv` for every matching {what} as CSV (columns below), `ndjson` for every matching {what} as "
            "newline-delimited JSON; a JSON page by default. CSV and NDJSON are not paged: `page` and "
            "`page_size` are not used (a malformed one is still refused)."
        ),
    )


def ndjson_line(form: type[serializers.Serializer] | serializers.ListSerializer) -> serializers.Serializer:
    """The schema of an ``application/x-ndjson`` answer: ``form`` (a list's: its item) for one line, not a page."""
    line = copy.deepcopy(form.child) if isinstance(form, serializers.ListSerializer) else form()
    return set_override(line, "many", False)


def ndjson_description(what: str) -> str:
    """What ``?format=ndjson`` answers with, for an operation's description."""
    return (
        f"With `?format=ndjson` (or `Accept: application/x-ndjson`) the answer is every matching {what}, not one "
        "page, as newline-delimited JSON: one JSON object a line, each exactly as a page's `results` holds it, "
        "in the same order. The schema given for `application/x-ndjson` is that of one line."
    )


def slug_parameter(name: str, example: str, summary: str) -> OpenApiParameter:
    return OpenApiParameter(
        "slug",
        OpenApiTypes.STR,
        OpenApiParameter.PATH,
        description=f"The {name}'s slug.",
        examples=[OpenApiExample(summary, value=example)],
    )


def query_parameters(filterset: type[filters.FilterSet], examples: dict[str, list]) -> list[OpenApiParameter]:
    """A FilterSet's parameters, described by the filters' own help texts, with examples."""
    parameters = []
    for name, declared in filterset.base_filters.items():
        choices = declared.extra.get("choices")
        parameters.append(
            OpenApiParameter(
                name,
                OpenApiTypes.DATE if isinstance(declared, filters.DateFilter) else OpenApiTypes.STR,
                description=declared.extra["help_text"],
                enum=[value for value, _label in choices] if choices else None,
                examples=[OpenApiExample(summary, value=value) for summary, value in examples[name]],
            )
        )
    return parameters


def selection_parameters(example_fields: str, expansions: dict) -> list[OpenApiParameter]:
    """``fields``, ``omit`` and ``expand`` (meetings.api.field_selection), for a list or a detail."""
    parameters = [
        OpenApiParameter(
            "fields",
            OpenApiTypes.STR,
            description=(
                "Only these fields, comma-separated, in the form's own order; a dotted path keeps only some "
                "fields of a nested form (`speaker.name`). An unknown field is a 400 that names it."
            ),
            examples=[OpenApiExample("Some fields", value=example_fields)],
        ),
        OpenApiParameter(
            "omit",
            OpenApiTypes.STR,
            description="Leave these fields out, comma-separated; dotted paths reach into nested forms.",
            examples=[OpenApiExample("Without timestamps", value="created_at,updated_at")],
        ),
    ]
    if expansions:
        names = ", ".join(f"`{name}`" for name in expansions)
        parameters.append(
            OpenApiParameter(
                "expand",
                OpenApiTypes.STR,
                description=(
                    f"Relations to give as full records instead of their compact forms, comma-separated: {names}. "
                    "Another name is a 400."
                ),
                examples=[OpenApiExample("Full records", value=",".join(list(expansions)[:2]))],
            )
        )
    return parameters


def facet_parameter(facets: dict) -> list[OpenApiParameter]:
    """``facet`` on a list that has facets (meetings.api.facets)."""
    if not facets:
        return []
    names = ", ".join(f"`{name}`" for name in facets)
    return [
        OpenApiParameter(
            "facet",
            OpenApiTypes.STR,
            many=True,
            explode=True,
            description=(
                f"Count the whole filtered result by these facets (repeat it, or separate names by commas): {names}. "
                "The answer gains `facets` (per facet, up to 30 values with label, count and the URL of the list "
                "narrowed to it, then an entry with a null value counting the rest) and `facets_timed_out` (the "
                "facets that ran out of time). A topic counts the records tagged with it; its URL also takes in "
                "the topics below it."
            ),
            examples=[OpenApiExample("Two facets", value=list(facets)[:2])],
        )
    ]
