"""Python's garbage collector, paced for a live session (the projector's process and the
session's).

A full collection stops every thread of its process, the phones' loop too: with 1,000 phones and
the projector painting a terminal, one benchmark run saw fifteen of 80-130 ms each, the whole of
the acknowledgements' tail (docs/performance.md). What start-up made lives as long as the
session, so it is frozen (no collection walks it again), and full collections come a hundred
times more rarely than Python's default; the young collections still free the cycles each
paint or request makes.
"""

from __future__ import annotations

import gc

# Middle-generation collections between two full ones (Python's default is 10).
FULL_COLLECTION_EVERY = 1000


def pace_for_session() -> tuple[int, int, int]:
    """Freeze what exists now and make full collections rarer; returns the thresholds before,
    for whoever puts them back."""
    gc.freeze()
    before = gc.get_threshold()
    young, middle, _ = before
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
    return before
