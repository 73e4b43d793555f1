"""The shape and limits of an answer to each step kind.

`validate_answer` takes the JSON a phone sent and returns the normalised payload that is stored,
or raises `Refused` with a message that says what to change. Payload shapes, by step kind:

- prompt: ``{"answers": [{"text": str, "column": int}, ...]}``
- choice: ``{"options": [int, ...]}`` (indexes into the step's options)
- scale: ``{"ratings": [int | None, ...]}`` (one per item; None skips an item)
- vote: ``{"dots": {"<option index>": int, ...}}``
- levels: ``{"rungs": {"<area id>": int, ...}}`` (highest rung index committed to; -1: none)
- consensus: ``{"fist": int}`` (0-5), and below the threshold maybe ``"reason": str`` (what
  would get this person to the threshold; shown to the room without a name)
- campaign: ``{"votes": {"<card id>": int, ...}}``
- followup: ``{"reached": "yes" | "partly" | "no", "changed": str}``
"""

from __future__ import annotations

import unicodedata
from typing import Any

from workshop_tui.domain.campaign import cards_in_play
from workshop_tui.domain.deck import (
    CampaignStep,
    ChoiceStep,
    ConsensusStep,
    FollowupStep,
    LevelsStep,
    PromptStep,
    ScaleStep,
    Step,
    VoteStep,
)
from workshop_tui.domain.state import SessionState, StepState
from workshop_tui.domain.text import refuse_unstorable
from workshop_tui.domain.verdict import Refused

NAME_MAX = 30
FOLLOWUP_TEXT_MAX = 500
REASON_MAX = 200
REACHED = ("yes", "partly", "no")


def clean_text(value: object, max_length: int, what: str) -> str:
    """Trim a participant's text and check it; raise Refused if it cannot be stored."""
    if not isinstance(value, str):
        raise Refused("bad_shape", f"{what} must be text")
    refuse_unstorable(value)
    text = value.strip()
    if not text:
        raise Refused("empty", f"{what} is empty; write something or leave it out")
    if len(text) > max_length:
        raise Refused(
            "too_long",
            f"{what} is {len(text)} characters; the limit is {max_length}. Shorten it.",
            length=len(text),
            limit=max_length,
        )
    if any(unicodedata.category(ch) == "Cc" and ch != "\n" for ch in text):
        raise Refused(
            "control_characters",
            f"{what} contains control characters; remove them and send it again",
        )
    return text


