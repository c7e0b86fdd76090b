from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from meetings.curated import fixture_paths


class Command(BaseCommand):
    help = (
        "Load the curated data set from fixtures/ in dependency order, in one transaction. "
        "Safe to run again: records are matched by slug, so a second load changes nothing."
    )

    def handle(self, *args, **options):
        paths = fixture_paths()
        if not paths:
            raise CommandError("No curated fixtures found in fixtures/.")
        call_command("loaddata", *paths, verbosity=options["verbosity"])
