"""Optimistic concurrency through the API: a write whose If-Match names a copy of the record that is no longer
current is refused with 412 and changes nothing; one whose If-Match is current goes through (a change to another
record does not make it stale); one without is not checked."""

import pytest

from meetings.api.conditional import STALE_COPY
from meetings.models import Source, Statement, Topic

URL = "/api/v1/topics/syria/"


@pytest.fixture
def etag(world, curator_client) -> str:
    response = curator_client.get(URL)
    assert response.status_code == 200
    return response["ETag"]


def test_two_writes_from_one_copy_the_second_is_refused_and_changes_nothing(world, curator_client, etag):
    first = curator_client.patch(URL, {"description": "First edit."}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200
    second = curator_client.patch(URL, {"description": "Second edit."}, format="json", HTTP_IF_MATCH=etag)
    assert second.status_code == 412
    assert second.json() == {"detail": STALE_COPY}
    assert Topic.objects.get(slug="syria").description == "First edit."
    # The refusal names the current copy: a write from it goes through.
    again = curator_client.patch(URL, {"description": "Second edit."}, format="json", HTTP_IF_MATCH=second["ETag"])
    assert again.status_code == 200
    assert Topic.objects.get(slug="syria").description == "Second edit."


def test_a_put_and_a_delete_from_a_stale_copy_are_refused(world, curator_client, etag):
    assert curator_client.patch(URL, {"description": "Edited."}, format="json").status_code == 200
    topic = Topic.objects.get(slug="syria")
    put = curator_client.put(
        URL, {"slug": "syria", "name": "Syria", "description": "", "parent": None}, format="json", HTTP_IF_MATCH=etag
    )
    assert (put.status_code, put.json()) == (412, {"detail": STALE_COPY})
    delete = curator_client.delete("/api/v1/topics/syria/", HTTP_IF_MATCH=etag)
    assert (delete.status_code, delete.json()) == (412, {"detail": STALE_COPY})
    assert Topic.objects.get(slug="syria").description == topic.description == "Edited."


def test_if_match_star_and_no_if_match_are_not_refused(world, curator_client, etag):
    assert curator_client.patch(URL, {"description": "A."}, format="json", HTTP_IF_MATCH="*").status_code == 200
    assert curator_client.patch(URL, {"description": "B."}, format="json").status_code == 200
    assert Topic.objects.get(slug="syria").description == "B."


def test_a_change_to_another_record_leaves_the_copy_current(world, curator_client, etag):
    assert curator_client.patch("/api/v1/topics/ukraine/", {"description": "Other."}, format="json").status_code == 200
    response = curator_client.patch(URL, {"description": "Mine."}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200
    assert Topic.objects.get(slug="syria").description == "Mine."


def test_a_copy_fetched_in_another_format_names_the_same_version(world, curator_client):
    browsable = curator_client.get(URL, HTTP_ACCEPT="text/html")["ETag"]
    assert curator_client.patch(URL, {"description": "A."}, format="json", HTTP_IF_MATCH=browsable).status_code == 200


def test_a_weak_or_malformed_if_match_never_matches_a_changed_record(world, curator_client, etag):
    assert curator_client.patch(URL, {"description": "A."}, format="json").status_code == 200
    for header in [f"W/{etag}", "not-an-etag", '"deadbeef"']:
        response = curator_client.patch(URL, {"description": "B."}, format="json", HTTP_IF_MATCH=header)
        assert (response.status_code, response.json()) == (412, {"detail": STALE_COPY}), header
    assert Topic.objects.get(slug="syria").description == "A."


def test_a_statement_moved_by_its_source_s_new_text_is_a_new_version(world, curator_client):
    url = f"/api/v1/statements/{world['frank'].pk}/"
    etag = curator_client.get(url)["ETag"]
    source = world["frank"].source
    source.text = "A line added at the top.\n" + source.text
    source.save()
    assert Statement.objects.get(pk=world["frank"].pk).span_start == world["frank"].span_start + 25
    response = curator_client.patch(url, {"channel": "interview"}, format="json", HTTP_IF_MATCH=etag)
    assert (response.status_code, response.json()) == (412, {"detail": STALE_COPY})
    assert Source.objects.get(pk=source.pk).text.startswith("A line added")
