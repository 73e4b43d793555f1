"""The campaign: browse the card deck, then the shortlist by votes, then the chosen plan.

Which of the three shows follows the step's state: the plan once one is chosen, the shortlist
once the results are revealed, the deck before that. The cursor picks the card to plan.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from workshop_tui.domain import tally
from workshop_tui.domain.deck import CampaignStep, Card
from workshop_tui.tui.bars import bar_table
from workshop_tui.tui.safe import clean, fit
from workshop_tui.tui.views.base import StepView, ViewContext
from workshop_tui.tui.views.summary import plan_lines

LIST_MIN_WIDTH = 100


class CampaignView(StepView):
    """One campaign step, in whichever of its three phases it is."""

    has_cursor: ClassVar[bool] = True

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cursor = 0

    def cards(self) -> list[Card]:
        """The cards in the order the cursor walks them: the deck's, or by votes."""
        ctx = self.ctx
        if ctx is None:
            return []
        step = ctx.step
        assert isinstance(step, CampaignStep)
        cards = ctx.state.card_decks[step.card_deck].cards
        if not ctx.step_state.revealed:
            return list(cards)
        votes = self._votes(ctx)
        order = {card_id: place for place, (card_id, _) in enumerate(votes)}
        return sorted(cards, key=lambda card: order[card.id])

    def selected(self) -> Card | None:
        """The card under the cursor."""
        cards = self.cards()
        if not cards:
            return None
        self.cursor = max(0, min(self.cursor, len(cards) - 1))
        return cards[self.cursor]

    def move(self, delta: int) -> None:
        self.cursor = max(0, min(len(self.cards()) - 1, self.cursor + delta))
        self.refresh()

    def _votes(self, ctx: ViewContext) -> list[tuple[str, int]]:
        step = ctx.step
        assert isinstance(step, CampaignStep)
        cards = ctx.state.card_decks[step.card_deck].cards
        total = tally.stacked(answer["votes"] for answer in ctx.answers.values())
        return tally.ranked(total, [card.id for card in cards])

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        plan = ctx.step_state.plan
        if plan is not None:
            return Panel(
                Group(*plan_lines(ctx, plan)),
                title=Text(ctx.t("chosen_campaign"), style="bold"),
                border_style="bold #ffd700",
                padding=(1, 2),
            )
        selected = self.selected()
        if ctx.step_state.revealed:
            return self._shortlist(ctx, width, height)
        if selected is None:
            return Text("")
        card = card_panel(ctx, selected, self.cursor, len(self.cards()))
        if width < LIST_MIN_WIDTH:
            return card
        titles = [card.title for card in self.cards()]
        listing = _listing(titles, self.cursor, height, width // 3)
        grid = Table.grid(expand=True, padding=(0, 2))
        grid.add_column(width=width // 3)
        grid.add_column(ratio=1)
        grid.add_row(listing, card)
        return grid

    def _shortlist(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        titles = {card.id: card.title for card in self.cards()}
        rows = []
        for place, (card_id, votes) in enumerate(self._votes(ctx)[: max(1, height - 2)]):
            marker = "▶ " if place == self.cursor else "  "
            figure = ctx.t("votes", count=votes)
            rows.append((f"{marker}{place + 1}. {titles[card_id]}", votes, figure))
        return Group(Text(ctx.t("shortlist"), style="bold underline"), bar_table(rows, width))


def _listing(titles: list[str], cursor: int, height: int, width: int) -> Text:
    start = max(0, min(cursor - height // 2, len(titles) - height))
    text = Text(no_wrap=True, overflow="ellipsis")
    for index in range(start, min(len(titles), start + height)):
        if index > start:
            text.append("\n")
        line = ("▶ " if index == cursor else "  ") + fit(clean(titles[index]), width - 2)
        text.append(line, style="bold reverse" if index == cursor else "#bbbbbb")
    return text


def card_panel(ctx: ViewContext, card: Card, index: int, total: int) -> Panel:
    """One campaign card, large."""
    lines: list[RenderableType] = [Text(clean(card.title), style="bold #ffd700"), Text("")]
    for key, value in (("card_do", card.do), ("purpose", card.purpose), ("goal", card.goal)):
        line = Text.assemble((f"{ctx.t(key)}: ", "bold"))
        line.append(clean(value))
        lines.append(line)
    tags = "  ".join(f"#{clean(tag)}" for tag in card.tags)
    lines += [Text(""), Text(f"{ctx.t('weeks', count=card.weeks)}   {tags}", style="#bbbbbb")]
    return Panel(
        Group(*lines),
        title=Text(ctx.t("card_of", n=index + 1, total=total), style="bold"),
        title_align="left",
        border_style="#56b4e9",
        padding=(0, 1),
    )
