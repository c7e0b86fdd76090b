"""Hostile input gets a 4xx JSON answer that names the problem, never a 500, and changes nothing."""

import functools
import itertools
import json
from urllib.parse import urlencode

import django_filters
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.validators import RegexValidator
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from rest_framework import fields as drf_fields
from rest_framework import relations, serializers

from meetings import filters as resource_filters
from meetings import search
from meetings.api import relations as relation_views
from meetings.api.serializers import SlugReferenceField, StrictCharField, StrictStringMixin
from meetings.api.urls import router

from .snapshots import differences, snapshot

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "x" * 5000,
    "nul\x00byte",
    "'; DROP TABLE meetings_meeting; --",
    "<script>alert(1)</script>",
    "9" * 400,
    "-1",
    "1e308",
    "2017-02-30",
    "☃️ \u202e rtl",
    "%",
    "",
]

QUERY_PARAMETERS = {
    "/api/v1/meetings/": ["date_after", "date_before", "participant", "country", "topic", "kind", "status",
                          "source", "parent", "search", "ordering", "page", "page_size", "updated_since",
                          "review_status", "format"],
    "/api/v1/statements/": ["speaker", "speaker_country", "via", "meeting", "topic", "kind", "channel", "source",
                            "date_after", "date_before", "search", "ordering", "page", "page_size"],
    "/api/v1/participants/": ["country", "kind", "met_with", "search", "ordering", "page_size"],
    "/api/v1/topics/": ["parent", "search"],
    "/api/v1/sources/": ["publisher", "kind", "language", "date_after", "search"],
    "/api/v1/network/": ["topic", "date_after", "country", "status"],
    "/api/v1/timeline/": ["participant", "topic", "date_before", "page"],
    "/api/v1/changes/": ["since", "page"],
    "/api/v1/participants/sergey-lavrov/counterparts/": ["topic", "status"],
}  # fmt: skip


def _snapshot():
    return snapshot()


@pytest.mark.parametrize("url", list(QUERY_PARAMETERS))
def test_hostile_query_parameters_never_cause_a_server_error(world, api_client, url):
    for name in QUERY_PARAMETERS[url]:
        for value in HOSTILE_VALUES:
            response = api_client.get(url, {name: value})
            assert response.status_code < 500, (url, name, value[:40], response.status_code)
            if response.status_code >= 400:
                assert response["Content-Type"].startswith("application/json"), (url, name, value[:40])
                body = response.json()
                assert name in body or "detail" in body, (url, name, value[:40], body)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/meetings/%00/", "/api/v1/participants/%ff%fe/", "/api/v1/statements/99999999999999999999/",
     "/api/v1/topics/" + "a" * 3000 + "/", "/api/v1/meetings/x%00y/positions/"],
)  # fmt: skip
def test_hostile_paths_are_json_404s(world, api_client, path):
    response = api_client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def _deep(depth: int):
    value = "x"
    for _ in range(depth):
        value = {"a": [value]}
    return value


