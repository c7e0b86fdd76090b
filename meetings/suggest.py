"""Suggesting draft statements from a source's text, for a curator to confirm or discard.

The finder reads an article the way a curator skims it: it looks for quoted passages (“…” and
"…") and for reported speech ("Lavrov said that …", "according to Peskov, …"), and works out
who is speaking from the sentence around them: "X said", "said X", "X stressed that",
"according to X", "X: “…”", a pronoun ("he added") or a description ("the Russian foreign
minister") that points back to someone already named. Speakers are matched against the
participants' names, other spellings, surnames and the words of their positions.

It is a heuristic, and everything it proposes is a draft: a curator verifies or deletes it.
The finder itself (``find_candidates``) is a pure function of the text and the speakers, so it
can be tested and measured without a database; ``suggest_statements`` turns its candidates
into draft ``Statement`` rows, skipping what the source already has. Spans are never computed
here: ``Statement.save()`` locates each text through ``meetings.provenance``, the one place
spans are found; the finder only says which appearance of the words (``occurrence``) it means.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction

from . import provenance
from .choices import ParticipantKind, StatementChannel, StatementKind
from .models import Participant, Source, Statement

# --- Text --------------------------------------------------------------------------------------

# One-character replacements only, so offsets in the normalised text are offsets in the original:
# names are matched whatever apostrophe or space the article uses (the seeds use both).
_SAME_LENGTH = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u200a": " "}
)
_WHITESPACE_RUN = re.compile(r"\s+")  # as provenance folds it
_OPENING_MARKS = '“"'
# A typographic quote closes only on its own mark, so straight quotes nested in it stay inside.
_CLOSING_MARKS = {"“": "”", '"': '"”'}


def _normalise(text: str) -> str:
    return text.translate(_SAME_LENGTH)


# --- Page furniture -----------------------------------------------------------------------------

# Lines that belong to the page, not the article: breadcrumbs, photo captions and credits,
# comment forms. A quote in them is not a statement, and a name in them sets no context.
_CAPTION_LINE = re.compile(
    r"""
      ©                                          # photo credits
    | \s[-–—]\s+Sputnik\ International\s*$       # Sputnik photo captions
    | \S/TASS\s*$                                # TASS photo credits: "… Stanislav Krasilnikov/TASS"
    | \b(?:REUTERS|AFP|AP\ Photo|Getty\ Images)\s*/\s*\S    # agency credits: "REUTERS / Maxim Shemetov"
    """,
    re.VERBOSE,
)
_OTHER_FURNITURE_LINE = re.compile(
    r"""
      \s[»›]\s                                   # breadcrumbs: Home » Press » …
    | ^\s*(?:leave\ a\ (?:reply|comment)|post\ a\ comment|add\ a\ comment|to\ participate\ in\ the\ discussion
            |log\ in\ or\ register|your\ email\ address\ will\ not\ be\ published|required\ fields\ are\ marked)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_FINAL = re.compile(r"[.!?…:]\W*$")


def _lines(text: str) -> list[tuple[int, int]]:
    """The non-empty lines of the text, as (start, end) offsets; the seeds put one paragraph a line."""
    lines, start = [], 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if content.strip():
            lines.append((start, start + len(content)))
        start += len(line)
    return lines


def _furniture(norm: str, lines: Sequence[tuple[int, int]]) -> set[int]:
    """Indices of the lines that are page furniture.

    Besides lines that look like furniture themselves, the line under a photo caption is the
    related-article teaser it illustrates (Sputnik's layout), when it is not a sentence. (A
    line under a breadcrumb is the headline: it stays.)
    """
    furniture: set[int] = set()
    captions: set[int] = set()
    for index, (start, end) in enumerate(lines):
        line = norm[start:end]
        if _CAPTION_LINE.search(line):
            captions.add(index)
        elif _OTHER_FURNITURE_LINE.search(line) or (index - 1 in captions and not _SENTENCE_FINAL.search(line)):
            furniture.add(index)
    return furniture | captions


# --- Speakers and mentions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Speaker:
    """What the finder needs to know about a participant to recognise them in a text."""

    key: str
    name: str
    other_names: tuple[str, ...] = ()
    position: str = ""
    is_person: bool = True

    @classmethod
    def from_participant(cls, participant: Participant) -> Speaker:
        return cls(
            key=participant.slug,
            name=participant.name,
            other_names=tuple(name for name in participant.other_names or () if isinstance(name, str)),
            position=participant.position,
            is_person=participant.kind == ParticipantKind.PERSON,
        )

    @property
    def full_names(self) -> tuple[str, ...]:
        return (self.name, *self.other_names)


@dataclass(frozen=True)
class Mention:
    """A place in the text that may refer to a speaker."""

    start: int
    end: int
    keys: frozenset[str]  # several when a surname or a description fits more than one speaker
    form: str  # "name", "surname", "description" or "pronoun"


_FUNCTION_WORDS = frozenset({"of", "to", "for", "at", "in", "on", "the", "a", "an", "and", "with", "from", "by"})
_PRONOUNS = re.compile(r"(?<!\w)(?:he|she|his|her)(?!\w)", re.IGNORECASE)


def _descriptions(position: str) -> set[str]:
    """How an article may refer to the holder of ``position`` without naming them, lower-cased.

    "Russian Foreign Minister" gives "russian foreign minister", "foreign minister" and
    "minister"; "US Secretary of State" gives "secretary of state" and "secretary" too. Used
    after "the": "the Russian foreign minister said".
    """
    phrases: set[str] = set()
    for part in re.split(r"[,;()]", position):
        words = part.split()
        if not words:
            continue
        phrases.add(" ".join(words).lower())
        head: list[str] = []
        for word in words:  # the head noun stands before the first preposition
            if word.lower() in _FUNCTION_WORDS:
                break
            head.append(word)
        for i in range(len(head)):  # "secretary of state" as well as "secretary"
            phrases.update({" ".join(head[i:]).lower(), " ".join(words[i:]).lower()})
    return {phrase for phrase in phrases if phrase.split()[0] not in _FUNCTION_WORDS}


def _alternation(phrases: Iterable[str]) -> str:
    # Longest first, so "Sergey Lavrov" wins over "Lavrov"; any whitespace between words.
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in ordered)


def _fold(phrase: str) -> str:
    return " ".join(_normalise(phrase).split())


class MentionIndex:
    """Finds every mention of the known speakers in a (normalised) text."""

    def __init__(self, speakers: Iterable[Speaker]):
        self.speakers = {speaker.key: speaker for speaker in speakers}
        self._names: dict[str, set[str]] = {}
        self._surnames: dict[str, set[str]] = {}
        self._descriptions: dict[str, set[str]] = {}
        for speaker in self.speakers.values():
            for full in speaker.full_names:
                if full.strip():
                    self._names.setdefault(_fold(full), set()).add(speaker.key)
                words = _fold(full).split()
                if speaker.is_person and len(words) > 1 and len(words[-1]) > 2:
                    self._surnames.setdefault(words[-1], set()).add(speaker.key)
            for description in _descriptions(speaker.position):
                self._descriptions.setdefault(description, set()).add(speaker.key)
        # A surname that is someone's full name (an institution's acronym, say) is that name.
        for name in self._names:
            self._surnames.pop(name, None)
        names = [*self._names, *self._surnames]
        self._name_re = re.compile(rf"(?<!\w)(?:{_alternation(names)})(?!\w)") if names else None
        self._description_re = (
            re.compile(rf"(?<!\w)the\s+(?:{_alternation(self._descriptions)})(?!\w)", re.IGNORECASE)
            if self._descriptions
            else None
        )

    def is_person(self, key: str | None) -> bool:
        return key is not None and self.speakers[key].is_person

    def find(self, norm: str) -> list[Mention]:
        found: list[Mention] = []
        if self._name_re is not None:
            for match in self._name_re.finditer(norm):
                folded = " ".join(match.group().split())
                if folded in self._names:
                    found.append(Mention(match.start(), match.end(), frozenset(self._names[folded]), "name"))
                else:
                    found.append(Mention(match.start(), match.end(), frozenset(self._surnames[folded]), "surname"))
        if self._description_re is not None:
            for match in self._description_re.finditer(norm):
                phrase = " ".join(match.group().lower().split()[1:])
                found.append(Mention(match.start(), match.end(), frozenset(self._descriptions[phrase]), "description"))
        found += [Mention(m.start(), m.end(), frozenset(), "pronoun") for m in _PRONOUNS.finditer(norm)]
        # Where forms overlap ("the Russian Foreign Minister Sergey Lavrov"), the longest wins.
        found.sort(key=lambda mention: (mention.start, mention.start - mention.end))
        kept: list[Mention] = []
        for mention in found:
            if not kept or mention.start >= kept[-1].end:
                kept.append(mention)
        return kept


