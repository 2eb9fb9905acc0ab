"""Revisions of one article, compared fact by fact: sentences added, removed and reworded,
numbers changed (in sentences, infobox rows and table cells), names respelled, sections added or removed, citations added or dropped.
Changes of markup, spacing or punctuation alone are not changes."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from koryo.extract.entities import fold_person
from koryo.extract.sentences import sentences
from koryo.model import Document

_NUMBER = re.compile(r"\d[\d,.\s]*\d|\d")
_MARKS = re.compile(r"\[\w{1,3}\]")  # reference markers are not figures
_CAPITALISED = re.compile(r"[A-ZА-Я][\w'’]*(?:-[\w'’]+)*(?:\s[A-ZА-Я][\w'’]*(?:-[\w'’]+)*)*")


@dataclass(frozen=True)
class Change:
    change: str  # added | removed | changed
    kind: str  # number | wording | name | section | citation
    old_quote: str
    new_quote: str
    old_start: int | None
    new_start: int | None


def _key(text: str) -> str:
    """A sentence as compared: words only, so markup, spacing and punctuation do not count."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _numbers(text: str) -> list[str]:
    return [re.sub(r"\D", "", n) for n in _NUMBER.findall(text)]


def _names(text: str) -> set[str]:
    return {m.group(0) for m in _CAPITALISED.finditer(text) if " " in m.group(0) or "-" in m.group(0)}


def _kinds(old: str, new: str) -> list[str]:
    """What changed between two versions of a sentence."""
    kinds = []
    if _numbers(old) != _numbers(new):
        kinds.append("number")
    respelled = {
        a for a in _names(old) for b in _names(new) if a != b and fold_person(a) == fold_person(b)
    }
    if respelled:
        kinds.append("name")
    # What is left once numbers and respelled names are set aside is wording.
    strip_old, strip_new = old, new
    for a in _names(old):
        for b in _names(new):
            if a != b and fold_person(a) == fold_person(b):
                strip_old, strip_new = strip_old.replace(a, "NAME"), strip_new.replace(b, "NAME")
    if _key(_NUMBER.sub("N", strip_old)) != _key(_NUMBER.sub("N", strip_new)):
        kinds.append("wording")
    return kinds


def _gone(text: str) -> list[str]:
    """A sentence only one revision has changes its wording, and its figures when it holds some."""
    return ["number", "wording"] if _numbers(_MARKS.sub("", text)) else ["wording"]


def _rows(old: Document, new: Document) -> list[Change]:
    """Infobox rows of both sides met by their label ("Uzbekistan | 176,000" and "Uzbekistan174,200"
    are one row changed), wherever each stands, and compared cell by cell (the glue between label
    and value is layout); a row only one side has is added or removed."""
    def rows(doc: Document) -> dict[str, tuple[str, str, int]]:
        out: dict[str, tuple[str, str, int]] = {}
        for t in doc.tables:
            if t.kind == "infobox":
                for row in t.body:
                    cells = " ".join(c.text for c in row)
                    out.setdefault(_key(row[0].text), (cells, doc.text[row[0].start : row[-1].end], row[0].start))
        return out

    a, b = rows(old), rows(new)
    out = []
    for label, (cells, quote, at) in a.items():
        if label not in b:
            out += [Change("removed", kind, quote, "", at, None) for kind in _gone(cells)]
        else:
            other, other_quote, other_at = b[label]
            out += [Change("changed", kind, quote, other_quote, at, other_at) for kind in _kinds(cells, other)]
    for label, (cells, quote, at) in b.items():
        if label not in a:
            out += [Change("added", kind, "", quote, None, at) for kind in _gone(cells)]
    return out


