"""Proposing the diplomatic meetings an article reports: kind, status, date, place, participants and roles.

``propose_meetings`` is a pure function of the text, the article's date, the participants proposed from
it (``participants.propose_participants``) and the topics the database knows. It reads the narrator's
words only (page furniture and quoted passages are blanked), sentence by sentence and clause by clause
("…; …", "…, and …", "… said that …", "… told a press conference … that …", "… after X …"). The words
it looks for are in ``meeting_words``; drafts and how they merge, visits and their sessions, in
``meeting_drafts``. The rules, for precision over recall (DATA.md, "Meetings" and "Dates"):

- A clause reports a meeting with a meeting's words ("met", "held talks", "held consultations", "received",
  "a phone call", "had a call with", "visited", "travelled to", "a joint press conference", "speaking to
  reporters alongside", "a joint commission would meet") and a participant; a named summit, conference,
  forum, ministerial or council meeting, or a commission, needs none, and so does a next session ("the next
  meeting will be held in Riga", "the next round of consultations"), a meeting apart. Words that only point
  back ("the talks", "the visit") fill in the last meeting of their kind, and propose one only with two
  participants; one person's press conference is a meeting only as a session of a visit. Negated words
  ("did not meet") report nothing.
- Kind: the clause's most specific words (a call over talks over a meeting). A visit or a summit in a
  clause that reports another meeting is its parent ("on the sidelines of the G20 summit", "during his
  visit"), not one "ahead of" or "after" it; "arrived in Rio for the G20 summit" only attends it. After a
  gathering is named, "the meeting" in "on the sidelines of the meeting", "attended the meeting" is it.
- Participants: the clause's mentions (full name; surname after the first full mention; an institution's
  name; "the two ministers" for the last two people named, when both are ministers; "he", "she" for the
  last person named as a subject in this paragraph or the one before), less whoever only reports the
  meeting ("according to the Kremlin", "Peskov said Putin met Xi"; but who speaks at a press conference
  is at it) and possessors ("Moreno's minister"). A clause without a subject ("…, and then held talks
  with …") takes the one before's. Roles: who received, hosted, welcomed or (co-)chaired hosts the others;
  "X called Y" and "X received a call from Y" give caller and recipient; a visitor is a guest of who
  invited, hosted or was visited; else attendee.
- Visits and gatherings (``meeting_drafts.sessions``): a visit is the parent of the sessions reported
  around it; in them the visitor is the guest and the others host, and the visit's participants are all
  of theirs. A named gathering's participants include who met on its sidelines.
- Status: cancelled ("cancelled", "called off", "postponed indefinitely"; the cue goes to the nearest
  meeting's words), proposed ("proposed a meeting", "invited X to visit"), planned ("will meet", "is
  expected to travel to", "agreed to hold", "is scheduled for"); else its parent's in the clause; else held,
  or planned when its date is after the article's.
- Date: the clause's first date phrase, as ``dates.find_dates`` resolves it in its sentence ("today" is the
  article's day; a planned meeting's as to come), not the day something was said or called off, nor
  "since 2019". A visit's date is its own ("arrived on Monday"), not a session's ("on a visit to Morocco,
  met Alami on Monday"); with none, its sessions' month. Place: the clause's first place
  (``places.find_place``), else its parent's; a call has none. A dateline ("LIMA, October 7 (Andes
  Press) —") gives neither.
- One proposal per meeting: a later report of a compatible kind, with the same status, no one new, and no
  other date, place or parent fills in the earlier one; words that only point back may tell that a
  planned meeting was held (when its date is not after the article's) or called off.
- Topics: those the meeting's sentences name, or a sentence of their paragraph that reports no meeting.
  The evidence is the first sentence that reports the meeting.
"""

import bisect
import datetime
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from ..choices import DatePrecision, MeetingKind, MeetingStatus, ParticipantKind, ParticipantRole
from ..provenance import fold_whitespace
from . import meeting_drafts as d
from . import meeting_words as w
from .countries import country_of
from .dates import StatedDate, find_dates
from .mentions import alternation, descriptions
from .participants import ProposedParticipant
from .places import Place, find_place, past_dateline
from .quotes import quote_parts
from .text import furniture_lines, is_abbreviation, line_spans, normalise, strip_span

Kind, Status, Role = MeetingKind, MeetingStatus, ParticipantRole


@dataclass(frozen=True)
class ProposedMeeting:
    """A meeting the article reports, with the sentence that shows it; indexes point into the arguments."""

    title: str
    kind: str  # MeetingKind value
    status: str  # MeetingStatus value
    date: datetime.date | None
    date_precision: str  # DatePrecision value; unknown iff date is None
    city: str
    country: str  # ISO 3166-1 alpha-2 of the city's (or of the country named), or ""
    participants: tuple[tuple[int, str], ...]  # (index into ``participants``, ParticipantRole value)
    parent: int | None  # index into the returned list: the summit or visit it was held at
    topics: tuple[str, ...]
    start: int
    end: int


