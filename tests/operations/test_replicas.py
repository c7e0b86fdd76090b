"""Reads on replicas: anonymous reads go to a replica, everything else to the primary; a client that wrote
reads from the primary for a while; an unreachable replica falls back to the primary, and an unreachable
primary leaves anonymous reads answered by a replica while writes get the 503 JSON.

The test settings have two databases, "default" and "replica" (a mirror of the test database); these
tests name the replica in READ_REPLICAS. They commit (transaction=True) so that both connections see
the same rows, as a streaming replica does.
"""

import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, router
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from meetings import replicas
from meetings.middleware import API_DETAIL
from meetings.models import Topic

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])

URL = "/api/v1/topics/syria/"


@pytest.fixture(autouse=True)
def with_a_replica(settings):
    settings.READ_REPLICAS = ["replica"]
    settings.READ_YOUR_WRITES_SECONDS = 5
    replicas._unreachable_until.clear()
    yield
    replicas._unreachable_until.clear()


class Queries:
    """The queries each database ran while the block ran."""

    def __enter__(self):
        self.primary = CaptureQueriesContext(connections["default"])
        self.replica = CaptureQueriesContext(connections["replica"])
        self.primary.__enter__()
        self.replica.__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)

    @property
    def counts(self) -> tuple[int, int]:
        return len(self.primary), len(self.replica)


def refuse(*args, **kwargs):
    raise OperationalError("connection refused")


def test_an_anonymous_read_is_answered_by_the_replica(world, api_client):
    with Queries() as queries:
        response = api_client.get(URL)
    assert response.status_code == 200
    assert response["X-Served-By"] == "replica"
    assert response.json()["slug"] == "syria"
    primary, replica = queries.counts
    assert primary == 0 and replica > 0
    # Its ETag names what the replica holds, and the replica answers the 304 too.
    with Queries() as queries:
        again = api_client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert queries.counts == (0, 1)


def test_a_repeated_304_is_answered_from_the_replica_before_the_framework(world, api_client, settings):
    settings.CONDITIONAL_FAST_PATH = True
    etag = api_client.get(URL)["ETag"]
    by_the_api = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    with Queries() as queries:
        again = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert (again.status_code, again["X-Served-By"]) == (304, "replica")
    assert dict(again.items()) == dict(by_the_api.items())
    assert queries.counts == (0, 1)


def test_a_csv_streamed_to_an_anonymous_client_is_read_from_the_replica(world, api_client):
    with Queries() as queries:
        response = api_client.get("/api/v1/topics/", {"format": "csv"})
        body = b"".join(response.streaming_content).decode()
    assert response.status_code == 200 and "syria" in body
    primary, replica = queries.counts
    assert primary == 0 and replica > 0


def test_curators_the_admin_and_writes_use_the_primary(world, curator_client, admin_client):
    with Queries() as queries:
        assert curator_client.get(URL).status_code == 200
    assert queries.counts[1] == 0
    with Queries() as queries:  # a session cookie: a curator signed in to the admin
        assert admin_client.get(URL).status_code == 200
        assert admin_client.get("/admin/meetings/topic/").status_code == 200
    assert queries.counts[1] == 0
    with Queries() as queries:
        response = curator_client.patch(URL, {"description": "Edited."}, format="json")
    assert response.status_code == 200 and "X-Served-By" not in response
    assert queries.counts[1] == 0


def test_a_client_that_wrote_reads_from_the_primary_for_a_while(world, api_client, curator, settings):
    settings.READ_YOUR_WRITES_SECONDS = 7
    token = Token.objects.create(user=curator).key
    # The write is made with a token; the reads that follow are anonymous, from the same client.
    response = api_client.patch(URL, {"description": "Mine."}, format="json", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    cookie = response.cookies[replicas.READ_YOUR_WRITES_COOKIE]
    assert (cookie["max-age"], cookie["httponly"], cookie["samesite"]) == (7, True, "Lax")
    with Queries() as queries:
        read = api_client.get(URL)
    assert read.json()["description"] == "Mine."
    assert "X-Served-By" not in read and queries.counts[1] == 0
    # Once the cookie is gone (it lives READ_YOUR_WRITES_SECONDS), reads go to the replica again.
    api_client.cookies.pop(replicas.READ_YOUR_WRITES_COOKIE)
    assert api_client.get(URL)["X-Served-By"] == "replica"


def test_an_unreachable_replica_falls_back_to_the_primary_and_is_not_tried_again_at_once(
    world, api_client, monkeypatch
):
    attempts = []

    def unreachable():
        attempts.append(1)
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connections["replica"], "ensure_connection", unreachable)
    with CaptureQueriesContext(connections["default"]) as primary:
        first = api_client.get(URL)
        second = api_client.get(URL)
    assert (first.status_code, second.status_code) == (200, 200)
    assert "X-Served-By" not in first and "X-Served-By" not in second
    assert len(primary) > 0 and len(attempts) == 1


