"""Claims across documents and languages: the same-claim judge, sums, dates, the vectors' cache."""

from __future__ import annotations

import json
from dataclasses import replace
import subprocess
import sys
from pathlib import Path

import pytest

from koryo import embed
from koryo.ingest import ingest
from koryo.reconcile import conflicts, statements
from koryo.reconcile.claims import Statement
from koryo.reconcile.judge import coherent, one_to_one
from koryo.store import Store


def _found(tmp_path: Path, docs: dict[str, str]) -> list[tuple[str, list[str]]]:
    for name, text in docs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = Store(str(tmp_path / "k.db"))
    ingest(store, [str(tmp_path / name) for name in docs])
    return [(c.kind, [s.raw for s in c.statements]) for c in conflicts(store)]


def test_one_measure_in_two_languages_meets(tmp_path: Path) -> None:
    # no nationality, status or time in either sentence: only the judge can pair them
    assert _found(tmp_path, {
        "en.txt": "Deportation of the Crimean Tatars\n\nAbout 40,000 Crimean Tatars died during the deportation and in the first years of exile.\n",
        "de.txt": "Deportation der Krimtataren\n\nWährend der Deportation und in den ersten Jahren des Exils starben rund 46.000 Krimtataren.\n",
    }) == [("value", ["About 40,000", "rund 46.000"])]


def test_the_same_number_of_another_doing_does_not_meet(tmp_path: Path) -> None:
    assert _found(tmp_path, {
        "one.txt": "Deportation of the Crimean Tatars\n\nAbout 8,000 Crimean Tatars died on the way to Central Asia.\n",
        "two.txt": "The exile of the Crimean Tatars\n\nAbout 8,600 Crimean Tatars were sent to the Mari ASSR.\n",
    }) == []


def test_a_sentence_that_names_nothing_is_about_its_title(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Deportation of the Crimean Tatars\n\nAround 45% of the deportees died in the first years.\n"
                                    "In Uzbekistan, 16,052 deportees died in 1944.\n", encoding="utf-8")
    store = Store(str(tmp_path / "k.db"))
    ingest(store, [str(tmp_path / "a.txt")])
    about = {s.raw: sorted(s.entities) for s in statements(store) if s.kind == "prose"}
    assert about == {"Around 45%": ["policy:deportation-crimean-tatars"], "16,052": ["place:UZ"]}


def test_one_measure_of_two_years_does_not_meet(tmp_path: Path) -> None:
    assert _found(tmp_path, {
        "one.txt": "Kazakhstanis in Korea\n\nIn 2019, about 11,000 Kazakhstanis worked illegally in South Korea.\n",
        "two.txt": "Kazakh workers\n\nIn 2023, about 15,000 Kazakhstanis worked illegally in South Korea.\n",
    }) == []


def test_a_copied_sentence_pairs_its_figures_not_the_whole_with_the_part(tmp_path: Path) -> None:
    assert _found(tmp_path, {
        "one.txt": "The deportation of the Crimean Tatars\n\nOf the 193,865 Crimean Tatars deported, 151,136 were sent to the Uzbek SSR.\n",
        "two.txt": "Crimean Tatars in exile\n\nOf the 191,044 Crimean Tatars deported, 151,136 were sent to the Uzbek SSR.\n",
    }) == [("value", ["193,865", "191,044"])]


def test_one_happening_dated_differently(tmp_path: Path) -> None:
    assert _found(tmp_path, {
        "one.txt": "Crimean Tatars\n\nThe deportation of the Crimean Tatars began on 17 May 1944.\n",
        "two.txt": "Sürgünlik\n\nThe deportation of the Crimean Tatars began on 18 May 1944 and ended on 20 May 1944.\n",
    }) == [("date", ["17 May 1944", "18 May 1944"])]


def test_one_text_giving_one_figure_twice_printed_differently(tmp_path: Path) -> None:
    # the lead and the body of one report: digits transposed, and a range's end moved
    assert _found(tmp_path, {"ko.txt": (
        "조선족 체류 현황\n\n한국에 90일 이상 장기체류 중인 조선족은 36만 3천87명이고, 그 가운데 방문취업자는 29만 9천796명으로 집계됐다.\n\n"
        "국적별로는 중국이 48만8천651명으로 가장 많았고, 여기에 장기체류 조선족 36만 387명이 들어 있다.\n")}) == [
        ("value", ["36만 3천87명", "36만 387명"])]


