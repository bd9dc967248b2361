"""In a terminal, a key flood is dropped in Textual's input thread, before it can pile up.

``GovernedLinuxDriver`` (kiosk/ui/input_driver.py) runs its real input thread here on a pipe
instead of a terminal, with the governor's clock standing still, and what it would post to the
app is collected: a 100 KB paste typed as keys leaves at most a burst of keys, while Home,
Backspace, a mouse click and a bracketed paste all come through, and after a pause the next key
does. The waits give up after a deadline; nothing is timed. Also: the kiosk picks this driver
only where Textual would pick its LinuxDriver, and the input thread it copies is still Textual's.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import threading
import time
from types import SimpleNamespace

from textual import constants, events
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.drivers.web_driver import WebDriver

from kiosk.host.clock import FakeClock
from kiosk.ui.input_driver import UPSTREAM_INPUT_THREAD_SHA256, GovernedLinuxDriver, upstream_input_thread_sha256
from kiosk.visit.key_governor import ALWAYS_TAKEN, BURST, KeyGovernor, TypedFlood
from tests.soak.flood import paste_text

WAIT_SECONDS = 10.0


def test_the_input_thread_the_kiosk_copies_is_still_textuals():
    """Our ``run_input_thread`` is Textual's plus the ``kiosk:`` lines: if an upgrade changes
    Textual's, copy it again (and update the hash)."""
    assert upstream_input_thread_sha256() == UPSTREAM_INPUT_THREAD_SHA256


def test_the_kiosk_uses_the_governed_driver_in_a_terminal_and_any_named_driver_as_is(make_app, monkeypatch):
    assert make_app().driver_class is GovernedLinuxDriver
    monkeypatch.setattr(constants, "DRIVER", "textual.drivers.web_driver:WebDriver")  # as textual-serve does
    assert make_app().driver_class is WebDriver


class _Input:
    """A GovernedLinuxDriver reading a pipe in its own input thread; what it sends is kept."""

    def __init__(self, governor: KeyGovernor, monkeypatch) -> None:
        self.read_fd, self.write_fd = os.pipe()
        monkeypatch.setattr(sys, "__stdin__", os.fdopen(self.read_fd, "rb", buffering=0, closefd=False))
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
        try:
            self.driver = GovernedLinuxDriver(SimpleNamespace(governor=governor))
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
        self.sent: list[object] = []
        self.driver.send_message = self.sent.append
        self.thread = threading.Thread(target=self.driver.run_input_thread, daemon=True)
        self.thread.start()

    def type(self, text: str, until: type[events.Event]) -> list[object]:
        """Write ``text`` and a focus report after it; what was sent up to that report."""
        start = len(self.sent)
        data = (text + ("\x1b[I" if until is events.AppFocus else "\x1b[O")).encode()
        for at in range(0, len(data), 4096):
            os.write(self.write_fd, data[at:at + 4096])
        deadline = time.monotonic() + WAIT_SECONDS
        while not any(isinstance(m, until) for m in self.sent[start:]):
            assert time.monotonic() < deadline, f"the input thread never sent {until.__name__}"
            time.sleep(0.01)
        return self.sent[start:]

    def close(self) -> None:
        self.driver.exit_event.set()
        self.thread.join(WAIT_SECONDS)
        os.close(self.write_fd)
        os.close(self.read_fd)


def _keys(messages: list[object]) -> list[str]:
    return [m.key for m in messages if isinstance(m, events.Key)]


async def test_a_100_kb_paste_is_dropped_in_the_input_thread_and_the_way_out_still_comes_through(monkeypatch):
    clock = FakeClock()  # stands still: the bucket never refills during the flood
    governor = KeyGovernor(clock=clock)
    terminal = _Input(governor, monkeypatch)
    try:
        sent = terminal.type(paste_text() + "\x1b[H" + "\x7f" + "\x1b[<0;5;3M" + "\x1b[200~hello\x1b[201~",
                             until=events.AppFocus)
        keys = _keys(sent)
        assert len([k for k in keys if k not in ALWAYS_TAKEN]) <= BURST, keys[:20]
        assert keys[-2:] == ["home", "backspace"]
        assert any(isinstance(m, events.MouseDown) for m in sent)
        assert any(isinstance(m, events.Paste) for m in sent)

        clock.advance(1.0)  # a person's pause, then the emergency key
        assert _keys(terminal.type("*", until=events.AppBlur)) == ["asterisk"]
    finally:
        terminal.close()


def _parsed(reads: list[str]) -> list[events.Event]:
    parser = XTermParser()
    found = [event for read in reads if read for event in parser.feed(read)]
    return found + list(parser.feed(""))


