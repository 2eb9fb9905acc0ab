"""How koryo does on documents it was not written for: the hand-labelled devset.

Ingests `../shared/devset/docs` into a scratch store and scores what koryo stored against
`gold.json` (see the devset's README for its conventions), per language and overall:

- quantities: recall (a labelled figure is found when a koryo fact or table cell covers its
  quote), then how many of those have the right numbers (value, or both ends of a range or the
  side of a bound), the right kind (point, range, bound), approximation and unit; precision is
  the share of koryo's figures that cover a labelled figure (quantities are labelled exhaustively);
- dates: labelled event dates found by an event or a fact's time, and right to the day;
- entities: labelled entities with a mention of the right type on one of their spellings;
- conflicts: labelled conflicts of which one koryo conflict holds two statements, across
  languages counted apart, and the koryo conflicts that match no label (false alarms, unless the
  labels missed them: `--details` lists them for reading).

    python bench/devset.py [--devset DIR] [--details] [--json FILE] [--store FILE]

`--store FILE` keeps the store: the first run ingests into it, later runs score it again without
ingesting (conflicts and claims worked out anew), for trying changes to reconcile quickly.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from koryo import export
from koryo.ingest import ingest
from koryo.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"

# koryo's unit words beside the labels'
UNITS = {"persons": "people", "age": "years", "kms": "km", "mile": "miles", "mi": "miles"}


@dataclass
class Figure:
    """Something koryo stored that states a quantity: a fact's figure or a table cell."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approx: bool
    unit: str
    source: str  # fact | cell
    time: str = ""


@dataclass
class Tally:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] += n

    def share(self, num: str, den: str) -> str:
        d = self.counts[den]
        return f"{self.counts[num] / d:6.1%}" if d else "     –"


