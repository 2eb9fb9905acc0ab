"""HTML pages: headings, paragraphs, lists, tables with rowspan/colspan and their
captions, Wikipedia-style footnotes (`<sup><a href="#note">` → `<li id="note">`), and the page's own
facts from its head (`<link rel=canonical>`, `og:`/`article:` and `author`/`description` meta) and
its byline (`<time datetime>`)."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from koryo.errors import MalformedMarkup
from koryo.model import Cell, Citation, Document, Table
from koryo.readers.builder import TextBuilder
from koryo.readers.grid import expand_grid
from koryo.readers.tables import CAPTION, SOURCE_NOTE, header_rows

_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "button", "select", "form"}
_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul", "ol", "dl",
    "blockquote", "pre", "figure", "figcaption", "address", "hr", "details", "summary",
}
_LINES = {"li", "dt", "dd", "br", "tr"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SPACE = re.compile(r"\s+")
_ENTER, _TAIL, _LEAVE = range(3)
_CAPTION_MAX = 1000
# libxml2 keeps elements nested deeper than this out of the tree; such a page is rejected, not cut.
_MAX_DEPTH = 2048


def read_html(source: str, path: str = "") -> Document:
    """Read an HTML page into a Document (language and article are filled in by the caller)."""
    parser = lxml.html.HTMLParser(huge_tree=True)  # without it libxml2 drops what lies 256 levels deep
    try:
        root = lxml.html.document_fromstring(source, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise MalformedMarkup(path, str(exc)) from exc
    if any("Excessive depth" in e.message for e in parser.error_log):
        raise MalformedMarkup(path, f"elements nested more than {_MAX_DEPTH:,} levels deep")
    r = _Reader(source)
    title_el = root.find(".//title")
    body = root.find("body")
    r.walk(body if body is not None else root)
    head = page_meta(root)
    title = head.get("og:title") or (_SPACE.sub(" ", title_el.text_content()).strip() if title_el is not None else "")
    if not title:
        h1 = root.find(".//h1")
        title = _SPACE.sub(" ", h1.text_content()).strip() if h1 is not None else ""
    lang = (root.get("lang") or "").split("-")[0].lower()
    b = r.b
    notes = [
        Citation(key, "footnote", fields, start, end, tuple(r.refs.get(key, ())))
        for key, (fields, start, end) in r.notes.items()
    ]
    return Document(
        title=title,
        article="",
        format="html",
        language=lang,
        text=b.text,
        sections=b.sections(),
        tables=tuple(r.tables),
        citations=tuple(sorted(notes + r.source_notes, key=lambda c: c.start)),
        line_map=b.line_map(),
        meta={"description": head["description"]} if head.get("description") else {},
        url=head.get("url", ""),
        published=head.get("published", ""),
        author=head.get("author", ""),
    )


# The names pages give their own facts under, best first (Open Graph, article:, Dublin Core, Highwire).
_META = {
    "og:title": ("og:title",),
    "url": ("og:url",),
    "published": ("article:published_time", "datepublished", "date", "pubdate", "publish-date", "dc.date.issued",
                  "dc.date", "citation_publication_date", "og:published_time"),
    "author": ("author", "article:author", "dc.creator", "citation_author"),
    "description": ("description", "og:description"),
}
_DATE_PLACE = re.compile(r"byline|dateline|publish|posted|meta|date", re.I)


def page_meta(root: etree._Element) -> dict[str, str]:
    """A page's URL, headline, date, author and description as its markup gives them."""
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().casefold()
        value = _SPACE.sub(" ", el.get("content") or "").strip()
        if name and value:
            found.setdefault(name, value)
    out = {}
    for role, names in _META.items():
        # an author given as a profile URL names no one
        values = [found[n] for n in names if n in found and not (role == "author" and found[n].startswith(("http:", "https:")))]
        if values:
            out[role] = values[0]
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").casefold().split() and el.get("href", "").startswith(("http:", "https:")):
            out["url"] = el.get("href", "").strip()
            break
    if "author" not in out:
        named = next((el for el in root.iter("a") if "author" in (el.get("rel") or "").casefold().split()), None)
        name = _SPACE.sub(" ", named.text_content()).strip() if named is not None else ""
        if 0 < len(name) <= 80:
            out["author"] = name
    if "published" not in out:
        stamp = _published_time(root)
        if stamp:
            out["published"] = stamp
    return out


