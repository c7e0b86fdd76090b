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
# Other layouts' captions end with their credit; the line under them is the article's own.
_CREDIT_LINE = re.compile(
    r"""
      \b(?:Photo(?:graph)?|Picture|Image|Credit)s?\s*:[^.!?]{0,80}$    # "… Photograph: Yves Herman/Reuters"
    | \((?:photo|picture|image)s?[:\ ][^()]{0,60}\)\s*$    # "(Photo: Reuters)"
    | /\s*(?:Reuters|AFP|AP|EPA|Getty\ Images|Bloomberg|Xinhua|Anadolu|dpa)\s*$    # "Yves Herman/Reuters"
    """,
    re.VERBOSE,
)
_OTHER_FURNITURE_LINE = re.compile(
    r"""
      ^\s*(?:leave\ a\ (?:reply|comment)|post\ a\ comment|add\ a\ comment|to\ participate\ in\ the\ discussion
            |log\ in\ or\ register|your\ email\ address\ will\ not\ be\ published|required\ fields\ are\ marked)
    # teasers for other articles: "Related: …", "Read more: …", "See also - …"
    | ^\s*(?:related(?:\ (?:articles?|stories|coverage|content))?|read\ (?:more|also|next)|also\ read|see\ also
            |more\ on\ this(?:\ story|\ topic)?|recommended|you\ may\ also\ like|most\ (?:read|popular)
            |watch|listen|more)\s*[:|»›–—-]
    | ^\s*(?:tags?|topics|filed\ under|keywords|categories)\s*:    # tag lists
    | ^\s*(?:the\ )?(?:views|opinions)\ expressed\b    # an op-ed's disclaimer
    | ^\s*this\ (?:article|story)\ (?:was\ )?(?:first\ |originally\ )?(?:published|appeared)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A heading over links to other articles, alone on its line: "Related", "More on this story".
_TEASER_HEADING = re.compile(
    r"^\s*(?:related(?:\ (?:articles?|stories|coverage|content|topics|news))?|read\ (?:more|also|next)|also\ read"
    r"|see\ also|more\ on\ this(?:\ story|\ topic)?|more\ from\ \w+|recommended(?:\ for\ you)?|you\ may\ also\ like"
    r"|most\ (?:read|popular|viewed)|top\ stories|latest\ news|trending|editor's\ picks)\s*:?\s*$",
    re.IGNORECASE | re.VERBOSE,
)
# Buttons and links: a short line of nothing else ("Share this article", "Print this page", "Reply").
_BUTTON = (
    r"(?:share(?:\ (?:this|on|via)(?:\ \w+){0,2})?|tweet|e-?mail(?:\ this(?:\ \w+)?)?|print(?:\ this\ \w+)?"
    r"|copy\ link|save(?:\ for\ later)?|facebook|twitter|whatsapp|linkedin|telegram|reddit|pinterest"
    r"|reply|report(?:\ abuse)?|like|recommend|flag|follow(?:\ us)?|subscribe)"
)
_BUTTONS_LINE = re.compile(rf"^\s*(?:{_BUTTON}\s*[|·•/,]?\s*)+$", re.IGNORECASE | re.VERBOSE)
# An author's blurb: "Greta Lindqvist is a senior fellow at …", "Ana Ruiz covers Latin America for …".
_AUTHOR_BLURB = re.compile(
    r"""
    ^\s*(?-i:[A-Z][\w'.-]+)(?:\s+(?-i:[A-Z][\w'.-]+)){1,3}\s+
    (?:is\s+(?:a|an|the)\s+(?:[\w,-]+\s+){0,5}?
        (?:correspondent|reporter|journalist|editor|writer|columnist|contributor|fellow|author|analyst|researcher
        |professor|lecturer|commentator|blogger|producer)
      |(?:covers|writes\ (?:about|on|for)|reports\ (?:on|for))\s)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Reader comments. A heading ("Comments", "12 comments", "Comments (12)") opens the comment
