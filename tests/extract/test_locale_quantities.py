"""Figures per language: each locale's number, scale, approximation, bound, range, currency and
counter words, read by the shared grammar; the bugs of the English grammar; round trips."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koryo.extract.dates import find_dates
from koryo.extract.quantities import find_quantities
from koryo.locales import LOCALES_DIR, available, load, merged
from koryo.numbers import separator_style


def read(text: str, lang: str) -> list[tuple[object, ...]]:
    style = separator_style([text], lang)
    out = []
    for q in find_quantities(text, 0, find_dates(text, lang=lang), style, lang):
        out.append((text[q.start : q.end], q.value, q.low, q.high, q.approx, q.unit))
    return out


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("de", "mehr als 171.781 Menschen", [("mehr als 171.781 Menschen", 171781, 171781, None, False, "persons")]),  # a bound of whole people
        ("ko", "결혼이민자는 12만6천여명으로 집계됐다.", [("12만6천여명", 126000, None, None, True, "persons")]),
        ("ko", "외국인 주민 171,781명이 거주한다.", [("171,781명", 171781, None, None, False, "persons")]),
        ("ko", "인구는 1,234,567은 넘었다", [("1,234,567은 넘었다", 1234567, 1234567, None, False, "")]),  # "has passed": a lower bound across its particle
        ("ko", "마을에는 약 300명이 산다", [("약 300명", 300, None, None, True, "persons")]),
        ("ko", "고려인 6천여명과 36만 3천87명", [("6천여명", 6000, None, None, True, "persons"), ("36만 3천87명", 363087, None, None, False, "persons")]),
        ("ko", "키가 170 미만인 사람", [("170 미만", 170, None, 170, False, "")]),
        ("ko", "90일 이상 체류", [("90일 이상", 90, 90, None, False, "days")]),
        ("ko", "점수는 20~100 사이", [("20~100", None, 20, 100, False, "")]),
        ("ko", "7배 늘었다", [("7배", 7, None, None, False, "times")]),
        ("ko", "4명 중 1명은 결혼이민자", [("4명 중 1명", 0.25, None, None, False, "fraction")]),
        ("ko", "절반 가까이 차지한다", [("절반 가까이", 0.5, None, None, True, "fraction")]),
        ("ko", "100달러를 보냈다", [("100달러", 100, None, None, False, "USD")]),
        ("ru", "от 500 до 650 тысяч человек погибли", [("от 500 до 650 тысяч человек", None, 500000, 650000, False, "persons")]),
        ("ru", "он получил 10 долларов", [("10 долларов", 10, None, None, False, "USD")]),
        ("ru", "цена 10₽ за штуку", [("10₽", 10, None, None, False, "RUB")]),
        ("ru", "от 10 до 20 долларов", [("от 10 до 20 долларов", None, 10, 20, False, "USD")]),
        ("ru", "не менее 30 человек", [("не менее 30 человек", 30, 30, None, False, "persons")]),
        ("ru", "выросли на треть", [("треть", 0.3333, None, None, False, "fraction")]),
        ("ru", "их было более миллиона", [("более миллиона", 1000000, 1000000, None, False, "")]),
        ("ru", "десятки тысяч беженцев", [("десятки тысяч", None, 10000, 99999, True, "persons")]),
        ("de", "fast 172.000 Koreaner wurden deportiert", [("fast 172.000", 172000, None, None, True, "")]),
        ("de", "zwischen 28.000 und 40.000 starben", [("zwischen 28.000 und 40.000", None, 28000, 40000, False, "")]),
        ("de", "eine Strecke von 6.400 km", [("von 6.400 km", 6400, None, None, False, "km")]),
        ("de", "nach drei Monaten", [("drei Monaten", 3, None, None, False, "months")]),
        ("de", "mehr als 2,5 Millionen Menschen", [("mehr als 2,5 Millionen Menschen", 2500000, 2500000, None, False, "persons")]),
        ("es", "más de cuatro millones de refugiados", [("más de cuatro millones", 4000000, 4000000, None, False, "persons")]),
        ("es", "4,71 millones de personas", [("4,71 millones", 4710000, None, None, False, "persons")]),
        ("es", "costó $250.000 en total", [("$250.000", 250000, None, None, False, "USD")]),
        ("es", "entre 20 y 30 años", [("entre 20 y 30 años", None, 20, 30, False, "years")]),
        ("es", "al menos 20 heridos", [("al menos 20", 20, 20, None, False, "")]),
        ("es", "cuatro quintas partes de ellos", [("cuatro quintas partes", 0.8, None, None, False, "fraction")]),
        ("it", "oltre 1 milione di rifugiati", [("oltre 1 milione", 1000000, 1000000, None, False, "persons")]),
        ("it", "più di 191mila persone", [("più di 191mila persone", 191000, 191000, None, False, "persons")]),
        ("it", "tra 20 e 30 euro", [("tra 20 e 30 euro", None, 20, 30, False, "EUR")]),
        ("it", "centinaia di migliaia di persone", [("centinaia di migliaia", None, 100000, 999999, True, "persons")]),
        ("fr", "plus de 32 000 Tatars", [("plus de 32 000", 32000, 32000, None, False, "persons")]),  # a known people
        ("fr", "environ 193,865 personnes", [("environ 193,865 personnes", 193865, None, None, True, "persons")]),
        ("uz", "568,5 ming (24,1 foiz) nafari", [("568,5 ming", 568500, None, None, False, ""), ("24,1 foiz", 24.1, None, None, False, "%")]),
        ("kk", "дерлік (171 781 адам) көшірілді", [("171 781 адам", 171781, None, None, False, "persons")]),
        ("ru", "двадцать-тридцать минут", [("двадцать-тридцать минут", None, 20, 30, False, "minutes")]),
        ("ru", "между 10 долларами и 20 долларами", [("между 10 долларами и 20 долларами", None, 10, 20, False, "USD")]),
        ("ko", "4백만 달러를 제시했다", [("4백만 달러", 4000000, None, None, False, "USD")]),
        ("ko", "3분의 1만 줘", [("3분의 1", 0.3333, None, None, False, "fraction")]),
        ("ru", "двух с половиной лет", [("двух с половиной лет", 2.5, None, None, False, "years")]),
        ("ru", "пятьсот шестидесяти пять рублей", [("пятьсот шестидесяти пять рублей", 565, None, None, False, "RUB")]),
        ("es", "dos mil millones de euros", [("dos mil millones de euros", 2000000000, None, None, False, "EUR")]),
        # a big scale multiplies the smaller groups before it, not only the whole figure before it
        ("es", "tres billones cuatrocientos cincuenta y cinco mil doscientos veintiocho millones de euros",
         [("tres billones cuatrocientos cincuenta y cinco mil doscientos veintiocho millones de euros", 3455228000000, None, None, False, "EUR")]),
        ("ko", "예산은 3억 5천만 원이다", [("3억 5천만 원", 350000000, None, None, False, "KRW")]),
        ("es", "cuarenta y siete años", [("cuarenta y siete años", 47, None, None, False, "years")]),
        ("es", "mayor que 100 y menor que 300", [("mayor que 100 y menor que 300", None, 100, 300, False, "")]),
        ("it", "tremiladuecentoquarantatre persone", [("tremiladuecentoquarantatre persone", 3243, None, None, False, "persons")]),
        ("it", "minore di 20 anni", [("minore di 20 anni", 20, None, 20, False, "years")]),
        ("de", "dreiundzwanzig Jahre", [("dreiundzwanzig Jahre", 23, None, None, False, "years")]),
        ("ko", "이 숫자는 20과 30 사이에 있다", [("20과 30", None, 20, 30, False, "")]),
        ("ko", "100보다 크고 300보다 작다", [("100보다 크고 300보다 작다", None, 100, 300, False, "")]),
        ("ko", "1000 초과 1500 미만이다", [("1000 초과 1500 미만", None, 1000, 1500, False, "")]),
        ("ko", "5월 4일에 만났다", []),
        ("zh", "约300人参加", [("约300人", 300, None, None, True, "persons")]),
    ],
)
def test_locale_figures(lang: str, text: str, expected: list[tuple[object, ...]]) -> None:
    assert read(text, lang) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("there were no less than thirty people", [("no less than thirty", 30, 30, None, False, "persons")]),
        ("They paid 75 USD million, not 50 million USD", [("75 USD million", 75000000, None, None, False, "USD"), ("50 million USD", 50000000, None, None, False, "USD")]),
        ("it costs 10 us dollars or 100 chinese yuan", [("10 us dollars", 10, None, None, False, "USD"), ("100 chinese yuan", 100, None, None, False, "CNY")]),
        ("5 dollars thousand", [("5 dollars", 5, None, None, False, "USD")]),  # a scale after a currency word: only after a code
        ("exports rose 4.8% to $13.18 billion", [("4.8%", 4.8, None, None, False, "%"), ("$13.18 billion", 13180000000, None, None, False, "USD")]),
        ("an index of 6,107.31 August 2019", [("6,107.31", 6107.31, None, None, False, "")]),
        ("15-thousand troops", [("15-thousand", 15000, None, None, False, "persons")]),
        ("One hundred twenty-four workers", [("One hundred twenty-four", 124, None, None, False, "persons")]),
        ("almost one-third of them", [("almost one-third", 0.3333, None, None, True, "fraction")]),
        ("about a third of the total", [("about a third", 0.3333, None, None, True, "fraction")]),
        ("an 11-fold increase", [("11-fold", 11, None, None, False, "times")]),
        ("fell from 34,000 to 11,000", [("from 34,000", 34000, None, None, False, ""), ("11,000", 11000, None, None, False, "")]),
        ("Four in 10 of them", [("Four in 10", 0.4, None, None, False, "fraction")]),
        ("tens of thousands of people", [("tens of thousands", None, 10000, 99999, True, "persons")]),
        ("in the second half of 2020", []),
        ("Uzbekistan174,200[1]", [("174,200", 174200, None, None, False, "")]),
        ("scores greater than 4,565 were kept", [("greater than 4,565", 4565, 4565, None, False, "")]),
        ("a number above 1000 and below 1500", [("above 1000 and below 1500", None, 1000, 1500, False, "")]),
        ("More than 40 and less than 10 are two ranges", [("More than 40", 40, 40, None, False, ""), ("less than 10", 10, None, 10, False, ""), ("two", 2, None, None, False, "ranges")]),
        ("equal to 5000 or less than 6000", [("5000", 5000, None, None, False, ""), ("less than 6000", 6000, None, 6000, False, "")]),
        ("bard had sales of about $ 14 million , he said", [("about $ 14 million", 14000000, None, None, True, "USD")]),
        ("they were given 44 mg to 50 mg ethanol", [("44 mg to 50 mg", None, 44, 50, False, "mg")]),
        ("There are five and a half million fishes", [("five and a half million", 5500000, None, None, False, "fishes")]),
        ("Half a million people fled", [("Half a million", 500000, None, None, False, "")]),
        ("a cost of 42MYR or USD3.14", [("42MYR", 42, None, None, False, "MYR"), ("USD3.14", 3.14, None, None, False, "USD")]),
        ("the baby was only ten months old", [("ten months old", 10, None, None, False, "age:months")]),
    ],
)
def test_english_bugs(text: str, expected: list[tuple[object, ...]]) -> None:
    assert read(text, "en") == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # bounds as each language writes them, before or after the figure, across a Korean particle
        ("es", "ventas superiores a 300000", [("superiores a 300000", 300000, 300000, None, False, "")]),
        ("es", "una nota de 200 o mayor", [("de 200 o mayor", 200, 200, None, False, "")]),
        ("es", "igual a 5000 o menos de 6000", [("5000", 5000, None, None, False, ""), ("menos de 6000", 6000, None, 6000, False, "")]),
        ("it", "al di sotto di 170 centimetri", [("al di sotto di 170", 170, None, 170, False, "")]),
        ("it", "al più 100 e almeno 20 mele", [("al più 100 e almeno 20", None, 20, 100, False, "")]),
        ("ko", "3000이 넘는 사람들이 모였다", [("3000이 넘는", 3000, 3000, None, False, "")]),
        ("ko", "점수는 5000보다 적거나 같다", [("5000보다 적", 5000, None, 5000, False, "")]),
        ("ko", "그의 점수는 30점 이하이다", [("30점 이하", 30, None, 30, False, "")]),
        ("ko", "y는 50 이하, 20 이상이다", [("50 이하, 20 이상", None, 20, 50, False, "")]),
        ("en", "keep rows where x>10 and y<20", [(">10", 10, 10, None, False, ""), ("<20", 20, None, 20, False, "")]),
        ("ru", "ниже 7€ за штуку", [("ниже 7€", 7, None, 7, False, "EUR")]),
        ("ru", "от 10$-20$", [("от 10$-20$", None, 10, 20, False, "USD")]),
        ("ru", "курс ₴3.04 и RM42", [("₴3.04", 3.04, None, None, False, "UAH"), ("RM42", 42, None, None, False, "MYR")]),
        # fractions: a number word over a denominator, a whole and a fraction, scaled by the figure's own scale
        ("en", "one fifth of the workers", [("one fifth", 0.2, None, None, False, "fraction")]),
        ("en", "three and a fifth hours", [("three and a fifth hours", 3.2, None, None, False, "hours")]),
        ("en", "two thirds of a million people", [("two thirds of a million", 666666.6666666666, None, None, False, "")]),
        ("en", "six million and two thirds", [("six million and two thirds", 6666666.666666667, None, None, False, "")]),
        ("en", "one billion and a half million", [("one billion and a half million", 1000500000, None, None, False, "")]),
        ("en", "one hundred and three quarters", [("one hundred and three quarters", 100.75, None, None, False, "")]),
        ("en", "one hundred and thirty-two fifths", [("one hundred and thirty-two fifths", 26.4, None, None, False, "")]),
        ("es", "ciento tres con dos tercios", [("ciento tres con dos tercios", 103.66666666666667, None, None, False, "")]),
        ("es", "tres millones y medio de personas", [("tres millones y medio", 3500000, None, None, False, "persons")]),
        ("it", "un milione e mezzo di persone", [("un milione e mezzo", 1500000, None, None, False, "persons")]),
        ("it", "due milioni duemiladuecento quinti", [("due milioni duemiladuecento quinti", 400440, None, None, False, "")]),
        ("it", "il risultato è ⅙", [("⅙", 0.1667, None, None, False, "fraction")]),
        # decimal points and percent signs in words, compound cardinals, one hyphenated figure
        ("en", "two hundred point zero three", [("two hundred point zero three", 200.03, None, None, False, "")]),
        ("es", "doscientos con setenta y uno", [("doscientos con setenta y uno", 200.71, None, None, False, "")]),
        ("it", "duecento virgola settantuno", [("duecento virgola settantuno", 200.71, None, None, False, "")]),
        ("en", "per cent of 210", [("per cent of 210", 210, None, None, False, "%")]),
        ("it", "duecentoduemila abitanti", [("duecentoduemila", 202000, None, None, False, "")]),
        ("it", "ventuno bilioni", [("ventuno bilioni", 21000000000000, None, None, False, "")]),
        ("en", "twenty-one trillion", [("twenty-one trillion", 21000000000000, None, None, False, "")]),
        ("en", "twenty and three fifths", [("twenty and three fifths", 20.6, None, None, False, "")]),
        # digits with several scale words, "and" after a big scale, a small scale opening a figure
        ("en", "I can give you 3 hundred and 21 yuan.", [("3 hundred and 21 yuan", 321, None, None, False, "CNY")]),
        ("en", "4 thousand 3 hundred and 21 people", [("4 thousand 3 hundred and 21", 4321, None, None, False, "persons")]),
        ("en", "10 million 5 days later", [("10 million", 10000000, None, None, False, ""), ("5 days", 5, None, None, False, "days")]),
        ("en", "two thousand and two hundred", [("two thousand and two hundred", 2200, None, None, False, "")]),
        ("en", "between one thousand and two thousand people", [("between one thousand and two thousand", None, 1000, 2000, False, "persons")]),
        ("en", "They have two million and one half", [("two million and one half", 2500000, None, None, False, "")]),
        ("en", "hundred thousand dollars", [("hundred thousand dollars", 100000, None, None, False, "USD")]),
        ("kk", "мыңдаған адам көшірілді", [("мыңдаған", None, 1000, 9999, True, "persons")]),  # vague amounts in each language
        ("uk", "десятки тисяч біженців", [("десятки тисяч", None, 10000, 99999, True, "")]),
        # scale letters as printed, units in brackets, a percentage and a figure of another unit
        ("en", "I can give you 10M.", [("10M", 10000000, None, None, False, "")]),
        ("en", "It cost $5m to build a 1.8m wall", [("$5m", 5000000, None, None, False, "USD"), ("1.8m", 1.8, None, None, False, "m")]),
        ("en", "The weight is 20 (kg)", [("20 (kg)", 20, None, None, False, "kg")]),
        ("en", "by 25 % to 34,500 tons", [("25 %", 25, None, None, False, "%"), ("34,500 tons", 34500, None, None, False, "tons")]),
    ],
)
def test_bounds_fractions_and_number_words(lang: str, text: str, expected: list[tuple[object, ...]]) -> None:
    assert read(text, lang) == expected


def test_spans_are_the_quoted_text() -> None:
    text = "Всего 12 тыс. человек, из них 36 долларов"
    for q in find_quantities(text, 100, find_dates(text, 100, "ru"), "ru", "ru"):
        assert text[q.start - 100 : q.end - 100] in ("12 тыс. человек", "36 долларов")


def test_every_locale_file_loads_and_knows_its_words() -> None:
    assert {"en", "ru", "ko", "es", "it", "de", "fr", "kk", "uz"} <= set(available())
    for lang in available():
        raw = json.loads((LOCALES_DIR / f"{lang}.json").read_text(encoding="utf-8"))
        assert raw["lang"] == lang
        loc = load(lang)
        assert loc.multipliers, lang
        assert merged(lang).cardinals["one"] == 1  # English always on


def test_unknown_language_reads_as_english() -> None:
    assert load("xx") is load("en")
    assert read("about 5,000 people", "xx") == [("about 5,000", 5000, None, None, True, "persons")]


_STYLES = {"en": (",", "."), "de": (".", ","), "es": (".", ","), "it": (".", ","), "ru": ("\u00a0", ","), "fr": ("\u202f", ","),
           "uk": ("\u00a0", ","), "kk": (" ", ","), "uz": (" ", ","), "ko": (",", "."), "zh": (",", "."), "ja": (",", ".")}


@settings(deadline=None)  # the first example of a language compiles its patterns
@given(st.sampled_from(sorted(_STYLES)), st.integers(min_value=1000, max_value=99_999_999), st.integers(min_value=0, max_value=9))
def test_round_trip_in_each_locale(lang: str, whole: int, tenth: int) -> None:
    """A figure formatted in a locale's own style reads back as the number it was."""
    group, decimal = _STYLES[lang]
    grouped = f"{whole:,}".replace(",", group)
    for text, value in ((f"{grouped} km", whole), (f"{grouped}{decimal}{tenth} km", whole + tenth / 10)):
        found = read(f"a distance of {text}", lang)
        assert len(found) == 1 and found[0][0] == text
        assert found[0][1] == pytest.approx(value)


