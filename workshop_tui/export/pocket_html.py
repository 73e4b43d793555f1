"""The service card sheet as HTML: ten credit-card-sized cards on an A4 page, with crop marks.

Self-contained (no fonts, images or scripts from anywhere), so it prints the same offline.
"""

from __future__ import annotations

from html import escape

from workshop_tui.export import sheet
from workshop_tui.export.fonts import pillow_measure
from workshop_tui.export.labels import labels
from workshop_tui.export.layout import LINE_HEIGHT, Paragraph, fit
from workshop_tui.export.outcome import Outcome
from workshop_tui.export.pocket import pocket_paragraphs

# Only for choosing the font size: DejaVu metrics at a fine resolution, as the browser uses
# DejaVu Sans first.
_MEASURE_DPI = 600

_CSS = """
@page { size: A4; margin: 0; }
html, body { margin: 0; padding: 0; }
body {
  font-family: "DejaVu Sans", Verdana, "Noto Sans", sans-serif;
  color: #141414;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.sheet { position: relative; width: 210mm; height: 297mm; overflow: hidden; background: #fff; }
.card {
  position: absolute;
  box-sizing: border-box;
  width: %(w)smm;
  height: %(h)smm;
  padding: %(pad)smm;
  border: 0.1mm solid #c8c8c8;
  overflow: hidden;
  font-size: %(size)spt;
  line-height: %(lh)s;
}
.card p { margin: 0; overflow-wrap: anywhere; unicode-bidi: plaintext; }
.card .title { color: #12468c; font-weight: bold; font-size: 1.3em; }
.card .rule { border-top: 0.1mm solid #c8c8c8; margin-top: 0.3em; padding-top: 0.2em; }
.mark { position: absolute; background: #141414; }
@media screen {
  body { background: #d8d8d8; }
  .sheet { margin: 8mm auto; box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.3); }
}
"""


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _paragraph(paragraph: Paragraph) -> str:
    text = "".join(
        f"<b>{escape(run.text)}</b>" if run.bold else escape(run.text) for run in paragraph.runs
    )
    classes = [name for name, on in (("title", paragraph.accent), ("rule", paragraph.rule)) if on]
    attrs = f' class="{" ".join(classes)}"' if classes else ""
    if paragraph.gap and not paragraph.rule:
        attrs += f' style="margin-top:{_num(paragraph.gap * LINE_HEIGHT)}em"'
    return f"<p{attrs}>{text}</p>"


def pocket_html(outcome: Outcome) -> str:
    """The print sheet; print it at 100 % (no scaling) and cut along the marks."""
    t = labels(outcome.language)
    paragraphs = pocket_paragraphs(outcome)
    layout = fit(paragraphs, sheet.INNER_WIDTH, sheet.INNER_HEIGHT, pillow_measure(_MEASURE_DPI))
    css = _CSS % {
        "w": _num(sheet.CARD_WIDTH),
        "h": _num(sheet.CARD_HEIGHT),
        "pad": _num(sheet.PADDING),
        "size": _num(layout.size),
        "lh": _num(LINE_HEIGHT),
    }
    body = "".join(_paragraph(p) for p in paragraphs)
    cards = "\n".join(
        f'<section class="card" style="left:{_num(x)}mm;top:{_num(y)}mm">{body}</section>'
        for x, y in sheet.slots()
    )
    marks = "\n".join(
        f'<div class="mark" style="left:{_num(min(x1, x2) - (0.1 if x1 == x2 else 0))}mm;'
        f"top:{_num(min(y1, y2) - (0.1 if y1 == y2 else 0))}mm;"
        f'width:{_num(abs(x2 - x1) or 0.2)}mm;height:{_num(abs(y2 - y1) or 0.2)}mm"></div>'
        for x1, y1, x2, y2 in sheet.crop_marks()
    )
    title = escape(f"{t['service_card']}: {outcome.group} · {outcome.date}")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(outcome.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f'<main class="sheet" aria-label="{escape(t["sheet"])}">\n{cards}\n{marks}\n</main>\n'
        "</body>\n</html>\n"
    )
