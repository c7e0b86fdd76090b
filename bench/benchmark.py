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
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import psycopg

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_million"
SECRET = "benchmark-only-secret-key-not-for-production-0123456789"

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


@dataclass
class Endpoint:
    name: str
    urls: list[str]
    conditional: bool = False
    paged: bool = False


@dataclass
class Run:
    requests: int = 0
    seconds: float = 0.0
    rps: float = 0.0
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    errors: int = 0
    note: str = ""


@dataclass
class Result:
    endpoint: Endpoint
    app: Run = field(default_factory=Run)
    app_latency: Run = field(default_factory=Run)
    base: Run = field(default_factory=Run)
    base_latency: Run = field(default_factory=Run)
    peak_rss_mb: float = 0.0
    queries: str = ""
    foreign_cpu: float | None = None


# ---------------------------------------------------------------- the database


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def app_env(args) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=args.database_url,
        PYTHONDONTWRITEBYTECODE="1",
        # One client sends every request: throttling would answer most of them with 429.
        DJANGO_THROTTLE_ANON_RATE="off",
        DJANGO_THROTTLE_USER_RATE="off",
    )
    return env


def ensure_database(args) -> None:
    parts = urllib.parse.urlsplit(args.database_url)
    name = parts.path.lstrip("/")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            log(f"creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')
    python = args.app_dir / ".venv" / "bin" / "python"
    if not python.exists():
        python = ROOT / ".venv" / "bin" / "python"
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v0"], cwd=args.app_dir, env=app_env(args), check=True
    )
    with psycopg.connect(args.database_url) as conn:
        statements = conn.execute("SELECT count(*) FROM meetings_statement").fetchone()[0]
    if statements == 0:
        if args.no_generate:
            sys.exit("The benchmark database holds no statements; run without --no-generate to fill it.")
        log("the database is empty: generating the synthetic data set (a few minutes)")
        started = time.monotonic()
        subprocess.run([python, "manage.py", "generate_synthetic"], cwd=args.app_dir, env=app_env(args), check=True)
        log(f"generated in {time.monotonic() - started:.0f} s")


def data_summary(args) -> dict:
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


