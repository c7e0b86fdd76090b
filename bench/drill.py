"""Load and fault drill: the API under gunicorn on a PostgreSQL of its own, which it then stops and starts.

    bench/drill [--duration 60] [--connections 64] [--down-after 10] [--down 10] [--after 15] ...

What it does, in order:

1. Creates a throwaway PostgreSQL cluster (initdb into a temporary directory, on a free port from
   55432, as the ``postgres`` user when run as root), so that stopping it disturbs nothing else;
   migrates it and loads the curated data.
2. Starts the application under gunicorn with gunicorn.conf.py and production settings
   (DJANGO_DEBUG=0, throttling off). Workers are not recycled, so memory growth would show.
3. Phase 1, load: wrk from a second process with 64 connections for 60 s on a mix of lists,
   details, filtered lists and searches, while the RSS of every worker is sampled. Every answer
   must be 2xx/3xx and the workers' memory flat.
4. Phase 2, fault: the same load, and the cluster is stopped (``pg_ctl stop -m fast``) after
   --down-after seconds, kept down for --down seconds, then started again. Two probes ask
   /healthz/ and an API list every 100 ms with a short timeout. While the database is down every
   answer must be a quick 503 in JSON (no hang, no 500, no HTML); once it is back, both probes must
   get a 200 within --recovery-limit seconds, with no restart of the application.
5. Prints PASS or FAIL per requirement and exits 1 on any FAIL. The cluster and the temporary
   directory are removed at the end, also on failure or Ctrl-C (--keep keeps the logs).
"""

import argparse
import contextlib
import glob
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import psycopg
from benchmark import Server

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
SECRET = "drill-only-secret-key-not-for-production-0123456789"
API_503 = {"detail": "The database is unavailable. Try again shortly."}
HEALTH_503 = {"status": "unavailable", "database": "unreachable"}
PROBE_TIMEOUT = 3.0
PROBE_INTERVAL = 0.1


