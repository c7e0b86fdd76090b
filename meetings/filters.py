"""FilterSets for the API lists.

Relations are filtered by slug; an unknown slug, a malformed date or an unknown choice
is a 400 that names the parameter, never an empty list.

Every relation, choice and country filter takes several values, by one rule: the values of one
parameter separated by commas match any of them (``kind=talks,phone_call``); a repeated
parameter matches all of them (``topic=syria&topic=ukraine``: records on both). The two combine:
``participant=a,b&participant=c`` is (a or b) and c. Empty items are ignored, as an empty
parameter is; a parameter takes at most ``MAX_VALUES`` values in all.

django-filter's own multi-value filters each do half of this: ``BaseCSVFilter``/``BaseInFilter``
split one value on commas but read only the last of a repeated parameter, and
``MultipleChoiceFilter``/``ModelMultipleChoiceFilter`` (``conjoined=True`` for all-of) read every
repetition but split none, and name only the first unknown value. So ``ValueListFilter`` is a
django-filter ``Filter`` whose form field reads every repetition, splits each on commas, checks
the items with Django's own form fields and messages (slugs in one query for every value), and
whose filter chains one ``filter()`` per repetition. Many-valued relations are matched through
``pk__in`` subqueries rather than joins, so that no record is listed twice and no ``distinct()``
gets in the way of ordering and counting.
"""

import re

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError as FormValidationError
from django.db import connections, router
from django.db.models import Q, QuerySet
from django.utils.html import format_html_join
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.plumbing import build_choice_description_list, build_parameter_type
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from . import selectors
from .choices import (
    MeetingKind,
    MeetingStatus,
    ParticipantKind,
    SourceKind,
    StatementChannel,
    StatementKind,
)
from .models import Meeting, MeetingParticipant, Participant, Source, Statement, Topic, country_code_validator

# The most values one parameter takes, its repetitions and comma-separated items together.
MAX_VALUES = 20


