"""The application set up in this process and asked through Django's test client: no server, no network.

For the tools that look inside one request (capture.py, explain.py, seed_requests.py). One client asks
everything, so it is measured, not throttled, and any host name will do. The response cache is off: what
these tools look at is the work the API does for a request, which a kept answer would hide (a URL asked
twice would show the cache's one query).
"""

import os
import sys
import warnings
from pathlib import Path

import django
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext


def start(app_dir: Path) -> Client:
    """Set up the application in ``app_dir`` with its own settings, and a test client for it."""
    warnings.filterwarnings("ignore", message="No directory at")  # static files are not what is measured
    sys.path.insert(0, str(app_dir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_THROTTLE_ANON_RATE = None  # one client asks everything: measured, not throttled
    settings.RESPONSE_CACHE = False  # the API's own work, not a kept answer
    return Client()


def get_with_queries(client: Client, url: str, headers: dict[str, str]) -> tuple[HttpResponse, list[dict]]:
    """The response and every SQL statement it ran, as Django sent them, with their times."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return response, captured.captured_queries
