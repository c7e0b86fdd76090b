import json
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError

from meetings.curated import FIXTURES_DIR, fixture_paths
from meetings.models import Meeting, MeetingParticipant, Outcome, Participant, Source, Statement, Topic

# What --prune removes, in an order that removes what refers to a record before the record itself.
PRUNED_MODELS: tuple[type[models.Model], ...] = (
    Statement,
    Outcome,
    MeetingParticipant,
    Meeting,
    Topic,
    Participant,
    Source,
)


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
        parser.add_argument(
            "--prune",
            action="store_true",
            help="After loading, delete the curated records the fixtures no longer hold (in the same "
            "transaction), printing each one; refused, naming them, where one is still referred to.",
        )

    def handle(self, *args, directory: Path, prune: bool, verbosity: int, **options):
        paths = fixture_paths(directory)
        if not paths:
            raise CommandError(f"No curated fixtures found in {directory}.")
        with tempfile.TemporaryDirectory(prefix="load-curated-") as scratch, transaction.atomic():
            paths = [self.without_unknown_verifiers(Path(path), Path(scratch)) for path in paths]
            call_command("loaddata", *paths, verbosity=verbosity)
            if prune:
                self.prune(paths)

    def prune(self, paths: list[Path]) -> None:
        """Delete the records of PRUNED_MODELS that the fixtures at ``paths`` do not hold, and say which."""
        kept: dict[type[models.Model], set[object]] = {model: set() for model in PRUNED_MODELS}
        for path in paths:
            with path.open(encoding="utf-8") as stream:
                for deserialized in serializers.deserialize("json", stream, handle_forward_references=True):
                    record = deserialized.object
                    if type(record) in kept:
                        kept[type(record)].add(record.pk)
        removed = 0
        for model in PRUNED_MODELS:
            stale = list(model._default_manager.exclude(pk__in=kept[model]).order_by("pk"))
            for record in _leaves_first(stale):
                try:
                    record.delete()
                except (ProtectedError, RestrictedError) as error:
                    names = ", ".join(sorted(f"{type(o)._meta.verbose_name} “{o}”" for o in error.args[1]))
                    raise CommandError(
                        f"Cannot remove {model._meta.verbose_name} “{record}”, which the fixtures no longer hold: "
                        f"{names} still refer(s) to it. Nothing was loaded or removed."
                    ) from None
                self.stdout.write(f"Removed {model._meta.verbose_name} “{record}”.")
                removed += 1
        self.stdout.write(f"Pruned {removed} record(s) the fixtures no longer hold.")

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


def _leaves_first(records: list[models.Model]) -> list[models.Model]:
    """Tree records (meetings, topics) with the children before their parents; others as they are."""
    if not records or not hasattr(records[0], "parent_id"):
        return records
    by_pk = {record.pk: record for record in records}

    def depth(record: models.Model) -> int:
        level, parent = 0, getattr(record, "parent_id", None)
        while parent in by_pk and level < len(by_pk):
            level, parent = level + 1, by_pk[parent].parent_id  # type: ignore[attr-defined]
        return level

    return sorted(records, key=depth, reverse=True)
