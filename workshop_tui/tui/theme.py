"""The projector's colours, as design tokens in two Textual themes: dark for a dim room, light
for a bright one (a washed-out projector often reads dark-on-light better).

Every colour the projector paints comes from here: `.tcss` files use the tokens as variables
(`$muted`, `$info`, `$on-accent`, ...), and views that draw Rich text ask `palette(widget)` for
the current theme's values. `READABLE` lists each text/background pair the screens use, which a
test holds to WCAG contrast (4.5:1 for text, 3:1 for large text and chart marks).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from textual.app import App
from textual.dom import DOMNode
from textual.theme import Theme
from textual.types import NoActiveAppError


@dataclass(frozen=True)
class Palette:
    """One theme's design tokens (hex colours)."""

    background: str
    # Ordinary text.
    text: str
    # Secondary text: labels, hints, the parts of a line that are not the point.
    muted: str
    # Hidden or set-aside items the facilitator still sees (never the point of a screen).
    dim: str
    # What the room should look at: the question, the group's level, the room code.
    accent: str
    # Text on an accent background (the room-code badge, "locked").
    on_accent: str
    # Counts and live figures.
    info: str
    warning: str
    on_warning: str
    error: str
    on_error: str
    success: str
    # Bars, footer, notes: a panel set off from the background.
    panel: str
    # The facilitator's cursor row.
    selection: str
    # Chart series (choice options, scale areas, columns), distinguishable from each other and
    # from the background.
    series: tuple[str, ...]

    def tokens(self) -> dict[str, str]:
        """The palette as Textual CSS variables (`series` as `series-1` … `series-6`)."""
        out: dict[str, str] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if field.name == "series":
                for index, colour in enumerate(value, start=1):
                    out[f"series-{index}"] = colour
            else:
                out[field.name.replace("_", "-")] = value
        return out


DARK = Palette(
    background="#000000",
    text="#ffffff",
    muted="#bbbbbb",
    dim="#8a8a8a",
    accent="#ffd700",
    on_accent="#000000",
    info="#56b4e9",
    warning="#e69f00",
    on_warning="#000000",
    error="#ff6b4a",
    on_error="#000000",
    success="#2ec27e",
    panel="#1a1a1a",
    selection="#1f3a5f",
    # Okabe-Ito, colour-blind safe; its dark blue (#0072b2) is too dark on black, so a light
    # blue stands in for it.
    series=("#e69f00", "#56b4e9", "#009e73", "#f0e442", "#cc79a7", "#ff8c5a", "#9ecbff"),
)

LIGHT = Palette(
    background="#ffffff",
    text="#000000",
    muted="#3d3d3d",
    dim="#6b6b6b",
    accent="#0b3d91",
    on_accent="#ffffff",
    info="#005a9c",
    warning="#8f4700",
    on_warning="#ffffff",
    error="#b00020",
    on_error="#ffffff",
    success="#00613e",
    panel="#e6e6e6",
    selection="#cfe0ff",
    series=("#b35900", "#0072b2", "#00704f", "#6e6200", "#a0457a", "#c03c00", "#3d5a99"),
)

# The names `--theme` accepts, with their palettes.
PALETTES: dict[str, Palette] = {"dark": DARK, "light": LIGHT}
THEME_PREFIX = "workshop-"

# Each (foreground, background, minimum ratio) the screens paint, all at text's 4.5:1: WCAG
# allows 3:1 for large text and chart marks, but series colours also colour labels and a
# projector loses contrast on the wall.
READABLE: tuple[tuple[str, str, float], ...] = (
    ("text", "background", 4.5),
    ("muted", "background", 4.5),
    ("dim", "background", 4.5),
    ("accent", "background", 4.5),
    ("info", "background", 4.5),
    ("warning", "background", 4.5),
    ("error", "background", 4.5),
    ("success", "background", 4.5),
    ("text", "panel", 4.5),
    ("muted", "panel", 4.5),
    ("accent", "panel", 4.5),
    ("info", "panel", 4.5),
    ("warning", "panel", 4.5),
    ("on_accent", "accent", 4.5),
    ("on_warning", "warning", 4.5),
    ("on_error", "error", 4.5),
    ("text", "selection", 4.5),
    ("accent", "selection", 4.5),
    *((f"series[{i}]", "background", 4.5) for i in range(7)),
)


def theme(name: str) -> Theme:
    """The Textual theme for the palette called `name` ("dark" or "light")."""
    p = PALETTES[name]
    return Theme(
        name=THEME_PREFIX + name,
        primary=p.accent,
        accent=p.accent,
        foreground=p.text,
        background=p.background,
        surface=p.background,
        panel=p.panel,
        warning=p.warning,
        error=p.error,
        success=p.success,
        dark=name != "light",
        variables=p.tokens(),
    )


def use_theme(app: App[None], name: str) -> None:
    """Register both projector themes on `app` and switch to `name`."""
    for each in PALETTES:
        app.register_theme(theme(each))
    app.theme = THEME_PREFIX + name


def palette(node: DOMNode) -> Palette:
    """The palette of the theme `node`'s app is showing (dark before the app has one)."""
    try:
        name = node.app.theme
    except NoActiveAppError:  # a view drawn outside an app (a test's renderable): the default
        return DARK
    return PALETTES.get(name.removeprefix(THEME_PREFIX), DARK)
