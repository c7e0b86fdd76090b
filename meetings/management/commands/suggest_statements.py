from django.core.management.base import BaseCommand, CommandError

from meetings.models import Source
from meetings.suggest import Candidate, SuggestionReport, suggest_statements


class Command(BaseCommand):
    help = (
        "Scan sources' text for quoted passages and reported speech, guess each speaker from the "
        "participants' names, and create draft statements with their spans for a curator to verify "
        "or delete. Statements the source already has are not created again, so it is safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="+", metavar="source-slug", help="Slug of a source to scan.")
        parser.add_argument("--dry-run", action="store_true", help="Print what would be created; create nothing.")
        parser.add_argument(
            "--quotes-only", action="store_true", help="Suggest direct quotes only, not reported speech."
        )

    def handle(self, *args, slugs: list[str], dry_run: bool, quotes_only: bool, verbosity: int, **options):
        sources = {source.slug: source for source in Source.objects.filter(slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in sources]
        if unknown:
            raise CommandError(f"No source with slug {', '.join(f'“{slug}”' for slug in unknown)}.")
        for slug in dict.fromkeys(slugs):  # each source once, in the order given
            report = suggest_statements(sources[slug], dry_run=dry_run, paraphrases=not quotes_only)
            self._print(report, verbosity)

    def _print(self, report: SuggestionReport, verbosity: int) -> None:
        self.stdout.write(f"{report.source.slug}:")
        for statement in report.created:
            span = "no span" if statement.span_start is None else f"{statement.span_start}–{statement.span_end}"
            self.stdout.write(f"  + {statement.speaker.slug} ({statement.kind}, {span}): “{statement.text}”")
        if verbosity >= 2:
            for candidate in report.already_present:
                self.stdout.write(f"  = already present: {self._describe(candidate)}")
            for candidate in report.no_speaker:
                self.stdout.write(f"  ? no speaker: {self._describe(candidate)}")
        self.stdout.write(self.style.SUCCESS(f"{report.source.slug}: {report.summary()}"))

    @staticmethod
    def _describe(candidate: Candidate) -> str:
        return f"({candidate.kind}, {candidate.start}–{candidate.end}): “{candidate.text}”"
