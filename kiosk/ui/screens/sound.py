"""SoundScreen: speech and volume controls for a keypad with few keys (K-S3, K-S6, K-S12).

Opened with the full-stop key from any screen. Each change is said aloud in the new setting.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList

ACTIONS = [
    ("1", "Read again", "repeat_screen", "Read the last screen again"),
    ("2", "Slower", "rate_down", None),
    ("3", "Faster", "rate_up", None),
    ("4", "Quieter", "volume_down", None),
    ("5", "Louder", "volume_up", None),
    ("6", "Pause/go on", "toggle_pause", "Pause or go on"),
    ("7", "Speech on", "toggle", None),  # says "Speech off" while speech is on
    ("0", "Back", "back", None),
]


class SoundScreen(KioskScreen):
    heading = "Sound and speech"

    def __init__(self) -> None:
        super().__init__(name="sound")

    def compose_body(self) -> ComposeResult:
        yield Static(self.state_line(), id="sound-state", markup=False)
        yield ChoiceList(self.items(), id="choices")

    def items(self) -> list[ChoiceItem]:
        on = self.kiosk.speech.enabled
        return [ChoiceItem(k, ("Speech off" if on else "Speech on") if action == "toggle" else label, action, speech=said)
                for k, label, action, said in ACTIONS]

    def state_line(self) -> str:
        speech = self.kiosk.speech
        on = "on" if speech.enabled else "off"
        rates, volumes = len(speech.settings.rate_steps), len(speech.settings.volume_steps)
        return (f"Speech is {on}. Speed {speech.rate_step + 1} of {rates}. "
                f"Volume {speech.volume_step + 1} of {volumes}.")

    def body_speech(self) -> list[str]:
        return [self.state_line()]

    def chosen(self, item: ChoiceItem) -> None:
        speech = self.kiosk.speech
        if item.value == "back":
            self.kiosk.go_back()
            return
        if item.value == "repeat_screen":
            speech.repeat_screen()
            return
        if item.value == "toggle":
            self.kiosk.action_toggle_speech()
            index = self.choices.highlighted
            self.choices.replace_item(index, self.items()[index])
        elif item.value == "toggle_pause":
            speech.toggle_pause()
            return
        else:
            getattr(speech, item.value)()
        self.query_one("#sound-state", Static).update(self.state_line())
        self.kiosk.say_item(self.state_line())
