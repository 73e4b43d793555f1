"""The running session: one place where commands are applied, stored and announced.

The projector app and the participant server both hold the hub and nothing of each other. A
command goes: `execute` -> domain rule (refused at once, or applied to the state) -> the store's
next batch (group commit, on a single writer thread so the asyncio loop never waits on the disk)
-> acknowledged to the caller once on disk -> every subscriber woken.

Subscribers are coalesced, not queued: each has a flag and reads the newest state when it wakes,
so a slow phone can miss intermediate states but never the last one, and never slows the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import secrets
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from workshop_tui.domain import results, rules, tally
from workshop_tui.domain.commands import (
    COMMAND_TYPES,
    Command,
    Join,
    ModerateItems,
    TimerControl,
    to_dict,
)
from workshop_tui.domain.deck import CardDeck, Workshop
from workshop_tui.domain.names import friendly_name, room_code
from workshop_tui.domain.parallel import Translation, stored_translations, to_stored
from workshop_tui.domain.state import (
    EarlierCampaign,
    Participant,
    PreviousResults,
    SessionState,
    Settings,
)
from workshop_tui.domain.text import refuse_unstorable
from workshop_tui.domain.verdict import Applied, Refused
from workshop_tui.session.address import Address
from workshop_tui.session.follow import Written, own_copy
from workshop_tui.session.rebuild import replay, state_from_meta
from workshop_tui.session.store import SessionStore, StoreError, session_filename

log = logging.getLogger(__name__)
Pending = tuple[dict[str, Any], "asyncio.Future[None]"]


def hash_token(token: str) -> str:
    """What the session keeps of a phone's secret token: its SHA-256, never the token itself."""
    # A cookie may hold bytes that are not UTF-8 (aiohttp keeps them as surrogates); such a
    # token matches no one, and must not raise.
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _describe(exc: BaseException) -> str:
    """A store failure in words for the facilitator's banner."""
    if isinstance(exc, StoreError):
        return str(exc)
    return f"saving failed ({type(exc).__name__}: {exc}); the next answer tries again"


# Revealed results on the phones follow other phones' answers once the answers pause for
# RESULTS_QUIET seconds, and at least every RESULTS_EVERY seconds while they keep coming: a room
# answering fast must not wake a thousand streams for every answer (docs/api.md, the stream).
RESULTS_QUIET = 0.5
RESULTS_EVERY = 5.0
# That wake-up reaches the streams this many to a turn of the loop, so that phones answering
# meanwhile are acknowledged between turns, not after five thousand streams have written.
RESULTS_WAKE_TURN = 250

PARTICIPANT_COMMANDS = frozenset(
    kind for kind, cls in COMMAND_TYPES.items() if not cls.by_facilitator
)


def _participants_only(commands: list[dict[str, Any]] | None) -> set[str] | None:
    """The participants a batch concerns when it holds only their own commands; None when it
    holds anything that can change what every phone sees."""
    if commands is None:
        return None
    touched = set()
    for command in commands:
        if command["type"] not in PARTICIPANT_COMMANDS:
            return None
        touched.add(command["participant_id"])
    return touched


