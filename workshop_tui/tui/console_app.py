"""The facilitator's console: a second terminal beside the projector, for the facilitator only.

It shows what the room should not see — the step's notes, the time plan, the next step, the
answers the word filter holds, who has answered — and takes the projector's keys. It owns
nothing: the projector app holds the session and sends this app its state down a local socket
(`workshop_tui/tui/console_link.py`) on each change; a key here becomes a message there. The only
timer is the clock itself (the countdown and the time gone by), redrawn once a second.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Static

from workshop_tui.catalogue import number, refusal, t
from workshop_tui.domain.console import began, behind, planned_seconds, spare
from workshop_tui.tui.changed import update_changed
from workshop_tui.tui.console_link import encode
from workshop_tui.tui.keys import KEYMAP, REMOTE_ACTIONS, Key, bind_keys
from workshop_tui.tui.safe import clean, truncate
from workshop_tui.tui.theme import palette, use_theme
from workshop_tui.tui.time_text import mmss

JSON = dict[str, Any]


# The projector's keys that change the session for the room, sent to the projector as they are;
# then the console's own: its cursor over the held answers, release, reject and close.
CONSOLE_KEYS: tuple[Key, ...] = (
    *(
        Key(key.keys, f"press('{key.action}')", key.label, key.display)
        for key in KEYMAP
        if key.action in REMOTE_ACTIONS
    ),
    Key("up,k", "cursor(-1)", "key_up", "↑"),
    Key("down,j", "cursor(1)", "key_down", "↓"),
    Key("u", "moderate('release')", "key_release"),
    Key("x", "moderate('reject')", "key_reject"),
    Key("q", "quit", "console_key_close"),
)


class ConsoleApp(App[None]):
    """The console attached to one running session; `state` is the projector's newest view
    (`domain.console.console_view`). Closing it (q, or the projector closing) detaches."""

    CSS = """
    #head { height: auto; padding: 0 1; background: $selection; color: $text; }
    #middle { height: 1fr; }
    #notes { width: 1fr; height: 100%; padding: 0 1; border-right: solid $dim; }
    #side { width: 1fr; height: 100%; padding: 0 1; }
    #held { height: auto; max-height: 50%; padding: 0 1; border-top: solid $dim; }
    """
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", show=False, priority=True),
        Binding("ctrl+c", "quit", show=False, priority=True),
    ]

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, state: JSON
    ) -> None:
        super().__init__()
        # The console is the facilitator's own screen, always in the dark theme.
        use_theme(self, "dark")
        self.reader = reader
        self.writer = writer
        self.state = state
        self.language = str(state.get("language", "en"))
        # Where the hub's clock stood against this machine's when the state was sent: the
        # same machine, but a state waits a moment in the socket.
        self._received = time.time()
        self.cursor = 0
        # Set once the projector has gone, so the command line can say so.
        self.projector_closed = False
        self.head = Static(id="head")
        self.notes = Static(id="notes")
        self.side = Static(id="side")
        self.held = Static(id="held")
        bind_keys(self, CONSOLE_KEYS, self.language)

    def compose(self) -> ComposeResult:
        yield self.head
        with Horizontal(id="middle"):
            yield self.notes
            yield self.side
        yield self.held
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = clean(str(self.state.get("title", "")))
        self._redraw()
        self._follow()
        # Time itself: the countdown and the time gone by move on between states.
        self.set_interval(1.0, self._tick)

    @work(exclusive=True, group="link")
    async def _follow(self) -> None:
        """Read the projector's lines until it hangs up; then the console closes."""
        while True:
            try:
                line = await self.reader.readline()
            except (ConnectionError, ValueError):
                line = b""
            if not line:
                break
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if isinstance(message, dict):
                self._receive(message)
        self.projector_closed = True
        self.exit()

    def _receive(self, message: JSON) -> None:
        kind = message.get("type")
        if kind == "state" and isinstance(message.get("state"), dict):
            self.state = message["state"]
            self._received = time.time()
            self._redraw()
        elif kind == "error":
            code = str(message.get("code", ""))
            detail = {k: v for k, v in message.items() if k not in ("type", "code", "message")}
            said = refusal(self.language, code, detail, str(message.get("message", code)))
            self.notify(t(self.language, "refused", message=said), severity="warning")

    def _send(self, message: JSON) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError):
            self.writer.write(encode(message))

    def action_press(self, action: str) -> None:
        """Press one of the projector's keys."""
        self._send({"key": action})

    def held_items(self) -> list[JSON]:
        held = self.state.get("held", [])
        return held if isinstance(held, list) else []

    def action_cursor(self, delta: int) -> None:
        """Move the cursor over the held answers."""
        items = self.held_items()
        self.cursor = max(0, min(len(items) - 1, self.cursor + delta))
        self._show_held()

    def action_moderate(self, command: str) -> None:
        """Release the held answer under the cursor onto the wall, or reject it: it stays
        hidden from the room for good."""
        items = self.held_items()
        if not items:
            return
        item = items[min(self.cursor, len(items) - 1)]
        self._send({"command": command, "step_id": item["step_id"], "item_id": item["item_id"]})

    def t(self, key: str, **values: Any) -> str:
        """A console label in the session's language."""
        return t(self.language, key, **values)

    def _now(self) -> float:
        """The hub's clock now, from the state's own time and how long ago it came."""
        return float(self.state.get("now", 0.0)) + (time.time() - self._received)

    def _tick(self) -> None:
        self._show_head()
        self._show_side()

    def _redraw(self) -> None:
        self._show_head()
        self._show_notes()
        self._show_side()
        self._show_held()

    def _kind(self, step: JSON | None) -> str:
        return self.t(f"kind_{step['kind']}") if step else ""

    def _show_head(self) -> None:
        state = self.state
        text = Text(
            self.t(
                "console_heading",
                title=clean(str(state.get("title", ""))),
                room=state.get("room", ""),
            ),
            style="bold",
        )
        step = state.get("step")
        if isinstance(step, dict):
            text.append("\n")
            text.append(self.t("step_of", n=int(state["index"]) + 1, total=state["steps"]))
            text.append(f" · {clean(step['title'])} ({self._kind(step)})", style="bold")
            if state.get("status") in ("locked", "preparing"):
                text.append(
                    f" · {self.t(str(state['status']))}", style=f"bold {palette(self).warning}"
                )
            timer = state.get("timer") or {}
            remaining = timer.get("remaining")
            if remaining is not None:
                if timer.get("running"):
                    remaining -= time.time() - self._received
                    shown = mmss(remaining)
                else:
                    shown = f"{mmss(remaining)} ({self.t('timer_paused')})"
                text.append(f" · ⏱ {shown}", style=f"bold {palette(self).accent}")
            if "answered" in state:
                answered = self.t(
                    "answered", count=state["answered"], total=state.get("participants", 0)
                )
                text.append(f" · {answered}")
        remote_url = state.get("remote_url")
        if isinstance(remote_url, str):
            # The phone remote's secret link: here, never on the projector, on a line of its
            # own across the whole console, so that it is never broken where it is copied.
            text.append("\n" + self.t("console_remote_line") + "\n")
            text.append(clean(remote_url), style=f"bold {palette(self).accent}")
        update_changed(self.head, text)

    def _show_notes(self) -> None:
        text = Text(self.t("console_notes") + "\n\n", style=f"bold {palette(self).accent}")
        notes = str(self.state.get("notes") or "")
        text.append(clean(notes) if notes else self.t("no_notes"))
        update_changed(self.notes, text)

    def _show_side(self) -> None:
        state = self.state
        text = Text()
        following = state.get("next")
        if isinstance(following, dict):
            text.append(
                self.t("console_next", title=clean(following["title"]), kind=self._kind(following))
            )
        else:
            text.append(self.t("console_last"))
        text.append("\n")
        for key, names in (
            ("console_answered_names", "answered_names"),
            ("console_waiting", "waiting_names"),
        ):
            if isinstance(state.get(names), list):
                people = ", ".join(clean(str(name)) for name in state[names]) or "–"
                text.append("\n" + self.t(key, names=people))
        text.append("\n\n" + self.t("console_plan") + "\n", style="bold")
        text.append(self._plan_summary() + "\n")
        current = int(state.get("index", -1))
        for index, step in enumerate(state.get("plan", [])):
            marker = "▶ " if index == current else ("✓ " if index < current else "  ")
            planned = self._minutes(planned_seconds(step))
            line = f"{marker}{index + 1:>2}. {truncate(clean(step['title']), 40)}  {planned}"
            text.append(line + "\n", style="bold" if index == current else "")
            if step.get("break_after"):
                pause = self.t("console_break", minutes=step["break_after"])
                text.append(f"      {pause}\n", style="italic")
        update_changed(self.side, text)

    def _minutes(self, seconds: float | None) -> str:
        """`seconds` in minutes as the session's language writes them: 1,5 in Swedish."""
        if not seconds:
            return "–"
        minutes = round(seconds / 60, 1)
        return number(self.language, minutes, 0 if minutes.is_integer() else 1) + " min"

    def _plan_summary(self) -> str:
        """The time gone since the group came to its first step, the time the rest plans, how
        far ahead or behind the plan the day is and, when behind, the optional steps still
        ahead that can be shortened or skipped."""
        state = self.state
        now = self._now()
        gone = max(0.0, now - began(state)) / 60
        current = int(state.get("index", -1))
        left = (
            sum(
                planned_seconds(step, pause=True)
                for step in state.get("plan", [])[max(0, current) :]
            )
            / 60
        )
        lines = [
            self.t(
                "console_plan_summary",
                elapsed=round(gone),
                minutes=state.get("minutes", 0),
                left=round(left),
            )
        ]
        late = behind(state, now)
        if late is not None:
            # Whole minutes: a plan is not kept to the second, and seconds would flicker.
            minutes = round(late / 60)
            if minutes > 0:
                lines.append(self.t("console_behind", minutes=minutes))
                skippable = ", ".join(
                    f"{clean(step['title'])} ({self._minutes(step['seconds'])})"
                    for step in spare(state)
                )
                if skippable:
                    lines.append(self.t("console_spare", steps=skippable))
            elif minutes < 0:
                lines.append(self.t("console_ahead", minutes=-minutes))
            else:
                lines.append(self.t("console_on_time"))
        return "\n".join(lines)

    def _show_held(self) -> None:
        items = self.held_items()
        self.cursor = max(0, min(self.cursor, len(items) - 1))
        text = Text(
            self.t("console_held", count=len(items)) + "\n", style=f"bold {palette(self).warning}"
        )
        if not items:
            text.append(self.t("console_no_held"), style="italic")
        for index, item in enumerate(items):
            marker = "▶ " if index == self.cursor else "  "
            times = f" ×{item['count']}" if item.get("count", 1) > 1 else ""
            line = Text(f"{marker}{clean(item['text'])}{times}  ({clean(item['step_title'])})\n")
            if index == self.cursor:
                line.stylize("reverse")
            text.append_text(line)
        update_changed(self.held, text)
