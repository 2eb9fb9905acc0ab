"""Stores of a real size for the site's benchmark: the seeds and the devset texts, varied per copy.

Each copy changes some of its numbers and gains a sentence of its own, so no two files are byte
copies (the store keys documents by content) and the figures of copies disagree as real mirrors do.

    python bench/corpus.py --docs 5000 --out bench/out/web-5000.db
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from koryo.ingest import ingest  # noqa: E402
from koryo.store import Store  # noqa: E402

SHARED = ROOT.parent / "shared"
NUMBER = re.compile(r"(?<![\w.,/-])\d{1,3}(?:,\d{3})+(?![\w,-]\d)|(?<![\w.,/-])\d{2,6}(?![\w.,/-]?\d)")


def vary(text: str, copy: int) -> str:
    """The text with about one number in six changed (years kept) and a sentence of this copy's own."""
    rng = random.Random(copy)

    def change(m: re.Match[str]) -> str:
        raw = m.group(0)
        digits = raw.replace(",", "")
        if len(digits) == 4 and 1700 <= int(digits) <= 2099 or rng.random() > 1 / 6:
            return raw
        new = str(max(1, int(digits) + rng.randint(1, 9) * 10 ** max(0, len(digits) - 3)))
        return f"{int(new):,}" if "," in raw else new

    sentence = f"\n\nIn {1990 + copy % 30}, about {1000 + 37 * copy:,} people took part in survey number {copy}.\n"
    return NUMBER.sub(change, text).rstrip("\n") + sentence


def sources() -> list[Path]:
    return sorted((SHARED / "seeds").glob("*")) + sorted((SHARED / "devset" / "docs").glob("*"))


def write_corpus(folder: Path, n_docs: int, files: list[Path] | None = None) -> None:
    """`n_docs` varied copies of `files` (by default the seeds and the devset) in `folder`."""
    files = files or sources()
    for i in range(n_docs):
        f = files[i % len(files)]
        copy = i // len(files)
        (folder / f"{copy:04d}_{f.name}").write_text(vary(f.read_text(encoding="utf-8"), copy), encoding="utf-8")


def build(db: str, n_docs: int, files: list[Path] | None = None, workers: int = 2) -> None:
    """A store of `n_docs` generated documents at `db`."""
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), n_docs, files)
        store = Store(db)
        try:
            outcomes = ingest(store, [tmp], workers=workers)
        finally:
            store.close()
    rejected = [o for o in outcomes if o.status == "rejected"]
    if rejected:
        print(f"{len(rejected)} generated files rejected, e.g. {rejected[0].path}: {rejected[0].reason}", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seeds-only", action="store_true", help="vary the seeds only (the 240-document store)")
    args = ap.parse_args()
    build(args.out, args.docs, sorted((SHARED / "seeds").glob("*")) if args.seeds_only else None)


if __name__ == "__main__":
    main()
