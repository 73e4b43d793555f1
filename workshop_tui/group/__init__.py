"""A group across its sessions: its history, its campaigns and the reports on them (the group's,
the organisation's and the brief for the next facilitator). Read from finished session files;
never imports the projector or the participant server (checked by the import contracts)."""
