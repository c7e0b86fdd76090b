"""Proposing the diplomatic meetings an article reports: kind, status, date, place, participants and roles.

``propose_meetings`` is a pure function of the text, the article's date, the participants proposed from
it (``participants.propose_participants``) and the topics the database knows. It reads the narrator's
words only (page furniture and quoted passages are blanked), sentence by sentence and clause by clause
("…; …", "…, and …", "… said that …", "… after X …"). The rules, for precision over recall:

- A clause reports a meeting with a meeting's words (``_TRIGGERS``: "met", "held talks", "received", "a
  phone call", "visited", "travelled to", "a press conference", "a joint commission would meet") and a
  participant; a named summit, conference or forum, or a commission, needs none. Words that only point
  back ("the talks", "the visit") fill in the last meeting of their kind, and propose one only with two
  participants. Negated words ("did not meet") report nothing.
- Kind: the clause's most specific words (a call over talks over a meeting). A visit or a summit in a
  clause that reports another meeting is its parent ("on the sidelines of the G20 summit", "during his
  visit"), not one "ahead of" or "after" it; "arrived in Rio for the G20 summit" only attends it.
- Participants: the clause's mentions (full name; surname after the first full mention; an institution's
  name; "the two ministers" for the last two people named, when both are ministers), less whoever only
  reports the meeting ("according to the Kremlin", "Peskov said Putin met Xi") and possessors ("Moreno's
  minister"). A clause without a subject ("…, and then held talks with …") takes the one before's. Roles:
  who received, hosted or welcomed hosts the others; "X called Y" and "X received a call from Y" give
  caller and recipient; a visitor is a guest of who invited, hosted or was visited; else attendee.
- Status: cancelled ("cancelled", "called off", "postponed indefinitely"; the cue goes to the nearest
  meeting's words), proposed ("proposed a meeting", "invited X to visit"), planned ("will meet", "is
  expected to travel to", "agreed to hold", "is scheduled for"); else its parent's in the clause; else held,
  or planned when its date is after the article's.
- Date: the clause's first date phrase, as ``dates.find_dates`` resolves it in its sentence (a planned
  meeting's as to come), not the day something was said or called off. Place: the clause's first place
  (``places.find_place``), else its parent's. A dateline ("LIMA, October 7 (Andes Press) —") gives neither.
- One proposal per meeting: a later report of a compatible kind, with the same status, no one new, and no
  other date, place or parent fills in the earlier one.
- Topics: those the meeting's sentences name, or a sentence of their paragraph that reports no meeting.
  The evidence is the first sentence that reports the meeting.
"""

import bisect
import datetime
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from ..choices import DatePrecision, MeetingKind, MeetingStatus, ParticipantKind, ParticipantRole
from ..provenance import fold_whitespace
from .dates import StatedDate, find_dates
from .mentions import alternation
from .participants import ProposedParticipant
from .places import Place, find_place, past_dateline
from .quotes import quote_parts
from .speech import word_set
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


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- The words that report a meeting -------------------------------------------------------------

