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
    assert "also written: Latin: Kim Il Sung" in run.stdout
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


def test_conflicts_and_diff_commands(seeded_db: str) -> None:
    run = koryo("conflicts", db=seeded_db)
    assert run.returncode == 0
    assert "roughly 8,000 (001_cc6e2c6741b08d95.txt) vs roughly 9,000 (002_51aea5aaadde690b.txt) do not agree" in run.stdout
    assert "cites: Lankov, Andrei, N. Korean Mirage Collapses in Sakhalin" in run.stdout
    assert "3 conflicts" in run.stdout and "The documents' own inconsistencies" in run.stdout
    assert "malformed: '251,04,' is not a well-formed figure" in run.stdout
    assert "0 agreements" in koryo("conflicts", "--agreements", db=seeded_db).stdout
    records = [json.loads(x) for x in koryo("export", "conflicts", db=seeded_db).stdout.splitlines()]
    assert list(records[0]) == ["key", "kind", "explanation", "statements"]
    assert records[0]["statements"][0]["citations"][0]["title"] == "N. Korean Mirage Collapses in Sakhalin"
    diff = koryo("diff", "North Koreans in Russia", "--from", "1", "--to", "2", db=seeded_db)
    assert "revision 1 (001_cc6e2c6741b08d95.txt) → 2 (002_51aea5aaadde690b.txt), 48 changes" in diff.stdout
    assert koryo("diff", "No Such Article", db=seeded_db).returncode == 1
    rows = [json.loads(x) for x in koryo("export", "revisions", db=seeded_db).stdout.splitlines()]
    assert len(rows) == 48  # the 6 sentences the new revision adds add their figures too
    assert list(rows[0]) == ["article", "from_doc", "to_doc", "change", "kind", "old_quote", "new_quote", "old_start", "new_start"]
