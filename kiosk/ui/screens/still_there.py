"""StillThereScreen: "Are you still there?" with a countdown, shown and spoken (K-T1).

Any key or touch continues, as often as needed; the emergency banner stays visible. The app's
idle poll drives the countdown; this screen only draws it.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.safe_text import SafeText


def countdown_words(seconds: int) -> str:
    return f"The screen will clear in {seconds} second{'s' if seconds != 1 else ''}."


class StillThereScreen(KioskScreen):
    heading = "Are you still there?"
    BINDINGS = []

    def __init__(self, seconds_left: int) -> None:
        super().__init__(name="still-there")
        self.seconds_left = seconds_left

    def compose_body(self) -> ComposeResult:
        yield SafeText("Press any key or touch the screen to go on.", classes="lead")
        yield SafeText(countdown_words(self.seconds_left), id="countdown")

    def body_speech(self) -> list[str]:
        return ["Press any key to go on.", countdown_words(self.seconds_left)]

    def count_down(self, seconds_left: int) -> None:
        if seconds_left == self.seconds_left:
            return
        self.seconds_left = seconds_left
        self.query_one("#countdown", Static).update(countdown_words(seconds_left))
        if seconds_left in (10, 5):
            self.say(countdown_words(seconds_left))

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
