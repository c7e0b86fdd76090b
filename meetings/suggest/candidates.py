"""The finder: every quoted passage and reported-speech clause of a text, with who said it.

``find_candidates`` is a pure function of the text and the speakers, so it can be tested and
measured without a database. A candidate's offsets are where the finder found it; the
statement's span is still found by ``meetings.provenance`` when it is saved, from the text and
the ``occurrence`` the candidate names.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..choices import StatementKind
from ..provenance import Occurrences, fold_whitespace
from .attribution import Attribution, Attributor
from .document import Document
from .mentions import Speaker
from .text import strip_span

_MIN_PARAPHRASE_WORDS = 4
# What stands before a quote that is a question put to someone: "When asked if Russia has an
# "exit strategy"", "asked whether the plan was „dead on arrival"": the words are the reporter's.
_QUOTE_MARKS = '"“”«»„‹›'
_QUESTION_LEAD_IN = re.compile(
    r"\b(?:asked|asking|questioned|a\ question)\b(?:\s+\S+){0,4}?\s+(?:whether|if|about|why|how|what|when)\b"
    rf"[^.!?{_QUOTE_MARKS}]*$",
    re.IGNORECASE,
)


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


def find_candidates(text: str, speakers: Sequence[Speaker], *, paraphrases: bool = True) -> list[Candidate]:
    """Every quoted passage in ``text`` and, if asked, plain reported-speech clauses, in text order.

    Candidates whose speaker could not be identified are included with ``speaker=None``.
    Page furniture (breadcrumbs, captions, the teasers under them, comment forms) yields none.
    """
    unique: dict[tuple[str, int, int], Candidate] = {}
    for candidate in _candidates(Document(text, speakers), paraphrases):
        unique.setdefault((candidate.kind, candidate.start, candidate.end), candidate)
    return sorted(unique.values(), key=lambda candidate: (candidate.start, candidate.end))


def _candidates(document: Document, paraphrases: bool) -> list[Candidate]:
    """One pass over the sentences in text order, so that "he" means whoever the text last spoke of."""
    attributor = Attributor(document)
    occurrences = Occurrences(document.text)
    attributions: dict[int, Attribution | None] = {}  # a quote's first part's offset → its speaker
    questions: set[int] = set()  # the first parts' offsets of quotes that are a question put to someone
    found: list[Candidate] = []
    for line in range(len(document.lines)):
        if line in document.furniture:
            continue
        for start, end in document.sentences(line):
            speakers: list[str] = []
            quotes = document.parts_in(start, end)
            for part in quotes:
                group = document.group_of(part)
                if group[0].open in questions or (part is group[0] and _asks(document.text[start : part.open])):
                    questions.add(group[0].open)  # a reporter's words, not the answer's
                    continue
                if part is group[0]:
                    attribution = attributor.quote_attribution(line, start, group)
                    attributions[part.open] = attribution
                    speakers += [attribution.speaker] if attribution else []
                candidate = _candidate(
                    document.text,
                    occurrences,
                    StatementKind.DIRECT_QUOTE,
                    (part.open + 1, part.close),
                    attributions.get(group[0].open),
                )
                found += [candidate] if candidate else []
            if paraphrases and not quotes and (reported := attributor.paraphrase(start, end)):
                attribution, clause_start, clause_end = reported
                candidate = _candidate(
                    document.text, occurrences, StatementKind.PARAPHRASE, (clause_start, clause_end), attribution
                )
                if candidate and len(candidate.text.split()) >= _MIN_PARAPHRASE_WORDS:
                    found.append(candidate)
                    speakers.append(attribution.speaker)
            attributor.update_salience(start, end, speakers)
    return found


def _asks(before: str) -> bool:
    """Whether the sentence so far puts a question, so that the quote it leads to is part of it."""
    return _QUESTION_LEAD_IN.search(before) is not None


def _candidate(
    text: str, occurrences: Occurrences, kind: str, span: tuple[int, int], attribution: Attribution | None
) -> Candidate | None:
    start, end = strip_span(text, *span)
    if kind == StatementKind.PARAPHRASE:
        end = start + len(text[start:end].rstrip(" ,;"))
    passage = text[start:end]
    if not passage:
        return None
    occurrence = occurrences.number(passage, start)
    if attribution is None:
        return Candidate(kind, passage, start, end, occurrence, None)
    cue = fold_whitespace(text[attribution.cue_start : attribution.cue_end])
    return Candidate(kind, passage, start, end, occurrence, attribution.speaker, cue)