class Subscription:
    """A subscriber's wake-up flag; `wait` returns when the state has changed since last time.

    A subscription for one participant (a phone's stream) is only woken by changes that can
    alter that phone's view: anything the facilitator does, and that participant's own joins,
    renames and answers. With a thousand phones, waking every stream for every answer cost more
    than everything else the server does (docs/performance.md).

    A wait is one bare future: a step change wakes every phone's stream at once, and anything
    more per wake-up (a timer, `asyncio.wait` over several futures) was a third of the server's
    work in that fan-out. So a quiet spell (`quiet_after`, the streams' keep-alives) is watched
    by one timer that is only moved on when it fires, and stopping is a call (`end`).
    """

    def __init__(
        self, hub: Hub, participant_id: str | None = None, quiet_after: float | None = None
    ) -> None:
        self._hub = hub
        self._waiter: asyncio.Future[None] | None = None
        self._changed = False
        self._quiet = False
        self.ended = False
        self.participant_id = participant_id
        self.seen = hub.version
        self._quiet_after = quiet_after
        self._loop = asyncio.get_running_loop()
        self._returned = self._loop.time()
        self._timer: asyncio.TimerHandle | None = None
        if quiet_after is not None:
            self._timer = self._loop.call_at(self._returned + quiet_after, self._check_quiet)

    async def wait(self) -> int | None:
        """Wait for a change this subscriber sees and return the hub's version; None instead
        when nothing changed for `quiet_after` seconds since the last return, or once `end`
        was called (and at once on every wait after it)."""
        if not (self._changed or self._quiet or self.ended or self._hub.closed):
            self._waiter = self._loop.create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        self._returned = self._loop.time()
        if not self._changed and not self._hub.closed:
            self._quiet = False
            return None
        self._changed = self._quiet = False
        self.seen = self._hub.version
        return self.seen

    def end(self) -> None:
        """Stop waiting: the wait in progress, and every one after it, returns None."""
        self.ended = True
        self._release()

    def close(self) -> None:
        """Stop receiving updates."""
        self._hub._subscriptions.discard(self)
        if self._timer is not None:
            self._timer.cancel()

    def _wake(self) -> None:
        self._changed = True
        self._release()

    def _release(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    def _check_quiet(self) -> None:
        assert self._quiet_after is not None
        now = self._loop.time()
        if now - self._returned >= self._quiet_after:
            self._quiet = True
            self._release()
            self._timer = self._loop.call_at(now + self._quiet_after, self._check_quiet)
        else:
            self._timer = self._loop.call_at(self._returned + self._quiet_after, self._check_quiet)


class Hub:
    """One session, live. Create it with `Hub.create` or `Hub.resume`, then `await start()`."""

    def __init__(
        self, state: SessionState, store: SessionStore, clock: Callable[[], float] = time.time
    ) -> None:
        self.state = state
        self._store = store
        self.clock = clock
        self.version = 0
        self.closed = False
        self.store_error: str | None = None
        self._subscriptions: set[Subscription] = set()
        # Told of every written batch, on this loop (`follow`): the projector's copy follows them.
        self._followers: list[Callable[[Written], None]] = []
        self._pending: list[Pending] = []
        self._writing: list[Pending] = []
        self._wakeup = asyncio.Event()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="session-store")
        self._tasks: list[asyncio.Task[None]] = []
        self._deadline: asyncio.TimerHandle | None = None
        self._results_wake: asyncio.TimerHandle | None = None
        # When the oldest answer the phones' results do not show yet arrived.
        self._results_since: float | None = None
        # Changes when the phones' revealed results may have: anything the facilitator does,
        # and the coalesced wake-up for others' answers (the phones' views keep theirs till then).
        self.results_epoch = 0
        # Set while no results wake-up is due: every answer told so far is in the results epoch.
        self._results_current = asyncio.Event()
        self._results_current.set()
        self._tokens: dict[str, str] = {p.token_hash: p.id for p in state.participants.values()}
        # The workshop in the other languages phones may read it in (`--also-in`), by language.
        self.translations: dict[str, Translation] = stored_translations(store.meta)

    @classmethod
    def create(
        cls,
        workshop: Workshop,
        card_decks: dict[str, CardDeck],
        sessions_dir: Path,
        settings: Settings | None = None,
        clock: Callable[[], float] = time.time,
        group: str | None = None,
        followup_of: EarlierCampaign | None = None,
        previous: PreviousResults | None = None,
        translations: dict[str, Translation] | None = None,
    ) -> Hub:
        """Start a new session with a fresh room code and its own file; `group` names the team
        (campaigns are tracked per group across sessions) and `followup_of` is the earlier
        campaign this session's followup step looks back on; `previous` is the group's results
        from its earlier sessions (`history.previous_results`), shown beside today's;
        `translations` the same workshop in other languages for the phones, kept in the header
        so that a resumed session offers them too."""
        # Without settings, the word filter is as the workshop file says.
        settings = settings or Settings(word_filter=workshop.workshop.moderation)
        room = room_code()
        now = datetime.fromtimestamp(clock())
        meta = {
            "room": room,
            "created": now.isoformat(timespec="seconds"),
            "workshop": workshop.model_dump(mode="json"),
            "card_decks": {k: v.model_dump(mode="json") for k, v in card_decks.items()},
            "settings": {
                "max_participants": settings.max_participants,
                "word_filter": settings.word_filter,
            },
        }
        if group and group.strip():
            meta["group"] = group.strip()
        if followup_of is not None:
            meta["followup_of"] = asdict(followup_of)
        if previous is not None:
            meta["history"] = asdict(previous)
        if translations:
            meta["translations"] = {k: to_stored(v) for k, v in translations.items()}
        store = SessionStore.create(
            sessions_dir, session_filename(workshop.workshop.id, room, now), meta
        )
        return cls(state_from_meta(store.meta), store, clock)

    @classmethod
    def resume(cls, path: Path, clock: Callable[[], float] = time.time) -> Hub:
        """Continue a saved session exactly as it was last acknowledged."""
        store = SessionStore.open(path)
        try:
            state = replay(store.meta, store.commands)
        except BaseException:
            store.close()
            raise
        return cls(state, store, clock)

    @property
    def store(self) -> SessionStore:
        """The session's store, read-only here: the hub alone writes to it (tests read what it
        holds, close it to stand for a crash, or put a failing disk in its place)."""
        return self._store

    @property
    def path(self) -> Path:
        """The session file (exports read it; the facilitator resumes from it)."""
        return self._store.path

    @property
    def meta(self) -> dict[str, Any]:
        """The session file's header: the workshop and card decks as started, group, date."""
        return self._store.meta

    @property
    def address(self) -> Address | None:
        """Where the session was last served (phones hold a link to it); None for a session
        saved before its header kept it."""
        return Address.from_meta(self.meta)

    def remember_address(self, address: Address) -> None:
        """Keep where the session is served now in its header, so that a resume comes up there.
        Called before `start()`: the store's writer is not running yet."""
        if address != self.address:
            self._store.update_meta({"address": address.to_stored()})

    @property
    def language(self) -> str:
        return self.state.workshop.workshop.language

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages phones may read the session in: its own first."""
        return (self.language, *self.translations)

    @property
    def started_at(self) -> float:
        """When the session was created, from its file's header (what the time plan counts
        from); 0.0 when the header does not say."""
        created = self.meta.get("created")
        try:
            return datetime.fromisoformat(created).timestamp() if isinstance(created, str) else 0.0
        except ValueError:
            return 0.0

    async def start(self) -> None:
        """Start the store writer and the step timer."""
        self._tasks = [asyncio.create_task(self._write_loop(), name="hub-writer")]
        self._arm_deadline()

    async def close(self) -> None:
        """Finish pending writes, wake every subscriber one last time and close the store."""
        if self.closed:
            return
        # Wait for what is queued or being written, without polling; a refused batch is fine.
        await self.written()
        self.closed = True
        if self._deadline is not None:
            self._deadline.cancel()
        if self._results_wake is not None:
            self._results_wake.cancel()
        self._results_current.set()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for sub in list(self._subscriptions):
            sub._wake()
        await asyncio.get_running_loop().run_in_executor(self._writer, self._store.close)
        self._writer.shutdown(wait=True)

    def subscribe(
        self, participant_id: str | None = None, quiet_after: float | None = None
    ) -> Subscription:
        """A new subscriber; read `hub.state` after each `await sub.wait()`. With a
        `participant_id`, other participants' answers, joins and renames do not wake it; with
        `quiet_after`, a wait also ends (returning None) after that many quiet seconds."""
        sub = Subscription(self, participant_id, quiet_after)
        self._subscriptions.add(sub)
        return sub

    async def follow(
        self, follower: Callable[[Written], None]
    ) -> tuple[SessionState, int, Callable[[], None]]:
        """Tell `follower` of every batch from now on as it is written (called on this loop).

        Returns a copy of the state as written so far, its version, and the function that stops
        the telling: the copy moved on by each `Written` is the hub's state as it reaches the
        disk. Waits until nothing applied is still unwritten, so the copy holds no command a
        later batch would bring again."""
        while self._pending or self._writing:
            await self.written()
        self._followers.append(follower)
        return own_copy(self.state), self.version, lambda: self._followers.remove(follower)

    async def execute(self, command: Command) -> Applied:
        """Apply a command and return once it is on disk; raise Refused if a rule says no,
        or with code "not_stored" if the disk failed (then nothing of it is kept)."""
        if self.closed:
            raise Refused("closed", "the session has ended")
        data = to_dict(command)
        # Whatever its source, a command that could not be written down never changes the state.
        refuse_unstorable(data)
        applied = rules.apply(self.state, command)
        if applied.duplicate:
            await self._settled()
            return applied
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((data, future))
        self._wakeup.set()
        await future
        return applied

    async def written(self) -> None:
        """Return once every command applied so far has been written (or refused by the disk):
        then `version` says everything subscribers will be told about them."""
        waiting = [future for _, future in (*self._writing, *self._pending)]
        if waiting:
            await asyncio.wait(waiting)

    async def _settled(self) -> None:
        """Wait until every command applied so far is on disk; Refused("not_stored") if the
        disk refused any of them. A retried request can arrive while its first copy is still
        being written, and must not be acknowledged before that copy is kept."""
        waiting = [future for _, future in (*self._writing, *self._pending)]
        if not waiting:
            return
        # asyncio.wait, unlike gather, never cancels the other callers' futures.
        await asyncio.wait(waiting)
        for future in waiting:
            if future.cancelled() or future.exception() is not None:
                raise Refused("not_stored", "your answer could not be saved; please send it again")

    async def join(
        self, name: str | None = None, language: str | None = None
    ) -> tuple[Participant, str]:
        """Add a phone; returns the participant and the secret token only that phone gets.
        Without a `name`, it is given one generated in `language`, the one the phone reads the
        session in (the session's by default): the participant's name from then on, shown as
        it is on the projector and on every phone, like a name it had typed."""
        token = secrets.token_urlsafe(32)
        taken = {p.name for p in self.state.participants.values()}
        if not (name and name.strip()):
            name = friendly_name(language or self.language, taken)
        command = Join(
            participant_id=secrets.token_hex(8),
            token_hash=hash_token(token),
            name=name,
            at=self.clock(),
        )
        await self.execute(command)
        self._tokens[command.token_hash] = command.participant_id
        return self.state.participants[command.participant_id], token

    async def moderate_held(self, step_id: str, item_id: str, *, reject: bool) -> None:
        """Release a held answer onto the wall, or reject it; Refused("not_held") when that item
        is not held (any more). The console and the phone remote both moderate through this."""
        step_state = self.state.steps.get(step_id)
        # The item as the wall shows it: every copy of the same text is moderated together.
        held = [] if step_state is None else tally.wall(step_state)
        members = next((i.members for i in held if i.id == item_id and i.held), None)
        if members is None:
            raise Refused("not_held", "that answer is not held (any more)")
        # Rejected: no longer held, and hidden for good (its text is kept, as every answer is).
        hidden = True if reject else None
        await self.execute(ModerateItems(step_id, members, held=False, hidden=hidden))

    def participant_for_token(self, token: str) -> Participant | None:
        """The participant a token belongs to, if any."""
        pid = self._tokens.get(hash_token(token))
        return self.state.participants.get(pid) if pid else None

    def _notify(self, commands: list[dict[str, Any]] | None = None) -> None:
        """Wake the subscribers that `commands` (None: anything) may concern."""
        self.version += 1
        touched = _participants_only(commands)
        if touched is None:
            self.results_epoch += 1
            self._arm_deadline()
        elif results.shown(self.state) and any(c["type"] == "answer" for c in commands or ()):
            # Every phone shows the revealed result, and another phone's answer changes it.
            self._wake_for_results()
        # The phones first: their streams are woken before the followers hear of the batch, so
        # a follower that defers its work (the projector's process, `tui/session_process.py`)
        # runs after every woken stream has written.
        for sub in self._subscriptions:
            if touched is None or sub.participant_id is None or sub.participant_id in touched:
                sub._wake()
        if self._followers:
            written = Written(
                self.version,
                None if commands is None else tuple(commands),
                # A refused batch sends the state the hub went back to, whole.
                own_copy(self.state) if commands is None else None,
                self.store_error,
            )
            for follower in list(self._followers):
                follower(written)

    def _wake_for_results(self) -> None:
        """Wake every subscriber once the answers pause (`RESULTS_QUIET`), or when the oldest
        answer not shown yet has waited `RESULTS_EVERY`: one wake-up for all in between."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        if self._results_since is None:
            self._results_since = now
        if self._results_wake is not None:
            self._results_wake.cancel()
        at = min(now + RESULTS_QUIET, self._results_since + RESULTS_EVERY)
        self._results_wake = loop.call_at(at, self._wake_everyone)
        self._results_current.clear()

    def _wake_everyone(self) -> None:
        self._results_wake = None
        self._results_since = None
        self.results_epoch += 1
        self._results_current.set()
        self._wake_in_turns(list(self._subscriptions))

    def _wake_in_turns(self, subs: list[Subscription]) -> None:
        """Wake `subs`, `RESULTS_WAKE_TURN` of them now and the rest on the loop's next turns
        (the loop reads its sockets between two turns)."""
        for sub in subs[:RESULTS_WAKE_TURN]:
            sub._wake()
        if len(subs) > RESULTS_WAKE_TURN:
            rest = subs[RESULTS_WAKE_TURN:]
            asyncio.get_running_loop().call_soon(self._wake_in_turns, rest)

    async def results_settled(self) -> None:
        """Return once every command applied so far is written and the phones' results have
        caught up with it: the coalesced results wake-up for the last answers (if one was due)
        has fired, so every stream, open or new, is sent results worked out from this state."""
        await self.written()
        await self._results_current.wait()

    async def _write_loop(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            batch, self._pending = self._pending, []
            if not batch:
                continue
            self._writing = batch
            try:
                await loop.run_in_executor(self._writer, self._store.append, [c for c, _ in batch])
            except Exception as exc:
                # Whatever went wrong, this batch is not on disk: refuse it, show it, and keep
                # the writer alive so that the next batch tries again.
                self._writing = []
                self._rollback(batch, _describe(exc))
                continue
            self._writing = []
            self.store_error = None
            for _, future in batch:
                if not future.done():
                    future.set_result(None)
            self._notify([c for c, _ in batch])

    def _rollback(self, batch: list[Pending], why: str) -> None:
        """The disk refused a batch: forget it (and anything applied after it) and say so."""
        log.error("session store failed: %s", why)
        self.store_error = why
        later, self._pending = self._pending, []
        self.state = replay(self._store.meta, self._store.commands)
        self._tokens = {p.token_hash: p.id for p in self.state.participants.values()}
        refusal = Refused("not_stored", "your answer could not be saved; please send it again")
        for _, future in [*batch, *later]:
            if not future.done():
                future.set_exception(refusal)
        self._notify()

    def _running_timer(self) -> tuple[str, float] | None:
        """The current step's id and seconds left, while its timer runs."""
        step = self.state.current_step
        if self.closed or step is None:
            return None
        timer = self.state.steps[step.id].timer
        if not timer.running:
            return None
        return step.id, timer.remaining_at(self.clock()) or 0.0

    def _arm_deadline(self) -> None:
        """Schedule the current step's running timer to expire when its time is up.

        Called whenever the facilitator's commands may have moved the deadline (start, pause,
        another minute, another step); no loop wakes up in between.
        """
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        running = self._running_timer()
        if running is not None:
            loop = asyncio.get_running_loop()
            self._deadline = loop.call_later(running[1], self.check_deadline)

    def check_deadline(self) -> None:
        """Expire the current step's timer if its time is up, else schedule the next check.

        The deadline timer calls this; so may anything that knows the clock jumped (a test's
        clock, a laptop waking from sleep)."""
        self._deadline = None
        running = self._running_timer()
        if running is None:
            return
        step_id, remaining = running
        if remaining > 0:
            self._arm_deadline()
            return
        task = asyncio.create_task(self._expire(step_id), name="hub-deadline")
        self._tasks.append(task)
        task.add_done_callback(self._tasks.remove)

    async def _expire(self, step_id: str) -> None:
        with contextlib.suppress(Refused):
            await self.execute(TimerControl(step_id, "expire", self.clock()))
