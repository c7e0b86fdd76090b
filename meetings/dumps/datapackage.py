"""The published data set as a Frictionless Data Package (v2), for clients that download rather than page.

One zip per data version (``write_datapackage``), served by ``/api/v1/export/datapackage/`` and
written by ``build_export`` beside the JSON export (:mod:`.public`). It holds ``datapackage.json``
and one CSV per table: the seven curated models and the three link tables of their
many-to-many relations.

The tables
    Each row is a record, each column one of its model's concrete fields, in the order of
    :data:`TABLES`, named by its database column (``speaker_id``). Every record table's primary
    key is ``id``; a reference to another record is that record's ``id``, declared as a foreign
    key. A link table (``meeting_topics``, ...) has the two ids it links, which together are its
    key. Rows are in id order (link tables: in the order of their two ids).

What is published
    The public view, as the API and the JSON export give it: verified meetings and statements
    (``selectors.visible`` for the public), and every source, participant and topic. A record
    that refers to one left out is left out too, so that every reference in the package resolves:
    a verified meeting below a draft one, and below it its own sessions; the statements,
    participations, outcomes and links of a meeting left out; the links of a statement left
    out. A source whose article may not be republished (``selectors.may_read_text``) has an
    empty ``text``; its title, publisher, URL and content hash are given, and so are its
    statements' spans and contexts. Curator accounts (``verified_by``) and the hash of an
    imported file (``original_hash``) are not published, as the API does not publish them.

Cells
    CSV as RFC 4180 writes it (``\\r\\n``, quotes where needed), UTF-8. An empty cell is a missing
    value (``null``, or an empty text: CSV does not tell them apart). Booleans are ``true`` and
    ``false``, dates ISO 8601, times ISO 8601 in UTC with their microseconds
    (``2017-04-12T09:30:00.123456Z``), and a list (a participant's other names) is a JSON array.

The package is written as the JSON export is: in one consistent snapshot, reading each table a
batch at a time (``QuerySet.iterator``) so that memory stays flat however many rows there are,
into a scratch file in the export directory that is renamed into place whole.
"""

import csv
import datetime
import hashlib
import inspect
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst, format_lazy

from meetings import selectors
from meetings.models import (
    DataVersion,
    Meeting,
    MeetingParticipant,
    Outcome,
    Participant,
    Source,
    Statement,
    Topic,
    subtree_ids,
)

from .files import replacing
from .snapshot import consistent_snapshot
from .times import iso_utc

NAME = "diplomatic-meetings"
TITLE = "Diplomatic meetings"
DESCRIPTION = (
    "Diplomatic meetings, their participants, topics, outcomes and statements, each fact tied to the "
    "source article that reports it. Verified records only; the full text of an article that may not "
    "be republished is left out."
)
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
SOURCES = [{"title": "Diplomatic Meetings API", "path": "/api/v1/"}]
CONTRIBUTORS = [{"title": "The curators of the Diplomatic Meetings API", "roles": ["creator"]}]
# The titles of the licences a data set is most often put under, by SPDX identifier.
LICENSE_TITLES = {
    "CC-BY-4.0": "Creative Commons Attribution 4.0 International",
    "CC-BY-SA-4.0": "Creative Commons Attribution Share Alike 4.0 International",
    "CC0-1.0": "Creative Commons Zero v1.0 Universal",
    "ODbL-1.0": "Open Data Commons Open Database License v1.0",
    "ODC-By-1.0": "Open Data Commons Attribution License v1.0",
    "PDDL-1.0": "Open Data Commons Public Domain Dedication & License 1.0",
}
PACKAGE_PATTERN = re.compile(r"^datapackage-(\d+)-[0-9a-f]{12}\.zip$")
BATCH = 2000
# A source row holds its whole text: a few hundred kilobytes.
SOURCE_BATCH = 20
# Bytes of CSV gathered before they are hashed and compressed.
FLUSH_BYTES = 1 << 16


def package_path(stamp: str) -> Path:
    """Where the package of the data version ``stamp`` (``DataVersion.stamp``) is kept."""
    digest = hashlib.sha256(stamp.encode()).hexdigest()[:12]
    return settings.EXPORT_DIR / f"datapackage-{stamp.partition('@')[0]}-{digest}.zip"


def download_name(path: Path) -> str:
    """The name a client saves the package at ``path`` under: ``diplomatic-meetings-<version>.zip``."""
    found = PACKAGE_PATTERN.match(path.name)
    if found is None:  # pragma: no cover - only package_path names packages
        raise ValueError(f"{path.name} is not the name of a data package.")
    return f"{NAME}-{found.group(1)}.zip"


