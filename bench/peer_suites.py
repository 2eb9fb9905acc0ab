"""koryo beside quantulum3 and dateparser on the peers' own test suites (`../shared/peer-suites/`,
see its README for the case format), scored by one harness, a table per suite, in one run.

A quantity is right when a finding overlapping the expected text has its numbers (the value, both
ends of a range, or the bound), its kind where the suite states one (range, bound) and its unit
where koryo claims the unit; a date is right when its first and last day match at the suite's
granularity (an exclusive end one day later is accepted). A negative case is right when nothing is
found. Items the conversion skipped stay skipped unless their reason is one koryo now claims
(`REOPENED`, and the yearless dates of `_yearless_expected`); the skips left are listed with their counts.

    python bench/peer_suites.py [--suites DIR] [--only SUBSTRING] [--misses]
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from koryo.extract.dates import find_dates  # noqa: E402
from koryo.extract.quantities import find_quantities  # noqa: E402
from koryo.locales import available, merged  # noqa: E402
from koryo.numbers import separator_style  # noqa: E402

SUITES = ROOT.parent / "shared" / "peer-suites"
# Skip reasons of forms koryo reads now (its locale files hold these words).
REOPENED = ("number words (es)", "number words (it)", "number words (ru)", "fractions", "digits with a scale word",
            "number words outside koryo's vocabulary")
LOCALES = set(available())
UNITS = {"years": "year", "months": "month", "weeks": "week", "days": "day", "hours": "hour", "minutes": "minute", "miles": "mile", "age": "age:year", "age:months": "age:month", "age:weeks": "age:week", "age:days": "age:day", "kms": "km"}

Finding = dict[str, Any]  # start, end, and value/low/high/kind/unit or S/E


def koryo(case: dict[str, Any]) -> list[Finding]:
    text, lang = case["sentence"], case["lang"]
    published = (case.get("ref") or "")[:10]
    dates = find_dates(text, 0, lang, published)
    out: list[Finding] = [{"start": d.start, "end": d.end, "S": d.date, "E": d.end_date} for d in dates]
    for q in find_quantities(text, 0, dates, separator_style([text], lang), lang):
        kind = "range" if q.low is not None and q.high is not None else "bound_low" if q.low is not None else "bound_high" if q.high is not None else "value"
        out.append({"start": q.start, "end": q.end, "value": q.value if kind != "range" else None, "low": q.low, "high": q.high,
                    "kind": kind, "unit": UNITS.get(q.unit, q.unit) or None})
    return out


def quantulum(case: dict[str, Any]) -> list[Finding]:
    from quantulum3 import classifier, parser

    classifier.USE_CLF = False
    out: list[Finding] = []
    try:
        found = parser.parse(case["sentence"])
    except Exception:  # noqa: BLE001 - a peer's crash is a miss
        return []
    for q in found:
        unit = q.unit.name
        code = getattr(q.unit, "currency_code", None)
        unit = "%" if unit == "percentage" else code or (unit if unit != "dimensionless" else None)
        out.append({"start": q.span[0], "end": q.span[1], "value": q.value, "low": None, "high": None, "kind": "value", "unit": unit})
    return out


def dateparser_tool(case: dict[str, Any]) -> list[Finding]:
    from dateparser.search import search_dates

    settings: dict[str, Any] = {}
    if case.get("ref"):
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(case["ref"][:19])
    try:
        found = search_dates(case["sentence"], languages=case.get("languages") or [case["lang"]], settings=settings) or []
    except Exception:  # noqa: BLE001
        return []
    out: list[Finding] = []
    pos = 0
    for text, when in found:
        start = case["sentence"].find(text, pos)
        pos = max(pos, start)
        day = when.date().isoformat()
        out.append({"start": start, "end": start + len(text), "S": day, "E": day, "loose": True})
    return out


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(b)) or (abs(b) < 1 and abs(a - b) < 5e-4)


def _right_quantity(item: dict[str, Any], f: Finding) -> bool:
    if "kind" not in f:
        return False
    kind = item["kind"]
    if kind == "range":
        numbers = _close(f["low"], item["low"]) and _close(f["high"], item["high"])
    else:
        want = item.get("value")
        got = f["value"] if f["value"] is not None else (f["low"] if f["low"] is not None else f["high"])
        numbers = _close(got, want)
    if not numbers:
        return False
    if item.get("has_kind") and item.get("bounds_known", True) and f["kind"] != kind:
        return False
    return not (item.get("unit_claimed") and item.get("unit") and f["unit"] != item["unit"])


def _first(iso: str) -> str:
    return (iso + "-01-01")[:10] if len(iso) == 4 else (iso + "-01")[:10]


def _last(iso: str) -> str:
    if len(iso) >= 10:
        return iso[:10]
    if len(iso) == 4:
        return iso + "-12-31"
    y, m = int(iso[:4]), int(iso[5:7])
    return f"{iso[:7]}-{calendar.monthrange(y, m)[1]:02d}"


def _right_date(item: dict[str, Any], f: Finding) -> bool:
    if "S" not in f:
        return False
    gran = item.get("gran") or "day"
    if f.get("loose"):  # dateparser gives one moment: right when it falls on the expected start
        n = {"month": 7, "year": 4, "decade": 4}.get(gran, 10)
        return f["S"][:n] == item["S"][:n]
    if _first(f["S"]) != item["S"]:
        return False
    if _last(f["E"]) == item["E"]:
        return True
    # "2014 to 2018" ends where 2018 begins for a suite with exclusive ends; koryo's ends are inclusive
    after = (dt.date.fromisoformat(item["E"]) + dt.timedelta(days=1)).isoformat()
    return bool(item.get("excl_end")) and _first(f["E"]) == after


def _right_end(item: dict[str, Any], f: Finding, items: list[dict[str, Any]]) -> bool:
    """Where the suite lists a period's two ends as two dates ("du 1 septembre 1939 au 2 septembre
    1945"), koryo's one period is right for each end it starts or ends on (within the item's days)."""
    if "S" not in f or f.get("loose") or item["type"] != "date":
        return False
    inside = [i for i in items if i["type"] == "date" and f["start"] <= i["start"] and i["end"] <= f["end"]]
    if len(inside) < 2 or item not in (inside[0], inside[-1]):
        return False
    day = _first(f["S"]) if item is inside[0] else _last(f["E"])
    return item["S"] <= day <= item["E"]


