"""Where ingest time goes: per stage, per core, with the top functions (not `bench/profile.py`:
that name would hide the standard library's `profile`, which cProfile and spaCy import, from every
script in this folder).

    python bench/ingest_profile.py [--mb 20] [--profile-mb 1] [--top 12]

Two corpora: the seeds varied (bench/corpus.py's `vary`: numbers changed, a sentence of each copy's
own) to `--mb` megabytes, and the devset texts once. Each is read, extracted and stored in this one
process (one core), after a warm-up on one document per language so that the first costs (a locale's
grammar compiled, a model loaded: once per process) are reported apart from the steady rate. Times
are this process's CPU seconds (a core's work, whatever else the machine runs); each stage's time is
its own, without the stages it calls (a model's time is not its caller's). Beside
them, in the same run: one compiled regex pass over the same text and quantulum3's parser on a
sample of its sentences, as MB/s and as ratios. Then cProfile's top functions on `--profile-mb`.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import koryo.extract as pipeline  # noqa: E402
from bench.corpus import SHARED, vary  # noqa: E402
from koryo.extract import entities, facts, flows, infobox, ner  # noqa: E402
from koryo.model import Document  # noqa: E402
from koryo.readers import read_file  # noqa: E402
from koryo.store import Store  # noqa: E402

# Stages that are models, not rules: the rule-based rate leaves them out.
MODELS = {f"model: {lang}" for lang in ner._MODELS}
FIGURE = re.compile(r"\d[\d,.]*")  # the regex pass to compare with: every figure-like run of digits


@dataclass
class Clock:
    """Exclusive time per stage: entering a stage pauses the one that called it."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    calls: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    stack: list[tuple[str, float]] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        now = time.process_time()
        if self.stack:
            top, since = self.stack[-1]
            self.seconds[top] += now - since
        self.stack.append((name, now))
        try:
            yield
        finally:
            end = time.process_time()
            top, since = self.stack.pop()
            self.seconds[top] += end - since
            self.calls[top] += 1
            if self.stack:
                self.stack[-1] = (self.stack[-1][0], end)

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return fn(*args, **kwargs)

        return timed

    def reset(self) -> None:
        self.seconds.clear()
        self.calls.clear()


class TimedDb:
    """The store's connection, with each write's time given to the table it writes."""

    def __init__(self, db: Any, clock: Clock) -> None:
        self._db, self._clock = db, clock

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    def _timed(self, method: str, sql: str, *args: Any) -> Any:
        m = re.match(r"\s*(INSERT(?: OR \w+)? INTO|UPDATE|DELETE FROM)\s+(\w+)", sql)
        if not m:
            return getattr(self._db, method)(sql, *args)
        name = "store: search (FTS)" if m.group(2) == "search" else f"store: {m.group(2)}"
        with self._clock.stage(name):
            return getattr(self._db, method)(sql, *args)

    def execute(self, sql: str, *args: Any) -> Any:
        return self._timed("execute", sql, *args)

    def executemany(self, sql: str, *args: Any) -> Any:
        return self._timed("executemany", sql, *args)


@contextmanager
def instrumented(clock: Clock) -> Iterator[None]:
    """Every extractor component, the rule stages inside them, each model and the store's own
    work timed by `clock`, as long as this lasts."""
    import koryo.mirrors
    import koryo.store as store_module

    timed: list[tuple[Any, str, str]] = [(pipeline, name, f"extract: {name}") for name in (
        "observations", "checks", "sentences", "find_mentions", "facts_and_events", "sentence_flows", "table_flows",
        "sentence_resources", "community_resources")]
    timed += [(module, name, f"rules: {name}") for module in (facts, flows, infobox)
              for name in ("find_quantities", "find_dates", "find_places") if hasattr(module, name)]
    timed += [(entities, name, f"rules: {name}") for name in ("find_places", "find_shapes", "_inflected_names")]
    timed += [(koryo.mirrors, "signature", "store: mirror signature"), (store_module, "search_rows", "store: search rows")]
    originals = [(obj, name, getattr(obj, name)) for obj, name, _ in timed]
    models = dict(ner._MODELS)
    for obj, name, stage in timed:
        setattr(obj, name, clock.wrap(stage, getattr(obj, name)))
    for lang, model in models.items():
        ner._MODELS[lang] = clock.wrap(f"model: {lang}", model)
    try:
        yield
    finally:
        for obj, name, original in originals:
            setattr(obj, name, original)
        ner._MODELS.update(models)


