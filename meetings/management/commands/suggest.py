import json

from django.core.management.base import BaseCommand, CommandError

from meetings.choices import PRESENT, SuggestionKind
from meetings.models import Source
from meetings.suggest import SuggestionReport, suggest


class Command(BaseCommand):
    help = (
        "Read sources' text and propose, as drafts for a curator, the participants, meetings and "
        "statements it reports: the people and institutions that meet or speak, the meetings with "
        "their participants, roles, dates and places, and the quotes and reported speech with their "
        "speakers. Proposals the database has already, or that a curator rejected, are not created "
        "again, so it is safe to repeat. Review them in the admin: Sources → the source → Suggestions."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="+", metavar="source-slug", help="Slug of a source to read.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be created; create nothing.")
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help=(
                "Print the proposals as one JSON document (a list of documents for several sources): "
                "participants, meetings and statements, linked by index, with their offsets in the text."
            ),
        )
        parser.add_argument(
            "--quotes-only", action="store_true", help="Propose direct quotes only, not reported speech."
        )

    def handle(
        self, *args, slugs: list[str], dry_run: bool, as_json: bool, quotes_only: bool, verbosity: int, **options
    ):
        sources = {source.slug: source for source in Source.objects.filter(slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in sources]
        if unknown:
            raise CommandError(f"No source with slug {', '.join(f'“{slug}”' for slug in unknown)}.")
        reports = [
            suggest(sources[slug], dry_run=dry_run, paraphrases=not quotes_only)
            for slug in dict.fromkeys(slugs)  # each source once, in the order given
        ]
        if as_json:
            documents = [report.as_json() for report in reports]
            self.stdout.write(_dumps(documents[0] if len(documents) == 1 else documents))
            return
        for report in reports:
            self._print(report, verbosity)

    def _print(self, report: SuggestionReport, verbosity: int) -> None:
        self.stdout.write(f"{report.source.slug}:")
        marks = {"open": "+", "accepted": "+", "rejected": "x", PRESENT: "="}
        for kind in SuggestionKind:
            for item in report.of_kind(kind):
                if item.status == PRESENT and verbosity < 2 and kind != SuggestionKind.PARTICIPANT:
                    continue
                self.stdout.write(f"  {marks[item.status]} {kind.value} ({item.status}): {item.label}")
        if verbosity >= 2:
            for candidate in report.proposals.unattributed:
                self.stdout.write(
                    f"  ? no speaker ({candidate.kind}, {candidate.start}–{candidate.end}): “{candidate.text}”"
                )
        self.stdout.write(self.style.SUCCESS(f"{report.source.slug}: {report.summary()}"))


def _dumps(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
