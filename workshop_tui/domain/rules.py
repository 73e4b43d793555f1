"""The session's rules: `apply` checks a command against the state and changes it, or refuses.

A command is checked completely before anything is changed, so a refused command leaves the
state exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from workshop_tui.domain import moderation, tally
from workshop_tui.domain.answers import NAME_MAX, clean_text, validate_answer
from workshop_tui.domain.campaign import parse_date
from workshop_tui.domain.commands import (
    Answer,
    ChooseCampaign,
    Command,
    GoTo,
    Join,
    LockLevels,
    Moderate,
    ModerateItems,
    NarrowDeck,
    NewRound,
    OpenStep,
    Rename,
    SetJoining,
    SetLadder,
    SetLocked,
    SetRevealed,
    TimerControl,
)
from workshop_tui.domain.deck import (
    CampaignStep,
    ConsensusStep,
    LevelsStep,
    PromptStep,
    Step,
    VoteStep,
)
from workshop_tui.domain.state import (
    Moderation,
    Participant,
    SessionState,
    StepState,
    Timer,
)
from workshop_tui.domain.verdict import Applied, Refused

TIMER_MAX_SECONDS = 4 * 3600


def apply(state: SessionState, command: Command) -> Applied:
    """Apply one command to the state; raise Refused (state unchanged) if it breaks a rule."""
    handler = _HANDLERS.get(type(command))
    if handler is None:
        raise Refused("unknown_command", f"unknown command {type(command).__name__}")
    return handler(state, command)


def _step(state: SessionState, step_id: str) -> tuple[Step, StepState]:
    try:
        return state.workshop.step(step_id), state.steps[step_id]
    except KeyError:
        raise Refused("unknown_step", f"there is no step '{step_id}'") from None


def _participant(state: SessionState, participant_id: str) -> Participant:
    participant = state.participants.get(participant_id)
    if participant is None:
        raise Refused("unknown_participant", "this phone has not joined; join the room again")
    return participant


def _join(state: SessionState, command: Join) -> Applied:
    if command.participant_id in state.participants:
        raise Refused("already_joined", "this participant has already joined")
    if not state.joining_open:
        raise Refused("joining_closed", "the facilitator has closed the room to new phones")
    if len(state.participants) >= state.settings.max_participants:
        raise Refused(
            "session_full",
            f"the room is full ({state.settings.max_participants} phones)",
            limit=state.settings.max_participants,
        )
    name = clean_text(command.name, NAME_MAX, "the name")
    _check_name(state, name)
    state.participants[command.participant_id] = Participant(
        command.participant_id, name, command.token_hash, command.at
    )
    return Applied()


def _rename(state: SessionState, command: Rename) -> Applied:
    participant = _participant(state, command.participant_id)
    name = clean_text(command.name, NAME_MAX, "the name")
    _check_name(state, name)
    participant.name = name
    return Applied()


def _answer(state: SessionState, command: Answer) -> Applied:
    _participant(state, command.participant_id)
    step, step_state = _step(state, command.step_id)
    if command.key in step_state.keys.get(command.participant_id, ()):
        return Applied(duplicate=True, held=_held(step_state, command.participant_id))
    current = state.current_step
    if current is None or current.id != step.id:
        raise Refused("not_current", "the group has moved on; this step no longer takes answers")
    if step_state.status == "locked":
        raise Refused("locked", "this step is locked; the facilitator can reopen it")
    if step_state.status == "preparing":
        raise Refused("preparing", "the facilitator is preparing this step; answer in a moment")
    payload = validate_answer(step, step_state, state, command.payload)
    if state.settings.word_filter and isinstance(step, PromptStep):
        _hold_flagged(state, step_state, command.participant_id, payload)
    step_state.current_answers[command.participant_id] = payload
    step_state.answered_at[command.participant_id] = command.at
    step_state.keys.setdefault(command.participant_id, set()).add(command.key)
    return Applied(held=_held(step_state, command.participant_id))


def _held(step_state: StepState, participant_id: str) -> tuple[int, ...]:
    """Which of a participant's stored prompt texts (by position) the word filter holds."""
    stored = step_state.current_answers.get(participant_id)
    if not isinstance(stored, dict) or not isinstance(stored.get("answers"), list):
        return ()
    return tuple(
        index
        for index, entry in enumerate(stored["answers"])
        if (mod := step_state.moderation.get(tally.item_id(participant_id, entry["text"])))
        is not None
        and mod.held
    )


