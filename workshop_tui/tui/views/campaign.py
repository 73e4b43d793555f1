"""The campaign: browse the card deck, then the shortlist by votes, then the chosen plan.

Which of the three shows follows the step's state: the plan once one is chosen, the shortlist
once the results are revealed, the deck before that. The cursor picks the card to plan; a card
taller than the screen is shown in pages, which ↓ turns before it moves on to the next card.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from textual.screen import Screen

from workshop_tui.domain import tally
from workshop_tui.domain.campaign import busy_until, cards_in_play, narrowed_cards
from workshop_tui.domain.commands import ChooseCampaign, NarrowDeck
from workshop_tui.domain.deck import CampaignStep, Card
from workshop_tui.domain.state import CampaignPlan
from workshop_tui.tui.bars import Row, bar_chart
from workshop_tui.tui.layout import block, wrap, wrap_plain
from workshop_tui.tui.plan_form import PlanScreen
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import Palette, palette
from workshop_tui.tui.views.base import DialogKit, StepView, ViewContext
from workshop_tui.tui.views.paging import Pager
from workshop_tui.tui.views.summary import ROOMY, TIGHT, framed, plan_lines

LIST_MIN_WIDTH = 100


class CampaignView(StepView):
    """One campaign step, in whichever of its three phases it is."""

    has_cursor = True
    ACTIONS = frozenset({"cursor", "choose", "narrow"})

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cursor = 0
        # The pages of the card under the cursor, and which card they are of: another card
        # starts on its first page.
        self.pager = Pager()
        self._paged_card: str | None = None

    def action_choose(self) -> None:
        """Plan the campaign card under the cursor."""
        ctx = self.ctx
        card = self.selected()
        if ctx is None or card is None:
            return
        step = ctx.step
        assert isinstance(step, CampaignStep)

        def build(kit: DialogKit) -> Screen[Any]:
            async def submit(plan: CampaignPlan) -> str | None:
                return await kit.send(ChooseCampaign(step.id, plan))

            today = date.fromtimestamp(ctx.now)
            busy = busy_until(kit.state(), step.id)
            saved = ctx.step_state.plan
            return PlanScreen(card, today, ctx.language, submit, busy, saved)

        self.post_message(self.Open(build))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "narrow":
            # Narrowing is for the vote: gone once the results or a plan are on the wall.
            return self._before_results()
        return super().check_action(action, parameters)

    def binding_state(self) -> tuple[object, ...]:
        return (*super().binding_state(), self._before_results())

    def _before_results(self) -> bool:
        ctx = self.ctx
        return ctx is not None and not ctx.step_state.revealed and ctx.step_state.plan is None

    def action_narrow(self) -> None:
        """Narrow the vote to the proposed cards (those of the culture areas rated lowest), or,
        narrowed already, put the whole deck back. The hub refuses it once anyone has voted."""
        ctx = self.ctx
        if ctx is None:
            return
        step = ctx.step
        assert isinstance(step, CampaignStep)
        narrowed = ctx.step_state.cards is not None
        self.cursor = 0
        self.send(NarrowDeck(step.id, () if narrowed else narrowed_cards(ctx.state, step)))

    def cards(self) -> list[Card]:
        """The cards in the order the cursor walks them (those in play: the narrowed deck's,
        if narrowed): the group's role's first, or by votes."""
        ctx = self.ctx
        if ctx is None:
            return []
        step = ctx.step
        assert isinstance(step, CampaignStep)
        cards = cards_in_play(ctx.state, step)
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
        """The card's next (1) or previous (-1) page while it has one, else the next or
        previous card: ↓ reads a long card to its end, then goes on."""
        pages = self.pager
        if pages.paged and 1 <= pages.number + delta <= pages.count:
            pages.move(delta)
        else:
            self.cursor = max(0, min(len(self.cards()) - 1, self.cursor + delta))
        self.refresh()

    def _votes(self, ctx: ViewContext) -> list[tuple[str, int]]:
        step = ctx.step
        assert isinstance(step, CampaignStep)
        # In the browsing order, so that a tie puts the group's role's card first.
        cards = cards_in_play(ctx.state, step)
        total = tally.stacked(answer["votes"] for answer in ctx.answers.values())
        return tally.ranked(total, [card.id for card in cards])

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        p = palette(self)
        plan = ctx.step_state.plan
        if plan is not None:
            title = Text(ctx.t("chosen_campaign"), style="bold")
            border = f"bold {p.accent}"

            def plan_at(inner: int) -> list[Text]:
                return plan_lines(ctx, plan, inner, p)

            self.pager.reset()
            return framed(self, ctx, plan_at, title, border, (width, height), plan.title)
        selected = self.selected()
        if ctx.step_state.revealed or selected is None:
            # No card on the wall: ↑/↓ walk the shortlist, or nothing.
            self.pager.reset()
            return self._shortlist(ctx, width, height, p) if selected else Text("")
        narrowed = self._narrowed_line(ctx, p)
        if narrowed is not None:
            body = self._deck(ctx, selected, width, max(1, height - 2))
            return Group(narrowed, Text(""), body)
        return self._deck(ctx, selected, width, height)

    def _narrowed_line(self, ctx: ViewContext, p: Palette) -> Text | None:
        """How many of the deck's cards are in play, when the facilitator narrowed the deck."""
        step = ctx.step
        assert isinstance(step, CampaignStep)
        if ctx.step_state.cards is None:
            return None
        total = len(ctx.state.card_decks[step.card_deck].cards)
        words = ctx.t("phone_deck_narrowed", count=len(self.cards()), total=total)
        return Text(words, style=f"bold {p.info}")

    def _deck(self, ctx: ViewContext, selected: Card, width: int, height: int) -> RenderableType:
        """The deck to browse: the card under the cursor, beside the list where it fits."""
        p = palette(self)
        total = len(self.cards())
        if width < LIST_MIN_WIDTH:
            return self._card(ctx, selected, (self.cursor, total), (width, height))
        side = width // 3
        card_width = width - side - 2
        titles = [card.title for card in self.cards()]
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=side)
        grid.add_column(width=card_width)
        grid.add_row(
            _listing(ctx, titles, self.cursor, (side, height), p),
            self._card(ctx, selected, (self.cursor, total), (card_width, height)),
        )
        return grid

    def _card(
        self, ctx: ViewContext, card: Card, place: tuple[int, int], size: tuple[int, int]
    ) -> Panel:
        """One campaign card, every field wrapped in full, in a panel of `size`: with room
        around its text if it fits so, else tighter, else in pages of whole fields (the panel
        says which page of how many, the page's edges which key brings the rest)."""
        p = palette(self)
        width, height = size
        if card.id != self._paged_card:
            self.pager.reset()
            self._paged_card = card.id
        for padding in (ROOMY, TIGHT):
            rows, columns = padding
            # The border takes a cell on each side, the padding `columns` more.
            blocks = card_blocks(ctx, card, max(10, width - 2 - 2 * columns), p)
            room = max(1, height - 2 - 2 * rows)
            if sum(map(len, blocks)) <= room:
                break
        pages = self.pager
        shown, whole = pages.page(
            blocks,
            room,
            lambda _: Text(ctx.t("page_above"), style=f"bold {p.info}"),
            lambda _: Text(ctx.t("page_below"), style=f"bold {p.info}"),
            Text(ctx.t("more_text"), style=f"bold {p.info}"),
        )
        if not whole:
            self.left_out(ctx.t("cut_text", title=clean(card.title)))
        index, total = place
        words = ctx.t("card_of", n=index + 1, total=total)
        if pages.paged:
            words += f" · {ctx.t('page_of', n=pages.number, total=pages.count)}"
        title = Text(words, style="bold")
        border = f"bold {p.info}"
        return Panel(block(shown), title=title, border_style=border, padding=padding, width=width)

    def _shortlist(self, ctx: ViewContext, width: int, height: int, p: Palette) -> Group:
        titles = {card.id: card.title for card in self.cards()}
        rows = [
            Row(
                titles[card_id],
                votes,
                ctx.t("votes", count=votes),
                marker=f"{'▶ ' if place == self.cursor else '  '}{place + 1}. ",
            )
            for place, (card_id, votes) in enumerate(self._votes(ctx))
        ]
        chart = bar_chart(rows, width, max(1, height - 2), p)
        parts: list[RenderableType] = [
            Text(ctx.t("shortlist"), style="bold underline"),
            Text(""),
            chart.renderable,
        ]
        if chart.left_out:
            parts.append(Text(ctx.t("more_count", count=chart.left_out), style=f"bold {p.info}"))
            self.left_out(ctx.t("cut_cards", count=chart.left_out), counted=True)
        return Group(*parts)


