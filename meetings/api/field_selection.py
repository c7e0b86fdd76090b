"""Field selection and expansion on every read: ``?fields=``, ``?omit=`` and ``?expand=``.

- ``fields=slug,title,date`` keeps only those fields; a dotted path reaches into a nested form
  (``fields=id,text,speaker.name``), keeping the nested form with only those of its fields.
- ``omit=context,topics`` removes fields (dotted paths too: ``omit=speaker.country``).
- ``expand=speaker,source`` puts a relation's full record (the resource's own form, without the
  relations it nests in turn) where its compact form stands. What a resource can expand is its
  view's ``expansions``; the view reads the relation's extra columns in the same queries.

The three apply to the form a list or detail answers with, before any record is read: unknown
names are a 400 that names them, and a form with fewer fields never costs more queries (it is the
same queryset, written out with fewer readers).

drf-flex-fields offers the same parameters, but ignores unknown names without a word and does not
know the read forms' compact relations; this module is the small part of it the API needs.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

MAX_NAMES = 50

Tree = dict[str, "Tree"]


@dataclass(frozen=True)
class Expansion:
    """How one relation is expanded: the form of its full record, and the queryset that reads it."""

    serializer: type[serializers.Serializer]
    queryset: Callable[[QuerySet], QuerySet] = lambda queryset: queryset


PARAMETERS = ("fields", "omit", "expand")


def asked(request) -> bool:
    """Whether the request shapes its answer at all: most do not, and then nothing is built to check."""
    return any(parameter in request.query_params for parameter in PARAMETERS)


def _names(request, parameter: str) -> list[str]:
    raw = ",".join(request.query_params.getlist(parameter))
    names = [name.strip() for name in raw.split(",") if name.strip()]
    if len(names) > MAX_NAMES:
        raise ValidationError({parameter: [f"Ask for at most {MAX_NAMES} names."]})
    return names


def _tree(paths: list[str]) -> Tree:
    tree: Tree = {}
    for path in paths:
        node = tree
        for part in path.split("."):
            node = node.setdefault(part, {})
    return tree


def _form(field) -> serializers.Serializer | None:
    """The nested form a field holds (the child of a list), or None for a plain field."""
    if isinstance(field, serializers.ListSerializer):
        return field.child
    if isinstance(field, serializers.Serializer):
        return field
    return None


def _unknown(form: serializers.Serializer, tree: Tree, prefix: str = "") -> list[tuple[str, list[str]]]:
    """Each path in ``tree`` that ``form`` does not have, with the names it could have been."""
    problems = []
    for name, below in tree.items():
        field = form.fields.get(name)
        if field is None:
            problems.append((prefix + name, list(form.fields)))
            continue
        if below:
            nested = _form(field)
            if nested is None:
                problems.append((f"{prefix}{name}.{next(iter(below))}", []))
            else:
                problems += _unknown(nested, below, f"{prefix}{name}.")
    return problems


def _refuse_unknown(form: serializers.Serializer, tree: Tree, parameter: str) -> None:
    problems = _unknown(form, tree)
    if not problems:
        return
    messages = []
    for path, choices in problems:
        if choices:
            messages.append(f"Unknown field “{path[:60]}”; choose from: {', '.join(choices)}.")
        else:
            messages.append(f"“{path[:60]}” reaches into a field that has no fields of its own.")
    raise ValidationError({parameter: messages})


def _keep(form: serializers.Serializer, tree: Tree) -> None:
    for name in [name for name in form.fields if name not in tree]:
        form.fields.pop(name)
    for name, below in tree.items():
        if below:
            _keep(_form(form.fields[name]), below)


def _omit(form: serializers.Serializer, tree: Tree) -> None:
    # A name ``fields`` already left out is left out: both may name it.
    for name, below in tree.items():
        if name not in form.fields:
            continue
        if below:
            _omit(_form(form.fields[name]), below)
        else:
            form.fields.pop(name)


def expansions_asked(request, expansions: dict[str, Expansion]) -> list[str]:
    """The relations ``?expand=`` names, each one the view can expand; a 400 for any other."""
    names = _names(request, "expand")
    unknown = [name for name in names if name not in expansions]
    if unknown:
        choices = ", ".join(expansions) or "nothing (this resource has no relations to expand)"
        raise ValidationError({"expand": [f"Cannot expand “{name[:60]}”; choose from: {choices}." for name in unknown]})
    return list(dict.fromkeys(names))


def expanded_queryset(queryset: QuerySet, request, expansions: dict[str, Expansion]) -> QuerySet:
    for name in expansions_asked(request, expansions):
        queryset = expansions[name].queryset(queryset)
    return queryset


def select(serializer: serializers.BaseSerializer, request, expansions: dict[str, Expansion]) -> None:
    """Shape ``serializer`` (a form, or a list of one) as the request's ``fields``, ``omit`` and ``expand`` ask."""
    form = _form(serializer) or serializer
    for name in expansions_asked(request, expansions):
        if name not in form.fields:
            continue  # a field this form does not show is not expanded
        compact = form.fields[name]
        many = isinstance(compact, serializers.ListSerializer)
        form.fields[name] = expansions[name].serializer(
            source=compact.source if compact.source != name else None,
            many=many,
            read_only=True,
            allow_null=getattr(_form(compact), "allow_null", False) if not many else False,
            help_text=compact.help_text,
        )
    kept = _tree(_names(request, "fields"))
    omitted = _tree(_names(request, "omit"))
    _refuse_unknown(form, kept, "fields")
    _refuse_unknown(form, omitted, "omit")
    if kept:
        _keep(form, kept)
    if omitted:
        _omit(form, omitted)


def undeferred(relation: str) -> Callable[[QuerySet], QuerySet]:
    """A queryset change that reads every column of ``relation`` (a select_related one) that was deferred."""

    def change(queryset: QuerySet) -> QuerySet:
        names, deferring = queryset.query.deferred_loading
        if not deferring:
            return queryset
        kept = [name for name in names if not name.startswith(f"{relation}__")]
        return queryset.defer(None).defer(*kept) if kept else queryset.defer(None)

    return change


def prefetched(lookup: str, related: QuerySet) -> Callable[[QuerySet], QuerySet]:
    """A queryset change that prefetches ``lookup`` with ``related`` in place of the prefetch it had."""

    def change(queryset: QuerySet) -> QuerySet:
        others = [
            item
            for item in queryset._prefetch_related_lookups
            if (item.prefetch_through if isinstance(item, Prefetch) else item) != lookup
        ]
        return queryset.prefetch_related(None).prefetch_related(*others, Prefetch(lookup, queryset=related))

    return change
