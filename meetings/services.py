"""Writes that the admin, the API and the commands share.

- ``set_review_status``: the one review transition. Verifying records who verified and when;
  going back to draft clears both.
- ``save_meeting``: a meeting with its participants (in order, each with a role), topics,
  sources and outcomes, replaced together in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from .choices import ReviewStatus
from .models import Meeting, MeetingParticipant, Outcome, Participant, ReviewedModel, Source, Topic
from .selectors import Reader


def set_review_status(record: ReviewedModel, status: str, user: Reader = None) -> bool:
    """Put ``record`` in ``status`` (unsaved); True when that is a change.

    A record verified already keeps who verified it and when. ``user`` is who does it; an
    anonymous or missing user verifies without a name.
    """
    if status == ReviewStatus.VERIFIED:
        if record.review_status == ReviewStatus.VERIFIED and record.verified_at is not None:
            return False
        record.review_status = ReviewStatus.VERIFIED
        record.verified_at = timezone.now()
        record.verified_by = user if user is not None and user.is_authenticated else None
        return True
    changed = record.review_status != ReviewStatus.DRAFT
    record.review_status, record.verified_at, record.verified_by = ReviewStatus.DRAFT, None, None
    return changed


@transaction.atomic
def set_review_status_of_all(records: QuerySet[Any], status: str, user: Reader = None) -> int:
    """``set_review_status`` on each record not in ``status`` yet, saved one by one (so each keeps its history)."""
    count = 0
    for record in records.exclude(review_status=status):
        set_review_status(record, status, user)
        record.save()
        count += 1
    return count


@dataclass(frozen=True)
class Participation:
    participant: Participant
    role: str


@dataclass(frozen=True)
class MeetingOutcome:
    description: str
    source: Source


@transaction.atomic
def save_meeting(
    meeting: Meeting,
    fields: dict[str, Any],
    *,
    participants: Iterable[Participation] | None = None,
    topics: Iterable[Topic] | None = None,
    sources: Iterable[Source] | None = None,
    outcomes: Iterable[MeetingOutcome] | None = None,
) -> Meeting:
    """Save ``meeting`` with ``fields`` set; each relation given replaces the old one whole, None keeps it."""
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save()
    if topics is not None:
        meeting.topics.set(topics)
    if sources is not None:
        meeting.sources.set(sources)
    if participants is not None:
        meeting.participations.all().delete()
        MeetingParticipant.objects.bulk_create(
            MeetingParticipant(meeting=meeting, participant=p.participant, role=p.role, position=index)
            for index, p in enumerate(participants)
        )
    if outcomes is not None:
        meeting.outcomes.all().delete()
        Outcome.objects.bulk_create(
            Outcome(meeting=meeting, description=o.description, source=o.source, position=index)
            for index, o in enumerate(outcomes)
        )
    return meeting
