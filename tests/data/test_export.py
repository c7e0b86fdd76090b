"""/api/v1/export/: the whole data set in one document, hashed and dated, written once per data version."""

import hashlib
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from meetings.dumps import public as export
from meetings.management.commands import build_export
from meetings.models import DataVersion
from tests.helpers import streamed_json

pytestmark = pytest.mark.django_db

ARRAYS = ["sources", "participants", "topics", "meetings", "statements"]
NOT_READY = {
    "detail": (
        "The export of the current data is not ready yet: the data set is too large to export while you wait. "
        "Try again later."
    )
}


def get_export(client, **headers) -> dict:
    response = client.get("/api/v1/export/", **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return streamed_json(response)


def files(settings) -> list[str]:
    """The JSON exports written (the data package beside them is tested in test_datapackage.py)."""
    return (
        sorted(path.name for path in settings.EXPORT_DIR.glob("export-*.json")) if settings.EXPORT_DIR.exists() else []
    )


def test_export_holds_every_record_with_a_verifiable_hash(world, api_client):
    body = get_export(api_client)
    assert body["counts"] == {"sources": 1, "participants": 3, "topics": 3, "meetings": 3, "statements": 3}
    assert [len(body[name]) for name in ARRAYS] == [1, 3, 3, 3, 3]
    data = {name: body[name] for name in ARRAYS}
    encoded = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert body["content_hash"] == hashlib.sha256(encoded).hexdigest()
    version = DataVersion.current()
    assert body["version"] == version.version
    assert body["last_modified"] == version.changed_at.isoformat().replace("+00:00", "Z")


def test_export_records_are_the_api_forms(world, api_client):
    body = get_export(api_client)
    # The export is public: a source that is not redistributable comes without its text.
    assert (body["sources"][0]["redistributable"], body["sources"][0]["text"]) == (False, None)
    assert body["sources"][0]["content_hash"] == world["source"].content_hash
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


def test_the_hash_changes_with_the_data_and_only_with_it(world, api_client, settings):
    first = get_export(api_client)
    assert get_export(api_client) == first
    world["syria"].description = "The war in Syria."
    world["syria"].save()
    second = get_export(api_client)
    assert second["content_hash"] != first["content_hash"]
    assert second["version"] == first["version"] + 1
    # The older version's file is gone; only the current one is kept.
    assert files(settings) == [export.snapshot_path(DataVersion.current().stamp).name]


def test_export_answers_304_when_nothing_changed(world, api_client):
    etag = api_client.get("/api/v1/export/")["ETag"]
    assert api_client.get("/api/v1/export/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_records_read_in_batches_are_the_records_read_at_once(db, api_client, monkeypatch, settings):
    call_command("load_curated", verbosity=0)
    whole = get_export(api_client)
    for path in settings.EXPORT_DIR.iterdir():
        path.unlink()
    monkeypatch.setattr(export, "BATCH", 7)
    monkeypatch.setattr(export, "SOURCE_BATCH", 2)
    batched = get_export(api_client)
    assert batched.pop("generated_at") != "" and whole.pop("generated_at") != ""
    assert batched == whole
    assert whole["counts"] == {"sources": 5, "participants": 18, "topics": 25, "meetings": 24, "statements": 87}


def test_the_first_request_writes_the_export_and_later_ones_read_the_file(db, api_client, django_assert_num_queries):
    call_command("load_curated", verbosity=0)
    # data version ×2 (validators, inside the snapshot); statements counted up to the
    # limit; sources + spans; participants; topics + children; meetings + participants, topics, sources,
    # outcomes; statements + topics
    with django_assert_num_queries(15):
        first = get_export(api_client)
    # the data version, for the validators and the file's name
    with django_assert_num_queries(1):
        assert get_export(api_client) == first
    assert first["counts"]["statements"] == 87


def test_a_data_set_too_large_to_export_in_a_request_waits_for_build_export(world, api_client, settings):
    settings.API_EXPORT_INLINE_LIMIT = 2
    response = api_client.get("/api/v1/export/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response.json() == NOT_READY
    assert files(settings) == []

    call_command("build_export", stdout=io.StringIO())
    body = get_export(api_client)
    assert body["counts"]["statements"] == 3
    settings.API_EXPORT_INLINE_LIMIT = 3
    for path in settings.EXPORT_DIR.iterdir():
        path.unlink()
    assert get_export(api_client) | {"generated_at": None} == body | {"generated_at": None}


def test_build_export_says_what_it_wrote_and_writes_a_version_once(world, settings, capsys):
    call_command("build_export")
    path = export.snapshot_path(DataVersion.current().stamp)
    assert capsys.readouterr().out.startswith(f"{path} (")
    written = path.read_bytes()
    call_command("build_export")
    assert path.read_bytes() == written
    assert files(settings) == [path.name]


# Committed data: each round closes its connections, as it must after an outage.
@pytest.mark.django_db(transaction=True)
def test_build_export_watch_exports_each_new_version_and_outlasts_an_outage(world, settings, monkeypatch):
    rounds = []

    class Stop(Exception):
        pass

    def sleep(seconds):
        rounds.append(files(settings))
        if len(rounds) == 1:
            DataVersion.bump()
            monkeypatch.setattr(build_export, "write_export", failing)
        elif len(rounds) == 2:
            monkeypatch.setattr(build_export, "write_export", export.write_export)
        else:
            raise Stop

    def failing():
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(build_export.time, "sleep", sleep)
    with pytest.raises(Stop):
        call_command("build_export", watch=0.5, stdout=io.StringIO())
    current = export.snapshot_path(DataVersion.current().stamp).name
    assert len(rounds) == 3
    assert rounds[1] == rounds[0] and rounds[0] != [current]
    assert rounds[2] == [current]


def test_build_export_refuses_a_watch_of_no_time(db):
    with pytest.raises(CommandError, match=r"^--watch takes a number of seconds above 0\.$"):
        call_command("build_export", watch=0)
