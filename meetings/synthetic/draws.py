"""Random draws the generator makes again and again: weighted picks and proportional shares.

Both take their randomness from the run's one ``random.Random``, so a seed gives the same draws.
"""

import bisect
import itertools
from collections.abc import Callable
from random import Random


def weighted_picker[T](rng: Random, items: list[T], weights: list[float]) -> Callable[[], T]:
    """A function that picks one of ``items`` with the given weights: a bisection per pick."""
    cumulative = list(itertools.accumulate(weights))
    total = cumulative[-1]

    def pick() -> T:
        return items[bisect.bisect_right(cumulative, rng.random() * total)]

    return pick


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` into integer parts proportional to ``weights`` that add up exactly."""
    if not weights:
        return []
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    parts = [int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - shares[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts
