"""Speed of the entity stage: `find_mentions` over the sentences of the devset and the seeds.

    python bench/entities.py [--devset DIR] [--seeds DIR] [--repeat 3]

Documents are read and split into sentences first (not timed); one untimed run loads the
models and data, and their per-sentence cache is emptied before each run, so every run pays
for the models. Prints sentences/s per language and overall (best of the runs), and how many
sentences each model was given. Times are CPU seconds of this process (`time.process_time`), so
other work on a shared machine does not blur them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from koryo.extract import ner  # noqa: E402
from koryo.extract.entities import find_mentions  # noqa: E402
from koryo.extract.sentences import Sentence, sentences  # noqa: E402
from koryo.model import Document  # noqa: E402
from koryo.readers import read_file  # noqa: E402


def load(folders: list[Path]) -> list[tuple[Document, list[Sentence]]]:
    out = []
    for folder in folders:
        for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
            doc = read_file(path)[1]
            out.append((doc, sentences(doc)))
    return out


Model = Callable[[Sequence[str]], list[tuple[ner.Proposal, ...]]]


def counting(model: Model, counts: Counter[str], lang: str) -> Model:
    def run(texts: Sequence[str]) -> list[tuple[ner.Proposal, ...]]:
        counts[lang] += len(texts)
        return model(texts)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset" / "docs")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs = load([f for f in (args.devset, args.seeds) if f.is_dir()])
    for doc, sents in docs:  # load the models and data before the clock starts
        find_mentions(doc, sents)
    sent_counts: Counter[str] = Counter()
    for doc, sents in docs:
        for s in sents:
            sent_counts[s.lang or doc.language] += 1
    given: Counter[str] = Counter()
    ner._MODELS = {lang: counting(model, given, lang) for lang, model in ner._MODELS.items()}
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        ner._CACHE.clear()
        given.clear()
        per_lang: Counter[str] = Counter()
        for doc, sents in docs:
            t = time.process_time()
            find_mentions(doc, sents)
            per_lang[doc.language] += time.process_time() - t
        for lang, seconds in per_lang.items():
            best[lang] = min(best.get(lang, seconds), seconds)
        total = sum(per_lang.values())
        best["all"] = min(best.get("all", total), total)
    by_doc_lang: Counter[str] = Counter()
    for doc, sents in docs:
        by_doc_lang[doc.language] += len(sents)
    print(f"{len(docs)} documents, {sum(by_doc_lang.values())} sentences; best of {args.repeat} runs")
    print("lang  sentences  CPU s  sentences/s  given to a model")
    for lang in sorted(by_doc_lang, key=lambda k: -by_doc_lang[k]):
        print(f"{lang:4}  {by_doc_lang[lang]:9}  {best[lang]:7.2f}  {by_doc_lang[lang] / best[lang]:11.0f}  {given.get(lang, 0):6}")
    n = sum(by_doc_lang.values())
    print(f"all   {n:9}  {best['all']:7.2f}  {n / best['all']:11.0f}  {sum(given.values()):6}")


if __name__ == "__main__":
    main()
