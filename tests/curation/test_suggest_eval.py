"""The suggester's held-out evaluation (bench/suggest_eval), run in the test database: its figures may not fall.

Every article of the set goes through the suggester as ``bench/suggest_eval/run`` sends it (the
pages through the importer), each in a transaction rolled back before the next; the figures are
the ones that script prints, defined in ``bench/suggest_eval/scoring.py``.
"""

import importlib
from pathlib import Path

import pytest

SUGGEST_EVAL = Path(__file__).resolve().parents[2] / "bench" / "suggest_eval"

# Each headline figure, in percent, as measured on 2026-12-02 and rounded down to the whole percent:
# a change that lowers one fails. Floors are raised as the suggester improves, never lowered to
# let a change pass (a lower figure is a worse suggester on articles it has never seen).
FLOORS = {
    ("direct_quotes", "recall"): 90,
    ("direct_quotes", "precision"): 96,
    ("reported_speech", "recall"): 79,
    ("reported_speech", "precision"): 95,
    ("relayed_via", "recall"): 28,
    ("relayed_via", "precision"): 50,
    ("participants", "recall"): 96,
    ("participants", "precision"): 100,
    ("participants_right_country", "share"): 81,
    ("participants_right_position", "share"): 81,
    ("meetings", "recall"): 35,
    ("meetings", "precision"): 63,
    ("dates", "recall"): 33,
    ("dates", "precision"): 100,
}


@pytest.fixture
def run_evaluation(monkeypatch):
    monkeypatch.syspath_prepend(str(SUGGEST_EVAL))
    return importlib.import_module("evaluate").run_evaluation


@pytest.mark.django_db
def test_the_held_out_figures_stay_at_or_above_their_floors(run_evaluation):
    figures = run_evaluation()

    def percent(name: str, measure: str) -> float:
        value = figures[name][measure]
        return 0.0 if value is None else round(100 * value, 2)

    below = {
        f"{name} {measure}": f"{percent(name, measure)}% < {floor}%"
        for (name, measure), floor in FLOORS.items()
        if percent(name, measure) < floor
    }
    assert below == {}
    assert figures["statements_lost_by_importer"] == 0
    assert figures["furniture_proposals"] == 0
    assert figures["dates_more_precise_than_text"] == 0
