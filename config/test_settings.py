"""The settings the test suite runs with: the service's own (``config.settings``), read from the same
environment, served over plain HTTP as the test client and the live server speak it.

With debug off the service redirects HTTP to HTTPS and sends HSTS; the tests' requests are plain
HTTP, so both are off here. Tests of the production defaults themselves run ``config.settings`` in a
subprocess (tests/operations/test_settings.py).
"""

from .settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0

# Two databases, as a deployment with a read replica has them: "replica" mirrors the test database
# (Django's TEST MIRROR). Reads go to it only in the tests that name it in READ_REPLICAS
# (tests/operations/test_replicas.py); everywhere else the suite runs on the primary alone.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405

# The suite pins the query counts of the API's own path; tests/api/test_response_cache.py turns the
# response cache on where it tests it, and tests/api/test_conditional.py the conditional fast path.
RESPONSE_CACHE = False
CONDITIONAL_FAST_PATH = False
