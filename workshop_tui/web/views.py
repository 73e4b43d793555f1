"""What one phone sees: the session state reduced to this participant's view, as JSON.

A view holds the current step's texts and options, whether it is open or locked, its timer,
this participant's own answer, and at the summary the group's service card. It never holds
another participant's answers or the token hash, so any phone may be sent its own view freely.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any

from workshop_tui.domain import tally
from workshop_tui.domain.answers import FOLLOWUP_TEXT_MAX, NAME_MAX, REASON_MAX, vote_budget
from workshop_tui.domain.campaign import cards_in_play, has_started
from workshop_tui.domain.deck import (
    CampaignStep,
    ChoiceStep,
    ConsensusStep,
    LevelsStep,
    LobbyStep,
    PromptStep,
    ScaleStep,
    Step,
    SummaryStep,
    VoteStep,
)
from workshop_tui.domain.results import step_results
from workshop_tui.domain.service_card import (
    AreaLevel,
    area_levels,
    carried_levels,
    service_card,
)
from workshop_tui.domain.state import CampaignPlan, Participant, SessionState, StepState

JSON = dict[str, Any]


def _plan(plan: CampaignPlan | None) -> JSON | None:
    return None if plan is None else asdict(plan)


def _areas(areas: tuple[AreaLevel, ...]) -> list[JSON]:
    """Areas with their level as the phone lists them; `rung` is the level's own words."""
    return [
        {
            "id": a.id,
            "name": a.name,
            "level": a.level,
            "rung": a.level_text,
            "aspiration": a.aspiration,
            "aspiration_rung": a.aspiration_text,
            "origin": None if a.origin is None else asdict(a.origin),
        }
        for a in areas
    ]


def card_view(state: SessionState) -> JSON:
    """The group's service card (`workshop_tui.domain.service_card`) as the phone shows it."""
    card = service_card(state)
    return {
        "title": card.title,
        "locked": card.locked,
        "draft": card.draft,
        "areas": _areas(card.areas),
        "consensus": None if card.consensus is None else asdict(card.consensus),
        "campaign": _plan(card.campaign),
    }


def _step_fields(step: Step, step_state: StepState, state: SessionState, now: float) -> JSON:
    if isinstance(step, LobbyStep | SummaryStep):
        fields: JSON = {"text": step.text}
        if isinstance(step, LobbyStep):
            # The lobby tells the phone whether the exports will name it.
            fields["names_exported"] = state.workshop.workshop.names
        else:
            fields["card"] = card_view(state)
        return fields
    if isinstance(step, PromptStep):
        return {
            "question": step.question,
            "columns": list(step.columns),
            "max_answers": step.max_answers,
            "max_length": step.max_length,
        }
    if isinstance(step, ChoiceStep):
        low, high = step.choice_limits()
        return {
            "question": step.question,
            "options": list(step.options),
            "multiple": step.multiple,
            "min_choices": low,
            "max_choices": high,
        }
    if isinstance(step, ScaleStep):
        return {
            "question": step.question,
            "items": list(step.items),
            "min": step.min,
            "max": step.max,
            "min_label": step.min_label,
            "max_label": step.max_label,
        }
    if isinstance(step, VoteStep):
        return {"question": step.question, "dots": step.dots, "options": list(step_state.options)}
    if isinstance(step, LevelsStep):
        return {
            "question": step.question,
            "round": step_state.round,
            "areas": [
                {"id": a.id, "name": a.name, "rungs": list(step_state.ladders[a.id])}
                for a in step.areas
            ],
            "levels": None if step_state.levels is None else _areas(area_levels(state, step)),
        }
    if isinstance(step, ConsensusStep):
        source = state.workshop.step(step.levels_step)
        levels = _areas(area_levels(state, source)) if isinstance(source, LevelsStep) else []
        return {
            "question": step.question,
            "threshold": step.threshold,
            "round": step_state.round,
            "levels": levels,
            "reason_max": REASON_MAX,
        }
    if isinstance(step, CampaignStep):
        deck = state.card_decks[step.card_deck]
        return {
            "question": step.question,
            "votes": vote_budget(step, state),
            # How many cards the deck has: a narrowed vote says it is among some of them.
            "deck_size": len(deck.cards),
            "cards": [
                {
                    "id": c.id,
                    "title": c.title,
                    "do": c.do,
                    "purpose": c.purpose,
                    "goal": c.goal,
                    "weeks": c.weeks,
                    "tags": list(c.tags),
                }
                # The projector's browsing order (the group's role's cards first), only
                # those in the vote if the facilitator narrowed the deck.
                for c in cards_in_play(state, step)
            ],
            "plan": _plan(step_state.plan),
        }
    earlier = state.earlier_campaign
    return {
        "question": step.question,
        "changed_question": step.changed_question,
        "changed_max": FOLLOWUP_TEXT_MAX,
        "campaign": _plan(service_card(state).campaign if earlier is None else earlier.plan),
        # As the projector says it: the campaign looked back on has not begun on this day.
        "not_started": earlier is not None
        and not has_started(earlier.plan, date.fromtimestamp(now)),
        # The group's levels the follow-up looks back on, each agreed or a draft.
        "levels": _areas(carried_levels(state)),
    }


