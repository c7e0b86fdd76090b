"""Finishing touches on the generated OpenAPI document."""

# An example for every query parameter the API takes, by name: the same name means the
# same thing on every endpoint, so one table serves them all.
QUERY_EXAMPLES = {
    "page": 1,
    "page_size": 50,
    "ordering": "-date",
    "search": 'lavrov "chemical weapons" -trump',
    "format": "csv",
    "updated_since": "2026-11-22T08:00:00Z",
    "date_after": "2017-01-01",
    "date_before": "2017-12-31",
    "participant": "sergey-lavrov",
    "speaker": "sergey-lavrov",
    "via": "sergey-lavrov",
    "met_with": "rex-tillerson",
    "country": "RU",
    "speaker_country": "US",
    "topic": "syria",
    "parent": "syria",
    "meeting": "lavrov-tillerson-talks-moscow-2017-04-12",
    "source": "tillerson-visits-moscow-turbulent-period",
    "publisher": "Sputnik International",
    "language": "en",
    "channel": "press_conference",
    "status": "held",
    "review_status": "draft",
}
KIND_EXAMPLES = {"meetings": "talks", "participants": "person", "statements": "direct_quote", "sources": "opinion"}


def add_query_examples(result, generator, request, public):
    """Give each query parameter that has none an example from the table above."""
    for path, item in result.get("paths", {}).items():
        resource = path.strip("/").split("/")[2] if path.count("/") >= 4 else ""
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "query" or "example" in parameter or "examples" in parameter:
                    continue
                if parameter["name"] == "kind" and resource in KIND_EXAMPLES:
                    parameter["example"] = KIND_EXAMPLES[resource]
                elif parameter["name"] == "parent" and resource == "meetings":
                    parameter["example"] = "tillerson-visit-moscow-2017-04"
                elif parameter["name"] in QUERY_EXAMPLES:
                    parameter["example"] = QUERY_EXAMPLES[parameter["name"]]
    return result


# ---------------------------------------------------------------- answers every operation can give

ERROR = {
    "type": "object",
    "description": "Why the request was refused or could not be served.",
    "properties": {"detail": {"type": "string", "description": "What went wrong, in a sentence."}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": (
        "Each invalid query parameter or body field, by name, with what is wrong with it: for example "
        '`{"page_size": ["Ensure this value is less than or equal to 100."]}`. `non_field_errors` holds '
        "the problems of a body as a whole. A nested field (a meeting's participants or outcomes, a "
        "participant's other names) has an object of the same shape: for a list, keyed by the position "
        'of each item that has problems, from 0 (`{"participants": {"1": {"role": [...]}}}`).'
    ),
    "additionalProperties": {
        "anyOf": [
            {
                "type": "array",
                "items": {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/ValidationError"}]},
            },
            {"$ref": "#/components/schemas/ValidationError"},
        ]
    },
}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "required": True,
        "schema": {"type": "integer", "minimum": 0},
    }
}
CONDITIONAL_HEADERS = {
    "ETag": {
        "description": "The representation's version: send it back in `If-None-Match`.",
        "required": True,
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "When the data last changed (absent if it never has): send it back in `If-Modified-Since`.",
        "schema": {"type": "string"},
    },
}
CONDITIONAL_PARAMETERS = [
    {
        "name": "If-None-Match",
        "in": "header",
        "description": "The `ETag` of the copy the client holds: an unchanged answer is an empty 304.",
        "schema": {"type": "string"},
    },
    {
        "name": "If-Modified-Since",
        "in": "header",
        "description": "The `Last-Modified` of the copy the client holds (an HTTP date): unchanged since, 304.",
        "schema": {"type": "string"},
    },
]


def _error(description: str, *, validation: bool = False, example: str | None = None, headers=None) -> dict:
    schema = (
        {"oneOf": [{"$ref": "#/components/schemas/ValidationError"}, {"$ref": "#/components/schemas/Error"}]}
        if validation
        else {"$ref": "#/components/schemas/Error"}
    )
    media = {"schema": schema}
    if example is not None:
        media["example"] = {"detail": example}
    response = {"description": description, "content": {"application/json": media}}
    if headers:
        response["headers"] = headers
    return response


