"""Page speed of the site on the seeds' store: p50 and p95 per page, in-process (no network).

    python bench/web.py [--repeat 30] [--seeds ../shared/seeds]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from koryo.ingest import ingest  # noqa: E402
from koryo.store import Store  # noqa: E402
from koryo.web.app import create_app  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "k.db")
        store = Store(db)
        ingest(store, [args.seeds])
        docs = store.documents()
        report = next(d.id for d in docs if d.name.startswith("003"))
        store.close()
        client = TestClient(create_app(db))
        paths = [
            "/", "/timeline", "/statistics", f"/statistics/{report}/7", "/corridors", "/entities",
            "/entities/person:kim-il-sung", "/help", "/sources", f"/sources/{report}?hl=41710-41720", "/conflicts",
            "/revisions", "/search?q=Sakhalin", "/api/home", f"/api/statistics/{report}/7/observations.csv",
        ]
        print(f"{'page':<44}{'p50 ms':>9}{'p95 ms':>9}")
        worst = 0.0
        for path in paths:
            client.get(path)  # the first request fills the caches
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                assert client.get(path).status_code == 200, path
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            p50 = statistics.median(times)
            p95 = times[int(0.95 * (len(times) - 1))]
            worst = max(worst, p95)
            print(f"{path:<44}{p50:>9.1f}{p95:>9.1f}")
        print(f"\nslowest p95: {worst:.1f} ms (target: every page under 100 ms)")


if __name__ == "__main__":
    main()
