import io
import json
import math
from urllib.parse import unquote_to_bytes

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError, ValidationError
from rest_framework.parsers import FormParser, JSONParser

from meetings import text_rules


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"


def read_body(stream, parser_context) -> tuple[bytes, str]:
    """The request body, refused with a 413 past API_MAX_BODY_BYTES, and the encoding to read it in."""
    limit = settings.API_MAX_BODY_BYTES
    raw = stream.read(limit + 1) if stream is not None else b""
    if len(raw) > limit:
        raise RequestTooLarge(f"Request bodies are limited to {limit} bytes.")
    return raw, (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)


class LimitedJSONParser(JSONParser):
    """JSON bodies with an upper size, and a 400 rather than a crash for absurdly deep nesting.

    DRF reads the body straight from the request stream, so Django's own upload limit does
    not apply; this parser enforces API_MAX_BODY_BYTES itself.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        raw, encoding = read_body(stream, parser_context)
        try:
            data = json.loads(
                raw.decode(encoding), parse_constant=self._refuse_constant, parse_float=self._finite_float
            )
        except RecursionError:
            raise ParseError("JSON parse error - the document is nested too deeply.") from None
        except (ValueError, UnicodeDecodeError) as error:
            raise ParseError(f"JSON parse error - {error}") from None
        _refuse_surrogates(data)
        return data

    @staticmethod
    def _refuse_constant(name: str):
        raise ValueError(f"{name} is not valid JSON")

    @staticmethod
    def _finite_float(text: str) -> float:
        # Python reads 1e999 as infinity, which no field can hold: refuse it like NaN.
        number = float(text)
        if not math.isfinite(number):
            raise ValueError(f"the number {text[:40]} is out of range")
        return number


def _surrogate(value) -> str | None:
    """The first lone surrogate in a parsed JSON value, however deep, or None."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found = text_rules.first_surrogate(item)
            if found is not None:
                return found
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _refuse_surrogates(data) -> None:
    """JSON may escape half of a UTF-16 pair (``"\\ud800"``), which is no character and no text can hold.

    Refused on the field that holds it, before anything echoes it back: an error message quoting
    it could not even be encoded.
    """
    found = _surrogate(data)
    if found is None:
        return
    message = text_rules.surrogate_message(found)
    if isinstance(data, dict):
        for name, value in data.items():
            if _surrogate(name) is None and _surrogate(value) is not None:
                raise ValidationError({name: [message]})
    raise ParseError(f"JSON parse error - {message}")


class StrictFormParser(FormParser):
    """Form-encoded bodies (the browsable API's forms), refused when they are not valid text.

    Django would replace undecodable bytes and store the replacement characters as data.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        raw, encoding = read_body(stream, parser_context)
        try:
            text = raw.decode(encoding)
            # Percent-escapes must decode too: `name=%FF` is as broken as the raw byte.
            for pair in text.replace(";", "&").split("&"):
                unquote_to_bytes(pair.replace("+", " ")).decode(encoding)
        except UnicodeDecodeError as error:
            raise ParseError(f"Form parse error - the body is not valid {encoding}: {error.reason}.") from None
        return super().parse(io.BytesIO(raw), media_type, parser_context)
