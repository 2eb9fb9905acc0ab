"""Ingest: files and folders in, one whole document per file stored, bad files named."""

from __future__ import annotations

import ctypes
import hashlib
import multiprocessing
import os
import re
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from koryo.errors import RejectedFile
from koryo.extract import ExtractorFailed, Extracted, extract
from koryo.model import Document, Source
from koryo.readers import DEFAULT_MAX_SIZE, read_file
from koryo.store import Store


@dataclass(frozen=True)
class Outcome:
    """What happened to one file: stored, unchanged (already stored) or rejected."""

    path: str
    status: str
    doc_id: int | None = None
    title: str = ""
    format: str = ""
    reason: str = ""


def _natural(path: Path) -> list[object]:
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", str(path))]


def collect(paths: Iterable[str]) -> Iterator[Path]:
    """Files named, and the files under folders named (hidden ones skipped), in natural order."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.extend(Path(root) / f for f in files if not f.startswith("."))
            yield from sorted(found, key=_natural)
        else:
            yield p


def ingest(
    store: Store,
    paths: Iterable[str],
    max_size: int = DEFAULT_MAX_SIZE,
    on_file: Callable[[Outcome], None] | None = None,
    workers: int = 1,
) -> list[Outcome]:
    """Read and store every file; a rejected file is reported and the others go on.

    With `workers` > 1, files are read and extracted in that many processes while this one
    writes; documents are still stored one transaction each, in the order of the paths."""
    outcomes = []
    for outcome in ingest_files(store, list(collect(paths)), max_size, workers):
        outcomes.append(outcome)
        if on_file:
            on_file(outcome)
    return outcomes


@dataclass(frozen=True)
class _Prepared:
    path: str
    source: Source | None = None
    doc: Document | None = None
    extracted: Extracted | None = None
    reason: str = ""


def _prepare(path: Path, max_size: int) -> _Prepared:
    """Read and extract one file (in a worker process); nothing here touches the store."""
    if not path.exists():
        return _Prepared(str(path), reason=f"{path}: no such file or folder")
    try:
        source, doc = read_file(path, max_size)
    except RejectedFile as exc:
        return _Prepared(str(path), reason=str(exc))
    except OSError as exc:
        return _Prepared(str(path), reason=f"{path}: cannot be read ({exc.strerror or exc})")
    except RecursionError:
        return _Prepared(str(path), reason=f"{path}: markup nested too deeply to read")
    except Exception as exc:  # a reader's bug must not stop the other files going in
        return _Prepared(str(path), reason=f"{path}: reader failed ({type(exc).__name__}: {exc}); please report this")
    try:
        extracted = extract(doc, source.name)
    except ExtractorFailed as exc:
        return _Prepared(str(path), reason=f"{path}: {exc}; please report this")
    return _Prepared(str(path), source, doc, extracted)


def _store(store: Store, p: _Prepared) -> Outcome:
    if p.source is None or p.doc is None:
        return Outcome(p.path, "rejected", reason=p.reason)
    doc_id = store.add(p.source, p.doc, p.extracted)
    if doc_id is None:
        return Outcome(p.path, "unchanged", title=p.doc.title, format=p.doc.format)
    return Outcome(p.path, "stored", doc_id, p.doc.title, p.doc.format)


def _sha256(path: Path) -> str | None:
    try:
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


def _die_with_parent() -> None:
    """A worker ends when the ingest that started it is killed (Linux), instead of lingering."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass  # elsewhere the worker ends when its queue closes


def ingest_files(store: Store, files: list[Path], max_size: int = DEFAULT_MAX_SIZE, workers: int = 1) -> Iterator[Outcome]:
    """Outcomes in the order of `files`; a file already stored (same bytes) is not read again."""
    if workers <= 1:
        for path in files:
            yield ingest_one(store, path, max_size)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_die_with_parent) as pool:
        pending: deque[tuple[Path, Future[_Prepared] | None]] = deque()
        for path in files:
            sha = _sha256(path) if path.is_file() else None
            if sha is not None and store.has(sha):
                pending.append((path, None))
            else:
                pending.append((path, pool.submit(_prepare, path, max_size)))
            while len(pending) > 2 * workers or pending and pending[0][1] is None:
                yield _next(store, pending, max_size)
        while pending:
            yield _next(store, pending, max_size)


def _next(store: Store, pending: deque[tuple[Path, Future[_Prepared] | None]], max_size: int) -> Outcome:
    path, future = pending.popleft()
    if future is None:
        return ingest_one(store, path, max_size)  # already stored: reported "unchanged" by the store
    return _store(store, future.result())


def ingest_one(store: Store, path: Path, max_size: int = DEFAULT_MAX_SIZE) -> Outcome:
    """Read, extract and store one file in this process; a file already stored is not read again."""
    sha = _sha256(path) if path.is_file() else None
    known = store.stored(sha) if sha else None
    if known is not None:
        return Outcome(str(path), "unchanged", title=known.title, format=known.format)
    return _store(store, _prepare(path, max_size))
