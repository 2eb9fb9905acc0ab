"""Documents as people publish and save them: headers, dates, bylines, infoboxes, wiki marks."""

from __future__ import annotations

from pathlib import Path

from koryo.extract import extract
from koryo.ingest import ingest
from koryo.readers import read_bytes
from koryo.readers.metadata import url_date
from koryo.store import Store
from tests.conftest import assert_spans


def read(text: str, name: str = "clip.txt"):  # type: ignore[no-untyped-def]
    return read_bytes(name, text.encode("utf-8"))[1]


def test_source_header_is_metadata_not_text() -> None:
    doc = read(
        "source: https://example.org/news/2024/12/20/quota-cut\nnote: saved by hand\n\n"
        "Quota for foreign workers cut\n\nThe ministry set next year's quota at 130,000.\n"
    )
    assert doc.url == "https://example.org/news/2024/12/20/quota-cut"
    assert doc.published == "2024-12-20"  # from the URL
    assert doc.title == "Quota for foreign workers cut"
    assert "source:" not in doc.text and "saved by hand" not in doc.text
    assert doc.meta["header"] == {"source": "https://example.org/news/2024/12/20/quota-cut", "note": "saved by hand"}
    assert doc.text.startswith("Quota for foreign workers cut\n\n")


def test_yaml_front_matter_byline_and_date_line() -> None:
    doc = read("---\ntitle: Migrants in Ansan\nauthor: Lee Min-ho\ndate: 2021-05-04\n---\n\nSome 80,000 foreigners live here.\n")
    assert (doc.title, doc.author, doc.published) == ("Migrants in Ansan", "Lee Min-ho", "2021-05-04")
    assert doc.text == "Some 80,000 foreigners live here."
    doc = read("Visa-free stays grow\nBy Kim Rahn\nPosted: 12 Jan 2020\n\nThe number rose to 16,000 last year.\n")
    assert (doc.title, doc.author, doc.published) == ("Visa-free stays grow", "Kim Rahn", "2020-01-12")


def test_dates_in_urls() -> None:
    assert url_date("https://sputnikglobe.example/20050621/40554563.html") == "2005-06-21"
    assert url_date("https://news.example/articles/264135/20241223/story.htm") == "2024-12-23"
    assert url_date("https://www.example.com/2012/01/19/tajiks-send-3bln-home") == "2012-01-19"
    assert url_date("https://bank.example/2025/08/2355") == "2025-08"
    assert url_date("https://paper.example/article/2009080684228") == "2009-08-06"
    assert url_date("https://example.org/wiki/Koryo-saram") == ""
    assert url_date("https://example.org/p/40554563") == ""  # not a date: year 4055


def test_glued_infobox_in_three_languages() -> None:
    en = read(
        "Koryo-saram\nTotal population\nAbout 500,000\nRegions with significant populations\n"
        " Uzbekistan174,200[1]\n Russia153,156[2]\nUkraine Ukraine12,711[6]\nLanguages\nRussian, Koryo-mar\n\n"
        "Koryo-saram is the name ethnic Koreans in the post-Soviet states use for themselves.\n"
    )
    (box,) = en.tables
    assert box.kind == "infobox" and box.title == "Koryo-saram"
    assert [[c.text for c in row] for row in box.body] == [
        ["Total population", "About 500,000"], ["Regions with significant populations"],
        ["Uzbekistan", "174,200"], ["Russia", "153,156"], ["Ukraine", "12,711"], ["Languages", "Russian, Koryo-mar"],
    ]
    assert_spans(en)
    obs = extract(en).observations
    assert [(o.row, o.value, o.approx, o.unit, o.dims.get("country")) for o in obs] == [
        (("Total population",), 500000, True, "persons", None),
        (("Regions with significant populations", "Uzbekistan"), 174200, False, "persons", "Uzbekistan"),
        (("Regions with significant populations", "Russia"), 153156, False, "persons", "Russia"),
        (("Regions with significant populations", "Ukraine"), 12711, False, "persons", "Ukraine"),
    ]
    assert all(en.text[o.start : o.end] == o.raw for o in obs)
    marks = {c.key: c for c in en.citations}
    assert marks["1"].kind == "marker" and en.text[marks["1"].start : marks["1"].end] == "[1]"

    ru = read("Корейцы\nЧисленность\nоколо 500 000\nРасселение\nКазахстан100 385\nРоссия153 156\n")
    assert [(o.row[-1], o.value, o.approx, o.unit) for o in extract(ru).observations] == [
        ("Численность", 500000, True, "persons"), ("Казахстан", 100385, False, "persons"), ("Россия", 153156, False, "persons"),
    ]
    de = read("Infobox\n- Ort: Fernost\n- Opfer: 172.000 Koreaner deportiert\n- Datum: September 1937\n")
    (box,) = de.tables
    assert [[c.text for c in row] for row in box.body] == [
        ["Ort", "Fernost"], ["Opfer", "172.000 Koreaner deportiert"], ["Datum", "September 1937"],
    ]
    (o,) = extract(de).observations
    assert (o.row, o.raw, o.unit) == (("Opfer",), "172.000", "persons")