def _int(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused("bad_shape", f"{what} must be a whole number")
    if not low <= value <= high:
        raise Refused(
            "out_of_range", f"{what} must be between {low} and {high}", low=low, high=high
        )
    return value


def _dict(payload: dict[str, Any], key: str) -> dict[str, Any]:
    value = payload.get(key)
    if not isinstance(value, dict):
        raise Refused("bad_shape", f"the answer needs '{key}' as an object")
    return value


def _list(payload: dict[str, Any], key: str) -> list[Any]:
    value = payload.get(key)
    if not isinstance(value, list):
        raise Refused("bad_shape", f"the answer needs '{key}' as a list")
    return value


def _budget(spent: dict[str, Any], allowed: set[str], budget: int, what: str) -> dict[str, int]:
    """Check stackable votes: any number on one option, never more than `budget` in all."""
    clean: dict[str, int] = {}
    for key, count in spent.items():
        if key not in allowed:
            raise Refused("unknown_option", f"there is no {what} '{key}' to vote for")
        number = _int(count, f"the {what} count", 0, budget)
        if number:
            clean[key] = number
    total = sum(clean.values())
    if total > budget:
        raise Refused(
            "over_budget",
            f"{total} placed but you have {budget}; take {total - budget} back first",
            placed=total,
            budget=budget,
        )
    return clean


def vote_budget(step: CampaignStep, state: SessionState) -> int:
    """Votes per phone for a campaign step: the step's own number, else its card deck's."""
    return step.votes or state.card_decks[step.card_deck].deck.votes


def validate_answer(
    step: Step, step_state: StepState, state: SessionState, payload: object
) -> dict[str, Any]:
    """Return the payload to store for this step, or raise Refused."""
    if not isinstance(payload, dict):
        raise Refused("bad_shape", "the answer must be a JSON object")
    if isinstance(step, PromptStep):
        items = _list(payload, "answers")
        if len(items) > step.max_answers:
            raise Refused(
                "too_many",
                f"{len(items)} answers but this step takes at most {step.max_answers}",
                count=len(items),
                limit=step.max_answers,
            )
        columns = max(1, len(step.columns))
        answers = []
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise Refused("bad_shape", "each answer must be an object with 'text'")
            text = clean_text(item.get("text"), step.max_length, f"answer {number}")
            column = _int(item.get("column", 0), "column", 0, columns - 1)
            answers.append({"text": text, "column": column})
        return {"answers": answers}
    if isinstance(step, ChoiceStep):
        chosen = _list(payload, "options")
        picks = [_int(i, "option", 0, len(step.options) - 1) for i in chosen]
        if len(set(picks)) != len(picks):
            raise Refused("duplicate", "an option is chosen twice")
        if not picks:
            raise Refused("empty", "choose an option")
        if not step.multiple and len(picks) > 1:
            raise Refused("too_many", "choose only one option", limit=1)
        low, high = step.choice_limits()
        if len(picks) > high:
            raise Refused(
                "too_many_choices",
                f"{len(picks)} options chosen; choose at most {high}",
                count=len(picks),
                limit=high,
            )
        if len(picks) < low:
            raise Refused(
                "too_few_choices",
                f"{len(picks)} options chosen; choose at least {low}",
                count=len(picks),
                limit=low,
            )
        return {"options": sorted(picks)}
    if isinstance(step, ScaleStep):
        ratings = _list(payload, "ratings")
        if len(ratings) != len(step.items):
            raise Refused(
                "bad_shape", f"give {len(step.items)} ratings, one per item (null to skip one)"
            )
        clean = [None if r is None else _int(r, "a rating", step.min, step.max) for r in ratings]
        if all(r is None for r in clean):
            raise Refused("empty", "rate at least one item")
        return {"ratings": clean}
    if isinstance(step, VoteStep):
        allowed = {str(i) for i in range(len(step_state.options))}
        return {"dots": _budget(_dict(payload, "dots"), allowed, step.dots, "option")}
    if isinstance(step, LevelsStep):
        rungs = _dict(payload, "rungs")
        clean_rungs: dict[str, int] = {}
        for area_id, rung in rungs.items():
            ladder = step_state.ladders.get(area_id)
            if ladder is None:
                raise Refused("unknown_option", f"there is no service area '{area_id}'")
            clean_rungs[area_id] = _int(rung, "the rung", -1, len(ladder) - 1)
        if not clean_rungs:
            raise Refused("empty", "pick a rung in at least one area")
        return {"rungs": clean_rungs}
    if isinstance(step, ConsensusStep):
        fist = _int(payload.get("fist"), "the number of fingers", 0, 5)
        reason = payload.get("reason", "")
        # Only someone below the threshold says what would bring them up to it.
        if fist >= step.threshold or reason == "":
            return {"fist": fist}
        return {"fist": fist, "reason": clean_text(reason, REASON_MAX, "what would help")}
    if isinstance(step, CampaignStep):
        # A narrowed deck takes votes for its cards only.
        cards = {c.id for c in cards_in_play(state, step)}
        budget = vote_budget(step, state)
        return {"votes": _budget(_dict(payload, "votes"), cards, budget, "card")}
    if isinstance(step, FollowupStep):
        reached = payload.get("reached")
        if reached not in REACHED:
            raise Refused("bad_shape", "say whether the goal was reached: yes, partly or no")
        changed = payload.get("changed", "")
        text = "" if changed == "" else clean_text(changed, FOLLOWUP_TEXT_MAX, "what changed")
        return {"reached": reached, "changed": text}
    raise Refused("no_answers", f"the step '{step.title}' takes no answers")
