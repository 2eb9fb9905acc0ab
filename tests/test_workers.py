"""The worker pool: a job over its time budget or whose process dies is reported, its worker
replaced, and the other jobs go on."""

from __future__ import annotations

import os
import signal
import time

from koryo.workers import Failed, Workers


def job(n: int) -> int:
    if n == 1:
        time.sleep(60)  # overruns the budget
    if n == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # a crash, or the out-of-memory killer
    if n == 3:
        raise ValueError("bad input")
    return n * 10


def test_overrun_crash_and_error_are_reported_and_the_rest_go_on() -> None:
    pool: Workers[int, int] = Workers(2, job, budget=1.0)
    results: dict[int, object] = {}
    todo = [0, 1, 2, 3, 4, 5]
    start = time.monotonic()
    try:
        while todo or len(results) < 6:
            while todo and pool.idle():
                n = todo.pop(0)
                pool.submit(n, n)
            for key, n, result in pool.wait():
                assert key == n
                results[key] = result
    finally:
        pool.close()
    assert results == {
        0: 0, 1: Failed("timeout", "1 s"), 2: Failed("crashed", "killed by signal 9"),
        3: Failed("error", "ValueError: bad input"), 4: 40, 5: 50,
    }
    assert time.monotonic() - start < 10
