"""The HTTP benchmark: the API under gunicorn, cold and with its cache warm, against the raw baseline and
the previous release, endpoint by endpoint; and the API on SQLite against Datasette on the same file.

    bench/run [--database-url URL] [--compare REV] [--duration 15] [--latency-duration 10] [--connections 8] ...

What it does, in order:

1. Makes sure the benchmark database exists (default postgres://postgres@127.0.0.1:5432/bench_million),
   migrates it, and fills it with ``generate_synthetic`` (--statements, a million by default) when it holds
   no statements.
2. Picks the URLs of each endpoint from the data (deterministically) and captures, in process,
   the SQL the application runs for each (bench/capture.py).
3. Starts gunicorn servers on 127.0.0.1 with gunicorn.conf.py, all with production settings
   (DJANGO_DEBUG=0): the application with its response cache off ("cold"), the application with its cache
   on and shared in a Redis of the run's own ("warm"; each endpoint's URLs are asked before it is measured,
   so the cache holds every one), bench/baseline.py, which replays the captured SQL through psycopg and
   writes the rows with orjson, and the previous release (--compare REV, served from a git worktree of
   that commit: bench/release.py). Workers are not recycled (GUNICORN_MAX_REQUESTS=0), so memory growth
   shows.
4. For each endpoint drives them all with wrk from a separate process, cycling through its URLs
   (bench/measure.py): throughput with several connections, then latency with one connection (one request
   at a time: the time a client waits when the server is not saturated). It samples the RSS of every
   worker of the cold application all along.
5. Serves at least --min-requests requests to the cold application in all (a mixed soak at the end if
   needed).
6. The embedded default (bench/embedded.py): the application on a SQLite file of --embedded-statements
   statements against Datasette serving the same file, on a statements page and a statement's page.
7. Prints the tables, and writes them as Markdown and JSON (--output).
"""

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

import embedded
import psutil
import psycopg
import redis
from harness import (
    BENCH,
    ROOT,
    RssSampler,
    Served,
    Server,
    app_env,
    column,
    free_port,
    get,
    logger,
    manage,
    require_wrk,
    run_wrk,
    synthetic_sizes,
)
from measure import Ask, Lineup
from release import NoRelease, Release, check_out
from results import (
    BASELINE,
    COLD,
    EMBEDDED_HEADER,
    HEADER,
    PREVIOUS,
    WARM,
    Endpoint,
    Result,
    Run,
    embedded_rows,
    plain,
    rows,
    write_output,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_million"

SEARCHES = [
    "ceasefire",
    '"chemical weapons"',
    "sanctions -ukraine",
    '"prisoner exchange"',
    "humanitarian access syria",
    "verification or monitoring",
    '"strategic stability" dialogue',
    "refugees",
]

log = logger("bench")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--duration", type=float, default=15, help="Seconds of each throughput run (default 15).")
    parser.add_argument("--latency-duration", type=float, default=10, help="Seconds of each latency run (default 10).")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections for throughput (default 8).")
    parser.add_argument("--workers", type=int, help="gunicorn workers for both servers (default: gunicorn.conf.py's).")
    parser.add_argument("--min-requests", type=int, default=20_000, help="Requests the app serves in all (20,000).")
    parser.add_argument(
        "--soak-seconds", type=float, default=900, help="At most this long for the soak that tops up requests (900)."
    )
    parser.add_argument("--endpoints", help="Comma-separated parts of endpoint names to run (default: all).")
    parser.add_argument("--app-dir", type=Path, default=ROOT, help="The application's directory (default: this one).")
    parser.add_argument("--app-port", type=int, default=8100)
    parser.add_argument("--baseline-port", type=int, default=8101)
    parser.add_argument("--warm-port", type=int, default=8102)
    parser.add_argument("--previous-port", type=int, default=8103)
    parser.add_argument(
        "--statements",
        type=int,
        default=1_000_000,
        help="Statements generated into an empty database (default 1,000,000; meetings and sources in proportion).",
    )
    parser.add_argument("--no-generate", action="store_true", help="Fail instead of generating data when empty.")
    parser.add_argument(
        "--compare",
        metavar="REV",
        help="The previous release to compare with, served from a git worktree of REV (default: the newest tag; "
        "with no tag, the oldest of the last --compare-back commits whose migrations are the database's).",
    )
    parser.add_argument(
        "--compare-back", type=int, default=20, help="With no tag, how many commits back to look (default 20)."
    )
    parser.add_argument("--no-compare", action="store_true", help="No previous-release column.")
    parser.add_argument(
        "--redis-url", help="The warm server's shared cache (default: a redis-server of the run's own, on a free port)."
    )
    parser.add_argument("--redis-port", type=int, default=8106, help="Where the run's own Redis looks for a free port.")
    embedded.add_arguments(parser)
    parser.add_argument("--output", type=Path, help="Write the results (JSON) and the table (Markdown) here.")
    parser.add_argument(
        "--wait-for-quiet",
        type=float,
        default=0,
        metavar="SECONDS",
        help="Before each endpoint, wait up to this long for other processes to use under 10%% of the CPUs.",
    )
    args = parser.parse_args()
    args.app_dir = args.app_dir.resolve()
    return args


# ---------------------------------------------------------------- the database


def ensure_database(args: argparse.Namespace) -> None:
    parts = urllib.parse.urlsplit(args.database_url)
    name = parts.path.lstrip("/")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            log(f"creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')
    env = app_env(args.database_url)
    manage(env, "migrate", "--noinput", "-v0", app_dir=args.app_dir, quiet=False)
    with psycopg.connect(args.database_url) as conn:
        statements = conn.execute("SELECT count(*) FROM meetings_statement").fetchone()[0]
    if statements == 0:
        if args.no_generate:
            sys.exit("The benchmark database holds no statements; run without --no-generate to fill it.")
        log("the database is empty: generating the synthetic data set (a few minutes)")
        started = time.monotonic()
        manage(env, "generate_synthetic", *synthetic_sizes(args.statements), app_dir=args.app_dir, quiet=False)
        log(f"generated in {time.monotonic() - started:.0f} s")


def data_summary(args: argparse.Namespace) -> dict:
    with psycopg.connect(args.database_url) as conn:
        counts = {
            table: conn.execute(f"SELECT count(*) FROM meetings_{table}").fetchone()[0]
            for table in ("participant", "topic", "meeting", "source", "statement")
        }
        counts["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
        counts["shared_buffers"] = conn.execute("SHOW shared_buffers").fetchone()[0]
        counts["database_size"] = conn.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database()))"
        ).fetchone()[0]
    return counts


