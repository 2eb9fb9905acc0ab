from __future__ import annotations

from koryo.model import Document
from tests.conftest import assert_spans


def test_plain_wiki_export(wiki_new: Document) -> None:
    assert wiki_new.format == "text"
    assert wiki_new.title == "North Koreans in Russia"
    assert wiki_new.article == "north koreans in russia"
    assert [s.path for s in wiki_new.sections] == [
        ("Migration history",), ("Migration history", "Students"), ("Migration history", "Workers"),
        ("Migration history", "Soldiers"), ("Refugees",), ("See also",),
    ]
    soldiers = wiki_new.sections[3]
    assert wiki_new.text[soldiers.start : soldiers.end].startswith("Soldiers\n\nIt is known that in late 2024")
    assert "= North Koreans in Russia =" not in wiki_new.text
    assert_spans(wiki_new)


def test_community_page(community: Document) -> None:
    assert community.format == "text"
    assert community.language == "en"
    assert community.sections == ()
    # no title-like line in the file: its first words stand in, not its file name
    assert community.title == "The first records of Koreans moving towards Russia are around the late 1800s.…"
    assert "Close to 172,000 were sent to the undeveloped regions of Kazakhstan and Uzbekistan." in community.text
    assert "\n171,781\n" in community.text
    assert community.line_map[0].line == 1
