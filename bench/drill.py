"""Load and fault drill: the API under gunicorn on a PostgreSQL of its own, which it then stops and starts.

    bench/drill [--phases load,fault,replica] [--duration 60] [--connections 64] [--down-after 10] [--down 10] ...

What it does, in order (--phases picks some of the three phases; all by default):

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
5. Phase 3, replica: that server is stopped; a second cluster is made a streaming standby of the
   first (pg_basebackup -R, on the next free port) and the application is started again with
   DATABASE_REPLICA_URLS naming it. wrk sends anonymous reads (--replica-connections, 8: enough to
   keep every worker busy without queueing a probe for a second behind them), which the replica
   answers, while a curator (a superuser with an API token) reads and writes on the primary. The
   primary is stopped and started as in phase 2, and three probes ask every 100 ms: an anonymous
   read, /healthz/ and a curator's write (PATCH of a topic). While the primary is down, anonymous
   reads must be quick 200s from the replica (X-Served-By: replica), writes quick 503s in JSON and
   /healthz/ a 200 that says "degraded"; once it is back, writes must get a 200 within
   --recovery-limit seconds, with no restart, and a write made then must reach the replica's
   anonymous readers within --replication-limit seconds.
6. Prints PASS or FAIL per requirement and exits 1 on any FAIL. The clusters and the temporary
   directory are removed at the end, also on failure or Ctrl-C (--keep keeps the logs).
"""

import argparse
import contextlib
import json
import re
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
from cluster import Cluster, postgresql_bin
from harness import (
    JSON_ACCEPTED,
    ROOT,
    Answer,
    Load,
    RssSampler,
    Server,
    app_env,
    ask,
    column,
    finish_wrk,
    free_port,
    get,
    logger,
    manage,
    require_wrk,
    run_wrk,
    start_wrk,
    write_script,
)

API_503 = {"detail": "The database is unavailable. Try again shortly."}
HEALTH_503 = {"status": "unavailable", "database": "unreachable"}
HEALTH_DEGRADED = {"status": "degraded", "database": "unreachable", "replicas": {"replica_1": "ok"}}
HEALTH_OK = {"status": "ok", "database": "ok", "replicas": {"replica_1": "ok"}}
PHASES = ("load", "fault", "replica")
PROBE_TIMEOUT = 3.0
PROBE_INTERVAL = 0.1

log = logger("drill")


def parse_args() -> argparse.Namespace:
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
    parser.add_argument(
        "--phases", type=phase_list, default=PHASES, help="Phases to run, comma-separated (load,fault,replica)."
    )
    parser.add_argument("--replica-connections", type=int, default=8, help="wrk connections in the replica phase (8).")
    parser.add_argument(
        "--replication-limit",
        type=float,
        default=5,
        help="Seconds allowed for a write, once the primary is back, to reach the replica's readers (5).",
    )
    return parser.parse_args()


def phase_list(value: str) -> tuple[str, ...]:
    """The phases named, in the drill's order; an unknown name is an error."""
    names = {name.strip() for name in value.split(",") if name.strip()}
    if not names or names - set(PHASES):
        raise argparse.ArgumentTypeError(f"phases are some of {','.join(PHASES)}, not {value!r}")
    return tuple(name for name in PHASES if name in names)


# ---------------------------------------------------------------- the setting


def pick_urls(database_url: str) -> dict[str, list[str]]:
    """A mix from the curated data: lists, details, filtered lists and searches."""
    q = urllib.parse.quote
    with psycopg.connect(database_url) as conn:
        meetings = column(
            conn, "SELECT slug FROM meetings_meeting WHERE review_status = 'verified' ORDER BY slug LIMIT 6"
        )
        statements = column(
            conn, "SELECT id FROM meetings_statement WHERE review_status = 'verified' ORDER BY id LIMIT 4"
        )
        speakers = column(
            conn,
            "SELECT p.slug FROM meetings_participant p WHERE EXISTS (SELECT 1 FROM meetings_statement s "
            "WHERE s.speaker_id = p.id AND s.review_status = 'verified') ORDER BY p.slug LIMIT 3",
        )
        participants = column(conn, "SELECT slug FROM meetings_participant ORDER BY slug LIMIT 3")
        topics = column(conn, "SELECT slug FROM meetings_topic ORDER BY parent_id NULLS FIRST, slug LIMIT 3")
        sources = column(conn, "SELECT slug FROM meetings_source ORDER BY slug LIMIT 2")
        countries = column(conn, "SELECT DISTINCT country FROM meetings_meeting WHERE country <> '' ORDER BY 1 LIMIT 2")
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


@dataclass
class Probe:
    at: float
    path: str
    answer: Answer


class Prober(threading.Thread):
    """Asks one path every 100 ms with a short timeout, and keeps every answer.

    A GET with ``Accept: application/json`` unless told otherwise (a curator's write: its method, headers
    and body).
    """

    def __init__(
        self,
        port: int,
        path: str,
        started: float,
        method: str = "GET",
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
    ):
        super().__init__(daemon=True)
        self.port, self.path, self.started = port, path, started
        self.method, self.headers, self.body = method, headers or JSON_ACCEPTED, body
        self.probes: list[Probe] = []
        self.running = True

    @property
    def label(self) -> str:
        """What it asks, for the report: the path, after the method when it is not a GET."""
        return self.path if self.method == "GET" else f"{self.method} {self.path}"

    def run(self) -> None:
        next_at = time.monotonic()
        while self.running:
            at = time.monotonic() - self.started
            answer = ask(self.port, self.method, self.path, self.headers, self.body, PROBE_TIMEOUT)
            self.probes.append(Probe(at, self.path, answer))
            next_at += PROBE_INTERVAL
            time.sleep(max(0.0, next_at - time.monotonic()))

    def stop(self) -> None:
        self.running = False
        self.join()


