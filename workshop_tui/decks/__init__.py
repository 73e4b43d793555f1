"""Deck files: reading and checking a workshop and its card decks (`reading`, whose public
names are this package's), the same workshop in other languages run in parallel with
`--also-in` (`parallel`), and sorting a group's texts into a ladder's areas (`sorting`).
Never imports the projector or the participant server (checked by the import contracts)."""

from workshop_tui.decks.reading import (
    BundledDeck,
    Deck,
    DeckError,
    Problem,
    bundled,
    bundled_dir,
    check,
    load,
    load_workshop,
    over_time,
    resolve_workshop,
)

__all__ = [
    "BundledDeck",
    "Deck",
    "DeckError",
    "Problem",
    "bundled",
    "bundled_dir",
    "check",
    "load",
    "load_workshop",
    "over_time",
    "resolve_workshop",
]
