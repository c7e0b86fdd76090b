"""A page's records read as rows, for the read forms to write out: no model instances, no prefetching.

A list's page (its ids, read first by the pagination) and a detail's record are read here with
``values()``: the records with every to-one relation their form shows (joined), and each to-many
relation (a meeting's participants, topics, sources; a statement's topics; a detail's sessions,
outcomes and statements) with the queryset the resource's selector prefetches it with, so
visibility, order and drafts are the same. On PostgreSQL the to-many relations come in their
record's own row, as an array of JSON objects the database builds (``ArraySubquery`` of
``JSONObject``, any depth), so a page is one query; elsewhere each is one more query. Each row
becomes a plain ``Record`` (its values as attributes, related records as records or lists of them)
and the read form writes it out with its usual readers (``meetings.api.representation``): the
payload is defined once, by the serializers, and costs neither ``Model.from_db`` nor
``prefetch_related``.

What the plan reads follows the form it is made from: ``?fields=``, ``?omit=`` and ``?expand=``
shape the form first, so fewer fields read fewer columns and an expansion reads its relation's
columns in the same queries. A form with a field this module cannot read from a row (a field that
needs the model instance) has no plan, and the view reads model instances as before. A ``Reader``
is made once for a shape of answer and kept by the views; on PostgreSQL it compiles its query
once, with the page's ids (or a detail's slug) as its one parameter.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections
from django.db.models import (
    DateField,
    DateTimeField,
    F,
    ForeignKey,
    ManyToManyField,
    ManyToOneRel,
    Model,
    OneToOneField,
    OneToOneRel,
    OuterRef,
    Prefetch,
    QuerySet,
)
from django.db.models.functions import JSONObject
from rest_framework import fields as drf_fields
from rest_framework import relations, serializers

# The name under which a to-many relation's rows carry the id of the record they belong to.
PARENT = "rows_parent"


class Unreadable(Exception):
    """A form that this module cannot read from rows: the caller reads model instances instead."""


class Record:
    """One record read as a row: its values (and related records) as attributes, as a model instance has them."""

    __slots__ = ("__dict__",)

    def __init__(self, values: dict):
        self.__dict__ = values


@dataclass
class Many:
    """A to-many relation: the related records' queryset, how it is narrowed to the parents, and their plan."""

    queryset: QuerySet
    link: str
    plan: "Plan"


@dataclass
class Plan:
    """What to read of one model's rows for one form: columns, to-one relations (joined) and to-many ones."""

    columns: set[str] = field(default_factory=set)
    ones: dict[str, "Plan"] = field(default_factory=dict)
    manys: dict[str, Many] = field(default_factory=dict)
    # What turns a column's value decoded from JSON back into what ``values()`` gives: dates and times.
    from_json: dict[str, Callable] = field(default_factory=dict)

    def paths(self, prefix: str = "") -> list[str]:
        """The ``values()`` names of this plan's columns and of its to-one relations' columns."""
        names = [prefix + name for name in sorted(self.columns)]
        for attr, one in self.ones.items():
            names.append(prefix + attr)  # the key: null when there is no related record
            names += one.paths(f"{prefix}{attr}__")
        return names

    def record(self, values: dict, prefix: str = "", decoded: bool = False) -> Record | None:
        """The record of one row (``values`` as ``values()`` gives it, or ``decoded`` from JSON), to-many
        relations left to ``_attach``."""
        if prefix:
            if values[prefix[:-2]] is None:
                return None
            own = {name: values[prefix + name] for name in self.columns}
        else:
            own = {name: values[name] for name in self.columns}
        if decoded:
            for name, convert in self.from_json.items():
                if own[name] is not None:
                    own[name] = convert(own[name])
        for attr, one in self.ones.items():
            own[attr] = one.record(values, f"{prefix}{attr}__", decoded)
        return Record(own)


