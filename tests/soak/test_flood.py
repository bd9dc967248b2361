"""Key floods (``make soak``), through Pilot.

Bursts of 1,000 keys (mixed ``*`` ``.`` digits Enter arrows, and ``* .`` alternating) and a
100 KB paste sent as keys; after each: the next key answered within a second, the banner on
screen, the emergency page and the sound menu at most once each in the stack, memory back
within 10 MB. See ``tests/soak/flood.py`` for how each is measured. Every burst's figures are
printed, then the test fails with every problem found (not only the first).

``SOAK_SEED`` repeats a run; ``SOAK_FLOODS`` picks the bursts (comma-separated kinds, default
below). The real kiosk in a terminal, with signals, is ``test_flood_tmux.py``.
"""

from __future__ import annotations

import os
import random

import pytest

from kiosk.visit.key_governor import KeyGovernor
from tests.soak.flood import run_floods

KINDS = os.environ.get("SOAK_FLOODS", "mixed,mixed,star-dot,mixed,paste,mixed").split(",")


@pytest.mark.soak
async def test_key_floods_leave_the_kiosk_answering_bounded_and_with_its_banner(make_app, shipped_library, clock):
    seed = int(os.environ.get("SOAK_SEED", random.SystemRandom().randrange(1_000_000)))
    print(f"\nflood soak: seed {seed} (SOAK_SEED={seed} repeats it); bursts: {', '.join(KINDS)}", flush=True)
    # The shipped settings, debounce included, and the key governor a running kiosk has (launch
    # sets it; in a browser it is this one, in the app's event handler): every key of a burst is
    # posted and reaches the app's queue, and the governor is what keeps the kiosk answering.
    # Without it, 1,000 keys take the app 1.2 to 2 s on two loaded cores; the stack stays bounded
    # either way (tests/app/test_flood_bounds.py, in make test).
    app = make_app(shipped_library, governor=KeyGovernor(clock=clock))

    def progress(result) -> None:
        print("  " + result.line(), flush=True)

    results = await run_floods(app, clock, KINDS, seed=seed, progress=progress)
    problems = [f"{r.kind} burst {i + 1}: {p}" for i, r in enumerate(results) for p in r.problems]
    if len(results) < len(KINDS):
        problems.append(f"only {len(results)} of {len(KINDS)} bursts ran (the run was stopped)")
    print("flood soak: " + ("all checks held" if not problems else f"{len(problems)} problem(s)"), flush=True)
    assert not problems, "\n".join(problems)
