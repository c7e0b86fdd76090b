"""Servers measured side by side, one endpoint at a time, from this process with wrk.

On each endpoint every server gets a short warm-up, then a throughput run with several connections, then a
latency run with one connection (one request at a time: what a client waits for when the server is not
saturated), each server in turn, so that all of them are measured within the same minute or two. Between runs
the database is left to finish what the last one started, and a thread accounts for the CPU that processes
not ours used meanwhile (the machine may be shared).
"""

import argparse
import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import psycopg
from harness import Served, get, logger, run_wrk
from harness import write_script as write_wrk_script
from results import Figures, Run

log = logger("bench")


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
    not ours: ours are the servers and their workers, PostgreSQL's processes (its parallel
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


@dataclass
class Ask:
    """What one server is asked on an endpoint: its URLs in turn, each with its If-None-Match where ETags are given."""

    server: Served
    urls: list[str]
    etags: list[str] = field(default_factory=list)

    def headers(self, index: int) -> dict[str, str]:
        return {"If-None-Match": self.etags[index]} if self.etags else {}


class Lineup:
    """Servers measured side by side on one endpoint after another; ``served`` counts what each was asked."""

    def __init__(self, args: argparse.Namespace, workdir: Path, servers: list[Served], database_url: str | None):
        self.args, self.workdir, self.database_url = args, workdir, database_url
        self.cpu = CpuAccount(servers)
        self.served: dict[str, int] = {}

    def drain(self) -> None:
        if self.database_url:
            drain(self.database_url)

    def script(self, name: str, column: str, ask: Ask) -> Path:
        """wrk's script for what ``column``'s server is asked on endpoint ``name``."""
        path = self.workdir / f"{re.sub(r'[^a-z0-9]+', '-', f'{name} {column}'.lower())}.lua"
        return write_wrk_script(path, ask.urls, ask.etags)

    def timed(self, column: str, ask: Ask, script: Path, connections: int, seconds: float) -> Run:
        """One wrk run, then a wait until the database is idle again."""
        run = Run.of(run_wrk(ask.server.port, script, connections, seconds))
        self.served[column] = self.served.get(column, 0) + run.requests
        self.drain()
        return run

    def sequential(self, column: str, ask: Ask) -> Run:
        """For endpoints too slow for wrk's windows: each URL once, one after the other."""
        times, errors = [], 0
        for index, url in enumerate(ask.urls):
            answer = get(ask.server.port, url, ask.headers(index), timeout=120)
            errors += answer.status is None or answer.status >= 400
            times.append(answer.seconds * 1000)
        self.served[column] = self.served.get(column, 0) + len(times)
        self.drain()
        times.sort()
        run = Run(requests=len(times), seconds=sum(times) / 1000, errors=errors, note="sequential")
        run.rps = run.requests / run.seconds if run.seconds else 0.0
        run.p50_ms = times[len(times) // 2]
        run.p95_ms = times[min(len(times) - 1, int(len(times) * 0.95))]
        return run

    def measure(self, name: str, asks: dict[str, Ask]) -> tuple[dict[str, Figures], float]:
        """Warm-up, then throughput and then latency of every server on endpoint ``name``; their figures by
        column, and the share of the machine other processes used meanwhile."""
        args = self.args
        scripts = {column: self.script(name, column, ask) for column, ask in asks.items()}
        if args.wait_for_quiet:
            wait_for_quiet(self.cpu, 0.10, args.wait_for_quiet)
        log(f"{name}: warm-up")
        for column, ask in asks.items():
            self.timed(column, ask, scripts[column], args.connections, 2)
        started = self.cpu.snapshot()
        figures = {column: Figures() for column in asks}
        log(f"{name}: throughput, {args.connections} connections, {args.duration:.0f} s each")
        self.drain()
        for column, ask in asks.items():
            figures[column].load = self.timed(column, ask, scripts[column], args.connections, args.duration)
        log(f"{name}: latency, 1 connection, {args.latency_duration:.0f} s each")
        for column, ask in asks.items():
            figures[column].latency = self.timed(column, ask, scripts[column], 1, args.latency_duration)
            if figures[column].latency.requests < 10:
                log(f"{name}: too slow for the window ({column}); timing each URL once, sequentially")
                figures[column].latency = self.sequential(column, ask)
        return figures, self.cpu.foreign_share(started, self.cpu.snapshot())
