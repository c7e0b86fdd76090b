"""Conditional requests: ETag and Last-Modified from the data version, 304 when nothing changed, and 412
for a write whose ``If-Match`` names a copy that is no longer current.

The validators come from one row (meetings.models.DataVersion) that every change to the
curated data bumps, plus what identifies the representation (the full path with its query,
the negotiated media type, whether the client is signed in). So a 304 costs one small
query, and no list is filtered, counted or serialized to produce it.
"""

import hashlib

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_etags
from rest_framework import status
from rest_framework.response import Response

from meetings.models import DataVersion


def validators(request) -> tuple[str, int | None]:
    version = DataVersion.current()
    stamp = version.stamp
    # What else in the request depends on the data's version (cached counts, the export) reads it here.
    request.data_version = stamp
    identity = "|".join(
        [
            stamp,
            request.get_full_path(),
            getattr(request, "accepted_media_type", "") or "",
            "user" if request.user.is_authenticated else "anonymous",
        ]
    )
    etag = f'"{hashlib.sha256(identity.encode()).hexdigest()[:32]}"'
    # HTTP dates have whole seconds; comparing a fractional time to one would never match.
    last_modified = int(version.changed_at.timestamp()) if version.changed_at else None
    return etag, last_modified


def _with_validators(response, etag: str, last_modified: int | None):
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "no-cache"
    patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
    return response


def conditional(view_method):
    """Decorate a read handler: answer 304 when the client's copy is current, else add validators."""

    def wrapper(view, request, *args, **kwargs):
        etag, last_modified = validators(request)
        stub = _with_validators(HttpResponse(), etag, last_modified)
        answer = get_conditional_response(request, etag=etag, last_modified=last_modified, response=stub)
        if answer is not stub:
            return answer
        return _with_validators(view_method(view, request, *args, **kwargs), etag, last_modified)

    wrapper.__name__ = view_method.__name__
    wrapper.__doc__ = view_method.__doc__
    return wrapper


STALE_COPY = (
    "The data changed since the copy your If-Match names: nothing was changed. Fetch the record again "
    "(its ETag is in the answer) and send your change with that."
)


def precondition_failed(request) -> Response | None:
    """A 412 for a write whose ``If-Match`` names no current copy of the record; None to go on.

    Called inside the write's transaction, after the data version's row is locked, so that two
    writes sent with the same ETag cannot both pass: the second sees the first's new version. The
    current copy's ETag is the one a GET of the record's detail answers with (the same path,
    media type and signed-in user). A write without ``If-Match`` is not checked, as before.
    """
    header = request.headers.get("If-Match")
    if not header:
        return None
    list(DataVersion.objects.select_for_update().filter(pk=1).values_list("pk"))  # locks the row
    current, _ = validators(request)
    wanted = parse_etags(header)
    if "*" in wanted or current in wanted or current in {tag.removeprefix("W/") for tag in wanted}:
        return None
    return Response({"detail": STALE_COPY}, status=status.HTTP_412_PRECONDITION_FAILED, headers={"ETag": current})
