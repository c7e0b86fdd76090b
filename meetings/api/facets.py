"""Facets: ``?facet=topic&facet=year`` on the meeting and statement lists.

Each facet counts the whole filtered result, not the page: for every value (a topic, a kind, a
year, ...) how many of the matching records have it, the most frequent first, with a label and the
URL of the list narrowed to it. At most ``TOP`` values are listed; when there are more, a last entry
``{"value": null, "label": "Other", "count": N, "url": null}`` counts the records under the rest.

Counting costs one to three grouped queries per facet, on the database the list was read from. The
facets of one request share a time budget (``settings.FACET_TIME_LIMIT_MS``): a facet that runs out
of it is cancelled by the database (PostgreSQL's statement timeout, SQLite's progress handler), and
named in ``facets_timed_out`` instead of failing the page.
"""

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import pycountry
from django.conf import settings
from django.db import OperationalError, connections, transaction
from django.db.models import Count, Model, QuerySet
from django.db.models.functions import ExtractYear
from rest_framework.exceptions import ValidationError

from meetings.choices import MeetingKind, MeetingStatus, StatementChannel, StatementKind
from meetings.models import Meeting, MeetingParticipant, Participant, Statement, Topic

TOP = 30
MAX_FACETS = 6


@dataclass(frozen=True)
class Facet:
    """One facet: what is grouped, how a value is labelled, and the query that narrows a list to it.

    ``rows`` turns the matching records' ids into rows to group by ``column``, one row per record
    and value. ``related`` names the model whose ids ``column`` holds, to be shown by slug and name.
    ``parameter`` is the list's filter for one value; ``adds`` says that a value is added to the
    filters already there (a record has many topics) rather than put in their place.
    """

    name: str
    rows: Callable[[QuerySet], QuerySet]
    column: str
    parameter: str
    related: type[Model] | None = None
    choices: dict[str, str] | None = None
    adds: bool = False


def own(model: type[Model], column: str, text: bool = False) -> Callable[[QuerySet], QuerySet]:
    """Rows of the records themselves, grouped by one of their columns (or a related one's); records
    without a value (null, or empty ``text``) are not counted."""

    def rows(ids: QuerySet) -> QuerySet:
        found = model._default_manager.filter(pk__in=ids).exclude(**{f"{column}__isnull": True})
        return found.exclude(**{column: ""}) if text else found

    return rows


def linked(model: type[Model], relation: str, record: str) -> Callable[[QuerySet], QuerySet]:
    """Rows of a to-many link (a meeting's topics): one per record and related record."""
    through = model._meta.get_field(relation).remote_field.through
    return lambda ids: through._default_manager.filter(**{f"{record}__in": ids})


def year(model: type[Model], column: str) -> Callable[[QuerySet], QuerySet]:
    return lambda ids: (
        model._default_manager.filter(pk__in=ids)
        .exclude(**{f"{column}__isnull": True})
        .annotate(year=ExtractYear(column))
    )


def requested_facets(request, facets: dict[str, Facet]) -> list[Facet]:
    """The facets ``?facet=`` names (repeated or comma-separated); a 400 for one the list does not have."""
    names = [name.strip() for value in request.query_params.getlist("facet") for name in value.split(",")]
    names = list(dict.fromkeys(name for name in names if name))
    if names and not facets:
        raise ValidationError({"facet": ["This list has no facets; the meeting and statement lists do."]})
    unknown = [name for name in names if name not in facets]
    if unknown:
        choices = ", ".join(facets)
        raise ValidationError({"facet": [f"Unknown facet “{name[:40]}”; choose from: {choices}." for name in unknown]})
    if len(names) > MAX_FACETS:
        raise ValidationError({"facet": [f"Ask for at most {MAX_FACETS} facets."]})
    return [facets[name] for name in names]


