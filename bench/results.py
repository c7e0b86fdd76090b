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


# The columns: the application with its response cache off and warm, the raw baseline, the previous release;
# and in the embedded comparison, the application on SQLite and Datasette on the same file.
COLD, WARM, BASELINE, PREVIOUS = "cold", "warm", "baseline", "previous"
APP, DATASETTE = "app", "datasette"


@dataclass
class Figures:
    """One server's figures on one endpoint: throughput with several connections, latency with one at a time."""

    load: Run = field(default_factory=Run)
    latency: Run = field(default_factory=Run)


@dataclass
class Result:
    """One endpoint's figures, each server's under its column, and what the application did meanwhile."""

    endpoint: Endpoint
    figures: dict[str, Figures] = field(default_factory=dict)
    peak_rss_mb: float = 0.0
    queries: str = ""
    foreign_cpu: float | None = None
    # The share of the warm server's answers that came from its cache, while it was measured.
    cache_hits: float | None = None
    # The mean size of an answer in bytes, by column (the embedded comparison: what each page returns).
    sizes: dict[str, float] = field(default_factory=dict)

    def rps(self, column: str) -> float | None:
        figures = self.figures.get(column)
        return figures.load.rps if figures and figures.load.requests else None

    def median(self, column: str) -> str:
        figures = self.figures.get(column)
        if figures is None:
            return fmt(None)
        return fmt(figures.latency.p50_ms) + (" (seq.)" if figures.latency.note == "sequential" else "")

    def ratio(self, column: str, other: str) -> float | None:
        """``column``'s throughput over ``other``'s."""
        mine, theirs = self.rps(column), self.rps(other)
        return mine / theirs if mine is not None and theirs else None

    def errors(self) -> int:
        return sum(f.load.errors + f.latency.errors for f in self.figures.values())

    def other_cpu(self) -> str:
        return "–" if self.foreign_cpu is None else f"{self.foreign_cpu:.0%}"


def fmt(value: float | None, digits: int = 1, suffix: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{suffix}"
    return f"{value:,}{suffix}"


HEADER = [
    "endpoint",
    "cold req/s",
    "cold median ms",
    "cold p95 ms",
    "cold median ms under load",
    "warm req/s",
    "warm median ms",
    "cache hits",
    "baseline req/s",
    "baseline median ms",
    "previous req/s",
    "previous median ms",
    "cold/baseline",
    "warm/baseline",
    "cold/previous",
    "queries",
    "peak worker RSS MB",
    "errors",
    "other CPU",
]


def rows(results: list[Result]) -> list[list[str]]:
    table = []
    for r in results:
        cold = r.figures[COLD]
        table.append(
            [
                r.endpoint.name,
                fmt(r.rps(COLD)),
                r.median(COLD),
                fmt(cold.latency.p95_ms),
                fmt(cold.load.p50_ms),
                fmt(r.rps(WARM)),
                r.median(WARM),
                "–" if r.cache_hits is None else f"{r.cache_hits:.0%}",
                fmt(r.rps(BASELINE)),
                r.median(BASELINE),
                fmt(r.rps(PREVIOUS)),
                r.median(PREVIOUS),
                fmt(r.ratio(COLD, BASELINE), 2),
                fmt(r.ratio(WARM, BASELINE), 2),
                fmt(r.ratio(COLD, PREVIOUS), 2),
                r.queries,
                fmt(r.peak_rss_mb, 0),
                fmt(r.errors()),
                r.other_cpu(),
            ]
        )
    return table


EMBEDDED_HEADER = [
    "page",
    "app req/s",
    "app median ms",
    "app p95 ms",
    "app KB",
    "Datasette req/s",
    "Datasette median ms",
    "Datasette p95 ms",
    "Datasette KB",
    "app/Datasette",
    "errors",
    "other CPU",
]


def embedded_rows(results: list[Result]) -> list[list[str]]:
    return [
        [
            r.endpoint.name,
            fmt(r.rps(APP)),
            r.median(APP),
            fmt(r.figures[APP].latency.p95_ms),
            fmt(r.sizes.get(APP, 0) / 1000),
            fmt(r.rps(DATASETTE)),
            r.median(DATASETTE),
            fmt(r.figures[DATASETTE].latency.p95_ms),
            fmt(r.sizes.get(DATASETTE, 0) / 1000),
            fmt(r.ratio(APP, DATASETTE), 2),
            fmt(r.errors()),
            r.other_cpu(),
        ]
        for r in results
    ]


def markdown(header: list[str], table: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---", *["---:"] * (len(header) - 1)]) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in table]
    return "\n".join(lines)


def plain(header: list[str], table: list[list[str]]) -> str:
    widths = [max(len(str(row[i])) for row in [header, *table]) for i in range(len(header))]
    return "\n".join(
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        for row in [header, *table]
    )


def as_json(result: Result) -> dict:
    """One endpoint's figures and URLs, for results.json."""
    return {
        "name": result.endpoint.name,
        "urls": result.endpoint.urls,
        **{column: {"throughput": vars(f.load), "latency": vars(f.latency)} for column, f in result.figures.items()},
        "peak_rss_mb": result.peak_rss_mb,
        "queries": result.queries,
        "foreign_cpu": result.foreign_cpu,
        "cache_hits": result.cache_hits,
        "bytes": result.sizes,
    }


def write_output(directory: Path, results: list[Result], embedded: list[Result], totals: dict) -> None:
    """results.md (the tables) and results.json (``totals`` and every endpoint's figures) in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    tables = [markdown(HEADER, rows(results))]
    if embedded:
        tables.append(markdown(EMBEDDED_HEADER, embedded_rows(embedded)))
    (directory / "results.md").write_text("\n\n".join(tables) + "\n")
    document = {**totals, "endpoints": [as_json(r) for r in results], "embedded": [as_json(r) for r in embedded]}
    (directory / "results.json").write_text(json.dumps(document, indent=1))
