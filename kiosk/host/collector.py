"""Python's garbage collector around a kiosk's start.

A start makes several hundred thousand objects that live as long as the kiosk does (modules,
Textual's styles, the content); while they are being made the collector scans them again and
again for cycles that are not there (about 30 ms of a 0.4 s start on the kiosk's 2 cores, see
bench/README.md). So the collector is paused from just before the app's imports until the
first screen is drawn; then what exists is frozen out of its way (a full collection never
walks it again, so it never stalls a key press) and it runs as usual for everything after.
"""

from __future__ import annotations

import gc


def pause_for_start() -> None:
    """Before the app's imports: no collection while start-up objects are being made."""
    gc.disable()


def settle_after_start() -> None:
    """Once the first screen is drawn: start-up objects frozen, the collector on again."""
    gc.freeze()
    gc.enable()
