"""Checks: where a document's own tables contradict themselves.

- `malformed`: a cell that is not a well-formed figure ("251,04,"), with the value the
  table's totals imply when they do;
- `total`: a total row or column that is not the sum of its parts;
- `share_sum`: percentages that should make 100 and do not;
- `share`: a percentage that is not its count over the total, where the table shows both;
- `cross_table`: the same series given by two tables, differing in some cells.

Every comparison allows for the rounding of the printed figures, so clean tables raise nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from koryo.extract.observations import TOTAL
from koryo.model import Check, CheckCell, Observation

_SUBSET = re.compile(r"^(including|incl\.?|of which|of them|в том числе|из них)\b", re.I)


def _cell(o: Observation) -> CheckCell:
    return CheckCell(o.table, o.row, o.col, o.value, o.raw, o.start, o.end)


def _decimals(o: Observation) -> int:
    raw = o.raw.split("%")[0].split("(")[0].strip()
    m = re.search(r"[.,](\d{1,2})$", raw)
    return len(m.group(1)) if m else 0


def _tolerance(cells: Iterable[Observation]) -> float:
    """Rounding slack: half a unit of the last printed digit for each figure summed."""
    return sum(0.5 * 10 ** -_decimals(o) for o in cells if _decimals(o)) + 1e-9


def _num(o: Observation) -> float:
    return o.value if o.value is not None else 0.0


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if abs(v - round(v)) < 1e-9 else f"{v:,.2f}".rstrip("0").rstrip(".")


def checks(observations: list[Observation]) -> list[Check]:
    """All findings for one document's observations."""
    by_table: dict[int, list[Observation]] = defaultdict(list)
    for o in observations:
        if "infobox" not in o.flags:  # an infobox lists only the larger parts of its totals
            by_table[o.table_index].append(o)
    found: list[Check] = []
    for obs in by_table.values():
        found += _table_checks(obs)
    found += _cross_table(by_table)
    return found


def _table_checks(obs: list[Observation]) -> list[Check]:
    out: list[Check] = []
    implied: dict[tuple[int, int], float] = {}
    out += _total_rows(obs, implied)
    out += _total_cols(obs, implied)
    out += _shares(obs)
    out += _sex_shares(obs)
    for o in obs:
        if "malformed" in o.flags:
            expected = implied.get((o.start, o.end))
            note = f"'{o.raw}' is not a well-formed figure"
            if expected is not None:
                note += f"; the parts sum to {_fmt(expected)}"
            out.append(Check("malformed", o.table, (_cell(o),), expected, None, note))
    return out


def _grid(obs: list[Observation]) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], dict[tuple[tuple[str, ...], tuple[str, ...]], Observation]]:
    rows: list[tuple[str, ...]] = []
    cols: list[tuple[str, ...]] = []
    cells = {}
    for o in obs:
        if o.row not in rows:
            rows.append(o.row)
        if o.col not in cols:
            cols.append(o.col)
        cells[(o.row, o.col)] = o
    return rows, cols, cells


def _compare(total: Observation, parts: list[Observation], what: str, implied: dict[tuple[int, int], float]) -> list[Check]:
    """A total against its parts; a percentage total only when it says 100."""
    if total.unit == "%" and (total.value is None or abs(total.value - 100) > 1e-9):
        return []
    kind = "share_sum" if total.unit == "%" else "total"
    if len(parts) < 2 or any("malformed" in p.flags for p in parts):
        return []
    expected = sum(_num(p) for p in parts)
    if total.value is None:
        if "malformed" in total.flags:
            implied[(total.start, total.end)] = expected
        return []
    if abs(total.value - expected) <= _tolerance([total, *parts]):
        return []
    if any(p.value is None for p in parts):
        return []  # a part not given ("-") may hide the difference
    note = f"{what}: the parts sum to {_fmt(expected)}, the table gives {_fmt(total.value)} (off by {_fmt(total.value - expected)})"
    return [Check(kind, total.table, (_cell(total), *map(_cell, parts)), expected, total.value, note)]


def _total_rows(obs: list[Observation], implied: dict[tuple[int, int], float]) -> list[Check]:
    rows, cols, cells = _grid(obs)
    out: list[Check] = []
    for total_row in rows:
        if not total_row or not TOTAL.match(total_row[-1]):
            continue
        group = total_row[:-1]
        parts_rows = [r for r in rows if r != total_row and r[:-1] == group and r and not TOTAL.match(r[-1])]
        for col in cols:
            total = cells.get((total_row, col))
            if total is None:
                continue
            parts = [cells[(r, col)] for r in parts_rows if (r, col) in cells and cells[(r, col)].unit == total.unit]
            out += _compare(total, parts, f"Table {total.table}, '{total_row[-1]}' row, column '{' / '.join(col)}'", implied)
    return out


def _total_cols(obs: list[Observation], implied: dict[tuple[int, int], float]) -> list[Check]:
    rows, cols, cells = _grid(obs)
    out: list[Check] = []
    for total_col in cols:
        if not total_col or not TOTAL.match(total_col[-1]):
            continue
        parent = total_col[:-1]
        members = [
            c for c in cols
            if c != total_col and c[: len(parent)] == parent and len(c) > len(parent)
            and not any(TOTAL.match(p) or _SUBSET.match(p) for p in c[len(parent):])
        ]
        # A total split by sex: "Marriage migrants / Total number" = Men + Women.
        sex_parts = [c for c in cols if c != total_col and c[-1:] == total_col[-1:] and len(c) == len(total_col)]
        for row in rows:
            total = cells.get((row, total_col))
            if total is None:
                continue
            parts = [cells[(row, c)] for c in members if (row, c) in cells and cells[(row, c)].unit == total.unit]
            if not parts:
                parts = [cells[(row, c)] for c in sex_parts if (row, c) in cells and cells[(row, c)].dims.get("sex")]
                if {p.dims.get("sex") for p in parts} != {"male", "female"}:
                    continue
            label = " / ".join(row) or "the row"
            out += _compare(total, parts, f"Table {total.table}, {label}, column '{' / '.join(total_col)}'", implied)
    return out


