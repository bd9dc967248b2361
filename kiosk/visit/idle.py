"""IdlePolicy: when the kiosk warns "Are you still there?" and when it resets (K-T1, K-T2).

Owns the arithmetic of quiet time only: the last input, whether speech is reading, the clock,
and the resulting state (active, warning with seconds left, reset). It never touches the
screen, the speech engine, the session or any storage; the app polls :meth:`IdlePolicy.state`
from a timer, shows/speaks the warning, and performs the reset (K-P1) itself.

Rules:

* Any input (key, click, mouse move, scroll, paste) calls :meth:`IdlePolicy.touch`.
* While speech is reading, the kiosk is not idle (K-T2): quiet time is measured from the later
  of the last input and the last poll at which speech was busy, so the countdown starts only
  after speech ends. Once the warning has been reported, speech no longer holds it off: the
  warning itself is spoken aloud, and that speech must not keep an empty kiosk alive.
* An untouched kiosk is never idle: nobody is there to warn and nothing is there
  to wipe, so the warning and the reset come only after someone has used the kiosk since the
  last reset (or start). The app counts a reset in the usage counts only then.
* After ``timeout`` seconds of quiet (``timeout * speech_factor`` in speech mode) the state is
  WARNING for ``warning_seconds``; any input continues, as often as needed (K-T1); then RESET.

The settings file requires ``warning_seconds >= 20`` (K-T1, :class:`kiosk.content.settings.IdleSettings`).
The primitive constructor allows shorter values on purpose: the CLI's ``--idle-timeout`` and
``--warning`` overrides are for staff trials and tests, not for deployment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from kiosk.content.settings import IdleSettings
from kiosk.host.clock import Clock, monotonic

__all__ = ["IdlePhase", "IdleState", "IdlePolicy", "ACTIVE", "RESET"]


class IdlePhase(StrEnum):
    ACTIVE = "active"
    WARNING = "warning"
    RESET = "reset"


@dataclass(frozen=True)
class IdleState:
    """What the app should show. ``seconds_left`` and ``total`` are whole seconds, rounded up,
    and only meaningful in WARNING (``total`` is the full length of the warning)."""

    phase: IdlePhase
    seconds_left: int = 0
    total: int = 0

    @property
    def is_active(self) -> bool:
        return self.phase is IdlePhase.ACTIVE

    @property
    def is_warning(self) -> bool:
        return self.phase is IdlePhase.WARNING

    @property
    def is_reset(self) -> bool:
        return self.phase is IdlePhase.RESET


ACTIVE = IdleState(IdlePhase.ACTIVE)
RESET = IdleState(IdlePhase.RESET)


class IdlePolicy:
    """Pure idle logic with an injectable clock; see the module docstring for the rules."""

    def __init__(
        self,
        timeout_seconds: float = 90,
        warning_seconds: float = 30,
        speech_factor: float = 2.0,
        clock: Clock = monotonic,
    ) -> None:
        if not timeout_seconds > 0:
            raise ValueError("timeout_seconds must be more than 0")
        if not warning_seconds > 0:
            raise ValueError("warning_seconds must be more than 0")
        if not speech_factor >= 1:
            raise ValueError("speech_factor must be at least 1")
        self.timeout_seconds = float(timeout_seconds)
        self.warning_seconds = float(warning_seconds)
        self.speech_factor = float(speech_factor)
        self._clock = clock
        self._last_input = clock()
        self._last_busy: float | None = None
        self._warned = False
        self._used = False

    @property
    def used(self) -> bool:
        """Someone has used the kiosk since the last reset (or start)."""
        return self._used

    @classmethod
    def from_settings(
        cls,
        settings: IdleSettings,
        clock: Clock = monotonic,
        *,
        timeout_seconds: float | None = None,
        warning_seconds: float | None = None,
    ) -> IdlePolicy:
        """Build from ``kiosk.yaml``; the keyword overrides are the CLI's trial values."""
        return cls(
            timeout_seconds=settings.timeout_seconds if timeout_seconds is None else timeout_seconds,
            warning_seconds=settings.warning_seconds if warning_seconds is None else warning_seconds,
            speech_factor=settings.speech_factor,
            clock=clock,
        )

    def timeout_for(self, speech_mode: bool) -> float:
        """Quiet seconds before the warning; the attract screen says this (K-T1)."""
        return self.timeout_seconds * (self.speech_factor if speech_mode else 1.0)

    def touch(self) -> None:
        """Any patient input: the kiosk is in use; a warning in progress is continued."""
        self._last_input = self._clock()
        self._warned = False
        self._used = True

    def reset(self) -> None:
        """Start afresh, as after a reset or at start (K-P1)."""
        self._last_input = self._clock()
        self._last_busy = None
        self._warned = False
        self._used = False

    def state(self, speech_busy: bool, speech_mode: bool) -> IdleState:
        """Poll from a timer (about once a second). ``speech_busy``: speech is reading now."""
        now = self._clock()
        if not self._used:
            return ACTIVE  # nobody since the last reset: no warning, no reset
        if speech_busy and not self._warned:
            self._last_busy = now
            return ACTIVE
        since = self._last_input if self._last_busy is None else max(self._last_input, self._last_busy)
        quiet = now - since
        timeout = self.timeout_for(speech_mode)
        if quiet < timeout:
            return ACTIVE
        left = timeout + self.warning_seconds - quiet
        if left <= 0:
            self._warned = True
            return RESET
        self._warned = True
        return IdleState(IdlePhase.WARNING, seconds_left=math.ceil(left), total=math.ceil(self.warning_seconds))
