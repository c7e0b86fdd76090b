"""OpenAPI pieces that several endpoints' documentation shares.

The schema's hooks (error bodies on every operation, examples, write bodies) are in
``meetings.api.schema``; these are the parts views put in their own ``extend_schema``.
"""

import django_filters as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse

CONDITIONAL = (
    " Answers carry `ETag` and `Last-Modified`; send them back in `If-None-Match` or `If-Modified-Since` "
    "to get an empty 304 when nothing has changed."
)
NOT_MODIFIED = OpenApiResponse(description="Not modified: the client's copy (by ETag or date) is current.")
BAD_QUERY = OpenApiResponse(description="An invalid query parameter; the body names it and the problem.")


def format_parameter(what: str) -> OpenApiParameter:
    """``?format=``: JSON by default, or every matching ``what`` (row, item) as CSV."""
    return OpenApiParameter(
        "format",
        OpenApiTypes.STR,
        enum=["json", "csv"],
        description=f"`csv` for every matching {what} as CSV (columns below); JSON by default.",
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
