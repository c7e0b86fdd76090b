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


def test_a_failing_write_part_way_leaves_nothing_behind(world, curator_client, monkeypatch):
    from meetings.models import Outcome

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Outcome.objects, "bulk_create", explode)
    with pytest.raises(RuntimeError):
        curator_client.post(
            "/api/v1/meetings/",
            {
                "slug": "half",
                "title": "Half",
                "kind": "talks",
                "sources": ["tillerson-visits-moscow"],
                "participants": [{"participant": "sergey-lavrov"}],
                "outcomes": [{"description": "x", "source": "tillerson-visits-moscow"}],
            },
            format="json",
        )
    assert not Meeting.objects.filter(slug="half").exists()
    assert _counts() == (3, 3, 3)
