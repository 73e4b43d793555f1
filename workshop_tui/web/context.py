"""What every handler shares: the hub, the limits, and the server's own bookkeeping."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web

from workshop_tui.participant_server import RemoteControl, TurnedAway
from workshop_tui.session.hub import Hub, Subscription
from workshop_tui.web.limits import AddressLimiter, JoinQueue, Limits, TokenBucket
from workshop_tui.web.phone_language import TranslatedSteps
from workshop_tui.web.views import SharedStepView


@dataclass
class WebContext:
    hub: Hub
    limits: Limits
    secure_cookies: bool = False
    # The path a reverse proxy serves the app under (from --public-url), without the last '/'.
    path_prefix: str = ""
    buckets: dict[str, TokenBucket] = field(default_factory=dict)
    shared_view: SharedStepView = field(default_factory=SharedStepView)
    # The shared step view in the words of each parallel language (`--also-in`).
    translated_steps: TranslatedSteps = field(default_factory=TranslatedSteps)
    open_streams: dict[str, int] = field(default_factory=dict)
    # The open event streams' subscriptions: when the server stops, each is ended at once
    # instead of holding up shutdown.
    listening: set[Subscription] = field(default_factory=set)
    stopping: bool = False
    # Phones not let in, for the projector (handed to it in `ServerInfo.turned_away`).
    turned_away: TurnedAway = field(default_factory=TurnedAway)
    # Per client address: wrong room codes (against guessing) and new participants.
    room_guesses: AddressLimiter = field(init=False)
    joins: JoinQueue = field(init=False)
    # The facilitator's phone remote, with `--remote` (web/remote.py); its pace, and wrong
    # remote secrets per client address.
    remote: RemoteControl | None = None
    remote_bucket: TokenBucket = field(init=False)
    remote_guesses: AddressLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.room_guesses = AddressLimiter(self.limits.room_guesses_per_minute)
        # By default the whole room may come in at once, even all through one address.
        per_minute = self.limits.joins_per_minute or self.hub.state.settings.max_participants
        self.joins = JoinQueue(per_minute, burst=per_minute)
        limits = self.limits
        self.remote_bucket = TokenBucket(
            limits.remote_per_second, limits.remote_burst, self.hub.clock()
        )
        self.remote_guesses = AddressLimiter(limits.remote_guesses_per_minute)

    def listen(self, participant_id: str | None = None) -> Subscription:
        """The subscription of an event stream (a phone's, with its `participant_id`, or the
        remote's): its waits also end for a keep-alive, and when the server stops."""
        subscription = self.hub.subscribe(participant_id, self.limits.keepalive_seconds)
        if self.stopping:
            subscription.end()
        self.listening.add(subscription)
        return subscription

    def stop_listening(self, subscription: Subscription) -> None:
        """The stream has ended: forget its subscription."""
        subscription.close()
        self.listening.discard(subscription)

    def end_streams(self) -> None:
        """The server is stopping: every open stream ends now, and any that opens later."""
        self.stopping = True
        for subscription in list(self.listening):
            subscription.end()


CONTEXT = web.AppKey("context", WebContext)


def context(request: web.Request) -> WebContext:
    """The shared context of the app that is handling `request`."""
    return request.app[CONTEXT]
