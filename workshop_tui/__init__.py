"""workshop-tui: a projected terminal app for service-culture workshops, answered from phones."""

__version__ = "0.1.0"
