from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import admin_suggestions, services, suggest
from .admin_concurrency import VERSION_FIELD, StaleEditCheckForm
from .choices import ReviewStatus
from .importing.forms import ImportArticleForm
from .models import Meeting, MeetingParticipant, Outcome, Participant, ReviewedModel, Source, Statement, Topic

# The site is named for what it curates, in page titles and the header alike.
admin.site.site_header = "Diplomatic Meetings curation"
admin.site.site_title = "Diplomatic Meetings curation"
admin.site.index_title = "Curated data"
# The index opens with what awaits a curator: drafts to verify, sources with proposals to decide.
# The site is Django's own, set up here by its attributes, so its index is wrapped rather than overridden.
admin.site.index_template = "admin/curation_index.html"
admin.site.index = admin_suggestions.index_with_awaiting(admin.site.index)

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


class ReviewAdminMixin:
    """Verifying records who verified and when; the actions do it for many records at once."""

    actions = ["mark_verified", "mark_draft"]

    def save_model(self, request, obj: ReviewedModel, form, change):
        services.set_review_status(obj, obj.review_status, request.user)
        super().save_model(request, obj, form, change)

    @admin.action(description="Mark the selected records as verified", permissions=["change"])
    def mark_verified(self, request, queryset):
        count = services.set_review_status_of_all(queryset, ReviewStatus.VERIFIED, request.user)
        self.message_user(request, f"{count} record(s) verified.")

    @admin.action(description="Mark the selected records as drafts", permissions=["change"])
    def mark_draft(self, request, queryset):
        count = services.set_review_status_of_all(queryset, ReviewStatus.DRAFT, request.user)
        self.message_user(request, f"{count} record(s) back to draft.")


class SourceStatementInline(admin.TabularInline):
    """A source's statements in the order they stand in its text."""

    model = Statement
    fk_name = "source"
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    fields = [span_display, "speaker", "kind", "review_status", "text"]
    readonly_fields = fields
    ordering = ["span_start", "pk"]
    verbose_name_plural = "statements, in text order"

    def has_change_permission(self, request, obj=None) -> bool:
        # Shown, never edited here: the admin then leaves these forms unvalidated, and a new text's
        # effect on the statements is the source's own validation (Source.clean), on its text field.
        return False


