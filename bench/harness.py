"""What the benchmark and the drill both need to put the API under load and watch it.

- ``app_env``, ``manage`` and ``synthetic_sizes``: the served application's environment (production settings,
  throttling off), its management commands, and the sizes of a synthetic data set;
- ``Served``: a server process of ours, and ``Server``: a gunicorn server started with the application's
  gunicorn.conf.py, workers never recycled;
- ``get`` and ``ask``: one HTTP request that always gives an ``Answer``, also when the server gave none;
- ``RssSampler``: the resident memory of a server's workers, sampled all along;
- ``write_script``, ``start_wrk``, ``finish_wrk`` and ``run_wrk``: wrk's Lua script, which cycles
  through URLs and reports its summary as JSON, and the runner that reads it into a ``Load``.
"""

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import psycopg

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
SECRET = "load-test-only-secret-key-not-for-production-0123456789"
JSON_ACCEPTED = {"Accept": "application/json"}


def logger(name: str) -> Callable[[str], None]:
    """A function that writes a timestamped progress line to stderr, apart from the results on stdout."""

    def log(message: str) -> None:
        print(f"[{name} {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    return log


def require_wrk() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install -y wrk).")


def free_port(preferred: int) -> int:
    """The first port from ``preferred`` on that nothing listens on at 127.0.0.1."""
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


def column(conn: psycopg.Connection, sql: str) -> list:
    """The first column of a query's rows."""
    return [row[0] for row in conn.execute(sql).fetchall()]


# ---------------------------------------------------------------- the application


def app_env(database_url: str) -> dict[str, str]:
    """This process's environment without its Django and gunicorn settings, and the served app's instead."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_", "DATABASE_URL"))}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        # Served over plain HTTP on the loopback: no redirect to HTTPS, no HSTS.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_HSTS_SECONDS="0",
        # One client sends every request: throttling would answer most of them with 429.
        DJANGO_THROTTLE_ANON_RATE="off",
        DJANGO_THROTTLE_USER_RATE="off",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def app_python(app_dir: Path) -> Path:
    """The application's own interpreter, or this repository's when it has none."""
    python = app_dir / ".venv" / "bin" / "python"
    return python if python.exists() else ROOT / ".venv" / "bin" / "python"


def manage(env: dict[str, str], *argv: str, app_dir: Path = ROOT, quiet: bool = True) -> None:
    """Run a management command of the application; a quiet one shows its output only when it fails."""
    result = subprocess.run(
        [app_python(app_dir), "manage.py", *argv], cwd=app_dir, env=env, capture_output=quiet, text=True
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(argv)} failed:\n{result.stdout or ''}{result.stderr or ''}")


def synthetic_sizes(statements: int) -> list[str]:
    """generate_synthetic's size options for ``statements`` statements: meetings and sources in the default data
    set's proportion (50,000 and 5,000 to a million statements), so that pages and texts look the same at any size;
    participants and topics as they are."""
    share = statements / 1_000_000
    meetings, sources = max(1, round(50_000 * share)), max(1, round(5_000 * share))
    return ["--statements", str(statements), "--meetings", str(meetings), "--sources", str(sources)]


@dataclass
class Answer:
    status: int | None
    content_type: str
    body: bytes
    seconds: float
    error: str = ""
    # The response's headers, names in lower case.
    headers: dict[str, str] = field(default_factory=dict)


def get(port: int, path: str, headers: dict[str, str] | None = None, timeout: float = 30) -> Answer:
    """GET a path from 127.0.0.1:port; a refused, broken or timed-out request is an answer without status."""
    return ask(port, "GET", path, headers, timeout=timeout)


def ask(
    port: int,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 30,
) -> Answer:
    """Send one request to 127.0.0.1:port; a refused, broken or timed-out request is an answer without status."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        content = response.read()
        content_type = (response.getheader("Content-Type") or "").split(";")[0].strip()
        received = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, content_type, content, time.monotonic() - started, headers=received)
    except (OSError, http.client.HTTPException) as error:
        return Answer(None, "", b"", time.monotonic() - started, error.__class__.__name__)
    finally:
        conn.close()


