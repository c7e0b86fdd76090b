"""The whole data set as one JSON document, for clients that keep their own copy.

The document is written to a file once per data version (``write_export``) and served from it,
so answering costs a file's copy, not the data set's serialization, and memory stays flat.
"""

import hashlib
import itertools
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from meetings.models import DataVersion, Meeting, Outcome, Participant, Source, Statement, Topic

from . import serializers as api
from .conditional import conditional
from .pagination import bounded_count

ARRAY_ORDER = ["sources", "participants", "topics", "meetings", "statements"]
CANONICAL = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}
DATE_TIME = serializers.DateTimeField()


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


SNAPSHOT_PATTERN = re.compile(r"^export-(\d+)-[0-9a-f]{12}\.json$")
BATCH = 1000
# A source comes with its whole text and every span in it: a few hundred kilobytes each.
SOURCE_BATCH = 20


def snapshot_path(stamp: str) -> Path:
    """Where the export of the data version ``stamp`` (``DataVersion.stamp``) is kept."""
    digest = hashlib.sha256(stamp.encode()).hexdigest()[:12]
    return settings.EXPORT_DIR / f"export-{stamp.partition('@')[0]}-{digest}.json"


def _sections() -> list[tuple[str, QuerySet, type, int]]:
    """The five arrays, in the order their names sort (the content hash's order), and how many to read at once."""
    located = (
        Statement.objects.verified().filter(span_start__isnull=False).select_related("speaker").order_by("span_start")
    )
    meetings = (
        Meeting.objects.verified()
        .for_api()
        .prefetch_related(Prefetch("outcomes", queryset=Outcome.objects.select_related("source").defer("source__text")))
    )
    sources = Source.objects.prefetch_related(Prefetch("statements", queryset=located, to_attr="located_statements"))
    return [
        ("meetings", meetings.order_by("slug"), ExportMeetingSerializer, BATCH),
        ("participants", Participant.objects.order_by("slug"), api.ParticipantSerializer, BATCH),
        ("sources", sources.order_by("slug"), api.SourceDetailSerializer, SOURCE_BATCH),
        ("statements", Statement.objects.verified().for_api().order_by("pk"), api.StatementSerializer, BATCH),
        ("topics", Topic.objects.for_api().order_by("slug"), api.TopicSerializer, BATCH),
    ]


def _records(queryset: QuerySet, serializer_class: type, batch: int) -> Iterator[dict]:
    """Every record's API form, a batch at a time: memory stays flat however many there are."""
    for records in itertools.batched(queryset.iterator(chunk_size=batch), batch):
        yield from serializer_class(records, many=True, context={}).data


@contextmanager
def _one_snapshot():
    """A transaction in which every read sees the same state of the data."""
    if connection.in_atomic_block:
        # Already inside a transaction (a test's, say): its reads are as consistent as they can be.
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def write_export() -> Path:
    """Write the export of the current data version, unless it is written already; return its path.

    The five arrays are written to a scratch file as their canonical JSON (sorted keys, no
    whitespace), hashed on the way; the document is then that text behind its heading, renamed
    into place whole. Memory stays flat: records are read and serialized in batches.
    """
    directory = settings.EXPORT_DIR
    directory.mkdir(parents=True, exist_ok=True)
    with _one_snapshot():
        version = DataVersion.current()
        target = snapshot_path(version.stamp)
        if target.exists():
            return target
        hasher, counts = hashlib.sha256(), {}
        with tempfile.TemporaryFile(dir=directory) as arrays:

            def put(text: str) -> None:
                data = text.encode("utf-8")
                hasher.update(data)
                arrays.write(data)

            put("{")
            for position, (name, queryset, serializer_class, batch) in enumerate(_sections()):
                put(f'{"," if position else ""}"{name}":[')
                count = 0
                for record in _records(queryset, serializer_class, batch):
                    put(("," if count else "") + json.dumps(record, **CANONICAL))
                    count += 1
                put("]")
                counts[name] = count
            put("}")
            heading = {
                "generated_at": DATE_TIME.to_representation(timezone.now()),
                "last_modified": DATE_TIME.to_representation(version.changed_at) if version.changed_at else None,
                "version": version.version,
                "content_hash": hasher.hexdigest(),
                "counts": {name: counts[name] for name in ARRAY_ORDER},
            }
            with tempfile.NamedTemporaryFile(dir=directory, prefix=".export-", suffix=".tmp", delete=False) as out:
                try:
                    # The heading's object, left open, then the arrays' text without its opening brace.
                    out.write(
                        json.dumps(heading, separators=(",", ":"), ensure_ascii=False).encode("utf-8")[:-1] + b","
                    )
                    arrays.seek(1)
                    shutil.copyfileobj(arrays, out)
                    out.flush()
                    os.fsync(out.fileno())
                except BaseException:
                    os.unlink(out.name)
                    raise
        os.replace(out.name, target)
    _remove_older_than(version.version, directory)
    return target


def _remove_older_than(version: int, directory: Path) -> None:
    for path in directory.iterdir():
        found = SNAPSHOT_PATTERN.match(path.name)
        if found and int(found.group(1)) < version:
            path.unlink(missing_ok=True)


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
            if bounded_count(Statement.objects.verified(), limit).value > limit:
                raise ExportNotReady()
            path = write_export()
        return FileResponse(path.open("rb"), content_type="application/json")
