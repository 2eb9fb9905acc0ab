"""Sentences of running text: where one ends and where a full stop does not end one."""

from __future__ import annotations

from koryo.extract.sentences import sentences
from koryo.readers import read_bytes


def split(text: str) -> list[str]:
    doc = read_bytes("doc.txt", text.encode("utf-8"))[1]
    return [doc.text[s.start : s.end] for s in sentences(doc)]


def test_an_ordinal_day_before_its_month_does_not_end_a_sentence() -> None:
    text = ("Grundlage war der Beschluss des Politbüro vom 21. August 1937, der verlangte, die koreanische Bevölkerung "
            "umzusiedeln. Die Umsiedlung begann am 9. September 1937 und endete im Oktober.\n")
    assert split(text) == [
        "Grundlage war der Beschluss des Politbüro vom 21. August 1937, der verlangte, die koreanische Bevölkerung umzusiedeln.",
        "Die Umsiedlung begann am 9. September 1937 und endete im Oktober.",
    ]


def test_a_reference_marker_ends_a_sentence_before_a_year() -> None:
    text = "The deportation was planned in 1926 and carried out in 1937.[1] 1937 saw 171,781 people moved to Kazakhstan.\n"
    assert split(text) == ["The deportation was planned in 1926 and carried out in 1937.[1]", "1937 saw 171,781 people moved to Kazakhstan."]


def test_a_number_before_a_capitalised_word_still_ends_one() -> None:
    text = "The census counted 21. Then the count stopped.\n"
    assert split(text) == ["The census counted 21.", "Then the count stopped."]
