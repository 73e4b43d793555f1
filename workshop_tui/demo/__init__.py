"""Simulated phones for `workshop-tui demo`: they join and answer through the same HTTP API as a
real phone, so a newcomer can watch the whole method and a facilitator can rehearse."""

from workshop_tui.demo.phones import DEFAULT_PHONES, DemoPhones, run_phones

__all__ = ["DEFAULT_PHONES", "DemoPhones", "run_phones"]
