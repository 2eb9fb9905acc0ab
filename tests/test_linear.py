"""Readers take time linear in their input: for each hostile shape, reading 4n costs less than
6 times reading n (a quadratic reader costs 16 times; each of these once took seconds to minutes)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from koryo.readers import read_bytes
from koryo.readers.html import read_html
from koryo.readers.inline import parse_inline
from koryo.readers.markdown import read_markdown
from koryo.readers.tables import is_number


def _best(run: Callable[[], object]) -> float:
    """Least CPU time of five runs, the collector off: other processes and collections are noise."""
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(5):
            start = time.process_time()
            run()
            times.append(time.process_time() - start)
    finally:
        gc.enable()
    return min(times)


SHAPES: dict[str, tuple[Callable[[int], object], int]] = {
    # name: (read an input of size n, n)
    "inline: unclosed [": (lambda n: parse_inline("[" * n, 0), 100_000),
    "inline: [x]( repeated": (lambda n: parse_inline("[x](" * n, 0), 10_000),
    "inline: unclosed <a href>": (lambda n: parse_inline("<a href='x'>" * n, 0), 10_000),
    "inline: unclosed <http:// autolinks": (lambda n: parse_inline("<http://a" * n, 0), 10_000),
    "markdown: 2,000 tab columns": (lambda n: read_markdown("# T\n\n" + "\n".join(["\t".join(map(str, range(n)))] * 5)), 2_000),
    "markdown: one long row over short lines": (lambda n: read_markdown("\t" * n + "1\n" + "a\t1\n" * n), 2_000),
    "markdown: every line a caption": (lambda n: read_markdown("Table 1. x\n" * n), 2_000),
    "markdown: footnotes and markers": (
        lambda n: read_markdown("".join(f"Text<sup>{i}</sup>.\n\n" for i in range(n)) + "".join(f"<sup>{i}</sup> Note.\n\n" for i in range(n))),
        1_000,
    ),
    "table cell: a figure followed by spaces": (lambda n: is_number("1" + " " * n + "x"), 1_000_000),
    "html: ragged rows": (lambda n: read_html("<table><tr>" + "<td>1" * n + "<tr><td>a" * n + "</table>"), 1_000),
    "text: one line of 250k characters": (lambda n: read_bytes("line.txt", ("word 1937 " * n).encode()), 25_000),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_reading_grows_linearly(shape: str) -> None:
    read, n = SHAPES[shape]
    ratios = []
    for _ in range(2):  # a second try when a busy machine spoilt the first; quadratic fails both (16x)
        small = _best(lambda: read(n))
        large = _best(lambda: read(4 * n))
        ratios.append(large / max(small, 0.002))
        if ratios[-1] < 6:
            break
    assert min(ratios) < 6, f"{shape}: 4n costs {min(ratios):.1f} times n"
