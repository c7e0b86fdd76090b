"""Settings read the environment and fail fast on a production deployment without a secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _settings(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({'debug': settings.DEBUG, 'hosts': settings.ALLOWED_HOSTS,"
        " 'engine': settings.DATABASES['default']['ENGINE'],"
        " 'max_age': settings.DATABASES['default']['CONN_MAX_AGE'],"
        " 'health': settings.DATABASES['default']['CONN_HEALTH_CHECKS']}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        check=False,
    )


def test_production_without_a_secret_key_fails_with_improperly_configured():
    result = _settings({"DJANGO_DEBUG": "0"})
    assert result.returncode != 0
    assert (
        "django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off."
        in result.stderr
    )


def test_an_unreadable_boolean_fails_rather_than_guessing():
    result = _settings({"DJANGO_DEBUG": "maybe"})
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


def test_sqlite_is_the_default_and_hosts_come_from_the_environment():
    result = _settings({"DJANGO_SECRET_KEY": "s3cret", "DJANGO_ALLOWED_HOSTS": "api.example.org, example.org"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        '{"debug": false, "hosts": ["api.example.org", "example.org"], '
        '"engine": "django.db.backends.sqlite3", "max_age": 600, "health": true}'
    )


def test_an_empty_database_url_is_the_sqlite_default():
    result = _settings({"DJANGO_SECRET_KEY": "s3cret", "DATABASE_URL": ""})
    assert result.returncode == 0, result.stderr
    assert '"engine": "django.db.backends.sqlite3"' in result.stdout


def test_database_url_selects_postgresql_with_persistent_checked_connections():
    result = _settings({"DJANGO_DEBUG": "1", "DATABASE_URL": "postgres://u:p@db:5432/meetings"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        '{"debug": true, "hosts": ["localhost", "127.0.0.1", "[::1]"], '
        '"engine": "django.db.backends.postgresql", "max_age": 600, "health": true}'
    )


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-with-enough-entropy-0123456789",
    "DJANGO_ALLOWED_HOSTS": "api.example.org",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "DJANGO_SECURE_HSTS_PRELOAD": "1",
    "DJANGO_CORS_ALLOWED_ORIGINS": "https://analysis.example.org",
}


def test_check_deploy_reports_nothing_with_the_production_variables_set():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean, **PRODUCTION},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_check_deploy_reports_nothing_with_only_the_secret_key_and_the_allowed_hosts():
    """Production defaults are secure: HTTPS redirect and HSTS are on unless switched off."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            **clean,
            "DJANGO_SECRET_KEY": PRODUCTION["DJANGO_SECRET_KEY"],
            "DJANGO_ALLOWED_HOSTS": "api.example.org",
        },
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def _transport(env: dict) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps([settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS,"
        " settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD, settings.SESSION_COOKIE_SECURE]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_transport_security_is_on_with_debug_off_off_with_debug_on_and_can_be_switched_off():
    assert _transport({"DJANGO_SECRET_KEY": "s3cret"}) == "[true, 31536000, true, true, true]"
    assert _transport({"DJANGO_DEBUG": "1"}) == "[false, 0, false, false, false]"
    assert (
        _transport(
            {"DJANGO_SECRET_KEY": "s3cret", "DJANGO_SECURE_SSL_REDIRECT": "0", "DJANGO_SECURE_HSTS_SECONDS": "0"}
        )
        == "[false, 0, true, true, true]"
    )


def test_with_the_https_redirect_on_the_health_check_still_answers_over_plain_http(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz/").status_code == 200
    response = client.get("/api/v1/meetings/")
    assert (response.status_code, response["Location"]) == (301, "https://testserver/api/v1/meetings/")


def _replicas(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({'replicas': settings.READ_REPLICAS, 'seconds': settings.READ_YOUR_WRITES_SECONDS,"
        " 'routers': settings.DATABASE_ROUTERS, 'databases': {alias: [db['HOST'], db['NAME'], db['TEST']['MIRROR']]"
        " for alias, db in settings.DATABASES.items() if alias != 'default'}}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1", **env},
        check=False,
    )


def test_replica_urls_add_read_replicas_that_mirror_the_primary_in_tests():
    urls = "postgres://reader@replica-a:5432/meetings, postgresql://reader@replica-b/meetings"
    result = _replicas({"DATABASE_URL": "postgres://u@primary/meetings", "DATABASE_REPLICA_URLS": urls})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        '{"replicas": ["replica_1", "replica_2"], "seconds": 5, "routers": ["meetings.replicas.ReplicaRouter"], '
        '"databases": {"replica_1": ["replica-a", "meetings", "default"], '
        '"replica_2": ["replica-b", "meetings", "default"]}}'
    )
    none = _replicas({"DJANGO_READ_YOUR_WRITES_SECONDS": "30"})
    assert none.stdout.strip() == (
        '{"replicas": [], "seconds": 30, "routers": ["meetings.replicas.ReplicaRouter"], "databases": {}}'
    )


def test_a_replica_url_that_is_not_postgresql_is_refused():
    result = _replicas({"DATABASE_REPLICA_URLS": "sqlite:///replica.sqlite3"})
    assert result.returncode != 0
    assert (
        "ImproperlyConfigured: DATABASE_REPLICA_URLS must hold PostgreSQL URLs, not 'sqlite:///replica.sqlite3'."
        in result.stderr
    )
