"""Following up a campaign: did we reach the goal, and what changed."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.text import Text

from workshop_tui.domain.answers import REACHED
from workshop_tui.domain.campaign import has_started
from workshop_tui.domain.deck import FollowupStep
from workshop_tui.domain.service_card import carried_levels
from workshop_tui.tui.bars import Row, bar_chart
from workshop_tui.tui.layout import block, bulleted, fill, fill_blocks, wrap
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import Palette, palette
from workshop_tui.tui.views.base import StepView, ViewContext, hidden_notice


class FollowupView(StepView):
    """The yes/partly/no split, then what people say changed, newest first."""

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, FollowupStep)
        p = palette(self)
        question = [Text(""), *wrap(Text(clean(step.changed_question), style="bold"), width)]
        revealed = ctx.step_state.revealed
        # What the results need at the least: the notice that they are hidden, or a row per
        # bar of the split, the question and a line of what changed (the rest is counted).
        notice = hidden_notice(ctx, p)
        results = len(REACHED) + len(question) + 1 if revealed else len(wrap(notice, width))
        # What the group chose last time takes half the screen, more when the results leave
        # it room: the goal is what the group judges, so it is read whole. Whether the earlier
        # level was agreed or a draft is never cut: on a small screen the campaign and the
        # levels give way before that heading does.
        budget = max(1, height // 2, height - results)
        heading, levels = _previous_levels(ctx, width, p)
        more = Text(ctx.t("more_text"), style=f"bold {p.info}")
        campaign, cut = fill(_campaign(ctx, width, p), max(1, budget - len(heading)), more)
        if heading:
            shown_levels, cut_levels = fill(levels, max(1, budget - len(campaign)), more)
            campaign = [*campaign, *heading, *shown_levels]
            cut = cut or cut_levels
        if cut:
            self.left_out(ctx.t("cut_text", title=ctx.t("followup_of")))
        if not revealed:
            return Group(*([block(campaign)] if campaign else []), notice)
        answers = ctx.answers
        rows = []
        for reached in REACHED:
            count = sum(1 for answer in answers.values() if answer["reached"] == reached)
            rows.append(Row(ctx.t(f"reached_{reached}"), count, str(count), note=""))
        at = ctx.step_state.answered_at
        newest = sorted(answers, key=lambda pid: -at.get(pid, 0.0))
        changed = [
            bulleted(Text(words), width, "• ", f"bold {p.accent}")
            for words in (clean(answers[pid]["changed"]) for pid in newest)
            if words
        ]
        # The split gets up to three rows a bar, less when what changed needs the room.
        fixed = len(campaign) + len(question)
        wanted = sum(len(lines) for lines in changed)
        room = max(len(rows), height - fixed - min(wanted, max(3, height // 3)))
        chart = bar_chart(rows, width, room, p, maximum=max(1, len(answers)))
        shown, left = fill_blocks(changed, max(0, height - fixed - chart.height))
        if left:
            self.left_out(ctx.t("cut_changed", count=left), counted=True)
            shown.append(Text(ctx.t("more_count", count=left), style=f"bold {p.info}"))
        parts = [block(campaign)] if campaign else []
        return Group(*parts, chart.renderable, block([*question, *shown]))


def _campaign(ctx: ViewContext, width: int, p: Palette) -> list[Text]:
    """The earlier campaign this session follows up: its title, goal and period, and plainly
    when it has not started yet (the register picks one only when none has)."""
    earlier = ctx.state.earlier_campaign
    if earlier is None:
        return []
    plan = earlier.plan
    lines = [
        Text(ctx.t("followup_of"), style=p.muted),
        *wrap(Text(clean(plan.title), style=f"bold {p.accent}"), width),
    ]
    for key, value in (("goal", plan.goal), ("period", f"{plan.start} – {plan.end}")):
        line = Text.assemble((f"{ctx.t(key)}: ", "bold"))
        line.append(clean(value))
        lines += wrap(line, width)
    if not has_started(plan, date.fromtimestamp(ctx.now)):
        notice = ctx.t("followup_not_started", start=plan.start)
        lines += wrap(Text(notice, style=f"bold {p.warning}"), width)
    return [*lines, Text("")]


def _previous_levels(ctx: ViewContext, width: int, p: Palette) -> tuple[list[Text], list[Text]]:
    """The level the group locked per area in its latest earlier session, each in full, so
    that the group sees where it stood when it chose the campaign: its heading (agreed, or a
    draft when that session's fist of five did not agree) and its lines; none without one."""
    levels = carried_levels(ctx.state)
    if not levels:
        return [], []
    draft = any(level.origin is not None and level.origin.kind == "draft" for level in levels)
    if draft:
        heading = Text(ctx.t("previous_levels_draft"), style=f"bold {p.warning}")
    else:
        heading = Text(ctx.t("previous_levels"), style=p.muted)
    lines = []
    for level in levels:
        line = Text.assemble((f"{clean(level.name)}: ", "bold"))
        words = level.level_text if level.level_text is not None else ctx.t("previous_no_level")
        line.append(clean(words))
        lines += wrap(line, width)
    return wrap(heading, width), [*lines, Text("")]
