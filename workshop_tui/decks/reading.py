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
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

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
    StepBase,
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
    # This file is workshop_tui/decks/reading.py; the bundled decks sit beside the package.
    package = Path(__file__).resolve().parents[1]
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


Loc = tuple[str | int, ...]


def _shown(value: object) -> str:
    """A value as a problem names it: short, and a TOML table by what it is."""
    shown = "a table" if isinstance(value, dict) else repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _describe(error: Any) -> str:
    kind = error["type"]
    given = error.get("input")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a known field here; check the spelling (see docs/deck-format.md)"
    kinds = ", ".join(STEP_KINDS)
    if kind == "union_tag_not_found":
        return f"is required but missing; it must be one of: {kinds}"
    if kind == "union_tag_invalid":
        # pydantic's error is about the whole step table; what was written is its `kind`.
        written = given.get("kind") if isinstance(given, dict) else given
        return f"must be one of: {kinds} (found {_shown(written)})"
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "literal_error" and error["loc"][-1] == "language":
        message = f"must be one of {', '.join(LANGUAGES)}"
    message = f"{message[0].lower()}{message[1:]}"
    if kind == "value_error" and isinstance(given, dict):
        return message + _found_fields(message, given)
    return f"{message} (found {_shown(given)})"


def _found_fields(message: str, table: dict[str, Any]) -> str:
    """What a rule about a whole table found: the fields its message names, as written."""
    named = re.findall(r"'([a-z_]+)'", message)
    if not named:
        # The message names the values itself ("max (1) must be greater than min (5)").
        return ""
    present = [f"{name} = {_shown(table[name])}" for name in named if name in table]
    if present:
        return f" (found {', '.join(present)})"
    return " (found neither)" if len(named) == 2 else " (found none of them)"


# The errors about a list's length: its items can still be read, and checked for duplicates.
_LENGTH_ERRORS = ("too_long", "too_short")

_STEP_CLASSES: dict[str, type[StepBase]] = {
    "lobby": LobbyStep,
    "prompt": PromptStep,
    "choice": ChoiceStep,
    "scale": ScaleStep,
    "vote": VoteStep,
    "levels": LevelsStep,
    "consensus": ConsensusStep,
    "campaign": CampaignStep,
    "summary": SummaryStep,
    "followup": FollowupStep,
}


_Model = TypeVar("_Model", bound=BaseModel)


def _placeholder(*loc: str | int) -> str:
    """An id for a value that is not text: no reference can name it (a valid id has no
    brackets), so it is never a duplicate and never the target of a reference."""
    return f"<{_field_name(loc)}>"


def _text(table: object, key: str) -> str | None:
    value = table.get(key) if isinstance(table, dict) else None
    return value if isinstance(value, str) else None


