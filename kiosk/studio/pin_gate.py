"""The staff PIN in front of ``kiosk studio --serve``, with the kiosk's own lockout.

The kiosk's :class:`~kiosk.visit.staff.StaffGate` (hash, tries, lockout time from kiosk.yaml) on
the same machine-wide :class:`~kiosk.visit.staff_lock.SharedLockout` in the kiosk's data folder, as
the kiosk's controller builds it: wrong PINs typed in the studio count against staff mode's tries
and the other way round, a lock set by either holds for both, and a data folder where tries
cannot be counted refuses every PIN. Never stores or logs a PIN. Pure; never imports Textual.
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
from kiosk.visit.staff_lock import SharedLockout

log = logging.getLogger("kiosk.studio")


class StudioGate:
    def __init__(self, settings: KioskSettings, content: Path, *, clock: Callable[[], float] = monotonic,
                 wall_clock: Callable[[], float] = time.time) -> None:
        self.data_dir = data_folder(content, settings.data_dir)
        self.gate = StaffGate.from_settings(settings, clock, SharedLockout(self.data_dir, wall_clock))

    def standing(self) -> GateResult | None:
        """LOCKED or UNAVAILABLE before any PIN is typed; None when PINs are accepted."""
        return self.gate.standing()

    def try_pin(self, pin: str) -> GateResult:
        result = self.gate.try_pin(pin)
        if result.status is GateStatus.UNAVAILABLE:
            log.error("studio PIN refused: the count of wrong PINs cannot be kept (%s)", self.gate.unavailable)
        return result


def gate_words(result: GateResult) -> str:
    """What the PIN screen says after a try, in staff mode's words."""
    if result.status is GateStatus.LOCKED:
        return locked_words(result.seconds_left)
    if result.status is GateStatus.NO_PIN_SET:
        return "No staff PIN is set, so the studio cannot be opened in a browser. Set one with `kiosk set-pin`."
    if result.status is GateStatus.UNAVAILABLE:
        return ("The kiosk's data folder cannot be written, so wrong PINs cannot be counted and no PIN is "
                "accepted. Ask whoever looks after the kiosk to make its data folder writable.")
    if result.status is GateStatus.WRONG:
        return f"Wrong PIN. {result.attempts_left} {'try' if result.attempts_left == 1 else 'tries'} left."
    return ""


def locked_words(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return (f"Staff entry is locked after too many wrong PINs. "
            f"Try again in {minutes} minute{'s' if minutes != 1 else ''}.")
