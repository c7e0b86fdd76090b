"""Writing synthetic rows straight into their tables, with what ``save()`` would have given them.

Rows are dicts keyed by field attname. They bypass ``save()``, so what it would set comes from
here: ids past those already taken, slugs not used before, created/updated stamps in the fixed
curation year, and the marks of a verified record. PostgreSQL gets ``COPY``; other databases get
``executemany`` with each value converted by its field.
"""

import datetime
import json
from collections.abc import Callable, Iterable
from random import Random
from typing import Protocol

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

from ..choices import ReviewStatus
from ..models import Meeting, MeetingParticipant, Outcome, Participant, Source, Statement, Topic

# Every table a run writes, in the order the command reports them.
WRITTEN_MODELS: tuple[type[models.Model], ...] = (
    Participant,
    Topic,
    Meeting,
    MeetingParticipant,
    Meeting.topics.through,
    Meeting.sources.through,
    Source,
    Outcome,
    Statement,
    Statement.topics.through,
)
SLUGGED_MODELS = (Participant, Topic, Meeting, Source)

# Synthetic records are curated (created_at) during 2025, whenever their meetings took place.
CURATION_START = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
CURATION_DAYS = 365
REVIEWER_USERNAME = "synthetic-data"


class Bar(Protocol):
    """The progress of one phase, counted in rows (a tqdm bar, or one that shows nothing)."""

    def update(self, n: int = 1) -> object: ...

    def close(self) -> object: ...


Progress = Callable[[str, int], Bar]


def curated_at(fraction: float, jitter_seconds: int = 0) -> datetime.datetime:
    """A curation time: ``fraction`` of the way through the curation year, plus jitter."""
    fraction = min(max(fraction, 0.0), 1.0)
    return CURATION_START + datetime.timedelta(days=CURATION_DAYS * fraction, seconds=jitter_seconds)


def stamps(rng: Random, created: datetime.datetime) -> dict:
    """``created_at`` and ``updated_at``: one record in twenty was corrected later in the year."""
    updated = created
    if rng.random() < 0.05:
        updated = min(
            created + datetime.timedelta(days=rng.randint(1, 60), seconds=rng.randint(0, 86_399)),
            CURATION_START + datetime.timedelta(days=CURATION_DAYS),
        )
    return {"created_at": created, "updated_at": updated}


def verified(at: datetime.datetime, reviewer_id: int) -> dict:
    """The review fields of a synthetic meeting or statement: loaded as verified, when last changed."""
    return {"review_status": ReviewStatus.VERIFIED, "verified_at": at, "verified_by_id": reviewer_id}


def reviewer_id() -> int:
    """The account synthetic records are verified by: inactive and without a password, so nobody signs in."""
    user, _ = get_user_model()._default_manager.get_or_create(
        username=REVIEWER_USERNAME, defaults={"is_active": False, "password": "!"}
    )
    return user.pk


class Unique:
    """Hands out slugs (or names) not used before: ``base``, then ``base-2``, ``base-3``, ..."""

    def __init__(self, taken: Iterable[str] = (), max_length: int = 120):
        self.taken = set(taken)
        self.max_length = max_length

    def __call__(self, base: str) -> str:
        base = base[: self.max_length - 8].strip("-") or "item"
        candidate, counter = base, 2
        while candidate in self.taken:
            candidate, counter = f"{base}-{counter}", counter + 1
        self.taken.add(candidate)
        return candidate


class TableWriter:
    """Writes rows to a model's table, fast.

    Every concrete field is written: those a row leaves out get the field's default, so a field
    added later is filled as the model would fill it. Columns the database fills itself (generated
    ones, and a ``db_default`` with no Python default) are left to it.
    """

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = [
            f
            for f in model._meta.concrete_fields
            if not f.generated and not (f.has_db_default() and not f.has_default())
        ]
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        self.postgres = connection.vendor == "postgresql"
        self.json_indexes = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
        qn = connection.ops.quote_name
        columns = ", ".join(qn(f.column) for f in self.fields)
        table = qn(model._meta.db_table)
        self.copy_sql = f"COPY {table} ({columns}) FROM STDIN"
        placeholders = ", ".join(["%s"] * len(self.fields))
        self.insert_sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        self.count = 0

    def write(self, records: Iterable[dict]) -> None:
        rows = [tuple(record.get(name, default) for name, default in self.defaults.items()) for record in records]
        if not rows:
            return
        self.count += len(rows)
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in rows:
                        if self.json_indexes:
                            row = list(row)
                            for i in self.json_indexes:
                                row[i] = json.dumps(row[i], ensure_ascii=False)
                        copy.write_row(row)
            else:
                prepared = [
                    tuple(f.get_db_prep_save(v, connection) for f, v in zip(self.fields, row, strict=True))
                    for row in rows
                ]
                cursor.executemany(self.insert_sql, prepared)


class Tables:
    """The tables one run writes: a writer for each, the next free id and the slugs already taken.

    ``ids`` maps each model to the first id it may use; the steps move it on as they write.
    """

    def __init__(self):
        self.ids = {model: (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1 for model in WRITTEN_MODELS}
        self.slugs = {model: Unique(model.objects.values_list("slug", flat=True)) for model in SLUGGED_MODELS}
        self.writers = {model: TableWriter(model) for model in WRITTEN_MODELS}

    def write(self, model: type[models.Model], records: Iterable[dict]) -> None:
        self.writers[model].write(records)

    def finish(self) -> dict[str, int]:
        """Move the id sequences past the rows written; return how many rows went into each table."""
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self.writers)):
                cursor.execute(sql)
        return {model._meta.db_table: writer.count for model, writer in self.writers.items()}
