"""A coverage-guided fuzz target over every reader, for long runs (atheris, libFuzzer's engine):

    pip install atheris
    python tests/fuzz/atheris_readers.py -max_total_time=3600 -rss_limit_mb=4096 tests/fuzz/atheris-corpus

The first byte picks the reader, the rest is its input. An input that makes a reader raise
anything but koryo's own error, or return a document whose anchors do not quote its text,
stops the run and is written to ./crash-…; replay it with `python tests/fuzz/atheris_readers.py crash-…`.
Seed the corpus folder with the samples first: `python tests/fuzz/atheris_readers.py --seed DIR`."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import atheris  # noqa: E402

with atheris.instrument_imports():
    from koryo.readers import read_bytes
    from koryo.readers.html import read_html
    from koryo.readers.markdown import read_markdown
    from koryo.readers.pdf import read_pdf
    from koryo.readers.text import read_text
    from koryo.readers.wikitext import read_wikitext

from tests.fuzz.corpus import TEXTS, read_or_reject  # noqa: E402

READERS = (
    lambda data: read_or_reject(read_markdown, data.decode("utf-8", "replace")),
    lambda data: read_or_reject(read_html, data.decode("utf-8", "replace"), "fuzz.html"),
    lambda data: read_or_reject(read_wikitext, data.decode("utf-8", "replace"), "fuzz.wiki"),
    lambda data: read_or_reject(read_text, data.decode("utf-8", "replace")),
    lambda data: read_or_reject(read_pdf, data, "fuzz.pdf"),
    lambda data: read_or_reject(read_bytes, "fuzz", data),
)


def one_input(data: bytes) -> None:
    if data:
        READERS[data[0] % len(READERS)](data[1:])


def seed(folder: str) -> None:
    """Write a starting corpus: each sample and seed document once per reader."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    pdfs = [p.read_bytes() for p in (ROOT / "samples").glob("*.pdf")]
    for n, text in enumerate(TEXTS):
        for reader in (0, 1, 2, 3, 5):
            (out / f"text-{n}-{reader}").write_bytes(bytes([reader]) + text[:20000].encode())
    for n, pdf in enumerate(pdfs):
        (out / f"pdf-{n}").write_bytes(bytes([4]) + pdf)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--seed"]:
        seed(sys.argv[2])
    else:
        atheris.Setup(sys.argv, one_input)
        atheris.Fuzz()
