"""The long soak (``make soak``): 10,000 random keys, digits and touches, idle resets between bursts.

Not in the default test run (marker ``soak``). ``SOAK_SEED`` repeats a run; ``SOAK_STEPS`` and
``SOAK_BURST`` change its length. See ``tests/soak/driver.py`` for what is checked after each
input and each reset.
"""

from __future__ import annotations

import os
import random

import pytest

from tests.soak.driver import run_soak

STEPS = int(os.environ.get("SOAK_STEPS", "10000"))
BURST = int(os.environ.get("SOAK_BURST", "200"))
MAX_GROWTH_MB = 10.0


@pytest.mark.soak
async def test_soak_ten_thousand_random_inputs(make_app, shipped_library, clock):
    seed = int(os.environ.get("SOAK_SEED", random.SystemRandom().randrange(1_000_000)))
    print(f"\nsoak: seed {seed}, {STEPS} inputs in bursts of {BURST}", flush=True)
    app = make_app(shipped_library)  # the shipped settings, debounce included

    def progress(stats) -> None:
        if stats.bursts % 10 == 0:
            print(f"  burst {stats.bursts}: {stats.steps} inputs, RSS {stats.rss_kb[-1] / 1024:.1f} MB", flush=True)

    stats = await run_soak(app, clock, steps=STEPS, burst=BURST, seed=seed, progress=progress)
    print("\n".join(["soak figures:", *(f"  {line}" for line in stats.lines())]), flush=True)
    assert stats.steps == STEPS
    assert stats.idle_resets == stats.bursts
    assert stats.rss_growth_mb < MAX_GROWTH_MB, f"memory grew {stats.rss_growth_mb:.1f} MB (seed {seed})"