# --- Attribution patterns -----------------------------------------------------------------------


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_SPEECH_VERBS = (
    "said|says|stated|states|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|underscored|added|adds|"
    "noted|notes|told|tells|wrote|writes|tweeted|explained|declared|announced|remarked|insisted|insists|warned|"
    "argued|acknowledged|admitted|asked|replied|answered|continued|concluded|commented|described|called|"
    "reiterated|pointed out|claimed|claims|confirmed|mentioned|recalled|urged|highlighted|expressed|assured|"
    "believes|went on"
)
# Verbs after which the rest of the sentence is what was said, so it can be a paraphrase.
_REPORTING_VERBS = _word_set(
    "said says stated states stressed stresses emphasised emphasized emphasises emphasizes underlined "
    "underscored added adds noted notes told tells explained declared announced insisted insists warned "
    "argued acknowledged admitted reiterated claimed claims confirmed mentioned recalled believes "
    "expressed"
) | {"pointed out"}
# What may stand between a subject and its verb: "(R)", ", commenting on …,", "also", "has".
_TO_VERB = re.compile(
    r"(?:\s*\([^()]{0,20}\))?(?:\s*,[^,.;:\"“”]{1,150},)?"
    r"(?:\s+(?:also|further|then|again|later|earlier|repeatedly|once|has|have|had|\w+ly))*"
    rf"\s+(?P<verb>{_SPEECH_VERBS})(?!\w)"
)
# "… said that X", "… told Sputnik on Wednesday that X", "… said, as quoted by Y, that X".
_THAT_CLAUSE = re.compile(r"(?:\s*,[^,.;:\"“”]{1,80},)?(?:\s+[^\s,.;:\"“”]+){0,14}?\s+that\s+")
# "Lavrov said Russia …": a clause straight after the verb, unless a preposition starts an adjunct.
_NEXT_WORD = re.compile(r"\s+(\w[\w'-]*)")
_NOT_A_CLAUSE = _word_set(
    "on in at after before during to about this so as while when it for with by of against nothing"
)
_DIRECT_CLAUSE_VERBS = frozenset({"said", "says", "stated", "stressed", "added", "noted", "believes"})
# Between a quote and its trailing speaker only title words may stand, not another clause.
_TITLE_WORDS = re.compile(
    r"[\s,]*(?:(?!(?:while|and|but|as|when|whereas|after|before|because|although|though|which|who|that|if|since|so)"
    r"(?!\w))[^.!?;:\"“”,\s]+\s+)*",
    re.IGNORECASE,
)
_TRAILING_VERB_FIRST = re.compile(rf"[\s,]*(?P<cue>{_SPEECH_VERBS})(?!\w)")
# "according to Lavrov", "according to Russian presidential spokesman Dmitry Peskov".
_ACCORDING_TO = re.compile(r"according\s+to(?:\s+[^\s,.;:\"“”]+){0,5}?\s+$", re.IGNORECASE)
# The comma closing "According to X (WHO), …".
_COMMA_AFTER_NAME = re.compile(r"(?:\s*\([^()]{1,30}\))?\s*,\s*")
_AS_BEFORE = re.compile(r"(?:^|[\s,])as\s+$", re.IGNORECASE)
_IN_HIS_WORDS = re.compile(r"(?:in|to)\s+(?:his|her)\s+(?:opinion|words|view|mind)|according\s+to\s+(?:him|her)", re.I)
_CONNECTOR = re.compile(r"\s*(?:[A-Z][\w ]{0,30},\s*)?")
_POSSESSIVE = re.compile(r"'s?(?!\w)")
_TRAILING_ACCORDING_TO = re.compile(r"[\s,]*(?P<cue>according\s+to)\s+", re.IGNORECASE)
# How far after a quote its speaker may be named, and how long a bare attribution may run on.
_TRAIL_WINDOW = 130
_BARE_ATTRIBUTION_TAIL = 60
_MIN_PARAPHRASE_WORDS = 4
# Words whose full stop does not end a sentence ("Mr. Lavrov"); single letters ("U.S.") are handled apart.
_ABBREVIATIONS = _word_set("Mr Mrs Ms Dr St Gen Sen Rep Jr Sr Prof Lt Col Gov Amb No vs")
_SENTENCE_END = re.compile(r"[.!?]+")