@contextlib.contextmanager
def time_limited(alias: str, seconds: float) -> Iterator[None]:
    """Run the block's queries on ``alias`` with a time limit: the database cancels what runs past it
    (an ``OperationalError`` out of the block)."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        # A limit local to a transaction (or savepoint) of its own: a cancelled query rolls back only that.
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('statement_timeout'), set_config('statement_timeout', %s, true)",
                [f"{max(1, int(seconds * 1000))}ms"],
            )
            before = cursor.fetchone()[0]
            yield
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [before])
    elif connection.vendor == "sqlite":
        deadline = time.monotonic() + seconds
        connection.ensure_connection()
        connection.connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 1000)
        try:
            yield
        finally:
            connection.connection.set_progress_handler(None, 0)
    else:
        yield


def _label(facet: Facet, values: list, alias: str) -> dict:
    """Each value's (value shown, label): a related record's slug and name, a choice's label, a country's name."""
    if facet.related is not None:
        rows = facet.related._default_manager.using(alias).filter(pk__in=values).values_list("pk", "slug", "name")
        return {pk: (slug, name) for pk, slug, name in rows}
    if facet.choices is not None:
        return {value: (value, str(facet.choices.get(value, value))) for value in values}
    if facet.parameter.endswith("country"):
        return {value: (value, getattr(pycountry.countries.get(alpha_2=value), "name", value)) for value in values}
    return {value: (str(value), str(value)) for value in values}


def _url(request, facet: Facet, value: str) -> str:
    """The list narrowed to ``value``: its query with the facet's filter added (or put in place of the
    one there), the page left out, the parameters in order."""
    query = {name: values for name, values in request.query_params.lists() if name != "page"}
    if facet.name == "year":
        query.update(date_after=[f"{value}-01-01"], date_before=[f"{value}-12-31"])
    elif facet.adds:
        query[facet.parameter] = [*query.get(facet.parameter, []), value]
    else:
        query[facet.parameter] = [value]
    return f"{request.build_absolute_uri(request.path)}?{urlencode(sorted(query.items()), doseq=True)}"


def count(facet: Facet, records: QuerySet, request) -> list[dict]:
    alias = records.db
    ids = records.order_by().values("pk")
    rows = facet.rows(ids).using(alias).order_by()
    grouped = list(
        rows.values(facet.column)
        .annotate(n=Count("*"))
        .order_by("-n", facet.column)
        .values_list(facet.column, "n")[: TOP + 1]
    )
    shown, rest = grouped[:TOP], grouped[TOP:]
    labels = _label(facet, [value for value, _ in shown], alias)
    entries = []
    for value, n in shown:
        slug, label = labels.get(value, (str(value), str(value)))
        entries.append({"value": slug, "label": label, "count": n, "url": _url(request, facet, slug)})
    if rest:
        other = rows.count() - sum(n for _, n in shown)
        entries.append({"value": None, "label": "Other", "count": other, "url": None})
    return entries


def facet_counts(facets: list[Facet], records: QuerySet, request) -> dict:
    """``{"facets": {name: entries}, "facets_timed_out": [names]}`` for the filtered ``records``."""
    budget = settings.FACET_TIME_LIMIT_MS / 1000
    started = time.monotonic()
    counted, timed_out = {}, []
    for facet in facets:
        left = budget - (time.monotonic() - started)
        if left <= 0:
            timed_out.append(facet.name)
            continue
        try:
            with time_limited(records.db, left):
                counted[facet.name] = count(facet, records, request)
        except OperationalError:
            timed_out.append(facet.name)
    return {"facets": counted, "facets_timed_out": timed_out}


def _meeting_facets() -> dict[str, Facet]:
    return {
        "topic": Facet("topic", linked(Meeting, "topics", "meeting"), "topic", "topic", related=Topic, adds=True),
        "participant": Facet(
            "participant",
            lambda ids: MeetingParticipant.objects.filter(meeting__in=ids),
            "participant",
            "participant",
            related=Participant,
            adds=True,
        ),
        "country": Facet("country", own(Meeting, "country", text=True), "country", "country"),
        "kind": Facet("kind", own(Meeting, "kind"), "kind", "kind", choices=dict(MeetingKind.choices)),
        "status": Facet("status", own(Meeting, "status"), "status", "status", choices=dict(MeetingStatus.choices)),
        "year": Facet("year", year(Meeting, "date"), "year", "date_after"),
    }


def _statement_facets() -> dict[str, Facet]:
    return {
        "speaker": Facet("speaker", own(Statement, "speaker"), "speaker", "speaker", related=Participant),
        "speaker_country": Facet(
            "speaker_country", own(Statement, "speaker__country", text=True), "speaker__country", "speaker_country"
        ),
        "topic": Facet("topic", linked(Statement, "topics", "statement"), "topic", "topic", related=Topic, adds=True),
        "kind": Facet("kind", own(Statement, "kind"), "kind", "kind", choices=dict(StatementKind.choices)),
        "channel": Facet(
            "channel", own(Statement, "channel"), "channel", "channel", choices=dict(StatementChannel.choices)
        ),
        "year": Facet("year", year(Statement, "said_on"), "year", "date_after"),
    }


MEETING_FACETS = _meeting_facets()
STATEMENT_FACETS = _statement_facets()
