"""The admin's review of the suggester's proposals, and what awaits a curator on the admin's index.

Sources → a source → "Suggestions" (``admin:meetings_source_suggestions``) lists what
``meetings.suggest`` proposes from the source's text: the participants, the meetings and the
statements, each with its evidence highlighted in the text and its status. A curator accepts a
proposal (a draft is created, with the participants it needs), accepts it and edits the draft
straight away, rejects it (it is not offered again), or accepts everything still open. The
service decides what is open and creates the drafts; this module only shows and asks.

The admin's index opens with what awaits a curator: the draft meetings and statements, and the
sources whose proposals nobody has decided yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from . import suggest
from .choices import (
    PRESENT,
    MeetingKind,
    ParticipantRole,
    ReviewStatus,
    StatementKind,
    SuggestionKind,
    SuggestionStatus,
)
from .models import Meeting, Source, Statement, Suggestion

# Deciding creates participants, meetings and statements: a curator must be allowed all three.
DECIDE_PERMISSIONS = ("meetings.add_participant", "meetings.add_meeting", "meetings.add_statement")

# The evidence is shown with this much of the text on each side.
_CONTEXT_CHARS = 150

_STATUS_LABELS = {
    SuggestionStatus.OPEN: "open",
    SuggestionStatus.ACCEPTED: "accepted (a draft)",
    SuggestionStatus.REJECTED: "rejected",
    PRESENT: "already in the database",
}

_SECTIONS = [
    (SuggestionKind.PARTICIPANT, "Participants"),
    (SuggestionKind.MEETING, "Meetings"),
    (SuggestionKind.STATEMENT, "Statements"),
]


def may_decide(user) -> bool:
    """Whether ``user`` may accept or reject proposals: accepting creates records of all three kinds."""
    return user.has_perms(DECIDE_PERMISSIONS)


def change_url(record: Model) -> str:
    """The admin change page of a participant, meeting or statement."""
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


# --- The review page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One proposal as the page shows it: the service's item, its evidence, its facts and its record's page."""

    item: suggest.Item
    status: str
    passage: SafeString
    details: list[tuple[str, str]]  # (what, value); a value may be safe HTML
    record_url: str | None

    @property
    def is_open(self) -> bool:
        return self.item.status == SuggestionStatus.OPEN


def suggestions_view(modeladmin, request: HttpRequest, object_id: str) -> HttpResponse:
    """The source's proposals (GET), or a curator's decision on them (POST, then back to the page).

    Seeing them needs the permission to view sources; deciding needs the permission to add
    participants, meetings and statements.
    """
    source = modeladmin.get_object(request, unquote(object_id))
    if source is None:
        raise Http404(f"No source with the id “{object_id}”.")
    if not modeladmin.has_view_permission(request, source):
        raise PermissionDenied
    if request.method == "POST":
        if not may_decide(request.user):
            raise PermissionDenied
        return _decide(modeladmin, request, source)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    report = suggest.review(source)
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "original": source,
        "title": f"Suggestions from “{source.title}”",
        "sections": [_section(report, kind, title) for kind, title in _SECTIONS],
        "open_count": len(report.open),
        "unattributed": len(report.proposals.unattributed),
        "may_decide": may_decide(request.user),
    }
    return TemplateResponse(request, "admin/meetings/source/suggestions.html", context)


def _section(report: suggest.SuggestionReport, kind: str, title: str) -> dict[str, Any]:
    rows = _rows(report, kind)
    return {"kind": kind, "title": title, "rows": rows, "open": sum(row.is_open for row in rows)}


def _rows(report: suggest.SuggestionReport, kind: str) -> list[Row]:
    details = {
        SuggestionKind.PARTICIPANT: _participant_details,
        SuggestionKind.MEETING: _meeting_details,
        SuggestionKind.STATEMENT: _statement_details,
    }[kind]
    return [
        Row(
            item=item,
            status=_STATUS_LABELS.get(item.status, item.status),
            passage=passage(report.source.text, item.start, item.end),
            details=details(report.proposals, item.index),
            record_url=None if item.record is None else change_url(item.record),
        )
        for item in report.of_kind(kind)
    ]


def passage(text: str, start: int, end: int) -> SafeString:
    """``text[start:end]`` marked, with up to ``_CONTEXT_CHARS`` characters of context on each side."""
    before, after = max(0, start - _CONTEXT_CHARS), min(len(text), end + _CONTEXT_CHARS)
    return format_html(
        '<div class="suggestion-passage">{}{}<mark>{}</mark>{}{}</div>',
        "…" if before > 0 else "",
        text[before:start],
        text[start:end],
        text[end:after],
        "…" if after < len(text) else "",
    )


def _participant_details(proposals: suggest.Proposals, index: int) -> list[tuple[str, str]]:
    participant = proposals.participants[index]
    return [
        ("kind", participant.kind),
        ("position", participant.position or "—"),
        ("country", participant.country or "—"),
    ]


def _meeting_details(proposals: suggest.Proposals, index: int) -> list[tuple[str, str]]:
    meeting = proposals.meetings[index]
    who = format_html_join(
        ", ",
        "{} ({})",
        ((proposals.participants[p].name, ParticipantRole(role).label.lower()) for p, role in meeting.participants),
    )
    date = "unknown" if meeting.date is None else f"{meeting.date.isoformat()} (to the {meeting.date_precision})"
    place = ", ".join(filter(None, [meeting.city, meeting.country])) or "—"
    parent = "—" if meeting.parent is None else proposals.meetings[meeting.parent].title
    return [
        ("participants", who or "—"),
        ("kind", MeetingKind(meeting.kind).label),
        ("status", meeting.status),
        ("date", date),
        ("place", place),
        ("part of", parent),
    ]


