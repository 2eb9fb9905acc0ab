from __future__ import annotations

from koryo.readers import read_bytes
from tests.conftest import assert_spans

PAGE = """<!DOCTYPE html>
<html lang="ru"><head><title>Koryo-saram &amp; the 1937 deportation</title>
<script>alert("not text")</script><style>p { color: red }</style></head>
<body>
<h1>Koryo-saram</h1>
<p>In 1937 close to 172,000 people were deported.<sup class="reference"><a href="#cite_note-1">[1]</a></sup></p>
<h2>Numbers</h2>
<p>Table 1. Deported by destination</p>
<table>
<thead><tr><th rowspan="2">Republic</th><th colspan="2">Deported</th></tr>
<tr><th>Families</th><th>People</th></tr></thead>
<tr><td>Kazakh SSR</td><td>20,170</td><td>95,256</td></tr>
<tr><td>Uzbek SSR</td><td>16,272</td><td>76,525</td></tr>
</table>
<p>Source: <a href="https://example.org/nkvd">NKVD report</a>, 1937</p>
<h2>References</h2>
<ol class="references"><li id="cite_note-1"><a href="https://example.org/pohl">Pohl, J. Otto (1999)</a>. Ethnic Cleansing in the USSR.</li></ol>
</body></html>
"""


def test_html_page() -> None:
    source, doc = read_bytes("page.html", PAGE.encode("utf-8"))
    assert doc.format == "html" and doc.title == "Koryo-saram & the 1937 deportation"
    assert doc.language == "ru"  # the page says so
    assert "alert" not in doc.text and "color" not in doc.text
    assert doc.text.startswith("Koryo-saram\n\nIn 1937 close to 172,000 people were deported.\n\nNumbers")
    assert [s.path for s in doc.sections] == [("Koryo-saram",), ("Koryo-saram", "Numbers"), ("Koryo-saram", "References")]
    (table,) = doc.tables
    assert (table.number, table.title, table.source_note) == (1, "Deported by destination", "NKVD report, 1937")
    # rowspan and colspan fill every position they cover
    assert [[c.text for c in r] for r in table.header] == [["Republic", "Deported", "Deported"], ["Republic", "Families", "People"]]
    assert [[c.text for c in r] for r in table.body] == [["Kazakh SSR", "20,170", "95,256"], ["Uzbek SSR", "16,272", "76,525"]]
    assert doc.text[table.start : table.end].startswith("Table 1. Deported by destination")
    note = next(c for c in doc.citations if c.kind == "footnote")
    assert note.fields == {"text": "Pohl, J. Otto (1999). Ethnic Cleansing in the USSR.", "url": "https://example.org/pohl"}
    assert doc.text[: note.anchors[0]].endswith("were deported.")
    src_note = next(c for c in doc.citations if c.kind == "source_note")
    assert src_note.fields == {"text": "NKVD report, 1937", "url": "https://example.org/nkvd"}
    assert doc.text.count("Source: NKVD report, 1937") == 1
    assert_spans(doc)


def test_script_in_a_document_is_dropped_not_run() -> None:
    _, doc = read_bytes("x.html", b"<html><body><p>Hello <b>there</b></p><script>document.write('x')</script></body></html>")
    assert doc.text.strip() == "Hello there"


def test_a_table_as_the_last_block_is_read() -> None:
    _, doc = read_bytes("t.html", b"<table><tr><th>Y")
    assert doc.text == "Y"
    (table,) = doc.tables
    assert (table.start, table.end) == (0, 1) and [[c.text for c in r] for r in table.header] == [["Y"]]
    _, doc = read_bytes("t.html", b"<p>Deported</p><table><tr><th>Year<th>People<tr><td>1937<td>171,781</table>")
    assert doc.text == "Deported\n\nYear\tPeople\n1937\t171,781"
    assert doc.text[doc.tables[0].start : doc.tables[0].end] == "Year\tPeople\n1937\t171,781"
    assert_spans(doc)