class ValuesWidget(forms.TextInput):
    """Every value of a parameter that may be repeated; rendered as one input for each."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return data.getlist(name)
        value = data.get(name)
        return value if value is None or isinstance(value, list) else [value]

    def render(self, name, value, attrs=None, renderer=None):
        values = [item for item in value if item] if isinstance(value, list | tuple) else [value]
        others = {key: item for key, item in (attrs or {}).items() if key != "id"}  # one element per id
        return format_html_join(
            "",
            "{}",
            (
                (super(ValuesWidget, self).render(name, item, attrs if position == 0 else others, renderer),)
                for position, item in enumerate(values or [""])
            ),
        )


class ValueListField(forms.Field):
    """A parameter's values as a list of groups: one group for each repetition, one item for each comma.

    ``clean_items`` checks the distinct items and answers each one's cleaned value.
    """

    widget = ValuesWidget
    too_many = "Ensure this filter has at most %(limit)d values (it has %(count)d)."

    def clean(self, value) -> list[list]:
        groups = [[item for item in raw.split(",") if item] for raw in (value or []) if isinstance(raw, str)]
        groups = [group for group in groups if group]
        count = sum(map(len, groups))
        if count > MAX_VALUES:
            raise FormValidationError(self.too_many, code="max_values", params={"limit": MAX_VALUES, "count": count})
        if not groups:
            return []
        cleaned = self.clean_items(list(dict.fromkeys(item for group in groups for item in group)), single=count == 1)
        return [list(dict.fromkeys(cleaned[item] for item in group)) for group in groups]

    def clean_items(self, items: list[str], single: bool) -> dict:
        raise NotImplementedError


class ItemFieldListField(ValueListField):
    """Items checked one by one with an ordinary form field.

    With one value the field's own messages are the answer; among several, ``named`` (when set)
    says which item is wrong.
    """

    named: str | None = None

    def item_field(self) -> forms.Field:
        raise NotImplementedError

    def clean_items(self, items: list[str], single: bool) -> dict:
        field, cleaned, errors = self.item_field(), {}, []
        for item in items:
            try:
                cleaned[item] = field.clean(item)
            except FormValidationError as error:
                if single or self.named is None:
                    errors += error.messages
                else:
                    errors.append(self.named % {"value": item})
        if errors:
            raise FormValidationError(errors)
        return cleaned


class ChoiceListField(ItemFieldListField):
    def __init__(self, *, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def item_field(self) -> forms.Field:
        # Its message names the value already: "Select a valid choice. duel is not one of the available choices."
        return forms.ChoiceField(choices=self.choices)


class CountryListField(ItemFieldListField):
    named = "“%(value)s” is not an ISO 3166-1 alpha-2 country code in capitals, such as RU or US."

    def item_field(self) -> forms.Field:
        return forms.CharField(max_length=2, validators=[country_code_validator])


class SlugListField(ValueListField):
    """Records by slug, every value looked up in one query."""

    def __init__(self, *, queryset: QuerySet, **kwargs):
        self.queryset = queryset
        super().__init__(**kwargs)

    def clean_items(self, items: list[str], single: bool) -> dict:
        found = {record.slug: record for record in self.queryset.filter(slug__in=items)}
        unknown = [item for item in items if item not in found]
        if unknown and single:
            raise FormValidationError(forms.ModelChoiceField.default_error_messages["invalid_choice"])
        if unknown:
            message = forms.ModelMultipleChoiceField.default_error_messages["invalid_choice"]
            raise FormValidationError([message % {"value": item} for item in unknown])
        return found


class ValueListFilter(filters.Filter):
    """Any of the comma-separated values, and all of a repeated parameter's values.

    The cleaned value is a list of groups; each group narrows the queryset with ``any_of`` (or,
    with ``method``, the method gets every group at once). ``any_of`` and ``all_of`` are the
    document's examples: a comma-separated value, and, for a relation a record can have several
    of (a meeting's participants), two values of a repeated parameter.
    """

    def __init__(self, *args, any_of: str, all_of: tuple[str, str] | None = None, **kwargs):
        self.any_of_example, self.all_of_example = any_of, all_of
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: list[list]) -> QuerySet:
        if value in EMPTY_VALUES:
            return qs
        for group in value:
            qs = self.any_of(qs, group)
        return qs

    def any_of(self, qs: QuerySet, values: list) -> QuerySet:
        field = qs.model._meta.get_field(self.field_name) if "__" not in self.field_name else None
        if field is not None and field.many_to_many:
            # Through the link table: the records linked to any of the values, each once.
            link = field.remote_field.through
            return qs.filter(
                pk__in=link.objects.filter(**{f"{field.m2m_reverse_field_name()}__in": values}).values(
                    field.m2m_field_name()
                )
            )
        return qs.filter(**{f"{self.field_name}__in": values})

    def item_schema(self) -> dict:
        return {"type": "string"}

    def openapi_parameter(self, name: str) -> dict:
        rule = f"Several values: comma-separated for any of them (`{self.any_of_example}`)"
        examples = {"AnyOf": {"summary": "Any of them", "value": [self.any_of_example]}}
        if self.all_of_example:
            first, second = self.all_of_example
            rule += f", the parameter repeated for all of them (`{name}={first}&{name}={second}`)"
            examples["AllOf"] = {"summary": "All of them", "value": list(self.all_of_example)}
        else:
            rule += ", the parameter repeated for all of them"
        description = f"{self.extra['help_text']} {rule}. At most {MAX_VALUES} values in all; an empty item is ignored."
        if choices := self.extra.get("choices"):
            description += "\n\n" + build_choice_description_list(choices)
        return build_parameter_type(
            name=name,
            location=OpenApiParameter.QUERY,
            schema={"type": "array", "items": self.item_schema()},
            description=description,
            explode=True,
            style="form",
            examples=examples,
        )


class SlugListFilter(ValueListFilter):
    field_class = SlugListField


class ChoiceListFilter(ValueListFilter):
    field_class = ChoiceListField

    def item_schema(self) -> dict:
        # An item: choices separated by commas, any of them possibly empty.
        choice = "|".join(re.escape(value) for value, _label in self.extra["choices"])
        return {"type": "string", "pattern": f"^(?:{choice})?(?:,(?:{choice})?)*$"}


class CountryListFilter(ValueListFilter):
    field_class = CountryListField


class ValueListFilterExtension(DjangoFilterExtension):
    """The document describes a ValueListFilter as the filter does: a repeatable parameter of comma-separated items."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        if isinstance(filter_field, ValueListFilter):
            return [filter_field.openapi_parameter(field_name)]
        return super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)


def _country_filter(field_name: str, help_text: str, example: str) -> CountryListFilter:
    return CountryListFilter(field_name=field_name, help_text=help_text, any_of=example)


def _slug_filter(
    queryset,
    help_text: str,
    any_of: str,
    all_of: tuple[str, str] | None = None,
    field_name: str | None = None,
    method: str | None = None,
) -> SlugListFilter:
    return SlugListFilter(
        queryset=queryset, field_name=field_name, method=method, help_text=help_text, any_of=any_of, all_of=all_of
    )


