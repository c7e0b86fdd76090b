"""The OpenAPI schema, Swagger UI and Redoc: generated, valid, described, and served locally."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api_client):
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_schema_validates_with_no_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert (tmp_path / "schema.yml").read_text().startswith("openapi: 3.0.3")


def test_schema_lists_every_v1_operation(schema):
    operations = {
        (path, method)
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    expected = set()
    for resource, key in [
        ("meetings", "slug"),
        ("participants", "slug"),
        ("topics", "slug"),
        ("sources", "slug"),
        ("statements", "id"),
    ]:
        expected |= {(f"/api/v1/{resource}/", "get"), (f"/api/v1/{resource}/", "post")}
        expected |= {(f"/api/v1/{resource}/{{{key}}}/", m) for m in ("get", "put", "patch", "delete")}
    expected |= {
        ("/api/v1/", "get"),
        ("/api/v1/meetings/{slug}/positions/", "get"),
        ("/api/v1/topics/{slug}/positions/", "get"),
        ("/api/v1/participants/{slug}/counterparts/", "get"),
        ("/api/v1/sources/{slug}/annotations/", "get"),
        ("/api/v1/network/", "get"),
        ("/api/v1/timeline/", "get"),
        ("/api/v1/export/", "get"),
        ("/api/v1/export/datapackage/", "get"),
        ("/api/v1/changes/", "get"),
    }
    assert operations == expected


def test_every_operation_parameter_and_field_has_a_description(schema):
    missing = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if not operation.get("description"):
                missing.append(f"{method} {path}")
            missing += [
                f"{method} {path} ?{p['name']}" for p in operation.get("parameters", []) if not p.get("description")
            ]
    for name, component in schema["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            described = spec.get("description") or any(
                part.get("description") for part in spec.get("allOf", []) + spec.get("oneOf", [])
            )
            if not described and "$ref" not in spec:
                missing.append(f"{name}.{field}")
    assert missing == [], "\n".join(missing)


def test_every_query_parameter_has_an_example(schema):
    missing = [
        f"{method} {path} ?{parameter['name']}"
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query" and "example" not in parameter and "examples" not in parameter
    ]
    assert missing == [], "\n".join(missing)


def test_request_and_response_forms_are_separate_components(schema):
    components = schema["components"]["schemas"]
    assert {"MeetingWriteRequest", "MeetingDetail", "MeetingList", "StatementWriteRequest"} <= set(components)


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_their_assets_from_this_app_only(api_client, url):
    response = api_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    references = re.findall(r'(?:src|href)="([^"]+)"', html) + re.findall(r"""(?:url|import)\(['"]([^'"]+)""", html)
    assert references, "expected the page to load scripts"
    assert [ref for ref in references if re.match(r"^(https?:)?//", ref)] == []
    assert "/static/drf_spectacular_sidecar/" in html


def test_every_operation_documents_its_errors_with_bodies(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            where = f"{method} {path}"
            assert {"401", "406", "429", "503"} <= set(responses), where
            for status in ("429", "503"):
                assert responses[status]["headers"]["Retry-After"]["required"] is True, where
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    assert list(response["content"]) == ["application/json"], (where, status)
            if "requestBody" in operation:
                assert list(operation["requestBody"]["content"]) == ["application/json"], where
                assert {"400", "413", "415"} <= set(responses), where
            if method == "get":
                assert {} in operation["security"], where  # reads are open to everyone
                assert "304" in responses, where
                assert responses["200"]["headers"]["ETag"]["required"] is True, where


def test_errors_are_reusable_components(schema):
    components = schema["components"]["schemas"]
    assert components["Error"]["required"] == ["detail"]
    bad_request = schema["paths"]["/api/v1/meetings/"]["post"]["responses"]["400"]["content"]["application/json"]
    assert bad_request["schema"] == {
        "oneOf": [{"$ref": "#/components/schemas/ValidationError"}, {"$ref": "#/components/schemas/Error"}]
    }
