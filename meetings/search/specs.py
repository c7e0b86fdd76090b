"""What each resource's search covers, defined once: both engines and the list forms read it here.

A spec names the fields of the record's own full-text document, the related records whose
matches count too, and the text a hit is highlighted in. On PostgreSQL each table stores its
document in a generated column with a GIN index on it (migration 0006): changing a ``document``
needs a migration that recreates that column.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Expression, TextField, Value
from django.db.models.functions import Cast, Concat


@dataclass(frozen=True)
class Related:
    """A related record whose matches count for this one: a statement matches its speaker's names.

    PostgreSQL tests the related record's whole stored document, which its GIN index serves;
    the substring search looks in ``fields`` of it.
    """

    relation: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class SearchSpec:
    """One resource's search.

    ``document``: the fields of the record's own document, in order (the substring search looks
    in the same fields). ``highlight_sql``: what PostgreSQL's ts_headline cuts a snippet from;
    ``highlight_text``: the text the substring search's snippet is cut from, made in Python.
    """

    document: tuple[str, ...]
    highlight_sql: Expression | str
    highlight_text: Callable[[Any], str]
    related: tuple[Related, ...] = ()


SPECS: dict[str, SearchSpec] = {
    "meeting": SearchSpec(
        document=("title", "summary", "city"),
        highlight_sql=Concat("title", Value(". "), "summary", output_field=TextField()),
        highlight_text=lambda meeting: f"{meeting.title}. {meeting.summary}",
    ),
    "participant": SearchSpec(
        document=("name", "other_names", "position"),
        highlight_sql=Concat(
            "name", Value(" · "), Cast("other_names", TextField()), Value(" · "), "position", output_field=TextField()
        ),
        highlight_text=lambda participant: " · ".join(
            [participant.name, *participant.other_names, participant.position]
        ),
    ),
    "topic": SearchSpec(
        document=("name", "description"),
        highlight_sql=Concat("name", Value(". "), "description", output_field=TextField()),
        highlight_text=lambda topic: f"{topic.name}. {topic.description}",
    ),
    "source": SearchSpec(
        document=("title", "publisher", "author", "text"),
        highlight_sql=Concat("title", Value(". "), "text", output_field=TextField()),
        highlight_text=lambda source: f"{source.title}. {source.text}",
    ),
    "statement": SearchSpec(
        document=("text",),
        highlight_sql="text",
        highlight_text=lambda statement: statement.text,
        related=(Related("speaker", ("name", "other_names")),),
    ),
}
