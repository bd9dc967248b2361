"""A clinic day (``make soak-day``, 8 hours): keys at human speed, a reset between visits, both
languages, speech on in every other visit; memory must hold after the first hour.

Not in ``make test`` or ``make soak`` (marker ``soak_day``). ``SOAK_DAY_SECONDS`` shortens it
(the first eighth then stands for the first hour); ``SOAK_SEED`` repeats a run. Each visit is
150 inputs (digits weighted, so the ``8`` language key comes often: both languages), then the
inactivity warning and reset, as when a patient walks away; RSS after each reset and
``gc.collect()`` is printed with its time, the curve bench/README.md gives.
"""

from __future__ import annotations

import os
import random
import time

import pytest

from tests.soak.driver import run_soak

DAY = float(os.environ.get("SOAK_DAY_SECONDS", str(8 * 3600)))
VISIT = 150
HOLD_MB = 5.0


@pytest.mark.soak_day
async def test_a_clinic_day_holds_its_memory_after_the_first_hour(make_app, shipped_library, clock):
    seed = int(os.environ.get("SOAK_SEED", random.SystemRandom().randrange(1_000_000)))
    print(f"\nsoak-day: seed {seed}, {DAY:.0f} s, visits of {VISIT} inputs at human speed", flush=True)
    app = make_app(shipped_library)

    def progress(stats) -> None:
        print(f"  {stats.rss_at[-1]:7.0f} s  visit {stats.bursts:4d}  {stats.steps:6d} inputs  "
              f"RSS {stats.rss_kb[-1] / 1024:.1f} MB", flush=True)

    stats = await run_soak(app, clock, steps=10**9, burst=VISIT, seed=seed, progress=progress,
                           pace=(0.3, 2.5), until=time.monotonic() + DAY)
    print("\n".join(["soak-day figures:", *(f"  {line}" for line in stats.lines())]), flush=True)
    first_hour = DAY / 8
    settled = [kb for at, kb in zip(stats.rss_at, stats.rss_kb, strict=True) if at >= first_hour]
    assert len(settled) >= 2, "too short a run to judge (fewer than two visits after the first eighth)"
    growth = (max(settled) - settled[0]) / 1024
    assert growth <= HOLD_MB, f"RSS grew {growth:.1f} MB after the first hour (seed {seed})"
