"""The `koryo` command: parse arguments, call a plain function, turn errors into exit codes."""

from __future__ import annotations

import os
import re
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, nullcontext
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table as RichTable
from rich.text import Text

from koryo import cluster as clusters
from koryo import export as exports
from koryo.errors import DiskFull, KoryoError, NotFound, UsageError
from koryo.ingest import Outcome, collect, ingest_files, reconcile_stored
from koryo.readers import DEFAULT_MAX_SIZE
from koryo.store import Store, db_path
from koryo.store.backend import is_postgres

F = TypeVar("F", bound=Callable[..., Any])

# Control characters (ESC[2J, ESC]0;…, bidi overrides) in a document must not reach the terminal.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(value: object) -> str:
    """A document's text as it may be printed: without control characters."""
    return _CONTROL.sub("", str(value))


def one_line(value: object) -> str:
    """A message naming a file: one line on stderr even when the file's name holds a line break."""
    return clean(value).replace("\n", "\\n")


def esc(value: object) -> str:
    """A document's text to put inside Rich markup: cleaned, and its brackets escaped."""
    return escape(clean(value))


def cell(value: object) -> Text:
    """A table cell holding a document's text: never read as markup, one line."""
    return Text(one_line(value))


class _Terminal(Console):
    """Every string printed is cleaned (`markup=False` prints of quotes included)."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(clean(text), **kwargs)


# Piped output is not cut to 80 columns: it is read by scripts and people alike.
out = _Terminal(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = _Terminal(stderr=True, highlight=False, soft_wrap=True)


def db_option(f: F) -> F:
    return click.option(
        "--db", "db", default=None, metavar="URL_OR_PATH",
        help="The store: a SQLite file (default ./koryo.db, or $KORYO_DB) or postgresql://….",
    )(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="koryo")
def cli() -> None:
    """koryo: a cited knowledge base from the documents about a migration corridor."""


def _size(value: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    v = value.strip().lower().rstrip("b")
    try:
        return int(float(v[:-1]) * units[v[-1]]) if v and v[-1] in units else int(v)
    except (ValueError, KeyError) as exc:
        raise click.BadParameter(f"{value}: give a size such as 50M or 2G") from exc


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("--max-size", default=str(DEFAULT_MAX_SIZE // 1024**2) + "M", show_default=True,
              help="Reject files larger than this.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes reading and extracting files (default: one per core).")
@click.option("--doc-timeout", type=click.FloatRange(0), default=60.0, show_default=True, metavar="SECONDS",
              help="Reject a file not read and extracted within this time (0: no limit).")
@click.option("--follow-links", is_flag=True,
              help="Follow symbolic links that lead out of the folders named (not followed by default).")
@click.option("--cluster", metavar="ADDRESS", default=None,
              help="Read and extract on a Dask cluster: its scheduler (tcp://host:8786) or local:N worker processes.")
@db_option
def ingest(
    paths: tuple[str, ...], max_size: str, workers: int | None, doc_timeout: float, follow_links: bool, cluster: str | None,
    db: str | None,
) -> None:
    """Read files and folders into the store; a summary of what each holds."""
    limit = _size(max_size)
    path = db_path(db)
    if cluster:
        clusters.parse_address(cluster)  # a malformed address is a usage error before anything starts
    collected = collect(paths, follow_links)  # a missing path is a usage error, before any store is made
    own = {Path(path + x).resolve() for x in ("", "-wal", "-shm", "-journal")}
    files = [f for f in collected.files if f.resolve() not in own]  # the store itself is not a document
    if not files and not collected.skipped:
        # nothing to read is said, not summarised as "0 stored"; no store is made for it
        err.print(f"koryo: warning: no files to ingest in {one_line(', '.join(paths))} (hidden files are skipped)", markup=False)
        return
    store = Store(path)
    refreshed = store.refresh()
    if refreshed:
        err.print(f"{refreshed} stored documents extracted again with this koryo's extractors", markup=False)
    outcomes: list[Outcome] = list(collected.skipped)
    for skipped in collected.skipped:
        err.print(one_line(skipped.reason), markup=False)
    show = err.is_terminal
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err,
                  disable=not show, transient=True) as progress, ExitStack() as stack:
        task = progress.add_task("ingesting", total=len(files))
        cores = workers or os.cpu_count() or 1
        produced: Iterator[Outcome]
        if cluster:
            produced = clusters.ingest_on_cluster(store, files, stack.enter_context(clusters.connect(cluster)), limit)
        else:
            produced = ingest_files(store, files, limit, min(cores, len(files)) or 1, doc_timeout or None)
        try:
            for outcome in produced:
                outcomes.append(outcome)
                if outcome.status == "rejected":
                    err.print(one_line(outcome.reason), markup=False)
                progress.update(task, advance=1, description=f"ingesting {esc(Path(outcome.path).name)}")
        except DiskFull as exc:
            written = sum(o.status == "stored" for o in outcomes)
            left = len(files) + len(collected.skipped) - len(outcomes)
            raise DiskFull(f"{exc} ({written} documents written, {left} left); the documents stored are whole:"
                           " free some space and run the ingest again") from exc
    with err.status("working out conflicts and claims") if show else nullcontext():
        reconcile_stored(store)
    _summary(store, outcomes)
    store.close()
    if any(o.status == "rejected" for o in outcomes):
        sys.exit(1)


def _summary(store: Store, outcomes: list[Outcome]) -> None:
    table = RichTable(title="koryo ingest", show_lines=False)
    totals = {
        "sections": 0, "tables": 0, "footnotes": 0, "citations": 0, "observations": 0, "checks": 0,
        "facts": 0, "events": 0, "mentions": 0, "flows": 0, "resources": 0,
    }
    for col in ("document", "status", "format", "title", *totals):
        table.add_column(col, justify="right" if col in totals else "left")
    for o in outcomes:
        if o.status == "rejected":
            continue
        counts = store.counts(o.doc_id) if o.doc_id is not None else {}
        if o.doc_id is not None:
            for k in totals:
                totals[k] += counts[k]
        table.add_row(
            cell(click.format_filename(o.path, shorten=True)), o.status, o.format, cell(o.title),
            *(str(counts.get(k, "")) for k in totals),
        )
    out.print(table)
    stored = sum(o.status == "stored" for o in outcomes)
    unchanged = sum(o.status == "unchanged" for o in outcomes)
    rejected = sum(o.status == "rejected" for o in outcomes)
    out.print(
        f"{stored} stored, {unchanged} unchanged, {rejected} rejected; new: "
        + ", ".join(f"{v} {k}" for k, v in totals.items()),
        markup=False,
    )


@cli.command()
@db_option
def docs(db: str | None) -> None:
    """List the stored documents."""
    store = Store(db_path(db), readonly=True)
    table = RichTable()
    for col in ("id", "doc", "format", "language", "article", "revision", "chars", "title"):
        table.add_column(col)
    for d in store.documents():
        table.add_row(str(d.id), cell(d.name), d.format, d.language, cell(d.article), str(d.revision), f"{d.chars:,}", cell(d.title))
    out.print(table)


@cli.command()
@click.argument("doc")
@db_option
def show(doc: str, db: str | None) -> None:
    """Show one document's sections, tables and citations (DOC: id, file name or title)."""
    store = Store(db_path(db), readonly=True)
    d = store.find(doc)
    document = store.document(d.id)
    out.print(f"[bold]{esc(d.title)}[/bold]  ({esc(d.name)}, {d.format}, {d.language}, revision {d.revision} of '{esc(d.article)}')")
    out.print("\n[bold]Sections[/bold]")
    for s in document.sections:
        out.print(f"  {'  ' * (len(s.path) - 1)}{s.path[-1]}  [{s.start}-{s.end}]", markup=False)
    out.print("\n[bold]Tables[/bold]")
    for t in document.tables:
        label = f"Table {t.number}" if t.number is not None else "Table"
        out.print(f"  {label}. {t.title}  ({t.rows} rows x {t.cols} cols) [{t.start}-{t.end}]", markup=False)
        if t.source_note:
            out.print(f"      Source: {t.source_note}", markup=False)
    out.print("\n[bold]Citations[/bold]")
    for c in document.citations:
        quote = " ".join(document.text[c.start : c.end].split())
        out.print(f"  {c.key} ({c.kind}, cited at {len(c.anchors)}): {quote[:160]}", markup=False)


