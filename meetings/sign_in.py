"""Sign-in that resists guessing: the client address that django-axes counts failed sign-ins by.

It is the address throttling counts API requests by (DRF's ``NUM_PROXIES``, from
``DJANGO_NUM_PROXIES``): the peer's address, or the one the trusted proxies in front appended to
``X-Forwarded-For``, so that a client cannot dodge the lockout by sending a header of its own.
"""

from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle


def client_address(request: HttpRequest) -> str:
    return BaseThrottle().get_ident(request)
