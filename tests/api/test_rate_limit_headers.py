"""RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset on every answer of a counted request."""

import pytest
from rest_framework import throttling
from rest_framework.test import APIClient

from meetings.api import views
from meetings.api.throttling import AnonRateThrottle, Quota, announce

pytestmark = pytest.mark.django_db

HEADERS = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")
START = 1_800_000_000.0


class Clock:
    """The throttles' time, moved by hand."""

    def __init__(self):
        self.now = START

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(throttling.SimpleRateThrottle, "timer", staticmethod(clock))
    return clock


def rate_limit(response) -> tuple[int, int, int] | None:
    """The three headers as numbers; None when the answer has none of them."""
    present = [name for name in HEADERS if response.has_header(name)]
    if not present:
        return None
    assert present == list(HEADERS), f"only {present}"
    return tuple(int(response[name]) for name in HEADERS)


def test_each_request_counts_down_the_remaining_requests(settings, api_client):
    settings.API_THROTTLE_ANON_RATE = "3/min"
    answers = [api_client.get("/api/v1/topics/") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [rate_limit(a) for a in answers] == [(3, 2, 60), (3, 1, 60), (3, 0, 60), (3, 0, 60)]
    assert answers[-1]["Retry-After"] == "60"
    assert answers[-1].json() == {"detail": "Request was throttled. Expected available in 60 seconds."}


def test_reset_is_the_wait_until_the_oldest_counted_request_leaves_the_window(settings, api_client, clock):
    settings.API_THROTTLE_ANON_RATE = "3/min"
    seen = []
    for seconds in (0, 10, 15, 5, 30, 0.5):
        clock.advance(seconds)
        response = api_client.get("/api/v1/topics/")
        seen.append((response.status_code, rate_limit(response), response.get("Retry-After")))
    assert seen == [
        (200, (3, 2, 60), None),  # at 0
        (200, (3, 1, 50), None),  # at 10: the request at 0 leaves at 60
        (200, (3, 0, 35), None),  # at 25
        (429, (3, 0, 30), "30"),  # at 30: the 429's Reset is its Retry-After
        (200, (3, 0, 10), None),  # at 60: the request at 0 has left; the one at 10 leaves at 70
        (429, (3, 0, 10), "10"),  # at 60.5: 9.5 seconds, rounded up
    ]


def test_signed_in_users_see_their_own_rate(settings, reader_client):
    settings.API_THROTTLE_ANON_RATE = "2/min"
    settings.API_THROTTLE_USER_RATE = "5/hour"
    first, second = reader_client.get("/api/v1/topics/"), reader_client.get("/api/v1/meetings/")
    assert (rate_limit(first), rate_limit(second)) == ((5, 4, 3600), (5, 3, 3600))


def test_refusals_and_errors_after_counting_carry_the_headers_too(settings, api_client, curator_client, world):
    settings.API_THROTTLE_ANON_RATE = "10/min"
    settings.API_THROTTLE_USER_RATE = "20/min"
    missing = api_client.get("/api/v1/topics/no-such-topic/")
    bad = api_client.get("/api/v1/meetings/", {"date_after": "yesterday"})
    refused = curator_client.post("/api/v1/topics/", {"slug": "syria", "name": "Syria again"}, format="json")
    assert (missing.status_code, bad.status_code, refused.status_code) == (404, 400, 400)
    assert (rate_limit(missing), rate_limit(bad), rate_limit(refused)) == ((10, 9, 60), (10, 8, 60), (20, 19, 60))


def test_a_not_modified_answer_and_an_export_carry_them(settings, api_client, world):
    settings.API_THROTTLE_ANON_RATE = "10/min"
    first = api_client.get("/api/v1/topics/")
    again = api_client.get("/api/v1/topics/", HTTP_IF_NONE_MATCH=first["ETag"])
    export = api_client.get("/api/v1/export/")
    assert (again.status_code, export.status_code) == (304, 200)
    assert (rate_limit(again), rate_limit(export)) == ((10, 8, 60), (10, 7, 60))


def test_the_docs_count_and_say_so(settings, api_client):
    settings.API_THROTTLE_ANON_RATE = "10/min"
    schema = api_client.get("/api/schema/")
    assert schema.status_code == 200
    assert rate_limit(schema) == (10, 9, 60)


def test_requests_refused_before_they_are_counted_have_none(settings, api_client, reader_client):
    """Authentication and permissions are checked before the throttles: such a refusal costs no request."""
    settings.API_THROTTLE_ANON_RATE = "10/min"
    settings.API_THROTTLE_USER_RATE = "10/min"
    anonymous_write = api_client.post("/api/v1/topics/", {"slug": "trade", "name": "Trade"}, format="json")
    forbidden_write = reader_client.post("/api/v1/topics/", {"slug": "trade", "name": "Trade"}, format="json")
    assert (anonymous_write.status_code, forbidden_write.status_code) == (401, 403)
    assert (rate_limit(anonymous_write), rate_limit(forbidden_write)) == (None, None)
    # Neither counted: the next requests still have all but one left.
    assert rate_limit(api_client.get("/api/v1/topics/")) == (10, 9, 60)
    assert rate_limit(reader_client.get("/api/v1/topics/")) == (10, 9, 60)


def test_without_throttling_there_are_none(settings, api_client, reader_client):
    settings.API_THROTTLE_ANON_RATE = None
    settings.API_THROTTLE_USER_RATE = None
    assert rate_limit(api_client.get("/api/v1/topics/")) is None
    assert rate_limit(reader_client.get("/api/v1/topics/")) is None


def test_a_rate_switched_off_leaves_the_other_kind_of_client_its_headers(settings, api_client, reader_client):
    settings.API_THROTTLE_ANON_RATE = None
    settings.API_THROTTLE_USER_RATE = "7/min"
    assert rate_limit(api_client.get("/api/v1/topics/")) is None
    assert rate_limit(reader_client.get("/api/v1/topics/")) == (7, 6, 60)


def test_the_health_check_has_none(settings, client):
    settings.API_THROTTLE_ANON_RATE = "1/min"
    assert rate_limit(client.get("/healthz/")) is None


def test_unreachable_counters_give_no_headers(settings, api_client):
    settings.API_THROTTLE_ANON_RATE = "1/min"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    response = api_client.get("/api/v1/topics/")
    assert response.status_code == 200
    assert rate_limit(response) is None


class BurstThrottle(AnonRateThrottle):
    """A second limit for anonymous clients, over a shorter window."""

    scope = "anon_burst"
    rate_setting = "TEST_BURST_RATE"


def test_the_strictest_of_several_throttles_is_announced(settings, monkeypatch, clock):
    settings.API_THROTTLE_ANON_RATE = "5/min"
    settings.TEST_BURST_RATE = "2/s"
    monkeypatch.setattr(views.TopicViewSet, "throttle_classes", [AnonRateThrottle, BurstThrottle])
    client = APIClient()
    seen = []
    for seconds in (0, 0, 1, 0, 1, 0):
        clock.advance(seconds)
        response = client.get("/api/v1/topics/")
        seen.append((response.status_code, rate_limit(response), response.get("Retry-After")))
    assert seen == [
        (200, (2, 1, 1), None),  # the burst has 1 left, the minute 4
        (200, (2, 0, 1), None),  # 0 against 3
        (200, (2, 1, 1), None),  # at 1 s the burst's window is empty again: 1 against 2
        (200, (2, 0, 1), None),  # 0 against 1
        (200, (5, 0, 58), None),  # at 2 s: the burst has 1 left, the minute none
        (429, (5, 0, 58), "58"),  # both at 0 left: the longer wait is the stricter
    ]


def test_of_two_quotas_the_one_with_fewer_left_or_a_longer_wait_wins():
    class View:
        headers: dict = {}

    view = View()
    view.headers = {"Allow": "GET"}
    announce(view, Quota(limit=100, remaining=50, reset=10))
    announce(view, Quota(limit=10, remaining=60, reset=1))  # more left: not stricter
    assert view.headers == {
        "Allow": "GET",
        "RateLimit-Limit": "100",
        "RateLimit-Remaining": "50",
        "RateLimit-Reset": "10",
    }
    announce(view, Quota(limit=1000, remaining=50, reset=30))  # as many left, a longer wait
    assert (view.headers["RateLimit-Limit"], view.headers["RateLimit-Reset"]) == ("1000", "30")
    announce(view, Quota(limit=3, remaining=0, reset=2))
    assert [view.headers[name] for name in HEADERS] == ["3", "0", "2"]


def test_after_the_rate_is_lowered_reset_waits_for_enough_requests_to_leave(settings, api_client, clock):
    settings.API_THROTTLE_ANON_RATE = "5/min"
    for _ in range(4):  # at 0, 10, 20 and 30
        api_client.get("/api/v1/topics/")
        clock.advance(10)
    settings.API_THROTTLE_ANON_RATE = "2/min"
    response = api_client.get("/api/v1/topics/")  # at 40: four counted, two allowed
    # One is let in when only one is left: when the request at 20 leaves, at 80.
    assert (response.status_code, rate_limit(response)) == (429, (2, 0, 40))