def start_cluster(args: argparse.Namespace, workdir: Path, cleanup: contextlib.ExitStack) -> Cluster:
    """The drill's own PostgreSQL, migrated and holding the curated data; stopped at the end whatever happens."""
    bindir = postgresql_bin(args.pg_bin)
    cluster = Cluster(bindir, workdir, free_port(args.pg_port))
    cleanup.callback(cluster.discard)
    log(f"PostgreSQL {bindir.parent.name}: a cluster of its own in {cluster.data}, port {cluster.port}")
    cluster.create()
    cluster.start()
    cluster.create_database()
    log("migrating and loading the curated data")
    env = app_env(cluster.url)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_curated")
    return cluster


def start_app(
    args: argparse.Namespace,
    cluster: Cluster,
    workdir: Path,
    cleanup: contextlib.ExitStack,
    replica: Cluster | None = None,
) -> Server:
    """The API under gunicorn on the cluster (and reading from ``replica``), stopped at the end whatever happens."""
    env = app_env(cluster.url)
    name = "gunicorn"
    if replica is not None:
        # A replica found unreachable is asked again after 2 s, not 10: the drill's outages are short.
        env.update(DATABASE_REPLICA_URLS=replica.url, DJANGO_REPLICA_RETRY_SECONDS="2")
        name = "gunicorn-replica"
    app = Server(name, free_port(args.app_port), ["config.wsgi"], env, ROOT, workdir, args.workers)
    cleanup.callback(app.stop)
    app.wait_ready("/healthz/", 200, workers=args.workers or 1)
    return app


def check_answers(app: Server, mix: list[str]) -> None:
    for url in mix:
        answer = get(app.port, url, JSON_ACCEPTED)
        if answer.status != 200:
            sys.exit(f"{url} answered {answer.status}, not 200; see {app.log_path}")


def load_phase(args: argparse.Namespace, app: Server, script: Path, sampler: RssSampler) -> Load:
    """Phase 1: a warm-up, then the load, while the sampler watches the workers' memory."""
    log("warm-up: 5 s")
    run_wrk(app.port, script, args.connections, 5, threads=2, timeout=10)
    sampler.start()
    log(f"phase 1, load: {args.connections} connections for {args.duration:.0f} s")
    return run_wrk(app.port, script, args.connections, args.duration, threads=2, timeout=10)


@dataclass
class Fault:
    """Phase 2: the load, the probes, and when PostgreSQL stopped and started (seconds since the phase began)."""

    load: Load
    probers: list[Prober]
    stop_issued: float
    stop_done: float
    start_issued: float
    start_done: float

    def save(self, path: Path) -> None:
        """Every probe's answer and the events, as JSON, for a look after the drill (with --keep)."""
        events = {"stop": self.stop_issued, "down": self.stop_done, "start": self.start_issued, "up": self.start_done}
        probes = [
            [p.at, p.path, p.answer.status, p.answer.content_type, p.answer.seconds, p.answer.error]
            for prober in self.probers
            for p in prober.probes
        ]
        path.write_text(json.dumps({"events": events, "probes": probes}))


def fault_phase(
    args: argparse.Namespace, app: Server, cluster: Cluster, script: Path, api_path: str, cleanup: contextlib.ExitStack
) -> Fault:
    """Phase 2: the same load and two probes while PostgreSQL is stopped, kept down, and started again."""
    fault_seconds = args.down_after + args.down + args.after
    log(f"phase 2, fault: {fault_seconds:.0f} s of load; PostgreSQL stops at {args.down_after:.0f} s")
    started = time.monotonic()
    wrk = start_wrk(app.port, script, args.connections, fault_seconds, threads=2, timeout=10)
    cleanup.callback(wrk.kill)  # a no-op once wrk has finished
    probers = [Prober(app.port, "/healthz/", started), Prober(app.port, api_path, started)]
    for prober in probers:
        prober.start()
        cleanup.callback(prober.stop)
    events = outage(args, cluster, started, "PostgreSQL")
    load = finish_wrk(wrk)
    for prober in probers:
        prober.stop()
    return Fault(load, probers, *events)


def outage(args: argparse.Namespace, cluster: Cluster, started: float, name: str) -> tuple[float, float, float, float]:
    """Stop the cluster --down-after seconds after ``started``, keep it down --down seconds, start it again.

    When the stop was issued and done, and the start issued and done, in seconds since ``started``.
    """
    time.sleep(max(0.0, started + args.down_after - time.monotonic()))
    stop_issued = time.monotonic() - started
    cluster.stop("fast")
    stop_done = time.monotonic() - started
    log(f"{name} stopped ({stop_done - stop_issued:.2f} s); down for {args.down:.0f} s")
    time.sleep(max(0.0, started + stop_done + args.down - time.monotonic()))
    start_issued = time.monotonic() - started
    cluster.start()
    start_done = time.monotonic() - started
    log(f"{name} accepting connections again ({start_done - start_issued:.2f} s after pg_ctl start)")
    return stop_issued, stop_done, start_issued, start_done


