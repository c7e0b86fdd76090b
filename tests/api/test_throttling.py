"""Throttling: anonymous clients by address, users by account, rates from the settings at each request."""

import socket
import uuid

import pytest
from django.core.cache.backends import redis as redis_cache
from django.core.exceptions import ImproperlyConfigured
from rest_framework import throttling
from rest_framework.test import APIClient

from config.settings import env_cache, env_int, env_throttle_rate
from meetings.cache import RedisCache

pytestmark = pytest.mark.django_db

NOW = 1_800_000_000.0
THROTTLED = {"detail": "Request was throttled. Expected available in 60 seconds."}


@pytest.fixture(autouse=True)
def _frozen_clock(monkeypatch):
    # Every request happens at the same instant, so the wait announced is exactly the window.
    monkeypatch.setattr(throttling.SimpleRateThrottle, "timer", staticmethod(lambda: NOW))


def assert_throttled(response):
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response["Content-Type"] == "application/json"
    assert response.json() == THROTTLED


def test_the_request_after_the_anonymous_rate_is_a_429_with_retry_after(settings, api_client):
    settings.API_THROTTLE_ANON_RATE = "3/min"
    for _ in range(3):
        assert api_client.get("/api/v1/topics/").status_code == 200
    assert_throttled(api_client.get("/api/v1/topics/"))
    # The count is per client, not per URL.
    assert_throttled(api_client.get("/api/v1/meetings/"))


def test_anonymous_clients_are_counted_by_address(settings):
    settings.API_THROTTLE_ANON_RATE = "2/min"
    first, second = APIClient(REMOTE_ADDR="192.0.2.1"), APIClient(REMOTE_ADDR="192.0.2.2")
    for _ in range(2):
        assert first.get("/api/v1/topics/").status_code == 200
    assert first.get("/api/v1/topics/").status_code == 429
    assert second.get("/api/v1/topics/").status_code == 200


def test_without_proxies_a_forwarded_for_header_does_not_escape_the_limit(settings):
    settings.API_THROTTLE_ANON_RATE = "2/min"
    client = APIClient(REMOTE_ADDR="192.0.2.1")
    for n in range(2):
        assert client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code == 200
    assert client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 429


def test_behind_one_proxy_clients_are_told_apart_by_forwarded_for(settings):
    settings.API_THROTTLE_ANON_RATE = "2/min"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = APIClient(REMOTE_ADDR="10.0.0.1")
    for _ in range(2):
        assert proxy.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert proxy.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    assert proxy.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


def test_users_are_counted_by_account_at_their_own_rate(settings, reader, curator):
    settings.API_THROTTLE_ANON_RATE = "2/min"
    settings.API_THROTTLE_USER_RATE = "4/min"
    reader_client, curator_client, anonymous = APIClient(), APIClient(), APIClient()
    reader_client.force_authenticate(reader)
    curator_client.force_authenticate(curator)
    for _ in range(4):
        assert reader_client.get("/api/v1/topics/").status_code == 200
    assert_throttled(reader_client.get("/api/v1/topics/"))
    # Another account from the same address has its own count, and so do anonymous requests.
    assert curator_client.get("/api/v1/topics/").status_code == 200
    for _ in range(2):
        assert anonymous.get("/api/v1/topics/").status_code == 200
    assert anonymous.get("/api/v1/topics/").status_code == 429
    assert curator_client.get("/api/v1/topics/").status_code == 200


def test_writes_count_against_the_user_rate(settings, curator_client):
    settings.API_THROTTLE_USER_RATE = "1/min"
    created = curator_client.post("/api/v1/topics/", {"slug": "sanctions", "name": "Sanctions"}, format="json")
    assert created.status_code == 201
    assert_throttled(curator_client.post("/api/v1/topics/", {"slug": "trade", "name": "Trade"}, format="json"))


def test_a_throttled_csv_request_is_answered_in_json(settings, api_client):
    settings.API_THROTTLE_ANON_RATE = "1/min"
    assert api_client.get("/api/v1/topics/", {"format": "csv"}).status_code == 200
    assert_throttled(api_client.get("/api/v1/topics/", {"format": "csv"}))


def test_off_lets_every_request_through(settings, api_client, reader_client):
    settings.API_THROTTLE_ANON_RATE = None
    settings.API_THROTTLE_USER_RATE = None
    for _ in range(30):
        assert api_client.get("/api/v1/topics/").status_code == 200
        assert reader_client.get("/api/v1/topics/").status_code == 200


def test_switching_one_rate_off_leaves_the_other(settings, api_client, reader_client):
    settings.API_THROTTLE_ANON_RATE = None
    settings.API_THROTTLE_USER_RATE = "1/min"
    for _ in range(5):
        assert api_client.get("/api/v1/topics/").status_code == 200
    assert reader_client.get("/api/v1/topics/").status_code == 200
    assert reader_client.get("/api/v1/topics/").status_code == 429


def test_the_health_check_is_never_throttled(settings, client):
    settings.API_THROTTLE_ANON_RATE = "1/min"
    for _ in range(5):
        assert client.get("/healthz/").status_code == 200