def _relation(model: type[Model], name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist as error:
        raise Unreadable(f"{model.__name__} has no relation {name}") from error


def _related_queryset(queryset: QuerySet, attr: str, relation) -> QuerySet:
    """The queryset the selector prefetches ``attr`` with, or the related model's default one."""
    for lookup in queryset._prefetch_related_lookups:
        if isinstance(lookup, Prefetch):
            if lookup.prefetch_to == attr and lookup.prefetch_through == attr:
                if lookup.queryset is not None:
                    return lookup.queryset
                break
        elif lookup == attr:
            break
    return relation.related_model._default_manager.all()


def _many(queryset: QuerySet, attr: str, child, read_child: Callable) -> Many:
    relation = _relation(queryset.model, attr)
    if isinstance(relation, ManyToOneRel) and not isinstance(relation, OneToOneRel):
        link = relation.field.name  # a reverse foreign key: the related rows' own column
    elif isinstance(relation, ManyToManyField):
        link = relation.related_query_name()  # a forward many-to-many: through the link table
    else:
        raise Unreadable(f"{attr} is not a to-many relation this module reads")
    related = _related_queryset(queryset, attr, relation)
    return Many(related, link, read_child(child, related))


def plan(form: serializers.Serializer, queryset: QuerySet) -> Plan:
    """What ``form`` shows of ``queryset``'s records, as columns and relations; ``Unreadable`` if it cannot be."""
    model = queryset.model
    annotations = set(queryset.query.annotations)
    result = Plan()
    for name, form_field in form.fields.items():
        if form_field.write_only:
            continue
        source = form_field.source
        attrs = form_field.source_attrs
        if source == "*":
            columns = getattr(form_field, "row_columns", None)
            if columns is None:
                raise Unreadable(f"{type(form_field).__name__} reads the model instance")
            for column in columns:
                _add_path(result, model, column.split("__"), annotations)
            continue
        if isinstance(form_field, serializers.ListSerializer) and len(attrs) == 1:
            result.manys[attrs[0]] = _many(queryset, attrs[0], form_field.child, plan)
            continue
        if isinstance(form_field, relations.ManyRelatedField) and len(attrs) == 1:
            child = form_field.child_relation
            if type(child) is not relations.SlugRelatedField:
                raise Unreadable(f"{name}: a to-many relation written other than by slug")
            result.manys[attrs[0]] = _many(queryset, attrs[0], child, lambda child, _related: Plan({child.slug_field}))
            continue
        if isinstance(form_field, serializers.BaseSerializer):
            if len(attrs) != 1:
                raise Unreadable(f"{name}: a nested form with a dotted source")
            relation = _relation(model, attrs[0])
            if not isinstance(relation, ForeignKey | OneToOneField):
                raise Unreadable(f"{name}: a nested form that is not a to-one relation")
            nested = plan(form_field, relation.related_model._default_manager.all())
            if nested.manys:
                raise Unreadable(f"{name}: a to-one relation whose form shows a to-many one")
            _merge(result.ones.setdefault(attrs[0], Plan()), nested)
            continue
        if type(form_field) is relations.SlugRelatedField and len(attrs) == 1:
            _add_path(result, model, [attrs[0], form_field.slug_field], annotations)
            continue
        if isinstance(form_field, relations.RelatedField | relations.ManyRelatedField):
            raise Unreadable(f"{name}: a relation this module does not read")
        if not isinstance(form_field, drf_fields.Field) or form_field.__class__.get_attribute is not (
            drf_fields.Field.get_attribute
        ):
            raise Unreadable(f"{name}: a field that looks its value up itself")
        _add_path(result, model, attrs, annotations)
    return result


def _merge(into: Plan, other: Plan) -> None:
    into.columns |= other.columns
    into.from_json.update(other.from_json)
    for attr, one in other.ones.items():
        _merge(into.ones.setdefault(attr, Plan()), one)


def _add_path(target: Plan, model: type[Model], path: list[str], annotations: set[str]) -> None:
    """Read ``path`` (a column, or a to-one relation's column, any depth) into ``target``; a name that is
    no column may be one of the queryset's ``annotations`` (a statement's span_text)."""
    if len(path) == 1 and path[0] in annotations:
        target.columns.add(path[0])
        return
    for step in path[:-1]:
        relation = _relation(model, step)
        if not isinstance(relation, ForeignKey | OneToOneField):
            raise Unreadable(f"{step} is not a to-one relation")
        target = target.ones.setdefault(step, Plan())
        model = relation.related_model
    last = path[-1]
    try:
        concrete = model._meta.get_field(last)
    except FieldDoesNotExist as error:
        raise Unreadable(f"{last} is not a column of {model.__name__}") from error
    if concrete.is_relation or not concrete.concrete:
        raise Unreadable(f"{last} is a relation, not a column")
    target.columns.add(last)
    if isinstance(concrete, DateTimeField):
        target.from_json[last] = datetime.datetime.fromisoformat
    elif isinstance(concrete, DateField):
        target.from_json[last] = datetime.date.fromisoformat


# PostgreSQL takes at most 100 arguments a function: a JSON object holds at most 50 values.
JSON_OBJECT_VALUES = 50
# The name under which a row carries one of its to-many relations' rows, as JSON, where the database builds them.
NESTED = "rows_many_"


def _foldable(queryset: QuerySet, many: Many) -> bool:
    """Whether the related rows are read in their parents' query (PostgreSQL: as an array of JSON objects)."""
    return connections[queryset.db].vendor == "postgresql" and _fits(many.plan)


def _fits(plan_: Plan) -> bool:
    return len(plan_.paths()) + len(plan_.manys) <= JSON_OBJECT_VALUES and all(
        _fits(many.plan) for many in plan_.manys.values()
    )


def _nested(many: Many) -> ArraySubquery:
    """A parent's related rows as an array of JSON objects, each with its own related rows, any depth."""
    child = many.plan
    values: dict = {path: F(path) for path in child.paths()}
    values.update({NESTED + attr: _nested(inner) for attr, inner in child.manys.items()})
    related = many.queryset.filter(**{many.link: OuterRef("pk")})
    return ArraySubquery(related.values(row=JSONObject(**values)))


def _rows(queryset: QuerySet, plan_: Plan, names: Iterable[str] = (), **expressions) -> list[dict]:
    """The rows of ``queryset`` as ``plan_`` reads them; the to-many relations that fit, nested in each row."""
    nested = {NESTED + attr: _nested(many) for attr, many in plan_.manys.items() if _foldable(queryset, many)}
    return list(queryset.values(*plan_.paths(), *names, **expressions, **nested))


def _attach(records: list[Record], rows: list[dict], plan_: Plan, decoded: bool = False) -> None:
    """Attach each to-many relation to ``records`` (read from ``rows``), any depth: from the rows where
    they hold it, else read with one query."""
    for attr, many in plan_.manys.items():
        child = many.plan
        if decoded or (rows and NESTED + attr in rows[0]):  # inside JSON, every relation is nested
            for record, row in zip(records, rows, strict=True):
                inner = row[NESTED + attr] or []
                children = [child.record(values, decoded=True) for values in inner]
                _attach(children, inner, child, decoded=True)
                setattr(record, attr, children)
            continue
        ids = [row["pk"] for row in rows]
        related = _rows(
            many.queryset.filter(**{f"{many.link}__in": ids}),
            child,
            ("pk",) if child.manys else (),
            **{PARENT: F(many.link)},
        )
        children = [child.record(row) for row in related]
        _attach(children, related, child)
        grouped: dict = {pk: [] for pk in ids}
        for row, record in zip(related, children, strict=True):
            grouped[row[PARENT]].append(record)
        for pk, record in zip(ids, records, strict=True):
            setattr(record, attr, grouped[pk])


class Reader:
    """Reads the records of one form (its shape already chosen) as rows.

    Made once for a shape and kept (the views keep one per shape), so the plan is worked out once,
    and on PostgreSQL a page's query is compiled once: its SQL takes the page's ids as one array.
    """

    def __init__(self, form: serializers.Serializer, queryset: QuerySet):
        self.form = form
        self.plan = plan(form, queryset)  # Unreadable when the form needs model instances
        # Every record the form may show (the reader's visibility), unfiltered: a page's ids are read from it.
        self.base = queryset.order_by()
        self._compiled: dict[tuple, _Compiled] = {}

    def page(self, queryset: QuerySet, ids: list) -> list[dict]:
        """The forms of the records with these primary keys, in the order of ``ids``; as the pagination loads a page.

        ``queryset`` (the filtered list the ids come from) is not asked again: the ids are its records.
        """
        if not ids:
            return []
        by_pk = {row["pk"]: row for row in self._rows_of(ids)}
        return self.forms([by_pk[pk] for pk in ids if pk in by_pk])

    def records(self, queryset: QuerySet) -> list[dict]:
        """The forms of every record of ``queryset`` (a detail's one), in its order."""
        return self.forms(_rows(queryset, self.plan, ("pk",)))

    def record(self, field: str, value) -> dict | None:
        """The form of the record whose ``field`` (unique) is ``value``, or None when there is none it may show."""
        model_field = self.base.model._meta.pk if field == "pk" else self.base.model._meta.get_field(field)
        try:
            value = model_field.to_python(value)
        except ValidationError:
            return None
        found = self._where(model_field.column, "= %s", value)
        return self.forms(found)[0] if found else None

    def forms(self, rows: list[dict]) -> list[dict]:
        records = [self.plan.record(row) for row in rows]
        _attach(records, rows, self.plan)
        return [self.form.to_representation(record) for record in records]

    def _rows_of(self, ids: list) -> list[dict]:
        return self._where(self.base.model._meta.pk.column, "= ANY(%s)", list(ids))

    def _where(self, column: str, condition: str, value) -> list[dict]:
        """The rows whose ``column`` meets ``condition`` (SQL, one parameter) with ``value``."""
        db = self.base.db
        connection = connections[db]
        if connection.vendor != "postgresql":
            lookup = "in" if "ANY" in condition else "exact"
            column_field = next(f for f in self.base.model._meta.concrete_fields if f.column == column)
            return _rows(self.base.filter(**{f"{column_field.attname}__{lookup}": value}), self.plan, ("pk",))
        key = (db, column, condition)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = _Compiled(self.base.using(db), self.plan, column, condition)
        return compiled.rows(db, value)


class _Compiled:
    """A query of rows on PostgreSQL, compiled once, whose one condition takes one parameter: a page's ids
    as one array (``pk = ANY(%s)``) or a detail's slug."""

    def __init__(self, queryset: QuerySet, plan_: Plan, column: str, condition: str):
        db = queryset.db
        quote = connections[db].ops.quote_name
        meta = queryset.model._meta
        marker: list = []  # found again among the compiled parameters by identity
        by_ids = queryset.extra(where=[f"{quote(meta.db_table)}.{quote(column)} {condition}"], params=[marker])
        nested = {NESTED + attr: _nested(many) for attr, many in plan_.manys.items() if _foldable(queryset, many)}
        query = by_ids.values(*plan_.paths(), "pk", **nested).query
        # As ValuesIterable names a row's values.
        self.names = (
            list(query.selected)
            if query.selected
            else [*query.extra_select, *query.values_select, *query.annotation_select]
        )
        self.compiler = query.get_compiler(using=db)
        self.sql, params = self.compiler.as_sql()
        self.params = list(params)
        self.at = next(index for index, param in enumerate(self.params) if param is marker)

    def rows(self, db: str, value) -> list[dict]:
        params = self.params.copy()
        params[self.at] = value
        with connections[db].cursor() as cursor:
            cursor.execute(self.sql, params)
            fetched = cursor.fetchall()
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in self.compiler.results_iter(results=[fetched])]


def reader(form: serializers.Serializer, queryset: QuerySet) -> Reader | None:
    """A ``Reader`` of ``form`` over ``queryset``, or None when the form needs model instances."""
    try:
        return Reader(form, queryset)
    except Unreadable:
        return None
