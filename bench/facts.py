"""Facts in prose: koryo against quantulum3 and dateparser on the hand-labelled sentences of
`tests/data/labelled/prose.jsonl`, in one run: precision, recall and sentences per second.

    python bench/facts.py [--repeat 5]

A predicted quantity is right when its numbers are the labelled ones (a value, or both ends of
a range or the bound); a predicted date is right when it starts on the labelled day, month or
year (to the label's precision); koryo's dates are also scored on their ends ("strict").
quantulum3 runs with its classifier off, as its authors advise for speed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from koryo.extract.dates import find_dates  # noqa: E402
from koryo.extract.quantities import find_quantities  # noqa: E402

LABELS = ROOT / "tests" / "data" / "labelled" / "prose.jsonl"

Numbers = tuple[float, ...]


def load() -> list[dict[str, Any]]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_numbers(q: dict[str, Any]) -> Numbers:
    return tuple(sorted(float(q[k]) for k in ("value", "low", "high") if q.get(k) is not None and not (k == "value" and ("low" in q or "high" in q))))


def koryo_quantities(sentence: str) -> list[Numbers]:
    out = []
    for q in find_quantities(sentence, 0, find_dates(sentence), None):
        if q.low is not None and q.high is not None:
            out.append((float(q.low), float(q.high)))
        else:
            out.append((float(q.value if q.value is not None else (q.low if q.low is not None else q.high)),))
    return out


def koryo_dates(sentence: str) -> list[tuple[str, str]]:
    return [(d.date, d.end_date) for d in find_dates(sentence)]


def quantulum_quantities(sentence: str) -> list[Numbers]:
    from quantulum3 import parser

    out = []
    for q in parser.parse(sentence):
        if q.uncertainty:
            out.append((float(q.value - q.uncertainty), float(q.value + q.uncertainty)))
        else:
            out.append((float(q.value),))
    return out


def dateparser_dates(sentence: str) -> list[tuple[str, str]]:
    from dateparser.search import search_dates

    found = search_dates(sentence, languages=["en"]) or []
    return [(d.date().isoformat(), d.date().isoformat()) for _, d in found]


def score(pred: list[list[Any]], gold: list[list[Any]], same: Callable[[Any, Any], bool]) -> tuple[int, int, int]:
    """(true positives, predicted, gold), each gold and each prediction matched once."""
    tp = n_pred = n_gold = 0
    for p_list, g_list in zip(pred, gold):
        n_pred += len(p_list)
        n_gold += len(g_list)
        left = list(p_list)
        for g in g_list:
            hit = next((p for p in left if same(p, g)), None)
            if hit is not None:
                left.remove(hit)
                tp += 1
    return tp, n_pred, n_gold


def close(a: Numbers, b: Numbers) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 1e-6 * max(1.0, abs(y)) for x, y in zip(sorted(a), b))


def date_start(p: tuple[str, str], g: tuple[str, str]) -> bool:
    return p[0][: len(g[0])] == g[0]


def date_strict(p: tuple[str, str], g: tuple[str, str]) -> bool:
    return p == g


def evaluate(fn: Callable[[str], list[Any]], rows: list[dict[str, Any]], kind: str, same: Callable[[Any, Any], bool]) -> tuple[float, float, int, int, int]:
    pred = [fn(r["sentence"]) for r in rows]
    if kind == "quantities":
        gold = [[gold_numbers(q) for q in r["quantities"]] for r in rows]
    else:
        gold = [[(d["date"], d["end_date"]) for d in r["dates"]] for r in rows]
    tp, n_pred, n_gold = score(pred, gold, same)
    return (tp / n_pred if n_pred else 1.0), (tp / n_gold if n_gold else 1.0), tp, n_pred, n_gold


def speed(fn: Callable[[str], Any], sentences: list[str], repeat: int) -> float:
    """Sentences per second, the best of three rounds (as timeit does: the least disturbed run)."""
    for s in sentences:
        fn(s)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(repeat):
            for s in sentences:
                fn(s)
        best = min(best, time.perf_counter() - t0)
    return repeat * len(sentences) / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    import quantulum3.classifier

    quantulum3.classifier.USE_CLF = False
    rows = load()
    sentences = [r["sentence"] for r in rows]
    print(f"{len(rows)} labelled sentences, {sum(len(r['quantities']) for r in rows)} quantities, {sum(len(r['dates']) for r in rows)} dates\n")
    results = [
        ("quantities", "koryo", koryo_quantities, close),
        ("quantities", "quantulum3", quantulum_quantities, close),
        ("dates", "koryo", koryo_dates, date_start),
        ("dates", "koryo (strict)", koryo_dates, date_strict),
        ("dates", "dateparser", dateparser_dates, date_start),
    ]
    rates = {}
    print(f"{'task':<12}{'tool':<16}{'precision':>10}{'recall':>8}{'F1':>7}{'right/pred/gold':>18}{'sent/s':>10}")
    for kind, name, fn, same in results:
        p, r, tp, n_pred, n_gold = evaluate(fn, rows, kind, same)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        key = name.split()[0]
        if (kind, key) not in rates:
            rates[(kind, key)] = speed(fn, sentences, args.repeat if key == "koryo" else max(1, args.repeat // 4))
        print(f"{kind:<12}{name:<16}{p:>10.2f}{r:>8.2f}{f1:>7.2f}{f'{tp}/{n_pred}/{n_gold}':>18}{rates[(kind, key)]:>10,.0f}")
    print(
        f"\nspeed ratios: koryo quantities {rates[('quantities', 'koryo')] / rates[('quantities', 'quantulum3')]:.1f}x quantulum3; "
        f"koryo dates {rates[('dates', 'koryo')] / rates[('dates', 'dateparser')]:.1f}x dateparser (languages=['en'])"
    )


if __name__ == "__main__":
    main()
