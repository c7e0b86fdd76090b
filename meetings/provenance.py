"""Finding and verifying where a statement stands in its source's text.

This is the one place where quotes are checked: model saves, fixture loading, the admin
and the API all come through here, so a quote is verified the same way wherever it enters.

Texts are compared after folding every run of whitespace (spaces, newlines, no-break
spaces) into one space; spans are reported as offsets into the source's original text,
end exclusive, so ``source.text[span.start:span.end]`` is the passage itself.
"""

import bisect
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from .choices import StatementKind

_WHITESPACE_RUN = re.compile(r"\s+")  # \s covers U+00A0 and the other Unicode spaces
_PREVIEW_CHARS = 160
# A shorter matching prefix (a letter, a common word) says nothing about where the quote went wrong.
_USEFUL_PREFIX_CHARS = 12


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def fold_whitespace(text: str) -> str:
    """Collapse every run of whitespace into a single space and trim the ends."""
    return _WHITESPACE_RUN.sub(" ", text).strip()


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold whitespace runs and keep, for each folded character, its offset in ``text``."""
    folded: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _WHITESPACE_RUN.finditer(text):
        folded.append(text[position : match.start()])
        offsets.extend(range(position, match.start()))
        folded.append(" ")
        offsets.append(match.start())
        position = match.end()
    folded.append(text[position:])
    offsets.extend(range(position, len(text)))
    return "".join(folded), offsets


def find_span(source_text: str, passage: str, occurrence: int = 1) -> Span | None:
    """Return the span of the ``occurrence``-th appearance of ``passage`` (counting from 1), or None."""
    needle = fold_whitespace(passage)
    if not needle or occurrence < 1:
        return None
    haystack, offsets = _fold_with_offsets(source_text)
    index = -1
    for _ in range(occurrence):
        index = haystack.find(needle, index + 1)
        if index < 0:
            return None
    return Span(start=offsets[index], end=offsets[index + len(needle) - 1] + 1)


def count_occurrences(source_text: str, passage: str) -> int:
    needle = fold_whitespace(passage)
    haystack = fold_whitespace(source_text)
    count, index = 0, haystack.find(needle) if needle else -1
    while index >= 0:
        count, index = count + 1, haystack.find(needle, index + 1)
    return count


class Occurrences:
    """Which appearance of a passage, as ``find_span`` counts them, starts at a given offset.

    Folds the text once and maps offsets into the folded text, so numbering many passages of
    one text costs a search each, not a fold of the text each.
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
        needle, target = fold_whitespace(passage), self._folded_offset(start)
        count, index = 0, self.folded.find(needle)
        while 0 <= index <= target:
            count, index = count + 1, self.folded.find(needle, index + 1)
        return count


def _preview(text: str) -> str:
    return text if len(text) <= _PREVIEW_CHARS else text[: _PREVIEW_CHARS - 1] + "…"


def mismatch_message(source_text: str, passage: str) -> str:
    """Explain which part of ``passage`` could not be found in ``source_text``."""
    needle = fold_whitespace(passage)
    haystack = fold_whitespace(source_text)
    # The longest prefix of the quote that the source does contain (found by bisection:
    # if a prefix occurs, every shorter one does too).
    low, high = 0, len(needle)
    while low < high:
        middle = (low + high + 1) // 2
        if needle[:middle] in haystack:
            low = middle
        else:
            high = middle - 1
    if low < _USEFUL_PREFIX_CHARS:
        return f"“{_preview(needle)}” does not occur in the source's text."
    return (
        f"“{_preview(needle)}” does not occur in the source's text: it matches up to "
        f"“{_preview(needle[:low])}” and differs from “{_preview(needle[low:])}” on."
    )


class QuoteNotInSourceError(ValidationError):
    """A direct quote that is not, word for word, in its source's text."""


def locate_statement(*, label: str, source_text: str, kind: str, text: str, occurrence: int = 1) -> Span | None:
    """Find a statement's span, refusing a direct quote its source does not contain.

    A paraphrase gets a span when its wording is the article's own, and none otherwise.
    ``occurrence`` picks one appearance when the words stand in the text more than once
    (a headline repeated in the page's navigation, say). ``label`` names the statement in
    the error, so a failed fixture load says which one.
    """
    span = find_span(source_text, text, occurrence)
    if span is not None:
        return span
    found = count_occurrences(source_text, text)
    if found and occurrence > found:
        raise QuoteNotInSourceError(
            {"occurrence": [f"Statement {label}: the text occurs {found} time(s) in the source, not {occurrence}."]},
            code="occurrence_out_of_range",
        )
    if kind == StatementKind.DIRECT_QUOTE:
        raise QuoteNotInSourceError(
            {"text": [f"Statement {label}: the direct quote {mismatch_message(source_text, text)}"]},
            code="quote_not_in_source",
        )
    return None


CONTEXT_CHARS = 120


def context(source_text: str, span: Span) -> tuple[str, str]:
    """Up to CONTEXT_CHARS characters of the source's text on each side of a span."""
    before = source_text[max(0, span.start - CONTEXT_CHARS) : span.start]
    return before, source_text[span.end : span.end + CONTEXT_CHARS]