@dataclass
class Run:
    name: str
    chars: int
    size: int
    seconds: dict[str, float]
    calls: dict[str, int]
    first: dict[str, float]
    total: float
    cache: tuple[int, int]  # (sentences a model was asked about, of which answered from the cache)


def seeds_corpus(folder: Path, megabytes: float) -> list[Path]:
    files = sorted((SHARED / "seeds").glob("*"))
    if not files:
        sys.exit(f"{SHARED / 'seeds'}: no seed documents")
    out, size, copy = [], 0, 0
    while size < megabytes * 1_000_000:
        for f in files:
            p = folder / f"{copy:04d}_{f.name}"
            p.write_text(vary(f.read_text(encoding="utf-8"), copy), encoding="utf-8")
            size += p.stat().st_size
            out.append(p)
        copy += 1
    return out


def run(name: str, paths: list[Path], clock: Clock, db: str) -> tuple[Run, list[str]]:
    """Read, extract and store every file in this process; the first document of each language
    is a warm-up, timed apart and extracted again with the model cache emptied."""
    store = Store(db)
    store.db = TimedDb(store.db, clock)  # type: ignore[assignment]
    clock.reset()
    first: dict[str, float] = {}
    docs: list[tuple[Any, Document]] = []
    for p in paths:
        t = time.process_time()
        source, doc = read_file(p)
        clock.seconds[f"read: {doc.format}"] += time.process_time() - t
        clock.calls[f"read: {doc.format}"] += 1
        docs.append((source, doc))
    read = dict(clock.seconds), dict(clock.calls)
    for _, doc in docs:
        if doc.language not in first:
            t = time.process_time()
            pipeline.extract(doc)
            first[doc.language] = time.process_time() - t
    ner._CACHE.clear()
    clock.reset()
    clock.seconds.update(read[0])
    clock.calls.update(read[1])
    asked = hits = 0
    propose = ner.propose

    def counted(lang: str, texts: Any) -> Any:
        nonlocal asked, hits
        keys = [ner.hashlib.blake2b(f"{lang}\0{t}".encode(), digest_size=16).hexdigest() for t in texts]
        asked += len(keys)
        hits += sum(k in ner._CACHE for k in keys)
        return propose(lang, texts)

    entities.propose = counted
    t0 = time.process_time()
    try:
        for source, doc in docs:
            with clock.stage("extract: other"):
                extracted = pipeline.extract(doc, source.name)
            with clock.stage("store: other"):
                store.add(source, doc, extracted)
    finally:
        entities.propose = propose
        store.close()
    total = time.process_time() - t0 + sum(read[0].values())
    texts = [doc.text for _, doc in docs]
    return Run(name, sum(map(len, texts)), sum(p.stat().st_size for p in paths), dict(clock.seconds), dict(clock.calls),
               first, total, (asked, hits)), texts


def regex_rate(texts: list[str]) -> float:
    data = sum(len(t.encode()) for t in texts) / 1e6
    t = time.process_time()
    for text in texts:
        for _ in FIGURE.finditer(text):
            pass
    return data / (time.process_time() - t)


