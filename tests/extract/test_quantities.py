from __future__ import annotations

import pytest

from koryo.extract.dates import find_dates
from koryo.extract.quantities import find_quantities


def read(text: str, style: str | None = "en", lang: str = "en") -> list[tuple[object, ...]]:
    return [
        (text[q.start : q.end], q.value, q.low, q.high, q.approx, q.unit, q.per, q.subject)
        for q in find_quantities(text, 0, find_dates(text, lang=lang), style, lang)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("it exceeded 6 590 citizens.", [("exceeded 6 590", 6590, 6590, None, False, "persons", "", "citizens")]),
        ("about 5,5 thousand of them", [("about 5,5 thousand", 5500, None, None, True, "", "", "")]),
        ("USD 6,5 billion in 2019", [("USD 6,5 billion", 6500000000, None, None, False, "USD", "", "")]),
        ("Close to 172,000 were sent", [("Close to 172,000", 172000, None, None, True, "", "", "")]),
        ("a total of 171.781 people", [("171.781", 171781, None, None, False, "persons", "", "people")]),
        ("roughly one thousand even repatriated", [("roughly one thousand", 1000, None, None, True, "", "", "")]),
        ("a million people", [("a million", 1000000, None, None, False, "persons", "", "people")]),
        ("ten workers", [("ten", 10, None, None, False, "persons", "", "workers")]),
        ("about 12 thousand people", [("about 12 thousand", 12000, None, None, True, "persons", "", "people")]),
        ("Roughly 15,000 to 20,000 were present", [("Roughly 15,000 to 20,000", None, 15000, 20000, True, "", "", "")]),
        ("only between 100 and 500 North Korean refugees in the area",
         [("between 100 and 500", None, 100, 500, False, "persons", "", "North Korean refugees")]),
        ("work for 3-5 years", [("3-5 years", None, 3, 5, False, "years", "", "")]),
        ("young people, aged 18 to 30", [("18 to 30", None, 18, 30, False, "age", "", "")]),
        ("a 20-year-old Kazakhstani", [("20-year-old", 20, None, None, False, "age", "", "Kazakhstani")]),
        ("more than 10,000 North Koreans entered", [("more than 10,000", 10000, 10000, None, False, "persons", "", "North Koreans")]),
        ("over 50 people", [("over 50", 50, 50, None, False, "persons", "", "people")]),
        ("up to 150,000 North Korean refugees", [("up to 150,000", 150000, None, 150000, False, "persons", "", "North Korean refugees")]),
        ("at least 27.8%", [("at least 27.8%", 27.8, 27.8, None, False, "%", "", "")]),
        ("under 30 days", [("under 30 days", 30, None, 30, False, "days", "", "")]),
        ("nearly 2 times", [("nearly 2 times", 2, None, None, True, "times", "", "")]),
        ("some 35 000 Muslims", [("some 35 000", 35000, None, None, True, "persons", "", "Muslims")]),
        ("~40 km", [("~40 km", 40, None, None, True, "km", "", "")]),
        ("roughly US$7 million each year", [("roughly US$7 million each year", 7000000, None, None, True, "USD", "year", "")]),
        ("the $40 to $100 per month wages", [("$40 to $100 per month", None, 40, 100, False, "USD", "month", "wages")]),
        ("Salary 100,000 won/day", [("100,000 won/day", 100000, None, None, False, "KRW", "day", "")]),
        ("USD 3,4 billion", [("USD 3,4 billion", 3400000000, None, None, False, "USD", "", "")]),
        ("65% of the Sakhalin Koreans", [("65%", 65, None, None, False, "%", "", "Sakhalin Koreans")]),
        ("about 10-15%", [("about 10-15%", None, 10, 15, True, "%", "", "")]),
        ("15 percent of the total", [("15 percent", 15, None, None, False, "%", "", "total")]),
        ("a 12-hour job", [("12-hour", 12, None, None, False, "hours", "", "job")]),
    ],
)
def test_quantity_patterns(text: str, expected: list[tuple[object, ...]]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 they came.",  # a year used as a date
        "in the 1950s and 1960s",
        "see Table 4 and Figure 2 on p. 60, Chapter 3",
        "ISBN 978-601-80774-5-6, UDC 325.1",
        "call +7 702 274 71 36",
        "Dostyk st., 16, 010000, Nur-Sultan",
        "the 4th generation, the 19th century",
        "COVID-19 and visas (E-9, C-3, G-1-5)",
        "1. Economic situation.",
        "from 7.00am to 7.00 pm",
        "Work schedule 5/2",
        "R 20",
    ],
)
def test_not_quantities(text: str) -> None:
    assert read(text) == []


def test_years_followed_by_a_count_are_counts() -> None:
    assert read("(2013 – 1574 people, 2014 – 2896 people)") == [
        ("1574", 1574, None, None, False, "persons", "", "people"),
        ("2896", 2896, None, None, False, "persons", "", "people"),
    ]


def test_decimal_comma_in_russian_style_text() -> None:
    assert read("171.781 человек", "ru", "ru")[0][1] == 171781
    assert read("около 12 тыс. человек", "ru", "ru") == [("около 12 тыс. человек", 12000, None, None, True, "persons", "", "")]