def _timer(step_state: StepState, now: float) -> JSON | None:
    """The countdown as a deadline (running) or as seconds left (paused); None without one,
    and None while the step is locked.

    A deadline rather than seconds left keeps the view unchanged while the clock runs, so the
    stream has nothing to resend; the phone corrects for its own clock with the message's `now`.
    A locked step takes no answers, so the phone has no time left to count: locking the levels
    leaves the projector's timer running, and a countdown beside "answers are closed" would
    say the opposite of the lock.
    """
    timer = step_state.timer
    if timer.remaining is None or step_state.status == "locked":
        return None
    if timer.started_at is not None:
        return {"running": True, "deadline": timer.started_at + timer.remaining, "remaining": None}
    return {"running": False, "deadline": None, "remaining": timer.remaining_at(now)}


def step_view(
    state: SessionState,
    now: float,
    results: Callable[[SessionState], JSON | None] = step_results,
) -> JSON | None:
    """The current step as every phone sees it (without anyone's answer); None before the first.

    Its `results` is the revealed result (`workshop_tui.domain.results`, None before the
    reveal), as `results` gives it: `SharedStepView` gives the one it keeps.
    """
    step = state.current_step
    if step is None:
        return None
    step_state = state.steps[step.id]
    return {
        "id": step.id,
        "kind": step.kind,
        "title": step.title,
        "index": state.current,
        "count": len(state.workshop.steps),
        "status": step_state.status,
        "revealed": step_state.revealed,
        "timer": _timer(step_state, now),
        **_step_fields(step, step_state, state, now),
        "results": results(state),
    }


def own_answer(state: SessionState, participant: Participant) -> JSON | None:
    """This participant's answer to the current step in its current round, if any."""
    step = state.current_step
    if step is None:
        return None
    return state.steps[step.id].current_answers.get(participant.id)


def earlier_answer(state: SessionState, participant: Participant) -> JSON | None:
    """In a later round of a levels step, this participant's latest earlier answer read
    against the current ladders (`StepState.earlier_rungs`), `{"round": n, "rungs": {...}}`:
    the phone starts the round from it, marked as that round's answer, and it counts in this
    round only once the phone sends it. None elsewhere."""
    step = state.current_step
    if not isinstance(step, LevelsStep):
        return None
    found = state.steps[step.id].earlier_rungs(participant.id)
    return None if found is None else {"round": found[0], "rungs": found[1]}


