"""Schema-driven fuzzing: every operation in the OpenAPI document answers as the document says.

Schemathesis generates requests for each operation of the schema that `/api/schema/` serves,
valid and invalid ones, and sends them in process to the application, which holds the curated
data set. Path parameters and relation filters are mostly drawn from the records that exist, so
that details, updates and deletes reach real rows rather than 404s. Reads go out anonymously or
as a curator; writes always as a curator, with a token. Each request runs in a transaction that is
rolled back afterwards, so every request sees the same data.

Every answer must be documented: no server error, a documented status code and content type,
documented headers, and a body that matches the documented schema. Invalid requests must be
refused with a 4xx.
"""

import re
import time
import zlib

import pytest
import schemathesis
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from meetings.choices import ReviewStatus
from meetings.models import Meeting, Participant, Source, Statement, Topic

# Hypothesis examples per operation, on top of the schema's own examples and the boundary and
# type-mutation cases of schemathesis's coverage phase. Enough to reach every documented answer of
# every operation in a few minutes on two cores; deterministic, so that a run can be repeated.
MAX_EXAMPLES = 25

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    unsupported_method,
    ignored_auth,
]

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# Which records a path or query parameter names, by resource and parameter name.
PATH_RECORDS = {"meetings": Meeting, "participants": Participant, "topics": Topic, "sources": Source}
QUERY_RECORDS = {
    "participant": Participant,
    "speaker": Participant,
    "via": Participant,
    "met_with": Participant,
    "topic": Topic,
    "meeting": Meeting,
    "source": Source,
}


# ``fields`` and ``omit`` leave fields out of the answer by design (their descriptions say so), so its
# body cannot hold every property the form's schema requires: they are taken out of the fuzzed
# document, and tests/api/test_field_selection.py pins what they give.
SHAPING = ("fields", "omit")


def _served_document() -> dict:
    # The same generator that serves /api/schema/ (test_the_fuzzed_document_is_the_served_one checks).
    return SchemaGenerator().get_schema(request=None, public=True)


def _without_shaping(document: dict) -> dict:
    for operations in document["paths"].values():
        for operation in operations.values():
            if isinstance(operation, dict) and "parameters" in operation:
                operation["parameters"] = [p for p in operation["parameters"] if p["name"] not in SHAPING]
    return document


def _document() -> dict:
    return _without_shaping(_served_document())


CONFIG = {
    "checks": {
        "negative_data_rejection": {
            # Schemathesis's list, and 304: a conditional read answers from the data version alone,
            # before it reads the query, so with `If-None-Match: *` or a future `If-Modified-Since`
            # an invalid query is "not modified" too.
            "expected-statuses": ["304", "400", "401", "403", "404", "405", "406", "409", "415", "422", "428", "429"],
        }
    }
}

schema = schemathesis.openapi.from_dict(_document(), config=schemathesis.Config.from_dict(CONFIG))
schema.app = get_wsgi_application()

# The records the curated data set holds, filled in once it is loaded: {model: [keys]}.
EXISTING: dict = {}


def _existing_or(generated, name: str, keys: list):
    """Mostly one of the keys that exist, sometimes the generated value."""
    if not keys:
        return st.just(generated)
    existing = st.sampled_from(keys).map(lambda key: {**generated, name: key})
    return st.one_of(existing, existing, existing, st.just(generated))


def _resource(path: str) -> str:
    return path.split("/")[3]


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    if not path_parameters:
        return st.just(path_parameters)
    value = path_parameters.get("slug", path_parameters.get("id"))
    if value is None:
        return st.just(path_parameters)
    if "id" in path_parameters:
        # Only a valid id is replaced: an invalid one stays the invalid request it was made to be.
        # (ids start at 1: 0 breaks the schema's minimum, and stays the invalid request it is).
        valid = (isinstance(value, int) and value >= 1) or (
            isinstance(value, str) and value.isdigit() and int(value) >= 1
        )
        return _existing_or(path_parameters, "id", EXISTING.get(Statement, [])) if valid else st.just(path_parameters)
    model = PATH_RECORDS.get(_resource(context.operation.path))
    if model is None or not isinstance(value, str) or not SLUG.fullmatch(value):
        return st.just(path_parameters)
    return _existing_or(path_parameters, "slug", EXISTING.get(model, []))


