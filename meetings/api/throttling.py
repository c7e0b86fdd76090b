"""Request rates for API clients, read from the settings at each request.

DRF's own throttles read their rates once, when the class is defined; these read
``API_THROTTLE_ANON_RATE`` and ``API_THROTTLE_USER_RATE`` for every request, so a rate of None
(``off`` in the environment) switches a throttle off and tests can change the rates. Counts live
in Django's default cache: Redis shared by every worker in production (DJANGO_CACHE_URL), each
process's own memory otherwise. A client over its rate gets 429 with ``Retry-After``.
"""

import logging

from django.conf import settings
from redis.exceptions import RedisError
from rest_framework import throttling

logger = logging.getLogger(__name__)


class SettingsRateMixin:
    rate_setting: str

    def get_rate(self) -> str | None:
        return getattr(settings, self.rate_setting)

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except (RedisError, OSError) as error:
            # The counters are out of reach: serve the request rather than fail it.
            logger.warning("Throttle counters unavailable, request let through: %s", error)
            return True


class AnonRateThrottle(SettingsRateMixin, throttling.AnonRateThrottle):
    """Anonymous clients, counted by address (the peer's, or X-Forwarded-For's per NUM_PROXIES)."""

    rate_setting = "API_THROTTLE_ANON_RATE"


class UserRateThrottle(SettingsRateMixin, throttling.UserRateThrottle):
    """Signed-in users, counted by account; anonymous requests are left to AnonRateThrottle."""

    rate_setting = "API_THROTTLE_USER_RATE"

    def get_cache_key(self, request, view) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
