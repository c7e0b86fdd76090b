"""From proposals to draft records, and what curators decided: the room the command and the admin call.

- ``review(source)``: the source's proposals (``proposals.propose`` on its text, with the
  database's participants and topics), each with its status: **open**, **accepted** (a draft was
  created from it), **rejected** (a curator said no; it is not offered again) or **present** (the
  database has it already: a known participant, a curated statement or meeting). The open ones are
  remembered as ``Suggestion`` rows, so the admin can count what awaits a curator.
- ``accept(source, keys, user)``: creates the drafts for those proposals, and what they need: a
  statement its speaker and relayer, a meeting its participants. Everything created is a draft
  (participants, which have no review status, are created as the article names them).
- ``reject(source, keys, user)``: remembers the refusal.
- ``suggest(source, dry_run=...)``: accepts every open proposal; a dry run only says what it would do.

A proposal is known by its ``key``, a digest of what it is (a statement's kind and span, a
meeting's kind, date and participants, a participant's kind and name), so running again on the
same text creates nothing new.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from anyascii import anyascii
from django.db import models, transaction
from django.utils import timezone

from .. import provenance, services
from ..choices import (
    DateBasis,
    MeetingKind,
    StatementChannel,
    StatementKind,
    SuggestionKind,
    SuggestionStatus,
)
from ..models import Meeting, Participant, Source, Statement, Suggestion, Topic, unique_slug
from ..selectors import Reader
from .mentions import Speaker
from .participants import ProposedParticipant
from .proposals import Proposals, ProposedStatement, propose
from .proposed_meetings import ProposedMeeting

# What the database has already: a proposal with this status needs no decision.
PRESENT = "present"

# Two statements of the same kind whose spans share at least this share of the shorter one
# are the same statement, cut a little differently ("frank and comprehensive" vs "… ,").
_SAME_OVERLAP = 0.5


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """The overlap of two spans as a share of the shorter one (0 when they are disjoint)."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shortest = min(a[1] - a[0], b[1] - b[0])
    return max(shared, 0) / shortest if shortest > 0 else 0.0


@dataclass(frozen=True)
class Item:
    """One proposal as the curator sees it: what it is, where its evidence stands, and its status."""

    kind: str  # SuggestionKind value
    index: int  # into the proposals' list of that kind
    key: str
    label: str
    start: int  # the evidence, in the source's text
    end: int
    status: str  # a SuggestionStatus value, or PRESENT
    record: models.Model | None = None  # the database's record, when present or accepted


@dataclass
class SuggestionReport:
    """One source's proposals, their items in text order within each kind, and what this call created."""

    source: Source
    proposals: Proposals
    items: list[Item]
    dry_run: bool = False
    created: list[models.Model] = field(default_factory=list)  # unsaved in a dry run
    skipped: list[Item] = field(default_factory=list)  # statements left open: their speaker was rejected

    def of_kind(self, kind: str) -> list[Item]:
        return [item for item in self.items if item.kind == kind]

    def item(self, kind: str, index: int) -> Item:
        return next(item for item in self.items if item.kind == kind and item.index == index)

    @property
    def open(self) -> list[Item]:
        return [item for item in self.items if item.status == SuggestionStatus.OPEN]

    def summary(self) -> str:
        verb = "would create" if self.dry_run else "created"
        counts = {kind: sum(isinstance(record, model) for record in self.created) for kind, model in _MODELS.items()}
        made = ", ".join(f"{counts[kind]} {kind}{'' if counts[kind] == 1 else 's'}" for kind in _MODELS)
        statuses = [item.status for item in self.items]
        skipped = f", {len(self.skipped)} left open as their speaker was rejected" if self.skipped else ""
        return (
            f"{verb} {made}{skipped}; {statuses.count(PRESENT)} already present, "
            f"{statuses.count(SuggestionStatus.REJECTED)} rejected before, "
            f"{len(self.proposals.unattributed)} passages with no speaker"
        )

    def as_json(self) -> dict[str, Any]:
        """The proposals as one document: the participants, meetings and statements, linked by index."""
        return _document(self)


_MODELS: dict[str, type[models.Model]] = {
    SuggestionKind.PARTICIPANT: Participant,
    SuggestionKind.MEETING: Meeting,
    SuggestionKind.STATEMENT: Statement,
}


# --- Reviewing ----------------------------------------------------------------------------------


