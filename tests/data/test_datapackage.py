"""/api/v1/export/datapackage/: the published data as a Frictionless Data Package (v2), one zip per data version."""

import csv
import datetime
import hashlib
import io
import json
import zipfile
from pathlib import Path

import frictionless
import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.text import capfirst

from meetings.choices import ReviewStatus
from meetings.dumps import datapackage
from meetings.dumps.public import snapshot_path, write_export
from meetings.management.commands import build_export
from meetings.models import (
    CURATED_MODELS,
    DataVersion,
    Meeting,
    MeetingParticipant,
    Outcome,
    Source,
    Statement,
    Topic,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/export/datapackage/"
TABLES = [
    "sources",
    "participants",
    "topics",
    "meetings",
    "meeting_participants",
    "outcomes",
    "statements",
    "meeting_topics",
    "meeting_sources",
    "statement_topics",
]
CURATED_ROWS = {
    "sources": 5,
    "participants": 18,
    "topics": 25,
    "meetings": 24,
    "meeting_participants": 40,
    "outcomes": 6,
    "statements": 87,
    "meeting_topics": 58,
    "meeting_sources": 35,
    "statement_topics": 119,
}
NOT_READY = {
    "detail": (
        "The export of the current data is not ready yet: the data set is too large to export while you wait. "
        "Try again later."
    )
}
CC_BY = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}


@pytest.fixture(autouse=True)
def _license(settings):
    # The package's licence is the deployment's: the tests do not depend on the environment's.
    settings.DATA_LICENSE = dict(CC_BY)