def pick_endpoints(args: argparse.Namespace) -> list[Endpoint]:
    """The URLs of each endpoint, chosen from the data the same way on every run."""
    q = urllib.parse.quote
    with psycopg.connect(args.database_url) as conn:
        roots = column(conn, "SELECT slug FROM meetings_topic WHERE parent_id IS NULL ORDER BY md5(slug) LIMIT 5")
        branches = column(
            conn,
            "SELECT t.slug FROM meetings_topic t WHERE t.parent_id IS NOT NULL "
            "AND EXISTS (SELECT 1 FROM meetings_topic c WHERE c.parent_id = t.id) ORDER BY md5(t.slug) LIMIT 5",
        )
        meetings = column(
            conn, "SELECT slug FROM meetings_meeting WHERE review_status = 'verified' ORDER BY md5(slug) LIMIT 20"
        )
        speakers = column(
            conn,
            "SELECT split_part(p.name, ' ', 2) FROM meetings_participant p WHERE p.kind = 'person' "
            "ORDER BY md5(p.slug) LIMIT 2",
        )
    years = list(range(2008, 2018))
    topics = [*roots, *branches]
    statements = [
        f"/api/v1/statements/?topic={t}&date_after={y}-01-01&date_before={y}-12-31"
        for t, y in zip(topics, years, strict=False)
    ]
    searches = [f"/api/v1/statements/?search={q(s)}" for s in [*SEARCHES, *speakers]]
    network = [
        f"/api/v1/network/?topic={t}&date_after={y}-01-01&date_before={y}-12-31"
        for t, y in zip(roots, years[::2], strict=False)
    ]
    meeting_pages = ["/api/v1/meetings/", *(f"/api/v1/meetings/?page={n}" for n in range(2, 11))]
    chosen = [
        Endpoint("meetings list", meeting_pages, paged=True),
        Endpoint("statements, topic + dates", statements, paged=True),
        Endpoint("full-text search", searches, paged=True),
        Endpoint("meeting detail", [f"/api/v1/meetings/{slug}/" for slug in meetings]),
        Endpoint("304 (meetings list)", meeting_pages, conditional=True),
        Endpoint("network, topic + year", network),
    ]
    if args.endpoints:
        wanted = [w.strip().lower() for w in args.endpoints.split(",")]
        chosen = [e for e in chosen if any(w in e.name.lower() for w in wanted)]
    return chosen


