import sys

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from meetings.middleware import (
    RETRY_AFTER_SECONDS,
    UNAVAILABLE,
    database_unavailable,
    drop_broken_connections,
    log_unavailable,
)


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a query, 503 when it does not: for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        drop_broken_connections()
        response = JsonResponse(
            {"status": "unavailable", "database": "unreachable", "detail": error.__class__.__name__}, status=503
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return log_unavailable(request, error, response)
    return JsonResponse({"status": "ok", "database": "ok"})


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
