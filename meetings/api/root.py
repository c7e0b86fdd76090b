"""/api/v1/: every endpoint of the API by its absolute URL, and the data set described for dataset search.

Besides the five resources, the root names the analysis endpoints (those about one record as URL
templates, ``{slug}`` standing for the record's slug), the change feed, the two exports and the
documentation. Its ``dataset`` is a schema.org ``Dataset`` in JSON-LD: what the data is, under which
licence (``DATA_LICENSE``), the time the verified meetings span, and where to download it whole.
The answer costs two queries (the data version for the validators, and the meetings' dates), and a
304 one.
"""

import calendar

from django.conf import settings
from django.db.models import Max, Min, Q
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from meetings import selectors
from meetings.choices import DatePrecision
from meetings.models import Meeting

from .conditional import conditional
from .openapi import CONDITIONAL, NOT_MODIFIED

DATASET_NAME = "Diplomatic meetings"
DATASET_DESCRIPTION = (
    "Structured data on diplomatic meetings: who met whom, when, where and about what, what each side said "
    "and what they agreed, with every fact tied to the exact passage of the article that reports it. "
    "Verified records only. The articles themselves are not republished where their own licence does not "
    "allow it: their titles, publishers, URLs and content hashes are given, and each statement's place in "
    "the text."
)

# The last day a date of each precision may stand for, from its first (a month's date is its first day).
_PERIOD_END = {
    DatePrecision.DAY: lambda date: date,
    DatePrecision.MONTH: lambda date: date.replace(day=calendar.monthrange(date.year, date.month)[1]),
    DatePrecision.YEAR: lambda date: date.replace(month=12, day=31),
}
_FORMAT = {DatePrecision.DAY: "%Y-%m-%d", DatePrecision.MONTH: "%Y-%m", DatePrecision.YEAR: "%Y"}
# Of two dates that start or end a period on the same day, the more precise one is given.
_PRECISION_RANK = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2}


def temporal_coverage() -> str | None:
    """The verified meetings' span as an ISO 8601 interval (``2017-04-12/2018-06``), each end as precise as
    the date it comes from, a meeting's last day (``end_date``) included; None when no verified meeting has a date.

    One query: the earliest and latest date of each precision, and the latest last day.
    """
    meetings = selectors.visible(Meeting.objects.all())
    aggregates = {}
    for precision in _PERIOD_END:
        only = Q(date_precision=precision)
        aggregates[f"first_{precision}"] = Min("date", filter=only)
        aggregates[f"last_{precision}"] = Max("date", filter=only)
    aggregates["last_end_date"] = Max("end_date")
    bounds = meetings.aggregate(**aggregates)
    starts = [(bounds[f"first_{p}"], p) for p in _PERIOD_END if bounds[f"first_{p}"] is not None]
    ends = [(bounds[f"last_{p}"], p) for p in _PERIOD_END if bounds[f"last_{p}"] is not None]
    if bounds["last_end_date"] is not None:
        ends.append((bounds["last_end_date"], DatePrecision.DAY))
    if not starts:
        return None
    start = min(starts, key=lambda found: (found[0], _PRECISION_RANK[found[1]]))
    end = max(ends, key=lambda found: (_PERIOD_END[found[1]](found[0]), -_PRECISION_RANK[found[1]]))
    first, last = (date.strftime(_FORMAT[precision]) for date, precision in (start, end))
    return first if first == last else f"{first}/{last}"


# ---------------------------------------------------------------- the answer, as documented


class DataDownloadSerializer(serializers.Serializer):
    """A schema.org ``DataDownload``: one of the data set's downloads."""

    def get_fields(self):
        return {
            "@type": serializers.CharField(help_text="`DataDownload`: the schema.org type."),
            "name": serializers.CharField(help_text="What the download is."),
            "encodingFormat": serializers.CharField(help_text="Its media type."),
            "contentUrl": serializers.URLField(help_text="Where to download it."),
        }


class DatasetSerializer(serializers.Serializer):
    """The data set as a schema.org ``Dataset``, in JSON-LD."""

    def get_fields(self):
        return {
            "@context": serializers.URLField(help_text="`https://schema.org`: the vocabulary of the names below."),
            "@type": serializers.CharField(help_text="`Dataset`: the schema.org type."),
            "name": serializers.CharField(help_text="The data set's name."),
            "description": serializers.CharField(help_text="What the data set holds."),
            "url": serializers.URLField(help_text="Where it is described: this page."),
            "license": serializers.URLField(help_text="The licence of the curated records, as a URL."),
            "isAccessibleForFree": serializers.BooleanField(help_text="Always true."),
            "temporalCoverage": serializers.CharField(
                required=False,
                help_text=(
                    "The time the verified meetings span, as an ISO 8601 interval (`2017-04-12/2018-06`): each end "
                    "as precise as the date it comes from, a single date when they are the same; absent when no "
                    "verified meeting has a date."
                ),
            ),
            "distribution": DataDownloadSerializer(
                many=True, help_text="The whole data set, to download: the JSON export and the data package (zip)."
            ),
        }


