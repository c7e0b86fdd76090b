"""While the database is unreachable every request gets a quick 503 with Retry-After, never a 500."""

import logging

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.db.backends.utils import CursorWrapper

from meetings.models import DataVersion, Statement, Topic

pytestmark = pytest.mark.django_db

API_BODY = b'{"detail": "The database is unavailable. Try again shortly."}'
PAGE_BODY = b"Service unavailable: the database cannot be reached. Try again shortly.\n"
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK")


class Outage:
    """Makes every query fail with ``error`` once started; ``after_first_insert`` lets a write begin."""

    def __init__(self, monkeypatch):
        self.error: type[Exception] | None = None
        self.after_first_insert = False
        self.inserted = False
        original_execute, original_executemany = CursorWrapper.execute, CursorWrapper.executemany

        def execute(cursor, sql, params=None):
            self.check(sql)
            return original_execute(cursor, sql, params)

        def executemany(cursor, sql, param_list):
            self.check(sql)
            return original_executemany(cursor, sql, param_list)

        monkeypatch.setattr(CursorWrapper, "execute", execute)
        monkeypatch.setattr(CursorWrapper, "executemany", executemany)

    def start(self, error=OperationalError, after_first_insert=False):
        self.error, self.after_first_insert, self.inserted = error, after_first_insert, False

    def stop(self):
        self.error = None

    def check(self, sql: str) -> None:
        if self.error is None or sql.lstrip().upper().startswith(TRANSACTION_CONTROL):
            # Rolling back is left to work: the test's own transaction wraps the request.
            return
        if self.after_first_insert and not self.inserted:
            self.inserted = sql.lstrip().upper().startswith("INSERT")
            return
        raise self.error("server closed the connection unexpectedly")


@pytest.fixture
def outage(monkeypatch):
    return Outage(monkeypatch)


def assert_api_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"] == "application/json"
    assert response.content == API_BODY


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/meetings/",
        "/api/v1/meetings/?participant=sergey-lavrov&date_after=2017-01-01",
        "/api/v1/statements/?search=dialogue",
        "/api/v1/topics/?format=csv",
        "/api/v1/meetings/lavrov-tillerson-talks-2017/",
        "/api/v1/participants/sergey-lavrov/",
        "/api/v1/network/",
        "/api/v1/timeline/",
        "/api/v1/export/",
        "/api/v1/changes/?since=2017-01-01T00:00:00Z",
        "/api/v1/meetings/lavrov-tillerson-talks-2017/positions/",
    ],
)
def test_reads_get_a_json_503(world, api_client, outage, url, error):
    outage.start(error)
    assert_api_503(api_client.get(url))
    outage.stop()
    assert api_client.get(url).status_code == 200


def test_a_signed_in_client_whose_token_cannot_be_checked_gets_a_json_503(world, curator_client, outage):
    outage.start()
    assert_api_503(curator_client.get("/api/v1/meetings/"))


def test_a_write_that_hits_the_failure_leaves_nothing_behind(world, curator_client, outage):
    statements, history, version = Statement.objects.count(), Statement.history.count(), DataVersion.current().version
    outage.start(after_first_insert=True)
    response = curator_client.post(
        "/api/v1/statements/",
        {
            "slug": "lavrov-frank-again",
            "speaker": "sergey-lavrov",
            "source": "tillerson-visits-moscow",
            "meeting": "lavrov-tillerson-talks-2017",
            "kind": "direct_quote",
            "text": "frank and comprehensive",
            "topics": ["syria", "ukraine"],
        },
        format="json",
    )
    assert outage.inserted, "the failure came before the write began"
    outage.stop()
    assert_api_503(response)
    assert not Statement.objects.filter(slug="lavrov-frank-again").exists()
    assert (Statement.objects.count(), Statement.history.count()) == (statements, history)
    assert DataVersion.current().version == version


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_changes_and_deletes_get_a_json_503(world, curator_client, outage, method):
    outage.start(InterfaceError)
    response = getattr(curator_client, method)("/api/v1/topics/ukraine/", {"name": "Ukraine crisis"}, format="json")
    outage.stop()
    assert_api_503(response)
    assert Topic.objects.get(slug="ukraine").name == "Ukraine"


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
@pytest.mark.parametrize("url", ["/admin/", "/admin/meetings/meeting/", "/admin/meetings/statement/1/change/"])
def test_the_admin_gets_a_short_plain_503(world, client, admin_user, outage, url, error):
    client.force_login(admin_user)
    outage.start(error)
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == PAGE_BODY


def test_a_page_asked_for_as_json_gets_the_json_503(world, client, admin_user, outage):
    client.force_login(admin_user)
    outage.start()
    assert_api_503(client.get("/admin/meetings/meeting/", HTTP_ACCEPT="application/json"))


def test_an_admin_save_that_hits_the_failure_leaves_nothing_behind(world, client, admin_user, outage):
    client.force_login(admin_user)
    outage.start(after_first_insert=True)
    response = client.post("/admin/meetings/topic/add/", {"slug": "sanctions", "name": "Sanctions"})
    outage.stop()
    assert response.status_code == 503
    assert response.content == PAGE_BODY
    assert not Topic.objects.filter(slug="sanctions").exists()


