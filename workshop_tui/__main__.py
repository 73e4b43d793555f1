"""`python -m workshop_tui` runs the same command as `workshop-tui`."""

import sys

from workshop_tui.cli import main

sys.exit(main())