def _hold_flagged(
    state: SessionState, step_state: StepState, participant_id: str, payload: dict[str, Any]
) -> None:
    """Hold back every answer item the word filter matches, unless it was released before."""
    language = state.workshop.workshop.language
    for entry in payload["answers"]:
        if moderation.flagged(entry["text"], language):
            mod = step_state.moderation.setdefault(
                tally.item_id(participant_id, entry["text"]), Moderation()
            )
            mod.held = not mod.released


def _check_name(state: SessionState, name: str) -> None:
    if state.settings.word_filter and moderation.flagged(name, state.workshop.workshop.language):
        raise Refused("name_not_allowed", "please choose another name")


def _goto(state: SessionState, command: GoTo) -> Applied:
    steps = state.workshop.steps
    if not 0 <= command.index < len(steps):
        raise Refused("unknown_step", f"there is no step number {command.index + 1}")
    step = steps[command.index]
    step_state = state.steps[step.id]
    previous = state.current_step
    if previous is not None and previous.id != step.id:
        timer = state.steps[previous.id].timer
        if timer.running:
            timer.remaining = timer.remaining_at(command.at)
            timer.started_at = None
    if previous is None or previous.id != step.id:
        step_state.entered_at.append(command.at)
    state.current = command.index
    if step_state.status == "pending":
        step_state.status = "preparing" if step.opens == "on_key" else "open"
        step_state.revealed = step.reveal == "live"
        step_state.timer.remaining = step.time_limit
        if isinstance(step, VoteStep):
            step_state.options = _vote_options(state, step)
    return Applied()


def _vote_options(state: SessionState, step: VoteStep) -> list[str]:
    if step.options_from is None:
        return list(step.options)
    source = state.steps[step.options_from]
    oldest_first = tally.wall(source, oldest_first=True)
    visible = [item.text for item in oldest_first if not item.hidden]
    return tally.unique_texts(visible)[:40]


def _open_step(state: SessionState, command: OpenStep) -> Applied:
    _, step_state = _step(state, command.step_id)
    if step_state.status != "preparing":
        raise Refused("not_preparing", "this step is not waiting to be opened")
    step_state.status = "open"
    return Applied()


def _set_locked(state: SessionState, command: SetLocked) -> Applied:
    step, step_state = _step(state, command.step_id)
    if step_state.status in ("pending", "preparing"):
        # Unlocking would open a step that is still being prepared.
        raise Refused("not_open", "a step can be locked only after it has been opened")
    step_state.status = "locked" if command.locked else "open"
    if command.locked and step_state.timer.running:
        if command.at is not None:
            step_state.timer.remaining = step_state.timer.remaining_at(command.at)
        step_state.timer.started_at = None
    if not command.locked and isinstance(step, LevelsStep):
        # An unlocked level is not agreed any more: phones may change their answers.
        step_state.levels = None
        step_state.levels_round = None
    return Applied()


def _set_revealed(state: SessionState, command: SetRevealed) -> Applied:
    _, step_state = _step(state, command.step_id)
    step_state.revealed = command.revealed
    return Applied()


def _timer(state: SessionState, command: TimerControl) -> Applied:
    step, step_state = _step(state, command.step_id)
    timer = step_state.timer
    left = timer.remaining_at(command.at)
    if command.action == "start":
        if left is None or left <= 0:
            raise Refused("no_time", "the timer has no time left; add a minute first")
        timer.remaining, timer.started_at = left, command.at
    elif command.action == "pause":
        timer.remaining, timer.started_at = left, None
    elif command.action == "add":
        if not 0 < command.seconds <= TIMER_MAX_SECONDS:
            raise Refused(
                "out_of_range", "add between 1 second and 4 hours", low=1, high=TIMER_MAX_SECONDS
            )
        timer.remaining = min(TIMER_MAX_SECONDS, (left or 0.0) + command.seconds)
        timer.started_at = command.at if timer.running else None
    else:
        if not timer.running or (left or 0.0) > 0:
            raise Refused("not_expired", "the timer has not run out")
        timer.remaining, timer.started_at = 0.0, None
        if step.lock_at_zero and step_state.status == "open":
            step_state.status = "locked"
            return Applied()
    return Applied()


