"""The response cache: public GET answers kept under the data version, served without the framework.

A save changes what is served at once; a curator never gets a kept public answer, and a public
client never gets a curator's; a kept answer is the same bytes as a fresh one; a hit is counted
against the anonymous rate and costs one query."""

import pytest
from django.core.cache import caches

from meetings.api import response_cache
from meetings.models import Topic

pytestmark = pytest.mark.django_db

URL = "/api/v1/topics/syria/"


@pytest.fixture(autouse=True)
def with_the_cache(settings, monkeypatch):
    settings.RESPONSE_CACHE = True
    caches["responses"].clear()
    monkeypatch.setattr(response_cache, "_hits", response_cache._Hits())  # no hits counted in process yet
    yield
    caches["responses"].clear()


def test_a_second_read_is_a_hit_with_the_same_bytes_and_headers_in_one_query(
    world, api_client, django_assert_num_queries
):
    first = api_client.get("/api/v1/meetings/", {"ordering": "title", "kind": "talks"})
    assert (first.status_code, first["X-Cache"]) == (200, "miss")
    with django_assert_num_queries(1):  # the data version
        second = api_client.get("/api/v1/meetings/?kind=talks&ordering=title")  # the same query, in another order
    assert (second.status_code, second["X-Cache"]) == (200, "hit")
    assert second.content == first.content
    for header in ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary"):
        assert second[header] == first[header], header
    assert response_cache.stats() == {"hits": 1, "misses": 1, "bytes": len(first.content)}


def test_a_hit_answers_a_matching_if_none_match_with_a_304(world, api_client, django_assert_num_queries):
    etag = api_client.get(URL)["ETag"]
    with django_assert_num_queries(1):
        response = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert (response.status_code, response.content, response["ETag"], response["X-Cache"]) == (304, b"", etag, "hit")


def test_a_304_is_answered_from_the_kept_headers_alone(world, api_client):
    etag = api_client.get(URL)["ETag"]
    cache = caches["responses"]
    [body_key] = [k.split(":", 2)[2] for k in cache._cache if k.endswith(":body")]  # ":1:response:…:body"
    assert cache.delete(body_key)
    not_modified = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert (not_modified.status_code, not_modified["X-Cache"]) == (304, "hit")
    # Without a body to send, the API answers, and keeps it again.
    again = api_client.get(URL)
    assert (again.status_code, again["X-Cache"], again["ETag"]) == (200, "miss", etag)
    assert api_client.get(URL)["X-Cache"] == "hit"


def test_a_save_changes_what_is_served_at_once(world, api_client):
    assert api_client.get(URL).json()["description"] == ""
    assert api_client.get(URL)["X-Cache"] == "hit"
    topic = Topic.objects.get(slug="syria")
    topic.description = "The war in Syria."
    topic.save()
    fresh = api_client.get(URL)
    assert (fresh["X-Cache"], fresh.json()["description"]) == ("miss", "The war in Syria.")


def test_curators_are_never_served_from_the_cache_nor_kept_in_it(world, api_client, curator_client, admin_client):
    world["talks"].review_status = "draft"
    world["talks"].save()
    public = api_client.get("/api/v1/meetings/", {"review_status": "all"})
    assert public.status_code == 400  # drafts are for curators only
    curator = curator_client.get("/api/v1/meetings/", {"review_status": "all"})
    assert curator.json()["count"] == 3 and "X-Cache" not in curator
    again = curator_client.get("/api/v1/meetings/", {"review_status": "all"})
    assert "X-Cache" not in again
    assert api_client.get("/api/v1/meetings/").json()["count"] == 2
    assert "X-Cache" not in admin_client.get("/api/v1/meetings/")  # a session cookie
    assert response_cache.stats()["hits"] == 0


def test_errors_and_the_exports_are_not_kept(world, api_client):
    api_client.get("/api/v1/topics/", {"page_size": "lots"})
    refused = api_client.get("/api/v1/topics/", {"page_size": "lots"})
    assert (refused.status_code, refused["X-Cache"]) == (400, "miss")
    assert api_client.get("/api/v1/export/").get("X-Cache") is None


@pytest.mark.parametrize("representation", ["csv", "ndjson"])
def test_a_streamed_answer_is_kept_once_streamed_whole_and_served_as_the_same_bytes(
    world, api_client, representation, django_assert_num_queries
):
    first = api_client.get("/api/v1/statements/", {"format": representation})
    assert (first.streaming, first["X-Cache"]) == (True, "miss")
    fresh = b"".join(first.streaming_content)  # streamed to the end: now kept
    with django_assert_num_queries(1):  # the data version
        second = api_client.get("/api/v1/statements/", {"format": representation})
    assert (second.status_code, second["X-Cache"], second.streaming) == (200, "hit", False)
    assert second.content == fresh
    for header in ("Content-Type", "Content-Disposition", "ETag", "Vary"):
        assert second.get(header) == first.get(header), header
    assert response_cache.stats() == {"hits": 1, "misses": 1, "bytes": len(fresh)}


def test_a_stream_larger_than_the_bound_or_not_read_to_its_end_is_not_kept(world, api_client, settings):
    settings.RESPONSE_CACHE_MAX_BYTES = 100
    b"".join(api_client.get("/api/v1/statements/", {"format": "csv"}).streaming_content)
    assert api_client.get("/api/v1/statements/", {"format": "csv"})["X-Cache"] == "miss"  # not read: not kept
    settings.RESPONSE_CACHE_MAX_BYTES = 10_000_000
    assert api_client.get("/api/v1/statements/", {"format": "csv"})["X-Cache"] == "miss"
    assert response_cache.stats()["bytes"] == 0


def test_a_hit_is_counted_against_the_anonymous_rate(world, api_client, settings):
    settings.API_THROTTLE_ANON_RATE = "2/min"
    caches["default"].clear()
    assert api_client.get(URL)["X-Cache"] == "miss"
    hit = api_client.get(URL)
    assert (hit["X-Cache"], hit["RateLimit-Limit"], hit["RateLimit-Remaining"]) == ("hit", "2", "0")
    refused = api_client.get(URL)
    assert refused.status_code == 429


def test_answers_too_large_are_not_kept(world, api_client, settings):
    settings.RESPONSE_CACHE_MAX_BYTES = 100
    api_client.get("/api/v1/meetings/")
    assert api_client.get("/api/v1/meetings/")["X-Cache"] == "miss"
    assert response_cache.stats()["bytes"] == 0


def test_switched_off_nothing_is_kept(world, api_client, settings):
    settings.RESPONSE_CACHE = False
    api_client.get(URL)
    assert "X-Cache" not in api_client.get(URL)


def test_health_shows_the_counters(world, api_client):
    api_client.get(URL)
    kept = len(api_client.get(URL).content)
    assert api_client.get("/healthz/").json() == {
        "status": "ok",
        "database": "ok",
        "response_cache": {"hits": 1, "misses": 1, "bytes": kept},
    }
