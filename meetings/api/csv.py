"""CSV for every list: flat, documented columns, the same filters, search and ordering.

A CSV answer holds every matching row, streamed, not one page (meetings.api.streams): spreadsheets
and notebooks want the whole result, and streaming keeps memory flat however many rows match.
"""

import csv
import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer, JSONRenderer


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


def streamed(columns: list[Column], records: Iterable, filename: str) -> StreamingHttpResponse:
    """Every record as a CSV row of ``columns``, after a header; a download named ``filename``."""
    response = StreamingHttpResponse(rows(columns, records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
