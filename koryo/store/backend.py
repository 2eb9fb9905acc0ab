"""Where a store lives: a SQLite file (the embedded default) or a PostgreSQL database.

A backend opens the connection and holds what differs between the two: the migrations and where
their version is kept, the write transaction, and bulk writes (`executemany` in SQLite, `COPY` in
PostgreSQL). The store's SQL is written once, with `?` marks; the PostgreSQL connection takes it
as it is and gives rows that read by index and by name, as `sqlite3.Row` does."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from koryo.errors import DiskFull, ReadOnlyStore, StoreError
from koryo.store import views
from koryo.store.schema import MIGRATIONS, SCHEMA_VERSION
from koryo.store.schema_pg import PG_MIGRATIONS

BUSY_TIMEOUT = 60.0  # seconds a writer waits for another ingest's transaction (one document)
_WRITE_LOCK = 0x6B6F72796F  # PostgreSQL advisory lock held by each write transaction ("koryo")


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def newer_schema(where: str, version: int) -> StoreError:
    return StoreError(f"{where}: made by a newer koryo (schema {version} > {SCHEMA_VERSION}); upgrade koryo")


def _code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code of an error (SQLITE_BUSY, SQLITE_FULL, …)."""
    return int(getattr(exc, "sqlite_errorcode", 0)) & 0xFF


def _open_readonly(path: str) -> sqlite3.Connection:
    """A read-only connection; on read-only media, where a WAL store's `-shm` file cannot be
    made, the file is opened `immutable` (nothing can change it there), so a published store serves."""
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT)
    try:
        db.execute("PRAGMA user_version").fetchone()
        return db
    except sqlite3.OperationalError as exc:
        db.close()
        if _code(exc) not in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY) or os.access(Path(path).resolve().parent, os.W_OK):
            raise
    return sqlite3.connect(uri + "&immutable=1", uri=True, check_same_thread=False, isolation_level=None)


class SQLite:
    """A SQLite file; `PRAGMA user_version` says which migrations have run, and the views shaped
    as the exports (`views`) are made when they are missing or out of date."""

    def __init__(self, path: str, readonly: bool) -> None:
        self.where = path
        if readonly and not Path(path).exists():
            raise StoreError(f"{path}: no store here; run `koryo ingest` first or pass --db")
        try:
            if readonly:
                self.db = _open_readonly(path)
            else:
                self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self._wal()
                self.db.execute("PRAGMA synchronous = NORMAL")
            if self.version() < SCHEMA_VERSION and not readonly:
                self._migrate()
            if not readonly and self.version() == SCHEMA_VERSION and not views.current(self.db):
                with self.atomic():
                    views.make(self.db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a koryo store ({exc})") from exc

    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _wal(self) -> None:
        # SQLite answers "locked" at once, without waiting, when two connections switch a new
        # store to WAL together: retry for as long as a write would wait.
        deadline = time.monotonic() + BUSY_TIMEOUT
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if _code(exc) != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _migrate(self) -> None:
        """Run the migrations this store lacks, all in one write transaction: the version is
        read inside it, so two first ingests at once cannot both run a migration."""
        with self.atomic():
            version = self.version()
            if version > SCHEMA_VERSION:
                raise newer_schema(self.where, version)
            for script in MIGRATIONS[version:]:
                for statement in script.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def atomic(self) -> Iterator[Any]:
        """One transaction: all of it is stored, or none. A full disk is a `DiskFull`."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if _code(exc) != sqlite3.SQLITE_FULL:
                raise
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise DiskFull(f"{self.where}: disk is full") from exc

    def bulk(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        self.db.executemany(f"INSERT INTO {table} ({names}) VALUES ({','.join('?' * len(columns))})", rows)

    def close(self) -> None:
        self.db.close()


@lru_cache(maxsize=512)
def _pg_sql(sql: str) -> str:
    """SQLite's `?` marks as psycopg's `%s` (a literal `%` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _PgConnection:
    """A psycopg connection that runs the store's SQL as written for SQLite (`?` marks)."""

    def __init__(self, conn: Any, where: str) -> None:
        self.conn = conn
        self.where = where

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._read_only():
            return self.conn.execute(_pg_sql(sql) if params else sql, list(params) if params else None)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._read_only(), self.conn.cursor() as cur:
            cur.executemany(_pg_sql(sql), list(rows))

    @contextmanager
    def _read_only(self) -> Iterator[None]:
        import psycopg

        try:
            yield
        except psycopg.errors.ReadOnlySqlTransaction as exc:
            raise ReadOnlyStore(f"{self.where}: opened read-only") from exc

    def close(self) -> None:
        self.conn.close()


def _pg_rows(cursor: Any) -> Any:
    """psycopg row factory: rows read by index and by column name, as `sqlite3.Row`."""
    names = tuple(c.name for c in cursor.description or ())
    index = {n: i for i, n in enumerate(names)}

    class Row(tuple):  # type: ignore[type-arg]
        def keys(self) -> list[str]:
            return list(names)

        def __getitem__(self, key: Any) -> Any:
            return tuple.__getitem__(self, index[key] if isinstance(key, str) else key)

    return lambda values: Row(values)


def _numeric_loader() -> type:
    from psycopg.adapt import Loader

    class Number(Loader):
        """`numeric` as the figure was written: an int without a decimal point, else a float."""

        def load(self, data: Any) -> int | float:
            text = bytes(data).decode()
            return int(text) if text.lstrip("-").isdigit() else float(text)

    return Number


class Postgres:
    """A PostgreSQL database; the table `koryo_schema` says which migrations have run."""

    def __init__(self, url: str, readonly: bool) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError(f"{self.safe(url)}: PostgreSQL needs psycopg (pip install 'psycopg[binary]')") from exc
        self.where = self.safe(url)
        try:
            conn = psycopg.connect(url, autocommit=True, row_factory=_pg_rows)
        except psycopg.Error as exc:
            raise StoreError(f"{self.where}: cannot connect ({str(exc).strip()})") from exc
        conn.adapters.register_loader("numeric", _numeric_loader())
        self.db = _PgConnection(conn, self.where)
        if readonly:
            conn.execute("SET default_transaction_read_only = on")
        known = conn.execute("SELECT to_regclass('koryo_schema') IS NOT NULL").fetchone()[0]
        if not known and readonly:
            raise StoreError(f"{self.where}: no store here; run `koryo ingest` first or pass --db")
        if not readonly and (not known or self.version() < SCHEMA_VERSION):
            self._migrate()

    @staticmethod
    def safe(url: str) -> str:
        """The URL without its password, for messages."""
        head, at, tail = url.rpartition("@")
        if not at or ":" not in head.split("//", 1)[-1]:
            return url
        scheme, _, user = head.partition("//")
        return f"{scheme}//{user.split(':', 1)[0]}:***@{tail}"

    def version(self) -> int:
        row = self.db.execute("SELECT version FROM koryo_schema").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        with self.atomic():
            self.db.execute("CREATE TABLE IF NOT EXISTS koryo_schema (version INTEGER NOT NULL)")
            version = self.version()
            if version > SCHEMA_VERSION:
                raise newer_schema(self.where, version)
            for script in PG_MIGRATIONS[version:]:
                self.db.execute(script)  # a whole script at once: PostgreSQL takes several statements
            self.db.execute("DELETE FROM koryo_schema")
            self.db.execute("INSERT INTO koryo_schema (version) VALUES (?)", (SCHEMA_VERSION,))

    @contextmanager
    def atomic(self) -> Iterator[Any]:
        """One transaction, and one writer at a time (as SQLite's): a document's mirrors and
        revisions are looked up and its rows written without another writer in between."""
        with self.db.conn.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(?)", (_WRITE_LOCK,))
            yield self.db

    def bulk(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        with self.db.conn.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def close(self) -> None:
        self.db.close()


def open_backend(where: str, readonly: bool) -> SQLite | Postgres:
    """The backend for a store's location: a PostgreSQL URL, else a SQLite file's path."""
    return Postgres(where, readonly) if is_postgres(where) else SQLite(where, readonly)
