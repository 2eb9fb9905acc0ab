"""Ingest: files and folders in, one whole document per file stored, bad files named."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path

from koryo import reconciled
from koryo.errors import RejectedFile, UsageError
from koryo.extract import ExtractorFailed, Extracted, extract, warm_up
from koryo.model import Document, Source
from koryo.readers import DEFAULT_MAX_SIZE, read_file
from koryo.readers.pieces import LARGE_FILE, read_pieces, source_of
from koryo.store import Store
from koryo.workers import Failed, Workers


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


_KINDS = {stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device"}


@dataclass(frozen=True)
class Collected:
    """The files to read, and the entries skipped on the way, each with its reason."""

    files: list[Path]
    skipped: list[Outcome]


def collect(paths: Iterable[str], follow_links: bool = False) -> Collected:
    """Files named, and the files under folders named (hidden ones skipped), in natural order.

    Nothing is opened here: FIFOs, sockets and devices are named and skipped, and so are
    unreadable folders, symbolic-link loops and (unless `follow_links`) links that lead out
    of the folder given. A path named that does not exist is a `UsageError`."""
    files: list[Path] = []
    skipped: list[Outcome] = []
    seen: set[Path] = set()

    def skip(path: Path | str, reason: str) -> None:
        skipped.append(Outcome(str(path), "rejected", reason=f"{path}: {reason}"))

    def take(path: Path, st: os.stat_result) -> None:
        if not stat.S_ISREG(st.st_mode):
            skip(path, f"{_KINDS.get(stat.S_IFMT(st.st_mode), 'not a regular file')}, not a document; skipped")
            return
        real = path.resolve()
        if real not in seen:  # a file reached twice (through a link) is read once
            seen.add(real)
            files.append(path)

    for raw in paths:
        p = Path(raw)
        if not os.path.lexists(p):
            raise UsageError(f"{p}: no such file or folder")
        try:
            st = p.stat()
        except OSError as exc:
            skip(p, _unreachable(p, exc))
            continue
        if not stat.S_ISDIR(st.st_mode):
            take(p, st)
            continue
        found: list[tuple[Path, os.stat_result]] = []
        root = p.resolve()
        stack = [(p, (root,))]
        while stack:
            folder, ancestors = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as exc:
                skip(folder, f"folder cannot be read ({exc.strerror or exc}); skipped")
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                path = Path(entry.path)
                try:
                    st = path.stat()
                except OSError as exc:
                    skip(path, _unreachable(path, exc))
                    continue
                if entry.is_symlink():
                    target = path.resolve()
                    if stat.S_ISDIR(st.st_mode) and target in ancestors:
                        skip(path, f"symbolic link loop (back to {target}); skipped")
                        continue
                    if not follow_links and not target.is_relative_to(root):
                        skip(path, f"symbolic link to {target}, outside {p}; not followed (--follow-links follows it)")
                        continue
                    if stat.S_ISDIR(st.st_mode) and not follow_links:
                        continue  # a link to a folder inside: its files are read where they are
                if stat.S_ISDIR(st.st_mode):
                    stack.append((path, (*ancestors, path.resolve())))
                else:
                    found.append((path, st))
        for path, st in sorted(found, key=lambda f: _natural(f[0])):
            take(path, st)
    return Collected(files, skipped)


def _unreachable(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop; skipped"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"broken symbolic link (to {os.readlink(path)}); skipped"
    return f"cannot be read ({exc.strerror or exc}); skipped"


def ingest(
    store: Store,
    paths: Iterable[str],
    max_size: int = DEFAULT_MAX_SIZE,
    on_file: Callable[[Outcome], None] | None = None,
    workers: int = 1,
    follow_links: bool = False,
) -> list[Outcome]:
    """Read and store every file, then work out the conflicts and claims; a rejected file is
    reported and the others go on.

    With `workers` > 1, files are read and extracted in that many processes while this one
    writes; documents are still stored one transaction each, in the order of the paths."""
    collected = collect(paths, follow_links)
    outcomes = []
    for outcome in chain(collected.skipped, ingest_files(store, collected.files, max_size, workers)):
        outcomes.append(outcome)
        if on_file:
            on_file(outcome)
    reconcile_stored(store)
    return outcomes


def reconcile_stored(store: Store) -> None:
    """Work out the conflicts and claims of the documents as stored now and keep them, so that
    no reader has to (a no-op when those kept are of these documents)."""
    reconciled.judged(store)


@dataclass(frozen=True)
class Prepared:
    path: str
    source: Source | None = None
    doc: Document | None = None
    extracted: Extracted | None = None
    reason: str = ""


def prepare(path: Path, max_size: int) -> Prepared:
    """Read and extract one file (in a worker process); nothing here touches the store."""
    if not path.exists():
        return Prepared(str(path), reason=f"{path}: no such file or folder")
    try:
        source, doc = read_file(path, max_size)
    except RejectedFile as exc:
        return Prepared(str(path), reason=str(exc))
    except OSError as exc:
        return Prepared(str(path), reason=f"{path}: cannot be read ({exc.strerror or exc})")
    except RecursionError:
        return Prepared(str(path), reason=f"{path}: markup nested too deeply to read")
    except Exception as exc:  # a reader's bug must not stop the other files going in
        return Prepared(str(path), reason=f"{path}: reader failed ({type(exc).__name__}: {exc}); please report this")
    try:
        extracted = extract(doc, source.name)
    except ExtractorFailed as exc:
        return Prepared(str(path), reason=f"{path}: {exc}; please report this")
    return Prepared(str(path), source, doc, extracted)


def store_prepared(store: Store, p: Prepared) -> Outcome:
    if p.source is None or p.doc is None:
        return Outcome(p.path, "rejected", reason=p.reason)
    doc_id = store.add(p.source, p.doc, p.extracted)
    if doc_id is None:
        return Outcome(p.path, "unchanged", title=p.doc.title, format=p.doc.format)
    return Outcome(p.path, "stored", doc_id, p.doc.title, p.doc.format)


def file_sha256(path: Path) -> str | None:
    try:
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


def ingest_files(
    store: Store, files: list[Path], max_size: int = DEFAULT_MAX_SIZE, workers: int = 1, doc_timeout: float | None = None,
) -> Iterator[Outcome]:
    """Outcomes in the order of `files`; a file already stored (same bytes) is not read again.

    With `workers` > 1 or a `doc_timeout`, files are read and extracted in worker processes
    while this one writes; a file that takes longer than `doc_timeout` seconds is rejected
    (its worker is replaced), and so is one whose worker dies."""
    if workers <= 1 and doc_timeout is None:
        for path in files:
            yield ingest_one(store, path, max_size)
        return
    warm_up()  # the workers are forked from here: they start with patterns compiled and models loaded
    pool: Workers[Path, Prepared] = Workers(max(workers, 1), partial(prepare, max_size=max_size), doc_timeout)
    try:
        ready: dict[int, Prepared | None] = {}  # by index in `files`; None: already stored
        handed = done = 0
        while done < len(files):
            # Hand files out while a worker is free, at most 2 × workers ahead of the store.
            while handed < len(files) and handed - done < 2 * workers and pool.idle():
                path = files[handed]
                sha = file_sha256(path) if path.is_file() else None
                if sha is not None and (store.has(sha) or path.stat().st_size > LARGE_FILE):
                    ready[handed] = None  # already stored, or large: read here (in pieces, if it is plain text)
                else:
                    pool.submit(handed, path)
                handed += 1
            if done in ready:
                prepared = ready.pop(done)
                path = files[done]
                done += 1
                # already stored: reported "unchanged" by the store
                yield ingest_one(store, path, max_size) if prepared is None else store_prepared(store, prepared)
                continue
            for key, path, result in pool.wait():
                ready[key] = result if isinstance(result, Prepared) else Prepared(str(path), reason=_failure(path, result))
    finally:
        pool.close()


def _failure(path: Path, failed: Failed) -> str:
    if failed.kind == "timeout":
        return f"{path}: not read within {failed.detail}; skipped (--doc-timeout gives it longer)"
    if failed.kind == "crashed":
        return f"{path}: the reader crashed ({failed.detail}; out of memory?); please report this"
    return f"{path}: reader failed ({failed.detail}); please report this"


def ingest_one(store: Store, path: Path, max_size: int = DEFAULT_MAX_SIZE) -> Outcome:
    """Read, extract and store one file in this process; a file already stored is not read again."""
    sha = file_sha256(path) if path.is_file() else None
    known = store.stored(sha) if sha else None
    if known is not None:
        return Outcome(str(path), "unchanged", title=known.title, format=known.format)
    try:
        large = source_of(path) if sha else None
    except RejectedFile as exc:
        return Outcome(str(path), "rejected", reason=str(exc))
    if large is not None:
        return store_pieces(store, large, max_size)
    return store_prepared(store, prepare(path, max_size))


def store_pieces(store: Store, source: Source, max_size: int) -> Outcome:
    """A large plain-text file read, extracted and stored piece by piece (`koryo.readers.pieces`):
    memory holds one piece, and the store all of the file or none of it."""
    try:
        doc_id = store.add_pieces(source, ((p, extract(p.doc, source.name)) for p in read_pieces(source, max_size)))
    except RejectedFile as exc:
        return Outcome(source.path, "rejected", reason=str(exc))
    except ExtractorFailed as exc:
        return Outcome(source.path, "rejected", reason=f"{source.path}: {exc}; please report this")
    except OSError as exc:
        return Outcome(source.path, "rejected", reason=f"{source.path}: cannot be read ({exc.strerror or exc})")
    stored = store.stored(source.sha256)
    title, fmt = (stored.title, stored.format) if stored else ("", "")
    return Outcome(source.path, "stored" if doc_id is not None else "unchanged", doc_id, title, fmt)