# ---------------------------------------------------------------- phase 3: reads on a replica

CURATOR = "drill-curator"
CURATOR_TIMEOUT = 10.0  # as wrk's: an answer slower than this is a hang
CURATOR_INTERVAL = 0.05
# Read by the curator only (wrk's mix has no page_size=5): the access log's other GETs are anonymous.
CURATOR_READ = "/api/v1/meetings/?page_size=5"
ACCESS_LOG_LINE = re.compile(r'"(?P<method>[A-Z]+) (?P<url>\S+) HTTP/[\d.]+" (?P<status>\d{3}) ')


def pick_topics(database_url: str, count: int) -> list[str]:
    """Topics for the curator's writes: one for the write probe, one for the curator's edits, one for the
    replication check, so that no write overwrites another's before it is read."""
    with psycopg.connect(database_url) as conn:
        topics = column(conn, f"SELECT slug FROM meetings_topic ORDER BY slug DESC LIMIT {count:d}")
    if len(topics) < count:
        sys.exit(f"the curated data holds {len(topics)} topics; the replica phase needs {count}")
    return topics


def create_curator(cluster: Cluster) -> str:
    """A superuser with an API token, on the primary; the token's key, chosen here so that no output need be read."""
    key = secrets.token_hex(20)
    manage(
        app_env(cluster.url),
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "from rest_framework.authtoken.models import Token\n"
        f"user = get_user_model().objects.create_superuser({CURATOR!r}, 'curator@drill.invalid', None)\n"
        f"Token.objects.create(user=user, key={key!r})\n",
    )
    return key


def curator_headers(token: str) -> dict[str, str]:
    return {**JSON_ACCEPTED, "Authorization": f"Token {token}", "Content-Type": "application/json"}


def description(text: str) -> bytes:
    """A PATCH body that changes a topic's description only."""
    return json.dumps({"description": text}).encode()


def start_standby(cluster: Cluster, workdir: Path, cleanup: contextlib.ExitStack) -> tuple[Cluster, float]:
    """A streaming standby of the cluster, started and caught up with it, and the seconds it took to replay
    what the cluster holds; stopped at the end whatever happens."""
    log("copying the cluster into a streaming standby (pg_basebackup -R)")
    standby = Cluster.standby_of(cluster, workdir, free_port(cluster.port + 1))
    cleanup.callback(standby.discard)
    standby.start()
    seconds = standby.wait_replayed(cluster)
    log(f"standby on port {standby.port} has replayed everything the primary wrote ({seconds:.1f} s)")
    return standby, seconds


@dataclass
class Sent:
    at: float
    method: str
    answer: Answer


class Curator(threading.Thread):
    """A curator at work on the primary with an API token: a read, then a small write, again and again,
    one request every 50 ms at most. Keeps every answer."""

    def __init__(self, port: int, token: str, read_path: str, write_path: str, started: float):
        super().__init__(daemon=True)
        self.port, self.headers, self.started = port, curator_headers(token), started
        self.read_path, self.write_path = read_path, write_path
        self.sent: list[Sent] = []
        self.running = True

    def run(self) -> None:
        next_at = time.monotonic()
        while self.running:
            at = time.monotonic() - self.started
            if len(self.sent) % 2 == 0:
                method, answer = "GET", ask(self.port, "GET", self.read_path, self.headers, None, CURATOR_TIMEOUT)
            else:
                body = description(f"Edited by the drill's curator, edit {len(self.sent)}.")
                method, answer = "PATCH", ask(self.port, "PATCH", self.write_path, self.headers, body, CURATOR_TIMEOUT)
            self.sent.append(Sent(at, method, answer))
            next_at += CURATOR_INTERVAL
            time.sleep(max(0.0, next_at - time.monotonic()))

    def stop(self) -> None:
        self.running = False
        if self.is_alive():
            self.join()


@dataclass
class Catchup:
    """A write made once the primary was back, and when the replica's anonymous readers first saw it
    (seconds since the phase began)."""

    writes: list[Sent]
    reads: list[Sent]
    written: float | None = None
    seen: float | None = None

    @property
    def lag(self) -> float | None:
        return self.seen - self.written if self.seen is not None and self.written is not None else None


def follow_write(args: argparse.Namespace, port: int, token: str, path: str, started: float) -> Catchup:
    """Once the primary is back: change a topic's description until the write is answered 200, then read the
    topic anonymously every 100 ms until an answer from the replica shows the change."""
    text = f"Written after the primary returned ({secrets.token_hex(4)})."
    catchup = Catchup([], [])
    deadline = time.monotonic() + args.recovery_limit + args.replication_limit
    while time.monotonic() < deadline:
        at = time.monotonic() - started
        answer = ask(port, "PATCH", path, curator_headers(token), description(text), PROBE_TIMEOUT)
        catchup.writes.append(Sent(at, "PATCH", answer))
        if answer.status == 200:
            catchup.written = at + answer.seconds
            break
        time.sleep(PROBE_INTERVAL)
    else:
        return catchup
    deadline = time.monotonic() + 3 * args.replication_limit
    while time.monotonic() < deadline:
        at = time.monotonic() - started
        answer = ask(port, "GET", path, JSON_ACCEPTED, None, PROBE_TIMEOUT)
        catchup.reads.append(Sent(at, "GET", answer))
        if read_from_replica(answer) and json_has(answer, {"description": text}):
            catchup.seen = at + answer.seconds
            break
        time.sleep(PROBE_INTERVAL)
    return catchup


