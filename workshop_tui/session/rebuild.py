"""A session's state rebuilt from what its file holds: for the hub on resume, and read-only for
exports and the campaign register (which may read a session another process has open).

The store keeps commands, never states; the state is always the result of applying them again.
"""

from __future__ import annotations

import pickle
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from workshop_tui.domain import rules
from workshop_tui.domain.commands import from_dict
from workshop_tui.domain.deck import CardDeck, Workshop, stored_workshop
from workshop_tui.domain.state import (
    CampaignPlan,
    EarlierCampaign,
    PreviousLevel,
    PreviousResults,
    SessionState,
    Settings,
)
from workshop_tui.domain.verdict import Refused
from workshop_tui.session.store import StoreError, read_session

__all__ = ["Headers", "StoreError", "read_state", "replay", "state_from_meta"]

Model = TypeVar("Model", Workshop, CardDeck)


class Headers:
    """The workshops and card decks of session headers already validated, for a reader of many
    sessions (an organisation's folders mostly hold the same few workshops). A header that holds
    exactly what one seen before held gets the model built then: the models are frozen, so
    sessions may share them. Keeps the `size` most recently used, so memory stays bounded."""

    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._seen: OrderedDict[tuple[str, bytes], Workshop | CardDeck] = OrderedDict()

    def workshop(self, data: object) -> Workshop:
        """The workshop a header holds (`stored_workshop`)."""
        return self._validated(data, stored_workshop, Workshop)

    def card_deck(self, data: object) -> CardDeck:
        """A card deck a header holds."""
        return self._validated(data, CardDeck.model_validate, CardDeck)

    def _validated(
        self, data: object, build: Callable[[object], Model], kind: type[Model]
    ) -> Model:
        if not self._size:
            return build(data)
        # Pickled, not compared with ==: the bytes keep each value's type, and validation is
        # strict (true, 1 and 1.0 are different headers though Python finds them equal).
        key = (kind.__name__, pickle.dumps(data, pickle.HIGHEST_PROTOCOL))
        known = self._seen.get(key)
        if isinstance(known, kind):
            self._seen.move_to_end(key)
            return known
        built = build(data)
        self._seen[key] = built
        if len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return built


def state_from_meta(meta: dict[str, Any], headers: Headers | None = None) -> SessionState:
    """A fresh session state from a session file's header; `headers` reuses the workshops and
    card decks of headers read before (read-only readers of many sessions)."""
    known = Headers(size=0) if headers is None else headers
    earlier = meta.get("followup_of")
    history = meta.get("history")
    return SessionState(
        workshop=known.workshop(meta["workshop"]),
        card_decks={k: known.card_deck(v) for k, v in meta["card_decks"].items()},
        room=meta["room"],
        settings=Settings(**meta.get("settings", {})),
        earlier_campaign=None
        if earlier is None
        else EarlierCampaign(
            earlier["session"], earlier["step_id"], CampaignPlan(**earlier["plan"])
        ),
        previous=None
        if history is None
        else PreviousResults(
            {
                step: {item: float(m) for item, m in means.items()}
                for step, means in history["scales"].items()
            },
            {area: PreviousLevel(**level) for area, level in history["levels"].items()},
        ),
    )


def replay(
    meta: dict[str, Any], commands: list[dict[str, Any]], headers: Headers | None = None
) -> SessionState:
    """Rebuild the state by applying every stored command again, in order."""
    state = state_from_meta(meta, headers)
    for number, data in enumerate(commands, start=1):
        try:
            rules.apply(state, from_dict(data))
        except (Refused, ValueError) as exc:
            raise StoreError(
                f"stored command {number} ({data.get('type')}) no longer applies: {exc}; "
                "the session file was left as it is"
            ) from None
    return state


def read_state(path: Path, headers: Headers | None = None) -> tuple[dict[str, Any], SessionState]:
    """A saved session's header and state, read without locking or changing its files (safe
    while the session runs elsewhere); StoreError, naming the file, if it cannot be read.
    `headers` reuses what earlier reads validated (see `Headers`)."""
    meta, commands = read_session(path)
    try:
        return meta, replay(meta, commands, headers)
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"{path} has a header this version cannot read: {exc}") from None
    except StoreError as exc:
        raise StoreError(f"{path}: {exc}") from None
