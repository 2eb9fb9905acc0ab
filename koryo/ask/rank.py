"""Ranking candidates for a question: how well each fits its subject, its words, its measure, its
time and its answer type. A figure for another time than the question's is never a candidate."""

from __future__ import annotations

from dataclasses import dataclass

from koryo.ask.index import PEOPLE, Candidate, Index
from koryo.ask.question import Question, same, subject_keys, term
from koryo.extract.gazetteer import nationality_of

# How much each fit counts (they sum to 1). Weights are the design's; the abstaining threshold on
# their sum is what bench/ask.py calibrates.
WEIGHTS = {"subject": 0.35, "words": 0.25, "measure": 0.15, "time": 0.25}
UNDATED = 0.2  # the time fit of a figure whose sentence states no time, when the question names one

# Below this a candidate is not an answer, however it scores: it misses one of the entities the
# question names ("… in Japan" is not answered with a figure for South Korea).
MIN_ENTITY = 0.4
# A table cell that has none of the question's words answers it only where its meaning is this near
# (the question's similarity to it, see Index.similarity)
MEANT = 0.6


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    subject: float
    answers: bool  # fit enough to be shown as the answer (else only as related)


def _dated(c: Candidate) -> bool:
    """The figure states its time (a document's date standing in is not a time it states)."""
    return bool(c.time) and c.time_source != "document"


def _periods_meet(a: str, b: str) -> bool:
    a0, _, a1 = a.partition("/")
    b0, _, b1 = b.partition("/")
    a1, b1 = a1 or a0, b1 or b0
    return a0[:4] <= b1[:4] and b0[:4] <= a1[:4]


# How well an entity of the question is met, by where the candidate names it. A place fits best
# where it is both in the figure's clause and the one nearest it; the nearest alone is a better sign
# than the clause alone ("4,7 millones … en Europa son Polonia, con 1,14 millones": Polonia's is
# 1,14 millones); a place elsewhere in the sentence is most often another figure's. Groups are
# named once for a whole sentence ("Of the 193,865 Crimean Tatars deported, 151,136 were sent …").
FIT = {"place": {"both": 1.0, "nearest": 0.9, "clause": 0.7, "sentence": 0.6, "context": 0.4},
       "other": {"both": 1.0, "nearest": 1.0, "clause": 1.0, "sentence": 0.95, "context": 0.6}}
NATIONALITY = 0.85  # met only through its country ("Kazakhstanis" and "Kazakhstan")
# a place its sentence gives another figure for ("Kazakhstan has 100,000 of them, Uzbekistan
# 210,000": 100,000 is not Uzbekistan's), named nowhere nearer this one: below MIN_ENTITY
ANOTHERS = 0.3


def _entity_fits(q: Question, c: Candidate, kinds: dict[str, frozenset[str]]) -> list[float]:
    """How well the candidate names each entity of the question; `kinds`: for a group of one
    nationality and a kind ("North Korean soldiers"), the forms of the word for its kind."""
    fits = []
    for m in {m.key: m for m in q.entities}.values():
        nat = subject_keys([m]) - {m.key}
        fit = FIT["place" if m.type == "place" else "other"]
        found = {where: 1.0 if m.key in keys else NATIONALITY if nat & keys else 0.0
                 for where, keys in (("clause", c.clause), ("nearest", c.nearest), ("sentence", c.subject), ("context", c.context))}
        found["both"] = min(found["clause"], found["nearest"])
        best = max(fit[w] * f for w, f in found.items())
        if m.type == "place" and not found["clause"] and not found["nearest"] and ({m.key} | nat) & c.others:
            best = min(best, ANOTHERS)
        # met only through its country, a group of a kind needs its kind named: North Korea's
        # workers are not its soldiers
        if m.key in kinds and m.key not in c.subject | c.context and not kinds[m.key] & c.terms:
            best = min(best, ANOTHERS)
        fits.append(best)
    return fits


def _words_fit(forms: dict[str, frozenset[str]], weights: dict[str, float], c: Candidate) -> float:
    """The question's words the sentence has (in any of their forms), weighted by how rare they are (idf)."""
    if not forms:
        return 0.5
    return sum(weights[t] for t, f in forms.items() if f & c.terms) / sum(weights.values())


NEAR_STEP = 0.1  # a measure word one word further from the figure counts this much less


