"""Makes samples/census-1989.pdf: `python tools/make_sample_pdf.py` (needs fpdf2, a test dependency)."""

from pathlib import Path

from fpdf import FPDF

pdf = FPDF()
pdf.set_title("Koreans in the 1989 Soviet census")
pdf.set_creation_date(__import__("datetime").datetime(2026, 1, 1, tzinfo=__import__("datetime").timezone.utc))
pdf.add_page()
pdf.set_font("Helvetica", size=18)
pdf.cell(0, 12, "Koreans in the 1989 Soviet census", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", size=11)
pdf.multi_cell(0, 6, "The last Soviet census, of January 1989, counted 438,650 Koreans in the USSR.")
pdf.ln(4)
pdf.cell(0, 6, "Table 1. Koreans by republic, 1989", new_x="LMARGIN", new_y="NEXT")
with pdf.table(col_widths=(80, 40)) as table:
    for row in (("Republic", "Koreans"), ("Uzbek SSR", "183,140"), ("RSFSR", "107,051"), ("Kazakh SSR", "103,315"), ("Kyrgyz SSR", "18,355")):
        r = table.row()
        for cell in row:
            r.cell(cell)
pdf.ln(2)
pdf.cell(0, 6, "Source: All-Union Population Census of 1989, Goskomstat of the USSR", new_x="LMARGIN", new_y="NEXT")
pdf.output(str(Path(__file__).resolve().parent.parent / "samples" / "census-1989.pdf"))
