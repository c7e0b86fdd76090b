"""The embedded default: the application on SQLite next to Datasette serving the same file.

Without a database server the application runs on a SQLite file; Datasette is the tool one would otherwise
reach for to publish such a file as a JSON API. Both serve the same file, made by ``generate_synthetic``
(--embedded-statements statements, 100,000 by default, meetings and sources in the default data set's
proportion) and kept for later runs, and are asked for two pages:

- **statements page**: ten pages of 50 statements, newest first by when they were said, each with its
  speaker's name. The application: ``/api/v1/statements/?page_size=50&fields=…&page=N``, with the fields that
  Datasette's row has (the statement's own: text, kind, span, context, dates, channel, review) and the names
  of the records it refers to (speaker, via, meeting, source), and the count. Datasette: the table's JSON,
  ``/DB/meetings_statement.json?_sort_desc=said_on&_size=50&_labels=on`` and its ``_next`` pages: every column
  of the row, each foreign key with the label (name or title) of its record, and the count.
- **statement's page**: twenty statements by id, ``/api/v1/statements/ID/?fields=…`` (the same fields) and
  ``/DB/meetings_statement/ID.json``, the row's columns (its foreign keys as ids: Datasette's row page gives
  no labels).

The application runs as in production under gunicorn with its response cache off, so that each answer is
made anew as Datasette makes its own. Datasette runs as it ships, one process (uvicorn, SQL in a few threads),
with the file immutable (``-i``), facet suggestions off and pages of 50.
"""

import argparse
import hashlib
import json
import sqlite3
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from harness import ROOT, Served, Server, app_env, get, logger, manage, synthetic_sizes
from measure import Ask, Lineup
from results import APP, DATASETTE, Endpoint, Result

log = logger("bench")

PAGE_SIZE = 50
PAGES = 10
ROWS = 20
# What Datasette's row holds, in the application's terms: the statement's own fields and the names of the
# records it refers to.
FIELDS = (
    "id,slug,kind,text,span,context,said_on,said_on_precision,channel,speaker.name,via.name,meeting.title,"
    "source.title,review_status,verified_at,created_at,updated_at"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--embedded-statements",
        type=int,
        default=100_000,
        help="Statements in the SQLite file of the embedded comparison (default 100,000).",
    )
    parser.add_argument("--no-embedded", action="store_true", help="No comparison of the app on SQLite with Datasette.")
    parser.add_argument(
        "--embedded-file",
        type=Path,
        help="The SQLite file (default: bench-embedded/meetings-N.sqlite3 in the system's temporary directory; "
        "made if missing or of another size, reused otherwise).",
    )
    parser.add_argument("--embedded-port", type=int, default=8104)
    parser.add_argument("--datasette-port", type=int, default=8105)


def prepare_file(args: argparse.Namespace) -> Path:
    """The SQLite file, migrated, with --embedded-statements statements: generated unless a run made it before."""
    statements = args.embedded_statements
    path = args.embedded_file or Path(tempfile.gettempdir()) / "bench-embedded" / f"meetings-{statements}.sqlite3"
    path = path.resolve()
    env = app_env(f"sqlite:///{path}")
    if path.exists() and count_statements(path) != statements:
        log(f"{path.name} holds another number of statements: made anew")
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    manage(env, "migrate", "--noinput", "-v0", app_dir=args.app_dir, quiet=False)
    if count_statements(path) == 0:
        log(f"generating {statements:,} statements into {path.name}")
        started = time.monotonic()
        manage(env, "generate_synthetic", "--no-progress", *synthetic_sizes(statements), app_dir=args.app_dir)
        log(f"generated in {time.monotonic() - started:.0f} s")
    return path


def count_statements(path: Path) -> int:
    """The statements in the file; 0 when it is not (yet) the application's database."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        try:
            return conn.execute("SELECT count(*) FROM meetings_statement").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def row_ids(path: Path) -> list[int]:
    """Twenty published statements, chosen the same way on every run (by the md5 of their slugs)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT id, slug FROM meetings_statement WHERE review_status = 'verified'").fetchall()
    rows.sort(key=lambda row: hashlib.md5(row[1].encode()).hexdigest())
    return [row[0] for row in rows[:ROWS]]