# How words count: alone; only pointing back; with a participant as their object; as a name.
_STRONG, _WEAK, _OBJECT, _NAMED = "strong", "weak", "object", "named"
# (kind, how they count, the roles of who stands before and after them, the words)
_TRIGGERS: tuple[tuple[str, str, tuple[str, str] | None, str], ...] = (
    (Kind.PHONE_CALL, _STRONG, (Role.RECIPIENT, Role.CALLER),
     r"(?:received|took|got|had)\s+an?\s+(?:[\w-]+\s+)?call\s+from"),
    (Kind.PHONE_CALL, _STRONG, None, r"(?:tele)?phone[\s-]+(?:call|conversation|talk)s?|video\s*(?:call|conference)|"
     r"spoke\s+(?:by|on\s+the|over\s+the)\s+(?:tele)?phone|(?:tele)?phoned|an?\s+call\s+(?:with|from)"),
    (Kind.PHONE_CALL, _OBJECT, (Role.CALLER, Role.RECIPIENT), r"(?:called|calls|rang|will\s+call)"
     r"(?!\s+(?:on|for|off|it|in|upon|back|out|up)\b)"),
    (Kind.PRESS_CONFERENCE, _STRONG, None, r"(?:joint\s+)?(?:press|news)\s+conference|press\s+briefing"),
    (Kind.WORKING_GROUP, _NAMED, None, r"(?:(?-i:[A-Z])[\w-]*\s+)?(?:joint|technical|bilateral|binational|mixed|"
     r"intergovernmental)\s+(?:[a-z-]+\s+){0,2}?(?:commission|committee|working\s+group)|"
     r"(?:(?-i:[A-Z])[\w-]*\s+)?working\s+group|technical\s+teams"),
    (Kind.TALKS, _STRONG, None, r"(?:held|hold|holds|holding|had|have|has)\s+(?:[a-z-]+\s+){0,3}?talks|"
     r"talks\s+(?:with|between)"),
    (Kind.TALKS, _WEAK, None, r"talks"),
    (Kind.MEETING, _STRONG, (Role.GUEST, Role.HOST), r"(?:was|were|is|are|been|being|be)\s+(?:\w+ly\s+)?"
     r"(?:received|hosted|welcomed)\s+by"),
    (Kind.MEETING, _OBJECT, (Role.HOST, Role.GUEST), r"received|receives?|hosted|hosts?|welcomed|welcomes?"),
    (Kind.MEETING, _STRONG, None, r"met|meets?|meeting\s+(?:with|between)|bilateral\s+meeting|sat\s+down\s+with|"
     r"(?:held|hold|holds|had)\s+(?:an?\s+)?(?:[a-z-]+\s+){0,2}meeting"),
    (Kind.MEETING, _WEAK, None, r"meeting"),
    (Kind.VISIT, _STRONG, None, r"visit(?:ed|s|ing)?(?=\s+(?-i:[A-Z]))|visit\s+to|(?:state|official|working)\s+visit|"
     r"travel(?:l?ed|s|l?ing)?\s+to|arriv(?:ed|es|e|ing)\s+in|(?:trip|tour|journey)\s+to|(?:flew|fly|flies)\s+to"),
    (Kind.VISIT, _WEAK, None, r"visit"),
)  # fmt: skip
_COMPILED = tuple((k, s, r, _words(rf"(?<![\w-])(?:{p})(?![\w-])")) for k, s, r, p in _TRIGGERS)
# The most specific kind wins in a clause; a visit is proposed apart, as the parent of the others.
_PRIORITY = (Kind.PHONE_CALL, Kind.PRESS_CONFERENCE, Kind.WORKING_GROUP, Kind.TALKS, Kind.MEETING)
# "met with criticism", "meets the criteria", "met reporters": no meeting.
_NOT_MET = _words(
    r"\s+(?:with\s+)?(?:(?:the|its|his|her|their|all|an?|some|little|much|strong|fierce|widespread)\s+)?(?:criteri|"
    r"deadline|target|goal|requirement|standard|expectation|demand|condition|need|threshold|criticism|resistance|"
    r"protest|opposition|sc?epticism|anger|approval|silence|derision|applause|concern|dismay|outrage|condemnation|"
    r"suspicion|reception|response|fate|death|end|reporters|journalists|press|students|supporters|voters|residents|"
    r"families|victims|troops|soldiers|crowds?)"
)
# What may stand between a verb and its object: "received his Chilean counterpart, Ana Quispe,".
_OBJECT_GAP = _words(r"[\s,]*(?:(?!(?:by|of|from|for|on|in|to|that|with|about)\b)[\w'-]+[\s,]+){0,5}")
# "hosted a delegation of …", "received his counterpart": an object no participant names.
_UNNAMED_OBJECT = _words(r"\s+(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){0,2}(?:delegations?|counterparts?)\b")
_NEGATED = _words(r"(?:\b(?:not|never|no\s+plans?\s+to|refused\s+to|declined\s+to)|n't)(?:\s+\w+){0,2}\s+$")
_MEET_WORD = _words(r"\b(?:meet|met|meets|meeting|convene\w*|session|gather\w*|hold|held|sit)\b")

