"""Creating the drafts a curator accepts, and remembering each decision.

``Drafts`` creates, once each within one decision, the records accepted proposals need: a
participant as the article names it, a meeting with its participants and roles (a participant the
curator rejected is left out), a statement with its speaker and relayer (left open when its
speaker was rejected), each meeting and statement a draft citing the source. ``unsaved_drafts`` is
what accepting every open proposal would create, for a dry run.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from .. import services
from ..choices import DateBasis, StatementChannel, SuggestionKind, SuggestionStatus
from ..models import Meeting, Participant, Source, Statement, Suggestion, Topic, unique_slug
from ..selectors import Reader
from .participants import ProposedParticipant
from .proposals import Proposals, ProposedStatement
from .proposed_meetings import ProposedMeeting
from .reviewing import Item, SuggestionReport


def decide(source: Source, item: Item, status: str, user: Reader, record: models.Model | None = None) -> None:
    Suggestion.objects.update_or_create(
        source=source,
        key=item.key,
        defaults={
            "kind": item.kind,
            "label": item.label[:500],
            "status": status,
            "record_id": None if record is None else record.pk,
            "decided_by": user if user is not None and user.is_authenticated else None,
            "decided_at": timezone.now(),
        },
    )


class Drafts:
    """The records accepted proposals need, created at most once each within one decision."""

    def __init__(self, report: SuggestionReport, user: Reader):
        self.report, self.user, self.source = report, user, report.source
        self.created: list[models.Model] = []
        self.skipped: list[Item] = []  # statements whose speaker a curator rejected
        self.records: dict[tuple[str, int], Any] = {
            (item.kind, item.index): item.record for item in report.items if item.record is not None
        }

    def _done[M: models.Model](self, item: Item, record: M) -> M:
        self.records[(item.kind, item.index)] = record
        self.created.append(record)
        decide(self.source, item, SuggestionStatus.ACCEPTED, self.user, record)
        return record

    def participant(self, index: int) -> Participant | None:
        """The participant's record, created if need be; None when a curator rejected it."""
        item = self.report.item(SuggestionKind.PARTICIPANT, index)
        if isinstance(record := self.records.get((item.kind, index)), Participant):
            return record
        if item.status == SuggestionStatus.REJECTED:
            return None
        return self._done(item, _new_participant(self.report.proposals.participants[index]))

    def meeting(self, index: int) -> Meeting:
        item = self.report.item(SuggestionKind.MEETING, index)
        if isinstance(record := self.records.get((item.kind, index)), Meeting):
            return record
        proposal = self.report.proposals.meetings[index]
        # A participant the curator rejected is left out of the meeting, not created.
        people = [(self.participant(p), role) for p, role in proposal.participants]
        participations = [services.Participation(person, role) for person, role in people if person is not None]
        parent = None if proposal.parent is None else self.records.get((SuggestionKind.MEETING, proposal.parent))
        meeting = services.save_meeting(
            Meeting(slug=unique_slug(Meeting.objects.all(), proposal.title, "meeting")),
            {**_meeting_fields(proposal), "parent": parent},
            participants=participations,
            topics=Topic.objects.filter(slug__in=proposal.topics),
            sources=[self.source],
        )
        # Statements accepted before their meeting are said at it too.
        said_at = [i for i, statement in enumerate(self.report.proposals.statements) if statement.meeting == index]
        for statement in (self.records.get((SuggestionKind.STATEMENT, i)) for i in said_at):
            if isinstance(statement, Statement) and statement.meeting_id is None:
                statement.meeting = meeting
                statement.save(update_fields=["meeting", "updated_at"])
        return self._done(item, meeting)

    def statement(self, index: int) -> Statement | None:
        """The statement's draft; None when a curator rejected its speaker, so that it stays open."""
        item = self.report.item(SuggestionKind.STATEMENT, index)
        if isinstance(record := self.records.get((item.kind, index)), Statement):
            return record
        proposal = self.report.proposals.statements[index]
        speaker = self.participant(proposal.speaker)
        if speaker is None:
            self.skipped.append(item)
            return None
        statement = _new_statement(self.source, proposal)
        statement.speaker = speaker
        statement.via = None if proposal.via is None else self.participant(proposal.via)
        if proposal.meeting is not None:
            statement.meeting = self.records.get((SuggestionKind.MEETING, proposal.meeting))
        statement.save()
        return self._done(item, statement)


def _new_participant(proposal: ProposedParticipant) -> Participant:
    participant = Participant(
        slug=unique_slug(Participant.objects.all(), proposal.name, "participant"),
        name=proposal.name[:200],
        kind=proposal.kind,
        country=proposal.country,
        position=proposal.position[:300],
    )
    participant.save()
    return participant


def _meeting_fields(proposal: ProposedMeeting) -> dict[str, Any]:
    return {
        "title": proposal.title[:300],
        "kind": proposal.kind,
        "status": proposal.status,
        "date": proposal.date,
        "date_precision": proposal.date_precision,
        "date_basis": DateBasis.SOURCE if proposal.date else DateBasis.NONE,
        "city": proposal.city,
        "country": proposal.country,
    }


def _new_statement(source: Source, proposal: ProposedStatement) -> Statement:
    return Statement(
        source=source,
        kind=proposal.kind,
        text=proposal.text,
        occurrence=proposal.occurrence,
        channel=StatementChannel.UNKNOWN,
    )


def unsaved_drafts(source: Source, report: SuggestionReport) -> list[models.Model]:
    """What accepting every open proposal would create, unsaved: participants, meetings, statements located."""
    proposals = report.proposals
    drafts: list[models.Model] = []
    people: dict[int, Participant] = {}
    for item in report.items:
        if item.status != SuggestionStatus.OPEN:
            if item.kind == SuggestionKind.PARTICIPANT and isinstance(item.record, Participant):
                people[item.index] = item.record
            continue
        if item.kind == SuggestionKind.PARTICIPANT:
            proposal = proposals.participants[item.index]
            people[item.index] = Participant(
                slug="", name=proposal.name, kind=proposal.kind, country=proposal.country, position=proposal.position
            )
            drafts.append(people[item.index])
        elif item.kind == SuggestionKind.MEETING:
            drafts.append(Meeting(**_meeting_fields(proposals.meetings[item.index])))
    for item in report.of_kind(SuggestionKind.STATEMENT):
        if item.status == SuggestionStatus.OPEN:
            said = proposals.statements[item.index]
            statement = _new_statement(source, said)
            statement.speaker = people.get(said.speaker) or _participant_named(proposals, said.speaker)
            if said.via is not None:
                statement.via = people.get(said.via) or _participant_named(proposals, said.via)
            statement.locate()
            drafts.append(statement)
    return drafts


def _participant_named(proposals: Proposals, index: int) -> Participant:
    proposal = proposals.participants[index]
    return Participant(slug=proposal.existing or "", name=proposal.name, kind=proposal.kind)
