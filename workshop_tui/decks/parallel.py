"""`--also-in`: the parallel workshop files a session's phones may read it in.

Each entry is a language (`fi`: the file beside the session's workshop named by the bundled
decks' pattern, `stjarnklass-sv.toml` -> `stjarnklass-fi.toml`) or a workshop file's path (its
language is the one its [workshop] table names). Every file is loaded like the session's own
and must be structurally the same workshop (`domain.parallel.first_difference`); otherwise
`ParallelError` says, in the catalogue's words, where they first differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from workshop_tui import decks
from workshop_tui.catalogue import t
from workshop_tui.domain.deck import LANGUAGES, CardDeck, Workshop
from workshop_tui.domain.parallel import Difference, Translation, first_difference

_NAMED = re.compile(rf"^(?P<base>.+)-(?P<language>{'|'.join(LANGUAGES)})$")


class ParallelError(Exception):
    """A parallel workshop that cannot be used: its catalogue key and the values it names."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def message(self, language: str) -> str:
        """What went wrong, in `language`."""
        return t(language, self.key, **self.values)


def entries(values: Iterable[str] | None) -> list[str]:
    """`--also-in fi,en --also-in other.toml` as its entries, in order."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def sibling(primary: Path, language: str) -> Path:
    """The file of `language` beside `primary`, named the way the bundled decks are."""
    match = _NAMED.match(primary.stem)
    if match is None:
        raise ParallelError("parallel_unnamed", lang=language, primary=primary.name)
    return primary.with_name(f"{match['base']}-{language}{primary.suffix}")


def _file(primary: Path, entry: str) -> tuple[Path, str | None]:
    """The file an entry names, and the language it was asked for by (None for a path)."""
    if entry in LANGUAGES:
        return sibling(primary, entry), entry
    if entry.endswith(".toml") or Path(entry).exists():
        return Path(entry), None
    raise ParallelError("parallel_unknown", entry=entry, languages=", ".join(LANGUAGES))


def load_parallel(
    primary: Path, workshop: Workshop, card_decks: dict[str, CardDeck], asked: Sequence[str]
) -> dict[str, Translation]:
    """The parallel workshops `asked` names, by language, each checked against the session's
    `workshop` read from `primary`. DeckError for a file that cannot be read as a workshop;
    ParallelError for one in the wrong language or not structurally the same."""
    found: dict[str, Translation] = {}
    files = {workshop.workshop.language: primary}
    for entry in asked:
        path, language = _file(primary, entry)
        other, other_cards = decks.load_workshop(path)
        written = other.workshop.language
        if language is not None and written != language:
            raise ParallelError(
                "parallel_wrong_language", file=path.name, found=written, asked=language
            )
        if written in files:
            raise ParallelError(
                "parallel_same_language",
                file=path.name,
                lang=written,
                other=files[written].name,
            )
        difference = first_difference(workshop, card_decks, other, other_cards)
        if difference is not None:
            raise _mismatch(difference, primary, path)
        files[written] = path
        found[written] = Translation(other, other_cards)
    return found


def _mismatch(difference: Difference, primary: Path, other: Path) -> ParallelError:
    first, second = primary.name, other.name
    if first == second:
        first, second = str(primary), str(other)
    return ParallelError(
        f"parallel_{difference.code}",
        n=difference.step,
        step=difference.step_id,
        field=difference.field,
        where=difference.where,
        first=difference.first,
        second=difference.second,
        first_file=first,
        second_file=second,
    )
