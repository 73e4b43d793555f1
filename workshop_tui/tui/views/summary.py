"""The service card: the agreed level per area, its consensus check and the campaign, as
`workshop_tui.domain.service_card` computes it for the phones and the exports too."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from workshop_tui.domain.deck import SummaryStep
from workshop_tui.domain.service_card import AreaLevel, ConsensusCheck, service_card
from workshop_tui.domain.state import CampaignPlan
from workshop_tui.tui.bars import AGREE, DISAGREE
from workshop_tui.tui.safe import clean
from workshop_tui.tui.views.base import StepView, ViewContext


def plan_lines(ctx: ViewContext, plan: CampaignPlan) -> list[Text]:
    """A chosen campaign, one field per line."""
    lines = [Text(clean(plan.title), style="bold #ffd700")]
    for key, value in (
        ("purpose", plan.purpose),
        ("goal", plan.goal),
        ("period", f"{plan.start} – {plan.end}"),
        ("owner", plan.owner),
        ("followup", plan.followup),
    ):
        line = Text.assemble((f"{ctx.t(key)}: ", "bold"))
        line.append(clean(value))
        lines.append(line)
    return lines


class SummaryView(StepView):
    """The pocket service card, as big as the screen allows."""

    reveals = False

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, SummaryStep)
        card = service_card(ctx.state)
        lines: list[RenderableType] = []
        if card.draft and card.consensus is not None:
            check = card.consensus
            draft = ctx.t("card_draft", below=check.below, threshold=check.threshold)
            lines += [
                Text(draft, style=f"bold {DISAGREE}"),
                Text(ctx.t("card_draft_back"), style="#bbbbbb"),
                Text(""),
            ]
        if step.text:
            lines += [Text(clean(step.text), style="italic"), Text("")]
        for area in card.areas:
            line = Text.assemble(("★ ", "bold #ffd700"))
            line.append(f"{clean(area.name)}: ", style="bold")
            lines.append(line + level_text(ctx, card.locked, area))
        if not card.areas:
            lines.append(Text(ctx.t("no_levels_yet"), style="italic #bbbbbb"))
        if card.consensus is not None:
            lines += [Text(""), consensus_line(ctx, card.consensus)]
        if card.campaign is not None:
            lines += [Text(""), Text(ctx.t("chosen_campaign"), style="#bbbbbb")]
            lines += plan_lines(ctx, card.campaign)
        return Panel(
            Group(*lines),
            title=Text(f" {ctx.t('service_card')} · {clean(card.title)} ", style="bold"),
            border_style=f"bold {DISAGREE}" if card.draft else "bold #ffd700",
            padding=(1, 2),
        )


def level_text(ctx: ViewContext, locked: bool, area: AreaLevel) -> Text:
    """An area's agreed rung, or why there is none: not locked yet, or no common rung."""
    if not locked:
        return Text(ctx.t("level_open"), style="italic #bbbbbb")
    if area.level_text is None:
        return Text(ctx.t("no_level"))
    return Text(clean(area.level_text))


def consensus_line(ctx: ViewContext, check: ConsensusCheck) -> Text:
    """Whether the fist of five confirmed the card's levels."""
    key = f"card_consensus_{check.status}"
    text = ctx.t(key, threshold=check.threshold, below=check.below)
    style = {"agreed": f"bold {AGREE}", "not_agreed": f"bold {DISAGREE}"}
    return Text(text, style=style.get(check.status, "italic #bbbbbb"))
