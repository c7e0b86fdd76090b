"""Reading the data as it stands at one moment, while curators keep editing it."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, router, transaction

from meetings.models import DataVersion


@contextmanager
def consistent_snapshot() -> Iterator[None]:
    """A transaction in which every read sees the same state of the data.

    It is opened on the database the reads go to (meetings.replicas). On PostgreSQL it is REPEATABLE
    READ and READ ONLY (a standby allows both); SQLite's transactions see one state
    already. Inside a transaction (a test's, say) nothing is opened: its reads are as
    consistent as they can be, and no savepoint adds queries.
    """
    # The database the reads go to: a read replica for an anonymous request, else the primary.
    alias = router.db_for_read(DataVersion)
    connection = connections[alias]
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic(using=alias):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield
