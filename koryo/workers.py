"""Worker processes that run one job at a time under a time budget. A worker that overruns
the budget, or dies (a reader's crash, the kernel's out-of-memory killer), is killed and
replaced, and its job is reported as failed; the other jobs go on."""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Failed:
    """Why a job has no result: "timeout", "crashed" or "error", and what was seen."""

    kind: str
    detail: str


@dataclass
class _Worker:
    proc: BaseProcess
    conn: Connection
    key: int = -1  # the job it runs, -1 when idle
    deadline: float = float("inf")


def _die_with_parent() -> None:
    """A worker ends when the process that started it is killed (Linux), instead of lingering."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass  # elsewhere the worker ends when its pipe closes


def _serve(conn: Connection, run: Callable[[T], R]) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            conn.send(run(job))
        except Exception as exc:  # the parent reports it with the job's name
            conn.send(Failed("error", f"{type(exc).__name__}: {exc}"))


class Workers(Generic[T, R]):
    """`count` forked processes running `run` on the jobs submitted; `budget` seconds each (None: no limit)."""

    def __init__(self, count: int, run: Callable[[T], R], budget: float | None) -> None:
        self._context = multiprocessing.get_context("fork")
        self._run = run
        self.budget = budget
        self._jobs: dict[int, T] = {}
        self._workers = [self._start() for _ in range(count)]

    def _start(self) -> _Worker:
        here, there = self._context.Pipe()
        proc = self._context.Process(target=_serve, args=(there, self._run), daemon=True)
        proc.start()
        there.close()
        return _Worker(proc, here)

    def idle(self) -> bool:
        return any(w.key < 0 for w in self._workers)

    def submit(self, key: int, job: T) -> None:
        """Hand `job` to an idle worker (call only when `idle()`)."""
        w = next(w for w in self._workers if w.key < 0)
        w.conn.send(job)
        w.key = key
        w.deadline = time.monotonic() + self.budget if self.budget else float("inf")
        self._jobs[key] = job

    def wait(self) -> list[tuple[int, T, R | Failed]]:
        """Block until some job finishes or overruns; its key, job and result (or why none)."""
        busy = {w.conn: w for w in self._workers if w.key >= 0}
        soonest = min(w.deadline for w in busy.values())
        timeout = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
        done: list[tuple[int, T, R | Failed]] = []
        for conn in wait(list(busy), timeout):
            w = busy[conn]  # type: ignore[index]
            try:
                result: R | Failed = w.conn.recv()
            except (EOFError, OSError):
                w.proc.join(5)
                code = w.proc.exitcode
                result = Failed("crashed", f"killed by signal {-code}" if code and code < 0 else f"exit status {code}")
                self._replace(w)
            done.append(self._finish(w, result))
        now = time.monotonic()
        for w in busy.values():
            if w.key >= 0 and w.deadline <= now:
                self._replace(w)
                done.append(self._finish(w, Failed("timeout", f"{self.budget:g} s")))
        return done

    def _finish(self, w: _Worker, result: R | Failed) -> tuple[int, T, R | Failed]:
        key, w.key, w.deadline = w.key, -1, float("inf")
        return key, self._jobs.pop(key), result

    def _replace(self, w: _Worker) -> None:
        if w.proc.is_alive():
            w.proc.kill()
        w.proc.join()
        w.conn.close()
        fresh = self._start()
        w.proc, w.conn = fresh.proc, fresh.conn

    def close(self) -> None:
        """End every worker: idle ones are asked to, busy ones are killed."""
        for w in self._workers:
            try:
                if w.key < 0:
                    w.conn.send(None)
                else:
                    w.proc.kill()
            except OSError:
                w.proc.kill()
        for w in self._workers:
            w.proc.join(5)
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join()
            w.conn.close()
