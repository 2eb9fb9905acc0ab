from __future__ import annotations

import bisect

from koryo.model import Document
from koryo.readers.markdown import read_markdown
from tests.conftest import assert_spans


def rows(table, part="body"):  # type: ignore[no-untyped-def]
    return [[c.text for c in row] for row in getattr(table, part)]


def test_report_title_format_and_spans(report: Document) -> None:
    assert report.title == "ILLEGAL MIGRATION OF KAZAKHSTANIS TO SOUTH KOREA"
    assert report.format == "markdown"
    assert report.language == "en"
    assert_spans(report)


def test_report_has_all_sixteen_tables_with_captions_and_sources(report: Document) -> None:
    assert [t.number for t in report.tables] == list(range(1, 17))
    by = {t.number: t for t in report.tables}
    assert by[1].title == "Number of marriage migrants (2014-2018)"
    assert by[4].title == (
        "Are you considering migrating from your country? (Sample of 1000 respondents in each "
        "country aged 14 to 29, survey period 2014-2016)"
    )
    assert by[8].title == "The number of undocumented migrants from various countries in South Korea (2014-2018)"
    assert by[12].title == "Number of G1 visa applications by countries"
    assert by[8].source_note == "Korea immigration service statistics. Ministry of Justice, 2018"
    assert by[3].source_note == "Korea immigration service statistics. Ministry of Justice, 2018. 76 p."
    assert by[5].source_note == (
        "Youth in the Commonwealth of Independent States: a statistical portrait/ CIS Statistical Committee, UNFPA. - M., 2018."
    )
    assert by[7].source_note == "Statistics Committee of the Ministry of National Economy of the Republic of Kazakhstan."
    assert by[15].source_note == "National Bank of the Republic of Kazakhstan https://nationalbank.kz/?docid=1191&switch=russian"
    assert [n for n, t in by.items() if not t.source_note] == [4, 9, 10, 14, 16]
    # the caption and the source note lie inside the table's range
    assert report.text[by[8].start : by[8].end].startswith("Table 8. The number of undocumented")
    assert report.text[by[8].start : by[8].end].endswith("Source: Korea immigration service statistics. Ministry of Justice, 2018")


def test_tab_table_rows_and_multi_row_headers(report: Document) -> None:
    by = {t.number: t for t in report.tables}
    assert rows(by[8], "header") == [["", "2014", "2015", "2016", "2017", "2018", "% of the total population"]]
    assert rows(by[8])[0] == ["Total number", "208,778", "214,168", "208,971", "251,04,", "355,126", "100%"]
    assert rows(by[8])[6] == ["Kazakhstan", "359", "1,337", "2,914", "7,214", "11,413", "3.2%"]
    assert len(by[8].body) == 13
    assert rows(by[2], "header") == [
        ["Country", "Marriage migrants", "", "Men", "", "Women", ""],
        ["", "Total number", "%", "Total number", "%", "Total number", "%"],
    ]
    assert len(by[5].header) == 3 and rows(by[5])[0] == ["Kazakhstan", "", "", "", "", "", ""]
    assert rows(by[5])[1] == ["2005", "52,139", "19,300", "15,380", "3,920", "7,925", "18.9"]
    assert rows(by[13], "header")[1][2] == "Obtained G1 visa"
    assert rows(by[3], "header") == [["2014", "2015", "2016", "2017", "2018", "2019"]]
    assert rows(by[3]) == [["1,797,618", "1,899,519", "2,049,441", "2,180,498", "2,367,607", "2,524,656"]]


def test_html_cells_ranks_and_page_break(report: Document) -> None:
    by = {t.number: t for t in report.tables}
    # Table 15: "<sup>nd</sup>" ranks stay in the cell text, markup gone
    assert rows(by[15])[0][:3] == ["The Republic of Korea", "4,620.0", "20.6% (2 nd ,place)"]
    assert rows(by[15])[-1] == ["Total", "22,406.8", "100.0%", "21,722.6", "100.0%", "24,177.2", "100.0%", "12,551.5", "100.0%"]
    # Table 9: paragraphs inside tab cells, no header row
    assert by[9].header == () and len(by[9].body) == 3 and by[9].cols == 3
    assert rows(by[9])[0][0].startswith("Work for men and women in the city of Yanggu Men as Construction Workers, Salary 100,000 won/day")
    assert "<b>" not in report.text[by[9].start : by[9].end]
    # Table 10 goes on after a page break with its header repeated: one table, header once
    assert rows(by[10], "header") == [["Date of issue", "Article title", "Source"]]
    assert len(by[10].body) == 13
    assert rows(by[10])[-1][0] == "May 2, 2020"
    assert rows(by[10])[0][2].startswith("http://today.kz/news/kazakhstan/2018-10-22/")


