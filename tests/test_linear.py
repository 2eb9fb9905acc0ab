"""Readers and extractors take time linear in their input: for each hostile shape, reading 4n costs
less than 6 times reading n (a quadratic reader costs 16 times; each of these once took seconds to
minutes); and storing a document costs the same however many are stored."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from koryo.extract import Extracted, extract
from koryo.extract.dates import find_dates
from koryo.extract.entities import find_mentions
from koryo.extract.sentences import sentences
from koryo.model import Document
from koryo.readers import read_bytes
from koryo.readers.html import read_html
from koryo.readers.inline import parse_inline
from koryo.readers.markdown import read_markdown
from koryo.readers.tables import is_number
from koryo.store import Store
from tests.conftest import seed


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
    "wikitext: 4,000 <ref> citations": (lambda n: read_bytes("refs.wiki", _cited(n).encode()), 1_000),
    # extractors, over what a reader gives
    "dates: one sentence of many years": (lambda n: find_dates("In 1937, " * n, 0, "en"), 2_000),
    "entities: lone surnames among many mentions": (lambda n: _mentions(
        "Emomali Rahmon met Lee Seong-kweun in Dushanbe. " + "Later Rahmon and Lee went to Tashkent and Samarkand. " * n), 500),
    "sentences: one line of many": (lambda n: sentences(Document(title="", article="", format="text", language="en", text="It rose. " * n)), 20_000),
    "extract: a long document of organisations, places and cited figures": (
        lambda n: extract(read_bytes("long.wiki", _cited(n, "The Korean Cultural Center in Seoul teaches migrants from Kazakhstan. ").encode())[1]),
        100,
    ),
}


def _mentions(text: str) -> object:
    doc = Document(title="", article="", format="text", language="en", text=text)
    return find_mentions(doc, sentences(doc))


def _cited(n: int, more: str = "") -> str:
    """A wiki article of `n` cited sentences, five to a paragraph."""
    return "'''Koryo-saram'''\n\n== History ==\n" + "".join(
        f"In {1900 + i % 100} about {i + 10} people moved to Tashkent. {more}"
        f"<ref>{{{{cite web|url=http://example.org/{i}|title=Report {i}}}}}</ref>" + ("\n\n" if i % 5 == 4 else " ")
        for i in range(n)
    )


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


def test_storing_a_document_costs_the_same_however_many_copies_are_stored(tmp_path: Path) -> None:
    """Counted in SQLite's virtual-machine steps: the 240th copy of a text costs what the 120th did
    (looking for its mirrors once read every stored copy: the 240th cost twice the 120th)."""
    text = seed("000").read_text(encoding="utf-8")
    store = Store(str(tmp_path / "copies.db"))
    steps = [0]

    def step() -> int:
        steps[0] += 1
        return 0

    cost = {}
    store.db.set_progress_handler(step, 100)
    for i in range(241):
        source, doc = read_bytes(f"{i:03d}.txt", f"{text}\n\nCopy {i}.\n".encode())
        steps[0] = 0
        assert store.add(source, doc, Extracted()) is not None
        cost[i] = steps[0]
    store.close()
    assert cost[240] < 1.2 * cost[120], (cost[120], cost[240])
