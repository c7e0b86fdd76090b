"""Time (and optionally profile) the lists and a detail in process, on synthetic data.

    DJANGO_SECRET_KEY=bench DJANGO_SECURE_SSL_REDIRECT=0 DATABASE_URL=... \\
        .venv/bin/python bench/read_times.py [--app DIR] [--rounds N] [--profile ENDPOINT]

The database is one that ``manage.py generate_synthetic`` filled (any size). Asks, with Django's test
client and the response cache off (``in_process``): ten pages of meetings (pages 2 to 11), ten pages
of statements filtered by a topic and a year, and twenty meetings' details, five times each per round
after one warm-up request each (so counts are kept, as in steady state). Prints, per endpoint, the
median wall time and the median CPU time of this process per request (the CPU time leaves out the
database's own work, and what other processes on the machine do to the wall time), and a hash of
every answer's body, so that two versions of the code (``--app``, a checkout of another commit) can be
compared on the same data: the same hash means the same bytes. ``--profile meetings`` (or
``statements``, ``detail``) prints cProfile's 60 most expensive calls for that endpoint instead.
"""

import argparse
import cProfile
import hashlib
import pstats
import statistics
import time
from pathlib import Path

import in_process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", choices=["meetings", "statements", "detail"])
    options = parser.parse_args()
    client = in_process.start(options.app.resolve())
    from meetings.models import Meeting, Topic  # once the application is set up

    topics = list(Topic.objects.order_by("pk").values_list("slug", flat=True)[:10])
    meetings = Meeting.objects.filter(review_status="verified").order_by("pk").values_list("slug", flat=True)
    endpoints = {
        "meetings": [f"/api/v1/meetings/?page={number}" for number in range(2, 12)],
        "statements": [
            f"/api/v1/statements/?topic={topic}&date_after={year}-01-01&date_before={year}-12-31"
            for topic, year in zip(topics, range(2010, 2020), strict=False)
        ],
        "detail": [f"/api/v1/meetings/{slug}/" for slug in meetings[100:120]],
    }
    bodies = hashlib.sha256()
    for urls in endpoints.values():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            bodies.update(response.content)
    print(f"answers' sha256: {bodies.hexdigest()[:16]}")
    for name, urls in endpoints.items():
        if options.profile and name != options.profile:
            continue
        profile = cProfile.Profile() if options.profile else None
        wall, cpu = [], []
        for _ in range(options.rounds):
            for url in urls * 5:
                started, cpu_started = time.perf_counter(), time.process_time()
                if profile:
                    profile.enable()
                client.get(url)
                if profile:
                    profile.disable()
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
        print(
            f"{name:12} median {statistics.median(wall):6.2f} ms wall, "
            f"{statistics.median(cpu):6.2f} ms CPU ({len(wall)} requests)"
        )
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    main()
