"""Row streams: every matching record of a list, not one page, as CSV or as NDJSON.

A stream has the list's filters, search, ordering and drafts, and holds every match: records are
read ``chunk_size`` at a time, each chunk with its prefetches (``QuerySet.iterator``), and written
as they come, so memory stays flat and the queries grow with the chunks, never with the rows.
Everything that can refuse a request (filters, ordering, search, paging, the format) is checked
before the stream starts, so a refused request is a JSON 400, never a half-written stream.

The two encodings: meetings.api.csv (flat, documented columns) and meetings.api.ndjson (each
record's list form, one JSON object a line).
"""

from collections.abc import Callable, Iterable

from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer

from . import csv, ndjson
from .csv import Column, CSVRenderer
from .ndjson import NDJSONRenderer

CHUNK_SIZE = 1000
RENDERERS = (CSVRenderer, NDJSONRenderer)
FORMATS = frozenset(renderer.format for renderer in RENDERERS)


def check_paging(paginator, request) -> None:
    """A stream is not paged, but a malformed page or page size is refused as it is on a JSON page."""
    paginator.get_page_size(request)
    name = paginator.page_query_param
    raw = request.query_params.get(name, "")
    try:
        valid = not raw or int(raw) >= 1
    except ValueError:
        valid = False
    if not valid:
        raise ValidationError({name: [f"A page number from 1 is required, not “{raw[:40]}”."]})


class RowStreamMixin:
    """A view that answers a JSON page, or every matching record streamed as CSV or NDJSON.

    ``offers_streams()`` says when the streams are offered (a viewset's list, say); an error is
    JSON even when a stream was asked for, so that a client can read what went wrong.
    """

    chunk_size = CHUNK_SIZE

    def offers_streams(self) -> bool:
        return True

    def get_renderers(self):
        renderers = super().get_renderers()
        return [*renderers, *(renderer() for renderer in RENDERERS)] if self.offers_streams() else renderers

    def wants_stream(self, request) -> bool:
        return request.accepted_renderer.format in FORMATS

    def handle_exception(self, exc):
        accepted = getattr(self.request, "accepted_renderer", None)
        if accepted is not None and accepted.format in FORMATS:
            self.request.accepted_renderer, self.request.accepted_media_type = JSONRenderer(), "application/json"
        return super().handle_exception(exc)

    def every_record(self, queryset: QuerySet) -> Iterable:
        """The queryset's records, read a chunk at a time, each chunk with its prefetches."""
        return queryset.iterator(chunk_size=self.chunk_size)

    def stream_response(
        self,
        request,
        paginator,
        records: Iterable,
        columns: list[Column],
        filename: str,
        forms: Callable[[tuple], Iterable[dict]] = list,
    ):
        """Every record, in the encoding asked for.

        CSV writes the ``columns`` of each record, as a download named ``filename``. NDJSON writes
        each record's JSON form a line: ``forms`` gives those of a chunk of records, in their order
        (by default the records are their own forms).
        """
        check_paging(paginator, request)
        if request.accepted_renderer.format == NDJSONRenderer.format:
            return ndjson.streamed(records, forms, self.chunk_size)
        return csv.streamed(columns, records, filename)
