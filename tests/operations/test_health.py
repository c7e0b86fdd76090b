import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_health_is_200_when_the_database_answers(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_database_does_not_answer(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable", "detail": "OperationalError"}


def test_health_answers_only_reads(client):
    assert client.post("/healthz/").status_code == 405


def test_unknown_api_paths_are_a_json_404(client):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_unknown_pages_outside_the_api_stay_html(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_server_error_under_the_api_is_json(rf):
    from meetings.views import server_error

    response = server_error(rf.get("/api/v1/meetings/"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.content == b'{"detail": "Server error."}'
