import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connections

from meetings.dumps.datapackage import package_path, write_datapackage
from meetings.dumps.public import snapshot_path, write_export
from meetings.models import DataVersion

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Write the export (/api/v1/export/) and the data package (/api/v1/export/datapackage/) of the "
        "current data version into DJANGO_EXPORT_DIR, unless they are written already, and remove those "
        "of older versions. With --watch, keep doing so: a data set too large to export within a "
        "request needs this to serve its export and its package."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--watch",
            type=float,
            metavar="SECONDS",
            help="Look for a new data version every SECONDS and export it; runs until stopped.",
        )

    def handle(self, *args, watch=None, **options):
        if watch is None:
            self.export()
            return
        if watch <= 0:
            raise CommandError("--watch takes a number of seconds above 0.")
        while True:
            try:
                stamp = DataVersion.current().stamp
                if not (snapshot_path(stamp).exists() and package_path(stamp).exists()):
                    self.export()
            except OperationalError as error:
                # The database may be restarting: try again at the next round rather than give up.
                logger.warning("Export not written, the database is unavailable: %s", error)
            finally:
                connections.close_all()
            time.sleep(watch)

    def export(self) -> None:
        for write in (write_export, write_datapackage):
            started = time.monotonic()
            path = write()
            self.stdout.write(
                f"{path} ({path.stat().st_size / 1e6:,.1f} MB) holds the current data version "
                f"({time.monotonic() - started:.1f} s)."
            )