def test_key_value_lines_with_ranges_and_pipes() -> None:
    doc = read(
        "Infobox\n- Location: North Caucasus\n- Fatalities: 123,000–200,000 Chechens and Ingush\n"
        "- Victims: Over 496,000 deported\n\nOn 23 February 1944 the operation began.\n"
    )
    obs = extract(doc).observations
    assert [(o.row, o.value, o.low, o.high) for o in obs] == [
        (("Fatalities",), 123000, 123000, 200000), (("Victims",), 496000, 496000, None),
    ]
    piped = read("Total population | |||\n---|---|---|\n500,000 | |||\nUzbekistan | 176,000[1] | ||\nRussia | 176,411[1] | ||\n")
    (box,) = piped.tables
    assert [[c.text for c in row] for row in box.body] == [
        ["Total population", "500,000"], ["Uzbekistan", "176,000"], ["Russia", "176,411"],
    ]
    assert_spans(piped)


def test_wiki_heading_marks_in_five_languages() -> None:
    doc = read(
        "Intro line of the article with enough words to be prose.\n\n[edit]Students\n\nSome studied in Moscow.\n\n"
        "Storia modifica\n\nNel 1937 furono deportati.\n\n배경 편집\n\n고려인은 이주했다.\n\n"
        "История [править | править код]\n\nВ 1937 году.\n\nHistoire\n\nmodifier\n\nEn 1944, la déportation.\n"
    )
    assert [s.path[-1] for s in doc.sections] == ["Students", "Storia", "배경", "История", "Histoire"]
    assert "[edit]" not in doc.text and "modifier" not in doc.text and "править" not in doc.text
    assert_spans(doc)


def test_furniture_is_not_text_and_markers_are_citations() -> None:
    doc = read("Jump to content\n\nSakhalin Koreans\n\nFrom Wikipedia, the free encyclopedia\n\n"
               "About 43,000 Koreans lived on Sakhalin in 1945.[3] Most stayed.[3][4]\n")
    assert doc.title == "Sakhalin Koreans"
    assert "Jump to content" not in doc.text and "free encyclopedia" not in doc.text
    assert sorted((c.key, len(c.anchors)) for c in doc.citations) == [("3", 2), ("4", 1)]
    (fact,) = [f for f in extract(doc).facts if f.value == 43000]
    assert fact.citations == ("3",) and fact.time == "1945"


def test_document_date_is_a_marked_fallback() -> None:
    doc = read("source: https://paper.example/2024/12/23/kursk\n\nKursk losses\n\n"
               "Around 100 North Korean soldiers have been killed.\nIn 2023, 500 had been sent.\n")
    facts = {f.value: f for f in extract(doc).facts}
    assert (facts[100].time, facts[100].time_source) == ("2024-12-23", "document")
    assert (facts[500].time, facts[500].time_source) == ("2023", "stated")


def test_mirrors_group_without_names(tmp_path: Path) -> None:
    body = ("The deportation of Koreans in the Soviet Union was the forced transfer of nearly 172,000 Soviet Koreans "
            "from the Russian Far East to unpopulated areas of the Kazakh SSR and the Uzbek SSR in 1937. Later, "
            "almost the whole population was relocated to Central Asia, where they worked on collective farms. "
            "Many died of hunger and cold in the first winter. ")
    (tmp_path / "a_site.txt").write_text("source: https://one.example/page/123\n\nFirst mirror\n\n" + body * 3, encoding="utf-8")
    (tmp_path / "b_other.txt").write_text("source: https://two.example/x.html\n\nSecond copy\n\n" + body * 3 +
                                          "Another revision added this sentence about 171,781 people.\n", encoding="utf-8")
    (tmp_path / "c_unrelated.txt").write_text("Tajik migrants sent 18 billion dollars home in 2024, a third of the "
                                              "country's output, according to the central bank of Russia.\n", encoding="utf-8")
    store = Store(str(tmp_path / "k.db"))
    ingest(store, [str(tmp_path)])
    docs = {d.name: d for d in store.documents()}
    assert docs["a_site.txt"].article == docs["b_other.txt"].article == "first mirror"
    assert (docs["a_site.txt"].revision, docs["b_other.txt"].revision) == (1, 2)
    assert docs["c_unrelated.txt"].article != docs["a_site.txt"].article


