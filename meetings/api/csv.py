"""CSV for every list: flat, documented columns, the same filters, search and ordering.

A CSV answer holds every matching row, streamed, not one page: spreadsheets and
notebooks want the whole result, and streaming keeps memory flat however many rows match.
"""

import csv
import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

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
