"""One run of the synthetic data generator: the sizes asked for, and the steps in their order.

Every step draws from the same ``random.Random(seed)`` in a fixed order, so the same seed and
sizes give the same rows, ids and timestamps included.
"""

from dataclasses import dataclass
from random import Random

from ..models import DataVersion
from .articles import Newsroom
from .calendar import Calendar
from .cast import write_cast
from .sources import SourceWriter
from .tables import Progress, Tables, reviewer_id
from .topics import write_topics


@dataclass(frozen=True)
class Sizes:
    """How many records of each kind a run writes; the defaults are the benchmark's data set."""

    participants: int = 2_000
    topics: int = 500
    meetings: int = 50_000
    sources: int = 5_000
    statements: int = 1_000_000


class _Silent:
    """A progress bar that shows nothing."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


class Generator:
    """Plans and writes the synthetic data set. ``run()`` does it all; ``progress`` reports."""

    def __init__(self, sizes: Sizes, seed: int, batch_sources: int = 100, progress: Progress | None = None):
        self.sizes = sizes
        self.rng = Random(seed)
        self.batch_sources = max(1, batch_sources)
        self.progress = progress or (lambda phase, total: _Silent())

    def run(self) -> dict[str, int]:
        """Write everything; return how many rows went into each table."""
        rng, sizes, progress = self.rng, self.sizes, self.progress
        tables = Tables()
        reviewer = reviewer_id()
        cast = write_cast(rng, sizes.participants, tables, progress)
        topics = write_topics(rng, sizes.topics, tables, progress)
        calendar = Calendar(rng, cast, topics, tables)
        calendar.plan(sizes.meetings, sizes.sources, progress)
        calendar.write(reviewer, progress)
        sources = SourceWriter(rng, tables, Newsroom(rng, cast, topics), reviewer, self.batch_sources)
        sources.write(calendar.stories, sizes.statements, progress)
        written = tables.finish()
        DataVersion.bump()
        return written
