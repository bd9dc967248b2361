"""What a page may send its kiosk, checked before Textual sees any of it.

A page talks to ``kiosk serve`` in textual-serve's websocket frames: ``["stdin", "keys"]``,
``["resize", {"width": W, "height": H}]``, ``["ping", "..."]``, ``["focus"]``, ``["blur"]``.
textual-serve hands a resize's numbers to the kiosk as they came, and Textual builds a screen of
that many cells: ``["resize", {"width": 100000, "height": 100000}]`` took a kiosk from 58 MB to
1.2 GB in 20 seconds, and it stopped answering keys. So every size, the page address's
``?width=&height=`` as much as a resize frame, goes through :func:`clamp_size`, and a frame that
is not one of the five shapes above is dropped here rather than passed on.

The largest screen a kiosk is meant for is a 4K panel (3840 x 2160 CSS px) at the smallest font
``display.font_size`` allows (16 px: cells about 9.6 x 18.4 px), about 400 x 118 cells; nothing
a person can use needs more, and a screen that size costs a kiosk a few MB. Pure: no aiohttp.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

#: At most this many columns and rows, whatever a page asks for (see the module's docstring).
MAX_COLUMNS = 400
MAX_ROWS = 150
#: What a page's terminal starts at when it names no size, or names one that is not a number.
DEFAULT_SIZE = (80, 24)
#: The longest frame a page sends: keys typed one at a time (or a burst of them), a resize, a ping.
#: aiohttp refuses a longer one (and closes the websocket) before it is read into memory.
MAX_FRAME_BYTES = 64 * 1024
#: A ping's payload is the page's clock, echoed back: a few digits, never a document.
MAX_PING_CHARS = 32


def clamp(value: object, default: int, largest: int) -> int:
    """``value`` (an int, a float, or the digits of the page address) as a whole number of cells
    between 1 and ``largest``; ``default`` when it is not a finite number at all."""
    if isinstance(value, bool):
        return default
    if isinstance(value, str):
        try:
            value = int(value.strip()) if len(value) <= 20 else float("nan")
        except ValueError:
            return default
    if isinstance(value, float):
        if not math.isfinite(value):
            return default
        value = int(value)
    if not isinstance(value, int):
        return default
    return max(1, min(value, largest))


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A terminal size the kiosk can draw, from whatever the page sent."""
    return clamp(width, DEFAULT_SIZE[0], MAX_COLUMNS), clamp(height, DEFAULT_SIZE[1], MAX_ROWS)


@dataclass(frozen=True)
class Frame:
    """One checked frame from a page: ``kind`` is stdin, resize, ping, focus or blur."""

    kind: str
    text: str = ""
    width: int = 0
    height: int = 0


def read_frame(raw: str) -> Frame | None:
    """The frame in ``raw`` (one websocket text message), or None for anything else: not JSON,
    not a list, an unknown kind, a resize without two numbers, keys that are not text."""
    try:
        envelope = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    kind, body = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind == "stdin":
        return Frame("stdin", text=body) if isinstance(body, str) and body else None
    if kind == "resize":
        if not isinstance(body, dict) or "width" not in body or "height" not in body:
            return None
        width, height = clamp_size(body["width"], body["height"])
        return Frame("resize", width=width, height=height)
    if kind == "ping":
        return Frame("ping", text=body[:MAX_PING_CHARS] if isinstance(body, str) else "")
    if kind in ("focus", "blur"):
        return Frame(kind)
    return None
