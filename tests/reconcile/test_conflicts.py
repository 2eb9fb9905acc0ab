"""Where sources disagree: real conflicts reported, tempting non-conflicts not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from koryo.ingest import ingest
from koryo.reconcile import conflicts, revisions, statements
from koryo.reconcile.claims import Statement
from koryo.reconcile.conflicts import reconcile
from koryo.store import Store


def test_conflicts_on_the_seeds(seeded_db: str) -> None:
    found = conflicts(Store(seeded_db, readonly=True))
    assert [(c.kind, [s.raw for s in c.statements], [s.doc[:3] for s in c.statements]) for c in found] == [
        ("value", ["roughly 8,000", "roughly 9,000"], ["001", "002"]),  # the two revisions disagree
        ("value", ["3 198", "2,914"], ["003", "003"]),  # the report's prose against its Table 8 (2016)
        ("date", ["48,906", "48,906"], ["003", "003"]),  # one total given for 1994-2019 and for 1994-2018
    ]
    sakhalin = found[0]
    assert sakhalin.key == "who=nationality:KP;status=workers;place=Sakhalin;unit=persons;per="
    assert sakhalin.explanation == (
        "nationals of North Korea (workers), in Sakhalin, persons, 1947–1949: roughly 8,000 (001_cc6e2c6741b08d95.txt) "
        "vs roughly 9,000 (002_51aea5aaadde690b.txt) do not agree"
    )
    assert sakhalin.statements[0].citations == ("cite-7",) and sakhalin.statements[1].citations == ()


def test_tempting_non_conflicts_stay_quiet(seeded_db: str) -> None:
    store = Store(seeded_db, readonly=True)
    found = conflicts(store)
    mentions = {s.raw for c in found for s in c.statements}
    # 5,700 in June 2017 and 11,413 in 2018 are different dates; 359 (2014) and 11,413 (2018) agree
    # with Table 8; "more than 10,000" in 2006 is in both revisions.
    assert not mentions & {"about 5 700", "11,413", "from 359", "more than 10,000", "roughly 10,000"}
    stated = [s for s in statements(store) if s.raw in ("11,413", "from 359") and s.kind == "prose"]
    assert [(s.raw, s.time, s.key) for s in stated] == [
        ("from 359", "2014", "who=nationality:KZ;status=undocumented;place=South Korea;unit=persons;per="),
        ("11,413", "2018", "who=nationality:KZ;status=undocumented;place=South Korea;unit=persons;per="),
    ]


def _statement(doc: str, article: str, raw: str, value: float | None, time: str, approx: bool = False,
               low: float | None = None, high: float | None = None) -> Statement:
    return Statement(doc, article, "prose", None, 0, 10, 0, 5, value, low, high, approx, raw, time, (), "k", "Koryo-saram deported")


def test_rounding_in_each_language_and_figures_rounded_differently() -> None:
    exact = replace(_statement("a", "a", "4,71 millones", 4710000, "2022"), language="es")
    rounded = replace(_statement("b", "b", "4,7 millones", 4700000, "2022"), language="es")
    assert rounded.interval() == (4650000, 4750000)  # "millones" says it is rounded to a hundred thousand
    assert [c.kind for c in reconcile([exact, rounded])] == ["agreement"]
    # 4,71 rounds to 4.7, not to 4.8: the same figure rounded differently
    more = replace(_statement("b", "b", "4.8 million", 4800000, "2022"), language="en")
    assert [c.kind for c in reconcile([exact, more])] == ["rounding"]
    # two units apart is another figure, not another rounding
    other = replace(_statement("c", "c", "4,9 millones", 4900000, "2022"), language="es")
    assert [c.kind for c in reconcile([rounded, other])] == ["value"]
    korean = replace(_statement("a", "a", "2만9천명", 29000, "2009"), language="ko")
    assert korean.interval() == (28500, 29500)
    assert replace(_statement("a", "a", "36만 387명", 360387, "2009"), language="ko").interval() == (360387, 360387)


def test_approximations_ranges_and_rounding() -> None:
    close = _statement("a", "a", "close to 172,000", 172000, "1937", approx=True)
    exact = _statement("b", "b", "171,781", 171781, "1937")
    assert [c.kind for c in reconcile([close, exact])] == ["agreement"]
    twelve = _statement("a", "a", "about 12 thousand", 12000, "2020")
    assert [c.kind for c in reconcile([twelve, _statement("b", "b", "11,600", 11600, "2020")])] == ["agreement"]
    assert [c.kind for c in reconcile([twelve, _statement("b", "b", "13,100", 13100, "2020")])] == ["value"]
    span = _statement("a", "a", "15,000 to 20,000", None, "1970", low=15000, high=20000)
    assert [c.kind for c in reconcile([span, _statement("b", "b", "18,000", 18000, "1970")])] == ["agreement"]
    assert [c.kind for c in reconcile([span, _statement("b", "b", "25,000", 25000, "1970")])] == ["range"]
    more = _statement("a", "a", "more than 10,000", 10000, "2006", low=10000)
    assert [c.kind for c in reconcile([more, _statement("b", "b", "12,000", 12000, "2006")])] == ["agreement"]
    # other times do not meet; revisions of one article do not confirm each other
    assert reconcile([close, _statement("b", "b", "100,000", 100000, "1938")]) == []
    assert reconcile([exact, _statement("c", "b", "171,781", 171781, "1937")]) == []


def test_agreement_across_documents(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("In 2018, the number of Kazakhstan citizens illegally staying in South Korea was 11,413 people.\n")
    (tmp_path / "b.txt").write_text("Illegal migrants from Kazakhstan in South Korea: about 11 thousand Kazakhstanis in 2018.\n")
    store = Store(str(tmp_path / "k.db"))
    ingest(store, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    found = conflicts(store)
    assert [(c.kind, sorted(s.raw for s in c.statements)) for c in found] == [("agreement", ["11,413", "about 11 thousand"])]


def test_revision_diff_of_the_seeds(seeded_db: str) -> None:
    ((old, new, changes),) = list(revisions(Store(seeded_db, readonly=True), "North Koreans in Russia"))
    assert (old.revision, new.revision) == (1, 2)
    summary = {}
    for c in changes:
        summary[(c.change, c.kind)] = summary.get((c.change, c.kind), 0) + 1
    assert summary == {
        ("added", "wording"): 13, ("added", "number"): 6, ("changed", "wording"): 5, ("changed", "name"): 3, ("changed", "number"): 1,
        ("added", "section"): 2, ("removed", "section"): 2, ("removed", "citation"): 16,
    }
    number = next(c for c in changes if c.kind == "number" and c.change == "changed")
    assert "roughly 8,000" in number.old_quote and "roughly 9,000" in number.new_quote
    sections = sorted((c.change, c.old_quote or c.new_quote) for c in changes if c.kind == "section")
    assert sections == [("added", "Migration history › Soldiers"), ("added", "See also"), ("removed", "Further reading"), ("removed", "References")]
    names = [c for c in changes if c.kind == "name"]
    assert "Kim Il-sung" in names[0].old_quote and "Kim Il Sung" in names[0].new_quote
    assert "Kim Jong-il" in names[2].old_quote and "Kim Jong Il" in names[2].new_quote
    # "In 2009 the" → "In 2009, the": punctuation only, not a change
    assert not any(c.old_quote.startswith("In 2009 the North Korean government") for c in changes)
    added = [c.new_quote for c in changes if c.change == "added" and c.kind == "wording"]
    assert "Between 1946 and 1949, one researcher estimated that 50,000 North Koreans went to the Kamchatka Peninsula." in added
    # a sentence only the new revision has adds its figures too
    assert "Between 1946 and 1949, one researcher estimated that 50,000 North Koreans went to the Kamchatka Peninsula." in [
        c.new_quote for c in changes if c.change == "added" and c.kind == "number"]


def test_mirrors_of_one_article_that_disagree(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><title>Koryo-saram - Wikipedia</title></head><body><h1>Koryo-saram</h1>"
        "<p>In 1937, close to 172,000 Koryo-saram were deported from the Russian Far East to Kazakhstan and Uzbekistan."
        "<sup><a href='#n1'>[1]</a></sup></p><p>By 1989, the census counted 439,000 Koreans in the Soviet Union.</p>"
        "<ol class='references'><li id='n1'><a href='https://example.org/pohl'>Pohl (1999)</a></li></ol></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "= Koryo-saram =\n\nIn 1937, close to 180,000 Koryo-saram were deported from the Russian Far East to Kazakhstan and"
        " Uzbekistan.\n\nBy 1989, the census counted 439,000 Koreans in the Soviet Union.\n",
        encoding="utf-8",
    )
    store = Store(str(tmp_path / "k.db"))
    ingest(store, [str(tmp_path / "a.html"), str(tmp_path / "b.txt")])
    assert [(d.article, d.revision) for d in store.documents()] == [("koryo-saram", 1), ("koryo-saram", 2)]
    found = conflicts(store)
    assert [(c.kind, [s.raw for s in c.statements]) for c in found] == [("value", ["close to 172,000", "close to 180,000"])]
    assert found[0].statements[0].citations == ("n1",)
    ((_, _, changes),) = list(revisions(store, "Koryo-saram"))
    assert [(c.change, c.kind) for c in changes if c.kind == "number"] == [("changed", "number")]


def test_mirrors_of_an_infobox_disagree_row_by_row(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from koryo.export import conflict_records
    from koryo.ingest import ingest
    from koryo.store import Store

    box = "Koryo-saram\nTotal population\nAbout 500,000\nRegions with significant populations\n Uzbekistan{uz}[1]\n Russia{ru}[2]\n"
    prose = "\nKoryo-saram is the name which ethnic Koreans in the post-Soviet states use to refer to themselves.\n"
    (tmp_path / "old.txt").write_text(box.format(uz="176,000", ru="176,411") + prose, encoding="utf-8")
    (tmp_path / "new.txt").write_text(box.format(uz="174,200", ru="176,411") + prose, encoding="utf-8")
    store = Store(str(tmp_path / "k.db"))
    ingest(store, [str(tmp_path)])
    found = [c for c in conflict_records(store) if c["kind"] != "agreement"]
    assert [[(s["doc"], s["mention"]) for s in c["statements"]] for c in found] == [
        [("new.txt", "174,200"), ("old.txt", "176,000")]
    ]
    assert "Uzbekistan" in found[0]["explanation"]


def test_one_row_of_an_infobox_dated_in_one_copy_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from koryo.export import conflict_records
    from koryo.ingest import ingest
    from koryo.store import Store

    box = "Koreans in Japan\nTotal population\n{total}\nRegions with significant populations\n Tokyo: 103,191\n Osaka: 95,789\n"
    prose = "\nKoreans in Japan are ethnic Koreans who have permanent residency status in Japan.\n"
    (tmp_path / "one.txt").write_text(box.format(total="436,670\n(in December, 2022)") + prose, encoding="utf-8")
    (tmp_path / "two.txt").write_text(box.format(total="437,183") + prose, encoding="utf-8")
    store = Store(str(tmp_path / "k.db"))
    ingest(store, [str(tmp_path)])
    found = [c for c in conflict_records(store) if c["kind"] != "agreement"]
    assert [[(s["doc"], s["mention"], s["time"]) for s in c["statements"]] for c in found] == [
        [("one.txt", "436,670", "2022"), ("two.txt", "437,183", "")]
    ]


def test_one_key_different_measures_do_not_meet() -> None:
    from koryo.reconcile.claims import measure_stems

    killed = "South Korean intelligence said 100 North Korean soldiers had been killed in Kursk."
    sent = "South Korean intelligence said 11,000 North Korean soldiers had been sent to Kursk."
    a = _statement("a", "a", "100", 100, "2024")
    b = _statement("b", "b", "11,000", 11000, "2024")
    a = replace(a, measure=measure_stems(killed, killed.index("100"), killed.index("100") + 3, "North Korean soldiers"))
    b = replace(b, measure=measure_stems(sent, sent.index("11,000"), sent.index("11,000") + 6, "North Korean soldiers"))
    # a word of a set of one doing's words (measure.json `same`) stands for the set's first
    assert (a.measure, b.measure) == ({"died"}, {"sent"})
    assert reconcile([a, b]) == []  # killed and sent are different measures
    b2 = replace(b, measure=a.measure)
    assert [c.kind for c in reconcile([a, b2])] == ["value"]


def test_unkeyed_prose_meets_by_what_it_counts_and_measures(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from koryo.export import conflict_records

    (tmp_path / "a.txt").write_text("The operation was swift.\nIn 1944, 193,865 Crimean Tatars were deported to Uzbekistan.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("A later count differs.\nIn 1944, 238,500 Crimean Tatars were deported to Uzbekistan.\n"
                                    "In 1944, 29,846 Crimean Tatars died on the way.\n", encoding="utf-8")
    store = Store(str(tmp_path / "k.db"))
    ingest(store, [str(tmp_path)])
    found = [c for c in conflict_records(store) if c["kind"] != "agreement"]
    assert [sorted(s["mention"] for s in c["statements"]) for c in found] == [["193,865", "238,500"]]
    assert all(s["quote"] == s["quote"].strip() and s["time"] == "1944" for s in found[0]["statements"])


def test_statements_export_says_how_each_figure_is_compared(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from koryo.export import statements as exported

    (tmp_path / "a.txt").write_text("In 1944, 193,865 Crimean Tatars were deported to Uzbekistan.\n"
                                    "In 1944, 14,200 wagons were sent to Uzbekistan.\n", encoding="utf-8")
    store = Store(str(tmp_path / "k.db"))
    ingest(store, [str(tmp_path)])
    records = {r["mention"]: r for r in exported(store)}
    keyed, unkeyed = records["193,865"], records["14,200"]
    assert (keyed["key"], keyed["time"], keyed["time_source"], keyed["measure"]) == (
        "who=group:crimean-tatars;status=;place=Uzbekistan;unit=persons;per=", "1944", "stated", ["depor"]
    )
    assert keyed["quote"] == "In 1944, 193,865 Crimean Tatars were deported to Uzbekistan."
    assert (unkeyed["key"], unkeyed["subject"], unkeyed["measure"], unkeyed["places"]) == (
        "family=count:wagon", ["wagon"], ["sent"], ["place:UZ"]
    )


def test_a_copy_that_changes_a_range_is_a_conflict_even_where_the_ranges_overlap() -> None:
    wide = _statement("current.txt", "deportation of the meskhetian turks", "between 12,589 and 50,000", None, "1944",
                      low=12589, high=50000)
    narrow = _statement("old-mirror.txt", "deportation of the meskhetian turks", "between 12,589 and 14,895", None, "1944",
                        low=12589, high=14895)
    assert [c.kind for c in reconcile([wide, narrow])] == ["range"]
    # the same two ranges from two different articles overlap: they agree
    other = replace(narrow, doc="book.txt", article="a history of the deportations")
    assert [c.kind for c in reconcile([wide, other])] == ["agreement"]
