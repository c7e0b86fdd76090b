"""The whole published data set as one JSON document, for clients that keep their own copy.

The document is written to a file once per data version (``write_export``): ``/api/v1/export/``
serves it from there, so answering costs a file's copy, not the data set's serialization, and
``build_export`` writes it apart from requests when the data set is too large to export while a
client waits. Memory stays flat however large the data set: records are read and serialized in
batches.

Its records are the API's own read forms, from ``meetings.api.serializers``: the export publishes
the same representation as the API, so a client's copy and the API's answers agree field for
field.
"""

import hashlib
import itertools
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from meetings import selectors
from meetings.api import serializers as api
from meetings.models import DataVersion

from .files import replacing
from .snapshot import consistent_snapshot
from .times import iso_utc

ARRAY_ORDER = ["sources", "participants", "topics", "meetings", "statements"]
CANONICAL = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}
SNAPSHOT_PATTERN = re.compile(r"^export-(\d+)-[0-9a-f]{12}\.json$")
BATCH = 1000
# A source comes with its whole text and every span in it: a few hundred kilobytes each.
SOURCE_BATCH = 20


class ExportMeetingSerializer(api.MeetingDetailSerializer):
    """A meeting in full, less what the export lists elsewhere (its statements, its sessions)."""

    class Meta(api.MeetingDetailSerializer.Meta):
        fields = [f for f in api.MeetingDetailSerializer.Meta.fields if f not in {"statements", "children"}]


def snapshot_path(stamp: str) -> Path:
    """Where the export of the data version ``stamp`` (``DataVersion.stamp``) is kept."""
    digest = hashlib.sha256(stamp.encode()).hexdigest()[:12]
    return settings.EXPORT_DIR / f"export-{stamp.partition('@')[0]}-{digest}.json"


def _sections() -> list[tuple[str, QuerySet, type, int]]:
    """The five arrays, in the order their names sort (the content hash's order), and how many to read at once."""
    meetings = selectors.visible(selectors.meetings()).prefetch_related(selectors.outcomes())
    return [
        ("meetings", meetings.order_by("slug"), ExportMeetingSerializer, BATCH),
        ("participants", selectors.participants().order_by("slug"), api.ParticipantSerializer, BATCH),
        ("sources", selectors.source_detail().order_by("slug"), api.SourceDetailSerializer, SOURCE_BATCH),
        ("statements", selectors.visible(selectors.statements()).order_by("pk"), api.StatementSerializer, BATCH),
        ("topics", selectors.topics().order_by("slug"), api.TopicSerializer, BATCH),
    ]


def _records(queryset: QuerySet, serializer_class: type, batch: int) -> Iterator[dict]:
    """Every record's API form, a batch at a time: memory stays flat however many there are."""
    for records in itertools.batched(queryset.iterator(chunk_size=batch), batch):
        yield from serializer_class(records, many=True, context={}).data


def write_export() -> Path:
    """Write the export of the current data version, unless it is written already; return its path.

    The five arrays are written to a scratch file as their canonical JSON (sorted keys, no
    whitespace), hashed on the way; the document is then that text behind its heading, put into
    place whole.
    """
    directory = settings.EXPORT_DIR
    directory.mkdir(parents=True, exist_ok=True)
    with consistent_snapshot():
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
                "generated_at": iso_utc(timezone.now()),
                "last_modified": iso_utc(version.changed_at) if version.changed_at else None,
                "version": version.version,
                "content_hash": hasher.hexdigest(),
                "counts": {name: counts[name] for name in ARRAY_ORDER},
            }
            with replacing(target) as out:
                # The heading's object, left open, then the arrays' text without its opening brace.
                out.write(json.dumps(heading, separators=(",", ":"), ensure_ascii=False).encode("utf-8")[:-1] + b",")
                arrays.seek(1)
                shutil.copyfileobj(arrays, out)
    _remove_older_than(version.version, directory)
    return target


def _remove_older_than(version: int, directory: Path) -> None:
    for path in directory.iterdir():
        found = SNAPSHOT_PATTERN.match(path.name)
        if found and int(found.group(1)) < version:
            path.unlink(missing_ok=True)
