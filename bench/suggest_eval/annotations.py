"""The evaluation set: each article in ``articles/`` and what a careful curator expects from it.

An article is ``NAME.txt`` (plain text, kept byte for byte) or ``NAME.html`` (a saved page), with
its annotation ``NAME.json`` beside it. Loading checks every annotation against its article, so a
figure is never computed from a passage the article does not contain: each statement's text and
each furniture passage must stand in the article verbatim (runs of whitespace count as one space),
and every name an annotation uses must be one of its participants.

The annotation's fields:

- ``source``: ``title``, ``kind`` (news_report, opinion, analysis), ``published_on`` (a date or
  null when the article states none), ``publisher``, ``author``: what a curator enters for it.
- ``participants``: ``name``, ``kind`` (person, institution), ``country`` (ISO alpha-2 or null),
  ``position`` (as the article states it, or ""), ``existing`` (the curator already has it in the
  database), and optionally ``other_names`` (the database's other spellings, for an existing one).
- ``meetings``: ``title``, ``kind``, ``status``, ``date`` ("YYYY-MM-DD" or null),
  ``date_precision``, ``city``, ``country``, ``participants`` (``name`` and ``role``), ``parent``
  (the index of the meeting it was held at, or null).
- ``statements``: ``speaker``, ``kind`` (direct_quote, paraphrase), ``text`` (exactly as it
  stands), ``via`` (who relayed it, or null), optionally ``occurrence`` when the words appear twice.
- ``furniture``: passages that belong to the page, not the article (captions, credits, share
  buttons, tag lists, author blurbs, reader comments); anything proposed in them is counted apart.

A saved page is scored in the text the importer extracts from it, as a curator's source would
hold it: ``imported`` finds each statement and furniture passage again in that text. A statement
the extracted text does not contain is lost by the importer (kept apart, still expected); a
furniture passage it does not contain is gone, as it should be.
"""

import datetime
import json
from dataclasses import dataclass, replace
from pathlib import Path

from meetings import choices, provenance

ARTICLES = Path(__file__).resolve().parent / "articles"


class AnnotationError(Exception):
    """An annotation that does not fit its article or the format above."""


@dataclass(frozen=True)
class ExpectedParticipant:
    name: str
    kind: str
    country: str | None
    position: str
    existing: bool
    other_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExpectedMeeting:
    title: str
    kind: str
    status: str
    date: datetime.date | None
    date_precision: str
    city: str
    country: str | None
    participants: tuple[tuple[str, str], ...]  # (name, role)
    parent: int | None


@dataclass(frozen=True)
class ExpectedStatement:
    speaker: str
    kind: str
    text: str
    via: str | None
    start: int  # where the text stands in the article, found by meetings.provenance
    end: int


@dataclass(frozen=True)
class Article:
    name: str  # the file name without its extension; also the source's slug
    path: Path
    text: str
    is_html: bool
    title: str
    kind: str
    published_on: datetime.date | None
    publisher: str
    author: str
    participants: tuple[ExpectedParticipant, ...]
    meetings: tuple[ExpectedMeeting, ...]
    statements: tuple[ExpectedStatement, ...]
    furniture: tuple[tuple[int, int], ...]  # spans of page furniture in the text
    lost: tuple[ExpectedStatement, ...] = ()  # statements the importer's text lost (a page, once imported)


def load_all(folder: Path = ARTICLES) -> list[Article]:
    """Every article of the set, in name order; raises AnnotationError naming each bad annotation."""
    articles, problems = [], []
    for path in sorted([*folder.glob("*.txt"), *folder.glob("*.html")]):
        try:
            articles.append(load(path))
        except AnnotationError as error:
            problems.append(f"{path.name}: {error}")
    if problems:
        raise AnnotationError("\n".join(problems))
    return articles


