"""The service card sheet as a PDF: one A4 page of ten cards with crop marks (fpdf2)."""

from __future__ import annotations

from fpdf import FPDF

from workshop_tui.export import sheet
from workshop_tui.export.fonts import dejavu
from workshop_tui.export.labels import labels
from workshop_tui.export.layout import Layout, fit
from workshop_tui.export.outcome import Outcome
from workshop_tui.export.pocket import pocket_paragraphs

INK = (20, 20, 20)
ACCENT = (18, 70, 140)
EDGE = (200, 200, 200)


class _Fonts:
    """DejaVu when installed; else the PDF core font, which only has Latin-1 letters, so any
    other character is printed as '?' (and `fonts.dejavu` has logged why)."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        files = dejavu()
        if files is None:
            self.family, self.unicode = "Helvetica", False
        else:
            pdf.add_font("DejaVu", "", str(files.regular))
            pdf.add_font("DejaVu", "B", str(files.bold))
            self.family, self.unicode = "DejaVu", True

    def text(self, text: str) -> str:
        if self.unicode:
            return text
        return text.encode("latin-1", "replace").decode("latin-1")

    def use(self, bold: bool, size: float) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)

    def measure(self, text: str, bold: bool, size: float) -> float:
        self.use(bold, size)
        return float(self.pdf.get_string_width(self.text(text)))


def pocket_pdf(outcome: Outcome) -> bytes:
    """One A4 page with as many service cards as fit, ready to print at 100 % and cut."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_title(f"{labels(outcome.language)['service_card']}: {outcome.group}")
    pdf.set_lang(outcome.language)
    pdf.set_creator("workshop-tui")
    pdf.add_page()
    fonts = _Fonts(pdf)
    layout = fit(pocket_paragraphs(outcome), sheet.INNER_WIDTH, sheet.INNER_HEIGHT, fonts.measure)
    pdf.set_line_width(0.1)
    for x, y in sheet.slots():
        pdf.set_draw_color(*EDGE)
        pdf.rect(x, y, sheet.CARD_WIDTH, sheet.CARD_HEIGHT)
        _draw(pdf, fonts, layout, x + sheet.PADDING, y + sheet.PADDING)
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.2)
    for x1, y1, x2, y2 in sheet.crop_marks():
        pdf.line(x1, y1, x2, y2)
    return bytes(pdf.output())


def _draw(pdf: FPDF, fonts: _Fonts, layout: Layout, left: float, top: float) -> None:
    pdf.set_draw_color(*EDGE)
    for y in layout.rules:
        pdf.line(left, top + y, left + sheet.INNER_WIDTH, top + y)
    for line in layout.lines:
        pdf.set_text_color(*(ACCENT if line.accent else INK))
        for piece in line.pieces:
            fonts.use(piece.bold, line.size)
            pdf.text(left + piece.x, top + line.baseline, fonts.text(piece.text))
