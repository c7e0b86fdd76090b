"""/api/v1/export/: the whole data set as one JSON document, served from the file written for its data version;
/api/v1/export/datapackage/: the same records as a Frictionless Data Package, a zip of CSV tables.

The document and the package themselves are :mod:`meetings.dumps.public`'s and
:mod:`meetings.dumps.datapackage`'s; here are their OpenAPI descriptions and the views, which
write the file on the first request for a data version small enough to export while the client
waits.
"""

from django.conf import settings
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.views import APIView

from meetings import selectors
from meetings.dumps import datapackage
from meetings.dumps.public import ExportMeetingSerializer, snapshot_path, write_export
from meetings.models import Statement

from . import serializers as api
from .conditional import conditional
from .pagination import bounded_count


class CountsSerializer(serializers.Serializer):
    sources = serializers.IntegerField(help_text="Number of sources.")
    participants = serializers.IntegerField(help_text="Number of participants.")
    topics = serializers.IntegerField(help_text="Number of topics.")
    meetings = serializers.IntegerField(help_text="Number of meetings.")
    statements = serializers.IntegerField(help_text="Number of statements.")


class ExportSerializer(serializers.Serializer):
    generated_at = serializers.DateTimeField(help_text="When this document was produced.")
    last_modified = serializers.DateTimeField(
        allow_null=True, help_text="When the data last changed; null if it never has."
    )
    version = serializers.IntegerField(help_text="The data version: it grows with every change.")
    content_hash = serializers.CharField(
        help_text=(
            "SHA-256 of the five arrays as `json.dumps({...}, sort_keys=True, separators=(',', ':'), "
            "ensure_ascii=False)` in UTF-8: equal hashes mean equal data."
        )
    )
    counts = CountsSerializer(help_text="How many records of each kind the document holds.")
    sources = api.SourceDetailSerializer(many=True, help_text="Every source, with its full text and spans.")
    participants = api.ParticipantSerializer(many=True, help_text="Every participant.")
    topics = api.TopicSerializer(many=True, help_text="Every topic.")
    meetings = ExportMeetingSerializer(many=True, help_text="Every meeting, with participants and outcomes.")
    statements = api.StatementSerializer(many=True, help_text="Every statement, with its span and context.")


class ExportNotReady(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "export_not_ready"
    default_detail = (
        "The export of the current data is not ready yet: the data set is too large to export while "
        "you wait. Try again later."
    )
    wait = 60


class ExportView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Export the whole data set",
        description=(
            "Every source, participant, topic, verified meeting and verified statement in one JSON document, "
            "with a content hash and the time of the last change. The document is written once per version "
            "of the data and then served as a file. A data set of more than "
            f"{settings.API_EXPORT_INLINE_LIMIT:,} statements is exported apart from requests: until the "
            "export of its current version is written, the answer is 503 with `Retry-After`. Answers "
            "carry `ETag` and `Last-Modified`; send them back in `If-None-Match` or `If-Modified-Since` "
            "to get an empty 304 when nothing has changed."
        ),
        responses={200: ExportSerializer, 304: OpenApiResponse(description="Not modified.")},
    )
    @conditional
    def get(self, request):
        # The data version was read once, for the validators.
        path = snapshot_path(request.data_version)
        if not path.exists():
            limit = settings.API_EXPORT_INLINE_LIMIT
            if bounded_count(selectors.visible(Statement.objects.all()), limit).value > limit:
                raise ExportNotReady()
            path = write_export()
        return FileResponse(path.open("rb"), content_type="application/json")


def _too_large_to_export_now() -> bool:
    limit = settings.API_EXPORT_INLINE_LIMIT
    return bounded_count(selectors.visible(Statement.objects.all()), limit).value > limit


class ZipRenderer(BaseRenderer):
    """The package's one media type (``?format=zip`` names it too); the package itself is served as a file."""

    media_type = "application/zip"
    format = "zip"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only reached for answers that are not the package (errors are switched to JSON first).
        return JSONRenderer().render(data, None, renderer_context)


class DataPackageView(APIView):
    permission_classes = [AllowAny]
    renderer_classes = [ZipRenderer]

    def handle_exception(self, exc):
        # An error is JSON, whatever the client accepts, so that it can read what went wrong.
        self.request.accepted_renderer, self.request.accepted_media_type = JSONRenderer(), "application/json"
        return super().handle_exception(exc)

    @extend_schema(
        summary="Download the whole data set as a data package",
        description=(
            "The records of the export as a [Frictionless Data Package](https://datapackage.org/) (v2): a zip "
            "holding `datapackage.json` and one CSV per table (`sources`, `participants`, `topics`, `meetings`, "
            "`meeting_participants`, `outcomes`, `statements`, and the link tables `meeting_topics`, "
            "`meeting_sources`, `statement_topics`). `datapackage.json` names the data `version`, when the "
            "package was `created` and the data's licence, and describes each CSV: its columns' types, titles "
            "and descriptions, its primary key (`id`; a link table's two ids), its foreign keys (a reference "
            "is the referenced row's `id`), its size in `bytes` and its `hash` (`sha256:<hex>`). Verified "
            "records only, and only rows whose references are published; a source whose article may not be "
            "republished has an empty `text`. The answer is an attachment named "
            "`diplomatic-meetings-<version>.zip`. Like the JSON export, the package is written once per "
            "version of the data and then served as a file; a data set of more than "
            f"{settings.API_EXPORT_INLINE_LIMIT:,} statements is packaged apart from requests, and until the "
            "package of its current version is written the answer is 503 with `Retry-After`. Answers carry "
            "`ETag` and `Last-Modified`; send them back in `If-None-Match` or `If-Modified-Since` to get an "
            "empty 304 when nothing has changed."
        ),
        parameters=[
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                enum=["zip"],
                description="`zip`, the one format of this answer (as `Accept: application/zip`); any other is a 400.",
                examples=[OpenApiExample("zip", value="zip")],
            )
        ],
        responses={
            (200, "application/zip"): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="The data package: a zip of `datapackage.json` and one CSV per table.",
            ),
            304: OpenApiResponse(description="Not modified."),
        },
    )
    @conditional
    def get(self, request):
        # The data version was read once, for the validators.
        path = datapackage.package_path(request.data_version)
        if not path.exists():
            if _too_large_to_export_now():
                raise ExportNotReady()
            path = datapackage.write_datapackage()
        return FileResponse(
            path.open("rb"),
            content_type="application/zip",
            as_attachment=True,
            filename=datapackage.download_name(path),
        )
