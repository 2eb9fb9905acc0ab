"""What a question can be answered with: every figure in prose, every table cell, every dated
event and every named entity of those sentences, as candidates with the words and entities that
retrieval matches a question against. Built once per state of the store."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from koryo import embed
from koryo.ask.question import subject_keys, terms, with_nationalities
from koryo.locales import script_language
from koryo.model import EntityMention
from koryo.places import lookup
# reconcile's document topic (the groups and places it names most), so ask and claims read it alike
from koryo.reconcile import Claim, _topic
from koryo.store import Store, StoredDocument

LIST_TYPES = ("place", "organisation", "person", "group", "policy")


@dataclass(frozen=True)
class Candidate:
    """One thing an answer can show: a figure, a cell, an event's date, or an entity, with its sentence."""

    kind: str  # fact | cell | event | entity
    answers: str  # the answer type it fits: count | amount | share | date | place | list
    doc_id: int
    doc: str
    article: str
    revision: int
    published: str
    language: str
    start: int  # the sentence (or the cell)
    end: int
    mention_start: int  # the figure, date or name within it
    mention_end: int
    quote: str
    value: float | str | None  # a number, an ISO date (events), an entity's name
    low: float | None
    high: float | None
    approx: bool
    unit: str
    time: str
    time_source: str  # stated | heading | document (the document's date stands in: not a time the figure states)
    citations: tuple[str, ...]
    subject: frozenset[str]  # entity keys of the sentence (or the cell's table title, row and column)
    clause: frozenset[str]  # entity keys of the figure's own clause (or the cell's row and column)
    nearest: frozenset[str]  # keys of the place named nearest the figure in its sentence
    others: frozenset[str]  # keys of the places its sentence gives other figures for
    context: frozenset[str]  # entity keys of its document's title and section headings
    terms: frozenset[str]  # stems of the sentence (and a cell's table title and headers)
    near: tuple[str, ...]  # stems of the words around the figure, nearest first: what it measures
    entity_key: str = ""  # for an entity: its key; for a figure: ""
    entity_type: str = ""
    labels: str = ""  # for a cell: its table's title, row and column headers, and the cell as printed


@dataclass
class Index:
    candidates: list[Candidate] = field(default_factory=list)
    by_term: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_key: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    idf: dict[str, float] = field(default_factory=dict)
    unseen: float = 1.0
    languages: set[str] = field(default_factory=set)  # of the candidates' sentences
    units: set[str] = field(default_factory=set)  # of the candidates' figures
    texts: dict[int, str] = field(default_factory=dict)  # document texts, to check every quote
    by_prefix: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # terms by their first letters
    claims: dict[tuple[str, int, int], Claim] = field(default_factory=dict)  # by (doc, mention_start, mention_end) of each statement
    meanings: dict[str, np.ndarray] = field(default_factory=dict)  # sentence embeddings (koryo.embed) of the candidates' meant texts

    def similarity(self, question: str, candidates: list[Candidate]) -> list[float]:
        """How near each candidate's meaning is to the question's, in [0, 1] (0 without embeddings):
        the cosine of their multilingual sentence embeddings, stretched over the range where a
        question and a sentence that answers it meet (SIMILAR_FROM … SIMILAR_TO)."""
        if not self.meanings or not candidates:
            return [0.0] * len(candidates)
        q = embed.vectors([question])[0]
        cosines = np.stack([self.meanings[meant(c)] for c in candidates]) @ q
        return [float(x) for x in np.clip((cosines - SIMILAR_FROM) / (SIMILAR_TO - SIMILAR_FROM), 0.0, 1.0)]

    def claim_of(self, c: Candidate) -> Claim | None:
        """The ranked claim (koryo.reconcile's, as /claims/{id} shows) the candidate's figure is a statement of."""
        return self.claims.get((c.doc, c.mention_start, c.mention_end))

    def forms(self, t: str) -> frozenset[str]:
        """The stored terms a question's term stands for: itself, and the longer or shorter cuts of one
        word ("work" for "worki" and "worke": stems cut at five letters part a root's forms)."""
        if len(t) < FORM:
            return frozenset({t} & self.idf.keys())
        return frozenset(u for u in self.by_prefix.get(t[:FORM], ()) if u.startswith(t) or t.startswith(u))

    def add(self, c: Candidate) -> None:
        i = len(self.candidates)
        self.candidates.append(c)
        for t in c.terms:
            self.by_term[t].append(i)
        self.languages.add(c.language)
        self.units.add(c.unit)
        for k in c.subject | c.context:
            self.by_key[k].append(i)


