"""MediaWiki wikitext, including the dump variant that writes templates `[tpl]…[/tpl]`
and starts with a `[[Title]]` line and a `CATEGORIES: …` line.

Citation templates and `<ref>`s leave the running text, as on a rendered page, and are
listed under the References heading (or at the end), so each has its own quotable text;
where each stood is kept as its anchor.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

import mwparserfromhell
from mwparserfromhell.nodes import Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from koryo.errors import MalformedMarkup
from koryo.model import Cell, Citation, Document, Table
from koryo.readers.builder import TextBuilder
from koryo.readers.grid import expand_grid
from koryo.readers.markers import complete_fields
from koryo.readers.tables import CAPTION, header_rows

_TITLE_LINE = re.compile(r"\A\s*\[\[([^\[\]\n|]+)\]\]\s*\n")
_CATEGORIES = re.compile(r"\A\s*CATEGORIES:\s*(.*)\n", re.I)
_REFERENCE_HEADINGS = {"references", "notes", "footnotes", "citations", "sources", "примечания", "источники", "сноски"}
_CITATION_NAMES = re.compile(r"^(cite[ _]?\w*|citation|vcite\w*|sfn\w*|harv\w*)$", re.I)
_SKIP_LINKS = re.compile(r"^\s*:?\s*(file|image|category|media|файл|изображение|категория)\s*:", re.I)
_URL_KEYS = {"url", "archive-url", "archiveurl", "chapter-url", "chapterurl", "website"}


@dataclass
class _Cite:
    key: str
    fields: dict[str, str]
    anchors: list[int] = field(default_factory=list)
    src: int = 0  # where it stood in the source, for the line map


def read_wikitext(source: str, path: str = "") -> Document:
    """Read wikitext into a Document (language and article are filled in by the caller)."""
    title = ""
    meta: dict[str, object] = {}
    body_start = 0
    m = _TITLE_LINE.match(source)
    if m:
        title = m.group(1).strip()
        body_start = m.end()
    c = _CATEGORIES.match(source[body_start:])
    if c:
        meta["categories"] = [x.strip() for x in c.group(1).split(",") if x.strip()]
        body_start += c.end()
    body = _rewrite_dump_templates(source[body_start:], source, body_start, path)
    code = mwparserfromhell.parse(body)
    reader = _Reader(source, body_start)
    reader.collect(code)
    reader.walk(code, body_start)
    reader.flush_references(force=True)
    b = reader.b
    citations = tuple(
        Citation(c.key, "template", c.fields, *reader.rendered[c.key], tuple(c.anchors)) for c in reader.cites
    )
    return Document(
        title=title,
        article="",
        format="wikitext",
        language="",
        text=b.text,
        sections=b.sections(),
        tables=tuple(reader.tables),
        citations=citations,
        line_map=b.line_map(),
        meta=meta,
    )


def _rewrite_dump_templates(body: str, source: str, offset: int, path: str) -> str:
    """`[tpl]…[/tpl]` becomes `{{…}}` padded to the same length, so offsets stay exact."""
    depth = 0
    opened: list[int] = []
    for m in re.finditer(r"\[(/?)tpl\]", body):
        if m.group(1):
            if not opened:
                line = source.count("\n", 0, offset + m.start()) + 1
                raise MalformedMarkup(path, f"[/tpl] without an opening [tpl] at line {line}")
            opened.pop()
        else:
            opened.append(m.start())
        depth = len(opened)
    if depth:
        line = source.count("\n", 0, offset + opened[0]) + 1
        raise MalformedMarkup(path, f"[tpl] opened at line {line} is never closed")
    body = body.replace("[tpl]", "{{   ").replace("[/tpl]", "    }}")
    opens, closes = body.count("{{"), body.count("}}")
    if opens != closes:
        raise MalformedMarkup(path, f"{opens} '{{{{' against {closes} '}}}}': unbalanced template braces")
    return body


class _Reader:
    def __init__(self, source: str, offset: int) -> None:
        self.b = TextBuilder(source)
        self.cites: list[_Cite] = []
        self.by_node: dict[int, _Cite] = {}
        self.by_name: dict[str, _Cite] = {}
        self.rendered: dict[str, tuple[int, int]] = {}
        self.tables: list[Table] = []
        self.offset = offset
        self.pending_caption: tuple[int, str] | None = None

    # -- pass 1: every citation, in order, so the reference list can be written anywhere
    def collect(self, code: Wikicode) -> None:
        for node in code.nodes:
            if isinstance(node, Tag) and str(node.tag).lower() == "ref":
                self._collect_ref(node)
            elif isinstance(node, Template) and _is_citation(node):
                self._new_cite(node, _template_fields(node))
            elif isinstance(node, (Tag, Heading)):
                inner = node.contents if isinstance(node, Tag) else node.title
                if inner is not None:
                    self.collect(inner)

    def _collect_ref(self, node: Tag) -> None:
        name = _attr(node, "name")
        if name and name in self.by_name:
            self.by_node[id(node)] = self.by_name[name]
            return
        if node.self_closing or node.contents is None:
            return
        templates = [t for t in node.contents.filter_templates(recursive=False) if _is_citation(t)]
        fields = _template_fields(templates[0]) if templates else {}
        fields.setdefault("text", node.contents.strip_code().strip())
        cite = self._new_cite(node, fields, name)
        if name:
            self.by_name[name] = cite

    def _new_cite(self, node: object, fields: dict[str, str], name: str = "") -> _Cite:
        cite = _Cite(name or f"cite-{len(self.cites) + 1}", fields)
        self.cites.append(cite)
        self.by_node[id(node)] = cite
        return cite

    # -- pass 2: the running text
    def walk(self, code: Wikicode, at: int) -> None:
        for node in code.nodes:
            s = str(node)
            self.node(node, at)
            at += len(s)

    def node(self, node: object, at: int) -> None:
        b = self.b
        if isinstance(node, Text):
            b.add_text(str(node.value), at)
        elif isinstance(node, Heading):
            title = node.title.strip_code().strip()
            b.break_block()
            if title.lower() in _REFERENCE_HEADINGS:
                b.heading(node.level, title)
                b.add(title, at + node.level)
                b.break_block()
                self.flush_references()
                return
            b.heading(node.level, title)
            inner = str(node.title)
            self.walk_stripped(node.title, at + node.level + (len(inner) - len(inner.lstrip())))
            b.break_block()
        elif isinstance(node, Template):
            cite = self.by_node.get(id(node))
            if cite is not None:
                self.anchor(cite, at)
            else:
                self.inline_template(node, at)
        elif isinstance(node, Tag):
            self.tag(node, at)
        elif isinstance(node, Wikilink):
            if _SKIP_LINKS.match(str(node.title)):
                return
            shown = node.text if node.text is not None else node.title
            s = str(node)
            b.add_text(shown.strip_code(), at + max(s.rfind(str(shown)), 0))
        elif isinstance(node, ExternalLink):
            s = str(node)
            if node.title is not None:
                b.add_text(node.title.strip_code(), at + max(s.rfind(str(node.title)), 0))
            elif not node.brackets:
                b.add(str(node.url), at)
        elif isinstance(node, HTMLEntity):
            b.add(node.normalize(), at)
        elif isinstance(node, Comment):
            return

    def walk_stripped(self, code: Wikicode, at: int) -> None:
        self.b.add(code.strip_code().strip(), at)

    def tag(self, node: Tag, at: int) -> None:
        name = str(node.tag).lower()
        b = self.b
        if name == "ref":
            cite = self.by_node.get(id(node))
            if cite is not None:
                self.anchor(cite, at)
            return
        if name == "references":
            self.flush_references()
            return
        if name == "br":
            b.break_line()
            return
        if name == "table":
            self.table(node, at)
            return
        if name in ("li", "dt", "dd"):
            b.break_line()
        if name in ("p", "div", "blockquote", "pre"):
            b.break_block()
        if name in ("math", "nowiki", "gallery", "timeline", "score"):
            return
        if node.contents is not None:
            s = str(node)
            inner = str(node.contents)
            offset = s.find(inner) if inner else 0
            self.walk(node.contents, at + max(offset, 0))

    def anchor(self, cite: _Cite, at: int) -> None:
        if not cite.anchors:
            cite.src = at
        cite.anchors.append(len(self.b))

    def inline_template(self, node: Template, at: int) -> None:
        name = str(node.name).strip().lower().replace("_", " ")
        params = [str(p.value).strip() for p in node.params if not p.showkey]
        named = {str(p.name).strip().lower(): str(p.value).strip() for p in node.params if p.showkey}
        if name in ("asof", "as of"):
            words = ["As of"] if named.get("lc", "").lower() not in ("y", "yes", "on") else ["as of"]
            if len(params) >= 3 and params[1].isdigit() and params[2].isdigit():
                words.append(f"{calendar.month_name[int(params[1])]} {int(params[2])}, {params[0]}")
            elif len(params) >= 2 and params[1].isdigit() and 1 <= int(params[1]) <= 12:
                words.append(f"{calendar.month_name[int(params[1])]} {params[0]}")
            elif params:
                words.append(params[0])
            self.b.add(" ".join(words), at)
        elif name.startswith("lang") and params:
            self.b.add(mwparserfromhell.parse(params[-1]).strip_code(), at)
        elif name in ("nowrap", "nobr", "small", "big", "abbr") and params:
            self.b.add(mwparserfromhell.parse(params[0]).strip_code(), at)
        elif name == "convert" and len(params) >= 2:
            self.b.add(f"{params[0]} {params[1]}", at)
        # Other templates (infoboxes, navigation, maintenance tags) are not running text.

    def flush_references(self, force: bool = False) -> None:
        todo = [c for c in self.cites if c.key not in self.rendered]
        if not todo:
            return
        b = self.b
        if force and not self.rendered:
            # No reference list in the source: one is added at the end, as MediaWiki would.
            b.break_block()
            b.heading(2, "References")
            b.add("References", todo[-1].src)
            b.break_block()
        for cite in todo:
            b.break_line()
            self.rendered[cite.key] = b.add(render_citation(cite.fields), cite.src)
        b.break_block()

    def table(self, node: Tag, at: int) -> None:
        b = self.b
        b.break_block()
        start = len(b)
        rows: list[list[tuple[Cell, int, int]]] = []
        caption = ""
        s = str(node)
        contents = node.contents.nodes if node.contents is not None else []
        for child in contents:
            if not isinstance(child, Tag):
                continue
            tname = str(child.tag).lower()
            if tname in ("td", "th") and str(child).lstrip().startswith("|+"):
                caption = child.contents.strip_code().strip().lstrip("+").strip() if child.contents is not None else ""
                b.add(caption, at + max(s.find(caption), 0))
                b.break_block()
            elif tname in ("td", "th"):
                if not rows:
                    rows.append([])
                self.table_cell(child, rows[-1], at, s)
            elif tname == "tr":
                rows.append([])
                for cell in child.contents.filter_tags(recursive=False) if child.contents else []:
                    if str(cell.tag).lower() in ("td", "th"):
                        self.table_cell(cell, rows[-1], at, s)
        grid = expand_grid([r for r in rows if r])
        if grid:
            texts = [[c.text for c in r] for r in grid]
            h = header_rows(texts)
            m = CAPTION.match(caption)
            number = int(m.group(1)) if m else None
            title = m.group(2) if m else caption
            self.tables.append(Table(number, title, "", start, len(b), tuple(map(tuple, grid[:h])), tuple(map(tuple, grid[h:]))))
        b.break_block()

    def table_cell(self, cell: Tag, row: list[tuple[Cell, int, int]], at: int, s: str) -> None:
        b = self.b
        if row:
            b.add("\t", at)
        else:
            b.break_line()
        text = cell.contents.strip_code().strip() if cell.contents is not None else ""
        where = at + max(s.find(str(cell.contents)), 0) if cell.contents is not None else at
        cstart, cend = b.add(text, where)
        row.append((Cell(text, cstart, cend), _span(cell, "rowspan"), _span(cell, "colspan")))


def _span(tag: Tag, name: str) -> int:
    value = _attr(tag, name)
    return int(value) if value.isdigit() and 0 < int(value) < 1000 else 1


def _attr(tag: Tag, name: str) -> str:
    for attr in tag.attributes:
        if str(attr.name).strip().lower() == name:
            return str(attr.value).strip().strip("\"'") if attr.value is not None else ""
    return ""


def _is_citation(node: Template) -> bool:
    return bool(_CITATION_NAMES.match(str(node.name).strip()))


def _template_fields(node: Template) -> dict[str, str]:
    """The template's parameters as found, a URL split by a stray `|` mended, plus
    `author` and `date` derived from last/first and year when they are absent."""
    fields: dict[str, str] = {"template": str(node.name).strip()}
    last_key = ""
    for param in node.params:
        value = param.value.strip_code().strip() if param.value else ""
        if not param.showkey:
            if last_key in _URL_KEYS and fields.get(last_key):
                fields[last_key] += "|" + str(param.value).strip()
                continue
            key = str(param.name).strip()
        else:
            key = str(param.name).strip().lower()
            if key in _URL_KEYS:
                value = str(param.value).strip()
        fields[key] = value
        last_key = key
    return complete_fields(fields)


def render_citation(fields: dict[str, str]) -> str:
    """One line as a reference list shows it: author (date). title. where. url."""
    parts = []
    if fields.get("author"):
        parts.append(fields["author"])
    if fields.get("date"):
        parts.append(f"({fields['date']})")
    head = " ".join(parts)
    out = [head] if head else []
    for key in ("title", "chapter", "periodical", "journal", "work", "website", "newspaper", "publisher", "location", "pages", "isbn", "doi", "url"):
        if fields.get(key):
            out.append(f"\u201c{fields[key]}\u201d" if key == "title" else fields[key])
    if not out and fields.get("text"):
        out.append(fields["text"])
    return ". ".join(x.rstrip(".") for x in out) + "."