def test_one_text_giving_one_range_twice_printed_differently(tmp_path: Path) -> None:
    assert _found(tmp_path, {"de.txt": (
        "Deportation der Koreaner\n\nBei der Deportation starben nach Schätzungen 28.200–40.000 Menschen.\n\n"
        "Durch Hunger und Kälte kamen zwischen 28.000 und 40.000 deportierte Koreaner ums Leben.\n")}) == [
        ("range", ["28.200–40.000 Menschen", "zwischen 28.000 und 40.000"])]


def test_a_number_in_a_text_is_not_restated_by_a_different_count(tmp_path: Path) -> None:
    # figures of a list of one text, near each other but of different things
    assert _found(tmp_path, {"list.txt": (
        "Marriage migrants by origin\n\nMost came from Vietnam (36,200 people), then from China (35,594 people).\n")}) == []


def test_shares_of_one_text_worded_alike_are_shares_of_different_wholes(tmp_path: Path) -> None:
    assert _found(tmp_path, {"ko.txt": (
        "체류 외국인 통계\n\n전체 체류 외국인은 87만574명이다. 국적별로는 중국이 48만8천651명(56.1%)으로 가장 많았고, 미국이 뒤를 이었다.\n\n"
        "결혼이민자는 12만 5천87명이었다. 국적별로는 중국이 6만 5천992명(52.8%)으로 가장 많았고, 베트남이 뒤를 이었다.\n")}) == []


def test_words_of_one_doing_meet_and_dates_of_figure_sentences_are_compared(tmp_path: Path) -> None:
    assert _found(tmp_path, {
        "one.txt": "Deportation of the Meskhetian Turks\n\nOn 14 November 1944 the Soviet government forcibly moved the Meskhetian Turks "
                   "from Georgia to Central Asia.\n",
        "two.txt": "Meskhetian Turks\n\nOn 15 November 1944, over 115,000 Meskhetian Turks were deported from Georgia to Central Asia.\n",
    }) == [("date", ["14 November 1944", "15 November 1944"])]


def test_the_status_of_a_key_in_the_words_of_each_language() -> None:
    from koryo.reconcile.claims import _status

    assert [_status(t) for t in (
        "Kazakhstanis staying illegally in South Korea", "нелегальных мигрантов из Казахстана", "불법체류자는 1만1천명",
        "trabajadores extranjeros", "rifugiati ucraini in Italia", "nordkoreanische Soldaten", "étudiants étrangers",
        "결혼이민자", "the Ministry of Foreign Affairs")] == [
        "undocumented", "undocumented", "undocumented", "workers", "refugee applicants", "troops", "students",
        "marriage migrants", ""]


def test_what_a_figure_measures_in_a_script_without_capitals() -> None:
    from koryo.reconcile.claims import measure_stems

    text = "지난해 3만명이 귀국했다"
    at = text.index("3만명")
    assert measure_stems(text, at, at + 3) == {"gwigu"}  # 귀국 (returned home), transliterated


def test_names_and_other_figures_of_the_sentence_are_not_what_a_figure_measures() -> None:
    from koryo.reconcile.claims import measure_stems

    text = "Погибли 100 тысяч чеченцев и 23 тысячи ингушей, сообщал источник."
    at, end = text.index("100"), text.index(" чеченцев")
    names_and_figures = [(text.index("чеченцев"), text.index(" и 23")), (text.index("23"), text.index(" ингушей")),
                         (text.index("ингушей"), text.index(","))]
    assert measure_stems(text, at, end) == {"chech", "tysya", "ingus"}  # the names and the next figure's scale word
    assert measure_stems(text, at, end, skip=names_and_figures) == frozenset()


