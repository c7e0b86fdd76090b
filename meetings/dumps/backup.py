"""Django's JSON fixture format, made exact enough for a backup of the whole database.

``bin/backup`` writes its ``everything.json`` in it, with ``dumpdata``.

Two differences from the built-in ``json`` format, which ``settings.SERIALIZATION_MODULES``
replaces with this module, so that ``dumpdata`` and ``loaddata`` use it as they are:

- Times keep every microsecond (:mod:`.times`). Django's encoder cuts them to milliseconds, so a
  record's creation, change and verification times, and its history's, would not come back as
  they were.
- A reference to a record that no longer exists is written as its id. The history tables keep
  the id of every record they describe, also once it is deleted (the participants of a meeting
  that is gone, say); with ``--natural-foreign`` Django's serializer looks each referenced record
  up for its natural key, and fails on one that is gone.

Loading is Django's own: it reads both forms of reference, and times with microseconds.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers import json as django_json

from .times import ExactJSONEncoder


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        if self.json_kwargs["cls"] is django_json.DjangoJSONEncoder:
            self.json_kwargs["cls"] = ExactJSONEncoder

    def handle_fk_field(self, obj, field):
        try:
            super().handle_fk_field(obj, field)
        except ObjectDoesNotExist:
            self._current[field.name] = self._value_from_field(obj, field)


Deserializer = django_json.Deserializer
