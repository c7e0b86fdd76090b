"""CSV for every list: flat, documented columns, the same filters, search and ordering.

A CSV answer holds every matching row, streamed, not one page: spreadsheets and
notebooks want the whole result, and streaming keeps memory flat however many rows match.
"""

import csv
import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.http import StreamingHttpResponse
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer

CHUNK_SIZE = 1000


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable[[object], object]
    description: str


def slugs(items: Iterable) -> str:
    return "; ".join(item.slug for item in items)


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):  # dates and date-times alike
        return value.isoformat()
    return str(value)


class CSVRenderer(BaseRenderer):
    """Selected by ``?format=csv`` or ``Accept: text/csv``; the list views stream the rows themselves."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only reached for answers that are not row streams (errors are switched to JSON first).
        return JSONRenderer().render(data, None, renderer_context)


class _Echo:
    def write(self, value: str) -> str:
        return value


def rows(columns: list[Column], records: Iterable) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([column.name for column in columns])
    for record in records:
        yield writer.writerow([text(column.value(record)) for column in columns])


def describe(columns: list[Column]) -> str:
    return "\n".join(f"- `{column.name}`: {column.description}" for column in columns)


def check_paging(paginator, request) -> None:
    """CSV is not paged, but a malformed page or page size is refused as it is on a JSON page."""
    paginator.get_page_size(request)
    name = paginator.page_query_param
    raw = request.query_params.get(name, "")
    try:
        valid = not raw or int(raw) >= 1
    except ValueError:
        valid = False
    if not valid:
        raise ValidationError({name: [f"A page number from 1 is required, not “{raw[:40]}”."]})


class CSVViewMixin:
    """A view that answers CSV as well as JSON: every matching record, streamed, with documented columns.

    ``offers_csv()`` says when CSV is offered (a viewset's list, say); an error is JSON even when
    CSV was asked for, so that a client can read what went wrong.
    """

    def offers_csv(self) -> bool:
        return True

    def get_renderers(self):
        renderers = super().get_renderers()
        return [*renderers, CSVRenderer()] if self.offers_csv() else renderers

    def wants_csv(self, request) -> bool:
        return request.accepted_renderer.format == CSVRenderer.format

    def handle_exception(self, exc):
        if getattr(self.request, "accepted_renderer", None) and self.request.accepted_renderer.format == "csv":
            self.request.accepted_renderer, self.request.accepted_media_type = JSONRenderer(), "application/json"
        return super().handle_exception(exc)

    def csv_response(self, request, paginator, columns: list[Column], records: Iterable, filename: str):
        check_paging(paginator, request)
        response = StreamingHttpResponse(rows(columns, records), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