BODIES = [
    {"slug": "nul", "name": "A\x00B", "kind": "person"},
    {"slug": "x" * 5000, "name": "Long", "kind": "person"},
    {"slug": "ok-slug", "name": "<script>alert(1)</script>", "kind": "'; DROP TABLE x; --", "country": "R\x00"},
    {"slug": "ok-slug", "name": "Deep", "kind": "person", "other_names": _deep(200)},
    {"slug": "ok-slug", "name": "Numbers", "kind": "person", "other_names": [10**400]},
    {"slug": ["list"], "name": {"dict": 1}, "kind": None},
    {"unknown_field": "ignored?", "slug": "ok-slug", "kind": "person"},
]


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_hostile_bodies_get_a_json_400_and_change_nothing(world, curator_client, body):
    before = _snapshot()
    response = curator_client.post("/api/v1/participants/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400, response.content[:200]
    assert response["Content-Type"].startswith("application/json")
    assert differences(before, _snapshot()) == {}


@pytest.mark.parametrize(
    ("raw", "content_type", "status"),
    [
        (b"\xff\xfe{not json", "application/json", 400),
        (b'{"a": ' * 5000 + b"1" + b"}" * 5000, "application/json", 400),
        (b'{"slug": "x", "name": NaN}', "application/json", 400),
        (b'{"text": "' + b"x" * 1_000_001 + b'"}', "application/json", 413),
        (b"slug=x&name=y", "text/plain", 415),
        (b"<xml/>", "application/xml", 415),
    ],
    ids=["invalid-utf8", "deeply-nested", "nan", "oversized", "plain-text", "xml"],
)
def test_malformed_and_unexpected_bodies(world, curator_client, raw, content_type, status):
    before = _snapshot()
    response = curator_client.generic("POST", "/api/v1/topics/", raw, content_type=content_type)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert differences(before, _snapshot()) == {}


# ================================================================ the corpus
#
# Every query parameter of every read endpoint and every field of every write body, each sent
# every kind of hostile value that can reach it. The parameters come from the OpenAPI document
# (what the filtersets, the pagination, search and ordering declare) and from the views' own
# pagination; the fields from the write serializers. A parameter or field added later is in the
# corpus without editing it.

INVALID_UTF8 = object()  # stands for the raw bytes FF FE, which no text value can hold

QUERY_VALUES = {
    "overlong": "x" * 5000,
    "nul": "sergey-\x00lavrov",
    "invalid-utf8": INVALID_UTF8,
    "sql": "'; DROP TABLE meetings_meeting; --",
    "html": "<script>alert(1)</script>",
    "huge-number": "9" * 400,
    "negative-number": "-1",
    "float-overflow": "1e308",
    "malformed-date": "2017-02-30",
    "malformed-datetime": "2017-04-12T25:61:00Z",
    "bidi-text": "☃️ \u202e rtl",
}
SAMPLE_PATH_KEYS = {
    "meetings": "lavrov-tillerson-talks-2017",
    "participants": "sergey-lavrov",
    "topics": "syria",
    "sources": "tillerson-visits-moscow",
}


@functools.cache
def _document() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _sample_path(template: str, statement_id: int = 1) -> str:
    resource = template.split("/")[3]
    return template.replace("{slug}", SAMPLE_PATH_KEYS.get(resource, "x")).replace("{id}", str(statement_id))


def _view_class(path: str):
    func = resolve(path).func
    return getattr(func, "cls", None) or func.view_class


def _read_endpoints() -> dict[str, list[str]]:
    """Every GET endpoint of the API with every query parameter it reads."""
    endpoints = {}
    for template, item in _document()["paths"].items():
        if "get" not in item or not template.startswith("/api/v1/"):
            continue
        names = {p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"}
        paginator = getattr(_view_class(_sample_path(template)), "pagination_class", None)
        if paginator is not None and not any("{" in part for part in template.split("/")[4:]):
            names |= {paginator.page_query_param, paginator.page_size_query_param}
        names.add(settings.REST_FRAMEWORK.get("URL_FORMAT_OVERRIDE", "format"))  # every view negotiates
        endpoints[template] = sorted(names)
    return endpoints


def _filtersets() -> list[type[django_filters.FilterSet]]:
    modules = (resource_filters, relation_views)
    return [
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, django_filters.FilterSet) and value.base_filters
    ]


def _free_text_limits() -> dict[str, int]:
    """Parameters that take any text (a search, a publisher's name), with their length limits.

    Every other parameter takes a slug, a choice, a date, a code or a number, and none of the
    hostile values is one.
    """
    limits = {"search": search.MAX_QUERY_LENGTH}
    for filterset in _filtersets():
        for name, declared in filterset.base_filters.items():
            if type(declared) is django_filters.CharFilter and not declared.extra.get("validators"):
                limits[name] = declared.extra["max_length"]
    return limits


READ_ENDPOINTS = _read_endpoints()


def _query(name: str, value) -> str:
    return f"{name}=%FF%FE" if value is INVALID_UTF8 else urlencode({name: value})


def _expected_read(name: str, kind: str, value) -> int:
    free_text = _free_text_limits()
    if name in free_text:
        refused = value is INVALID_UTF8 or "\x00" in value or len(value) > free_text[name]
        return 400 if refused else 200
    if name == "page" and kind == "huge-number":
        return 404  # a page number, but past the last page
    return 400


def test_the_corpus_covers_every_filter_and_every_documented_parameter():
    documented = {name for names in READ_ENDPOINTS.values() for name in names}
    declared = {name for filterset in _filtersets() for name in filterset.base_filters}
    assert declared <= documented
    assert {"search", "ordering", "page", "page_size", "format", "since"} <= documented
    assert len(READ_ENDPOINTS) >= 17


@pytest.mark.parametrize("template", list(READ_ENDPOINTS))
def test_every_query_parameter_refuses_hostile_values(world, api_client, template):
    before = snapshot()
    path = _sample_path(template, world["frank"].pk)
    for name, (kind, value) in itertools.product(READ_ENDPOINTS[template], QUERY_VALUES.items()):
        response = api_client.get(f"{path}?{_query(name, value)}")
        where = (template, name, kind)
        assert response.status_code == _expected_read(name, kind, value), (*where, response.status_code)
        assert response["Content-Type"] == "application/json", where
        body = response.json()
        if response.status_code == 404:
            assert body == {"detail": "Invalid page."}, where
        elif response.status_code == 400:
            assert list(body) == [name], (*where, body)
            assert body[name] and all(isinstance(message, str) for message in body[name]), (*where, body)
            if value is INVALID_UTF8:
                assert body == {name: ["Not valid UTF-8 once percent-decoded."]}, where
            elif "\x00" in value:
                assert body == {name: ["Null characters are not allowed."]}, where
    assert differences(before, snapshot()) == {}


def test_a_query_string_that_is_not_utf8_or_holds_a_nul_is_refused_everywhere(world, client, api_client):
    """The same check guards the admin, whose list filters PostgreSQL would otherwise fail on."""
    response = api_client.get("/api/v1/meetings/?kind=talks&topic=%00&%FF=1")
    assert response.status_code == 400
    assert response.json() == {
        "topic": ["Null characters are not allowed."],
        "\ufffd": ["Not valid UTF-8 once percent-decoded."],
    }
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "correct horse battery staple"))
    for query in ("kind=%00", "country__exact=%00", "q=%FF"):
        response = client.get(f"/admin/meetings/meeting/?{query}")
        assert response.status_code == 400, query
        assert response.content == b"Bad request: the query string holds a null character or is not valid UTF-8."
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "meetings", "model_name": "statement", "field_name": "speaker", "term": "\x00"},
    )
    assert response.status_code == 400
    assert client.get("/admin/meetings/meeting/", {"kind": "talks"}).status_code == 200