def _repeatable(context, name: str) -> bool:
    """Whether the operation documents the query parameter ``name`` as an array (a repeatable filter)."""
    operation = schema.raw_schema["paths"][context.operation.path][context.operation.method.lower()]
    return any(
        p["name"] == name and p.get("schema", {}).get("type") == "array" for p in operation.get("parameters", [])
    )


def _replaceable(value, repeatable: bool) -> bool:
    """A value of the documented shape whose slugs could name records: a list of slugs for a repeatable
    filter, a slug otherwise. Anything else was generated to be invalid, and stays so."""
    if repeatable:
        return (
            isinstance(value, list)
            and 0 < len(value) <= 20
            and all(isinstance(item, str) and SLUG.fullmatch(item) for item in value)
        )
    return isinstance(value, str) and bool(SLUG.fullmatch(value))


@schema.hook
def flatmap_query(context, query):
    if not query:
        return st.just(query)
    records = {**QUERY_RECORDS, "parent": PATH_RECORDS.get(_resource(context.operation.path))}
    names = [name for name in records if name in query and _replaceable(query[name], _repeatable(context, name))]
    if not names or records[names[0]] is None:
        return st.just(query)
    keys = EXISTING.get(records[names[0]], [])
    if _repeatable(context, names[0]):  # one value that exists
        keys = [[key] for key in keys]
    return _existing_or(query, names[0], keys)


@pytest.fixture(scope="module")
def curated_world(django_db_setup, django_db_blocker):
    """The curated data set and a curator with a token, loaded once for every operation's test.

    It lives in a transaction of its own that is rolled back when the module is done, so the
    other tests find the database as empty as ever.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_curated", verbosity=0)
            # A draft of each reviewed kind, so that curators' reads differ from everyone else's.
            Meeting.objects.filter(pk=Meeting.objects.order_by("slug").values("pk")[:1]).update(
                review_status=ReviewStatus.DRAFT, verified_at=None
            )
            Statement.objects.filter(pk=Statement.objects.order_by("pk").values("pk")[:1]).update(
                review_status=ReviewStatus.DRAFT, verified_at=None
            )
            curator = User.objects.create_user(username="fuzz-curator")
            curator.user_permissions.set(
                Permission.objects.filter(content_type__app_label="meetings", codename__in=CURATOR_PERMISSIONS)
            )
            token = Token.objects.create(user=curator).key
            for model in PATH_RECORDS.values():
                EXISTING[model] = sorted(model.objects.values_list("slug", flat=True))
            EXISTING[Statement] = sorted(Statement.objects.values_list("pk", flat=True))
            yield {"token": token}
        finally:
            EXISTING.clear()
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


CURATOR_PERMISSIONS = [
    f"{action}_{model}"
    for action in ("add", "change", "delete", "view")
    for model in ("meeting", "participant", "topic", "statement", "source", "meetingparticipant", "outcome")
]


@pytest.fixture
def fuzzing(curated_world, db, settings, fuzz_statistics):
    """What each fuzzed request needs: the curator's token and the application as a client sees it."""
    # Schemathesis's WSGI client names its host "localhost".
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    # Django would close the connection around each request, and with it the test's transaction;
    # its own test client switches this off in the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {"token": curated_world["token"], "statistics": fuzz_statistics}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _as_curator(case) -> bool:
    """Writes always; reads for about half the cases, chosen by the case itself so that a replay matches."""
    if case.method.upper() in WRITES:
        return True
    return zlib.crc32(repr((case.path_parameters, sorted((case.query or {}).items()))).encode()) % 2 == 0


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
        # The fixture is the same for every example by design: each request is rolled back itself.
        HealthCheck.function_scoped_fixture,
    ],
)
def test_every_operation_answers_as_documented(case, fuzzing):
    headers = {"Authorization": f"Token {fuzzing['token']}"} if _as_curator(case) else None
    started = time.monotonic()
    # Each request sees the curated data as loaded: whatever it (or a check's probe) changes is rolled back.
    with transaction.atomic():
        try:
            response = case.call(headers=headers)
            fuzzing["statistics"].record(case.operation.label, response.status_code, started, time.monotonic())
            case.validate_response(response, checks=CHECKS, headers=headers)
        finally:
            transaction.set_rollback(True)


def test_the_fuzzed_document_is_the_served_one(api_client, db):
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert _without_shaping(response.json()) == schema.raw_schema