@cli.command("export")
@click.argument("kind", type=click.Choice(list(exports.KINDS)), required=False)
@click.option("--format", "fmt", type=click.Choice(list(exports.FORMATS)), default="jsonl", show_default=True)
@click.option("--out", "out_path", default=None, metavar="FILE", help="Write here instead of standard output.")
@click.option("--datapackage", "package_dir", default=None, metavar="DIR",
              help="Write every kind as CSV with a Frictionless datapackage.json into DIR.")
@db_option
def export_cmd(kind: str | None, fmt: str, out_path: str | None, package_dir: str | None, db: str | None) -> None:
    """Export one kind of record (fields as documented in the README), or all as a data package."""
    store = Store(db_path(db), readonly=True)
    if package_dir:
        counts = exports.datapackage(store, package_dir)
        err.print(f"data package written to {package_dir}: " + ", ".join(f"{n} {k}" for k, n in counts.items()), markup=False)
        return
    if kind is None:
        raise UsageError("name a KIND to export, or give --datapackage DIR")
    n = exports.export(store, kind, fmt, out_path)
    if out_path and out_path != "-":
        err.print(f"{n} {kind} written to {out_path}", markup=False)


@cli.command()
@click.argument("doc")
@click.option("--number", "number", type=int, default=None, help="Only the table with this number.")
@db_option
def tables(doc: str, number: int | None, db: str | None) -> None:
    """Print a document's tables as parsed: header paths, row paths and values with units."""
    from koryo.extract.layout import read_layout

    store = Store(db_path(db), readonly=True)
    d = store.find(doc)
    document = store.document(d.id)
    obs = store.observations(d.id)
    shown = 0
    for index, t in enumerate(document.tables):
        if number is not None and t.number != number:
            continue
        shown += 1
        layout = read_layout(t)
        label = f"Table {t.number}" if t.number is not None else f"Table (#{index + 1})"
        kind = "numeric" if layout.numeric else "text"
        out.print(f"\n[bold]{label}. {esc(t.title)}[/bold]  ({kind}, {t.rows} rows x {t.cols} cols)", highlight=False)
        if t.source_note:
            out.print(f"  Source: {t.source_note}", markup=False)
        mine = [o for o in obs if o.table_index == index]
        if not mine:
            for row in layout.rows:
                out.print("  | " + " | ".join(c.text[:40] for c in row.cells), markup=False)
            continue
        for o in mine:
            value = "—" if o.value is None else f"{o.value:,}"
            extra = f" x{o.scale:,}" if o.scale != 1 else ""
            flags = f"  [{', '.join(o.flags)}]" if o.flags else ""
            out.print(f"  {' › '.join(o.row) or '·'}  |  {' › '.join(o.col)}  =  {value} {o.unit}{extra}{flags}", markup=False)
    if number is not None and not shown:
        raise NotFound(f"{d.name}: no table numbered {number}")
    if not document.tables:
        err.print(f"{one_line(d.name)}: no tables found in this document", markup=False)


