"""Query strings are checked once, before any view reads them.

Django decodes a query string leniently: bytes that are not UTF-8 become U+FFFD, and a NUL
character is passed on as it is. The first silently changes what the client asked for; the
second reaches the database, and PostgreSQL refuses any query that holds one (the admin's
list filters, for one, would answer with a server error). Both are refused here with a 400:
for the API a JSON body that names each parameter, as any other invalid parameter is named.
"""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.http import HttpResponseBadRequest, JsonResponse

from . import text_rules

NOT_DECODABLE = "Not valid UTF-8 once percent-decoded."
NULL_CHARACTER = text_rules.NULL_CHARACTERS


def problems(query_string: bytes, encoding: str = "utf-8") -> dict[str, list[str]]:
    """Each parameter whose name or value does not decode, or holds a NUL character, with the problem."""
    found: dict[str, list[str]] = {}
    for pair in query_string.split(b"&"):
        if not pair:
            continue
        name, _, value = pair.partition(b"=")
        raw_name, raw_value = (unquote_to_bytes(part.replace(b"+", b" ")) for part in (name, value))
        label = raw_name.decode(encoding, errors="replace")
        try:
            decoded = raw_name.decode(encoding) + raw_value.decode(encoding)
        except UnicodeDecodeError:
            found.setdefault(label, []).append(NOT_DECODABLE)
            continue
        if text_rules.NUL in decoded:
            found.setdefault(label, []).append(NULL_CHARACTER)
    return found


class QueryStringMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = problems(get_bytes_from_wsgi(request.META, "QUERY_STRING", ""), settings.DEFAULT_CHARSET)
        if not found:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse(found, status=400)
        return HttpResponseBadRequest(
            "Bad request: the query string holds a null character or is not valid UTF-8.", content_type="text/plain"
        )
