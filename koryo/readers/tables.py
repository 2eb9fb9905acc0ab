"""What all readers share about tables: captions, source notes, and where the header ends."""

from __future__ import annotations

import re

from koryo.model import Cell

# "Table 8. Title", "Table 12 – Title", "Таблица 3. …"
CAPTION = re.compile(r"^\s*(?:Table|Tab\.|Таблица|Табл\.|Tabelle|Tableau|Tabla|표)\s*(\d{1,3})\s*[.:\-–—]?\s*(.*)$", re.I)
SOURCE_NOTE = re.compile(r"^\s*(?:Sources?|Источник(?:и)?|Quelle|Fuente|출처)\s*:\s*(.*)$", re.I | re.S)

# Possessive runs (`*+`): white space is never handed back from one run to the next, so a cell
# of many spaces fails at once instead of after trying every split of them.
_NUMBER = re.compile(r"^[\s(]*+[-+−–]?\s*+[$€£₸₩]?\s*+\d[\d\s,.\u00a0\u202f']*+%?\s*+(\(.*\))?[*]?\s*$")
_YEARISH = re.compile(r"^\s*(1[5-9]\d\d|20\d\d)(\s*[-–]\s*(1[5-9]\d\d|20\d\d))?\s*$")
LONG_CELL = 200


def fits_grid(cells: int, rows: int, width: int) -> bool:
    """Whether rows of ragged length padded to `width` make a table rather than mostly padding:
    one row of 10,000 tabs over 10,000 short lines is text, not a 100-million-cell table."""
    return rows * width <= 8 * cells + 100_000


def is_number(text: str) -> bool:
    """A cell that holds a figure (not a year used as a label)."""
    return bool(_NUMBER.match(text)) and not _YEARISH.match(text)


def is_data_like(text: str) -> bool:
    return is_number(text) or text.strip() in {"-", "–", "—"}


def header_rows(rows: list[list[str]]) -> int:
    """How many leading rows are header rows.

    The first row is a header unless it is running text (a table of paragraphs). Later
    rows join the header while they only continue it: an empty first cell (the corner or
    a spanned label), short labels, and no figures other than years.
    """
    if not rows:
        return 0
    first = [c for c in rows[0] if c.strip()]
    if not first or any(len(c) > LONG_CELL for c in first) or sum(is_data_like(c) for c in first) > len(first) // 2:
        return 0
    n = 1
    for row in rows[1:]:
        cells = [c for c in row if c.strip()]
        if row and row[0].strip():
            break
        if not cells or any(len(c) > LONG_CELL or is_data_like(c) for c in cells):
            break
        n += 1
    return n


def cells_text(row: tuple[Cell, ...] | list[Cell]) -> list[str]:
    return [c.text for c in row]