def test_every_locale_file_has_its_number_style() -> None:
    assert set(_STYLES) == set(available())  # a new locale file needs its style here, for the round trip above


_GLUED_SCALE = re.compile(r"[\uac00-\ud7a3\u4e00-\u9fff]")  # 만, 万: written on the digits


@settings(deadline=None)
@given(st.sampled_from(sorted(available())), st.integers(min_value=1, max_value=999), st.data())
def test_scale_words_round_trip(lang: str, n: int, data: st.DataObject) -> None:
    """A figure with one of a locale's scale words ("25 тысяч", "3 millones", "12만") reads back as
    their product (short words such as "k" and "m" are units too, and tested apart)."""
    loc = load(lang)
    scales = sorted(w for w, v in loc.multipliers.items() if v >= 1000 and (len(w) >= 3 or _GLUED_SCALE.fullmatch(w)))
    word = data.draw(st.sampled_from(scales))
    text = f"{n}{'' if _GLUED_SCALE.fullmatch(word) else ' '}{word}"
    found = read(f"x {text} x", lang)
    assert [f[:2] for f in found] == [(text, pytest.approx(n * loc.multipliers[word]))]


@settings(deadline=None)
@given(st.sampled_from(["en", "es", "it", "fr", "de"]), st.integers(min_value=1, max_value=9), st.data())
def test_fraction_words_round_trip(lang: str, numerator: int, data: st.DataObject) -> None:
    """A numerator word over one of a locale's denominators reads back as their quotient."""
    loc = load(lang)
    word = data.draw(st.sampled_from(sorted(w for w, v in loc.cardinals.items() if v == numerator and " " not in w)))
    den = data.draw(st.sampled_from(sorted(w for w, v in loc.denominators.items() if v > numerator)))
    text = f"{word} {den}"
    found = read(f"x {text} x", lang)
    assert [f[0] for f in found] == [text]
    assert found[0][1] == pytest.approx(numerator / loc.denominators[den], abs=1e-4)