@cli.command("checks")
@click.argument("doc", required=False)
@db_option
def checks_cmd(doc: str | None, db: str | None) -> None:
    """List where documents' tables contradict themselves, with the cells and their positions."""
    store = Store(db_path(db), readonly=True)
    docs = [store.find(doc)] if doc else store.documents()
    n = 0
    for d in docs:
        for c in store.checks(d.id):
            n += 1
            out.print(f"\n[bold]{esc(d.name)}[/bold]  {c.kind}: {esc(c.note)}")
            for cell in c.cells:
                where = " › ".join(cell.row) + " | " + " › ".join(cell.col)
                out.print(f"    Table {cell.table}: {where} = {cell.raw!r}  [{cell.start}-{cell.end}]", markup=False)
    out.print(f"\n{n} finding{'s' if n != 1 else ''}", markup=False)


@cli.command()
@click.option("--from", "date_from", default=None, metavar="DATE", help="From this year or ISO date on.")
@click.option("--to", "date_to", default=None, metavar="DATE", help="Up to this year or ISO date.")
@click.option("--place", default=None, help="Only events naming this place (any of its names).")
@click.option("--q", "query", default=None, help="Only events whose sentence contains this text.")
@db_option
def timeline(date_from: str | None, date_to: str | None, place: str | None, query: str | None, db: str | None) -> None:
    """Events in date order, each with its sentence's source and citations."""
    from koryo.periods import period_label
    from koryo.places import lookup
    from koryo.web.pages import date_bound

    date_bound("--from", date_from)
    date_bound("--to", date_to)
    store = Store(db_path(db), readonly=True)
    known = lookup(place) if place else None
    wanted = known.name if known else place
    rows = []
    for d in store.documents():
        text = store.text(d.id)
        cites = {c.key: c for c in store.citations(d.id)}
        for e in store.events(d.id):
            if date_from and e.end_date < date_from:
                continue
            if date_to and e.date[: len(date_to)] > date_to:
                continue
            if wanted and not any(wanted.casefold() == p.casefold() for p in e.places):
                continue
            quote = text[e.start : e.end]
            if query and query.casefold() not in quote.casefold():
                continue
            sources = "; ".join(_cite_label(cites[k].fields) for k in e.citations if k in cites)
            rows.append((e.date, e.end_date, e.precision, e.what, d.name, e.start, e.end, sources))
    for date, end, precision, what, name, start, stop, sources in sorted(rows):
        when = period_label(date, end, precision)
        out.print(f"[bold]{esc(when)}[/bold]  {esc(what)}", highlight=False)
        out.print(f"      {name} [{start}-{stop}]" + (f" · {sources}" if sources else ""), markup=False)
    out.print(f"\n{len(rows)} events", markup=False)