def test_a_long_first_line_after_a_date_gives_the_title_its_first_words() -> None:
    doc = read(" date 2024-03-27 Employers who want to take on foreign workers (E-9 visa holders) must first apply "
               "to the job centre, the ministry said on Wednesday.\nThe first round covers 35,000 permits.\n")
    assert doc.published == "2024-03-27"
    assert doc.title == "Employers who want to take on foreign workers (E-9 visa holders) must first…"


def test_a_last_edited_line_left_out_as_furniture_still_dates_the_page() -> None:
    doc = read("나무위키 미러\n최근 수정 시각 : 2024-10-07 22:07:06\n\n광주 고려인마을\n\n6월 말 현재 고려인 7,000명이 산다.\n")
    assert "최근 수정 시각" not in doc.text
    assert doc.published == "2024-10-07"
    assert [(e.date, e.precision) for e in extract(doc).events] == [("2024-06-30", "day")]  # 6월 말 in the page's year
REFERENCED = """source: https://en.wikipedia.org/wiki/Koryo-saram

Koryo-saram

In 1937 about 172,000 Koreans were deported.[1] Later counts differ.[2][citation needed] cite news|last=Kim|first=Rahn|title=Koryo-saram number 500,000 in 2020|url=https://news.example.org/koryo |date=12 May 2020 About 500,000 live in the CIS today.[a]

References[edit]

1. ^ a b Pohl, J. Otto (1999). Ethnic Cleansing in the USSR, 1937-1949. https://example.org/pohl
2. ^ cite web|url=https://example.org/kim|title=Koreans in Central Asia|last=Kim|first=German|year=2003
"""


def test_markers_point_at_the_reference_list_and_templates_are_citations() -> None:
    doc = read(REFERENCED)
    by_key = {c.key: c for c in doc.citations}
    assert sorted(by_key) == ["1", "a", "citation-needed", "cite-1", "cite-2"]
    one = by_key["1"]  # the marker is an anchor of its entry in the list, with the entry's text and URL
    assert one.kind == "footnote" and doc.quote(one.start, one.end).startswith("Pohl, J. Otto (1999).")
    assert one.fields == {"number": "1", "text": "Pohl, J. Otto (1999). Ethnic Cleansing in the USSR, 1937-1949. https://example.org/pohl",
                          "url": "https://example.org/pohl"}
    assert [doc.text[a : a + 3] for a in one.anchors] == ["[1]"]
    two = by_key["cite-2"]  # entry 2 is a flattened template: the template gains the marker
    assert two.kind == "template" and two.fields == {
        "template": "cite web", "url": "https://example.org/kim", "title": "Koreans in Central Asia", "last": "Kim",
        "first": "German", "year": "2003", "author": "Kim, German", "date": "2003", "number": "2"}
    assert doc.text[two.anchors[0] : two.anchors[0] + 3] == "[2]"
    news = by_key["cite-1"]  # a template in the running text: its fields, and it ends where its last field does
    assert news.fields == {"template": "cite news", "last": "Kim", "first": "Rahn", "title": "Koryo-saram number 500,000 in 2020",
                           "url": "https://news.example.org/koryo", "date": "12 May 2020", "author": "Kim, Rahn"}
    assert doc.quote(news.start, news.end).endswith("|date=12 May 2020")
    assert (by_key["a"].kind, by_key["a"].fields) == ("marker", {})  # no notes list saved: the marker stands alone
    assert by_key["citation-needed"].fields == {"text": "citation needed"}
    assert_spans(doc)
    facts = extract(doc).facts
    # the template's figures are not prose; the sentence after it is, and carries the marker after it
    assert [(f.value, f.citations, doc.quote(f.start, f.end)) for f in facts] == [
        (172000, ("1",), "In 1937 about 172,000 Koreans were deported.[1]"),
        (500000, ("a",), "About 500,000 live in the CIS today.[a]"),
    ]


def test_dates_a_page_prints_below_its_top_in_its_furniture_or_as_a_dateline() -> None:
    # a news page that prints its date line under the article
    body = "".join(f"Line {n} of the article says nothing of its date.\n" for n in range(14))
    doc = read("source: https://paper.example/article/597362\n\n" + body + "입력 2011-08-01 16:15\n")
    assert doc.published == "2011-08-01"
    # lower down, prose led by a date word is not a date line
    doc = read("source: https://paper.example/a/1\n\n" + body + "Dates of the deportation: 18 May 1944 to 20 May 1944.\n")
    assert doc.published == ""
    # a wiki mirror's "last edited" furniture line is dropped from the text but dates the page
    doc = read("source: https://mirror.example/w/x\n\n나무 미러\n최근 수정 시각 : 2024-10-07 22:07:06\n\n광주 고려인마을\n\n고려인 약 7,000여 명이 산다.\n")
    assert doc.published == "2024-10-07" and "최근 수정" not in doc.text
    # "Seoul, Sep 29" under …/news/2024/…: the dateline's day in the URL's year, and not the title
    doc = read("source: https://news.example.in/news/2024/61433.htm\n\nSeoul, Sep 29\n"
               "Four in 10 of the foreigners staying illegally in South Korea last year had come in without a visa.\n")
    assert doc.published == "2024-09-29"
    assert doc.title == "Four in 10 of the foreigners staying illegally in South Korea last year had…"  # its first words, cut at a word


