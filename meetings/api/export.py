"""The whole data set as one JSON document, for clients that keep their own copy."""

import hashlib
import json

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from meetings.models import DataVersion, Meeting, Outcome, Participant, Source, Statement, Topic

from . import serializers as api
from .conditional import conditional


class ExportMeetingSerializer(api.MeetingDetailSerializer):
    """A meeting in full, less what the export lists elsewhere (its statements, its sessions)."""

    class Meta(api.MeetingDetailSerializer.Meta):
        fields = [f for f in api.MeetingDetailSerializer.Meta.fields if f not in {"statements", "children"}]


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


def canonical_hash(data: dict) -> str:
    encoded = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


class ExportView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Export the whole data set",
        description=(
            "Every source, participant, topic, verified meeting and verified statement in one JSON document, "
            "with a content "
            "hash and the time of the last change. Answers carry `ETag` and `Last-Modified`; send them back "
            "in `If-None-Match` or `If-Modified-Since` to get an empty 304 when nothing has changed."
        ),
        responses={200: ExportSerializer, 304: OpenApiResponse(description="Not modified.")},
    )
    @conditional
    def get(self, request):
        context = {"request": request}
        located = (
            Statement.objects.verified()
            .filter(span_start__isnull=False)
            .select_related("speaker")
            .order_by("span_start")
        )
        meetings = (
            Meeting.objects.verified()
            .for_api()
            .prefetch_related(
                Prefetch("outcomes", queryset=Outcome.objects.select_related("source").defer("source__text"))
            )
        )
        data = {
            "sources": api.SourceDetailSerializer(
                Source.objects.prefetch_related(
                    Prefetch("statements", queryset=located, to_attr="located_statements")
                ).order_by("slug"),
                many=True,
                context=context,
            ).data,
            "participants": api.ParticipantSerializer(
                Participant.objects.order_by("slug"), many=True, context=context
            ).data,
            "topics": api.TopicSerializer(Topic.objects.for_api().order_by("slug"), many=True, context=context).data,
            "meetings": ExportMeetingSerializer(meetings.order_by("slug"), many=True, context=context).data,
            "statements": api.StatementSerializer(
                Statement.objects.verified().for_api().order_by("pk"), many=True, context=context
            ).data,
        }
        version = DataVersion.current()
        return Response(
            {
                "generated_at": timezone.now(),
                "last_modified": version.changed_at,
                "version": version.version,
                "content_hash": canonical_hash(data),
                "counts": {name: len(items) for name, items in data.items()},
                **data,
            }
        )
