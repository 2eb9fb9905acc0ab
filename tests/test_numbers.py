from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koryo.numbers import currency_of, parse_number, scale_of, separator_style


@pytest.mark.parametrize(
    "raw, style, value, unit, rank, flags",
    [
        ("150,994", None, 150994, "", None, ("ambiguous",)),
        ("150,994", "en", 150994, "", None, ()),
        ("171.781", "ru", 171781, "", None, ()),
        ("171.781", "en", 171.781, "", None, ()),
        ("6,5", None, 6.5, "", None, ()),
        ("4,620.0", None, 4620.0, "", None, ()),
        ("1.234.567,89", None, 1234567.89, "", None, ()),
        ("6 590", None, 6590, "", None, ()),
        ("29\u00a0500", None, 29500, "", None, ()),
        ("1\u202f800\u2009000", None, 1800000, "", None, ()),
        ("2.400.000", None, 2400000, "", None, ()),
        ("20.6%", None, 20.6, "%", None, ()),
        ("100%", None, 100, "%", None, ()),
        ("24.6% (1 <sup>st</sup> ,place)".replace(" <sup>", " ").replace("</sup>", ""), None, 24.6, "%", 1, ("rank",)),
        ("20.6% (2 nd ,place)", None, 20.6, "%", 2, ("rank",)),
        ("-3,461", "en", -3461, "", None, ()),
        ("−16.3", None, -16.3, "", None, ()),
        ("$100", None, 100, "USD", None, ()),
        ("729,191*", "en", 729191, "", None, ("note_mark",)),
        ("2 (channel is inactive now)", None, 2, "", None, ("note",)),
    ],
)
def test_figures(raw: str, style: str | None, value: float, unit: str, rank: int | None, flags: tuple[str, ...]) -> None:
    n = parse_number(raw, style)
    assert (n.value, n.unit, n.rank, n.flags) == (value, unit, rank, flags)
    assert n.raw == raw


@pytest.mark.parametrize("raw", ["-", "–", "—", "", "..", "n/a"])
def test_missing(raw: str) -> None:
    n = parse_number(raw)
    assert n.value is None and n.flags == ("missing",)


@pytest.mark.parametrize("raw", ["251,04,", "1,23,456", "12 34", "3..5", "1.2.3"])
def test_malformed_is_never_a_number(raw: str) -> None:
    n = parse_number(raw)
    assert n.value is None and "malformed" in n.flags and n.raw == raw


def test_words_are_not_numbers() -> None:
    assert parse_number("Kazakhstan").flags == ("not_a_number",)


def test_scale_and_currency_from_headers() -> None:
    assert scale_of("Amount (mln. tenge)") == 1_000_000
    assert currency_of("Amount (mln. tenge)") == "KZT"
    assert scale_of("USD 6,5 billion") == 1_000_000_000
    assert scale_of("12 тыс. человек") == 1_000
    assert scale_of("Number of persons") == 1
    assert currency_of("100,000 won/day") == "KRW"


def test_separator_style() -> None:
    assert separator_style(["4,620.0", "1,797,618"]) == "en"
    assert separator_style(["6,5", "1.234.567"]) == "ru"
    assert separator_style(["150,994", "171"]) is None


def _format(value: Decimal, thousands: str, decimal: str) -> str:
    integer, _, frac = f"{value:f}".partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    return thousands.join(groups) + (decimal + frac if frac else "")


LOCALES = [(",", ".", "en"), ("\u00a0", ",", "ru"), (".", ",", "ru"), (" ", ",", "ru"), ("\u202f", ".", "en"), ("'", ".", "en")]


@given(
    st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(LOCALES),
)
def test_round_trip_of_formatted_numbers(value: Decimal, locale: tuple[str, str, str]) -> None:
    thousands, decimal, style = locale
    text = _format(value.normalize() if value == value.to_integral() else value, thousands, decimal)
    n = parse_number(text, style)
    assert n.value is not None, text
    assert Decimal(str(n.value)) == value, text


@given(st.integers(min_value=1000, max_value=10**12), st.sampled_from([",", " ", "\u00a0", "\u2009"]))
def test_integers_with_any_thousands_separator_in_english_context(value: int, sep: str) -> None:
    text = _format(Decimal(value), sep, ".")
    assert parse_number(text, "en").value == value


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_percentages(whole: int, tenths: int) -> None:
    n = parse_number(f"{whole}.{tenths:02d}%")
    assert n.unit == "%" and Decimal(str(n.value)) == Decimal(f"{whole}.{tenths:02d}")