_CANCELLED = _words(r"\b(?:cancel(?:l?ed|s|l?ing)?|call(?:ed|s)?\s+off|postponed\s+indefinitely|scrapped)\b")
_PROPOSED_BEFORE = _words(
    r"\b(?:propos\w*|suggest\w*|offer\w*\s+to|invit\w*(?:\s+\S+){0,5}?\s+to|call\w*\s+for|ready\s+to|willing\s+to|"
    r"open\s+to|possible|potential)(?:\s+[\w'-]+){0,3}?\s+$"
)
_ACCEPTED = _words(r"\baccept\w*\s+(?:\w+\s+)?invitation")
_PLANNED_BEFORE = _words(
    r"(?:\b(?:will|would|shall|(?:is|are|was|were|be)\s+(?:expected|due|scheduled|set|slated|going|poised)\s+to|"
    r"(?:plans?|planned|intends?|agreed|agree|hopes?|aims?|is|are)\s+to|upcoming|forthcoming|planned|scheduled|next)"
    r"|'ll)(?:\s+[\w'-]+){0,3}?\s+$"
)
_PLANNED_AFTER = _words(
    r"[^,.;]{0,40}?\b(?:(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+)?(?:expected|due|scheduled|set|"
    r"slated|planned)|(?:will|would|is\s+to|are\s+to)\s+(?:\w+\s+)?(?:meet|convene|be\s+held|take\s+place|go\s+ahead)|"
    r"(?:scheduled|planned|set)\s+for)\b"
)
# "said on Monday", "was cancelled on Thursday": the day of the words, not the meeting's.
_NOT_ITS_DATE = _words(
    r"\b(?:said|says|told\s+\w+|announced|confirmed|cancell?ed|called\s+off|postponed)\s+(?:\w+\s+)?$"
)

# --- Summits and conferences --------------------------------------------------------------------

_NAME_WORD = r"(?:[A-Z0-9](?:[\w&'-]|\.(?=\w))*)"
_EVENT_WORD = r"(?:climate|security|leaders'?|peace|donors'?|ministerial|annual|regional|economic|trade|[a-z]+-day)"
_EVENT = re.compile(
    rf"(?P<name>(?:{_NAME_WORD}\s+){{0,5}}(?:{_EVENT_WORD}\s+){{0,2}})(?<![Pp]ress )(?<![Nn]ews )(?<![Vv]ideo )"
    rf"(?P<head>[Ss]ummit|[Cc]onference|[Ff]orum|General\s+Assembly)(?![\w-])"
    rf"(?:\s+of\s+(?:the\s+)?(?P<of>{_NAME_WORD}(?:\s+(?:of\s+|and\s+|the\s+)*{_NAME_WORD}){{0,4}}))?"
)
_NOT_EVENT_NAME = re.compile(
    r"The|A|An|On|At|In|During|After|Before|Ahead|This|That|Last|Next|Its|Their|\w+'s?|[A-Z][a-z]+day|January|"
    r"February|March|April|May|June|July|August|September|October|November|December|[a-z][\w'-]*"
)
# "African Union leaders ended a two-day summit": whose an unnamed summit is.
_LEADERS = re.compile(
    r"(?P<name>(?:[A-Z][\w-]*\s+){1,3})(?:leaders|heads\s+of\s+(?:state|government)|foreign\s+ministers)\b"
)
# "a regional forum", "next year's summit": not the one named before.
_ANOTHER = _words(r"\b(?:an?|another|(?:next|last|this|previous)\s+(?:year|month|week)'s)\s+(?:[\w'-]+\s+){0,2}$")
_PARENT_FRAME = _words(
    r"(?:(?:sidelines|margins|fringes?)\s+of|\bat|\bduring|course\s+of|day\s+of|where)\s+(?:(?:the|this|an?|his|her)\s+)?$"
)
_UNRELATED_FRAME = _words(
    r"\b(?:ahead\s+of|eve\s+of|before|after|following|since|preparations?\s+for)\s+(?:\S+\s+){0,2}$"
)
_ATTENDS = _words(
    r"\b(?:attend\w*|t[ao]ok?e?\s+part|taking\s+part|participat\w*|join\w*|address\w*|chair\w*|host\w*|open\w*|"
    r"gather\w*|arriv\w*|travel\w*|fl[eyi]w?\w*\s+to|convene\w*|(?:spoke|speaking)\s+at|met|meet)\b"
)

# --- Who took part ------------------------------------------------------------------------------

