"""Observations of the report's tables: for each numeric table, its total row (or first row)
and one full column, exactly as printed; text tables give none."""

from __future__ import annotations

from collections import Counter

import pytest

from koryo.extract.layout import header_paths, read_layout
from koryo.extract.observations import observations
from koryo.model import Document, Observation
from koryo.readers.markdown import read_markdown


@pytest.fixture(scope="module")
def obs(report: Document) -> list[Observation]:
    return observations(report)


def row(obs: list[Observation], table: int, path: tuple[str, ...]) -> list[float | None]:
    return [o.value for o in obs if o.table == table and o.row == path]


def col(obs: list[Observation], table: int, path: tuple[str, ...]) -> list[float | None]:
    return [o.value for o in obs if o.table == table and o.col == path]


def one(obs: list[Observation], table: int, r: tuple[str, ...], c: tuple[str, ...]) -> Observation:
    (hit,) = [o for o in obs if o.table == table and o.row == r and o.col == c]
    return hit


def test_every_data_cell_of_the_numeric_tables(obs: list[Observation], report: Document) -> None:
    assert Counter(o.table for o in obs) == {
        1: 75, 2: 90, 3: 6, 4: 24, 5: 72, 6: 18, 7: 126, 8: 78, 11: 14, 12: 14, 13: 14, 14: 24, 15: 112,
    }
    assert {t.number for t in report.tables if not read_layout(t).numeric} == {9, 10, 16}
    for o in obs:
        assert report.text[o.start : o.end] == o.raw


def test_table_1(obs: list[Observation]) -> None:
    assert row(obs, 1, ("Total number",)) == [150994, 151608, 152374, 155457, 159206]
    assert col(obs, 1, ("2018",)) == [159206, 58706, 42460, 13738, 11836, 4496, 3658, 4411, 2438, 2425, 1494, 1320, 1213, 901, 10110]
    o = one(obs, 1, ("Uzbekistan",), ("2016",))
    assert (o.value, o.unit, o.scale, o.dims) == (2302, "persons", 1, {"year": 2016, "country": "Uzbekistan"})
    assert o.source_note == "Korea immigration service statistics. Ministry of Justice, 2018"


def test_table_2_multi_level_columns_and_sex(obs: list[Observation]) -> None:
    assert row(obs, 2, ("Total number",)) == [159206, 100, 26815, 16.8, 132391, 83.2]
    assert col(obs, 2, ("Men", "%")) == [16.8, 21.7, 5.1, 9.0, 3.5, 4.8, 2.2, 73.3, 6.0, 4.7, 7.3, 16.5, 7.7, 19.1, 63.5]
    o = one(obs, 2, ("USA",), ("Women", "Total number"))
    assert (o.value, o.unit, o.dims) == (975, "persons", {"sex": "female", "country": "United States", "year": 2018})
    assert one(obs, 2, ("USA",), ("Women", "%")).unit == "%"


def test_table_3_and_11_without_label_column(obs: list[Observation]) -> None:
    assert col(obs, 3, ("2019",)) == [2524656]
    assert row(obs, 3, ()) == [1797618, 1899519, 2049441, 2180498, 2367607, 2524656]
    assert row(obs, 11, ()) == [48906, 1087, 717, 364, 324, 423, 1011, 1143, 1574, 2896, 5711, 7541, 9942, 16173]
    assert one(obs, 11, (), ("1994-2006",)).dims == {"period": "1994-2006"}
    assert one(obs, 11, (), ("Total",)).unit == "applications"


def test_table_4_percentages_from_the_total_row(obs: list[Observation]) -> None:
    assert row(obs, 4, ("Total",)) == [100.0, 100.0, 100.0, 100.0]
    assert col(obs, 4, ("Uzbekistan",)) == [1.1, 5.4, 8.7, 84.2, 0.6, 100.0]
    assert {o.unit for o in obs if o.table == 4} == {"%"}


def test_table_5_row_groups_and_three_header_rows(obs: list[Observation]) -> None:
    assert row(obs, 5, ("Uzbekistan", "2005")) == [104991, 38458, 37792, 666, -35717, -44.5]
    c = ("Number of people who left the country", "Including aged 15 to 29", "To the CIS states")
    assert col(obs, 5, c) == [15380, 8429, 7972, 10460, 26983, 2512, None, None, None, 37792, 16506, 8142]
    o = one(obs, 5, ("Tajikistan", "2005"), c)
    assert (o.raw, o.flags) == ("-", ("missing",))
    last = one(obs, 5, ("Kyrgyzstan", "2010"), (
        "The intensity of migration of the population aged 15 to 29 (balance of interstate migration per 10 000 population of the corresponding age)",
    ))
    assert (last.value, last.unit, last.dims) == (-153.6, "per 10,000 population", {"year": 2010, "country": "Kyrgyzstan"})


def test_table_6_units_from_row_labels(obs: list[Observation]) -> None:
    assert row(obs, 6, ("aged 14 to 28, people",)) == [4293194, 4206037, 4099272, 3995896, 3900834, 3830536]
    assert row(obs, 6, ("% of youth of the population",)) == [25.0, 24.2, 23.2, 22.3, 21.5, 20.8]
    assert {o.unit for o in obs if o.table == 6 and o.row[0].startswith("%")} == {"%"}
    assert col(obs, 6, ("2019",)) == [18395567, 3830536, 20.8]