def _url(help_text: str) -> serializers.URLField:
    return serializers.URLField(help_text=help_text)


def _template(help_text: str) -> serializers.CharField:
    return serializers.CharField(help_text=f"{help_text} A URL template: put a slug in place of `{{slug}}`.")


class APIRootSerializer(serializers.Serializer):
    meetings = _url("The meetings.")
    participants = _url("The participants: people and institutions.")
    topics = _url("The topics.")
    statements = _url("The statements.")
    sources = _url("The sources: the articles the data comes from.")
    meeting_positions = _template("What each side said about a meeting.")
    topic_positions = _template("What each side said on a topic.")
    participant_counterparts = _template("Whom a participant met.")
    source_annotations = _template("A source's statements as W3C Web Annotations on its text.")
    network = _url("Who met whom, as a graph.")
    timeline = _url("Meetings and statements in date order.")
    changes = _url("What changed since a time: the change feed.")
    export = _url("The whole data set in one JSON document.")
    datapackage = _url("The whole data set as a Frictionless Data Package: a zip of CSV tables.")
    schema = _url("This API's OpenAPI document.")
    docs = _url("The documentation, in Swagger UI.")
    redoc = _url("The documentation, in Redoc.")
    dataset = DatasetSerializer(help_text="The data set as a schema.org `Dataset` (JSON-LD), for dataset search.")


# What the root names: its key and the URL's name. Those in TEMPLATES are about one record, named by its slug.
ENDPOINTS = [
    ("meetings", "api:meeting-list"),
    ("participants", "api:participant-list"),
    ("topics", "api:topic-list"),
    ("statements", "api:statement-list"),
    ("sources", "api:source-list"),
    ("meeting_positions", "api:meeting-positions"),
    ("topic_positions", "api:topic-positions"),
    ("participant_counterparts", "api:participant-counterparts"),
    ("source_annotations", "api:source-annotations"),
    ("network", "api:network"),
    ("timeline", "api:timeline"),
    ("changes", "api:changes"),
    ("export", "api:export"),
    ("datapackage", "api:export-datapackage"),
    ("schema", "schema"),
    ("docs", "swagger-ui"),
    ("redoc", "redoc"),
]
TEMPLATES = {"meeting_positions", "topic_positions", "participant_counterparts", "source_annotations"}
SLUG = "slug"


def endpoints(request) -> dict[str, str]:
    """Every endpoint's absolute URL; those about one record as templates with ``{slug}``."""
    origin = request.build_absolute_uri("/").removesuffix("/")
    found = {}
    for key, name in ENDPOINTS:
        if key in TEMPLATES:
            # Built by hand: a URL-encoding step would escape the braces.
            path = reverse(name, kwargs={"slug": SLUG})
            head, _slug, tail = path.rpartition(f"/{SLUG}/")
            found[key] = f"{origin}{head}/{{slug}}/{tail}"
        else:
            found[key] = request.build_absolute_uri(reverse(name))
    return found


def dataset(request, urls: dict[str, str]) -> dict:
    """The schema.org ``Dataset`` that describes the published data, in JSON-LD."""
    description = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": DATASET_NAME,
        "description": DATASET_DESCRIPTION,
        "url": request.build_absolute_uri(reverse("api:api-root")),
        "license": settings.DATA_LICENSE["path"],
        "isAccessibleForFree": True,
    }
    coverage = temporal_coverage()
    if coverage is not None:
        description["temporalCoverage"] = coverage
    description["distribution"] = [
        {
            "@type": "DataDownload",
            "name": "The whole data set in one JSON document",
            "encodingFormat": "application/json",
            "contentUrl": urls["export"],
        },
        {
            "@type": "DataDownload",
            "name": "The whole data set as a Frictionless Data Package: CSV tables in a zip",
            "encodingFormat": "application/zip",
            "contentUrl": urls["datapackage"],
        },
    ]
    return description


class APIRootView(APIView):
    """/api/v1/, in place of the router's root view, which names the five resources only."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="api_root",
        summary="What the API offers",
        description=(
            "Every endpoint of the API by its absolute URL: the five resources, the analysis endpoints (those "
            "about one record as URL templates, `{slug}` standing for its slug), the change feed, the JSON "
            "export, the data package and the documentation. `dataset` describes the data as a schema.org "
            "`Dataset` in JSON-LD, as dataset search engines read it: name, description, licence, the time "
            "the verified meetings span (`temporalCoverage`) and the two downloads." + CONDITIONAL
        ),
        responses={200: APIRootSerializer, 304: NOT_MODIFIED},
    )
    @conditional
    def get(self, request, *args, **kwargs):
        urls = endpoints(request)
        return Response({**urls, "dataset": dataset(request, urls)})