class _Mention(NamedTuple):
    start: int
    end: int
    who: tuple[int, ...]  # indexes into the participants; two for "the two ministers"


class _Trigger(NamedTuple):
    kind: str
    strength: str
    roles: tuple[str, str] | None
    start: int
    end: int


@dataclass
class _Clause:
    start: int
    end: int
    sentence: tuple[int, int]
    date: StatedDate | None
    triggers: list[_Trigger]
    mentions: list[_Mention]  # those that take part
    spans: list[tuple[int, int]]  # of all its meeting words, a summit's too


def propose_meetings(
    text: str,
    published_on: datetime.date | None,
    participants: Sequence[ProposedParticipant],
    topics: Sequence[tuple[str, str]] = (),
) -> list[ProposedMeeting]:
    """The meetings the article reports, once each, in order of first report, a parent before its children."""
    norm = normalise(text)
    lines = line_spans(norm)
    furniture = furniture_lines(norm, lines)
    reader = _Reader(_narration(norm, lines, furniture), published_on, participants)
    paragraphs = [reader.sentences(*line) for index, line in enumerate(lines) if index not in furniture]
    for reader.paragraph, paragraph in enumerate(paragraphs):
        for sentence in paragraph:
            reader.read_sentence(sentence)
    return _proposals(norm, d.sessions(reader.drafts, published_on), paragraphs, participants, topics)


def _narration(norm: str, lines: list[tuple[int, int]], furniture: set[int]) -> str:
    """The text with its furniture and quoted passages blanked, offsets kept."""
    chars = list(norm)
    spans = [lines[index] for index in furniture]
    spans += [(part.open, part.close + 1) for group in quote_parts(norm, lines, furniture) for part in group]
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


