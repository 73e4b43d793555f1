"""Reading deck files: TOML workshops and card decks, checked strictly.

Every problem becomes a `Problem` that names the file, the line, the field and what was expected,
so that a facilitator who edits a deck in a text editor can go straight to the mistake.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from workshop_tui.domain.deck import (
    LANGUAGES,
    STEP_KINDS,
    Area,
    CampaignStep,
    Card,
    CardDeck,
    ChoiceStep,
    ConsensusStep,
    FollowupStep,
    LevelsStep,
    LobbyStep,
    PromptStep,
    ReferenceError_,
    ScaleStep,
    Step,
    SummaryStep,
    VoteStep,
    Workshop,
    check_card_ids,
    check_references,
)

Deck = Workshop | CardDeck
DEFAULT_WORKSHOP = "stjarnklass"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a deck file."""

    path: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class DeckError(Exception):
    """A deck file (or a set of them) that cannot be used; `problems` lists every reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)


def bundled_dir() -> Path:
    """Where the bundled decks are: inside the installed wheel, or `decks/` of a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "bundled_decks"
    return installed if installed.is_dir() else package.parent / "decks"


def _field_name(loc: Sequence[str | int]) -> str:
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def _strip_tags(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """Drop pydantic's union tags ('steps', 3, 'prompt', 'x' -> 'steps', 3, 'x')."""
    out: list[str | int] = []
    for index, part in enumerate(loc):
        after_step = index >= 2 and loc[0] == "steps" and isinstance(loc[index - 1], int)
        if after_step and part in STEP_KINDS and index == 2:
            continue
        out.append(part)
    return tuple(out)


_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\- \"]+?)\s*\]\]?")


def _header(line: str) -> str | None:
    match = _HEADER.match(line)
    return match.group(1).replace(" ", "").replace('"', "") if match else None


def locate(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the TOML text where the value at `loc` is written (or its table)."""
    lines = text.splitlines()
    start, end = 0, len(lines)
    prefix: list[str] = []
    found: int | None = None
    i = 0
    while i < len(loc):
        key = loc[i]
        if not isinstance(key, str):
            i += 1
            continue
        table = ".".join([*prefix, key])
        if i + 1 < len(loc) and isinstance(loc[i + 1], int):
            headers = [n for n in range(start, end) if _header(lines[n]) == table]
            index = loc[i + 1]
            assert isinstance(index, int)
            if index < len(headers):
                start = found = headers[index]
                end = next(
                    (
                        n
                        for n in range(start + 1, end)
                        if (h := _header(lines[n])) is not None and not h.startswith(table + ".")
                    ),
                    end,
                )
                prefix.append(key)
                i += 2
                continue
        assignment = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for n in range(start, end):
            if n != start and _header(lines[n]) is not None:
                break
            if assignment.match(lines[n]):
                return n + 1
        header = next((n for n in range(start, end) if _header(lines[n]) == table), None)
        if header is None:
            break
        start = found = header
        end = next(
            (n for n in range(header + 1, end) if _header(lines[n]) is not None),
            end,
        )
        prefix.append(key)
        i += 1
    return None if found is None else found + 1


def _describe(error: Any) -> str:
    kind = error["type"]
    given = error.get("input")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a known field here; check the spelling (see docs/deck-format.md)"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return f"kind must be one of: {', '.join(STEP_KINDS)}"
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    if kind == "literal_error" and error["loc"][-1] == "language":
        message = f"must be one of {', '.join(LANGUAGES)}"
    shown = repr(given) if not isinstance(given, dict | list) else type(given).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{message[0].lower()}{message[1:]} (found {shown})"


def parse(path: Path, text: str) -> Deck:
    """Parse one deck's text; raise DeckError listing everything wrong with it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise DeckError(
            [Problem(path, int(match.group(1)) if match else None, "", f"TOML syntax: {exc}")]
        ) from None
    model: type[Deck]
    if "workshop" in data and "deck" not in data:
        model = Workshop
    elif "deck" in data and "workshop" not in data:
        model = CardDeck
    else:
        raise DeckError(
            [
                Problem(
                    path,
                    1,
                    "",
                    "a deck file starts with either a [workshop] table (an agenda of steps) "
                    "or a [deck] table (campaign cards), not both or neither",
                )
            ]
        )
    try:
        deck = model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = _strip_tags(error["loc"])
            if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
                loc = (*loc, "kind")
            problems.append(Problem(path, locate(text, loc), _field_name(loc), _describe(error)))
        raise DeckError(problems) from None
    if isinstance(deck, CardDeck):
        _raise(path, text, check_card_ids(deck))
    return deck


