"""Quoted passages: which marks open and close a quote, and the quotes of a text, paragraph by paragraph.

Double marks (“…”, "…", «…», „…“, ‹…›) are quotation marks in every text. Single marks (‘…’, '…')
are quotation marks only in a text written in the British style, where they outnumber the double
ones; elsewhere they are apostrophes or quotes nested in a double-quoted passage, which stay in it.
An apostrophe is never a mark: one between letters (don't, O'Brien) neither opens nor closes, and
a plural possessive (the ministers' meeting) closes a quote only when no later mark in the
paragraph can.
"""

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

# English “…” and "…", French and Russian «…», German and Polish „…“ and „…”, single guillemets ‹…›.
OPENING_MARKS = '“"«„‹'
# ‘ and ’ in the normalised text (see ``text.normalise``): both are the straight apostrophe there.
SINGLE_MARK = "'"
# Each opening mark closes on its own partners only, so quotes of another style nested in it stay
# inside; pages that mix styles close a guillemet or a low quote with a straight or curly one.
_CLOSING_MARKS = {"“": "”", '"': '"”', "«": '»"”', "„": '“”"', "‹": "›", SINGLE_MARK: SINGLE_MARK}
# A single mark opens after a space, a bracket or a dash and before a word ('90s does not open);
# it closes after a word or punctuation and before anything but a letter (don't does not close).
_SINGLE_OPENS = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))'(?=[^\W\d_]|\.\.\.|…)", re.MULTILINE)
_SINGLE_CLOSES = re.compile(r"(?<=[^\s'])'(?![^\W_])")
# "the ministers' meeting": a closing mark after a plural, before a lower-case word, may be a possessive.
_POSSESSIVE_CLOSE = re.compile(r"(?<=s)'(?=\s+[a-z])")


@dataclass(frozen=True)
class QuotePart:
    """One paragraph's piece of a quoted passage; a quote running over paragraphs has several."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark, or of the paragraph's end when the quote runs on
    closed: bool
    line: int


def single_quoted(norm: str) -> bool:
    """Whether the text quotes in the British style: more single marks open quotes than double ones."""
    if SINGLE_MARK not in norm:
        return False
    doubles = sum(norm.count(mark) for mark in "“«„‹") + norm.count('"') / 2
    return len(_SINGLE_OPENS.findall(norm)) > doubles


def quote_parts(norm: str, lines: Sequence[tuple[int, int]], furniture: set[int]) -> list[list[QuotePart]]:
    """The quoted passages, each as its list of per-paragraph parts.

    Typographic convention for a quote over several paragraphs: every paragraph opens with a
    quotation mark and only the last one closes. An unclosed mark followed by a paragraph that
    does not open with one is a stray mark, not a quote.
    """
    singles = _SingleMarks(norm) if single_quoted(norm) else None
    groups: list[list[QuotePart]] = []
    running: list[QuotePart] | None = None
    for index, (start, end) in enumerate(lines):
        if index in furniture:
            running = None
            continue
        first_char = start + len(norm[start:end]) - len(norm[start:end].lstrip())
        if running is not None and not _opens(norm, first_char, singles):
            running = None
        opened: int | None = None
        for position in range(start, end):
            char = norm[position]
            if opened is None and _opens(norm, position, singles):
                opened = position
            elif opened is not None and char in _CLOSING_MARKS[norm[opened]] and _closes(norm, position, end, singles):
                part = QuotePart(opened, position, True, index)
                if running is not None and opened == first_char:
                    running.append(part)
                    groups.append(running)
                    running = None
                else:
                    groups.append([part])
                opened = None
        if opened is not None:
            part = QuotePart(opened, end, False, index)
            if running is not None and opened == first_char:
                running.append(part)
            else:
                running = [part]
        elif running is not None and running[-1].line != index:
            running = None
    return [group for group in groups if group[-1].closed]


class _SingleMarks:
    """Where single marks may open and close a quote, in a text that quotes with them."""

    def __init__(self, norm: str):
        self.openings = [match.start() for match in _SINGLE_OPENS.finditer(norm)]  # in text order
        self.closings = [match.start() for match in _SINGLE_CLOSES.finditer(norm)]
        self.opening, self._closing = set(self.openings), set(self.closings)
        self.possessive = {match.start() for match in _POSSESSIVE_CLOSE.finditer(norm)}

    def closes(self, position: int, line_end: int) -> bool:
        if position not in self._closing:
            return False
        if position not in self.possessive:
            return True
        # A possessive closes only when no other closing mark follows in the paragraph before the next opening one.
        later = bisect.bisect_right(self.closings, position)
        if later == len(self.closings) or self.closings[later] >= line_end:
            return True
        following = bisect.bisect_right(self.openings, position)
        return following < len(self.openings) and self.openings[following] < self.closings[later]


def _opens(norm: str, position: int, singles: _SingleMarks | None) -> bool:
    if norm[position] == SINGLE_MARK:
        return singles is not None and position in singles.opening
    return norm[position] in OPENING_MARKS


def _closes(norm: str, position: int, line_end: int, singles: _SingleMarks | None) -> bool:
    """Whether a closing mark of the open quote's kind at ``position`` closes it (a single one may not)."""
    if norm[position] != SINGLE_MARK:
        return True
    return singles is not None and singles.closes(position, line_end)
