"""Capture the SQL that the application runs for each benchmark URL, in process.

    capture.py SPEC.json OUT.json      (run by bench/benchmark.py from the application's directory)

SPEC maps each endpoint to its URLs and whether they are asked conditionally (If-None-Match).
OUT maps each request key (the URL, plus "#304" for a conditional request) to the status, the
ETag, the response size and every SQL statement exactly as Django sent it to PostgreSQL
(client-side binding, so the text is what the server received). bench/baseline.py replays
those statements. Each URL is asked once before it is captured, so what is captured is what a
running server does in steady state (a list's count, once made, is kept for the data's version;
see meetings/api/pagination.py). For list endpoints it also counts the queries at page_size=1
and page_size=100, to show that the number does not grow with the page.
"""

import json
import sys
from pathlib import Path

import in_process
from django.test import Client


def capture(client: Client, url: str, headers: dict) -> tuple:
    response, queries = in_process.get_with_queries(client, url, headers)
    return response, [q["sql"] for q in queries]


def with_page_size(url: str, size: int) -> str:
    return f"{url}{'&' if '?' in url else '?'}page_size={size}"


def main(spec_path: str, out_path: str) -> None:
    client = in_process.start(Path.cwd())
    spec = json.loads(Path(spec_path).read_text())
    client.get("/api/v1/meetings/?page_size=1")  # connects, and fills the caches a running server has filled
    requests = {}
    endpoints = {}
    for name, entry in spec.items():
        counts = []
        for url in entry["urls"]:
            headers = {}
            key = url
            etag = client.get(url)["ETag"]  # the steady state: counts made and kept
            if entry.get("conditional"):
                headers["HTTP_IF_NONE_MATCH"] = etag
                key = f"{url}#304"
            response, queries = capture(client, url, headers)
            requests[key] = {
                "url": url,
                "status": response.status_code,
                "etag": response.get("ETag", ""),
                "if_none_match": headers.get("HTTP_IF_NONE_MATCH"),
                "bytes": len(response.content),
                "queries": queries,
            }
            counts.append(len(queries))
        summary = {"queries": sorted(set(counts))}
        if entry.get("paged"):
            _, at_100 = capture(client, with_page_size(entry["urls"][0], 100), {})
            _, at_1 = capture(client, with_page_size(entry["urls"][0], 1), {})
            summary["queries_page_size_1_100"] = [len(at_1), len(at_100)]
        endpoints[name] = summary
    Path(out_path).write_text(json.dumps({"requests": requests, "endpoints": endpoints}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
