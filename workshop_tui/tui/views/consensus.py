"""Fist of five: the distribution of fingers, and whether everyone is at the threshold or above."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from workshop_tui.domain import moderation, tally
from workshop_tui.domain.deck import ConsensusStep, LevelsStep
from workshop_tui.domain.service_card import area_levels, ladder_to_redo
from workshop_tui.tui.bars import Row, bar_chart
from workshop_tui.tui.layout import block, bulleted, fill, fill_blocks, wrap
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import Palette, palette
from workshop_tui.tui.views.base import ViewContext, hidden_notice
from workshop_tui.tui.views.paging import PagedView
from workshop_tui.tui.views.summary import level_text, paging_line


class ConsensusView(PagedView):
    """Fingers from five down to none, agreement first; ↑/↓ page through the levels being
    confirmed when they do not all fit."""

    ACTIONS = frozenset({"cursor", "new_round"})

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, ConsensusStep)
        p = palette(self)
        top: list[Text] = []
        if ctx.step_state.round > 1:
            top.append(Text(ctx.t("round", n=ctx.step_state.round), style="bold"))
        source = ctx.state.workshop.step(step.levels_step)
        confirming: list[list[Text]] = []
        if isinstance(source, LevelsStep) and ctx.state.steps[source.id].levels is not None:
            # The levels the room is confirming, each in full: they are what it decides on.
            top.append(Text(ctx.t("levels_to_confirm"), style=p.muted))
            for area in area_levels(ctx.state, source):
                line = Text.assemble((f"{clean(area.name)}: ", "bold"))
                line.append_text(level_text(ctx, True, area, p))
                confirming.append(wrap(line, width))
        if not ctx.step_state.revealed:
            levels = self._levels(ctx, top, confirming, max(1, height // 2))
            return Group(*([block(levels)] if levels else []), hidden_notice(ctx, p))
        result = tally.consensus(
            (answer["fist"] for answer in ctx.answers.values()), step.threshold
        )
        verdict: list[Text] = [Text("")]
        # What the facilitator can do next: the first to give way when the screen is short.
        hint: list[Text] = []
        if not result.responses:
            verdict.append(Text(ctx.t("consensus_waiting"), style=f"italic {p.muted}"))
        elif result.agreed:
            yes = Text(ctx.t("consensus_yes", threshold=step.threshold), style=f"bold {p.info}")
            verdict += wrap(yes, width)
        else:
            no = ctx.t("consensus_no", below=result.below, threshold=step.threshold)
            verdict += wrap(Text(no, style=f"bold {p.warning}"), width)
        if ladder_to_redo(ctx.state) is not None:
            # The same rule that offers the key (`c`) says so here.
            hint = wrap(Text(ctx.t("consensus_back"), style=p.muted), width)
        head, reasons, tail = _reasons(ctx, step, width, p)
        rows = [
            Row(ctx.t("fingers", count=n), result.counts[n], str(result.counts[n]), note="")
            for n in range(5, -1, -1)
        ]
        colours = [p.info if n >= step.threshold else p.warning for n in range(5, -1, -1)]
        wanted = len(head) + len(tail) + sum(len(lines) for lines in reasons)
        # The levels take at most half the screen and leave room for the bars, the verdict and
        # a line for the reasons; the bars take what is left less a few lines for the reasons,
        # which then get the rest; the earlier rounds whatever is left after that.
        most = height - len(rows) - len(verdict) - (1 if reasons else 0)
        levels = self._levels(ctx, top, confirming, max(1, min(height // 2, most)))
        fixed = len(levels) + len(verdict)
        room = max(len(rows), height - fixed - min(wanted, max(4, height // 4)))
        chart = bar_chart(rows, width, room, p, colours=colours)
        rest = max(0, height - fixed - chart.height)
        shown, left = fill_blocks(reasons, rest - len(head) - len(tail))
        if reasons and len(head) + len(tail) + 1 > rest:
            # No room for even the heading: one line says how many reasons there are.
            shown, left, head, tail = [], len(reasons), [], []
        if left:
            self.left_out(ctx.t("cut_reasons", count=left), counted=True)
            shown.append(Text(ctx.t("more_count", count=left), style=f"bold {p.info}"))
        below = [*verdict, *head, *shown, *tail, *hint, *_earlier_rounds(ctx, step, width, p)]
        space = max(0, height - len(levels) - chart.height)
        if len(below) > space:
            below = [*verdict, *head, *shown, *tail][:space]
        parts = [block(levels)] if levels else []
        return Group(*parts, chart.renderable, block(below))

    def _levels(
        self, ctx: ViewContext, top: list[Text], confirming: list[list[Text]], height: int
    ) -> list[Text]:
        """The heading `top`, then the levels being confirmed (`confirming`, an area's lines
        each) and a blank line, in `height` lines: when the areas do not all fit, a page of
        whole areas that says how many are on the others and that ↑/↓ bring them."""
        p = palette(self)
        more = Text(ctx.t("more_text"), style=f"bold {p.info}")
        # The blank line after the areas is part of what they need.
        room = max(1, height - len(top) - 1)
        shown, whole = self.pager.page(
            confirming,
            room,
            lambda first: paging_line(ctx, "page_above", first, p),
            lambda rest: paging_line(ctx, "page_below", len(confirming) - rest, p),
            more,
        )
        self.offer_cursor(self.pager.paged)
        lines = [*top, *shown, Text("")] if confirming else top
        lines, cut = fill(lines, height, more)
        if cut or not whole:
            self.left_out(ctx.t("cut_text", title=ctx.t("levels_to_confirm")))
        return lines


def _reasons(
    ctx: ViewContext, step: ConsensusStep, width: int, p: Palette
) -> tuple[list[Text], list[list[Text]], list[Text]]:
    """What would bring the people below the threshold up to it, this round: a heading, each
    reason wrapped in full, and how many the word filter holds. In alphabetical order and
    never with a name, so nobody can tell who wrote which; with the word filter on, a reason
    it matches is only counted."""
    reasons = tally.consensus_reasons(ctx.answers.values())
    if not reasons:
        return [], [], []
    language = ctx.state.workshop.workshop.language
    shown = [
        r
        for r in reasons
        if not (ctx.state.settings.word_filter and moderation.flagged(r, language))
    ]
    heading = Text(ctx.t("consensus_reasons", threshold=step.threshold), style="bold")
    blocks = [bulleted(Text(clean(r)), width, "• ", f"bold {p.warning}") for r in shown]
    tail: list[Text] = []
    if len(shown) < len(reasons):
        held = ctx.t("consensus_reasons_held", count=len(reasons) - len(shown))
        tail = wrap(Text(held, style=f"italic {p.muted}"), width)
    return [Text(""), *wrap(heading, width)], blocks, tail


def _earlier_rounds(ctx: ViewContext, step: ConsensusStep, width: int, p: Palette) -> list[Text]:
    """One line per finished round, newest first: how many answered and how many were below
    the threshold (never who)."""
    lines: list[Text] = []
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
        lines += wrap(Text(summary, style=p.muted), width)
    return [Text(""), *lines] if lines else []
