"""A short soak in the default test run: ~300 random inputs with idle resets (see tests/soak).

Same driver and checks as ``make soak``, with a fixed seed so the default run is repeatable;
``SOAK_SEED`` picks another.
"""

from __future__ import annotations

import os

import pytest

from tests.soak.driver import run_soak

SEED = int(os.environ.get("SOAK_SEED", "20261122"))


@pytest.mark.exhaustive  # a soak: `make test` runs it, `make check` has the floods and the idle tests
async def test_short_soak_random_inputs_keep_the_banner_and_reset_home(make_app, shipped_library, clock):
    app = make_app(shipped_library)  # the shipped settings, debounce included
    stats = await run_soak(app, clock, steps=300, burst=100, seed=SEED)
    print("\n".join(["short soak:", *stats.lines()]))
    assert stats.steps == 300 and stats.idle_resets == stats.bursts == 3
    assert stats.rss_growth_mb < 10.0
