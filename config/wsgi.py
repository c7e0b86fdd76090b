"""WSGI entry point, used by gunicorn in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Only queries that serve requests are limited by DJANGO_DB_STATEMENT_TIMEOUT, never migrations or commands.
from meetings.web_sessions import limit_web_statements  # noqa: E402  (needs the settings loaded above)

limit_web_statements()


# A repeated anonymous 304 is answered in front of Django's request handling (meetings/api/fast_path.py).
from meetings.api.fast_path import FastPathApplication  # noqa: E402  (needs the settings loaded above)

application = FastPathApplication(application)
