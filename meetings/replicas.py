"""Reads on replicas: anonymous reads are answered from a read replica, everything else from the primary.

``DATABASE_REPLICA_URLS`` (config/settings.py) names PostgreSQL streaming standbys of the primary;
their aliases are ``settings.READ_REPLICAS``. For each request, ``ReplicaReadsMiddleware`` decides
where its reads go, and ``ReplicaRouter`` sends them there:

- A safe request (GET, HEAD, OPTIONS) outside the admin, with no ``Authorization`` header, no
  session cookie and no read-your-writes cookie, reads from a replica. Everything else (writes,
  curators' reads, the admin, migrations, management commands, anything outside a request) uses
  the primary; writes always do.
- A response to a write sets a cookie that keeps the client's reads on the primary for
  ``READ_YOUR_WRITES_SECONDS``, so a client never reads a replica older than its own write.
- A replica that cannot be reached is skipped for ``REPLICA_RETRY_SECONDS`` and the primary
  answers instead; a request whose replica failed midway is answered again from the primary.
- With the primary down, anonymous reads go on being answered by a replica; writes get the
  503 JSON of meetings.middleware.

Answers read from a replica carry the ETag and Last-Modified of the data version the replica
holds, so a client's copy is named by the data it was made from.
"""

import contextvars
import logging
import random
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.http import FileResponse

from meetings.middleware import drop_broken_connections

logger = logging.getLogger("meetings.database")

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
READ_YOUR_WRITES_COOKIE = "read_primary"

# The alias this request's reads go to; None is the primary.
_reads_from: contextvars.ContextVar[str | None] = contextvars.ContextVar("reads_from", default=None)
# Replicas that could not be reached, with the monotonic time until which they are not tried.
_unreachable_until: dict[str, float] = {}


class ReplicaRouter:
    """Reads where the request's middleware sent them (the primary outside requests); writes on the primary."""

    def db_for_read(self, model, **hints):
        return _reads_from.get() or DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        # Never the database an instance was read from: a record read on a replica is saved on the primary.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every database holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # Replicas follow the primary's changes, schema included: migrations run on the primary only.
        return None if db == DEFAULT_DB_ALIAS else False


def reads_from() -> str:
    """The alias the current reads go to."""
    return _reads_from.get() or DEFAULT_DB_ALIAS


def mark_unreachable(alias: str) -> None:
    _unreachable_until[alias] = time.monotonic() + settings.REPLICA_RETRY_SECONDS
    connection = connections[alias]
    try:
        connection.close()
    except (OperationalError, InterfaceError):
        connection.connection = None


def reachable_replica() -> str | None:
    """A replica that answers, tried in random order; None when none does (the primary then reads)."""
    now = time.monotonic()
    candidates = [alias for alias in settings.READ_REPLICAS if _unreachable_until.get(alias, 0) <= now]
    random.shuffle(candidates)
    for alias in candidates:
        try:
            connections[alias].ensure_connection()
        except (OperationalError, InterfaceError) as error:
            logger.warning("Replica %s unreachable, reads fall back (%s)", alias, str(error).strip().splitlines()[0])
            mark_unreachable(alias)
            continue
        return alias
    return None


def query_error(alias: str) -> DatabaseError | None:
    """None when the database ``alias`` answers a query now, else the error it raised (and its broken
    connection is dropped, so the next query opens a fresh one)."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        drop_broken_connections()
        return error
    return None


def answers(alias: str) -> bool:
    """Whether the database ``alias`` answers a query now."""
    return query_error(alias) is None


def may_read_from_replica(request) -> bool:
    """Whether the request is an anonymous read that a replica may answer."""
    if not settings.READ_REPLICAS or request.method not in SAFE_METHODS:
        return False
    if request.path.startswith("/admin/") or "Authorization" in request.headers:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and READ_YOUR_WRITES_COOKIE not in cookies


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        alias = reachable_replica() if may_read_from_replica(request) else None
        response = self._answer(request, alias)
        if alias is not None and getattr(response, "database_unavailable", False) and not answers(alias):
            # The replica failed midway: a read can be answered again, from the primary. (When the
            # replica still answers, what failed was the primary, and the 503 stands.)
            logger.warning(
                "Replica %s failed during %s %s; answered again from the primary", alias, request.method, request.path
            )
            mark_unreachable(alias)
            response = self._answer(request, None)
        if request.method not in SAFE_METHODS and settings.READ_REPLICAS:
            response.set_cookie(
                READ_YOUR_WRITES_COOKIE,
                "1",
                max_age=settings.READ_YOUR_WRITES_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response

    def _answer(self, request, alias: str | None):
        token = _reads_from.set(alias)
        try:
            response = self.get_response(request)
        finally:
            _reads_from.reset(token)
        if alias is not None:
            response["X-Served-By"] = "replica"
            if response.streaming and not isinstance(response, FileResponse):
                # A CSV is read from the database as it is sent, after this middleware has returned.
                response.streaming_content = _read_from(alias, response.streaming_content)
        return response


def _read_from(alias: str, chunks):
    """``chunks``, each produced with this request's reads going to ``alias``."""
    iterator = iter(chunks)
    while True:
        token = _reads_from.set(alias)
        try:
            chunk = next(iterator)
        except StopIteration:
            return
        finally:
            _reads_from.reset(token)
        yield chunk
