"""The raw baseline: the fastest thing this machine can do with the same SQL.

A bare WSGI application, served by the same gunicorn with the same settings as the API, that
answers each benchmark URL by running exactly the SQL statements the Django view runs for it
(captured by bench/capture.py, byte for byte, in the same order) over one persistent psycopg
connection per worker, and writes the rows with orjson. No routing, validation, ORM, model
instances or serializers: what is left is the database, the driver, the JSON encoder and the
server. A conditional request runs the view's one query and answers an empty 304.

    BENCH_BASELINE_QUERIES=requests.json BENCH_DATABASE_URL=postgres://... \
        gunicorn -c gunicorn.conf.py --pythonpath bench baseline:application
"""

import os
from pathlib import Path

import orjson
import psycopg

_REQUESTS = orjson.loads(Path(os.environ["BENCH_BASELINE_QUERIES"]).read_bytes())["requests"]
_DATABASE_URL = os.environ["BENCH_DATABASE_URL"]
_connection: psycopg.Connection | None = None


def _cursor() -> psycopg.Cursor:
    global _connection
    if _connection is None or _connection.closed or _connection.broken:
        # Client-side binding and autocommit, as Django uses them: each statement is sent as
        # text and is its own transaction; nothing is prepared on the server.
        _connection = psycopg.connect(_DATABASE_URL, autocommit=True, cursor_factory=psycopg.ClientCursor)
        _connection.execute("SET TIME ZONE 'UTC'")
        # The session settings of the application's web process (meetings.middleware).
        _connection.execute("SET max_parallel_workers_per_gather = 0")
    return _connection.cursor()


def application(environ, start_response):
    query_string = environ.get("QUERY_STRING", "")
    url = environ.get("PATH_INFO", "") + (f"?{query_string}" if query_string else "")
    entry = _REQUESTS.get(f"{url}#304" if environ.get("HTTP_IF_NONE_MATCH") else url)
    if entry is None:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not a benchmark URL\n"]
    with _cursor() as cursor:
        results = []
        for sql in entry["queries"]:
            cursor.execute(sql)
            results.append(cursor.fetchall() if cursor.description else None)
    if entry["status"] == 304:
        start_response("304 Not Modified", [("ETag", entry["etag"])])
        return [b""]
    body = orjson.dumps({"results": results}, default=str)
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