class _Reader:
    """Reads an article's sentences in order, and keeps its drafts."""

    def __init__(self, masked: str, published_on: datetime.date | None, participants: Sequence[ProposedParticipant]):
        self.masked, self.published_on = masked, published_on
        self.mentions = _mentions(masked, participants)
        self.starts = [mention.start for mention in self.mentions]
        self.people = {i for i, p in enumerate(participants) if p.kind == ParticipantKind.PERSON}
        self.drafts: list[d.Draft] = []
        self.paragraph = 0
        self.salient: tuple[int, tuple[int, ...]] = (-2, ())  # the last person named as a subject, and where
        self.gathering: d.Draft | None = None  # the last summit, council or conference named

    def sentences(self, start: int, end: int) -> list[tuple[int, int]]:
        """The line's sentences, past its dateline, less blank ones (a quote alone is blanked)."""
        start = past_dateline(self.masked, start, end)
        spans = []
        for stop in w.SENTENCE_END.finditer(self.masked, start, end):
            if not is_abbreviation(self.masked, start, stop.start()):
                spans.append(strip_span(self.masked, start, stop.end()))
                start = stop.end()
        spans.append(strip_span(self.masked, start, end))
        return [(s, e) for s, e in spans if self.masked[s:e].strip(" .!?")]

    def read_sentence(self, sentence: tuple[int, int]) -> None:
        """Reads the sentence's clauses; one without a meeting's words joins the one before it, if that has some."""
        cuts = [sentence[0], *(m.end() for m in w.CLAUSE_BREAK.finditer(self.masked, *sentence)), sentence[1]]
        clauses: list[tuple[int, int]] = []
        for start, end in itertools.pairwise(cuts):
            if clauses and (
                (self.triggers(*clauses[-1]) and not self.triggers(start, end))
                or _NAMES_ONLY.fullmatch(self.masked, *clauses[-1])  # "Monteiro, and Khumalo held a meeting"
            ):
                clauses[-1] = (clauses[-1][0], end)
            else:
                clauses.append((start, end))
        dates: list[StatedDate] | None = None
        subjects: list[_Mention] = []
        for start, end in clauses:
            if not (self.triggers(start, end) or self._event_words(start, end)):
                subjects = subjects or self._in(start, end)  # "Paredes said that …": for the clause after
                continue
            if dates is None:
                stated = find_dates(self.masked[sentence[0] : sentence[1]], self.published_on)
                dates = [replace(d, start=d.start + sentence[0], end=d.end + sentence[0]) for d in stated if d.date]
            date = next((d for d in dates if start <= d.start < end and not self._said_on(start, d.start)), None)
            if date is None and self.published_on and w.HAPPENING_NOW.search(self.masked, start, end):
                date = StatedDate(self.published_on, DatePrecision.DAY, start, start, "now")  # a live report
            # "failed on Friday …, after X blocked it at the Council": the sentence's day.
            if date is None and self._event_words(start, end):
                date = next(
                    (d for d in reversed(dates) if d.end <= start and not self._said_on(sentence[0], d.start)), None
                )
            subjects = self._read_clause(start, end, date, sentence, subjects)
        if subjects and subjects[0].start - sentence[0] < 80 and set(subjects[0].who) <= self.people:
            self.salient = (self.paragraph, subjects[0].who)

    def _said_on(self, start: int, position: int) -> bool:
        return bool(w.NOT_ITS_DATE.search(self.masked, max(start, position - 25), position))

    def _in(self, start: int, end: int) -> list[_Mention]:
        first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [mention for mention in self.mentions[first:last] if mention.end <= end]

    def _object_follows(self, position: int, end: int) -> bool:
        """Whether the words ending at ``position`` have a participant as object: "received Ana Quispe"."""
        if w.UNNAMED_OBJECT.match(self.masked, position, end):
            return True
        following = self._in(position, end)
        if not following or following[0].start - position > _OBJECT_REACH:
            return False
        gap = w.OBJECT_GAP.fullmatch(self.masked, position, following[0].start)
        return bool(gap) and not w.POSSESSIVE.match(self.masked, following[0].end)

    def triggers(self, start: int, end: int) -> list[_Trigger]:
        """The clause's meeting words; words inside longer ones of their kind, or pointing back, are those."""
        found = []
        for kind, strength, roles, pattern in w.COMPILED:
            for match in pattern.finditer(self.masked, start, end):
                if not (
                    w.NEGATED.search(self.masked, max(start, match.start() - 40), match.start())
                    or (strength == w.OBJECT and not self._object_follows(match.end(), end))
                    or (
                        kind == Kind.MEETING and strength == w.STRONG and w.NOT_MET.match(self.masked, match.end(), end)
                    )
                    or (kind == Kind.WORKING_GROUP and not w.MEET_WORD.search(self.masked, start, end))
                ):
                    found.append(_Trigger(kind, strength, roles, match.start(), match.end()))
        inside = {trigger for trigger in found for longer in found if _part_of(trigger, longer)}
        return sorted((t for t in found if t not in inside), key=lambda trigger: trigger.start)

    def _participants(self, start: int, end: int, first: int, briefing: bool) -> list[_Mention]:
        """The clause's mentions that take part: not who only reports it (unless at a briefing), its subject matter
        or a possessor."""
        mentions = self._in(start, end)
        kept = []
        for mention in mentions:
            before = self.masked[max(start, mention.start - 60) : mention.start]
            speaks = None if briefing else w.SPEAKS.match(self.masked, mention.end, end)
            after = mention.start > first
            if not (
                w.ACCORDING_TO.search(before)
                or (after and w.REPORTED_BY.search(before))
                or (speaks and (after or not w.PRONOUN.search(self.masked, speaks.end(), first)))
                or any(speaks and speaks.end() <= m.start < first for m in mentions)
                or (after and w.SUBJECT_MATTER.search(self.masked, first, mention.start))
                or (w.POSSESSIVE.match(self.masked, mention.end) and not self.triggers(mention.end, mention.end + 30))
            ):
                kept.append(mention)
        return kept

    def _read_clause(
        self, start: int, end: int, date: StatedDate | None, sentence: tuple[int, int], before: list[_Mention]
    ) -> list[_Mention]:
        """Proposes what the clause reports; gives its subjects, for a clause after it that has none."""
        triggers = self.triggers(start, end)
        event: tuple[int, int, str] | None = None  # the gathering's words, and its name
        bare_sidelines = False  # "on the sidelines", of the gathering named before
        if found := self._event_words(start, end):
            event = (*found.span(), _event_name(found, self.masked, start, end))
        elif gathering := self._gathering_word(start, triggers):  # "on the sidelines of the meeting"
            triggers.remove(gathering)
            event = (gathering.start, gathering.end, self.gathering.name if self.gathering else "")
        elif self.gathering is not None and (bare := w.BARE_SIDELINES.search(self.masked, start, end)):
            event = (*bare.span(), self.gathering.name)  # "met Alemu on the sidelines on Friday"
            bare_sidelines = True
        first = min([t.start for t in triggers] + ([event[0]] if event else []))
        briefing = any(t.kind == Kind.PRESS_CONFERENCE for t in triggers)
        mentions = self._participants(start, end, first, briefing)
        subjects = [mention for mention in mentions if mention.end <= first]
        if not subjects and w.NO_SUBJECT.fullmatch(self.masked, start, first):
            mentions = (before or self._pronoun(start, first)) + mentions
        elif (invited := w.INVITED.search(self.masked, start, first)) and not self._in(start, invited.start()):
            mentions = self._pronoun(start, invited.start()) + mentions  # "She invited her counterpart to visit"
        elif not subjects and before and w.AGREED_THAT.search(self.masked, max(sentence[0], start - 40), start):
            mentions = before + mentions  # "X and Y agreed that the next meeting of the commission will be held …"
        spans = [(t.start, t.end) for t in triggers] + ([event[:2]] if event else [])
        clause = _Clause(start, end, sentence, date, triggers, mentions, spans)
        frame, parent = self._event(clause, event) if event else ("", None)
        if frame == "own":  # "arrived in Astana for the summit", "met in Astana for it": attending it
            clause.triggers = [t for t in triggers if t.kind != Kind.VISIT and not self._intransitive(t, end)]
        encounters = [t for t in clause.triggers if t.kind in w.PRIORITY and t.strength != w.ROLES]
        # "It was co-chaired by X and Y": who took part in the meeting just reported.
        roles = [t for t in triggers if t.strength == w.ROLES]
        if (
            not encounters
            and not event
            and self.drafts
            and roles
            and w.THE_LAST_MEETING.fullmatch(self.masked, start, roles[0].start)
        ):
            d.merge(self.drafts[-1], d.Draft(self.drafts[-1].kind, "", _roles(clause.mentions, roles), None, None))
            return subjects or before
        if visits := [t for t in clause.triggers if t.kind == Kind.VISIT]:
            # "on a two-day visit to Morocco, met Alami on Monday": the day is the meeting's, not the visit's.
            own = date is None or not encounters or not visits[0].start < encounters[0].start < date.start
            visit = self._visit(clause, visits[0], date if own else None)
            parent, frame = (visit, "visit") if parent is None or frame == "unrelated" else (parent, frame)
        if encounters and event and frame == "parent" and event[0] > encounters[0].end and not bare_sidelines:
            # "X and Y met …, on the sidelines of a conference hosted by Z": Z is the conference's, not theirs.
            clause.mentions = [mention for mention in clause.mentions if mention.start < event[0]]
        if encounters:
            kind = min(encounters, key=lambda t: w.PRIORITY.index(t.kind)).kind
            parent = None if frame == "unrelated" else parent
            status = next(filter(None, (self._status(clause, (t.start, t.end)) for t in encounters)), None)
            if status == Status.PLANNED and visits and date and date.start < encounters[0].start and date.date:
                # "arrived on Wednesday for a visit, during which he will meet Tanaka": the arrival's day, past.
                past = self.published_on is not None and not d.after(date, self.published_on)
                date = None if past else date
            status, date = self._settled(status or (parent.status if parent else None), date)
            place = find_place(self.masked, start, end)
            draft = d.Draft(kind, status, _roles(clause.mentions, clause.triggers), date, place, parent)
            draft.paragraph = self.paragraph
            if kind == Kind.WORKING_GROUP:  # named for the commission rather than the session: "the Third Session of …"
                groups = [t for t in encounters if t.kind == kind]
                group = next((t for t in groups if not w.SESSION.search(self.masked, t.start, t.end)), groups[0])
                draft.name = fold_whitespace(self.masked[group.start : group.end])
            weak = all(t.strength == w.WEAK for t in encounters)
            if weak and w.NEXT.search(self.masked, start, encounters[0].start):  # "the next round of consultations"
                draft.next_session, weak = True, False
            # One person's press conference is a session only of a visit.
            weak = weak and not (kind == Kind.PRESS_CONFERENCE and parent is not None and parent.kind == Kind.VISIT)
            self._add(draft, sentence, weak)
        return subjects or before

    def _event_words(self, start: int, end: int) -> re.Match[str] | None:
        """The first words naming a gathering; a council's name only where a meeting is held at it."""
        for found in w.EVENT.finditer(self.masked, start, end):
            if w.LEADERS_AFTER.match(self.masked, found.end(), end):
                continue  # "Pacific Islands Forum leaders ended a summit": the summit is the gathering, named for them
            if not found.group("council"):
                return found
            name = found.group("name")
            if (
                name.strip()
                and name[0].isupper()
                and w.AT_COUNCIL.search(self.masked, max(start, found.start() - 30), found.start())
            ):
                return found
        return None

    def _pronoun(self, start: int, first: int) -> list[_Mention]:
        """ "He met Valdivia": the last person named as a subject, in this paragraph or the one before."""
        pronoun = w.PRONOUN_SUBJECT.search(self.masked, start, first)
        paragraph, who = self.salient
        if not pronoun or self.paragraph - paragraph > 1 or not who:
            return []
        return [_Mention(pronoun.start("pronoun"), pronoun.end("pronoun"), who)]

    def _gathering_word(self, start: int, triggers: list[_Trigger]) -> _Trigger | None:
        """ "The meeting", "the session" that stand for the gathering named before: at, on its sidelines, next."""
        if self.gathering is None:
            return None
        for trigger in triggers:
            words = self.masked[trigger.start : trigger.end]
            if trigger.strength == w.WEAK and w.GATHERING_WORD.fullmatch(words):
                before = self.masked[max(start, trigger.start - 60) : trigger.start]
                if w.PARENT_FRAME.search(before) or w.NEXT.search(before) or w.ATTENDS.search(before):
                    return trigger
        return None

    def _intransitive(self, trigger: _Trigger, end: int) -> bool:
        """A bare "met", that names no one met: "the leaders met in Astana for the summit"."""
        words = self.masked[trigger.start : trigger.end].lower()
        return words in ("met", "meet") and not self._object_follows(trigger.end, end)

    def _event(self, clause: _Clause, event: tuple[int, int, str]) -> tuple[str, d.Draft]:
        """How the clause frames the gathering it names ("parent", "own", "unrelated"), and the gathering's draft.

        Its next session ("the next meeting will be held in Riga") is another, kept without participants."""
        (low_end, high_start, name), found = event, self.masked[event[0] : event[1]]
        before = self.masked[max(clause.start, low_end - 60) : low_end]
        unrelated, parent = w.UNRELATED_FRAME.search(before), w.PARENT_FRAME.search(before)
        frame = "unrelated" if unrelated else "parent" if parent or w.BARE_SIDELINES.fullmatch(found) else "own"
        # "met on the sidelines of the summit on Thursday": the day is the meeting's; the summit may have lasted days.
        sessions = frame == "parent" and any(t.kind in w.PRIORITY and t.strength != w.ROLES for t in clause.triggers)
        status, date = self._settled(self._status(clause, event[:2]), None if sessions else clause.date)
        if (
            date
            and date.date
            and date.precision == DatePrecision.DAY
            and (ended := w.ENDED_DAYS.search(self.masked, max(clause.start, low_end - 60), high_start))
        ):
            days = w.DAYS.get(ended.group("days").lower()) or int(ended.group("days"))
            date = replace(date, date=date.date - datetime.timedelta(days=days - 1))  # the day it began
        new = d.Draft(Kind.SUMMIT, status, {}, date, find_place(self.masked, clause.start, clause.end), name=name)
        new.paragraph, new.next_session = self.paragraph, bool(w.NEXT.search(before)) and found.islower()
        same = (
            d for d in reversed(self.drafts) if d.kind == Kind.SUMMIT and (d.name.lower() == name.lower() or not name)
        )
        draft = next(same, None)
        # A headline's gathering ("African Union summit closes …") is the one the lead introduces ("ended a summit").
        headline = (
            draft is not None
            and draft.paragraph == 0
            and not (draft.date or draft.place or draft.roles)
            and found.split()[-1].lower() in draft.name.lower()
        )
        if new.next_session or (
            draft is None
            or (not name and not headline and (w.ANOTHER.search(before) or d.elsewhere(draft.place, new.place)))
        ):
            draft = new
            self.drafts.append(draft)
        else:
            d.merge(draft, new)
        draft.sentences += [] if clause.sentence in draft.sentences else [clause.sentence]
        self.gathering = draft if not new.next_session else self.gathering
        others = [t for t in clause.triggers if t.kind in w.PRIORITY and t.strength != w.ROLES]
        for mention in clause.mentions if frame == "own" and not new.next_session else ():
            low, high = (mention.end, low_end) if mention.end <= low_end else (high_start, mention.start)
            cue = w.ATTENDS.search(self.masked, low, high)
            if not cue or (others and mention.start > high_start) or w.NEGATED.search(self.masked, low, cue.start()):
                continue
            chairs = cue.group().lower().startswith(("host", "chair", "co-chair"))
            by = self.masked[cue.end() : cue.end() + 4].strip().lower() == "by"
            hosts = chairs and (mention.start >= cue.end() if by else mention.end <= cue.start())
            for index in mention.who:
                draft.roles.setdefault(index, Role.HOST if hosts else Role.ATTENDEE)
        return frame, draft

    def _visit(self, clause: _Clause, trigger: _Trigger, date: StatedDate | None) -> d.Draft | None:
        """The visit the clause reports or points back to: the visitor a guest of who invited, hosted, was visited."""
        invited = w.INVITED.search(self.masked, clause.start, trigger.start)
        hosted_by = w.HOSTED_BY.search(self.masked, trigger.end, clause.end)
        visited = self.masked[trigger.start : trigger.end].lower().startswith("visit")
        visitor_after = w.VISIT_OF.match(self.masked, trigger.end, clause.end)  # "the visit of President Kaya"
        roles: dict[int, str] = {}
        for mention in clause.mentions:
            if invited and mention.end <= invited.start():
                role = Role.HOST
            elif mention.end <= trigger.start or (
                visitor_after and w.OBJECT_GAP.fullmatch(self.masked, visitor_after.end(), mention.start)
            ):
                role = Role.GUEST
            elif (hosted_by and mention.start >= hosted_by.end()) or (
                visited and not self.masked[trigger.end : mention.start].strip()
            ):
                role = Role.HOST  # "at the invitation of Valdivia", "visited Valdivia"
            else:
                continue
            for index in mention.who:
                roles.setdefault(index, role)
        status, stated = self._settled(self._status(clause, (trigger.start, trigger.end)), date)
        place = find_place(self.masked, trigger.start, clause.end, visit=True)
        draft = d.Draft(Kind.VISIT, status, roles, stated, place, paragraph=self.paragraph)
        return self._add(draft, clause.sentence, Role.GUEST not in roles.values())

    def _status(self, clause: _Clause, span: tuple[int, int]) -> str | None:
        """What the words say of the meeting at ``span``: cancelled, proposed or planned; None when nothing."""
        for cue in w.CANCELLED.finditer(self.masked, clause.start, clause.end):
            if min(clause.spans, key=lambda s: max(s[0] - cue.end(), cue.start() - s[1], 0)) == span:
                return Status.CANCELLED
        before = self.masked[max(clause.start, span[0] - 80) : span[0]]
        if w.PROPOSED_BEFORE.search(before) and not w.ACCEPTED.search(before):
            return Status.PROPOSED
        if w.PLANNED_BEFORE.search(before) or w.PLANNED_AFTER.match(self.masked, span[1], clause.end):
            return Status.PLANNED
        return None

    def _settled(self, status: str | None, date: StatedDate | None) -> tuple[str, StatedDate | None]:
        """The status, else held or (after the article's date) planned; a planned meeting's date read as to come."""
        if date is None or self.published_on is None:
            return status or Status.HELD, date
        if status is None:
            return Status.PLANNED if d.after(date, self.published_on) else Status.HELD, date
        if status == Status.PLANNED and not d.after(date, self.published_on):
            # dates reads "said they would meet in March" as the past; the meeting is to come.
            again = find_dates(f"will meet in {date.phrase}", self.published_on)
            date = replace(date, date=again[0].date) if again and again[0].date else date
        return status, date

    def _add(self, draft: d.Draft, sentence: tuple[int, int], weak: bool) -> d.Draft | None:
        """The draft, or the earlier one it is; words that only point back propose nothing alone."""
        earlier: Iterable[d.Draft] = () if draft.next_session else reversed(self.drafts)
        if weak and not draft.roles:  # "the talks": the last meeting of their kind, if it can be that one
            earlier = [old for old in self.drafts if d.kin(old.kind, draft.kind)][-1:]
        same = next((old for old in earlier if d.same(old, draft, weak)), None)
        if draft.next_session:  # "before the next round" … "the next round will be held in Geneva": one round
            same = next((old for old in self.drafts if old.next_session and d.same_next(old, draft)), None)
        if same is None and weak and len(draft.roles) < 2:
            return None
        if same is None:
            same = draft
            self.drafts.append(draft)
        else:
            d.merge(same, draft)
            # Words pointing back may tell what became of it: called off, or held on a day now past.
            if (
                draft.status == Status.CANCELLED
                or (
                    same.status == Status.PROPOSED and draft.status == Status.PLANNED  # the invitation accepted
                )
                or (
                    same.status == Status.PLANNED
                    and draft.status == Status.HELD
                    and (same.date is None or self.published_on is None or not d.after(same.date, self.published_on))
                )
            ):
                same.status = draft.status
        same.sentences += [] if sentence in same.sentences else [sentence]
        return same


