"""NDJSON for every list: every matching record, one JSON object a line, in the list's own form.

Each line is exactly what a page's ``results`` holds for that record, written by the API's own JSON
renderer and ended by ``\\n``; the whole is UTF-8. A client can read it a line at a time, as the
server writes it, so that neither side ever holds every record at once.
"""

from collections.abc import Callable, Iterable, Iterator
from itertools import batched

from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer
from rest_framework.settings import api_settings


def json_renderer() -> BaseRenderer:
    """The renderer that writes the API's JSON answers (the first JSON renderer of the settings)."""
    return next(renderer() for renderer in api_settings.DEFAULT_RENDERER_CLASSES if renderer.format == "json")


class NDJSONRenderer(BaseRenderer):
    """Selected by ``?format=ndjson`` or ``Accept: application/x-ndjson``; the lists stream the lines themselves."""

    media_type = "application/x-ndjson"
    format = "ndjson"
    charset = None  # JSON text is UTF-8

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only reached for answers that are not row streams (errors are switched to JSON first): one line.
        return json_renderer().render(data, None, renderer_context) + b"\n"


def lines(records: Iterable, forms: Callable[[tuple], Iterable[dict]], chunk_size: int) -> Iterator[bytes]:
    """``records`` as NDJSON, one block of lines for each chunk of ``chunk_size`` records.

    ``forms`` gives the JSON forms of a chunk's records, in their order: what a list serializer
    makes of them, say, made once a chunk rather than once a record.
    """
    render = json_renderer().render
    for chunk in batched(records, chunk_size):
        # Appended as they are written: a chunk's lines kept apart until joined hold several times
        # their size (the encoder leaves room in each).
        block = bytearray()
        for form in forms(chunk):
            block += render(form)
            block += b"\n"
        yield bytes(block)


def streamed(records: Iterable, forms: Callable[[tuple], Iterable[dict]], chunk_size: int) -> StreamingHttpResponse:
    return StreamingHttpResponse(lines(records, forms, chunk_size), content_type=NDJSONRenderer.media_type)
