"""Reads are open; every write needs an authenticated user with the model permission."""

import pytest
from django.contrib.auth.models import Permission

from meetings.models import Meeting, Participant, Source, Statement, Topic

pytestmark = pytest.mark.django_db

BODIES = {
    "participants": {"slug": "john-bolton", "name": "John Bolton", "kind": "person", "country": "US"},
    "topics": {"slug": "arms-control", "name": "Arms control"},
    "sources": {"slug": "new", "title": "New", "kind": "news_report", "text": "Fresh text."},
    "meetings": {"slug": "new-meeting", "title": "New", "kind": "talks", "sources": ["tillerson-visits-moscow"]},
    "statements": {
        "speaker": "sergey-lavrov",
        "source": "tillerson-visits-moscow",
        "kind": "paraphrase",
        "text": "Something.",
    },
}
DETAIL = {
    "participants": "sergey-lavrov",
    "topics": "ukraine",
    "sources": "tillerson-visits-moscow",
    "meetings": "minsk-follow-up",
    "statements": None,  # filled with an id at run time
}
MODELS = {"participants": Participant, "topics": Topic, "sources": Source, "meetings": Meeting, "statements": Statement}


def _detail_url(world, resource: str) -> str:
    key = DETAIL[resource] or world["productive"].pk
    return f"/api/v1/{resource}/{key}/"


def _snapshot():
    return {name: list(model.objects.order_by("pk").values()) for name, model in MODELS.items()}


@pytest.mark.parametrize("resource", list(BODIES))
def test_anyone_can_read(world, api_client, resource):
    assert api_client.get(f"/api/v1/{resource}/").status_code == 200
    assert api_client.get(_detail_url(world, resource)).status_code == 200


@pytest.mark.parametrize("resource", list(BODIES))
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_anonymous_writes_are_refused_with_401_and_change_nothing(world, api_client, resource, method):
    before = _snapshot()
    url = f"/api/v1/{resource}/" if method == "post" else _detail_url(world, resource)
    response = getattr(api_client, method)(url, BODIES[resource], format="json")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert response["WWW-Authenticate"] == "Token"
    assert _snapshot() == before


@pytest.mark.parametrize("resource", list(BODIES))
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_without_the_model_permission_are_refused_with_403(world, reader_client, resource, method):
    before = _snapshot()
    url = f"/api/v1/{resource}/" if method == "post" else _detail_url(world, resource)
    response = getattr(reader_client, method)(url, BODIES[resource], format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}
    assert _snapshot() == before


@pytest.mark.parametrize("resource", list(BODIES))
def test_curators_can_create(world, curator_client, resource):
    response = curator_client.post(f"/api/v1/{resource}/", BODIES[resource], format="json")
    assert response.status_code == 201, response.json()


def test_the_add_permission_alone_does_not_allow_changes(world, reader, reader_client):
    reader.user_permissions.add(Permission.objects.get(codename="add_topic"))
    assert reader_client.post("/api/v1/topics/", BODIES["topics"], format="json").status_code == 201
    assert reader_client.patch("/api/v1/topics/ukraine/", {"name": "U"}, format="json").status_code == 403
    assert reader_client.delete("/api/v1/topics/ukraine/").status_code == 403


def test_an_invalid_token_is_a_401(world, api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api_client.post("/api/v1/topics/", BODIES["topics"], format="json")
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def test_session_authentication_works_with_csrf(world, curator):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(curator)
    response = client.post("/api/v1/topics/", BODIES["topics"], format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "CSRF Failed: CSRF cookie not set."}
