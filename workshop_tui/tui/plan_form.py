"""The campaign plan, filled in on the projector while the group watches.

Purpose and goal start from the chosen card, and the period from the next free campaign window,
so the facilitator only has to adjust what the group decides differently. A card that already
has a plan opens with that plan as saved: reopening it to correct one field must not move the
period (the printed cards carry those dates).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.events import Key
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from workshop_tui.catalogue import t
from workshop_tui.domain.campaign import propose_window
from workshop_tui.domain.deck import Card
from workshop_tui.domain.state import CampaignPlan
from workshop_tui.tui.confirm import DiscardScreen
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import palette

FIELDS = ("purpose", "goal", "start", "end", "owner", "followup")
# The card's sentences: wrapped over as many rows as they take, so the room reads them whole.
LONG_FIELDS = ("purpose", "goal")

# The plan as typed, before the hub checks it.
Submit = Callable[[CampaignPlan], Awaitable[str | None]]


class LongField(TextArea):
    """A field whose text wraps: Enter saves the form as in the one-line fields (a plan's
    purpose is one paragraph), Tab moves on."""

    class Submitted(Message):
        """Enter was pressed in the field."""

    async def _on_key(self, event: Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted())
            return
        await super()._on_key(event)


class PlanScreen(ModalScreen[bool]):
    """The plan form; `submit` returns an error message to show, or None when it was saved."""

    DEFAULT_CSS = """
    PlanScreen { align: center middle; background: $background 80%; }
    PlanScreen > VerticalScroll {
        width: 90%; max-width: 110; height: auto; max-height: 95%;
        border: heavy $accent; background: $background; padding: 0 2;
    }
    PlanScreen Label { margin-top: 1; text-style: bold; }
    PlanScreen LongField { height: auto; max-height: 6; }
    PlanScreen #plan-error { color: $warning; text-style: bold; }
    PlanScreen Horizontal { height: auto; margin-top: 1; }
    PlanScreen Button { margin-right: 2; }
    """

    # Esc asks before it throws away what was typed (a clicker can send Esc by accident).
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "leave", show=False)]

    def __init__(
        self,
        card: Card,
        today: date,
        language: str,
        submit: Submit,
        busy_until: date | None,
        saved: CampaignPlan | None = None,
    ) -> None:
        """`saved` is the step's plan so far; it fills the form when it is for this card.
        `busy_until` is when the group's other campaigns end (not the one being replaced)."""
        super().__init__()
        self.card = card
        self.language = language
        self.submit = submit
        if saved is not None and saved.card_id == card.id:
            self.defaults = {name: getattr(saved, name) for name in FIELDS}
        else:
            window = propose_window(today, card.weeks, busy_until)
            self.defaults = {
                "purpose": card.purpose,
                "goal": card.goal,
                "start": window.start.isoformat(),
                "end": window.end.isoformat(),
                "owner": "",
                "followup": window.followup.isoformat(),
            }

    def compose(self) -> ComposeResult:
        language = self.language
        # Not a Tab stop of its own: it scrolls to whichever field has the focus.
        with VerticalScroll(can_focus=False):
            title = t(language, "plan_title", title=clean(self.card.title))
            yield Static(Text(title, style=f"bold {palette(self).accent}"))
            for name in FIELDS:
                yield Label(t(language, name))
                if name in LONG_FIELDS:
                    yield LongField(
                        self.defaults[name], highlight_cursor_line=False, id=f"plan-{name}"
                    )
                    continue
                dated = name in ("start", "end", "followup")
                yield Input(
                    self.defaults[name],
                    placeholder=t(language, "date_hint") if dated else "",
                    id=f"plan-{name}",
                )
            yield Static(id="plan-error")
            with Horizontal():
                yield Button(t(language, "save"), id="plan-save", variant="primary")
                yield Button(t(language, "cancel"), id="plan-cancel")

    def on_mount(self) -> None:
        # From the top, where the room starts reading: the purpose first.
        self.query_one("#plan-purpose", LongField).focus()
        # Focusing scrolls the field to the top edge, the card's title and the purpose's name
        # above it out of sight; the form is scrolled back to its start once laid out.
        self.call_after_refresh(self.query_one(VerticalScroll).scroll_home, animate=False)

    def value(self, name: str) -> str:
        """What the field `name` holds now."""
        if name in LONG_FIELDS:
            return self.query_one(f"#plan-{name}", LongField).text
        return self.query_one(f"#plan-{name}", Input).value

    def draft(self) -> CampaignPlan:
        """The form's current values, as the plan the hub is asked to keep."""
        values = {name: self.value(name) for name in FIELDS}
        return CampaignPlan(card_id=self.card.id, title=self.card.title, **values)

    def action_leave(self) -> None:
        """Close the form; if anything in it was changed, only once the facilitator says so."""
        typed = {name: self.value(name) for name in FIELDS}
        if typed == self.defaults:
            self.dismiss(False)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        self.app.push_screen(DiscardScreen(self.language), answered)

    @on(Button.Pressed, "#plan-cancel")
    def cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(False)

    @on(Button.Pressed, "#plan-save")
    @on(Input.Submitted)
    @on(LongField.Submitted)
    async def save(self) -> None:
        """Send the plan to the hub; stay open with its message if it is refused."""
        error = await self.submit(self.draft())
        if error is None:
            self.dismiss(True)
        else:
            self.query_one("#plan-error", Static).update(Text(error))
