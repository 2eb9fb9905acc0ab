"""Readers: one module per format; `read_file` sniffs the content and picks one."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from koryo.errors import NoText, RejectedFile, TooLarge
from koryo.language import detect_language
from koryo.model import Document, Source
from koryo.readers.html import read_html
from koryo.readers.markdown import read_markdown
from koryo.readers.markers import references
from koryo.readers.metadata import byline, dated_by_line, first_words, iso_date, top_date, url_date, url_title
from koryo.readers.pdf import read_pdf
from koryo.readers.sniff import decode, is_pdf, sniff_text
from koryo.readers.text import read_text
from koryo.readers.wikitext import read_wikitext

DEFAULT_MAX_SIZE = 100 * 1024 * 1024



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
    return Source(path=path, name=name, sha256=sha, size=len(data), encoding=encoding), finish(path, doc)


def finish(path: str, doc: Document) -> Document:
    """A reader's document checked, with what the text tells of it filled in: its title,
    language, marker citations, date and author."""
    if not doc.text.strip():
        raise NoText(path)
    check_offsets(path, doc)
    title = doc.title or url_title(doc.url) or first_words(doc.text) or Path(path).stem
    return Document(
        title=title,
        article=article_key(title),
        format=doc.format,
        language=doc.language or detect_language(doc.text),
        text=doc.text,
        sections=doc.sections,
        tables=doc.tables,
        # markers left in saved text ("[3]") point at its reference list; the markup readers link their own
        citations=references(doc.text, doc.sections, doc.citations) if doc.format in ("text", "markdown") else doc.citations,
        line_map=doc.line_map,
        meta=doc.meta,
        url=doc.url,
        # the document's own date: stated in its header, else on a date line at its top, else a dateline's
        # day in the URL's year, else in its URL
        published=iso_date(doc.published) or top_date(doc.text, doc.tables) or dated_by_line(doc.text, doc.url) or url_date(doc.url),
        author=doc.author or byline(doc.text),
    )


_SITE_SUFFIX = re.compile(r"\s+[-–—|:]\s+(wikipedia|википедия|위키백과|wikipédia|wikipedia, the free encyclopedia)\b.*$", re.I)


def article_key(title: str) -> str:
    """Revisions and mirrors of one article share this key: the title, case- and space-folded,
    without a site's suffix ("Koryo-saram - Wikipedia")."""
    folded = unicodedata.normalize("NFKC", title).casefold().replace("_", " ")
    folded = _SITE_SUFFIX.sub("", re.sub(r"\s+", " ", folded).strip())
    return folded.strip()


def check_offsets(path: str, doc: Document) -> None:
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
