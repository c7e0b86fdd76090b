"""Malformed bodies get a 4xx JSON answer that names the problem, and change nothing."""

import pytest

from meetings.models import Meeting, Statement, Topic

pytestmark = pytest.mark.django_db


def _counts():
    return Meeting.objects.count(), Statement.objects.count(), Topic.objects.count()


def test_malformed_json_is_a_400(world, curator_client):
    before = _counts()
    response = curator_client.post("/api/v1/topics/", '{"slug": "x", "name": ', content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "JSON parse error - Expecting value: line 1 column 23 (char 22)"}
    assert _counts() == before


def test_an_unsupported_content_type_is_a_415(world, curator_client):
    response = curator_client.post("/api/v1/topics/", "slug=x", content_type="text/plain")
    assert response.status_code == 415
    assert response.json() == {"detail": 'Unsupported media type "text/plain" in request.'}


def test_a_body_that_is_not_an_object_is_a_400(world, curator_client):
    response = curator_client.post("/api/v1/topics/", "[1, 2]", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}


def test_missing_required_fields_are_each_named(world, curator_client):
    response = curator_client.post("/api/v1/statements/", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "speaker": ["This field is required."],
        "source": ["This field is required."],
        "kind": ["This field is required."],
        "text": ["This field is required."],
    }


def test_wrong_types_are_named(world, curator_client):
    response = curator_client.post(
        "/api/v1/meetings/",
        {
            "slug": "bad slug!",
            "title": "x" * 301,
            "kind": "talks",
            "sources": "tillerson-visits-moscow",
            "participants": "everyone",
            "date": 20170412,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "slug": ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'],
        "title": ["Ensure this field has no more than 300 characters."],
        "sources": ['Expected a list of items but got type "str".'],
        "participants": {"non_field_errors": ['Expected a list of items but got type "str".']},
        "date": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
    }
    assert _counts() == (3, 3, 3)


def test_a_patch_with_an_incomplete_participant_or_outcome_names_the_missing_fields(world, curator_client):
    response = curator_client.patch(
        "/api/v1/meetings/lavrov-tillerson-talks-2017/",
        {"participants": [{"role": "host"}], "outcomes": [{"description": "Envoys."}]},
        format="json",
    )
    assert response.status_code == 400
    # Items of a list are named by their position.
    assert response.json() == {
        "participants": {"0": {"participant": ["This field is required."]}},
        "outcomes": {"0": {"source": ["This field is required."]}},
    }
    assert _counts() == (3, 3, 3)


def test_an_empty_string_is_not_a_missing_parent(world, curator_client):
    response = curator_client.patch("/api/v1/topics/idlib-chemical-incident/", {"parent": ""}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["parent"]
    assert Topic.objects.get(slug="idlib-chemical-incident").parent.slug == "syria"


@pytest.mark.parametrize("value", [0, 1.5, True, ["syria"], {"slug": "syria"}])
def test_a_relation_given_as_anything_but_a_slug_is_refused_not_converted(world, curator_client, value):
    Topic.objects.create(slug="0", name="A topic whose slug is a number")
    response = curator_client.patch("/api/v1/topics/idlib-chemical-incident/", {"parent": value}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "parent": [f"Incorrect type. Expected a slug (a string), received {type(value).__name__}."]
    }
    assert Topic.objects.get(slug="idlib-chemical-incident").parent.slug == "syria"


@pytest.mark.parametrize("url", ["/api/v1/meetings/", "/api/v1/timeline/"])
def test_csv_refuses_a_bad_page_size_like_json_does(world, api_client, url):
    response = api_client.get(url, {"format": "csv", "page_size": "true"})
    assert response.status_code == 400
    assert response.json() == {"page_size": ["A valid integer is required, not “true”."]}


def test_a_method_the_view_does_not_take_is_a_405_whatever_the_format(world, api_client):
    response = api_client.generic("TRACE", "/api/v1/meetings/?format=csv")
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "TRACE" not allowed.'}