def _statement_details(proposals: suggest.Proposals, index: int) -> list[tuple[str, str]]:
    statement = proposals.statements[index]
    meeting = "—" if statement.meeting is None else proposals.meetings[statement.meeting].title
    return [
        ("speaker", proposals.participants[statement.speaker].name),
        ("kind", StatementKind(statement.kind).label),
        ("via", "—" if statement.via is None else proposals.participants[statement.via].name),
        ("meeting", meeting),
    ]


# --- Deciding -------------------------------------------------------------------------------------


def _decide(modeladmin, request: HttpRequest, source: Source) -> HttpResponse:
    """Carry out the POST's ``action`` on the proposal its ``key`` names; then back to the page (PRG).

    Only a proposal the page offered as open is decided: any other key changes nothing.
    """
    back = redirect("admin:meetings_source_suggestions", source.pk)
    action, key = request.POST.get("action", ""), request.POST.get("key", "")
    if action == "accept_all":
        report = suggest.suggest(source, user=request.user)
        _log_created(modeladmin, request, report)
        level = messages.SUCCESS if report.created else messages.INFO
        modeladmin.message_user(request, f"Accepted: every open proposal; {report.summary()}.", level)
        return back
    if action not in ("accept", "edit", "reject"):
        modeladmin.message_user(request, f"No such action “{action}”; nothing was changed.", messages.ERROR)
        return back
    offered = source.suggestions.filter(key=key, status=SuggestionStatus.OPEN).first()
    if offered is None:
        modeladmin.message_user(request, f"“{key}” is not an open proposal; nothing was changed.", messages.ERROR)
        return back
    if action == "reject":
        return _reject(modeladmin, request, source, offered) or back
    record = _accept(modeladmin, request, source, offered)
    return redirect(change_url(record)) if action == "edit" and record is not None else back


def _reject(modeladmin, request: HttpRequest, source: Source, offered: Suggestion) -> None:
    report = suggest.reject(source, [offered.key], request.user)
    if any(item.key == offered.key and item.status == SuggestionStatus.REJECTED for item in report.items):
        modeladmin.message_user(request, f"Rejected: {offered.label}", messages.SUCCESS)
    else:
        modeladmin.message_user(request, f"No longer open: {offered.label}; nothing was changed.", messages.ERROR)


def _accept(modeladmin, request: HttpRequest, source: Source, offered: Suggestion) -> Model | None:
    """Accept one proposal and say what was created; the record the proposal itself became, if any."""
    report = suggest.accept(source, [offered.key], request.user)
    _log_created(modeladmin, request, report)
    became = next((item.record for item in report.items if item.key == offered.key), None)
    record = became if became is not None and became in report.created else None
    if record is None:
        modeladmin.message_user(request, f"No longer open: {offered.label}; nothing was created.", messages.ERROR)
        return None
    created = "; ".join(f"{type(draft)._meta.verbose_name} “{draft}”" for draft in report.created)
    modeladmin.message_user(request, f"Accepted: {offered.label}. Created {created}.", messages.SUCCESS)
    return record


def _log_created(modeladmin, request: HttpRequest, report: suggest.SuggestionReport) -> None:
    """Each draft in the admin's log, as the add form would log it: the curator's recent actions show them."""
    for record in report.created:
        modeladmin.log_addition(request, record, [{"added": {}}])


# --- The admin's index ----------------------------------------------------------------------------


def awaiting_review(request: HttpRequest) -> dict[str, Any]:
    """What awaits a curator, for the index: draft counts by kind and the sources with open proposals.

    Three aggregate queries at most, whatever the size of the data; each part only for those
    who may see its pages (``None`` for a part they may not).
    """
    user = request.user
    drafts = [
        {
            "name": model._meta.verbose_name_plural,
            "count": model.objects.filter(review_status=ReviewStatus.DRAFT).count(),
            "url": reverse(f"admin:meetings_{model._meta.model_name}_changelist")
            + f"?review_status__exact={ReviewStatus.DRAFT}",
        }
        for model in (Meeting, Statement)
        if _may_view(user, model)
    ]
    sources = None
    if _may_view(user, Source):
        sources = [
            {"title": row["source__title"], "count": row["count"], "url": _suggestions_url(row["source"])}
            for row in Suggestion.objects.filter(status=SuggestionStatus.OPEN)
            .values("source", "source__title")
            .annotate(count=Count("pk"))
            .order_by("source__title", "source")
        ]
    return {"awaiting_drafts": drafts, "awaiting_sources": sources}


def _suggestions_url(source_id: int) -> str:
    return reverse("admin:meetings_source_suggestions", args=[source_id])


def _may_view(user, model: type[Model]) -> bool:
    name = model._meta.model_name
    return user.has_perm(f"meetings.view_{name}") or user.has_perm(f"meetings.change_{name}")


def index_with_awaiting(index: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``AdminSite.index`` with ``awaiting_review`` in its context (the index template shows it)."""

    def index_view(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        return index(request, {**awaiting_review(request), **(extra_context or {})})

    index_view.__name__ = index_view.__qualname__ = "index"
    return index_view