def _part_of(trigger: _Trigger, longer: _Trigger) -> bool:
    """Whether the words are part of longer ones that say what they say: "held talks", but not "held phone talks"."""
    inside = (
        longer.start <= trigger.start
        and trigger.end <= longer.end
        and longer.end - longer.start > trigger.end - trigger.start
    )
    return inside and (trigger.kind == longer.kind or trigger.strength == w.WEAK)


# A clause of names and offices only, joined to the next by ", and": "Brazil's Foreign Minister, Rafael Monteiro,".
_NAMES_ONLY = re.compile(r"(?:\s|,|'s\b|\b(?:of|the|for|and)\b|\b[A-ZÀ-Þ][\w.'’-]*)+")
# How far after "received" its object may be named (an office may come first).
_OBJECT_REACH = 100
# An institution's name after "at the" or "in the" is a place: "talks at the Kremlin", "in the Élysée".
_AT_THE = re.compile(r"(?<!\w)(?:at|in|inside|outside)\s+(?:the\s+)?$", re.IGNORECASE)


def _mentions(masked: str, participants: Sequence[ProposedParticipant]) -> list[_Mention]:
    """Where the text names each participant: full name, surname after the first full mention, "the two leaders"."""
    people = [p.kind == ParticipantKind.PERSON and len(p.name.split()) > 1 for p in participants]
    surnames = [p.name.split()[-1] for p, person in zip(participants, people, strict=True) if person]
    forms: dict[str, list[tuple[int, int]]] = {}  # the words, to (participant, the offset from which they name it)
    for index, participant in enumerate(participants):
        if not (name := fold_whitespace(normalise(participant.name))):
            continue
        forms.setdefault(name, []).append((index, 0))
        if people[index] and len(surname := name.split()[-1]) > 2 and surnames.count(surname) == 1:
            forms.setdefault(surname, []).append((index, participant.start))
    if not forms:
        return []
    pattern = re.compile(rf"(?<![\w-])(?:{alternation(forms)})(?![\w-])|{w.THE_TWO.pattern}")
    found: list[_Mention] = []
    recent: dict[int, None] = {}  # who was named, the last named last
    for match in pattern.finditer(masked):
        if match.group("their"):
            pool = [i for i in reversed(recent) if people[i]][:2]
            if len(pool) == 2:
                found.append(_Mention(match.start(), match.end(), (pool[1], pool[0])))
        elif who := (match.group("who") or "").lower():
            office = f"{(match.group('office') or '').lower()} {who.rstrip('s')}".strip()  # "the two foreign ministers"
            # Whose office the article does not state may hold it: "the two ministers" after "Hon. Asante-Boateng".
            pool = [
                i
                for i in reversed(recent)
                if who in w.ANYONE or office in participants[i].position.lower() or not participants[i].position
            ]
            if len(pool) >= 2 and (who in ("sides", "delegations") or all(people[i] for i in pool[:2])):
                found.append(_Mention(match.start(), match.end(), (pool[1], pool[0])))
        elif named := tuple(index for index, since in forms[fold_whitespace(match.group())] if since <= match.start()):
            if all(not people[i] for i in named) and _AT_THE.search(masked, 0, match.start()):
                continue  # "met at the State Department": where they met, not who
            found.append(_Mention(match.start(), match.end(), named))
            for index in named:
                recent.pop(index, None)
                recent[index] = None
    found += _described(masked, participants, people) + _by_countries(masked, participants, people)
    found += _counterparts(masked, participants, people)
    return sorted(found, key=lambda mention: mention.start)


