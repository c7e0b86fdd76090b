"""The HTTP benchmark: the API under gunicorn against the raw baseline, endpoint by endpoint.

    bench/run [--database-url URL] [--duration 15] [--latency-duration 10] [--connections 8] ...

What it does, in order:

1. Makes sure the benchmark database exists (default postgres://postgres@127.0.0.1:5432/bench_million),
   migrates it, and fills it with ``generate_synthetic`` (default size) when it holds no statements.
2. Picks the URLs of each endpoint from the data (deterministically) and captures, in process,
   the SQL the application runs for each (bench/capture.py).
3. Starts two gunicorn servers on 127.0.0.1 with gunicorn.conf.py: the application with production
   settings (DJANGO_DEBUG=0), and bench/baseline.py, which replays the captured SQL through psycopg
   and writes the rows with orjson. Workers are not recycled (GUNICORN_MAX_REQUESTS=0), so memory
   growth shows.
4. For each endpoint drives both with wrk from a separate process, cycling through its URLs:
   throughput with several connections, then latency with one connection (one request at a time:
   the time a client waits when the server is not saturated). It samples the RSS of every
   application worker all along.
5. Serves at least --min-requests requests in all (a mixed soak at the end if needed), prints a
   table per endpoint, and writes it as Markdown and JSON.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import psutil
import psycopg
from harness import BENCH, ROOT, RssSampler, Server, app_env, column, get, logger, manage, require_wrk, run_wrk
from harness import write_script as write_wrk_script
from results import Endpoint, Result, Run, plain, rows, write_output

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
    parser.add_argument("--no-generate", action="store_true", help="Fail instead of generating data when empty.")
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
        manage(env, "generate_synthetic", app_dir=args.app_dir, quiet=False)
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


# ---------------------------------------------------------------- quiet before each measurement


def drain(database_url: str, patience: float = 120) -> None:
    """Wait until no query runs in the benchmark database, so one phase's stragglers (a request
    the client gave up on still runs on the server) do not slow down the next."""
    deadline = time.monotonic() + patience
    with psycopg.connect(database_url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            active = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state = 'active' AND pid <> pg_backend_pid()"
            ).fetchone()[0]
            if not active:
                return
            time.sleep(0.5)


class CpuAccount(threading.Thread):
    """How much of the machine other processes used while we measured (the machine may be shared).

    Every second it reads the CPU time of every process and adds up the increase of those that are
    not ours: ours are the two servers and their workers, PostgreSQL's processes (its parallel
    workers come and go), wrk and this script. The share is over all cores: 0 % is a quiet machine.
    """

    def __init__(self, servers: list):
        super().__init__(daemon=True)
        self.servers = servers
        self.cores = psutil.cpu_count() or 1
        self.foreign_seconds = 0.0
        self.last: dict[int, float] = {}
        self.running = True
        self.lock = threading.Lock()

    def _ours(self) -> set[int]:
        pids = {os.getpid()}
        for server in self.servers:
            pids.add(server.process.pid)
            pids.update(w.pid for w in server.workers())
        return pids

    def sample(self) -> None:
        ours = self._ours()
        current = {}
        foreign = 0.0
        for process in psutil.process_iter(["name", "cpu_times"]):
            times = process.info["cpu_times"]
            if times is None:
                continue
            used = times.user + times.system
            current[process.pid] = used
            if process.pid in ours or process.info["name"] in {"postgres", "postmaster", "wrk"}:
                continue
            foreign += used - self.last.get(process.pid, used)
        with self.lock:
            self.foreign_seconds += foreign
            self.last = current

    def run(self) -> None:
        while self.running:
            self.sample()
            time.sleep(1)

    def snapshot(self) -> tuple[float, float]:
        with self.lock:
            return time.monotonic(), self.foreign_seconds

    def foreign_share(self, start: tuple, end: tuple) -> float:
        elapsed = (end[0] - start[0]) * self.cores
        return max(0.0, (end[1] - start[1]) / elapsed) if elapsed else 0.0


def wait_for_quiet(cpu: CpuAccount, limit: float, patience: float) -> float:
    """Wait (up to ``patience`` s) until other processes use less than ``limit`` of the machine."""
    deadline = time.monotonic() + patience
    while True:
        start = cpu.snapshot()
        time.sleep(5)
        share = cpu.foreign_share(start, cpu.snapshot())
        if share < limit or time.monotonic() > deadline:
            return share
        log(f"other processes use {share:.0%} of the CPUs; waiting for a quieter machine")


# ---------------------------------------------------------------- the measurement


class Bench:
    """The application and the baseline under gunicorn, what watches them, and the requests the application served."""

    def __init__(self, args: argparse.Namespace, captured: dict, workdir: Path):
        self.args, self.captured, self.workdir = args, captured, workdir
        env = app_env(args.database_url)
        self.app = Server("app", args.app_port, ["config.wsgi"], env, args.app_dir, workdir, args.workers)
        base_env = {
            **env,
            "BENCH_BASELINE_QUERIES": str(workdir / "requests.json"),
            "BENCH_DATABASE_URL": args.database_url,
        }
        baseline = ["--pythonpath", str(BENCH), "baseline:application"]
        self.base = Server("baseline", args.baseline_port, baseline, base_env, args.app_dir, workdir, args.workers)
        self.sampler = RssSampler(self.app, interval=0.1)
        self.cpu = CpuAccount([self.app, self.base])
        self.served = 0
        self.workers = 0

    def __enter__(self) -> "Bench":
        return self

    def __exit__(self, *exc_info) -> None:
        self.sampler.running = self.cpu.running = False
        self.app.stop()
        self.base.stop()

    def start(self, endpoints: list[Endpoint]) -> None:
        """Wait for both servers, check that they answer as captured, and start watching the application."""
        self.app.wait_ready("/healthz/", 200)
        self.base.wait_ready("/", 404)
        self.check_answers(endpoints)
        self.workers = len(self.app.workers())
        log(f"servers up: {self.workers} workers each; logs in {self.workdir}")
        self.sampler.start()
        self.cpu.start()

    def check_answers(self, endpoints: list[Endpoint]) -> None:
        for endpoint in endpoints:
            for url in endpoint.urls[:3]:
                entry = self.captured["requests"][f"{url}#304" if endpoint.conditional else url]
                headers = {"If-None-Match": entry["if_none_match"]} if endpoint.conditional else {}
                expected = 304 if endpoint.conditional else 200
                if entry["status"] != expected:
                    sys.exit(f"{url} answered {entry['status']} in process, not {expected}")
                for server in (self.app, self.base):
                    status = get(server.port, url, headers, timeout=120).status
                    if status != expected:
                        sys.exit(f"{server.name} answered {status} to {url}, not {expected}; see {server.log_path}")

    def script(self, endpoint: Endpoint) -> Path:
        """wrk's script for the endpoint's URLs, with their captured ETags if it is asked conditionally."""
        requests = self.captured["requests"]
        etags = [requests[f"{url}#304"]["if_none_match"] for url in endpoint.urls] if endpoint.conditional else []
        path = self.workdir / f"{re.sub(r'[^a-z0-9]+', '-', endpoint.name.lower())}.lua"
        return write_wrk_script(path, endpoint.urls, etags)

    def timed(self, server: Server, script: Path, connections: int, seconds: float) -> Run:
        """One wrk run, then a wait until the database is idle again."""
        run = Run.of(run_wrk(server.port, script, connections, seconds))
        drain(self.args.database_url)
        return run

    def sequential(self, server: Server, endpoint: Endpoint) -> Run:
        """For endpoints too slow for wrk's windows: each URL once, one after the other."""
        times, errors = [], 0
        for url in endpoint.urls:
            headers = {}
            if endpoint.conditional:
                headers["If-None-Match"] = self.captured["requests"][f"{url}#304"]["if_none_match"]
            answer = get(server.port, url, headers, timeout=120)
            errors += answer.status is None or answer.status >= 400
            times.append(answer.seconds * 1000)
        drain(self.args.database_url)
        times.sort()
        run = Run(requests=len(times), seconds=sum(times) / 1000, errors=errors, note="sequential")
        run.rps = run.requests / run.seconds if run.seconds else 0.0
        run.p50_ms = times[len(times) // 2]
        run.p95_ms = times[min(len(times) - 1, int(len(times) * 0.95))]
        return run

    def measure(self, endpoint: Endpoint) -> Result:
        """Warm-up, then throughput and latency of the application and of the baseline on one endpoint."""
        args = self.args
        result = Result(endpoint, queries=query_counts(self.captured["endpoints"][endpoint.name]))
        script = self.script(endpoint)
        if args.wait_for_quiet:
            wait_for_quiet(self.cpu, 0.10, args.wait_for_quiet)
        log(f"{endpoint.name}: warm-up")
        self.served += self.timed(self.app, script, args.connections, 2).requests
        self.timed(self.base, script, args.connections, 2)
        self.sampler.new_phase()
        started = self.cpu.snapshot()
        log(f"{endpoint.name}: throughput, {args.connections} connections, {args.duration:.0f} s each")
        drain(args.database_url)
        result.app = self.timed(self.app, script, args.connections, args.duration)
        result.base = self.timed(self.base, script, args.connections, args.duration)
        log(f"{endpoint.name}: latency, 1 connection, {args.latency_duration:.0f} s each")
        result.app_latency = self.timed(self.app, script, 1, args.latency_duration)
        result.base_latency = self.timed(self.base, script, 1, args.latency_duration)
        if result.app_latency.requests < 10:
            log(f"{endpoint.name}: too slow for the window; timing each URL once, sequentially")
            result.app_latency = self.sequential(self.app, endpoint)
        if result.base_latency.requests < 10:
            result.base_latency = self.sequential(self.base, endpoint)
        self.served += result.app.requests + result.app_latency.requests
        result.foreign_cpu = self.cpu.foreign_share(started, self.cpu.snapshot())
        result.peak_rss_mb = self.sampler.phase_peak / 2**20
        return result

    def soak(self, results: list[Result]) -> Run | None:
        """Mixed requests to the fast endpoints until the application has served --min-requests in all
        (or --soak-seconds have passed); None when no soak was needed or possible."""
        args = self.args
        if self.served >= args.min_requests:
            return None
        fast = [r.endpoint for r in results if r.app_latency.p50_ms is not None and r.app_latency.p50_ms < 500]
        urls = [u for e in fast if not e.conditional for u in e.urls]
        if not urls:
            return None
        script = self.script(Endpoint("soak", urls))
        soak = Run()
        soak_ends = time.monotonic() + args.soak_seconds
        while self.served < args.min_requests and time.monotonic() < soak_ends:
            log(f"soak: {self.served:,} requests served so far, {args.min_requests:,} wanted")
            run = Run.of(run_wrk(self.app.port, script, args.connections, 15))
            self.served += run.requests
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


# ---------------------------------------------------------------- the run


def report(
    args: argparse.Namespace,
    bench: Bench,
    results: list[Result],
    soak: Run | None,
    final: dict[int, int],
    summary: dict,
) -> None:
    """The table and the totals on stdout, and in --output as Markdown and JSON."""
    memory = bench.sampler.snapshot()
    peak = max((max(values) for values in memory.values()), default=0) / 2**20
    restarts = max(0, len(memory) - bench.workers)
    print()
    print(plain(rows(results)))
    print()
    print(
        f"{bench.served:,} requests served by the application in all; peak RSS of any worker {peak:.0f} MB; "
        f"{len(memory)} worker processes seen ({restarts} replaced during the run); "
        f"RSS at the end: {', '.join(f'{v / 2**20:.0f}' for v in final.values())} MB."
    )
    if soak:
        print(f"Soak: {soak.requests:,} mixed requests over {soak.seconds:.0f} s, {soak.errors} errors.")
    print(f"Machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB; data: {summary}")
    print(f"Server logs: {bench.workdir}")
    if args.output:
        totals = {
            "summary": summary,
            "served": bench.served,
            "peak_rss_mb": peak,
            "workers": bench.workers,
            "worker_processes_seen": len(memory),
            "cores": os.cpu_count(),
            "args": {k: str(v) for k, v in vars(args).items()},
        }
        write_output(args.output, results, totals)
        print(f"Results written to {args.output}")


def main() -> None:
    args = parse_args()
    require_wrk()
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    ensure_database(args)
    summary = data_summary(args)
    log(f"data: {summary}")
    endpoints = pick_endpoints(args)
    log("capturing the SQL of each URL")
    captured = capture(args, endpoints, workdir)
    results: list[Result] = []
    with Bench(args, captured, workdir) as bench:
        bench.start(endpoints)
        for endpoint in endpoints:
            results.append(bench.measure(endpoint))
            print(plain(rows(results[-1:])).splitlines()[-1], file=sys.stderr, flush=True)
        soak = bench.soak(results)
        bench.sampler.stop()
        final = bench.sampler.current()
    report(args, bench, results, soak, final, summary)


if __name__ == "__main__":
    main()
