"""Ingest: files and folders in, one whole document per file stored, bad files named."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from koryo.errors import RejectedFile
from koryo.extract import ExtractorFailed
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
) -> list[Outcome]:
    """Read and store every file; a rejected file is reported and the others go on."""
    outcomes = []
    for path in collect(paths):
        outcome = ingest_one(store, path, max_size)
        outcomes.append(outcome)
        if on_file:
            on_file(outcome)
    return outcomes


def ingest_one(store: Store, path: Path, max_size: int = DEFAULT_MAX_SIZE) -> Outcome:
    if not path.exists():
        return Outcome(str(path), "rejected", reason=f"{path}: no such file or folder")
    try:
        source, doc = read_file(path, max_size)
    except RejectedFile as exc:
        return Outcome(str(path), "rejected", reason=str(exc))
    except OSError as exc:
        return Outcome(str(path), "rejected", reason=f"{path}: cannot be read ({exc.strerror or exc})")
    except RecursionError:
        return Outcome(str(path), "rejected", reason=f"{path}: markup nested too deeply to read")
    except Exception as exc:  # a reader's bug must not stop the other files going in
        return Outcome(str(path), "rejected", reason=f"{path}: reader failed ({type(exc).__name__}: {exc}); please report this")
    try:
        doc_id = store.add(source, doc)
    except ExtractorFailed as exc:
        return Outcome(str(path), "rejected", reason=f"{path}: {exc}; please report this")
    if doc_id is None:
        return Outcome(str(path), "unchanged", title=doc.title, format=doc.format)
    return Outcome(str(path), "stored", doc_id, doc.title, doc.format)