def test_a_figure_without_a_unit_counts_people_only_when_its_noun_names_them(tmp_path: Path) -> None:
    (tmp_path / "ru.txt").write_text("Депортация чеченцев и ингушей\n\nВ пути погибли 23 тысячи ингушей. "
                                     "Всего для перевозки использовали 14 042 вагона.\n", encoding="utf-8")
    store = Store(str(tmp_path / "k.db"))
    ingest(store, [str(tmp_path / "ru.txt")])
    found = {s.raw: (s.family, s.key) for s in statements(store) if s.kind == "prose"}
    assert found == {"23 тысячи": ("people", "family=people"), "14 042": ("", "")}


def test_a_status_alone_does_not_tie_two_texts() -> None:
    from koryo.reconcile.conflicts import compatible

    one = Statement("a.txt", "a", "prose", None, 0, 9, 0, 5, 72000, None, None, False, "72,000", "2025", (),
                    "who=;status=workers;place=;unit=persons;per=", "workers", measure=frozenset({"hired"}))
    two = replace(one, doc="b.txt", article="b", start=20, raw="80,000", value=80000)
    assert not compatible(one, two)
    assert compatible(one, replace(two, doc="a.txt", article="a"))  # within one text it does


def test_a_counted_noun_of_people_counts_people_and_a_name_is_not_a_unit() -> None:
    from koryo.reconcile.claims import _family

    assert _family("settlers", "special settlers") == "people"
    assert _family("russia", "number of North Korean soldiers now in Russia") == "people"
    assert _family("wagons", "wagons") == "count:wagon"


def test_one_act_numbered_differently_by_two_sources(tmp_path: Path) -> None:
    found = _found(tmp_path, {
        "agency.txt": "North Korean workers in Russia\n\nAll North Korean workers abroad had to be sent home by the end of 2019 "
                      "under UN Security Council resolution 2379.\n",
        "paper.txt": "Workers from North Korea\n\nUN Security Council Resolution 2397 required every North Korean worker "
                     "abroad to return home by the end of December 2019.\n",
    })
    assert found == [("identifier", ["2379", "2397"])]


def test_the_number_of_an_act_in_each_language() -> None:
    from koryo.reconcile.identifiers import identifiers

    text = ("유엔 안보리 결의 2397호는 노동자 송환을 요구했다. Резолюция СБ ООН № 2379 и 2375. "
            "La resolución n.º 2397 del Consejo de Seguridad.")
    assert [(s.about, s.raw, text[s.mention_start : s.mention_end]) for s in identifiers("d", "d", text, [])] == [
        ("resolution", "2397", "2397"), ("resolution", "2379", "2379"), ("resolution", "2375", "2375"), ("resolution", "2397", "2397")]


def test_acts_a_text_names_side_by_side_are_different_acts(tmp_path: Path) -> None:
    assert _found(tmp_path, {
        "one.txt": "Sanctions on North Korea\n\nUN Security Council resolutions 2371 and 2375 tightened the sanctions on "
                   "North Korean exports.\n",
        "two.txt": "Sanctions\n\nUN Security Council resolution 2375 capped North Korea's imports of oil.\n",
    }) == []


def test_parts_that_do_not_add_up_to_their_whole(tmp_path: Path) -> None:
    closed = ("Déportation des Tatars de Crimée\n\nEn tout, 238 500 Tatars de Crimée sont déportés : 151 136 vers la république "
              "d'Ouzbékistan, 8 597 vers la république des Maris, 4 286 vers la république kazakhe et 29 846 autres vers divers "
              "oblasts de Russie.\n")
    assert _found(tmp_path, {"fr.txt": closed}) == [("sum", ["238 500", "151 136", "8 597", "4 286", "29 846"])]


def test_parts_that_add_up_or_are_only_some_are_quiet(tmp_path: Path) -> None:
    assert _found(tmp_path, {
        "whole.txt": "Permits\n\nIn all, 35,000 permits were issued. By sector, manufacturing received 22,332, shipbuilding 1,500, "
                     "agriculture 4,209, fishing 2,595, construction 3,067 and services 1,297.\n",
        "some.txt": "Refugees\n\nSome 4.7 million refugees are in Europe. The main hosts are Poland, with 1.14 million, Germany, with "
                    "780,000, and the Czech Republic, with 361,000.\n",
    }) == []


