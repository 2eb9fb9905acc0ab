"""Rows of cells with rowspan/colspan expanded into a rectangular grid."""

from __future__ import annotations

from koryo.model import Cell
from koryo.readers.tables import fits_grid


def expand_grid(rows: list[list[tuple[Cell, int, int]]]) -> list[list[Cell]]:
    """Each `(cell, rowspan, colspan)` fills every position it spans with the same cell,
    so a spanned header is part of the path of every column under it."""
    grid: dict[tuple[int, int], Cell] = {}
    cells = sum(len(row) for row in rows)
    # A row span stops at the last row (as in HTML); spans that would fill more of the grid
    # than the table could hold are ignored, and a grid that is mostly padding is no table.
    area = sum(min(rs, len(rows) - r) * cs for r, row in enumerate(rows) for _, rs, cs in row)
    spans = fits_grid(cells, 1, area)
    for r, row in enumerate(rows):
        c = 0
        for cell, rowspan, colspan in row:
            while (r, c) in grid:
                c += 1
            rowspan, colspan = (min(rowspan, len(rows) - r), colspan) if spans else (1, 1)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid.setdefault((r + dr, c + dc), cell)
            c += colspan
    if not grid:
        return []
    height = max(r for r, _ in grid) + 1
    width = max(c for _, c in grid) + 1
    if not fits_grid(cells, height, width):
        return []
    out = []
    for r in range(height):
        row = []
        for c in range(width):
            if (r, c) in grid:
                row.append(grid[(r, c)])
            else:
                # A missing cell stands where the row ended: empty, at the last cell's end.
                prev = row[-1] if row else next((grid[(r, k)] for k in range(width) if (r, k) in grid), None)
                at = prev.end if prev else 0
                row.append(Cell("", at, at))
        out.append(row)
    return out
