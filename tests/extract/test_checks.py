from __future__ import annotations

from koryo.extract.checks import checks
from koryo.extract.observations import observations
from koryo.model import Document
from koryo.readers.markdown import read_markdown


def findings(doc: Document) -> list[tuple[str, int | None, float | None, float | None]]:
    return [(c.kind, c.table, c.expected, c.found) for c in checks(observations(doc))]


def test_the_reports_own_inconsistencies(report: Document) -> None:
    found = checks(observations(report))
    assert [(c.kind, c.table, c.expected, c.found) for c in found] == [
        # Table 1's totals for 2014-2016 are not the sums of the countries below them
        ("total", 1, 150845, 150994),
        ("total", 1, 151516, 151608),
        ("total", 1, 152367, 152374),
        # Table 8's total for 2017 is printed "251,04,"; its parts sum to 251,041
        ("malformed", 8, 251041, None),
        # youth aged 14-28: Table 6 and Table 7 agree for 2014-2016, not for 2017-2019
        ("cross_table", 6, 3995896, 3995913),
        ("cross_table", 6, 3900834, 3900900),
        ("cross_table", 6, 3830536, 3830526),
    ]
    total_2014 = found[0]
    assert total_2014.note == "Table 1, 'Total number' row, column '2014': the parts sum to 150,845, the table gives 150,994 (off by 149)"
    assert [c.raw for c in total_2014.cells][:3] == ["150,994", "60,663", "39,725"] and len(total_2014.cells) == 15
    malformed = found[3]
    assert malformed.cells[0].raw == "251,04," and report.text[malformed.cells[0].start : malformed.cells[0].end] == "251,04,"
    assert malformed.note == "'251,04,' is not a well-formed figure; the parts sum to 251,041"
    cross = found[4]
    assert [(c.table, c.row, c.col, c.raw) for c in cross.cells] == [
        (6, ("aged 14 to 28, people",), ("2017",), "3,995,896"),
        (7, ("Republic of Kazakhstan",), ("2017",), "3,995,913"),
    ]


def test_clean_tables_raise_nothing() -> None:
    doc = read_markdown(
        "Table 1. Marriage migrants (2018)\n\n"
        "Country\tMigrants\t\tMen\t\tWomen\t\n\tTotal number\t%\tTotal number\t%\tTotal number\t%\n"
        "Total number\t1,000\t100\t300\t30.0\t700\t70.0\n"
        "China\t600\t60.0\t100\t16.7\t500\t83.3\n"
        "Vietnam\t300\t30.0\t150\t50.0\t150\t50.0\n"
        "Others\t100\t10.0\t50\t50.0\t50\t50.0\n"
    )
    assert findings(doc) == []


def test_each_kind_of_inconsistency_is_found() -> None:
    doc = read_markdown(
        "Table 1. Marriage migrants (2018)\n\n"
        "Country\tMigrants\t\tMen\t\tWomen\t\n\tTotal number\t%\tTotal number\t%\tTotal number\t%\n"
        "Total number\t1,000\t100\t300\t30.0\t700\t70.0\n"
        "China\t600\t66.0\t100\t16.7\t500\t83.3\n"  # 66.0% should be 60.0%
        "Vietnam\t300\t30.0\t150\t50.0\t160\t50.0\n"  # 150 + 160 is not 300
        "Others\t100\t10.0\t50\t40.0\t50\t50.0\n"  # 40% + 50% is not 100%
    )
    kinds = findings(doc)
    assert ("total", 1, 310, 300) in kinds  # Migrants = Men + Women for Vietnam
    assert ("total", 1, 710, 700) in kinds  # the women's column no longer sums to its total
    assert ("share", 1, 60.0, 66.0) in kinds
    assert ("share_sum", 1, 100.0, 90.0) in kinds
    assert ("share_sum", 1, 106.0, 100) in kinds  # the migrants' shares sum to 106, the total row says 100


def test_total_columns_and_subsets() -> None:
    doc = read_markdown(
        "Table 3. Applications\n\n"
        "\tLeft\tIncluding young\t\t\n\tSubtotal\tSubtotal\tTo CIS\tOther\n"
        "2005\t500\t120\t100\t20\n2010\t400\t90\t80\t20\n"
    )
    # "Including young" is a part of "Left", not a partition: only its own subtotal is checked
    assert findings(doc) == [("total", 3, 100, 90)]


def test_cross_table_series_need_mostly_agreeing_keys() -> None:
    doc = read_markdown(
        "Table 1. Youth\n\n\t2014\t2015\t2016\t2017\nYouth\t10\t20\t30\t41\n\n"
        "Table 2. Youth again\n\n\t2014\t2015\t2016\t2017\nAll\t10\t20\t30\t40\n\n"
        "Table 3. Something else\n\n\t2014\t2015\t2016\t2017\nOther\t11\t21\t31\t40\n"
    )
    assert findings(doc) == [("cross_table", 1, 41, 40)]