class SourceForm(StaleEditCheckForm):
    upload = forms.FileField(
        required=False,
        help_text="Or upload the article as a UTF-8 text file; its content replaces the text above.",
    )

    class Meta:
        model = Source
        fields = list(Source.CURATED_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = False
        self.fields["text"].strip = False  # the text is kept exactly as received, its first and last spaces too

    def clean_text(self) -> str:
        """The text as submitted, unless only the line endings a browser sends (CRLF) tell it from the stored one.

        A browser sends a textarea back with CRLF line endings: saving a source whose text the
        curator did not touch must leave it byte for byte as it was, or every span would move.
        """
        text = self.cleaned_data.get("text") or ""
        stored = self.instance.text if self.instance.pk is not None else None
        if stored is not None and "\r\n" not in stored:
            text = text.replace("\r\n", "\n")
            if text == stored:
                return stored
        return text

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload is not None:
            try:
                cleaned["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("upload", "The file is not UTF-8 text.")
        if not cleaned.get("text") and not self.has_error("upload"):
            self.add_error("text", "Paste the article's text or upload it as a file.")
        return cleaned


@admin.action(description="Suggest drafts from the text", permissions=["suggest"])
def suggest_statements_action(modeladmin, request, queryset) -> None:
    """Admin action on sources: accept every open proposal of each selected source and say what it did.

    Offered only where the ModelAdmin's ``has_suggest_permission`` allows it; the proposals one by
    one are on each source's "Suggestions" page.
    """
    if not admin_suggestions.may_decide(request.user):
        modeladmin.message_user(
            request, "You may not add participants, meetings and statements, so nothing was suggested.", messages.ERROR
        )
        return
    for source in queryset.order_by("slug"):
        try:
            report = suggest.suggest(source, user=request.user)
        except ValidationError as error:  # one source's failure (rolled back) must not hide the others' results
            modeladmin.message_user(
                request, f"“{source.slug}”: nothing suggested: {' '.join(error.messages)}", messages.ERROR
            )
            continue
        level = messages.SUCCESS if report.created else messages.INFO
        modeladmin.message_user(
            request,
            f"“{source.slug}”: {report.summary()}. Accepted proposals become drafts; "
            "verify them in Meetings and Statements.",
            level,
        )


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    form = SourceForm
    list_display = ["title", "publisher", "kind", "published_on", "language", "statement_count"]
    list_filter = ["kind", "language", "redistributable", "publisher"]
    search_fields = ["title", "publisher", "author", "text", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["content_hash", "original_hash", "created_at", "updated_at"]
    date_hierarchy = "published_on"
    inlines = [SourceStatementInline]
    change_list_template = "admin/meetings/source/change_list.html"
    actions = [suggest_statements_action]

    def has_suggest_permission(self, request) -> bool:
        # The action writes participants, meetings and statements: offer it to those who may add them.
        return admin_suggestions.may_decide(request.user)

    def get_queryset(self, request):
        # A GROUP BY query drops Meta.ordering, so the order is restated for stable pages.
        return super().get_queryset(request).annotate(statement_count=Count("statements")).order_by("title", "pk")

    @admin.display(description="statements", ordering="statement_count")
    def statement_count(self, source: Source) -> int:
        return source.statement_count

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_article_view), name="meetings_source_import"),
            path("<path:object_id>/suggestions/", wrap(self.suggestions_view), name="meetings_source_suggestions"),
            *super().get_urls(),
        ]

    def suggestions_view(self, request, object_id):
        """A source's "Suggestions": its proposals to accept, edit or reject (``admin_suggestions``)."""
        return admin_suggestions.suggestions_view(self, request, object_id)

    def import_article_view(self, request):
        """Sources → "Import an article": a file or pasted text becomes a source through ``importing``."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportArticleForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            source = form.import_article()
            if source is not None:
                self.log_addition(request, source, [{"added": {}}])
                self.message_user(request, f"Imported “{source.title}” as source “{source.slug}”.", messages.SUCCESS)
                # Straight to what the suggester proposes from it, for the curator to decide.
                return redirect("admin:meetings_source_suggestions", source.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": "Import an article",
        }
        return TemplateResponse(request, "admin/meetings/source/import_article.html", context)


@admin.register(Participant)
class ParticipantAdmin(SimpleHistoryAdmin):
    form = StaleEditCheckForm
    list_display = ["name", "kind", "country", "position"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "other_names", "position", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    form = StaleEditCheckForm
    list_display = ["name", "parent", "slug"]
    list_select_related = ["parent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "description", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Meeting)
class MeetingAdmin(ReviewAdminMixin, SimpleHistoryAdmin):
    form = StaleEditCheckForm
    list_display = ["title", "kind", "status", "date", "date_precision", "city", "country", "parent", "review_status"]
    list_select_related = ["parent"]
    list_filter = ["review_status", "kind", "status", "date_precision", "date_basis", "country"]
    search_fields = ["title", "summary", "city", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent", "topics", "sources"]
    readonly_fields = ["verified_by", "verified_at", "created_at", "updated_at"]
    date_hierarchy = "date"
    inlines = [MeetingParticipantInline, OutcomeInline, StatementInline]


@admin.register(Statement)
class StatementAdmin(ReviewAdminMixin, SimpleHistoryAdmin):
    form = StaleEditCheckForm
    list_display = ["short_text", "speaker", "kind", "channel", "source", "meeting", span_display, "review_status"]
    list_select_related = ["speaker", "source", "meeting"]
    list_filter = ["review_status", "kind", "channel", ("source", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["text", "speaker__name", "slug"]
    autocomplete_fields = ["speaker", "via", "meeting", "source", "topics"]
    readonly_fields = [span_display, "passage", "verified_by", "verified_at", "created_at", "updated_at"]
    fields = [
        *Statement.CURATED_FIELDS,
        span_display,
        "passage",
        "review_status",
        "verified_by",
        "verified_at",
        "created_at",
        "updated_at",
        VERSION_FIELD,
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
