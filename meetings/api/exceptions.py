from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """DRF's handler, plus a 409 for deletes and writes the database refuses.

    Deleting a participant who spoke, or a source that is cited, is refused by the
    database (PROTECT); the client learns what still refers to the record instead of a 500.
    """
    if isinstance(exc, (ProtectedError, RestrictedError)):
        blocking = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        referrers = sorted({str(obj._meta.verbose_name_plural) for obj in blocking})
        return Response(
            {"detail": f"Cannot delete this record: it is still referred to by {', '.join(referrers)}."},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, IntegrityError):
        return Response(
            {"detail": "The write conflicts with existing data and was not saved."},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
