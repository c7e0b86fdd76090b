"""The response cache: public GET answers of the API, kept under the data version and served without the framework.

The data only changes when a curator saves, and every save bumps the data version
(meetings.models.DataVersion), so an answer kept under the version it was made from is right for as
long as that version stands, and nothing ever needs purging: the next save makes a new key, and the
old entries age out (``RESPONSE_CACHE_SECONDS``) or are pushed out (the ``responses`` cache's bound).

``ResponseCacheMiddleware`` looks up an anonymous GET or HEAD under ``/api/v1/`` by the data
version, the host, the path with its query in canonical order, and the ``Accept`` header. On a hit
it answers from the cache (a 304 when ``If-None-Match`` names the kept answer's ETag, read from the
kept headers without the body) after counting the request against the anonymous rate, as the API
would: one query, no view, and none of the middleware after it (sessions, CSRF, authentication). On a miss
the API answers, and a 200 that names a data version (it carries an ``ETag``), is not streamed, sets
no cookie and is at most ``RESPONSE_CACHE_MAX_BYTES`` is kept. Answers for anyone who sends
credentials or a session cookie (curators may see drafts) are never looked up or kept.

``X-Cache: hit`` or ``miss`` says which, and ``stats()`` counts hits, misses and the bytes kept
(``/healthz/`` shows them). ``DJANGO_RESPONSE_CACHE=0`` switches it off.
"""

import hashlib
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from redis.exceptions import RedisError

from meetings.models import DataVersion

from .throttling import AnonRateThrottle

logger = logging.getLogger(__name__)

PREFIX = "/api/v1/"
NOT_KEPT = ("/api/v1/export/",)  # the exports are files of their own, served as they are
# Headers an answer is not kept with: who is counted how, which database answered, what the cache did.
UNKEPT_HEADERS = {"ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "x-served-by", "x-cache", "set-cookie"}
STATS = ("hits", "misses", "bytes")
UNAVAILABLE = (RedisError, OSError)


def _cache():
    return caches["responses"]


def cacheable_request(request) -> bool:
    if not settings.RESPONSE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if not request.path.startswith(PREFIX) or request.path.startswith(NOT_KEPT):
        return False
    return "Authorization" not in request.headers and settings.SESSION_COOKIE_NAME not in request.COOKIES


def key(request, stamp: str) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    identity = "|".join(
        [stamp, request.scheme, request.get_host(), request.path, query, request.headers.get("Accept", "")]
    )
    return "response:" + hashlib.sha256(identity.encode()).hexdigest()


def stats() -> dict[str, int]:
    """Hits, misses and bytes kept since the counters started (per process without a shared cache)."""
    counted = _cache().get_many([f"stats:{name}" for name in STATS])
    return {name: counted.get(f"stats:{name}", 0) for name in STATS}


def _count(name: str, amount: int = 1) -> None:
    cache = _cache()
    try:
        cache.incr(f"stats:{name}", amount)
    except ValueError:  # not there yet
        cache.add(f"stats:{name}", 0, timeout=None)
        cache.incr(f"stats:{name}", amount)
    except UNAVAILABLE:
        pass  # counters are a convenience: never a reason to fail a request


class _Throttled:
    """What the anonymous throttle needs of a view: where to put the RateLimit headers it announces."""

    def __init__(self):
        self.headers: dict[str, str] = {}


class ResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        try:
            version = DataVersion.current()
        except DatabaseError:
            return self.get_response(request)  # the API answers (a 503) as it would without the cache
        # The view's validators read the same version from here rather than asking again.
        request.current_data_version = version
        entry_key = key(request, version.stamp)
        try:
            kept = _cache().get(f"{entry_key}:headers")
            answer = None if kept is None else self.from_cache(request, kept, entry_key)
        except UNAVAILABLE as error:  # a cache that does not answer must not fail the request
            logger.warning("Response cache unavailable: %s", error)
            return self.get_response(request)
        if answer is not None:
            return answer
        if kept is None:
            _count("misses")
        response = self.get_response(request)
        self.keep(request, response, entry_key)
        return response

    def from_cache(self, request, headers: dict, entry_key: str) -> HttpResponse | None:
        """The kept answer, or a 304 (read without its body), counted against the anonymous rate; None when
        the API is to answer instead (the client is over its rate, or the body is no longer kept)."""
        if not hasattr(request, "user"):
            request.user = AnonymousUser()  # only requests without credentials or a session come here
        view = _Throttled()
        if not AnonRateThrottle().allow_request(request, view):
            return None  # over its rate: the API answers the 429 (a refused request is not counted twice)
        last_modified = parse_http_date_safe(headers.get("Last-Modified", ""))
        stub = HttpResponse()
        answer = get_conditional_response(request, etag=headers.get("ETag"), last_modified=last_modified, response=stub)
        if answer is stub:
            content = _cache().get(f"{entry_key}:body")
            if content is None:
                return None
            answer = HttpResponse(content)
        _count("hits")
        for name, value in headers.items():
            if answer.status_code == 304 and name == "Content-Type":
                continue
            answer[name] = value
        for name, value in view.headers.items():
            answer[name] = value
        answer["X-Cache"] = "hit"
        return answer

    def keep(self, request, response, entry_key: str) -> None:
        response["X-Cache"] = "miss"
        if (
            response.status_code != 200
            or response.streaming
            or not response.has_header("ETag")
            or response.cookies
            or len(response.content) > settings.RESPONSE_CACHE_MAX_BYTES
        ):
            return
        headers = {name: value for name, value in response.items() if name.lower() not in UNKEPT_HEADERS}
        # The headers apart from the body: a 304 is answered from them alone.
        entry = {f"{entry_key}:headers": headers, f"{entry_key}:body": response.content}
        try:
            _cache().set_many(entry, timeout=settings.RESPONSE_CACHE_SECONDS)
            _count("bytes", len(response.content))
        except UNAVAILABLE as error:
            logger.warning("Response cache unavailable: %s", error)