def _listing(
    ctx: ViewContext, titles: list[str], cursor: int, size: tuple[int, int], p: Palette
) -> Text:
    """The deck's titles, each wrapped in full, as many as fit around the cursor's, with how
    many more there are above and below."""
    width, height = size
    wrapped = [
        [
            Text(("▶ " if n == 0 else "  ") if index == cursor else "  ") + Text(line)
            for n, line in enumerate(wrap_plain(clean(title), max(1, width - 2)))
        ]
        for index, title in enumerate(titles)
    ]
    for line in wrapped[cursor]:
        line.stylize(f"bold {p.on_accent} on {p.accent}")
    # The cursor's card, then the ones before it up to half the room, then the ones after.
    room = max(1, height - 2)
    first = last = cursor
    used = len(wrapped[cursor])
    while first > 0 and used + len(wrapped[first - 1]) <= room // 2:
        first -= 1
        used += len(wrapped[first])
    while last + 1 < len(titles) and used + len(wrapped[last + 1]) <= room:
        last += 1
        used += len(wrapped[last])
    while first > 0 and used + len(wrapped[first - 1]) <= room:
        first -= 1
        used += len(wrapped[first])
    lines: list[Text] = []
    if first:
        lines.append(Text(ctx.t("more_above", count=first), style=f"bold {p.info}"))
    for index in range(first, last + 1):
        lines += wrapped[index]
    if last + 1 < len(titles):
        below = len(titles) - last - 1
        lines.append(Text(ctx.t("more_count", count=below), style=f"bold {p.info}"))
    return block(lines)


def card_blocks(ctx: ViewContext, card: Card, width: int, p: Palette) -> list[list[Text]]:
    """A campaign card's parts, each wrapped in full to `width` and read whole on a page: its
    title, what we do, the purpose, the goal, and its weeks and tags."""
    title = [*wrap(Text(clean(card.title), style=f"bold {p.accent}"), width), Text("")]
    fields = []
    for key, value in (("card_do", card.do), ("purpose", card.purpose), ("goal", card.goal)):
        line = Text.assemble((f"{ctx.t(key)}: ", "bold"))
        line.append(clean(value))
        fields.append(wrap(line, width))
    tags = "  ".join(f"#{clean(tag)}" for tag in card.tags)
    footer = Text(f"{ctx.t('weeks', count=card.weeks)}   {tags}", style=p.muted)
    return [title, *fields, [Text(""), *wrap(footer, width)]]