def _published_time(root: etree._Element) -> str:
    """The `<time datetime>` of the page's byline or header: one marked as the publication date, or
    one inside a header or a byline/date block. Other times in the body are the events'."""
    for el in root.iter("time"):
        stamp = (el.get("datetime") or "").strip()
        if not stamp:
            continue
        if el.get("itemprop", "").casefold() == "datepublished" or el.get("pubdate") is not None:
            return stamp
        for depth, up in enumerate(el.iterancestors()):
            if up.tag in ("header", "body"):
                if up.tag == "header":
                    return stamp
                break
            if depth < 3 and _DATE_PLACE.search(f"{up.get('class', '')} {up.get('id', '')}"):
                return stamp
    return ""


class _Reader:
    def __init__(self, source: str) -> None:
        self.b = TextBuilder(source)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.tables: list[Table] = []
        self.notes: dict[str, tuple[dict[str, str], int, int]] = {}
        self.refs: dict[str, list[int]] = {}
        self.source_notes: list[Citation] = []
        self.last_caption: tuple[int, int, str] | None = None

    def src(self, el: etree._Element) -> int:
        line = getattr(el, "sourceline", None) or 1
        return self._line_starts[min(line, len(self._line_starts)) - 1]

    def inline(self, text: str | None, el: etree._Element) -> None:
        if not text:
            return
        text = _SPACE.sub(" ", text)
        if self.b.at_space:
            text = text.lstrip(" ")
        self.b.add(text, self.src(el))

    def walk(self, top: etree._Element) -> None:
        """Read the tree in document order without recursion: pages nest elements
        thousands deep, past Python's recursion limit."""
        todo: list[tuple[int, etree._Element, int]] = [(_ENTER, top, 0)]
        while todo:
            step, el, block_start = todo.pop()
            if step == _TAIL:
                self.inline(el.tail, el)
            elif step == _LEAVE:
                self.leave(el, block_start)
            else:
                opened = self.enter(el)
                if opened is not None:
                    todo.append((_LEAVE, el, opened))
                    for child in reversed(el):
                        if isinstance(child.tag, str):
                            todo.append((_TAIL, child, 0))
                        todo.append((_ENTER, child, 0))

    def enter(self, el: etree._Element) -> int | None:
        """Write what stands before an element's children; None when they are not to be read."""
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            if not tag:  # a comment or processing instruction: only its tail is text
                self.inline(el.tail, el)
            return None
        b = self.b
        if tag in _HEADINGS:
            text = _SPACE.sub(" ", el.text_content()).strip()
            b.break_block()
            if text:
                b.heading(_HEADINGS[tag], text)
                b.add(text, self.src(el))
            b.break_block()
            return None
        if tag == "table":
            self.table(el)
            return None
        if tag == "sup" and self.footnote_ref(el):
            return None
        if tag == "li" and el.get("id") and el.getparent() is not None and el.getparent().tag == "ol":
            self.footnote(el)
            return None
        if el.get("data-koryo-read"):
            return None
        if tag in _BLOCKS:
            b.break_block()
        elif tag in _LINES:
            b.break_line()
        block_start = len(b)
        self.inline(el.text, el)
        return block_start

    def leave(self, el: etree._Element, block_start: int) -> None:
        if el.tag.lower() not in _BLOCKS:
            return
        self.b.break_block()
        # A "Table N. …" paragraph just before a table is its caption. Only short blocks with
        # no blocks inside are looked at, so nested blocks do not gather the same text again.
        if len(self.b) - block_start > _CAPTION_MAX or any(isinstance(c.tag, str) and c.tag.lower() in _BLOCKS for c in el):
            return
        text = _SPACE.sub(" ", el.text_content()).strip()
        self.last_caption = (block_start, len(self.b), text) if CAPTION.match(text) else None

    def footnote_ref(self, el: etree._Element) -> bool:
        a = el.find(".//a")
        href = a.get("href", "") if a is not None else ""
        if not href.startswith("#"):
            return False
        self.refs.setdefault(href[1:], []).append(len(self.b))
        return True

    def footnote(self, el: etree._Element) -> None:
        b = self.b
        text = _SPACE.sub(" ", el.text_content()).strip()
        if not text:
            return  # an empty note cites nothing (and its span would lie past the text's end)
        b.break_line()
        start, end = b.add(text, self.src(el))
        fields = {"text": text}
        for a in el.iter("a"):
            href = a.get("href", "")
            if href.startswith(("http://", "https://")):
                fields["url"] = href
                break
        self.notes[el.get("id", "")] = (fields, start, end)
        b.break_line()

    def table(self, el: etree._Element) -> None:
        b = self.b
        caption_el = el.find("caption")
        caption = _SPACE.sub(" ", caption_el.text_content()).strip() if caption_el is not None else ""
        b.break_block()
        start = len(b)
        if not caption and self.last_caption and self.last_caption[1] == len(b):
            start, _, caption = self.last_caption
        if caption_el is not None and caption:
            b.add(caption, self.src(caption_el))
            b.break_block()
        rows: list[list[tuple[Cell, int, int]]] = []
        thead_rows = 0
        end = len(b)
        for tr in el.iter("tr"):
            if _nearest_table(tr) is not el:
                continue
            b.break_line()
            row = []
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                    continue
                if row:
                    b.add("\t", self.src(cell))
                text = _SPACE.sub(" ", cell.text_content()).strip()
                cs, ce = b.add(text, self.src(cell))
                end = ce  # the table ends with its last cell, not with a line break after it
                row.append((Cell(text, cs, ce), _int(cell.get("rowspan")), _int(cell.get("colspan"))))
            parent = tr.getparent()
            in_head = parent is not None and parent.tag == "thead"
            all_th = bool(row) and all(c.tag.lower() == "th" for c in tr if isinstance(c.tag, str))
            if (in_head or all_th) and thead_rows == len(rows):
                thead_rows += 1
            rows.append(row)
        grid = expand_grid([r for r in rows if r])
        m = CAPTION.match(caption)
        if grid:
            texts = [[c.text for c in r] for r in grid]
            h = thead_rows or header_rows(texts)
            table = Table(
                int(m.group(1)) if m else None,
                (m.group(2) if m else caption).strip(),
                "",
                max(start, 0),
                end,
                tuple(map(tuple, grid[:h])),
                tuple(map(tuple, grid[h:])),
            )
            self.tables.append(table)
            self.pending_source(el, table)
        b.break_block()

    def pending_source(self, el: etree._Element, table: Table) -> None:
        # "Source: …" in the element right after the table is its source note.
        nxt = el.getnext()
        if nxt is None or not isinstance(nxt.tag, str):
            return
        text = _SPACE.sub(" ", nxt.text_content()).strip()
        sm = SOURCE_NOTE.match(text)
        if not sm:
            return
        b = self.b
        b.break_block()
        start, end = b.add(text, self.src(nxt))
        b.break_block()
        nxt.set("data-koryo-read", "1")
        note = " ".join(sm.group(1).split())
        self.tables[-1] = Table(table.number, table.title, note, table.start, end, table.header, table.body)
        fields = {"text": note}
        link = nxt.find(".//a")
        if link is not None and link.get("href", "").startswith("http"):
            fields["url"] = link.get("href", "")
        self.source_notes.append(Citation(f"source-table-{table.number or len(self.tables)}", "source_note", fields, start, end, (table.start,)))


def _nearest_table(el: etree._Element) -> etree._Element | None:
    p = el.getparent()
    while p is not None and p.tag != "table":
        p = p.getparent()
    return p


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 1000 else 1
