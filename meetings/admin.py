from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from .models import Meeting, MeetingParticipant, Outcome, Participant, Source, Statement, Topic

_CONTEXT_CHARS = 240


@admin.display(description="span")
def span_display(statement: Statement) -> str:
    return "—" if statement.span_start is None else f"{statement.span_start}–{statement.span_end}"


class StatementInline(admin.StackedInline):
    model = Statement
    fk_name = "meeting"
    extra = 0
    fields = [
        "speaker",
        "via",
        "source",
        "kind",
        "text",
        "topics",
        "said_on",
        "said_on_precision",
        "channel",
        span_display,
    ]
    readonly_fields = [span_display]
    autocomplete_fields = ["speaker", "via", "source", "topics"]
    show_change_link = True


class MeetingParticipantInline(admin.TabularInline):
    model = MeetingParticipant
    extra = 0
    fields = ["participant", "role", "position"]
    autocomplete_fields = ["participant"]


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0
    fields = ["position", "description", "source"]
    autocomplete_fields = ["source"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "kind", "published_on", "language", "statement_count"]
    list_filter = ["kind", "language", "publisher"]
    search_fields = ["title", "publisher", "author", "text", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["content_hash", "created_at", "updated_at"]
    date_hierarchy = "published_on"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(statement_count=Count("statements"))

    @admin.display(description="statements", ordering="statement_count")
    def statement_count(self, source: Source) -> int:
        return source.statement_count


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "position"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "other_names", "position", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "slug"]
    list_select_related = ["parent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "description", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "date", "date_precision", "city", "country", "parent"]
    list_select_related = ["parent"]
    list_filter = ["kind", "status", "date_precision", "date_basis", "country"]
    search_fields = ["title", "summary", "city", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent", "topics", "sources"]
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy = "date"
    inlines = [MeetingParticipantInline, OutcomeInline, StatementInline]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["short_text", "speaker", "kind", "channel", "source", "meeting", span_display]
    list_select_related = ["speaker", "source", "meeting"]
    list_filter = ["kind", "channel", ("source", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["text", "speaker__name", "slug"]
    autocomplete_fields = ["speaker", "via", "meeting", "source", "topics"]
    readonly_fields = [span_display, "passage", "created_at", "updated_at"]
    fields = [
        "slug",
        "speaker",
        "via",
        "meeting",
        "source",
        "kind",
        "text",
        "occurrence",
        "topics",
        "said_on",
        "said_on_precision",
        "channel",
        span_display,
        "passage",
        "created_at",
        "updated_at",
    ]

    @admin.display(description="text")
    def short_text(self, statement: Statement) -> str:
        return statement.text if len(statement.text) <= 90 else statement.text[:89] + "…"

    @admin.display(description="in the source")
    def passage(self, statement: Statement) -> str:
        """The statement highlighted in its source's text, with context on both sides."""
        if statement.span_start is None:
            return "—"
        text = statement.source.text
        before = text[max(0, statement.span_start - _CONTEXT_CHARS) : statement.span_start]
        after = text[statement.span_end : statement.span_end + _CONTEXT_CHARS]
        return format_html(
            '<div style="white-space: pre-wrap; max-width: 60em">…{}<mark>{}</mark>{}…</div>',
            before,
            text[statement.span_start : statement.span_end],
            after,
        )
