from __future__ import annotations

import json

from koryo.store import Store
from tests.test_cli import koryo


def test_export_facts(seeded_db: str) -> None:
    records = [json.loads(x) for x in koryo("export", "facts", db=seeded_db).stdout.splitlines()]
    assert list(records[0]) == [
        "doc", "quote", "start", "end", "value", "low", "high", "approx", "unit", "per", "subject", "time", "time_source", "place",
        "citations", "section", "mention", "mention_start", "mention_end",
    ]
    store = Store(seeded_db, readonly=True)
    texts = {d.name: store.text(d.id) for d in store.documents()}
    for r in records:
        assert texts[r["doc"]][r["start"] : r["end"]] == r["quote"]
        assert texts[r["doc"]][r["mention_start"] : r["mention_end"]] == r["mention"]
    sakhalin = [r for r in records if r["mention"] in ("roughly 8,000", "roughly 9,000")]
    assert [(r["doc"][:3], r["value"], r["subject"], r["time"], r["place"], r["citations"]) for r in sakhalin] == [
        ("001", 8000, "North Korean migrant workers", "1947/1949", "Sakhalin", ["cite-7"]),
        ("002", 9000, "North Korean migrant workers", "1947/1949", "Sakhalin", []),
    ]


def test_export_events_and_timeline(seeded_db: str) -> None:
    events = [json.loads(x) for x in koryo("export", "events", db=seeded_db).stdout.splitlines()]
    assert list(events[0]) == ["doc", "quote", "start", "end", "date", "end_date", "precision", "what", "places", "citations"]
    corridor = [e for e in events if e["quote"].startswith("The second Green Corridor")]
    assert [(e["date"], e["end_date"], e["precision"]) for e in corridor] == [("2019-12-11", "2020-06-30", "day")]
    run = koryo("timeline", "--from", "1946", "--to", "1949", db=seeded_db)
    assert run.returncode == 0
    lines = [line for line in run.stdout.splitlines() if line and not line.startswith(" ")]
    # periods that overlap 1946-1949 are in, in date order
    # printed as the sources say them: "the 30-50s of the XX century", "in the late 1940s"
    assert [line[:13] for line in lines] == ["1930s – 1950s", "1946 – 1949  ", "late 1940s  R", "late 1940s  R", "4 events"]
    assert lines[1].startswith("1946 – 1949  One researcher estimated that 50,000 North Koreans went to the Kamchatka Peninsula.")
    assert lines[2].startswith("late 1940s  Roughly 8,000 North Korean migrant workers were recruited")
    assert "Lankov, Andrei, N. Korean Mirage Collapses in Sakhalin" in run.stdout
    by_place = koryo("timeline", "--place", "Primorye", db=seeded_db)
    assert by_place.stdout.count("Sergey Darkin, the Governor of Primorsky Krai") == 2
    assert "2 events" in by_place.stdout
    q = koryo("timeline", "--q", "Green Corridor", db=seeded_db)
    assert "2019-12-11 – 2020-06-30  The second Green Corridor was opened" in q.stdout
