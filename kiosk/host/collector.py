"""Python's garbage collector around a kiosk's start, and the moment that start is over.

A start makes several hundred thousand objects that live as long as the kiosk does (modules,
Textual's styles, the content); while they are being made the collector scans them again and
again for cycles that are not there (about 30 ms of a 0.4 s start on the kiosk's 2 cores, see
bench/README.md). So the collector is paused from just before the app's imports until the
first screen is drawn; then what exists is frozen out of its way (a full collection never
walks it again, so it never stalls a key press) and it runs as usual for everything after.

Start-up chores in threads (keeping the last good copy, filling the library cache) wait for
that moment too (:func:`wait_until_started`): on two cores they took the interpreter from the
first screen's layout.
"""

from __future__ import annotations

import gc
import threading

_paused = False
_started = threading.Event()


def pause_for_start() -> None:
    """Before the app's imports: no collection while start-up objects are being made."""
    global _paused
    _paused = True
    gc.disable()


def settle_after_start() -> None:
    """Once the first screen is drawn: start-up objects frozen, the collector on again, and
    the chores waiting in :func:`wait_until_started` go on."""
    gc.freeze()
    gc.enable()
    _started.set()


def wait_until_started(timeout: float = 30.0) -> None:
    """In a start-up chore's thread: wait until the first screen is drawn, if a start paused
    the collector (``kiosk run``); at once otherwise (a test, a command without a screen)."""
    if _paused:
        _started.wait(timeout)


def collect_between_visits() -> None:
    """A full collection while nobody is at the kiosk (a visit just ended): the last visit's
    screens are cycles of widgets, and left to the collector's own schedule the collections
    that freed them fell on later key presses, 13-42 ms each (bench/README.md, "Runs of 2026-12-05, second pass")."""
    if gc.isenabled():
        gc.collect()
