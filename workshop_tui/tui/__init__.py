"""The projector: the facilitator's Textual app, shown on the room's screen."""
