"""Following up a campaign: did we reach the goal, and what changed."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from workshop_tui.domain.answers import REACHED
from workshop_tui.domain.deck import FollowupStep
from workshop_tui.tui.bars import bar_table
from workshop_tui.tui.safe import clean, fit
from workshop_tui.tui.views.base import StepView, ViewContext, hidden_notice, lines_needed


class FollowupView(StepView):
    """The yes/partly/no split, then what people say changed, newest first."""

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, FollowupStep)
        if not ctx.step_state.revealed:
            return hidden_notice(ctx)
        answers = ctx.answers
        rows = []
        for reached in REACHED:
            count = sum(1 for answer in answers.values() if answer["reached"] == reached)
            rows.append((ctx.t(f"reached_{reached}"), count, str(count)))
        parts: list[RenderableType] = [bar_table(rows, width, maximum=max(1, len(answers)))]
        parts += [Text(""), Text(clean(step.changed_question), style="bold #ffd700")]
        at = ctx.step_state.answered_at
        newest = sorted(answers, key=lambda pid: -at.get(pid, 0.0))
        room = height - 5
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
