"""Facts and events on the seeds, with their subjects, times, places and citations."""

from __future__ import annotations

import pytest

from koryo.extract import extract
from koryo.extract.facts import facts_and_events
from koryo.extract.sentences import sentences
from koryo.model import Document, Fact


def fact(doc: Document, mention: str) -> Fact:
    """The fact the pipeline (entities first, then facts) finds for this figure."""
    facts = extract(doc).facts
    hits = [f for f in facts if doc.text[f.mention_start : f.mention_end] == mention]
    assert len(hits) == 1, [doc.text[f.mention_start : f.mention_end] for f in facts]
    return hits[0]


def summary(f: Fact) -> tuple[object, ...]:
    return (f.value, f.low, f.high, f.approx, f.unit, f.per, f.subject, f.time, f.place, f.citations)


def test_every_fact_quotes_its_sentence(report: Document, wiki_old: Document, wiki_new: Document, community: Document) -> None:
    for doc in (report, wiki_old, wiki_new, community):
        facts, events = facts_and_events(doc)
        for f in facts:
            assert f.start <= f.mention_start < f.mention_end <= f.end
            assert "\n" not in doc.text[f.start : f.end]
        for e in events:
            assert e.start <= e.date_start < e.date_end <= e.end


def test_community_page(community: Document) -> None:
    deported = fact(community, "Close to 172,000")
    # a bare count first in its sentence counts the group the paragraph was speaking of
    assert summary(deported) == (172000, None, None, True, "persons", "", "Koryo-saram", "", "Kazakhstan", ())
    assert community.text[deported.start : deported.end] == (
        "Close to 172,000 were sent to the undeveloped regions of Kazakhstan and Uzbekistan."
    )
    assert summary(fact(community, "171,781"))[:3] == (171781, None, None)
    assert summary(fact(community, "150+"))[:3] == (150, 150, None)


def test_wikitext_revision_with_citations(wiki_old: Document) -> None:
    assert summary(fact(wiki_old, "roughly 8,000")) == (
        8000, None, None, True, "persons", "", "North Korean migrant workers", "1947/1949", "Sakhalin", ("cite-7",),
    )
    assert summary(fact(wiki_old, "roughly 10,000")) == (10000, None, None, True, "persons", "", "total population", "2006", "", ("cite-1",))
    assert summary(fact(wiki_old, "Roughly 15,000 to 20,000")) == (None, 15000, 20000, True, "persons", "", "North Koreans", "", "", ())
    assert summary(fact(wiki_old, "more than 10,000")) == (10000, 10000, None, False, "persons", "", "North Koreans", "2006", "", ("cite-9",))
    assert summary(fact(wiki_old, "roughly US$7 million each year")) == (
        7000000, None, None, True, "USD", "year", "", "2009", "Russia", ("cite-10",),
    )
    assert summary(fact(wiki_old, "$40 to $100 per month")) == (None, 40, 100, False, "USD", "month", "wages", "", "", ("cite-13",))
    assert summary(fact(wiki_old, "Up to 70%"))[:5] == (70, None, 70, False, "%")
    assert summary(fact(wiki_old, "between 100 and 500")) == (
        None, 100, 500, False, "persons", "", "North Korean refugees", "1999", "", ("cite-14",),
    )
    assert summary(fact(wiki_old, "up to 150,000")) == (
        150000, None, 150000, False, "persons", "", "North Korean refugees", "2003", "China", ("cite-15",),
    )
    assert fact(wiki_old, "roughly 8,000").section == ("Migration history", "Workers")


def test_plain_revision(wiki_new: Document) -> None:
    assert summary(fact(wiki_new, "roughly 9,000"))[:8] == (9000, None, None, True, "persons", "", "North Korean migrant workers", "1947/1949")
    assert summary(fact(wiki_new, "50,000")) == (50000, None, None, False, "persons", "", "North Koreans", "1946/1949", "Kamchatka", ())
    assert summary(fact(wiki_new, "about 12,000"))[:7] == (12000, None, None, True, "persons", "", "troops")


def test_report_facts_with_footnotes(report: Document) -> None:
    twelve = fact(report, "about 12 thousand")
    assert summary(twelve) == (
        12000, None, None, True, "persons", "", "Kazakhstan citizens illegally staying in South Korea", "2020-03", "", ("fn-20",),
    )
    assert summary(fact(report, "USD 6,5 billion"))[:5] == (6500000000, None, None, False, "USD")
    assert summary(fact(report, "about 5,5 thousand"))[:4] == (5500, None, None, True)
    assert summary(fact(report, "exceeded 6 590"))[:7] == (6590, 6590, None, False, "persons", "", "citizens")
    assert summary(fact(report, "3-5 years"))[:5] == (None, 3, 5, False, "years")
    assert summary(fact(report, "about 272 million"))[:4] == (272000000, None, None, True)
    assert fact(report, "about 272 million").citations == ("fn-1",)


@pytest.mark.parametrize(
    "quote_start, date, end_date, precision",
    [
        ("The second Green Corridor was opened", "2019-12-11", "2020-06-30", "day"),
        ("Over the past 2 years (2018-2020)", "2018", "2020", "year"),
        ("On January 28, 1992, diplomatic relations", "1992-01-28", "1992-01-28", "day"),
    ],
)
def test_report_events(report: Document, quote_start: str, date: str, end_date: str, precision: str) -> None:
    events = [e for e in facts_and_events(report)[1] if report.text[e.start : e.end].startswith(quote_start)]
    assert [(e.date, e.end_date, e.precision) for e in events] == [(date, end_date, precision)]


def test_events_of_the_old_revision(wiki_old: Document) -> None:
    events = facts_and_events(wiki_old)[1]
    darkin = next(e for e in events if e.date == "2003")
    assert darkin.what.startswith("Sergey Darkin, the Governor of Primorsky Krai, suggested allowing up to 150,000")
    assert darkin.places == ("Primorsky Krai", "China", "Russia") and darkin.citations == ("cite-15",)
    # "in the 1950s and 1960s": one sentence, two periods, an event each
    assert [e.date for e in events][:5] == ["2006", "1950", "1960", "1953", "1947"]


def test_every_date_of_a_sentence_is_an_event() -> None:
    text = ("The two countries signed a memorandum in 2007; recruitment started in 2008 and again in 2008 after a pause, "
            "from August 11 to August 16.")
    doc = Document(title="t", article="t", format="text", language="en", text=text, published="2025-08-02")
    events = facts_and_events(doc)[1]
    assert [(text[e.date_start : e.date_end], e.date, e.end_date, e.precision) for e in events] == [
        ("2007", "2007", "2007", "year"), ("2008", "2008", "2008", "year"),
        ("August 11 to August 16", "2025-08-11", "2025-08-16", "day"),
    ]
    assert {e.what for e in events} == {text}


def test_tables_notes_and_headings_are_not_prose(report: Document) -> None:
    quotes = [report.text[s.start : s.end] for s in sentences(report)]
    assert not any("\t" in q for q in quotes)
    assert "Refugees: statistics, status, situation" not in quotes
    assert not any(q.startswith("Briefing of the official representative") for q in quotes)  # footnote 20
