"""Quoted passages: which marks open and close a quote, and the quotes of a text, paragraph by paragraph."""

from collections.abc import Sequence
from dataclasses import dataclass

# English “…” and "…", French and Russian «…», German and Polish „…“ and „…”, single guillemets ‹…›.
OPENING_MARKS = '“"«„‹'
# Each opening mark closes on its own partners only, so quotes of another style nested in it stay
# inside; pages that mix styles close a guillemet or a low quote with a straight or curly one.
_CLOSING_MARKS = {"“": "”", '"': '"”', "«": '»"”', "„": '“”"', "‹": "›"}


@dataclass(frozen=True)
class QuotePart:
    """One paragraph's piece of a quoted passage; a quote running over paragraphs has several."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark, or of the paragraph's end when the quote runs on
    closed: bool
    line: int


def quote_parts(norm: str, lines: Sequence[tuple[int, int]], furniture: set[int]) -> list[list[QuotePart]]:
    """The quoted passages, each as its list of per-paragraph parts.

    Typographic convention for a quote over several paragraphs: every paragraph opens with a
    quotation mark and only the last one closes. An unclosed mark followed by a paragraph that
    does not open with one is a stray mark, not a quote.
    """
    groups: list[list[QuotePart]] = []
    running: list[QuotePart] | None = None
    for index, (start, end) in enumerate(lines):
        if index in furniture:
            running = None
            continue
        first_char = start + len(norm[start:end]) - len(norm[start:end].lstrip())
        if running is not None and norm[first_char] not in OPENING_MARKS:
            running = None
        opened: int | None = None
        for position in range(start, end):
            char = norm[position]
            if opened is None and char in OPENING_MARKS:
                opened = position
            elif opened is not None and char in _CLOSING_MARKS[norm[opened]]:
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