def _not_typed(parsed: list[events.Event]) -> list[str]:
    """Everything but the keys of single typed characters, as comparable text."""
    return [repr(e) if not isinstance(e, events.Key) else e.key for e in parsed
            if not (isinstance(e, events.Key) and e.character is not None and len(e.character) == 1
                    and e.character.isprintable())]


def test_whatever_the_reads_are_dropping_typed_characters_never_changes_another_event():
    """TypedFlood against Textual's own parser: keys, mouse reports, focus reports and pastes mixed
    into typed floods and cut into reads at random give the same events with or without it, but
    for the typed keys (and a paste's text, which the kiosk ignores)."""
    rng = random.Random(16)
    pieces = ["\x1b[H", "\x1b[A", "\x1b[1;5C", "\x1bOF", "\x1b[<0;12;5M", "\x1b[<0;12;5m", "\x1b[I",
              "\x7f", "\x08", "\r", "\t", "\x1b[200~pasted\rtext\x1b[201~", "*", ".", "7", "é", "ß"]
    for _ in range(200):
        text = "".join(rng.choice(pieces) if rng.random() < 0.3 else "typed " for _ in range(60))
        cuts = sorted(rng.sample(range(1, len(text)), 5))
        reads = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        flood = TypedFlood(KeyGovernor(burst=0, clock=FakeClock()))  # no room at all
        plain = [e for e in _not_typed(_parsed(reads)) if "Paste" not in e]
        filtered = [e for e in _not_typed(_parsed([flood.keep(r) for r in reads])) if "Paste" not in e]
        assert filtered == plain, reads


def test_no_character_the_flood_filter_may_drop_is_home_escape_or_backspace():
    droppable = [chr(c) for c in range(0x20, 0x3000) if not 0x7F <= c <= 0x9F]
    flood = TypedFlood(KeyGovernor(burst=0, clock=FakeClock()))
    assert flood.keep("".join(droppable)) == ""  # all of them are dropped when there is no room ...
    for char in droppable:  # ... and none of them is a key the kiosk always takes
        assert not {e.key for e in _parsed([char]) if isinstance(e, events.Key)} & ALWAYS_TAKEN, repr(char)


def test_linux_driver_is_what_textual_picks_here():
    """The swap in ``KioskApp.get_driver_class`` compares with LinuxDriver: make sure that is
    still what Textual picks on this platform when no driver is named."""
    from textual.app import App

    if constants.DRIVER is None:
        assert App().get_driver_class() is LinuxDriver


async def test_an_untouched_input_thread_sleeps_until_input_or_its_stop(monkeypatch):
    """Textual's input thread woke every 0.1 s; the kiosk's sleeps until the next terminal look
    (here an hour away), and a key, a half-read Escape and its stop each wake it."""
    from kiosk.ui import input_driver

    monkeypatch.setattr(input_driver, "TERMINAL_LOOK_SECONDS", 3600.0)
    waits: list[float] = []
    real = input_driver.select_timeout
    monkeypatch.setattr(input_driver, "select_timeout", lambda *a: waits.append(real(*a)) or waits[-1])
    governor = KeyGovernor(clock=FakeClock())
    pipe = _Input(governor, monkeypatch)
    try:
        assert _keys(pipe.type("7", until=events.AppFocus)) == ["7"]  # input wakes it
        assert waits and max(waits) > 3000  # it slept on the hour, not on 0.1 s
        os.write(pipe.write_fd, b"\x1b")  # a lone Escape: held by the parser until its tick sends it
        deadline = time.monotonic() + WAIT_SECONDS
        while "escape" not in _keys(pipe.sent):
            assert time.monotonic() < deadline, "a lone Escape was never sent"
            time.sleep(0.01)
    finally:
        pipe.driver.exit_event.set()  # the stop wakes it from its hour-long wait
        pipe.thread.join(WAIT_SECONDS)
        assert not pipe.thread.is_alive()
        os.close(pipe.write_fd)
        os.close(pipe.read_fd)


def test_the_wait_is_a_tick_while_a_key_is_half_read_and_the_time_to_the_look_otherwise():
    from kiosk.ui.input_driver import PARSER_TICK_SECONDS, TERMINAL_LOOK_SECONDS, select_timeout

    parser = XTermParser()
    assert select_timeout(parser, 0.0) == TERMINAL_LOOK_SECONDS
    assert select_timeout(parser, 0.2) == TERMINAL_LOOK_SECONDS - 0.2
    assert select_timeout(parser, 9.0) == 0.0
    list(parser.feed("\x1b"))  # a lone Escape: the parser waits to see whether a sequence follows
    assert select_timeout(parser, 0.0) == PARSER_TICK_SECONDS
    assert select_timeout(SimpleNamespace(), 0.0) == PARSER_TICK_SECONDS  # a renamed private: as Textual