def _cells(old: Document, new: Document) -> list[Change]:
    """Figures of the tables both revisions have (same caption, or same place among the tables)
    that differ cell by cell, row and column found by their labels. Infobox rows are compared as
    sentences; a row or column only one revision has is left to its text."""
    def cells(doc: Document) -> dict[tuple[str, str, str], tuple[str, str, int]]:
        out = {}
        for n, t in enumerate(x for x in doc.tables if x.kind == "table"):
            heads = [c.text for c in t.header[-1]] if t.header else []
            for row in t.body:
                line = doc.text[row[0].start : row[-1].end]
                for k, c in enumerate(row[1:], 1):
                    col = heads[k] if k < len(heads) else str(k)
                    out[(_key(t.title) or str(n), _key(row[0].text), _key(col))] = (c.text, line, row[0].start)
        return out

    a, b = cells(old), cells(new)
    changed: dict[tuple[int, int], Change] = {}
    for key in a.keys() & b.keys():
        (va, line_a, at_a), (vb, line_b, at_b) = a[key], b[key]
        if _numbers(va) != _numbers(vb):
            changed.setdefault((at_a, at_b), Change("changed", "number", line_a, line_b, at_a, at_b))
    return list(changed.values())


def diff(old: Document, new: Document) -> list[Change]:
    """Every fact-level difference from `old` to `new`."""
    out: list[Change] = []
    old_paths = {s.path for s in old.sections}
    new_paths = {s.path for s in new.sections}
    for s in old.sections:
        if s.path not in new_paths:
            out.append(Change("removed", "section", " › ".join(s.path), "", s.start, None))
    for s in new.sections:
        if s.path not in old_paths:
            out.append(Change("added", "section", "", " › ".join(s.path), None, s.start))
    # infobox rows are compared by their labels (_rows), the running text sentence by sentence
    a, b = [s for s in sentences(old) if not s.infobox], [s for s in sentences(new) if not s.infobox]
    a_text = [old.text[s.start : s.end] for s in a]
    b_text = [new.text[s.start : s.end] for s in b]
    matcher = difflib.SequenceMatcher(a=[_key(t) for t in a_text], b=[_key(t) for t in b_text], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            # The same words may still hide a respelled name ("Kim Il-sung" → "Kim Il Sung").
            for i, j in zip(range(i1, i2), range(j1, j2)):
                if a_text[i] != b_text[j] and "name" in _kinds(a_text[i], b_text[j]):
                    out.append(Change("changed", "name", a_text[i], b_text[j], a[i].start, b[j].start))
            continue
        olds = list(range(i1, i2))
        news = list(range(j1, j2))
        # Pair the most alike sentences of a replaced block: they are one sentence reworded.
        pairs = []
        for i in olds:
            best = max(news, key=lambda j: difflib.SequenceMatcher(a=a_text[i], b=b_text[j]).ratio(), default=None)
            if best is not None and difflib.SequenceMatcher(a=a_text[i], b=b_text[best]).ratio() >= 0.6:
                pairs.append((i, best))
                news.remove(best)
        paired_old = {i for i, _ in pairs}
        for i, j in pairs:
            for kind in _kinds(a_text[i], b_text[j]):
                out.append(Change("changed", kind, a_text[i], b_text[j], a[i].start, b[j].start))
        for i in olds:
            if i not in paired_old:
                out += [Change("removed", kind, a_text[i], "", a[i].start, None) for kind in _gone(a_text[i])]
        for j in news:
            out += [Change("added", kind, "", b_text[j], None, b[j].start) for kind in _gone(b_text[j])]
    out += _rows(old, new)
    out += _cells(old, new)
    out += _citations(old, new)
    return sorted(out, key=lambda c: (c.new_start if c.new_start is not None else c.old_start or 0, c.kind))


def _citations(old: Document, new: Document) -> list[Change]:
    def ident(doc: Document, c: object) -> str:
        fields = c.fields  # type: ignore[attr-defined]
        return (fields.get("url") or fields.get("title") or _key(doc.text[c.start : c.end])).casefold()  # type: ignore[attr-defined]

    old_ids = {ident(old, c): c for c in old.citations if c.kind != "source_note"}
    new_ids = {ident(new, c): c for c in new.citations if c.kind != "source_note"}
    out = [Change("removed", "citation", old.text[c.start : c.end], "", c.start, None) for k, c in old_ids.items() if k not in new_ids]
    out += [Change("added", "citation", "", new.text[c.start : c.end], None, c.start) for k, c in new_ids.items() if k not in old_ids]
    return out


