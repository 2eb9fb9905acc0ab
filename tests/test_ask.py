"""koryo ask: questions read in four languages, answers that quote their statements, abstaining."""

from __future__ import annotations

import json

import pytest

from koryo.ask import DO_NOT_SAY, MAX_QUESTION_CHARS, Index, ask, build, read_question
from koryo.ask.question import same, term
from koryo.errors import UsageError
from koryo.store import Store
from tests.test_cli import koryo

CONTRACT = {"question", "abstained", "answer_type", "summary", "claim", "statements", "related"}
STATEMENT = {"doc", "quote", "start", "end", "mention_start", "mention_end", "value", "low", "high", "approx", "unit",
             "time", "language", "citations", "rank"}


@pytest.fixture(scope="module")
def index(seeded_db: str) -> Index:
    return build(Store(seeded_db, readonly=True))


@pytest.mark.parametrize(("question", "lang", "answer_type"), [
    ("How many Koreans were deported in 1937?", "en", "count"),
    ("Сколько корейцев живёт в Казахстане?", "ru", "count"),
    ("1937년에 몇 명의 고려인이 강제 이주되었나?", "ko", "count"),
    ("¿Cuántos refugiados ucranianos hay en Polonia?", "es", "count"),
    ("When did the visa-free agreement enter into force?", "en", "date"),
    ("¿Qué porcentaje de las remesas llega de Rusia?", "es", "share"),
    ("How much money did Tajik migrants send home?", "en", "amount"),
    ("Куда депортировали чеченцев?", "ru", "place"),
    ("Which organisations help Koryo-saram in Gwangju?", "en", "list"),
])
def test_question_language_and_answer_type(question: str, lang: str, answer_type: str) -> None:
    q = read_question(question)
    assert (q.lang, q.answer_type) == (lang, answer_type)


def test_question_subject_measure_and_time() -> None:
    q = read_question("How many Koreans were deported in 1937?")
    assert q.subject == {"group:koreans"} and q.stems == {"depor"} and q.time == "1937"
    ru = read_question("Сколько корейцев живёт в Казахстане?")
    assert ru.subject == {"group:koreans", "place:KZ", "nat:KZ"}  # inflected names merged with their entities
    assert read_question("Which organisations help Koryo-saram in Gwangju?").list_of == "organisation"
    # the nationality written before a merged group ("labour migrants") is kept as its country
    assert read_question("How many Uzbek labour migrants work in South Korea?").subject == {
        "group:migrant-workers", "place:KR", "nat:KR", "place:UZ", "nat:UZ"}
    # a word that names an entity is not what is counted, even where some figure's unit is spelt alike
    units = read_question("How many North Korean citizens entered Russia in 2024?").units
    assert "entered" in units and "russia" not in units
    penguins = read_question("How many penguins live on Sakhalin?")
    assert penguins.counted == "pengu" and read_question("What is the E-9 quota for 2025?").answer_type == "count"


@pytest.mark.parametrize("bad", ["", "   ", "?!", "x" * (MAX_QUESTION_CHARS + 1)])
def test_empty_wordless_and_too_long_questions_are_refused(bad: str) -> None:
    with pytest.raises(UsageError):
        read_question(bad)


def _quotes_its_span(seeded_db: str, s: dict[str, object]) -> bool:
    store = Store(seeded_db, readonly=True)
    text = store.text(store.find(str(s["doc"])).id)
    return text[s["start"] : s["end"]] == s["quote"] and s["start"] <= s["mention_start"] < s["mention_end"] <= s["end"]  # type: ignore[index,operator]


def test_two_revisions_that_disagree_are_shown_side_by_side(index: Index, seeded_db: str) -> None:
    a = ask(index, "How many North Korean workers were recruited to work in the fisheries on Sakhalin in the late 1940s?")
    assert set(a) == CONTRACT and a["abstained"] is False and a["answer_type"] == "count" and a["claim"] is None
    assert a["summary"] == "1 source gives roughly 8,000; 1 gives roughly 9,000 (for 1947–1949)"
    assert [(s["doc"], s["value"], s["rank"]) for s in a["statements"]] == [
        ("001_cc6e2c6741b08d95.txt", 8000, "deprecated"), ("002_51aea5aaadde690b.txt", 9000, "preferred")]
    for s in a["statements"]:
        assert set(s) == STATEMENT and s["time"] == "1947/1949" and s["language"] == "en"
        assert _quotes_its_span(seeded_db, s)
        assert s["quote"].startswith("In the late 1940s, roughly ")


