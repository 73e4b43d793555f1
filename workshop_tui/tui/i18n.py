"""The projector's labels: `label` is `workshop_tui.catalogue.t` under the name the views use.

The room reads the projector, so nothing on it may fall back to a language the session is not
in; every text lives in the one catalogue (`workshop_tui/locale/*.po`), whose tests check that
each key has every language with the same placeholders.
"""

from __future__ import annotations

from workshop_tui.catalogue import number, t

label = t

__all__ = ["label", "number"]