def documents_table(devset: Path) -> dict[str, list[str]]:
    """The cells of each document's row in the devset README's table (file, lang, topic, group, source)."""
    out = {}
    for line in (devset / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if re.fullmatch(r"\d\d_.+\.txt", cells[0]) and len(cells) >= 4:
            out[cells[0]] = cells
    return out


def languages(devset: Path) -> dict[str, str]:
    """The language of each document, from the devset README's table."""
    return {name: cells[1] for name, cells in documents_table(devset).items()}


def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """Where the quote stands in koryo's text; white space may differ (the readers fold it)."""
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(quote), text)]
    if not spans:
        loose = r"\s*".join(re.escape(part) for part in quote.split())
        spans = [(m.start(), m.end()) for m in re.finditer(loose, text)] if loose else []
    return spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def near(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def shape(low: Any, high: Any, value: Any) -> str:
    if low is not None and high is not None:
        return "range"
    if low is not None:
        return "bound_low"
    if high is not None:
        return "bound_high"
    return "point" if value is not None else "vague"


def numbers_right(gold: dict[str, Any], f: Figure) -> bool:
    kind = shape(gold["low"], gold["high"], gold["value"])
    if kind == "vague":
        return f.approx
    if kind == "range":
        return near(f.low, gold["low"]) and near(f.high, gold["high"])
    candidates = [f.value, f.low, f.high] if kind != "point" else [f.value]
    return any(near(c, gold["value"]) for c in candidates if c is not None)


def figures(store: Store, doc_id: int) -> list[Figure]:
    out = [Figure(f.mention_start, f.mention_end, f.value, f.low, f.high, f.approx, f.unit, "fact", f.time)
           for f in store.facts(doc_id)]
    for o in store.observations(doc_id):
        if o.value is not None:
            value = o.value * (o.scale or 1)
            out.append(Figure(o.start, o.end, value, o.low, o.high, o.approx, o.unit, "cell", str(o.dims.get("year", ""))))
    return out


def run(devset: Path, details: bool, kept: Path | None = None) -> dict[str, Any]:
    gold = json.loads((devset / "gold.json").read_text(encoding="utf-8"))
    lang_of = languages(devset)
    path = kept or Path(tempfile.mkdtemp(prefix="koryo-devset-")) / "devset.db"
    again = path.exists()
    store = Store(str(path))
    t0 = time.perf_counter()
    outcomes = [] if again else ingest(store, [str(devset / "docs")], workers=2)
    ingest_s = time.perf_counter() - t0
    if again:
        with store.atomic() as db:  # work statements, conflicts and claims out again, by this koryo
            for table in ("reconciled", "statements_kept", "pairs_kept"):
                db.execute(f"DELETE FROM {table}")
    rejected = [o for o in outcomes if o.status == "rejected"]
    docs = {d.name: d for d in store.documents()}
    texts = {name: store.text(d.id) for name, d in docs.items()}
    figs = {name: figures(store, d.id) for name, d in docs.items()}
    events = {name: store.events(d.id) for name, d in docs.items()}
    mentions = {name: store.mentions(d.id) for name, d in docs.items()}

    tallies: dict[str, Tally] = defaultdict(Tally)
    misses: list[str] = []

    def tally(doc: str) -> list[Tally]:
        return [tallies[lang_of.get(doc, "?")], tallies["all"]]

    # -- quantities and identifiers (dates below)
    labelled_spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for q in gold["quantities"]:
        if q["doc"] not in texts:
            continue
        occ = occurrences(texts[q["doc"]], q["quote"])
        if q["kind"] != "quantity":
            continue  # a figure on a date or an identifier is a false one
        labelled_spans[q["doc"]] += occ
        ts = tally(q["doc"])
        for t in ts:
            t.add("q")
        hits = [f for f in figs[q["doc"]] if any(overlaps((f.start, f.end), o) for o in occ)]
        if not occ:
            for t in ts:
                t.add("q_lost_by_reader")
        if not hits:
            misses.append(f"quantity missed  {q['doc']}: {q['quote']!r} = {q['value'] or (q['low'], q['high'])} {q['unit']}")
            continue
        best = max(hits, key=lambda f: (numbers_right(q, f), shape(f.low, f.high, f.value) == shape(q["low"], q["high"], q["value"])))
        right = numbers_right(q, best)
        for t in ts:
            t.add("q_found")
            if right:
                t.add("q_value")
                if shape(best.low, best.high, best.value) == shape(q["low"], q["high"], q["value"]) or shape(q["low"], q["high"], q["value"]) == "vague":
                    t.add("q_kind")
                if best.approx == q["approx"]:
                    t.add("q_approx")
                if UNITS.get(best.unit, best.unit) == q["unit"]:
                    t.add("q_unit")
        if not right:
            misses.append(f"quantity wrong   {q['doc']}: {q['quote']!r} gold {q['value'] or (q['low'], q['high'])} "
                          f"koryo {best.value or (best.low, best.high)} {best.unit}")
    for doc, fs in figs.items():
        for f in fs:
            hit = any(overlaps((f.start, f.end), o) for o in labelled_spans.get(doc, []))
            for t in tally(doc):
                t.add("k")
                t.add("k_labelled" if hit else "k_unlabelled")
            if not hit:
                misses.append(f"figure unlabelled {doc}: {texts[doc][f.start:f.end]!r} = {f.value or (f.low, f.high)} {f.unit} ({f.source})")

    # -- dates: an event of the sentence, dated by the labelled expression
    for q in gold["quantities"]:
        if q["kind"] != "date" or q["doc"] not in texts:
            continue
        occ = occurrences(texts[q["doc"]], q["quote"])
        ts = tally(q["doc"])
        for t in ts:
            t.add("d")
        iso = str(q["iso"])
        start_iso, _, end_iso = iso.partition("/")
        hits = [e for e in events[q["doc"]] if any(overlaps((e.date_start, e.date_end), o) for o in occ)]
        if not hits:
            misses.append(f"date missed      {q['doc']}: {q['quote']!r} = {iso}")
            continue
        for t in ts:
            t.add("d_found")
        if any(e.date == start_iso[:10] and e.end_date == (end_iso or start_iso)[:10] for e in hits):
            for t in ts:
                t.add("d_right")
        else:
            e = hits[0]
            misses.append(f"date wrong       {q['doc']}: {q['quote']!r} gold {iso} koryo {e.date}/{e.end_date}")

    # -- entities: one mention of the right type over one of its spellings
    for e in gold["entities"]:
        if e["doc"] not in texts:
            continue
        text = texts[e["doc"]]
        spans = [o for alias in e["aliases_seen"] for o in occurrences(text, alias)]
        ms = [m for m in mentions[e["doc"]] if any(overlaps((m.start, m.end), o) for o in spans)]
        ts = tally(e["doc"])
        for t in ts:
            t.add("e")
            t.add(f"e_{e['type']}")
        if any(m.type == e["type"] for m in ms):
            for t in ts:
                t.add("e_found")
                t.add(f"e_{e['type']}_found")
        elif ms:
            for t in ts:
                t.add("e_other_type")
            misses.append(f"entity mistyped  {e['doc']}: {e['name']} ({e['type']}) as {ms[0].type} {ms[0].name!r}")
        else:
            misses.append(f"entity missed    {e['doc']}: {e['name']} ({e['type']}) {e['aliases_seen']}")

    # -- conflicts
    found = list(export.conflict_records(store))
    agreements = list(export.conflict_records(store, agreements=True))
    used: set[int] = set()
    conflict_rows = []
    for c in gold["conflicts"]:
        gold_statements = []
        for s in c["statements"]:
            if s["doc"] in texts:
                gold_statements.append((s["doc"], occurrences(texts[s["doc"]], s["quote"])))
        across = len({lang_of.get(s["doc"]) for s in c["statements"]}) > 1
        bucket = "c_across" if across else "c_within"
        tallies["all"].add("c")
        tallies["all"].add(bucket)
        hit = None
        for i, k in enumerate(found):
            held = sum(
                1 for doc, occ in gold_statements
                if any(st["doc"] == doc and any(overlaps((st["start"], st["end"]), o) or
                                                 overlaps((st.get("mention_start", st["start"]), st.get("mention_end", st["end"])), o)
                                                 for o in occ) for st in k["statements"])
            )
            if held >= 2:
                hit = i
                break
        if hit is not None:
            used.add(hit)
            tallies["all"].add("c_found")
            tallies["all"].add(bucket + "_found")
        conflict_rows.append((c["type"], hit is not None, c["note"]))
    false_alarms = [k for i, k in enumerate(found) if i not in used]
    judged = [verdict(k) for k in false_alarms]
    for t in (tallies["all"],):
        t.add("k_conflicts", len(found))
        t.add("k_false_alarms", len(false_alarms))
        t.add("k_agreements", len(agreements))
        for v in ("real", "soft", "false", "unjudged"):
            t.add("k_" + v, judged.count(v))

    # -- what each document says of itself, its variants and editions, and its infobox rows as observations
    stored = store.documents()
    variants = defaultdict(list)
    for d in stored:
        variants[d.article].append(d.name)
    about = {
        "url": sum(1 for d in stored if d.url), "title": sum(1 for d in stored if d.title and d.title != Path(d.name).stem),
        "dated": sum(1 for d in stored if d.published), "articles_with_variants": sum(1 for v in variants.values() if len(v) > 1),
        "variants": sum(len(v) for v in variants.values() if len(v) > 1),
        "editions_linked": len({d.name for d in stored for e in stored if d.work == e.work and d.language != e.language}),
    }
    box_labelled = box_right = box_rows = 0
    for d in stored:
        cells = [f for f in figs[d.name] if f.source == "cell"]
        for t in store.tables(d.id):
            if t.kind != "infobox":
                continue
            for row in t.body:
                box_rows += 1
                span = (row[0].start, row[-1].end)
                for q in gold["quantities"]:
                    if q["doc"] == d.name and q.get("kind") not in ("date", "identifier") and any(
                            span[0] <= a and b <= span[1] for a, b in occurrences(texts[d.name], q["quote"])):
                        box_labelled += 1
                        box_right += any(overlaps((c.start, c.end), span) and numbers_right(q, c) for c in cells)
    about.update(infobox_rows=box_rows, infobox_labelled=box_labelled, infobox_right=box_right)

    report = {
        "documents": len(docs), "rejected": [o.reason for o in rejected], "ingest_seconds": round(ingest_s, 2), "about": about,
        "languages": {lang: dict(t.counts) for lang, t in sorted(tallies.items())},
        "conflicts": [{"type": ty, "found": ok, "note": note} for ty, ok, note in conflict_rows],
        "false_alarms": [k["explanation"] for k in false_alarms],
    }
    print_report(tallies, report)
    if details:
        print("\n# details")
        for line in misses:
            print(line)
        print("\n# conflicts (labelled): found?")
        for ty, ok, note in conflict_rows:
            print(f"  {'yes' if ok else ' no'}  {ty:9} {note[:150]}")
        print("\n# koryo conflicts matching no label, with the hand verdict (bench/conflict_verdicts.json)")
        for k, v in zip(false_alarms, judged):
            print(f"  {v:8}", k["explanation"][:220])
    store.close()
    return report


VERDICTS = Path(__file__).with_name("conflict_verdicts.json")


def verdict(conflict: dict[str, Any]) -> str:
    """The hand verdict on a conflict that matches no label: the first whose statements it all holds."""
    held = {(s["doc"], s["mention"]) for s in conflict["statements"]}
    for v in json.loads(VERDICTS.read_text(encoding="utf-8"))["verdicts"]:
        if all(tuple(st) in held for st in v["statements"]):
            return str(v["verdict"])
    return "unjudged"


def print_report(tallies: dict[str, Tally], report: dict[str, Any]) -> None:
    print(f"devset: {report['documents']} documents stored, {len(report['rejected'])} rejected, ingest {report['ingest_seconds']} s")
    for reason in report["rejected"]:
        print("  rejected:", reason)
    head = f"{'lang':5} {'qty':>4} {'recall':>7} {'value':>7} {'kind':>7} {'approx':>7} {'unit':>7} {'prec':>7}  " \
           f"{'dates':>5} {'found':>7} {'day':>7}  {'ents':>5} {'recall':>7} {'typed?':>7}"
    print(head)
    order = ["all"] + sorted(k for k in tallies if k != "all")
    for lang in order:
        t = tallies[lang]
        c = t.counts
        print(f"{lang:5} {c['q']:>4} {t.share('q_found', 'q')} {t.share('q_value', 'q')} {t.share('q_kind', 'q')} "
              f"{t.share('q_approx', 'q')} {t.share('q_unit', 'q')} {t.share('k_labelled', 'k')}  "
              f"{c['d']:>5} {t.share('d_found', 'd')} {t.share('d_right', 'd')}  {c['e']:>5} {t.share('e_found', 'e')} "
              f"{t.share('e_other_type', 'e')}")
    t = tallies["all"]
    print("entities by type: " + ", ".join(
        f"{ty} {t.share(f'e_{ty}_found', f'e_{ty}').strip()} of {t.counts[f'e_{ty}']}"
        for ty in ("person", "place", "organisation", "group", "policy")))
    c = t.counts
    print(f"conflicts: {c['c_found']}/{c['c']} labelled found ({t.share('c_found', 'c').strip()}); within one language "
          f"{c['c_within_found']}/{c['c_within']}, across languages {c['c_across_found']}/{c['c_across']}; "
          f"koryo reports {c['k_conflicts']} conflicts, {c['k_false_alarms']} matching no label; {c['k_agreements']} agreements")
    # precision: labelled or judged real, over all reported (soft ones counted neither way, then as real)
    real = c["k_conflicts"] - c["k_false_alarms"] + c["k_real"]
    print(f"  of those matching no label, by hand: {c['k_real']} real, {c['k_soft']} soft, {c['k_false']} false, "
          f"{c['k_unjudged']} not yet judged; precision {real}/{c['k_conflicts']} ({real + c['k_soft']} counting the soft)")
    a = report["about"]
    print(f"documents: {a['url']} with a URL, {a['title']} titled (not by file name), {a['dated']} dated; "
          f"{a['articles_with_variants']} articles with {a['variants']} variants (mirrors, revisions), {a['editions_linked']} "
          f"linked to an edition in another language; infobox rows {a['infobox_rows']}, their labelled figures "
          f"{a['infobox_right']}/{a['infobox_labelled']} observations with the right value")
    print("(value/kind/approx/unit: shares of all labelled quantities; prec: koryo figures on a labelled figure)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--details", action="store_true", help="list every miss, wrong value and unlabelled figure")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--store", type=Path, help="keep the store here; score it again without ingesting if it exists")
    args = parser.parse_args()
    if not (args.devset / "gold.json").exists():
        sys.exit(f"{args.devset}: no gold.json here; give --devset")
    report = run(args.devset, args.details, args.store)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