def test_footnotes_link_markers_to_notes(report: Document) -> None:
    notes = {c.key: c for c in report.citations if c.kind == "footnote"}
    assert len(notes) == 48
    fn20 = notes["fn-20"]
    assert report.text[fn20.start : fn20.end].startswith("Briefing of the official representative of the Ministry of Foreign Affairs")
    assert fn20.fields["url"].startswith("https://www.gov.kz/memleket/entities/mfa/press/news/details/briefing-oficialnogo")
    (anchor,) = fn20.anchors
    assert report.text[:anchor].endswith("as of March 2020, amounted to about 12 thousand people")
    # one marker naming two notes
    assert notes["fn-34"].anchors == notes["fn-35"].anchors
    assert report.text[: notes["fn-34"].anchors[0]].endswith("The Korea Muslim Federation, formed in 1967")
    # an ordinal superscript is text, not a footnote
    assert "from the late 19th century" in report.text
    assert "<sup>" not in report.text


def test_source_notes_are_citations(report: Document) -> None:
    notes = [c for c in report.citations if c.kind == "source_note"]
    assert [c.fields["table"] for c in notes] == ["1", "2", "3", "5", "6", "7", "8", "11", "12", "13", "15"]
    assert report.text[notes[0].start : notes[0].end] == "Source: Korea immigration service statistics. Ministry of Justice, 2018"


def test_sections_and_line_map(report: Document) -> None:
    paths = [s.path for s in report.sections]
    assert len(paths) == 61
    assert ("Chapter 1", "FOREIGNERS IN SOUTH KOREA: HISTORY OF MIGRATION, TYPES AND FEATURES", "Employment Policy in South Korea for foreign workers") in paths
    assert ("UNDOCUMENTED MIGRANT WORKERS. STATISTICS. CHARACTERISTIC. WORKING CONDITIONS", "Money transfers") in paths
    table8 = next(t for t in report.tables if t.number == 8)
    offsets = [p.offset for p in report.line_map]
    point = report.line_map[bisect.bisect_right(offsets, table8.start) - 1]
    assert point.line == 570  # "Table 8. **The number of undocumented migrants …" in the source


def test_small_markdown_layouts() -> None:
    src = (
        "# Remittances\n\nIntro with **bold**, *italic*, [a link](https://example.org/a\\_b) and a note<sup>1</sup>.\n\n"
        "Table 2. **Money sent home**\n\n| Country | 2019 | 2020 |\n|---|---:|---:|\n| Korea | 1,5 | 2,0 |\n| Russia | 3 | 4 |\n\n"
        "Source: *National Bank*\n\n<sup>1</sup> A note with <https://example.org/n>.\n"
    )
    doc = read_markdown(src)
    assert doc.title == "Remittances"
    assert "Intro with bold, italic, a link and a note." in doc.text
    (table,) = doc.tables
    assert (table.number, table.title, table.source_note) == (2, "Money sent home", "National Bank")
    assert [[c.text for c in r] for r in table.header] == [["Country", "2019", "2020"]]
    assert [[c.text for c in r] for r in table.body] == [["Korea", "1,5", "2,0"], ["Russia", "3", "4"]]
    note = next(c for c in doc.citations if c.kind == "footnote")
    assert note.fields["url"] == "https://example.org/n"
    assert doc.text[: note.anchors[0]].endswith("and a note")
    assert_spans(doc)


def test_a_table_as_the_last_block_is_read() -> None:
    doc = read_markdown("# Deported\n\nYear\tPeople\n1937\t171,781\n1938\t2,000")
    assert doc.text == "Deported\n\nYear\tPeople\n1937\t171,781\n1938\t2,000"
    (table,) = doc.tables
    assert doc.text[table.start : table.end] == "Year\tPeople\n1937\t171,781\n1938\t2,000"
    assert rows(table) == [["1937", "171,781"], ["1938", "2,000"]]
    assert_spans(doc)
    piped = read_markdown("| Year | People |\n|---|---|\n| 1937 | 171,781 |")
    assert piped.text[piped.tables[0].start : piped.tables[0].end] == "Year\tPeople\n1937\t171,781"


