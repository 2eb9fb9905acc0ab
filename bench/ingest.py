"""Ingest speed and memory: the seeds repeated to a corpus of ~100 MB, read and stored.

    python bench/ingest.py [--mb 100] [--seeds ../shared/seeds]

Prints MB/s, documents/s and peak memory (max RSS, this process and the worker processes) of
the whole ingest (read, extract, store; one worker process per core), and the readers' speed
alone on a tenth of the corpus, so the cost of extraction shows beside the cost of reading.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from koryo.ingest import ingest  # noqa: E402
from koryo.readers import read_file  # noqa: E402
from koryo.store import Store  # noqa: E402


def make_corpus(seeds: Path, folder: Path, megabytes: float) -> tuple[int, int]:
    """Copies of each seed, each made unique by a trailing line so none is a duplicate."""
    files = sorted(p for p in seeds.iterdir() if p.is_file())
    total = 0
    n = 0
    while total < megabytes * 1_000_000:
        for f in files:
            data = f.read_bytes() + f"\n\nCopy {n}.\n".encode()
            (folder / f"{n:05d}-{f.name}").write_bytes(data)
            total += len(data)
            n += 1
    return n, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=100.0)
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        n, size = make_corpus(Path(args.seeds), corpus, args.mb)
        mb = size / 1_000_000
        t0 = time.perf_counter()
        for p in sorted(corpus.iterdir())[: max(1, n // 10)]:
            read_file(p)
        read_s = (time.perf_counter() - t0) * n / max(1, n // 10)  # a tenth, scaled: the readers alone
        store = Store(str(Path(tmp) / "bench.db"))
        workers = os.cpu_count() or 1
        t0 = time.perf_counter()
        outcomes = ingest(store, [str(corpus)], workers=workers)
        ingest_s = time.perf_counter() - t0
        store.close()
        assert all(o.status == "stored" for o in outcomes), [o.reason for o in outcomes if o.reason][:3]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        peak_workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        db_mb = (Path(tmp) / "bench.db").stat().st_size / 1_000_000
    print(f"corpus: {n} documents, {mb:.1f} MB (the seeds repeated)")
    print(f"{'stage':<16}{'seconds':>10}{'MB/s':>10}{'docs/s':>10}")
    print(f"{'read only':<16}{read_s:>10.1f}{mb / read_s:>10.2f}{n / read_s:>10.1f}   (1 process, readers alone)")
    print(f"{'ingest':<16}{ingest_s:>10.1f}{mb / ingest_s:>10.2f}{n / ingest_s:>10.1f}   ({workers} workers: read + extract + store)")
    print(f"peak memory (max RSS): {peak:.0f} MB main process, {peak_workers:.0f} MB largest worker; store file: {db_mb:.0f} MB")


if __name__ == "__main__":
    main()
