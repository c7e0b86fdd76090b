from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from meetings.models import Meeting, Source, Statement, content_hash
from meetings.provenance import QuoteNotInSourceError, context, locate_statement


class Command(BaseCommand):
    help = (
        "Check every statement against its source's text (direct quotes verbatim, spans where "
        "they belong), every source's content hash, and that every meeting cites a source. "
        "Prints what it checked; exits non-zero naming each record that fails."
    )

    def handle(self, *args, **options):
        failures: list[str] = []

        sources = Source.objects.all()
        for source in sources:
            if source.content_hash != content_hash(source.text):
                failures.append(f"Source “{source.slug}”: the content hash does not match the text.")
        self.stdout.write(f"Checked {len(sources)} sources' content hashes.")

        statements = Statement.objects.select_related("source").order_by("source__slug", "slug")
        quotes = 0
        for statement in statements:
            quotes += statement.kind == "direct_quote"
            try:
                span = locate_statement(
                    label=f"“{statement.slug}”",
                    source_text=statement.source.text,
                    kind=statement.kind,
                    text=statement.text,
                    occurrence=statement.occurrence,
                )
            except QuoteNotInSourceError as error:
                failures.extend(message for messages in error.message_dict.values() for message in messages)
                continue
            stored = (statement.span_start, statement.span_end)
            expected = (span.start, span.end) if span else (None, None)
            if stored != expected:
                failures.append(
                    f"Statement “{statement.slug}”: the stored span {stored} is not where the text stands {expected}."
                )
            elif (statement.context_before, statement.context_after) != (
                context(statement.source.text, span) if span else ("", "")
            ):
                failures.append(f"Statement “{statement.slug}”: the stored context is not the text around its span.")
        self.stdout.write(f"Checked {len(statements)} statements against their sources' text ({quotes} direct quotes).")

        uncited = Meeting.objects.annotate(source_count=Count("sources")).filter(source_count=0).order_by("slug")
        failures += [f"Meeting “{meeting.slug}”: cites no source." for meeting in uncited]
        self.stdout.write(f"Checked that {Meeting.objects.count()} meetings each cite at least one source.")

        if failures:
            for failure in failures:
                self.stderr.write(failure)
            raise CommandError(f"Provenance check failed: {len(failures)} problem(s).")
        self.stdout.write(self.style.SUCCESS("Provenance verified: every record cites its source."))