@cli.command()
@click.argument("name")
@db_option
def entity(name: str, db: str | None) -> None:
    """One entity (person, place, organisation, group, policy): its names, every mention, and
    the facts and events of the sentences that mention it."""
    from koryo.extract.entities import aliases_by_script, fold_person
    from koryo.places import lookup

    store = Store(db_path(db), readonly=True)
    wanted = name.casefold()
    place = lookup(name)
    matches = [
        e for e in store.entities()
        if wanted == str(e["name"]).casefold() or wanted in (str(a).casefold() for a in e["aliases"])
        or (place is not None and e["id"] == f"place:{place.id}") or fold_person(name) == str(e["id"]).split(":", 1)[-1]
    ]
    if not matches:
        raise NotFound(f"{name}: no such entity; `koryo export entities` lists them")
    for e in matches:
        out.print(f"[bold]{esc(e['name'])}[/bold]  ({esc(e['type'])}, {e['mentions']} mentions in {len(e['docs'])} documents)")
        if e["aliases"]:
            scripts = aliases_by_script([str(a) for a in e["aliases"]])
            out.print("  also written: " + " · ".join(f"{s}: {', '.join(names)}" for s, names in scripts.items()), markup=False)
        for d in store.documents():
            mentions = [m for m in store.mentions(d.id) if m.key == e["id"]]
            if not mentions:
                continue
            text = store.text(d.id)
            out.print(f"\n  [bold]{esc(d.name)}[/bold]")
            facts = store.facts(d.id)
            events = store.events(d.id)
            for m in mentions:
                line_start = text.rfind("\n", 0, m.start) + 1
                line_end = text.find("\n", m.end)
                context = text[max(line_start, m.start - 70) : min(line_end if line_end >= 0 else len(text), m.end + 70)]
                out.print(f"    [{m.start}-{m.end}] …{' '.join(context.split())}…", markup=False)
            spans = [(m.start, m.end) for m in mentions]
            for f in facts:
                if any(f.start <= a < f.end for a, _ in spans):
                    value = f"{f.value:,}" if f.value is not None else f"{f.low:,}–{f.high:,}" if f.low is not None and f.high is not None else "?"
                    out.print(f"    fact: {value} {f.unit} {f.subject} {f.time} — {text[f.mention_start:f.mention_end]}", markup=False)
            for ev in events:
                if any(ev.start <= a < ev.end for a, _ in spans):
                    out.print(f"    event: {ev.date} {ev.what[:120]}", markup=False)


