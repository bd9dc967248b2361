"""The staff PIN pad: typed as dots, checked by :class:`kiosk.visit.staff.StaffGate`, never spoken.

It must never show, speak, log or store a PIN (K-P2): the digits typed live only in
:attr:`PinPadScreen._pin` until Enter, are drawn as dots, and are never spoken one by one.

Keys (digits are PIN input here, so 0 is not Back): digits = PIN, Enter = OK (with nothing
typed: leave, so a numeric keypad alone gets out), Backspace = delete the last digit,
Escape = leave. The on-screen pad can be touched or clicked too.
"""

from __future__ import annotations

import math
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.reactive import reactive
from textual.widgets import Static

from kiosk.ui import changes, intents
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.visit.staff import GateResult, GateStatus

PIN_MAX = 8
PIN_DOT = "\u2022"


class PadKey(SafeText):
    """One key of the on-screen PIN pad; a touch or click presses it."""

    def __init__(self, label: str, value: str) -> None:
        super().__init__(label, classes="pad-key")
        self.value = value

    def on_click(self, event: events.Click) -> None:
        event.stop()
        screen = self.screen
        if isinstance(screen, PinPadScreen):
            screen.press(self.value)


PAD_LAYOUT = [
    ("7", "7"),
    ("8", "8"),
    ("9", "9"),
    ("4", "4"),
    ("5", "5"),
    ("6", "6"),
    ("1", "1"),
    ("2", "2"),
    ("3", "3"),
    ("Del", "delete"),
    ("0", "0"),
    ("OK", "submit"),
]


class PinPadScreen(KioskScreen):
    """The staff PIN: typed as dots, checked by :class:`kiosk.visit.staff.StaffGate`, never spoken."""

    heading = "Staff PIN"
    BINDINGS: ClassVar = [
        Binding("enter", "submit", "OK", show=False),
        Binding("backspace", "delete", "Delete", show=False),
        Binding("escape", "leave", "Leave", show=False),
    ]
    PROMPT = "Type the staff PIN, then press Enter."
    KEYS_HELP = "Enter: OK (nothing typed: leave). Backspace: delete. Escape: leave."

    #: How many digits are typed: the dots follow it (the digits themselves are never drawn).
    typed: reactive[int] = reactive(0, init=False)

    def __init__(self) -> None:
        super().__init__(name="staff-pin")
        self._pin = ""
        self.message = ""

    @property
    def pin_set(self) -> bool:
        return bool(self.controller.staff_gate.pin_hash)

    def no_pin_lines(self) -> list[str]:
        """Patients can reach this screen by chance: it tells them nothing about the machine
        (the content folder's path is for staff, in `kiosk validate` and the log)."""
        return ["Staff mode is not set up on this kiosk.", "Press 0 to go back."]

    def compose_body(self) -> ComposeResult:
        if not self.pin_set:
            for line in self.no_pin_lines():
                yield SafeText(line, classes="lead")
            yield ChoiceList([ChoiceItem("0", "Back", "=back")], id="choices")
            return
        standing = self.controller.staff_standing()  # the lockout all kiosk processes share
        if standing is not None:
            self.message = refused_words(standing) or self.message
        yield SafeText(self.PROMPT, classes="lead")
        yield SafeText(self.dots, id="pin-dots")
        yield SafeText(self.message, id="pin-message", classes="" if self.message else "-empty")
        with Grid(id="pin-pad"):
            for label, value in PAD_LAYOUT:
                yield PadKey(label, value)
        yield SafeText(self.KEYS_HELP, id="pin-keys", classes="note")

    @property
    def dots(self) -> str:
        return "PIN: " + (PIN_DOT * len(self._pin) if self._pin else "_")

    def body_speech(self) -> list[str]:
        """Never the digits, only the instructions and the last result (K-P2)."""
        if not self.pin_set:
            return self.no_pin_lines()
        lines = [self.PROMPT, self.KEYS_HELP]
        return [self.message, *lines] if self.message else lines

    # --- input --------------------------------------------------------------------------
    def action_digit(self, key: str) -> None:
        if not self.pin_set:
            super().action_digit(key)  # only "0 Back" there
            return
        self.press(key)

    def action_submit(self) -> None:
        if self.pin_set:
            self.press("submit")
        else:
            self.action_leave()

    def action_delete(self) -> None:
        if self.pin_set:
            self.press("delete")
        else:
            self.action_leave()

    def action_leave(self) -> None:
        self._pin = ""
        self.typed = 0
        self.post_message(intents.GoBack())

    def action_back(self) -> None:
        self.action_leave()

    def chosen(self, item: ChoiceItem) -> None:
        self.action_leave()

    def press(self, value: str) -> None:
        """A key of the pad, from the keyboard or the screen."""
        if value == "submit":
            self._submit()  # draws its own result, or leaves
            return
        if value == "delete":
            if self._pin:
                self._pin = self._pin[:-1]
            else:
                self.refuse_key()
        elif value.isdigit() and len(value) == 1:
            if len(self._pin) < PIN_MAX:
                self._pin += value
            else:
                self.refuse_key()
        self.typed = len(self._pin)

    def _submit(self) -> None:
        if not self._pin:
            self.action_leave()  # a way out from a numeric keypad alone (no Escape key there)
            return
        pin, self._pin = self._pin, ""  # dropped from the screen before it is checked
        self.typed = 0
        self.post_message(intents.SubmitPin(pin))
        del pin

    @on(changes.PinRefused)
    def pin_refused(self, change: changes.PinRefused) -> None:
        """The app checked the PIN and it was not accepted: say why (never the digits)."""
        result = change.result
        if result.status is GateStatus.NO_PIN_SET:  # the hash went away with a reload
            self.message = " ".join(self.no_pin_lines())
        else:
            self.message = refused_words(result)
        self._show_message()
        self.say(self.message)

    def watch_typed(self) -> None:
        for dots in self.query("#pin-dots").results(Static):
            dots.update(self.dots)

    def _show_message(self) -> None:
        message = self.query_one("#pin-message", Static)
        message.update(self.message)
        message.set_class(not self.message, "-empty")


#: Staff's words when the kiosk cannot keep count of wrong PINs (no path: patients can get here;
#: the log names the folder and the reason).
UNAVAILABLE_WORDS = (
    "Staff mode is refused: this kiosk cannot save its count of wrong PINs, so it accepts no PIN. "
    "Ask whoever looks after the kiosk to make its data folder writable; the kiosk's log says which folder."
)


def refused_words(result: GateResult) -> str:
    """Why a PIN was not accepted (or will not be), in staff's words; never the digits."""
    if result.status is GateStatus.LOCKED:
        return locked_words(result.seconds_left)
    if result.status is GateStatus.UNAVAILABLE:
        return UNAVAILABLE_WORDS
    if result.status is GateStatus.WRONG:
        tries = "try" if result.attempts_left == 1 else "tries"
        return f"Wrong PIN. {result.attempts_left} {tries} left."
    return ""


def locked_words(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return (
        f"Staff entry is locked after too many wrong PINs. Try again in {minutes} minute{'s' if minutes != 1 else ''}."
    )
