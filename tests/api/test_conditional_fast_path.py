"""Conditional requests answered before the framework (meetings.api.fast_path).

A 304 the API gave an anonymous request is given again to the same request under the same data
version without DRF's view: the same status, no body and every header the same, after one query,
counted against the anonymous rate. Any other request (another version, query, format, origin,
credentials, a cookie) is answered by the API as before."""

import io

import pytest
from django.core import signals
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection
from rest_framework.views import APIView

from meetings.api import fast_path, response_cache
from meetings.api.fast_path import FastPathApplication
from meetings.models import DataVersion, Topic

from .test_conditional import LISTS, detail_urls

pytestmark = pytest.mark.django_db

URL = "/api/v1/meetings/"


@pytest.fixture(autouse=True)
def with_the_fast_path(settings):
    settings.CONDITIONAL_FAST_PATH = True  # the settings change forgets what was kept
    yield
    fast_path.forget()


@pytest.fixture
def dispatched(monkeypatch) -> list[str]:
    """The paths of the requests DRF's views were asked to answer."""
    calls: list[str] = []
    original = APIView.dispatch

    def counting(self, request, *args, **kwargs):
        calls.append(request.path)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(APIView, "dispatch", counting)
    return calls


def analysis_urls(world) -> list[str]:
    return [
        "/api/v1/",
        "/api/v1/meetings/lavrov-tillerson-talks-2017/positions/",
        "/api/v1/participants/sergey-lavrov/counterparts/",
        "/api/v1/network/?topic=syria",
        "/api/v1/timeline/?page_size=2",
        "/api/v1/sources/tillerson-visits-moscow/annotations/",
    ]


def test_a_repeated_304_is_answered_before_the_view_with_the_same_headers_in_one_query(
    world, api_client, dispatched, django_assert_num_queries
):
    for url in LISTS + detail_urls(world) + analysis_urls(world) + ["/api/v1/meetings/?kind=visit&ordering=date"]:
        etag = api_client.get(url)["ETag"]
        by_the_api = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert (by_the_api.status_code, dispatched[-1:]) == (304, [url.partition("?")[0]]), url
        dispatched.clear()
        with django_assert_num_queries(1):  # the data version
            again = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert dispatched == [], url
        assert (again.status_code, again.content) == (304, b""), url
        assert dict(again.items()) == dict(by_the_api.items()), url


def test_the_headers_are_those_the_api_gives_with_the_fast_path_off(world, api_client, settings):
    etag = api_client.get(URL)["ETag"]
    api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    fast = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    settings.CONDITIONAL_FAST_PATH = False
    assert dict(fast.items()) == dict(api_client.get(URL, HTTP_IF_NONE_MATCH=etag).items())
    assert set(dict(fast.items())) == {
        "ETag",
        "Last-Modified",
        "Cache-Control",
        "Vary",
        "Allow",
        "X-Frame-Options",
        "Content-Length",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    }


