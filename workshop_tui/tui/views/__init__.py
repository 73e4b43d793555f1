"""One view per step kind; `view_for` picks the class for a step."""

from __future__ import annotations

from workshop_tui.tui.views.base import StepView
from workshop_tui.tui.views.campaign import CampaignView
from workshop_tui.tui.views.choice import ChoiceView
from workshop_tui.tui.views.consensus import ConsensusView
from workshop_tui.tui.views.followup import FollowupView
from workshop_tui.tui.views.levels import LevelsView
from workshop_tui.tui.views.lobby import LobbyView
from workshop_tui.tui.views.prompt import PromptView
from workshop_tui.tui.views.scale import ScaleView
from workshop_tui.tui.views.summary import SummaryView
from workshop_tui.tui.views.vote import VoteView

VIEWS: dict[str, type[StepView]] = {
    "lobby": LobbyView,
    "prompt": PromptView,
    "choice": ChoiceView,
    "scale": ScaleView,
    "vote": VoteView,
    "levels": LevelsView,
    "consensus": ConsensusView,
    "campaign": CampaignView,
    "summary": SummaryView,
    "followup": FollowupView,
}


def view_for(kind: str) -> type[StepView]:
    """The view class that shows steps of `kind`."""
    return VIEWS[kind]


__all__ = ["VIEWS", "StepView", "view_for"]
