"""An article as the finder reads it: its lines, page furniture, quotes, sentences and mentions.

A ``Document`` is built once per text and only answers questions about where things stand;
who said what is for ``attribution``.
"""

import bisect
from collections.abc import Sequence

from .mentions import Mention, MentionIndex, Speaker
from .quotes import OPENING_MARKS, QuotePart, quote_parts
from .text import SENTENCE_END, furniture_lines, is_abbreviation, line_spans, normalise


class Document:
    """One text, with the offsets of its lines, quote parts and mentions kept sorted for lookups."""

    def __init__(self, text: str, speakers: Sequence[Speaker]):
        self.text = text
        self.norm = normalise(text)
        self.index = MentionIndex(speakers)
        self.lines = line_spans(text)
        self._line_starts = [start for start, _ in self.lines]
        self.furniture = furniture_lines(self.norm, self.lines)
        self.groups = quote_parts(self.norm, self.lines, self.furniture)
        self.parts = sorted((part for group in self.groups for part in group), key=lambda part: part.open)
        self._part_starts = [part.open for part in self.parts]
        self._part_opens = set(self._part_starts)
        self._group_of = {part.open: group for group in self.groups for part in group}
        # Names inside quotes or furniture are neither who is speaking nor context for "he".
        self.mentions = [
            mention
            for mention in self.index.find(self.norm)
            if self.part_at(mention.start, inclusive=True) is None and self.line_of(mention.start) not in self.furniture
        ]
        self._mention_starts = [mention.start for mention in self.mentions]
        # Unambiguous names: what a shared surname or a description is resolved against.
        self._anchors = [m for m in self.mentions if m.form in {"name", "surname"} and len(m.keys) == 1]
        self._anchor_starts = [mention.start for mention in self._anchors]

    # Lines and quotes

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset) - 1

    def line_text(self, line: int) -> str:
        start, end = self.lines[line]
        return self.norm[start:end]

    def part_at(self, offset: int, inclusive: bool = False) -> QuotePart | None:
        """The quote part containing ``offset`` (its marks too when ``inclusive``)."""
        index = bisect.bisect_right(self._part_starts, offset) - 1
        if index < 0:
            return None
        part = self.parts[index]
        if inclusive:
            return part if part.open <= offset <= part.close else None
        return part if part.open < offset < part.close else None

    def parts_in(self, low: int, high: int) -> list[QuotePart]:
        """The quote parts whose opening mark stands in [low, high), in text order."""
        return self.parts[bisect.bisect_left(self._part_starts, low) : bisect.bisect_left(self._part_starts, high)]

    def part_before(self, offset: int) -> QuotePart | None:
        """The last quote part opening before ``offset``."""
        index = bisect.bisect_left(self._part_starts, offset)
        return self.parts[index - 1] if index else None

    def group_of(self, part: QuotePart) -> list[QuotePart]:
        """Every part of the quoted passage ``part`` belongs to."""
        return self._group_of[part.open]

    # Mentions

    def mentions_in(self, low: int, high: int) -> list[Mention]:
        first = bisect.bisect_left(self._mention_starts, low)
        last = bisect.bisect_left(self._mention_starts, high)
        return [mention for mention in self.mentions[first:last] if mention.end <= high]

    def anchors_before(self, offset: int) -> list[Mention]:
        """The unambiguous names before ``offset``, in text order."""
        return self._anchors[: bisect.bisect_left(self._anchor_starts, offset)]

    # Sentences

    def sentences(self, line: int) -> list[tuple[int, int]]:
        """The line's sentences as (start, end); punctuation inside a quote ends none, unless it
        ends the quote and a capital follows (“… in Russia.” In his opinion, …)."""
        start, end = self.lines[line]
        cuts = [start]
        for match in SENTENCE_END.finditer(self.norm, start, end):
            after = match.end()
            part = self.part_at(match.start())
            if part is not None:
                if not (part.closed and after == part.close):
                    continue
                after = part.close + 1
            gap = len(self.norm[after:end]) - len(self.norm[after:end].lstrip())
            if not gap or after + gap >= end:
                continue
            following = self.norm[after + gap]
            opens_quote = following in OPENING_MARKS or after + gap in self._part_opens  # ‘…’ in British style
            if not (following.isupper() or following.isdigit() or opens_quote):
                continue
            if part is None and is_abbreviation(self.norm, start, match.start()):
                continue
            cuts.append(after + gap)
        return list(zip(cuts, [*cuts[1:], end], strict=True))
