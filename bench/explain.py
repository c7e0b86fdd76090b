"""Every query a URL runs, with its time and PostgreSQL's EXPLAIN (ANALYZE, BUFFERS).

    DJANGO_SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_million \
        .venv/bin/python bench/explain.py '/api/v1/statements/?topic=syria&date_after=2017-01-01' [--slowest N]

Requests the URL in process (anonymous, as the benchmark does), then explains the queries it ran,
slowest first. EXPLAIN ANALYZE runs each query again, so it takes as long as the request did.
"""

import argparse
from pathlib import Path

import in_process
from django.db import connection


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--slowest", type=int, default=3, help="Explain this many of the slowest queries (3).")
    parser.add_argument("--if-none-match", action="store_true", help="Ask conditionally, with the current ETag.")
    args = parser.parse_args()
    client = in_process.start(Path.cwd())
    headers = {"HTTP_IF_NONE_MATCH": client.get(args.url)["ETag"]} if args.if_none_match else {}
    response, queries = in_process.get_with_queries(client, args.url, headers)
    print(f"{response.status_code}, {len(response.content):,} bytes, {len(queries)} queries:")
    for number, query in enumerate(queries, 1):
        print(f"  {number:2}. {float(query['time']) * 1000:9.1f} ms  {query['sql'][:110]}")
    explainable = [(n, q) for n, q in enumerate(queries, 1) if not q["sql"].startswith("EXPLAIN")]
    slowest = sorted(explainable, key=lambda item: -float(item[1]["time"]))[: args.slowest]
    with connection.cursor() as cursor:
        for number, query in slowest:
            print(f"\n-- query {number} ({float(query['time']) * 1000:.1f} ms)\n{query['sql']}\n")
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
