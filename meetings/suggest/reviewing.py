"""The proposals for a source with their statuses, as a curator reviews them.

``review(source)`` runs ``proposals.propose`` on the source's text, with the database's
participants and topics, and gives each proposal its status: **open**, **accepted** (a draft was
created from it), **rejected** (a curator said no; it is not offered again) or **present** (the
database has it already: a known participant, a curated statement or meeting). The open ones are
remembered as ``Suggestion`` rows, so that the admin can count what awaits a curator.

A proposal is known by its ``key``, a digest of what it is (a statement's kind and span, a
meeting's kind, date and participants, a participant's kind and name), so that a decision holds
however often the text is read again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from anyascii import anyascii
from django.db import models

from .. import provenance
from ..choices import PRESENT, MeetingKind, StatementKind, SuggestionKind, SuggestionStatus
from ..models import Meeting, Participant, Source, Statement, Suggestion, Topic
from .mentions import Speaker
from .proposals import Proposals, ProposedStatement, propose
from .proposed_meetings import ProposedMeeting

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
        from .proposals_json import document

        return document(self)


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
    decided = _decided_records(decisions.values())
    by_slug = {participant.slug: participant for participant in known}
    items = [
        *_participant_items(proposals, decisions, decided, by_slug),
        *_meeting_items(source, proposals, decisions, decided),
        *_statement_items(source, proposals, decisions, decided),
    ]
    if remember:
        _remember_open(source, items, decisions)
    return SuggestionReport(source, proposals, items)


# A decision's record, by the decision's kind and the record's id.
Decided = dict[tuple[str, int], models.Model]


def _decided_records(decisions: Iterable[Suggestion]) -> Decided:
    """The records accepted proposals created, that still exist: one query per kind of record."""
    wanted: dict[str, set[int]] = {}
    for decision in decisions:
        if decision.record_id is not None:
            wanted.setdefault(decision.kind, set()).add(decision.record_id)
    return {
        (kind, pk): record
        for kind, pks in wanted.items()
        for pk, record in _MODELS[kind]._default_manager.in_bulk(pks).items()
    }


def _status(key: str, decisions: dict[str, Suggestion], decided: Decided) -> tuple[str, Any]:
    decision = decisions.get(key)
    if decision is None or decision.status == SuggestionStatus.OPEN:
        return SuggestionStatus.OPEN, None
    record = decided.get((decision.kind, decision.record_id)) if decision.record_id is not None else None
    return decision.status, record


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:40]


def _name_key(name: str) -> str:
    return " ".join(anyascii(name).lower().split())


def _participant_items(
    proposals: Proposals, decisions: dict[str, Suggestion], decided: Decided, by_slug: dict[str, Participant]
) -> list[Item]:
    items = []
    for index, proposal in enumerate(proposals.participants):
        key = f"p-{_digest(proposal.kind, _name_key(proposal.name))}"
        status, record = _status(key, decisions, decided)
        if status == SuggestionStatus.OPEN and proposal.existing is not None:
            status, record = PRESENT, by_slug.get(proposal.existing)
        label = ", ".join(filter(None, [proposal.name, proposal.position, proposal.country, proposal.kind]))
        items.append(Item(SuggestionKind.PARTICIPANT, index, key, label, proposal.start, proposal.end, status, record))
    return items


def _meeting_key(proposals: Proposals, meeting: ProposedMeeting) -> str:
    names = sorted(_name_key(proposals.participants[index].name) for index, _ in meeting.participants)
    return f"m-{_digest(meeting.kind, meeting.date, meeting.date_precision, *(names or [meeting.title]))}"


def _meeting_items(
    source: Source, proposals: Proposals, decisions: dict[str, Suggestion], decided: Decided
) -> list[Item]:
    curated = list(source.meetings.prefetch_related("participations__participant"))
    items = []
    for index, meeting in enumerate(proposals.meetings):
        key = _meeting_key(proposals, meeting)
        status, record = _status(key, decisions, decided)
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


def _statement_items(
    source: Source, proposals: Proposals, decisions: dict[str, Suggestion], decided: Decided
) -> list[Item]:
    stored = list(source.statements.all())
    items = []
    for index, statement in enumerate(proposals.statements):
        key = f"s-{_digest(statement.kind, statement.start, statement.end)}"
        status, record = _status(key, decisions, decided)
        if status == SuggestionStatus.OPEN and (present := _stored_statement(statement, stored)):
            status, record = PRESENT, present
        speaker = proposals.participants[statement.speaker].name
        kind = StatementKind(statement.kind).label.lower()
        label = f"{speaker} ({kind}): “{_shorten(statement.text)}”"
        items.append(Item(SuggestionKind.STATEMENT, index, key, label, statement.start, statement.end, status, record))
    return items


def _stored_statement(statement: ProposedStatement, stored: Iterable[Statement]) -> Statement | None:
    """The source's statement that is this one: the same words, or mostly the same span and kind."""
    folded = provenance.fold_whitespace(statement.text)
    for other in stored:
        if provenance.fold_whitespace(other.text) == folded:
            return other
        if other.kind != statement.kind or other.span_start is None or other.span_end is None:
            continue
        if spans_overlap((other.span_start, other.span_end), (statement.start, statement.end)) >= _SAME_OVERLAP:
            return other
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