def datasette_pages(datasette: Served, table_url: str) -> list[str]:
    """The first ten pages of Datasette's table JSON, found by following each page's ``next_url``."""
    pages = [table_url]
    while len(pages) < PAGES:
        answer = get(datasette.port, pages[-1], timeout=60)
        next_url = answer.status == 200 and json.loads(answer.body).get("next_url")
        if not next_url:
            sys.exit(f"Datasette gave no next page after {pages[-1]}; see {datasette.log_path}")
        parts = urllib.parse.urlsplit(next_url)
        pages.append(f"{parts.path}?{parts.query}")
    return pages


class Embedded(Lineup):
    """The application on the SQLite file under gunicorn, and Datasette serving the same file."""

    def __init__(self, args: argparse.Namespace, workdir: Path, path: Path):
        env = {**app_env(f"sqlite:///{path}"), "DJANGO_RESPONSE_CACHE": "0"}
        self.app = Server("embedded-app", args.embedded_port, ["config.wsgi"], env, args.app_dir, workdir, args.workers)
        datasette = [
            ROOT / ".venv" / "bin" / "datasette",
            "serve",
            "-i",
            path,
            "--host",
            "127.0.0.1",
            "-p",
            str(args.datasette_port),
            "--setting",
            "suggest_facets",
            "off",
            "--setting",
            "default_page_size",
            str(PAGE_SIZE),
        ]
        self.datasette = Served("datasette", args.datasette_port, datasette, env, workdir, workdir)
        self.database = path.stem
        super().__init__(args, workdir, [self.app, self.datasette], None)

    def __enter__(self) -> "Embedded":
        return self

    def __exit__(self, *exc_info) -> None:
        self.cpu.running = False
        self.app.stop()
        self.datasette.stop()

    def pages(self, path: Path) -> list[tuple[Endpoint, list[str]]]:
        """Each page's URLs on the application and on Datasette."""
        table = f"/{self.database}/meetings_statement"
        listing = f"/api/v1/statements/?page_size={PAGE_SIZE}&fields={FIELDS}"
        app_pages = [listing, *(f"{listing}&page={n}" for n in range(2, PAGES + 1))]
        ids = row_ids(path)
        return [
            (
                Endpoint("statements page, speakers' names", app_pages, paged=True),
                datasette_pages(self.datasette, f"{table}.json?_sort_desc=said_on&_size={PAGE_SIZE}&_labels=on"),
            ),
            (
                Endpoint("a statement's page", [f"/api/v1/statements/{i}/?fields={FIELDS}" for i in ids]),
                [f"{table}/{i}.json" for i in ids],
            ),
        ]

    def measure_page(self, endpoint: Endpoint, datasette_urls: list[str]) -> Result:
        """Both servers' figures on one page, with the mean size of their answers."""
        asks = {APP: Ask(self.app, endpoint.urls), DATASETTE: Ask(self.datasette, datasette_urls)}
        result = Result(endpoint)
        for column, ask in asks.items():
            sizes = []
            for url in ask.urls:
                answer = get(ask.server.port, url, timeout=60)
                if answer.status != 200:
                    sys.exit(f"{ask.server.name} answered {answer.status} to {url}; see {ask.server.log_path}")
                sizes.append(len(answer.body))
            result.sizes[column] = sum(sizes) / len(sizes)
        result.figures, result.foreign_cpu = self.measure(f"embedded: {endpoint.name}", asks)
        return result


def run(args: argparse.Namespace, workdir: Path) -> tuple[list[Result], str]:
    """The two pages measured on the application and on Datasette, and what was compared, in a sentence."""
    path = prepare_file(args)
    with Embedded(args, workdir, path) as embedded:
        embedded.app.wait_ready("/healthz/", 200)
        embedded.datasette.wait_ready("/-/versions.json", 200, workers=0)
        versions = json.loads(get(embedded.datasette.port, "/-/versions.json").body)
        workers = len(embedded.app.workers())
        embedded.cpu.start()
        results = [embedded.measure_page(endpoint, urls) for endpoint, urls in embedded.pages(path)]
    described = (
        f"{count_statements(path):,} statements in one SQLite file; the application under gunicorn "
        f"({workers} workers, response cache off) and Datasette "
        f"{versions['datasette']['version']} (one process, immutable) serving it"
    )
    return results, described
