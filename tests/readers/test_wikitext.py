from __future__ import annotations

import pytest

from koryo.errors import MalformedMarkup
from koryo.model import Document
from koryo.readers import article_key
from koryo.readers.wikitext import read_wikitext
from tests.conftest import assert_spans


def test_dump_variant_title_categories_and_text(wiki_old: Document) -> None:
    assert wiki_old.title == "North Koreans in Russia"
    assert wiki_old.article == "north koreans in russia"
    assert wiki_old.format == "wikitext"
    assert wiki_old.meta["categories"] == [
        "Asian Russian", "Ethnic groups in Russia", "Overseas Korean groups",
        "North Korean diaspora", "North Korean expatriates in Russia",
    ]
    assert wiki_old.text.startswith("North Koreans in Russia consist mainly of three groups")
    assert "[tpl]" not in wiki_old.text and "{{" not in wiki_old.text
    # the inline template renders as MediaWiki renders it
    assert "As of 2006, more than 10,000 North Koreans entered Russia on work visas annually" in wiki_old.text
    assert_spans(wiki_old)


def test_citation_templates_with_fields_and_anchors(wiki_old: Document) -> None:
    cites = wiki_old.citations
    assert len(cites) == 16 and {c.kind for c in cites} == {"template"}
    first = cites[0]
    assert first.key == "cite-1"
    assert first.fields["author"] == "Lee, Jeanyoung"
    assert first.fields["title"] == "Asia Culture Forum"
    assert first.fields["publisher"] == "Inha University"
    assert first.fields["url"] == "http://www.asiacultureforum.org/pdf/multi/multi_0202_Jeanyoung%20Lee.pdf"
    assert first.fields["date"] == "2006"
    assert wiki_old.text[: first.anchors[0]].endswith("estimated their total population at roughly 10,000.")
    lankov = cites[6]
    assert (lankov.fields["author"], lankov.fields["periodical"], lankov.fields["date"]) == ("Lankov, Andrei", "Korea Times", "2009-10-23")
    assert wiki_old.text[: lankov.anchors[0]].endswith("to work in state-owned fisheries on Sakhalin.")
    # two templates in a row both cite the same sentence
    assert cites[3].anchors == cites[4].anchors
    # each citation's own text is its line in the reference list
    assert wiki_old.text[lankov.start : lankov.end] == (
        "Lankov, Andrei (2009-10-23). “N. Korean Mirage Collapses in Sakhalin”. Korea Times. "
        "http://www.koreatimes.co.kr/www/news/nation/2009/12/120_54137.html."
    )
    assert cites[10].fields["title"] == "Северные корейцы спешно покидают Приморье"


def test_sections(wiki_old: Document) -> None:
    assert [s.path for s in wiki_old.sections] == [
        ("Migration history",), ("Migration history", "Students"), ("Migration history", "Workers"),
        ("Refugees",), ("References",), ("Further reading",),
    ]
    workers = wiki_old.sections[2]
    assert "roughly 8,000 North Korean migrant workers" in wiki_old.text[workers.start : workers.end]


def test_line_map_points_back_to_source(wiki_old: Document) -> None:
    pos = wiki_old.text.index("In the late 1940s")
    line = max(p.line for p in wiki_old.line_map if p.offset <= pos)
    assert line == 16


def test_standard_wikitext() -> None:
    src = (
        "'''Koryo-saram''' are [[Ethnic Koreans|ethnic Koreans]] of the former [[Soviet Union]].<ref name=\"pohl\">{{cite book"
        " |last=Pohl |first=J. Otto |title=Ethnic Cleansing in the USSR, 1937–1949 |year=1999 |publisher=Greenwood}}</ref>"
        " In 1937 about 172,000 were deported.<ref name=\"pohl\"/><ref>Kim, German (2003).</ref>\n\n"
        "== History ==\n<!-- a comment -->Text {{lang|ru|корё-сарам}} here. See [http://example.org the site].\n\n"
        "{| class=\"wikitable\"\n|+ Table 1. Deportees\n! Republic !! People\n|-\n| Kazakh SSR || 95,256\n|-\n| Uzbek SSR || 76,525\n|}\n\n"
        "== References ==\n<references/>\n"
    )
    doc = read_wikitext(src)
    assert doc.text.startswith("Koryo-saram are ethnic Koreans of the former Soviet Union. In 1937 about 172,000 were deported.")
    assert "Text корё-сарам here. See the site." in doc.text
    assert "comment" not in doc.text
    pohl, kim = doc.citations
    assert pohl.key == "pohl" and pohl.fields["author"] == "Pohl, J. Otto" and len(pohl.anchors) == 2
    assert kim.fields["text"] == "Kim, German (2003)."
    (table,) = doc.tables
    assert (table.number, table.title) == (1, "Deportees")
    assert [[c.text for c in r] for r in table.header + table.body] == [
        ["Republic", "People"], ["Kazakh SSR", "95,256"], ["Uzbek SSR", "76,525"]
    ]
    assert_spans(doc)


def test_url_with_a_pipe_is_mended() -> None:
    doc = read_wikitext("Text.[tpl]cite web|url=http://example.org/a|b.html|title=T[/tpl]\n")
    assert doc.citations[0].fields["url"] == "http://example.org/a|b.html"


@pytest.mark.parametrize(
    "src, reason",
    [
        ("Text.[tpl]citation|title=T\nmore", "[tpl] opened at line 1 is never closed"),
        ("Text.[/tpl] more", "[/tpl] without an opening [tpl] at line 1"),
        ("Text {{cite web|title=T\n\nmore", "unbalanced template braces"),
    ],
)
def test_broken_templates_are_rejected(src: str, reason: str) -> None:
    with pytest.raises(MalformedMarkup) as exc:
        read_wikitext(src, "a.wiki")
    assert str(exc.value).startswith("a.wiki: markup too broken to read") and reason in str(exc.value)


def test_article_key_folds_case_and_spacing() -> None:
    assert article_key("North_Koreans  in Russia") == article_key("north koreans in russia")
    assert article_key("North Koreans in Russia - Wikipedia") == "north koreans in russia"
    assert article_key("Корё-сарам — Википедия") == "корё-сарам"