def _raise(path: Path, text: str, found: Iterable[ReferenceError_]) -> None:
    problems = [Problem(path, locate(text, e.path), _field_name(e.path), e.message) for e in found]
    if problems:
        raise DeckError(problems)


def load(path: Path) -> Deck:
    """Read and parse one deck file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DeckError([Problem(path, None, "", "no such file")]) from None
    except UnicodeDecodeError as exc:
        raise DeckError(
            [Problem(path, None, "", f"not UTF-8 text ({exc.reason}); save it as UTF-8")]
        ) from None
    except OSError as exc:
        raise DeckError([Problem(path, None, "", f"cannot be read: {exc.strerror}")]) from None
    return parse(path, text)


def card_decks_near(paths: Iterable[Path]) -> dict[str, CardDeck]:
    """Every valid card deck in the bundled folder and in the folders of `paths`."""
    folders = {bundled_dir(), *(p.parent for p in paths)}
    found: dict[str, CardDeck] = {}
    for folder in sorted(folders):
        for file in sorted(folder.glob("*.toml")):
            try:
                deck = load(file)
            except DeckError:
                continue
            if isinstance(deck, CardDeck):
                found.setdefault(deck.deck.id, deck)
    return found


def check(paths: Sequence[Path]) -> list[Problem]:
    """Validate deck files, including the card decks each workshop refers to."""
    problems: list[Problem] = []
    parsed: dict[Path, Deck] = {}
    for path in paths:
        try:
            parsed[path] = load(path)
        except DeckError as exc:
            problems.extend(exc.problems)
    decks = card_decks_near(paths)
    decks.update({d.deck.id: d for d in parsed.values() if isinstance(d, CardDeck)})
    for path, deck in parsed.items():
        if isinstance(deck, Workshop):
            try:
                _raise(path, path.read_text(encoding="utf-8"), check_references(deck, set(decks)))
            except DeckError as exc:
                problems.extend(exc.problems)
    return problems


def load_workshop(path: Path) -> tuple[Workshop, dict[str, CardDeck]]:
    """Load a workshop and the card decks it uses; raise DeckError if anything is wrong."""
    deck = load(path)
    if not isinstance(deck, Workshop):
        raise DeckError([Problem(path, 1, "", "this is a card deck, not a workshop")])
    decks = card_decks_near([path])
    _raise(path, path.read_text(encoding="utf-8"), check_references(deck, set(decks)))
    return deck, {i: decks[i] for i in sorted(deck.card_deck_ids())}


@dataclass(frozen=True)
class BundledDeck:
    path: Path
    kind: str
    id: str
    title: str
    language: str
    size: int


def bundled() -> list[BundledDeck]:
    """The bundled workshops and card decks."""
    result = []
    for file in sorted(bundled_dir().glob("*.toml")):
        deck = load(file)
        if isinstance(deck, Workshop):
            info = deck.workshop
            result.append(
                BundledDeck(file, "workshop", info.id, info.title, info.language, len(deck.steps))
            )
        else:
            result.append(
                BundledDeck(
                    file,
                    "cards",
                    deck.deck.id,
                    deck.deck.title,
                    deck.deck.language,
                    len(deck.cards),
                )
            )
    return result


def resolve_workshop(name: str | None, language: str) -> Path:
    """A workshop file from a path, a bundled id (`stjarnklass-sv`), or a bundled name plus the
    language (`stjarnklass` + `sv`); no name means the default workshop."""
    name = name or DEFAULT_WORKSHOP
    candidate = Path(name)
    if candidate.suffix == ".toml" or candidate.exists():
        return candidate
    folder = bundled_dir()
    for stem in (name, f"{name}-{language}", f"{name}-en"):
        if (folder / f"{stem}.toml").is_file():
            return folder / f"{stem}.toml"
    known = ", ".join(d.id for d in bundled() if d.kind == "workshop")
    raise DeckError(
        [Problem(candidate, None, "", f"no such deck file or bundled workshop; bundled: {known}")]
    )
