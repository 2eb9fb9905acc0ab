"""Bounded reads for the site: each query reads only the rows a page shows (indexed, LIMIT/OFFSET),
counts by SQL aggregates, and what needs the whole store is worked out once per state of the store.

A `Reader` is one read-only connection whose queries share a time budget (SQLite's progress
handler, as Datasette's `sql_time_limit_ms`) and count the rows they return, so tests can assert
that a page reads a bounded number of rows whatever the size of the store."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from koryo.errors import StoreError
from koryo.store import Store
from koryo.store.backend import SQLite

T = TypeVar("T")
STEPS = 1000  # SQLite VM instructions between two looks at the clock


class QueryTimeout(StoreError):
    """A query ran past the request's time limit."""


@dataclass
class Reads:
    """What one request read: SQL rows returned to Python and SQLite VM steps (in thousands)."""

    rows: int = 0
    ksteps: int = 0


class Reader:
    """A read-only store whose queries stop after `time_limit_ms` in all (QueryTimeout)."""

    def __init__(self, path: str, time_limit_ms: int | None = None) -> None:
        self.store = Store(path, readonly=True)
        if not isinstance(self.store.backend, SQLite):  # its time budget and row counts are SQLite's progress handler
            self.store.close()
            raise StoreError(f"{self.store.backend.where}: the site and `koryo search` read SQLite stores only;"
                             " the other commands and the exports read PostgreSQL")
        self.db = self.store.db
        self.reads = Reads()
        self.time_limit_ms = time_limit_ms
        self._deadline = None if time_limit_ms is None else time.monotonic() + time_limit_ms / 1000
        base = self.db.row_factory or sqlite3.Row

        def count_row(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> Any:
            self.reads.rows += 1
            return base(cursor, row)  # type: ignore[operator]

        self.db.row_factory = count_row
        self.db.set_progress_handler(self._tick, STEPS)

    def _tick(self) -> int:
        self.reads.ksteps += 1
        return int(self._deadline is not None and time.monotonic() > self._deadline)

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise QueryTimeout(f"the query took longer than {self.time_limit_ms} ms; narrow it (fewer words, a filter)") from exc
            raise

    def one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return row[0] if row is not None else None

    def close(self) -> None:
        self.store.close()


@dataclass
class Versioned:
    """Values derived from the whole store, worked out at most once per state of the store.

    The state is `PRAGMA data_version` of one long-lived connection (it changes when any other
    connection commits) with the documents' count and last id, so a new ingest or a re-extraction
    starts a new generation; older values are dropped."""

    path: str
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _key_locks: dict[str, threading.Lock] = field(default_factory=dict)
    _watch: sqlite3.Connection | None = None
    _data_version: int = -1
    _generation: int = 0
    _values: dict[tuple[int, str], Any] = field(default_factory=dict)
    computed: list[str] = field(default_factory=list)  # what was worked out, in order (tests check it is once)

    def generation(self) -> int:
        with self._lock:
            if self._watch is None:
                self._watch = Store(self.path, readonly=True).db
            version = self._watch.execute("PRAGMA data_version").fetchone()[0]
            if version != self._data_version:
                self._data_version = version
                self._generation += 1
                self._values = {k: v for k, v in self._values.items() if k[0] == self._generation}
            return self._generation

    def get(self, name: str, compute: Callable[[Store], T]) -> T:
        """`compute(store)` for this state of the store, computed once (concurrent callers wait)."""
        gen = self.generation()
        if (gen, name) in self._values:
            return self._values[(gen, name)]  # type: ignore[no-any-return]
        with self._lock:
            key_lock = self._key_locks.setdefault(name, threading.Lock())
        with key_lock:
            if (gen, name) not in self._values:
                self.computed.append(name)
                store = Store(self.path, readonly=True)
                try:
                    value = compute(store)
                finally:
                    store.close()
                with self._lock:
                    if gen == self._generation:
                        self._values[(gen, name)] = value
                return value
            return self._values[(gen, name)]  # type: ignore[no-any-return]
