"""Writing the curated data back into ``fixtures/``, so that work done in the admin becomes a diff.

The output is the format ``load_curated`` reads, and the committed fixtures are this module's
output: exporting right after loading them changes no byte, and loading an export into an
empty database gives back the same records.

Format
    One file per group of models, as listed in :data:`FILE_MODELS` (the files and their order
    are :data:`meetings.curated.FIXTURE_FILES`). Django's serializer writes the records with
    natural keys (slugs) for the records themselves and for what they point at, and no primary
    keys. Fields come in model order, as Django's serializer writes them. What the system
    computes on load is left out (:data:`COMPUTED_FIELDS`). The text is
    ``json.dumps(records, indent=2, ensure_ascii=False)`` plus a newline. Times keep their
    microseconds (:mod:`.times`), so that a verification time set in the admin survives the
    round trip exactly.

Order (by code point, in Python, so SQLite and PostgreSQL collations cannot change it)
    * Records of one model are sorted by slug.
    * Where a model has a ``parent`` (topics, meetings), parents come first: records are
      sorted by depth in the tree (roots at 0), then by slug.
    * Meeting participants by (meeting slug, position, participant slug); outcomes by
      (meeting slug, position).
    * Many-to-many lists (topics, sources) by the natural key (slug) of the related record.

Everything curated is exported, drafts included: ``review_status`` is a field like any other,
and the diff should show work in progress as well as its verification.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core import serializers
from django.db import models

from meetings.curated import FIXTURE_FILES, FIXTURES_DIR
from meetings.models import Meeting, MeetingParticipant, Outcome, Participant, Source, Statement, Topic

from .files import replacing
from .snapshot import consistent_snapshot
from .times import ExactJSONEncoder

# Set by the system when a fixture loads (see the raw-load receivers in signals.py), so they
# would only add noise to the diff: timestamps, the source's hash and the statement's span.
COMPUTED_FIELDS = frozenset(
    {"created_at", "updated_at", "content_hash", "span_start", "span_end", "context_before", "context_after"}
)

# Which models each fixture file holds, in the order they are written within it.
FILE_MODELS: dict[str, tuple[type[models.Model], ...]] = {
    "sources.json": (Source,),
    "participants.json": (Participant,),
    "topics.json": (Topic,),
    "meetings.json": (Meeting, MeetingParticipant, Outcome),
    "statements.json": (Statement,),
}
if list(FILE_MODELS) != list(FIXTURE_FILES):  # pragma: no cover - a programming error, caught at import
    raise RuntimeError("meetings.dumps.fixtures.FILE_MODELS must list exactly meetings.curated.FIXTURE_FILES.")


class CycleError(ValueError):
    """A record is its own ancestor, so no order puts every parent before its children."""


def _depths(records: list[models.Model]) -> dict[int, int]:
    """Each record's depth below its root through ``parent``; refuses a cycle."""
    parent_of = {record.pk: record.parent_id for record in records}
    depths: dict[int, int] = {}
    for start in parent_of:
        path: list[int] = []
        pk = start
        while pk is not None and pk not in depths:
            if pk in path:
                raise CycleError(f"{type(records[0]).__name__} records form a cycle through their parents.")
            path.append(pk)
            pk = parent_of.get(pk)
        depth = -1 if pk is None else depths[pk]
        for pk in reversed(path):
            depth += 1
            depths[pk] = depth
    return depths


def _parents_first(records: list[models.Model]) -> list[models.Model]:
    depths = _depths(records)
    return sorted(records, key=lambda record: (depths[record.pk], record.slug))


def _sorted_by(key: Callable[[models.Model], tuple]) -> Callable[[list[models.Model]], list[models.Model]]:
    return lambda records: sorted(records, key=key)


_by_slug = _sorted_by(lambda record: (record.slug,))

# For each model: the query that fetches every record with what its natural keys need, and
# the order the records are written in.
_QUERIES: dict[type[models.Model], Callable[[], Iterable[models.Model]]] = {
    Source: lambda: Source._base_manager.all(),
    Participant: lambda: Participant._base_manager.all(),
    Topic: lambda: Topic._base_manager.select_related("parent"),
    Meeting: lambda: Meeting._base_manager.select_related("parent", "verified_by").prefetch_related(
        "topics", "sources"
    ),
    MeetingParticipant: lambda: MeetingParticipant._base_manager.select_related("meeting", "participant"),
    Outcome: lambda: Outcome._base_manager.select_related("meeting", "source").defer("source__text"),
    Statement: lambda: (
        Statement._base_manager.select_related("speaker", "via", "meeting", "source", "verified_by")
        .defer("source__text")
        .prefetch_related("topics")
    ),
}
_ORDERS: dict[type[models.Model], Callable[[list[models.Model]], list[models.Model]]] = {
    Source: _by_slug,
    Participant: _by_slug,
    Topic: _parents_first,
    Meeting: _parents_first,
    MeetingParticipant: _sorted_by(lambda mp: (mp.meeting.slug, mp.position, mp.participant.slug)),
    Outcome: _sorted_by(lambda outcome: (outcome.meeting.slug, outcome.position)),
    Statement: _by_slug,
}


def serialize_model(model: type[models.Model]) -> list[dict]:
    """Every record of ``model`` as fixture entries, in fixture order."""
    records = _ORDERS[model](list(_QUERIES[model]()))
    entries = serializers.serialize("python", records, use_natural_foreign_keys=True, use_natural_primary_keys=True)
    many_to_many = [f.name for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]
    for entry in entries:
        fields = entry["fields"]
        for name in COMPUTED_FIELDS.intersection(fields):
            del fields[name]
        for name in many_to_many:
            fields[name] = sorted(fields[name])
    return entries


def render(entries: list[dict]) -> str:
    return json.dumps(entries, indent=2, ensure_ascii=False, cls=ExactJSONEncoder) + "\n"


def render_fixtures() -> dict[str, str]:
    """The text of every fixture file, by file name, read in one consistent snapshot."""
    # Every file from the same moment, even while curators keep editing.
    with consistent_snapshot():
        return {
            name: render([entry for model in FILE_MODELS[name] for entry in serialize_model(model)])
            for name in FIXTURE_FILES
        }


def has_curated_data() -> bool:
    return any(model._base_manager.exists() for models_ in FILE_MODELS.values() for model in models_)


@dataclass
class ExportResult:
    directory: Path
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def export(directory: Path | str = FIXTURES_DIR, *, write: bool = True) -> ExportResult:
    """Compare the export with the files in ``directory`` and, if ``write``, rewrite the ones that differ.

    Files whose content is already right are not touched (nor is their modification time).
    """
    directory = Path(directory)
    result = ExportResult(directory)
    rendered = render_fixtures()
    for name in FIXTURE_FILES:
        path = directory / name
        content = rendered[name].encode("utf-8")
        if path.is_file() and path.read_bytes() == content:
            result.unchanged.append(name)
            continue
        result.changed.append(name)
        if write:
            # Replaced whole, so an interrupted export never leaves half a fixture.
            with replacing(path) as stream:
                stream.write(content)
    return result
