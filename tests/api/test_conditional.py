"""ETag / Last-Modified, 304 answers, and ?updated_since= on every list."""

import datetime

import pytest
from django.utils import timezone
from django.utils.http import http_date

from meetings.models import DataVersion, Meeting, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=[False, True], ids=["api", "fast path"])
def fast_path(request, settings):
    """Every test as the API answers, and with the 304s it gave answered again before it (meetings.api.fast_path)."""
    settings.CONDITIONAL_FAST_PATH = request.param


LISTS = ["/api/v1/meetings/", "/api/v1/participants/", "/api/v1/topics/", "/api/v1/statements/", "/api/v1/sources/"]


def detail_urls(world) -> list[str]:
    return [
        "/api/v1/meetings/lavrov-tillerson-talks-2017/",
        "/api/v1/participants/sergey-lavrov/",
        "/api/v1/topics/syria/",
        f"/api/v1/statements/{world['frank'].pk}/",
        "/api/v1/sources/tillerson-visits-moscow/",
    ]


def test_every_list_and_detail_has_validators_and_answers_304_to_a_matching_etag(world, api_client):
    for url in LISTS + detail_urls(world):
        first = api_client.get(url)
        assert first.status_code == 200, url
        assert first["ETag"].startswith('"') and first["Last-Modified"], url
        assert first["Cache-Control"] == "no-cache"
        again = api_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url
        assert again.content == b""
        assert again["ETag"] == first["ETag"]


