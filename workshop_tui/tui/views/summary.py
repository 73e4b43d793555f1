"""The service card: the agreed level per area, its consensus check and the campaign, as
`workshop_tui.domain.service_card` computes it for the phones and the exports too."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType
from rich.panel import Panel
from rich.text import Text

from workshop_tui.domain.deck import SummaryStep
from workshop_tui.domain.service_card import (
    AreaLevel,
    ConsensusCheck,
    draft_words,
    origin_words,
    service_card,
)
from workshop_tui.domain.state import CampaignPlan
from workshop_tui.tui.layout import block, fill, wrap
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import Palette, palette
from workshop_tui.tui.views.base import StepView, ViewContext
from workshop_tui.tui.views.paging import PagedView

# A panel's padding (rows, columns): roomy when its text fits, tight when it would not.
ROOMY = (1, 2)
TIGHT = (0, 1)


def plan_lines(ctx: ViewContext, plan: CampaignPlan, width: int, p: Palette) -> list[Text]:
    """A chosen campaign, one field after another, each wrapped in full to `width`."""
    lines = wrap(Text(clean(plan.title), style=f"bold {p.accent}"), width)
    for key, value in (
        ("purpose", plan.purpose),
        ("goal", plan.goal),
        ("period", f"{plan.start} – {plan.end}"),
        ("owner", plan.owner),
        ("followup", plan.followup),
    ):
        line = Text.assemble((f"{ctx.t(key)}: ", "bold"))
        line.append(clean(value))
        lines += wrap(line, width)
    return lines


def framed(
    view: StepView,
    ctx: ViewContext,
    lines_at: Callable[[int], list[Text]],
    title: Text,
    border: str,
    size: tuple[int, int],
    what: str,
) -> Panel:
    """The lines `lines_at` lays out for an inner width, in a panel of `size` (the view's
    width × height): with room around them if they fit so, else tighter; what does not fit
    even then is left out with "more" on its last line and noted as the text of `what`."""
    width, height = size
    p = palette(view)
    for padding in (ROOMY, TIGHT):
        rows, columns = padding
        # The border takes a cell on each side, the padding `columns` more.
        lines = lines_at(max(10, width - 2 - 2 * columns))
        if len(lines) <= height - 2 - 2 * rows:
            break
    more = Text(ctx.t("more_text"), style=f"bold {p.info}")
    shown, cut = fill(lines, max(1, height - 2 - 2 * rows), more)
    if cut:
        view.left_out(ctx.t("cut_text", title=clean(what)))
    return Panel(block(shown), title=title, border_style=border, padding=padding, width=width)


class SummaryView(PagedView):
    """The pocket service card, as big as the screen allows; ↑/↓ page through its areas when
    they do not all fit."""

    reveals = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Which of this drawing's blocks are areas, to count them in "▼ 2 more areas (↓)".
        self._areas: list[bool] = []

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, SummaryStep)
        p = palette(self)
        card = service_card(ctx.state)

        def blocks_at(inner: int) -> list[list[Text]]:
            """The card's blocks at `inner` width: each area is one, read whole on a page."""
            blocks: list[list[Text]] = []
            self._areas = []
            draft = draft_words(card, ctx.t)
            if draft is not None:
                lines = wrap(Text(draft, style=f"bold {p.warning}"), inner)
                if card.consensus is not None and card.consensus.status == "not_agreed":
                    # Only this session's own check can be run again from here.
                    back = ctx.t("card_draft_back")
                    lines += wrap(Text(back, style=p.muted), inner)
                blocks.append([*lines, Text("")])
            if step.text:
                blocks.append([*wrap(Text(clean(step.text), style="italic"), inner), Text("")])
            self._areas = [False] * len(blocks)
            for area in card.areas:
                line = Text.assemble(("★ ", f"bold {p.accent}"), (f"{clean(area.name)}: ", "bold"))
                line += level_text(ctx, card.locked, area, p)
                if area.origin is not None:
                    style = p.warning if area.origin.kind == "draft" else p.muted
                    line.append(f" ({origin_words(area.origin, ctx.t)})", style=f"italic {style}")
                # Wrapped under the name, not under the star, so each area starts at the margin.
                blocks.append(wrap(line, inner))
                self._areas.append(True)
            if not card.areas:
                blocks.append([Text(ctx.t("no_levels_yet"), style=f"italic {p.muted}")])
            if card.consensus is not None:
                blocks.append([Text(""), *wrap(consensus_line(ctx, card.consensus, p), inner)])
            if card.campaign is not None:
                chosen = [Text(""), Text(ctx.t("chosen_campaign"), style=p.muted)]
                blocks.append(chosen + plan_lines(ctx, card.campaign, inner, p))
            self._areas += [False] * (len(blocks) - len(self._areas))
            return blocks

        for padding in (ROOMY, TIGHT):
            rows, columns = padding
            # The border takes a cell on each side, the padding `columns` more.
            blocks = blocks_at(max(10, width - 2 - 2 * columns))
            room = max(1, height - 2 - 2 * rows)
            if sum(map(len, blocks)) <= room:
                break
        areas = self._areas
        more = Text(ctx.t("more_text"), style=f"bold {p.info}")
        shown, whole = self.pager.page(
            blocks,
            room,
            lambda first: paging_line(ctx, "page_above", sum(areas[:first]), p),
            lambda rest: paging_line(ctx, "page_below", sum(areas[rest:]), p),
            more,
        )
        if not whole:
            self.left_out(ctx.t("cut_text", title=ctx.t("service_card")))
        self.offer_cursor(self.pager.paged)
        title = Text(f" {ctx.t('service_card')} · {clean(card.title)} ", style="bold")
        border = f"bold {p.warning}" if card.draft else f"bold {p.accent}"
        return Panel(block(shown), title=title, border_style=border, padding=padding, width=width)


def paging_line(ctx: ViewContext, key: str, areas: int, p: Palette) -> Text:
    """ "▼ 2 more areas (↓)" (`key` "page_below") or "▲ 3 areas above (↑)" ("page_above"):
    how many areas are on the other pages and the key that brings them; without a count when
    what is there is not an area."""
    words = ctx.t(f"{key}_areas", count=areas) if areas else ctx.t(key)
    return Text(words, style=f"bold {p.info}")


def level_text(ctx: ViewContext, locked: bool, area: AreaLevel, p: Palette) -> Text:
    """An area's agreed rung, or why there is none: not locked yet, or no common rung."""
    if not locked:
        return Text(ctx.t("level_open"), style=f"italic {p.muted}")
    if area.level_text is None:
        return Text(ctx.t("no_level"))
    return Text(clean(area.level_text))


def consensus_line(ctx: ViewContext, check: ConsensusCheck, p: Palette) -> Text:
    """Whether the fist of five confirmed the card's levels."""
    key = f"card_consensus_{check.status}"
    text = ctx.t(key, threshold=check.threshold, below=check.below)
    style = {"agreed": f"bold {p.info}", "not_agreed": f"bold {p.warning}"}
    return Text(text, style=style.get(check.status, f"italic {p.muted}"))
