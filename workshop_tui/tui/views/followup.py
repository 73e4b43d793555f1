"""Following up a campaign: did we reach the goal, and what changed."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.text import Text

from workshop_tui.domain.answers import REACHED
from workshop_tui.domain.campaign import has_started
from workshop_tui.domain.deck import FollowupStep
from workshop_tui.tui.bars import bar_table
from workshop_tui.tui.safe import clean, fit
from workshop_tui.tui.views.base import StepView, ViewContext, hidden_notice, lines_needed


class FollowupView(StepView):
    """The yes/partly/no split, then what people say changed, newest first."""

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, FollowupStep)
        campaign = [*_campaign(ctx), *_previous_levels(ctx, width)]
        if not ctx.step_state.revealed:
            return Group(*campaign, hidden_notice(ctx))
        answers = ctx.answers
        rows = []
        for reached in REACHED:
            count = sum(1 for answer in answers.values() if answer["reached"] == reached)
            rows.append((ctx.t(f"reached_{reached}"), count, str(count)))
        parts: list[RenderableType] = [
            *campaign,
            bar_table(rows, width, maximum=max(1, len(answers))),
        ]
        parts += [Text(""), Text(clean(step.changed_question), style="bold #ffd700")]
        at = ctx.step_state.answered_at
        newest = sorted(answers, key=lambda pid: -at.get(pid, 0.0))
        room = height - 5 - len(campaign)
        for pid in newest:
            changed = clean(answers[pid]["changed"])
            if not changed:
                continue
            text = "• " + fit(changed, width * 2 - 2)
            room -= lines_needed(text, width)
            if room < 0:
                break
            parts.append(Text(text))
        return Group(*parts)


def _campaign(ctx: ViewContext) -> list[Text]:
    """The earlier campaign this session follows up: its title, goal and period, and plainly
    when it has not started yet (the register picks one only when none has)."""
    earlier = ctx.state.earlier_campaign
    if earlier is None:
        return []
    plan = earlier.plan
    lines = [
        Text(ctx.t("followup_of"), style="#bbbbbb"),
        Text(clean(plan.title), style="bold #ffd700"),
    ]
    for key, value in (("goal", plan.goal), ("period", f"{plan.start} – {plan.end}")):
        line = Text.assemble((f"{ctx.t(key)}: ", "bold"))
        line.append(clean(value))
        lines.append(line)
    if not has_started(plan, date.fromtimestamp(ctx.now)):
        notice = ctx.t("followup_not_started", start=plan.start)
        lines.append(Text(notice, style="bold #e69f00"))
    return [*lines, Text("")]


def _previous_levels(ctx: ViewContext, width: int) -> list[Text]:
    """The level the group agreed per area in its latest earlier session, one line each, so
    that the group sees where it stood when it chose the campaign."""
    previous = ctx.state.previous
    if previous is None or not previous.levels:
        return []
    lines = [Text(ctx.t("previous_levels"), style="#bbbbbb")]
    for level in previous.levels.values():
        line = Text.assemble((f"{fit(clean(level.name), width // 3)}: ", "bold"))
        words = level.text if level.text is not None else ctx.t("previous_no_level")
        line.append(fit(clean(words), max(10, width - line.cell_len)))
        lines.append(line)
    return [*lines, Text("")]