def _shares(obs: list[Observation]) -> list[Check]:
    """A percentage column read against the counts beside it: of the column's total, or of the row's."""
    rows, cols, cells = _grid(obs)
    total_rows = [r for r in rows if r and TOTAL.match(r[-1])]
    body_rows = [r for r in rows if r not in total_rows]
    pct_cols = [c for c in cols if any(cells[(r, c)].unit == "%" for r in rows if (r, c) in cells)]
    count_cols = [c for c in cols if c not in pct_cols]
    out: list[Check] = []
    for p in pct_cols:
        best: tuple[float, list[tuple[Observation, float]]] | None = None
        for c in _candidates(p, count_cols):
            for hypothesis in ("column", "row"):
                pairs = []
                for r in body_rows:
                    share, count = cells.get((r, p)), cells.get((r, c))
                    if share is None or count is None or share.value is None or count.value is None:
                        continue
                    if hypothesis == "column":
                        tot = next((cells[(t, c)] for t in total_rows if (t, c) in cells), None)
                    else:
                        tot = next((cells[(r, t)] for t in cols if t != c and t[-1:] == c[-1:] and not t[:-1] == c[:-1]
                                    and (r, t) in cells and not cells[(r, t)].dims.get("sex")), None)
                    if tot is None or not tot.value:
                        continue
                    pairs.append((share, count.value / tot.value * 100))
                if len(pairs) < 3:
                    continue
                fits = sum(abs(s.value - e) <= _tolerance([s]) + 0.05 for s, e in pairs if s.value is not None)
                score = fits / len(pairs)
                if score >= 0.6 and (best is None or score > best[0]):
                    best = (score, pairs)
        if best is None:
            continue
        for share, expected in best[1]:
            assert share.value is not None
            if abs(share.value - expected) > _tolerance([share]) + 0.05:
                note = f"Table {share.table}, {' / '.join(share.row)}: {share.raw} printed, the counts give {expected:.1f}%"
                out.append(Check("share", share.table, (_cell(share),), round(expected, 2), share.value, note))
    return out


def _sex_shares(obs: list[Observation]) -> list[Check]:
    """Men's and women's shares of one row make 100."""
    rows, cols, cells = _grid(obs)
    out: list[Check] = []
    for row in rows:
        shares = [cells[(row, c)] for c in cols if (row, c) in cells and cells[(row, c)].unit == "%" and cells[(row, c)].dims.get("sex")]
        if {o.dims["sex"] for o in shares} != {"male", "female"} or len(shares) != 2 or any(o.value is None for o in shares):
            continue
        total = sum(_num(o) for o in shares)
        if abs(total - 100) > _tolerance(shares):
            note = f"Table {shares[0].table}, {' / '.join(row)}: the shares of men and women make {_fmt(total)}%, not 100%"
            out.append(Check("share_sum", shares[0].table, tuple(map(_cell, shares)), 100.0, total, note))
    return out


def _candidates(p: tuple[str, ...], count_cols: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Count columns a percentage column may be read against: its siblings first, then the last."""
    siblings = [c for c in count_cols if c[:-1] == p[:-1] and p[:-1]]
    return siblings or count_cols[-1:]


def _cross_table(by_table: dict[int, list[Observation]]) -> list[Check]:
    """Series (a row across years, a column across countries) that two tables share.

    Two series are the same indicator when they agree on at least half of their common keys
    (three at least); the keys where they then differ are reported.
    """
    series: list[tuple[int, str, dict[str, Observation]]] = []
    for index, obs in by_table.items():
        rows: dict[tuple[str, ...], dict[str, Observation]] = defaultdict(dict)
        cols: dict[tuple[str, ...], dict[str, Observation]] = defaultdict(dict)
        for o in obs:
            if o.value is None or o.unit == "%":
                continue
            year = o.dims.get("year")
            if year is not None and "month" not in o.dims:
                rows[o.row][str(year)] = o
            if o.row:
                cols[o.col][o.row[-1].casefold()] = o
        series += [(index, "row", s) for s in rows.values() if len(s) >= 3]
        series += [(index, "col", s) for s in cols.values() if len(s) >= 3]
    out: list[Check] = []
    seen: set[tuple[int, int]] = set()
    for i, (ti, kind_i, a) in enumerate(series):
        for tj, kind_j, b in series[i + 1 :]:
            if ti == tj or kind_i != kind_j:
                continue
            keys = [k for k in a if k in b]
            if len(keys) < 3:
                continue
            same = [k for k in keys if a[k].value == b[k].value]
            if len(same) < 3 or len(same) * 2 < len(keys):
                continue
            for k in keys:
                x, y = a[k], b[k]
                if x.value == y.value or (x.start, y.start) in seen:
                    continue
                seen.add((x.start, y.start))
                note = (
                    f"Table {x.table} ({' / '.join(x.row)}, {' / '.join(x.col)}) gives {x.raw}, "
                    f"Table {y.table} ({' / '.join(y.row)}, {' / '.join(y.col)}) gives {y.raw} for {k}; "
                    f"they agree on {len(same)} of {len(keys)}"
                )
                out.append(Check("cross_table", x.table, (_cell(x), _cell(y)), x.value, y.value, note))
    return out