def capture(args: argparse.Namespace, endpoints: list[Endpoint], workdir: Path) -> dict:
    """The SQL of each URL, its status and ETag, asked in process by bench/capture.py."""
    spec = {e.name: {"urls": e.urls, "conditional": e.conditional, "paged": e.paged} for e in endpoints}
    spec_path, out_path = workdir / "spec.json", workdir / "requests.json"
    spec_path.write_text(json.dumps(spec))
    env = {**app_env(args.database_url), "DJANGO_ALLOWED_HOSTS": "testserver"}
    python = ROOT / ".venv" / "bin" / "python"
    subprocess.run([python, BENCH / "capture.py", spec_path, out_path], cwd=args.app_dir, env=env, check=True)
    return json.loads(out_path.read_text())


# ---------------------------------------------------------------- the measurement


class Bench(Lineup):
    """The application cold and warm, the baseline and the previous release under gunicorn, what watches them,
    and the requests the cold application served."""

    def __init__(
        self,
        args: argparse.Namespace,
        captured: dict,
        workdir: Path,
        release: Release | None,
        cache: tuple[str, Served | None] | None,
    ):
        self.captured = captured
        env = app_env(args.database_url)
        cold = {**env, "DJANGO_RESPONSE_CACHE": "0"}
        self.app = Server("app", args.app_port, ["config.wsgi"], cold, args.app_dir, workdir, args.workers)
        base_env = {
            **env,
            "BENCH_BASELINE_QUERIES": str(workdir / "requests.json"),
            "BENCH_DATABASE_URL": args.database_url,
        }
        baseline = ["--pythonpath", str(BENCH), "baseline:application"]
        self.base = Server("baseline", args.baseline_port, baseline, base_env, args.app_dir, workdir, args.workers)
        self.warm: Server | None = None
        self.previous: Server | None = None
        ours: list[Served] = [self.app, self.base]
        if cache:
            url, redis_server = cache
            # Kept for the whole run, so that the cache still holds every URL of an endpoint when it is measured.
            warm = {**env, "DJANGO_RESPONSE_CACHE": "1", "DJANGO_CACHE_URL": url}
            warm["DJANGO_RESPONSE_CACHE_SECONDS"] = "86400"
            self.warm = Server("app-warm", args.warm_port, ["config.wsgi"], warm, args.app_dir, workdir, args.workers)
            ours += [self.warm, *([redis_server] if redis_server else [])]
        if release:
            self.previous = Server(
                "previous", args.previous_port, ["config.wsgi"], cold, release.app_dir, workdir, args.workers
            )
            ours.append(self.previous)
        super().__init__(args, workdir, ours, args.database_url)
        self.sampler = RssSampler(self.app, interval=0.1)
        self.workers = 0
        self.previous_etags: dict[str, str] = {}

    def __enter__(self) -> "Bench":
        return self

    def __exit__(self, *exc_info) -> None:
        self.sampler.running = self.cpu.running = False
        for server in (self.app, self.base, self.warm, self.previous):
            if server:
                server.stop()

    def apps(self) -> list[Server]:
        """The servers of the application: cold, warm and the previous release."""
        return [server for server in (self.app, self.warm, self.previous) if server]

    def start(self, endpoints: list[Endpoint]) -> None:
        """Wait for the servers, check that they answer as captured, and start watching the application."""
        for server in self.apps():
            server.wait_ready("/healthz/", 200)
        self.base.wait_ready("/", 404)
        self.check_answers(endpoints)
        self.workers = len(self.app.workers())
        log(f"servers up: {self.workers} workers each; logs in {self.workdir}")
        self.sampler.start()
        self.cpu.start()

    def check_answers(self, endpoints: list[Endpoint]) -> None:
        for endpoint in endpoints:
            expected = 304 if endpoint.conditional else 200
            for ask in self.asks(endpoint).values():
                for index, url in enumerate(endpoint.urls[:3]):
                    entry = self.captured["requests"][f"{url}#304" if endpoint.conditional else url]
                    if entry["status"] != expected:
                        sys.exit(f"{url} answered {entry['status']} in process, not {expected}")
                    status = get(ask.server.port, url, ask.headers(index), timeout=120).status
                    if status != expected:
                        server = ask.server
                        sys.exit(f"{server.name} answered {status} to {url}, not {expected}; see {server.log_path}")

    def asks(self, endpoint: Endpoint) -> dict[str, Ask]:
        """What each server is asked on ``endpoint``: its URLs, with the ETags the captured answers carry (the
        previous release's own, asked of it, as its ETags may be made otherwise)."""
        requests = self.captured["requests"]
        etags = [requests[f"{url}#304"]["if_none_match"] for url in endpoint.urls] if endpoint.conditional else []
        asks = {COLD: Ask(self.app, endpoint.urls, etags)}
        if self.warm:
            asks[WARM] = Ask(self.warm, endpoint.urls, etags)
        asks[BASELINE] = Ask(self.base, endpoint.urls, etags)
        if self.previous:
            if endpoint.conditional:
                etags = [self.etag_of_previous(self.previous, url) for url in endpoint.urls]
            asks[PREVIOUS] = Ask(self.previous, endpoint.urls, etags)
        return asks

    def etag_of_previous(self, previous: Server, url: str) -> str:
        if url not in self.previous_etags:
            self.previous_etags[url] = get(previous.port, url, timeout=120).headers.get("etag", "")
        return self.previous_etags[url]

    def fill_cache(self, warm: Server, endpoint: Endpoint) -> None:
        """Ask the warm server for each URL of ``endpoint`` until its answer comes from the cache (twice, unless
        it is not kept), so that the measurement finds every one there."""
        kept = 0
        for url in endpoint.urls:
            for _ in range(2):
                answer = get(warm.port, url, timeout=120)
            kept += answer.headers.get("x-cache") == "hit"
        if kept < len(endpoint.urls):
            log(f"{endpoint.name}: the cache keeps {kept} of {len(endpoint.urls)} URLs (the others are too large)")

    @staticmethod
    def cache_stats(warm: Server) -> dict[str, int]:
        """The warm server's hits and misses so far (shared by its workers through Redis)."""
        return json.loads(get(warm.port, "/healthz/").body)["response_cache"]

    def measure_endpoint(self, endpoint: Endpoint) -> Result:
        """Every server's figures on one endpoint, with the cold application's memory and the warm one's hits."""
        result = Result(endpoint, queries=query_counts(self.captured["endpoints"][endpoint.name]))
        if self.warm:
            self.fill_cache(self.warm, endpoint)
            before = self.cache_stats(self.warm)
        self.sampler.new_phase()
        result.figures, result.foreign_cpu = self.measure(endpoint.name, self.asks(endpoint))
        if self.warm:
            after = self.cache_stats(self.warm)
            hits, misses = after["hits"] - before["hits"], after["misses"] - before["misses"]
            result.cache_hits = hits / (hits + misses) if hits + misses else None
        result.peak_rss_mb = self.sampler.phase_peak / 2**20
        return result

    def soak(self, results: list[Result]) -> Run | None:
        """Mixed requests to the fast endpoints until the cold application has served --min-requests in all
        (or --soak-seconds have passed); None when no soak was needed or possible."""
        args = self.args
        if self.served.get(COLD, 0) >= args.min_requests:
            return None
        fast = [r.endpoint for r in results if (r.figures[COLD].latency.p50_ms or 1e9) < 500]
        urls = [u for e in fast if not e.conditional for u in e.urls]
        if not urls:
            return None
        ask = Ask(self.app, urls)
        script = self.script("soak", COLD, ask)
        soak = Run()
        soak_ends = time.monotonic() + args.soak_seconds
        while self.served[COLD] < args.min_requests and time.monotonic() < soak_ends:
            log(f"soak: {self.served[COLD]:,} requests served so far, {args.min_requests:,} wanted")
            run = Run.of(run_wrk(self.app.port, script, args.connections, 15))
            self.served[COLD] += run.requests
            soak.requests += run.requests
            soak.seconds += run.seconds
            soak.errors += run.errors
            if run.requests == 0:
                break
        return soak


