"""Reads are open; every write needs an authenticated user with the model permission.

The full matrix of roles against every write of the API and the admin is in test_permissions.py.
"""

import pytest
from django.contrib.auth.models import Permission

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


def _detail_url(world, resource: str) -> str:
    key = DETAIL[resource] or world["productive"].pk
    return f"/api/v1/{resource}/{key}/"


@pytest.mark.parametrize("resource", list(BODIES))
def test_anyone_can_read(world, api_client, resource):
    assert api_client.get(f"/api/v1/{resource}/").status_code == 200
    assert api_client.get(_detail_url(world, resource)).status_code == 200


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
