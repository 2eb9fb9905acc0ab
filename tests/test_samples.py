"""The bundled sample corpus goes in whole: one document per format, tables and citations found."""

from __future__ import annotations

from pathlib import Path

from koryo.ingest import ingest
from koryo.readers.sniff import sniff_text
from koryo.store import Store
from tests.conftest import ROOT


def test_sample_corpus(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "k.db"))
    outcomes = ingest(store, [str(ROOT / "samples")])
    assert [(Path(o.path).name, o.status, o.format) for o in outcomes] == [
        ("census-1989.pdf", "stored", "pdf"),
        ("deportation-1937.md", "stored", "markdown"),
        ("goryeoin-village.html", "stored", "html"),
        ("koreans-in-russia.wiki", "stored", "wikitext"),
        ("timeline.txt", "stored", "text"),
    ]
    docs = {d.name: store.document(d.id) for d in store.documents()}
    census = docs["census-1989.pdf"].tables[0]
    assert [[c.text for c in r] for r in census.body][0] == ["Uzbek SSR", "183,140"]
    report = docs["deportation-1937.md"]
    (table,) = report.tables
    assert table.title == "Koreans deported from the Far East in 1937, by destination"
    assert [[c.text for c in r] for r in table.body][-1] == ["Total", "36,442", "171,781"]
    assert [c.key for c in report.citations] == ["source-table-1", "fn-1", "fn-2", "fn-3"]
    wiki = docs["koreans-in-russia.wiki"]
    assert [c.key for c in wiki.citations] == ["census2002", "cite-2", "cite-3"]
    assert wiki.text.startswith("Koreans in Russia are counted by the census as a nationality of their own.")
    html = docs["goryeoin-village.html"]
    assert [[c.text for c in r] for r in html.tables[0].header] == [["Republic", "Deported in 1937", "Deported in 1937"], ["Republic", "Families", "People"]]
    assert "고려인" in html.text


def test_sniffing_prefers_content_and_uses_the_extension_to_break_ties() -> None:
    assert sniff_text("= T =\n\n==A==\ntext") == "text"
    assert sniff_text("[[T]]\n\ntext [tpl]cite|a=b[/tpl]") == "wikitext"
    assert sniff_text("# T\n\n**bold** text") == "markdown"
    assert sniff_text("# T\n\nUse `{{cite}}` and `<ref>` in wikitext.", ".md") == "markdown"
    assert sniff_text("<!DOCTYPE html><html><body><p>x</p></body></html>", ".txt") == "html"
    assert sniff_text("plain words only", ".md") == "text"
    # a Markdown file about wikitext, quoting all its signs, is still Markdown
    about_wiki = "# Wikitext\n\n**Templates** such as `{{cite web}}`, `[tpl]x[/tpl]`, `<ref>`, `[[links]]` and " + "'" * 3 + "bold" + "'" * 3 + ".\n"
    assert sniff_text(about_wiki, ".md") == "markdown"
    assert sniff_text(about_wiki) == "wikitext"