# e5's cosines crowd into a narrow band: below SIMILAR_FROM a sentence is about something else,
# from SIMILAR_TO on it says what the question asks (of the bands tried on bench/ask.py's question
# sets, 0.80–0.92 to 0.88–0.96, this one had the most right and the fewest wrong)
SIMILAR_FROM, SIMILAR_TO = 0.84, 0.95


def meant(c: Candidate) -> str:
    """The text whose meaning a question is compared with: the sentence, or for a table cell its
    table's title and the cell's row and column (the cell alone is a bare number)."""
    return c.labels or c.quote


FORM = 4  # letters two terms share at least to be forms of one word

PEOPLE = ("persons", "")  # a bare count is most often of people ("4,000 were deported")


def _family(unit: str) -> str:
    if unit in ("%", "fraction"):
        return "share"
    if re.fullmatch(r"[A-Z]{3}", unit):
        return "amount"
    if unit in ("years", "months", "days", "hours", "age", "km", "miles", "times"):
        return ""  # durations, ages and distances: no question type asks for them yet
    return "count"


def _language(d: StoredDocument, quote: str) -> str:
    """The quote's language: its script's where that differs from its document's (a Russian quote in an English page)."""
    by_script = script_language(quote)
    return d.language if by_script == "en" or by_script == d.language else by_script


def _keys(ms: list[EntityMention], start: int, end: int) -> frozenset[str]:
    return subject_keys([m for m in ms if start <= m.start < end])


_CLAUSE = re.compile(r"[,;:()–—]")


def _clause_keys(text: str, ms: list[EntityMention], start: int, end: int, at: int, to: int) -> frozenset[str]:
    """The entities of the figure's clause: "Kazakhstan has 100,000 of them, Uzbekistan 210,000" gives
    100,000 to Kazakhstan only."""
    before = [m.end() for m in _CLAUSE.finditer(text, start, at)]
    after = _CLAUSE.search(text, to, end)
    return _keys(ms, before[-1] if before else start, after.start() if after else end)


def _near_terms(text: str, at: int, to: int) -> tuple[str, ...]:
    """What a figure measures, roughly: the words of its clause next to it (two before, six after),
    names included ("45.4 percent of GDP"), as claims reads a measure; nearest first, so that
    "193,865 Crimean Tatars deported" measures deportation more than "8,000 Crimean Tatars lost their
    lives in the deportation"."""
    left = terms(_CLAUSE.split(text[max(0, at - 60) : at])[-1])[-2:][::-1]
    right = terms(re.split(r"[,;:()\[\]]|\.\s", text[to : to + 80])[0])[:6]
    return tuple(t for i in range(6) for side in (right, left) if i < len(side) for t in [side[i]])


def _distance(text: str, m: EntityMention, at: int, to: int) -> tuple[int, int, int]:
    """How far a place stands from a figure: clause marks crossed, then before over after
    ("Polonia, con 1,14 millones, Rusia, …"), then characters."""
    after = m.start >= to
    between = text[to : m.start] if after else text[m.end : at]
    return len(_CLAUSE.findall(between)), int(after), len(between)


