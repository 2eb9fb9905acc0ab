"""Identifiers: the number a source gives a resolution, a decree or a law, compared across sources.

"UN Security Council resolution 2397" printed as "resolution 2379" by one news agency is a
conflict of a kind figures do not have: the two numbers are not near in value, they are near in
their digits. Two sources' numbers for one kind of act are taken as one act's, printed
differently, when their digits differ by one swap of neighbours or one digit, the two sentences
read alike (closer still unless they name something in common: an entity, or what their documents
are most about) — and neither document names both numbers (a text listing resolutions 2371 and 2375 speaks of two).
The words that name an act, per language, are in `koryo/data/measure.json` (`identifiers`).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import combinations

from koryo import locales
from koryo.model import EntityMention
from koryo.reconcile.claims import Statement
from koryo.reconcile.judge import Embed

# Sentences of one act's number read at least this alike (e5's cosines between unrelated sentences
# lie mostly between 0.7 and 0.8), and closer still when they name nothing in common (an act named
# "UN Security Council Resolution 2397" is an entity of its own, which the misnumbered one is not).
ALIKE = 0.8
ALIKE_ALONE = 0.9


@dataclass(frozen=True)
class Misnumbered:
    kind: str  # the act, as measure.json names it: resolution, decree, law
    statements: tuple[Statement, ...]

    def explanation(self) -> str:
        named = " vs ".join(f"{s.raw} ({s.doc})" for s in self.statements)
        return f"{self.kind} numbered differently: {named}"


@lru_cache(maxsize=1)
def _data() -> dict[str, dict[str, object]]:
    return json.loads(resources.files("koryo.data").joinpath("measure.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _words() -> dict[str, str]:
    return {w.casefold(): str(kind) for words in _data()["identifiers"].values() for w, kind in words.items()}  # type: ignore[attr-defined]


NUMBER = r"(?:No\.?|Nr\.?|№|n\.?º|n°)?\s*\d{2,5}(?![\d.,]\d)"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    # the act's word, at most two abbreviations of who issued it ("СБ ООН"), then its number (a
    # number sign, digits, a counter glued to them: "2397호"), or several joined by commas and "and"
    joined = r"(?:\s*,\s*|\s+(?:" + locales.alternation({w for ws in _data()["identifiers_and"].values() for w in ws}) + r")\s+)"  # type: ignore[attr-defined]
    return re.compile(
        r"(?<![^\W\d_])(" + locales.alternation(_words()) + r")(?![^\W\d_])"
        r"(?-i:(?:\s+[A-ZА-ЯЁ]{2,6}){0,2})\s*(" + NUMBER + r"(?:" + joined + NUMBER + r")*)", re.I)


_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+(?=[^\W\d_])|\n")


def _sentence(text: str, at: int) -> tuple[int, int]:
    start = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, at - 600), at + 1)), default=max(0, at - 600))
    after = _SENTENCE_END.search(text, at)
    return start, after.start() if after else len(text)


def identifiers(doc: str, article: str, text: str, mentions: Sequence[EntityMention]) -> list[Statement]:
    """Every act a text names by its number, as a statement of kind `identifier` (family `id:<act>`)."""
    out = []
    for m in _pattern().finditer(text):
        start, end = _sentence(text, m.start())
        kind = _words()[m.group(1).casefold()]
        entities = frozenset(e.key for e in mentions if start <= e.start < end)
        for n in re.finditer(r"\d+", m.group(2)):
            n0, n1 = m.start(2) + n.start(), m.start(2) + n.end()
            out.append(Statement(
                doc, article, "identifier", None, start, end, n0, n1, float(n.group()), None, None, False,
                n.group(), "", (), "", kind, family="id:" + kind,
                context=" ".join((text[start:n0] + "#" + text[n1:end]).split()), entities=entities,
            ))
    return out


def _typo(a: str, b: str) -> bool:
    """One digit changed, or two neighbours swapped ("2397" and "2379")."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 1 or len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def misnumbered(statements: Sequence[Statement], embed: Embed) -> list[Misnumbered]:
    """Acts that two sources number differently (see the module's text)."""
    found = [s for s in statements if s.kind == "identifier"]
    numbers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in found:
        numbers[(s.doc, s.about)].add(s.raw)
    pairs = [(a, b) for a, b in combinations(found, 2)
             if a.doc != b.doc and a.about == b.about and _typo(a.raw, b.raw)
             and b.raw not in numbers[(a.doc, a.about)] and a.raw not in numbers[(b.doc, b.about)]]
    if not pairs:
        return []
    used = list(dict.fromkeys(s for p in pairs for s in p))
    vectors = dict(zip(used, embed([s.context for s in used])))
    out: dict[tuple[str, ...], list[Statement]] = {}
    for a, b in pairs:
        cosine = float(vectors[a] @ vectors[b])
        shared = (a.entities | a.topic) & (b.entities | b.topic)
        if cosine >= (ALIKE if shared else ALIKE_ALONE):
            # one report per pair of numbers: every sentence giving either joins it
            group = out.setdefault((a.about, *sorted((a.raw, b.raw))), [])
            group += [s for s in (a, b) if s not in group]
    return [Misnumbered(key[0], tuple(group)) for key, group in out.items()]
