"""How a table reads: which columns are labels, each column's header path, each row's path,
row groups ("Kazakhstan" over its years), headers repeated inside the body, and whether the
table holds figures at all (job advertisements and press lists stay text tables)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from koryo.model import Cell, Table
from koryo.numbers import parse_number

_MARK = re.compile(r"\s*[*†‡]+$")


@dataclass(frozen=True)
class Row:
    """A body row as read: `data`, a `group` label over the rows below, or a `subheader`."""

    kind: str
    path: tuple[str, ...]
    col_paths: tuple[tuple[str, ...], ...]
    cells: tuple[Cell, ...]
    marked: bool = False  # a label carried a note mark ("Turkestan*")


@dataclass(frozen=True)
class Layout:
    numeric: bool
    label_cols: int
    corner: tuple[str, ...]
    rows: tuple[Row, ...]


def clean_label(text: str) -> str:
    return " ".join(_MARK.sub("", text).split())


def _is_figure(text: str) -> bool:
    n = parse_number(text)
    return n.value is not None or "missing" in n.flags and bool(text.strip())


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"\s*(1[5-9]\d\d|20\d\d)\s*", text))


def header_paths(rows: list[list[str]], ncols: int, first_data: int) -> list[tuple[str, ...]]:
    """Column paths from header rows, outermost first.

    An empty upper header cell over a column that has a header below it is covered by the
    cell to its left (a colspan lost in conversion), as long as both sit under the same parent.
    """
    grid = [[(r[j] if j < len(r) else "").strip() for j in range(ncols)] for r in rows]
    filled = [row[:] for row in grid]
    for r in range(len(grid)):
        for j in range(first_data + 1, ncols):
            if filled[r][j] or not filled[r][j - 1]:
                continue
            below = any(grid[k][j] for k in range(r + 1, len(grid)))
            same_parent = all(filled[k][j] == filled[k][j - 1] for k in range(r))
            if below and same_parent:
                filled[r][j] = filled[r][j - 1]
    paths = []
    for j in range(ncols):
        path: list[str] = []
        for r in range(len(filled)):
            t = " ".join(filled[r][j].split())
            if t and (not path or path[-1] != t):
                path.append(t)
        paths.append(tuple(path))
    return paths


@lru_cache(maxsize=64)  # observations and table flows both read a document's tables
def read_layout(table: Table) -> Layout:
    ncols = table.cols
    body = [[c.text for c in row] for row in table.body]
    header = [[c.text for c in row] for row in table.header]
    label_cols = 0
    for j in range(ncols):
        cells = [r[j] for r in body if j < len(r) and r[j].strip()]
        figures = sum(1 for t in cells if _is_figure(t) and not _is_year(t))
        if cells and figures / len(cells) >= 0.5:
            break
        label_cols += 1
    if label_cols >= ncols:
        return Layout(False, ncols, (), tuple(Row("text", (), (), row) for row in table.body))
    col_paths = header_paths(header, ncols, label_cols)
    kinds = []
    for row in body:
        data = [t for t in row[label_cols:] if t.strip()]
        if not data:
            kinds.append("group" if any(t.strip() for t in row[:label_cols]) else "empty")
        elif not any(_is_figure(t) for t in data):
            kinds.append("subheader")
        else:
            kinds.append("data")
    corner = tuple(clean_label(t) for t in (header[0][:label_cols] if header else []) if t.strip())
    group = ""
    if "subheader" in kinds and corner:
        # The header's corner names the first group when the body repeats the header for others.
        group, corner = " ".join(corner), ()
    rows = []
    paths = tuple(col_paths)
    for kind, cells in zip(kinds, table.body):
        labels = [c.text for c in cells[:label_cols] if c.text.strip()]
        marked = any(_MARK.search(t) for t in labels)
        if kind == "group":
            group = clean_label(" ".join(labels))
            rows.append(Row("group", (group,), paths, cells, marked))
        elif kind == "subheader":
            group = clean_label(" ".join(labels)) if labels else group
            sub = header_paths([[c.text for c in cells]], ncols, label_cols)
            paths = tuple(col_paths[j] if j < label_cols else sub[j] for j in range(ncols))
            rows.append(Row("subheader", (group,) if group else (), paths, cells, marked))
        elif kind == "data":
            path = ((group,) if group else ()) + tuple(clean_label(t) for t in labels)
            rows.append(Row("data", path, paths, cells, marked))
        else:
            rows.append(Row("empty", (), paths, cells))
    data_cells = [c.text for r in rows if r.kind == "data" for c in r.cells[label_cols:] if c.text.strip()]
    figures = [t for t in data_cells if _is_figure(t)]
    numeric = len(figures) >= 2 and len(figures) >= 0.6 * len(data_cells)
    return Layout(numeric, label_cols, corner, tuple(rows))
