"""The finder: every quoted passage and reported-speech clause of a text, with who said it.

``find_candidates`` is a pure function of the text and the speakers, so it can be tested and
measured without a database. A candidate's offsets are where the finder found it; the
statement's span is still found by ``meetings.provenance`` when it is saved, from the text and
the ``occurrence`` the candidate names. ``via`` is who relays the speaker's words (``relayed``).

What is not a speaker's statement:

- a quote in a reporter's question ("asked whether the plan was „dead on arrival“") is no candidate;
- an unnamed group's scare quotes ("critics call it “a betrayal”", "what some have called a
  “reset”", "the so-called “…”") have no speaker, whoever the sentence names before them;
- page furniture (``text.furniture_lines``) yields nothing; a title or subheading (a line that is no
  sentence) yields its quotes, unattributed unless its own words name a speaker, and no reported speech.

An interview's transcript gives each answer after its speaker's name and a colon ("Sophie Gagnon:
No. …"): the rest of the line is a direct quote. A quote that is a whole sentence with no
attribution of its own goes on with the speaker of the quote that closed the sentence before (“…,”
Quispe said. “…”), or of the reported speech of the sentence before when it has one speaker
("Quispe said the talks were useful. “…”"); and quotes that are whole sentences just before one
that names its speaker go with it (“…” “…,” Quispe said; “…” The minister added: “…”), unless they
ask a question. Reported speech in a sentence with quotes is the clause outside them: before a
boundary ("…, but „…“"), after the quote ("…,” Demin said, adding that …"), or the whole clause when
it goes on after its quote.
"""

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..choices import StatementKind
from ..provenance import Occurrences, fold_whitespace
from . import speech
from .attribution import TITLES_ONLY, Attribution, Attributor
from .document import Document
from .mentions import Speaker
from .quotes import QuotePart
from .reported import paraphrases
from .text import strip_span

