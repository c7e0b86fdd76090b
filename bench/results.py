"""What the benchmark measures per endpoint, and its table: plain text, and Markdown and JSON for --output."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from harness import Load


@dataclass
class Endpoint:
    name: str
    urls: list[str]
    conditional: bool = False
    paged: bool = False


@dataclass
class Run:
    """One measurement of one server: a wrk run, or each URL asked once in turn ("sequential")."""

    requests: int = 0
    seconds: float = 0.0
    rps: float = 0.0
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    errors: int = 0
    note: str = ""

    @classmethod
    def of(cls, load: Load) -> "Run":
        """The figures of a wrk run; its errors are non-2xx/3xx answers, failed connects and reads, and timeouts."""
        run = cls(requests=load.requests, seconds=load.seconds, rps=load.rps)
        run.errors = load.non_2xx_3xx + sum(load.socket_errors[k] for k in ("connect", "read", "timeout"))
        if run.requests:
            run.p50_ms, run.p95_ms, run.p99_ms = load.p50_ms, load.p95_ms, load.p99_ms
        return run


@dataclass
class Result:
    endpoint: Endpoint
    app: Run = field(default_factory=Run)
    app_latency: Run = field(default_factory=Run)
    base: Run = field(default_factory=Run)
    base_latency: Run = field(default_factory=Run)
    peak_rss_mb: float = 0.0
    queries: str = ""
    foreign_cpu: float | None = None


def fmt(value: float | None, digits: int = 1, suffix: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{suffix}"
    return f"{value:,}{suffix}"


HEADER = [
    "endpoint",
    "req/s",
    "median ms",
    "p95 ms",
    "median ms under load",
    "peak worker RSS MB",
    "baseline req/s",
    "baseline median ms",
    "ratio",
    "queries",
    "errors",
    "other CPU",
]


def rows(results: list[Result]) -> list[list[str]]:
    table = []
    for r in results:
        ratio = r.app.rps / r.base.rps if r.base.rps else None
        latency_note = " (seq.)" if r.app_latency.note == "sequential" else ""
        table.append(
            [
                r.endpoint.name,
                fmt(r.app.rps),
                fmt(r.app_latency.p50_ms) + latency_note,
                fmt(r.app_latency.p95_ms),
                fmt(r.app.p50_ms),
                fmt(r.peak_rss_mb, 0),
                fmt(r.base.rps),
                fmt(r.base_latency.p50_ms),
                fmt(ratio, 2),
                r.queries,
                fmt(r.app.errors + r.app_latency.errors),
                "–" if r.foreign_cpu is None else f"{r.foreign_cpu:.0%}",
            ]
        )
    return table


def markdown(table: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join(["---", *["---:"] * (len(HEADER) - 1)]) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in table]
    return "\n".join(lines)


def plain(table: list[list[str]]) -> str:
    widths = [max(len(str(row[i])) for row in [HEADER, *table]) for i in range(len(HEADER))]
    out = ["  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(HEADER, widths, strict=True)))]
    for row in table:
        out.append(
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        )
    return "\n".join(out)


def write_output(directory: Path, results: list[Result], totals: dict) -> None:
    """results.md (the table) and results.json (``totals`` and every endpoint's figures) in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "results.md").write_text(markdown(rows(results)) + "\n")
    endpoints = [
        {
            "name": r.endpoint.name,
            "urls": r.endpoint.urls,
            "app": vars(r.app),
            "app_latency": vars(r.app_latency),
            "baseline": vars(r.base),
            "baseline_latency": vars(r.base_latency),
            "peak_rss_mb": r.peak_rss_mb,
            "queries": r.queries,
            "foreign_cpu": r.foreign_cpu,
        }
        for r in results
    ]
    (directory / "results.json").write_text(json.dumps({**totals, "endpoints": endpoints}, indent=1))
