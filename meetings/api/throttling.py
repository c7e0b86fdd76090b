"""Request rates for API clients, read from the settings at each request.

DRF's own throttles read their rates once, when the class is defined; these read
``API_THROTTLE_ANON_RATE`` and ``API_THROTTLE_USER_RATE`` for every request, so a rate of None
(``off`` in the environment) switches a throttle off and tests can change the rates. Counts live
in Django's default cache: Redis shared by every worker in production (DJANGO_CACHE_URL), each
process's own memory otherwise. A client over its rate gets 429 with ``Retry-After``.

Every answer of a request a throttle counted also says where the client stands, in the fields of
the IETF's RateLimit header draft, for the strictest throttle that counted it: ``RateLimit-Limit``
(requests allowed in the window), ``RateLimit-Remaining`` (left in the current window after this
request) and ``RateLimit-Reset`` (whole seconds until the window frees a request). They come from
what the throttle read and wrote to decide, at no extra cost. A request no throttle counted (the
rates are off, or it was refused before the throttles ran) has none.
"""

import logging
import math
from dataclasses import dataclass

from django.conf import settings
from redis.exceptions import RedisError
from rest_framework import throttling

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Quota:
    """Where a client stands against one throttle, just after a request."""

    limit: int  # requests allowed in the window
    remaining: int  # requests left in the window after this one, never below 0
    reset: int  # whole seconds until the window frees a request, 0 or more

    def stricter_than(self, other: "Quota") -> bool:
        """Fewer requests left, or as few and a longer wait."""
        return (self.remaining, -self.reset) < (other.remaining, -other.reset)

    @property
    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }


class SettingsRateMixin:
    rate_setting: str

    def get_rate(self) -> str | None:
        return getattr(settings, self.rate_setting)

    def allow_request(self, request, view) -> bool:
        try:
            allowed = super().allow_request(request, view)
        except (RedisError, OSError) as error:
            # The counters are out of reach: serve the request rather than fail it.
            logger.warning("Throttle counters unavailable, request let through: %s", error)
            return True
        quota = self.quota()
        if quota is not None:
            announce(view, quota)
        return allowed

    def quota(self) -> Quota | None:
        """This request's standing, from the history ``allow_request`` read (and wrote, if it let the request
        through): None when this throttle did not count the request (its rate is off, or it does not apply)."""
        if getattr(self, "key", None) is None:
            return None
        history = self.history  # times, newest first; a request let through is already in it
        # The request whose leaving the window lets one more in: the oldest, or with more counted than the
        # rate allows (it was lowered), the one that brings the count below it.
        freeing = history[min(len(history), self.num_requests) - 1] if history else self.now
        return Quota(
            limit=self.num_requests,
            remaining=max(0, self.num_requests - len(history)),
            reset=max(0, math.ceil(freeing + self.duration - self.now)),
        )


def announce(view, quota: Quota) -> None:
    """Put ``quota`` in the headers of the view's answer, unless a stricter one is there already.

    DRF adds ``view.headers`` to whatever the view answers, errors and 429s included.
    """
    current = getattr(view, "rate_limit_quota", None)
    if current is None or quota.stricter_than(current):
        view.rate_limit_quota = quota
        view.headers.update(quota.headers)


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