def _described(masked: str, participants: Sequence[ProposedParticipant], people: list[bool]) -> list[_Mention]:
    """A person named by their office after a full mention, when no one else holds it: "the Foreign Secretary"."""
    holders: dict[str, set[int]] = {}
    for index, participant in enumerate(participants):
        for description in descriptions(participant.position) if people[index] else ():
            holders.setdefault(description, set()).add(index)
    unique = {description: next(iter(who)) for description, who in holders.items() if len(who) == 1}
    if not unique:
        return []
    pattern = re.compile(rf"(?<![\w-])the\s+(?:{alternation(unique)})(?![\w-])", re.IGNORECASE)
    found = []
    for match in pattern.finditer(masked):
        index = unique[" ".join(match.group().lower().split()[1:])]
        if participants[index].end <= match.start():
            found.append(_Mention(match.start(), match.end(), (index,)))
    return found


def _by_countries(masked: str, participants: Sequence[ProposedParticipant], people: list[bool]) -> list[_Mention]:
    """Two people named by their office and their countries: "the foreign ministers of Austria and Slovenia", "the
    Kenyan and Ugandan presidents", when the article names one person of each country in that office."""
    found = []
    for match in w.BY_COUNTRIES.finditer(masked):
        office = " ".join(match.group("office").lower().split())
        singular = office.removesuffix("s").replace("heads of state", "head of state")
        named = [match.group(group) for group in ("first", "third", "second", "adj1", "adj2") if match.group(group)]
        codes = [code for code in map(country_of, named) if code]
        who = []
        for code in codes if len(codes) == len(named) >= 2 and len(set(codes)) == len(codes) else ():
            holders = [
                index
                for index, participant in enumerate(participants)
                if people[index]
                and participant.country == code
                and (office in ("leaders", "heads of state") or singular in participant.position.lower())
                and ("deputy" in office or not w.DEPUTY.search(participant.position))
            ]
            who += holders if len(holders) == 1 else [-1]
        if len(who) >= 2 and -1 not in who:
            found.append(_Mention(match.start(), match.end(), tuple(who)))
    return found


