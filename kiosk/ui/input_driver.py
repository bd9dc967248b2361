"""The terminal driver of a running kiosk: Textual's LinuxDriver with the key governor at its input.

Textual's input thread reads the terminal, parses every character into an event and posts each
one to the app from that thread (``Driver.process_message`` -> ``run_coroutine_threadsafe``,
one wake-up of the event loop per key). A 100 KB paste sent as keys (not bracketed) is 102,400
keys; measured on the shared 2-core machine: parsing 0.4 s, posting them across threads 2.3 s,
the app dropping them 0.1 s. The terminal was read only that fast, so a real key typed after
the paste waited behind it, then found the governor's bucket emptied by the paste's last keys
and was dropped with them.

So the governor is asked here, in the input thread, twice and cheaply:

* on each read, once decoded and before it is parsed, :class:`~kiosk.visit.key_governor.TypedFlood`
  drops the typed characters the governor has no room for (never an escape sequence's, so the
  parser is never left mid-sequence, and never a control character: Enter, Backspace);
* each parsed key is asked for by name in ``process_message`` (Textual's hook for work on a
  message before it is sent), and a refused key is never posted. Home, Escape and Backspace
  are always taken; mouse reports, resizes and bracketed pastes (one ``Paste`` event, which
  the app ignores) are never dropped.

Runs in Textual's input thread: it reads the app's ``governor`` and nothing else of the app.
``KioskApp.get_driver_class`` picks it wherever Textual would pick ``LinuxDriver``; a driver
named in ``TEXTUAL_DRIVER`` (``kiosk serve``'s web driver) is left alone, and the app governs
its keys in ``on_event`` instead, as it does under Pilot.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import selectors
import termios
import threading
import time
import weakref
from codecs import getincrementaldecoder

from textual import events
from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from kiosk.visit.key_governor import KeyGovernor, TypedFlood

#: SHA-256 of the Textual 8.2.8 ``LinuxDriver.run_input_thread`` that ours copies (with the
#: lines marked ``kiosk:``); a test fails when an upgrade changes it, so the copy is redone.
#: How often the input thread looks for a hung-up terminal (the kiosk must leave within 2 s).
TERMINAL_LOOK_SECONDS = 0.5

UPSTREAM_INPUT_THREAD_SHA256 = "d796af6d69db337d6fa6bd463984f7d17188d991dbb22f60efb92a8a9619507c"


#: Textual's own wait between looks while a key is half read (a lone Escape is sent after it).
PARSER_TICK_SECONDS = 0.1


def select_timeout(parser: object, since_look: float) -> float:
    """How long the input thread may sleep: until the next terminal look, or Textual's tick
    while the parser holds a half-read key (its private ``_timeout_time``; if an upgrade
    renames it, every wait is a tick, as in Textual)."""
    if getattr(parser, "_timeout_time", 0.0) is not None:
        return PARSER_TICK_SECONDS
    return max(0.0, TERMINAL_LOOK_SECONDS - since_look)


class _WakingEvent(threading.Event):
    """The input thread's stop flag; setting it also wakes the thread from its wait."""

    def __init__(self, wake_fd: int) -> None:
        super().__init__()
        self._wake_fd = wake_fd

    def set(self) -> None:
        super().set()
        try:
            os.write(self._wake_fd, b"\0")
        except (BlockingIOError, OSError):
            pass  # already woken, or closing


def _close_both(*fds: int) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


def _drain(fd: int) -> None:
    try:
        os.read(fd, 4096)
    except (BlockingIOError, OSError):
        pass


def upstream_input_thread_sha256() -> str:
    return hashlib.sha256(inspect.getsource(LinuxDriver.run_input_thread).encode()).hexdigest()


class GovernedLinuxDriver(LinuxDriver):
    """``LinuxDriver`` whose input thread drops what the app's governor refuses, and looks
    for a hung-up terminal (the kiosk must leave within 2 s of one).

    That look is in the input thread, so an untouched kiosk has no timer of its own for it: its
    event loop is woken only when the terminal has gone (``KioskApp._check_terminal`` then
    confirms and leaves). Textual's thread wakes every 0.1 s to see whether it should stop or
    a half-read key (a lone Escape) is due; this one sleeps until input, that look, a due key,
    or its stop (``exit_event`` also writes to a pipe the thread waits on): an untouched kiosk
    wakes it twice a second instead of ten times (bench/README.md, "Idle")."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_write, False)
        weakref.finalize(self, _close_both, self._wake_read, self._wake_write)
        self.exit_event = _WakingEvent(self._wake_write)

    def look_at_terminal(self) -> None:
        try:
            termios.tcgetattr(self.fileno)
        except (termios.error, OSError, ValueError):
            check = getattr(self._app, "_check_terminal", None)
            if check is not None:
                self._loop.call_soon_threadsafe(check)

    def _governor(self) -> KeyGovernor | None:
        return getattr(self._app, "governor", None)

    def process_message(self, message: Message) -> None:
        governor = self._governor()
        if isinstance(message, events.Key) and governor is not None and not governor.admit(message.key):
            return  # a flood: never queued for the app
        super().process_message(message)

    def run_input_thread(self) -> None:
        """Textual's ``LinuxDriver.run_input_thread``, with :class:`TypedFlood` between the
        decoder and the parser (the lines marked ``kiosk:``)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(self._wake_read, selectors.EVENT_READ)  # kiosk: woken to stop

        fileno = self.fileno
        EVENT_READ = selectors.EVENT_READ

        parser = XTermParser(self._debug)
        feed = parser.feed
        tick = parser.tick

        utf8_decoder = getincrementaldecoder("utf-8")().decode
        decode = utf8_decoder
        read = os.read
        governor = self._governor()
        keep = TypedFlood(governor).keep if governor is not None else (lambda text: text)

        def process_selector_events(
            selector_events: list[tuple[selectors.SelectorKey, int]],
            final: bool = False,
        ) -> None:
            for last, (selector_key, mask) in loop_last(selector_events):
                if selector_key.fd == self._wake_read:  # kiosk: a stop, not input
                    _drain(self._wake_read)
                    continue
                if mask & EVENT_READ:
                    unicode_data = decode(read(fileno, 1024 * 4), final=final and last)
                    if not unicode_data:
                        # This can occur if the stdin is piped
                        break
                    unicode_data = keep(unicode_data)  # kiosk: a typed flood is dropped here
                    if not unicode_data:
                        continue  # kiosk: all dropped (feeding "" would end the parser)
                    for event in feed(unicode_data):
                        self.process_message(event)
            for event in tick():
                self.process_message(event)

        last_look = time.monotonic()  # kiosk: the terminal is looked at here, see look_at_terminal
        try:
            while not self.exit_event.is_set():
                process_selector_events(selector.select(select_timeout(parser, time.monotonic() - last_look)))
                if time.monotonic() - last_look >= TERMINAL_LOOK_SECONDS:  # kiosk
                    last_look = time.monotonic()  # kiosk
                    self.look_at_terminal()  # kiosk
            selector.unregister(self.fileno)
            process_selector_events(selector.select(0.1), final=True)

        finally:
            selector.close()
            try:
                for _event in feed(""):
                    pass
            except (EOFError, ParseError):
                pass