def _choice_filter(choices, help_text: str, example: str) -> ChoiceListFilter:
    return ChoiceListFilter(choices=choices, help_text=help_text, any_of=example)


def _subtrees(model, roots) -> dict[int, set[int]]:
    """Each root's primary key with those of every record below it through ``parent``, by root.

    One recursive query for any number of roots; ``models.subtree_ids`` gives the union alone.
    """
    if not roots:
        return {}
    connection = connections[router.db_for_read(model)]
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    parent = quote(model._meta.get_field("parent").column)
    placeholders = ", ".join(["%s"] * len(roots))
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE tree(root, id) AS (SELECT {pk}, {pk} FROM {table} WHERE {pk} IN ({placeholders}) "
            f"UNION SELECT tree.root, child.{pk} FROM {table} child JOIN tree ON child.{parent} = tree.id) "
            "SELECT root, id FROM tree",
            [root.pk for root in roots],
        )
        below: dict[int, set[int]] = {root.pk: set() for root in roots}
        for root, pk_value in cursor.fetchall():
            below[root].add(pk_value)
    return below


def _date_range(field_name: str, which: str) -> tuple[filters.DateFilter, filters.DateFilter]:
    """``date_after`` and ``date_before`` on a date field, both ends included."""
    return (
        filters.DateFilter(
            field_name=field_name, lookup_expr="gte", help_text=f"{which} on or after this date (YYYY-MM-DD)."
        ),
        filters.DateFilter(
            field_name=field_name, lookup_expr="lte", help_text=f"{which} on or before this date (YYYY-MM-DD)."
        ),
    )


class ChangeTrackedFilterSet(filters.FilterSet):
    """Every list can be asked for what changed since a client last looked."""

    updated_since = filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Only records created or changed at or after this ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z.",
    )

    def get_form_class(self):
        # django-filter makes the form class anew for every request, each of its fields from its filter;
        # the filters' fields depend on nothing but the class, so one form class serves every request
        # (each form copies its fields, as Django's forms do).
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            cls._form_class = form_class
        return form_class


class ReviewFilterMixin(filters.FilterSet):
    """Curators may list drafts; everyone else sees verified records only."""

    review_status = filters.ChoiceFilter(
        choices=[("verified", "Verified"), ("draft", "Draft"), ("all", "Verified and draft")],
        method="filter_review_status",
        help_text=(
            "Curators only: `draft` lists drafts, `all` lists both. Without it, and for everyone else, "
            "lists hold verified records only."
        ),
    )

    def filter_review_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value != "verified" and not selectors.can_see_drafts(getattr(self.request, "user", None), queryset.model):
            raise ValidationError({"review_status": ["Only curators can list drafts."]})
        return queryset if value == "all" else queryset.filter(review_status=value)


class TopicTreeFilterMixin:
    """Filtering by a topic includes every topic below it; one walk down the tree serves every value."""

    def filter_topic(self, queryset: QuerySet, name: str, value: list[list[Topic]]) -> QuerySet:
        if not value:
            return queryset
        below = _subtrees(Topic, list({topic.pk: topic for group in value for topic in group}.values()))
        for group in value:
            queryset = queryset.tagged(set().union(*(below[topic.pk] for topic in group)))
        return queryset


class MeetingFilter(TopicTreeFilterMixin, ReviewFilterMixin, ChangeTrackedFilterSet):
    date_after, date_before = _date_range("date", "Meetings")
    participant = _slug_filter(
        Participant.objects.all(),
        "Slug of a participant: meetings they took part in.",
        any_of="sergey-lavrov,rex-tillerson",
        all_of=("sergey-lavrov", "rex-tillerson"),
        field_name="participants",
    )
    country = _country_filter(
        "country", "ISO 3166-1 alpha-2 code of the country where the meeting took place.", example="RU,US"
    )
    topic = _slug_filter(
        Topic.objects.all(),
        "Slug of a topic: meetings on it or on any topic below it.",
        any_of="syria,ukraine",
        all_of=("syria", "ukraine"),
        method="filter_topic",
    )
    kind = _choice_filter(MeetingKind.choices, "Kind of meeting.", example="talks,phone_call")
    status = _choice_filter(MeetingStatus.choices, "Status of the meeting.", example="planned,proposed")
    source = _slug_filter(
        Source.objects.all(),
        "Slug of a source: meetings it reports.",
        any_of="tillerson-visits-moscow-turbulent-period,lavrov-and-tillerson-hold-talks-in-moscow",
        all_of=("tillerson-visits-moscow-turbulent-period", "lavrov-and-tillerson-hold-talks-in-moscow"),
        field_name="sources",
    )
    parent = _slug_filter(
        Meeting.objects.all(),
        "Slug of a meeting: its direct parts (sessions of a visit).",
        any_of="tillerson-visit-moscow-2017-04,lavrov-visit-us-2017",
    )

    class Meta:
        model = Meeting
        fields = [
            "review_status",
            "updated_since",
            "date_after",
            "date_before",
            "participant",
            "country",
            "topic",
            "kind",
            "status",
            "source",
            "parent",
        ]