@pytest.mark.parametrize(
    ("other_names", "error"),
    [
        ('["Sergei\\u0000Lavrov"]', "Null characters are not allowed."),
        ('["Sergei\\ud800"]', "Surrogate characters are not allowed: U+D800."),
        ('{"a": 1}', "Other names must be a list of strings."),
    ],
    ids=["nul", "surrogate", "object"],
)
def test_the_admin_refuses_what_json_can_spell_but_no_text_can_hold(world, client, other_names, error):
    """The admin takes a participant's other names as JSON, whose escapes can spell NUL or half a pair."""
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "correct horse battery staple"))
    before = snapshot()
    form = {"slug": "new", "name": "New", "kind": "person", "other_names": other_names}
    response = client.post("/admin/meetings/participant/add/", form)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"other_names": [error]}
    assert differences(before, snapshot()) == {}


# ---------------------------------------------------------------- write bodies

RESOURCES = {prefix: viewset for prefix, viewset, _basename in router.registry}


def _valid_bodies(world) -> dict[str, dict]:
    """A body each resource accepts on POST, using every field its write form has."""
    return {
        "participants": {
            "slug": "john-bolton",
            "name": "John Bolton",
            "other_names": ["John R. Bolton"],
            "kind": "person",
            "country": "US",
            "position": "National Security Adviser",
            "wikidata_id": "Q361567",
        },
        "topics": {"slug": "arms-control", "name": "Arms control", "description": "Treaties.", "parent": "syria"},
        "sources": {
            "slug": "new-source",
            "title": "New source",
            "publisher": "Sputnik",
            "author": "A. Writer",
            "kind": "news_report",
            "published_on": "2018-10-22",
            "url": "https://example.org/article",
            "language": "en",
            "text": "Fresh text.",
        },
        "meetings": {
            "slug": "new-meeting",
            "title": "New meeting",
            "kind": "talks",
            "status": "held",
            "date": "2017-04-12",
            "date_precision": "day",
            "date_basis": "source",
            "end_date": "2017-04-13",
            "city": "Moscow",
            "country": "RU",
            "summary": "Talks.",
            "parent": "tillerson-visit-moscow-2017",
            "participants": [{"participant": "sergey-lavrov", "role": "host"}],
            "topics": ["syria"],
            "sources": ["tillerson-visits-moscow"],
            "outcomes": [{"description": "Agreed.", "source": "tillerson-visits-moscow"}],
            "review_status": "draft",
        },
        "statements": {
            "slug": "new-statement",
            "speaker": "sergey-lavrov",
            "via": "rex-tillerson",
            "meeting": "lavrov-tillerson-talks-2017",
            "source": "tillerson-visits-moscow",
            "kind": "paraphrase",
            "text": "Something.",
            "occurrence": 1,
            "topics": ["syria"],
            "said_on": "2017-04-12",
            "said_on_precision": "day",
            "channel": "press_conference",
            "review_status": "draft",
        },
    }


