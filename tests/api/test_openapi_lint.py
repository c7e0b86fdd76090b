"""The OpenAPI document passes Redocly's recommended rules, and declares its licence and server.

The linter is the npm package pinned in package.json (`npm ci` installs it). Without it the lint test
is skipped, unless REQUIRE_REDOCLY is set (as CI does), when its absence is a failure.
"""

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
REDOCLY = ROOT / "node_modules" / ".bin" / "redocly"

if not REDOCLY.exists() and os.environ.get("REQUIRE_REDOCLY"):
    pytest.fail("REQUIRE_REDOCLY is set but node_modules/.bin/redocly is missing: run `npm ci`", pytrace=False)


@pytest.fixture(scope="module")
def document_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("openapi") / "schema.yml"
    call_command("spectacular", "--file", str(path))
    return path


@pytest.mark.skipif(not REDOCLY.exists(), reason="Redocly's CLI is not installed: run `npm ci`")
def test_the_document_passes_redocly_s_recommended_rules(document_file):
    linted = subprocess.run(
        [str(REDOCLY), "lint", "--config", str(ROOT / "redocly.yaml"), "--format", "stylish", str(document_file)],
        cwd=ROOT,
        env={**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_the_lint_configuration_switches_off_only_the_trailing_slash_rule():
    # As Redocly reads YAML (1.2): `off` is text, not false.
    configuration = yaml.load((ROOT / "redocly.yaml").read_text(), Loader=yaml.BaseLoader)
    assert configuration == {
        "extends": ["recommended"],
        "rules": {"no-path-trailing-slash": "off"},
        "telemetry": "off",
    }


def test_the_document_declares_the_data_licence_and_its_server(document_file):
    document = yaml.safe_load(document_file.read_text())
    assert document["info"]["license"] == {
        "name": "CC-BY-4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert document["servers"] == [{"url": "/", "description": "This server"}]


def test_a_nullable_nested_record_has_a_type(document_file):
    document = yaml.safe_load(document_file.read_text())
    via = document["components"]["schemas"]["Statement"]["properties"]["via"]
    assert via == {
        "type": "object",
        "allOf": [{"$ref": "#/components/schemas/ParticipantCompact"}],
        "readOnly": True,
        "nullable": True,
        "description": "Who relayed it, if anyone.",
    }


def test_answers_of_counted_requests_document_the_rate_limit_headers(document_file):
    document = yaml.safe_load(document_file.read_text())
    assert set(document["components"]["headers"]) == {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"}
    responses = document["paths"]["/api/v1/topics/"]["get"]["responses"]
    for status in ("200", "304", "400", "404", "429", "503"):
        headers = responses[status]["headers"]
        assert headers["RateLimit-Remaining"] == {"$ref": "#/components/headers/RateLimit-Remaining"}, status
    for status in ("401", "406"):
        assert "RateLimit-Limit" not in responses[status].get("headers", {}), status
