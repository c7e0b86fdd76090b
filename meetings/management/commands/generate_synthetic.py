import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from meetings import synthetic
from meetings.models import CURATED_MODELS

REFUSAL = (
    "The database already holds data ({counts}): curated records, or an earlier synthetic run. "
    "generate_synthetic fills an empty database; run it with --allow-curated (or --force) to add "
    "synthetic records next to what is there."
)


class Command(BaseCommand):
    help = (
        "Fill the database with realistic, deterministic synthetic data at scale: participants, a topic "
        "tree, meetings, sources with article-length text and statements cut from those texts (so every "
        "span really lies in its source). By default about 2,000 participants, 500 topics, 50,000 meetings, "
        "5,000 sources and 1,000,000 statements; the same --seed and sizes give the same data. Refuses to "
        "run on a database that already holds data unless --allow-curated is given."
    )

    def add_arguments(self, parser):
        defaults = synthetic.Sizes()
        parser.add_argument("--participants", type=int, default=defaults.participants, help="How many participants.")
        parser.add_argument("--topics", type=int, default=defaults.topics, help="How many topics (in a tree).")
        parser.add_argument("--meetings", type=int, default=defaults.meetings, help="How many meetings.")
        parser.add_argument("--sources", type=int, default=defaults.sources, help="How many sources (articles).")
        parser.add_argument("--statements", type=int, default=defaults.statements, help="How many statements.")
        parser.add_argument("--seed", type=int, default=2017, help="Seed of the random generator (default 2017).")
        parser.add_argument(
            "--batch-sources",
            type=int,
            default=100,
            help="Sources (with their statements) written per batch (default 100).",
        )
        parser.add_argument(
            "--allow-curated",
            "--force",
            action="store_true",
            dest="allow_curated",
            help="Add synthetic records even though the database already holds data.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bars.")

    def handle(self, *args, **options):
        sizes = synthetic.Sizes(
            participants=options["participants"],
            topics=options["topics"],
            meetings=options["meetings"],
            sources=options["sources"],
            statements=options["statements"],
        )
        self.check_sizes(sizes)
        counts = {model: model.objects.count() for model in CURATED_MODELS}
        if any(counts.values()) and not options["allow_curated"]:
            held = ", ".join(
                f"{n} {model._meta.verbose_name if n == 1 else model._meta.verbose_name_plural}"
                for model, n in counts.items()
                if n
            )
            raise CommandError(REFUSAL.format(counts=held))

        show = options["verbosity"] >= 1 and not options["no_progress"]
        started = time.monotonic()
        generator = synthetic.Generator(
            sizes, seed=options["seed"], batch_sources=options["batch_sources"], progress=self.bars(show)
        )
        with transaction.atomic():
            written = generator.run()
        loaded = time.monotonic() - started
        self.analyze(show)
        if options["verbosity"] >= 1:
            for table, count in written.items():
                self.stdout.write(f"{table:32} {count:>10,}")
            self.stdout.write(
                self.style.SUCCESS(
                    f"Synthetic data written in {loaded:.0f} s (seed {options['seed']}), "
                    f"analyzed in {time.monotonic() - started - loaded:.0f} s."
                )
            )

    def check_sizes(self, sizes: synthetic.Sizes) -> None:
        problems = []
        for name, value in vars(sizes).items():
            if value < 0:
                problems.append(f"--{name} cannot be negative.")
        if sizes.participants < 2:
            problems.append("--participants must be at least 2: a meeting needs two sides.")
        if sizes.topics < 1:
            problems.append("--topics must be at least 1.")
        if sizes.sources < 1:
            problems.append("--sources must be at least 1: every meeting and statement cites one.")
        if problems:
            raise CommandError(" ".join(problems))

    def bars(self, show: bool):
        if not show:
            return None
        from tqdm import tqdm

        def bar(phase: str, total: int):
            return tqdm(
                total=total,
                desc=f"{phase:24}",
                unit=" rows",
                unit_scale=True,
                file=sys.stderr,
                mininterval=0.5 if sys.stderr.isatty() else 10,
            )

        return bar

    def analyze(self, show: bool) -> None:
        """Fresh planner statistics (and on PostgreSQL a vacuum, for index-only scans) for the new rows."""
        if connection.vendor != "postgresql":
            return
        tables = [model._meta.db_table for model in synthetic.WRITTEN_MODELS]
        if show:
            self.stderr.write("Analyzing the tables ...")
        with connection.cursor() as cursor:
            for table in tables:
                quoted = connection.ops.quote_name(table)
                # VACUUM cannot run inside a transaction (as in tests); ANALYZE can.
                cursor.execute(f"{'ANALYZE' if connection.in_atomic_block else 'VACUUM (ANALYZE)'} {quoted}")
