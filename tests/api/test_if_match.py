"""Optimistic concurrency through the API: a write whose If-Match names a copy that is no longer current is
refused with 412 and changes nothing; one whose If-Match is current goes through; one without is not checked."""

import pytest

from meetings.api.conditional import STALE_COPY
from meetings.models import Topic

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
