"""A PostgreSQL cluster of the drill's own: created in a temporary directory, stopped and started at will.

Stopping it disturbs no other database on the machine. Run as root, its programs run as the ``postgres`` user.
"""

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
