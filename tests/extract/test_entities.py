"""Entities, flows and the directory of help on the seeds, and against the hand-labelled sets
(tests/data/labelled/entities.jsonl, flows.jsonl): precision must stay high, recall is reported."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from koryo.extract import extract
from koryo.model import Document
from koryo.readers import read_file
from tests.conftest import seed

LABELS = Path(__file__).resolve().parent.parent / "data" / "labelled"


@lru_cache(maxsize=None)
def extracted(prefix: str) -> tuple[Document, Any]:
    doc = read_file(seed(prefix))[1]
    return doc, extract(doc)


def _labels(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (LABELS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def mention_scores() -> tuple[int, int, int]:
    tp = n_pred = n_gold = 0
    for row in _labels("entities.jsonl"):
        doc, ex = extracted(row["doc"])
        start = doc.text.index(row["sentence"])
        end = start + len(row["sentence"])
        pred = [(doc.text[m.start : m.end], m.type) for m in ex.mentions if start <= m.start < end]
        gold = [tuple(m) for m in row["mentions"]]
        n_pred += len(pred)
        n_gold += len(gold)
        left = list(pred)
        for g in gold:
            if g in left:
                left.remove(g)
                tp += 1
    return tp, n_pred, n_gold


def flow_scores() -> tuple[int, int, int]:
    """A flow is right when its last evidence holds the labelled sentence, with the same places and kind."""
    gold = _labels("flows.jsonl")
    tp = n_pred = 0
    for prefix in ("000", "001", "002", "003"):
        doc, ex = extracted(prefix)
        mine = [f for f in ex.flows if not f.series]  # the flows read from sentences
        n_pred += len(mine)
        for g in (g for g in gold if g["doc"] == prefix):
            for f in mine:
                quote = doc.text[f.evidence[-1].start : f.evidence[-1].end]
                if g["sentence"] in quote and list(f.destination) == g["destination"] and list(f.origin) == g["origin"] and f.kind == g["kind"]:
                    assert f.value == g.get("value", f.value) and f.low == g.get("low", f.low), g  # sizes only as stated
                    tp += 1
                    break
    return tp, n_pred, len(gold)


def test_mentions_against_the_labels() -> None:
    tp, n_pred, n_gold = mention_scores()
    assert n_gold == 68
    assert tp / n_pred >= 0.98 and tp / n_gold >= 0.97, (tp, n_pred, n_gold)


def test_flows_against_the_labels() -> None:
    tp, n_pred, n_gold = flow_scores()
    assert n_gold == 24
    assert tp / n_pred >= 0.85 and tp / n_gold >= 0.6, (tp, n_pred, n_gold)


def test_names_merge_across_spellings() -> None:
    _, old = extracted("001")
    _, new = extracted("002")
    kim = {m.key for m in old.mentions + new.mentions if m.name == "Kim Il-sung"}
    assert kim == {"person:kim-il-sung"}
    assert {"Kim Il-sung", "Kim Il Sung"} == {
        doc.text[m.start : m.end] for doc, ex in (extracted("001"), extracted("002")) for m in ex.mentions if m.key == "person:kim-il-sung"
    }
    doc, report = extracted("003")
    koryo = {doc.text[m.start : m.end] for m in report.mentions if m.key == "group:koryo-saram"}
    assert koryo == {"Koryo-saram", "koryo-saram", "Goryeoin"}
    astana = {doc.text[m.start : m.end] for m in report.mentions if m.key == "place:KZ-71"}
    assert "Nur-Sultan" in astana
    turkestan = {doc.text[m.start : m.end] for m in report.mentions if m.key == "place:KZ-SKO"}
    assert turkestan == {"South Kazakhstan", "South Kazakhstan region"}


def test_the_deportation_flow() -> None:
    doc, ex = extracted("000")
    (flow,) = [f for f in ex.flows if f.value == 172000]
    assert (flow.origin, flow.destination, flow.group, flow.kind, flow.approx) == (
        ("Russian Far East",), ("Kazakhstan", "Uzbekistan"), "Koryo-saram", "deportation", True,
    )
    assert [doc.text[e.start : e.end] for e in flow.evidence] == [
        "In order to prevent Japanese espionage, on a sudden day, all Koryo Saram in the Far East were rounded from their homes and forced onto trains.",
        "Close to 172,000 were sent to the undeveloped regions of Kazakhstan and Uzbekistan.",
    ]


def test_flows_from_the_report_tables() -> None:
    doc, ex = extracted("003")
    kz = [f for f in ex.flows if f.series and f.origin == ("Kazakhstan",)]
    assert [(f.destination, f.group, f.kind, f.start_date, f.end_date, f.series) for f in kz] == [(
        ("South Korea",), "undocumented migrants", "labour", "2014", "2018",
        (("2014", 359.0), ("2015", 1337.0), ("2016", 2914.0), ("2017", 7214.0), ("2018", 11413.0)),
    )]
    assert [doc.text[e.start : e.end] for e in kz[0].evidence] == ["Kazakhstan", "359", "1,337", "2,914", "7,214", "11,413"]
    uz = [f for f in ex.flows if f.series and f.origin == ("Uzbekistan",)]
    assert [(f.kind, f.series[-1]) for f in uz] == [("marriage", ("2018", 2425.0)), ("labour", ("2018", 6162.0))]
    assert all(f.value is None for f in ex.flows if f.series)  # a series, not an invented single size


def test_directory_of_help() -> None:
    doc, community = extracted("000")
    by_name = {r.name: r for r in community.resources}
    assert set(by_name) == {"Overseas Koreans Foundation", "Neomeo", "Consulate General of the Republic of Korea"}
    assert by_name["Neomeo"].services == ("community support", "language school", "cultural adaptation", "immigration information")
    assert (by_name["Neomeo"].city, by_name["Neomeo"].country) == ("Ansan", "South Korea")
    assert by_name["Overseas Koreans Foundation"].services[:2] == ("scholarships", "cultural adaptation")
    assert "consular appointments" in by_name["Consulate General of the Republic of Korea"].services
    assert doc.text[by_name["Neomeo"].start :].startswith("Neomeo is an Ansan based organization")
    doc, report = extracted("003")
    named = {r.name: r for r in report.resources if r.members is None}
    assert named["Korea Muslim Federation"].services == ("religious community",)
    assert named["Korea Muslim Federation"].url == "http://www.koreaislam.org/"
    assert "consular assistance" in named["Embassy of the Republic of Kazakhstan in South Korea"].services
    groups = [r for r in report.resources if r.kind.endswith("community") and r.members is not None]
    assert len(groups) == 24
    assert (groups[0].name, groups[0].kind, groups[0].members) == ("82 авеню - Наши в Корее (82 Avenue - Ours in Korea)", "Facebook community", 117778)
    telegram = next(r for r in groups if r.name == "Вся Корея (All Korea)")
    assert (telegram.kind, telegram.members) == ("Telegram community", 29500)
    _, old = extracted("001")
    assert {r.name for r in old.resources} == {"Civic Assistance", "UNHCR"}