WWW_AUTHENTICATE = {
    "WWW-Authenticate": {
        "description": "The scheme to authenticate with: `Token`.",
        "required": True,
        "schema": {"type": "string"},
    }
}
EVERY_OPERATION = {
    "400": lambda: _error(
        "The query string holds a NUL character or bytes that are not UTF-8; the body names each such parameter.",
        validation=True,
    ),
    "401": lambda: _error(
        "The `Authorization` header holds an unknown or malformed token. Requests without credentials are "
        "served as anonymous ones."
    ),
    "406": lambda: _error("The `Accept` header allows none of the media types this operation answers with."),
    "429": lambda: _error(
        "Too many requests: the client is throttled. `Retry-After` tells when to try again.",
        example="Request was throttled. Expected available in 12 seconds.",
        headers=RETRY_AFTER,
    ),
    "503": lambda: _error(
        "The database is unavailable; the service recovers by itself when it is back. `Retry-After` tells when "
        "to try again.",
        example="The database is unavailable. Try again shortly.",
        headers=RETRY_AFTER,
    ),
}


def _with_body_errors(operation: dict) -> None:
    """What a write, an operation that takes a body, can answer besides its own responses."""
    from django.conf import settings

    responses = operation["responses"]
    responses.setdefault("400", {"description": "Invalid input; the body names each field and its problem."})
    responses.setdefault(
        "409",
        {"description": "The write conflicts with data saved at the same moment (a slug just taken); nothing saved."},
    )
    responses.setdefault(
        "413", {"description": f"The body is larger than the limit of {settings.API_MAX_BODY_BYTES} bytes."}
    )
    responses.setdefault("415", {"description": "The body's `Content-Type` is not `application/json`."})


def _with_conditional_answers(operation: dict) -> None:
    """Every read carries validators and answers 304 when the client's copy is current (meetings.api.conditional)."""
    responses = operation["responses"]
    responses.setdefault("304", {"description": "Not modified: the client's copy (by ETag or date) is current."})
    responses["304"].setdefault("headers", {"ETag": CONDITIONAL_HEADERS["ETag"]})
    responses["200"].setdefault("headers", {}).update(CONDITIONAL_HEADERS)
    parameters = operation.setdefault("parameters", [])
    known = {(parameter["name"], parameter["in"]) for parameter in parameters}
    parameters += [p for p in CONDITIONAL_PARAMETERS if (p["name"], p["in"]) not in known]


def add_error_responses(result, generator, request, public):
    """Document the answers that do not depend on the operation, and give every error its body.

    Every operation may be throttled (429), find the database unavailable (503), be sent an unknown
    token (401), an `Accept` it cannot satisfy (406) or a query string that does not decode (400).
    Reads are open to everyone, carry validators and may answer 304; a paged list answers 404 past
    its last page; an operation that takes a body refuses a malformed (400), oversized (413) or
    non-JSON (415) one, and may conflict (409) with a write made at the same moment. Every 4xx and
    5xx has a JSON body: `Error`, or for a 400 the `ValidationError` map of names to problems.
    """
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["ValidationError"] = VALIDATION_ERROR
    for _path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            for status, response in EVERY_OPERATION.items():
                responses.setdefault(status, response())
            responses["401"].setdefault("headers", {}).update(WWW_AUTHENTICATE)
            if "requestBody" in operation:
                _with_body_errors(operation)
            if method == "get":
                if {} not in operation.setdefault("security", []):
                    operation["security"].append({})  # reads are open to everyone
                _with_conditional_answers(operation)
            if any(parameter["name"] == "page" for parameter in operation.get("parameters", [])):
                responses.setdefault("404", {"description": "The page is past the last one."})
            for status, response in responses.items():
                if status.startswith(("4", "5")) and "content" not in response:
                    response["content"] = _error(response["description"], validation=status == "400")["content"]
            operation["responses"] = dict(sorted(responses.items()))
    return result


# ---------------------------------------------------------------- parameters as the server reads them

SLUG_PATTERN = "^[-a-zA-Z0-9_]+$"
PATH_EXAMPLES = {
    "meetings": "lavrov-tillerson-talks-moscow-2017-04-12",
    "participants": "sergey-lavrov",
    "topics": "syria",
    "sources": "tillerson-visits-moscow-turbulent-period",
    "statements": 1,
}


def describe_parameters(result, generator, request, public):
    """Say what the routes and filters accept: slugs' characters, positive ids, and empty query values.

    A slug in a path holds letters, digits, `-` and `_` only (anything else is a 404), an id is a
    positive integer, and every query parameter sent empty counts as not sent.
    """
    for path, item in result.get("paths", {}).items():
        resource = path.strip("/").split("/")[2] if path.count("/") >= 4 else ""
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    parameter["allowEmptyValue"] = True
                elif parameter["in"] == "path" and parameter["name"] == "slug":
                    parameter["schema"]["pattern"] = SLUG_PATTERN
                elif parameter["in"] == "path" and parameter["name"] == "id":
                    parameter["schema"]["minimum"] = 1
                if (
                    parameter["in"] == "path"
                    and resource in PATH_EXAMPLES
                    and "example" not in parameter
                    and "examples" not in parameter
                ):
                    parameter["example"] = PATH_EXAMPLES[resource]
    return result