# ---------------------------------------------------------------- the tables


@dataclass(frozen=True)
class Table:
    """One CSV: its rows' model (or link table), its columns and keys, and the rows the public gets."""

    name: str
    model: type[models.Model]
    columns: list[models.Field]
    primary_key: list[str]
    # The records the public gets, and the order of the rows.
    scope: Callable[["Published"], QuerySet]
    order: list[str]
    title: str  # or a lazy text
    description: str
    # Column name -> what to say of it after its field's help text.
    notes: dict[str, str] = field(default_factory=dict)
    # Columns that may be empty although their model field may not.
    optional: frozenset[str] = frozenset()
    # Reads the rows in place of a plain read of the columns' values.
    reader: Callable[["Table", "Published"], Iterator[tuple]] | None = None

    def rows(self, published: "Published") -> Iterator[tuple]:
        """The table's rows, a batch at a time: memory stays flat however many there are."""
        if self.reader is not None:
            return self.reader(self, published)
        names = [column.attname for column in self.columns]
        return self.scope(published).order_by(*self.order).values_list(*names).iterator(chunk_size=BATCH)

    def descriptor(self, size: int, digest: str) -> dict:
        return {
            "name": self.name,
            "type": "table",
            "path": f"{self.name}.csv",
            "title": str(self.title),
            "description": str(self.description),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": size,
            "hash": f"sha256:{digest}",
            "schema": self.schema(),
        }

    def schema(self) -> dict:
        foreign_keys = []
        for column in self.columns:
            if column.is_relation:
                reference = {"fields": ["id"]}
                if column.related_model is not self.model:  # a reference within the table names no resource
                    reference = {"resource": RESOURCES[column.related_model], **reference}
                foreign_keys.append({"fields": [column.attname], "reference": reference})
        return {
            "fields": [self._field(column) for column in self.columns],
            "missingValues": [""],
            "primaryKey": self.primary_key,
            "foreignKeys": foreign_keys,
        }

    def _field(self, column: models.Field) -> dict:
        described: dict = {"name": column.attname, "type": _type(column), "title": str(capfirst(column.verbose_name))}
        words = [str(column.help_text)] if column.help_text else []
        if column.primary_key:
            words.append("The record's id, by which the other tables refer to it.")
        if column.is_relation:
            words.append(f"The id of a row of {RESOURCES[column.related_model]}.")
        if column.attname in self.notes:
            words.append(self.notes[column.attname])
        if words:
            described["description"] = " ".join(words)
        constraints = _constraints(column)
        if column.attname in self.optional:
            constraints.pop("required", None)
        if constraints:
            described["constraints"] = constraints
        return described


def _type(column: models.Field) -> str:
    """The Table Schema type of a model field's values."""
    if column.is_relation:
        return _type(column.target_field)
    if isinstance(column, models.BooleanField):
        return "boolean"
    if isinstance(column, (models.AutoField, models.BigAutoField, models.IntegerField)):
        return "integer"
    if isinstance(column, models.DateTimeField):  # before DateField, which it extends
        return "datetime"
    if isinstance(column, models.DateField):
        return "date"
    if isinstance(column, models.JSONField):
        return "array"  # a participant's other names: a list of strings
    if isinstance(column, (models.CharField, models.TextField)):
        return "string"
    raise TypeError(f"No Table Schema type for {column!r}.")  # pragma: no cover - a new kind of field


def _constraints(column: models.Field) -> dict:
    constraints: dict = {}
    # A text that may be blank is written as an empty cell, which reads as missing.
    if column.primary_key or not (column.null or (column.blank and _type(column) == "string")):
        constraints["required"] = True
    if column.unique and not column.primary_key:
        constraints["unique"] = True
    if isinstance(column, models.CharField) and column.max_length:
        constraints["maxLength"] = column.max_length
    minimum = max(
        (validator.limit_value for validator in column.validators if isinstance(validator, MinValueValidator)),
        default=None,
    )
    if isinstance(column, (models.PositiveIntegerField, models.PositiveSmallIntegerField)):
        minimum = max(minimum or 0, 0)
    if minimum is not None and not column.primary_key:
        constraints["minimum"] = minimum
    if column.choices:
        # The empty choice ("no date") is an empty cell, a missing value.
        constraints["enum"] = [value for value, _label in column.flatchoices if value != ""]
    return constraints


def _fields(model: type[models.Model], names: tuple[str, ...]) -> list[models.Field]:
    return [model._meta.get_field(name) for name in names]


