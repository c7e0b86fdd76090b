"""Limits on the database sessions that serve web requests, never on migrations or commands.

``config/wsgi.py`` calls ``limit_web_statements()``: DJANGO_DB_STATEMENT_TIMEOUT cancels a query
that runs too long, and DJANGO_DB_PARALLEL_WORKERS sets how many parallel workers one query may
start (they cost several milliseconds per query, more than a page's queries gain from them).
"""

from django.conf import settings
from django.db.backends.signals import connection_created


def limit_statement_time(sender, connection, **kwargs) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('statement_timeout', %s, false), "
            "set_config('max_parallel_workers_per_gather', %s, false)",
            [f"{settings.DB_STATEMENT_TIMEOUT}s", str(settings.DB_WEB_PARALLEL_WORKERS)],
        )


def limit_web_statements() -> None:
    """Set the limits on every PostgreSQL session opened from now on in this process."""
    connection_created.connect(limit_statement_time, dispatch_uid="meetings.limit_statement_time")