def from_replica(answer: Answer) -> bool:
    return answer.headers.get("x-served-by") == "replica"


@dataclass
class ReplicaRun:
    """Phase 3: the anonymous load, the probes and the outage of the primary (as phase 2's), the curator's
    requests, and the write made once the primary was back."""

    fault: Fault
    curator: Curator
    catchup: Catchup
    standby_port: int = 0
    replayed: float = 0.0


def replica_phase(
    args: argparse.Namespace,
    app: Server,
    cluster: Cluster,
    script: Path,
    api_path: str,
    token: str,
    topics: list[str],
    cleanup: contextlib.ExitStack,
) -> ReplicaRun:
    """Phase 3: anonymous reads (the replica's) and a curator (the primary's) while the primary stops and starts."""
    seconds = args.down_after + args.down + args.after
    log(f"phase 3, replica: {seconds:.0f} s of load; the primary stops at {args.down_after:.0f} s")
    started = time.monotonic()
    wrk = start_wrk(app.port, script, args.replica_connections, seconds, threads=2, timeout=10)
    cleanup.callback(wrk.kill)
    write_path = f"/api/v1/topics/{topics[0]}/"
    probers = [
        Prober(app.port, api_path, started),
        Prober(app.port, "/healthz/", started),
        Prober(app.port, write_path, started, "PATCH", curator_headers(token), description("Probed by the drill.")),
    ]
    curator = Curator(app.port, token, CURATOR_READ, f"/api/v1/topics/{topics[1]}/", started)
    for thread in [*probers, curator]:
        thread.start()
        cleanup.callback(thread.stop)
    events = outage(args, cluster, started, "the primary")
    catchup = follow_write(args, app.port, token, f"/api/v1/topics/{topics[2]}/", started)
    load = finish_wrk(wrk)
    for thread in [*probers, curator]:
        thread.stop()
    return ReplicaRun(Fault(load, probers, *events), curator, catchup)


# ---------------------------------------------------------------- report


class Verdicts:
    """Each requirement, whether it held, and what was measured."""

    def __init__(self) -> None:
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


def kind(answer: Answer) -> str:
    """An answer's status and content type, or why there was none."""
    return f"{answer.status} {answer.content_type}" if answer.status else f"no answer ({answer.error})"


def summarize(probes: list[Probe] | list[Sent], describe: Callable[[Answer], str] = kind) -> str:
    """How many answers of each kind."""
    counts: dict[str, int] = {}
    for probe in probes:
        key = describe(probe.answer)
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{n:,} × {k}" for k, n in sorted(counts.items())) or "none"


def windows(probes: list[Probe], fault: Fault) -> tuple[list[Probe], list[Probe], list[Probe], list[Probe]]:
    """The probes answered before the stop, those sent and answered while the database was down, those sent
    while it stopped or started, and those sent once it accepted connections again."""
    before = [p for p in probes if p.at + p.answer.seconds < fault.stop_issued]
    down = [p for p in probes if p.at >= fault.stop_done and p.at + p.answer.seconds <= fault.start_issued]
    after = [p for p in probes if p.at >= fault.start_done]
    around = [p for p in probes if fault.stop_issued <= p.at < fault.start_done and p not in down]
    return before, down, around, after


def report_load(
    args: argparse.Namespace,
    load: Load,
    memory: dict[int, list[int]],
    workers: list[int],
    urls: dict[str, list[str]],
    verdicts: Verdicts,
) -> list[str]:
    """Phase 1's figures, and its verdicts: no request failed, the workers' memory stayed flat."""
    out = [
        f"Phase 1, load: {load.seconds:.0f} s, {args.connections} connections, {sum(map(len, urls.values()))} URLs "
        f"({', '.join(f'{len(v)} {k}' for k, v in urls.items())}), {len(workers)} gunicorn workers",
        f"  {load.requests:,} requests, {load.rps:,.1f} req/s; latency p50 {load.p50_ms:.1f} ms, "
        f"p90 {load.p90_ms:.1f} ms, p99 {load.p99_ms:.1f} ms, max {load.max_ms:.1f} ms",
        f"  answers: {', '.join(f'{n:,} × {k}' for k, n in load.statuses.items())}; non-2xx/3xx {load.non_2xx_3xx}; "
        f"socket errors {sum(load.socket_errors.values())} {load.socket_errors}",
        "  worker RSS in MB, start → end (peak):",
    ]
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
    return out


@dataclass
class ProbeOutcome:
    """What one probe saw around the outage: its report lines and what the verdicts need."""

    lines: list[str]
    down_ok: bool
    slowest: float
    recovery: float | None
    recovered_ok: bool