def test_a_caption_that_is_itself_a_row() -> None:
    # found by fuzzing: "Table1<TAB>" looks like a caption and is a row; it used to trip an assertion
    doc = read_markdown("Table1\t\n<sup>1</sup>")
    assert doc.text == "Table1\t"
    assert doc.tables == () and doc.citations == ()


def test_soft_line_breaks_do_not_end_sentences_and_emphasis_leaves_the_text() -> None:
    from koryo.extract.sentences import sentences

    source = (
        "# Deportation\n"
        "\n"
        "In 1937 about 172,000 Koreans were deported\n"
        "from the Soviet Far East to *Kazakhstan* and\n"
        "**Uzbekistan**. Most of them _never_ returned; snake_case_name stays.\n"
        "The census of 1939 counted 182,339 Koreans.  \n"
        "Hard break above.\\\n"
        "And here.\n"
        "- Kazakhstan: 96,453\n"
        "- Uzbekistan: 72,944\n"
    )
    doc = read_markdown(source)
    body = doc.text[doc.text.index("In 1937") :]
    assert body == (
        "In 1937 about 172,000 Koreans were deported from the Soviet Far East to Kazakhstan and Uzbekistan."
        " Most of them never returned; snake_case_name stays. The census of 1939 counted 182,339 Koreans.\n"
        "Hard break above.\nAnd here.\nKazakhstan: 96,453\nUzbekistan: 72,944"
    )
    quotes = [doc.quote(s.start, s.end) for s in sentences(doc)]
    assert quotes[:3] == [
        "In 1937 about 172,000 Koreans were deported from the Soviet Far East to Kazakhstan and Uzbekistan.",
        "Most of them never returned; snake_case_name stays.",
        "The census of 1939 counted 182,339 Koreans.",
    ]
    # the text still maps back to the source line each word was read from
    at = doc.text.index("Uzbekistan.")
    line = max(p.line for p in doc.line_map if p.offset <= at)
    assert source.split("\n")[line - 1].startswith("**Uzbekistan**")
    assert_spans(doc)


def test_a_template_flattened_into_a_paragraph_is_a_citation_not_prose() -> None:
    from koryo.extract import extract
    from koryo.readers import read_bytes

    source = ("# Koryo-saram\n\nIn 1937 about 172,000 Koreans were deported.<sup>1</sup> cite news|last=Kim|first=Rahn|"
              "title=Koryo-saram number\n500,000 in 2020|url=https://news.example.org/koryo |date=12 May 2020 About *500,000* "
              "live in the CIS today.[2]\n\n<sup>1</sup> Pohl, J. Otto (1999). Ethnic Cleansing in the USSR.\n\n"
              "## References\n\n2. ^ cite web|url=https://example.org/kim|title=Koreans in Central Asia|last=Kim|year=2003\n")
    doc = read_bytes("koryo.md", source.encode("utf-8"))[1]
    by_key = {c.key: c for c in doc.citations}
    news = by_key["cite-1"]  # across the paragraph's soft line break, on a line of its own
    assert news.fields == {"template": "cite news", "last": "Kim", "first": "Rahn", "title": "Koryo-saram number 500,000 in 2020",
                           "url": "https://news.example.org/koryo", "date": "12 May 2020", "author": "Kim, Rahn"}
    assert doc.text.split("\n")[2:5] == [
        "In 1937 about 172,000 Koreans were deported.",
        "cite news|last=Kim|first=Rahn|title=Koryo-saram number 500,000 in 2020|url=https://news.example.org/koryo |date=12 May 2020",
        "About 500,000 live in the CIS today.[2]"]
    web = by_key["cite-2"]  # a list entry "2. ^ cite web|…" stays one line, and the template gains the marker
    assert (web.fields["number"], web.fields["title"]) == ("2", "Koreans in Central Asia")
    assert doc.text[web.anchors[0] : web.anchors[0] + 3] == "[2]"
    (note,) = [c for c in doc.citations if c.kind == "footnote"]
    assert [doc.text[a - 9 : a] for a in note.anchors] == ["deported."]  # the marker's place, before the template's line
    assert_spans(doc)
    assert [(f.value, f.citations, doc.quote(f.start, f.end)) for f in extract(doc).facts] == [
        (172000, ("fn-1",), "In 1937 about 172,000 Koreans were deported."),
        (500000, ("cite-2",), "About 500,000 live in the CIS today.[2]"),
    ]