def test_a_date_question_answers_with_the_date(index: Index) -> None:
    a = ask(index, "When was the visa-free regime for Kazakhstan citizens introduced?")
    assert a["answer_type"] == "date" and a["summary"] == "1 source gives November 2014 (for 2014)"
    assert a["statements"][0]["value"] == "2014-11" and a["statements"][0]["doc"] == "003_839d9dd87a703f33.txt"


@pytest.mark.parametrize("question", [
    "How many Kazakhstanis work illegally in South Korea?",
    "Сколько казахстанцев незаконно работают в Южной Корее?",
    "¿Cuántos kazajos trabajan ilegalmente en Corea del Sur?",
    "한국에서 불법으로 일하는 카자흐스탄인은 몇 명인가?",
])
def test_questions_in_four_languages_find_the_english_statement(index: Index, seeded_db: str, question: str) -> None:
    a = ask(index, question)
    top = a["statements"][0]
    assert a["abstained"] is False and a["summary"] == "1 source gives 10 thousand"
    assert top["quote"].startswith("The presence of 10 thousand Kazakhstanis - undocumented migrant workers illegally working")
    assert (top["value"], top["language"]) == (10000, "en") and _quotes_its_span(seeded_db, top)


def test_what_the_documents_do_not_say_is_not_answered(index: Index) -> None:
    a = ask(index, "How many penguins live on Sakhalin?")
    assert a["abstained"] is True and a["summary"] == DO_NOT_SAY and a["statements"] == []
    assert [s["value"] for s in a["related"]][:2] == [8000, 9000]  # offered as related, never as the answer


def test_a_figure_for_another_time_is_never_the_answer(index: Index) -> None:
    a = ask(index, "How many North Korean workers were recruited to work in the fisheries on Sakhalin in 1990?")
    assert a["abstained"] is True and a["statements"] == []


def test_cli_ask_prints_the_contract_as_json(seeded_db: str) -> None:
    run = koryo("ask", "How many refugee visa applications were submitted from 1994 to 2019?", "--format", "json", db=seeded_db)
    assert run.returncode == 0, run.stderr
    a = json.loads(run.stdout)
    assert set(a) == CONTRACT and a["statements"][0]["quote"].startswith("From 1994 to 2019, a total of 48,906 refugee visa applications")
    assert a["statements"][0]["time"] == "1994/2019"
    empty = koryo("ask", " ", db=seeded_db)
    assert empty.returncode == 2 and "ask a question" in empty.stderr


def test_cli_ask_links_the_answer_to_the_claim_koryo_claims_lists(seeded_db: str) -> None:
    run = koryo("ask", "How many North Korean workers were recruited to work in the fisheries on Sakhalin in the late 1940s?",
                "--format", "json", db=seeded_db)
    assert run.returncode == 0, run.stderr
    a = json.loads(run.stdout)
    listed = json.loads(koryo("claims", "roughly 8,000", "--format", "json", db=seeded_db).stdout)
    held = [c for c in listed if any(s["mention"] == "roughly 8,000" for s in c["statements"])]
    assert len(held) == 1 and a["claim"] == held[0]["id"]
    assert a["summary"] == held[0]["summary"] + " (for 1947–1949)"


def test_words_that_name_one_thing_find_each_other() -> None:
    # ask.json's `same`: a question's word finds the others, an abbreviation its words
    assert {term("troops"), term("servicemen")} <= same(term("soldiers"))
    assert {term("gross"), term("domestic"), term("product")} <= same(term("GDP".casefold()))
    assert same(term("penguins")) == {term("penguins")}


def test_a_table_with_none_of_the_questions_words_does_not_answer(index: Index) -> None:
    # the seed report's table of Kazakhstanis in Japan counts marriage migrants, not illegal workers
    a = ask(index, "How many Kazakhstanis work illegally in Japan?")
    assert a["abstained"] is True and a["statements"] == []


def test_the_meaning_of_a_question_meets_a_sentence_that_says_it_otherwise(index: Index, seeded_db: str) -> None:
    sentence = next(c for c in index.candidates if c.quote.startswith("The presence of 10 thousand Kazakhstanis"))
    other = next(c for c in index.candidates if c.quote.startswith("In the late 1940s, roughly 8,000 North Korean"))
    near, far = index.similarity("How many Kazakhstanis work illegally in South Korea?", [sentence, other])
    assert far < 0.1 and 0.5 < near <= 1.0  # "undocumented … illegally working": other words, one meaning
    near, far = index.similarity("¿Cuántos kazajos trabajan ilegalmente en Corea del Sur?", [sentence, other])
    assert far < 0.1 < near  # across languages too, if less near
    # without the embeddings, nothing is near in meaning: words, subject, measure and time decide alone
    assert build(Store(seeded_db, readonly=True), meanings=False).similarity("Сколько?", [sentence]) == [0.0]
