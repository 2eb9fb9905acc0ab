"""Mirrors of one article saved from different sites: signed by their running text only, and found
by their own title when their text filed them under another mirror's article."""

from __future__ import annotations

from pathlib import Path

from koryo import mirrors
from koryo.ingest import ingest
from koryo.store import Store

LEDE = ("Sürgün is the name for the 1944 deportation of the Crimean Tatars to the Uzbek SSR, carried out by the NKVD "
        "on the orders of the Soviet government.\n\nOf the 193,865 Crimean Tatars deported, 151,136 were sent to the "
        "Uzbek SSR and the remaining ones to other regions.\n\nBetween May and November 10,105 of them starved to death "
        "in Uzbekistan, and activists want the deportation recognised as genocide.\n")
SERIES_BOX = "Part of a series on\nCrimean Tatars\n\nBy region\nBulgaria · Romania · Turkey\n\nThis box: view talk edit\n\n"
OTHER_DICTIONARIES = "\n\nLook at other dictionaries:\n\n  • Crimean Tatars — (Qırımtatarlar) … Wikipedia\n"


def test_mirrors_that_differ_only_around_their_text_sign_alike() -> None:
    # one site draws a series box and no markers, the other markers and a list of other dictionaries
    marked = LEDE.replace("NKVD ", "NKVD[1] ").replace("genocide.", "genocide.[citation needed]")
    one, two = mirrors.signature(SERIES_BOX + LEDE), mirrors.signature(marked + OTHER_DICTIONARIES)
    assert one == two and mirrors.similarity(one, two) == 1.0


def test_unrelated_pages_of_one_site_do_not_look_alike_by_its_menus() -> None:
    menu = "Home\nNews\nWorld · Politics · Economy\nSubscribe\nContact us\n\n"
    other = ("Tajik migrants sent 18 billion dollars home in 2024, nearly half of the country's output, "
             "according to an aide of the Russian president speaking in Moscow on Wednesday.\n")
    assert mirrors.similarity(mirrors.signature(menu + LEDE), mirrors.signature(menu + other)) == 0.0


def test_a_text_without_running_text_is_signed_by_its_words() -> None:
    box = "Uzbekistan 174,200\nKazakhstan 100,385\nRussia 153,156\n"
    assert mirrors.signature(box) == mirrors.signature(box)
    assert mirrors.similarity(mirrors.signature(box), mirrors.signature("Kyrgyzstan 17,299\nTajikistan 635\n")) == 0.0


def test_a_text_signed_in_pieces_signs_as_whole() -> None:
    signer = mirrors.Signer()
    for piece in (SERIES_BOX.rstrip("\n"), LEDE):
        signer.update(piece)
    assert signer.signature() == mirrors.signature(SERIES_BOX + LEDE)


def test_a_revision_finds_the_mirror_whose_title_it_has(tmp_path: Path) -> None:
    later = ("The deportation of the Crimean Tatars, or Sürgünlik, was the ethnic cleansing of at least 191,044 Crimean "
             "Tatars on 18–20 May 1944, carried out by the state security of Lavrentiy Beria.\n\nNearly 8,000 of them "
             "died during the deportation itself and tens of thousands more in the harsh conditions of exile.\n")
    files = {
        "a.txt": "source: https://one.example/articles/d/e/p/Deportation_of_Crimean_Tatars_52d8.html\n\n"
                 "Deportation of Crimean Tatars\n\n" + SERIES_BOX + LEDE,
        # a mirror of a's text under another title: a's article, by its text
        "b.txt": "source: https://dic.example/enwiki/11633479\n\nDeportation of the Crimean Tatars\n\n" + LEDE + OTHER_DICTIONARIES,
        # a revision far apart from both texts, titled as b: a's article through b's title
        "c.txt": "source: http://chaos.example/wiki/Deportation_of_the_Crimean_Tatars\n\nDeportation of the Crimean Tatars\n\n" + later,
        # another page on the subject, under its own title: not the article
        "d.txt": "source: https://memorial.example/surgun\n\nSürgün: remembering the exile\n\n"
                 "Every year on 18 May Crimean Tatars gather in Simferopol and Kyiv to remember the families put on trains "
                 "in 1944; survivors tell their grandchildren of the journey east and of the years before the return.\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = Store(str(tmp_path / "k.db"))
    ingest(store, [str(tmp_path)])
    docs = {d.name: d for d in store.documents()}
    assert [docs[n + ".txt"].article for n in "abcd"] == ["deportation of crimean tatars"] * 3 + ["sürgün: remembering the exile"]
    assert [docs[n + ".txt"].revision for n in "abc"] == [1, 2, 3]
