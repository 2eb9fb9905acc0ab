"""Sorting and facets of the list pages, as in Datasette: `sort=NAME` (or `-NAME`, descending)
from the orders a list offers, and beside each list the values of its facets (document, language,
type, year, place …) with how many rows have each, each value a link that filters by it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from koryo.errors import UsageError
from koryo.store.queries import Reader

FACET_VALUES = 12  # values shown per facet, the commonest first


@dataclass(frozen=True)
class Orders:
    """The orders a list can be sorted in: a name and its SQL `ORDER BY` terms; the first is the default."""

    terms: dict[str, str]

    def names(self) -> list[str]:
        return [n for name in self.terms for n in (name, "-" + name)]

    def sql(self, sort: str | None) -> str:
        """The `ORDER BY` clause for `sort` (a name, `-` first for descending); a UsageError for others."""
        name = (sort or next(iter(self.terms))).removeprefix("-")
        if name not in self.terms or sort is not None and sort.count("-") > 1:
            raise UsageError(f"sort={sort!r}: sort by one of {', '.join(self.names())}")
        if sort is not None and sort.startswith("-"):
            return ", ".join(_reversed(t) for t in self.terms[name].split(", "))
        return self.terms[name]

    def key(self, sort: str | None) -> tuple[str, bool]:
        """(name, descending) of `sort` for a list sorted in Python."""
        self.sql(sort)
        chosen = sort or next(iter(self.terms))
        return chosen.removeprefix("-"), chosen.startswith("-")

    def links(self, path: str, query: tuple[tuple[str, str], ...], sort: str | None) -> list[dict[str, Any]]:
        """A link per order (the current one marked), keeping the list's filters."""
        current = sort or next(iter(self.terms))
        out = []
        for name in self.terms:
            flipped = "-" + name if current == name else name
            out.append({"name": name, "link": _with(path, query, "sort", flipped), "active": current.removeprefix("-") == name,
                        "descending": current == "-" + name})
        return out


def _reversed(term: str) -> str:
    if term.endswith(" DESC"):
        return term.removesuffix(" DESC")
    return term.removesuffix(" ASC") + " DESC"


def _with(path: str, query: tuple[tuple[str, str], ...], name: str, value: str | None) -> str:
    """The list's link with one parameter set (or dropped, for None) and the page reset."""
    params = [(k, v) for k, v in query if k not in (name, "offset", "page")] + ([(name, value)] if value is not None else [])
    return path + ("?" + urlencode(params) if params else "")


def facets(reader: Reader, rows: str, where: str, params: list[Any], columns: dict[str, tuple[str, str]],
           path: str, query: tuple[tuple[str, str], ...]) -> dict[str, list[dict[str, Any]]]:
    """For each facet — its name (the parameter that filters by it), the rows it counts (FROM …)
    and the SQL of its value — the commonest values with their counts and the link that filters
    by each (or, for the chosen one, drops the filter). `rows` ("events e") filtered by `where`
    are found once, in one statement, however many facets count them."""
    alias = rows.split()[-1]
    parts = [f"SELECT * FROM (SELECT ? AS facet, {expr} AS v, count(*) AS n FROM {source} WHERE {alias}.rowid IN hit"
             f" AND v IS NOT NULL AND v != '' GROUP BY v ORDER BY n DESC, v LIMIT {FACET_VALUES})"
             for source, expr in columns.values()]
    found = reader.all(f"WITH hit AS MATERIALIZED (SELECT {alias}.rowid FROM {rows} WHERE {where}) " + " UNION ALL ".join(parts),
                       [*params, *columns])
    return {name: _values(name, [(r[1], r[2]) for r in found if r[0] == name], path, query) for name in columns}


def _values(name: str, counts: list[tuple[Any, int]], path: str, query: tuple[tuple[str, str], ...]) -> list[dict[str, Any]]:
    chosen = dict(query).get(name)
    return [{"value": v, "count": n, "active": str(v) == chosen,
             "link": _with(path, query, name, None if str(v) == chosen else str(v))} for v, n in counts]


def counted(items: list[dict[str, Any]], columns: dict[str, str], path: str,
            query: tuple[tuple[str, str], ...]) -> dict[str, list[dict[str, Any]]]:
    """Facets of a list held in memory (a whole-store summary): `columns` maps a facet to its key."""
    out = {}
    for name, key in columns.items():
        counts: dict[Any, int] = {}
        for item in items:
            value = item.get(key)
            for v in value if isinstance(value, list) else [value]:
                if v not in (None, ""):
                    counts[v] = counts.get(v, 0) + 1
        top = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:FACET_VALUES]
        out[name] = _values(name, top, path, query)
    return out