def _model_table(model: type[models.Model], name: str, names: tuple[str, ...], scope, **extra) -> Table:
    """A table of ``model``'s records: ``names`` are its fields, ``scope`` the records published."""
    return Table(
        name=name,
        model=model,
        columns=_fields(model, names),
        primary_key=["id"],
        scope=scope,
        order=["pk"],
        title=capfirst(model._meta.verbose_name_plural),
        # The first paragraph of the model's docstring says what a record is.
        description=" ".join(inspect.cleandoc(model.__doc__ or "").split("\n\n")[0].split()),
        **extra,
    )


def _link_table(model: type[models.Model], relation: str, name: str, scope) -> Table:
    """The link table of ``model``'s many-to-many ``relation``: one row per pair, keyed by the pair."""
    many = model._meta.get_field(relation)
    link = many.remote_field.through
    names = (many.m2m_field_name(), many.m2m_reverse_field_name())
    columns = _fields(link, names)
    return Table(
        name=name,
        model=link,
        columns=columns,
        primary_key=[column.attname for column in columns],
        scope=scope,
        order=[column.attname for column in columns],
        # Lazy, as the names they are made of: translations are not read while the models load.
        title=format_lazy("{} and their {}", capfirst(model._meta.verbose_name_plural), many.verbose_name),
        description=format_lazy(
            "One row for each {} and each of its {}. {}", model._meta.verbose_name, many.verbose_name, many.help_text
        ),
    )


def _source_rows(table: Table, published: "Published") -> Iterator[tuple]:
    names = [column.attname for column in table.columns]
    sources = table.scope(published).only(*names).order_by(*table.order)
    for source in sources.iterator(chunk_size=SOURCE_BATCH):
        # The public never gets the full text of an article it may not republish.
        readable = selectors.may_read_text(None, source)
        yield tuple("" if name == "text" and not readable else getattr(source, name) for name in names)


@dataclass(frozen=True)
class Published:
    """What the public gets: verified meetings and statements, less what refers to a record left out."""

    left_out_meetings: set[int]

    @classmethod
    def current(cls) -> "Published":
        public = selectors.visible(Meeting.objects.all())
        drafts = Meeting.objects.exclude(pk__in=public.values("pk")).values_list("pk", flat=True)
        # A draft's parts (a visit's sessions) are left out with it, however deep.
        return cls(left_out_meetings=subtree_ids(Meeting, *(Meeting(pk=pk) for pk in drafts)))

    def meetings(self) -> QuerySet:
        return selectors.visible(Meeting.objects.all()).exclude(pk__in=self.left_out_meetings)

    def statements(self) -> QuerySet:
        return selectors.visible(Statement.objects.all()).exclude(meeting_id__in=self.left_out_meetings)

    def of_meetings(self, model: type[models.Model]) -> QuerySet:
        """The rows of ``model`` (participations, outcomes, links) that belong to a published meeting."""
        return model._default_manager.exclude(meeting_id__in=self.left_out_meetings)


TIMESTAMPS = ("created_at", "updated_at")
REVIEW = ("review_status", "verified_at")
# Fields of the models that the package leaves out, as the API does: curators' accounts, and the
# hash of the file an article was imported from.
NOT_PUBLISHED = frozenset({"verified_by", "original_hash"})

# The table of each model, for the foreign keys that refer to it.
RESOURCES: dict[type[models.Model], str] = {
    Source: "sources",
    Participant: "participants",
    Topic: "topics",
    Meeting: "meetings",
    MeetingParticipant: "meeting_participants",
    Outcome: "outcomes",
    Statement: "statements",
}