def _places_of(text: str, ms: list[EntityMention], start: int, end: int,
               figures: list[tuple[int, int]]) -> dict[tuple[int, int], tuple[frozenset[str], frozenset[str]]]:
    """For each figure of one sentence: the place it is given for, most likely, and the places that
    are other figures' ("Kazakhstan has 100,000 of them, Uzbekistan 210,000": Uzbekistan is 210,000's).
    A list gives each figure its own place: the nearest pairs first, one place a figure, never across
    another figure ("… en Europa son Polonia, con 1,14 millones, Rusia, con 1,04 millones": Europa is
    4,7 millones', Polonia 1,14 millones'); a place left over is its nearest figure's too."""
    places = [m for m in ms if start <= m.start < end and m.type == "place"]
    owner: dict[int, tuple[int, int]] = {}
    taken: set[tuple[int, int]] = set()
    pairs = sorted((_distance(text, m, *f), f, i) for i, m in enumerate(places) for f in figures
                   if not any(_between(g, m, f) for g in figures if g != f))
    for _, f, i in pairs:
        if i not in owner and f not in taken:
            owner[i] = f
            taken.add(f)
    for i, m in enumerate(places):
        owner.setdefault(i, min(figures, key=lambda f: (_distance(text, m, *f), f)))
    out = {}
    for f in figures:
        own = [m for i, m in enumerate(places) if owner[i] == f]
        nearest = subject_keys([min(own, key=lambda m: _distance(text, m, *f))]) if own else frozenset()
        others = subject_keys([m for i, m in enumerate(places) if owner[i] != f]) - subject_keys(own)
        out[f] = (nearest, others)
    return out


def _between(g: tuple[int, int], m: EntityMention, f: tuple[int, int]) -> bool:
    """Figure `g` stands between place `m` and figure `f`."""
    lo, hi = (m.end, f[0]) if m.end <= f[0] else (f[1], m.start)
    return lo <= g[0] and g[1] <= hi


def _label_keys(labels: tuple[str, ...]) -> frozenset[str]:
    keys = set()
    for label in labels:
        place = lookup(label)
        if place is not None:
            keys |= {"place:" + place.id, "nat:" + place.country}
    return frozenset(keys)


