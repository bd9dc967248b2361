"""KeyGovernor: how many keys a second the kiosk takes, so a flood cannot bury it (issue 16).

Someone leaning on the keypad, a stuck key's auto-repeat or 100 KB pasted as keys arrive far
faster than any person presses. Each kept key may change a screen (tens of milliseconds), so a
flood of them used to keep the kiosk busy for minutes with the emergency key dead meanwhile.
A token bucket keeps bursts a person can make (a quick double press, typing the staff
sequence) and drops the rest, which are cheap to drop: the kiosk then answers the next real
key at once. Pure: the clock is injected, nothing here knows Textual.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.clock import monotonic

#: Keys a person can press in a quick burst (the staff sequence 0-0-0 is five).
BURST = 8
#: Sustained keys a second: faster than anyone types on a keypad, slower than auto-repeat.
RATE = 12.0


class KeyGovernor:
    """``allow()`` once per key: True to handle it, False to drop it."""

    def __init__(self, burst: int = BURST, rate: float = RATE, clock: Callable[[], float] = monotonic) -> None:
        self.burst = burst
        self.rate = rate
        self._clock = clock
        self._tokens = float(burst)
        self._last = clock()
        self.dropped = 0

    def allow(self) -> bool:
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
        self._last = now
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        self.dropped += 1
        return False