def test_a_replica_that_fails_midway_is_answered_again_from_the_primary(world, api_client, monkeypatch):
    monkeypatch.setattr(connections["replica"], "cursor", refuse)
    response = api_client.get(URL)
    assert response.status_code == 200
    assert response.json()["slug"] == "syria" and "X-Served-By" not in response
    assert "replica" in replicas._unreachable_until


def test_with_the_primary_down_anonymous_reads_go_on_and_writes_get_the_503_json(world, api_client, curator_client):
    primary = connections["default"]
    primary.close()
    original = primary.cursor, primary.ensure_connection
    primary.cursor = primary.ensure_connection = refuse  # not even a connection can be opened
    try:
        read = api_client.get(URL)
        assert (read.status_code, read["X-Served-By"]) == (200, "replica")
        # Every kind of read: a page that is counted, a search (compiled for the replica, not the primary),
        # a detail, the analysis.
        for url, params in [
            ("/api/v1/statements/", {"search": "frank"}),
            ("/api/v1/meetings/", {"topic": "syria", "facet": "topic"}),
            (f"/api/v1/statements/{world['frank'].pk}/", {}),
            ("/api/v1/timeline/", {}),
        ]:
            answer = api_client.get(url, params)
            assert (answer.status_code, answer["X-Served-By"]) == (200, "replica"), url
        write = curator_client.patch(URL, {"description": "Lost?"}, format="json")
        assert (write.status_code, write.json()) == (503, {"detail": API_DETAIL})
        health = api_client.get("/healthz/")
        assert (health.status_code, health.json()) == (
            200,
            {
                "status": "degraded",
                "database": "unreachable",
                "detail": "OperationalError",
                "replicas": {"replica": "ok"},
            },
        )
    finally:
        primary.cursor, primary.ensure_connection = original
    # The primary is back: writes go through, and nothing was written while it was away.
    assert Topic.objects.get(slug="syria").description != "Lost?"
    assert curator_client.patch(URL, {"description": "Back."}, format="json").status_code == 200
    assert api_client.get(URL).json()["description"] == "Back."


def test_a_failure_that_is_not_the_replica_s_leaves_the_replica_in_use(world, api_client, monkeypatch):
    from meetings.api import conditional

    def primary_gone(*args, **kwargs):
        raise OperationalError("connection to the primary failed")

    monkeypatch.setattr(conditional, "validators", primary_gone)
    response = api_client.get(URL)
    assert (response.status_code, response.json()) == (503, {"detail": API_DETAIL})
    assert "replica" not in replicas._unreachable_until  # the replica answered when asked: it stays in use
    monkeypatch.undo()
    assert api_client.get(URL)["X-Served-By"] == "replica"


def test_health_names_each_replica(world, api_client, monkeypatch):
    assert api_client.get("/healthz/").json() == {"status": "ok", "database": "ok", "replicas": {"replica": "ok"}}
    monkeypatch.setattr(connections["replica"], "cursor", refuse)
    response = api_client.get("/healthz/")
    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "database": "ok", "replicas": {"replica": "unreachable"}},
    )


def test_the_router_reads_from_the_primary_outside_requests_and_always_writes_there(world):
    assert router.db_for_read(Topic) == DEFAULT_DB_ALIAS  # management commands, migrations, the shell
    read_on_replica = Topic.objects.using("replica").get(slug="syria")
    assert router.db_for_write(Topic, instance=read_on_replica) == DEFAULT_DB_ALIAS
    assert router.allow_migrate("replica", "meetings") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "meetings") is True