@cli.command()
@click.option("--group", default=None, help="Only flows of this group (any of its names).")
@click.option("--origin", default=None, help="Only flows from this place.")
@click.option("--destination", default=None, help="Only flows to this place.")
@db_option
def flows(group: str | None, origin: str | None, destination: str | None, db: str | None) -> None:
    """Flows of people: from where to where, who, when, how many (when stated), why; with evidence."""
    from koryo.export import flow_records

    n = 0
    for r in flow_records(Store(db_path(db), readonly=True), group, origin, destination):
        n += 1
        size = r["size"]
        if size["value"] is not None:
            count = f"{'~' if size['approx'] else ''}{size['value']:,}"
        elif size["low"] is not None or size["high"] is not None:
            count = f"{size['low'] or ''}–{size['high'] or ''}"
        else:
            count = "size not stated"
        when = r["start"] if r["start"] == r["end"] else f"{r['start']}–{r['end']}"
        route = f"{', '.join(r['origin']) or '?'} → {', '.join(r['destination']) or '?'}"
        out.print(f"[bold]{esc(route)}[/bold]  {esc(r['group'])}  {esc(when)}  {esc(r['kind'])}  {count}")
        if r["series"]:
            out.print("    " + ", ".join(f"{y}: {v:,.0f}" for y, v in r["series"]), markup=False)
        for e in r["evidence"][:3]:
            out.print(f"    {e['doc']} [{e['start']}-{e['end']}] {' '.join(e['quote'].split())[:150]}", markup=False)
    out.print(f"\n{n} flows", markup=False)


@cli.command("conflicts")
@click.option("--agreements", is_flag=True, help="Show figures confirmed by several sources instead.")
@db_option
def conflicts_cmd(agreements: bool, db: str | None) -> None:
    """Where sources disagree (or, with --agreements, agree), with both quotes and their citations;
    then each document's own inconsistencies (koryo checks)."""
    from koryo.export import conflict_records

    store = _store_to_read(db)
    n = 0
    for record in conflict_records(store, agreements):
        n += 1
        out.print(f"\n[bold]{esc(record['kind'])}[/bold]: {esc(record['explanation'])}")
        for s in record["statements"]:
            out.print(f"    {s['doc']} [{s['start']}-{s['end']}] ({s['source']}) {' '.join(s['quote'].split())[:200]}", markup=False)
            for label in filter(None, map(_cite_label, s["citations"])):
                out.print(f"        cites: {label}", markup=False)
    out.print(f"\n{n} {'agreements' if agreements else 'conflicts'}", markup=False)
    if not agreements:
        checks = [(d, c) for d in store.documents() for c in store.checks(d.id)]
        if checks:
            out.print("\n[bold]The documents' own inconsistencies[/bold]")
            for d, c in checks:
                out.print(f"  {d.name} {c.kind}: {c.note}", markup=False)


@cli.command("claims")
@click.argument("query", required=False, default="")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
def claims_cmd(query: str, fmt: str, db: str | None) -> None:
    """Every claim two sources or more make — or those whose quotes, documents or subject hold
    QUERY — with each statement side by side: value, quote, document, date, citation and rank."""
    import json

    from koryo.export import claims

    needle = query.casefold()
    found = [c for c in claims(_store_to_read(db)) if not needle or needle in json.dumps(c, ensure_ascii=False).casefold()]
    if fmt == "json":
        out.print(json.dumps(found, ensure_ascii=False, indent=1), markup=False)
        return
    for c in found:
        out.print(f"\n[bold]{esc(c['about'])}[/bold]: {esc(c['summary'])}  (claim {c['id']})")
        for s in c["statements"]:
            rank = s["rank"] + (f": {s['rank_reason']}" if s["rank_reason"] else "")
            out.print(f"    {s['mention']}  {s['doc']}{' ' + s['published'] if s['published'] else ''} [{s['start']}-{s['end']}] {rank}", markup=False)
            out.print(f"        {' '.join(s['quote'].split())[:200]}", markup=False)
            for label in filter(None, map(_cite_label, s["citations"])):
                out.print(f"        cites: {label}", markup=False)
    out.print(f"\n{len(found)} claims", markup=False)


def _store_to_read(db: str | None) -> Store:
    """A store to read claims from: opened for writing where it may be, so that the sentence vectors
    the judge computes are kept for the next time; read-only otherwise (a published store)."""
    path = db_path(db)
    return Store(path) if is_postgres(path) or os.access(path, os.W_OK) else Store(path, readonly=True)


