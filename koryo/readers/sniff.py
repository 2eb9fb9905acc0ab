"""Decide what a file is from its bytes (the extension is only a hint) and decode its text."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from koryo.errors import BinaryFile, EmptyFile, UnknownEncoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Bytes that never occur in text of any encoding we read (NUL aside, handled with UTF-16).
_CONTROL = bytes([*range(0, 9), 11, *range(14, 27), *range(28, 32)])


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Return `(text, encoding)`; reject empty, binary and undecodable files."""
    if not data.strip():
        raise EmptyFile(path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise UnknownEncoding(path, f"{encoding} byte order mark, but {exc.reason}") from exc
    head = data[:65536]
    if b"\x00" in head:
        even_nuls = head[0::2].count(0)
        odd_nuls = head[1::2].count(0)
        # UTF-16 without a BOM: NULs stand only in the high byte of each pair (ASCII
        # characters: all of Latin text, the spaces and digits of Cyrillic text).
        if odd_nuls > len(head) // 40 and even_nuls == 0:
            return _strict(path, data, "utf-16-le")
        if even_nuls > len(head) // 40 and odd_nuls == 0:
            return _strict(path, data, "utf-16-be")
        raise BinaryFile(path, "contains NUL bytes")
    controls = len(head) - len(head.translate(None, _CONTROL))
    if controls > max(2, len(head) // 200):
        raise BinaryFile(path, f"{controls} control bytes in the first {len(head)}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        # Mostly UTF-8 with some bytes that are not: a damaged or mixed file, not a code page.
        if len(_UTF8_MULTIBYTE.findall(data)) >= 3:
            line = data.count(b"\n", 0, exc.start) + 1
            raise UnknownEncoding(path, f"invalid UTF-8 at byte {exc.start} (line {line}); the file mixes encodings") from exc
    best = from_bytes(data, steps=8, chunk_size=2048).best()
    if best is None or best.encoding is None:
        raise UnknownEncoding(path)
    text = str(best)
    if text.count("\ufffd") > len(text) // 1000:
        raise UnknownEncoding(path, f"best guess {best.encoding} gives replacement characters")
    return text, best.encoding


def _strict(path: str, data: bytes, encoding: str) -> tuple[str, str]:
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise UnknownEncoding(path, f"looks like {encoding}, but {exc.reason}") from exc


_HTML = re.compile(r"^\s*(<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<html\b)", re.I)
_HTML_BLOCKS = re.compile(r"<(body|div|p|table|h[1-6]|ul|article|section|head|title)\b", re.I)
_WIKI_SIGNS = (
    re.compile(r"^\[\[[^\[\]\n]+\]\]\s*$", re.M),
    re.compile(r"\[tpl\]"),
    re.compile(r"\{\{\s*[Cc]it(e|ation)\b"),
    re.compile(r"<ref[\s>]"),
    re.compile(r"'''[^'\n]+'''"),
    re.compile(r"\[\[[^\[\]\n]+\]\]"),
)
_MD_SIGNS = (
    re.compile(r"^#{1,6}\s+\S", re.M),
    re.compile(r"\*\*[^*\n]+\*\*"),
    re.compile(r"^\s*<sup>\d+</sup>", re.M),
    re.compile(r"^\|.*\|\s*\n\|\s*:?-{3,}", re.M),
    re.compile(r"\[[^\[\]\n]+\]\(https?://[^)\s]+\)"),
)
_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".wiki": "wikitext",
    ".mediawiki": "wikitext",
    ".txt": "text",
    ".pdf": "pdf",
}


def sniff_text(text: str, suffix: str = "") -> str:
    """Name the text format: html, wikitext, markdown or text."""
    head = text[:200_000]
    if _HTML.match(head) or len(_HTML_BLOCKS.findall(head[:5000])) >= 3 and head.lstrip().startswith("<"):
        return "html"
    wiki = sum(1 for sign in _WIKI_SIGNS if sign.search(head))
    md = sum(1 for sign in _MD_SIGNS if sign.search(head))
    hint = _EXTENSIONS.get(suffix.lower(), "")
    # The extension breaks a tie: a Markdown file may quote wikitext, and the other way round.
    if hint == "markdown" and (md >= 2 or md and wiki < 3):
        return "markdown"
    if wiki >= 2 or (wiki and hint == "wikitext"):
        return "wikitext"
    if md >= 2 or (md and hint == "markdown"):
        return "markdown"
    if hint in ("html", "wikitext", "markdown") and (wiki or md or hint == "html"):
        return hint
    return "text"
