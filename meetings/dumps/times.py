"""How the data's times are written: ISO 8601 with every microsecond, and ``Z`` for UTC.

This is the form DRF gives a time in the UTC zone, so the API, the public export, the fixtures
and the backups all write a time alike. Django's own JSON encoder would cut it to milliseconds,
and a verification time set in the admin would not survive a round trip.
"""

import datetime

from django.core.serializers.json import DjangoJSONEncoder


def iso_utc(value: datetime.datetime) -> str:
    """``value`` in ISO 8601 with its microseconds, UTC written ``Z`` ("2017-04-12T09:30:00.123456Z").

    A time at another offset keeps it, and a naive time is written as it is.
    """
    text = value.isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, except that times are written by :func:`iso_utc`."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return iso_utc(o)
        return super().default(o)