def load(path: Path) -> Article:
    annotation_path = path.with_suffix(".json")
    if not annotation_path.exists():
        raise AnnotationError(f"no annotation {annotation_path.name}")
    with path.open(encoding="utf-8", newline="") as file:  # the text as stored: no newline translation
        text = file.read()
    data = json.loads(annotation_path.read_text(encoding="utf-8"))
    source = data["source"]
    participants = tuple(_participant(item) for item in data["participants"])
    names = {participant.name for participant in participants}
    if len(names) != len(participants):
        raise AnnotationError("two participants share a name")
    meetings = tuple(_meeting(item, names, len(data["meetings"])) for item in data["meetings"])
    return Article(
        name=path.stem,
        path=path,
        text=text,
        is_html=path.suffix == ".html",
        title=source["title"],
        kind=_choice(source["kind"], choices.SourceKind, "source kind"),
        published_on=_date(source["published_on"]),
        publisher=source.get("publisher", ""),
        author=source.get("author", ""),
        participants=participants,
        meetings=meetings,
        statements=tuple(_statement(item, names, text) for item in data["statements"]),
        furniture=tuple(_span(text, passage, 1, "furniture") for passage in data.get("furniture", [])),
    )


def imported(article: Article, text: str) -> Article:
    """``article`` as the importer read it: ``text`` in place of the page, with the passages found again in it."""
    statements, lost = [], []
    occurrences = provenance.Occurrences(article.text)
    for statement in article.statements:
        # The same appearance of its words as in the page (the annotations name no second one).
        span = provenance.find_span(text, statement.text, occurrences.number(statement.text, statement.start))
        if span is None:
            lost.append(statement)
        else:
            statements.append(replace(statement, start=span.start, end=span.end))
    furniture = []
    for start, end in article.furniture:
        span = provenance.find_span(text, article.text[start:end])
        if span is not None:
            furniture.append((span.start, span.end))
    return replace(article, text=text, statements=tuple(statements), furniture=tuple(furniture), lost=tuple(lost))


def _choice(value: str, options: type[choices.models.TextChoices], what: str) -> str:
    if value not in options.values:
        raise AnnotationError(f"{what} {value!r} is not one of {', '.join(options.values)}")
    return value


def _date(value: str | None) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)


def _known(name: str | None, names: set[str], what: str) -> None:
    if name is not None and name not in names:
        raise AnnotationError(f"{what} {name!r} is not among the participants")


def _participant(item: dict) -> ExpectedParticipant:
    country = item["country"]
    if country is not None and not (len(country) == 2 and country.isupper()):
        raise AnnotationError(f"country {country!r} of {item['name']!r} is not an ISO alpha-2 code")
    return ExpectedParticipant(
        name=item["name"],
        kind=_choice(item["kind"], choices.ParticipantKind, "participant kind"),
        country=country,
        position=item["position"],
        existing=bool(item.get("existing", False)),
        other_names=tuple(item.get("other_names", ())),
    )


def _meeting(item: dict, names: set[str], count: int) -> ExpectedMeeting:
    for participant in item["participants"]:
        _known(participant["name"], names, "meeting participant")
        _choice(participant["role"], choices.ParticipantRole, "role")
    parent = item["parent"]
    if parent is not None and not 0 <= parent < count:
        raise AnnotationError(f"meeting {item['title']!r} has parent {parent}, not a meeting index")
    return ExpectedMeeting(
        title=item["title"],
        kind=_choice(item["kind"], choices.MeetingKind, "meeting kind"),
        status=_choice(item["status"], choices.MeetingStatus, "meeting status"),
        date=_date(item["date"]),
        date_precision=_choice(item["date_precision"], choices.DatePrecision, "date precision"),
        city=item["city"],
        country=item["country"],
        participants=tuple((participant["name"], participant["role"]) for participant in item["participants"]),
        parent=parent,
    )


def _statement(item: dict, names: set[str], text: str) -> ExpectedStatement:
    _known(item["speaker"], names, "speaker")
    _known(item["via"], names, "via")
    start, end = _span(text, item["text"], item.get("occurrence", 1), "statement")
    return ExpectedStatement(
        speaker=item["speaker"],
        kind=_choice(item["kind"], choices.StatementKind, "statement kind"),
        text=item["text"],
        via=item["via"],
        start=start,
        end=end,
    )


def _span(text: str, passage: str, occurrence: int, what: str) -> tuple[int, int]:
    span = provenance.find_span(text, passage, occurrence)
    if span is None:
        raise AnnotationError(f"{what} not in the article: {provenance.mismatch_message(text, passage)}")
    return span.start, span.end