def judge_probe(args: argparse.Namespace, prober: Prober, fault: Fault) -> ProbeOutcome:
    probes = prober.probes
    # Sent while PostgreSQL stopped or started (around): either answer will do, but an answer it must be.
    before, down, around, after = windows(probes, fault)
    first_ok = next((p for p in after if p.answer.status == 200), None)
    later = [p for p in after if first_ok and p.at > first_ok.at]
    bad_down = [
        p
        for p in down
        if p.answer.status != 503 or p.answer.content_type != "application/json" or not body_is(p.answer, prober.path)
    ] + [p for p in around if p.answer.status not in {200, 503} or p.answer.content_type != "application/json"]
    slowest = max((p.answer.seconds for p in down), default=0.0)
    lines = [
        f"  probe {prober.path} ({len(probes)} requests, every {PROBE_INTERVAL * 1000:.0f} ms):",
        f"    before the stop: {summarize(before)}",
        f"    while down: {summarize(down)}; slowest {slowest * 1000:.0f} ms",
        f"    sent while stopping or starting: {summarize(around)}",
    ]
    recovery = None
    if first_ok:
        answered = first_ok.at + first_ok.answer.seconds
        recovery = answered - fault.start_done
        lines.append(
            f"    first 200 answered {recovery:.2f} s after PostgreSQL accepted connections "
            f"({answered - fault.start_issued:.2f} s after pg_ctl start; "
            f"sent at +{first_ok.at - fault.start_done:.2f} s, {first_ok.answer.seconds:.2f} s in the server's queue "
            f"and handling); after it: {summarize(later)}"
        )
    else:
        lines.append("    no 200 after the restart")
    # A probe that timed out under load is shown above; any answer but 200 after recovery fails.
    recovered_ok = (
        recovery is not None and all(p.answer.status in {200, None} for p in later) and recovery <= args.recovery_limit
    )
    return ProbeOutcome(lines, bool(down) and not bad_down, slowest, recovery, recovered_ok)


def report_fault(
    args: argparse.Namespace,
    fault: Fault,
    log_text: str,
    workers: list[int],
    workers_after: list[int],
    verdicts: Verdicts,
) -> list[str]:
    """Phase 2's figures, and its verdicts: quick 503s in JSON while down, 200s soon after, no restart."""
    load = fault.load
    out = [
        f"Phase 2, fault: {load.seconds:.0f} s at {args.connections} connections; pg_ctl stop -m fast at "
        f"{fault.stop_issued:.1f} s (down at {fault.stop_done:.1f} s), pg_ctl start at {fault.start_issued:.1f} s "
        f"(accepting connections at {fault.start_done:.1f} s)",
        f"  wrk: {load.requests:,} requests; {', '.join(f'{n:,} × {k}' for k, n in load.statuses.items())}; "
        f"socket errors {sum(load.socket_errors.values())} {load.socket_errors}",
    ]
    outcomes = [judge_probe(args, prober, fault) for prober in fault.probers]
    for outcome in outcomes:
        out += outcome.lines
    worst_down = max((o.slowest for o in outcomes), default=0.0)
    recoveries = [o.recovery for o in outcomes if o.recovery is not None]
    fault_kinds = set(load.statuses)
    allowed = {"200 application/json", "503 application/json"}
    tracebacks = log_text.count("Traceback (most recent call last)")
    outage_warnings = log_text.count("Database unavailable:")
    out.append(
        f"  server log: {outage_warnings:,} 'Database unavailable' warnings, {tracebacks} tracebacks; "
        f"workers {'unchanged' if workers_after == workers else f'{workers} → {workers_after}'}"
    )
    verdicts.check(
        all(o.down_ok for o in outcomes),
        "outage: every probe answer while PostgreSQL was down was 503 JSON with the right body "
        "(200 or 503 JSON while it stopped and started)",
    )
    verdicts.check(
        all(o.slowest <= args.fast_limit for o in outcomes),
        f"outage: answers were fast while down (slowest probe {worst_down * 1000:.0f} ms, limit "
        f"{args.fast_limit * 1000:.0f} ms; probe timeout {PROBE_TIMEOUT:.0f} s)",
    )
    verdicts.check(
        fault_kinds <= allowed and "503 application/json" in fault_kinds and not any(load.socket_errors.values()),
        f"outage: under load only 200 and 503 JSON, no 500, no HTML, no socket errors "
        f"({', '.join(sorted(fault_kinds))})",
    )
    verdicts.check(
        all(o.recovered_ok for o in outcomes),
        f"recovery: {' and '.join(p.path for p in fault.probers)} answered 200 within {args.recovery_limit:.0f} s "
        f"of PostgreSQL accepting connections ({', '.join(f'{r:.2f} s' for r in recoveries) or 'never'}), "
        "and 200 after that",
    )
    verdicts.check(
        tracebacks == 0 and workers_after == workers,
        f"no traceback in the server log ({tracebacks}), no worker replaced, no restart",
    )
    return out


def in_seconds(value: float | None) -> str:
    return "never" if value is None else f"{value:.2f} s"


def json_has(answer: Answer, expected: dict) -> bool:
    """Whether the answer is a JSON object with ``expected``'s keys and values (and maybe more)."""
    try:
        data = json.loads(answer.body)
    except ValueError:
        return False
    return isinstance(data, dict) and {k: data.get(k) for k in expected} == expected


