"""Observations from infoboxes: each label–value row read like a phrase of prose ("About 500,000",
"Over 55,000", "123,000–200,000 Chechens and Ingush"), so ranges, bounds and approximations keep
their meaning; the label is the row ("Uzbekistan", "Fatalities"), a section label above it
("Regions with significant populations") says that the figures count people, and a label that
is a place gives the dimension."""

from __future__ import annotations

from typing import Any

from koryo.extract.dates import find_dates
from koryo.extract.quantities import find_quantities
from koryo.model import Cell, Document, Observation, Table
from koryo.places import lookup
from koryo.readers.markup import is_population_label


def _dims(labels: tuple[str, ...], qualifiers: list[Cell]) -> dict[str, Any]:
    dims: dict[str, Any] = {}
    for label in labels:
        place = lookup(label.split(" (")[0])
        if place and place.type in ("country", "region", "city"):
            dims[place.type] = place.name
    for q in qualifiers:
        years = [d for d in find_dates(q.text) if d.precision in ("year", "month", "day")]
        if years:
            dims["year"] = int(years[0].date[:4])
    return dims


def infobox_observations(doc: Document, index: int, table: Table, style: str | None) -> list[Observation]:
    """One observation per figure in the value of each row of an infobox."""
    out: list[Observation] = []
    section = ""
    title = table.title or doc.title
    for row in table.body:
        if len(row) == 1 and not any(ch.isdigit() for ch in row[0].text):
            section = row[0].text  # "Regions with significant populations": the rows below are its
            continue
        label = row[0].text if len(row) > 1 else ""
        value = row[1] if len(row) > 1 else row[0]
        qualifiers = list(row[2:])
        people = is_population_label(section) or is_population_label(label)
        dates = find_dates(value.text, value.start)
        path = tuple(p for p in (section, label) if p)
        for q in find_quantities(value.text, value.start, dates, style):
            unit = q.unit or ("persons" if people else "")
            point = q.value if q.value is not None else (q.low if q.low is not None else q.high)
            flags = ["infobox"] + (["approx"] if q.approx else [])
            if q.low is not None and q.high is None:
                flags.append("lower_bound")
            elif q.high is not None and q.low is None:
                flags.append("upper_bound")
            out.append(Observation(
                table=None, table_index=index, title=title, row=path, col=(), value=point,
                raw=doc.text[q.start : q.end], unit=unit, scale=1, rank=None, flags=tuple(flags), source_note="",
                start=q.start, end=q.end, dims=_dims(path, qualifiers), low=q.low, high=q.high, approx=q.approx,
            ))
    return out
