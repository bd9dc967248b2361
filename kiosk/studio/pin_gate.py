"""The staff PIN in front of ``kiosk studio --serve``, with the kiosk's own lockout.

The same :class:`~kiosk.visit.staff.StaffGate` (hash, tries, lockout time from kiosk.yaml) and the
same lock file in the kiosk's data folder (:mod:`kiosk.visit.staff_lock`): wrong PINs typed in
the studio count against staff mode's tries and the other way round, and a lock set by either
holds for both. The file is read again before every try, so a lock set by the kiosk a moment
ago holds here too. Never stores or logs a PIN. Pure; never imports Textual.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.content.settings import KioskSettings, data_folder
from kiosk.host.clock import monotonic
from kiosk.visit.staff import GateResult, GateStatus, StaffGate
from kiosk.visit.staff_lock import load_lock, save_lock

log = logging.getLogger("kiosk.studio")


class StudioGate:
    def __init__(self, settings: KioskSettings, content: Path, *, clock: Callable[[], float] = monotonic,
                 wall_clock: Callable[[], float] = time.time) -> None:
        self.gate = StaffGate.from_settings(settings, clock)
        self.data_dir = data_folder(content, settings.data_dir)
        self._clock = clock
        self._wall_clock = wall_clock

    def _restore(self) -> None:
        state = load_lock(self.data_dir, self._wall_clock(), self.gate.lockout_seconds)
        until = self._clock() + state.locked_seconds_left if state.locked_seconds_left else None
        self.gate.restore(state.wrong, until)

    def locked_seconds_left(self) -> int:
        self._restore()
        return self.gate.locked_seconds_left()

    def try_pin(self, pin: str) -> GateResult:
        self._restore()
        result = self.gate.try_pin(pin)
        locked_until = None
        if self.gate.locked_until is not None:
            locked_until = self._wall_clock() + max(0.0, self.gate.locked_until - self._clock())
        problem = save_lock(self.data_dir, self.gate.wrong_count, locked_until)
        if problem:
            log.warning("staff lockout not saved: %s", problem)
        return result


def gate_words(result: GateResult) -> str:
    """What the PIN screen says after a try, in staff mode's words."""
    if result.status is GateStatus.LOCKED:
        return locked_words(result.seconds_left)
    if result.status is GateStatus.NO_PIN_SET:
        return "No staff PIN is set, so the studio cannot be opened in a browser. Set one with `kiosk set-pin`."
    if result.status is GateStatus.WRONG:
        return f"Wrong PIN. {result.attempts_left} {'try' if result.attempts_left == 1 else 'tries'} left."
    return ""


def locked_words(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return (f"Staff entry is locked after too many wrong PINs. "
            f"Try again in {minutes} minute{'s' if minutes != 1 else ''}.")
