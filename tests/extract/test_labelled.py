"""koryo against the hand-labelled sentences (tests/data/labelled/): precision and recall must
stay high; bench/facts.py prints the same scores beside quantulum3's and dateparser's."""

from __future__ import annotations

from bench.facts import close, date_start, date_strict, evaluate, koryo_dates, koryo_quantities, load


def test_quantities_against_the_labels() -> None:
    precision, recall, tp, n_pred, n_gold = evaluate(koryo_quantities, load(), "quantities", close)
    assert n_gold == 65
    assert precision >= 0.97 and recall >= 0.95, (tp, n_pred, n_gold)


def test_dates_against_the_labels() -> None:
    rows = load()
    for same in (date_start, date_strict):
        precision, recall, tp, n_pred, n_gold = evaluate(koryo_dates, rows, "dates", same)
        assert n_gold == 52
        assert precision >= 0.97 and recall >= 0.97, (tp, n_pred, n_gold)
