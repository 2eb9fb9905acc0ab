"""How well `koryo ask` answers the question set (tests/data/questions.jsonl) on a store of the
seeds and the devset, and how fast.

- answered right: the answer's statements (the top claim) hold a gold statement (same document,
  the gold quote covering the shown figure);
- cited right: every shown statement (answer and related) quotes its span exactly;
- abstained right: "do not say" where the documents cannot answer;
- wrong: a figure shown as the answer that is not a gold one (another subject, time or measure),
  or any answer to a question the documents cannot answer;
- missed: abstained where a gold statement exists;
- linked to a claim: answers whose best statement is a statement of a ranked claim (its id given);
- latency p50/p95 of one question (after a warm-up), and the abstaining threshold's curve, with a
  leave-one-out score (each question at the threshold calibrated on the others).

    python bench/ask.py [--db STORE] [--questions FILE] [--details]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from koryo.ask import THRESHOLD, ask, build, read_question, rank
from koryo.ask.answer import answer
from koryo.ask.index import Index
from koryo.ingest import ingest
from koryo.reconcile import claims
from koryo.store import Store

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "data" / "questions.jsonl"
CORPUS = (ROOT.parent / "shared" / "seeds", ROOT.parent / "shared" / "devset" / "docs")


def covers(index: Index, names: dict[str, int], s: dict[str, Any], gold: dict[str, str]) -> bool:
    """The statement is the gold one: its document, and the gold quote (where it stands in the
    stored text) covers the shown figure."""
    if s["doc"] != gold["doc"]:
        return False
    text = index.texts[names[s["doc"]]]
    at = text.find(gold["quote"])
    while at >= 0:
        if at < s["mention_end"] and s["mention_start"] < at + len(gold["quote"]):
            return True
        at = text.find(gold["quote"], at + 1)
    return False


def cited(index: Index, names: dict[str, int], s: dict[str, Any]) -> bool:
    text = index.texts[names[s["doc"]]]
    return text[s["start"] : s["end"]] == s["quote"] and s["start"] <= s["mention_start"] <= s["mention_end"] <= s["end"]


def verdict(index: Index, names: dict[str, int], a: dict[str, Any], gold: list[dict[str, str]] | None) -> str:
    if a["abstained"]:
        return "abstained right" if gold is None else "missed"
    if gold and any(covers(index, names, s, g) for s in a["statements"] for g in gold):
        return "answered right"
    return "wrong"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a store of the seeds and the devset (default: ingest them into a scratch store)")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--details", action="store_true", help="print each question's verdict and answer")
    args = parser.parse_args()
    questions = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "ask.db")
        if not args.db:
            writer = Store(db)
            ingest(writer, [str(p) for p in CORPUS])
            writer.close()
        store = Store(db, readonly=not os.access(db, os.W_OK))  # writable: the sentence vectors claims judge with are kept
        found = claims(store)  # the ranked claims answers link to
        started = time.perf_counter()
        index = build(store, found)
        built = time.perf_counter() - started
        names = {d.name: d.id for d in store.documents()}
    for q in questions[:5]:  # warm-up: each language's models load on their first question
        ask(index, q["question"])
    tally: dict[str, int] = {}
    latencies, all_cited, linked = [], True, 0
    ranked = []
    for q in questions:
        started = time.perf_counter()
        a = ask(index, q["question"])
        latencies.append((time.perf_counter() - started) * 1000)
        v = verdict(index, names, a, q["gold"])
        tally[v] = tally.get(v, 0) + 1
        linked += a["claim"] is not None
        all_cited &= all(cited(index, names, s) for s in a["statements"] + a["related"])
        parsed = read_question(q["question"])
        ranked.append((parsed, rank(index, parsed)))
        if args.details:
            top = a["statements"][0] if a["statements"] else None
            print(f"{v:16} {q['question']}\n{'':16} → {a['summary']}" + (f"  [{top['doc']}: {top['quote'][:90]!r}]" if top else ""))
    n = len(questions)
    right = tally.get("answered right", 0) + tally.get("abstained right", 0)
    print(f"\nquestions {n} ({sum(q['gold'] is None for q in questions)} not answerable, "
          f"{sum(q['language'] != 'en' for q in questions)} not in English); index built in {built:.2f} s")
    for k in ("answered right", "abstained right", "missed", "wrong"):
        print(f"  {k:16} {tally.get(k, 0):3}  {tally.get(k, 0) / n:6.1%}")
    print(f"  {'right in all':16} {right:3}  {right / n:6.1%}")
    answered = n - sum(tally.get(k, 0) for k in ("abstained right", "missed"))
    print(f"  linked to a claim: {linked} of {answered} answers")
    print(f"  cited right: {'every shown statement quotes its span' if all_cited else 'NO: a statement does not quote its span'}")
    latencies.sort()
    print(f"  latency p50 {statistics.median(latencies):.1f} ms, p95 {latencies[int(0.95 * (n - 1))]:.1f} ms")
    print(f"\nabstaining threshold (in use: {THRESHOLD}): right and wrong per threshold")
    steps = [round(0.3 + step * 0.025, 3) for step in range(0, 21)]
    verdicts = {t: [verdict(index, names, answer(parsed, r, t, index.claim_of), q["gold"]) for (parsed, r), q in zip(ranked, questions)]
                for t in steps}
    for t in steps:
        ok, wrong = _right(verdicts[t]), verdicts[t].count("wrong")
        print(f"  {t:5.3f}  right {ok:3} ({ok / n:5.1%})  wrong {wrong:3} ({wrong / n:5.1%})"
              f"  missed {verdicts[t].count('missed'):3}{'  <' if t == THRESHOLD else ''}")
    # Leave-one-out: each question answered at the threshold calibrated on the others (the most right
    # less twice the wrong: being wrong is worse than abstaining), so the score is not the threshold's own fit
    held = []
    for i in range(n):
        best = max(steps, key=lambda t: (_right(verdicts[t]) - (verdicts[t][i] in RIGHT)
                                         - 2 * (verdicts[t].count("wrong") - (verdicts[t][i] == "wrong")), -abs(t - THRESHOLD)))
        held.append(verdicts[best][i])
    print(f"  leave-one-out: right {_right(held)} ({_right(held) / n:.1%}), wrong {held.count('wrong')} ({held.count('wrong') / n:.1%})")
    return 0


RIGHT = ("answered right", "abstained right")


def _right(verdicts: list[str]) -> int:
    return sum(v in RIGHT for v in verdicts)


if __name__ == "__main__":
    sys.exit(main())
