"""The staff PIN lockout: one state for every kiosk process on the machine, kept in the data folder.

Holds only the count of wrong PINs in a row and the wall-clock time the lock ends: no PIN, no
hash, nothing of a patient. Every try reads and writes it under an exclusive ``flock`` on
``staff-lock.json.lock`` beside it, so two pages of ``kiosk serve`` (each its own kiosk process),
the console kiosk and a restart all count against the same tries: a page opened before another
locked out can no longer overwrite that lock with its own stale count.

It fails closed: a data folder that cannot be written (read-only, full, gone) raises
:class:`LockoutUnavailable`, and the PIN is then not checked at all, because a try that cannot be
counted would be a free one. A missing file means no wrong PINs yet; a file that is not ours
(unparseable) means no lock, except that a lock time far in the future is cut to one lockout
period (a wrong system clock must not lock staff out for good).
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kiosk.host.atomic_file import write_atomic

LOCK_FILE = "staff-lock.json"
#: Held with ``flock`` while a try reads, checks and writes :data:`LOCK_FILE` (the JSON file itself
#: is replaced by a rename at each write, so it cannot carry the lock).
GUARD_FILE = LOCK_FILE + ".lock"
#: How long a try waits for another process's try (see :class:`SharedLockout`).
LOCK_WAIT_SECONDS = 2.0


class LockoutUnavailable(Exception):
    """The shared lockout cannot be read or written; the message says where and why (for the log)."""


@dataclass(frozen=True)
class LockState:
    wrong: int = 0
    locked_seconds_left: float = 0.0


class HeldLockout:
    """The lockout while this process holds the machine-wide lock: read it, write it, let go."""

    def __init__(self, data_dir: Path, wall_clock: Callable[[], float]) -> None:
        self.path = data_dir / LOCK_FILE
        self._wall_clock = wall_clock

    def load(self, lockout_seconds: float) -> LockState:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return LockState()
        except (OSError, UnicodeDecodeError) as exc:
            raise LockoutUnavailable(f"{self.path} cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
        try:
            data = json.loads(text)
            wrong = int(data.get("wrong", 0))
            until = float(data.get("locked_until", 0.0))
        except (ValueError, TypeError, AttributeError):
            return LockState()
        left = min(max(0.0, until - self._wall_clock()), lockout_seconds)
        if until and not left:
            return LockState()  # the lock ran out: a fresh set of tries, as without a restart
        return LockState(wrong=max(0, wrong), locked_seconds_left=left)

    def save(self, wrong: int, locked_seconds: float) -> None:
        """Write atomically; :class:`LockoutUnavailable` when it cannot be written."""
        locked_until = self._wall_clock() + locked_seconds if locked_seconds > 0 else 0.0
        problem = write_atomic(self.path, json.dumps({"wrong": wrong, "locked_until": locked_until}))
        if problem:
            raise LockoutUnavailable(problem)


class SharedLockout:
    """The lockout file of one data folder; :meth:`held` gives it under the machine-wide lock.

    ``wait``: how long a try waits for another kiosk's try to finish (one scrypt check, well under
    a second) before it gives up and is refused; a kiosk process stopped while holding the lock
    must not freeze every other kiosk's screen."""

    def __init__(self, data_dir: Path, wall_clock: Callable[[], float], wait: float = LOCK_WAIT_SECONDS) -> None:
        self.data_dir = Path(data_dir)
        self._wall_clock = wall_clock
        self._wait = wait

    @contextmanager
    def held(self) -> Iterator[HeldLockout]:
        """Wait for the other kiosk processes' tries to end, then hold the lock until the block ends."""
        guard = self.data_dir / GUARD_FILE
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(guard, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise LockoutUnavailable(f"{self.data_dir}: {exc.strerror or exc}") from None
        if not os.access(self.data_dir, os.W_OK):  # the lock file is there, but nothing new can be written
            os.close(fd)
            raise LockoutUnavailable(f"{self.data_dir}: the folder cannot be written")
        try:
            self._take(fd, guard)  # let go when fd closes, and when the process ends: a kill never leaves it held
            yield HeldLockout(self.data_dir, self._wall_clock)
        finally:
            os.close(fd)

    def _take(self, fd: int, guard: Path) -> None:
        deadline = time.monotonic() + self._wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockoutUnavailable(
                        f"{guard} is held by another kiosk process for more than {self._wait:g} s"
                    ) from None
                time.sleep(0.01)