_THE_TWO = re.compile(
    r"(?<![\w-])(?:[Tt]he\s+two|[Bb]oth)\s+(?:(?P<office>foreign|prime|defen[cs]e|trade)\s+)?(?P<who>ministers|leaders|"
    r"presidents|chancellors|ambassadors|men|women|diplomats|envoys|officials|counterparts|sides|delegations)(?![\w-])"
)
_ANYONE = word_set("leaders men women diplomats envoys officials counterparts sides delegations")
_SPEAKS = _words(
    r"(?:'s)?\s*(?:\([^()]*\)\s*)?(?:,[^,]{0,80},\s*)?(?:(?:also|has|had|later|then)\s+)*(?:said|says|told|announced|"
    r"reported|confirmed|stated|added|noted|wrote|tweeted|posted|revealed|disclosed|spokes\w+)\b"
)
_PRONOUN = re.compile(r"\b(?:he|she|they|we|I|his|her|their|our|my)\b")
_REPORTED_BY = _words(r"(?:according\s+to|said|says|told)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}$")
_ACCORDING_TO = _words(r"according\s+to\s+(?:\S+\s+){0,3}$")
_SUBJECT_MATTER = _words(r"\b(?:to\s+discuss|discuss\w*|about|regarding|concerning|amid|despite|following|after)\b")
_POSSESSIVE = re.compile(r"'s?(?!\w)")
# What may come before a clause's verb when it has no subject of its own: "…, and on Tuesday held talks".
_NO_SUBJECT = _words(
    r"(?:(?:he|she|they|we|it|also|then|later|again|would|will|had|has|have|was|were|is|are|to|on|in|at|that|last|"
    r"next|(?-i:[A-Z][a-z]+day)|\w+ly)\s+)*"
)
_VISIT_OF = _words(r"\s+(?:of|by)\s+")  # "the visit of President Kaya"
_HOSTED_BY = _words(r"\b(?:at\s+the\s+invitation\s+of|hosted\s+by|received\s+by|welcomed\s+by|guest\s+of)\s")
_INVITED = _words(r"\binvit\w*(?=(?:\s+\S+){0,6}?\s+to\s+$)")

# --- Sentences and clauses ----------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?:and|but|while|whereas|before)\s+|\s+(?:while|whereas)\s+|\b(?:after|before|since)\s+(?=[A-Z])|"
    r"\b(?:said|says|agreed|announced|confirmed|decided|stated|added|told\s+\w+)(?:\s+on\s+\w+)?,?\s+that\s+"
)
_NOUNS: dict[str, str] = {Kind.TALKS: "talks", Kind.MEETING: "meeting", Kind.PHONE_CALL: "phone call"}
_NOUNS[Kind.PRESS_CONFERENCE] = "press conference"
_FINER: dict[str, int] = {DatePrecision.YEAR: 1, DatePrecision.MONTH: 2, DatePrecision.DAY: 3}


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


