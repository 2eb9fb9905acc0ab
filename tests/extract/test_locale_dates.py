"""Dates per language: month names in their cases, date orders, Korean 년/월/일, Kazakh year
words, numeric forms, ranges that keep their start, fuzzy periods, and yearless dates that take
the document's year (marked)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koryo.extract.dates import find_dates
from koryo.locales import load


def read(text: str, lang: str = "en", published: str = "") -> list[tuple[str, str, str, str, str]]:
    return [(text[d.start : d.end], d.date, d.end_date, d.precision, d.year_from) for d in find_dates(text, 0, lang, published)]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("de", "Am 21. August 1937 unterzeichnet", [("Am 21. August 1937", "1937-08-21", "1937-08-21", "day", "")]),
        ("de", "im September–Oktober 1937 deportiert", [("September–Oktober 1937", "1937-09", "1937-10", "month", "")]),
        ("de", "seit dem 1. Januar 1938", [("1. Januar 1938", "1938-01-01", "1938-01-01", "day", "")]),
        ("ru", "указ от 18 мая 1944 года", [("18 мая 1944 года", "1944-05-18", "1944-05-18", "day", "")]),
        ("ru", "в конце 2000 года", [("конце 2000", "2000-09", "2000-12", "month", "")]),
        ("es", "el 18 de mayo de 2020 llegaron", [("el 18 de mayo de 2020", "2020-05-18", "2020-05-18", "day", "")]),
        ("es", "de mayo a octubre de 2020", [("mayo a octubre de 2020", "2020-05", "2020-10", "month", "")]),
        ("it", "l'8 marzo 2022 erano", [("8 marzo 2022", "2022-03-08", "2022-03-08", "day", "")]),
        ("fr", "le 18 mai 1944 à l'aube", [("le 18 mai 1944", "1944-05-18", "1944-05-18", "day", "")]),
        ("ko", "2019년 1월 4일 발표", [("2019년 1월 4일", "2019-01-04", "2019-01-04", "day", "")]),
        ("ko", "1937년 10월에 시작", [("1937년 10월", "1937-10", "1937-10", "month", "")]),
        ("ko", "2001년 6월말 현재", [("2001년 6월말", "2001-06-30", "2001-06-30", "day", "")]),
        ("kk", "1937 жылдың қазанында көшірілді", [("1937 жылдың қазанында", "1937-10", "1937-10", "month", "")]),
        ("en", "from May to Oct 2020", [("from May to Oct 2020", "2020-05", "2020-10", "month", "")]),
        ("en", "in 2014~2018 the", [("2014~2018", "2014", "2018", "year", "")]),
        ("en", "from 12 to 14 November 2003", [("from 12 to 14 November 2003", "2003-11-12", "2003-11-14", "day", "")]),
        ("en", "on 18–20 May 1944", [("18–20 May 1944", "1944-05-18", "1944-05-20", "day", "")]),
        ("en", "by the end of 2000", [("the end of 2000", "2000-09", "2000-12", "month", "")]),
        ("en", "at the end of December 2019", [("the end of December 2019", "2019-12-31", "2019-12-31", "day", "")]),  # a month's end is its last day
        ("en", "in late June 2017", [("late June 2017", "2017-06", "2017-06", "month", "")]),
        ("ru", "в конце июня 2017 года", [("конце июня 2017 года", "2017-06-30", "2017-06-30", "day", "")]),
        ("en", "signed 1/2/2016", [("1/2/2016", "2016-01-02", "2016-01-02", "day", "")]),
        ("de", "am 1/2/2016", [("1/2/2016", "2016-02-01", "2016-02-01", "day", "")]),
        ("en", "on 2018-7-6 and Dec/2018 and 2015-12", [("2018-7-6", "2018-07-06", "2018-07-06", "day", ""),
                                                    ("Dec/2018", "2018-12", "2018-12", "month", ""), ("2015-12", "2015-12", "2015-12", "month", "")]),
        ("en", "during Nov-Feb 2017", [("Nov-Feb 2017", "2016-11", "2017-02", "month", "")]),
        ("en", "closed at 6,107.31 August 2019", [("August 2019", "2019-08", "2019-08", "month", "")]),
        ("en", "23 February – March 1944", [("23 February – March 1944", "1944-02-23", "1944-03", "day", "")]),
        ("en", "out January 12, 2016 - 01/22/2016", [("January 12, 2016 - 01/22/2016", "2016-01-12", "2016-01-22", "day", "")]),
        ("en", "plan for Dec/2018-May/2019", [("Dec/2018-May/2019", "2018-12", "2019-05", "month", "")]),
        ("en", "sold on Dec. 31 , 1994", [("Dec. 31 , 1994", "1994-12-31", "1994-12-31", "day", "")]),
        ("es", "vendió el 31-dic-1994", [("31-dic-1994", "1994-12-31", "1994-12-31", "day", "")]),
        ("es", "ocurrió en el siglo XV", [("siglo XV", "1400", "1499", "century", "")]),
        ("ru", "в XIX веке", [("XIX веке", "1800", "1899", "century", "")]),
        ("ko", "이는 15세기에 일어났다", [("15세기", "1400", "1499", "century", "")]),
        ("ko", "1990년대 대통령", [("1990년대", "1990", "1999", "decade", "")]),
        ("zh", "1939年9月1日德国入侵波兰", [("1939年9月1日", "1939-09-01", "1939-09-01", "day", "")]),
        ("uk", "13 вересня 1931 року", [("13 вересня 1931", "1931-09-13", "1931-09-13", "day", "")]),
        ("uz", "2022 yil 1 mart holatiga", [("2022 yil 1 mart", "2022-03-01", "2022-03-01", "day", "")]),
        ("en", "the 14November 1944 order", [("the 14November 1944", "1944-11-14", "1944-11-14", "day", "")]),
        ("it", "Tornerò set-23-2020.", [("set-23-2020", "2020-09-23", "2020-09-23", "day", "")]),  # day, month, year in any order
        ("it", "Tornerò 23-2020-settembre", [("23-2020-settembre", "2020-09-23", "2020-09-23", "day", "")]),
        ("it", "dal 10/1-11/2/2017", [("10/1-11/2/2017", "2017-01-10", "2017-02-11", "day", "")]),
        ("en", "from 1/10-2/11/2017", [("1/10-2/11/2017", "2017-01-10", "2017-02-11", "day", "")]),
        ("en", "2022 Nov 18, 17:24, Kathmandu", [("2022 Nov 18", "2022-11-18", "2022-11-18", "day", "")]),  # a dateline
        ("ru", "Время с 23 февраля 02:00 по 9 марта 1944 года", [("с 23 февраля 02:00 по 9 марта 1944 года", "1944-02-23", "1944-03-09", "day", "")]),
        ("en", "During fiscal year 2024/25, 14,224 workers", [("2024/25", "2024", "2025", "year", "")]),
        ("en", "in 2024/37 cases", [("2024", "2024", "2024", "year", "")]),  # not a year and the next one
        ("ko", "최초 고려인 정착2002", [("2002", "2002", "2002", "year", "")]),  # an infobox row glued to its year
    ],
)
def test_locale_dates(lang: str, text: str, expected: list[tuple[str, str, str, str, str]]) -> None:
    assert read(text, lang) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("ru", "выборы 18 мая прошли", [("18 мая", "2024-05-18", "2024-05-18", "day", "document")]),
        ("en", "He said on December 17 that", [("December 17", "2024-12-17", "2024-12-17", "day", "document")]),
        ("en", "from August 11 to August 16", [("August 11 to August 16", "2024-08-11", "2024-08-16", "day", "document")]),
        ("es", "una reserva para el 9º de mayo", [("9º de mayo", "2024-05-09", "2024-05-09", "day", "document")]),
        ("it", "dal 24 febbraio sono fuggiti", [("24 febbraio", "2024-02-24", "2024-02-24", "day", "document")]),
        ("ko", "6월 말 현재 집계", [("6월 말", "2024-06-30", "2024-06-30", "day", "document")]),
        ("ko", "정책본부가 6일 내놓은 통계", [("6일", "2024-06-06", "2024-06-06", "day", "document")]),  # the day of the document's month
        ("ko", "90일 이상 체류한 사람", []),
        # counted from the document's year
        ("en", "they arrived in November last year", [("November last year", "2023-11", "2023-11", "month", "document")]),
        ("en", "since December 1st last year", [("December 1st last year", "2023-12-01", "2023-12-01", "day", "document")]),
        ("ru", "В декабре прошлого года переводы выросли", [("декабре прошлого года", "2023-12", "2023-12", "month", "document")]),
        ("ko", "지난해 12월 입국한 노동자", [("지난해 12월", "2023-12", "2023-12", "month", "document")]),
        ("es", "en marzo del año pasado", [("marzo del año pasado", "2023-03", "2023-03", "month", "document")]),
        ("en", "Last year, 5,000 came", [("Last year", "2023", "2023", "year", "document")]),
        # a bare day of the document's month, a month of the document's year (not one after the document's month)
        ("en", "On the 20th, the committee approved the plan.", [("On the 20th", "2024-06-20", "2024-06-20", "day", "document")]),
        ("en", "captured in a Ukrainian offensive in May.", [("in May", "2024-05", "2024-05", "month", "document")]),
        ("ru", "Переводы выросли в марте.", [("в марте", "2024-03", "2024-03", "month", "document")]),
        ("es", "Llegaron en febrero a Madrid", [("en febrero", "2024-02", "2024-02", "month", "document")]),
        ("en", "It will open in August.", []),
        ("en", "On the 20th anniversary of the treaty", []),
    ],
)
def test_yearless_dates_take_the_documents_year(lang: str, text: str, expected: list[tuple[str, str, str, str, str]]) -> None:
    assert read(text, lang, "2024-06-01") == expected
    assert read(text, lang) == []  # without a document date they are not guessed


def test_a_month_without_a_year_beside_a_written_year_is_not_the_documents() -> None:
    assert read("In April and in May 2019 they left.", "en", "2024-06-01") == [("May 2019", "2019-05", "2019-05", "month", "")]


def test_a_yearless_end_of_a_range_takes_its_starts_year() -> None:
    assert read("2017년 11월부터 2월까지", "ko", "2024-06-01") == [("2017년 11월부터 2월", "2017-11", "2018-02", "month", "")]


def test_every_date_in_a_sentence() -> None:
    text = "Die Deportation begann am 21. August 1937 und endete am 1. Januar 1938."
    assert [d[1] for d in read(text, "de")] == ["1937-08-21", "1938-01-01"]


def _written(lang: str, day: dt.date, month_word: str) -> str:
    """`day` as a writer of `lang` prints it."""
    if lang == "ko":
        return f"{day.year}년 {day.month}월 {day.day}일"
    if lang == "en":
        return f"{month_word.capitalize()} {day.day}, {day.year}"
    if lang == "de":
        return f"{day.day}. {month_word.capitalize()} {day.year}"
    if lang == "es":
        return f"{day.day} de {month_word} de {day.year}"
    return f"{day.day} {month_word} {day.year}"


_MONTH_WORDS = {lang: {} for lang in ("en", "ru", "de", "es", "it", "fr", "uk", "ko")}
for _lang in _MONTH_WORDS:
    for _word, _month in load(_lang).months.items():
        if not _word.endswith("."):
            _MONTH_WORDS[_lang].setdefault(_month, []).append(_word)


@settings(deadline=None)  # the first example of a language compiles its patterns
@given(st.sampled_from(sorted(_MONTH_WORDS)), st.dates(min_value=dt.date(1700, 1, 1), max_value=dt.date(2099, 12, 31)), st.integers(0, 5))
def test_round_trip_of_a_written_date(lang: str, day: dt.date, pick: int) -> None:
    """A day written in a locale's own words (any case of its month name) reads back as that day."""
    words = _MONTH_WORDS[lang].get(day.month) or [""]
    text = f"({_written(lang, day, words[pick % len(words)])})"
    found = read(text, lang)
    assert [(f[1], f[2], f[3]) for f in found] == [(day.isoformat(), day.isoformat(), "day")], text
