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
import json
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.parse
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
    return parser.parse_args()


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
            self.probes.append(Probe(at, self.path, get(self.port, self.path, JSON_ACCEPTED, PROBE_TIMEOUT)))
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


def start_app(args: argparse.Namespace, cluster: Cluster, workdir: Path, cleanup: contextlib.ExitStack) -> Server:
    """The API under gunicorn on the cluster, stopped at the end whatever happens."""
    env = app_env(cluster.url)
    app = Server("gunicorn", free_port(args.app_port), ["config.wsgi"], env, ROOT, workdir, args.workers)
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
    load = finish_wrk(wrk)
    for prober in probers:
        prober.stop()
    return Fault(load, probers, stop_issued, stop_done, start_issued, start_done)


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


def summarize(probes: list[Probe]) -> str:
    counts: dict[str, int] = {}
    for probe in probes:
        a = probe.answer
        key = f"{a.status} {a.content_type}" if a.status else f"no answer ({a.error})"
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{n} × {k}" for k, n in sorted(counts.items())) or "none"


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
    before = [p for p in probes if p.at + p.answer.seconds < fault.stop_issued]
    down = [p for p in probes if p.at >= fault.stop_done and p.at + p.answer.seconds <= fault.start_issued]
    after = [p for p in probes if p.at >= fault.start_done]
    # Sent while PostgreSQL stopped or started: either answer will do, but an answer it must be.
    around = [p for p in probes if fault.stop_issued <= p.at < fault.start_done and p not in down]
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


def main() -> int:
    args = parse_args()
    require_wrk()
    # Ctrl-C and SIGTERM unwind through the cleanup below, which stops and removes everything.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with contextlib.ExitStack() as cleanup:
        workdir = Path(tempfile.mkdtemp(prefix="drill-"))
        workdir.chmod(0o755)  # the postgres user reaches its directory inside
        if args.keep:
            cleanup.callback(log, f"kept {workdir}")
        else:
            cleanup.callback(shutil.rmtree, workdir, ignore_errors=True)
        cluster = start_cluster(args, workdir, cleanup)
        urls = pick_urls(cluster.url)
        mix = [u for group in urls.values() for u in group]
        app = start_app(args, cluster, workdir, cleanup)
        check_answers(app, mix)
        workers = sorted(w.pid for w in app.workers())
        log(f"gunicorn on port {app.port} with {len(workers)} workers; {len(mix)} URLs; logs in {workdir}")
        script = write_script(workdir / "mix.lua", mix, headers=JSON_ACCEPTED, count_statuses=True)
        sampler = RssSampler(app, interval=0.25)
        cleanup.callback(sampler.stop)
        load = load_phase(args, app, script, sampler)
        memory = sampler.snapshot()
        fault = fault_phase(args, app, cluster, script, mix[0], cleanup)
        sampler.stop()
        workers_after = sorted(w.pid for w in app.workers())
        fault.save(workdir / "probes.json")
        log_text = app.log_path.read_text(errors="replace")

    verdicts = Verdicts()
    out = report_load(args, load, memory, workers, urls, verdicts)
    out += ["", *report_fault(args, fault, log_text, workers, workers_after, verdicts)]
    print("\n".join(out))
    print()
    for ok, text in verdicts.lines:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    print(f"{'PASS' if verdicts.passed else 'FAIL'}  overall")
    return 0 if verdicts.passed else 1


if __name__ == "__main__":
    sys.exit(main())
