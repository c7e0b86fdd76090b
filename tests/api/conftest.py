"""What only the API's tests need: the schema fuzzing's request count, reported at the end of the run."""

from collections import Counter

import pytest


class FuzzStatistics:
    """The requests the schema fuzzing (tests/api/test_fuzz.py) sent, for the summary at the end of the run."""

    def __init__(self):
        self.by_status: Counter = Counter()
        self.operations: set[str] = set()
        self.first_started: float | None = None
        self.last_finished: float | None = None

    def record(self, operation: str, status: int, started: float, finished: float) -> None:
        self.by_status[status] += 1
        self.operations.add(operation)
        self.first_started = started if self.first_started is None else self.first_started
        self.last_finished = finished

    @property
    def requests(self) -> int:
        return self.by_status.total()

    def summary(self) -> str:
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(self.by_status.items()))
        seconds = (self.last_finished or 0) - (self.first_started or 0)
        return (
            f"{self.requests} generated requests to {len(self.operations)} operations in {seconds:.0f} s "
            f"(by status: {statuses})"
        )


_FUZZ_STATISTICS = pytest.StashKey[FuzzStatistics]()


@pytest.fixture
def fuzz_statistics(request) -> FuzzStatistics:
    return request.config.stash.setdefault(_FUZZ_STATISTICS, FuzzStatistics())


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    statistics = config.stash.get(_FUZZ_STATISTICS, None)
    if statistics is not None and statistics.requests:
        terminalreporter.write_sep("-", "schema fuzzing")
        terminalreporter.write_line(statistics.summary())
