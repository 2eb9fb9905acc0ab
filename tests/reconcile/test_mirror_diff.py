"""`koryo diff` on mirrors of one article saved from different sites: the figures that differ, in
prose, infobox rows and table cells, each with the quotes of both sides."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from koryo.cli import cli
from koryo.ingest import ingest
from koryo.readers.markdown import read_markdown
from koryo.reconcile import revisions
from koryo.reconcile.revisions import diff
from koryo.store import Store

PROSE = ("The deportation of the Meskhetian Turks was the forced transfer by the Soviet government of the whole Meskhetian "
         "Turk population of the Meskheti region in the Georgian SSR to Central Asia. The operation also deported people "
         "of other ethnic groups, which raised the number of those evicted to approximately 115,000. Those deported were "
         "sent to special settlements, where they had to report to the authorities and were not allowed to leave. ")
BOX = "Location: Meskheti, Georgian SSR\nDate: 14–15 November 1944\nFatalities: {deaths}\nVictims: 115,000 deported\n{extra}"


def test_diff_lists_the_figures_mirrors_differ_in(tmp_path: Path) -> None:
    (tmp_path / "42_wiki.txt").write_text(
        "source: https://en.wikipedia.org/wiki/Deportation_of_the_Meskhetian_Turks\n\nDeportation of the Meskhetian Turks\n\n"
        + BOX.format(deaths="12,589", extra="Perpetrators: NKVD\n") + "\n" + PROSE * 2 + "\n", encoding="utf-8")
    (tmp_path / "43_mirror.txt").write_text(
        "source: http://mirror.example.org/articles/8841.html\n\nMeskhetian Turks deportation - Mirror\n\n"
        + BOX.format(deaths="14,895", extra="") + "\n" + PROSE * 2 + "In 1991 about 40,000 of them returned.\n", encoding="utf-8")
    store = Store(str(tmp_path / "k.db"))
    ingest(store, [str(tmp_path)])
    docs = {d.name: d for d in store.documents()}
    assert docs["42_wiki.txt"].article == docs["43_mirror.txt"].article  # one article, grouped by its text
    assert (docs["42_wiki.txt"].revision, docs["43_mirror.txt"].revision) == (1, 2)
    ((old, new, changes),) = list(revisions(store, docs["42_wiki.txt"].article))
    numbers = [(c.change, c.old_quote, c.new_quote) for c in changes if c.kind == "number"]
    assert numbers == [
        ("changed", "Fatalities: 12,589", "Fatalities: 14,895"),  # an infobox row
        ("added", "", "In 1991 about 40,000 of them returned."),  # a sentence only the mirror has
    ]
    removed = [(c.kind, c.old_quote) for c in changes if c.change == "removed"]
    # the headline each site gave, and a row without figures: wording only
    assert removed == [("wording", "Deportation of the Meskhetian Turks"), ("wording", "Perpetrators: NKVD")]
    result = CliRunner().invoke(cli, ["diff", docs["42_wiki.txt"].article, "--db", str(tmp_path / "k.db")])
    assert result.exit_code == 0, result.output
    assert "  changed number\n    - Fatalities: 12,589\n    + Fatalities: 14,895\n" in result.output
    assert "  added number\n    + In 1991 about 40,000 of them returned.\n" in result.output


def test_diff_compares_table_cells_by_their_row_and_column() -> None:
    table = "| Year | Deported | Died |\n|---|---|---|\n| 1944 | 115,000 | {died} |\n| {later} | 92,307 | 14,895 |\n"
    old = read_markdown("# Meskhetian Turks\n\n" + table.format(died="12,589", later="1949"))
    new = read_markdown("# Meskhetian Turks\n\n" + table.format(died="14,895", later="1950"))
    changes = [(c.change, c.kind, c.old_quote, c.new_quote) for c in diff(old, new)]
    # the 1944 row differs in one cell; the 1949 and 1950 rows are not the same row
    assert changes == [("changed", "number", "1944\t115,000\t12,589", "1944\t115,000\t14,895")]


def test_infobox_rows_meet_by_label_whatever_their_glue_and_order() -> None:
    from koryo.readers import read_bytes

    head = "Koryo-saram\n\nRegions with significant populations\n"
    old = read_bytes("old.txt", (head + "Uzbekistan | 176,000[1] |\nRussia | 176,411[2] |\nTajikistan | 6,000 |\n").encode())[1]
    new = read_bytes("new.txt", (head + "Russia153,156[3]\nUzbekistan174,200[1]\nBelarus400\n").encode())[1]
    assert [t.kind for t in old.tables] == [t.kind for t in new.tables] == ["infobox"]
    changes = [(c.change, c.kind, c.old_quote, c.new_quote) for c in diff(old, new)]
    assert changes == [
        ("changed", "number", "Russia | 176,411", "Russia153,156"),
        ("added", "citation", "", "[3]"),
        ("changed", "number", "Uzbekistan | 176,000", "Uzbekistan174,200"),
        ("added", "number", "", "Belarus400"),
        ("added", "wording", "", "Belarus400"),
        ("removed", "citation", "[2]", ""),
        ("removed", "number", "Tajikistan | 6,000", ""),
        ("removed", "wording", "Tajikistan | 6,000", ""),
    ]