def _items(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _unvalidated(model: type[_Model], fields: dict[str, Any]) -> _Model:
    """A model of only the fields the reference rules read (`check_references`,
    `check_card_ids`), built without validating: the rest of the table may be wrong."""
    return model.model_construct(**fields)


def _skeleton_step(raw: object, index: int) -> StepBase:
    """One step of a workshop with wrong fields, as far as the reference rules read it."""
    here = ("steps", index)
    fields: dict[str, Any] = {"id": _text(raw, "id") or _placeholder(*here, "id")}
    kind = _text(raw, "kind")
    if kind not in _STEP_CLASSES:
        # A step of no known kind refers to nothing; a step that refers to it is told the
        # kind that was written.
        return _unvalidated(LobbyStep, {**fields, "kind": kind or "(none)"})
    assert isinstance(raw, dict), "a step with a kind is a table"
    fields["kind"] = kind
    if kind == "vote":
        fields["options_from"] = _text(raw, "options_from")
    elif kind == "levels":
        sources = raw.get("proposals_from")
        if isinstance(sources, str | list):
            fields["proposals_from"] = [
                s if isinstance(s, str) else _placeholder(*here, "proposals_from", n)
                for n, s in enumerate([sources] if isinstance(sources, str) else sources)
            ]
        fields["areas"] = [
            _unvalidated(Area, {"id": _text(a, "id") or _placeholder(*here, "areas", n, "id")})
            for n, a in enumerate(_items(raw.get("areas")))
        ]
    elif kind == "consensus":
        fields["levels_step"] = _text(raw, "levels_step")
    elif kind == "campaign":
        fields["card_deck"] = _text(raw, "card_deck") or _placeholder(*here, "card_deck")
    return _unvalidated(_STEP_CLASSES[kind], fields)


def _skeleton_cards(data: dict[str, Any]) -> CardDeck:
    """What the duplicate-id rule needs of a card deck whose fields are wrong: each card's id,
    wherever it is text. So one run reports duplicate ids along with the wrong fields."""
    cards = [
        _unvalidated(Card, {"id": _text(c, "id") or _placeholder("cards", n, "id")})
        for n, c in enumerate(_items(data.get("cards")))
    ]
    return _unvalidated(CardDeck, {"cards": cards})


def _skeleton_workshop(data: dict[str, Any]) -> Workshop:
    """What the reference rules need of a workshop whose fields are wrong: each step's id, kind
    and references, wherever they are text. So one run of `check` reports duplicate ids and
    dangling references along with the wrong fields."""
    steps = [_skeleton_step(raw, n) for n, raw in enumerate(_items(data.get("steps")))]
    return _unvalidated(Workshop, {"steps": steps})


def _by_line(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.line or 0)


def _unreported(
    path: Path, text: str, reported: Sequence[Loc], found: Iterable[ReferenceError_]
) -> list[Problem]:
    """Problems for what the reference rules found, except at a field that already has one:
    an id that is not text is not reported again as a dangling reference. A rule about a whole
    step (`steps[4]`) hides nothing of its fields."""
    return [
        Problem(path, locate(text, e.path), _field_name(e.path), e.message)
        for e in found
        if not any(len(r) > 2 and e.path[: len(r)] == r for r in reported)
    ]


@dataclass(frozen=True)
class _Reading:
    """A deck file read as far as it goes on its own; a workshop's references wait for the
    card decks that are known (`every_problem`)."""

    path: Path
    text: str
    deck: Deck | None  # None when the file has problems of its own
    problems: list[Problem]
    agenda: Workshop | None  # the workshop (or its skeleton) whose references are to check
    reported: tuple[Loc, ...]  # the fields that already have a problem

    def every_problem(self, card_deck_ids: set[str]) -> list[Problem]:
        """The file's problems and its workshop's references, in the order of its lines."""
        if self.agenda is None:
            return self.problems
        found = check_references(self.agenda, card_deck_ids)
        return _by_line([*self.problems, *_unreported(self.path, self.text, self.reported, found)])


def _read(path: Path, text: str) -> _Reading:
    def refused(line: int | None, message: str) -> _Reading:
        return _Reading(path, text, None, [Problem(path, line, "", message)], None, ())

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        return refused(int(match.group(1)) if match else None, f"TOML syntax: {exc}")
    model: type[Deck]
    if "workshop" in data and "deck" not in data:
        model = Workshop
    elif "deck" in data and "workshop" not in data:
        model = CardDeck
    else:
        return refused(
            1,
            "a deck file starts with either a [workshop] table (an agenda of steps) "
            "or a [deck] table (campaign cards), not both or neither",
        )
    problems: list[Problem] = []
    reported: list[Loc] = []
    deck: Deck | None
    try:
        deck = model.model_validate(data)
    except ValidationError as exc:
        deck = None
        for error in exc.errors():
            loc = _strip_tags(error["loc"])
            if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
                loc = (*loc, "kind")
            problems.append(Problem(path, locate(text, loc), _field_name(loc), _describe(error)))
            if error["type"] not in _LENGTH_ERRORS:
                reported.append(loc)
    if model is CardDeck:
        cards = deck if isinstance(deck, CardDeck) else _skeleton_cards(data)
        found = _unreported(path, text, reported, check_card_ids(cards))
        problems = _by_line([*problems, *found])
        return _Reading(path, text, None if problems else deck, problems, None, tuple(reported))
    agenda = deck if isinstance(deck, Workshop) else _skeleton_workshop(data)
    return _Reading(path, text, deck, problems, agenda, tuple(reported))


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DeckError([Problem(path, None, "", "no such file")]) from None
    except UnicodeDecodeError as exc:
        raise DeckError(
            [Problem(path, None, "", f"not UTF-8 text ({exc.reason}); save it as UTF-8")]
        ) from None
    except OSError as exc:
        raise DeckError([Problem(path, None, "", f"cannot be read: {exc.strerror}")]) from None


def parse(path: Path, text: str) -> Deck:
    """Parse one deck's text; raise DeckError listing everything wrong with it on its own (a
    workshop's references to steps and card decks: `check` and `load_workshop`)."""
    reading = _read(path, text)
    if reading.deck is None:
        raise DeckError(reading.problems)
    return reading.deck


def load(path: Path) -> Deck:
    """Read and parse one deck file."""
    return parse(path, _read_text(path))


def card_decks_near(paths: Iterable[Path]) -> dict[str, CardDeck]:
    """Every valid card deck in the folders of `paths` and in the bundled folder. A deck
    beside the workshop wins over a bundled one of the same id, wherever the folders are
    (sorting them by name made it depend on where the checkout happened to live)."""
    folders = list(dict.fromkeys([*(p.parent for p in paths), bundled_dir()]))
    found: dict[str, CardDeck] = {}
    for folder in folders:
        for file in sorted(folder.glob("*.toml")):
            try:
                deck = load(file)
            except DeckError:
                continue
            if isinstance(deck, CardDeck):
                found.setdefault(deck.deck.id, deck)
    return found


def check(paths: Sequence[Path]) -> list[Problem]:
    """Every problem of the deck files, file by file: their fields, their duplicate ids and the
    references of each workshop to steps and to card decks (near them, or among `paths`)."""
    readings: list[_Reading | DeckError] = []
    for path in paths:
        try:
            readings.append(_read(path, _read_text(path)))
        except DeckError as exc:
            readings.append(exc)
    known = set(card_decks_near(paths)) | {
        r.deck.deck.id for r in readings if isinstance(r, _Reading) and isinstance(r.deck, CardDeck)
    }
    problems: list[Problem] = []
    for reading in readings:
        problems += (
            reading.problems if isinstance(reading, DeckError) else reading.every_problem(known)
        )
    return problems


def over_time(paths: Sequence[Path]) -> list[tuple[Path, int, int]]:
    """The workshops among `paths` whose planned minutes (steps and breaks) exceed the time
    they state: each as its path, its planned minutes and its `minutes`."""
    late = []
    for path in paths:
        deck = load(path)
        if isinstance(deck, Workshop):
            planned = deck.planned_minutes()
            if planned > deck.workshop.minutes:
                late.append((path, planned, deck.workshop.minutes))
    return late


def load_workshop(path: Path) -> tuple[Workshop, dict[str, CardDeck]]:
    """Load a workshop and the card decks it uses; raise DeckError if anything is wrong."""
    reading = _read(path, _read_text(path))
    if isinstance(reading.deck, CardDeck):
        raise DeckError([Problem(path, 1, "", "this is a card deck, not a workshop")])
    decks = card_decks_near([path])
    problems = reading.every_problem(set(decks))
    if problems:
        raise DeckError(problems)
    deck = reading.deck
    assert isinstance(deck, Workshop), "a reading without problems has its deck"
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
