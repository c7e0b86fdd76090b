"""Conditional requests answered before the framework: a repeated anonymous 304 costs one query and no view.

An ETag names a representation of one state of the data (meetings.api.conditional). For a request
without credentials or cookies, which ETag it earns and every header of its 304 depend only on the
data version and on the request itself (method, scheme, host, path, raw query string, ``Accept``
and ``Origin``): every change to the data bumps the version, and a detail's record version with it.
So when the API answers such a request 304, ``ConditionalFastPathMiddleware`` keeps, in the worker,
that 304's ETag, Last-Modified and headers and the data version it was answered under, one entry
per request (the latest), at most ``ENTRIES``. When the same request comes again it reads the data
version (one query, where the request's reads go: nothing stale is ever answered), and if it is
still the kept one and the request's validators match the kept ones by the same rules
(``get_conditional_response``), answers that 304 again, counted against the anonymous rate as the
API counts it: none of the middleware after this one, no authentication, content negotiation or
view. Anything else goes on to the API as before: a request never answered 304 here without even
the version's query; another version, validators that do not match (a 200, or a 412), a client over
its rate (the API's 429) after it, the API then taking the version from the request, not asking
again (a detail's 304 asks for it with its record's version: two queries, once per change).

The middleware sits just after the replica middleware, so that the version is read where the API
would read it and the headers the middleware before it add are added alike; what the middleware
after it add is in the kept headers, which is why ``Origin`` (CORS) is part of the request, and why
a request with a cookie or an ``Authorization`` header, or any while ``DISALLOWED_USER_AGENTS`` is
set, is never answered here. A 304 the response cache answered as a hit is kept as one (X-Cache:
hit, and counted as a hit); one it calls a miss is not kept. ``DJANGO_CONDITIONAL_FAST_PATH=0``
switches it off.

``FastPathApplication`` (config/wsgi.py) does the same in front of Django's request handling, when
there are no read replicas: each 304 the middleware kept or answered is kept again with the whole
answer's headers as the WSGI server got them, under the raw WSGI request, and answered from there
(Django's request_started and request_finished signals sent around it, for the connections' age and
health): about a third less CPU a 304 than from the middleware.
"""

import logging
from collections import OrderedDict
from contextlib import suppress
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signals
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.db import DatabaseError, InterfaceError, OperationalError, connections, router
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from meetings.models import DataVersion

logger = logging.getLogger(__name__)

PREFIX = "/api/v1/"
# Headers that belong to one request, not to the representation: the anonymous rate's standing.
PER_REQUEST = frozenset({"ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"})
# 304s kept per worker process (the oldest used goes first): a few hundred bytes each.
ENTRIES = 2000


class Kept(NamedTuple):
    stamp: str  # the data version it was answered under
    etag: str | None
    last_modified: int | None
    headers: tuple[tuple[str, str], ...]
    hit: bool  # the response cache answered it (X-Cache: hit): counted as a hit again


_kept: OrderedDict[tuple, Kept] = OrderedDict()
# The same 304s with every header of the whole answer, by the WSGI environ's request (FastPathApplication).
_answers: OrderedDict[tuple, Kept] = OrderedDict()
# Where the middleware tells the WSGI application that the 304 it is sending is kept.
KEPT = "meetings.fast_path.kept"


def forget(**kwargs) -> None:
    """Drop every kept 304 (settings changed: the headers they were answered with may differ now)."""
    _kept.clear()
    _answers.clear()


setting_changed.connect(forget, dispatch_uid="meetings.api.fast_path.forget")


# ---------------------------------------------------------------- the data version, in one query


_queries: dict[str, str] = {}  # the version's query, by database alias


def _query(connection) -> str:
    query = _queries.get(connection.alias)
    if query is None:
        quote = connection.ops.quote_name
        columns = (quote(DataVersion._meta.get_field(name).column) for name in ("version", "changed_at", "id"))
        version, changed_at, pk = columns
        query = _queries[connection.alias] = (
            f"SELECT {version}, {changed_at} FROM {quote(DataVersion._meta.db_table)} WHERE {pk} = 1"
        )
    return query


def _fetch(connection) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(_query(connection))
        return cursor.fetchone()


