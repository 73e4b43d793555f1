"""The service card: the agreed level per area and the campaign the group chose."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from workshop_tui.domain.deck import CampaignStep, LevelsStep, SummaryStep
from workshop_tui.domain.state import CampaignPlan
from workshop_tui.tui.safe import clean
from workshop_tui.tui.views.base import StepView, ViewContext
from workshop_tui.tui.views.consensus import agreed_levels


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
        lines: list[RenderableType] = []
        if step.text:
            lines += [Text(clean(step.text), style="italic"), Text("")]
        any_levels = False
        for other in ctx.state.workshop.steps:
            if isinstance(other, LevelsStep):
                for area, rung in agreed_levels(ctx, other.id):
                    any_levels = True
                    line = Text.assemble(("★ ", "bold #ffd700"))
                    line.append(f"{clean(area)}: ", style="bold")
                    line.append(clean(rung) if rung is not None else ctx.t("no_level"))
                    lines.append(line)
        if not any_levels:
            lines.append(Text(ctx.t("no_levels_yet"), style="italic #bbbbbb"))
        for other in ctx.state.workshop.steps:
            plan = ctx.state.steps[other.id].plan
            if isinstance(other, CampaignStep) and plan is not None:
                lines += [Text(""), Text(ctx.t("chosen_campaign"), style="#bbbbbb")]
                lines += plan_lines(ctx, plan)
        title = clean(ctx.state.workshop.workshop.title)
        return Panel(
            Group(*lines),
            title=Text(f" {ctx.t('service_card')} · {title} ", style="bold"),
            border_style="bold #ffd700",
            padding=(1, 2),
        )