def served(answer: Answer) -> str:
    """``kind``, and whether a replica gave the answer."""
    return kind(answer) + (" from the replica" if from_replica(answer) else "")


def health(answer: Answer) -> str:
    """The health check's status and what it says of the service."""
    try:
        data = json.loads(answer.body)
    except ValueError:
        data = None
    return f"{answer.status} {data.get('status')}" if isinstance(data, dict) else kind(answer)


def is_json(answer: Answer, status: int) -> bool:
    return answer.status == status and answer.content_type == "application/json"


def read_from_replica(answer: Answer) -> bool:
    return is_json(answer, 200) and from_replica(answer)


def api_503(answer: Answer) -> bool:
    return is_json(answer, 503) and json_has(answer, API_503) and not from_replica(answer)


def write_ok(answer: Answer) -> bool:
    return is_json(answer, 200) and not from_replica(answer)


def healthy(answer: Answer) -> bool:
    return is_json(answer, 200) and json_has(answer, HEALTH_OK)


def degraded(answer: Answer) -> bool:
    return is_json(answer, 200) and json_has(answer, HEALTH_DEGRADED)


@dataclass
class Expected:
    """What one probe of phase 3 must get: before the stop and once recovered (up), while the primary is down,
    and while it stops or starts (around); ``describe`` sums its answers up for the report."""

    up: Callable[[Answer], bool]
    down: Callable[[Answer], bool]
    around: Callable[[Answer], bool]
    describe: Callable[[Answer], str]


def judge_replica_probe(args: argparse.Namespace, prober: Prober, fault: Fault, expected: Expected) -> ProbeOutcome:
    """One probe of phase 3; its ``down_ok`` says whether it got what it must before, during and around the outage."""
    before, down, around, after = windows(prober.probes, fault)
    first_up = next((p for p in after if expected.up(p.answer)), None)
    later = [p for p in after if first_up and p.at > first_up.at]
    wrong = (
        [p for p in before if not expected.up(p.answer)]
        + [p for p in down if not expected.down(p.answer)]
        + [p for p in around if not expected.around(p.answer)]
    )
    slowest = max((p.answer.seconds for p in down), default=0.0)
    lines = [
        f"  probe {prober.label} ({len(prober.probes)} requests, every {PROBE_INTERVAL * 1000:.0f} ms):",
        f"    before the stop: {summarize(before, expected.describe)}",
        f"    while down: {summarize(down, expected.describe)}; slowest {slowest * 1000:.0f} ms",
        f"    sent while stopping or starting: {summarize(around, expected.describe)}",
    ]
    recovery = None
    if first_up:
        recovery = first_up.at + first_up.answer.seconds - fault.start_done
        lines.append(
            f"    first answer as before the stop: {recovery:.2f} s after the primary accepted connections; "
            f"after it: {summarize(later, expected.describe)}"
        )
    else:
        lines.append("    no answer as before the stop after the restart")
    # As in phase 2, a probe that timed out under load is shown above; any other answer after recovery fails.
    recovered_ok = (
        recovery is not None
        and recovery <= args.recovery_limit
        and all(expected.up(p.answer) or p.answer.status is None for p in later)
    )
    return ProbeOutcome(lines, bool(before) and bool(down) and not wrong, slowest, recovery, recovered_ok)


def report_curator(args: argparse.Namespace, curator: Curator, fault: Fault) -> tuple[list[str], bool]:
    """The curator's requests: every one answered by the primary, 200, or the 503 JSON while it was out."""
    sent = curator.sent
    outage_end = fault.start_done + args.recovery_limit
    wrong = [
        s
        for s in sent
        if not write_ok(s.answer)
        and not (api_503(s.answer) and fault.stop_issued <= s.at + s.answer.seconds and s.at <= outage_end)
    ]
    down = [s for s in sent if s.at >= fault.stop_done and s.at + s.answer.seconds <= fault.start_issued]
    slowest = max((s.answer.seconds for s in down), default=0.0)
    lines = [
        f"  curator (API token, on the primary; {len(sent):,} requests, one every {CURATOR_INTERVAL * 1000:.0f} ms):"
    ]
    for method in ("GET", "PATCH"):
        mine = [s for s in sent if s.method == method]
        lines.append(f"    {method}: {summarize(mine, served)}")
    lines.append(f"    slowest while the primary was down: {slowest * 1000:.0f} ms")
    ok = bool(sent) and not wrong and slowest <= args.fast_limit
    return lines, ok


def report_catchup(args: argparse.Namespace, catchup: Catchup, fault: Fault) -> tuple[list[str], bool]:
    """The write made once the primary was back, and how long the replica's anonymous readers took to see it."""
    if catchup.written is None:
        return [f"  replication: no write was answered 200 after the restart ({summarize(catchup.writes)})"], False
    tries = f"{len(catchup.writes)} {'try' if len(catchup.writes) == 1 else 'tries'}"
    line = (
        f"  replication: a write sent once the primary was back was answered 200 "
        f"{catchup.written - fault.start_done:.2f} s after it accepted connections ({tries}); "
    )
    if catchup.lag is None:
        line += f"no anonymous read showed it ({summarize(catchup.reads, served)})"
    else:
        reads = f"{len(catchup.reads)} {'read' if len(catchup.reads) == 1 else 'reads'}"
        line += f"an anonymous read from the replica showed it {catchup.lag:.2f} s later ({reads})"
    return [line], catchup.lag is not None and catchup.lag <= args.replication_limit


