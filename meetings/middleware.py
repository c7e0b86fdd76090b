"""What clients get while the database is unreachable: a quick 503, never a hang or a 500 page.

``DatabaseUnavailableMiddleware`` answers any request whose view (or its rendering) raised
``OperationalError`` or ``InterfaceError``, the errors a lost, refused or timed-out database
connection raises, with 503 and ``Retry-After``: JSON under /api/ and for clients that ask for
JSON, a line of plain text elsewhere (the admin). DRF's exception handler leaves these errors to
Django, so they reach ``process_exception`` like any view's. The connection is then dropped, so
the next request opens a fresh one and the service recovers by itself when the database is back.
"""

import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse

logger = logging.getLogger("meetings.database")

RETRY_AFTER_SECONDS = 5
API_DETAIL = "The database is unavailable. Try again shortly."
PAGE_TEXT = "Service unavailable: the database cannot be reached. Try again shortly.\n"
UNAVAILABLE = (OperationalError, InterfaceError)


def wants_json(request) -> bool:
    return request.path.startswith("/api/") or "json" in request.headers.get("Accept", "")


def unavailable_response(request) -> HttpResponse:
    if wants_json(request):
        response = JsonResponse({"detail": API_DETAIL}, status=503)
    else:
        response = HttpResponse(PAGE_TEXT, content_type="text/plain; charset=utf-8", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def drop_broken_connections() -> None:
    """Close every open connection outside a transaction: the next query reconnects."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None and not connection.in_atomic_block:
            try:
                connection.close()
            except UNAVAILABLE:
                connection.connection = None


def log_unavailable(request, exception: Exception, response: HttpResponse) -> HttpResponse:
    """One warning line per request, instead of Django's error log of every 5xx."""
    message = str(exception).strip()
    logger.warning(
        "Database unavailable: %s %s answered 503 (%s: %s)",
        request.method,
        request.path,
        exception.__class__.__name__,
        message.splitlines()[0] if message else "no message",
    )
    response._has_been_logged = True
    return response


def database_unavailable(request, exception: Exception) -> HttpResponse:
    drop_broken_connections()
    response = log_unavailable(request, exception, unavailable_response(request))
    # meetings.replicas answers a read again from the primary when its replica was the one that failed.
    response.database_unavailable = True
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UNAVAILABLE):
            return database_unavailable(request, exception)
        return None