def query_counts(counts: dict) -> str:
    """The captured numbers of queries per request, and at page_size 1 and 100 for a list."""
    text = "/".join(map(str, counts["queries"]))
    if "queries_page_size_1_100" in counts:
        at_1, at_100 = counts["queries_page_size_1_100"]
        text += f" (1: {at_1}, 100: {at_100})"
    return text


def shared_cache(
    args: argparse.Namespace, workdir: Path, stack: contextlib.ExitStack
) -> tuple[str, Served | None] | None:
    """The Redis the warm server's workers share their cache in: --redis-url, or a redis-server of the run's own
    (nothing kept on disk), stopped at the end; None, said in the log, when there is neither."""
    if args.redis_url:
        return args.redis_url, None
    if not shutil.which("redis-server"):
        log("no redis-server (apt-get install redis-server) and no --redis-url: the warm column is skipped")
        return None
    port = free_port(args.redis_port)
    argv = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = Served("redis", port, argv, dict(os.environ), workdir, workdir)
    stack.callback(server.stop)
    client = redis.Redis(port=port, socket_connect_timeout=1)
    deadline = time.monotonic() + 30
    while True:
        with contextlib.suppress(redis.exceptions.ConnectionError):
            if client.ping():
                return f"redis://127.0.0.1:{port}/0", server
        if time.monotonic() > deadline or server.process.poll() is not None:
            sys.exit(f"redis-server did not start; see {server.log_path}")
        time.sleep(0.2)