def _counterparts(masked: str, participants: Sequence[ProposedParticipant], people: list[bool]) -> list[_Mention]:
    """ "She invited her French counterpart to visit Dakar": the one person the article names who may be French
    (of France, or of no country the words give), other than the people of other countries."""
    found = []
    for match in w.COUNTERPART.finditer(masked):
        if not (code := country_of(match.group("whose"))):
            continue
        holders = [i for i, p in enumerate(participants) if people[i] and p.country == code]
        if not holders:
            holders = [i for i, p in enumerate(participants) if people[i] and not p.country and p.start < match.start()]
        if len(holders) == 1:
            found.append(_Mention(match.start(), match.end(), (holders[0],)))
    return found


def _roles(mentions: list[_Mention], triggers: list[_Trigger]) -> dict[int, str]:
    """Each participant's role, from the first words that give roles: to who stands before them and who after."""
    cue = next((trigger for trigger in triggers if trigger.roles), None)
    roles: dict[int, str] = {}
    for mention in mentions:
        role: str = Role.ATTENDEE
        if cue is not None and cue.roles is not None:
            role = cue.roles[0] if mention.end <= cue.start else cue.roles[1] if mention.start >= cue.end else role
        for index in mention.who:
            if roles.get(index, Role.ATTENDEE) == Role.ATTENDEE:
                roles[index] = role
    return roles


