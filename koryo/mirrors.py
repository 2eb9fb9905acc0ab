"""Mirrors and language editions: documents that are one article under other names.

Mirrors (the same text on several sites, in one language, revisions drifting apart) are found by
near-duplicate detection: a MinHash signature of the text's word shingles (`datasketch`), banded
for locality-sensitive lookup in the store, then the estimated Jaccard similarity. Language
editions of a wiki article share the page name in their URL (`/wiki/Koryo-saram` on `it.` and
`en.`); a page name is also how two mirrors of one article meet when their revisions differ a lot.
"""

from __future__ import annotations

import re
import struct
from urllib.parse import unquote

from datasketch import MinHash

PERMUTATIONS = 64
BANDS = 16  # 16 bands of 4 rows: pairs above ~0.5 similarity share a band with high probability
SHINGLE = 3  # words
# Measured on third-party texts (3-word shingles): mirrors of one article score
# 0.30–0.55, revisions far apart 0.16, different pages on one subject at most 0.14.
MIRROR_SIMILARITY = 0.25

_WORD = re.compile(r"\w+")
_WIKI_PAGE = re.compile(r"/wiki/([^/?#]+)")


def signature(text: str) -> bytes:
    """The MinHash signature of the text's word shingles, as bytes for the store."""
    signer = Signer()
    signer.update(text)
    return signer.signature()


class Signer:
    """`signature` of a text given piece by piece (pieces joined by blank lines): the shingles
    that span two pieces are those of the whole text, since a blank line is no word."""

    def __init__(self) -> None:
        self.hash = MinHash(num_perm=PERMUTATIONS, seed=1)
        self.tail: list[str] = []  # the last words, that begin the shingles the next piece ends
        self.shingled = False

    def update(self, text: str) -> None:
        words = self.tail + [w.casefold() for w in _WORD.findall(text)]
        shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
        if shingles:
            self.hash.update_batch([s.encode("utf-8") for s in shingles])
            self.shingled = True
        self.tail = words[-(SHINGLE - 1) :] if SHINGLE > 1 else []

    def signature(self) -> bytes:
        if not self.shingled:  # fewer words than a shingle: the one shingle of them all
            self.hash.update(" ".join(self.tail).encode("utf-8"))
        return struct.pack(f"<{PERMUTATIONS}I", *(int(v) & 0xFFFFFFFF for v in self.hash.hashvalues))


def bands(sig: bytes) -> list[int]:
    """One key per band of the signature (the band's number mixed in), for an indexed lookup."""
    rows = len(sig) // BANDS
    return [hash_band(i, sig[i * rows : (i + 1) * rows]) for i in range(BANDS)]


def hash_band(index: int, chunk: bytes) -> int:
    # A stable 63-bit key (Python's hash() changes between processes).
    value = int.from_bytes(chunk[:8].ljust(8, b"\0"), "little") ^ (index * 0x9E3779B97F4A7C15)
    return value & 0x7FFFFFFFFFFFFFFF


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two signatures."""
    n = len(a) // 4
    va, vb = struct.unpack(f"<{n}I", a), struct.unpack(f"<{n}I", b)
    return sum(1 for x, y in zip(va, vb) if x == y) / n


def wiki_page(url: str) -> str:
    """The page name a wiki URL gives ("/wiki/Deportation_of_Koreans_in_the_Soviet_Union.html" →
    "deportation of koreans in the soviet union"), or ""."""
    m = _WIKI_PAGE.search(url)
    if not m:
        return ""
    name = unquote(m.group(1))
    name = re.sub(r"\.(?:html?|php)$", "", name, flags=re.I)
    name = re.sub(r"_[0-9a-f]{4}$", "", name)  # static wiki dumps add a hash: "…_Tatars_52d8"
    return " ".join(name.replace("_", " ").split()).casefold()