def log(message: str) -> None:
    print(f"[drill {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port(preferred: int) -> int:
    for port in range(preferred, preferred + 200):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            # As servers do: a port whose last connections are in TIME_WAIT is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    sys.exit(f"no free port from {preferred}")


# ---------------------------------------------------------------- PostgreSQL of our own


def postgresql_bin(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    found = glob.glob("/usr/lib/postgresql/*/bin/pg_ctl") + glob.glob("/usr/pgsql-*/bin/pg_ctl")

    def version(path: str) -> tuple:
        return tuple(int(n) for n in re.findall(r"\d+", path))

    if found:
        return Path(max(found, key=version)).parent
    on_path = shutil.which("pg_ctl") or shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    sys.exit("PostgreSQL's server programs (initdb, pg_ctl) were not found; give their directory with --pg-bin.")


class Cluster:
    """A PostgreSQL cluster in a directory of its own, listening on 127.0.0.1:port only."""

    def __init__(self, bindir: Path, workdir: Path, port: int):
        self.bindir, self.port = bindir, port
        self.home = workdir / "postgresql"
        self.data = self.home / "data"
        self.log_path = self.home / "server.log"
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.user = "postgres" if os.geteuid() == 0 else psutil.Process().username()
        self.home.mkdir()
        if self.as_owner:
            shutil.chown(self.home, "postgres", "postgres")
        self.created = False

    @property
    def url(self) -> str:
        return f"postgres://{self.user}@127.0.0.1:{self.port}/meetings"

    def run(self, *argv, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.as_owner, *map(str, argv)],
            capture_output=True,
            text=True,
            check=check,
            start_new_session=True,  # a Ctrl-C in the terminal reaches this script, which then stops it
        )

    def create(self) -> None:
        result = self.run(
            self.bindir / "initdb",
            "-D",
            self.data,
            "-U",
            self.user,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
            check=False,
        )
        if result.returncode:
            sys.exit(f"initdb failed:\n{result.stdout}{result.stderr}")
        self.created = True
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\n# drill\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.home}'\nfsync = off\nmax_connections = 100\n"
            )

    def start(self) -> None:
        # The port may lie in the kernel's range for outgoing connections: a client connection of
        # the load (to gunicorn) can hold it for a moment while the cluster is down. Try again then.
        for _ in range(20):
            logged = self.log_path.stat().st_size if self.log_path.exists() else 0
            result = self.run(
                self.bindir / "pg_ctl", "-D", self.data, "-l", self.log_path, "-w", "-t", "60", "start", check=False
            )
            if not result.returncode:
                return
            with self.log_path.open(errors="replace") as server_log:
                server_log.seek(logged)
                news = server_log.read()
            if "Address already in use" not in news:
                break
            log(f"port {self.port} is held by a passing connection; starting again")
            time.sleep(0.2)
        sys.exit(f"pg_ctl start failed:\n{result.stdout}{result.stderr}\n{news[-2000:]}")

    def stop(self, mode: str = "fast") -> None:
        self.run(self.bindir / "pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "60", "stop", check=False)

    def running(self) -> bool:
        return self.created and self.run(self.bindir / "pg_ctl", "-D", self.data, "status", check=False).returncode == 0

    def create_database(self) -> None:
        admin = self.url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE DATABASE meetings")


# ---------------------------------------------------------------- the application


def app_env(args, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_", "DATABASE_URL"))}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_THROTTLE_ANON_RATE="off",
        DJANGO_THROTTLE_USER_RATE="off",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def manage(env: dict, *argv: str) -> None:
    result = subprocess.run([PYTHON, "manage.py", *argv], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(argv)} failed:\n{result.stdout}{result.stderr}")


class App(Server):
    """The API under gunicorn with the repository's settings, its workers never recycled."""

    def __init__(self, args, env: dict, workdir: Path):
        if args.workers:
            env = {**env, "GUNICORN_WORKERS": str(args.workers)}
        argv = [GUNICORN, "-c", ROOT / "gunicorn.conf.py", "config.wsgi"]
        super().__init__("gunicorn", free_port(args.app_port), argv, env, ROOT, workdir)

    def wait_ready(self, expected_workers: int | None, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited; see {self.log_path}")
            with contextlib.suppress(OSError):
                if get(self.port, "/healthz/").status == 200 and len(self.workers()) >= (expected_workers or 1):
                    return
            time.sleep(0.3)
        sys.exit(f"gunicorn did not answer in {timeout:.0f} s; see {self.log_path}")


@dataclass
class Answer:
    status: int | None
    content_type: str
    body: bytes
    seconds: float
    error: str = ""


def get(port: int, path: str, timeout: float = 30) -> Answer:
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept": "application/json"})
        response = conn.getresponse()
        body = response.read()
        content_type = (response.getheader("Content-Type") or "").split(";")[0].strip()
        return Answer(response.status, content_type, body, time.monotonic() - started)
    except (OSError, http.client.HTTPException) as error:
        return Answer(None, "", b"", time.monotonic() - started, error.__class__.__name__)
    finally:
        conn.close()


def pick_urls(database_url: str) -> dict[str, list[str]]:
    """A mix from the curated data: lists, details, filtered lists and searches."""
    q = urllib.parse.quote
    with psycopg.connect(database_url) as conn:

        def column(sql: str) -> list:
            return [row[0] for row in conn.execute(sql).fetchall()]

        meetings = column("SELECT slug FROM meetings_meeting WHERE review_status = 'verified' ORDER BY slug LIMIT 6")
        statements = column("SELECT id FROM meetings_statement WHERE review_status = 'verified' ORDER BY id LIMIT 4")
        speakers = column(
            "SELECT p.slug FROM meetings_participant p WHERE EXISTS (SELECT 1 FROM meetings_statement s "
            "WHERE s.speaker_id = p.id AND s.review_status = 'verified') ORDER BY p.slug LIMIT 3"
        )
        participants = column("SELECT slug FROM meetings_participant ORDER BY slug LIMIT 3")
        topics = column("SELECT slug FROM meetings_topic ORDER BY parent_id NULLS FIRST, slug LIMIT 3")
        sources = column("SELECT slug FROM meetings_source ORDER BY slug LIMIT 2")
        countries = column("SELECT DISTINCT country FROM meetings_meeting WHERE country <> '' ORDER BY 1 LIMIT 2")
    return {
        "lists": [
            "/api/v1/meetings/",
            "/api/v1/participants/",
            "/api/v1/topics/",
            "/api/v1/statements/",
            "/api/v1/sources/",
            "/api/v1/statements/?page=2&page_size=10",
        ],
        "details": [
            *(f"/api/v1/meetings/{slug}/" for slug in meetings),
            *(f"/api/v1/statements/{pk}/" for pk in statements),
            *(f"/api/v1/participants/{slug}/" for slug in participants),
            *(f"/api/v1/topics/{slug}/" for slug in topics),
            *(f"/api/v1/sources/{slug}/" for slug in sources),
        ],
        "filtered lists": [
            *(f"/api/v1/meetings/?participant={slug}&date_after=2017-01-01" for slug in speakers[:2]),
            *(f"/api/v1/statements/?speaker={slug}" for slug in speakers),
            *(f"/api/v1/statements/?topic={slug}" for slug in topics[:2]),
            *(f"/api/v1/meetings/?country={country}&status=held&ordering=-date" for country in countries),
        ],
        "searches": [
            f"/api/v1/statements/?search={q(s)}" for s in ['"chemical weapons"', "sanctions -ukraine", "Lavrov"]
        ]
        + [f"/api/v1/meetings/?search={q('talks')}", f"/api/v1/participants/?search={q('Sergei')}"],
    }


# ---------------------------------------------------------------- load


LUA = """
local paths = {%(paths)s}
local counter = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter - 1) %% #paths + 1], {["Accept"] = "application/json"})
end
function response(status, headers, body)
  local kind = headers["Content-Type"] or headers["content-type"] or "none"
  local key = status .. " " .. string.match(kind, "^[^;]*")
  statuses[key] = (statuses[key] or 0) + 1
end
function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("statuses")) do merged[key] = (merged[key] or 0) + count end
  end
  local parts = {}
  for key, count in pairs(merged) do table.insert(parts, string.format("%%q: %%d", key, count)) end
  io.write(string.format(
    "DRILLJSON {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"p50\\": %%d, \\"p90\\": %%d, \\"p99\\": %%d, "
    .. "\\"max\\": %%d, \\"non_2xx_3xx\\": %%d, \\"connect\\": %%d, \\"read\\": %%d, \\"write\\": %%d, "
    .. "\\"timeout\\": %%d, \\"statuses\\": {%%s}}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, table.concat(parts, ", ")))
end
"""


@dataclass
class Load:
    requests: int = 0
    seconds: float = 0.0
    p50_ms: float = 0.0
    p90_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    non_2xx_3xx: int = 0
    socket_errors: dict = field(default_factory=dict)
    statuses: dict = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def write_script(urls: list[str], path: Path) -> Path:
    def lua_string(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    path.write_text(LUA % {"paths": ", ".join(lua_string(u) for u in urls)})
    return path


def start_wrk(port: int, script: Path, connections: int, seconds: float) -> subprocess.Popen:
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s", "-s", str(script)]
    return subprocess.Popen(
        [*argv, f"http://127.0.0.1:{port}/"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def finish_wrk(process: subprocess.Popen) -> Load:
    output = process.communicate()[0]
    match = re.search(r"DRILLJSON (\{.*\})", output)
    if process.returncode or not match:
        sys.exit(f"wrk failed:\n{output}")
    data = json.loads(match.group(1))
    return Load(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50"] / 1000,
        p90_ms=data["p90"] / 1000,
        p99_ms=data["p99"] / 1000,
        max_ms=data["max"] / 1000,
        non_2xx_3xx=data["non_2xx_3xx"],
        socket_errors={k: data[k] for k in ("connect", "read", "write", "timeout")},
        statuses=dict(sorted(data["statuses"].items())),
    )


class MemorySampler(threading.Thread):
    """The RSS of every worker, every 250 ms: first, last and peak per process."""

    def __init__(self, app: App):
        super().__init__(daemon=True)
        self.app = app
        self.lock = threading.Lock()
        self.samples: dict[int, list[int]] = {}
        self.running = True

    def run(self) -> None:
        while self.running:
            for worker in self.app.workers():
                with contextlib.suppress(psutil.NoSuchProcess):
                    rss = worker.memory_info().rss
                    with self.lock:
                        self.samples.setdefault(worker.pid, []).append(rss)
            time.sleep(0.25)

    def snapshot(self) -> dict[int, list[int]]:
        with self.lock:
            return {pid: list(values) for pid, values in self.samples.items()}


@dataclass
class Probe:
    at: float
    path: str
    answer: Answer


class Prober(threading.Thread):
    """Asks one path every 100 ms with a short timeout, and keeps every answer."""

    def __init__(self, port: int, path: str, started: float):
        super().__init__(daemon=True)
        self.port, self.path, self.started = port, path, started
        self.probes: list[Probe] = []
        self.running = True

    def run(self) -> None:
        next_at = time.monotonic()
        while self.running:
            at = time.monotonic() - self.started
            self.probes.append(Probe(at, self.path, get(self.port, self.path, timeout=PROBE_TIMEOUT)))
            next_at += PROBE_INTERVAL
            time.sleep(max(0.0, next_at - time.monotonic()))


# ---------------------------------------------------------------- report


class Verdicts:
    def __init__(self):
        self.lines: list[tuple[bool, str]] = []

    def check(self, ok: bool, text: str) -> None:
        self.lines.append((ok, text))

    @property
    def passed(self) -> bool:
        return all(ok for ok, _ in self.lines)


def mb(value: float) -> str:
    return f"{value / 2**20:.1f}"


def body_is(answer: Answer, path: str) -> bool:
    """The API's 503 body exactly; the health check's names the database as unreachable."""
    try:
        data = json.loads(answer.body)
    except ValueError:
        return False
    if path == "/healthz/":
        return isinstance(data, dict) and {k: data.get(k) for k in HEALTH_503} == HEALTH_503
    return data == API_503


def summarize(probes: list[Probe]) -> str:
    counts: dict[str, int] = {}
    for probe in probes:
        a = probe.answer
        key = f"{a.status} {a.content_type}" if a.status else f"no answer ({a.error})"
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{n} × {k}" for k, n in sorted(counts.items())) or "none"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=60, help="Seconds of the load phase (60).")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections in both phases (64).")
    parser.add_argument("--down-after", type=float, default=10, help="Seconds of load before the stop (10).")
    parser.add_argument("--down", type=float, default=10, help="Seconds PostgreSQL stays down (10).")
    parser.add_argument("--after", type=float, default=15, help="Seconds of load after the restart (15).")
    parser.add_argument("--recovery-limit", type=float, default=5, help="Seconds allowed to recover (5).")
    parser.add_argument("--fast-limit", type=float, default=1, help="Slowest answer allowed while down, s (1).")
    parser.add_argument("--rss-growth-limit", type=float, default=16, help="MB a worker may grow under load (16).")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's).")
    parser.add_argument("--pg-port", type=int, default=55432, help="First port tried for the cluster (55432).")
    parser.add_argument("--app-port", type=int, default=8300, help="First port tried for gunicorn (8300).")
    parser.add_argument("--pg-bin", help="Directory of initdb and pg_ctl (default: the newest found).")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary directory with the logs.")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install -y wrk).")

    # Ctrl-C and SIGTERM unwind through the finally below, which removes everything.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="drill-"))
    workdir.chmod(0o755)  # the postgres user reaches its directory inside
    cluster = app = sampler = None
    wrk_process = None
    probers: list[Prober] = []
    try:
        bindir = postgresql_bin(args.pg_bin)
        cluster = Cluster(bindir, workdir, free_port(args.pg_port))
        log(f"PostgreSQL {bindir.parent.name}: a cluster of its own in {cluster.data}, port {cluster.port}")
        cluster.create()
        cluster.start()
        cluster.create_database()
        env = app_env(args, cluster.url)
        log("migrating and loading the curated data")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_curated")
        urls = pick_urls(cluster.url)
        mix = [u for group in urls.values() for u in group]
        app = App(args, env, workdir)
        app.wait_ready(args.workers)
        for url in mix:
            answer = get(app.port, url)
            if answer.status != 200:
                sys.exit(f"{url} answered {answer.status}, not 200; see {app.log_path}")
        workers = sorted(w.pid for w in app.workers())
        log(f"gunicorn on port {app.port} with {len(workers)} workers; {len(mix)} URLs; logs in {workdir}")
        script = write_script(mix, workdir / "mix.lua")
        verdicts = Verdicts()

        # ------------------------------------------------------------ phase 1: load
        log("warm-up: 5 s")
        finish_wrk(start_wrk(app.port, script, args.connections, 5))
        sampler = MemorySampler(app)
        sampler.start()
        log(f"phase 1, load: {args.connections} connections for {args.duration:.0f} s")
        load = finish_wrk(start_wrk(app.port, script, args.connections, args.duration))
        memory = sampler.snapshot()

        # ------------------------------------------------------------ phase 2: fault
        fault_seconds = args.down_after + args.down + args.after
        log(f"phase 2, fault: {fault_seconds:.0f} s of load; PostgreSQL stops at {args.down_after:.0f} s")
        started = time.monotonic()
        wrk_process = start_wrk(app.port, script, args.connections, fault_seconds)
        api_probe = mix[0]
        probers = [Prober(app.port, "/healthz/", started), Prober(app.port, api_probe, started)]
        for prober in probers:
            prober.start()
        time.sleep(max(0.0, started + args.down_after - time.monotonic()))
        stop_issued = time.monotonic() - started
        cluster.stop("fast")
        stop_done = time.monotonic() - started
        log(f"PostgreSQL stopped ({stop_done - stop_issued:.2f} s); down for {args.down:.0f} s")
        time.sleep(max(0.0, started + stop_done + args.down - time.monotonic()))
        start_issued = time.monotonic() - started
        cluster.start()
        start_done = time.monotonic() - started
        log(f"PostgreSQL accepting connections again ({start_done - start_issued:.2f} s after pg_ctl start)")
        fault = finish_wrk(wrk_process)
        wrk_process = None
        for prober in probers:
            prober.running = False
            prober.join()
        sampler.running = False
        sampler.join()
        workers_after = sorted(w.pid for w in app.workers())
        (workdir / "probes.json").write_text(
            json.dumps(
                {
                    "events": {"stop": stop_issued, "down": stop_done, "start": start_issued, "up": start_done},
                    "probes": [
                        [p.at, p.path, p.answer.status, p.answer.content_type, p.answer.seconds, p.answer.error]
                        for prober in probers
                        for p in prober.probes
                    ],
                }
            )
        )
        log_text = app.log_path.read_text(errors="replace")
    finally:
        if wrk_process and wrk_process.poll() is None:
            wrk_process.kill()
        for prober in probers:
            prober.running = False
        if sampler:
            sampler.running = False
        if app:
            app.stop()
        if cluster and cluster.running():
            cluster.stop("immediate")
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    # ---------------------------------------------------------------- phase 1 report
    out = []
    out.append(
        f"Phase 1, load: {load.seconds:.0f} s, {args.connections} connections, {len(mix)} URLs "
        f"({', '.join(f'{len(v)} {k}' for k, v in urls.items())}), {len(workers)} gunicorn workers"
    )
    out.append(
        f"  {load.requests:,} requests, {load.rps:,.1f} req/s; latency p50 {load.p50_ms:.1f} ms, "
        f"p90 {load.p90_ms:.1f} ms, p99 {load.p99_ms:.1f} ms, max {load.max_ms:.1f} ms"
    )
    out.append(
        f"  answers: {', '.join(f'{n:,} × {k}' for k, n in load.statuses.items())}; non-2xx/3xx {load.non_2xx_3xx}; "
        f"socket errors {sum(load.socket_errors.values())} {load.socket_errors}"
    )
    out.append("  worker RSS in MB, start → end (peak):")
    growth = 0.0
    for pid in workers:
        values = memory.get(pid, [0])
        growth = max(growth, (values[-1] - values[0]) / 2**20)
        out.append(f"    pid {pid}: {mb(values[0])} → {mb(values[-1])} ({mb(max(values))}), {len(values)} samples")
    verdicts.check(
        load.non_2xx_3xx == 0 and not any(load.socket_errors.values()) and load.requests > 0,
        f"load: {load.requests:,} requests, none failed (non-2xx/3xx {load.non_2xx_3xx}, "
        f"socket errors {sum(load.socket_errors.values())})",
    )
    verdicts.check(
        growth <= args.rss_growth_limit,
        f"load: worker memory flat (largest growth start → end {growth:.1f} MB, limit {args.rss_growth_limit:.0f} MB)",
    )

    # ---------------------------------------------------------------- phase 2 report
    out.append("")
    out.append(
        f"Phase 2, fault: {fault.seconds:.0f} s at {args.connections} connections; pg_ctl stop -m fast at "
        f"{stop_issued:.1f} s (down at {stop_done:.1f} s), pg_ctl start at {start_issued:.1f} s "
        f"(accepting connections at {start_done:.1f} s)"
    )
    out.append(
        f"  wrk: {fault.requests:,} requests; {', '.join(f'{n:,} × {k}' for k, n in fault.statuses.items())}; "
        f"socket errors {sum(fault.socket_errors.values())} {fault.socket_errors}"
    )
    down_ok = fast_ok = recovered_ok = True
    worst_down = 0.0
    recoveries = []
    for prober in probers:
        before = [p for p in prober.probes if p.at + p.answer.seconds < stop_issued]
        down = [p for p in prober.probes if p.at >= stop_done and p.at + p.answer.seconds <= start_issued]
        after = [p for p in prober.probes if p.at >= start_done]
        # Sent while PostgreSQL stopped or started: either answer will do, but an answer it must be.
        around = [p for p in prober.probes if stop_issued <= p.at < start_done and p not in down]
        first_ok = next((p for p in after if p.answer.status == 200), None)
        later = [p for p in after if first_ok and p.at > first_ok.at]
        bad_down = [
            p
            for p in down
            if p.answer.status != 503
            or p.answer.content_type != "application/json"
            or not body_is(p.answer, prober.path)
        ] + [p for p in around if p.answer.status not in {200, 503} or p.answer.content_type != "application/json"]
        slowest = max((p.answer.seconds for p in down), default=0.0)
        worst_down = max(worst_down, slowest)
        out.append(f"  probe {prober.path} ({len(prober.probes)} requests, every {PROBE_INTERVAL * 1000:.0f} ms):")
        out.append(f"    before the stop: {summarize(before)}")
        out.append(f"    while down: {summarize(down)}; slowest {slowest * 1000:.0f} ms")
        out.append(f"    sent while stopping or starting: {summarize(around)}")
        if first_ok:
            recovery = first_ok.at + first_ok.answer.seconds - start_done
            recoveries.append(recovery)
            out.append(
                f"    first 200 answered {recovery:.2f} s after PostgreSQL accepted connections "
                f"({first_ok.at + first_ok.answer.seconds - start_issued:.2f} s after pg_ctl start; "
                f"sent at +{first_ok.at - start_done:.2f} s, {first_ok.answer.seconds:.2f} s in the server's queue "
                f"and handling); after it: {summarize(later)}"
            )
        else:
            recovered_ok = False
            out.append("    no 200 after the restart")
        down_ok &= bool(down) and not bad_down
        fast_ok &= slowest <= args.fast_limit
        # A probe that timed out under load is shown above; any answer but 200 after recovery fails.
        recovered_ok &= bool(first_ok) and all(p.answer.status in {200, None} for p in later)
        recovered_ok &= (
            first_ok is not None and (first_ok.at + first_ok.answer.seconds - start_done) <= args.recovery_limit
        )
    fault_kinds = set(fault.statuses)
    allowed = {"200 application/json", "503 application/json"}
    tracebacks = log_text.count("Traceback (most recent call last)")
    outage_warnings = log_text.count("Database unavailable:")
    out.append(
        f"  server log: {outage_warnings:,} 'Database unavailable' warnings, {tracebacks} tracebacks; "
        f"workers {'unchanged' if workers_after == workers else f'{workers} → {workers_after}'}"
    )
    verdicts.check(
        down_ok,
        "outage: every probe answer while PostgreSQL was down was 503 JSON with the right body "
        "(200 or 503 JSON while it stopped and started)",
    )
    verdicts.check(
        fast_ok,
        f"outage: answers were fast while down (slowest probe {worst_down * 1000:.0f} ms, limit "
        f"{args.fast_limit * 1000:.0f} ms; probe timeout {PROBE_TIMEOUT:.0f} s)",
    )
    verdicts.check(
        fault_kinds <= allowed and "503 application/json" in fault_kinds and not any(fault.socket_errors.values()),
        f"outage: under load only 200 and 503 JSON, no 500, no HTML, no socket errors "
        f"({', '.join(sorted(fault_kinds))})",
    )
    verdicts.check(
        recovered_ok,
        f"recovery: /healthz/ and {api_probe} answered 200 within {args.recovery_limit:.0f} s of PostgreSQL "
        f"accepting connections ({', '.join(f'{r:.2f} s' for r in recoveries) or 'never'}), and 200 after that",
    )
    verdicts.check(
        tracebacks == 0 and workers_after == workers,
        f"no traceback in the server log ({tracebacks}), no worker replaced, no restart",
    )

    print("\n".join(out))
    print()
    for ok, text in verdicts.lines:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    print(f"{'PASS' if verdicts.passed else 'FAIL'}  overall")
    return 0 if verdicts.passed else 1


if __name__ == "__main__":
    sys.exit(main())