def test_if_modified_since_is_answered_alike(world, api_client, dispatched):
    last_modified = api_client.get(URL)["Last-Modified"]
    by_the_api = api_client.get(URL, HTTP_IF_MODIFIED_SINCE=last_modified)
    dispatched.clear()
    again = api_client.get(URL, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert (again.status_code, dispatched, dict(again.items())) == (304, [], dict(by_the_api.items()))


def test_a_new_data_version_goes_to_the_api(world, api_client, dispatched):
    etag = api_client.get(URL)["ETag"]
    api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    Topic.objects.create(slug="sanctions", name="Sanctions")
    dispatched.clear()
    changed = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert (changed.status_code, dispatched) == (200, [URL])
    assert changed["ETag"] != etag
    # A detail's record version follows: the record changed, so its 304 is no longer given.
    detail = "/api/v1/topics/syria/"
    etag = api_client.get(detail)["ETag"]
    api_client.get(detail, HTTP_IF_NONE_MATCH=etag)
    Topic.objects.get(slug="syria").save()
    assert api_client.get(detail, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_kept_304_never_answers_another_request(world, api_client, dispatched):
    etag = api_client.get(URL)["ETag"]
    api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    bad = api_client.get(URL, {"page_size": "lots"}, HTTP_IF_NONE_MATCH=etag)
    assert (bad.status_code, bad.json()) == (400, {"page_size": ["A valid integer is required, not “lots”."]})
    assert api_client.get(URL, HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT="text/html").status_code == 200
    assert api_client.get(URL, {"format": "csv"}, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert api_client.get("/api/v1/topics/", HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert api_client.get(URL, HTTP_IF_NONE_MATCH='"another"').status_code == 200
    # The same representation asked otherwise (another origin, the query in another order, HEAD) is the
    # API's to answer the first time: a 304 all the same.
    dispatched.clear()
    assert api_client.get(URL, HTTP_IF_NONE_MATCH=etag, HTTP_ORIGIN="https://elsewhere.example").status_code == 304
    assert api_client.head(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert dispatched == [URL, URL]


def test_a_failed_if_match_on_a_read_is_the_api_s_412(world, api_client, dispatched):
    etag = api_client.get(URL)["ETag"]
    api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    dispatched.clear()
    refused = api_client.get(URL, HTTP_IF_NONE_MATCH=etag, HTTP_IF_MATCH='"another"')
    assert (refused.status_code, dispatched) == (412, [URL])


def test_credentials_and_cookies_are_never_answered_here(world, api_client, curator_client, client, reader, dispatched):
    client.force_login(reader)  # a session cookie: a reader sees what the public sees, the same ETag
    curator_etag = curator_client.get(URL)["ETag"]
    public_etag = api_client.get(URL)["ETag"]
    for _ in range(2):
        assert curator_client.get(URL, HTTP_IF_NONE_MATCH=curator_etag).status_code == 304
        assert curator_client.get(URL, HTTP_IF_NONE_MATCH=public_etag).status_code == 200  # curators see drafts
        assert client.get(URL, HTTP_IF_NONE_MATCH=public_etag).status_code == 304
        api_client.cookies["csrftoken"] = "x"
        assert api_client.get(URL, HTTP_IF_NONE_MATCH=public_etag).status_code == 304
        del api_client.cookies["csrftoken"]
    assert len(dispatched) == 2 * 4 + 2


def test_a_kept_304_is_counted_against_the_anonymous_rate(world, api_client, settings, dispatched):
    settings.API_THROTTLE_ANON_RATE = "4/min"
    caches["default"].clear()
    etag = api_client.get(URL)["ETag"]
    by_the_api = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    dispatched.clear()
    again = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert (again.status_code, dispatched) == (304, [])
    assert (by_the_api["RateLimit-Remaining"], again["RateLimit-Remaining"]) == ("2", "1")
    assert again["RateLimit-Limit"] == "4" and int(again["RateLimit-Reset"]) in range(59, 61)

    def apart(response):
        return {name: value for name, value in response.items() if not name.startswith("RateLimit-")}

    assert apart(again) == apart(by_the_api)
    assert api_client.get(URL, HTTP_IF_NONE_MATCH=etag)["RateLimit-Remaining"] == "0"
    refused = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert (refused.status_code, refused["RateLimit-Remaining"], dispatched) == (429, "0", [URL])


def test_a_response_cache_hit_is_kept_as_a_hit(world, api_client, settings, monkeypatch, dispatched):
    settings.RESPONSE_CACHE = True
    caches["responses"].clear()
    monkeypatch.setattr(response_cache, "_hits", response_cache._Hits())
    etag = api_client.get(URL)["ETag"]  # a miss, kept
    hit = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert (hit.status_code, hit["X-Cache"]) == (304, "hit")
    again = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert (again.status_code, dispatched) == (304, [URL])  # only the first, to be kept
    assert dict(again.items()) == dict(hit.items())
    assert response_cache.stats()["hits"] == 2
    caches["responses"].clear()


def test_a_304_the_response_cache_calls_a_miss_is_not_kept(world, api_client, settings, dispatched):
    settings.RESPONSE_CACHE = True
    settings.RESPONSE_CACHE_MAX_BYTES = 10  # nothing is kept
    caches["responses"].clear()
    etag = api_client.get(URL)["ETag"]
    for _ in range(2):
        response = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
        assert (response.status_code, response["X-Cache"]) == (304, "miss")
    assert dispatched == [URL, URL, URL]


def test_at_most_so_many_304s_are_kept(world, api_client, monkeypatch):
    monkeypatch.setattr(fast_path, "ENTRIES", 2)
    for url in LISTS[:3]:
        etag = api_client.get(url)["ETag"]
        api_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert [identity[3] for identity in fast_path._kept] == LISTS[1:3]


def test_the_version_read_in_one_query_is_the_models(world):
    assert fast_path.read_data_version().stamp == DataVersion.current().stamp
    assert DataVersion.current().changed_at is not None
    DataVersion.objects.all().delete()
    assert fast_path.read_data_version().stamp == DataVersion.current().stamp == "0@"


# Committed data, for a connection of its own; the rows that migrations create are restored afterwards
# (serialized_rollback), as the tests that follow expect them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_connection_broken_since_the_last_request_is_replaced(world, api_client, django_assert_max_num_queries):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite connections do not break (Django does not check them either)")
    etag = api_client.get(URL)["ETag"]
    api_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    connection.connection.close()  # as a server that restarted, or a proxy that dropped it, leaves it
    # What Django does as each request starts (its test client leaves it out): the connection is to be checked.
    connection.health_check_done = False
    assert api_client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api_client.get(URL).status_code == 200


# ---------------------------------------------------------------- in front of Django (config/wsgi.py)


class Counting:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


@pytest.fixture
def django_handler():
    # As Django's test client does: the test's connection, inside its transaction, must not be closed.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield Counting()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def wsgi_get(application, url: str, **headers: str) -> tuple[str, dict[str, str], bytes]:
    path, _, query = url.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        **{f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()},
    }
    answer: dict = {}

    def start_response(status, response_headers, exc_info=None):
        answer.update(status=status, headers=response_headers)

    body = application(environ, start_response)
    content = b"".join(body)
    getattr(body, "close", lambda: None)()
    assert len({name.lower() for name, _ in answer["headers"]}) == len(answer["headers"])
    return answer["status"], dict(answer["headers"]), content


def test_in_front_of_django_a_repeated_304_is_the_same_whole_answer_in_one_query(
    world, django_handler, django_assert_num_queries
):
    application = FastPathApplication(django_handler)
    for url in LISTS + detail_urls(world) + ["/api/v1/meetings/?kind=visit&ordering=date"]:
        status, headers, _ = wsgi_get(application, url)
        assert status == "200 OK", url
        by_django = wsgi_get(application, url, **{"If-None-Match": headers["ETag"]})
        assert by_django[0] == "304 Not Modified"
        calls = django_handler.calls
        with django_assert_num_queries(1):
            again = wsgi_get(application, url, **{"If-None-Match": headers["ETag"]})
        assert (django_handler.calls, again) == (calls, by_django), url
        assert again[1]["X-Content-Type-Options"] == "nosniff"  # the security middleware's, before ours
    # Anything else is Django's: another request, a cookie, credentials, another version.
    etag = headers["ETag"]
    calls = django_handler.calls
    assert wsgi_get(application, url, **{"If-None-Match": etag, "Accept": "text/html"})[0] == "200 OK"
    assert wsgi_get(application, url, **{"If-None-Match": etag, "Cookie": "csrftoken=x"})[0] == "304 Not Modified"
    assert wsgi_get(application, url, **{"If-None-Match": etag, "Authorization": "Token nope"})[0].startswith("401")
    Topic.objects.create(slug="sanctions", name="Sanctions")
    assert wsgi_get(application, url, **{"If-None-Match": etag})[0] == "200 OK"
    assert django_handler.calls == calls + 4


def test_in_front_of_django_the_anonymous_rate_counts_and_a_cache_hit_stays_a_hit(
    world, django_handler, settings, monkeypatch
):
    settings.API_THROTTLE_ANON_RATE = "4/min"
    settings.RESPONSE_CACHE = True
    caches["default"].clear()
    caches["responses"].clear()
    monkeypatch.setattr(response_cache, "_hits", response_cache._Hits())
    application = FastPathApplication(django_handler)
    etag = wsgi_get(application, URL)[1]["ETag"]
    hit = wsgi_get(application, URL, **{"If-None-Match": etag})
    again = wsgi_get(application, URL, **{"If-None-Match": etag})
    assert (hit[0], hit[1]["X-Cache"], django_handler.calls) == ("304 Not Modified", "hit", 2)
    assert (hit[1]["RateLimit-Remaining"], again[1]["RateLimit-Remaining"]) == ("2", "1")
    assert {k: v for k, v in again[1].items() if k != "RateLimit-Remaining"} == {
        k: v for k, v in hit[1].items() if k != "RateLimit-Remaining"
    }
    assert response_cache.stats()["hits"] == 2
    wsgi_get(application, URL, **{"If-None-Match": etag})
    refused = wsgi_get(application, URL, **{"If-None-Match": etag})
    assert (refused[0], django_handler.calls) == ("429 Too Many Requests", 3)
    caches["responses"].clear()


def test_in_front_of_django_nothing_is_answered_with_read_replicas(world, django_handler, settings):
    settings.READ_REPLICAS = ["replica"]  # the middleware answers, after the replica middleware
    application = FastPathApplication(django_handler)
    assert fast_path._environ_identity({"REQUEST_METHOD": "GET", "HTTP_IF_NONE_MATCH": '"x"'}) is None
    settings.READ_REPLICAS = []
    assert fast_path._environ_identity({"REQUEST_METHOD": "GET", "HTTP_IF_NONE_MATCH": '"x"'}) is not None
    assert application.application is django_handler


def test_in_front_of_django_the_scheme_behind_a_proxy_names_the_request_and_a_failure_leaves_it_to_django(
    world, django_handler, settings, monkeypatch, caplog
):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_SCHEME", "https")
    application = FastPathApplication(django_handler)
    etag = wsgi_get(application, URL)[1]["ETag"]
    by_django = wsgi_get(application, URL, **{"If-None-Match": etag})
    calls = django_handler.calls
    assert wsgi_get(application, URL, **{"If-None-Match": etag}) == by_django
    assert django_handler.calls == calls
    wsgi_get(application, URL, **{"If-None-Match": etag, "X-Scheme": "https"})  # another request: Django's
    assert django_handler.calls == calls + 1

    def failing(*args):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(FastPathApplication, "answer", failing)
    assert wsgi_get(application, URL, **{"If-None-Match": etag}) == by_django
    assert django_handler.calls == calls + 2
    assert "The conditional fast path failed" in caplog.text
