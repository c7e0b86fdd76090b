"""Hostile input gets a 4xx JSON answer that names the problem, never a 500, and changes nothing."""

import json

import pytest

from meetings.models import Meeting, Participant, Source, Statement, Topic

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "x" * 5000,
    "nul\x00byte",
    "'; DROP TABLE meetings_meeting; --",
    "<script>alert(1)</script>",
    "9" * 400,
    "-1",
    "1e308",
    "2017-02-30",
    "☃️ \u202e rtl",
    "%",
    "",
]

QUERY_PARAMETERS = {
    "/api/v1/meetings/": ["date_after", "date_before", "participant", "country", "topic", "kind", "status",
                          "source", "parent", "search", "ordering", "page", "page_size", "updated_since",
                          "review_status", "format"],
    "/api/v1/statements/": ["speaker", "speaker_country", "via", "meeting", "topic", "kind", "channel", "source",
                            "date_after", "date_before", "search", "ordering", "page", "page_size"],
    "/api/v1/participants/": ["country", "kind", "met_with", "search", "ordering", "page_size"],
    "/api/v1/topics/": ["parent", "search"],
    "/api/v1/sources/": ["publisher", "kind", "language", "date_after", "search"],
    "/api/v1/network/": ["topic", "date_after", "country", "status"],
    "/api/v1/timeline/": ["participant", "topic", "date_before", "page"],
    "/api/v1/changes/": ["since", "page"],
    "/api/v1/participants/sergey-lavrov/counterparts/": ["topic", "status"],
}  # fmt: skip


def _snapshot():
    return [model.objects.count() for model in (Meeting, Participant, Source, Statement, Topic)]


@pytest.mark.parametrize("url", list(QUERY_PARAMETERS))
def test_hostile_query_parameters_never_cause_a_server_error(world, api_client, url):
    for name in QUERY_PARAMETERS[url]:
        for value in HOSTILE_VALUES:
            response = api_client.get(url, {name: value})
            assert response.status_code < 500, (url, name, value[:40], response.status_code)
            if response.status_code >= 400:
                assert response["Content-Type"].startswith("application/json"), (url, name, value[:40])
                body = response.json()
                assert name in body or "detail" in body, (url, name, value[:40], body)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/meetings/%00/", "/api/v1/participants/%ff%fe/", "/api/v1/statements/99999999999999999999/",
     "/api/v1/topics/" + "a" * 3000 + "/", "/api/v1/meetings/x%00y/positions/"],
)  # fmt: skip
def test_hostile_paths_are_json_404s(world, api_client, path):
    response = api_client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def _deep(depth: int):
    value = "x"
    for _ in range(depth):
        value = {"a": [value]}
    return value


BODIES = [
    {"slug": "nul", "name": "A\x00B", "kind": "person"},
    {"slug": "x" * 5000, "name": "Long", "kind": "person"},
    {"slug": "ok-slug", "name": "<script>alert(1)</script>", "kind": "'; DROP TABLE x; --", "country": "R\x00"},
    {"slug": "ok-slug", "name": "Deep", "kind": "person", "other_names": _deep(200)},
    {"slug": "ok-slug", "name": "Numbers", "kind": "person", "other_names": [10**400]},
    {"slug": ["list"], "name": {"dict": 1}, "kind": None},
    {"unknown_field": "ignored?", "slug": "ok-slug", "kind": "person"},
]


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_hostile_bodies_get_a_json_400_and_change_nothing(world, curator_client, body):
    before = _snapshot()
    response = curator_client.post("/api/v1/participants/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400, response.content[:200]
    assert response["Content-Type"].startswith("application/json")
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("raw", "content_type", "status"),
    [
        (b"\xff\xfe{not json", "application/json", 400),
        (b'{"a": ' * 5000 + b"1" + b"}" * 5000, "application/json", 400),
        (b'{"slug": "x", "name": NaN}', "application/json", 400),
        (b'{"text": "' + b"x" * 1_000_001 + b'"}', "application/json", 413),
        (b"slug=x&name=y", "text/plain", 415),
        (b"<xml/>", "application/xml", 415),
    ],
    ids=["invalid-utf8", "deeply-nested", "nan", "oversized", "plain-text", "xml"],
)
def test_malformed_and_unexpected_bodies(world, curator_client, raw, content_type, status):
    before = _snapshot()
    response = curator_client.generic("POST", "/api/v1/topics/", raw, content_type=content_type)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert _snapshot() == before