def anonymous_503s(log_text: str) -> list[str]:
    """How many anonymous reads gunicorn's access log shows answered 503, and the first few, query included
    (the application's warnings name the path alone)."""
    urls = [
        m["url"]
        for m in ACCESS_LOG_LINE.finditer(log_text)
        if m["method"] == "GET" and m["status"] == "503" and m["url"] not in {CURATOR_READ, "/healthz/"}
    ]
    if not urls:
        return ["  access log: no anonymous read answered 503"]
    first = list(dict.fromkeys(urls))[:5]
    return [f"  access log: {len(urls):,} anonymous reads answered 503; the first URLs: {', '.join(first)}"]


def report_replica(
    args: argparse.Namespace,
    run: ReplicaRun,
    log_text: str,
    workers: list[int],
    workers_after: list[int],
    verdicts: Verdicts,
) -> list[str]:
    """Phase 3's figures, and its verdicts: anonymous reads go on, writes get quick 503s, all recover."""
    fault, load = run.fault, run.fault.load
    read, healthz, write = fault.probers
    read_expected = Expected(read_from_replica, read_from_replica, read_from_replica, served)
    health_expected = Expected(healthy, degraded, lambda a: healthy(a) or degraded(a), health)
    write_expected = Expected(write_ok, api_503, lambda a: write_ok(a) or api_503(a), kind)
    outcomes = [
        judge_replica_probe(args, prober, fault, expected)
        for prober, expected in ((read, read_expected), (healthz, health_expected), (write, write_expected))
    ]
    curator_lines, curator_ok = report_curator(args, run.curator, fault)
    catchup_lines, catchup_ok = report_catchup(args, run.catchup, fault)
    from_replica_count = sum(n for k, n in load.statuses.items() if k.endswith("from the replica"))
    out = [
        f"Phase 3, replica: {load.seconds:.0f} s; a streaming standby on port {run.standby_port} (it had replayed "
        f"the loaded data {run.replayed:.1f} s after it started); pg_ctl stop -m fast of the primary at "
        f"{fault.stop_issued:.1f} s (down at {fault.stop_done:.1f} s), pg_ctl start at {fault.start_issued:.1f} s "
        f"(accepting connections at {fault.start_done:.1f} s)",
        f"  wrk, anonymous reads at {args.replica_connections} connections: {load.requests:,} requests, "
        f"{load.rps:,.1f} req/s; latency p50 {load.p50_ms:.1f} ms, p99 {load.p99_ms:.1f} ms, max {load.max_ms:.1f} ms",
        f"    {', '.join(f'{n:,} × {k}' for k, n in load.statuses.items())}; "
        f"socket errors {sum(load.socket_errors.values())} {load.socket_errors}",
        *curator_lines,
    ]
    for outcome in outcomes:
        out += outcome.lines
    out += catchup_lines
    out += anonymous_503s(log_text)
    tracebacks = log_text.count("Traceback (most recent call last)")
    outage_warnings = log_text.count("Database unavailable:")
    fallbacks = log_text.count("unreachable, reads fall back")
    changed = "unchanged" if workers_after == workers else f"{workers} → {workers_after}"
    out.append(
        f"  server log: {outage_warnings:,} 'Database unavailable' warnings, {fallbacks} 'Replica unreachable' "
        f"warnings, {tracebacks} tracebacks; workers {changed}"
    )
    read_o, health_o, write_o = outcomes
    verdicts.check(
        read_o.down_ok and read_o.slowest <= args.fast_limit,
        f"replica: anonymous reads answered 200 JSON from the replica (X-Served-By: replica) while the primary was "
        f"down, and before and after ({summarize(windows(read.probes, fault)[1], served)}; slowest "
        f"{read_o.slowest * 1000:.0f} ms, limit {args.fast_limit * 1000:.0f} ms)",
    )
    verdicts.check(
        write_o.down_ok and write_o.slowest <= args.fast_limit,
        f"replica: writes answered 503 JSON with the right body while the primary was down (200 or 503 JSON while "
        f"it stopped and started; slowest {write_o.slowest * 1000:.0f} ms, limit {args.fast_limit * 1000:.0f} ms)",
    )
    verdicts.check(
        health_o.down_ok and health_o.slowest <= args.fast_limit,
        f"replica: /healthz/ answered 200 'degraded' (database unreachable, replica_1 ok) while the primary was "
        f"down, 200 'ok' before (slowest {health_o.slowest * 1000:.0f} ms)",
    )
    verdicts.check(
        all(o.recovered_ok for o in outcomes),
        f"replica: once the primary was back, writes answered 200 within {args.recovery_limit:.0f} s "
        f"({in_seconds(write_o.recovery)}) and /healthz/ 'ok' ({in_seconds(health_o.recovery)}), and so after that; "
        f"anonymous reads went on from the replica ({summarize(windows(read.probes, fault)[3], served)})",
    )
    verdicts.check(
        catchup_ok,
        f"replica: a write made after recovery reached the replica's anonymous readers within "
        f"{args.replication_limit:.0f} s ({'never' if run.catchup.lag is None else f'{run.catchup.lag:.2f} s'})",
    )
    allowed = {"200 application/json from the replica", "200 application/json", "503 application/json"}
    verdicts.check(
        set(load.statuses) <= allowed and load.requests > 0 and not any(load.socket_errors.values()),
        f"replica: under load only 200 and 503 JSON, no other 5xx, no HTML, no socket errors "
        f"({from_replica_count:,} of {load.requests:,} from the replica; {', '.join(sorted(load.statuses))})",
    )
    unavailable = sum(n for k, n in load.statuses.items() if k.startswith("503 "))
    verdicts.check(
        unavailable == 0 and load.requests > 0,
        f"replica: no anonymous read under load was answered 503, the primary down or not ({unavailable:,} were)",
    )
    verdicts.check(
        curator_ok,
        "replica: the curator's requests were answered by the primary, 200, or 503 JSON with the right body while "
        "it was out; none slow while it was down, no 500, no HTML, no hang",
    )
    verdicts.check(
        tracebacks == 0 and workers_after == workers,
        f"replica: no traceback in the server log ({tracebacks}), no worker replaced, no restart",
    )
    return out


