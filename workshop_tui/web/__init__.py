"""The participant server: the phone page, its JSON API and the live stream (aiohttp).

Handlers talk only to the hub; `tui/` and `web/` never import each other.
"""

from workshop_tui.web.limits import Limits
from workshop_tui.web.server import WebServer, create_app

__all__ = ["Limits", "WebServer", "create_app"]