def test_a_304_to_if_modified_since(world, api_client):
    first = api_client.get("/api/v1/meetings/")
    assert api_client.get("/api/v1/meetings/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    earlier = http_date((DataVersion.current().changed_at - datetime.timedelta(seconds=5)).timestamp())
    assert api_client.get("/api/v1/meetings/", HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_the_etag_differs_by_query_and_by_format(world, api_client):
    plain = api_client.get("/api/v1/meetings/")["ETag"]
    filtered = api_client.get("/api/v1/meetings/", {"kind": "visit"})["ETag"]
    browsable = api_client.get("/api/v1/meetings/", HTTP_ACCEPT="text/html")["ETag"]
    assert len({plain, filtered, browsable}) == 3


def test_the_etag_names_the_query_in_canonical_order_and_what_drafts_the_reader_sees(
    world, api_client, reader_client, curator_client
):
    one = api_client.get("/api/v1/meetings/", {"kind": "visit", "ordering": "date"})["ETag"]
    assert api_client.get("/api/v1/meetings/?ordering=date&kind=visit")["ETag"] == one
    # A signed-in reader sees what the public sees; a curator sees drafts too: another representation.
    public = api_client.get("/api/v1/topics/syria/")["ETag"]
    assert reader_client.get("/api/v1/topics/syria/")["ETag"] == public
    assert curator_client.get("/api/v1/topics/syria/")["ETag"] != public


def test_a_304_never_answers_a_request_other_than_the_one_that_earned_the_etag(world, api_client):
    etag = api_client.get("/api/v1/meetings/")["ETag"]
    response = api_client.get("/api/v1/meetings/", {"page_size": "lots"}, HTTP_IF_NONE_MATCH=etag)
    assert (response.status_code, response.json()) == (400, {"page_size": ["A valid integer is required, not “lots”."]})
    assert api_client.get("/api/v1/topics/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_detail_etag_names_the_record_version_and_a_304_costs_one_query(world, api_client, django_assert_num_queries):
    first = api_client.get("/api/v1/topics/syria/")["ETag"]
    record, _, representation = first.strip('"').partition("-")
    assert len(record) == 16 and len(representation) == 32
    with django_assert_num_queries(1):
        assert api_client.get("/api/v1/topics/syria/", HTTP_IF_NONE_MATCH=first).status_code == 304
    # Another record changes: the data changed, so the answer is sent again, but the record's part stands.
    Topic.objects.create(slug="sanctions", name="Sanctions")
    other = api_client.get("/api/v1/topics/syria/", HTTP_IF_NONE_MATCH=first)
    assert other.status_code == 200
    assert other["ETag"] != first and other["ETag"].startswith(f'"{record}-')
    # The record itself changes: its part changes.
    Topic.objects.get(slug="syria").save()
    assert not api_client.get("/api/v1/topics/syria/")["ETag"].startswith(f'"{record}-')


def test_a_missing_detail_is_a_404_with_no_etag(world, api_client):
    response = api_client.get("/api/v1/topics/no-such-topic/", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 404
    assert "ETag" not in response


@pytest.mark.parametrize(
    "change",
    [
        lambda world: Topic.objects.create(slug="new", name="New"),
        lambda world: world["lavrov"].save(),
        lambda world: world["frank"].delete(),
        lambda world: world["talks"].topics.add(world["ukraine"]),
        lambda world: world["talks"].participations.first().delete(),
    ],
)
def test_any_change_to_the_data_changes_the_etag(world, api_client, change):
    before = api_client.get("/api/v1/meetings/")["ETag"]
    change(world)
    response = api_client.get("/api/v1/meetings/", HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert response["ETag"] != before


def test_a_write_through_the_api_changes_the_etag(world, api_client, curator_client):
    before = api_client.get("/api/v1/topics/")["ETag"]
    assert curator_client.patch("/api/v1/topics/syria/", {"name": "Syria war"}, format="json").status_code == 200
    assert api_client.get("/api/v1/topics/", HTTP_IF_NONE_MATCH=before).status_code == 200


def test_a_304_costs_one_query(world, api_client, django_assert_num_queries):
    etag = api_client.get("/api/v1/statements/", {"page_size": 100})["ETag"]
    with django_assert_num_queries(1):
        response = api_client.get("/api/v1/statements/", {"page_size": 100}, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_updated_since_lists_only_what_changed(world, api_client):
    cutoff = timezone.now()
    Meeting.objects.filter(slug="minsk-follow-up").update(updated_at=cutoff + datetime.timedelta(seconds=1))
    for url in LISTS:
        response = api_client.get(url, {"updated_since": cutoff.isoformat()})
        assert response.status_code == 200, url
    body = api_client.get("/api/v1/meetings/", {"updated_since": cutoff.isoformat()}).json()
    assert [m["slug"] for m in body["results"]] == ["minsk-follow-up"]
    everything = api_client.get("/api/v1/meetings/", {"updated_since": "2000-01-01T00:00:00Z"}).json()
    assert everything["count"] == 3


@pytest.mark.parametrize("url", LISTS)
def test_a_malformed_updated_since_is_a_400(world, api_client, url):
    response = api_client.get(url, {"updated_since": "last tuesday"})
    assert response.status_code == 400
    assert response.json() == {"updated_since": ["Enter a valid date/time."]}


def test_a_restored_database_never_reuses_an_etag_for_other_data(world, api_client):
    before = DataVersion.current()
    first = api_client.get("/api/v1/topics/")["ETag"]
    Topic.objects.create(slug="arms-control", name="Arms control")
    after_change = api_client.get("/api/v1/topics/")["ETag"]
    # A restore puts the backup's version row back; the same data answers with the same ETag.
    DataVersion.objects.filter(pk=1).update(version=before.version, changed_at=before.changed_at)
    Topic.objects.filter(slug="arms-control").delete()  # counts on from the backup's number
    DataVersion.objects.filter(pk=1).update(version=before.version, changed_at=before.changed_at)
    assert api_client.get("/api/v1/topics/")["ETag"] == first
    # Changed again, the version has the number it had after the first change, but not its time.
    Topic.objects.create(slug="sanctions", name="Sanctions")
    assert DataVersion.current().version == before.version + 1
    assert api_client.get("/api/v1/topics/")["ETag"] not in {first, after_change}
