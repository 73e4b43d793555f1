"""The projector app: the facilitator drives the session from the keyboard, the room watches.

The app draws from its own copy of the session and sends the hub commands (`session_link.py`);
it never talks to the phones. The hub pushes: each batch it has written is queued for the copy
and asks for one `HubChanged` redraw (never more than one waiting, however many answers arrive
meanwhile: `redraws.py`), and the views redraw from the caught-up copy when it is handled.
Nothing polls; the only timers are for time itself (the countdown, and a notice that must go
when its minute is over).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.widgets import Footer

from workshop_tui.catalogue import refusal, t
from workshop_tui.domain.commands import (
    Command,
    GoTo,
)
from workshop_tui.domain.service_card import ladder_to_redo
from workshop_tui.domain.verdict import Refused
from workshop_tui.participant_server import ParticipantServer, ServerInfo, WifiNetwork
from workshop_tui.session.hub import Hub
from workshop_tui.tui.banner import Banner
from workshop_tui.tui.blank import BlankScreen
from workshop_tui.tui.collector import pace_for_session
from workshop_tui.tui.confirm import QuitScreen
from workshop_tui.tui.export_worker import start_export
from workshop_tui.tui.fit.misfits import misfits
from workshop_tui.tui.help import HelpScreen
from workshop_tui.tui.keys import (
    BY_NEED,
    KEYMAP,
    REMOTE_ACTIONS,
    bind_keys,
    target_of,
)
from workshop_tui.tui.ladder_screen import Undo
from workshop_tui.tui.notes import Notes
from workshop_tui.tui.os_hooks import OsHooks
from workshop_tui.tui.projector_screen import ProjectorScreen
from workshop_tui.tui.qr_screen import QRScreen
from workshop_tui.tui.redraws import HubChanged, ProjectorChanged, Redraws
from workshop_tui.tui.resize_notice import ResizeNotice
from workshop_tui.tui.safe import clean
from workshop_tui.tui.session_link import Hooks, SessionLink
from workshop_tui.tui.step_keys import StepKeys
from workshop_tui.tui.theme import palette, use_theme
from workshop_tui.tui.topbar import TimerBand, TopBar
from workshop_tui.tui.views import StepView, view_for
from workshop_tui.tui.views.base import DialogKit, ViewContext

# The facilitator's keys are for the projector behind a dialog, so a dialog switches them off;
# Textual's own actions stay on (Tab and Shift-Tab are the screen's `app.focus_next` and
# `app.focus_previous`: they move between a dialog's fields).
_FACILITATOR_ACTIONS = frozenset(key.name for key in KEYMAP)


class ProjectorApp(StepKeys, App[None]):
    """The facilitator's app for one session.

    It owns the session while it runs: it starts the hub (and the participant server, when one
    is given) and closes both on the way out, also on SIGTERM/SIGHUP. They run on the app's
    loop, or with `own_loop` on a loop in a thread of their own, or in the process of the
    `session` handed over (`session_process.py`, what `workshop-tui run` does), so the phones
    never wait for the projector's paint.
    `info` stands in for the server's address when there is no server (tests, demos); `wifi`
    is the room's network, shown as a second code (kept in memory only, never in the session).
    `theme` is "dark" or "light" (`tui/theme.py`).
    """

    # Absolute, so the styles are found from subclasses defined elsewhere too.
    CSS_PATH = Path(__file__).with_name("projector.tcss")
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "request_quit", show=False, priority=True),
        Binding("ctrl+c", "request_quit", show=False, priority=True),
    ]

    show_notes: reactive[bool] = reactive(False)

    def __init__(
        self,
        hub: Hub,
        server: ParticipantServer | None,
        *,
        info: ServerInfo | None = None,
        wifi: WifiNetwork | None = None,
        theme: str = "dark",
        own_loop: bool = False,
        session: SessionLink | None = None,
    ) -> None:
        super().__init__()
        use_theme(self, theme)
        # Kept for what never changes (its file, clock and language); the session itself is
        # read and acted on through `session`, which owns the way to the hub.
        self.hub = hub
        self.session = session or SessionLink(hub, own_loop=own_loop)
        self.server = server
        self.info = info
        self.wifi = wifi
        self.language = hub.language
        self.title = clean(hub.state.workshop.workshop.title)
        self.view: StepView | None = None
        self._view_step: str | None = None
        self.redraws = Redraws(self)
        # The collector's thresholds before the session (`on_mount`), put back on the way out.
        self._gc_threshold: tuple[int, int, int] | None = None
        # Published with the hub's version each time the projector has drawn it: dialogs on
        # top (the ladder screen) subscribe and redraw what they show of the session.
        self.session_drawn: Signal[int] = Signal(self, "session_drawn")
        self._bindings_shown: tuple[object, ...] | None = None
        self._os_hooks = OsHooks()
        self._stop_listening: Callable[[], None] | None = None
        # After a resize, what no longer fits (`resize_notice.py`).
        self.resize_notice = ResizeNotice(
            self,
            lambda: misfits(self, self.language),
            self.language,
            hub.state.workshop.workshop.id,
        )
        # Per levels step, the ladders as they were before each change (area, rungs): what
        # the ladder screen's undo restores, kept while the projector runs.
        self.ladder_undo: dict[str, Undo] = {}
        # What a dialog a view opens works with (the views never hold the hub).
        self.dialog_kit = DialogKit(
            lambda: self.session.state,
            self._send_for_dialog,
            lambda step_id: self.ladder_undo.setdefault(step_id, []),
            self.session_drawn,
        )
        # Held directly: `query_one` would search whichever screen is on top (help, QR code).
        self.topbar = TopBar(id="topbar")
        self.band = TimerBand(hub.clock, id="band")
        self.banner = Banner(self.changed, id="banner")
        self.stage = Container(id="stage")
        self.notes = Notes(id="notes")
        # The views' keys are bound on the view that owns them (`StepView.take_keys`).
        bind_keys(self, (key for key in KEYMAP if key.target == "app"), self.language)

    def get_default_screen(self) -> Screen[None]:
        return ProjectorScreen(id="_default")

    def compose(self) -> ComposeResult:
        yield self.topbar
        yield self.banner
        yield self.band
        with Horizontal(id="middle"):
            yield self.stage
            yield self.notes
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        self._os_hooks.install(self.exit)
        hooks = Hooks(
            changed=lambda: self.redraws.ask(HubChanged),
            call=self.call_later,
            press=self.remote_key,
            console_attached=self._console_attached,
            warn=self._warn,
            failed=self._server_failed,
        )
        started = await self.session.start(self.server, hooks)
        if started is not None:
            self.info = started
        if self.info is not None:
            self._stop_listening = self.info.turned_away.listen(
                self.session.to_projector(self.changed)
            )
        # Start-up's objects frozen, full collections rarer (`collector.py`): they stop every
        # thread, and paused this loop for 100-400 ms with 1,000 phones connected.
        self._gc_threshold = pace_for_session()
        if self.session.state.current < 0:
            await self._do(GoTo(0, self.hub.clock()))
        self._redraw()
        # The footer is not laid out yet during mount; show the step's keys once it is.
        self.call_after_refresh(self.refresh_bindings)

    async def on_unmount(self) -> None:
        self._os_hooks.remove_signals()
        if self._stop_listening is not None:
            self._stop_listening()
        await self.session.close(self.server)
        self._os_hooks.remove_logging()
        if self._gc_threshold is not None:
            gc.set_threshold(*self._gc_threshold)

    def changed(self) -> None:
        """Ask for a redraw for something the projector shows beside the session (the hub's
        own changes arrive through its subscription)."""
        self.redraws.ask(ProjectorChanged)

    def on_hub_changed(self, _: HubChanged) -> None:
        self.redraws.taken(HubChanged)
        # A facilitator's key has drawn its own change at once: that version is not drawn twice.
        if self.session.behind() or self.session.version != self.redraws.drawn_version:
            self._redraw()

    def on_projector_changed(self, _: ProjectorChanged) -> None:
        self.redraws.taken(ProjectorChanged)
        self._redraw()

    async def up_to_date(self) -> None:
        """Return once everything the hub has stored so far is drawn: what tests and the
        benchmarks wait on instead of a fixed pause."""
        await self.session.written()
        await self.redraws.until_drawn(self.session.hub_version)

    async def redraw_now(self) -> None:
        """Redraw from the hub's newest state at once, without the spacing a flood of answers
        gets, and return once it is drawn: the pre-flight check plays a whole room in seconds
        and would only wait on that spacing."""
        await self.session.written()
        self.post_message(HubChanged())
        await self.up_to_date()

    def context(self) -> ViewContext | None:
        """The current step's data for the views (None before the first step opens)."""
        state = self.session.state
        step = state.current_step
        if step is None:
            return None
        return ViewContext(
            state,
            step,
            state.steps[step.id],
            self.language,
            self.hub.clock(),
            self.info,
            self.wifi,
            self.console_attached,
        )

    def _redraw(self) -> None:
        self.redraws.drawing()
        self.session.catch_up()
        version = self.session.version
        self._redraw_views()
        self.redraws.drawn(version)
        self.session_drawn.publish(version)

    def _redraw_views(self) -> None:
        ctx = self.context()
        if ctx is None:
            return
        if ctx.step.id != self._view_step:
            self._swap_view(ctx)
        if self.view is not None:
            self.view.show(ctx)
        self.topbar.show(ctx)
        self.band.show(ctx)
        self.banner.show(self.session.store_error, self.hub.clock(), self.info, self.language)
        self.notes.show(ctx, palette(self).accent)
        # Rebuilding the footer costs a recompose; while answers stream in, it would run for
        # every redraw for keys that did not change.
        shown = self._binding_state()
        if shown != self._bindings_shown:
            self._bindings_shown = shown
            self.refresh_bindings()

    def _binding_state(self) -> tuple[object, ...]:
        """What `check_action` depends on, to refresh the footer only when it changes."""
        view = self.view
        if view is None:
            return (None,)
        ctx = view.ctx
        status = None if ctx is None else ctx.step_state.status
        ladder = ladder_to_redo(self.session.state)
        return (type(view), view.binding_state(), status, ladder, self.console_attached)

    def _swap_view(self, ctx: ViewContext) -> None:
        stage = self.stage
        stage.remove_children()
        view = view_for(ctx.step.kind)()
        view.take_keys(self.language)
        view.ctx = ctx
        self.view = view
        self._view_step = ctx.step.id
        stage.mount(view)

    def watch_show_notes(self, shown: bool) -> None:
        # While a console is attached the notes are on it, never on the room's screen.
        self.notes.set_class(shown and not self.console_attached, "shown")

    @property
    def console_attached(self) -> bool:
        """Whether the facilitator's console is attached: then the projector shows only what
        the room should see (no notes, no key for answers the word filter holds)."""
        return self.session.console_attached

    def _console_attached(self, _attached: bool) -> None:
        # Called by the console link as a console comes or goes: the notes and the keys change.
        self.watch_show_notes(self.show_notes)
        self.changed()

    def _warn(self, message: str) -> None:
        self.notify(message, severity="warning", markup=False)

    def _server_failed(self, error: str) -> None:
        self.notify(t(self.language, "server_failed", error=error), severity="error", markup=False)

    async def remote_key(self, action: str) -> str | None:
        """Run a key the console (or the phone remote) pressed, as if pressed here, on the
        node that owns it: the app, or the step view on screen; a code if it does nothing now."""
        if action not in REMOTE_ACTIONS:
            return "unknown_key"
        target: App[None] | StepView | None = self
        if target_of(action) == "view":
            # A dialog on top keeps the view's keys off, as it does the app's.
            target = None if isinstance(self.screen, ModalScreen) else self.view
        if target is None or target.check_action(action, ()) is not True:
            return "not_now"
        await self.run_action(action, target)
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.screen, ModalScreen):
            # The console can end the blank it started; other dialogs keep the keys off.
            if action == "blank":
                return isinstance(self.screen, BlankScreen)
            return action not in _FACILITATOR_ACTIONS or action == "request_quit"
        if action == "notes":
            return not self.console_attached
        if action == "open_step":
            step = self.session.state.current_step
            return step is not None and self.session.state.steps[step.id].status == "preparing"
        if action == "revoke_remote":
            remote = self.info.remote if self.info is not None else None
            return remote is not None and remote.active
        if action == "back_to_ladder":
            return ladder_to_redo(self.session.state) is not None
        if action == "reveal":
            return self.view is None or self.view.reveals
        return True

    def _refusal(self, exc: Refused) -> str:
        """A refusal in the session's language, from its code and numbers (never its English)."""
        return refusal(self.language, exc.code, exc.detail, exc.message)

    async def _do(self, command: Command) -> bool:
        """Send a command to the hub; a refusal becomes a notification for the facilitator."""
        try:
            await self.session.execute(command)
        except Refused as exc:
            message = t(self.language, "refused", message=self._refusal(exc))
            self.notify(message, severity="warning", markup=False)
            return False
        # The facilitator's own key is shown at once, whatever the frame budget says.
        self._redraw()
        return True

    async def _send_for_dialog(self, command: Command) -> str | None:
        """Send a dialog's command to the hub: the refusal in the facilitator's words, or None
        once stored (the dialog shows it in place, so no notification)."""
        try:
            await self.session.execute(command)
        except Refused as exc:
            return self._refusal(exc)
        # Drawn at once, like a key's own change: the dialog reads the state it just changed.
        self._redraw()
        return None

    async def on_step_view_send(self, message: StepView.Send) -> None:
        """A view's key wants a command done to the session."""
        await self._do(message.command)

    def on_step_view_open(self, message: StepView.Open) -> None:
        """A view's key opens a dialog that works with the session."""
        self.push_screen(message.build(self.dialog_kit))

    async def action_revoke_remote(self) -> None:
        """End the phone remote's secret link: refused from the next request, its stream ends."""
        remote = self.info.remote if self.info is not None else None
        if remote is None or not remote.active:
            return
        await self.session.revoke_remote(remote)
        self.notify(t(self.language, "remote_revoked"), markup=False)
        self.refresh_bindings()

    def action_show_qr(self) -> None:
        """Show the join code full screen."""
        if self.info is None:
            self.notify(t(self.language, "no_server"), severity="warning", markup=False)
            return
        self.push_screen(
            QRScreen(self.info.join_url, self.session.state.room, self.language, self.wifi)
        )

    def action_blank(self) -> None:
        """Blank the room's screen but for the room code (or bring the step back)."""
        if isinstance(self.screen, BlankScreen):
            self.screen.dismiss()
        else:
            self.push_screen(BlankScreen(self.session.state.room))

    def on_resize(self, event: Resize) -> None:
        self.resize_notice.resized(event.size)

    def action_export(self) -> None:
        """Write the service card and the outcome, as every export format, beside the
        sessions folder."""
        names = self.session.state.workshop.workshop.names  # as the lobby told the phones
        start_export(self, self.hub.path, self.language, names)

    def action_notes(self) -> None:
        """Show or hide the facilitator's notes for this step."""
        self.show_notes = not self.show_notes

    def action_help(self) -> None:
        """Show the key map."""
        keys = [
            (key.display or key.keys.split(",")[0], t(self.language, key.label)) for key in BY_NEED
        ]
        self.push_screen(HelpScreen(keys, self.language))

    def action_request_quit(self) -> None:
        """Ask before quitting."""
        if isinstance(self.screen, QuitScreen):
            return

        def answered(quit_: bool | None) -> None:
            if quit_:
                self.exit()

        self.push_screen(QuitScreen(self.language), answered)
