"""Readers: one module per format; `read_file` sniffs the content and picks one."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from koryo.errors import NoText, RejectedFile, TooLarge
from koryo.model import Document, Source
from koryo.readers.html import read_html
from koryo.readers.markdown import read_markdown
from koryo.readers.pdf import read_pdf
from koryo.readers.sniff import decode, is_pdf, sniff_text
from koryo.readers.text import read_text
from koryo.readers.wikitext import read_wikitext

DEFAULT_MAX_SIZE = 100 * 1024 * 1024

# Languages the detector tells apart: those of migration corridors koryo is used on.
# Fewer languages keep detection fast and small (see DESIGN.md §7).
LANGUAGES = ("en", "ru", "ko", "kk", "uz", "ky", "tg", "uk", "zh", "ja", "de", "fr", "es", "tr", "vi", "mn")


def read_file(path: str | os.PathLike[str], max_size: int = DEFAULT_MAX_SIZE) -> tuple[Source, Document]:
    """Read one file into a `Document`, or raise a `RejectedFile` naming it and the reason."""
    p = Path(path)
    size = p.stat().st_size
    if size > max_size:
        raise TooLarge(str(p), f"{size:,} bytes > {max_size:,}")
    data = p.read_bytes()
    return read_bytes(str(p), data)


def read_bytes(path: str, data: bytes) -> tuple[Source, Document]:
    """Read a file's bytes (as if from `path`) into a `Document`."""
    sha = hashlib.sha256(data).hexdigest()
    name = Path(path).name
    if is_pdf(data):
        doc = read_pdf(data, path)
        encoding = "binary"
    else:
        text, encoding = decode(path, data)
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        fmt = sniff_text(text, Path(path).suffix)
        if fmt == "html":
            doc = read_html(text, path)
        elif fmt == "wikitext":
            doc = read_wikitext(text, path)
        elif fmt == "markdown":
            doc = read_markdown(text)
        else:
            doc = read_text(text)
    if not doc.text.strip():
        raise NoText(path)
    _check_offsets(path, doc)
    title = doc.title or Path(path).stem
    doc = Document(
        title=title,
        article=article_key(title),
        format=doc.format,
        language=doc.language or detect_language(doc.text),
        text=doc.text,
        sections=doc.sections,
        tables=doc.tables,
        citations=doc.citations,
        line_map=doc.line_map,
        meta=doc.meta,
        url=doc.url,
        published=doc.published,
        author=doc.author,
    )
    return Source(path=path, name=name, sha256=sha, size=len(data), encoding=encoding), doc


_SITE_SUFFIX = re.compile(r"\s+[-–—|:]\s+(wikipedia|википедия|위키백과|wikipédia|wikipedia, the free encyclopedia)\b.*$", re.I)


def article_key(title: str) -> str:
    """Revisions and mirrors of one article share this key: the title, case- and space-folded,
    without a site's suffix ("Koryo-saram - Wikipedia")."""
    folded = unicodedata.normalize("NFKC", title).casefold().replace("_", " ")
    folded = _SITE_SUFFIX.sub("", re.sub(r"\s+", " ", folded).strip())
    return folded.strip()


def _check_offsets(path: str, doc: Document) -> None:
    """A reader bug must not reach the store: every anchored range lies inside the text."""
    n = len(doc.text)
    spans = [(s.start, s.end) for s in doc.sections] + [(t.start, t.end) for t in doc.tables]
    spans += [(c.start, c.end) for t in doc.tables for row in t.header + t.body for c in row]
    spans += [(c.start, c.end) for c in doc.citations]
    for start, end in spans:
        if not 0 <= start <= end <= n:
            raise RejectedFile(path, f"reader produced an out-of-range span {start}-{end}")
    for t in doc.tables:
        for row in t.header + t.body:
            for c in row:
                if doc.text[c.start : c.end] != c.text:
                    raise RejectedFile(path, f"table cell {c.text!r} does not match its span")


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES if hasattr(IsoCode639_1, code.upper())]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's main language, judged on a sample of its prose."""
    sample = " ".join(line for line in text[:20000].splitlines() if len(line) > 40)[:4000] or text[:4000]
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language else "und"
