"""Will the room read every step on a screen of this size? The pre-flight check
(`workshop-tui check --fit`, in `check`), the most a group can produce that it plays
(`worst_case`), the size it is given (`screen_size`), and what a screen leaves out (`misfits`),
which the projector also asks after a resize."""
