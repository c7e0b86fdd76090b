from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.curated import FIXTURES_DIR
from meetings.dumps.fixtures import CycleError, export, has_curated_data


class Command(BaseCommand):
    help = (
        "Write the curated data in the database back into fixtures/, in the natural-key format that "
        "load_curated reads, so that work done in the admin becomes a reviewable diff. Everything "
        "curated is exported, drafts included (review_status, verified_by and verified_at are kept); "
        "timestamps, content hashes and statement spans are left out, because loading recomputes them. "
        "Records are sorted by slug, parents before children (by depth in the tree, then slug); meeting "
        "participants by meeting, position and participant, outcomes by meeting and position. Only files "
        "whose content changes are rewritten. With --check nothing is written, and the command fails, "
        "naming them, if any file would change."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="DIR",
            type=Path,
            default=FIXTURES_DIR,
            help="Directory to write the fixture files to (created if missing). Default: the project's fixtures/.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit with status 1 and list the files that an export would change.",
        )

    def handle(self, *args, output: Path, check: bool, verbosity: int, **options):
        if not has_curated_data():
            raise CommandError(
                "The database holds no curated data; exporting it would empty the fixtures. "
                "Load them first with `python manage.py load_curated`."
            )
        try:
            result = export(output, write=not check)
        except CycleError as error:
            raise CommandError(str(error)) from error

        if check:
            if result.changed:
                for name in result.changed:
                    self.stderr.write(f"Would change: {output / name}")
                raise CommandError(
                    f"{len(result.changed)} fixture file(s) differ from the database: {', '.join(result.changed)}. "
                    "Run `python manage.py export_fixtures` and commit the result."
                )
            if verbosity:
                self.stdout.write(f"The fixtures in {output} match the database.")
            return

        if verbosity:
            for name in result.changed:
                self.stdout.write(f"Wrote {output / name}")
            if verbosity > 1:
                for name in result.unchanged:
                    self.stdout.write(f"Unchanged {output / name}")
            self.stdout.write(f"{len(result.changed)} file(s) changed, {len(result.unchanged)} unchanged.")