def read_data_version() -> DataVersion:
    """The data version (as ``DataVersion.current()``), read where the request's reads go, in one query.

    Django's connection health check (``conn_health_checks``) sends ``SELECT 1`` before the first
    query of each request. Here the version's query is that check: on a connection kept from an
    earlier request it is sent as it is, and if the connection turns out broken, sent again once on a
    new one (a read on its own, in autocommit, can be). The rest of the request then uses the
    connection unchecked, as it would after Django's own check.
    """
    connection = connections[router.db_for_read(DataVersion)]
    retry = (
        connection.connection is not None
        and connection.health_check_enabled
        and not connection.health_check_done
        and not connection.in_atomic_block
    )
    if retry:
        connection.health_check_done = True
    try:
        row = _fetch(connection)
    except (OperationalError, InterfaceError):
        if not retry:
            raise
        try:
            connection.close()
        except DatabaseError:
            connection.connection = None
        row = _fetch(connection)
    if row is None:  # nothing has changed since the database was made
        return DataVersion(pk=1, version=0, changed_at=None)
    version, changed_at = row
    # As the ORM reads it: SQLite gives a naive time (or text), made aware here; PostgreSQL an aware one.
    convert = getattr(connection.ops, "convert_datetimefield_value", None)
    if convert is not None:
        changed_at = convert(changed_at, None, connection)
    return DataVersion(pk=1, version=version, changed_at=changed_at)


def current_data_version(request) -> DataVersion:
    """The data version for this request: read once, by whichever comes first of this middleware and the
    response cache, and then taken from the request by the other and by the view's validators."""
    version = getattr(request, "current_data_version", None)
    if version is None:
        version = request.current_data_version = read_data_version()
    return version


# ---------------------------------------------------------------- the middleware


def _identity(request) -> tuple | None:
    """What, besides the data version, names the 304 a request gets; None when it is not answered here."""
    meta = request.META
    if (
        request.method not in ("GET", "HEAD")
        or not request.path.startswith(PREFIX)
        or ("HTTP_IF_NONE_MATCH" not in meta and "HTTP_IF_MODIFIED_SINCE" not in meta)
        or "HTTP_AUTHORIZATION" in meta
        or meta.get("HTTP_COOKIE")
        or settings.DISALLOWED_USER_AGENTS
        or not settings.CONDITIONAL_FAST_PATH
    ):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # the API answers the 400
    return (
        request.method,
        request.scheme,
        host,
        request.path,
        meta.get("QUERY_STRING", ""),
        meta.get("HTTP_ACCEPT"),
        meta.get("HTTP_ORIGIN"),
    )


class _Throttled:
    """What the anonymous throttle needs of a view: where to put the RateLimit headers it announces."""

    def __init__(self):
        self.headers: dict[str, str] = {}


def allowed(request) -> dict[str, str] | None:
    """Count ``request`` against the anonymous rate as the API would: the RateLimit headers to answer with,
    or None when the client is over its rate (the API then answers the 429; a refused request is not
    counted)."""
    from .throttling import AnonRateThrottle

    if not hasattr(request, "user"):
        request.user = AnonymousUser()  # only requests without credentials or a session come here
    view = _Throttled()
    if not AnonRateThrottle().allow_request(request, view):
        return None
    return view.headers


class ConditionalFastPathMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        identity = _identity(request)
        kept = None if identity is None else _kept.get(identity)
        if kept is None:  # not a request answered here, or never answered 304 yet: the API's, as before
            response = self.get_response(request)
            if identity is not None:
                self.keep(request, identity, response)
            return response
        try:
            version = current_data_version(request)
        except DatabaseError:
            return self.get_response(request)  # the API answers (a 503) as it would
        if version.stamp == kept.stamp:
            with suppress(KeyError):  # pushed out meanwhile by another thread
                _kept.move_to_end(identity)
            answer = self.answer(request, kept)
            if answer is not None:
                return answer
        response = self.get_response(request)
        self.keep(request, identity, response)
        return response

    def answer(self, request, kept: Kept) -> HttpResponse | None:
        """The kept 304 for ``request``, or None when the API is to answer (validators that do not match, or a
        client over its rate)."""
        response = get_conditional_response(request, etag=kept.etag, last_modified=kept.last_modified)
        if response is None or response.status_code != 304:
            return None  # a 200, or a failed If-Match or If-Unmodified-Since (412): the API answers
        rate = allowed(request)
        if rate is None:
            return None
        for name, value in kept.headers:
            response.headers[name] = value
        for name, value in rate.items():
            response.headers[name] = value
        if kept.hit:
            from . import response_cache

            response_cache.count_hit()
        request.META[KEPT] = kept  # the WSGI application keeps the whole answer
        return response

    def keep(self, request, identity: tuple, response) -> None:
        """Keep a 304 the API answered, under the data version it was answered from."""
        stamp = getattr(request, "data_version", None)  # set by the validators (or the response cache's hit)
        if response.status_code != 304 or stamp is None or response.cookies or response.get("X-Cache") == "miss":
            return
        etag = response.get("ETag")
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        headers = tuple((name, value) for name, value in response.items() if name.lower() not in PER_REQUEST)
        kept = request.META[KEPT] = Kept(stamp, etag, last_modified, headers, response.get("X-Cache") == "hit")
        _remember(_kept, identity, kept)


