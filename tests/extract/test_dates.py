from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koryo.extract.dates import find_dates


def read(text: str) -> list[tuple[str, str, str, str]]:
    return [(text[d.start : d.end], d.date, d.end_date, d.precision) for d in find_dates(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On January 28, 1992, diplomatic relations", [("January 28, 1992", "1992-01-28", "1992-01-28", "day")]),
        ("on the 10th of May, 2017 it was", [("the 10th of May, 2017", "2017-05-10", "2017-05-10", "day")]),
        ("accessdate 2006-11-23", [("2006-11-23", "2006-11-23", "2006-11-23", "day")]),
        ("[26.03.2020]", [("26.03.2020", "2020-03-26", "2020-03-26", "day")]),
        ("as of March 2020, amounted", [("March 2020", "2020-03", "2020-03", "month")]),
        ("in 1937 the Koreans", [("1937", "1937", "1937", "year")]),
        ("in the 1950s", [("the 1950s", "1950", "1959", "decade")]),
        ("Up until the 1930's,", [("the 1930's", "1930", "1939", "decade")]),
        ("In the late 1940s, roughly", [("the late 1940s", "1947", "1949", "decade")]),
        ("in the early 1960s", [("the early 1960s", "1960", "1962", "decade")]),
        ("around the late 1800s.", [("the late 1800s", "1867", "1899", "century")]),
        ("in the early 1900's, many", [("the early 1900's", "1900", "1932", "century")]),
        ("the late 19th century", [("the late 19th century", "1867", "1899", "century")]),
        ("in the 10th century", [("the 10th century", "0900", "0999", "century")]),
        ("It is known that in late 2024, North", [("late 2024", "2024-09", "2024-12", "month")]),
        ("from 1953 to 1962, many", [("from 1953 to 1962", "1953", "1962", "year")]),
        ("Between 1946 and 1949, one", [("Between 1946 and 1949", "1946", "1949", "year")]),
        ("in 1966 or 1967 under", [("1966", "1966", "1966", "year"), ("1967", "1967", "1967", "year")]),
        ("opened from December 11 to June 30, 2020.", [("from December 11 to June 30, 2020", "2019-12-11", "2020-06-30", "day")]),
        ("First – from October 1, 2018 to March 31, 2019.", [("from October 1, 2018 to March 31, 2019", "2018-10-01", "2019-03-31", "day")]),
        ("May-June 2017", [("May-June 2017", "2017-05", "2017-06", "month")]),
        ("the 30-50s of the XX century", [("the 30-50s of the XX century", "1930", "1959", "decade")]),
        ("in the 60s of the XX century", [("the 60s of the XX century", "1960", "1969", "decade")]),
        ("in the 1970-1980s.", [("the 1970-1980s", "1970", "1989", "decade")]),
    ],
)
def test_date_patterns(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    ["ISBN 978-601-80774-5-6", "+7 702 274 71 36", "010000, Nur-Sultan", "USD 6,5 billion", "a 1,500-strong crowd", "Figure 1. p. 60",
     "1574 people"],
)
def test_not_dates(text: str) -> None:
    assert read(text) == []


def test_an_impossible_day_leaves_only_its_year() -> None:
    assert read("February 30, 2019") == [("2019", "2019", "2019", "year")]


@given(st.dates(min_value=dt.date(1600, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from(["mdy", "dmy", "iso", "dotted"]))
def test_any_full_date_in_any_style(day: dt.date, style: str) -> None:
    month = calendar.month_name[day.month]
    text = {
        "mdy": f"On {month} {day.day}, {day.year} it happened.",
        "dmy": f"On {day.day} {month} {day.year} it happened.",
        "iso": f"On {day.isoformat()} it happened.",
        "dotted": f"On {day.day:02d}.{day.month:02d}.{day.year} it happened.",
    }[style]
    (found,) = find_dates(text)
    assert (found.date, found.end_date, found.precision) == (day.isoformat(), day.isoformat(), "day")


@given(st.integers(min_value=160, max_value=209), st.sampled_from(["", "early ", "mid-", "late "]))
def test_decades_hold_their_years(decade: int, qualifier: str) -> None:
    year = decade * 10
    (found,) = find_dates(f"in the {qualifier}{year}s")
    start, end = int(found.date), int(found.end_date)
    assert start <= end
    if year % 100 == 0 and year < 2000:
        assert (found.precision, year <= start, end <= year + 99) == ("century", True, True)
    else:
        assert (found.precision, year <= start, end <= year + 9) == ("decade", True, True)


@given(st.integers(min_value=1600, max_value=2090), st.integers(min_value=1, max_value=9))
def test_year_ranges(first: int, length: int) -> None:
    (found,) = find_dates(f"from {first} to {first + length}")
    assert (found.date, found.end_date) == (str(first), str(first + length))