def _measure_fit(forms: dict[str, frozenset[str]], c: Candidate) -> float:
    """The question's words next to the figure, each counting less the further it stands."""
    if not forms:
        return 0.0
    at = [min((i for i, u in enumerate(c.near) if u in f), default=None) for f in forms.values()]
    return sum(max(0.0, 1 - NEAR_STEP * i) for i in at if i is not None) / len(forms)


def _fits_type(q: Question, c: Candidate, things: set[str]) -> bool:
    """The answer type, and for a count the thing counted: a figure of wagons answers only a question
    that names wagons, and a question that names a thing koryo counts is not answered with people."""
    if c.answers != q.answer_type:
        return False
    if c.answers == "count" and c.kind != "entity":
        named = q.units & things
        return c.unit in named if (c.unit not in PEOPLE or named) else True
    if c.kind == "entity":
        named = {m.key for m in q.entities}
        return c.entity_key not in named and (not q.list_of or c.entity_type == q.list_of)
    return True


def rank(index: Index, q: Question) -> list[Scored]:
    """The candidates that fit the question's answer type and time, best first."""
    forms = {t: frozenset().union(*(index.forms(u) for u in same(t))) for t in q.stems}
    weights = {t: max((index.idf[u] for u in f), default=index.unseen) for t, f in forms.items()}
    pool: set[int] = set()
    for f in forms.values():
        for u in f:
            pool.update(index.by_term.get(u, ()))
    for k in q.subject:
        pool.update(index.by_key.get(k, ()))
    candidates = [index.candidates[i] for i in sorted(pool)]
    things = index.units - set(PEOPLE)
    candidates = [c for c in candidates if _fits_type(q, c, things)]
    undated = [c for c in candidates if not _dated(c)]
    if q.time:  # an undated figure only where its document names the question's year before it
        candidates = [c for c in candidates if _dated(c) and _periods_meet(c.time, q.time)]
        candidates += [c for c in undated if q.time[:4] in index.texts[c.doc_id][: c.end]]
    # Words only say something where the store has sentences in the question's language; else
    # (a Russian question over English documents) the subject, measure and time must carry it.
    words_tell = q.lang in index.languages
    # what is counted is named in no stored sentence: the documents never mention it ("How many
    # penguins live on Sakhalin?" names Sakhalin, not penguins)
    unknown = words_tell and bool(q.counted) and not index.forms(q.counted)
    # a group of a kind: a nationality and a noun that no gazetteer entry merges into a people
    # (its key is the name as written: "group:north korean soldiers", not "group:sakhalin-koreans")
    kinds = {m.key: frozenset().union(*(index.forms(u) for u in same(term(m.name.split()[-1])))) for m in q.entities
             if m.type == "group" and " " in m.key and nationality_of(m)}
    # who is counted, where no group of the question says: the counted word must be in the sentence
    # ("Сколько северокорейских солдат …" is not answered with any figure about Russia)
    counted = frozenset().union(*(index.forms(u) for u in same(q.counted))) if q.counted and not any(
        m.type == "group" for m in q.entities) else None
    # the meaning of the question and of each sentence (multilingual embeddings): a question meets
    # a sentence that says it in other words (across languages too, if less near)
    similar = index.similarity(q.text, candidates)
    out: list[Scored] = []
    for c, sim in zip(candidates, similar):
        fits = _entity_fits(q, c, kinds)
        subject = sum(fits) / len(fits) if fits else 0.5
        lexical = _words_fit(forms, weights, c) if words_tell else 0.5
        words = max(lexical, sim)
        measure = _measure_fit(forms, c)
        time = 1.0 if not q.time else (1.0 if _dated(c) else UNDATED)
        score = (WEIGHTS["subject"] * subject + WEIGHTS["words"] * words + WEIGHTS["measure"] * measure
                 + WEIGHTS["time"] * time)
        said = counted is None or bool(counted & c.terms)
        # a cell with none of the question's words in its table's title and headers, nor near it in
        # meaning, is about something else (a table of marriage migrants in Japan does not count who
        # works there illegally); a sentence names more than its headers do, and is not held to this
        said = said and (c.kind != "cell" or lexical > 0 or measure > 0 or sim >= MEANT)
        out.append(Scored(c, round(score, 4), subject, min(fits, default=1.0) >= MIN_ENTITY and not unknown and said))
    # ties: the more precise date first ("23 February 1944" over "1940–1944"), then in document order
    out.sort(key=lambda s: (-s.score, -len(str(s.candidate.value).split("/")[0]) if s.candidate.kind == "event" else 0,
                            s.candidate.doc_id, s.candidate.mention_start))
    return out
