"""The staff PIN lockout, kept in the data folder so a restart does not give new tries.

Holds only the count of wrong PINs in a row and the wall-clock time the lock ends: no PIN, no
hash, nothing of a patient. A missing, unreadable or tampered file means no lock, except that
a lock time far in the future is cut to one lockout period (a wrong system clock must not lock
staff out for good).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from kiosk.host.atomic_file import write_atomic

LOCK_FILE = "staff-lock.json"


@dataclass(frozen=True)
class LockState:
    wrong: int = 0
    locked_seconds_left: float = 0.0


def load_lock(data_dir: Path, wall_now: float, lockout_seconds: float) -> LockState:
    try:
        data = json.loads((Path(data_dir) / LOCK_FILE).read_text(encoding="utf-8"))
        wrong = int(data.get("wrong", 0))
        until = float(data.get("locked_until", 0.0))
    except (OSError, ValueError, TypeError, AttributeError):
        return LockState()
    left = min(max(0.0, until - wall_now), lockout_seconds)
    if until and not left:
        return LockState()  # the lock ran out: a fresh set of tries, as without a restart
    return LockState(wrong=max(0, wrong), locked_seconds_left=left)


def save_lock(data_dir: Path, wrong: int, locked_until: float | None) -> str | None:
    """Write atomically; None when saved, else why not (the kiosk goes on either way)."""
    text = json.dumps({"wrong": wrong, "locked_until": locked_until or 0.0})
    return write_atomic(Path(data_dir) / LOCK_FILE, text)