def previous_release(args: argparse.Namespace, workdir: Path, context: dict) -> Release | None:
    """The previous release checked out, or None when it is left out (why: in the log and in ``context``)."""
    if args.no_compare:
        context["previous"] = "left out (--no-compare)"
        return None
    try:
        release = check_out(args.compare, args.database_url, args.compare_back, workdir)
    except NoRelease as reason:
        context["previous"] = f"none: {reason}; the column is left out"
        log(f"previous release: {context['previous']}")
        return None
    context["previous"] = release.label
    return release


# ---------------------------------------------------------------- the run


def report(
    args: argparse.Namespace,
    bench: Bench,
    results: list[Result],
    pages: list[Result],
    soak: Run | None,
    final: dict[int, int],
    context: dict,
) -> None:
    """The tables and the totals on stdout, and in --output as Markdown and JSON."""
    memory = bench.sampler.snapshot()
    peak = max((max(values) for values in memory.values()), default=0) / 2**20
    restarts = max(0, len(memory) - bench.workers)
    served = bench.served.get(COLD, 0)
    print()
    print(plain(HEADER, rows(results)))
    print()
    print(
        f"{served:,} requests served by the cold application in all; peak RSS of any worker {peak:.0f} MB; "
        f"{len(memory)} worker processes seen ({restarts} replaced during the run); "
        f"RSS at the end: {', '.join(f'{v / 2**20:.0f}' for v in final.values())} MB."
    )
    if soak:
        print(f"Soak: {soak.requests:,} mixed requests over {soak.seconds:.0f} s, {soak.errors} errors.")
    print(f"Warm: {context['warm']}. Previous release: {context['previous']}.")
    if pages:
        print()
        print(plain(EMBEDDED_HEADER, embedded_rows(pages)))
        print()
        print(f"Embedded: {context['embedded']}")
    print(f"Machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB; data: {context['data']}")
    print(f"Server logs: {bench.workdir}")
    if args.output:
        totals = {
            **context,
            "served": served,
            "peak_rss_mb": peak,
            "workers": bench.workers,
            "worker_processes_seen": len(memory),
            "cores": os.cpu_count(),
            "args": {k: str(v) for k, v in vars(args).items()},
        }
        write_output(args.output, results, pages, totals)
        print(f"Results written to {args.output}")


def measure_postgres(
    args: argparse.Namespace, endpoints: list[Endpoint], captured: dict, workdir: Path, context: dict
) -> tuple[Bench, list[Result], Run | None, dict[int, int]]:
    """The servers on the PostgreSQL database, every endpoint measured on each; the previous release's worktree
    and the run's Redis are removed and stopped at the end."""
    with contextlib.ExitStack() as stack:
        release = previous_release(args, workdir, context)
        if release:
            stack.callback(release.remove)
        cache = shared_cache(args, workdir, stack)
        context["warm"] = f"the cache shared by the workers in Redis ({cache[0]})" if cache else "none"
        bench = stack.enter_context(Bench(args, captured, workdir, release, cache))
        bench.start(endpoints)
        results: list[Result] = []
        for endpoint in endpoints:
            results.append(bench.measure_endpoint(endpoint))
            print(plain(HEADER, rows(results[-1:])).splitlines()[-1], file=sys.stderr, flush=True)
        soak = bench.soak(results)
        bench.sampler.stop()
        final = bench.sampler.current()
    return bench, results, soak, final


def main() -> None:
    args = parse_args()
    require_wrk()
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    ensure_database(args)
    context: dict[str, Any] = {"data": data_summary(args)}
    log(f"data: {context['data']}")
    endpoints = pick_endpoints(args)
    log("capturing the SQL of each URL")
    captured = capture(args, endpoints, workdir)
    bench, results, soak, final = measure_postgres(args, endpoints, captured, workdir, context)
    pages: list[Result] = []
    if not args.no_embedded:
        pages, context["embedded"] = embedded.run(args, workdir)
    report(args, bench, results, pages, soak, final, context)


if __name__ == "__main__":
    main()
