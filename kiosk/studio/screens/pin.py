"""The staff PIN in front of the studio served to a browser (``kiosk studio --serve``).

Covers the whole app until the right PIN is given; it has no way out but the PIN (and quitting).
Wrong PINs and the lockout are the kiosk's own (:mod:`kiosk.studio.pin_gate`).
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from kiosk.studio.pin_gate import StudioGate, gate_words


class PinScreen(Screen[bool]):
    def __init__(self, gate: StudioGate) -> None:
        super().__init__()
        self.gate = gate

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-box"):
            yield Static("Kiosk studio", id="pin-title")
            yield Label("Type the staff PIN, then press Enter.")
            yield Input(password=True, id="pin-input", placeholder="staff PIN", max_length=8, restrict=r"[0-9]*")
            yield Static("", id="pin-message")

    def on_mount(self) -> None:
        standing = self.gate.standing()
        if standing is not None:
            self.query_one("#pin-message", Static).update(gate_words(standing))

    @on(Input.Submitted, "#pin-input")
    def _submitted(self, event: Input.Submitted) -> None:
        pin = event.value
        event.input.value = ""
        event.input.disabled = True
        self._check(pin)

    @work(thread=True, exclusive=True, group="pin")
    def _check(self, pin: str) -> None:
        """scrypt takes a moment: off the event loop."""
        result = self.gate.try_pin(pin)
        self.app.call_from_thread(self._checked, result.ok, gate_words(result))

    def _checked(self, ok: bool, words: str) -> None:
        if ok:
            self.dismiss(True)
            return
        self.query_one("#pin-message", Static).update(words)
        box = self.query_one("#pin-input", Input)
        box.disabled = False
        box.focus()
