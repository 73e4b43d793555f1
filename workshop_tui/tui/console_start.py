"""Starting the facilitator's console link beside the projector (`console_link.py`).

A console that cannot listen (an unsafe folder, a socket error) never stops the session: the
projector goes on without one, and the facilitator is told why.
"""

from __future__ import annotations

from collections.abc import Callable

from workshop_tui.catalogue import t
from workshop_tui.participant_server import KeyHandler
from workshop_tui.session.hub import Hub
from workshop_tui.tui.console_link import ConsoleError, ConsoleLink


async def start_console(
    hub: Hub,
    press: KeyHandler,
    attached: Callable[[bool], None],
    language: str,
    warn: Callable[[str], None],
) -> ConsoleLink | None:
    """The console link, listening; or None, once `warn` has told the facilitator why not."""
    link = ConsoleLink(hub, press, attached)
    try:
        await link.start()
    except (ConsoleError, OSError) as exc:
        if isinstance(exc, ConsoleError):
            reason = t(language, "console_unsafe_folder", folder=exc.path)
        else:
            reason = str(exc)
        warn(t(language, "console_failed", error=reason))
        return None
    return link
