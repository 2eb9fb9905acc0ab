"""Ask: a question in plain words answered with the statements koryo's documents make, each
cited to its characters, disagreement shown, and "koryo's documents do not say" when none fits.

    ask(index, "How many Koreans were deported in 1937?") -> the JSON contract (see answer.py)
"""

from __future__ import annotations

from typing import Any

from koryo.ask.answer import DO_NOT_SAY, THRESHOLD, answer
from koryo.ask.index import Index, build
from koryo.ask.question import MAX_QUESTION_CHARS, Question, read_question, words
from koryo.ask.rank import rank


def ask(index: Index, text: str, threshold: float = THRESHOLD) -> dict[str, Any]:
    """The answer to `text` from the candidates of `index`; UsageError for an empty or too long question."""
    q = read_question(text)
    return answer(q, rank(index, q), threshold, index.claim_of)


def warm_up() -> None:
    """Load each question language's models once (the first question of a language is slow)."""
    for lang, types in words()["types"].items():
        read_question(types["count"][0] + " 1937?")


__all__ = ["DO_NOT_SAY", "MAX_QUESTION_CHARS", "THRESHOLD", "Index", "warm_up", "Question", "ask", "build", "rank", "read_question"]
