"""Page speed of the site on stores of real size: p50/p95 and the largest response per page,
in-process (no network, requests straight to the ASGI app), each main page as HTML and as JSON.

    python bench/web.py [--repeat 20] [--stores seeds,devset,240,5000,search100k] [--db PATH]

Stores are built once into bench/out/ (git-ignored) and reused: `seeds` and `devset` are those
folders; `240` is the seeds varied 60 times; `5000` the seeds and the devset texts varied
(bench/corpus.py); `search100k` the seeds varied until the search index holds 100,000 rows.
Conflicts and claims are read from the store (the ingest keeps them); the summaries a store needs
whole (conflict cards, series, key figures) are worked out once per state of the store; the first
request is timed on its own ("first") and left out of p50/p95. `--db PATH` times a store of your own
(against the devset's targets). Each store's source pages are timed on its largest document (the most
figures to mark), plain and with a figure highlighted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bench.corpus import SHARED, build  # noqa: E402
from koryo.ingest import ingest, reconcile_stored  # noqa: E402
from koryo.store import Store  # noqa: E402
from koryo.web.app import create_app  # noqa: E402

OUT = ROOT / "bench" / "out"
TARGETS = {"seeds": 100.0, "devset": 100.0, "240": 200.0, "5000": 500.0}  # p95 ms for every page
SEARCH_TARGET = 50.0
MAX_BYTES = 2_000_000
SEARCHES = ["Sakhalin", "Kazakhstan", "deport*", "Korean workers", "people", "1937", "Ташкент", "survey number"]


def store_path(name: str) -> str:
    """The store called `name` in bench/out/, built when missing (or made by an older schema)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"web-{name}.db"
    if path.exists():
        store = Store(str(path))  # migrates a store made before a schema change
        reconcile_stored(store)  # and keeps its conflicts and claims, as its ingest would now
        store.close()
        return str(path)
    print(f"building {path.name} …", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    seeds = sorted((SHARED / "seeds").glob("*"))
    if name in ("seeds", "devset"):
        store = Store(str(path))
        ingest(store, [str(SHARED / "seeds") if name == "seeds" else str(SHARED / "devset" / "docs")], workers=2)
        store.close()
    elif name == "240":
        build(str(path), 240, seeds)
    elif name == "5000":
        build(str(path), 5000)
    elif name == "search100k":
        build(str(path), 290, seeds)
    else:
        raise SystemExit(f"{name}: no such store (seeds, devset, 240, 5000, search100k)")
    print(f"built {path.name} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return str(path)


def page_paths(db: str) -> list[str]:
    """The main pages of this store, each as HTML and as JSON."""
    store = Store(db, readonly=True)
    q = store.db.execute
    biggest = q("SELECT doc_id, seq FROM tables ORDER BY n_rows * n_cols DESC LIMIT 1").fetchone()
    # the source page with the most figures to mark is the slowest to render
    doc = q("SELECT doc_id, mention_start, mention_end FROM facts WHERE doc_id = (SELECT doc_id FROM facts GROUP BY doc_id"
            " ORDER BY count(*) DESC LIMIT 1) LIMIT 1").fetchone()
    doc = doc or q("SELECT id, 0, 1 FROM documents ORDER BY id DESC LIMIT 1").fetchone()
    entity = q("SELECT key FROM mentions GROUP BY key ORDER BY count(*) DESC LIMIT 1").fetchone()
    claim = q("SELECT c.id FROM claims c JOIN claim_statements s ON s.claim = c.seq GROUP BY c.seq ORDER BY count(*) DESC LIMIT 1").fetchone()
    store.close()
    paths = ["/", "/conflicts", "/claims", "/entities", "/timeline", "/statistics", "/sources", "/help", "/corridors", "/revisions",
             "/statistics/series", f"/sources/{doc[0]}", f"/sources/{doc[0]}?hl={doc[1]}-{doc[2]}", "/search?q=Korean"]
    if entity:
        paths.append(f"/entities/{entity[0]}")
    if claim:
        paths.append(f"/claims/{claim[0]}")
    if biggest:
        paths.append(f"/statistics/{biggest[0]}/{biggest[1]}")
    return [p for path in paths for p in (path, "/api" + (path if path != "/" else "/home"))]


class Client:
    """Requests straight to the app (httpx's ASGI transport, one event loop): no network and no
    thread per request, as Starlette's TestClient would start."""

    def __init__(self, app: object) -> None:
        self.loop = asyncio.new_event_loop()
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench")  # type: ignore[arg-type]

    def get(self, path: str) -> httpx.Response:
        return self.loop.run_until_complete(self.client.get(path))

    def close(self) -> None:
        self.loop.run_until_complete(self.client.aclose())
        self.loop.close()


def timed(client: Client, path: str, repeat: int) -> tuple[float, float, float, float, int]:
    """First request (ms), then p50 and p95 of wall time and p95 of this process's CPU time (ms):
    on a shared machine the CPU time is the work a request costs, the wall time what a user waits."""
    t0 = time.perf_counter()
    first = client.get(path)
    first_ms = (time.perf_counter() - t0) * 1000
    assert first.status_code == 200, (path, first.status_code, first.text[:300])
    size = len(first.content)
    times, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        size = max(size, len(response.content))
    times.sort()
    cpu.sort()
    p95 = int(0.95 * (len(times) - 1))
    return first_ms, statistics.median(times), times[p95], cpu[p95], size


def bench_store(name: str, repeat: int, db: str | None = None) -> bool:
    db = db or store_path(name)
    client = Client(create_app(db, warm=False))
    docs = Store(db, readonly=True)
    rows = docs.db.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM search)").fetchone()
    docs.close()
    print(f"\n== store {name} ({db}): {rows[0]:,} documents, {rows[1]:,} search rows (load average {os.getloadavg()[0]:.1f})")
    print(f"{'page':<58}{'first ms':>10}{'p50 ms':>9}{'p95 ms':>9}{'cpu p95':>9}{'bytes':>11}")
    ok = True
    paths = [] if name == "search100k" else page_paths(db)
    worst = worst_cpu = 0.0
    for path in paths:
        first, p50, p95, cpu, size = timed(client, path, repeat)
        worst, worst_cpu = max(worst, p95), max(worst_cpu, cpu)
        flag = "" if p95 <= TARGETS.get(name, 500.0) and size <= MAX_BYTES else "  ✗"
        ok = ok and not flag
        print(f"{path[:57]:<58}{first:>10.1f}{p50:>9.1f}{p95:>9.1f}{cpu:>9.1f}{size:>11,}{flag}")
    search_p95, search_cpu = [], []
    for q in SEARCHES:
        _, p50, p95, cpu, size = timed(client, f"/api/search?q={q}", repeat)
        search_p95.append(p95)
        search_cpu.append(cpu)
        print(f"{'/api/search?q=' + q:<58}{'':>10}{p50:>9.1f}{p95:>9.1f}{cpu:>9.1f}{size:>11,}")
    worst_search = max(search_p95)
    search_ok = worst_search <= SEARCH_TARGET or name in ("240", "5000")
    if paths:
        print(f"slowest page p95: {worst:.1f} ms wall, {worst_cpu:.1f} ms CPU (target {TARGETS.get(name, 500.0):.0f} ms)")
    print(f"slowest search p95: {worst_search:.1f} ms wall, {max(search_cpu):.1f} ms CPU"
          f" (target {SEARCH_TARGET:.0f} ms on the 100k-row index and the devset)")
    client.close()
    return ok and search_ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--stores", default="seeds,devset,240,5000,search100k")
    ap.add_argument("--db", help="time this store instead (the devset's targets)")
    args = ap.parse_args()
    if args.db:
        results = {args.db: bench_store("devset", args.repeat, args.db)}
    else:
        results = {name: bench_store(name, args.repeat) for name in args.stores.split(",")}
    print("\n" + "  ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in results.items()))


if __name__ == "__main__":
    main()
