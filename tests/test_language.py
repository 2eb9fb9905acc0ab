"""Languages of documents and paragraphs, including those the main detector lacks."""

from __future__ import annotations

from koryo.extract.sentences import sentences
from koryo.language import detect_language
from koryo.readers import read_bytes


def test_languages_lingua_lacks_are_told_by_the_bundled_model() -> None:
    uzbek = ("Xorijda qancha o‘zbekistonlik mehnat qilayotgani ma’lum qilindi.\n"
             "Tahlil natijalariga qaraganda, 2022 yil 1 mart holatiga ko‘ra xorijda mehnat qilayotganlar ko‘p.\n")
    assert detect_language(uzbek) == "uz"
    assert detect_language("In 1937 the Soviet government deported the Koreans of the Far East to Central Asia.") == "en"
    assert detect_language("Türkiye'de yaşayan göçmenlerin sayısı geçen yıl önemli ölçüde arttı ve hükümet yeni önlemler aldı.") == "tr"


def test_a_paragraph_in_another_script_has_its_own_language() -> None:
    text = ("Koreans in the Russian Far East were deported in 1937 to Kazakhstan and Uzbekistan by train.\n\n"
            "По данным НКВД, из Дальнего Востока было выселено 171 781 человек корейской национальности.\n\n"
            "Most of them settled on collective farms.\n")
    doc = read_bytes("mixed.txt", text.encode("utf-8"))[1]
    assert doc.language == "en"
    assert [s.lang for s in sentences(doc)] == ["en", "ru", "en"]