# --- Candidates ---------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class _Part:
    """One paragraph's piece of a quoted passage; a quote running over paragraphs has several."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark, or of the paragraph's end when the quote runs on
    closed: bool
    line: int


def _quote_parts(norm: str, lines: Sequence[tuple[int, int]], furniture: set[int]) -> list[list[_Part]]:
    """The quoted passages, each as its list of per-paragraph parts.

    Typographic convention for a quote over several paragraphs: every paragraph opens with a
    quotation mark and only the last one closes. An unclosed mark followed by a paragraph that
    does not open with one is a stray mark, not a quote.
    """
    groups: list[list[_Part]] = []
    running: list[_Part] | None = None
    for index, (start, end) in enumerate(lines):
        if index in furniture:
            running = None
            continue
        first_char = start + len(norm[start:end]) - len(norm[start:end].lstrip())
        if running is not None and norm[first_char] not in _OPENING_MARKS:
            running = None
        opened: int | None = None
        for position in range(start, end):
            char = norm[position]
            if opened is None and char in _OPENING_MARKS:
                opened = position
            elif opened is not None and char in _CLOSING_MARKS[norm[opened]]:
                part = _Part(opened, position, True, index)
                if running is not None and opened == first_char:
                    running.append(part)
                    groups.append(running)
                    running = None
                else:
                    groups.append([part])
                opened = None
        if opened is not None:
            part = _Part(opened, end, False, index)
            if running is not None and opened == first_char:
                running.append(part)
            else:
                running = [part]
        elif running is not None and running[-1].line != index:
            running = None
    return [group for group in groups if group[-1].closed]


class Attribution(NamedTuple):
    """Who said it, and where the words that say so stand (the cue shown to the curator)."""

    speaker: str
    cue_start: int
    cue_end: int


class _Finder:
    """One pass over one text; holds what the attribution rules share."""

    def __init__(self, text: str, speakers: Sequence[Speaker]):
        self.text = text
        self.norm = _normalise(text)
        self.index = MentionIndex(speakers)
        self.lines = _lines(text)
        self._line_starts = [start for start, _ in self.lines]
        self.furniture = _furniture(self.norm, self.lines)
        self.groups = _quote_parts(self.norm, self.lines, self.furniture)
        self.parts = sorted((part for group in self.groups for part in group), key=lambda part: part.open)
        self._part_starts = [part.open for part in self.parts]
        self._group_of = {part.open: group for group in self.groups for part in group}
        # Names inside quotes or furniture are neither who is speaking nor context for "he".
        self.mentions = [
            mention
            for mention in self.index.find(self.norm)
            if self._part_at(mention.start, inclusive=True) is None
            and self._line_of(mention.start) not in self.furniture
        ]
        self._mention_starts = [mention.start for mention in self.mentions]
        # Unambiguous names: what a shared surname or a description is resolved against.
        self._anchors = [m for m in self.mentions if m.form in {"name", "surname"} and len(m.keys) == 1]
        self._anchor_starts = [mention.start for mention in self._anchors]
        self.salient: str | None = None  # the person "he" or "she" refers to at this point of the pass
        self.occurrences = _Occurrences(text)

    def candidates(self, paraphrases: bool) -> list[Candidate]:
        attributions: dict[int, Attribution | None] = {}  # a quote's first part's offset → its speaker
        found: list[Candidate] = []
        for line in range(len(self.lines)):
            if line in self.furniture:
                continue
            for start, end in self.sentences(line):
                speakers: list[str] = []
                quotes = self.parts[
                    bisect.bisect_left(self._part_starts, start) : bisect.bisect_left(self._part_starts, end)
                ]
                for part in quotes:
                    group = self._group_of[part.open]
                    if part is group[0]:
                        attribution = self.quote_attribution(line, start, group)
                        attributions[part.open] = attribution
                        speakers += [attribution.speaker] if attribution else []
                    candidate = self.candidate(
                        StatementKind.DIRECT_QUOTE, part.open + 1, part.close, attributions.get(group[0].open)
                    )
                    found += [candidate] if candidate else []
                if paraphrases and not quotes and (reported := self.paraphrase(start, end)):
                    attribution, clause_start, clause_end = reported
                    candidate = self.candidate(StatementKind.PARAPHRASE, clause_start, clause_end, attribution)
                    if candidate and len(candidate.text.split()) >= _MIN_PARAPHRASE_WORDS:
                        found.append(candidate)
                        speakers.append(attribution.speaker)
                self._update_salience(start, end, speakers)
        return found

    def candidate(self, kind: str, start: int, end: int, attribution: Attribution | None) -> Candidate | None:
        start, end = _strip_span(self.text, start, end)
        if kind == StatementKind.PARAPHRASE:
            end = start + len(self.text[start:end].rstrip(" ,;"))
        passage = self.text[start:end]
        if not passage:
            return None
        occurrence = self.occurrences.number(passage, start)
        if attribution is None:
            return Candidate(kind, passage, start, end, occurrence, None)
        cue = " ".join(self.text[attribution.cue_start : attribution.cue_end].split())
        return Candidate(kind, passage, start, end, occurrence, attribution.speaker, cue)

    def _update_salience(self, start: int, end: int, speakers: list[str]) -> None:
        """Who "he" or "she" means from the next sentence on: the last person quoted or reported,
        else a person this sentence says something, else the first person it names."""
        people = [key for key in speakers if self.index.is_person(key)]
        if not people and (subject := self.subject(start, end)) and self.index.is_person(subject.speaker):
            people = [subject.speaker]
        if not people:
            named = (self.resolve(mention) for mention in self._mentions_in(start, end) if mention.form != "pronoun")
            people = [key for key in named if self.index.is_person(key)][:1]
        if people:
            self.salient = people[-1]

    # Lookups

    def _line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset) - 1

    def _part_at(self, offset: int, inclusive: bool = False) -> _Part | None:
        """The quote part containing ``offset`` (its marks too when ``inclusive``)."""
        index = bisect.bisect_right(self._part_starts, offset) - 1
        if index < 0:
            return None
        part = self.parts[index]
        if inclusive:
            return part if part.open <= offset <= part.close else None
        return part if part.open < offset < part.close else None

    def _mentions_in(self, low: int, high: int) -> list[Mention]:
        first = bisect.bisect_left(self._mention_starts, low)
        last = bisect.bisect_left(self._mention_starts, high)
        return [mention for mention in self.mentions[first:last] if mention.end <= high]

    def resolve(self, mention: Mention) -> str | None:
        if mention.form == "pronoun":
            return self.salient
        if len(mention.keys) == 1:
            return next(iter(mention.keys))
        # Several speakers fit a surname or a description: the one most recently named.
        for anchor in reversed(self._anchors[: bisect.bisect_left(self._anchor_starts, mention.start)]):
            if anchor.keys <= mention.keys:
                return next(iter(anchor.keys))
        return None

    def _attribution(self, mention: Mention, cue_start: int, cue_end: int) -> Attribution | None:
        speaker = self.resolve(mention)
        return Attribution(speaker, cue_start, cue_end) if speaker else None

    def _can_be_subject(self, mention: Mention) -> bool:
        return mention.form != "pronoun" or self.norm[mention.start : mention.end].lower() in {"he", "she"}

    # Sentences

    def sentences(self, line: int) -> list[tuple[int, int]]:
        """The line's sentences as (start, end); punctuation inside a quote ends none, unless it
        ends the quote and a capital follows (“… in Russia.” In his opinion, …)."""
        start, end = self.lines[line]
        cuts = [start]
        for match in _SENTENCE_END.finditer(self.norm, start, end):
            after = match.end()
            part = self._part_at(match.start())
            if part is not None:
                if not (part.closed and after == part.close):
                    continue
                after = part.close + 1
            gap = len(self.norm[after:end]) - len(self.norm[after:end].lstrip())
            if not gap or after + gap >= end:
                continue
            following = self.norm[after + gap]
            if not (following.isupper() or following.isdigit() or following in _OPENING_MARKS):
                continue
            if part is None and self._is_abbreviation(start, match.start()):
                continue
            cuts.append(after + gap)
        return list(zip(cuts, [*cuts[1:], end], strict=True))

    def _is_abbreviation(self, line_start: int, dot: int) -> bool:
        word = re.search(r"[\w.]*$", self.norm[line_start:dot]).group()
        return bool(re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word)) or word in _ABBREVIATIONS

    # Who said a quote

    def quote_attribution(self, line: int, sentence_start: int, group: list[_Part]) -> Attribution | None:
        first = group[0]
        opens_sentence = not self.norm[sentence_start : first.open].strip()
        # After an earlier quote in the sentence, the words since it come first: in
        # 'Tillerson called the talks "useful," while Lavrov called them "frank."' Lavrov says "frank".
        index = bisect.bisect_left(self._part_starts, first.open)
        previous = self.parts[index - 1] if index else None
        since = previous.close + 1 if previous and previous.close >= sentence_start else None
        return (
            self.trail(group[-1])
            or (self.lead_in(since, first) if since is not None else None)
            or self.lead_in(sentence_start, first)
            or (self.colon_before(line) if opens_sentence else None)
        )

    def subject(self, low: int, high: int, verbs: frozenset[str] | None = None) -> Attribution | None:
        """The first mention in [low, high) that a speech verb follows: "Lavrov (also) said"."""
        for mention in self._mentions_in(low, high):
            if not self._can_be_subject(mention):
                continue
            verb = _TO_VERB.match(self.norm, mention.end, high)
            if verb is None or (verbs is not None and " ".join(verb["verb"].split()) not in verbs):
                continue
            if attribution := self._attribution(mention, mention.start, verb.end()):
                return attribution
        return None

    def lead_in(self, sentence_start: int, quote: _Part) -> Attribution | None:
        """Who speaks, from the sentence before the opening quotation mark."""
        if subject := self.subject(sentence_start, quote.open):
            return subject
        mentions = [m for m in self._mentions_in(sentence_start, quote.open) if m.form != "pronoun"]
        for mention in reversed(mentions):  # "According to Lavrov, … “…”"
            according = _ACCORDING_TO.search(self.norm, sentence_start, mention.start)
            if according and (attribution := self._attribution(mention, according.start(), mention.end)):
                return attribution
        # A headline or interview layout: "Leonid Slutsky: “Not a breakthrough …”".
        if (
            mentions
            and not self.norm[sentence_start : mentions[0].start].strip()
            and re.fullmatch(r"\s*:\s*", self.norm[mentions[0].end : quote.open])
        ):
            return self._attribution(mentions[0], mentions[0].start, mentions[0].end)
        # "In his opinion, “…”", "according to her, “…”".
        words = _IN_HIS_WORDS.search(self.norm, sentence_start, quote.open)
        if words and self.salient:
            return Attribution(self.salient, words.start(), words.end())
        return None

    def trail(self, quote: _Part) -> Attribution | None:
        """Who speaks, from right after the closing mark: “…,” Lavrov said / said Lavrov / according to Lavrov."""
        start, end = quote.close + 1, self.lines[quote.line][1]
        inner = self.norm[quote.open + 1 : quote.close].rstrip()
        ends_sentence = inner.endswith((".", "…")) and self.norm[start:end].lstrip()[:1].isupper()
        return self.trailing_attribution(start, end, ends_sentence)

    def trailing_attribution(self, start: int, end: int, ends_sentence: bool = False) -> Attribution | None:
        """An attribution right at ``start``: "Lavrov said", "said the Russian foreign minister",
        "according to Lavrov"; only title words ("Foreign Ministry spokeswoman") may come first."""
        for mention in self._mentions_in(start, min(end, start + _TRAIL_WINDOW)):
            if _TITLE_WORDS.fullmatch(self.norm, start, mention.start) is None:
                break
            verb = _TO_VERB.match(self.norm, mention.end, end)
            if verb is None or not self._can_be_subject(mention):
                continue
            # After a full stop the next sentence may have its own speaker and its own
            # statement: only a bare attribution (“… .” Lavrov said on Wednesday.) belongs here.
            rest = self.norm[verb.end() : end].split(".")[0]
            if ends_sentence and (len(rest) > _BARE_ATTRIBUTION_TAIL or re.search(r"\bthat\b", rest)):
                return None
            return self._attribution(mention, mention.start, verb.end())
        if ends_sentence:
            return None
        lead = _TRAILING_VERB_FIRST.match(self.norm, start, end) or _TRAILING_ACCORDING_TO.match(self.norm, start, end)
        if lead is None:
            return None
        for mention in self._mentions_in(lead.end(), min(end, lead.end() + _TRAIL_WINDOW)):
            if mention.form == "pronoun" or _TITLE_WORDS.fullmatch(self.norm, lead.end(), mention.start) is None:
                return None
            if _POSSESSIVE.match(self.norm, mention.end):
                continue  # "said Lavrov's spokeswoman Maria Zakharova": the speaker is named next
            return self._attribution(mention, lead.start("cue"), mention.end)
        return None

    def colon_before(self, line: int) -> Attribution | None:
        """A quote opening its paragraph, announced by the one before: "Lavrov said:"."""
        previous = line - 1
        while previous >= 0 and previous in self.furniture:
            previous -= 1
        if previous < 0:
            return None
        start, end = self.lines[previous]
        if not self.norm[start:end].rstrip().endswith(":"):
            return None
        sentence_start, _ = self.sentences(previous)[-1]
        return self.subject(sentence_start, end)

    # Reported speech

    def paraphrase(self, start: int, end: int) -> tuple[Attribution, int, int] | None:
        """Reported speech in a sentence without quotation marks: (attribution, clause start, clause end)."""
        sentence = self.norm[start:end].rstrip()
        if sentence.endswith((":", "?")):
            return None
        clause_end = start + len(sentence.rstrip(".!").rstrip())
        return (
            self._according_to_clause(start, end, clause_end)
            or self._that_clause(start, end, clause_end)
            or self._clause_before_attribution(start, clause_end)
        )

    def _according_to_clause(self, start: int, end: int, clause_end: int) -> tuple[Attribution, int, int] | None:
        """ "According to X, <clause>." and "As X acknowledged, <clause>." """
        for mention in self._mentions_in(start, end):
            if mention.form == "pronoun":
                continue
            before = self.norm[start : mention.start]
            according = _ACCORDING_TO.search(before)
            if according and _CONNECTOR.fullmatch(before[: according.start()]):
                cue_start, cue_end = start + according.start(), mention.end
            elif _AS_BEFORE.search(before) and (verb := _TO_VERB.match(self.norm, mention.end, end)):
                cue_start, cue_end = mention.start, verb.end()
            else:
                continue
            comma = _COMMA_AFTER_NAME.match(self.norm, cue_end, end)
            if comma and (attribution := self._attribution(mention, cue_start, cue_end)):
                return attribution, comma.end(), clause_end
        return None

    def _that_clause(self, start: int, end: int, clause_end: int) -> tuple[Attribution, int, int] | None:
        """ "X said (that) <clause>.", "X told Sputnik on Wednesday that <clause>." """
        subject = self.subject(start, end, verbs=_REPORTING_VERBS)
        if subject is None:
            return None
        if that := _THAT_CLAUSE.match(self.norm, subject.cue_end, end):
            return subject, that.end(), clause_end
        verb = self.norm[subject.cue_start : subject.cue_end].split()[-1]
        following = _NEXT_WORD.match(self.norm, subject.cue_end, end)
        if verb in _DIRECT_CLAUSE_VERBS and following and following[1].lower() not in _NOT_A_CLAUSE:
            return subject, following.start(1), clause_end
        return None

    def _clause_before_attribution(self, start: int, clause_end: int) -> tuple[Attribution, int, int] | None:
        """ "<clause>, Lavrov said." """
        comma = self.norm.rfind(",", start, clause_end)
        if comma <= start:
            return None
        attribution = self.trailing_attribution(comma, clause_end)
        if attribution and not re.search(r"\bthat\b", self.norm[attribution.cue_end : clause_end]):
            return attribution, start, comma
        return None


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class _Occurrences:
    """Which appearance of a passage, as provenance counts them, a candidate is.

    Provenance compares texts with every whitespace run folded to one space; this folds the
    text once and maps offsets into it, so numbering every candidate costs a search, not a
    fold of the text per candidate.
    """

    def __init__(self, text: str):
        self.folded = _WHITESPACE_RUN.sub(" ", text)
        self._run_ends: list[int] = []
        self._shrink: list[int] = []  # characters folded away by the runs up to each run end
        shrunk = 0
        for run in _WHITESPACE_RUN.finditer(text):
            shrunk += len(run.group()) - 1
            self._run_ends.append(run.end())
            self._shrink.append(shrunk)

    def _folded_offset(self, offset: int) -> int:
        runs = bisect.bisect_right(self._run_ends, offset)
        return offset - (self._shrink[runs - 1] if runs else 0)

    def number(self, passage: str, start: int) -> int:
        """The occurrence (from 1) of ``passage`` that starts at ``start`` in the original text."""
        needle, target = provenance.fold_whitespace(passage), self._folded_offset(start)
        count, index = 0, self.folded.find(needle)
        while 0 <= index <= target:
            count, index = count + 1, self.folded.find(needle, index + 1)
        return count


def find_candidates(text: str, speakers: Sequence[Speaker], *, paraphrases: bool = True) -> list[Candidate]:
    """Every quoted passage in ``text`` and, if asked, plain reported-speech clauses, in text order.

    Candidates whose speaker could not be identified are included with ``speaker=None``.
    Page furniture (breadcrumbs, captions, the teasers under them, comment forms) yields none.
    """
    unique: dict[tuple[str, int, int], Candidate] = {}
    for candidate in _Finder(text, speakers).candidates(paraphrases):
        unique.setdefault((candidate.kind, candidate.start, candidate.end), candidate)
    return sorted(unique.values(), key=lambda candidate: (candidate.start, candidate.end))


# --- Comparing with what a source already has ---------------------------------------------------

# Two statements of the same kind whose spans share at least this share of the shorter one
# are the same statement, cut a little differently ("frank and comprehensive" vs "… ,").
_SAME_STATEMENT_OVERLAP = 0.5


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """The overlap of two spans as a share of the shorter one (0 when they are disjoint)."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shortest = min(a[1] - a[0], b[1] - b[0])
    return max(shared, 0) / shortest if shortest > 0 else 0.0


