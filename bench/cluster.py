"""PostgreSQL clusters of the drill's own: created in a temporary directory, stopped and started at will.

Stopping them disturbs no other database on the machine. Run as root, their programs run as the ``postgres``
user. A ``Cluster`` is made by initdb; ``Cluster.standby_of`` makes a streaming standby of one, by
pg_basebackup, that answers reads (hot standby) and replays the primary's changes as they come.
"""

import contextlib
import glob
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil
import psycopg
from harness import logger

log = logger("drill")


def postgresql_bin(explicit: str | None) -> Path:
    """The directory of initdb and pg_ctl: the one given, else the newest version installed."""
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

    def __init__(self, bindir: Path, workdir: Path, port: int, name: str = "postgresql"):
        self.bindir, self.port = bindir, port
        self.home = workdir / name
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
        self.configure("fsync = off", "max_connections = 100")
        self.allow_replication()

    def configure(self, *settings: str) -> None:
        """This cluster's port and socket directory, and ``settings``, appended to its postgresql.conf."""
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\n# drill\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.home}'\n" + "".join(f"{line}\n" for line in settings)
            )

    def allow_replication(self) -> None:
        """Let a standby stream from 127.0.0.1 without a password, as initdb's trust authentication already does.

        wal_level 'replica' and max_wal_senders 10 are PostgreSQL's defaults (since 10): pg_basebackup and a
        standby need nothing more from the configuration.
        """
        hba = self.data / "pg_hba.conf"
        rules = [line.split() for line in hba.read_text().splitlines() if not line.lstrip().startswith("#")]
        if not any(rule[:4] == ["host", "replication", "all", "127.0.0.1/32"] for rule in rules):
            with hba.open("a") as conf:
                conf.write("host replication all 127.0.0.1/32 trust\n")

    @classmethod
    def standby_of(cls, primary: "Cluster", workdir: Path, port: int) -> "Cluster":
        """A streaming standby of ``primary``, copied by pg_basebackup (-R: it follows the primary once started).

        Not started; the caller discards it (``discard``) whatever happens, as it does the primary.
        """
        standby = cls(primary.bindir, workdir, port, name="standby")
        result = standby.run(
            primary.bindir / "pg_basebackup",
            "-R",  # standby.signal, and primary_conninfo in postgresql.auto.conf
            "-D",
            standby.data,
            "-h",
            "127.0.0.1",
            "-p",
            primary.port,
            "-U",
            primary.user,
            "--checkpoint=fast",
            "--no-sync",
            check=False,
        )
        if result.returncode:
            sys.exit(f"pg_basebackup failed:\n{result.stdout}{result.stderr}")
        standby.created = True
        # Its copy of postgresql.conf names the primary's port and socket directory: the lines appended last win.
        # Once the primary is gone, the standby asks for it again every second, not every 5 s, so that it
        # follows the primary soon after it returns.
        standby.configure("hot_standby = on", "wal_retrieve_retry_interval = '1s'")
        return standby

    def wait_replayed(self, primary: "Cluster", timeout: float = 60) -> float:
        """Wait until this standby streams from the primary and has replayed everything the primary has written
        so far; the seconds it took."""
        started = time.monotonic()
        with psycopg.connect(primary.url, autocommit=True) as conn:
            target = conn.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
        deadline = started + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(psycopg.OperationalError), psycopg.connect(self.url, autocommit=True) as conn:
                caught_up = conn.execute(
                    "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn "
                    "AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')",
                    [target],
                ).fetchone()[0]
                if caught_up:
                    return time.monotonic() - started
            time.sleep(0.1)
        sys.exit(
            f"the standby on port {self.port} did not stream and replay the primary's WAL up to {target} "
            f"in {timeout:.0f} s; see {self.log_path}"
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

    def discard(self) -> None:
        """Stop the cluster at once if it runs; its files go with the temporary directory."""
        if self.running():
            self.stop("immediate")

    def running(self) -> bool:
        return self.created and self.run(self.bindir / "pg_ctl", "-D", self.data, "status", check=False).returncode == 0

    def create_database(self) -> None:
        admin = self.url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE DATABASE meetings")
