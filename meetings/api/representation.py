"""Read-only serializers that write their representation without DRF's per-field machinery.

DRF's ``Serializer.to_representation`` asks every field, for every record, to look its value up
(``Field.get_attribute``: dotted lookups, callables, and the error handling a writable form
needs) and then to convert it. A list of meetings with their participants, topics and sources
makes some thousand such calls per page, and they were most of what a list cost the server.

``ReadModelSerializer`` keeps the declared fields (the OpenAPI schema is still generated from
them) but, once per serializer instance, turns each into a plain reader: a model attribute that
is a string, number or date; a related object's slug; a nested serializer; or, for anything
else (fields with a custom ``to_representation`` or a dotted source), DRF's own two calls.
The output is the same as DRF's: the tests compare whole payloads.
"""

import datetime
from collections.abc import Callable

from django.db.models import Manager
from django.utils import timezone
from rest_framework import ISO_8601, fields, relations, serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

from meetings.dumps.times import iso_utc

# Fields whose representation of a plain value of the model's type is the value itself.
_AS_IS = (
    fields.CharField,  # SlugField, ChoiceField-like text, ...
    fields.IntegerField,
    fields.BooleanField,
    fields.JSONField,
)


def _text_or_choice(field) -> Callable:
    convert = field.to_representation

    def read(value):
        # A str subclass (a TextChoices member) goes through the field, as DRF would.
        return value if type(value) is str else convert(value)

    return read


def _iso(field, default: str) -> bool:
    output_format = getattr(field, "format", default)
    return isinstance(output_format, str) and output_format.lower() == ISO_8601


def _date(value):
    return value.isoformat()


_ZERO = datetime.timedelta(0)


def _datetime(field) -> Callable:
    convert = field.to_representation

    def read(value):
        # A time at UTC, as the database gives it, written as DRF writes it in the UTC zone;
        # anything else through DRF.
        if isinstance(value, datetime.datetime) and value.utcoffset() == _ZERO:
            return iso_utc(value)
        return convert(value)

    return read


def _many(instance, attr: str):
    """The records of a to-many relation: from the prefetch cache when it holds them (without
    making the related manager Django would make for ``.all()``), else through the manager."""
    cached = getattr(instance, "_prefetched_objects_cache", None)
    if cached is not None and attr in cached:
        return cached[attr]
    related = getattr(instance, attr)
    return related.all() if isinstance(related, Manager) else related


def _reader(field) -> Callable[[object, dict], None]:
    """A function that puts ``field``'s representation of a record into a dict."""
    name = field.field_name
    attrs = field.source_attrs
    simple_source = len(attrs) == 1 and field.source != "*"
    attr = attrs[0] if simple_source else None

    if simple_source and isinstance(field, serializers.ListSerializer):
        child = field.child

        def nested_many(instance, out):
            out[name] = [child.to_representation(item) for item in _many(instance, attr)]

        return nested_many

    if simple_source and isinstance(field, serializers.BaseSerializer):

        def nested_one(instance, out):
            related = getattr(instance, attr)
            out[name] = None if related is None else field.to_representation(related)

        return nested_one

    if simple_source and isinstance(field, relations.ManyRelatedField):
        child = field.child_relation
        if type(child) is relations.SlugRelatedField:
            slug = child.slug_field

            def slugs(instance, out):
                out[name] = [getattr(item, slug) for item in _many(instance, attr)]

            return slugs

    if simple_source and type(field) is relations.SlugRelatedField:
        slug = field.slug_field

        def one_slug(instance, out):
            related = getattr(instance, attr)
            out[name] = None if related is None else getattr(related, slug)

        return one_slug

    convert = None
    if simple_source and type(field) is fields.DateField and _iso(field, api_settings.DATE_FORMAT):
        convert = _date
    elif (
        simple_source
        and type(field) is fields.DateTimeField
        and _iso(field, api_settings.DATETIME_FORMAT)
        and timezone.get_current_timezone_name() == "UTC"
        and not hasattr(field, "timezone")
    ):
        convert = _datetime(field)
    elif simple_source and type(field) in (fields.CharField, fields.SlugField, fields.ChoiceField):
        convert = _text_or_choice(field)
    elif simple_source and type(field) in _AS_IS and not isinstance(field, fields.CharField):
        convert = field.to_representation if type(field) is fields.JSONField else (lambda value: value)

    if convert is not None:

        def plain(instance, out):
            value = getattr(instance, attr)
            out[name] = None if value is None else convert(value)

        return plain

    def through_drf(instance, out):
        # DRF's own handling, for every other kind of field.
        try:
            attribute = field.get_attribute(instance)
        except SkipField:
            return
        check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        out[name] = None if check_for_none is None else field.to_representation(attribute)

    if len(attrs) > 1 and field.source != "*" and type(field) in (fields.CharField, fields.SlugField):
        # A related record's text (a participation's participant.name): followed attribute by attribute,
        # and where a record on the way is missing, DRF's own handling (its default, null or error).
        path = tuple(attrs)
        convert = _text_or_choice(field)

        def dotted(instance, out):
            value = instance
            for step in path:
                value = getattr(value, step, None)
                if value is None:
                    return through_drf(instance, out)
            out[name] = convert(value)

        return dotted

    return through_drf


class ReadModelSerializer(serializers.ModelSerializer):
    """A model serializer for reading, with a representation built from readers made once."""

    def to_representation(self, instance):
        readers = self.__dict__.get("_readers")
        if readers is None:
            readers = self.__dict__["_readers"] = [_reader(field) for field in self._readable_fields]
        out = {}
        for read in readers:
            read(instance, out)
        return out