def _target(world, resource: str) -> tuple[str, dict]:
    """The record PUT and PATCH are aimed at, and the changes that make the valid body fit it."""
    return {
        "participants": ("vladimir-putin", {"slug": "vladimir-putin"}),
        "topics": ("ukraine", {"slug": "ukraine"}),
        "sources": (world["source"].slug, {"slug": world["source"].slug, "text": world["source"].text}),
        "meetings": ("minsk-follow-up", {"slug": "minsk-follow-up"}),
        "statements": (str(world["productive"].pk), {"slug": "tillerson-productive"}),
    }[resource]


def _request(client, world, resource: str, method: str, body: dict | bytes, content_type="application/json"):
    url = f"/api/v1/{resource}/" if method == "POST" else f"/api/v1/{resource}/{_target(world, resource)[0]}/"
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.generic(method, url, raw, content_type=content_type)


def _full_body(world, resource: str, method: str) -> dict:
    body = _valid_bodies(world)[resource]
    return {**body, **_target(world, resource)[1]} if method == "PUT" else body


def _with(world, resource: str, method: str, name: str, value) -> dict:
    return {name: value} if method == "PATCH" else {**_full_body(world, resource, method), name: value}


def _write_fields(resource: str) -> dict[str, serializers.Field]:
    form = RESOURCES[resource].write_serializer_class()
    return {name: field for name, field in form.fields.items() if not field.read_only}


SQL = "'; DROP TABLE meetings_meeting; --"
HTML = "<script>alert(1)</script>"
MALFORMED_DATES = ["2017-02-30", "2017-13-01", "12/04/2017", "0000-01-01", "99999-01-01", "2017-04-12T10:00:00Z"]


def _deep(depth: int):
    value = "x"
    for _ in range(depth):
        value = {"a": [value]}
    return value