def _in_vocabulary(text: str, lang: str) -> bool:
    """Whether a fraction or scaled figure is written only with words koryo's locale has ("about a
    third", "one and a half", "4,71 millones"), not "five eighths", "10k" or "⅔"."""
    loc = merged(lang)
    rest = " " + " ".join(re.sub(r"[\d.,]+", " ", text.lower()).replace("-", " ").split()) + " "
    for phrase in sorted((*loc.fractions, *loc.and_fractions), key=len, reverse=True):
        rest = rest.replace(f" {phrase.replace('-', ' ')} ", " ")
    known = {*loc.cardinals, *loc.multipliers, *loc.approx, *loc.currencies, *loc.units, *loc.denominators, *loc.fraction_and, *loc.decimal_words,
             *(w.lower() for w in loc.scale_letters),
             "and", "a", "of", "de", "di", "y", "e", "и"}
    return all(w in known or any(w.startswith(k) and w[len(k):] in ("", *loc.particles) for k in known if k) for w in rest.split())


def _yearless_expected(text: str, lang: str, ref: str) -> tuple[str, str, str] | None:
    """The period a yearless date koryo claims stands for, in the year of the case's reference date:
    a month and a day ("December 27", "3 de enero", "11월 20일"), a Korean month ("5월") or a year
    counted from the reference ("next year", "지난해"). The conversion kept no resolution for these
    (Recognizers-Text gives both the past and the future one), so the written month and day are
    taken at their word, in the reference's year, as koryo takes the document's."""
    if len(ref) < 4:
        return None
    loc, year = merged(lang), int(ref[:4])
    key = " ".join(text.lower().split())
    if key in loc.relative_years:
        y = year + int(loc.relative_years[key])
        return f"{y}-01-01", f"{y}-12-31", "year"
    months = "|".join(re.escape(w) for w in sorted(loc.months, key=len, reverse=True))
    day = r"(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er|º)?\.?"
    m = (re.fullmatch(rf"(?:(?:the|el|il|le|am)\s+)?{day}\s+(?:(?:of|de|di|del)\s+)?(?P<m>{months})", key)
         or re.fullmatch(rf"(?P<m>{months})\s+(?:the\s+)?{day}", key)
         or re.fullmatch(r"(?P<mo>1[0-2]|0?[1-9])월\s*(?:(?P<d>[12]\d|3[01]|0?[1-9])일)?", key))
    if not m:
        return None
    mo = int(m.group("mo")) if m.groupdict().get("mo") else loc.months[m.group("m")]
    if not m.group("d"):
        return f"{year}-{mo:02d}-01", f"{year}-{mo:02d}-{calendar.monthrange(year, mo)[1]:02d}", "month"
    d = int(m.group("d"))
    if d > calendar.monthrange(year, mo)[1]:
        return None
    return (f"{year}-{mo:02d}-{d:02d}",) * 2 + ("day",)


