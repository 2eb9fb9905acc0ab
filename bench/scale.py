"""Ingest at scale: a generated corpus into SQLite and into PostgreSQL, on one process and on a
local Dask cluster of 1 and 2 workers.

    python bench/scale.py [--mb 5] [--stores sqlite,postgresql] [--modes one,local:1,local:2] [--pg DSN]

The corpus is the seeds and the devset texts varied per copy (bench/corpus.py: numbers changed, a
sentence of the copy's own), so no file is a byte copy. Each run is a fresh process and a fresh
store. PostgreSQL is the server at --pg (a DSN whose user may create databases), else a throwaway
cluster started with tools/pg-server (fsync on, as a real server). Printed per run: MB/s, MB/s per
worker, MB per CPU-second (all processes: on a shared machine the figure that does not depend on the
neighbours), the writer's share of that CPU (the serial part, which bounds the workers one writer
can feed), documents/s, peak RSS of the writer and of the largest worker, the store's size per MB of text, and the speedup of 2 workers over 1; and, in the same run,
one compiled regex pass over the corpus for scale.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import sources, write_corpus  # noqa: E402


def _cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _worker_usage() -> tuple[float, float]:
    """(CPU seconds, peak RSS in MB) of the process it runs in (a Dask worker)."""
    return _cpu_seconds(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _store_bytes(where: str) -> int:
    if where.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(where) as db:
            return int(db.execute("SELECT pg_database_size(current_database())").fetchone()[0])
    return sum(p.stat().st_size for p in Path(where).parent.glob(Path(where).name + "*"))


def run_one(where: str, mode: str, corpus: Path) -> dict[str, float]:
    """One ingest of `corpus` into the empty store `where`, in this process (`one`) or on a
    local cluster (`local:N`); what it cost."""
    from koryo.cluster import connect, ingest_on_cluster
    from koryo.extract import warm_up
    from koryo.ingest import ingest_files
    from koryo.store import Store

    files = sorted(corpus.iterdir())
    store = Store(where)
    empty = _store_bytes(where)
    workers: dict[str, tuple[float, float]] = {}
    started = time.perf_counter()
    if mode == "one":
        warm_up()
        start_s = time.perf_counter() - started
        cpu0, t0 = _cpu_seconds(), time.perf_counter()
        outcomes = list(ingest_files(store, files))
        wall = time.perf_counter() - t0
    else:
        with connect(mode) as client:
            client.run(warm_up)
            start_s = time.perf_counter() - started
            before = client.run(_worker_usage)
            cpu0, t0 = _cpu_seconds(), time.perf_counter()
            outcomes = list(ingest_on_cluster(store, files, client))
            wall = time.perf_counter() - t0
            workers = {w: (cpu - before.get(w, (0.0, 0.0))[0], rss) for w, (cpu, rss) in client.run(_worker_usage).items()}
    writer_cpu = _cpu_seconds() - cpu0  # with a cluster, the serial part: writing (and sending files out)
    cpu = writer_cpu + sum(c for c, _ in workers.values())
    store.close()
    bad = [o.reason for o in outcomes if o.status != "stored"]
    assert not bad, bad[:3]
    return {
        "docs": len(outcomes), "bytes": sum(f.stat().st_size for f in files), "wall": wall, "cpu": cpu, "writer_cpu": writer_cpu, "start": start_s,
        "writer_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss": max((rss for _, rss in workers.values()), default=0.0),
        "store_bytes": _store_bytes(where) - empty,
    }


class Postgres:
    """Fresh databases on a server: the one given, else a throwaway cluster (tools/pg-server)."""

    def __init__(self, dsn: str | None, folder: Path) -> None:
        self.folder = folder / "pg"
        self.own = dsn is None
        if dsn is None:
            folder.chmod(0o755)  # as root the cluster belongs to `postgres`, who must reach its folder
            env = {**os.environ, "PG_FSYNC": "on"}
            dsn = subprocess.run([str(ROOT / "tools" / "pg-server"), "start", str(self.folder)], check=True,
                                 capture_output=True, text=True, env=env).stdout.strip()
        self.dsn = dsn

    def new(self) -> str:
        import psycopg

        name = f"koryo_scale_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(self.dsn, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return urlunsplit(urlsplit(self.dsn)._replace(path="/" + name))

    def stop(self) -> None:
        if self.own:
            subprocess.run([str(ROOT / "tools" / "pg-server"), "stop", str(self.folder)], check=True)


def regex_pass(corpus: Path) -> float:
    """MB/s of one compiled regex (the figures: digits with their separators) over the corpus's
    text, read in memory first."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.iterdir())]
    figure = re.compile(r"\d+(?:[.,]\d+)*")
    t0 = time.perf_counter()
    for text in texts:
        figure.findall(text)
    return sum(len(t.encode()) for t in texts) / 1e6 / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="size of the generated corpus (default 5)")
    ap.add_argument("--stores", default="sqlite,postgresql")
    ap.add_argument("--modes", default="one,local:1,local:2")
    ap.add_argument("--pg", default=None, help="a PostgreSQL server's DSN (default: start one with tools/pg-server)")
    ap.add_argument("--run", nargs=3, metavar=("STORE", "MODE", "CORPUS"), help=argparse.SUPPRESS)  # one run, in a child
    args = ap.parse_args()
    if args.run:
        print(json.dumps(run_one(args.run[0], args.run[1], Path(args.run[2]))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus"
        corpus.mkdir()
        texts = sources()
        average = sum(p.stat().st_size for p in texts) / len(texts)
        write_corpus(corpus, max(1, round(args.mb * 1e6 / average)), texts)
        size = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
        print(f"corpus: {len(list(corpus.iterdir()))} documents, {size:.1f} MB (seeds and devset varied); {os.cpu_count()} cores")
        regex = regex_pass(corpus)
        pg = Postgres(args.pg, folder) if "postgresql" in args.stores.split(",") else None
        results: dict[tuple[str, str], dict[str, float]] = {}
        try:
            for kind in args.stores.split(","):
                for mode in args.modes.split(","):
                    where = pg.new() if kind == "postgresql" and pg else str(folder / f"{mode.replace(':', '-')}.db")
                    child = subprocess.run([sys.executable, __file__, "--run", where, mode, str(corpus)], check=True,
                                           capture_output=True, text=True)
                    results[(kind, mode)] = json.loads(child.stdout.strip().splitlines()[-1])
                    _print(kind, mode, results[(kind, mode)], regex, len(results) == 1)
        finally:
            if pg:
                pg.stop()
    print(f"one compiled regex pass (figures) over the same text: {regex:.0f} MB/s")
    for kind in args.stores.split(","):
        one, two = results.get((kind, "local:1")), results.get((kind, "local:2"))
        if one and two:
            print(f"{kind}: 2 workers are {one['wall'] / two['wall']:.2f}× 1 worker"
                  f" (cluster start {one['start']:.1f} s and {two['start']:.1f} s, not counted)")


def _print(kind: str, mode: str, r: dict[str, float], regex: float, header: bool) -> None:
    mb = r["bytes"] / 1e6
    workers = 1 if mode == "one" else int(mode.split(":")[1])
    if header:
        print(f"{'store':<11}{'mode':<9}{'docs':>6}{'s':>8}{'MB/s':>7}{'/worker':>8}{'MB/cpu-s':>9}{'writer %':>9}"
              f"{'docs/s':>8}{'writer MB':>10}{'worker MB':>10}{'store/MB':>9}{'regex ×':>9}")
    writer = "" if mode == "one" else f"{100 * r['writer_cpu'] / r['cpu']:.0f}"
    print(f"{kind:<11}{mode:<9}{r['docs']:>6.0f}{r['wall']:>8.1f}{mb / r['wall']:>7.2f}{mb / r['wall'] / workers:>8.2f}"
          f"{mb / r['cpu']:>9.2f}{writer:>9}{r['docs'] / r['wall']:>8.1f}{r['writer_rss']:>10.0f}{r['worker_rss']:>10.0f}"
          f"{r['store_bytes'] / r['bytes']:>9.2f}{regex / (mb / r['wall']):>9.0f}", flush=True)


if __name__ == "__main__":
    main()
