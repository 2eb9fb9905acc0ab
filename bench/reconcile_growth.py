"""What working out conflicts and claims costs per new document as the store grows.

At the end of each ingest koryo compares the new documents' statements with those they can meet;
the statements and the judge's pairs of documents stored before are kept (`statements_kept`,
`pairs_kept`) and read back, not worked out again. This builds stores of growing size from the
seeds and the devset texts, varied per copy (`bench/corpus.py`), adds a few documents to each,
and prints the CPU seconds of that end-of-ingest step (embedding the new sentences included),
beside working everything out again afterwards (every statement and pair, its vectors cached).

    python bench/reconcile_growth.py [--sizes 60,240] [--add 4]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import sources, vary  # noqa: E402
from koryo import reconciled  # noqa: E402
from koryo.ingest import ingest, ingest_one, reconcile_stored  # noqa: E402
from koryo.store import Store  # noqa: E402


def cpu(step: Callable[[], object]) -> float:
    t = time.process_time()
    step()
    return time.process_time() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="60,240", help="documents in the store before the new ones, comma-separated")
    parser.add_argument("--add", type=int, default=4, help="new documents per measurement")
    args = parser.parse_args()
    files = sources()
    print(f"{'stored':>7} {'added':>6} {'step: s/new doc':>16} {'all again: s/new doc':>21} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        folder, store = Path(tmp), Store(str(Path(tmp) / "koryo.db"))
        n = 0
        for size in [int(x) for x in args.sizes.split(",")]:
            batch = folder / f"upto-{size}"
            batch.mkdir()
            for i in range(n, size):
                f = files[i % len(files)]
                (batch / f"{i:05d}_{f.name}").write_text(vary(f.read_text(encoding="utf-8"), i // len(files)), encoding="utf-8")
            ingest(store, [str(batch)], workers=2)
            new = folder / f"new-{size}"
            new.mkdir()
            for i in range(size, size + args.add):
                f = files[i % len(files)]
                (new / f"{i:05d}_{f.name}").write_text(vary(f.read_text(encoding="utf-8"), 1000 + i), encoding="utf-8")
            for path in sorted(new.iterdir()):
                ingest_one(store, path)  # stored, not yet compared
            kept = cpu(lambda: reconcile_stored(store))
            again = cpu(lambda: reconciled.work_out(store))
            n = size + args.add
            print(f"{size:>7} {args.add:>6} {kept / args.add:>16.3f} {again / args.add:>21.3f} {again / max(kept, 1e-9):>5.1f}×")
        store.close()


if __name__ == "__main__":
    main()
