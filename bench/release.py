"""The previous release of the application, served beside this one from a git worktree of its commit.

``bench/run --compare REV`` checks REV out into a temporary worktree and serves it with gunicorn against the
same database. It runs with this repository's virtual environment when REV pins no package that this one does
not (the same requirements, or fewer), and otherwise with a virtual environment of its own, installed from
REV's requirements.txt. A release whose migrations are not the ones the database has applied could not serve
it: the run says so and leaves that column out.

Without ``--compare``: the newest tag. With no tag, the oldest of the last ``--compare-back`` commits whose
migrations are the database's: the furthest one back that can serve the same database.
"""

import re
import shutil
import subprocess
import sys
import textwrap
import venv
from dataclasses import dataclass
from pathlib import Path

import psycopg
from harness import ROOT, logger

log = logger("bench")

MIGRATION = re.compile(r"^(?P<app>[A-Za-z_]\w*)/migrations/(?P<name>\d{4}_\w+)\.py$")


def git(*argv: str) -> str:
    """The output of a git command in this repository, stripped; exits with git's message if it fails."""
    result = subprocess.run(["git", *argv], cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"git {' '.join(argv)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def migrations_at(rev: str) -> dict[str, set[str]]:
    """The migrations of each of the repository's apps at commit ``rev``, by app label."""
    found: dict[str, set[str]] = {}
    for path in git("ls-tree", "-r", "--name-only", rev).splitlines():
        if match := MIGRATION.match(path):
            found.setdefault(match["app"], set()).add(match["name"])
    return found


def applied_migrations(database_url: str, apps: set[str]) -> dict[str, set[str]]:
    """The migrations the database has applied, for ``apps``."""
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT app, name FROM django_migrations WHERE app = ANY(%s)", [sorted(apps)]).fetchall()
    applied: dict[str, set[str]] = {app: set() for app in apps}
    for app, name in rows:
        applied[app].add(name)
    return applied


def migration_difference(rev: str, database_url: str) -> str:
    """What sets ``rev``'s migrations apart from the database's; empty when they are the same."""
    at_rev = migrations_at(rev)
    apps = set(at_rev) | set(migrations_at("HEAD"))
    applied = applied_migrations(database_url, apps)
    parts = []
    for app in sorted(apps):
        only_rev, only_db = at_rev.get(app, set()) - applied[app], applied[app] - at_rev.get(app, set())
        if only_rev:
            parts.append(f"{app}: {', '.join(sorted(only_rev))} in the release only")
        if only_db:
            parts.append(f"{app}: {', '.join(sorted(only_db))} in the database only")
    return "; ".join(parts)


def default_revision(database_url: str, back: int) -> str | None:
    """The newest tag; with no tag, the oldest of the last ``back`` commits whose migrations are the database's."""
    tags = git("tag", "--list", "--sort=-creatordate")
    if tags:
        return tags.splitlines()[0]
    candidates = git("rev-list", "--reverse", f"--max-count={back + 1}", "HEAD").splitlines()
    return next((sha for sha in candidates if not migration_difference(sha, database_url)), None)


def requirements(text: str) -> set[str]:
    """The pins of a requirements file: its lines without comments, blanks and includes."""
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return {line for line in lines if line and not line.startswith("-")}


@dataclass
class Release:
    """A commit of the application checked out in a worktree of its own, ready to serve."""

    rev: str
    sha: str
    title: str
    app_dir: Path

    @property
    def label(self) -> str:
        named = "" if self.rev == self.sha else f"{self.rev}, "
        return f"{named}{self.sha[:7]} ({self.title})"

    def remove(self) -> None:
        """Remove the worktree (and the virtual environment it may hold)."""
        subprocess.run(["git", "worktree", "remove", "--force", str(self.app_dir)], cwd=ROOT, capture_output=True)
        shutil.rmtree(self.app_dir, ignore_errors=True)
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT, capture_output=True)


class NoRelease(Exception):
    """There is no previous release to serve: why, in a sentence."""


def check_out(rev: str | None, database_url: str, back: int, workdir: Path) -> Release:
    """REV (or the default) in a worktree under ``workdir``, with the packages it needs; NoRelease when there is
    none to compare with or it cannot serve the database."""
    if rev is None:
        rev = default_revision(database_url, back)
        if rev is None:
            raise NoRelease(f"no tag, and none of the last {back} commits has the database's migrations")
    sha = git("rev-parse", "--verify", f"{rev}^{{commit}}")
    date, subject = git("log", "-1", "--format=%cs%x00%s", sha).split("\0")
    title = f"{date}, {textwrap.shorten(subject, 60, placeholder=' …')}"
    if difference := migration_difference(sha, database_url):
        raise NoRelease(f"{rev}'s migrations are not the database's ({difference})")
    release = Release(rev, sha, title, workdir / "previous-release")
    git("worktree", "add", "--detach", str(release.app_dir), sha)
    pins = requirements(git("show", f"{sha}:requirements.txt"))
    missing = pins - requirements((ROOT / "requirements.txt").read_text())
    if missing:
        log(f"previous release pins {', '.join(sorted(missing))}: installing its own virtual environment")
        install_environment(release.app_dir)
    log(f"previous release: {release.label}")
    return release


def install_environment(app_dir: Path) -> None:
    """A virtual environment in ``app_dir/.venv`` with its requirements.txt, where ``app_python`` finds it."""
    venv.create(app_dir / ".venv", with_pip=True)
    python = app_dir / ".venv" / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"]
    result = subprocess.run(pip, cwd=app_dir, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"installing the previous release's requirements failed:\n{result.stdout}{result.stderr}")
