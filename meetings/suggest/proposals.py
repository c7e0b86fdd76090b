"""Everything the suggester proposes from one article: who meets or speaks, the meetings, the statements.

``propose`` is a pure function of the text, the article's date and what the database already
knows (its participants as ``Speaker``\\ s, its topics as (slug, name) pairs). It runs the three
finders in order and ties their findings together by index:

1. ``participants.propose_participants``: the people and institutions the article shows meeting
   or speaking, each matched to a known participant only when certain;
2. ``candidates.find_candidates``: the quotes and reported speech, attributed to the known
   participants and to the new ones the first step proposed (whose names the database does not
   know yet), with who relayed them;
3. ``proposed_meetings.propose_meetings``: the meetings, with their participants and roles.

A statement belongs to the held meeting its speaker took part in, when the article reports one, or
one on its own date among several; otherwise which one is for the curator to say. Nothing here touches the database.
"""

import bisect
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..choices import MeetingKind, MeetingStatus, ParticipantKind, ParticipantRole
from .candidates import Candidate, find_candidates
from .mentions import MentionIndex, Speaker
from .participants import ProposedParticipant, propose_participants
from .proposed_meetings import ProposedMeeting, propose_meetings
from .speech import SPOKESPERSON
from .text import furniture_lines, line_spans, normalise

# The key a new participant's Speaker has while the finders run: "+" and its index among the proposals.
_NEW = "+"


@dataclass(frozen=True)
class ProposedStatement:
    """A quote or reported-speech clause, with its speaker, relayer and meeting as indexes into the proposals."""

    kind: str  # StatementKind value
    text: str  # verbatim from the article
    start: int
    end: int
    occurrence: int  # which appearance of the words this is, for Statement.occurrence
    speaker: int  # index into Proposals.participants
    via: int | None  # index into Proposals.participants
    meeting: int | None  # index into Proposals.meetings
    cue: str  # the words that name the speaker, shown to the curator


@dataclass(frozen=True)
class Proposals:
    """One article's proposals; statements whose speaker nobody could name are kept apart, unattributed."""

    participants: list[ProposedParticipant]
    meetings: list[ProposedMeeting]
    statements: list[ProposedStatement]
    unattributed: list[Candidate]


def propose(
    text: str,
    published_on: datetime.date | None,
    known: Sequence[Speaker],
    topics: Sequence[tuple[str, str]] = (),
    *,
    paraphrases: bool = True,
) -> Proposals:
    """The participants, meetings and statements ``text`` reports, in text order within each kind."""
    known = _named_in(text, known)
    participants = list(propose_participants(text, known))
    speakers = list(known) + [
        Speaker(
            key=f"{_NEW}{index}",
            name=proposal.name,
            position=proposal.position,
            is_person=proposal.kind == ParticipantKind.PERSON,
        )
        for index, proposal in enumerate(participants)
        if proposal.existing is None
    ]
    candidates = find_candidates(text, speakers, paraphrases=paraphrases)
    index_of = _participant_indexes(participants)
    by_key = {speaker.key: speaker for speaker in known}

    def participant(key: str, candidate: Candidate) -> int:
        if key not in index_of:  # a known participant the statement finder recognised and the first step did not
            speaker = by_key[key]
            kind = ParticipantKind.PERSON if speaker.is_person else ParticipantKind.INSTITUTION
            participants.append(ProposedParticipant(speaker.name, kind, "", "", key, candidate.start, candidate.end))
            index_of[key] = len(participants) - 1
        return index_of[key]

    attributed = [candidate for candidate in candidates if candidate.speaker is not None]
    speakers_of = [
        (participant(c.speaker, c), None if c.via is None else participant(c.via, c))  # type: ignore[arg-type]
        for c in attributed
    ]
    # Known participants the text names in full without an office or a verb beside the name may
    # still be among those who meet: offered to the meeting finder, kept only if it uses them.
    proposed = len(participants)
    lines = _Lines.of(text)
    participants += _named_in_full(lines, known, set(index_of))
    meetings = propose_meetings(text, published_on, participants, topics)
    participants, meetings = _without_unused(participants, meetings, proposed)
    meetings = _with_its_speakers(
        lines, published_on, meetings, participants, [c.start for c in attributed], speakers_of
    )
    statements = [
        ProposedStatement(
            kind=candidate.kind,
            text=candidate.text,
            start=candidate.start,
            end=candidate.end,
            occurrence=candidate.occurrence,
            speaker=speaker,
            via=via,
            meeting=_meeting_of(speaker, meetings, published_on),
            cue=candidate.cue,
        )
        for candidate, (speaker, via) in zip(attributed, speakers_of, strict=True)
    ]
    unattributed = [candidate for candidate in candidates if candidate.speaker is None]
    return Proposals(participants, meetings, statements, unattributed)


def _named_in(text: str, known: Sequence[Speaker]) -> list[Speaker]:
    """The known participants the text may name: a word of one of their names stands in it.

    A database holds thousands of participants and an article names a few: the finders compile
    their patterns for these only. (Folded the finders' way: one apostrophe and space for all.)
    """
    norm = normalise(text)
    words = set(re.findall(r"[\w'-]+", norm))
    return [
        speaker
        for speaker in known
        if any(word in words for name in speaker.full_names for word in normalise(name).split())
    ]


