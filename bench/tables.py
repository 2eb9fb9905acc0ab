"""Table stage: speed of koryo's table reading and observation extraction on the seed report,
side by side with pandas.read_html and markdown-it-py, in one run.

    python bench/tables.py [--repeat 20]

Three inputs, each judged against koryo's reading of the report (which the tests pin cell by cell):
1. the report as it is (tab-separated tables with captions): what each library finds;
2. the same tables rewritten as HTML `<table>`s: koryo's HTML reader against pandas.read_html;
3. the same tables rewritten as Markdown pipe tables: koryo's Markdown reader against markdown-it.
"""

from __future__ import annotations

import argparse
import html
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from koryo.extract.observations import observations  # noqa: E402
from koryo.model import Table  # noqa: E402
from koryo.readers import read_bytes  # noqa: E402
from koryo.readers.html import read_html  # noqa: E402
from koryo.readers.markdown import read_markdown  # noqa: E402


def grid(t: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in t.header + t.body]


def as_html(tables: list[Table]) -> str:
    parts = ["<html><body>"]
    for t in tables:
        parts.append("<table>")
        for row in grid(t):
            parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
        parts.append("</table>")
    return "".join(parts) + "</body></html>"


def as_pipes(tables: list[Table]) -> str:
    out = []
    for t in tables:
        rows = grid(t)
        esc = [[c.replace("|", "\\|") or " " for c in r] for r in rows]
        out.append("| " + " | ".join(esc[0]) + " |")
        out.append("|" + "---|" * len(esc[0]))
        out += ["| " + " | ".join(r) + " |" for r in esc[1:]]
        out.append("")
    return "\n".join(out)


def score(found: list[list[list[str]]], truth: list[list[list[str]]]) -> tuple[int, int]:
    """Cells equal to the truth, position by position, over all truth cells."""
    ok = total = 0
    for i, t in enumerate(truth):
        f = found[i] if i < len(found) else []
        for r, row in enumerate(t):
            for c, cell in enumerate(row):
                total += 1
                try:
                    ok += " ".join(str(f[r][c]).split()) == " ".join(cell.split())
                except IndexError:
                    pass
    return ok, total


def timed(fn, repeat: int):  # type: ignore[no-untyped-def]
    fn()
    t0 = time.perf_counter()
    for _ in range(repeat):
        result = fn()
    return result, (time.perf_counter() - t0) / repeat


def pandas_tables(text: str) -> list[list[list[str]]]:
    import pandas as pd

    try:
        frames = pd.read_html(io.StringIO(text), header=None, keep_default_na=False, flavor="lxml", thousands=None)
    except ValueError:  # "No tables found"
        return []
    return [[[("" if str(v) == "nan" else str(v)) for v in row] for row in f.astype(str).values.tolist()] for f in frames]


def markdown_it_tables(text: str) -> list[list[list[str]]]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables: list[list[list[str]]] = []
    for tok in tokens:
        if tok.type == "table_open":
            tables.append([])
        elif tok.type == "tr_open":
            tables[-1].append([])
        if tok.type == "inline" and tables and tables[-1]:
            tables[-1][-1].append(tok.content.replace("\\|", "|"))
    return tables


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    args = ap.parse_args()
    path = next(Path(args.seeds).glob("003_*.txt"))
    data = path.read_bytes()
    text = data.decode("utf-8")
    _, doc = read_bytes(path.name, data)
    truth = [grid(t) for t in doc.tables]
    cells = sum(len(r) for t in truth for r in t)

    obs, t_obs = timed(lambda: observations(doc), args.repeat)
    md_doc, t_md = timed(lambda: read_markdown(text), args.repeat)
    print(f"report: {len(truth)} tables, {cells} cells; {len(obs)} observations")
    print(f"koryo table stage (layout + observations + units + dims): {t_obs * 1000:.1f} ms, {len(obs) / t_obs:,.0f} observations/s")
    print(f"koryo Markdown reader, whole report: {t_md * 1000:.1f} ms\n")

    rows = []
    found, t = timed(lambda: pandas_tables(text), max(1, args.repeat // 4))
    rows.append(("original", "pandas.read_html", len(found), *score(found, truth), t))
    found, t = timed(lambda: markdown_it_tables(text), args.repeat)
    rows.append(("original", "markdown-it-py", len(found), *score(found, truth), t))
    rows.append(("original", "koryo", len(md_doc.tables), *score([grid(x) for x in md_doc.tables], truth), t_md))

    page = as_html(doc.tables)
    found, t = timed(lambda: pandas_tables(page), args.repeat)
    rows.append(("as HTML", "pandas.read_html", len(found), *score(found, truth), t))
    k, t = timed(lambda: read_html(page), args.repeat)
    rows.append(("as HTML", "koryo", len(k.tables), *score([grid(x) for x in k.tables], truth), t))

    pipes = as_pipes(doc.tables)
    found, t = timed(lambda: markdown_it_tables(pipes), args.repeat)
    rows.append(("as pipe tables", "markdown-it-py", len(found), *score(found, truth), t))
    k, t = timed(lambda: read_markdown(pipes), args.repeat)
    rows.append(("as pipe tables", "koryo", len(k.tables), *score([grid(x) for x in k.tables], truth), t))

    print(f"{'input':<16}{'parser':<18}{'tables':>7}{'cells right':>14}{'ms':>9}{'vs koryo':>10}")
    for i, (inp, parser, n, ok, total, secs) in enumerate(rows):
        koryo_secs = next(r[5] for r in rows if r[0] == inp and r[1] == "koryo")
        ratio = f"{secs / koryo_secs:.2f}x" if parser != "koryo" else ""
        print(f"{inp:<16}{parser:<18}{n:>7}{f'{ok}/{total}':>14}{secs * 1000:>9.1f}{ratio:>10}")
    print("\n'vs koryo' is the library's time over koryo's on the same input (above 1: koryo is faster).")


if __name__ == "__main__":
    main()