def review(source: Source, *, paraphrases: bool = True, remember: bool = True) -> SuggestionReport:
    """The source's proposals with their statuses; the open ones are remembered unless ``remember`` is false."""
    known = list(Participant.objects.all())
    proposals = propose(
        source.text,
        source.published_on,
        [Speaker.from_participant(participant) for participant in known],
        list(Topic.objects.values_list("slug", "name")),
        paraphrases=paraphrases,
    )
    decisions = {suggestion.key: suggestion for suggestion in source.suggestions.all()}
    by_slug = {participant.slug: participant for participant in known}
    items = [
        *_participant_items(proposals, decisions, by_slug),
        *_meeting_items(source, proposals, decisions),
        *_statement_items(source, proposals, decisions),
    ]
    if remember:
        _remember_open(source, items, decisions)
    return SuggestionReport(source, proposals, items)


def _status(key: str, decisions: dict[str, Suggestion], model: type[models.Model]) -> tuple[str, Any]:
    decision = decisions.get(key)
    if decision is None or decision.status == SuggestionStatus.OPEN:
        return SuggestionStatus.OPEN, None
    record = model._default_manager.filter(pk=decision.record_id).first() if decision.record_id else None
    return decision.status, record


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:40]


def _name_key(name: str) -> str:
    return " ".join(anyascii(name).lower().split())


def _participant_items(
    proposals: Proposals, decisions: dict[str, Suggestion], by_slug: dict[str, Participant]
) -> list[Item]:
    items = []
    for index, proposal in enumerate(proposals.participants):
        key = f"p-{_digest(proposal.kind, _name_key(proposal.name))}"
        status, record = _status(key, decisions, Participant)
        if status == SuggestionStatus.OPEN and proposal.existing is not None:
            status, record = PRESENT, by_slug.get(proposal.existing)
        label = ", ".join(filter(None, [proposal.name, proposal.position, proposal.country, proposal.kind]))
        items.append(Item(SuggestionKind.PARTICIPANT, index, key, label, proposal.start, proposal.end, status, record))
    return items


def _meeting_key(proposals: Proposals, meeting: ProposedMeeting) -> str:
    names = sorted(_name_key(proposals.participants[index].name) for index, _ in meeting.participants)
    return f"m-{_digest(meeting.kind, meeting.date, meeting.date_precision, *(names or [meeting.title]))}"


def _meeting_items(source: Source, proposals: Proposals, decisions: dict[str, Suggestion]) -> list[Item]:
    curated = list(source.meetings.prefetch_related("participations__participant"))
    items = []
    for index, meeting in enumerate(proposals.meetings):
        key = _meeting_key(proposals, meeting)
        status, record = _status(key, decisions, Meeting)
        if status == SuggestionStatus.OPEN and (present := _curated_meeting(proposals, meeting, curated)):
            status, record = PRESENT, present
        label = f"{meeting.title} ({MeetingKind(meeting.kind).label.lower()}, {meeting.status}, " + (
            f"{meeting.date.isoformat()} to the {meeting.date_precision})" if meeting.date else "date unknown)"
        )
        items.append(Item(SuggestionKind.MEETING, index, key, label, meeting.start, meeting.end, status, record))
    return items


def _curated_meeting(proposals: Proposals, meeting: ProposedMeeting, curated: list[Meeting]) -> Meeting | None:
    """The source's meeting that is this one: the same date, and every proposed participant among its own."""
    slugs = {proposals.participants[index].existing for index, _ in meeting.participants}
    if not slugs or None in slugs:
        return None  # a proposed participant the database lacks cannot be in a stored meeting
    for candidate in curated:
        theirs = {participation.participant.slug for participation in candidate.participations.all()}
        if candidate.date == meeting.date and slugs <= theirs:
            return candidate
    return None


def _statement_items(source: Source, proposals: Proposals, decisions: dict[str, Suggestion]) -> list[Item]:
    stored = list(source.statements.values_list("kind", "text", "span_start", "span_end", "pk"))
    items = []
    for index, statement in enumerate(proposals.statements):
        key = f"s-{_digest(statement.kind, statement.start, statement.end)}"
        status, record = _status(key, decisions, Statement)
        if status == SuggestionStatus.OPEN and (present := _stored_statement(statement, stored)):
            status, record = PRESENT, Statement.objects.filter(pk=present).first()
        speaker = proposals.participants[statement.speaker].name
        kind = StatementKind(statement.kind).label.lower()
        label = f"{speaker} ({kind}): “{_shorten(statement.text)}”"
        items.append(Item(SuggestionKind.STATEMENT, index, key, label, statement.start, statement.end, status, record))
    return items


def _stored_statement(statement: ProposedStatement, stored: Iterable[tuple[str, str, Any, Any, int]]) -> int | None:
    """The id of the source's statement that is this one: the same words, or mostly the same span and kind."""
    folded = provenance.fold_whitespace(statement.text)
    for kind, text, start, end, pk in stored:
        if provenance.fold_whitespace(text) == folded:
            return pk
        span = None if start is None else (start, end)
        if kind == statement.kind and span and spans_overlap(span, (statement.start, statement.end)) >= _SAME_OVERLAP:
            return pk
    return None