_MIN_PARAPHRASE_WORDS = 4
_SENTENCE_FINAL = re.compile(r"[.!?…]\W*$")
_QUOTE_MARKS = '"“”«»„‹›'
# What stands before a quote that is a question put to someone: "When asked if Russia has an
# "exit strategy"", "asked whether the plan was „dead on arrival"": the words are the reporter's.
# ("Asked about the border, Quispe said: “…”" is the answer: a speech verb stands between.)
_QUESTION_LEAD_IN = re.compile(
    r"\b(?:asked|asking|questioned|a\ question)\b(?:\s+\S+){0,4}?\s+(?:whether|if|about|why|how|what|when)\b"
    rf"[^.!?{_QUOTE_MARKS}]*$",
    re.IGNORECASE,
)
_ANSWER = re.compile(r"\b(?:said|says|replied|answered|responded|told|added|insisted|stressed|noted)\b", re.IGNORECASE)
# Scare quotes an unnamed group is said to use: "opponents called it “a betrayal”", "critics
# describe the deal as “surrender”", "what some have called a “reset”", "the so-called “…”".
# The words are nobody's the finder knows, unless a speaker is named after the group's verb.
_UNNAMED_GROUP_LEAD_IN = re.compile(
    r"""
    (?:\b(?:critics|opponents|detractors|sceptics|skeptics|some|others|many|observers|analysts|commentators
          |supporters|protesters|protestors|opposition|pundits|experts|activists|rivals|residents)
       (?:\s+[\w-]+){0,3}?\s+(?:(?:have|has|had|once|often|widely|long|now|already|quickly|also)\s+)*
       (?P<verb>call(?:s|ed)?|dub(?:s|bed)?|describe[sd]?|label(?:s|l?ed)?|brand(?:s|ed)?|term(?:s|ed)?|hail(?:s|ed)?
          |denounce[sd]?|decr(?:y|ies|ied)|refer(?:s|red)?\s+to|see|saw|view(?:s|ed)?|deride[sd]?)
     |(?P<passive>(?:called|dubbed|labell?ed|branded|described|termed|derided)\s+(?:as\s+)?by\s+
          (?:its\s+|the\s+|some\s+)?(?:critics|opponents|detractors|sceptics|skeptics|some|many|others|media|press))
     |(?P<so_called>\bso-called))
    \b[^.!?"“”«»„‹]*$
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Where a reported clause that runs into a quote may end before it: "…, but „the details …“".
_CLAUSE_BOUNDARY = re.compile(
    r"(?:,\s+(?:and|but|while|whereas|although|though|adding|saying|noting|stressing)\b|;\s)", re.IGNORECASE
)
# Words that leave a clause waiting for the quote that follows: "the pact was “…”", "called it “…”".
_INCOMPLETE = speech.word_set(
    "a an the of to in on at for with by from as and or but that than like be been being is are was were "
    "would will could should might may must can called call calls described describe dubbed said says their "
    "its his her our remain remains remained seem seems seemed become became becomes"
)
# The colon after a speaker's name in an interview's transcript: "Sophie Gagnon: …", "GAGNON: …".
_TRANSCRIPT_COLON = re.compile(r"\s*:\s+(?=\S)")
# A transcript's question and answer lines: "Q: …", "A: …", "Question: …", "Answer: …".
_QUESTION_LINE = re.compile(r"\s*(?:Q|Question)\s*[:.]\s+(?=\S)")
_ANSWER_LINE = re.compile(r"\s*(?:A|Answer)\s*:\s+(?=\S)")
_LEAD_IN_REACH = 250
_MIN_WORDS_BEFORE_QUOTE = 8
_MIN_WORDS_AFTER_QUOTE = 4


@dataclass(frozen=True)
class Candidate:
    """A passage the finder proposes as a statement."""

    kind: str  # StatementKind value
    text: str  # verbatim from the source's text, so that provenance locates it
    start: int
    end: int
    occurrence: int  # which appearance of the (whitespace-folded) text this is, for Statement.occurrence
    speaker: str | None  # Speaker.key, or None when nobody could be identified
    cue: str = ""  # the words that named the speaker, shown to the curator
    via: str | None = None  # Speaker.key of who relays the speaker's words ("Peskov said Putin told him …")


def find_candidates(text: str, speakers: Sequence[Speaker], *, paraphrases: bool = True) -> list[Candidate]:
    """Every quoted passage in ``text`` and, if asked, plain reported-speech clauses, in text order.

    Candidates whose speaker could not be identified are included with ``speaker=None``.
    Page furniture (breadcrumbs, captions, the teasers under them, comment forms) yields none.
    """
    unique: dict[tuple[str, int, int], Candidate] = {}
    for candidate in _Finder(Document(text, speakers), paraphrases).candidates():
        unique.setdefault((candidate.kind, candidate.start, candidate.end), candidate)
    return sorted(unique.values(), key=lambda candidate: (candidate.start, candidate.end))


class _Finder:
    """One pass over the sentences in text order, so that "he" means whoever the text last spoke of."""

    def __init__(self, document: Document, paraphrases: bool):
        self.document = document
        self.norm = document.norm
        self.paraphrases = paraphrases
        self.attributor = Attributor(document)
        self.occurrences = Occurrences(document.text)
        self.attributions: dict[int, Attribution | None] = {}  # a quote's first part's offset → its speaker
        self.questions: set[int] = set()  # the first parts' offsets of quotes that are a question put to someone
        # The speaker of the quote that closed the previous sentence: an unattributed quote that makes
        # up the next sentence goes on with it (“…,” Quispe said. “…”).
        self.carried: Attribution | None = None
        self.pending: list[tuple[int, int]] = []  # whole-sentence quotes waiting for a speaker: (found's index, mark)
        self.found: list[Candidate] = []

    def candidates(self) -> list[Candidate]:
        for line in range(len(self.document.lines)):
            if line in self.document.furniture:
                continue
            if answer := self._transcript_answer(line):
                self._add(StatementKind.DIRECT_QUOTE, answer[1:], answer[0])
                self.attributor.update_salience(*self.document.lines[line], [answer[0].speaker])
                continue
            # A title or a subheading abridges what the article reports: its quotes only.
            headline = not _SENTENCE_FINAL.search(self.document.line_text(line))
            for start, end in self.document.sentences(line):
                said = self._quotes(line, start, end)
                if self.paraphrases and not headline:
                    reported = self._reported(start, end)
                    # A quote that makes up the next sentence goes on with the one speaker of this one's
                    # reported speech: "Quispe said the talks were useful. “…”".
                    speakers = {(a.speaker, a.via) for a in said + reported}
                    if self.carried is None and reported and len(speakers) == 1 and reported[-1].via is None:
                        self.carried = reported[-1]
                    said += reported
                self.attributor.update_salience(start, end, [a.salient for a in said if a.salient])
        return self.found

    def _transcript_answer(self, line: int) -> tuple[Attribution, int, int] | None:
        """An interview's answer, as a transcript sets it out: "Sophie Gagnon: No. Our constitution …".

        The line opens with a speaker's name (in full, or the surname after a full mention) and a
        colon, and the rest of it is their words, verbatim, without quotation marks: a direct quote.
        """
        start, end = self.document.lines[line]
        if (answer := _ANSWER_LINE.match(self.norm, start, end)) and (interviewee := self._interviewee):
            return Attribution(interviewee, answer.start(), answer.end()), answer.end(), end
        mentions = self.document.mentions_in(start, end)
        if not mentions or mentions[0].form not in {"name", "surname"} or self.norm[start : mentions[0].start].strip():
            return None
        colon = _TRANSCRIPT_COLON.match(self.norm, mentions[0].end, end)
        if colon is None or self.norm[colon.end()] in _QUOTE_MARKS or len(self.norm[colon.end() : end].split()) < 2:
            return None
        attribution = self.attributor.attribution_of(mentions[0], mentions[0].start, colon.end())
        return (attribution, colon.end(), end) if attribution else None

    @functools.cached_property
    def _interviewee(self) -> str | None:
        """Who answers in a "Q: … / A: …" transcript: the one person the text names before its first question."""
        lines = self.document.lines
        first = next((i for i, (s, e) in enumerate(lines) if _QUESTION_LINE.match(self.norm, s, e)), None)
        if first is None:
            return None
        people = {
            key
            for i in range(first)
            if i not in self.document.furniture
            for mention in self.document.mentions_in(*lines[i])
            if mention.form in {"name", "surname"} and len(mention.keys) == 1
            for key in mention.keys
            if self.document.index.is_person(key)
        }
        return next(iter(people)) if len(people) == 1 else None

    def _quotes(self, line: int, start: int, end: int) -> list[Attribution]:
        said: list[Attribution] = []
        carried, self.carried = self.carried, None
        pending, self.pending = (
            [(index, mark) for index, mark in self.pending if self.document.part_at(mark, inclusive=True).line == line],
            [],
        )
        for part in self.document.parts_in(start, end):
            group = self.document.group_of(part)
            lead_in = max(start, part.open - _LEAD_IN_REACH)  # the words before the quote that may say what it is
            if group[0].open in self.questions or (part is group[0] and _asks(self.norm[lead_in : part.open])):
                self.questions.add(group[0].open)  # a reporter's words, not the answer's
                continue
            whole = part is group[0] and self._is_whole_sentence(start, end, group)
            if part is group[0]:
                attribution = _unless_unnamed_group(
                    self.norm[lead_in : part.open], lead_in, self.attributor.quote_attribution(line, start, group)
                )
                if attribution is None and carried and whole:
                    attribution = carried
                if attribution and attribution.speaker and pending and self._names_next(start, part, attribution):
                    self._backfill(pending, attribution)
                self.attributions[part.open] = attribution
                said += [attribution] if attribution else []
            attribution = self.attributions.get(group[0].open)
            self.carried = attribution if attribution and attribution.speaker else None
            added = self._add(StatementKind.DIRECT_QUOTE, (part.open + 1, part.close), attribution)
            if added and whole and attribution is None and not self.norm[part.open : part.close].rstrip().endswith("?"):
                self.pending.append((len(self.found) - 1, part.open))
        return said

    def _names_next(self, start: int, part: QuotePart, attribution: Attribution) -> bool:
        """Whether a quote's sentence says who speaks for the quotes just before it: it opens with the
        quote (“…” “…,” Quispe said.), or with its speaker and a colon (“…” The minister added: “…”)."""
        before = self.norm[start : part.open].rstrip()
        return not before or (
            before.endswith(":")
            and start <= attribution.cue_start < part.open
            and TITLES_ONLY.fullmatch(self.norm, start, attribution.cue_start) is not None
        )

    def _backfill(self, pending: list[tuple[int, int]], attribution: Attribution) -> None:
        """Whole-sentence quotes with no speaker just before a quote that names one go with it: “…” “…,” Quispe said."""
        for index, mark in pending:
            candidate = self.found[index]
            self.attributions[mark] = attribution
            self.found[index] = self._candidate(
                candidate.kind, candidate.text, candidate.start, candidate.end, attribution
            )

    def _is_whole_sentence(self, start: int, end: int, group: list[QuotePart]) -> bool:
        """Whether the quote is all the sentence: nothing but punctuation around it."""
        first, last = group[0], group[-1]
        return (
            len(group) == 1
            and not self.norm[start : first.open].strip()
            and not self.norm[last.close + 1 : end].strip(" .,;!?…")
        )

    def _reported(self, start: int, end: int) -> list[Attribution]:
        """The sentence's reported speech; in a sentence with quotes, only the clauses outside them."""
        quotes = [part for part in self.document.parts_in(start, end) if part.closed]
        spans: list[tuple[Attribution | None, int, int]] = []
        reported = paraphrases(self.attributor, start, end)
        for attribution, clause_start, clause_end in reported:
            inside = [part for part in quotes if clause_start <= part.open < clause_end]
            # (", according to a readout" after the quote is no more of the clause)
            attributed = (
                bool(inside) and self.attributor.trailing_attribution(inside[-1].close + 1, clause_end) is not None
            )
            outside_end = (
                _reported_end(self.norm, clause_start, clause_end, inside, attributed) if inside else clause_end
            )
            if outside_end is not None:
                spans.append((attribution, clause_start, outside_end))
        # What follows the last quote or clause: "“…,” Demin said, adding that …".
        last = max(([quotes[-1].close + 1] if quotes else []) + [span_end for _, _, span_end in spans], default=None)
        if last is not None and (tail := speech.PARTICIPLE_CLAUSE.search(self.norm, last, end)):
            tail_end = start + len(self.norm[start:end].rstrip().rstrip(".!").rstrip())
            last_quote = self.attributions.get(self.document.group_of(quotes[-1])[0].open) if quotes else None
            attribution = last_quote or (reported[-1][0] if reported else None)
            if not [part for part in quotes if part.open >= tail.end()]:
                spans.append((attribution, tail.end(), tail_end))
        said = []
        for attribution, clause_start, clause_end in spans:
            if self._add(StatementKind.PARAPHRASE, (clause_start, clause_end), attribution) and attribution:
                said.append(attribution)
        return said

    def _add(self, kind: str, span: tuple[int, int], attribution: Attribution | None) -> bool:
        start, end = strip_span(self.document.text, *span)
        if kind == StatementKind.PARAPHRASE:
            end = start + len(self.document.text[start:end].rstrip(" ,;"))
        passage = self.document.text[start:end]
        if not passage or (kind == StatementKind.PARAPHRASE and len(passage.split()) < _MIN_PARAPHRASE_WORDS):
            return False
        self.found.append(self._candidate(kind, passage, start, end, attribution))
        return True

    def _candidate(self, kind: str, passage: str, start: int, end: int, attribution: Attribution | None) -> Candidate:
        occurrence = self.occurrences.number(passage, start)
        if attribution is None:
            return Candidate(kind, passage, start, end, occurrence, None)
        cue = fold_whitespace(self.document.text[attribution.cue_start : attribution.cue_end])
        via = attribution.via if attribution.via != attribution.speaker else None  # nobody relays themself
        return Candidate(kind, passage, start, end, occurrence, attribution.speaker, cue, via)


def _asks(before: str) -> bool:
    """Whether the sentence so far puts a question, so that the quote it leads to is part of it."""
    question = _QUESTION_LEAD_IN.search(before)
    return question is not None and not _ANSWER.search(before, question.start())


def _unless_unnamed_group(before: str, offset: int, attribution: Attribution | None) -> Attribution | None:
    """No speaker for an unnamed group's words, unless a speaker is named after the group's verb."""
    group = _UNNAMED_GROUP_LEAD_IN.search(before)
    if group is None:
        return attribution
    verb_end = offset + max(group.end(name) for name in ("verb", "passive", "so_called"))
    if attribution and verb_end <= attribution.cue_start < offset + len(before):
        return attribution
    return None


def _reported_end(
    norm: str, clause_start: int, clause_end: int, quotes: list[QuotePart], attributed: bool = False
) -> int | None:
    """Where a reported clause with quotes in it ends as reported speech: at a boundary before the
    first quote ("…, but „the details …“"); at its own end when it goes on after the quotes, which
    are then part of it ("the “carrier-related fists” will only exacerbate the situation"); before the
    quote when the words before it are complete; else nowhere: the quote is the statement."""
    boundaries = list(_CLAUSE_BOUNDARY.finditer(norm, clause_start, quotes[0].open))
    if boundaries:
        return boundaries[-1].start()
    after = "" if attributed else norm[quotes[-1].close + 1 : clause_end]
    if len(speech.PARTICIPLE_CLAUSE.split(after, maxsplit=1)[0].split()) >= _MIN_WORDS_AFTER_QUOTE:
        return clause_end  # (a participle after the quote opens a statement of its own: ", adding that …")
    words = norm[clause_start : quotes[0].open].split()
    if len(words) >= _MIN_WORDS_BEFORE_QUOTE and words[-1].lower().strip(",;:") not in _INCOMPLETE:
        return quotes[0].open
    return None
