"""KeyGovernor: how many keys a second the kiosk takes, so a flood cannot bury it.

Someone leaning on the keypad, a stuck key's auto-repeat or 100 KB pasted as keys arrive far
faster than any person presses. Each kept key may change a screen (tens of milliseconds), so a
flood of them used to keep the kiosk busy for minutes with the emergency key dead meanwhile.
A token bucket keeps bursts a person can make (a quick double press, typing the staff
sequence) and drops the rest, which are cheap to drop: the kiosk then answers the next real
key at once. Home, Escape and Backspace are never dropped: they only go back or home (cheap, and
a flood of them ends at home), and they are the way out right behind a flood.

A terminal kiosk asks in Textual's input thread (``kiosk.ui.input_driver``), so a dropped key is
never queued for the app: :class:`TypedFlood` drops typed characters the bucket has no room for
before they are even parsed, and every parsed key is then asked for by name (:meth:`admit`).
Other drivers (the browser, Pilot) ask in ``KioskApp.on_event``. Either way one thread asks.
Pure: the clock is injected, nothing here knows Textual.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kiosk.host.clock import monotonic

#: Keys a person can press in a quick burst (the staff sequence 0-0-0 is five).
BURST = 8
#: Sustained keys a second: faster than anyone types on a keypad, slower than auto-repeat.
RATE = 12.0
#: Keys never dropped (Textual's key names): they only go back or home.
ALWAYS_TAKEN = frozenset({"home", "escape", "backspace"})


class KeyGovernor:
    """``admit(key)`` (or ``allow()``) once per key: True to handle it, False to drop it."""

    def __init__(self, burst: int = BURST, rate: float = RATE, clock: Callable[[], float] = monotonic) -> None:
        self.burst = burst
        self.rate = rate
        self._clock = clock
        self._tokens = float(burst)
        self._last = clock()
        self.dropped = 0
        #: Typed characters :class:`TypedFlood` dropped for this governor before they became keys.
        self.typed_dropped = 0

    def admit(self, key: str) -> bool:
        """For a key by its Textual name: True to handle it, False to drop it. Keys in
        :data:`ALWAYS_TAKEN` are always handled and use up nothing."""
        return key in ALWAYS_TAKEN or self.allow()

    def allow(self) -> bool:
        if self._refill() >= 1:
            self._tokens -= 1
            return True
        self.dropped += 1
        return False

    def room(self) -> int:
        """How many keys would be taken now (nothing is used up)."""
        return int(self._refill())

    def _refill(self) -> float:
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
        self._last = now
        return self._tokens


ESC = "\x1b"
#: After an ESC, this many characters always reach the parser whole: the longest escape
#: sequence Textual's parser looks for (``_MAX_SEQUENCE_SEARCH_THRESHOLD``) fits in it.
SEQUENCE_ROOM = 32
#: Characters that are typed text: each one is a single key that is never Home, Escape or
#: Backspace, and never part of an escape sequence unless it follows an ESC. Control
#: characters (C0, DEL, C1) are not: Enter, Tab, Backspace (DEL, ^H) and the like always reach
#: the parser and are then asked for by name.
_TYPED = re.compile(r"[^\x00-\x1f\x7f-\x9f]+")


class TypedFlood:
    """Drops the typed characters of terminal input that the governor has no room for.

    ``keep(text)`` on each decoded read, before it is parsed: returns the text to parse. Up to
    :meth:`KeyGovernor.room` typed characters pass (their keys are then asked for as usual);
    the rest are dropped, except the :data:`SEQUENCE_ROOM` characters after an ESC, carried
    across reads, so no escape sequence (a key, a mouse report, a bracketed paste's start or
    end) is ever cut. A dropped character inside a bracketed paste only shortens the ``Paste``
    event, which the kiosk ignores. Nothing is used up here: the governor counts keys, not
    characters, so a kept character is counted once, as its key.
    """

    def __init__(self, governor: KeyGovernor) -> None:
        self.governor = governor
        self.dropped = 0
        self._sequence_left = 0  # characters still owed to an escape sequence begun earlier

    def keep(self, text: str) -> str:
        room = self.governor.room()
        kept: list[str] = []
        pos, end = 0, len(text)
        while pos < end:
            if self._sequence_left:
                part = text[pos:pos + self._sequence_left]
                last_esc = part.rfind(ESC)
                self._sequence_left = (SEQUENCE_ROOM - (len(part) - 1 - last_esc) if last_esc >= 0
                                       else self._sequence_left - len(part))
                kept.append(part)
                pos += len(part)
                continue
            esc = text.find(ESC, pos)
            plain = text[pos:end if esc < 0 else esc]
            if plain:
                plain, room = self._typed_within(plain, room)
                kept.append(plain)
            if esc < 0:
                break
            kept.append(ESC)
            self._sequence_left = SEQUENCE_ROOM
            pos = esc + 1
        return "".join(kept)

    def _typed_within(self, plain: str, room: int) -> tuple[str, int]:
        """``plain`` (no ESC) with its typed characters beyond ``room`` dropped; the room left."""
        cut = 0
        while room > 0 and cut < len(plain):
            if _TYPED.match(plain, cut):
                room -= 1
            cut += 1
        rest = plain[cut:]
        if not rest:
            return plain, room
        controls = _TYPED.sub("", rest)
        self.dropped += len(rest) - len(controls)
        self.governor.typed_dropped += len(rest) - len(controls)
        return plain[:cut] + controls, room