def test_deep_nesting_is_read_whole_or_rejected_with_the_reason() -> None:
    import pytest

    from koryo.errors import MalformedMarkup

    def nested(depth: int) -> bytes:
        return b"<html><body>" + b"<div>" * depth + b"<p>In 1937 deep.</p>" + b"</div>" * depth + b"<p>After.</p></body></html>"

    for depth in (300, 2000):  # past libxml2's default 256 and Python's recursion limit
        assert read_bytes("deep.html", nested(depth))[1].text == "In 1937 deep.\n\nAfter."
    with pytest.raises(MalformedMarkup) as exc:
        read_bytes("deeper.html", nested(100_000))
    assert str(exc.value) == "deeper.html: markup too broken to read (elements nested more than 2,048 levels deep)"


def test_an_empty_footnote_at_the_end_cites_nothing() -> None:
    # found by fuzzing (atheris): its empty span lay past the end of the text
    _, doc = read_bytes("n.html", b'<p>Text<sup><a href="#n1">1</a></sup></p><ol><li id="n1"></li></ol>')
    assert doc.text == "Text" and doc.citations == ()


def test_a_table_whose_last_row_is_empty_ends_with_its_last_cell() -> None:
    # found by fuzzing (atheris): the empty row's line break was counted into the table
    _, doc = read_bytes("t.html", b"<p>Deported</p><table><tr><th>Year<th>People<tr><td>1937<td>171,781<tr></table>")
    assert doc.text[doc.tables[0].start : doc.tables[0].end] == "Year\tPeople\n1937\t171,781"


NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Tajiks sent $3bn home | Some Site</title>
<meta name="description" content="Remittances from Russia made up half of the economy.">
<meta property="og:title" content="Tajiks sent $3bn home">
<meta property="og:url" content="https://news.example.org/amp/tajiks">
<meta property="article:published_time" content="2013-04-22T09:15:00+04:00">
<meta property="article:author" content="https://news.example.org/authors/kim">
<meta name="author" content="Kim Rahn">
<link rel="canonical" href="https://news.example.org/business/tajiks-sent-3bn-home">
</head><body>
<article><p>Migrants sent $3 billion home in 2012.</p></article>
</body></html>
"""


def test_head_gives_url_title_date_author_and_description() -> None:
    _, doc = read_bytes("page.html", NEWS_PAGE.encode())
    assert doc.title == "Tajiks sent $3bn home"  # og:title, without the site's name the <title> adds
    assert doc.url == "https://news.example.org/business/tajiks-sent-3bn-home"  # canonical before og:url
    assert doc.published == "2013-04-22"
    assert doc.author == "Kim Rahn"  # article:author is a profile URL, not a name
    assert doc.meta == {"description": "Remittances from Russia made up half of the economy."}
    assert doc.text == "Migrants sent $3 billion home in 2012."
    # og:url when there is no canonical link
    _, doc = read_bytes("p.html", b'<html><head><meta property="og:url" content="https://x.example/a"></head><body><p>Hi.</p></body></html>')
    assert (doc.url, doc.published, doc.author) == ("https://x.example/a", "", "")


def test_byline_time_and_author_link_but_not_an_event_time() -> None:
    page = """<html><head><title>Workers</title></head><body>
<div class="byline">By <a rel="author" href="/people/lee">Lee Ji-hoon</a>
 <time datetime="2024-12-20T08:00">20 Dec</time></div>
<p>About 15,000 workers arrived on <time datetime="2023-05-01">1 May 2023</time>.</p>
</body></html>"""
    _, doc = read_bytes("w.html", page.encode())
    assert (doc.title, doc.author, doc.published) == ("Workers", "Lee Ji-hoon", "2024-12-20")
    _, doc = read_bytes("w.html", b"<html><body><p>About 15,000 workers from Uzbekistan arrived on <time datetime='2023-05-01'>1 May 2023</time>.</p></body></html>")
    assert doc.published == ""  # a time in the running text is the event's, not the page's
    _, doc = read_bytes("w.html", b"<html><body><header><time datetime='2021-03-04'>4 March</time></header><p>Text.</p></body></html>")
    assert doc.published == "2021-03-04"
    assert_spans(doc)
