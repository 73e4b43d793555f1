"""One running session: the hub that applies every command, the file it is kept in (store) and
the state rebuilt from that file (rebuild). Only this package opens a session's store; everyone
else goes through the hub (checked by the import contracts)."""