def quantulum_rate(texts: list[str], budget_chars: int = 150_000) -> float | None:
    """quantulum3's parser (classifier off, as in bench/facts.py) on a sample of the lines."""
    try:
        from quantulum3 import classifier, parser
    except ImportError:
        return None
    classifier.USE_CLF = False
    lines = [line for text in texts for line in text.split("\n") if line.strip()]
    sample, size = [], 0
    step = max(1, len(lines) // 2000)
    for line in lines[::step]:
        sample.append(line)
        size += len(line.encode())
        if size >= budget_chars:
            break
    parser.parse(sample[0])  # its first call loads its unit tables
    t = time.process_time()
    for line in sample:
        parser.parse(line)
    return size / 1e6 / (time.process_time() - t)


def report(r: Run, regex: float, quantulum: float | None) -> None:
    mb = r.size / 1e6
    print(f"\n== {r.name}: {len(r.first)} languages, {mb:.2f} MB ({r.chars:,} characters of text), one core")
    print(f"{'stage':<32}{'seconds':>9}{'share':>8}{'MB/s':>9}{'calls':>9}")
    for name, s in sorted(r.seconds.items(), key=lambda kv: -kv[1]):
        print(f"{name:<32}{s:>9.2f}{s / r.total:>8.1%}{mb / s if s else float('inf'):>9.1f}{r.calls.get(name, 0):>9}")
    rules = sum(s for n, s in r.seconds.items() if n.startswith(("extract:", "rules:")))
    models = sum(s for n, s in r.seconds.items() if n in MODELS)
    whole = mb / r.total
    rule_rate = mb / rules if rules else float("inf")
    print(f"{'whole ingest':<32}{r.total:>9.2f}{'':>8}{whole:>9.2f}   (read + extract + models + store)")
    print(f"{'rule-based stages':<32}{rules:>9.2f}{'':>8}{rule_rate:>9.2f}   (extract and rules, models left out)")
    print(f"{'models':<32}{models:>9.2f}{'':>8}{mb / models if models else float('inf'):>9.1f}   "
          f"({r.cache[0]:,} sentences asked, {r.cache[1]:,} from the cache)")
    print(f"{'one compiled regex pass':<32}{'':>9}{'':>8}{regex:>9.1f}   whole ingest 1/{regex / whole:.0f}, rules 1/{regex / rule_rate:.0f}")
    if quantulum is not None:
        print(f"{'quantulum3 (parse, no clf)':<32}{'':>9}{'':>8}{quantulum:>9.2f}   "
              f"whole ingest {whole / quantulum:.1f}x, rules {rule_rate / quantulum:.1f}x its rate")
    print("first costs (one per process, not above): " + ", ".join(f"{lang or '?'} {s:.2f} s" for lang, s in r.first.items()))


def top_functions(paths: list[Path], megabytes: float, top: int, db: str) -> None:
    chosen, size = [], 0
    for p in paths:
        chosen.append(p)
        size += p.stat().st_size
        if size >= megabytes * 1e6:
            break
    docs = [read_file(p) for p in chosen]
    store = Store(db)
    prof = cProfile.Profile()
    prof.enable()
    for source, doc in docs:
        store.add(source, doc, pipeline.extract(doc, source.name))
    prof.disable()
    store.close()
    print(f"\n== top functions (cProfile, extract + store of {size / 1e6:.1f} MB of the seeds corpus; own time)")
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(top)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the seeds corpus")
    ap.add_argument("--profile-mb", type=float, default=1.0, help="how much of it cProfile runs over (0: none)")
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--no-devset", action="store_true")
    args = ap.parse_args()
    clock = Clock()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "seeds"
        folder.mkdir()
        paths = seeds_corpus(folder, args.mb)
        corpora = [("seeds varied", paths)]
        if not args.no_devset:
            corpora.append(("devset", sorted((SHARED / "devset" / "docs").glob("*"))))
        for i, (name, files) in enumerate(corpora):
            with instrumented(clock):
                r, texts = run(name, files, clock, str(Path(tmp) / f"{i}.db"))
            report(r, regex_rate(texts), quantulum_rate(texts))
        if args.profile_mb:
            top_functions(paths, args.profile_mb, args.top, str(Path(tmp) / "profile.db"))


if __name__ == "__main__":
    main()