def test_a_wiki_logo_line_is_not_the_title() -> None:
    doc = read("source: https://mirror.example.az/Zainichi_Koreans.html\n\nfbpx\nWikipedia\n\nKoreans in Japan\n\n"
               "Zainichi Koreans number about 430,000.\n")
    assert doc.title == "Koreans in Japan" and doc.text.startswith("fbpx\nWikipedia\n\nKoreans in Japan")  # text, not the title


def test_a_template_in_braces_ends_at_its_braces() -> None:
    doc = read("Deported in 1937, about 172,000 people.{{citation|last=Pohl|title=Ethnic Cleansing|year=1999}} Then 5,000 more.\n")
    (cite,) = doc.citations
    assert doc.quote(cite.start, cite.end) == "{{citation|last=Pohl|title=Ethnic Cleansing|year=1999}}"
    assert cite.fields == {"template": "citation", "last": "Pohl", "title": "Ethnic Cleansing", "year": "1999", "author": "Pohl", "date": "1999"}
    assert doc.text.split("\n")[2] == "Then 5,000 more."
    assert read("Reporters cite|quote it.\n").citations == ()  # "cite|" with no field is words


def test_a_source_line_that_is_no_url_after_all_dates_nothing() -> None:
    # an unclosed IPv6 host makes urllib raise; the fuzz tests found it
    doc = read("source: http://[2001:db8/news/2024/09/29/a-b-c\n\nSeoul, Sep 29\nAbout 11,000 Kazakhstanis stay illegally.\n")
    assert doc.published == "" and doc.url == "http://[2001:db8/news/2024/09/29/a-b-c"


TAJIK_BODY = ("Most of the men who leave Tajikistan for work go to Russia, where about 1.1 million of them were employed "
              "last year. Their wages, sent home as remittances, paid for food, schooling and new houses in villages that have "
              "few jobs of their own. Economists warn that migrants and the money they send keep the country's budget afloat.\n")


def test_a_page_title_line_gives_way_to_the_headline_it_repeats() -> None:
    # a saved page's <title> ("Site - Section - Headline") above its headline: the headline, which may ask
    doc = read("source: https://ledger.example/w/8812.html\n\nDaily Ledger - World - Why do migrants leave Tajikistan?\n\n"
               "Why do migrants leave Tajikistan?\n\n" + TAJIK_BODY)
    assert doc.title == "Why do migrants leave Tajikistan?"
    assert doc.text.startswith("Daily Ledger - World - Why do migrants leave Tajikistan?\n\nWhy do")  # both stay text


def test_a_line_whose_words_the_text_never_uses_is_not_the_title() -> None:
    # a section label over the headline
    doc = read("source: https://archive.example/?p=77\n\nArchive\n\nWhy migrants leave Tajikistan for Russia\n\n" + TAJIK_BODY)
    assert doc.title == "Why migrants leave Tajikistan for Russia"
    # a mirror's banner in Korean over the page's name
    body = ("광주 고려인마을은 광산구 월곡동에 있다. 고려인 약 7,000여 명이 이 마을에 산다. " * 6) + "\n"
    doc = read("미러 사이트 (밝은 화면)\n\n광주 고려인마을\n\n" + body)
    assert doc.title == "광주 고려인마을"
    # a page viewer's running head, printed twice, and no title-like line: the first words of the text
    doc = read("77page\n\n77page\n\n" + TAJIK_BODY)
    assert doc.title == "Most of the men who leave Tajikistan for work go to Russia, where about 1.1…"
    # its own words below it, with the name in another language appended: still the title
    doc = read("Миграция таджиков в Россию - Tajik migration to Russia\n\n" + "Миграция таджиков в Россию растёт: "
               "в прошлом году в России работали около 1,1 миллиона таджиков, и их переводы кормят семьи. " * 4 + "\n")
    assert doc.title == "Миграция таджиков в Россию - Tajik migration to Russia"
    # "Support us!" is a banner, not a headline that asks
    doc = read("Support the Ledger!\n\nTajik migrants in Russia\n\n" + TAJIK_BODY)
    assert doc.title == "Tajik migrants in Russia"