class StatementFilter(TopicTreeFilterMixin, ReviewFilterMixin, ChangeTrackedFilterSet):
    speaker = _slug_filter(
        Participant.objects.all(), "Slug of the participant who said it.", any_of="sergey-lavrov,rex-tillerson"
    )
    speaker_country = _country_filter(
        "speaker__country", "ISO 3166-1 alpha-2 country code of the speaker.", example="RU,US"
    )
    via = _slug_filter(
        Participant.objects.all(), "Slug of the participant who relayed it.", any_of="maria-zakharova,dmitry-peskov"
    )
    meeting = _slug_filter(
        Meeting.objects.all(),
        "Slug of the meeting it was said at or about.",
        any_of="lavrov-tillerson-talks-moscow-2017-04-12,lavrov-tillerson-press-conference-moscow-2017-04-12",
    )
    topic = _slug_filter(
        Topic.objects.all(),
        "Slug of a topic: statements on it or on any topic below it.",
        any_of="syria,ukraine",
        all_of=("syria", "ukraine"),
        method="filter_topic",
    )
    kind = _choice_filter(StatementKind.choices, "Direct quote or paraphrase.", example="direct_quote,paraphrase")
    channel = _choice_filter(StatementChannel.choices, "Where it was said.", example="press_conference,interview")
    source = _slug_filter(
        Source.objects.all(),
        "Slug of the source that reports it.",
        any_of="tillerson-visits-moscow-turbulent-period,lavrov-and-tillerson-hold-talks-in-moscow",
    )
    date_after, date_before = _date_range("said_on", "Statements made")

    class Meta:
        model = Statement
        fields = [
            "review_status",
            "updated_since",
            "speaker",
            "speaker_country",
            "via",
            "meeting",
            "topic",
            "kind",
            "channel",
            "source",
            "date_after",
            "date_before",
        ]


class ParticipantFilter(ChangeTrackedFilterSet):
    country = _country_filter(
        "country", "ISO 3166-1 alpha-2 code of the country the participant represents.", example="RU,US"
    )
    kind = _choice_filter(ParticipantKind.choices, "Person or institution.", example="person,institution")
    met_with = _slug_filter(
        Participant.objects.all(),
        "Slug of another participant: everyone who took part in a meeting with them.",
        any_of="sergey-lavrov,rex-tillerson",
        all_of=("sergey-lavrov", "rex-tillerson"),
        method="filter_met_with",
    )

    class Meta:
        model = Participant
        fields = ["updated_since", "country", "kind", "met_with"]

    def filter_met_with(self, queryset: QuerySet, name: str, value: list[list[Participant]]) -> QuerySet:
        for group in value:
            met = Q()
            for participant in group:
                their_meetings = MeetingParticipant.objects.filter(participant=participant).values("meeting")
                counterparts = MeetingParticipant.objects.filter(meeting__in=their_meetings).values("participant")
                met |= Q(pk__in=counterparts) & ~Q(pk=participant.pk)
            queryset = queryset.filter(met)
        return queryset


class TopicFilter(ChangeTrackedFilterSet):
    parent = _slug_filter(Topic.objects.all(), "Slug of a topic: its direct subtopics.", any_of="syria,ukraine")

    class Meta:
        model = Topic
        fields = ["updated_since", "parent"]


class SourceFilter(ChangeTrackedFilterSet):
    publisher = filters.CharFilter(
        lookup_expr="iexact", max_length=200, help_text="Publisher's name, matched without regard to case."
    )
    kind = _choice_filter(SourceKind.choices, "News report, opinion or analysis.", example="opinion,analysis")
    language = filters.CharFilter(max_length=16, help_text="Language tag of the text, such as en.")
    date_after, date_before = _date_range("published_on", "Sources published")

    class Meta:
        model = Source
        fields = ["updated_since", "publisher", "kind", "language", "date_after", "date_before"]