class Served:
    """A server process of ours on 127.0.0.1:port, its output in ``workdir/NAME.log``, stopped with SIGTERM."""

    def __init__(self, name: str, port: int, argv: list, env: dict[str, str], cwd: Path, workdir: Path):
        self.name, self.port = name, port
        self.log_path = workdir / f"{name}.log"
        self.process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdout=self.log_path.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def workers(self) -> list[psutil.Process]:
        try:
            return psutil.Process(self.process.pid).children()
        except psutil.NoSuchProcess:
            return []

    def wait_ready(self, path: str, status: int, workers: int = 1, timeout: float = 60) -> None:
        """Wait until ``path`` answers ``status`` and at least ``workers`` workers run; exit if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"the {self.name} server exited; see {self.log_path}")
            if get(self.port, path).status == status and len(self.workers()) >= workers:
                return
            time.sleep(0.3)
        sys.exit(f"the {self.name} server did not answer in {timeout:.0f} s; see {self.log_path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Server(Served):
    """A gunicorn server with the application's gunicorn.conf.py, its workers never recycled so memory growth shows.

    gunicorn is the one of the application's own interpreter (``app_python``), so that another version of the
    application can be served with the packages it asks for.
    """

    def __init__(
        self,
        name: str,
        port: int,
        target: list[str],
        env: dict[str, str],
        app_dir: Path,
        workdir: Path,
        workers: int | None = None,
    ):
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_MAX_REQUESTS": "0"}
        if workers:
            env["GUNICORN_WORKERS"] = str(workers)
        gunicorn = app_python(app_dir).with_name("gunicorn")
        super().__init__(name, port, [gunicorn, "-c", app_dir / "gunicorn.conf.py", *target], env, app_dir, workdir)


class RssSampler(threading.Thread):
    """Samples the RSS of a server's workers every ``interval`` seconds: every sample per process, and the
    peak of any worker in the current phase."""

    def __init__(self, server: Server, interval: float):
        super().__init__(daemon=True)
        self.server, self.interval = server, interval
        self.lock = threading.Lock()
        self.samples: dict[int, list[int]] = {}
        self.phase_peak = 0
        self.running = True

    def run(self) -> None:
        while self.running:
            for worker in self.server.workers():
                with contextlib.suppress(psutil.NoSuchProcess):
                    rss = worker.memory_info().rss
                    with self.lock:
                        self.samples.setdefault(worker.pid, []).append(rss)
                        self.phase_peak = max(self.phase_peak, rss)
            time.sleep(self.interval)

    def new_phase(self) -> None:
        with self.lock:
            self.phase_peak = 0

    def stop(self) -> None:
        self.running = False
        if self.is_alive():
            self.join()

    def snapshot(self) -> dict[int, list[int]]:
        with self.lock:
            return {pid: list(values) for pid, values in self.samples.items()}

    def current(self) -> dict[int, int]:
        """The RSS of each worker now."""
        result = {}
        for worker in self.server.workers():
            with contextlib.suppress(psutil.NoSuchProcess):
                result[worker.pid] = worker.memory_info().rss
        return result


# ---------------------------------------------------------------- wrk


# Each thread cycles through the paths (with the matching If-None-Match when there are ETags). Counting the
# answers by status and content type costs wrk a Lua call per response, so only the scripts that ask for it
# define response().
LUA = """
local paths = {%(paths)s}
local etags = {%(etags)s}
local counter = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function request()
  counter = counter + 1
  local i = (counter - 1) %% #paths + 1
  local headers = {%(headers)s}
  if #etags > 0 then headers["If-None-Match"] = etags[i] end
  return wrk.format("GET", paths[i], headers)