# ---------------------------------------------------------------- write bodies are closed


def _referenced_schemas(schema, schemas: dict, found: set[str]) -> None:
    """The names of the component schemas ``schema`` refers to, however deep, into ``found``."""
    if isinstance(schema, dict):
        reference = schema.get("$ref", "")
        if reference.startswith("#/components/schemas/"):
            name = reference.rsplit("/", 1)[1]
            if name not in found:
                found.add(name)
                _referenced_schemas(schemas.get(name), schemas, found)
        for value in schema.values():
            _referenced_schemas(value, schemas, found)
    elif isinstance(schema, list):
        for value in schema:
            _referenced_schemas(value, schemas, found)


def close_write_bodies(result, generator, request, public):
    """Mark every request body, and every object nested in one, `additionalProperties: false`.

    The write forms refuse a field they do not have with a 400 that names it
    (meetings.api.serializers.RefuseUnknownFieldsMixin), and the document says so.
    """
    schemas = result.get("components", {}).get("schemas", {})
    bodies: set[str] = set()
    for item in result.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, dict) and "requestBody" in operation:
                _referenced_schemas(operation["requestBody"], schemas, bodies)
    for name in sorted(bodies):
        if schemas[name].get("type") == "object" and "properties" in schemas[name]:
            schemas[name]["additionalProperties"] = False
    return result


# ---------------------------------------------------------------- rate-limit headers


RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": {
        "description": "Requests allowed in the throttling window (absent when throttling is off).",
        "schema": {"type": "integer", "minimum": 1},
        "example": 200,
    },
    "RateLimit-Remaining": {
        "description": "Requests left in the current window after this one (absent when throttling is off).",
        "schema": {"type": "integer", "minimum": 0},
        "example": 199,
    },
    "RateLimit-Reset": {
        "description": (
            "Seconds until the window frees a request: when the oldest request counted leaves it (absent when "
            "throttling is off)."
        ),
        "schema": {"type": "integer", "minimum": 0},
        "example": 60,
    },
}
# Refused before the throttles count the request (meetings.api.throttling): these carry no rate-limit headers.
UNCOUNTED_ANSWERS = {"401", "403", "406"}


def add_rate_limit_headers(result, generator, request, public):
    """Document the RateLimit headers (meetings.api.throttling) once, and refer to them from every answer
    of a request the throttles count."""
    headers = result.setdefault("components", {}).setdefault("headers", {})
    headers.update(RATE_LIMIT_HEADERS)
    for item in result.get("paths", {}).values():
        for operation in item.values():
            for status_code, response in operation.get("responses", {}).items():
                if status_code in UNCOUNTED_ANSWERS:
                    continue
                described = response.setdefault("headers", {})
                for name in RATE_LIMIT_HEADERS:
                    described.setdefault(name, {"$ref": f"#/components/headers/{name}"})
    return result


# ---------------------------------------------------------------- nullable references


def _type_nullable_references(schema, schemas: dict) -> None:
    """Give every ``nullable`` schema made of references alone (``allOf: [{$ref}]``) the type they refer to."""
    if isinstance(schema, list):
        for value in schema:
            _type_nullable_references(value, schemas)
        return
    if not isinstance(schema, dict):
        return
    if schema.get("nullable") is True and "type" not in schema and schema.get("allOf"):
        types = {
            schemas.get(part.get("$ref", "").removeprefix("#/components/schemas/"), {}).get("type")
            for part in schema["allOf"]
        }
        if len(types) == 1 and None not in types:
            rest = dict(schema)
            schema.clear()
            schema.update({"type": types.pop(), **rest})
    for value in schema.values():
        _type_nullable_references(value, schemas)


def type_nullable_references(result, generator, request, public):
    """Give a nullable nested record (``allOf: [{$ref}]`` and ``nullable: true``) its ``type`` as well.

    OpenAPI 3.0 lets `nullable` allow null only next to a `type`; drf-spectacular writes a nullable
    reference without one, which linters (Redocly's `nullable-type-sibling`) and strict tools reject.
    """
    _type_nullable_references(result, result.get("components", {}).get("schemas", {}))
    return result
