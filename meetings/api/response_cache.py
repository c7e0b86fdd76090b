"""The response cache: public GET answers of the API, kept under the data version and served without the framework.

The data only changes when a curator saves, and every save bumps the data version
(meetings.models.DataVersion), so an answer kept under the version it was made from is right for as
long as that version stands, and nothing ever needs purging: the next save makes a new key, and the
old entries age out (``RESPONSE_CACHE_SECONDS``) or are pushed out (the ``responses`` cache's bound).

``ResponseCacheMiddleware`` looks up an anonymous GET or HEAD under ``/api/v1/`` by the data
version, the host, the path with its query in canonical order, and the ``Accept`` header. On a hit
it answers from the cache (a 304 when ``If-None-Match`` names the kept answer's ETag, read from the
kept headers without the body; a 200's headers and body in one round trip) after counting the
request against the anonymous rate, as the API would: one query, no view, and none of the
middleware after it (sessions, CSRF, authentication). The same 304 asked again is answered before
this middleware (meetings.api.fast_path), without a round trip to the cache. On a miss
the API answers, and a 200 that names a data version (it carries an ``ETag``), sets no cookie and is at
most ``RESPONSE_CACHE_MAX_BYTES`` is kept; a streamed one (CSV, NDJSON) once it has gone to the client
whole, and a hit answers it with the same bytes in one piece. Answers for anyone who sends
credentials or a session cookie (curators may see drafts) are never looked up or kept.

``X-Cache: hit`` or ``miss`` says which, and ``stats()`` counts hits, misses and the bytes kept
(``/healthz/`` shows them; hits are counted in each process and added to the shared counter with
its next hit a second or more later, or when it ends). ``DJANGO_RESPONSE_CACHE=0`` switches it off.
"""

import atexit
import hashlib
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from redis.exceptions import RedisError

from .fast_path import allowed, current_data_version

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
    """Hits, misses and bytes kept since the counters started (per process without a shared cache).

    Hits are counted in each process and added to the shared counter with its next hit
    ``HITS_FLUSH_SECONDS`` or more later, or when it ends (a round trip per hit would cost a 304 half as
    much again): this process's own are all here."""
    counted = _cache().get_many([f"stats:{name}" for name in STATS])
    found = {name: counted.get(f"stats:{name}", 0) for name in STATS}
    found["hits"] += _hits.pending
    return found


def _count(name: str, amount: int = 1) -> None:
    cache = _cache()
    try:
        cache.incr(f"stats:{name}", amount)
    except ValueError:  # not there yet
        cache.add(f"stats:{name}", 0, timeout=None)
        cache.incr(f"stats:{name}", amount)
    except UNAVAILABLE:
        pass  # counters are a convenience: never a reason to fail a request


HITS_FLUSH_SECONDS = 1.0


class _Hits:
    """Hits counted in this process, not yet added to the shared counter."""

    pending = 0
    flushed_at = 0.0


_hits = _Hits()


def count_hit() -> None:
    _hits.pending += 1
    if time.monotonic() - _hits.flushed_at >= HITS_FLUSH_SECONDS:
        flush_hits()


@atexit.register
def flush_hits() -> None:
    pending, _hits.pending, _hits.flushed_at = _hits.pending, 0, time.monotonic()
    if pending:
        _count("hits", pending)


class ResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        try:
            # Read once a request: the view's validators take it from the request rather than asking again.
            version = current_data_version(request)
        except DatabaseError:
            return self.get_response(request)  # the API answers (a 503) as it would without the cache
        entry_key = key(request, version.stamp)
        try:
            if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
                kept, body = _cache().get(f"{entry_key}:headers"), None  # a 304 is answered without the body
            else:  # a 200 most likely: both in one round trip
                found = _cache().get_many([f"{entry_key}:headers", f"{entry_key}:body"])
                kept, body = found.get(f"{entry_key}:headers"), found.get(f"{entry_key}:body")
            answer = None if kept is None else self.from_cache(request, kept, entry_key, body)
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

    def from_cache(self, request, headers: dict, entry_key: str, body: bytes | None) -> HttpResponse | None:
        """The kept answer, or a 304 (read without its body), counted against the anonymous rate; None when
        the API is to answer instead (the client is over its rate, or the body is no longer kept)."""
        rate = allowed(request)
        if rate is None:
            return None  # over its rate: the API answers the 429 (a refused request is not counted twice)
        last_modified = parse_http_date_safe(headers.get("Last-Modified", ""))
        stub = HttpResponse()
        answer = get_conditional_response(request, etag=headers.get("ETag"), last_modified=last_modified, response=stub)
        if answer is stub:
            content = body if body is not None else _cache().get(f"{entry_key}:body")
            if content is None:
                return None
            answer = HttpResponse(content)
        count_hit()
        # The version the kept answer names (meetings.api.fast_path keeps a 304 under it).
        request.data_version = request.current_data_version.stamp
        for name, value in headers.items():
            if answer.status_code == 304 and name == "Content-Type":
                continue
            answer[name] = value
        for name, value in rate.items():
            answer[name] = value
        answer["X-Cache"] = "hit"
        return answer

    def keep(self, request, response, entry_key: str) -> None:
        response["X-Cache"] = "miss"
        if response.status_code != 200 or not response.has_header("ETag") or response.cookies:
            return
        headers = {name: value for name, value in response.items() if name.lower() not in UNKEPT_HEADERS}
        if response.streaming:  # CSV and NDJSON: kept once streamed to the end, if no larger than the bound
            response.streaming_content = self._kept_as_streamed(response.streaming_content, headers, entry_key)
        elif len(response.content) <= settings.RESPONSE_CACHE_MAX_BYTES:
            self._store(entry_key, headers, response.content)

    def _kept_as_streamed(self, chunks, headers: dict, entry_key: str):
        """The stream as it goes to the client; its bytes kept when it ends whole and within the bound (a
        client that goes away midway leaves nothing kept)."""
        kept: list[bytes] | None = []
        size = 0
        for chunk in chunks:
            if kept is not None:
                size += len(chunk)
                if size <= settings.RESPONSE_CACHE_MAX_BYTES:
                    kept.append(chunk)
                else:
                    kept = None
            yield chunk
        if kept is not None:
            self._store(entry_key, headers, b"".join(kept))

    @staticmethod
    def _store(entry_key: str, headers: dict, content: bytes) -> None:
        # The headers apart from the body: a 304 is answered from them alone.
        entry = {f"{entry_key}:headers": headers, f"{entry_key}:body": content}
        try:
            _cache().set_many(entry, timeout=settings.RESPONSE_CACHE_SECONDS)
            _count("bytes", len(content))
        except UNAVAILABLE as error:
            logger.warning("Response cache unavailable: %s", error)