def test_table_7_regions_and_marked_labels(obs: list[Observation]) -> None:
    assert row(obs, 7, ("Republic of Kazakhstan",)) == [4293194, 4206037, 4099272, 3995913, 3900900, 3830526, 3765383]
    assert col(obs, 7, ("2020",)) == [
        3765383, 142491, 178712, 392855, 133130, 128527, 237900, 266081, 161897, 175728, 147462, 134726, 100548,
        465699, 244005, 222334, 393845, 239443,
    ]
    turkestan = one(obs, 7, ("Turkestan",), ("2017",))
    assert (turkestan.value, turkestan.flags, turkestan.dims) == (480051, ("marked_label",), {"year": 2017, "region": "Turkestan region"})
    assert one(obs, 7, ("city of Shymkent",), ("2014",)).flags == ("missing",)
    assert one(obs, 7, ("city of Nur-Sultan",), ("2018",)).dims == {"year": 2018, "city": "Astana"}


def test_table_8_malformed_total(obs: list[Observation]) -> None:
    assert row(obs, 8, ("Total number",)) == [208778, 214168, 208971, None, 355126, 100]
    bad = one(obs, 8, ("Total number",), ("2017",))
    assert (bad.raw, bad.flags) == ("251,04,", ("malformed",))
    assert col(obs, 8, ("% of the total population",)) == [100, 39.0, 20.0, 11.8, 4.5, 3.7, 3.2, 3.1, 2.3, 1.7, 1.7, 1.4, 7.6]
    assert row(obs, 8, ("Kazakhstan",)) == [359, 1337, 2914, 7214, 11413, 3.2]


def test_table_12_header_repeated_inside_the_body(obs: list[Observation]) -> None:
    assert row(obs, 12, ("Total",)) == [48906, 5388, 4839, 4306, 4114, 2984, 27275]
    assert row(obs, 12, ("2018",)) == [16173, 2496, 1916, 1236, 1199, 1120, 8206]
    assert one(obs, 12, ("2018",), ("Kazakhstan",)).dims == {"year": 2018, "country": "Kazakhstan"}
    assert one(obs, 12, ("Total",), ("Pakistan",)).dims == {"country": "Pakistan"}


def test_table_13(obs: list[Observation]) -> None:
    assert row(obs, 13, ("Quantity",)) == [48906, 936, 1988, 20284, 17159, 2772, 5767]
    assert row(obs, 13, ("%",)) == [100, 1.9, 4.0, 41.5, 35.1, 5.7, 11.8]
    assert {o.unit for o in obs if o.table == 13 and o.row == ("%",)} == {"%"}
    assert one(obs, 13, ("Quantity",), ("Under consideration", "Appeal")).value == 2772


def test_table_14_groups_of_social_networks(obs: list[Observation]) -> None:
    values = col(obs, 14, ("Number of subscribers",))
    assert values[:3] == [117778, 82799, 78691] and values[-3:] == [3943, 218, 1450]
    assert [o.row[0] for o in obs if o.table == 14].count("Telegram") == 4
    vsya = one(obs, 14, ("Telegram", "Вся Корея (All Korea)"), ("Number of subscribers",))
    assert (vsya.value, vsya.unit) == (29500, "subscribers")
    inactive = [o for o in obs if o.table == 14 and o.raw == "2 (channel is inactive now)"]
    assert [(o.value, o.flags) for o in inactive] == [(2, ("note",))]


def test_table_15_money_with_scale_and_ranks(obs: list[Observation]) -> None:
    assert row(obs, 15, ("Total",)) == [22406.8, 100.0, 21722.6, 100.0, 24177.2, 100.0, 12551.5, 100.0]
    assert col(obs, 15, ("April, 2020", "Amount (mln. tenge)")) == [
        3091.5, 2887.0, 1992.0, 1109.0, 835.3, 665.2, 376.5, 179.3, 121.2, 99.4, None, None, 1195.2, 12551.5,
    ]
    korea = one(obs, 15, ("The Republic of Korea",), ("April, 2020", "Share of the total amount, in%"))
    assert (korea.value, korea.unit, korea.rank, korea.flags) == (24.6, "%", 1, ("rank",))
    amount = one(obs, 15, ("The Republic of Korea",), ("January, 2020", "Amount (mln. tenge)"))
    assert (amount.value, amount.unit, amount.scale) == (4620.0, "KZT", 1_000_000)
    assert amount.dims == {"year": 2020, "month": 1, "country": "South Korea"}


def test_header_paths_fill_spanned_cells_under_the_same_parent() -> None:
    rows = [["", "Left", "", "", "Other"], ["", "Subtotal", "Incl.", "", ""], ["", "", "Sub", "A", ""]]
    assert header_paths(rows, 5, 1) == [(), ("Left", "Subtotal"), ("Left", "Incl.", "Sub"), ("Left", "Incl.", "A"), ("Other",)]


def test_small_tables_of_each_layout() -> None:
    doc = read_markdown(
        "Table 1. Money sent (thous. USD)\n\nYear\tSouth Korea\tRussia\n2019\t1,5\t2,25\n2020\t-\t3\n\n"
        "Table 2. Jobs\n\nDate\tAdvert\nMay 1, 2020\tWork for men in Ansan, 100,000 won per day, no visa needed\n"
    )
    obs = observations(doc)
    assert [(o.row, o.col, o.value, o.unit, o.scale) for o in obs] == [
        (("2019",), ("South Korea",), 1.5, "USD", 1000), (("2019",), ("Russia",), 2.25, "USD", 1000),
        (("2020",), ("South Korea",), None, "USD", 1000), (("2020",), ("Russia",), 3, "USD", 1000),
    ]
    assert obs[0].dims == {"year": 2019, "country": "South Korea"}
    assert not read_layout(doc.tables[1]).numeric
