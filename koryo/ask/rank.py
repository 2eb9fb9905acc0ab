"""Ranking candidates for a question: how well each fits its subject, its words, its measure, its
time and its answer type. A figure for another time than the question's is never a candidate."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from koryo.ask.index import Candidate, Index
from koryo.ask.question import Question, subject_keys

# How much each fit counts (they sum to 1). Weights are the design's; the abstaining threshold on
# their sum is what bench/ask.py calibrates.
WEIGHTS = {"subject": 0.4, "words": 0.3, "measure": 0.15, "time": 0.15}
UNDATED = 0.4  # the time fit of a figure whose sentence states no time, when the question names one

# The seam for the claims issue's multilingual embeddings: cosine similarities of the question to
# each candidate's sentence, in [0, 1]; the words fit becomes the better of the two.
Similarity = Callable[[str, Sequence[Candidate]], Sequence[float]]


# Below this a candidate is not an answer, however it scores: it misses what the question names.
MIN_SUBJECT = 0.5
# A question whose words weigh more than this in words no stored sentence has asks about something
# the documents never mention ("How many penguins live on Sakhalin?" names Sakhalin, not penguins).
MAX_UNSEEN = 0.5


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    subject: float
    answers: bool  # fit enough to be shown as the answer (else only as related)


def _periods_meet(a: str, b: str) -> bool:
    a0, _, a1 = a.partition("/")
    b0, _, b1 = b.partition("/")
    a1, b1 = a1 or a0, b1 or b0
    return a0[:4] <= b1[:4] and b0[:4] <= a1[:4]


# How well an entity of the question is met, by where the candidate names it. A place named in the
# sentence but not in the figure's clause is most often another figure's ("151,136 to the Uzbek SSR").
FIT = {"place": {"clause": 1.0, "sentence": 0.6, "context": 0.4},
       "other": {"clause": 1.0, "sentence": 0.9, "context": 0.6}}
NATIONALITY = 0.85  # met only through its country ("Kazakhstanis" and "Kazakhstan")


def _subject_fit(q: Question, c: Candidate) -> float:
    """The mean over the question's entities of how well the candidate names each."""
    if not q.entities:
        return 0.5
    fits = []
    for m in {m.key: m for m in q.entities}.values():
        nat = subject_keys([m]) - {m.key}
        fit = FIT["place" if m.type == "place" else "other"]
        best = 0.0
        for where, keys in (("clause", c.clause), ("sentence", c.subject), ("context", c.context)):
            if m.key in keys:
                best = max(best, fit[where])
            elif nat & keys:
                best = max(best, fit[where] * NATIONALITY)
        fits.append(best)
    return sum(fits) / len(fits)


def _words_fit(index: Index, q: Question, c: Candidate) -> float:
    """The question's words the sentence has, weighted by how rare they are (idf)."""
    if not q.stems:
        return 0.5
    total = sum(index.idf.get(t, index.unseen) for t in q.stems)
    return sum(index.idf.get(t, index.unseen) for t in q.stems if t in c.terms) / total


def _fits_type(q: Question, c: Candidate) -> bool:
    if c.answers != q.answer_type:
        return False
    if c.kind == "entity":
        named = {m.key for m in q.entities}
        return c.entity_key not in named and (not q.list_of or c.entity_type == q.list_of)
    return True


def rank(index: Index, q: Question, similarity: Similarity | None = None) -> list[Scored]:
    """The candidates that fit the question's answer type and time, best first."""
    pool: set[int] = set()
    for t in q.stems:
        pool.update(index.by_term.get(t, ()))
    for k in q.subject:
        pool.update(index.by_key.get(k, ()))
    candidates = [index.candidates[i] for i in sorted(pool)]
    candidates = [c for c in candidates if _fits_type(q, c)]
    undated = [c for c in candidates if not c.time]
    if q.time:  # an undated figure only where its document names the question's year before it
        candidates = [c for c in candidates if c.time and _periods_meet(c.time, q.time)]
        candidates += [c for c in undated if q.time[:4] in index.texts[c.doc_id][: c.end]]
    # Words only say something where the store has sentences in the question's language; else
    # (a Russian question over English documents) the subject, measure and time must carry it.
    words_tell = q.lang in index.languages
    total = sum(index.idf.get(t, index.unseen) for t in q.stems)
    unseen = sum(index.unseen for t in q.stems if t not in index.idf) / total if total and words_tell else 0.0
    similar = list(similarity(q.text, candidates)) if similarity and candidates else [0.0] * len(candidates)
    out = []
    for c, sim in zip(candidates, similar):
        subject = _subject_fit(q, c)
        words = max(_words_fit(index, q, c) if words_tell else 0.5, sim)
        measure = len(q.stems & c.near) / len(q.stems) if q.stems else 0.0
        time = 1.0 if not q.time else (1.0 if c.time else UNDATED)
        score = (WEIGHTS["subject"] * subject + WEIGHTS["words"] * words + WEIGHTS["measure"] * measure
                 + WEIGHTS["time"] * time)
        fits = (not q.entities or subject >= MIN_SUBJECT) and unseen <= MAX_UNSEEN
        out.append(Scored(c, round(score, 4), subject, fits))
    out.sort(key=lambda s: (-s.score, s.candidate.doc_id, s.candidate.mention_start))
    return out
