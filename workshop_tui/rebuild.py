"""A session's state rebuilt from what its file holds: for the hub on resume, and read-only for
exports and the campaign register (which may read a session another process has open).

The store keeps commands, never states; the state is always the result of applying them again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop_tui.domain import rules
from workshop_tui.domain.commands import from_dict
from workshop_tui.domain.deck import CardDeck, stored_workshop
from workshop_tui.domain.state import (
    CampaignPlan,
    EarlierCampaign,
    PreviousLevel,
    PreviousResults,
    SessionState,
    Settings,
)
from workshop_tui.domain.verdict import Refused
from workshop_tui.store import StoreError, read_session

__all__ = ["StoreError", "read_state", "replay", "state_from_meta"]


def state_from_meta(meta: dict[str, Any]) -> SessionState:
    """A fresh session state from a session file's header."""
    earlier = meta.get("followup_of")
    history = meta.get("history")
    return SessionState(
        workshop=stored_workshop(meta["workshop"]),
        card_decks={k: CardDeck.model_validate(v) for k, v in meta["card_decks"].items()},
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


def replay(meta: dict[str, Any], commands: list[dict[str, Any]]) -> SessionState:
    """Rebuild the state by applying every stored command again, in order."""
    state = state_from_meta(meta)
    for number, data in enumerate(commands, start=1):
        try:
            rules.apply(state, from_dict(data))
        except (Refused, ValueError) as exc:
            raise StoreError(
                f"stored command {number} ({data.get('type')}) no longer applies: {exc}; "
                "the session file was left as it is"
            ) from None
    return state


def read_state(path: Path) -> tuple[dict[str, Any], SessionState]:
    """A saved session's header and state, read without locking or changing its files (safe
    while the session runs elsewhere); StoreError, naming the file, if it cannot be read."""
    meta, commands = read_session(path)
    try:
        return meta, replay(meta, commands)
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"{path} has a header this version cannot read: {exc}") from None
    except StoreError as exc:
        raise StoreError(f"{path}: {exc}") from None