def download(client, **headers) -> tuple:
    """The answer and the zip's bytes."""
    response = client.get(URL, **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/zip"
    return response, b"".join(response.streaming_content)


def unpack(body: bytes, directory: Path) -> tuple[dict, dict[str, list[dict]]]:
    """``datapackage.json`` and each CSV's rows, from the zip written out into ``directory``."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.namelist() == [f"{name}.csv" for name in TABLES] + ["datapackage.json"]
        archive.extractall(directory)
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    rows = {}
    for name in TABLES:
        with open(directory / f"{name}.csv", encoding="utf-8", newline="") as table:
            rows[name] = list(csv.DictReader(table))
    return descriptor, rows


def problems(directory: Path) -> list:
    """What frictionless finds wrong with the package: its metadata, every row, every reference."""
    report = frictionless.validate(str(directory / "datapackage.json"))
    found = [(None, error.type, error.note) for error in report.errors]
    found += [(task.name, error.type, error.note) for task in report.tasks for error in task.errors]
    assert report.valid == (found == [])
    return found


def package_files(settings) -> list[str]:
    return sorted(p.name for p in settings.EXPORT_DIR.glob("datapackage-*.zip"))


def test_the_package_is_a_valid_data_package_of_the_published_data(curated, api_client, tmp_path):
    before = timezone.now()
    response, body = download(api_client)
    version = DataVersion.current().version
    assert response["Content-Disposition"] == f'attachment; filename="diplomatic-meetings-{version}.zip"'
    descriptor, rows = unpack(body, tmp_path)

    assert problems(tmp_path) == []
    created = datetime.datetime.fromisoformat(descriptor.pop("created"))
    assert before <= created <= timezone.now()
    resources = descriptor.pop("resources")
    assert descriptor == {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "diplomatic-meetings",
        "title": "Diplomatic meetings",
        "description": (
            "Diplomatic meetings, their participants, topics, outcomes and statements, each fact tied to the "
            "source article that reports it. Verified records only; the full text of an article that may not "
            "be republished is left out."
        ),
        "version": str(version),
        "licenses": [{**CC_BY, "title": "Creative Commons Attribution 4.0 International"}],
        "sources": [{"title": "Diplomatic Meetings API", "path": "/api/v1/"}],
        "contributors": [{"title": "The curators of the Diplomatic Meetings API", "roles": ["creator"]}],
    }
    assert [resource["name"] for resource in resources] == TABLES
    for resource in resources:
        content = (tmp_path / resource["path"]).read_bytes()
        assert resource | {"title": None, "description": None, "schema": None} == {
            "name": resource["name"],
            "type": "table",
            "path": f"{resource['name']}.csv",
            "title": None,
            "description": None,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": len(content),
            "hash": f"sha256:{hashlib.sha256(content).hexdigest()}",
            "schema": None,
        }
    assert {name: len(table) for name, table in rows.items()} == CURATED_ROWS


def test_each_table_is_described_from_its_model(curated, api_client, tmp_path):
    descriptor, _rows = unpack(download(api_client)[1], tmp_path)
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    assert resources["topics"]["title"] == "Topics"
    assert (
        resources["topics"]["description"]
        == "A matter discussed, in a tree: Syria → the chemical-weapons incident in Idlib."
    )
    assert resources["topics"]["schema"] == {
        "fields": [
            {
                "name": "id",
                "type": "integer",
                "title": "ID",
                "description": "The record's id, by which the other tables refer to it.",
                "constraints": {"required": True},
            },
            {
                "name": "slug",
                "type": "string",
                "title": "Slug",
                "description": "Stable identifier used in URLs.",
                "constraints": {"required": True, "unique": True, "maxLength": 120},
            },
            {
                "name": "name",
                "type": "string",
                "title": "Name",
                "description": "Short name of the topic.",
                "constraints": {"required": True, "maxLength": 200},
            },
            {"name": "description", "type": "string", "title": "Description", "description": "What the topic covers."},
            {
                "name": "parent_id",
                "type": "integer",
                "title": "Parent",
                "description": (
                    "The broader topic this one belongs to; filtering by a topic includes its descendants. "
                    "The id of a row of topics."
                ),
            },
            {
                "name": "created_at",
                "type": "datetime",
                "title": "Created at",
                "description": "When the record was created.",
                "constraints": {"required": True},
            },
            {
                "name": "updated_at",
                "type": "datetime",
                "title": "Updated at",
                "description": "When the record last changed.",
                "constraints": {"required": True},
            },
        ],
        "missingValues": [""],
        "primaryKey": ["id"],
        # A reference within the table names no resource.
        "foreignKeys": [{"fields": ["parent_id"], "reference": {"fields": ["id"]}}],
    }
    assert resources["statement_topics"]["title"] == "Statements and their topics"
    assert resources["statement_topics"]["description"] == (
        "One row for each statement and each of its topics. What the statement is about."
    )
    assert resources["statement_topics"]["schema"] == {
        "fields": [
            {
                "name": "statement_id",
                "type": "integer",
                "title": "Statement",
                "description": "The id of a row of statements.",
                "constraints": {"required": True},
            },
            {
                "name": "topic_id",
                "type": "integer",
                "title": "Topic",
                "description": "The id of a row of topics.",
                "constraints": {"required": True},
            },
        ],
        "missingValues": [""],
        "primaryKey": ["statement_id", "topic_id"],
        "foreignKeys": [
            {"fields": ["statement_id"], "reference": {"resource": "statements", "fields": ["id"]}},
            {"fields": ["topic_id"], "reference": {"resource": "topics", "fields": ["id"]}},
        ],
    }
    statements = resources["statements"]["schema"]
    assert [(f["name"], f["type"]) for f in statements["fields"]] == [
        ("id", "integer"),
        ("slug", "string"),
        ("speaker_id", "integer"),
        ("via_id", "integer"),
        ("meeting_id", "integer"),
        ("source_id", "integer"),
        ("kind", "string"),
        ("text", "string"),
        ("occurrence", "integer"),
        ("span_start", "integer"),
        ("span_end", "integer"),
        ("context_before", "string"),
        ("context_after", "string"),
        ("said_on", "date"),
        ("said_on_precision", "string"),
        ("channel", "string"),
        ("review_status", "string"),
        ("verified_at", "datetime"),
        ("created_at", "datetime"),
        ("updated_at", "datetime"),
    ]
    assert statements["foreignKeys"] == [
        {"fields": [name], "reference": {"resource": resource, "fields": ["id"]}}
        for name, resource in [
            ("speaker_id", "participants"),
            ("via_id", "participants"),
            ("meeting_id", "meetings"),
            ("source_id", "sources"),
        ]
    ]
    occurrence = next(f for f in statements["fields"] if f["name"] == "occurrence")
    assert occurrence["constraints"] == {"required": True, "minimum": 1}
    kind = next(f for f in statements["fields"] if f["name"] == "kind")
    assert kind["constraints"] == {"required": True, "maxLength": 16, "enum": ["direct_quote", "paraphrase"]}
    other_names = next(f for f in resources["participants"]["schema"]["fields"] if f["name"] == "other_names")
    assert other_names["type"] == "array"
    # Every column of a model's table: its field's verbose name as title, its help text as description.
    for table in datapackage.TABLES[:7]:
        for described in resources[table.name]["schema"]["fields"]:
            model_field = next(f for f in table.model._meta.concrete_fields if f.attname == described["name"])
            assert described["title"] == capfirst(str(model_field.verbose_name))
            assert described.get("description", "").startswith(str(model_field.help_text)), described


def test_every_field_of_the_curated_models_is_a_column_or_is_not_published():
    tables = {table.model: table for table in datapackage.TABLES}
    for model in CURATED_MODELS:
        columns = {column.name for column in tables[model].columns}
        fields = {f.name for f in model._meta.concrete_fields}
        assert columns | (fields & datapackage.NOT_PUBLISHED) == fields, model
    # Curators' accounts and imported files' hashes are not published; the rest of each model is.
    assert {"verified_by", "original_hash"} == datapackage.NOT_PUBLISHED


def test_a_source_that_may_not_be_republished_comes_without_its_text(curated, api_client, tmp_path):
    free = Source.objects.get(slug="tillerson-visits-moscow-turbulent-period")
    free.redistributable = True
    free.save()
    _descriptor, rows = unpack(download(api_client)[1], tmp_path)
    assert problems(tmp_path) == []
    by_slug = {row["slug"]: row for row in rows["sources"]}
    for source in Source.objects.all():
        row = by_slug[source.slug]
        expected_text = source.text if source.redistributable else ""
        assert (row["redistributable"], row["text"]) == ("true" if source.redistributable else "false", expected_text)
        assert (row["title"], row["publisher"], row["url"], row["content_hash"]) == (
            source.title,
            source.publisher,
            source.url,
            source.content_hash,
        )
    assert sorted(row["slug"] for row in rows["sources"] if row["text"]) == [free.slug]
    # A statement of a source without its text still has its span and context.
    statement = Statement.objects.filter(source__redistributable=False, span_start__isnull=False).first()
    row = next(row for row in rows["statements"] if row["id"] == str(statement.pk))
    assert row == {
        "id": str(statement.pk),
        "slug": statement.slug,
        "speaker_id": str(statement.speaker_id),
        "via_id": str(statement.via_id or ""),
        "meeting_id": str(statement.meeting_id or ""),
        "source_id": str(statement.source_id),
        "kind": statement.kind,
        "text": statement.text,
        "occurrence": str(statement.occurrence),
        "span_start": str(statement.span_start),
        "span_end": str(statement.span_end),
        "context_before": statement.context_before,
        "context_after": statement.context_after,
        "said_on": statement.said_on.isoformat() if statement.said_on else "",
        "said_on_precision": statement.said_on_precision,
        "channel": statement.channel,
        "review_status": "verified",
        "verified_at": statement.verified_at.isoformat().replace("+00:00", "Z"),
        "created_at": statement.created_at.isoformat().replace("+00:00", "Z"),
        "updated_at": statement.updated_at.isoformat().replace("+00:00", "Z"),
    }
    assert statement.context_before and statement.context_after


def test_drafts_and_every_row_that_refers_to_one_are_left_out(curated, api_client, tmp_path):
    # A visit back to draft takes its sessions (verified) with it, and everything at them.
    visit = Meeting.objects.get(slug="lavrov-visit-us-2017")
    visit.review_status = ReviewStatus.DRAFT
    visit.save()
    unpublished = {visit.pk, *visit.children.values_list("pk", flat=True)}
    assert len(unpublished) == 4
    draft = Statement.objects.filter(meeting__isnull=True, topics__isnull=False).first()
    draft.review_status = ReviewStatus.DRAFT
    draft.save()
    left_out = set(Statement.objects.filter(meeting__in=unpublished).values_list("pk", flat=True)) | {draft.pk}
    assert len(left_out) == 6

    _descriptor, rows = unpack(download(api_client)[1], tmp_path)
    # Every reference resolves: nothing refers to a row that is not there.
    assert problems(tmp_path) == []

    def ids(table, column="id"):
        return {int(row[column]) for row in rows[table] if row[column]}

    assert ids("meetings") == set(Meeting.objects.values_list("pk", flat=True)) - unpublished
    assert ids("statements") == set(Statement.objects.values_list("pk", flat=True)) - left_out
    for table in ["meeting_participants", "outcomes", "meeting_topics", "meeting_sources"]:
        assert ids(table, "meeting_id") <= ids("meetings"), table
    assert ids("meeting_participants", "meeting_id") & unpublished == set()
    assert ids("statement_topics", "statement_id") & left_out == set()
    of_unpublished = {
        "meeting_participants": MeetingParticipant.objects.filter(meeting__in=unpublished).count(),
        "outcomes": Outcome.objects.filter(meeting__in=unpublished).count(),
        "meeting_topics": Meeting.topics.through.objects.filter(meeting__in=unpublished).count(),
        "meeting_sources": Meeting.sources.through.objects.filter(meeting__in=unpublished).count(),
        "statement_topics": Statement.topics.through.objects.filter(statement__in=left_out).count(),
    }
    assert {name: len(table) for name, table in rows.items()} == {
        **CURATED_ROWS,
        "meetings": 24 - 4,
        "statements": 87 - 6,
        **{name: CURATED_ROWS[name] - count for name, count in of_unpublished.items()},
    }
    assert of_unpublished["meeting_participants"] > 0 and of_unpublished["statement_topics"] > 0


def test_frictionless_finds_a_reference_to_a_row_that_is_not_there(curated, api_client, tmp_path):
    # The validation the tests rely on does check the references (and the hashes).
    unpack(download(api_client)[1], tmp_path)
    path = tmp_path / "statement_topics.csv"
    lines = path.read_bytes().split(b"\r\n")
    lines[1] = b"999999," + lines[1].split(b",")[1]
    path.write_bytes(b"\r\n".join(lines))
    found = problems(tmp_path)
    assert {(name, kind) for name, kind, _note in found} == {
        ("statement_topics", "hash-count"),
        ("statement_topics", "byte-count"),
        ("statement_topics", "foreign-key"),
    }


def test_the_first_request_writes_the_package_and_later_ones_read_the_file(
    curated, api_client, django_assert_num_queries, settings
):
    # data version ×2 (validators, inside the snapshot); statements counted up to the limit; drafts;
    # one per table
    with django_assert_num_queries(14):
        first = download(api_client)[1]
    # the data version, for the validators and the file's name
    with django_assert_num_queries(1):
        assert download(api_client)[1] == first
    assert package_files(settings) == [datapackage.package_path(DataVersion.current().stamp).name]


def test_a_data_change_makes_a_new_version(curated, api_client, settings, tmp_path):
    first_response, _first = download(api_client)
    version = DataVersion.current().version
    syria = Topic.objects.get(slug="syria")
    syria.description = "The war in Syria."
    syria.save()
    response, body = download(api_client)
    assert response["ETag"] != first_response["ETag"]
    assert response["Content-Disposition"] == f'attachment; filename="diplomatic-meetings-{version + 1}.zip"'
    descriptor, rows = unpack(body, tmp_path)
    assert descriptor["version"] == str(version + 1)
    assert next(row for row in rows["topics"] if row["slug"] == "syria")["description"] == "The war in Syria."
    # The older version's package is gone; only the current one is kept.
    assert package_files(settings) == [datapackage.package_path(DataVersion.current().stamp).name]


def test_the_package_answers_304_when_nothing_changed(curated, api_client):
    response, _body = download(api_client)
    answer = api_client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert (answer.status_code, answer.content) == (304, b"")


@pytest.mark.parametrize("asked", [{"HTTP_ACCEPT": "application/zip"}, {"data": {"format": "zip"}}])
def test_a_client_may_ask_for_the_zip_by_name(world, api_client, asked):
    response = api_client.get(URL, **asked)
    assert (response.status_code, response["Content-Type"]) == (200, "application/zip")


def test_the_package_has_one_format_and_errors_are_json(world, api_client):
    response = api_client.get(URL, {"format": "json"})
    assert (response.status_code, response["Content-Type"]) == (400, "application/json")
    assert response.json() == {"format": ["Unknown format “json”; choose from: zip."]}
    response = api_client.get(URL, HTTP_ACCEPT="application/json")
    assert (response.status_code, response["Content-Type"]) == (406, "application/json")
    assert response.json() == {"detail": "Could not satisfy the request Accept header."}
    # A browser's Accept takes anything, so it gets the zip.
    response = api_client.get(URL, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert (response.status_code, response["Content-Type"]) == (200, "application/zip")


def test_a_data_set_too_large_to_package_in_a_request_waits_for_build_export(world, api_client, settings):
    settings.API_EXPORT_INLINE_LIMIT = 2
    # An error is JSON, even to a client that asked for the zip.
    response = api_client.get(URL, HTTP_ACCEPT="application/zip")
    assert (response.status_code, response["Content-Type"], response["Retry-After"]) == (
        503,
        "application/json",
        "60",
    )
    assert response.json() == NOT_READY
    assert package_files(settings) == []

    out = io.StringIO()
    call_command("build_export", stdout=out)
    stamp = DataVersion.current().stamp
    assert out.getvalue().splitlines()[1].startswith(f"{datapackage.package_path(stamp)} (")
    assert out.getvalue().splitlines()[0].startswith(f"{snapshot_path(stamp)} (")
    written = datapackage.package_path(stamp).read_bytes()
    _response, body = download(api_client)
    assert body == written
    call_command("build_export", stdout=io.StringIO())
    assert datapackage.package_path(stamp).read_bytes() == written


# Committed data: each round of the watch closes its connections.
@pytest.mark.django_db(transaction=True)
def test_build_export_watch_writes_a_package_that_is_missing(world, settings, monkeypatch):
    exported = write_export()  # the JSON export of the current version alone

    class Stop(Exception):
        pass

    def sleep(seconds):
        raise Stop

    monkeypatch.setattr(build_export.time, "sleep", sleep)
    before = exported.read_bytes()
    with pytest.raises(Stop):
        call_command("build_export", watch=0.5, stdout=io.StringIO())
    stamp = DataVersion.current().stamp
    assert package_files(settings) == [datapackage.package_path(stamp).name]
    assert exported.read_bytes() == before


def test_rows_read_in_batches_are_the_rows_read_at_once(curated, api_client, monkeypatch, settings, tmp_path):
    whole = unpack(download(api_client)[1], tmp_path / "whole")[1]
    for path in settings.EXPORT_DIR.iterdir():
        path.unlink()
    monkeypatch.setattr(datapackage, "BATCH", 7)
    monkeypatch.setattr(datapackage, "SOURCE_BATCH", 2)
    monkeypatch.setattr(datapackage, "FLUSH_BYTES", 100)
    batched = unpack(download(api_client)[1], tmp_path / "batched")[1]
    assert batched == whole
    assert problems(tmp_path / "batched") == []


def test_the_licence_is_the_deployment_s_titled_where_its_title_is_known(world, api_client, settings, tmp_path):
    settings.DATA_LICENSE = {"name": "ODbL-1.0", "path": "https://opendatacommons.org/licenses/odbl/1-0/"}
    descriptor = unpack(download(api_client)[1], tmp_path)[0]
    assert descriptor["licenses"] == [
        {
            "name": "ODbL-1.0",
            "path": "https://opendatacommons.org/licenses/odbl/1-0/",
            "title": "Open Data Commons Open Database License v1.0",
        }
    ]
    settings.DATA_LICENSE = {"name": "LicenseRef-Ours", "path": "https://example.org/licence"}
    DataVersion.bump()
    descriptor = unpack(download(api_client)[1], tmp_path / "again")[0]
    assert descriptor["licenses"] == [
        {"name": "LicenseRef-Ours", "path": "https://example.org/licence", "title": "LicenseRef-Ours"}
    ]