@dataclass(eq=False)
class _Draft:
    """A meeting while the article is read; later reports fill it in."""

    kind: str
    status: str
    roles: dict[int, str]  # participant to role, in order of mention
    date: StatedDate | None
    place: Place | None
    parent: "_Draft | None" = None
    name: str = ""  # a summit's or a commission's name, as written
    sentences: list[tuple[int, int]] = field(default_factory=list)


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
    for sentence in (sentence for paragraph in paragraphs for sentence in paragraph):
        reader.read_sentence(sentence)
    return _proposals(norm, reader.drafts, paragraphs, participants, topics)


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
        self.drafts: list[_Draft] = []

    def sentences(self, start: int, end: int) -> list[tuple[int, int]]:
        """The line's sentences, past its dateline, less blank ones (a quote alone is blanked)."""
        start = past_dateline(self.masked, start, end)
        spans = []
        for stop in _SENTENCE_END.finditer(self.masked, start, end):
            if not is_abbreviation(self.masked, start, stop.start()):
                spans.append(strip_span(self.masked, start, stop.end()))
                start = stop.end()
        spans.append(strip_span(self.masked, start, end))
        return [(s, e) for s, e in spans if self.masked[s:e].strip(" .!?")]

    def read_sentence(self, sentence: tuple[int, int]) -> None:
        """Reads the sentence's clauses; one without a meeting's words joins the one before it, if that has some."""
        cuts = [sentence[0], *(m.end() for m in _CLAUSE_BREAK.finditer(self.masked, *sentence)), sentence[1]]
        clauses: list[tuple[int, int]] = []
        for start, end in itertools.pairwise(cuts):
            if clauses and self.triggers(*clauses[-1]) and not self.triggers(start, end):
                clauses[-1] = (clauses[-1][0], end)
            else:
                clauses.append((start, end))
        dates: list[StatedDate] | None = None
        subjects: list[_Mention] = []
        for start, end in clauses:
            if not (self.triggers(start, end) or _EVENT.search(self.masked, start, end)):
                subjects = subjects or self._in(start, end)  # "Paredes said that …": for the clause after
                continue
            if dates is None:
                stated = find_dates(self.masked[sentence[0] : sentence[1]], self.published_on)
                dates = [replace(d, start=d.start + sentence[0], end=d.end + sentence[0]) for d in stated if d.date]
            date = next((d for d in dates if start <= d.start < end and not self._said_on(start, d.start)), None)
            subjects = self._read_clause(start, end, date, sentence, subjects)

    def _said_on(self, start: int, position: int) -> bool:
        return bool(_NOT_ITS_DATE.search(self.masked, max(start, position - 25), position))

    def _in(self, start: int, end: int) -> list[_Mention]:
        first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [mention for mention in self.mentions[first:last] if mention.end <= end]

    def _object_follows(self, position: int, end: int) -> bool:
        """Whether the words ending at ``position`` have a participant as object: "received Ana Quispe"."""
        if _UNNAMED_OBJECT.match(self.masked, position, end):
            return True
        following = self._in(position, end)
        if not following or following[0].start - position > 60:
            return False
        gap = _OBJECT_GAP.fullmatch(self.masked, position, following[0].start)
        return bool(gap) and not _POSSESSIVE.match(self.masked, following[0].end)

    def triggers(self, start: int, end: int) -> list[_Trigger]:
        """The clause's meeting words; words inside longer ones of their kind, or pointing back, are those."""
        found = []
        for kind, strength, roles, pattern in _COMPILED:
            for match in pattern.finditer(self.masked, start, end):
                if not (
                    _NEGATED.search(self.masked, max(start, match.start() - 40), match.start())
                    or (strength == _OBJECT and not self._object_follows(match.end(), end))
                    or (kind == Kind.MEETING and strength == _STRONG and _NOT_MET.match(self.masked, match.end(), end))
                    or (kind == Kind.WORKING_GROUP and not _MEET_WORD.search(self.masked, start, end))
                ):
                    found.append(_Trigger(kind, strength, roles, match.start(), match.end()))
        inside = {trigger for trigger in found for longer in found if _part_of(trigger, longer)}
        return sorted((t for t in found if t not in inside), key=lambda trigger: trigger.start)

    def _participants(self, start: int, end: int, first: int) -> list[_Mention]:
        """The clause's mentions that take part: not who only reports it, its subject matter or a possessor."""
        mentions = self._in(start, end)
        kept = []
        for mention in mentions:
            before = self.masked[max(start, mention.start - 60) : mention.start]
            speaks = _SPEAKS.match(self.masked, mention.end, end)
            after = mention.start > first
            if not (
                _ACCORDING_TO.search(before)
                or (after and _REPORTED_BY.search(before))
                or (speaks and (after or not _PRONOUN.search(self.masked, speaks.end(), first)))
                or any(speaks and speaks.end() <= m.start < first for m in mentions)
                or (after and _SUBJECT_MATTER.search(self.masked, first, mention.start))
                or (_POSSESSIVE.match(self.masked, mention.end) and not self.triggers(mention.end, mention.end + 30))
            ):
                kept.append(mention)
        return kept

    def _read_clause(
        self, start: int, end: int, date: StatedDate | None, sentence: tuple[int, int], before: list[_Mention]
    ) -> list[_Mention]:
        """Proposes what the clause reports; gives its subjects, for a clause after it that has none."""
        triggers = self.triggers(start, end)
        event = _EVENT.search(self.masked, start, end)
        first = min([t.start for t in triggers] + ([event.start()] if event else []))
        mentions = self._participants(start, end, first)
        subjects = [mention for mention in mentions if mention.end <= first]
        if not subjects and _NO_SUBJECT.fullmatch(self.masked, start, first):
            mentions = before + mentions
        spans = [(t.start, t.end) for t in triggers] + ([event.span()] if event else [])
        clause = _Clause(start, end, sentence, date, triggers, mentions, spans)
        frame, parent = self._event(clause, event) if event else ("", None)
        if frame == "own":  # "arrived in Astana for the summit", "met in Astana for it": attending it
            clause.triggers = [t for t in triggers if t.kind != Kind.VISIT and not self._intransitive(t, end)]
        if visits := [t for t in clause.triggers if t.kind == Kind.VISIT]:
            visit = self._visit(clause, visits[0])
            parent, frame = (visit, "visit") if parent is None or frame == "unrelated" else (parent, frame)
        if encounters := [t for t in clause.triggers if t.kind in _PRIORITY]:
            kind = min(encounters, key=lambda t: _PRIORITY.index(t.kind)).kind
            parent = None if frame == "unrelated" else parent
            status = next(filter(None, (self._status(clause, (t.start, t.end)) for t in encounters)), None)
            status, date = self._settled(status or (parent.status if parent else None), date)
            place = find_place(self.masked, start, end)
            draft = _Draft(kind, status, _roles(clause.mentions, clause.triggers), date, place, parent)
            if kind == Kind.WORKING_GROUP:
                group = next(t for t in encounters if t.kind == kind)
                draft.name = fold_whitespace(self.masked[group.start : group.end])
            self._add(draft, sentence, weak=all(t.strength == _WEAK for t in encounters))
        return subjects or before

    def _intransitive(self, trigger: _Trigger, end: int) -> bool:
        """A bare "met", that names no one met: "the leaders met in Astana for the summit"."""
        words = self.masked[trigger.start : trigger.end].lower()
        return words in ("met", "meet") and not self._object_follows(trigger.end, end)

    def _event(self, clause: _Clause, event: re.Match[str]) -> tuple[str, _Draft]:
        """How the clause frames the summit it names ("parent", "own", "unrelated"), and the summit's draft."""
        before = self.masked[max(clause.start, event.start() - 60) : event.start()]
        frame = "unrelated" if _UNRELATED_FRAME.search(before) else "parent" if _PARENT_FRAME.search(before) else "own"
        name = _event_name(event, self.masked, clause.start, clause.end)
        status, date = self._settled(self._status(clause, event.span()), clause.date)
        new = _Draft(Kind.SUMMIT, status, {}, date, find_place(self.masked, clause.start, clause.end), name=name)
        same = (
            d for d in reversed(self.drafts) if d.kind == Kind.SUMMIT and (d.name.lower() == name.lower() or not name)
        )
        draft = next(same, None)
        if draft is None or (not name and (_ANOTHER.search(before) or _elsewhere(draft.place, new.place))):
            draft = new
            self.drafts.append(draft)
        else:
            _merge(draft, new)
        draft.sentences += [] if clause.sentence in draft.sentences else [clause.sentence]
        others = [t for t in clause.triggers if t.kind in _PRIORITY]
        for mention in clause.mentions if frame == "own" else ():
            low, high = (mention.end, event.start()) if mention.end <= event.start() else (event.end(), mention.start)
            cue = _ATTENDS.search(self.masked, low, high)
            if not cue or (others and mention.start > event.end()) or _NEGATED.search(self.masked, low, cue.start()):
                continue
            hosts = cue.group().lower().startswith("host") and mention.end <= cue.start()
            for index in mention.who:
                draft.roles.setdefault(index, Role.HOST if hosts else Role.ATTENDEE)
        return frame, draft

    def _visit(self, clause: _Clause, trigger: _Trigger) -> _Draft | None:
        """The visit the clause reports or points back to: the visitor a guest of who invited, hosted, was visited."""
        invited = _INVITED.search(self.masked, clause.start, trigger.start)
        hosted_by = _HOSTED_BY.search(self.masked, trigger.end, clause.end)
        visited = self.masked[trigger.start : trigger.end].lower().startswith("visit")
        visitor_after = _VISIT_OF.match(self.masked, trigger.end, clause.end)  # "the visit of President Kaya"
        roles: dict[int, str] = {}
        for mention in clause.mentions:
            if invited and mention.end <= invited.start():
                role = Role.HOST
            elif mention.end <= trigger.start or (
                visitor_after and _OBJECT_GAP.fullmatch(self.masked, visitor_after.end(), mention.start)
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
        status, date = self._settled(self._status(clause, (trigger.start, trigger.end)), clause.date)
        place = find_place(self.masked, trigger.start, clause.end, visit=True)
        return self._add(
            _Draft(Kind.VISIT, status, roles, date, place), clause.sentence, Role.GUEST not in roles.values()
        )

    def _status(self, clause: _Clause, span: tuple[int, int]) -> str | None:
        """What the words say of the meeting at ``span``: cancelled, proposed or planned; None when nothing."""
        for cue in _CANCELLED.finditer(self.masked, clause.start, clause.end):
            if min(clause.spans, key=lambda s: max(s[0] - cue.end(), cue.start() - s[1], 0)) == span:
                return Status.CANCELLED
        before = self.masked[max(clause.start, span[0] - 80) : span[0]]
        if _PROPOSED_BEFORE.search(before) and not _ACCEPTED.search(before):
            return Status.PROPOSED
        if _PLANNED_BEFORE.search(before) or _PLANNED_AFTER.match(self.masked, span[1], clause.end):
            return Status.PLANNED
        return None

    def _settled(self, status: str | None, date: StatedDate | None) -> tuple[str, StatedDate | None]:
        """The status, else held or (after the article's date) planned; a planned meeting's date read as to come."""
        if date is None or self.published_on is None:
            return status or Status.HELD, date
        if status is None:
            return Status.PLANNED if _after(date, self.published_on) else Status.HELD, date
        if status == Status.PLANNED and not _after(date, self.published_on):
            # dates reads "said they would meet in March" as the past; the meeting is to come.
            again = find_dates(f"will meet in {date.phrase}", self.published_on)
            date = replace(date, date=again[0].date) if again and again[0].date else date
        return status, date

    def _add(self, draft: _Draft, sentence: tuple[int, int], weak: bool) -> _Draft | None:
        """The draft, or the earlier one it is; words that only point back propose nothing alone."""
        earlier: Iterable[_Draft] = reversed(self.drafts)
        if weak and not draft.roles:  # "the talks": the last meeting of their kind, if it can be that one
            earlier = [old for old in self.drafts if _kin(old.kind, draft.kind)][-1:]
        same = next((old for old in earlier if _same(old, draft, weak)), None)
        if same is None and weak and len(draft.roles) < 2:
            return None
        if same is None:
            same = draft
            self.drafts.append(draft)
        else:
            _merge(same, draft)
        same.sentences += [] if sentence in same.sentences else [sentence]
        return same


def _part_of(trigger: _Trigger, longer: _Trigger) -> bool:
    """Whether the words are part of longer ones that say what they say: "held talks", but not "held phone talks"."""
    inside = (
        longer.start <= trigger.start
        and trigger.end <= longer.end
        and longer.end - longer.start > trigger.end - trigger.start
    )
    return inside and (trigger.kind == longer.kind or trigger.strength == _WEAK)


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
    pattern = re.compile(rf"(?<![\w-])(?:{alternation(forms)})(?![\w-])|{_THE_TWO.pattern}")
    found: list[_Mention] = []
    recent: dict[int, None] = {}  # who was named, the last named last
    for match in pattern.finditer(masked):
        if who := match.group("who"):
            office = f"{match.group('office') or ''} {who.rstrip('s')}".strip()  # "the two foreign ministers"
            pool = [i for i in reversed(recent) if who in _ANYONE or office in participants[i].position.lower()]
            if len(pool) >= 2 and (who in ("sides", "delegations") or all(people[i] for i in pool[:2])):
                found.append(_Mention(match.start(), match.end(), (pool[1], pool[0])))
        elif named := tuple(index for index, since in forms[fold_whitespace(match.group())] if since <= match.start()):
            found.append(_Mention(match.start(), match.end(), named))
            for index in named:
                recent.pop(index, None)
                recent[index] = None
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
        return fold_whitespace(masked[event.start("head") : event.end()]) if head[0].isupper() else f"{of} {head}"
    words = event.group("name").split()
    if not any(word[0].isupper() or word[0].isdigit() for word in words):
        leaders = _LEADERS.search(masked, start, end)  # "African Union leaders ended a two-day summit"
        words = leaders.group("name").split() if leaders else []
    while words and _NOT_EVENT_NAME.fullmatch(words[0]):
        words.pop(0)
    return " ".join([*words, head]) if words else ""


def _after(date: StatedDate, published_on: datetime.date) -> bool:
    """Whether the date is after the article's, at the date's precision."""
    parts = ("year", "month", "day")[: _FINER[date.precision]]
    return tuple(getattr(date.date, part) for part in parts) > tuple(getattr(published_on, part) for part in parts)


def _kin(kind: str, other: str) -> bool:
    return kind == other or {kind, other} == {Kind.TALKS, Kind.MEETING}


def _elsewhere(place: Place | None, other: Place | None) -> bool:
    """Whether two places named differ: another city, or another country."""
    if place is None or other is None:
        return False
    return any(a and b and a != b for a, b in ((place.city, other.city), (place.country, other.country)))


def _place(draft: _Draft) -> Place | None:
    """Where the meeting was: its own place, or its summit's or visit's."""
    return draft.place or (draft.parent.place if draft.parent else None)


def _same(old: _Draft, new: _Draft, weak: bool) -> bool:
    """Whether a new report is of the earlier meeting: its kind and status, no one new, no other date, place, parent."""
    if not _kin(old.kind, new.kind) or old.status != new.status or _elsewhere(_place(old), _place(new)):
        return False
    if old.parent and new.parent and old.parent is not new.parent:
        return False
    if old.date and new.date:
        parts = ("year", "month", "day")[: min(_FINER[old.date.precision], _FINER[new.date.precision])]
        if any(getattr(old.date.date, part) != getattr(new.date.date, part) for part in parts):
            return False
    named = set(new.roles)  # "the two ministers met for three hours": no one new
    return bool(old.roles) and (bool(named) or weak) and named <= set(old.roles)


def _merge(old: _Draft, new: _Draft) -> None:
    """Fills the earlier draft in: new participants, more precise roles, a date, a place, a parent."""
    for index, role in new.roles.items():
        if old.roles.get(index, Role.ATTENDEE) == Role.ATTENDEE:
            old.roles[index] = role
    if new.date and (old.date is None or _FINER[new.date.precision] > _FINER[old.date.precision]):
        old.date = new.date
    if new.place and (old.place is None or (new.place.city and not old.place.city)):
        old.place = new.place
    old.parent = old.parent or new.parent


def _proposals(
    norm: str,
    drafts: list[_Draft],
    paragraphs: list[list[tuple[int, int]]],
    participants: Sequence[ProposedParticipant],
    topics: Sequence[tuple[str, str]],
) -> list[ProposedMeeting]:
    """The drafts that name a participant, or are a named summit or a commission, as proposals."""
    kept = [d for d in drafts if d.roles or (d.kind == Kind.SUMMIT and d.name) or d.kind == Kind.WORKING_GROUP]
    reported = {sentence for draft in kept for sentence in draft.sentences}
    topic_patterns = [(slug, _words(rf"(?<!\w)(?:{alternation([name])})(?!\w)")) for slug, name in topics]
    proposals = []
    for draft in kept:
        place, date = _place(draft), draft.date
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


def _title(draft: _Draft, place: Place | None, participants: Sequence[ProposedParticipant]) -> str:
    """A short title in the article's words: "Paredes–Valdivia talks in Lima", "Sánchez's visit to Lima"."""
    where = place.words if place else ""
    if draft.kind in (Kind.SUMMIT, Kind.WORKING_GROUP):
        name = draft.name or "summit"
        name = name[0].upper() + name[1:] + (" meeting" if draft.kind == Kind.WORKING_GROUP else "")
        return f"{name} in {where}" if where and where not in name else name
    names = [
        words[-1] if p.kind == ParticipantKind.PERSON and (words := p.name.split()) else p.name for p in participants
    ]
    if draft.kind == Kind.VISIT:
        visitors = [i for i, role in draft.roles.items() if role == Role.GUEST] or list(draft.roles)
        return "–".join(names[i] for i in visitors) + "'s visit" + (f" to {where}" if where else "")
    return "–".join(names[i] for i in draft.roles) + f" {_NOUNS[draft.kind]}" + (f" in {where}" if where else "")
