"""The rules and state of a workshop session: pure, no I/O (checked by the import contracts)."""