def test_the_failure_is_one_warning_not_an_error_with_a_traceback(world, api_client, outage, caplog):
    outage.start()
    with caplog.at_level(logging.INFO):
        api_client.get("/api/v1/meetings/")
    logged = [(r.name, r.levelname, r.getMessage(), r.exc_info) for r in caplog.records]
    assert logged == [
        (
            "meetings.database",
            "WARNING",
            "Database unavailable: GET /api/v1/meetings/ answered 503 "
            "(OperationalError: server closed the connection unexpectedly)",
            None,
        )
    ]


def test_other_database_errors_are_not_taken_for_an_outage(world, api_client, monkeypatch):
    from django.db import ProgrammingError

    def broken(*args, **kwargs):
        raise ProgrammingError("relation does not exist")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    api_client.raise_request_exception = False
    assert api_client.get("/api/v1/meetings/").status_code == 500


def test_a_failure_outside_any_view_is_a_503_too(rf):
    from meetings.views import server_error

    for path, content_type, body in [
        ("/api/v1/meetings/", "application/json", API_BODY),
        ("/admin/", "text/plain; charset=utf-8", PAGE_BODY),
    ]:
        try:
            raise OperationalError("the database system is shutting down")
        except OperationalError:
            response = server_error(rf.get(path))
        assert (response.status_code, response["Content-Type"], response.content) == (503, content_type, body)
        assert response["Retry-After"] == "5"


def test_the_health_check_says_so_and_asks_to_retry(client, outage, caplog):
    outage.start()
    with caplog.at_level(logging.INFO):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {"status": "unavailable", "database": "unreachable", "detail": "OperationalError"}
    assert [(r.name, r.levelname) for r in caplog.records] == [("meetings.database", "WARNING")]


@pytest.mark.django_db(transaction=True)
def test_the_connection_is_dropped_and_the_next_request_opens_a_new_one(api_client, outage, monkeypatch):
    closed = []
    close = connection.close
    monkeypatch.setattr(connection, "close", lambda: (closed.append(True), close())[1])
    api_client.get("/api/v1/topics/")  # opens the connection
    outage.start()
    assert_api_503(api_client.get("/api/v1/topics/"))
    assert closed
    if connection.vendor == "postgresql":
        assert connection.connection is None
    outage.stop()
    assert api_client.get("/api/v1/topics/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_write_that_hits_the_failure_outside_a_test_transaction_leaves_nothing_behind(curator_client, outage):
    topics, history = Topic.objects.count(), Topic.history.count()
    outage.start(after_first_insert=True)
    response = curator_client.post("/api/v1/topics/", {"slug": "sanctions", "name": "Sanctions"}, format="json")
    assert outage.inserted
    outage.stop()
    assert_api_503(response)
    assert (Topic.objects.count(), Topic.history.count()) == (topics, history)


# ------------------------------------------------------------------ settings: fail fast


def _in_subprocess(code: str, env: dict) -> str:
    import os
    import subprocess
    import sys
    from pathlib import Path

    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_SECRET_KEY": "s3cret", **env},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


SHOW_DATABASE = (
    "import json, django; from django.conf import settings; django.setup();"
    "print(json.dumps([settings.DATABASES['default'].get('OPTIONS', {}), settings.DB_STATEMENT_TIMEOUT]))"
)


@pytest.mark.parametrize(
    ("env", "shown"),
    [
        ({"DATABASE_URL": "postgres://u:p@db:5432/meetings"}, '[{"connect_timeout": 3}, 0]'),
        (
            {
                "DATABASE_URL": "postgres://u:p@db:5432/meetings",
                "DJANGO_DB_CONNECT_TIMEOUT": "10",
                "DJANGO_DB_STATEMENT_TIMEOUT": "25",
            },
            '[{"connect_timeout": 10}, 25]',
        ),
        ({}, "[{}, 0]"),
    ],
)
def test_postgresql_connections_give_up_after_the_connect_timeout(env, shown):
    assert _in_subprocess(SHOW_DATABASE, env) == shown


def test_only_the_web_application_limits_statement_time():
    connected = (
        "from django.db.backends.signals import connection_created;"
        "print(connection_created.disconnect(dispatch_uid='meetings.limit_statement_time'))"
    )
    assert _in_subprocess("import django; django.setup();" + connected, {}) == "False"
    assert _in_subprocess("import config.wsgi;" + connected, {}) == "True"


def test_the_statement_timeout_is_set_on_new_postgresql_connections(settings):
    from meetings.web_sessions import limit_statement_time

    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("0",)
        settings.DB_STATEMENT_TIMEOUT = 25
        limit_statement_time(sender=None, connection=connection)
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("25s",)


def test_web_sessions_start_no_parallel_workers_unless_told(settings):
    from meetings.web_sessions import limit_statement_time

    if connection.vendor != "postgresql":
        pytest.skip("parallel query is PostgreSQL's")
    with connection.cursor() as cursor:
        limit_statement_time(sender=None, connection=connection)
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)
        settings.DB_WEB_PARALLEL_WORKERS = 2
        limit_statement_time(sender=None, connection=connection)
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("2",)
