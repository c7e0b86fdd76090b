"""Conditional requests: ETag and Last-Modified, 304 when nothing changed, and 412 for a write whose
``If-Match`` names a copy of the record that is no longer current.

An ETag names one representation: the state of the data it was made from, the path with its
query in canonical order, the negotiated media type, and which drafts the client may see. So a
304 only ever answers the request that earned the ETag.

- A **list** (and every other read) is named by the data version (meetings.models.DataVersion),
  one row that every change bumps: a 304 costs one small query, and no list is filtered, counted
  or serialized to produce it.
- A **detail** is named by its record's own version as well (``"<record>-<representation>"``,
  the record part from its primary key and ``updated_at``, which every save sets). Its 304
  still costs one query (the record's version is read in the data version's query). A write's
  ``If-Match`` is compared by the record part only: a change to another record leaves a copy
  current, a change to this one makes it stale.
"""

import hashlib
from urllib.parse import urlencode

from django.db.models import Model, QuerySet, Subquery
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_etags
from rest_framework import status
from rest_framework.response import Response

from meetings import selectors
from meetings.models import DataVersion, Meeting, Statement

# The models whose drafts a reader may or may not see: what they see changes what is answered.
_REVIEWED = (Meeting, Statement)


def _hash(*parts: str, length: int) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:length]


def record_version(pk, updated_at) -> str:
    """The part of a detail's ETag that names the record's own version."""
    return _hash(str(pk), updated_at.isoformat() if updated_at else "", length=16)


def _representation(request, stamp: str) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    user = request.user
    drafts = ",".join(m._meta.model_name for m in _REVIEWED if selectors.can_see_drafts(user, m))
    return _hash(stamp, request.path, query, getattr(request, "accepted_media_type", "") or "", drafts, length=32)


def _versions(request, record: QuerySet | None) -> tuple[DataVersion, tuple | None]:
    """The data version, and (``record`` given) the record's ``(pk, updated_at)`` or None when there is none."""
    if record is None:
        # The response cache read it for this request already (meetings.api.response_cache).
        kept = getattr(request, "current_data_version", None)
        return (kept if kept is not None else DataVersion.current()), None
    rows = DataVersion.objects.filter(pk=1).annotate(
        record_pk=Subquery(record.values("pk")[:1]),
        record_updated_at=Subquery(record.values("updated_at")[:1]),
    )
    version = rows.first()
    if version is None:  # nothing has changed since the database was made
        found = record.values_list("pk", "updated_at").first()
        return DataVersion(pk=1, version=0, changed_at=None), found
    found = (version.record_pk, version.record_updated_at) if version.record_pk is not None else None
    return version, found


def validators(request, record: QuerySet | None = None) -> tuple[str, int | None] | None:
    """The ETag and Last-Modified of the answer to ``request``; None for a detail whose record is not there."""
    version, found = _versions(request, record)
    stamp = version.stamp
    # What else in the request depends on the data's version (cached counts, the export) reads it here; on
    # Django's request under DRF's, so that the middleware (meetings.api.fast_path) sees it too.
    getattr(request, "_request", request).data_version = stamp
    representation = _representation(request, stamp)
    if record is None:
        etag = f'"{representation}"'
    elif found is None:
        return None
    else:
        etag = f'"{record_version(*found)}-{representation}"'
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


def _record(view, request) -> QuerySet | None:
    """The record a detail view answers with, as a queryset of at most one row; None for other views."""
    if getattr(view, "action", None) != "retrieve":
        return None
    lookup = view.lookup_url_kwarg or view.lookup_field
    model: type[Model] = view.get_queryset().model
    return selectors.visible(model._default_manager.filter(**{view.lookup_field: view.kwargs[lookup]}), request.user)


def conditional(view_method):
    """Decorate a read handler: answer 304 when the client's copy is current, else add validators."""

    def wrapper(view, request, *args, **kwargs):
        found = validators(request, _record(view, request))
        if found is None:  # no such record (or not one this reader may see): the view answers 404
            return view_method(view, request, *args, **kwargs)
        etag, last_modified = found
        stub = _with_validators(HttpResponse(), etag, last_modified)
        answer = get_conditional_response(request, etag=etag, last_modified=last_modified, response=stub)
        if answer is not stub:
            return answer
        return _with_validators(view_method(view, request, *args, **kwargs), etag, last_modified)

    wrapper.__name__ = view_method.__name__
    wrapper.__doc__ = view_method.__doc__
    return wrapper


STALE_COPY = (
    "The record changed since the copy your If-Match names: nothing was changed. Fetch the record again "
    "(its ETag is in the answer) and send your change with that."
)


def precondition_failed(request, instance: Model) -> Response | None:
    """A 412 for a write whose ``If-Match`` names no current copy of ``instance``; None to go on.

    Called inside the write's transaction. The record's row is locked and its version read again,
    so two writes sent with the same ETag cannot both pass: the second waits for the first and
    then sees its new version. A copy is current when its ETag's record part is the record's
    current version, whatever else (the path, the format) it was fetched with. A write without
    ``If-Match`` is not checked.
    """
    header = request.headers.get("If-Match")
    if not header:
        return None
    rows = type(instance)._default_manager.select_for_update().filter(pk=instance.pk)
    current = record_version(*rows.values_list("pk", "updated_at").get())
    wanted = {tag.removeprefix("W/").strip('"') for tag in parse_etags(header)}
    if "*" in wanted or any(tag.split("-", 1)[0] == current for tag in wanted):
        return None
    # The ETag a GET of the record's detail answers with now: a write from that copy goes through.
    etag = f'"{current}-{_representation(request, DataVersion.current().stamp)}"'
    return Response({"detail": STALE_COPY}, status=status.HTTP_412_PRECONDITION_FAILED, headers={"ETag": etag})
