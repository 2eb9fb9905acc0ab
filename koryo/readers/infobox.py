"""Infoboxes and key–value blocks in text saved from web pages: runs of short label–value lines,
glued ("Uzbekistan174,200[1]", "LocationPrimorsky Krai"), separated ("- Fatalities: 40,000",
"Uzbekistan | 176,000[1] |"), with flags ("Flag of Kazakhstan Kazakhstan 100,385") and section
labels ("Regions with significant populations"). Each becomes the rows of a table of kind
`infobox`; cells are spans of the line, reference marks left outside them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from koryo.places import lookup
from koryo.readers.markup import is_infobox_label

# (line index, start, end): a cell as a span of one stripped line
CellRef = tuple[int, int, int]

_REFS = re.compile(r"(?:\s*\[\s*(?:\d{1,3}|[a-z]|note\s*\d+)\s*\])+\s*$", re.I)
_KV = re.compile(r"^(?P<lead>[-–•*·]\s*)?(?P<label>[^\W\d_][^:]{0,48}?)\s*:\s+(?P<value>\S.*?)\s*$")
_GLUED = re.compile(
    r"^(?P<label>[^\W\d_](?:[^\d\[\]:|]{0,60}?(?:[^\W\d_]|\)))?)(?P<gap>\s*)"
    r"(?P<value>(?:[~≈]\s*)?\d[\d,.\u00a0\u202f ]*\d|\d)(?:\s*\[\s*\w{1,3}\s*\])*\s*$"
)
_FLAG = re.compile(r"^Flag of\s+(?P<name>.+?)\s+(?=(?P=name)$)")
_SENTENCE_END = re.compile(r"[.!?…][\"'”»)\]]*$")
_PIPE = re.compile(r"\|")
_RULE = re.compile(r"^[\s|:\-–—]+$")


@dataclass(frozen=True)
class Box:
    """Lines `first`..`last` (inclusive) make an infobox; `title` is its caption line, if any."""

    first: int
    last: int
    title: int | None
    rows: tuple[tuple[CellRef, ...], ...]


@dataclass(frozen=True)
class _Item:
    kind: str  # label | value | pair | short | prose
    cells: tuple[CellRef, ...]


def _trim(line: str, a: int, b: int) -> tuple[int, int]:
    """The span without surrounding space, a stray closing pipe and trailing reference marks."""
    m = _REFS.search(line, a, b)
    if m and m.start() > a:
        b = m.start()
    while a < b and line[a].isspace():
        a += 1
    while b > a and (line[b - 1].isspace() or line[b - 1] == "|"):
        b -= 1
    return a, b


def _label_span(line: str, a: int, b: int) -> tuple[int, int]:
    """A glued label without a flag's alt text: "Flag of Kazakhstan Kazakhstan" and "Ukraine Ukraine"
    are "Kazakhstan" and "Ukraine" (the name as it stands last)."""
    text = line[a:b]
    m = _FLAG.match(text)
    if m:
        return a + m.end(), b
    words = text.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        second = text.rfind(words[half], 0) if half == 1 else text.index(" ".join(words[half:]), len(words[0]))
        return a + second, b
    return a, b


def _classify(line: str, index: int) -> _Item:
    if _PIPE.search(line) and line.count("|") >= 2:
        return _pipe_item(line, index)
    n = len(line)
    if is_infobox_label(line):
        return _Item("label", ((index, *_trim(line, 0, n)),))
    if n > 250 or n > 60 and _SENTENCE_END.search(line) and len(line.split()) > 12:
        return _Item("prose", ((index, 0, n),))
    if line.startswith("(") and line.endswith(")") and n <= 60:
        return _Item("qualifier", ((index, 0, n),))  # "(in December, 2022)": of the row above
    m = _KV.match(line)
    if m and len(m.group("label").split()) <= 6 and not m.group("value").startswith("//"):
        la, lb = _trim(line, m.start("label"), m.end("label"))
        return _Item("pair", ((index, la, lb), (index, *_trim(line, m.start("value"), n))))
    m = _GLUED.match(line)
    # "Uzbekistan174,200", "Flag of Kazakhstan Kazakhstan 100,385"; but "About 500,000" is a value
    if m and len(m.group("label").split()) <= 6 and (not m.group("gap") or m.group("label").startswith("Flag of ")
                                                      or lookup(m.group("label"))):
        la, lb = _label_span(line, *_trim(line, m.start("label"), m.end("label")))
        return _Item("pair", ((index, la, lb), (index, *_trim(line, m.start("value"), n))))
    glued = _glued_label(line)
    if glued:
        return _Item("pair", ((index, 0, glued), (index, *_trim(line, glued, n))))
    if _SENTENCE_END.search(line) and n > 60:
        return _Item("prose", ((index, 0, n),))
    if n <= 40 and any(c.isdigit() for c in line):
        return _Item("value", ((index, *_trim(line, 0, n)),))
    return _Item("short", ((index, *_trim(line, 0, n)),))


def _glued_label(line: str) -> int:
    """Where a known label glued to its value ends ("LocationPrimorsky Krai" → 8), else 0."""
    for end in range(min(len(line) - 1, 40), 2, -1):
        if (line[end].isupper() or line[end].isdigit()) and line[end - 1].isalpha() and line[end - 1].islower():
            if is_infobox_label(line[:end]):
                return end
    return 0


def _pipe_item(line: str, index: int) -> _Item:
    if _RULE.match(line):
        return _Item("rule", ())
    cells: list[CellRef] = []
    pos = 0
    for part in line.split("|"):
        a, b = _trim(line, pos, pos + len(part))
        if b > a:
            cells.append((index, a, b))
        pos += len(part) + 1
    if not cells:
        return _Item("rule", ())
    if len(cells) == 1:
        _, a, b = cells[0]
        text = line[a:b]
        kind = "label" if is_infobox_label(text) else "value" if len(text) <= 40 and any(c.isdigit() for c in text) else "short"
        return _Item(kind, tuple(cells))
    return _Item("pair" if len(cells) == 2 else "row", tuple(cells))


def find_boxes(lines: list[str]) -> list[Box]:
    """Infoboxes among stripped lines ("" for a blank line)."""
    items = [_classify(line, i) if line else _Item("blank", ()) for i, line in enumerate(lines)]
    boxes: list[Box] = []
    i = 0
    while i < len(items):
        if items[i].kind in ("blank", "prose"):
            i += 1
            continue
        j = i
        while j < len(items) and items[j].kind not in ("blank", "prose"):
            j += 1
        box = _box(lines, items, i, j)
        if box:
            boxes.append(box)
        i = j
    return boxes


def _box(lines: list[str], items: list[_Item], i: int, j: int) -> Box | None:
    """The infobox in the run of items i..j-1, if the run is one: at least two label–value rows, or
    a known label with a value."""
    run = items[i:j]
    pairs = sum(1 for it in run if it.kind == "pair")
    labels = sum(1 for it in run if it.kind == "label")
    values = sum(1 for it in run if it.kind in ("value", "pair"))
    if pairs < 2 and not (labels and values):
        return None
    if any(it.kind == "row" for it in run):
        return None  # a table of several columns, not label–value lines
    first = next(k for k in range(i, j) if items[k].kind in ("label", "pair", "value"))
    title = first - 1 if first > i and items[first - 1].kind == "short" else None
    start = title if title is not None else first
    rows: list[tuple[CellRef, ...]] = []
    kept = [it for it in items[first:j] if it.kind != "rule"]
    k = 0
    while k < len(kept):
        it = kept[k]
        nxt = kept[k + 1] if k + 1 < len(kept) else None
        if it.kind == "label" and nxt is not None and nxt.kind in ("value", "short"):
            rows.append(it.cells + nxt.cells)
            k += 2
            continue
        if it.kind == "qualifier" and rows:
            rows[-1] = rows[-1] + it.cells
        else:
            rows.append(it.cells)
        k += 1
    return Box(start, j - 1, title, tuple(rows))
