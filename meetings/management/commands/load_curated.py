import json
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from meetings.curated import FIXTURES_DIR, fixture_paths


class Command(BaseCommand):
    help = (
        "Load the curated data set from fixtures/ (or from a directory that export_fixtures wrote, with "
        "--input) in dependency order, in one transaction. Safe to run again: records are matched by slug, "
        "so a second load changes nothing. A record verified by an account that does not exist in this "
        "database is loaded verified, with its verification time but no verifier, and a warning names it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--input",
            dest="directory",
            metavar="DIR",
            type=Path,
            default=FIXTURES_DIR,
            help="Directory to read the fixture files from, such as a backup that "
            "`export_fixtures --output DIR` wrote. Default: the project's fixtures/.",
        )

    def handle(self, *args, directory: Path, verbosity: int, **options):
        paths = fixture_paths(directory)
        if not paths:
            raise CommandError(f"No curated fixtures found in {directory}.")
        with tempfile.TemporaryDirectory(prefix="load-curated-") as scratch:
            paths = [self.without_unknown_verifiers(Path(path), Path(scratch)) for path in paths]
            call_command("loaddata", *paths, verbosity=verbosity)

    def without_unknown_verifiers(self, path: Path, scratch: Path) -> Path:
        """The fixture, or a copy of it in ``scratch`` in which verifiers with no account here are left empty.

        Accounts are not part of the curated data: an export names the verifier by username, and
        the database it is loaded into may not have that account.
        """
        entries = json.loads(path.read_text(encoding="utf-8"))
        User = get_user_model()
        known: dict[str, bool] = {}
        changed = False
        for entry in entries:
            verifier = entry.get("fields", {}).get("verified_by")
            if not verifier:
                continue
            username = verifier[0]
            if username not in known:
                known[username] = User._default_manager.filter(**{User.USERNAME_FIELD: username}).exists()
            if not known[username]:
                entry["fields"]["verified_by"] = None
                changed = True
                key = entry["fields"].get("slug") or entry.get("pk")
                self.stderr.write(
                    f"Warning: {entry['model']} “{key}” was verified by “{username}”, who has no account in this "
                    "database; it is loaded as verified, with its verification time, and no verifier."
                )
        if not changed:
            return path
        copy = scratch / path.name
        copy.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
        return copy
