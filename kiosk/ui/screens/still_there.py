"""StillThereScreen: "Are you still there?" with a countdown, shown and spoken (K-T1).

Any key or touch continues, as often as needed; the emergency banner stays visible. The app's
idle poll drives the countdown; this screen only draws it.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.ui import changes
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.words import ui_words as W
from kiosk.words.i18n import ntr


def countdown_words(seconds: int, language: str = "en") -> str:
    return ntr(language, W.CLEARS_IN_SECONDS, seconds)


class StillThereScreen(KioskScreen):
    BINDINGS = []

    @property
    def heading(self) -> str:
        return self._(W.STILL_THERE)

    def __init__(self, seconds_left: int) -> None:
        super().__init__(name="still-there")
        self.seconds_left = seconds_left

    def compose_body(self) -> ComposeResult:
        yield SafeText(self._(W.PRESS_ANY_KEY_OR_TOUCH), classes="lead")
        yield SafeText(countdown_words(self.seconds_left, self.language), id="countdown")

    def body_speech(self) -> list[str]:
        return [self._(W.PRESS_ANY_KEY), countdown_words(self.seconds_left, self.language)]

    @on(changes.IdleCountdown)
    def count_down(self, change: changes.IdleCountdown) -> None:
        """The kiosk clears itself soon: count down on screen, and say the last 10 and 5."""
        seconds_left = change.seconds_left
        if seconds_left == self.seconds_left:
            return
        self.seconds_left = seconds_left
        self.query_one("#countdown", Static).update(countdown_words(seconds_left, self.language))
        if seconds_left in (10, 5):
            self.say(countdown_words(seconds_left, self.language))

    def _continue(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self._continue()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self._continue()