def _with_nul(text: str) -> str:
    return text[: len(text) // 2] + "\x00" + text[len(text) // 2 :]


def _is_free_text(field) -> bool:
    return isinstance(field, StrictCharField) and not any(isinstance(v, RegexValidator) for v in field.validators)


def _hostile_values(field, valid) -> dict[str, object]:
    """Values the field must refuse, by kind; ``valid`` is a value it accepts."""
    values = {
        "object": {"a": {"b": 1}},
        "boolean": True,
        "huge-number": 10**30,
        "negative-number": -1,
        "float-overflow": 1e308,
        "deeply-nested": _deep(50),
    }
    if not getattr(field, "allow_null", False):
        values["null"] = None
    many = isinstance(field, (relations.ManyRelatedField, serializers.ListSerializer, drf_fields.ListField))
    if many:
        item = valid[0]
        values |= {
            "string-for-list": "x",
            "list-of-lists": [[item]],
            "list-of-null": [None],
            "list-of-numbers": [10**30],
            "too-many": [item] * ((field.max_length or 1000) + 1),
        }
        if isinstance(item, dict):  # a meeting's participants or outcomes
            key = next(iter(item))
            values |= {
                "nul-in-item": [{**item, key: _with_nul(item[key])}],
                "unknown-in-item": [{**item, "colour": "red"}],
                "surrogate-in-item": [{**item, key: item[key] + "\ud800"}],
                "overlong-in-item": [{**item, key: "a" * 5001}],
            }
            if not _is_free_text(field.child.fields[key]):
                values["sql-in-item"] = [{**item, key: SQL}]
        else:
            values |= {
                "nul-in-item": [_with_nul(item)],
                "overlong-item": ["a" * 5000],
                "surrogate-in-item": [item + "\ud800"],
            }
            if not _is_free_text(getattr(field, "child", None) or getattr(field, "child_relation", None)):
                values |= {"sql-in-item": [SQL], "html-in-item": [HTML]}
        return values
    values["list-for-scalar"] = [valid]
    if isinstance(field, drf_fields.IntegerField):
        return values | {
            "zero": 0,
            "beyond-the-column": 32768,
            "beyond-64-bits": 2**63,
            "text": "one",
            "sql": SQL,
            "overlong": "9" * 5000,
        }
    text = str(valid)
    values |= {"nul": _with_nul(text), "surrogate": text + "\ud800"}
    max_length = getattr(field, "max_length", None)
    if isinstance(field, drf_fields.DateField):
        values |= {f"malformed-date-{i}": date for i, date in enumerate(MALFORMED_DATES)}
        values["overlong"] = text + "0" * 5000
    elif max_length is not None:
        values["overlong"] = text[:1] + "a" * max_length
    elif not _is_free_text(field):
        values["overlong"] = "a" * 5000
    if not _is_free_text(field):
        values |= {"sql": SQL, "html": HTML}
    return values


def _expect_refused(response, name: str, where) -> None:
    assert response.status_code == 400, (*where, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json", where
    assert list(response.json()) == [name], (*where, response.json())


METHODS = ["POST", "PUT", "PATCH"]
BODY_CASES = [(resource, method) for resource in RESOURCES for method in METHODS]
BODY_IDS = ["-".join(case) for case in BODY_CASES]


@pytest.mark.parametrize(("resource", "method"), BODY_CASES, ids=BODY_IDS)
def test_every_write_field_refuses_hostile_values(world, curator_client, resource, method):
    before = snapshot()
    for name, field in _write_fields(resource).items():
        valid = _valid_bodies(world)[resource][name]
        for kind, value in _hostile_values(field, valid).items():
            response = _request(curator_client, world, resource, method, _with(world, resource, method, name, value))
            _expect_refused(response, name, (resource, method, name, kind))
        assert differences(before, snapshot()) == {}, name


@pytest.mark.parametrize(("resource", "method"), BODY_CASES, ids=BODY_IDS)
def test_undecodable_and_oversized_values_are_refused_for_the_whole_body(world, curator_client, resource, method):
    before = snapshot()
    limit = settings.API_MAX_BODY_BYTES
    for name in _write_fields(resource):
        body = json.dumps(_with(world, resource, method, name, "PLACEHOLDER")).encode()
        response = _request(curator_client, world, resource, method, body.replace(b"PLACEHOLDER", b"ab\xff\xfecd"))
        assert response.status_code == 400, name
        assert response.json()["detail"].startswith("JSON parse error - 'utf-8' codec can't decode byte 0xff"), name
        huge = _with(world, resource, method, name, "x" * (limit + 1))
        response = _request(curator_client, world, resource, method, huge)
        assert response.status_code == 413, name
        assert response.json() == {"detail": f"Request bodies are limited to {limit} bytes."}, name
    assert differences(before, snapshot()) == {}


@pytest.mark.parametrize(("resource", "method"), BODY_CASES, ids=BODY_IDS)
def test_the_valid_bodies_the_corpus_starts_from_are_accepted(world, curator_client, resource, method):
    """Each hostile value above is refused for itself, not for something else in its body."""
    body = _full_body(world, resource, method)
    if method == "PATCH":
        body = {"slug": body["slug"]} if resource != "statements" else {"text": "Something else."}
    response = _request(curator_client, world, resource, method, body)
    assert response.status_code == (201 if method == "POST" else 200), response.json()


@pytest.mark.parametrize(("resource", "method"), BODY_CASES, ids=BODY_IDS)
def test_unknown_fields_are_refused_by_name(world, curator_client, resource, method):
    before = snapshot()
    body = {**_with(world, resource, method, "colour", "red"), "created_at": "2017-01-01T00:00:00Z"}
    response = _request(curator_client, world, resource, method, body)
    assert response.status_code == 400
    assert response.json() == {"colour": ["Unknown field."], "created_at": ["Unknown field."]}
    # Reported with the problems of the known fields, not instead of them.
    response = _request(curator_client, world, resource, method, {"slug": "not a slug", "colour": "red"})
    assert response.status_code == 400
    assert response.json()["colour"] == ["Unknown field."]
    assert "slug" in response.json()
    assert differences(before, snapshot()) == {}


@pytest.mark.parametrize(("resource", "method"), BODY_CASES, ids=BODY_IDS)
def test_malformed_bodies_are_refused_with_what_is_wrong(world, curator_client, resource, method):
    before = snapshot()
    cases = [
        (b'{"slug": "x", "name": ', "application/json", 400, "JSON parse error - Expecting value: line 1 column 23"),
        (b"\xff\xfe{not json", "application/json", 400, "JSON parse error - 'utf-8' codec can't decode byte 0xff"),
        (b'{"a": ' * 100_000 + b"1" + b"}" * 100_000, "application/json", 400, "JSON parse error - the document is"),
        (b'{"slug": NaN}', "application/json", 400, "JSON parse error - NaN is not valid JSON"),
        (b'{"slug": -Infinity}', "application/json", 400, "JSON parse error - -Infinity is not valid JSON"),
        (b'{"slug": 1e999}', "application/json", 400, "JSON parse error - the number 1e999 is out of range"),
        (b'{"slug": 1' + b"0" * 5000 + b"}", "application/json", 400, "JSON parse error - Exceeds the limit"),
        (b"slug=%FF%FE", "application/x-www-form-urlencoded", 400, "Form parse error - the body is not valid utf-8"),
        (b"slug=\xff", "application/x-www-form-urlencoded", 400, "Form parse error - the body is not valid utf-8"),
        (b"slug=x", "text/plain", 415, 'Unsupported media type "text/plain" in request.'),
        (b"<slug>x</slug>", "application/xml", 415, 'Unsupported media type "application/xml" in request.'),
        (b"<p>x</p>", "text/html", 415, 'Unsupported media type "text/html" in request.'),
        (b'{"slug": "x"}', "", 415, 'Unsupported media type "" in request.'),
        (b"garbage", "multipart/form-data", 400, "Multipart form parse error - Invalid boundary in multipart"),
    ]
    for raw, content_type, status, detail in cases:
        response = _request(curator_client, world, resource, method, raw, content_type=content_type)
        assert response.status_code == status, (raw[:30], content_type, response.content[:200])
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"].startswith(detail), (raw[:30], response.json())
        assert list(response.json()) == ["detail"]
    for raw, message in [
        (b"[1, 2]", "Invalid data. Expected a dictionary, but got list."),
        (b'"slug"', "Invalid data. Expected a dictionary, but got str."),
        (b"12", "Invalid data. Expected a dictionary, but got int."),
        (b"null", "No data provided"),
    ]:
        response = _request(curator_client, world, resource, method, raw)
        assert response.status_code == 400
        assert response.json() == {"non_field_errors": [message]}
    assert differences(before, snapshot()) == {}


@pytest.mark.parametrize("resource", list(RESOURCES))
def test_markup_and_sql_in_text_fields_are_stored_as_written(world, curator_client, resource):
    """Free text may hold any characters but NUL: they are data, never markup or SQL."""
    hostile = "<script>alert(1)</script> '; DROP TABLE meetings_meeting; -- &amp; \u202e"
    body = _valid_bodies(world)[resource]
    texts = {
        name: hostile[: field.max_length] if field.max_length else hostile
        for name, field in _write_fields(resource).items()
        if _is_free_text(field) and name in body
    }
    response = _request(curator_client, world, resource, "POST", {**body, **texts})
    assert response.status_code == 201, response.json()
    detail = curator_client.get(response["Location"]).json()
    assert {name: detail[name] for name in texts} == texts
    assert RESOURCES["meetings"].queryset.model.objects.exists()  # the table is still there


def test_every_write_form_refuses_unknown_fields():
    """The mixin is on every write form and on the forms nested in them."""
    from meetings.api.serializers import RefuseUnknownFieldsMixin

    for viewset in RESOURCES.values():
        form = viewset.write_serializer_class()
        assert isinstance(form, RefuseUnknownFieldsMixin)
        for field in form.fields.values():
            child = getattr(field, "child", None)
            if isinstance(child, serializers.Serializer):
                assert isinstance(child, RefuseUnknownFieldsMixin), field.field_name
            if isinstance(field, drf_fields.CharField):
                assert isinstance(field, StrictStringMixin), field.field_name
            if isinstance(field, relations.ManyRelatedField):
                assert isinstance(field.child_relation, SlugReferenceField), field.field_name
            elif isinstance(field, relations.RelatedField):
                assert isinstance(field, SlugReferenceField), field.field_name


def test_the_schema_says_write_bodies_take_no_other_fields():
    schemas = _document()["components"]["schemas"]
    for prefix, viewset in RESOURCES.items():
        name = viewset.write_serializer_class.__name__.removesuffix("Serializer")
        for component in (f"{name}Request", f"Patched{name}Request"):
            assert schemas[component]["additionalProperties"] is False, (prefix, component)
    assert schemas["ParticipationWriteRequest"]["additionalProperties"] is False
    assert schemas["OutcomeWriteRequest"]["additionalProperties"] is False
    closed = {name for name, schema in schemas.items() if schema.get("additionalProperties") is False}
    assert all(name.endswith("WriteRequest") for name in closed), closed  # answers may grow new fields