def _moderate(state: SessionState, command: Moderate) -> Applied:
    one = ModerateItems(
        command.step_id,
        (command.item_id,),
        hidden=command.hidden,
        highlighted=command.highlighted,
        held=command.held,
        column=command.column,
    )
    return _moderate_items(state, one)


def _moderate_items(state: SessionState, command: ModerateItems) -> Applied:
    step, step_state = _step(state, command.step_id)
    if not isinstance(step, PromptStep):
        raise Refused("bad_step", "only open answers can be hidden or highlighted")
    if not command.item_ids:
        raise Refused("bad_shape", "name at least one answer item to moderate")
    if command.column is not None and not 0 <= command.column < max(1, len(step.columns)):
        raise Refused(
            "out_of_range",
            f"'{step.title}' has {len(step.columns)} columns",
            low=0,
            high=max(0, len(step.columns) - 1),
        )
    # Checked in full above, so every item changes or none does.
    for item_id in command.item_ids:
        mod = step_state.moderation.setdefault(item_id, Moderation())
        if command.hidden is not None:
            mod.hidden = command.hidden
        if command.highlighted is not None:
            mod.highlighted = command.highlighted
        if command.column is not None:
            mod.column = command.column
        if command.held is not None:
            mod.held = command.held
            mod.released = not command.held
    return Applied()


def _levels_step(state: SessionState, step_id: str) -> tuple[LevelsStep, StepState]:
    step, step_state = _step(state, step_id)
    if not isinstance(step, LevelsStep):
        raise Refused("bad_step", f"'{step.title}' is not a levels step")
    return step, step_state


def _set_ladder(state: SessionState, command: SetLadder) -> Applied:
    _, step_state = _levels_step(state, command.step_id)
    if command.area_id not in step_state.ladders:
        raise Refused("unknown_option", f"there is no service area '{command.area_id}'")
    if step_state.levels is not None:
        raise Refused("locked", "the levels are locked; a new round unlocks them")
    if not 1 <= len(command.rungs) <= 12:
        raise Refused("out_of_range", "a ladder has between 1 and 12 rungs", low=1, high=12)
    rungs = [clean_text(r, 200, f"rung {i}") for i, r in enumerate(command.rungs, 1)]
    if step_state.current_answers:
        raise Refused(
            "answers_exist", "people have already answered this round; start a new round first"
        )
    step_state.ladders[command.area_id] = rungs
    return Applied()


def _new_round(state: SessionState, command: NewRound) -> Applied:
    step, step_state = _step(state, command.step_id)
    options: list[str] = []
    if isinstance(step, VoteStep) and step.options_from is not None:
        options = _vote_options(state, step)
        if not options:
            raise Refused("no_options", "the prompt has no answers to vote on yet")
    elif not isinstance(step, LevelsStep | ConsensusStep):
        raise Refused(
            "bad_step", "only levels, consensus and votes on a prompt's answers have rounds"
        )
    if isinstance(step, LevelsStep):
        step_state.ladder_history[step_state.round] = {
            area: list(rungs) for area, rungs in step_state.ladders.items()
        }
    if isinstance(step, VoteStep):
        step_state.options_history[step_state.round] = step_state.options
        step_state.options = options
    _start_round(step, step_state, clean=command.clean)
    return Applied()


def _start_round(step: Step, step_state: StepState, *, clean: bool) -> None:
    """Begin the next round of an opened step; the earlier rounds' answers are kept.

    A clean round is what the step was when first shown: hidden unless it reveals live, the
    step's own time on a stopped timer, and waiting to be opened if it opens on key (a step
    never shown stays pending). Without `clean` (sessions stored before), only a locked step
    opens again.
    """
    step_state.round += 1
    step_state.answers.setdefault(step_state.round, {})
    step_state.levels = None
    step_state.levels_round = None
    if not clean:
        if step_state.status == "locked":
            step_state.status = "open"
        return
    if step_state.status != "pending":
        step_state.status = "preparing" if step.opens == "on_key" else "open"
    step_state.revealed = step.reveal == "live"
    step_state.timer = Timer(remaining=step.time_limit)


