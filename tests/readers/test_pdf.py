from __future__ import annotations

import pytest
from fpdf import FPDF

from koryo.errors import TruncatedPdf
from koryo.readers import read_bytes
from tests.conftest import assert_spans


def make_pdf() -> bytes:
    pdf = FPDF()
    pdf.set_title("Koreans of Central Asia")
    pdf.add_page()
    pdf.set_font("Helvetica", size=20)
    pdf.cell(0, 12, "Deportation of 1937", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "In 1937 the NKVD deported 171,781 Koreans from the Far East.")
    pdf.ln(4)
    pdf.cell(0, 6, "Table 1. Deported by republic", new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(60, 40, 40)) as table:
        for row in (("Republic", "Families", "People"), ("Kazakh SSR", "20,170", "95,256"), ("Uzbek SSR", "16,272", "76,525")):
            r = table.row()
            for cell in row:
                r.cell(cell)
    pdf.ln(2)
    pdf.cell(0, 6, "Source: Bugai (1992)", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.multi_cell(0, 6, "Most were settled in the Kazakh and Uzbek SSRs.")
    return bytes(pdf.output())


def test_pdf_text_tables_and_pages() -> None:
    source, doc = read_bytes("report.pdf", make_pdf())
    assert source.encoding == "binary"
    assert doc.format == "pdf" and doc.title == "Koreans of Central Asia"
    assert doc.meta == {"pages": 2, "line_unit": "page"}
    assert [s.path for s in doc.sections] == [("Deportation of 1937",)]
    assert "In 1937 the NKVD deported 171,781 Koreans from the Far East." in doc.text
    (table,) = doc.tables
    assert (table.number, table.title, table.source_note) == (1, "Deported by republic", "Bugai (1992)")
    assert [[c.text for c in r] for r in table.header] == [["Republic", "Families", "People"]]
    assert [[c.text for c in r] for r in table.body] == [["Kazakh SSR", "20,170", "95,256"], ["Uzbek SSR", "16,272", "76,525"]]
    last = doc.text.index("Most were settled")
    assert max(p.line for p in doc.line_map if p.offset <= last) == 2  # page 2
    assert_spans(doc)


def test_truncated_pdf() -> None:
    with pytest.raises(TruncatedPdf) as exc:
        read_bytes("cut.pdf", make_pdf()[:600])
    assert str(exc.value).startswith("cut.pdf: truncated or corrupt PDF")


def test_encrypted_pdf_is_named_as_such() -> None:
    from fpdf.enums import EncryptionMethod

    from koryo.errors import EncryptedPdf

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, "In 1937 the NKVD deported 171,781 Koreans.")
    pdf.set_encryption(owner_password="owner", user_password="secret", encryption_method=EncryptionMethod.AES_128)
    with pytest.raises(EncryptedPdf) as exc:
        read_bytes("locked.pdf", bytes(pdf.output()))
    assert str(exc.value) == "locked.pdf: encrypted PDF (a password is needed to open it; save a decrypted copy with `qpdf --decrypt`)"
    # only an owner password (printing or copying restricted): the text opens and is read
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, "In 1937 the NKVD deported 171,781 Koreans.")
    pdf.set_encryption(owner_password="owner", encryption_method=EncryptionMethod.AES_128)
    assert read_bytes("restricted.pdf", bytes(pdf.output()))[1].text.strip() == "In 1937 the NKVD deported 171,781 Koreans."
