"""The whole outcome as JSON, for other tools."""

from __future__ import annotations

import json
from dataclasses import asdict

from workshop_tui.export.outcome import Outcome

FORMAT = "workshop-tui-outcome"
# 2: the service card (levels, consensus, campaign) is one `card` object; levels keep rounds.
# 3: anonymous by default: `names` and `include_hidden` replace `anonymous`; a row's
# `participant` is a pseudonym or null (ballots, withheld answers), `hidden` became
# `moderation` and `withheld`; a step lists its `items` in the deck's order.
VERSION = 3


def outcome_json(outcome: Outcome) -> str:
    """The outcome as indented JSON; participants' text is kept exactly as they wrote it."""
    data = {"format": FORMAT, "version": VERSION, **asdict(outcome)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