def pick_endpoints(args) -> list[Endpoint]:
    """The URLs of each endpoint, chosen from the data the same way on every run."""
    q = urllib.parse.quote
    with psycopg.connect(args.database_url) as conn:

        def column(sql: str) -> list:
            return [row[0] for row in conn.execute(sql).fetchall()]

        roots = column("SELECT slug FROM meetings_topic WHERE parent_id IS NULL ORDER BY md5(slug) LIMIT 5")
        branches = column(
            "SELECT t.slug FROM meetings_topic t WHERE t.parent_id IS NOT NULL "
            "AND EXISTS (SELECT 1 FROM meetings_topic c WHERE c.parent_id = t.id) ORDER BY md5(t.slug) LIMIT 5"
        )
        meetings = column(
            "SELECT slug FROM meetings_meeting WHERE review_status = 'verified' ORDER BY md5(slug) LIMIT 20"
        )
        speakers = column(
            "SELECT split_part(p.name, ' ', 2) FROM meetings_participant p WHERE p.kind = 'person' "
            "ORDER BY md5(p.slug) LIMIT 2"
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


def capture(args, endpoints: list[Endpoint], workdir: Path) -> dict:
    spec = {e.name: {"urls": e.urls, "conditional": e.conditional, "paged": e.paged} for e in endpoints}
    spec_path, out_path = workdir / "spec.json", workdir / "requests.json"
    spec_path.write_text(json.dumps(spec))
    env = app_env(args)
    env["DJANGO_ALLOWED_HOSTS"] = "testserver"
    subprocess.run(
        [ROOT / ".venv" / "bin" / "python", BENCH / "capture.py", spec_path, out_path],
        cwd=args.app_dir,
        env=env,
        check=True,
    )
    return json.loads(out_path.read_text())


# ---------------------------------------------------------------- servers


class Server:
    def __init__(self, name: str, port: int, argv: list, env: dict, cwd: Path, workdir: Path):
        self.name, self.port = name, port
        self.log_path = workdir / f"{name}.log"
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_MAX_REQUESTS": "0"}
        self.process = subprocess.Popen(
            argv, cwd=cwd, env=env, stdout=self.log_path.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> list[psutil.Process]:
        try:
            return psutil.Process(self.process.pid).children()
        except psutil.NoSuchProcess:
            return []

    def wait_ready(self, path: str, expected: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"{self.name} server exited; see {self.log_path}")
            with contextlib.suppress(OSError):
                if fetch(self.base_url + path)[0] == expected:
                    return
            time.sleep(0.3)
        sys.exit(f"{self.name} server did not answer in {timeout} s; see {self.log_path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def fetch(url: str, headers: dict | None = None, timeout: float = 120) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class MemorySampler(threading.Thread):
    """Samples the RSS of the application's workers every 100 ms; keeps the peak per worker."""

    def __init__(self, server: Server):
        super().__init__(daemon=True)
        self.server = server
        self.peak: dict[int, int] = {}
        self.phase_peak = 0
        self.pids: set[int] = set()
        self.running = True

    def run(self) -> None:
        while self.running:
            for worker in self.server.workers():
                with contextlib.suppress(psutil.NoSuchProcess):
                    rss = worker.memory_info().rss
                    self.pids.add(worker.pid)
                    self.peak[worker.pid] = max(self.peak.get(worker.pid, 0), rss)
                    self.phase_peak = max(self.phase_peak, rss)
            time.sleep(0.1)

    def current(self) -> dict[int, int]:
        result = {}
        for worker in self.server.workers():
            with contextlib.suppress(psutil.NoSuchProcess):
                result[worker.pid] = worker.memory_info().rss
        return result


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


# ---------------------------------------------------------------- load


LUA = """
local paths = {%(paths)s}
local etags = {%(etags)s}
local counter = 0
request = function()
  counter = counter + 1
  local i = (counter - 1) %% #paths + 1
  local headers = {}
  if #etags > 0 then headers["If-None-Match"] = etags[i] end
  return wrk.format("GET", paths[i], headers)
end
done = function(summary, latency, requests)
  io.write(string.format(
    "BENCHJSON {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"p50\\": %%d, \\"p95\\": %%d, \\"p99\\": %%d, "
    .. "\\"status_errors\\": %%d, \\"connect_errors\\": %%d, \\"read_errors\\": %%d, \\"timeouts\\": %%d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.timeout))
end
"""


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk(server: Server, script: Path, connections: int, seconds: float) -> Run:
    argv = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "60s",
        "-s",
        str(script),
        server.base_url + "/",
    ]
    output = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    match = re.search(r"BENCHJSON (\{.*\})", output)
    if not match:
        raise RuntimeError(f"wrk gave no summary:\n{output}")
    data = json.loads(match.group(1))
    run = Run(requests=data["requests"], seconds=data["duration_us"] / 1e6)
    run.rps = run.requests / run.seconds if run.seconds else 0.0
    run.errors = data["status_errors"] + data["connect_errors"] + data["read_errors"] + data["timeouts"]
    if run.requests:
        run.p50_ms, run.p95_ms, run.p99_ms = data["p50"] / 1000, data["p95"] / 1000, data["p99"] / 1000
    return run


def sequential(server: Server, endpoint: Endpoint, captured: dict) -> Run:
    """For endpoints too slow for wrk's windows: each URL once, one after the other."""
    times, errors = [], 0
    for url in endpoint.urls:
        headers = {}
        if endpoint.conditional:
            headers["If-None-Match"] = captured["requests"][f"{url}#304"]["if_none_match"]
        started = time.perf_counter()
        try:
            status, _ = fetch(server.base_url + url, headers)
            errors += status >= 400
        except OSError:
            errors += 1
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    run = Run(requests=len(times), seconds=sum(times) / 1000, errors=errors, note="sequential")
    run.rps = run.requests / run.seconds if run.seconds else 0.0
    run.p50_ms = times[len(times) // 2]
    run.p95_ms = times[min(len(times) - 1, int(len(times) * 0.95))]
    return run


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


def script_for(endpoint: Endpoint, captured: dict, workdir: Path, urls: list[str] | None = None) -> Path:
    urls = urls or endpoint.urls
    etags = [captured["requests"][f"{url}#304"]["if_none_match"] for url in urls] if endpoint.conditional else []
    path = workdir / f"{re.sub(r'[^a-z0-9]+', '-', endpoint.name.lower())}.lua"
    path.write_text(
        LUA % {"paths": ", ".join(lua_string(u) for u in urls), "etags": ", ".join(lua_string(e) for e in etags)}
    )
    return path


def check_answers(app: Server, base: Server, endpoints: list[Endpoint], captured: dict) -> None:
    for endpoint in endpoints:
        for url in endpoint.urls[:3]:
            entry = captured["requests"][f"{url}#304" if endpoint.conditional else url]
            headers = {"If-None-Match": entry["if_none_match"]} if endpoint.conditional else {}
            expected = 304 if endpoint.conditional else 200
            if entry["status"] != expected:
                sys.exit(f"{url} answered {entry['status']} in process, not {expected}")
            for server in (app, base):
                status, _ = fetch(server.base_url + url, headers)
                if status != expected:
                    sys.exit(f"{server.name} answered {status} to {url}, not {expected}; see {server.log_path}")


# ---------------------------------------------------------------- report


def fmt(value, digits=1, suffix=""):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{suffix}"
    return f"{value:,}{suffix}"


HEADER = [
    "endpoint",
    "req/s",
    "median ms",
    "p95 ms",
    "median ms under load",
    "peak worker RSS MB",
    "baseline req/s",
    "baseline median ms",
    "ratio",
    "queries",
    "errors",
    "other CPU",
]


def rows(results: list[Result]) -> list[list[str]]:
    table = []
    for r in results:
        ratio = r.app.rps / r.base.rps if r.base.rps else None
        latency_note = " (seq.)" if r.app_latency.note == "sequential" else ""
        table.append(
            [
                r.endpoint.name,
                fmt(r.app.rps),
                fmt(r.app_latency.p50_ms) + latency_note,
                fmt(r.app_latency.p95_ms),
                fmt(r.app.p50_ms),
                fmt(r.peak_rss_mb, 0),
                fmt(r.base.rps),
                fmt(r.base_latency.p50_ms),
                fmt(ratio, 2),
                r.queries,
                fmt(r.app.errors + r.app_latency.errors),
                "–" if r.foreign_cpu is None else f"{r.foreign_cpu:.0%}",
            ]
        )
    return table


def markdown(table: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join(["---", *["---:"] * (len(HEADER) - 1)]) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in table]
    return "\n".join(lines)


def plain(table: list[list[str]]) -> str:
    widths = [max(len(str(row[i])) for row in [HEADER, *table]) for i in range(len(HEADER))]
    out = ["  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(HEADER, widths, strict=True)))]
    for row in table:
        out.append(
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        )
    return "\n".join(out)


# ---------------------------------------------------------------- main


def main() -> None:
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
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install -y wrk).")

    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    ensure_database(args)
    summary = data_summary(args)
    log(f"data: {summary}")
    endpoints = pick_endpoints(args)
    log("capturing the SQL of each URL")
    captured = capture(args, endpoints, workdir)

    env = app_env(args)
    if args.workers:
        env["GUNICORN_WORKERS"] = str(args.workers)
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    conf = ["-c", str(args.app_dir / "gunicorn.conf.py")]
    app = Server("app", args.app_port, [gunicorn, *conf, "config.wsgi"], env, args.app_dir, workdir)
    base_env = {
        **env,
        "BENCH_BASELINE_QUERIES": str(workdir / "requests.json"),
        "BENCH_DATABASE_URL": args.database_url,
    }
    base = Server(
        "baseline",
        args.baseline_port,
        [gunicorn, *conf, "--pythonpath", str(BENCH), "baseline:application"],
        base_env,
        args.app_dir,
        workdir,
    )
    sampler = MemorySampler(app)
    cpu = CpuAccount([app, base])
    results: list[Result] = []
    served = 0
    try:
        app.wait_ready("/healthz/", 200)
        base.wait_ready("/", 404)
        check_answers(app, base, endpoints, captured)
        workers = len(app.workers())
        log(f"servers up: {workers} workers each; logs in {workdir}")
        sampler.start()
        cpu.start()
        for endpoint in endpoints:
            result = Result(endpoint)
            counts = captured["endpoints"][endpoint.name]
            result.queries = "/".join(map(str, counts["queries"]))
            if "queries_page_size_1_100" in counts:
                at_1, at_100 = counts["queries_page_size_1_100"]
                result.queries += f" (1: {at_1}, 100: {at_100})"
            script = script_for(endpoint, captured, workdir)
            if args.wait_for_quiet:
                wait_for_quiet(cpu, 0.10, args.wait_for_quiet)
            log(f"{endpoint.name}: warm-up")
            for server in (app, base):
                warm = wrk(server, script, args.connections, 2)
                served += warm.requests if server is app else 0
                drain(args.database_url)
            sampler.phase_peak = 0
            started = cpu.snapshot()
            log(f"{endpoint.name}: throughput, {args.connections} connections, {args.duration:.0f} s each")
            drain(args.database_url)
            result.app = wrk(app, script, args.connections, args.duration)
            drain(args.database_url)
            result.base = wrk(base, script, args.connections, args.duration)
            drain(args.database_url)
            log(f"{endpoint.name}: latency, 1 connection, {args.latency_duration:.0f} s each")
            result.app_latency = wrk(app, script, 1, args.latency_duration)
            drain(args.database_url)
            result.base_latency = wrk(base, script, 1, args.latency_duration)
            drain(args.database_url)
            if result.app_latency.requests < 10:
                log(f"{endpoint.name}: too slow for the window; timing each URL once, sequentially")
                result.app_latency = sequential(app, endpoint, captured)
                drain(args.database_url)
            if result.base_latency.requests < 10:
                result.base_latency = sequential(base, endpoint, captured)
                drain(args.database_url)
            served += result.app.requests + result.app_latency.requests
            result.foreign_cpu = cpu.foreign_share(started, cpu.snapshot())
            result.peak_rss_mb = sampler.phase_peak / 2**20
            results.append(result)
            print(plain(rows([result])).splitlines()[-1], file=sys.stderr, flush=True)

        soak = None
        if served < args.min_requests:
            fast = [r.endpoint for r in results if r.app_latency.p50_ms is not None and r.app_latency.p50_ms < 500]
            urls = [u for e in fast if not e.conditional for u in e.urls]
            if urls:
                mixed = Endpoint("soak", urls)
                script = script_for(mixed, captured, workdir)
                soak = Run()
                soak_ends = time.monotonic() + args.soak_seconds
                while served < args.min_requests and time.monotonic() < soak_ends:
                    log(f"soak: {served:,} requests served so far, {args.min_requests:,} wanted")
                    run = wrk(app, script, args.connections, 15)
                    served += run.requests
                    soak.requests += run.requests
                    soak.seconds += run.seconds
                    soak.errors += run.errors
                    if run.requests == 0:
                        break
        sampler.running = False
        sampler.join()
        final = sampler.current()
    finally:
        sampler.running = cpu.running = False
        app.stop()
        base.stop()

    table = rows(results)
    peak = max(sampler.peak.values(), default=0) / 2**20
    restarts = max(0, len(sampler.pids) - workers)
    print()
    print(plain(table))
    print()
    print(
        f"{served:,} requests served by the application in all; peak RSS of any worker {peak:.0f} MB; "
        f"{len(sampler.pids)} worker processes seen ({restarts} replaced during the run); "
        f"RSS at the end: {', '.join(f'{v / 2**20:.0f}' for v in final.values())} MB."
    )
    if soak:
        print(f"Soak: {soak.requests:,} mixed requests over {soak.seconds:.0f} s, {soak.errors} errors.")
    print(f"Machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB; data: {summary}")
    print(f"Server logs: {workdir}")
    if args.output:
        args.output.mkdir(parents=True, exist_ok=True)
        (args.output / "results.md").write_text(markdown(table) + "\n")
        payload = {
            "summary": summary,
            "served": served,
            "peak_rss_mb": peak,
            "workers": workers,
            "worker_processes_seen": len(sampler.pids),
            "cores": os.cpu_count(),
            "args": {k: str(v) for k, v in vars(args).items()},
            "endpoints": [
                {
                    "name": r.endpoint.name,
                    "urls": r.endpoint.urls,
                    "app": vars(r.app),
                    "app_latency": vars(r.app_latency),
                    "baseline": vars(r.base),
                    "baseline_latency": vars(r.base_latency),
                    "peak_rss_mb": r.peak_rss_mb,
                    "queries": r.queries,
                    "foreign_cpu": r.foreign_cpu,
                }
                for r in results
            ],
        }
        (args.output / "results.json").write_text(json.dumps(payload, indent=1))
        print(f"Results written to {args.output}")


if __name__ == "__main__":
    main()
