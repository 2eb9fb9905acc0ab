from __future__ import annotations

import json

from koryo.store import Store
from tests.test_cli import koryo


def test_export_entities_and_mentions(seeded_db: str) -> None:
    entities = [json.loads(x) for x in koryo("export", "entities", db=seeded_db).stdout.splitlines()]
    assert list(entities[0]) == ["id", "type", "name", "aliases", "mentions", "docs"]
    kim = next(e for e in entities if e["id"] == "person:kim-il-sung")
    assert (kim["name"], kim["aliases"], kim["mentions"], len(kim["docs"])) == ("Kim Il-sung", ["Kim Il Sung"], 4, 2)
    koryo_saram = next(e for e in entities if e["id"] == "group:koryo-saram")
    assert set(koryo_saram["aliases"]) >= {"Koryo Saram", "Goryeoin", "koryo-saram"}
    mentions = [json.loads(x) for x in koryo("export", "mentions", db=seeded_db).stdout.splitlines()]
    assert list(mentions[0]) == ["entity", "type", "name", "doc", "quote", "start", "end"]
    store = Store(seeded_db, readonly=True)
    texts = {d.name: store.text(d.id) for d in store.documents()}
    for m in mentions:
        assert texts[m["doc"]][m["start"] : m["end"]] == m["quote"]


def test_entity_command(seeded_db: str) -> None:
    run = koryo("entity", "Kim Il Sung", db=seeded_db)
    assert run.returncode == 0
    assert "Kim Il-sung  (person, 4 mentions in 2 documents)" in run.stdout
    assert "also written: Kim Il Sung" in run.stdout
    assert "event: 1966 The second wave" in run.stdout
    primorye = koryo("entity", "Primorye", db=seeded_db)
    assert "Primorsky Krai  (place" in primorye.stdout
    assert koryo("entity", "Nobody Anywhere", db=seeded_db).returncode == 1


def test_flows_command_and_export(seeded_db: str) -> None:
    run = koryo("flows", "--destination", "Uzbekistan", db=seeded_db)
    assert run.returncode == 0
    assert "Russian Far East → Kazakhstan, Uzbekistan  Koryo-saram    deportation  ~172,000" in run.stdout
    assert "Close to 172,000 were sent to the undeveloped regions of Kazakhstan and Uzbekistan." in run.stdout
    kz = koryo("flows", "--origin", "Kazakhstan", "--group", "undocumented", db=seeded_db)
    assert "Kazakhstan → South Korea  undocumented migrants  2014–2018  labour  size not stated" in kz.stdout
    assert "2014: 359, 2015: 1,337, 2016: 2,914, 2017: 7,214, 2018: 11,413" in kz.stdout
    flows = [json.loads(x) for x in koryo("export", "flows", db=seeded_db).stdout.splitlines()]
    assert list(flows[0]) == ["doc", "origin", "destination", "group", "start", "end", "size", "kind", "evidence", "series"]
    deport = next(f for f in flows if f["size"]["value"] == 172000)
    assert deport["size"] == {"value": 172000, "low": None, "high": None, "approx": True}
    assert deport["evidence"][-1]["quote"] == "Close to 172,000 were sent to the undeveloped regions of Kazakhstan and Uzbekistan."


def test_export_resources(seeded_db: str) -> None:
    resources = [json.loads(x) for x in koryo("export", "resources", db=seeded_db).stdout.splitlines()]
    assert list(resources[0]) == ["name", "kind", "services", "city", "country", "url", "members", "doc", "quote", "start", "end"]
    neomeo = next(r for r in resources if r["name"] == "Neomeo")
    assert (neomeo["city"], neomeo["country"], neomeo["kind"]) == ("Ansan", "South Korea", "organisation")
    assert "language school" in neomeo["services"]
    assert sum(1 for r in resources if r["members"] is not None) == 24