def _remember(entries: OrderedDict, identity: tuple, kept: Kept) -> None:
    entries[identity] = kept
    entries.move_to_end(identity)
    while len(entries) > ENTRIES:
        entries.popitem(last=False)


# ---------------------------------------------------------------- before Django itself


# What of the WSGI environ Django reads to name the request (method, scheme, host, path, query) and what
# the answer depends on (Accept, Origin): the raw values, a superset of what the middleware's identity holds.
ENVIRON = (
    "REQUEST_METHOD",
    "wsgi.url_scheme",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_SSL",
    "HTTP_HOST",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "SERVER_NAME",
    "SERVER_PORT",
    "SCRIPT_NAME",
    "SCRIPT_URL",
    "REDIRECT_URL",
    "PATH_INFO",
    "QUERY_STRING",
    "HTTP_ACCEPT",
    "HTTP_ORIGIN",
)


def _environ_identity(environ) -> tuple | None:
    if (
        environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
        or ("HTTP_IF_NONE_MATCH" not in environ and "HTTP_IF_MODIFIED_SINCE" not in environ)
        or "HTTP_AUTHORIZATION" in environ
        or environ.get("HTTP_COOKIE")
        or settings.READ_REPLICAS  # the version is read where the replica middleware sends the reads
        or settings.DISALLOWED_USER_AGENTS
        or not settings.CONDITIONAL_FAST_PATH
    ):
        return None
    # And whatever header names the scheme behind a proxy, if another (SECURE_PROXY_SSL_HEADER).
    proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    return (*(environ.get(name) for name in ENVIRON), environ.get(proxy[0]) if proxy else None)


class FastPathApplication:
    """The WSGI application in front of Django's: a kept 304 again, without Django's request handling.

    The middleware's 304s, with every header of the whole answer as the WSGI server was given it (the
    security middleware's included), kept under the WSGI environ's raw request. The same request
    again is answered here as the middleware would answer it (the data version read, the validators
    checked, the anonymous rate counted), with Django's request_started and request_finished signals
    sent around it, as Django's handler sends them (the database connections' age and health).
    Not with read replicas: the middleware answers there, after the replica middleware.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        identity = _environ_identity(environ)
        if identity is None:
            return self.application(environ, start_response)
        kept = _answers.get(identity)
        if kept is not None:
            try:
                answer = self.answer(environ, identity, kept)
            except Exception:  # only ever a shortcut: Django answers instead
                logger.exception("The conditional fast path failed; the request goes to Django")
                answer = None
            if answer is not None:
                start_response("304 Not Modified", answer)
                return []

        def learning(status, headers, exc_info=None):
            kept = environ.get(KEPT)
            if (
                status.startswith("304 ")
                and kept is not None
                and not any(n.lower() == "set-cookie" for n, _ in headers)
            ):
                final = tuple((name, value) for name, value in headers if name.lower() not in PER_REQUEST)
                _remember(_answers, identity, kept._replace(headers=final))
            return start_response(status, headers, exc_info)

        return self.application(environ, learning)

    def answer(self, environ, identity: tuple, kept: Kept) -> list[tuple[str, str]] | None:
        request = WSGIRequest(environ)  # the request Django would make of it, for the validators and the throttle
        signals.request_started.send(sender=self.__class__, environ=environ)
        try:
            try:
                version = read_data_version()
            except DatabaseError:
                return None  # Django answers (a 503) as it would
            if version.stamp != kept.stamp:
                return None
            outcome = get_conditional_response(request, etag=kept.etag, last_modified=kept.last_modified)
            if outcome is None or outcome.status_code != 304:
                return None
            rate = allowed(request)
            if rate is None:
                return None
            with suppress(KeyError):
                _answers.move_to_end(identity)
            if kept.hit:
                from . import response_cache

                response_cache.count_hit()
            return [*kept.headers, *rate.items()]
        finally:
            signals.request_finished.send(sender=self.__class__)
