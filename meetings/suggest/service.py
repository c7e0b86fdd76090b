"""From proposals to draft records, and what curators decided: the room the command and the admin call.

- ``review(source)`` (from ``reviewing``): the source's proposals, each with its status (open,
  accepted, rejected, present); the open ones are remembered so the admin can count what awaits a curator.
- ``accept(source, keys, user)``: creates the drafts for those proposals, and what they need: a
  statement its speaker and relayer, a meeting its participants. Everything created is a draft
  (participants, which have no review status, are created as the article names them).
- ``reject(source, keys, user)``: remembers the refusal.
- ``suggest(source, dry_run=...)``: accepts every open proposal; a dry run only says what it would do.

``drafts`` creates the records, ``proposals_json`` writes the proposals as one JSON document. A
proposal is known by its ``key`` (``reviewing``), so running again on the same text creates nothing new.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from django.db import models, transaction

from ..choices import SuggestionKind, SuggestionStatus
from ..models import Source
from ..selectors import Reader
from .drafts import Drafts, decide, unsaved_drafts
from .proposed_meetings import ProposedMeeting
from .reviewing import SuggestionReport, review

# --- Deciding -----------------------------------------------------------------------------------


def suggest(
    source: Source, *, dry_run: bool = False, paraphrases: bool = True, user: Reader = None
) -> SuggestionReport:
    """Accept every open proposal for ``source``; a dry run returns the drafts unsaved and writes nothing."""
    if dry_run:
        report = review(source, paraphrases=paraphrases, remember=False)
        report.dry_run = True
        report.created = unsaved_drafts(source, report)
        return report
    with transaction.atomic():
        _lock(source)
        report = review(source, paraphrases=paraphrases)
        return _accept(report, {item.key for item in report.open}, user)


def accept(source: Source, keys: Collection[str], user: Reader = None) -> SuggestionReport:
    """Create the drafts for the open proposals named by ``keys`` (and the participants they need)."""
    with transaction.atomic():
        _lock(source)
        return _accept(review(source), set(keys), user)


def reject(source: Source, keys: Collection[str], user: Reader = None) -> SuggestionReport:
    """Remember that a curator refused the open proposals named by ``keys``: they are not offered again."""
    with transaction.atomic():
        _lock(source)
        report = review(source)
        chosen = [item for item in report.open if item.key in keys]
        for item in chosen:
            decide(source, item, SuggestionStatus.REJECTED, user)
        return review(source)


def _lock(source: Source) -> None:
    # Two decisions on one source at once must not both create the same drafts.
    list(Source.objects.select_for_update().filter(pk=source.pk).values_list("pk"))


def _accept(report: SuggestionReport, keys: set[str], user: Reader) -> SuggestionReport:
    drafts = Drafts(report, user)
    chosen = [item for item in report.open if item.key in keys]
    # Participants first, then meetings (a summit before the meetings held at it), then statements.
    meetings = report.proposals.meetings
    order: dict[str, int] = {SuggestionKind.PARTICIPANT: 0, SuggestionKind.MEETING: 1, SuggestionKind.STATEMENT: 2}
    chosen.sort(
        key=lambda item: (order[item.kind], item.kind == SuggestionKind.MEETING and _depth(meetings, item.index))
    )
    build: dict[str, Callable[[int], models.Model | None]] = {
        SuggestionKind.PARTICIPANT: drafts.participant,
        SuggestionKind.MEETING: drafts.meeting,
        SuggestionKind.STATEMENT: drafts.statement,
    }
    for item in chosen:
        build[item.kind](item.index)
    after = review(report.source)
    after.created, after.skipped = drafts.created, drafts.skipped
    return after


def _depth(meetings: list[ProposedMeeting], index: int) -> int:
    depth, parent = 0, meetings[index].parent
    while parent is not None and depth < len(meetings):
        depth, parent = depth + 1, meetings[parent].parent
    return depth


# --- The first suggester's name -------------------------------------------------------------------


def suggest_statements(source: Source, *, dry_run: bool = False, paraphrases: bool = True) -> SuggestionReport:
    """``suggest``, under the name the statements-only suggester had (the ``suggest_statements`` command)."""
    return suggest(source, dry_run=dry_run, paraphrases=paraphrases)