@dataclass(frozen=True)
class _Existing:
    kind: str
    folded: str
    span: tuple[int, int] | None


def _already_present(candidate: Candidate, existing: Iterable[_Existing]) -> bool:
    folded = provenance.fold_whitespace(candidate.text)
    for statement in existing:
        if statement.folded == folded:
            return True
        if (
            statement.kind == candidate.kind
            and statement.span is not None
            and spans_overlap(statement.span, (candidate.start, candidate.end)) >= _SAME_STATEMENT_OVERLAP
        ):
            return True
    return False


# --- Creating drafts ----------------------------------------------------------------------------


@dataclass
class SuggestionReport:
    """What one run on one source proposed, found already there, or could not attribute."""

    source: Source
    dry_run: bool = False
    created: list[Statement] = field(default_factory=list)  # unsaved in a dry run
    already_present: list[Candidate] = field(default_factory=list)
    no_speaker: list[Candidate] = field(default_factory=list)

    def summary(self) -> str:
        verb = "would create" if self.dry_run else "created"
        return (
            f"{verb} {len(self.created)}, already present {len(self.already_present)}, "
            f"no speaker {len(self.no_speaker)}"
        )


def suggest_statements(source: Source, *, dry_run: bool = False, paraphrases: bool = True) -> SuggestionReport:
    """Create draft statements for the quotes and reported speech in ``source`` that it lacks.

    A candidate is skipped when the source already has a statement (draft or verified) with
    the same whitespace-folded text, or one of the same kind over mostly the same span, so
    running this twice creates nothing new and curated statements are not duplicated.
    """
    participants = {participant.slug: participant for participant in Participant.objects.all()}
    speakers = [Speaker.from_participant(participant) for participant in participants.values()]
    candidates = find_candidates(source.text, speakers, paraphrases=paraphrases)
    report = SuggestionReport(source=source, dry_run=dry_run)
    with transaction.atomic():
        # Two runs on one source at once must not both create the same drafts.
        list(Source.objects.select_for_update().filter(pk=source.pk).values_list("pk"))
        existing = [
            _Existing(kind, provenance.fold_whitespace(text), None if start is None else (start, end))
            for kind, text, start, end in source.statements.values_list("kind", "text", "span_start", "span_end")
        ]
        for candidate in candidates:
            if _already_present(candidate, existing):
                report.already_present.append(candidate)
            elif candidate.speaker is None:
                report.no_speaker.append(candidate)
            else:
                statement = _draft(source, participants[candidate.speaker], candidate)
                if dry_run:
                    statement.locate()
                else:
                    statement.save()
                report.created.append(statement)
                span = None if statement.span_start is None else (statement.span_start, statement.span_end)
                existing.append(_Existing(candidate.kind, provenance.fold_whitespace(candidate.text), span))
    return report