def build(store: Store, claims: list[Claim] | None = None, meanings: bool = True) -> Index:
    """The index of every candidate in the store, the claims (`koryo.reconcile.claims`) their
    figures are statements of, and (with `meanings`) the embeddings of their sentences, kept in the
    store where it can be written (embedding is slow the first time: some 20 sentences a second)."""
    index = Index()
    for claim in claims or ():
        for r in claim.statements:
            index.claims[(r.statement.doc, r.statement.mention_start, r.statement.mention_end)] = claim
    df: dict[str, int] = defaultdict(int)
    sentences = 0
    for d in store.documents():
        text = store.text(d.id)
        index.texts[d.id] = text
        ms = with_nationalities(store.mentions(d.id), text)
        sections = sorted((s.start, s.end, s.path) for s in store.sections(d.id))
        # what the document is about: its title's entities and the groups and places it names most
        topic = _topic(ms)  # reconcile's: what the sentences are about when they do not say
        title_keys = subject_keys([m for m in ms if text[m.start : m.end] in d.title or m.key in topic])

        def context(pos: int) -> frozenset[str]:
            keys = set(title_keys)
            for s0, s1, path in sections:
                if s0 <= pos < s1 and path:
                    head = text.rfind(path[-1], s0, pos)
                    if head >= 0:
                        keys |= _keys(ms, head, head + len(path[-1]))
            return frozenset(keys)

        seen_sentences: dict[int, tuple[int, tuple[str, ...]]] = {}
        base = dict(doc_id=d.id, doc=d.name, article=d.article, revision=d.revision, published=d.published)
        facts = store.facts(d.id)
        # the figures of one sentence that compete for its places: those of one kind of quantity
        # ("the number of workers in Russia …, who receive $800": Russia is both figures')
        figures: dict[tuple[int, int, str], list[tuple[int, int]]] = defaultdict(list)
        for f in facts:
            figures[(f.start, f.end, _family(f.unit))].append((f.mention_start, f.mention_end))
        places = {span: _places_of(text, ms, span[0], span[1], sorted(set(fs))) for span, fs in figures.items()}
        for f in facts:
            answers = _family(f.unit)
            quote = text[f.start : f.end]
            words = terms(quote)
            seen_sentences.setdefault(f.start, (f.end, f.citations))
            if not answers:
                continue
            index.add(Candidate(
                "fact", answers, **base, language=_language(d, quote), start=f.start, end=f.end,
                mention_start=f.mention_start, mention_end=f.mention_end, quote=quote, value=f.value, low=f.low,
                high=f.high, approx=f.approx, unit=f.unit or "persons", time=f.time, time_source=f.time_source, citations=f.citations,
                subject=_keys(ms, f.start, f.end), clause=_clause_keys(text, ms, f.start, f.end, f.mention_start, f.mention_end),
                nearest=places[(f.start, f.end, answers)][(f.mention_start, f.mention_end)][0],
                others=places[(f.start, f.end, answers)][(f.mention_start, f.mention_end)][1],
                context=context(f.start), terms=frozenset(words),
                near=_near_terms(text, f.mention_start, f.mention_end)))
        tables = store.tables(d.id)
        for o in store.observations(d.id):
            if o.value is None:
                continue
            answers = _family(o.unit)
            if not answers:
                continue
            table = tables[o.table_index] if o.table_index < len(tables) else None
            title = table.title if table else o.title
            labels = " ".join((title, *o.row, *o.col))
            words = terms(labels)
            scale = o.scale or 1
            year = o.dims.get("year") or o.dims.get("period") or ""
            index.add(Candidate(
                "cell", answers, **base, language=_language(d, o.raw), start=o.start, end=o.end, mention_start=o.start,
                mention_end=o.end, quote=o.raw, value=o.value * scale,
                low=o.low * scale if o.low is not None else None, high=o.high * scale if o.high is not None else None,
                approx=o.approx, unit=o.unit or "persons", time=str(year).replace("-", "/"), time_source="stated", citations=(),
                # a table's rows are about its document's subject too (an infobox's "Uzbekistan 176,000")
                subject=_label_keys(o.row + o.col) | title_keys | (_keys(ms, table.start, table.start + len(title)) if table else frozenset()),
                clause=_label_keys(o.row + o.col), nearest=_label_keys(o.row + o.col), others=frozenset(), context=context(o.start), terms=frozenset(words), near=terms(" ".join(o.row + o.col)), labels=f"{labels}: {o.raw}"))
            sentences += 1
            for w in set(words):
                df[w] += 1
        for e in store.events(d.id):
            quote = text[e.start : e.end]
            seen_sentences.setdefault(e.start, (e.end, e.citations))
            index.add(Candidate(
                "event", "date", **base, language=_language(d, quote), start=e.start, end=e.end,
                mention_start=e.date_start, mention_end=e.date_end, quote=quote,
                value=e.date + (f"/{e.end_date}" if e.end_date and e.end_date != e.date else ""), low=None, high=None,
                approx=False, unit="date", time=e.date[:4], time_source="stated", citations=e.citations,
                subject=_keys(ms, e.start, e.end), clause=_keys(ms, e.start, e.end), nearest=frozenset(), others=frozenset(), context=context(e.start), terms=frozenset(terms(quote)), near=terms(e.what)))
        for start, (end, citations) in seen_sentences.items():
            quote = text[start:end]
            words = terms(quote)
            sentences += 1
            for w in set(words):
                df[w] += 1
            keys = _keys(ms, start, end)
            for m in ms:
                if start <= m.start < end and m.type in LIST_TYPES:
                    index.add(Candidate(
                        "entity", "place" if m.type == "place" else "list", **base, language=_language(d, quote),
                        start=start, end=end, mention_start=m.start, mention_end=m.end, quote=quote, value=m.name,
                        low=None, high=None, approx=False, unit="", time="", time_source="", citations=citations, subject=keys,
                        clause=keys, nearest=subject_keys([m]), others=frozenset(), context=context(start), terms=frozenset(words), near=(), entity_key=m.key,
                        entity_type=m.type))
    index.idf = {t: math.log(1 + sentences / n) for t, n in df.items()}
    for t in index.idf:
        index.by_prefix[t[:FORM]].add(t)
    index.unseen = math.log(1 + sentences)  # a word no sentence has weighs as the rarest
    if meanings:
        texts = sorted({meant(c) for c in index.candidates})
        index.meanings = dict(zip(texts, embed.vectors(texts, store.db)))
    return index
