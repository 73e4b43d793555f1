"""What each step view actually paints is readable in both themes: every coloured run of text
in a view's drawing, hidden and revealed, against the ground it is drawn on (WCAG 4.5:1, as
the palette's own pairs in `test_theme.py`)."""

from __future__ import annotations

import pytest
from rich.color import Color
from rich.segment import Segment

from tests.tui.conftest import PEOPLE, SCRIPT, WALK_PLAN, MakeApp, answer, join, settle
from tests.tui.test_theme import contrast
from workshop_tui.domain.commands import ChooseCampaign, GoTo, LockLevels, SetRevealed
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.theme import PALETTES, THEME_PREFIX

LEAST = 4.5


def _hex(color: Color | None, default: str) -> str:
    if color is None or color.is_default:
        return default
    return color.get_truecolor().hex


def poorly_readable(app: ProjectorApp, theme: str) -> list[str]:
    """Each run of text the view on screen paints below `LEAST` against its ground."""
    view = app.view
    assert view is not None
    ground = PALETTES[theme].background
    text = PALETTES[theme].text
    console = app.console
    options = console.options.update_width(max(10, view.content_region.width))
    poor = []
    for segment in console.render(view.render(), options):
        if not isinstance(segment, Segment) or not segment.text.strip() or segment.style is None:
            continue
        fg = _hex(segment.style.color, text)
        bg = _hex(segment.style.bgcolor, ground)
        if segment.style.reverse:
            fg, bg = bg, fg
        ratio = contrast(fg, bg)
        if ratio < LEAST:
            poor.append(f"{segment.text.strip()!r}: {fg} on {bg} {ratio:.1f}")
    return poor


@pytest.mark.parametrize("theme", sorted(PALETTES))
async def test_every_view_paints_readable_text(make_app: MakeApp, theme: str) -> None:
    app = make_app()
    app.theme = THEME_PREFIX + theme
    poor: dict[str, list[str]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        hub = app.hub
        people = await join(hub, *PEOPLE)
        # The scripted session (as `walk_to` plays it), each step drawn hidden and revealed.
        for index, step in enumerate(hub.state.workshop.steps):
            await hub.execute(GoTo(index, hub.clock()))
            for pid, payload in zip(people, SCRIPT.get(step.id, []), strict=False):
                await answer(hub, pid, step.id, payload)
            for revealed in (False, True):
                if hub.state.steps[step.id].revealed != revealed:
                    await hub.execute(SetRevealed(step.id, revealed))
                await settle(pilot)
                shown = poorly_readable(app, theme)
                if shown:
                    poor[f"{step.id} ({'revealed' if revealed else 'hidden'})"] = shown
            if step.kind == "levels":
                await hub.execute(LockLevels(step.id))
            if step.kind == "campaign":
                await hub.execute(ChooseCampaign(step.id, WALK_PLAN))
    assert not poor, f"{theme} theme: {poor}"
