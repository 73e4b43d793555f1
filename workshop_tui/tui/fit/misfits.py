"""What a screen leaves out of the step on it, in plain words: what the view says it left out,
the step title, room code or question when not on the screen in full, lines that fall off the
bottom of a view, and texts cut short with "…".

The pre-flight check (`check`) asks this at every moment it plays; the projector asks it after
a resize. It reads the projector through `Projector`, so the projector can import it without
a circle.
"""

from __future__ import annotations

import re
from typing import Any, Protocol, cast

from rich.cells import cell_len
from textual.css.styles import RulesMap
from textual.errors import NoWidget
from textual.geometry import Region
from textual.screen import Screen
from textual.visual import visualize
from textual.widget import Widget

from workshop_tui.catalogue import catalogue, t
from workshop_tui.session.hub import Hub
from workshop_tui.tui.safe import clean
from workshop_tui.tui.views.base import StepView


class Projector(Protocol):
    """What is read of the projector app: its screen, top bar, step view, hub and language."""

    @property
    def screen(self) -> Screen[Any]: ...

    @property
    def topbar(self) -> Widget: ...

    @property
    def view(self) -> StepView | None: ...

    @property
    def hub(self) -> Hub: ...

    @property
    def language(self) -> str: ...


def misfits(app: Projector, language: str) -> list[str]:
    """What the screen leaves out now, in plain words: what the view says it left out, the
    question or step title when not on the screen in full, and lines that fall off a view."""
    found: list[str] = []
    view = app.view
    step = app.hub.state.current_step
    if view is None or step is None:
        return found
    lines = screen_lines(app)
    title = clean(step.title)
    # The title's own part of the top bar: where it wraps, the bar's other parts stand between
    # its lines.
    if not _shows(lines, app.topbar.query_one("#where"), title):
        found.append(t(language, "fit_title_cut", title=title))
    room = app.hub.state.room
    if not _shows(lines, app.screen, room):
        found.append(t(language, "fit_room_cut", room=room))
    question = view.question(view.ctx) if view.ctx is not None else ""
    if question and not _shows(lines, view, question):
        found.append(t(language, "fit_question_cut"))
    # A list shown in part with the rest counted on screen ("▼ 12 more answers") cuts no text.
    found += [what for what in view.cut if what not in found and what not in view.counted]
    over = overflow(view)
    if over > 0:
        found.append(t(language, "fit_overflow", count=over))
    cut_short = shortened(lines, view, meant_ellipses(app))
    if cut_short:
        texts = ", ".join(f"“{text}”" for text in cut_short[:ELLIPSIS_EXAMPLES])
        found.append(t(language, "fit_ellipsis", count=len(cut_short), texts=texts))
    return found


def screen_lines(app: Projector) -> list[str]:
    """The screen as it would be drawn now, one string per row: each cell from the widget on
    top there, as that widget draws its row (Textual's public hit test and `render_lines`)."""
    screen = app.screen
    lines = []
    for y in range(screen.size.height):
        line = ""
        x = 0
        while x < screen.size.width:
            try:
                widget, region = screen.get_widget_at(x, y)
            except NoWidget:
                line += " "
                x += 1
                continue
            # The run of cells the same widget is on top of, drawn from its row at once.
            end = x + 1
            while end < region.right and _on_top(screen, end, y) is widget:
                end += 1
            row = widget.render_lines(Region(0, y - region.y, region.width, 1))[0]
            text = row.crop(x - region.x, end - region.x).text
            line += text + " " * (end - x - cell_len(text))
            x = end
        lines.append(line)
    return lines


def _on_top(screen: Screen[Any], x: int, y: int) -> Widget | None:
    try:
        return screen.get_widget_at(x, y)[0]
    except NoWidget:
        return None


# A word cut short with "…" (right after it, or after a space as rich leaves it at a word's
# end), with up to three words before it; box lines are not words.
_WORD = r"[^\s…\u2500-\u257f]"
_SHORTENED = re.compile(rf"(?:{_WORD}+ ){{0,3}}({_WORD}+ ?…)")
# How many of the texts cut short a finding quotes.
ELLIPSIS_EXAMPLES = 3


def shortened(lines: list[str], widget: Widget, meant: str) -> list[str]:
    """The texts `widget` shows cut short with "…", each with the words before the cut; an
    ellipsis that `meant` has after the same word (a deck's "Good service is …", the
    projector's own "… 3 more answers in between …") is not a cut."""
    region = widget.region
    return [
        found[0]
        for line in lines[region.y : region.bottom]
        if (found := _SHORTENED.search(line[region.x : region.right])) and found[1] not in meant
    ]


def meant_ellipses(app: Projector) -> str:
    """Every text of the session's workshop, card decks and projector words, one a line: the
    ellipses they hold are meant."""
    state = app.hub.state
    texts = [
        state.workshop.model_dump_json(),
        *(d.model_dump_json() for d in state.card_decks.values()),
    ]
    for entry in catalogue(app.language).texts.values():
        texts += [entry] if isinstance(entry, str) else list(entry)
    return "\n".join(texts)


def _normal(text: str) -> str:
    return " ".join(text.split())


def _shows(lines: list[str], widget: Widget, text: str) -> bool:
    """Whether `text` is on the screen in full within `widget`, allowing for wrapping."""
    region = widget.region
    inside = [line[region.x : region.right] for line in lines[region.y : region.bottom]]
    shown = _normal(" ".join(inside))
    return _normal(text) in shown or _normal(text).replace(" ", "") in shown.replace(" ", "")


def overflow(widget: Widget) -> int:
    """How many lines of what `widget` draws fall below its bottom edge (0 when all fit)."""
    width = widget.content_region.width
    if width <= 0:
        return 0
    # As Textual measures a widget whose height follows its content.
    drawn = visualize(widget, widget.render())
    height = drawn.get_height(cast("RulesMap", widget.styles), width)
    return max(0, height - widget.content_region.height)
