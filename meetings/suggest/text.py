"""How the finder reads an article's text: normalised, in lines, with its page furniture marked.

Offsets are kept throughout: the normalised text has the original's length, lines are (start,
end) offsets into it, and a sentence's end is decided on the normalised text too.
"""

import re
from collections.abc import Sequence

# --- Normalising and lines --------------------------------------------------------------------

# One-character replacements only, so offsets in the normalised text are offsets in the original:
# names are matched whatever apostrophe or space the article uses (the seeds use both).
_SAME_LENGTH = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u200a": " "}
)


def normalise(text: str) -> str:
    return text.translate(_SAME_LENGTH)


def line_spans(text: str) -> list[tuple[int, int]]:
    """The non-empty lines of the text, as (start, end) offsets; the seeds put one paragraph a line."""
    lines, start = [], 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if content.strip():
            lines.append((start, start + len(content)))
        start += len(line)
    return lines


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the whitespace at its ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


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
      ^\s*(?:leave\ a\ (?:reply|comment)|post\ a\ comment|add\ a\ comment|to\ participate\ in\ the\ discussion
            |log\ in\ or\ register|your\ email\ address\ will\ not\ be\ published|required\ fields\ are\ marked)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Breadcrumbs: Home » Press » … (a line that opens a guillemet is a quote instead: « … » said).
_BREADCRUMB = re.compile(r"\s[»›]\s")
_OPENING_GUILLEMET = re.compile("[«‹]")
_SENTENCE_FINAL = re.compile(r"[.!?…:]\W*$")


def furniture_lines(norm: str, lines: Sequence[tuple[int, int]]) -> set[int]:
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
        elif (
            _OTHER_FURNITURE_LINE.search(line)
            or (_BREADCRUMB.search(line) and not _OPENING_GUILLEMET.search(line))
            or (index - 1 in captions and not _SENTENCE_FINAL.search(line))
        ):
            furniture.add(index)
    return furniture | captions


# --- Sentences ----------------------------------------------------------------------------------

SENTENCE_END = re.compile(r"[.!?]+")
# Words whose full stop does not end a sentence ("Mr. Lavrov"); single letters ("U.S.") are handled apart.
_ABBREVIATIONS = frozenset(
    {"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Jr", "Sr", "Prof", "Lt", "Col", "Gov", "Amb", "No", "vs"}
)


def is_abbreviation(norm: str, line_start: int, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation ("Mr.", "U.S.") rather than a sentence."""
    word = re.search(r"[\w.]*$", norm[line_start:dot]).group()
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word)) or word in _ABBREVIATIONS