@cli.command("diff")
@click.argument("article")
@click.option("--from", "rev_from", type=int, default=None, help="Older revision number (default: each revision with the next).")
@click.option("--to", "rev_to", type=int, default=None, help="Newer revision number.")
@db_option
def diff_cmd(article: str, rev_from: int | None, rev_to: int | None, db: str | None) -> None:
    """What changed between revisions of one article, fact by fact."""
    from koryo.reconcile import revisions

    for a, b, changes in revisions(Store(db_path(db), readonly=True), article, rev_from, rev_to):
        out.print(f"[bold]{esc(a.title)}[/bold]: revision {a.revision} ({esc(a.name)}) → {b.revision} ({esc(b.name)}), {len(changes)} changes")
        for c in changes:
            out.print(f"  {c.change} {c.kind}", markup=False)
            if c.old_quote:
                out.print(f"    - {' '.join(c.old_quote.split())[:220]}", markup=False)
            if c.new_quote:
                out.print(f"    + {' '.join(c.new_quote.split())[:220]}", markup=False)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@db_option
def serve(host: str, port: int, db: str | None) -> None:
    """Serve the site and the JSON API (read-only) over the store."""
    import uvicorn

    from koryo.web.app import create_app

    from koryo.store.queries import Reader

    path = db_path(db)
    Reader(path).close()  # a missing, newer or PostgreSQL store is said now, not on the first page
    sock = _listen(host, port)  # a busy port is said before "serving at"
    err.print(f"koryo: serving {path} at http://{host}:{port}/ (API docs at /docs); Ctrl-C stops", markup=False)
    uvicorn.Server(uvicorn.Config(create_app(path), log_level="warning")).run(sockets=[sock])


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to `host`:`port`, or a KoryoError saying why it cannot be."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        raise KoryoError(f"cannot serve at {host}:{port} ({exc.strerror or exc}); stop what uses it or choose another --port") from exc
    return sock


@cli.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(["text", "table", "fact", "event", "entity"]), default=None)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 500))
@db_option
def search_cmd(query: tuple[str, ...], kind: str | None, limit: int, db: str | None) -> None:
    """Full-text search over documents, tables, facts, events and entities (ranked)."""
    import re as _re

    from koryo.store.queries import Reader, Versioned
    from koryo.web.pages import Context, Paging
    from koryo.web.search import search

    path = db_path(db)
    Reader(path).close()  # a missing, foreign or PostgreSQL store is named before anything else
    result = search(Context(Reader(path), Versioned(path)), " ".join(query), kind, None, None, None, Paging(limit, 0))
    for c in result["conflicts"]:
        out.print(f"[bold]conflict[/bold] {esc(c['explanation'])}")
    for r in result["results"]:
        snippet = _re.sub(r"</?mark>", "*", r["snippet_html"])
        import html as _html

        out.print(f"{r['kind']:<7} {r['doc']}  {_html.unescape(snippet)}", markup=False)
    facets = ", ".join(f"{f['value']} ({f['count']})" for f in result["facets"]["doc"])
    out.print(f"\n{len(result['results'])} of {result['total']} results · by document: {facets}", markup=False)


@cli.command("ask")
@click.argument("question", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
def ask_cmd(question: tuple[str, ...], fmt: str, db: str | None) -> None:
    """Answer a question from the documents' statements, each cited, or say they do not say."""
    import json as _json

    from koryo.ask import ask, build
    from koryo.reconciled import judged

    store = _store_to_read(db)
    result = ask(build(store, judged(store).claims), " ".join(question))
    if fmt == "json":
        out.print(_json.dumps(result, ensure_ascii=False, indent=1), markup=False)
        return
    out.print(result["summary"] + (f"  (claim {result['claim']})" if result["claim"] else ""), markup=False)
    for s in result["statements"] or result["related"]:
        label = "related" if result["abstained"] else s["rank"]
        out.print(f"  {s['value']}  [{label}]  {s['doc']} [{s['mention_start']}-{s['mention_end']}] ({s['language']})"
                  f"{'  ' + s['time'] if s['time'] else ''}", markup=False)
        out.print(f"      “{one_line(s['quote'])}”", markup=False)


def _cite_label(fields: dict[str, str]) -> str:
    parts = [fields.get("author", ""), fields.get("title", "") or fields.get("text", "")[:80], fields.get("url", "")]
    return ", ".join(p for p in parts if p)


def main() -> None:
    """Entry point: koryo errors become one line on stderr and exit status 1 (2 for usage)."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        err.print("aborted")
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except UsageError as exc:
        err.print(f"koryo: {one_line(exc)}", markup=False)
        sys.exit(2)
    except (NotFound, KoryoError) as exc:
        err.print(f"koryo: {one_line(exc)}", markup=False)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)
