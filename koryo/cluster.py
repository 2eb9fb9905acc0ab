"""Ingest across a Dask cluster: the workers read and extract files, this process writes.

Each file is one task that returns what was read and extracted (nothing on a worker touches the
store); this process writes each document in its own transaction, in the order of the files,
keyed by its SHA-256 so a file already stored is not sent at all. Dask's scheduler gives the task
of a worker that dies to another worker; a file whose task has killed several workers in a row is
rejected, and the store only ever holds whole documents. The files must be readable at the same
path on every worker (a shared file system)."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from koryo.errors import UsageError
from koryo.extract import warm_up
from koryo.ingest import Outcome, file_sha256, ingest_one, prepare, store_prepared
from koryo.readers import DEFAULT_MAX_SIZE
from koryo.store import Store

AHEAD = 4  # tasks in flight per worker: enough to keep each busy while this process writes


def parse_address(address: str) -> tuple[str, int]:
    """("local", N) for `local:N`, else ("remote", 0) for a scheduler address (`tcp://host:8786`)."""
    if address.startswith("local:"):
        count = address[len("local:") :]
        if not count.isdigit() or not 1 <= int(count) <= 64:
            raise UsageError(f"{address}: give local:N with N workers, 1 to 64 (local:2)")
        return "local", int(count)
    if "://" not in address:
        raise UsageError(f"{address}: give a scheduler's address (tcp://host:8786) or local:N")
    return "remote", 0


@contextmanager
def connect(address: str) -> Iterator[Any]:
    """A Dask client: of a `LocalCluster` of N single-threaded worker processes for `local:N`,
    else of the scheduler at `address`. Closed (and a local cluster stopped) on leaving."""
    kind, count = parse_address(address)
    from distributed import Client, LocalCluster

    if kind == "local":
        # One thread per process: extraction is pure Python, threads would share one core.
        with LocalCluster(n_workers=count, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout="30s")
    except OSError as exc:
        raise UsageError(f"{address}: no Dask scheduler answers there ({exc})") from exc
    with client:
        yield client


def ingest_on_cluster(store: Store, files: list[Path], client: Any, max_size: int = DEFAULT_MAX_SIZE) -> Iterator[Outcome]:
    """Outcomes in the order of `files`, as `ingest_files` gives them on one machine."""
    from distributed import KilledWorker

    client.run(warm_up)  # the models load once per worker, not in the first file's task
    workers = max(1, len(client.scheduler_info()["workers"]))
    pending: deque[tuple[Path, Any]] = deque()  # (file, its task, or None when already stored)
    queue = iter(files)

    def top_up() -> None:
        while sum(f is not None for _, f in pending) < AHEAD * workers:
            path = next(queue, None)
            if path is None:
                return
            sha = file_sha256(path) if path.is_file() else None
            task = None if sha is not None and store.has(sha) else client.submit(prepare, path, max_size, pure=False)
            pending.append((path, task))

    top_up()
    while pending:
        path, task = pending.popleft()
        if task is None:
            outcome = ingest_one(store, path, max_size)  # already stored: reported "unchanged"
        else:
            try:
                outcome = store_prepared(store, task.result())
            except KilledWorker as exc:
                outcome = Outcome(str(path), "rejected", reason=f"{path}: the workers reading it died ({exc}; out of memory?);"
                                                                " please report this")
            task.release()
        top_up()
        yield outcome