def _reopen_yearless(case: dict[str, Any]) -> int:
    """Score the yearless items of `case` koryo now claims (see `_yearless_expected`); how many."""
    n = 0
    for item in case["items"]:
        if (item.get("skip") or "").startswith("yearless") and case["lang"] in LOCALES:
            expected = _yearless_expected(item["text"], case["lang"], case.get("ref") or "")
            if expected and item.get("start") is None and item["text"] in case["sentence"]:  # the conversion left no offsets
                item["start"] = case["sentence"].index(item["text"])
                item["end"] = item["start"] + len(item["text"])
            if expected and item.get("start") is not None:
                item["S"], item["E"], item["gran"] = expected
                item["skip"] = ""
                n += 1
            else:
                item["skip"] += " [not a month and day, a Korean month or a year counted from it: weekdays, weeks, today …]"
    return n


def _skip(item: dict[str, Any], case: dict[str, Any]) -> str:
    reason = item.get("skip") or ""
    sentence = case["sentence"]
    if not reason and case["lang"] not in LOCALES:
        return f"language without a koryo locale ({case['lang']})"
    if not any(reason.startswith(r) for r in REOPENED):
        return reason
    if reason.startswith(("fractions", "digits with a scale word", "number words outside")) and not _in_vocabulary(item["text"], case["lang"]):
        return reason + " [words not in koryo's locale]"
    if item.get("form") == "words" and (item.get("value") or 0) < 100 and not re.search(r"\w", sentence[item["end"]:]):
        return "bare number under 100 with no noun after it (koryo drops it by design)"  # as for digits
    return ""


def score(cases: list[dict[str, Any]], tool: Callable[[dict[str, Any]], list[Finding]], dated: bool,
          misses: list[str] | None = None) -> tuple[int, int]:
    """(right, scored) of one tool over one suite; a suite of dates looks only at dates found, a
    suite of figures only at figures. Each miss is described in `misses` when it is given."""
    right = total = 0
    for case in cases:
        items = [i for i in case["items"] if not _skip(i, case)]
        if not items and not case["negative"]:
            continue
        found = [f for f in tool(case) if ("S" in f) == dated]
        if case["negative"] and case["suite"].endswith("NumberModel"):
            found = [f for f in found if not f.get("unit")]  # "the 180ml liquid": a measure, not a bare number
        if case["negative"] and case["suite"].endswith("DimensionModel"):
            found = [f for f in found if f.get("unit")]  # "its work force to 50,000": a bare number, not a measure
        if case["negative"]:
            total += 1
            right += not found
            if found and misses is not None:
                misses.append(f"{case['sentence']!r}\n    expected nothing, found {found}")
            continue
        for item in items:
            total += 1
            near = [f for f in found if f["start"] < item["end"] and item["start"] < f["end"]]
            check = _right_date if item["type"] == "date" else _right_quantity
            ok = any(check(item, f) or _right_end(item, f, items) for f in near)
            right += ok
            if not ok and misses is not None:
                want = {k: item.get(k) for k in ("text", "kind", "value", "low", "high", "unit", "S", "E") if item.get(k) is not None}
                misses.append(f"{case['sentence']!r}\n    expected {want}\n    found {near or found}")
    return right, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suites", type=Path, default=SUITES)
    ap.add_argument("--only", default="")
    ap.add_argument("--misses", action="store_true", help="print each item koryo gets wrong")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    skipped: Counter[str] = Counter()
    reopened = 0
    print(f"{'suite':34} {'cases':>6} {'scored':>6}  {'koryo':>7} {'quantulum3':>10} {'dateparser':>10}")
    for path in sorted(args.suites.glob("*.jsonl")):
        if args.only not in path.stem:
            continue
        cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        reopened += sum(_reopen_yearless(c) for c in cases)
        for c in cases:
            for i in c["items"]:
                if _skip(i, c):
                    skipped[_skip(i, c)] += 1
        dated = any(i["type"] == "date" for c in cases for i in c["items"])
        cells = []
        n = 0
        for name, tool in (("koryo", koryo), ("quantulum3", quantulum), ("dateparser", dateparser_tool)):
            if (name == "quantulum3" and dated) or (name == "dateparser" and not dated):
                cells.append("–")
                continue
            missed: list[str] = []
            r, n = score(cases, tool, dated, missed if name == "koryo" and args.misses else None)
            for line in missed:
                print("  miss:", line)
            cells.append(f"{r / n:.1%}" if n else "–")
        print(f"{path.stem:34} {len(cases):>6} {n:>6}  {cells[0]:>7} {cells[1]:>10} {cells[2]:>10}")
    print(f"\nreopened: {reopened} yearless dates koryo claims (a month and day, a Korean month, a year counted from the reference)")
    print("still skipped (reason: items):")
    for reason, count in skipped.most_common():
        print(f"  {count:5}  {reason}")


if __name__ == "__main__":
    main()
