"""Fit the same-claim judge (koryo/reconcile/judge.py) on hand-labelled conflicts, print its
precision/recall curve, and write its weights to koryo/data/judge.json.

The labels are the devset's (`../shared/devset/gold.json`, see its README): two statements of one
labelled conflict are one claim; every other candidate pair whose figures disagree is not (the
devset labels its conflicts exhaustively). Only disagreeing pairs are used, because those are the
pairs the judge turns into reported conflicts. The curve is given twice: fitted and scored on all
of it, and by leave-one-group-out cross-validation (each group of documents about one subject
scored by a model fitted without it) — the second is what to expect on documents koryo never saw.

    python tools/fit_judge.py [--devset DIR] [--store FILE] [--write]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from devset import documents_table, occurrences, overlaps  # noqa: E402

from koryo import embed  # noqa: E402
from koryo.ingest import ingest  # noqa: E402
from koryo.reconcile import statements  # noqa: E402
from koryo.reconcile.conflicts import comparable, compatible, disagree  # noqa: E402
from koryo.reconcile.judge import FEATURES, is_date, one_to_one, scored_pairs  # noqa: E402
from koryo.store import Store  # noqa: E402

L2 = 1.0  # ridge penalty: few labels, keep the weights small


def groups(devset: Path) -> dict[str, str]:
    """The subject group of each document, from the devset README's table (G1, G2, …)."""
    return {name: cells[3].split()[0] for name, cells in documents_table(devset).items()}


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Logistic regression by Newton's method with a ridge penalty; the bias is the last weight."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) + L2 * np.r_[w[:-1], 0]
        hess = xb.T @ (xb * (p * (1 - p))[:, None]) + L2 * np.diag(np.r_[np.ones(len(w) - 1), 0])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(x @ w[:-1] + w[-1])))


def f_score(precision: float, recall: float, beta: float) -> float:
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall) if precision + recall else 0.0


def curve(found: list, pairs: list[tuple[int, int]], scores: np.ndarray, y: np.ndarray, counted: np.ndarray) -> list[tuple[float, float, float, int]]:
    """Precision and recall per threshold of the judge's pairs (after `one_to_one`) among the counted
    (disagreeing) pairs."""
    out = []
    index = {p: k for k, p in enumerate(pairs)}
    for t in np.r_[np.arange(0.01, 0.1, 0.01), np.arange(0.1, 1.0, 0.05)]:
        kept = {index[p] for p in one_to_one(found, [(i, j, float(s)) for (i, j), s in zip(pairs, scores)], float(t))}
        chosen = np.array([k in kept for k in range(len(pairs))]) & counted
        tp = int((chosen & (y == 1)).sum())
        precision = tp / chosen.sum() if chosen.sum() else 1.0
        out.append((round(float(t), 2), precision, tp / max(1, int((y * counted).sum())), int(chosen.sum())))
    return out


def dataset(store: Store, devset: Path) -> tuple[list, list[tuple[int, int]], np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """The judge's candidate pairs beyond the claim keys, their features, labels, whether their figures
    disagree (only those are fitted and counted) and their documents' subject group."""
    gold = json.loads((devset / "gold.json").read_text(encoding="utf-8"))
    texts = {d.name: store.text(d.id) for d in store.documents()}
    found = statements(store)
    label: dict[int, set[int]] = {}  # statement index -> the labelled conflicts it belongs to
    for c, conflict in enumerate(gold["conflicts"]):
        # one measure's figures: numeric conflicts, and a document's two figures for one thing (a sum
        # that does not add up is not a pair of one claim's statements)
        if not (conflict["type"] == "numeric" or conflict["type"] == "internal" and len(conflict["statements"]) == 2):
            continue
        for g in conflict["statements"]:
            spans = occurrences(texts.get(g["doc"], ""), g["quote"])
            for i, s in enumerate(found):
                if s.doc == g["doc"] and any(overlaps((s.mention_start, s.mention_end), o) for o in spans):
                    label.setdefault(i, set()).add(c)
    of_group = groups(devset)
    # A copy in another document of the group of a labelled statement's figure is a statement of that
    # conflict too (the labels name one quote per figure: "193,865" in one mirror, not in all five).
    labelled = list(label.items())
    for i, s in enumerate(found):
        for j, cs in labelled:
            t = found[j]
            if i != j and s.doc != t.doc and of_group.get(s.doc) == of_group.get(t.doc) and s.family == t.family \
                    and (s.value, s.low, s.high) == (t.value, t.low, t.high) and s.value is not None:
                label.setdefault(i, set()).update(cs)
    pairs, xs, ys, counted, gs = [], [], [], [], []
    for i, j, x in scored_pairs(found, lambda t: embed.vectors(t, store.db)):
        a, b = found[i], found[j]
        if a.key and a.key == b.key and comparable(a, b) and compatible(a, b) or is_date(a):
            continue  # met by their key already; dates are not labelled as figures are
        pairs.append((i, j))
        xs.append(x)
        ys.append(1 if label.get(i, set()) & label.get(j, set()) else 0)
        counted.append(disagree(a, b))
        gs.append(of_group.get(a.doc, a.doc))
    return found, pairs, np.array(xs), np.array(ys), np.array(counted), gs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    parser.add_argument("--store", help="a store holding the devset already (else a scratch one is made)")
    parser.add_argument("--write", action="store_true", help="write koryo/data/judge.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.store or str(Path(tmp) / "devset.db")
        store = Store(path)
        if not args.store:
            ingest(store, [str(args.devset / "docs")], workers=2)
        found, pairs, x, y, counted, gs = dataset(store, args.devset)
        store.close()
    print(f"{len(y)} candidate pairs beyond the claim keys, {int(counted.sum())} of them disagreeing, "
          f"{int((y * counted).sum())} of those one labelled conflict's")
    w = fit(x[counted], y[counted])
    cv = np.zeros(len(y))
    for g in sorted(set(gs)):
        held = np.array([h == g for h in gs])
        train = ~held & counted
        cv[held] = predict(fit(x[train], y[train]), x[held])
    fitted = predict(w, x)
    print(f"{'threshold':>9} {'precision':>9} {'recall':>7} {'pairs':>6}   {'cross-validated: precision':>26} {'recall':>7} {'pairs':>6}")
    cv_curve = curve(found, pairs, cv, y, counted)
    for (t, p, r, n), (_, cp, cr, cn) in zip(curve(found, pairs, fitted, y, counted), cv_curve):
        print(f"{t:9.2f} {p:9.1%} {r:7.1%} {n:6}   {cp:26.1%} {cr:7.1%} {cn:6}")
    print("weights:", ", ".join(f"{f} {v:+.2f}" for f, v in zip(FEATURES, w[:-1])), f"bias {w[-1]:+.2f}")
    if args.write:
        # The threshold: the best F0.5 by cross-validation (the model scoring a group of documents never
        # saw it): precision weighs twice recall, because a false alarm costs a reader's trust in every
        # other conflict.
        threshold = max(cv_curve, key=lambda row: f_score(row[1], row[2], 0.5))[0]
        data = {"about": "Weights of the same-claim judge (koryo/reconcile/judge.py), fitted by tools/fit_judge.py on hand-labelled conflicts between third-party texts.",
                "features": list(FEATURES), "weights": [round(float(v), 4) for v in w[:-1]], "bias": round(float(w[-1]), 4),
                "threshold": threshold}
        (ROOT / "koryo" / "data" / "judge.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print("wrote koryo/data/judge.json, threshold", threshold)


if __name__ == "__main__":
    main()