def _event_name(event: re.Match[str], masked: str, start: int, end: int) -> str:
    """A summit's name as written: "African Union summit", "Summit of the Americas"; "" for "the summit"."""
    head = fold_whitespace(event.group("head"))
    if event.group("of"):
        of = fold_whitespace(event.group("of"))
        if not head[0].isupper():
            return f"{of} {head}"
        named = masked[event.start() : event.end()].split()  # "Nordic Council of Ministers"
        while len(named) > 1 and w.NOT_EVENT_NAME.fullmatch(named[0]):
            named.pop(0)
        return " ".join(named)
    words = event.group("name").split()
    if not any(word[0].isupper() or word[0].isdigit() for word in words):
        leaders = w.LEADERS.search(masked, start, end)  # "African Union leaders ended a two-day summit"
        words = leaders.group("name").split() if leaders else []
    while words and w.NOT_EVENT_NAME.fullmatch(words[0]):
        words.pop(0)
    return " ".join([*words, head]) if words else ""


def _proposals(
    norm: str,
    drafts: list[d.Draft],
    paragraphs: list[list[tuple[int, int]]],
    participants: Sequence[ProposedParticipant],
    topics: Sequence[tuple[str, str]],
) -> list[ProposedMeeting]:
    """The drafts that name a participant, or are a named summit or a commission, as proposals."""
    for draft in drafts:
        d.join_the_talks(norm, draft, drafts)
    drafts = d.without_headline_gathering(drafts)
    kept = [
        draft
        for draft in drafts
        if (draft.roles and not d.one_sided(draft))
        or (draft.kind == Kind.SUMMIT and draft.name)
        or draft.kind == Kind.WORKING_GROUP
        or (draft.next_session and not d.one_sided(draft))
    ]
    ordered: list[d.Draft] = []  # a parent before its children
    for draft in kept:
        ordered += [each for each in (draft.parent, draft) if each in kept and each not in ordered]
    kept = ordered
    reported = {sentence for draft in kept for sentence in draft.sentences}
    topic_patterns = [(slug, w.words(rf"(?<!\w)(?:{alternation([name])})(?!\w)")) for slug, name in topics]
    proposals = []
    for draft in kept:
        place, date = d.place_of(draft), draft.date
        nearby = [s for paragraph in paragraphs if set(paragraph) & set(draft.sentences) for s in paragraph]
        said = " ".join(norm[s:e] for s, e in draft.sentences + [s for s in nearby if s not in reported])
        proposals.append(
            ProposedMeeting(
                title=_title(draft, place, participants),
                kind=draft.kind,
                status=draft.status,
                date=date.date if date else None,
                date_precision=date.precision if date else DatePrecision.UNKNOWN,
                city=place.city if place else "",
                country=place.country if place else "",
                participants=tuple(draft.roles.items()),
                parent=kept.index(draft.parent) if draft.parent in kept else None,
                topics=tuple(slug for slug, pattern in topic_patterns if pattern.search(said)),
                start=draft.sentences[0][0],
                end=draft.sentences[0][1],
            )
        )
    return proposals


def _title(draft: d.Draft, place: Place | None, participants: Sequence[ProposedParticipant]) -> str:
    """A short title in the article's words: "Paredes–Valdivia talks in Lima", "Sánchez's visit to Lima"."""
    where = place.words if place else ""
    if draft.kind in (Kind.SUMMIT, Kind.WORKING_GROUP):
        name = draft.name or "summit"
        name = name[0].upper() + name[1:] + (" meeting" if draft.kind == Kind.WORKING_GROUP else "")
        return f"{name} in {where}" if where and where not in name else name
    names = [
        p.name.split()[-1] if p.kind == ParticipantKind.PERSON and p.name.split() else p.name for p in participants
    ]
    if draft.kind == Kind.VISIT:
        visitors = [i for i, role in draft.roles.items() if role == Role.GUEST] or list(draft.roles)
        return "–".join(names[i] for i in visitors) + "'s visit" + (f" to {where}" if where else "")
    title = "–".join(names[i] for i in draft.roles) + f" {w.NOUNS[draft.kind]}" + (f" in {where}" if where else "")
    return title.strip()[0].upper() + title.strip()[1:] if not draft.roles else title
