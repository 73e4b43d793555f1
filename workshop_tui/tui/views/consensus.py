"""Fist of five: the distribution of fingers, and whether everyone is at the threshold or above."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from workshop_tui.domain import moderation, tally
from workshop_tui.domain.deck import ConsensusStep, LevelsStep
from workshop_tui.domain.service_card import area_levels
from workshop_tui.tui.bars import AGREE, DISAGREE, bar_table
from workshop_tui.tui.safe import clean, fit
from workshop_tui.tui.views.base import StepView, ViewContext, hidden_notice
from workshop_tui.tui.views.summary import level_text


class ConsensusView(StepView):
    """Fingers from five down to none, agreement first."""

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, ConsensusStep)
        parts: list[RenderableType] = []
        if ctx.step_state.round > 1:
            parts.append(Text(ctx.t("round", n=ctx.step_state.round), style="bold"))
        source = ctx.state.workshop.step(step.levels_step)
        if isinstance(source, LevelsStep) and ctx.state.steps[source.id].levels is not None:
            parts.append(Text(ctx.t("levels_to_confirm"), style="#bbbbbb"))
            for area in area_levels(ctx.state, source):
                line = Text.assemble((f"{fit(clean(area.name), width // 3)}: ", "bold"))
                line.append(level_text(ctx, True, area))
                parts.append(line)
            parts.append(Text(""))
        if not ctx.step_state.revealed:
            parts.append(hidden_notice(ctx))
            return Group(*parts)
        result = tally.consensus(
            (answer["fist"] for answer in ctx.answers.values()), step.threshold
        )
        rows = [
            (ctx.t("fingers", count=n), result.counts[n], str(result.counts[n]))
            for n in range(5, -1, -1)
        ]
        colours = [AGREE if n >= step.threshold else DISAGREE for n in range(5, -1, -1)]
        parts.append(bar_table(rows, width, colours=colours))
        parts.append(Text(""))
        if not result.responses:
            parts.append(Text(ctx.t("consensus_waiting"), style="italic #bbbbbb"))
        elif result.agreed:
            parts.append(
                Text(ctx.t("consensus_yes", threshold=step.threshold), style=f"bold {AGREE}")
            )
        else:
            verdict = ctx.t("consensus_no", below=result.below, threshold=step.threshold)
            parts.append(Text(verdict, style=f"bold {DISAGREE}"))
            parts.append(Text(ctx.t("consensus_back"), style="#bbbbbb"))
        parts.extend(_reasons(ctx, step, width))
        parts.extend(_earlier_rounds(ctx, step))
        return Group(*parts)


def _reasons(ctx: ViewContext, step: ConsensusStep, width: int) -> list[Text]:
    """What would bring the people below the threshold up to it, this round: in alphabetical
    order and never with a name, so nobody can tell who wrote which. With the word filter on,
    a reason it matches is only counted."""
    reasons = tally.consensus_reasons(ctx.answers.values())
    if not reasons:
        return []
    language = ctx.state.workshop.workshop.language
    shown = [
        r
        for r in reasons
        if not (ctx.state.settings.word_filter and moderation.flagged(r, language))
    ]
    lines = [Text(""), Text(ctx.t("consensus_reasons", threshold=step.threshold), style="bold")]
    lines += [Text("• ").append(fit(clean(reason), width * 2)) for reason in shown]
    if len(shown) < len(reasons):
        held = ctx.t("consensus_reasons_held", count=len(reasons) - len(shown))
        lines.append(Text(held, style="italic #bbbbbb"))
    return lines


def _earlier_rounds(ctx: ViewContext, step: ConsensusStep) -> list[Text]:
    """One line per finished round, newest first: how many answered and how many were below
    the threshold (never who)."""
    lines = []
    for number in range(ctx.step_state.round - 1, 0, -1):
        answers = ctx.step_state.answers.get(number, {})
        result = tally.consensus((a["fist"] for a in answers.values()), step.threshold)
        summary = ctx.t(
            "consensus_round",
            n=number,
            responses=result.responses,
            below=result.below,
            threshold=step.threshold,
        )
        lines.append(Text(summary, style="#bbbbbb"))
    return [Text(""), *lines] if lines else []
