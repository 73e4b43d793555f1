"""Arranging a levels step's ladders before the group votes.

Each area's rungs come from the deck; the group's own proposals come from an earlier prompt.
The proposals arrive sorted (`decks.sorting`, offline): near-duplicates merged into one with
their count, each under the area it seems to speak to, a suggestion only; one that speaks to no
area stays unsorted. The facilitator adds proposals as rungs at the place they choose (any
area's, whatever the suggestion), merges duplicates, reorders and drops rungs while the room
watches, and can undo each change. Every change is sent to the
hub at once (`SetLadder`; an undo is one more), so the screen always shows what is stored and
the phones see the new ladder straight away. A round that opens on key waits for the
facilitator (`i` here or on the projector) while the ladder is prepared; once a round has
answers its ladder is fixed, and the screen says that a new round is needed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.signal import Signal
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop_tui.catalogue import t
from workshop_tui.decks.sorting import merge_near_duplicates, suggest_areas
from workshop_tui.domain import tally
from workshop_tui.domain.commands import Command, NewRound, OpenStep, SetLadder
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.domain.state import SessionState
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import palette

# Sends a command to the hub; returns the refusal's message, or None when it was applied.
Send = Callable[[Command], Awaitable[str | None]]
# The ladders as they were before each change, oldest first: (area id, rungs).
Undo = list[tuple[str, tuple[str, ...]]]


@dataclass(frozen=True)
class Proposal:
    """One thing the group proposed: its words, how many proposals said it (near-duplicates
    merged) and the area it seems to speak to (None: none of them; a suggestion only)."""

    text: str
    count: int
    area_id: str | None


def proposal_texts(state: SessionState, step: LevelsStep) -> tuple[str, ...]:
    """The group's proposals for the ladder: the visible answers of the steps named by
    `proposals_from`, step by step in the deck's order and oldest first within a step."""
    texts: list[str] = []
    for source in step.proposal_steps():
        items = tally.wall(state.steps[source], oldest_first=True)
        texts.extend(item.text for item in items if not item.hidden)
    return tuple(texts)


def proposals(texts: tuple[str, ...], step: LevelsStep, language: str) -> list[Proposal]:
    """`texts` sorted for the ladder: near-duplicates merged (in the order each was first
    said), each with the area `decks.sorting` suggests for it."""
    groups = merge_near_duplicates(texts, language)
    areas = suggest_areas([group.text for group in groups], step.areas, language)
    return [
        Proposal(group.text, group.count, area.area_id)
        for group, area in zip(groups, areas, strict=True)
    ]