def test_unreachable_counters_let_requests_through(settings, api_client, caplog):
    settings.API_THROTTLE_ANON_RATE = "1/min"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    for _ in range(3):
        assert api_client.get("/api/v1/topics/").status_code == 200
    assert [r.levelname for r in caplog.records if r.name == "meetings.api.throttling"] == ["WARNING"] * 3


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_counts_in_redis_are_shared_by_every_process(settings, monkeypatch):
    """Two cache clients, as two gunicorn workers would have, see one count."""
    from django.core.cache.backends.redis import RedisCache

    settings.API_THROTTLE_ANON_RATE = "2/min"
    options = env_cache_for("redis://127.0.0.1:6379/0")["default"]
    prefix = f"test-{uuid.uuid4().hex}"
    workers = [RedisCache(options["LOCATION"], {**options, "KEY_PREFIX": prefix}) for _ in range(2)]
    client = APIClient(REMOTE_ADDR="192.0.2.7")
    answers = []
    try:
        for n in range(3):
            monkeypatch.setattr(throttling.SimpleRateThrottle, "cache", workers[n % 2])
            answers.append(client.get("/api/v1/topics/").status_code)
    finally:
        workers[0].delete("throttle_anon_192.0.2.7")
    assert answers == [200, 200, 429]


def env_cache_for(url: str) -> dict:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_CACHE_URL", url)
        return env_cache("DJANGO_CACHE_URL")


# ------------------------------------------------------------------ settings from the environment


@pytest.mark.parametrize(
    ("value", "rate"),
    [
        (None, "200/min"),
        ("", "200/min"),
        ("off", None),
        (" OFF ", None),
        ("50/hour", "50/hour"),
        ("5/s", "5/s"),
        ("10000/day", "10000/day"),
    ],
)
def test_throttle_rates_are_read_from_the_environment(monkeypatch, value, rate):
    if value is None:
        monkeypatch.delenv("DJANGO_THROTTLE_ANON_RATE", raising=False)
    else:
        monkeypatch.setenv("DJANGO_THROTTLE_ANON_RATE", value)
    assert env_throttle_rate("DJANGO_THROTTLE_ANON_RATE", "200/min") == rate


@pytest.mark.parametrize("value", ["fast", "100", "0/min", "100/week", "-5/min", "100 per minute"])
def test_an_unreadable_throttle_rate_fails_at_start_up(monkeypatch, value):
    monkeypatch.setenv("DJANGO_THROTTLE_USER_RATE", value)
    with pytest.raises(ImproperlyConfigured) as error:
        env_throttle_rate("DJANGO_THROTTLE_USER_RATE", "1000/min")
    assert str(error.value) == (
        "DJANGO_THROTTLE_USER_RATE must be a number of requests per s, min, hour or day (such as 200/min), "
        f"or off; not {value.strip().lower()!r}."
    )


def test_without_a_cache_url_counts_stay_in_local_memory(monkeypatch):
    monkeypatch.delenv("DJANGO_CACHE_URL", raising=False)
    monkeypatch.delenv("DJANGO_RESPONSE_CACHE_ENTRIES", raising=False)
    assert env_cache("DJANGO_CACHE_URL") == {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # The response cache apart, bounded on its own (meetings/api/response_cache.py).
        "responses": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "responses",
            "OPTIONS": {"MAX_ENTRIES": 500},
        },
    }


def test_a_redis_cache_url_selects_django_redis_cache():
    # Django's Redis cache, with one client per connection pool (meetings/cache.py).
    assert env_cache_for("redis://cache:6379/1") == {
        "default": {
            "BACKEND": "meetings.cache.RedisCache",
            "LOCATION": "redis://cache:6379/1",
            "KEY_PREFIX": "meetings",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
        "responses": {
            "BACKEND": "meetings.cache.RedisCache",
            "LOCATION": "redis://cache:6379/1",
            "KEY_PREFIX": "meetings-responses",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }


def test_the_redis_cache_makes_one_client_per_connection_pool_not_one_per_operation():
    cache = RedisCache("redis://cache:6379/1", {"OPTIONS": {"socket_connect_timeout": 1}})
    client = cache._cache.get_client("a", write=True)
    assert cache._cache.get_client("b") is client
    assert client.connection_pool is cache._cache._get_connection_pool(write=True)
    assert isinstance(cache, redis_cache.RedisCache)  # otherwise Django's own


def test_a_cache_url_of_another_kind_fails_at_start_up():
    with pytest.raises(ImproperlyConfigured, match="DJANGO_CACHE_URL must be a redis://"):
        env_cache_for("memcached://cache:11211")


@pytest.mark.parametrize(("value", "number"), [(None, 0), ("", 0), ("0", 0), ("2", 2)])
def test_the_number_of_proxies_is_read_from_the_environment(monkeypatch, value, number):
    if value is None:
        monkeypatch.delenv("DJANGO_NUM_PROXIES", raising=False)
    else:
        monkeypatch.setenv("DJANGO_NUM_PROXIES", value)
    assert env_int("DJANGO_NUM_PROXIES", 0) == number


@pytest.mark.parametrize("value", ["one", "-1", "1.5"])
def test_an_unreadable_number_fails_at_start_up(monkeypatch, value):
    monkeypatch.setenv("DJANGO_NUM_PROXIES", value)
    with pytest.raises(ImproperlyConfigured, match=r"DJANGO_NUM_PROXIES must be a whole number of 0 or more"):
        env_int("DJANGO_NUM_PROXIES", 0)