@dataclass(frozen=True)
class _Lines:
    """The text normalised, its lines, and which of them are page furniture: read once for the steps below."""

    norm: str
    spans: list[tuple[int, int]]
    furniture: set[int]

    @classmethod
    def of(cls, text: str) -> "_Lines":
        norm = normalise(text)
        spans = line_spans(norm)
        return cls(norm, spans, furniture_lines(norm, spans))


def _named_in_full(lines: _Lines, known: Sequence[Speaker], already: set[str]) -> list[ProposedParticipant]:
    """The known participants the text names in full (outside page furniture), once each, not among ``already``."""
    starts = [start for start, _ in lines.spans]
    found: dict[str, ProposedParticipant] = {}
    speakers = {speaker.key: speaker for speaker in known}
    for mention in MentionIndex(known).find(lines.norm):
        if mention.form != "name" or len(mention.keys) != 1 or (key := next(iter(mention.keys))) in already:
            continue
        if key in found or bisect.bisect_right(starts, mention.start) - 1 in lines.furniture:
            continue
        speaker = speakers[key]
        kind = ParticipantKind.PERSON if speaker.is_person else ParticipantKind.INSTITUTION
        found[key] = ProposedParticipant(speaker.name, kind, "", "", key, mention.start, mention.end)
    return list(found.values())


def _without_unused(
    participants: list[ProposedParticipant], meetings: list[ProposedMeeting], keep: int
) -> tuple[list[ProposedParticipant], list[ProposedMeeting]]:
    """The first ``keep`` participants and the others a meeting uses; the meetings renumbered to match."""
    used = {index for meeting in meetings for index, _ in meeting.participants}
    kept = [index for index in range(len(participants)) if index < keep or index in used]
    new_index = {old: new for new, old in enumerate(kept)}
    renumbered = [
        replace(meeting, participants=tuple((new_index[index], role) for index, role in meeting.participants))
        for meeting in meetings
    ]
    return [participants[index] for index in kept], renumbered


def _with_its_speakers(
    lines: _Lines,
    published_on: datetime.date | None,
    meetings: list[ProposedMeeting],
    participants: Sequence[ProposedParticipant],
    starts: Sequence[int],
    speakers: Sequence[tuple[int, int | None]],
) -> list[ProposedMeeting]:
    """The article's gathering with the people it quotes after naming it, as attendees.

    An article whose headline or lead reports a summit, council or conference held in the days
    around its date is the news of that gathering: the people it quotes from then on spoke there
    (the leaders at a summit, the ministers at a council), unless they speak for someone else (a
    spokesperson, a press secretary). Only people, and only the first such gathering.
    """
    norm = lines.norm
    body = [end for i, (start, end) in enumerate(lines.spans) if i not in lines.furniture and norm[start:end].strip()]
    if len(body) < 2:
        return meetings
    found = next(
        (
            index
            for index, meeting in enumerate(meetings)
            if meeting.kind == MeetingKind.SUMMIT
            and meeting.status == MeetingStatus.HELD
            and meeting.start < body[1]
            and (meeting.date is None or published_on is None or abs((meeting.date - published_on).days) <= 3)
        ),
        None,
    )
    if found is None:
        return meetings
    gathering = meetings[found]
    present = {index for index, _ in gathering.participants}
    added: dict[int, str] = {}
    for start, (speaker, _) in zip(starts, speakers, strict=True):
        person = participants[speaker]
        if start < gathering.start or speaker in present or person.kind != ParticipantKind.PERSON:
            continue
        # The office before the name, where the article gives it apart: "a spokesman for the ministry, Lars Berg,".
        office = norm[max(0, person.start - 60) : person.start]
        # Who speaks for someone else is not at the gathering for being quoted about it.
        if not (SPOKESPERSON.search(person.position) or SPOKESPERSON.search(office)):
            added.setdefault(speaker, ParticipantRole.ATTENDEE)
    if not added:
        return meetings
    return [
        replace(meeting, participants=meeting.participants + tuple(added.items())) if index == found else meeting
        for index, meeting in enumerate(meetings)
    ]


def _participant_indexes(participants: list[ProposedParticipant]) -> dict[str, int]:
    """Each speaker key (a known participant's, or a new one's "+index") to its index among the proposals."""
    indexes: dict[str, int] = {}
    for index, proposal in enumerate(participants):
        indexes.setdefault(proposal.existing or f"{_NEW}{index}", index)
    return indexes


def _meeting_of(speaker: int, meetings: Sequence[ProposedMeeting], published_on: datetime.date | None) -> int | None:
    """The held meeting the statement is most likely about, or None when the article leaves it open.

    The speaker's one held meeting; of several, the one on the article's own date (the news of
    the day; the others are history); a summit gives way to the meeting held on its sidelines.
    """
    theirs = [
        index
        for index, meeting in enumerate(meetings)
        if meeting.status == MeetingStatus.HELD and any(p == speaker for p, _ in meeting.participants)
    ]
    parents = {meetings[index].parent for index in theirs}
    theirs = [index for index in theirs if index not in parents]
    if len(theirs) > 1 and published_on is not None:
        theirs = [index for index in theirs if meetings[index].date == published_on]
    return theirs[0] if len(theirs) == 1 else None