def _numbered(number: str, text: Text, style: str = "bold") -> Table:
    """`number` and `text` side by side, so that a long rung wraps under its own words and
    the numbers stay in a column of their own (wide enough for "12.", the most rungs)."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True, justify="right", width=3)
    grid.add_column(ratio=1)
    grid.add_row(Text(number, style=style), text)
    return grid


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


class LadderScreen(ModalScreen[None]):
    """One area at a time: its rungs (most ambitious at the top), then the proposals; while a
    proposal is being placed, the places it can go between the rungs."""

    # The cursor row in the facilitator's selection colour: the theme's block cursor is the
    # accent, on which the rung's own text would not be readable.
    DEFAULT_CSS = """
    LadderScreen #ladder-options > .option-list--option-highlighted {
        color: $text;
        background: $selection;
        text-style: bold;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", show=False),
        Binding("left", "area(-1)", show=False),
        Binding("right", "area(1)", show=False),
        Binding("a", "add", show=False),
        Binding("shift+up,K", "shift(1)", show=False),
        Binding("shift+down,J", "shift(-1)", show=False),
        Binding("m", "merge", show=False),
        Binding("x,delete", "drop", show=False),
        Binding("v", "new_round", show=False),
        Binding("z", "undo", show=False),
        Binding("i", "open", show=False),
    ]

    def __init__(
        self,
        step: LevelsStep,
        state: Callable[[], SessionState],
        language: str,
        send: Send,
        undo: Undo,
        session_drawn: Signal[int],
    ) -> None:
        """`session_drawn` is published each time the projector has drawn a change of the
        session: the status line follows it (answers arriving fix the ladder)."""
        super().__init__()
        self.step = step
        self.state = state
        self.language = language
        self.send = send
        # Owned by the app, so an undo still works after the screen was closed and opened.
        self.undo = undo
        self.session_drawn = session_drawn
        self.area = 0
        self.marked: int | None = None
        # The proposal the facilitator is finding a place for, if any.
        self.placing: str | None = None
        self.message = ""
        self.shown: list[str] = []
        # The last sorting and the proposals it was made from: sorted again only when they
        # change, not at every key press.
        self._sorted: tuple[tuple[str, ...], list[Proposal]] = ((), [])
        self.heading = Static(id="ladder-title")
        self.options = OptionList(id="ladder-options")
        self.status = Static(id="ladder-status")

    def t(self, key: str, **values: object) -> str:
        """A label in the session's language."""
        return t(self.language, key, **values)

    def compose(self) -> ComposeResult:
        with Vertical(id="ladder-box"):
            yield self.heading
            yield self.options
            yield self.status
            yield Static(Text(self.t("ladder_keys"), style=palette(self).muted), id="ladder-keys")

    def on_mount(self) -> None:
        self.rebuild(highlight=0)
        self.options.focus()
        self.session_drawn.subscribe(self, self._session_drawn)

    def _session_drawn(self, _version: int) -> None:
        # Answers arriving, a lock or a new round change what the ladder allows.
        self.show_status()

    @property
    def area_id(self) -> str:
        return self.step.areas[self.area].id

    def rungs(self) -> list[str]:
        """The current area's rungs as stored, from basic (0) to ambitious."""
        return list(self.state().steps[self.step.id].ladders[self.area_id])

    def selection(self) -> tuple[str, int] | None:
        """What the cursor is on: ("rung", index), ("proposal", index) or ("slot", the index
        the placed proposal would get)."""
        option = self.options.highlighted_option
        if option is None or option.id is None:
            return None
        kind, _, number = option.id.partition("-")
        return kind, int(number)

    def rebuild(self, highlight: int | None = None) -> None:
        """Redraw the list from the stored ladder; keep the cursor on row `highlight`."""
        area = self.step.areas[self.area]
        total = len(self.step.areas)
        title = self.t("ladder_title", area=clean(area.name), n=self.area + 1, total=total)
        p = palette(self)
        self.heading.update(Text(title, style=f"bold {p.accent}"))
        rungs = self.rungs()
        if self.placing is not None:
            self._rebuild_places(rungs, highlight)
            return
        content: list[Option | None] = [
            Option(Text(self.t("ladder_rungs"), style="bold"), disabled=True)
        ]
        for index in range(len(rungs) - 1, -1, -1):
            line = Text(clean(rungs[index]))
            if index == self.marked:
                line.append(f"  ◆ {self.t('ladder_marked')}", style=f"bold {p.warning}")
            content.append(Option(_numbered(f"{index + 1}.", line), id=f"rung-{index}"))
        content.append(None)
        state = self.state()
        sources = self.step.proposal_steps()
        title = ", ".join(clean(state.workshop.step(source).title) for source in sources)
        heading = Text(self.t("ladder_proposals", step=title), style="bold")
        content.append(Option(heading, disabled=True))
        sorted_ = self.sorted_proposals(state)
        if not sorted_:
            empty = Text(self.t("ladder_no_proposals"), style=f"italic {p.muted}")
            content.append(Option(empty, disabled=True))
        names = {area.id: clean(area.name) for area in self.step.areas}
        here = self.area_id
        sections = (
            (
                self.t("ladder_suggested", area=names[here]),
                [s for s in sorted_ if s.area_id == here],
            ),
            (self.t("ladder_unsorted"), [s for s in sorted_ if s.area_id is None]),
            (self.t("ladder_elsewhere"), [s for s in sorted_ if s.area_id not in (here, None)]),
        )
        self.shown = []
        for words, section in sections:
            if not section:
                continue
            content.append(Option(Text(words, style=f"italic {p.info}"), disabled=True))
            for proposal in section:
                line = Text(clean(proposal.text))
                if proposal.count > 1:
                    line.append(f"  ×{proposal.count}", style=f"bold {p.accent}")
                if proposal.area_id not in (here, None):
                    line.append(f"  → {names[str(proposal.area_id)]}", style=p.muted)
                if any(_same(proposal.text, rung) for rung in rungs):
                    line.append(f"  ✓ {self.t('ladder_in_use')}", style=p.info)
                option_id = f"proposal-{len(self.shown)}"
                content.append(Option(_numbered("•", line), id=option_id))
                self.shown.append(proposal.text)
        previous = self.options.highlighted
        self.options.clear_options()
        self.options.add_options(content)
        target = highlight if highlight is not None else previous
        self.options.highlighted = max(1, min(target or 1, len(content) - 1))
        self.show_status()

    def sorted_proposals(self, state: SessionState) -> list[Proposal]:
        """The group's proposals, merged and sorted by area (sorted again when they change)."""
        texts = proposal_texts(state, self.step)
        if texts != self._sorted[0]:
            self._sorted = (texts, proposals(texts, self.step, self.language))
        return self._sorted[1]

    def _rebuild_places(self, rungs: list[str], highlight: int | None) -> None:
        """The places the proposal being placed can go: above, between and below the rungs;
        the cursor starts on the top place, the most ambitious."""
        assert self.placing is not None
        p = palette(self)
        question = self.t("ladder_place_title", text=clean(self.placing))
        content: list[Option | None] = [Option(Text(question, style="bold"), disabled=True)]
        slot = Text(self.t("ladder_slot"), style=f"bold {p.info}")
        for index in range(len(rungs), -1, -1):
            content.append(Option(slot, id=f"slot-{index}"))
            if index:
                line = Text(clean(rungs[index - 1]), style=p.muted)
                number = _numbered(f"{index}.", line, f"bold {p.muted}")
                content.append(Option(number, disabled=True))
        self.options.clear_options()
        self.options.add_options(content)
        self.options.highlighted = highlight if highlight is not None else 1
        self.show_status()

    def show_status(self) -> None:
        """What the facilitator can do now: the last message, or why the ladder is fixed."""
        step_state = self.state().steps[self.step.id]
        p = palette(self)
        if self.placing is not None:
            text, style = self.t("ladder_place_hint"), f"bold {p.info}"
        elif step_state.levels is not None:
            text, style = self.t("ladder_locked"), f"bold {p.warning}"
        elif step_state.current_answers:
            count = len(step_state.current_answers)
            text = self.t("ladder_answered", count=count, n=step_state.round)
            style = f"bold {p.warning}"
        elif self.marked is not None:
            text, style = self.t("ladder_merge_hint"), f"bold {p.info}"
        elif step_state.status == "preparing":
            text, style = self.t("ladder_preparing", n=step_state.round), f"bold {p.info}"
        else:
            text, style = self.t("ladder_ready", n=step_state.round), p.muted
        if self.message:
            text, style = f"{self.message}\n{text}", f"bold {p.warning}"
        self.status.update(Text(text, style=style))

    async def store(self, rungs: list[str], highlight_rung: int | None) -> bool:
        """Send the area's new rungs (the old ones can be undone); show the refusal if the hub
        says no."""
        before = (self.area_id, tuple(self.rungs()))
        error = await self.send(SetLadder(self.step.id, self.area_id, tuple(rungs)))
        self.message = "" if error is None else error
        if error is None:
            self.undo.append(before)
        if error is None and highlight_rung is not None:
            self.rebuild(highlight=1 + len(rungs) - 1 - highlight_rung)
        else:
            self.rebuild()
        return error is None

    def action_close(self) -> None:
        """Cancel placing a proposal or a merge in progress, else close the screen."""
        if self.placing is not None:
            self.placing = None
            self.rebuild(highlight=1)
        elif self.marked is not None:
            self.marked = None
            self.rebuild()
        else:
            self.dismiss(None)

    def action_area(self, delta: int) -> None:
        """Show the previous or next service area."""
        self.area = (self.area + delta) % len(self.step.areas)
        self.marked = None
        self.placing = None
        self.message = ""
        self.rebuild(highlight=1)

    @on(OptionList.OptionSelected)
    async def action_add(self) -> None:
        """On a proposal: ask where on the ladder it goes. On one of those places: put it
        there."""
        chosen = self.selection()
        if chosen is None:
            return
        kind, index = chosen
        if kind == "proposal":
            # The proposal as drawn, even if the facilitator has hidden answers since.
            self.placing = self.shown[index]
            self.marked = None
            self.message = ""
            self.rebuild(highlight=1)
        elif kind == "slot" and self.placing is not None:
            text, self.placing = self.placing, None
            rungs = self.rungs()
            rungs.insert(index, text)
            await self.store(rungs, highlight_rung=index)

    async def action_shift(self, delta: int) -> None:
        """Move the rung under the cursor one step more ambitious (1) or more basic (-1)."""
        chosen = self.selection()
        rungs = self.rungs()
        if chosen is None or chosen[0] != "rung":
            return
        index = chosen[1]
        other = index + delta
        if not 0 <= other < len(rungs):
            return
        rungs[index], rungs[other] = rungs[other], rungs[index]
        self.marked = None
        await self.store(rungs, highlight_rung=other)

    async def action_merge(self) -> None:
        """First press: mark the rung under the cursor. Second press on another rung: merge the
        two, keeping the words and place of the rung under the cursor."""
        chosen = self.selection()
        if chosen is None or chosen[0] != "rung":
            return
        index = chosen[1]
        if self.marked is None or self.marked == index:
            self.marked = None if self.marked == index else index
            self.rebuild()
            return
        rungs = self.rungs()
        marked, self.marked = self.marked, None
        kept = rungs[index]
        del rungs[marked]
        await self.store(rungs, highlight_rung=rungs.index(kept))

    async def action_drop(self) -> None:
        """Take the rung under the cursor off the ladder."""
        chosen = self.selection()
        if chosen is None or chosen[0] != "rung":
            return
        rungs = self.rungs()
        del rungs[chosen[1]]
        self.marked = None
        await self.store(rungs, highlight_rung=max(0, chosen[1] - 1) if rungs else None)

    async def action_undo(self) -> None:
        """Put back the ladder as it was before the last change (itself a change the phones
        see); the areas' changes are undone newest first."""
        if not self.undo:
            self.message = self.t("ladder_nothing_to_undo")
            self.show_status()
            return
        area_id, rungs = self.undo[-1]
        self.area = [a.id for a in self.step.areas].index(area_id)
        self.marked = self.placing = None
        error = await self.send(SetLadder(self.step.id, area_id, rungs))
        if error is None:
            self.undo.pop()
        self.message = self.t("ladder_undone") if error is None else error
        self.rebuild(highlight=1)

    async def action_open(self) -> None:
        """Let the group answer the round that has been prepared."""
        error = await self.send(OpenStep(self.step.id))
        self.message = "" if error is None else error
        self.rebuild()

    async def action_new_round(self) -> None:
        """Start a new round, so the ladder can change; the earlier round's answers stay."""
        error = await self.send(NewRound(self.step.id))
        self.message = "" if error is None else error
        self.rebuild()