def personal_view(state: SessionState, participant: Participant, step: JSON | None) -> JSON:
    """One phone's view: the shared step view with this participant's name and answer (and
    earlier answer, `earlier_answer`) added."""
    mine = {
        "answer": own_answer(state, participant),
        "earlier": earlier_answer(state, participant),
    }
    return {
        "room": state.room,
        "language": state.workshop.workshop.language,
        "workshop": state.workshop.workshop.title,
        "me": {"id": participant.id, "name": participant.name, "name_max": NAME_MAX},
        "step": None if step is None else {**step, **mine},
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_NO_STEP = '"step":null}}'


def message_text(
    now: float, view: JSON, step_text: str, answer: JSON | None, earlier: JSON | None = None
) -> str:
    """`{"now": now, "view": view}` as the stream's JSON text, for a `view` made without its
    step (`personal_view(..., None)`): the shared step's JSON text (`SharedStepView`) with this
    phone's answer and earlier answer (`earlier_answer`) is spliced in instead of serialising
    the step again for every phone. The step may be large (a card deck, a revealed answer
    wall) and is the same for all phones."""
    head = _dumps({"now": now, "view": view})
    if step_text == "null":
        return head
    if not head.endswith(_NO_STEP):
        # The step is not the view's last key: serialised whole, as it would be anyway.
        step = {**json.loads(step_text), "answer": answer, "earlier": earlier}
        return _dumps({"now": now, "view": {**view, "step": step}})
    spliced = f'{step_text[:-1]},"answer":{_dumps(answer)},"earlier":{_dumps(earlier)}}}'
    return f'{head[: -len(_NO_STEP)]}"step":{spliced}}}}}'


def phone_view(state: SessionState, participant: Participant, now: float) -> JSON:
    """Everything one participant's phone shows, as JSON-ready data."""
    return personal_view(state, participant, step_view(state, now))


class SharedStepView:
    """The step view, built once per change for every open stream.

    With hundreds of phones, every answer wakes every stream; building and serialising the
    (possibly large, e.g. a whole card deck) step once instead of once per phone, and keeping
    the same text object while it is unchanged, lets each stream see in O(1) that nothing it
    shows has changed.

    What is kept is worked out from the state (`version`) and from the results the phones
    show (`results_epoch`), so it is kept for exactly that pair: the results move on with the
    epoch alone (the hub's wake-up once answers pause), and a view kept for the version only
    would go on carrying the results from before the pause to every stream, new ones too.
    """

    def __init__(self) -> None:
        self._state: SessionState | None = None
        self._key: tuple[int, int | None] | None = None
        self.step: JSON | None = None
        self.text = "null"
        # The revealed results are the same for every phone: worked out here once per
        # `results_epoch` (not for every answer), the answer wall kept up to date incrementally.
        self._wall = tally.Wall()
        self._results: JSON | None = None
        self._results_state: SessionState | None = None
        self._results_epoch: int | None = None

    def get(
        self, state: SessionState, version: int, now: float, results_epoch: int | None = None
    ) -> tuple[str, JSON | None]:
        """The step view's JSON text (an identical object while unchanged) and its data.

        `results_epoch` (`Hub.results_epoch`) says when the phones' results may have changed;
        without it they are worked out again for every version."""
        key = (version, results_epoch)
        if key != self._key or state is not self._state:
            step = step_view(state, now, lambda fresh: self._results_in(fresh, results_epoch))
            text = json.dumps(step, ensure_ascii=False, separators=(",", ":"))
            if text != self.text:
                self.step, self.text = step, text
            self._key, self._state = key, state
        return self.text, self.step

    def _results_in(self, state: SessionState, epoch: int | None) -> JSON | None:
        """The phones' results: the ones worked out in this epoch, if any (the same for every
        phone until the hub's next wake-up for them), else worked out from `state` now."""
        if epoch is None or epoch != self._results_epoch or state is not self._results_state:
            self._results = step_results(state, self._wall)
            self._results_state, self._results_epoch = state, epoch
        return self._results
