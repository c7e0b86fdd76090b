"""Median and 95th-percentile time of typical requests, in process, on the loaded data.

    DJANGO_SECRET_KEY=bench DATABASE_URL=... .venv/bin/python bench/seed_requests.py [repeats]

Loads the curated data into the database named by DATABASE_URL if it is empty, then times
each request with Django's test client (no network, no server): what the application
itself costs. Prints one row per request.
"""

import statistics
import sys
import time
from pathlib import Path

import in_process
from django.core.management import call_command
from django.db import connection

REQUESTS = [
    ("meetings list", "/api/v1/meetings/", {}),
    ("statements list, filtered", "/api/v1/statements/?topic=syria&kind=direct_quote", {}),
    ("search", "/api/v1/statements/?search=chemical%20weapons%20-trump", {}),
    ("meeting detail", "/api/v1/meetings/lavrov-tillerson-talks-moscow-2017-04-12/", {}),
    ("meetings list, CSV", "/api/v1/meetings/?format=csv", {}),
    ("timeline", "/api/v1/timeline/", {}),
    ("network", "/api/v1/network/", {}),
    ("304 on the meetings list", "/api/v1/meetings/", {"etag": True}),
]


def main(repeats: int) -> None:
    client = in_process.start(Path(__file__).resolve().parent.parent)
    from meetings.models import Meeting  # once the application is set up

    call_command("migrate", verbosity=0)
    if not Meeting.objects.exists():
        call_command("load_curated", verbosity=0)
    print(f"database: {connection.vendor}, {repeats} requests each (after 10 warm-up requests)")
    print(f"{'request':30} {'status':>6} {'median ms':>10} {'p95 ms':>8}")
    for name, url, options in REQUESTS:
        headers = {}
        if options.get("etag"):
            headers["HTTP_IF_NONE_MATCH"] = client.get(url)["ETag"]
        for _ in range(10):
            response = client.get(url, **headers)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            response = client.get(url, **headers)
            if response.streaming:
                b"".join(response.streaming_content)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"{name:30} {response.status_code:>6} {statistics.median(times):>10.2f} {p95:>8.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