end
%(response)s
function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("statuses")) do merged[key] = (merged[key] or 0) + count end
  end
  local parts = {}
  for key, count in pairs(merged) do table.insert(parts, string.format("%%q: %%d", key, count)) end
  io.write(string.format(
    "WRKJSON {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"p50\\": %%d, \\"p90\\": %%d, \\"p95\\": %%d, "
    .. "\\"p99\\": %%d, \\"max\\": %%d, \\"status\\": %%d, \\"connect\\": %%d, \\"read\\": %%d, \\"write\\": %%d, "
    .. "\\"timeout\\": %%d, \\"statuses\\": {%%s}}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, table.concat(parts, ", ")))
end
"""

COUNT_STATUSES = """
function response(status, headers, body)
  local kind = headers["Content-Type"] or headers["content-type"] or "none"
  local key = status .. " " .. string.match(kind, "^[^;]*")
  statuses[key] = (statuses[key] or 0) + 1
end
"""

# The same, and the answers a read replica gave (X-Served-By: replica) counted apart.
COUNT_STATUSES_SERVED_BY = """
function response(status, headers, body)
  local kind = headers["Content-Type"] or headers["content-type"] or "none"
  local key = status .. " " .. string.match(kind, "^[^;]*")
  if (headers["X-Served-By"] or headers["x-served-by"]) == "replica" then key = key .. " from the replica" end
  statuses[key] = (statuses[key] or 0) + 1
end
"""


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_script(
    path: Path,
    urls: list[str],
    etags: Iterable[str] = (),
    headers: dict[str, str] | None = None,
    count_statuses: bool = False,
    served_by: bool = False,
) -> Path:
    """wrk's script for ``urls``, sent with ``headers`` and, where given, each URL's If-None-Match.

    ``count_statuses`` counts the answers by status and content type; ``served_by`` also counts apart those
    that a read replica gave.
    """
    response = COUNT_STATUSES_SERVED_BY if served_by else COUNT_STATUSES if count_statuses else ""
    path.write_text(
        LUA
        % {
            "paths": ", ".join(lua_string(u) for u in urls),
            "etags": ", ".join(lua_string(e) for e in etags),
            "headers": ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in (headers or {}).items()),
            "response": response,
        }
    )
    return path


@dataclass
class Load:
    """What one wrk run measured; ``statuses`` counts the answers by status and content type when the
    script counts them."""

    requests: int = 0
    seconds: float = 0.0
    p50_ms: float = 0.0
    p90_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    non_2xx_3xx: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def start_wrk(
    port: int, script: Path, connections: int, seconds: float, threads: int = 1, timeout: float = 60
) -> subprocess.Popen:
    """wrk in a process of its own, against 127.0.0.1:port, for ``seconds`` (whole seconds, at least one)."""
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", f"{timeout:.0f}s"]
    return subprocess.Popen(
        [*argv, "-s", str(script), f"http://127.0.0.1:{port}/"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish_wrk(process: subprocess.Popen) -> Load:
    """Wait for wrk and read its summary; exit if it failed or gave none."""
    output = process.communicate()[0]
    match = re.search(r"WRKJSON (\{.*\})", output)
    if process.returncode or not match:
        sys.exit(f"wrk failed:\n{output}")
    data = json.loads(match.group(1))
    return Load(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50"] / 1000,
        p90_ms=data["p90"] / 1000,
        p95_ms=data["p95"] / 1000,
        p99_ms=data["p99"] / 1000,
        max_ms=data["max"] / 1000,
        non_2xx_3xx=data["status"],
        socket_errors={k: data[k] for k in ("connect", "read", "write", "timeout")},
        statuses=dict(sorted(data["statuses"].items())),
    )


def run_wrk(port: int, script: Path, connections: int, seconds: float, threads: int = 1, timeout: float = 60) -> Load:
    return finish_wrk(start_wrk(port, script, connections, seconds, threads, timeout))
