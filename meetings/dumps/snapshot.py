"""Reading the data as it stands at one moment, while curators keep editing it."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def consistent_snapshot() -> Iterator[None]:
    """A transaction in which every read sees the same state of the data.

    On PostgreSQL it is REPEATABLE READ and READ ONLY; SQLite's transactions see one state
    already. Inside a transaction (a test's, say) nothing is opened: its reads are as
    consistent as they can be, and no savepoint adds queries.
    """
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield
