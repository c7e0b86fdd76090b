import sys

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from meetings.api import response_cache
from meetings.middleware import (
    RETRY_AFTER_SECONDS,
    UNAVAILABLE,
    database_unavailable,
    log_unavailable,
)
from meetings.replicas import query_error


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a query, 503 when it does not: for load balancers.

    With read replicas the answer names each one; with the response cache on, its hits, misses and the bytes
    it kept (meetings.api.response_cache). While the primary is down and a replica answers,
    it is 200 with ``"status": "degraded"``: the service still answers anonymous reads.
    """
    error = query_error(DEFAULT_DB_ALIAS)
    body: dict = {"status": "ok", "database": "ok"}
    if error is not None:
        body = {"status": "unavailable", "database": "unreachable", "detail": error.__class__.__name__}
    if settings.READ_REPLICAS:
        body["replicas"] = {
            alias: "ok" if query_error(alias) is None else "unreachable" for alias in settings.READ_REPLICAS
        }
    if settings.RESPONSE_CACHE:
        body["response_cache"] = response_cache.stats()
    if error is None:
        return JsonResponse(body)
    if "ok" in body.get("replicas", {}).values():
        body["status"] = "degraded"
        return log_unavailable(request, error, JsonResponse(body))
    response = JsonResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return log_unavailable(request, error, response)


def not_found(request, exception=None):
    """JSON for API clients, Django's page for everyone else."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    # A lost database connection outside a view (a middleware's query) is still a 503, not a 500.
    error = sys.exc_info()[1]
    if isinstance(error, UNAVAILABLE):
        return database_unavailable(request, error)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error."}, status=500)
    return defaults.server_error(request)
