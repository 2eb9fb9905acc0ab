"""Mirrors and language editions: documents that are one article under other names.

Mirrors (the same text on several sites, in one language, revisions drifting apart) are found by
near-duplicate detection: a MinHash signature of the text's word shingles (`datasketch`), banded
for locality-sensitive lookup in the store, then the estimated Jaccard similarity. Language
editions of a wiki article share the page name in their URL (`/wiki/Koryo-saram` on `it.` and
`en.`); a page name, or the title, is also how two mirrors of one article meet when their revisions
differ a lot: a document keeps a band of its own title even when its text filed it under another's.
"""

from __future__ import annotations

import hashlib
import re
import struct
from urllib.parse import unquote

from datasketch import MinHash

PERMUTATIONS = 64
BANDS = 16  # 16 bands of 4 rows: pairs above ~0.5 similarity share a band with high probability
SHINGLE = 3  # words
# Measured on third-party texts (exact Jaccard of the running text's 3-word shingles): mirrors of one
# article score 0.43–0.77, revisions far apart 0.13, different pages on one subject at most 0.08.
MIRROR_SIMILARITY = 0.25
# Only running text is signed: the lines around it differ between the sites that copy one article
# (menus, a series box, "Look at other dictionaries", an infobox drawn another way, a reference
# list cut short) and make unrelated pages of one site look alike. A line of running text has
# this many words, or characters (a language written without spaces).
PROSE_WORDS = 8
PROSE_CHARS = 80
FALLBACK_WORDS = 10_000  # a text with no running text at all is signed by its first words

_WORD = re.compile(r"\w+")
_MARK = re.compile(r"\[[^\[\]\n]{1,30}\]")  # "[1]", "[citation needed]", "[edit]": one site prints them, another not
_WIKI_PAGE = re.compile(r"/wiki/([^/?#]+)")


def signature(text: str) -> bytes:
    """The MinHash signature of the word shingles of the text's running text, as bytes for the store."""
    signer = Signer()
    signer.update(text)
    return signer.signature()


def running_words(text: str) -> tuple[list[str], list[str]]:
    """The words of the text's lines of running text, and those of its other lines, casefolded."""
    prose: list[str] = []
    other: list[str] = []
    for line in text.split("\n"):
        line = _MARK.sub(" ", line)
        words = [w.casefold() for w in _WORD.findall(line)]
        (prose if len(words) >= PROSE_WORDS or len(line.strip()) >= PROSE_CHARS else other).extend(words)
    return prose, other


class Signer:
    """`signature` of a text given piece by piece (pieces joined by blank lines): the shingles
    that span two pieces are those of the whole text, since a blank line is no word."""

    def __init__(self) -> None:
        self.hash = MinHash(num_perm=PERMUTATIONS, seed=1)
        self.tail: list[str] = []  # the last words, that begin the shingles the next piece ends
        self.shingled = False
        self.other: list[str] = []  # the first words of the other lines, while no running text is found

    def update(self, text: str) -> None:
        prose, other = running_words(text)
        if not self.shingled:
            self.other += other[: FALLBACK_WORDS - len(self.other)]
        self.tail = self._add(self.tail + prose)

    def _add(self, words: list[str]) -> list[str]:
        shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
        if shingles:
            self.hash.update_batch([s.encode("utf-8") for s in shingles])
            self.shingled = True
        return words[-(SHINGLE - 1) :] if SHINGLE > 1 else []

    def signature(self) -> bytes:
        if not self.shingled:  # no running text: all the words
            words = self.tail + self.other
            self._add(words)
            if not self.shingled:  # fewer words than a shingle: the one shingle of them all
                self.hash.update(" ".join(words).encode("utf-8"))
        return struct.pack(f"<{PERMUTATIONS}I", *(int(v) & 0xFFFFFFFF for v in self.hash.hashvalues))


def bands(sig: bytes) -> list[int]:
    """One key per band of the signature (the band's number mixed in), for an indexed lookup."""
    rows = len(sig) // BANDS
    return [hash_band(i, sig[i * rows : (i + 1) * rows]) for i in range(BANDS)]


def hash_band(index: int, chunk: bytes) -> int:
    # A stable 63-bit key (Python's hash() changes between processes).
    value = int.from_bytes(chunk[:8].ljust(8, b"\0"), "little") ^ (index * 0x9E3779B97F4A7C15)
    return value & 0x7FFFFFFFFFFFFFFF


def name_band(name: str) -> int:
    """The band key of a document's own name (its title, folded): a document filed under a
    mirror's article is still found by its own title, by the next revision saved under it."""
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=8, person=b"koryo-name").digest()
    return int.from_bytes(digest, "little") & 0x7FFFFFFFFFFFFFFF


def document_bands(sig: bytes, name: str) -> list[int]:
    """Every band key a stored document is found by: its signature's, and its name's."""
    return sorted(set(bands(sig)) | ({name_band(name)} if name else set()))


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
