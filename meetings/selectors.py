"""Reads: what each resource's lists and details load, and which records a user may see.

The API's resources, the analysis endpoints and the export load records for display through
here, so that what a form shows and what it costs in queries are decided in one place: a list
or a detail is a fixed number of queries (one, plus one per prefetch) however many records it
holds; the API's lists and details read the same querysets as rows, on PostgreSQL with the prefetched
relations in the records' own query (meetings.api.rows). Drafts are visible through one rule, ``visible``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import F, Model, Prefetch, QuerySet
from django.db.models.functions import Substr

from .choices import ReviewStatus
from .models import Meeting, MeetingParticipant, Outcome, Participant, ReviewedModel, Source, Statement, Topic

# The fields of the compact forms in which lists show related records (the API's *CompactSerializer).
COMPACT_PARTICIPANT = ("slug", "name", "kind", "country")
COMPACT_TOPIC = ("slug", "name")
COMPACT_SOURCE = ("slug", "title", "publisher", "published_on")

# Who asks: an account, an anonymous visitor, or None for the public at large.
Reader = User | AnonymousUser | None


def can_see_drafts(user: Reader, model: type[Model]) -> bool:
    """Curators (whoever may view the model's records in the admin) see drafts; the public does not."""
    return user is not None and user.is_authenticated and user.has_perm(f"meetings.view_{model._meta.model_name}")


def may_read_text(user: Reader, source: Source) -> bool:
    """Whether ``user`` may read ``source``'s full text: anyone when its licence allows republishing it,
    otherwise curators (whoever may view sources in the admin) only. Exports are read as the public."""
    if source.redistributable:
        return True
    return user is not None and user.is_authenticated and user.has_perm("meetings.view_source")


def visible[M: Model](queryset: QuerySet[M], user: Reader = None, *, drafts: bool = True) -> QuerySet[M]:
    """The records of ``queryset`` that ``user`` may see.

    Everyone sees verified records. Those who may see drafts see them too, unless ``drafts`` is
    false (a list shows drafts only when a curator asks for them). ``user=None`` is the public.
    Records that are never drafts are all visible.
    """
    if not issubclass(queryset.model, ReviewedModel):
        return queryset
    if drafts and can_see_drafts(user, queryset.model):
        return queryset
    return queryset.filter(review_status=ReviewStatus.VERIFIED)


def participants() -> QuerySet[Participant]:
    return Participant.objects.all()


def topics() -> QuerySet[Topic]:
    return Topic.objects.select_related("parent").prefetch_related("children")


def sources() -> QuerySet[Source]:
    return Source.objects.all()


def located_statements(user: Reader = None) -> Prefetch[Any]:
    """A source's statements that have a span, in text order, as ``located_statements``."""
    # Statements that start at the same character keep their id order, so every reading agrees.
    located = Statement.objects.filter(span_start__isnull=False).select_related("speaker").order_by("span_start", "pk")
    return Prefetch("statements", queryset=visible(located, user), to_attr="located_statements")


def source_detail(user: Reader = None) -> QuerySet[Source]:
    return Source.objects.prefetch_related(located_statements(user))


def span_text() -> Substr:
    """A statement's passage, ``source.text[span_start:span_end]``, cut by the database (SQL counts from 1).

    Annotated as ``span_text`` on the statements the API shows in full, for their selectors' ``exact``:
    the source's text never leaves the database. Both databases count characters (code points), as
    Python does. Null for a statement without a span.
    """
    return Substr("source__text", F("span_start") + 1, F("span_end") - F("span_start"))


def source_annotations(user: Reader = None) -> QuerySet[Source]:
    """A source without its text, with its located statements (speakers and passages) as ``located_statements``."""
    located = (
        Statement.objects.filter(span_start__isnull=False)
        .select_related("speaker")
        .defer("speaker__other_names")
        .annotate(span_text=span_text())
        .order_by("span_start", "pk")
    )
    statements = Prefetch("statements", queryset=visible(located, user), to_attr="located_statements")
    return Source.objects.defer("text").prefetch_related(statements)


def meetings() -> QuerySet[Meeting]:
    """Everything a meeting's list entry shows, in a fixed number of queries."""
    # The related records carry only what a meeting's compact forms of them show.
    participations = (
        MeetingParticipant.objects.select_related("participant")
        .only("meeting", "role", "position", *(f"participant__{name}" for name in COMPACT_PARTICIPANT))
        .order_by("position", "pk")
    )
    return Meeting.objects.select_related("parent").prefetch_related(
        Prefetch("participations", queryset=participations),
        Prefetch("topics", queryset=Topic.objects.only(*COMPACT_TOPIC)),
        Prefetch("sources", queryset=Source.objects.only(*COMPACT_SOURCE)),
    )


def outcomes() -> Prefetch[Any]:
    """A meeting's outcomes, with the compact form of the source that reports each."""
    return Prefetch("outcomes", queryset=Outcome.objects.select_related("source").defer("source__text"))


def meeting_detail(user: Reader = None) -> QuerySet[Meeting]:
    """A meeting's detail adds its sessions, outcomes and the statements ``user`` may see."""
    return meetings().prefetch_related(
        "children", outcomes(), Prefetch("statements", queryset=visible(statements(), user))
    )


def statements() -> QuerySet[Statement]:
    """Statements with their relations, in fixed queries; never their sources' full texts."""
    queryset: QuerySet[Statement] = (
        Statement.objects.select_related("speaker", "via", "meeting", "source")
        # What the compact forms of the related records do not show, and costs to read.
        .defer("source__text", "speaker__other_names", "via__other_names", "meeting__summary")
        # The passage the selectors quote, cut from the text in the query that reads the statements.
        .annotate(span_text=span_text())
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.only(*COMPACT_TOPIC)))
    )
    return queryset