def _lock_levels(state: SessionState, command: LockLevels) -> Applied:
    step, step_state = _levels_step(state, command.step_id)
    results = tally.ladders(step_state)
    if not any(r.responses for r in results.values()):
        raise Refused("empty", "nobody has answered this round yet")
    step_state.levels = {area: r.level for area, r in results.items()}
    step_state.levels_round = step_state.round
    step_state.status = "locked"
    if command.at is not None and step_state.timer.running:
        step_state.timer.remaining = step_state.timer.remaining_at(command.at)
        step_state.timer.started_at = None
    # Fists shown for an earlier level do not confirm this one: its consensus check starts a
    # new round, and the earlier round's result is kept.
    for other in state.workshop.steps:
        other_state = state.steps[other.id]
        if (
            isinstance(other, ConsensusStep)
            and other.levels_step == step.id
            and other_state.current_answers
        ):
            _start_round(other, other_state, clean=command.clean)
    return Applied()


def _choose_campaign(state: SessionState, command: ChooseCampaign) -> Applied:
    step, step_state = _step(state, command.step_id)
    if not isinstance(step, CampaignStep):
        raise Refused("bad_step", f"'{step.title}' is not a campaign step")
    plan = command.plan
    try:
        card = state.card_decks[step.card_deck].card(plan.card_id)
    except KeyError:
        raise Refused("unknown_option", f"there is no card '{plan.card_id}'") from None
    try:
        start = parse_date(plan.start, "start")
        end = parse_date(plan.end, "end")
        followup = parse_date(plan.followup, "follow-up")
    except ValueError as exc:
        raise Refused("bad_date", str(exc)) from None
    if end < start:
        raise Refused("bad_date", "the campaign must end after it starts")
    if followup < end:
        raise Refused("bad_date", "follow up on the campaign after it has ended")
    step_state.plan = replace(
        plan,
        title=card.title,
        purpose=clean_text(plan.purpose, 500, "the purpose"),
        goal=clean_text(plan.goal, 500, "the goal"),
        owner=clean_text(plan.owner, 80, "the owner"),
    )
    return Applied()


def _narrow_deck(state: SessionState, command: NarrowDeck) -> Applied:
    step, step_state = _step(state, command.step_id)
    if not isinstance(step, CampaignStep):
        raise Refused("bad_step", f"'{step.title}' is not a campaign step")
    # Votes cast among the whole deck would be lost or counted for cards no longer shown.
    if step_state.current_answers:
        raise Refused("votes_exist", "people have already voted; narrow the deck before the vote")
    ids = command.card_ids
    if not all(isinstance(card_id, str) for card_id in ids):
        raise Refused("bad_shape", "name the cards by their ids")
    known = {card.id for card in state.card_decks[step.card_deck].cards}
    unknown = [card_id for card_id in ids if card_id not in known]
    if unknown:
        raise Refused("unknown_option", f"there is no card '{unknown[0]}'")
    if len(set(ids)) != len(ids):
        raise Refused("duplicate", "a card is named twice")
    if len(ids) == 1:
        # A vote needs a choice; no ids at all puts the whole deck back.
        raise Refused("too_few_cards", "keep at least 2 cards in the vote", limit=2)
    step_state.cards = list(ids) if ids else None
    return Applied()


def _set_joining(state: SessionState, command: SetJoining) -> Applied:
    state.joining_open = command.open
    return Applied()


_HANDLERS: dict[type[Command], Callable[[SessionState, Any], Applied]] = {
    Join: _join,
    Rename: _rename,
    Answer: _answer,
    GoTo: _goto,
    OpenStep: _open_step,
    SetLocked: _set_locked,
    SetRevealed: _set_revealed,
    TimerControl: _timer,
    Moderate: _moderate,
    ModerateItems: _moderate_items,
    SetLadder: _set_ladder,
    NewRound: _new_round,
    LockLevels: _lock_levels,
    ChooseCampaign: _choose_campaign,
    NarrowDeck: _narrow_deck,
    SetJoining: _set_joining,
}
