"""Peak memory and time of one large plain-text file, read in pieces (`koryo.readers.pieces`).

    python bench/large_file.py [--mb 20 50 200] [--whole-mb 2]

For each size, one file of the seeds' and devset's plain texts varied (bench/corpus.py's `vary`),
joined by blank lines, is ingested by `koryo ingest` into a new store in a child process: its peak
resident memory (the child's own ru_maxrss), wall and CPU time, the pieces stored, and the quotes
of some 500 facts spread over the file checked against the text. `--whole-mb` sizes are ingested
whole (the piece threshold raised above them), to show what reading in pieces saves. Sizes are
decimal megabytes of the file; a file under 16 MB is read whole anyway.

Measured on the shared 2-core machine (load 8-12), RSS sampled every 20 s: 20 MB in pieces held
536-537 MB from the first sample to the last while its write-ahead log grew from 77 to 165 MB; about
210 s of CPU. Read whole, files of all the seeds and devset texts (wiki markup among them, so read
by the wikitext reader) peaked at 426 MB for 2 MB and 529 MB for 20 MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import sources, vary  # noqa: E402
from koryo.readers.sniff import sniff_text  # noqa: E402
from koryo.store import Store  # noqa: E402
from koryo.store.views import quote_sql  # noqa: E402

# Ingest one file in a child; with an argument, with pieces only above that many bytes.
_CHILD = """
import sys
import koryo.readers.pieces as pieces
from koryo.ingest import ingest
from koryo.store import Store
if len(sys.argv) > 3:
    pieces.LARGE_FILE = int(sys.argv[3])
outcome = ingest(Store(sys.argv[1]), [sys.argv[2]])[0]
print(outcome.status, outcome.reason)
"""


def write_file(path: Path, megabytes: float) -> None:
    # plain texts only: a file with wiki or Markdown markup is read whole, by its own reader
    texts = [t for t in (p.read_text(encoding="utf-8") for p in sources()) if sniff_text(t, ".txt") == "text"]
    size, copy = 0, 0
    with path.open("w", encoding="utf-8") as f:
        while size < megabytes * 1_000_000:
            for text in texts:
                piece = vary(text, copy).strip("\n") + "\n\n"
                f.write(piece)
                size += len(piece.encode("utf-8"))
            copy += 1


def measure(folder: Path, megabytes: float, whole: bool) -> str:
    path = folder / f"large-{megabytes:g}mb.txt"
    if not path.exists():
        write_file(path, megabytes)
    db = folder / f"{path.stem}-{'whole' if whole else 'pieces'}.db"
    start = time.monotonic()
    args = [sys.executable, "-c", _CHILD, str(db), str(path)] + ([str(path.stat().st_size + 1)] if whole else [])
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
        _, _, usage = os.wait4(child.pid, 0)  # this child's own peak and CPU time
        child.returncode = 0  # reaped above
        wall = time.monotonic() - start
        out.seek(0)
        status = (out.read().strip().splitlines() or [""])[-1][:80]
    cpu = usage.ru_utime + usage.ru_stime
    parts = checked = wrong = 0
    if db.exists():
        store = Store(str(db), readonly=True)
        parts = store.db.execute("SELECT count(*) FROM text_parts").fetchone()[0]
        text = store.text(1)
        # quotes as the export views give them, for some 500 facts spread over the file (each reads its piece)
        every = max(1, store.db.execute("SELECT count(*) FROM facts").fetchone()[0] // 500)
        for quote, a, b in store.db.execute(
            f'SELECT {quote_sql("f")}, f.start, f."end" FROM facts f JOIN documents d ON d.id = f.doc_id WHERE f.seq % ? = 0', (every,)
        ):
            checked += 1
            wrong += quote != text[a:b]
        store.close()
        for leftover in folder.glob(db.name + "*"):
            leftover.unlink()
    return (f"{path.stat().st_size / 1e6:7.1f} MB  {'whole ' if whole else 'pieces'}  peak RSS {usage.ru_maxrss / 1024:7.0f} MB"
            f"  wall {wall:7.1f} s  cpu {cpu:7.1f} s  {cpu / (path.stat().st_size / 1e6):5.2f} s/MB  pieces {parts:4d}"
            f"  quotes checked {checked}, wrong {wrong}  {status}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, nargs="*", default=[20, 50, 200])
    parser.add_argument("--whole-mb", type=float, nargs="*", default=[])
    parser.add_argument("--dir", help="where the generated files go (kept for the next run); a temporary folder if not given")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.dir or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for mb in sorted(args.whole_mb):
            print(measure(folder, mb, whole=True), flush=True)
        for mb in sorted(args.mb):
            print(measure(folder, mb, whole=False), flush=True)


if __name__ == "__main__":
    main()
