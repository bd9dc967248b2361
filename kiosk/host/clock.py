"""Injectable time for the idle policy, the staff lockout and the app's timers.

Owns only the ``Clock`` type (a callable returning seconds), the real default and a fake for
tests. Never touches wall-clock dates or anything that could be stored (K-P2).
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

Clock = Callable[[], float]
"""Seconds from an arbitrary start; only differences matter."""

__all__ = ["Clock", "FakeClock", "monotonic"]


class FakeClock:
    """A clock that moves only when told: ``clock.advance(30)``."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = float(start)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
