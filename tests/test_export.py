"""/api/v1/export/: the whole data set in one document, hashed and dated."""

import hashlib
import json

import pytest
from django.core.management import call_command

from meetings.models import DataVersion

pytestmark = pytest.mark.django_db

ARRAYS = ["sources", "participants", "topics", "meetings", "statements"]


def test_export_holds_every_record_with_a_verifiable_hash(world, api_client):
    body = api_client.get("/api/v1/export/").json()
    assert body["counts"] == {"sources": 1, "participants": 3, "topics": 3, "meetings": 3, "statements": 3}
    assert [len(body[name]) for name in ARRAYS] == [1, 3, 3, 3, 3]
    data = {name: body[name] for name in ARRAYS}
    encoded = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert body["content_hash"] == hashlib.sha256(encoded).hexdigest()
    version = DataVersion.current()
    assert body["version"] == version.version
    assert body["last_modified"] == version.changed_at.isoformat().replace("+00:00", "Z")


def test_export_records_are_the_api_forms(world, api_client):
    body = api_client.get("/api/v1/export/").json()
    assert body["sources"][0]["text"] == world["source"].text
    assert [s["slug"] for s in body["sources"][0]["spans"]] == [
        "lavrov-frank-and-comprehensive",
        "tillerson-productive",
        "lavrov-intra-syrian-dialogue",
    ]
    talks = next(m for m in body["meetings"] if m["slug"] == "lavrov-tillerson-talks-2017")
    assert talks["outcomes"] == [
        {"description": "Special envoys to be appointed.", "source": "tillerson-visits-moscow"}
    ]
    assert "statements" not in talks and "search_highlight" not in talks
    detail = api_client.get(f"/api/v1/statements/{world['frank'].pk}/").json()
    assert next(s for s in body["statements"] if s["id"] == world["frank"].pk) == detail


def test_the_hash_changes_with_the_data_and_only_with_it(world, api_client):
    first = api_client.get("/api/v1/export/").json()["content_hash"]
    assert api_client.get("/api/v1/export/").json()["content_hash"] == first
    world["syria"].description = "The war in Syria."
    world["syria"].save()
    assert api_client.get("/api/v1/export/").json()["content_hash"] != first


def test_export_answers_304_when_nothing_changed(world, api_client):
    etag = api_client.get("/api/v1/export/")["ETag"]
    assert api_client.get("/api/v1/export/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_export_of_the_curated_data_runs_a_fixed_number_of_queries(db, api_client, django_assert_num_queries):
    call_command("load_curated", verbosity=0)
    # data version ×2; sources + spans; participants; topics + children; meetings + participants, topics,
    # sources, outcomes; statements + topics
    with django_assert_num_queries(14):
        body = api_client.get("/api/v1/export/").json()
    assert body["counts"]["statements"] == 88