def _row(where: str, kind: str = "table", groups: frozenset[str] = frozenset()) -> Statement:
    return Statement("d", "d", kind, 0 if kind == "table" else None, 0, 5, 0, 5, 100.0, None, None, False, "100", "", (), "",
                     "x", family="people", where=where, entities=groups)


def test_rows_of_other_places_and_other_peoples_never_meet() -> None:
    assert not coherent(_row("place:KZ"), _row("place:UZ", kind="prose"))
    assert coherent(_row("place:KZ"), _row("place:KZ", kind="prose"))
    tatars, koreans = frozenset({"group:crimean-tatars"}), frozenset({"group:koryo-saram"})
    assert not coherent(_row("", "prose", tatars), _row("", "prose", koreans))
    # Koryo-saram are Koreans (entities.json part_of): a count of one may be a count of the other
    assert coherent(_row("", "prose", koreans), _row("", "prose", frozenset({"group:koreans"})))


def test_a_statement_meets_only_its_best_match_in_another_document() -> None:
    a, b, c = (Statement(doc, doc, "prose", None, 0, 5, 0, 5, 1.0, None, None, False, "1", "", (), "", "x")
               for doc in ("one", "two", "two"))
    assert one_to_one([a, b, c], [(0, 1, 0.4), (0, 2, 0.6)], 0.3) == [(0, 2)]


def test_vectors_are_computed_once_and_kept_in_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _found(tmp_path, {
        "en.txt": "Deportation of the Crimean Tatars\n\nAbout 40,000 Crimean Tatars died during the deportation.\n",
        "de.txt": "Deportation der Krimtataren\n\nWährend der Deportation starben rund 46.000 Krimtataren.\n",
    })
    store = Store(str(tmp_path / "k.db"))
    assert store.db.execute("SELECT count(*) FROM vectors").fetchone()[0] == 2
    embed._memory.clear()

    def no_model() -> None:
        raise AssertionError("the model ran again")

    monkeypatch.setattr(embed, "_model", no_model)
    assert [c.kind for c in conflicts(store)] == ["value"]
    assert {s.context for s in statements(store) if s.raw == "rund 46.000"} == {"Während der Deportation starben # Krimtataren."}


def test_claims_side_by_side_with_ranks(tmp_path: Path) -> None:
    """Two revisions of one article and another source: the corrected figure is preferred, the
    superseded one deprecated, and the one line says who agrees."""
    sentence = "In 1937 the NKVD deported {} Koreans from the Russian Far East to Central Asia.\n"
    (tmp_path / "a.txt").write_text("title: Koryo-saram\ndate: 2019-01-01\n\n" + sentence.format("171,781"), encoding="utf-8")
    (tmp_path / "b.txt").write_text("title: Koryo-saram\ndate: 2021-05-01\n\n" + sentence.format("172,597"), encoding="utf-8")
    (tmp_path / "c.txt").write_text("The deportation of 1937\n\nIn 1937, 172,597 Koreans were deported by the NKVD from the Far East "
                                    "to Central Asia.\n", encoding="utf-8")
    db = str(tmp_path / "k.db")
    ingest(Store(db), [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")])
    run = subprocess.run([sys.executable, "-m", "koryo", "claims", "172,597", "--format", "json", "--db", db],
                         capture_output=True, text=True, check=True)
    (claim,) = json.loads(run.stdout)
    assert claim["summary"] == "2 sources agree on 172,597; 1 source gives other figures: 171,781"
    assert [(s["doc"], s["mention"], s["rank"], s["rank_reason"]) for s in claim["statements"]] == [
        ("a.txt", "171,781", "deprecated", "revision 2 of this article gives 172,597"),
        ("b.txt", "172,597", "preferred", "the newest revision of this article (earlier: 171,781)"),
        ("c.txt", "172,597", "normal", ""),
    ]
    store = Store(db, readonly=True)
    text = store.text(store.find("a.txt").id)  # offsets are into the text koryo read (the header is metadata)
    first = claim["statements"][0]
    assert text[first["mention_start"]:first["mention_end"]] == "171,781" and first["published"] == "2019-01-01"
    assert subprocess.run([sys.executable, "-m", "koryo", "claims", "Uzbekistan", "--db", db], capture_output=True, text=True,
                          check=True).stdout.strip() == "0 claims"
