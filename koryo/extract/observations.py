"""Observations: every data cell of every numeric table, with its header paths, value, unit,
scale, rank, flags and the dimensions users filter on (year, country, region, city, sex)."""

from __future__ import annotations

import re
from typing import Any

from koryo.extract.infobox import infobox_observations
from koryo.extract.layout import Layout, read_layout
from koryo.model import Document, Observation, Table
from koryo.numbers import currency_of, parse_number, scale_of, separator_style
from koryo.places import lookup

TOTAL = re.compile(r"^(total|grand total|sum|all|subtotal|всего|итого|итог|합계|계)\b", re.I)
_PEOPLE = {
    "migrants", "residents", "people", "persons", "youth", "refugees", "workers", "students", "citizens",
    "population", "foreigners", "immigrants", "emigrants", "applicants", "deportees", "inhabitants",
    "men", "women", "children", "brides", "grooms", "spouses", "nationals", "koreans",
}
_NUMBER_OF = re.compile(
    r"number of\s+((?:[\w-]+\s+){0,3}?[\w-]+?)(?=\s+(?:in|from|by|of|for|to|on|at|who|with)\b|\s*[(,-]|\s*$)", re.I
)
_PER = re.compile(r"per\s+(\d[\d\s,.]*)\s+(population|people|persons|inhabitants|residents)", re.I)
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1
)}
_MONTH_YEAR = re.compile(r"^(?P<month>[A-Za-z]+)\.?,?\s+(?P<year>1[5-9]\d\d|20\d\d)$")
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_PERIOD = re.compile(r"^(1[5-9]\d\d|20\d\d)\s*[-–]\s*(1[5-9]\d\d|20\d\d)$")
_SEX = {"men": "male", "male": "male", "males": "male", "мужчины": "male", "women": "female", "female": "female",
        "females": "female", "женщины": "female"}


def table_unit(title: str) -> str:
    """The unit a caption implies: "(mln. tenge)" → KZT, "Number of marriage migrants" → persons."""
    currency = currency_of(title)
    if currency:
        return currency
    if re.search(r",\s*(persons|people)\s*\)?\s*$", title, re.I):
        return "persons"
    return _counted(title) or ("persons" if re.search(r"\bpersons\b|\bpeople\b", title, re.I) else "")


def _counted(text: str) -> str:
    """What "number of …" counts: persons for people, else the counted noun ("applications")."""
    m = _NUMBER_OF.search(text)
    if not m:
        return ""
    words = [w.lower() for w in m.group(1).split()]
    return "persons" if any(w in _PEOPLE for w in words) else words[-1]


def label_unit(text: str) -> str:
    """The unit a row or column label states, if any."""
    t = text.strip()
    if "%" in t or re.search(r"\b(share|percent|per cent|proportion)\b", t, re.I):
        return "%"
    m = _PER.search(t)
    if m:
        n = parse_number(m.group(1).strip())
        count = f"{int(n.value):,}" if n.value is not None else m.group(1).strip()
        return f"per {count} {m.group(2).lower()}"
    currency = currency_of(t)
    if currency:
        return currency
    if re.search(r",\s*(people|persons)\b|\(persons\)|^persons$|^people$", t, re.I):
        return "persons"
    return _counted(t)


def dims_of(row: tuple[str, ...], col: tuple[str, ...], title: str) -> dict[str, Any]:
    dims: dict[str, Any] = {}
    for part in (*col, *row):
        p = part.strip()
        if "year" not in dims and "period" not in dims:
            if _YEAR.match(p):
                dims["year"] = int(p)
                continue
            m = _MONTH_YEAR.match(p)
            if m and m.group("month").lower() in _MONTHS:
                dims["year"] = int(m.group("year"))
                dims["month"] = _MONTHS[m.group("month").lower()]
                continue
            m = _PERIOD.match(p)
            if m:
                dims["period"] = f"{m.group(1)}-{m.group(2)}"
                continue
        if p.lower() in _SEX and "sex" not in dims:
            dims["sex"] = _SEX[p.lower()]
            continue
        place = lookup(p)
        if place and place.type in ("country", "region", "city") and place.type not in dims:
            dims[place.type] = place.name
    if "year" not in dims and "period" not in dims:
        years = re.findall(r"\((1[5-9]\d\d|20\d\d)\)", title)
        if len(years) == 1:
            dims["year"] = int(years[0])
    return dims


def document_style(doc: Document) -> str | None:
    return separator_style([doc.text]) or separator_style([], doc.language)


def table_observations(doc: Document, index: int, table: Table, layout: Layout, style: str | None) -> list[Observation]:
    if not layout.numeric:
        return []
    lc = layout.label_cols
    data_rows = [r for r in layout.rows if r.kind == "data"]
    styles = {}
    table_style = separator_style([c.text for r in data_rows for c in r.cells[lc:]]) or style  # once, not per column
    for j in range(lc, table.cols):
        texts = [r.cells[j].text for r in data_rows if j < len(r.cells)]
        styles[j] = separator_style(texts) or table_style
    base_unit = table_unit(table.title)
    all_percent = _shares_of_100(layout)
    out = []
    for row in data_rows:
        row_unit = next((u for u in (label_unit(t) for t in row.path) if u), "")
        for j in range(lc, min(len(row.cells), table.cols)):
            cell = row.cells[j]
            if not cell.text.strip():
                continue
            n = parse_number(cell.text, styles[j])
            col = row.col_paths[j] if j < len(row.col_paths) else ()
            col_unit = next((u for u in (label_unit(t) for t in reversed(col)) if u), "")
            unit = n.unit or row_unit or col_unit or ("%" if all_percent else "") or base_unit
            scale = next((s for s in (scale_of(t) for t in (*col, *row.path, table.title)) if s != 1), 1)
            flags = list(n.flags)
            if row.marked:
                flags.append("marked_label")
            out.append(
                Observation(
                    table=table.number, table_index=index, title=table.title, row=row.path, col=col,
                    value=n.value, raw=cell.text, unit=unit, scale=scale if unit not in ("%",) else 1,
                    rank=n.rank, flags=tuple(flags), source_note=table.source_note,
                    start=cell.start, end=cell.end, dims=dims_of(row.path, col, table.title),
                )
            )
    return out


def _shares_of_100(layout: Layout) -> bool:
    """A table whose total row reads 100 in every column is a table of percentages."""
    for row in layout.rows:
        if row.kind == "data" and row.path and TOTAL.match(row.path[-1]):
            values = [parse_number(c.text).value for c in row.cells[layout.label_cols:] if c.text.strip()]
            if values and all(v is not None and abs(v - 100) < 1e-9 for v in values):
                return True
    return False


def observations(doc: Document) -> list[Observation]:
    """Every data cell of every numeric table of the document."""
    style = document_style(doc)
    out: list[Observation] = []
    for index, table in enumerate(doc.tables):
        if table.kind == "infobox":
            out.extend(infobox_observations(doc, index, table, style))
        else:
            out.extend(table_observations(doc, index, table, read_layout(table), style))
    return out
