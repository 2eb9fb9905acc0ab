"""How a period is printed for a reader: "the 10th century", "late 1930s", "1947 – 1949", never "0900 – 0999"."""

from __future__ import annotations

import re


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _thirds(lo: int, hi: int) -> dict[tuple[int, int], str]:
    """The spans of the whole and of its early, middle and late thirds (as koryo.extract.dates makes them)."""
    third = (hi - lo + 1) // 3
    return {(lo, hi): "", (lo, lo + third - 1): "early ", (lo + third, hi - third): "mid ", (hi - third + 1, hi): "late "}


def _year(iso: str) -> str:
    """An ISO date as printed: a year before 1000 without its leading zeros."""
    return re.sub(r"^0+(?=\d)", "", iso)


def period_label(date: str, end_date: str, precision: str) -> str:
    """A period in words where it is a century or decade (or a third of one), else its dates."""
    if precision in ("century", "decade") and re.fullmatch(r"\d{4}", date) and re.fullmatch(r"\d{4}", end_date):
        lo, hi = int(date), int(end_date)
        size = 100 if precision == "century" else 10
        base = lo - lo % size
        qualifier = _thirds(base, base + size - 1).get((lo, hi))
        if qualifier is not None:
            return qualifier + (f"{_ordinal(base // 100 + 1)} century" if size == 100 else f"{base}s")
        if lo % size == 0 and hi % size == size - 1:  # "the 30-50s": whole decades or centuries
            return f"{lo}s – {hi - size + 1}s" if size == 10 else f"{_ordinal(lo // 100 + 1)} – {_ordinal(hi // 100 + 1)} centuries"
    if date == end_date:
        return _year(date)
    return f"{_year(date)} – {_year(end_date)}"