# In an order that loads: every table after those it refers to.
TABLES: list[Table] = [
    _model_table(
        Source,
        "sources",
        ("id", *Source.CURATED_FIELDS, "content_hash", *TIMESTAMPS),
        lambda published: Source.objects.all(),
        reader=_source_rows,
        notes={"text": "Empty where the article may not be republished (redistributable is false)."},
        optional=frozenset({"text"}),
    ),
    _model_table(
        Participant,
        "participants",
        ("id", "slug", "name", "other_names", "kind", "country", "position", "wikidata_id", *TIMESTAMPS),
        lambda published: Participant.objects.all(),
    ),
    _model_table(
        Topic,
        "topics",
        ("id", "slug", "name", "description", "parent", *TIMESTAMPS),
        lambda published: Topic.objects.all(),
    ),
    _model_table(
        Meeting,
        "meetings",
        ("id", *Meeting.OWN_FIELDS, *REVIEW, *TIMESTAMPS),
        Published.meetings,
    ),
    _model_table(
        MeetingParticipant,
        "meeting_participants",
        ("id", "meeting", "participant", "role", "position", *TIMESTAMPS),
        lambda published: published.of_meetings(MeetingParticipant),
    ),
    _model_table(
        Outcome,
        "outcomes",
        ("id", "meeting", "position", "description", "source", *TIMESTAMPS),
        lambda published: published.of_meetings(Outcome),
    ),
    _model_table(
        Statement,
        "statements",
        (
            "id",
            "slug",
            "speaker",
            "via",
            "meeting",
            "source",
            "kind",
            "text",
            "occurrence",
            "span_start",
            "span_end",
            "context_before",
            "context_after",
            "said_on",
            "said_on_precision",
            "channel",
            *REVIEW,
            *TIMESTAMPS,
        ),
        Published.statements,
    ),
    _link_table(Meeting, "topics", "meeting_topics", lambda published: published.of_meetings(Meeting.topics.through)),
    _link_table(
        Meeting, "sources", "meeting_sources", lambda published: published.of_meetings(Meeting.sources.through)
    ),
    _link_table(
        Statement,
        "topics",
        "statement_topics",
        lambda published: Statement.topics.through.objects.filter(statement_id__in=published.statements().values("pk")),
    ),
]


# ---------------------------------------------------------------- writing


class _CSVSink:
    """Where ``csv.writer`` writes a table: its UTF-8 bytes are counted, hashed and passed on in blocks."""

    def __init__(self, stream):
        self.stream = stream
        self.hasher = hashlib.sha256()
        self.size = 0
        self._parts: list[str] = []
        self._pending = 0

    def write(self, text: str) -> None:
        self._parts.append(text)
        self._pending += len(text)
        if self._pending >= FLUSH_BYTES:
            self.flush()

    def flush(self) -> None:
        data = "".join(self._parts).encode("utf-8")
        self._parts, self._pending = [], 0
        self.hasher.update(data)
        self.size += len(data)
        self.stream.write(data)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return iso_utc(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _write_table(archive: zipfile.ZipFile, table: Table, published: Published, when: tuple) -> dict:
    """Write ``table`` into ``archive`` as CSV; its resource in ``datapackage.json``."""
    entry = zipfile.ZipInfo(f"{table.name}.csv", date_time=when)
    entry.compress_type = zipfile.ZIP_DEFLATED
    # Zip64 from the start: a table's size is not known before it is written, and may pass 2 GiB.
    with archive.open(entry, "w", force_zip64=True) as stream:
        sink = _CSVSink(stream)
        writer = csv.writer(sink, lineterminator="\r\n")
        writer.writerow([column.attname for column in table.columns])
        for row in table.rows(published):
            writer.writerow([_cell(value) for value in row])
        sink.flush()
    return table.descriptor(sink.size, sink.hasher.hexdigest())


def license() -> dict:
    """The licence of the curated records (``settings.DATA_LICENSE``) as a Data Package licence."""
    chosen = settings.DATA_LICENSE
    return {
        "name": chosen["name"],
        "path": chosen["path"],
        "title": chosen.get("title") or LICENSE_TITLES.get(chosen["name"], chosen["name"]),
    }


def descriptor(version: DataVersion, created: datetime.datetime, resources: list[dict]) -> dict:
    """``datapackage.json``."""
    return {
        "$schema": PROFILE,
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": str(version.version),
        "created": iso_utc(created),
        "licenses": [license()],
        "sources": SOURCES,
        "contributors": CONTRIBUTORS,
        "resources": resources,
    }


def write_datapackage() -> Path:
    """Write the package of the current data version, unless it is written already; return its path."""
    directory = settings.EXPORT_DIR
    directory.mkdir(parents=True, exist_ok=True)
    with consistent_snapshot():
        version = DataVersion.current()
        target = package_path(version.stamp)
        if target.exists():
            return target
        created = timezone.now()
        when = created.astimezone(datetime.UTC).timetuple()[:6]
        published = Published.current()
        with replacing(target) as out, zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            resources = [_write_table(archive, table, published, when) for table in TABLES]
            text = json.dumps(descriptor(version, created, resources), indent=2, ensure_ascii=False) + "\n"
            archive.writestr(zipfile.ZipInfo("datapackage.json", date_time=when), text, zipfile.ZIP_DEFLATED)
    _remove_older_than(version.version, directory)
    return target


def _remove_older_than(version: int, directory: Path) -> None:
    for path in directory.iterdir():
        found = PACKAGE_PATTERN.match(path.name)
        if found and int(found.group(1)) < version:
            path.unlink(missing_ok=True)