# section, which runs to the end of the text; without one, a comment shows by its header (a
# user name and when it was posted), and the line under a header is that comment.
_COMMENTS_HEADING = re.compile(
    r"^\s*(?:\d+\s+)?(?:(?:reader|readers'|show|view|all|latest)\s+)?comments?\s*(?:\(\d+\))?\s*$"
    r"|^\s*join\s+the\s+(?:discussion|conversation)\s*$",
    re.IGNORECASE,
)
_COMMENT_HEADER = re.compile(
    r"""
    ^\s*(?!(?:published|updated|posted|modified|edited)\b)@?[\w.-]{2,30}\s*[|·•,–-]?\s*   # not the article's own date
    (?:\d+\s*(?:m|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?|months?|years?)\s+ago
      |(?:\d{1,2}\s+\w{3,9}\s+\d{4}|\w{3,9}\s+\d{1,2},?\s+\d{4})\s*(?:,|at)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]m)?
    )\s*$
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Breadcrumbs: Home » Press » … (a line that opens a guillemet is a quote instead: « … » said).
_BREADCRUMB = re.compile(r"\s[»›]\s")
_OPENING_GUILLEMET = re.compile("[«‹]")
_SENTENCE_FINAL = re.compile(r"[.!?…:]\W*$")
_BLURB_MAX_LENGTH = 300


def furniture_lines(norm: str, lines: Sequence[tuple[int, int]]) -> set[int]:
    """Indices of the lines that are page furniture.

    Besides lines that look like furniture themselves, the line under a photo caption is the
    related-article teaser it illustrates (Sputnik's layout), when it is not a sentence. (A
    line under a breadcrumb is the headline: it stays.) A comment section runs from its heading
    to the end, once the article has begun (a sentence stands before it), so that a "Comments"
    link in the navigation above the headline does not swallow the article.
    """
    furniture: set[int] = set()
    captions: set[int] = set()
    article_begun = teasers = False
    for index, (start, end) in enumerate(lines):
        line = norm[start:end]
        if _CAPTION_LINE.search(line):
            captions.add(index)
        elif article_begun and _COMMENTS_HEADING.match(line):
            return furniture | captions | set(range(index, len(lines)))
        elif _TEASER_HEADING.match(line):
            teasers = True  # the heading, and the headlines under it until a sentence
            furniture.add(index)
            continue
        elif teasers and not _SENTENCE_FINAL.search(line):
            furniture.add(index)
            continue
        elif article_begun and _COMMENT_HEADER.match(line):
            # A comment's header carries the time it was posted; before the article it would be a
            # dateline ("Paris, 13 March 2026"), which is the article's own.
            furniture.update({index, index + 1} if index + 1 < len(lines) else {index})
        elif (
            _OTHER_FURNITURE_LINE.search(line)
            or _CREDIT_LINE.search(line)
            or _BUTTONS_LINE.match(line)
            or (len(line) <= _BLURB_MAX_LENGTH and _AUTHOR_BLURB.match(line))
            or (_BREADCRUMB.search(line) and not _OPENING_GUILLEMET.search(line))
            or (index - 1 in captions and not _SENTENCE_FINAL.search(line))
        ):
            furniture.add(index)
        article_begun = article_begun or (index not in furniture and bool(_SENTENCE_FINAL.search(line)))
        teasers = False
    return furniture | captions


# A dateline before the first sentence: "LIMA, March 4 (Reuters) - ", "GENEVA — ", "MOSCOW (Sputnik) — ".
DATELINE = re.compile(r"\s*[A-Z][A-Z.'’ -]*[A-Z](?:,\s*[\w.]+(?:\s+[\w.]+){0,2})?\s*(?:\([^()]{1,30}\))?\s*[-–—]+\s+")


# --- Sentences ----------------------------------------------------------------------------------

SENTENCE_END = re.compile(r"[.!?]+")
# Words whose full stop does not end a sentence ("Mr. Lavrov"); single letters ("U.S.") are handled apart.
_ABBREVIATIONS = frozenset(
    {"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Jr", "Sr", "Prof", "Lt", "Col", "Gov", "Amb", "No", "vs"}
)


_LAST_WORD = re.compile(r"[\w.]*$")
_LONGEST_WORD = 40  # how far back the word before a full stop is looked for


def is_abbreviation(norm: str, line_start: int, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation ("Mr.", "U.S.") rather than a sentence."""
    word = _LAST_WORD.search(norm, max(line_start, dot - _LONGEST_WORD), dot).group()
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word)) or word in _ABBREVIATIONS
