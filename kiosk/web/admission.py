"""How many pages get a kiosk at once, and what makes a page idle. Pure asyncio: no aiohttp.

Each page costs a kiosk process (60-130 MB, a second or two of CPU to start), so ``kiosk serve``
bounds them, in three ways, none of which can keep a real page out for long:

- **Per address**: at most :data:`MAX_PAGES_PER_ADDRESS` open pages from one address. One screen
  needs one page (two for a moment while it reloads); a script that opens more gets no more.
- **Overall**: at most :data:`MAX_PAGES` open pages from other machines. Pages from this machine
  (loopback, where the clinic's own screen runs) are not counted against it, only against their
  own per-address limit: other machines' pages can never take the clinic screen's place.
- **Kiosks still quitting**: when a page closes, its place is free *at once* (a reload gets its
  kiosk without waiting for the old one to go); the old kiosk gets SIGTERM and at most
  :data:`QUIT_GRACE` seconds before SIGKILL. While :data:`MAX_QUITTING` of them are still going,
  a new page waits (for at most that grace, so never for long) instead of being refused, so that
  reloading a page as fast as a script can does not pile up processes either.

A page that finds its address's or the overall limit reached also waits, up to
:data:`ADMIT_WAIT` seconds, for a place (a page that has just closed may not have been counted
out yet), and only then is refused (503).

**What "idle" means.** Not "sends no keys": the clinic's own screen in an empty waiting room
sends no key for hours and is the most real page there is. A page is live while its browser is:

- the websocket's own ping (every :data:`HEARTBEAT` seconds) must be answered, or the connection
  is closed: a browser that has gone (a closed laptop, a pulled cable) is noticed in seconds;
- the page's script sends a ping of its own every :data:`PAGE_PING` seconds, and a websocket that
  sends nothing at all for :data:`IDLE_TIMEOUT` seconds is closed: it has no page behind it,
  only something holding a place (a browser's websocket answers pings by itself, so only the
  page's own frames show that the page is still there).

A script can mimic the page's pings; what it cannot do is hold more than its address's few places.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable

#: Open pages from one address.
MAX_PAGES_PER_ADDRESS = 3
#: Open pages from other machines (see the module's docstring: this machine's pages are not counted).
MAX_PAGES = 8
#: Kiosks of closed pages still quitting before new pages wait for them.
MAX_QUITTING = 4
#: Seconds a closed page's kiosk has to quit after SIGTERM before SIGKILL.
QUIT_GRACE = 5.0
#: Seconds a page waits for a place before it is refused.
ADMIT_WAIT = QUIT_GRACE + 1.0
#: Seconds between the websocket's own pings (aiohttp's heartbeat); a pong is due within half.
HEARTBEAT = 15.0
#: Seconds between the page's own pings (``app_index.html``).
PAGE_PING = 20.0
#: Seconds a websocket may send nothing at all before it is closed (three missed page pings).
IDLE_TIMEOUT = 3 * PAGE_PING


class Admission:
    """The places: open pages by address, and kiosks still quitting."""

    def __init__(self, *, max_pages: int = MAX_PAGES, per_address: int = MAX_PAGES_PER_ADDRESS,
                 max_quitting: int = MAX_QUITTING, is_local: Callable[[str], bool] = lambda address: False) -> None:
        self.max_pages = max_pages
        self.per_address = per_address
        self.max_quitting = max_quitting
        self.is_local = is_local
        self.open: Counter[str] = Counter()
        self.quitting = 0
        self._changed = asyncio.Condition()

    @property
    def remote_pages(self) -> int:
        return sum(count for address, count in self.open.items() if not self.is_local(address))

    def why_not(self, address: str) -> str | None:
        """Why a page from ``address`` cannot have a place now, or None when it can."""
        if self.open[address] >= self.per_address:
            return f"{self.open[address]} pages are already open from {address}"
        if not self.is_local(address) and self.remote_pages >= self.max_pages:
            return f"{self.remote_pages} pages are already open from other machines"
        if self.quitting >= self.max_quitting:
            return f"{self.quitting} kiosks of closed pages are still quitting"
        return None

    async def admit(self, address: str, wait: float | None = None) -> str | None:
        """Take a place for a page from ``address``, waiting up to ``wait`` (:data:`ADMIT_WAIT`)
        seconds for one. None when it has one (give it back with :meth:`close`), else why not."""
        deadline = time.monotonic() + (ADMIT_WAIT if wait is None else wait)
        async with self._changed:
            while (why := self.why_not(address)) is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return why
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except TimeoutError:
                    pass
            self.open[address] += 1
        return None

    async def close(self, address: str, *, kiosk_quitting: bool) -> None:
        """A page has gone: its place is free now; its kiosk (if any) is counted until :meth:`quit`."""
        async with self._changed:
            self.open[address] -= 1
            if self.open[address] <= 0:
                del self.open[address]
            if kiosk_quitting:
                self.quitting += 1
            self._changed.notify_all()

    async def quit(self) -> None:
        """A closed page's kiosk has ended."""
        async with self._changed:
            self.quitting -= 1
            self._changed.notify_all()


class RefusalLog:
    """One log line per kind of refusal at most every ``every`` seconds, with how many were not
    logged since: a flood of refused requests must not become a flood of log lines."""

    def __init__(self, log: logging.Logger, every: float = 10.0) -> None:
        self.log = log
        self.every = every
        self._last: dict[str, float] = {}
        self._unsaid: Counter[str] = Counter()

    def refused(self, kind: str, message: str, *args: object) -> None:
        now = time.monotonic()
        if now - self._last.get(kind, -self.every) < self.every:
            self._unsaid[kind] += 1
            return
        self._last[kind] = now
        unsaid = self._unsaid.pop(kind, 0)
        suffix = f" ({unsaid} more refused like it since the last line)" if unsaid else ""
        self.log.warning("kiosk serve: refused " + message + suffix, *args)