def _draft(source: Source, speaker: Participant, candidate: Candidate) -> Statement:
    statement = Statement(
        source=source,
        speaker=speaker,
        kind=candidate.kind,
        text=candidate.text,
        occurrence=candidate.occurrence,
        channel=StatementChannel.UNKNOWN,
        meeting=None,
    )
    statement.mark_draft()
    return statement


@admin.action(description="Suggest draft statements from the text", permissions=["suggest"])
def suggest_statements_action(modeladmin, request, queryset) -> None:
    """Admin action on sources: run the suggester on each selected source and say what it did.

    Offered only where the ModelAdmin's ``has_suggest_permission`` allows it.
    """
    if not request.user.has_perm("meetings.add_statement"):
        modeladmin.message_user(request, "You may not add statements, so none were suggested.", messages.ERROR)
        return
    for source in queryset.order_by("slug"):
        try:
            report = suggest_statements(source)
        except ValidationError as error:  # one source's failure (rolled back) must not hide the others' results
            modeladmin.message_user(
                request, f"“{source.slug}”: nothing suggested: {' '.join(error.messages)}", messages.ERROR
            )
            continue
        level = messages.SUCCESS if report.created else messages.INFO
        modeladmin.message_user(
            request,
            f"“{source.slug}”: {report.summary()}. New statements are drafts with no meeting; "
            "verify or delete them in Statements.",
            level,
        )