def _shorten(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _remember_open(source: Source, items: list[Item], decisions: dict[str, Suggestion]) -> None:
    """Keep one open row per open proposal, and none for proposals the text no longer gives."""
    open_keys = {item.key for item in items if item.status == SuggestionStatus.OPEN}
    stale = [key for key, row in decisions.items() if row.status == SuggestionStatus.OPEN and key not in open_keys]
    Suggestion.objects.filter(source=source, key__in=stale).delete()
    Suggestion.objects.bulk_create(
        [
            Suggestion(source=source, kind=item.kind, key=item.key, label=item.label[:500])
            for item in items
            if item.status == SuggestionStatus.OPEN and item.key not in decisions
        ],
        ignore_conflicts=True,
    )


# --- Deciding -----------------------------------------------------------------------------------


def suggest(
    source: Source, *, dry_run: bool = False, paraphrases: bool = True, user: Reader = None
) -> SuggestionReport:
    """Accept every open proposal for ``source``; a dry run returns the drafts unsaved and writes nothing."""
    if dry_run:
        report = review(source, paraphrases=paraphrases, remember=False)
        report.dry_run = True
        report.created = _unsaved_drafts(source, report)
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
            _decide(source, item, SuggestionStatus.REJECTED, user)
        return review(source)


def _lock(source: Source) -> None:
    # Two decisions on one source at once must not both create the same drafts.
    list(Source.objects.select_for_update().filter(pk=source.pk).values_list("pk"))


def _decide(source: Source, item: Item, status: str, user: Reader, record: models.Model | None = None) -> None:
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


class _Drafts:
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
        _decide(self.source, item, SuggestionStatus.ACCEPTED, self.user, record)
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


def _accept(report: SuggestionReport, keys: set[str], user: Reader) -> SuggestionReport:
    drafts = _Drafts(report, user)
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


def _unsaved_drafts(source: Source, report: SuggestionReport) -> list[models.Model]:
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


# --- The JSON document ----------------------------------------------------------------------------


def _document(report: SuggestionReport) -> dict[str, Any]:
    proposals = report.proposals
    slugs = {item.index: getattr(item.record, "slug", None) for item in report.of_kind(SuggestionKind.PARTICIPANT)}

    def who(index: int | None) -> dict[str, Any] | None:
        if index is None:
            return None
        return {"name": proposals.participants[index].name, "slug": slugs.get(index)}

    def status(kind: str, index: int) -> str:
        return report.item(kind, index).status

    return {
        "source": report.source.slug,
        "participants": [
            {
                "name": participant.name,
                "kind": participant.kind,
                "country": participant.country or None,
                "position": participant.position,
                "existing": slugs.get(index) if status(SuggestionKind.PARTICIPANT, index) == PRESENT else None,
                "review": status(SuggestionKind.PARTICIPANT, index),
            }
            for index, participant in enumerate(proposals.participants)
        ],
        "meetings": [
            {
                "title": meeting.title,
                "kind": meeting.kind,
                "status": meeting.status,
                "date": None if meeting.date is None else meeting.date.isoformat(),
                "date_precision": meeting.date_precision,
                "city": meeting.city,
                "country": meeting.country or None,
                "participants": [{**who(p), "role": role} for p, role in meeting.participants],  # type: ignore[dict-item]
                "parent": meeting.parent,
                "topics": list(meeting.topics),
                "start": meeting.start,
                "end": meeting.end,
                "review": status(SuggestionKind.MEETING, index),
            }
            for index, meeting in enumerate(proposals.meetings)
        ],
        "statements": [
            {
                "speaker": who(statement.speaker),
                "kind": statement.kind,
                "text": statement.text,
                "start": statement.start,
                "end": statement.end,
                "via": who(statement.via),
                "meeting": statement.meeting,
                "review": status(SuggestionKind.STATEMENT, index),
            }
            for index, statement in enumerate(proposals.statements)
        ],
    }


# --- The first suggester's name -------------------------------------------------------------------


def suggest_statements(source: Source, *, dry_run: bool = False, paraphrases: bool = True) -> SuggestionReport:
    """``suggest``, under the name the statements-only suggester had (the ``suggest_statements`` command)."""
    return suggest(source, dry_run=dry_run, paraphrases=paraphrases)


__all__ = [
    "PRESENT",
    "Item",
    "SuggestionReport",
    "accept",
    "reject",
    "review",
    "spans_overlap",
    "suggest",
    "suggest_statements",
]
