"""How much memory and time streaming every statement takes, as NDJSON and as CSV, in process.

    DJANGO_SECRET_KEY=bench .venv/bin/python bench/stream_memory.py [--statements 100000]

Without DATABASE_URL, fills a new SQLite database in a temporary directory with generate_synthetic's
data (that many statements, with 200 participants, 50 topics, 5,000 meetings and 500 sources); with
it, uses that database as it is, filling it only if it holds no statements. Then asks
`/api/v1/statements/?format=ndjson` (and `?format=csv`) through Django's test client and reads each
answer a block at a time, as a client would: once for the time, once under tracemalloc for the peak
of the memory Python allocated meanwhile. Checks that the NDJSON answer has a line for each statement
the list counts and that its first and last lines are the list's first and last records; exits 1 if
not, or if a peak reaches --bound MiB (all 100,000 statements held at once would take over a GB).
"""

import argparse
import gc
import json
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import in_process

URL = "/api/v1/statements/"


def read(client, params: dict) -> tuple[int, bytes | None, bytes | None]:
    """The number of lines of an answer, and its first and last lines, read a block at a time."""
    lines, first, last, rest = 0, None, None, b""
    for block in client.get(URL, params).streaming_content:
        *complete, rest = (rest + block).split(b"\n")
        lines += len(complete)
        if complete:
            first = complete[0] if first is None else first
            last = complete[-1]
    return lines, first, last


def measure(client, params: dict) -> tuple[tuple, float, float]:
    """What ``read`` gives, the seconds it took, and the traced peak in MiB (from a second reading)."""
    started = time.perf_counter()
    answer = read(client, params)
    seconds = time.perf_counter() - started
    gc.collect()
    tracemalloc.start()
    try:
        read(client, params)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    return answer, seconds, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=100_000, help="Statements to generate (100,000).")
    parser.add_argument("--bound", type=float, default=30, help="The peak, in MiB, that fails the run (30).")
    args = parser.parse_args()
    scratch = None
    if "DATABASE_URL" not in os.environ:
        scratch = tempfile.TemporaryDirectory(prefix="stream-memory-")
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(scratch.name) / 'stream.sqlite3'}"
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")  # the test client asks over plain HTTP
    client = in_process.start(Path(__file__).resolve().parent.parent)
    from django.core.management import call_command
    from django.db import connection

    from meetings.models import Statement  # once the application is set up

    call_command("migrate", verbosity=0)
    if not Statement.objects.exists():
        started = time.perf_counter()
        call_command(
            "generate_synthetic",
            "--no-progress",
            participants=200,
            topics=50,
            meetings=5_000,
            sources=500,
            statements=args.statements,
            verbosity=0,
        )
        print(f"generated {args.statements:,} statements in {time.perf_counter() - started:.0f} s")

    count = client.get(URL, {"page_size": 1}).json()["count"]
    first = client.get(URL, {"page_size": 1}).json()["results"][0]
    last = client.get(URL, {"page_size": 1, "page": count}).json()["results"][0]
    print(f"database: {connection.vendor}; the list counts {count:,} statements")
    print(f"{'format':8} {'lines':>10} {'seconds':>8} {'rows/s':>8} {'peak MiB':>9}")
    failures = []
    for format in ("ndjson", "csv"):
        (lines, head, tail), seconds, peak = measure(client, {"format": format})
        print(f"{format:8} {lines:>10,} {seconds:>8.1f} {lines / seconds:>8,.0f} {peak:>9.1f}")
        if peak >= args.bound:
            failures.append(f"{format}: a peak of {peak:.1f} MiB, not under {args.bound:g}")
        if format == "ndjson" and (lines, json.loads(head), json.loads(tail)) != (count, first, last):
            failures.append("ndjson: not a line for each statement, or not the list's first and last records")
    for failure in failures:
        print(f"FAILED {failure}")
    if scratch is not None:
        connection.close()
        scratch.cleanup()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