def primary_phases(
    args: argparse.Namespace,
    cluster: Cluster,
    urls: dict[str, list[str]],
    workdir: Path,
    cleanup: contextlib.ExitStack,
    verdicts: Verdicts,
) -> list[list[str]]:
    """Phases 1 and 2 on a server that reads from the primary alone, stopped after them; their reports."""
    mix = [u for group in urls.values() for u in group]
    app = start_app(args, cluster, workdir, cleanup)
    check_answers(app, mix)
    workers = sorted(w.pid for w in app.workers())
    log(f"gunicorn on port {app.port} with {len(workers)} workers; {len(mix)} URLs; logs in {workdir}")
    script = write_script(workdir / "mix.lua", mix, headers=JSON_ACCEPTED, count_statuses=True)
    sampler = RssSampler(app, interval=0.25)
    cleanup.callback(sampler.stop)
    sections = []
    if "load" in args.phases:
        load = load_phase(args, app, script, sampler)
        sections.append(report_load(args, load, sampler.snapshot(), workers, urls, verdicts))
    if "fault" in args.phases:
        fault = fault_phase(args, app, cluster, script, mix[0], cleanup)
        sampler.stop()
        workers_after = sorted(w.pid for w in app.workers())
        fault.save(workdir / "probes.json")
        log_text = app.log_path.read_text(errors="replace")
        sections.append(report_fault(args, fault, log_text, workers, workers_after, verdicts))
    sampler.stop()
    app.stop()  # phase 3 starts a server of its own
    return sections


def replica_phases(
    args: argparse.Namespace,
    cluster: Cluster,
    urls: dict[str, list[str]],
    workdir: Path,
    cleanup: contextlib.ExitStack,
    verdicts: Verdicts,
) -> list[str]:
    """Phase 3 on a standby of the cluster and a server that reads from it, both stopped after it; its report."""
    mix = [u for group in urls.values() for u in group]
    token = create_curator(cluster)
    topics = pick_topics(cluster.url, 3)
    standby, replayed = start_standby(cluster, workdir, cleanup)
    app = start_app(args, cluster, workdir, cleanup, replica=standby)
    check_answers(app, mix)
    workers = sorted(w.pid for w in app.workers())
    log(f"gunicorn on port {app.port} with {len(workers)} workers, reading from the standby; logs in {workdir}")
    script = write_script(workdir / "replica-mix.lua", mix, headers=JSON_ACCEPTED, served_by=True)
    run = replica_phase(args, app, cluster, script, mix[0], token, topics, cleanup)
    run.standby_port, run.replayed = standby.port, replayed
    workers_after = sorted(w.pid for w in app.workers())
    run.fault.save(workdir / "replica-probes.json")
    log_text = app.log_path.read_text(errors="replace")
    app.stop()
    standby.stop()
    return report_replica(args, run, log_text, workers, workers_after, verdicts)


def main() -> int:
    args = parse_args()
    require_wrk()
    # Ctrl-C and SIGTERM unwind through the cleanup below, which stops and removes everything.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    verdicts = Verdicts()
    sections: list[list[str]] = []
    with contextlib.ExitStack() as cleanup:
        workdir = Path(tempfile.mkdtemp(prefix="drill-"))
        workdir.chmod(0o755)  # the postgres user reaches its directory inside
        if args.keep:
            cleanup.callback(log, f"kept {workdir}")
        else:
            cleanup.callback(shutil.rmtree, workdir, ignore_errors=True)
        cluster = start_cluster(args, workdir, cleanup)
        urls = pick_urls(cluster.url)
        if {"load", "fault"} & set(args.phases):
            sections += primary_phases(args, cluster, urls, workdir, cleanup, verdicts)
        if "replica" in args.phases:
            sections.append(replica_phases(args, cluster, urls, workdir, cleanup, verdicts))

    print("\n\n".join("\n".join(lines) for lines in sections))
    print()
    for ok, text in verdicts.lines:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    print(f"{'PASS' if verdicts.passed else 'FAIL'}  overall")
    return 0 if verdicts.passed else 1


if __name__ == "__main__":
    sys.exit(main())
