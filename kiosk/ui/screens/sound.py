"""SoundScreen: speech and volume controls for a keypad with few keys (K-S3, K-S6, K-S12).

Opened with the full-stop key from any screen. Each change is said aloud in the new setting.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.ui import changes, intents
from kiosk.ui.screens.base import KioskScreen, choice_speech
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList
from kiosk.ui.widgets.key_guide import spoken_key_help
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.words import ui_words as W

ACTIONS = [
    ("1", W.READ_AGAIN, "repeat_screen", W.READ_LAST_SCREEN_AGAIN),
    ("2", W.SLOWER, "rate_down", None),
    ("3", W.FASTER, "rate_up", None),
    ("4", W.QUIETER, "volume_down", None),
    ("5", W.LOUDER, "volume_up", None),
    ("6", W.PAUSE_GO_ON, "toggle_pause", W.PAUSE_OR_GO_ON),
    ("7", W.SPEECH_ON, "toggle", None),  # says "Speech off" while speech is on
    ("8", W.WHICH_KEYS, "key_help", None),  # spoken key help: a listener cannot read the key guide
    ("0", W.BACK, "back", None),
]


class SoundScreen(KioskScreen):
    @property
    def heading(self) -> str:
        return self._(W.SOUND_AND_SPEECH)

    def __init__(self) -> None:
        super().__init__(name="sound")

    def compose_body(self) -> ComposeResult:
        yield SafeText(self.state_line(), id="sound-state")
        yield ChoiceList(self.items(), id="choices")

    def items(self) -> list[ChoiceItem]:
        toggle = W.SPEECH_OFF if self.kiosk_app.speech.enabled else W.SPEECH_ON
        items = []
        for key, label, action, said in ACTIONS:
            words = toggle if action == "toggle" else label
            items.append(ChoiceItem(key, self._(words), action, speech=self._(said) if said else None))
        return items

    def state_line(self) -> str:
        speech = self.kiosk_app.speech
        return " ".join([self._(W.SPEECH_IS_ON if speech.enabled else W.SPEECH_IS_OFF), self.steps_line()])

    def steps_line(self) -> str:
        speech = self.kiosk_app.speech
        rates, volumes = len(speech.settings.rate_steps), len(speech.settings.volume_steps)
        return " ".join([self._(W.SPEED_OF, n=speech.rate_step + 1, total=rates),
                         self._(W.VOLUME_OF, n=speech.volume_step + 1, total=volumes)])

    def body_speech(self) -> list[str]:
        return [self.state_line()]

    def announce(self, *, again: bool = False) -> None:
        """Said, but not remembered as "the last screen": "Read again" must read the screen the
        person came from, not this menu."""
        self._announced = self.speech_script()
        self.post_message(intents.Speak(self._announced))

    def grew_intent(self, line: str) -> intents.Intent:
        """The menu's "More below: 6 7 8 0." line, said after the menu as on every screen (K-S1),
        and, like the menu, not remembered as the last screen."""
        return intents.Speak([line], replace=False)

    def chosen(self, item: ChoiceItem) -> None:
        if item.value == "back":
            self.post_message(intents.GoBack())
        elif item.value == "toggle":
            self.post_message(intents.ToggleSpeech())
        elif item.value == "repeat_screen":
            self.read_again()
        elif item.value == "key_help":
            self.post_message(intents.Speak(spoken_key_help(self.language), private=True))  # asked for: said
        else:
            self.post_message(intents.SoundControl(item.value))

    def read_again(self) -> None:
        """"Read again": the words of the screen under this menu, without its keys (they do
        not work here), then this menu's own keys, so every key heard does what it says (K-S3)."""
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        words = below.words_script() if isinstance(below, KioskScreen) else []
        keys = [self.heading + ".", *(choice_speech(item, self.language) for item in self.items())]
        self.post_message(intents.Speak([*words, *keys]))

    @on(changes.SoundChanged)
    def sound_changed(self, change: changes.SoundChanged) -> None:
        """The app applied a change: draw it, and say it in the new setting (K-S6, K-S12)."""
        self.refresh_text()
        if change.action in ("rate_down", "rate_up", "volume_down", "volume_up"):
            self.say(self.steps_line())  # what changed; "Speech is on." only when it does

    @on(changes.SpeechChanged)
    def refresh_text(self) -> None:
        """Speech went on or off, or a step changed: the words on screen stay true."""
        choices = self.choices
        if choices is not None:
            for index, item in enumerate(self.items()):
                if choices.items[index] != item:
                    choices.replace_item(index, item)
        self.query_one("#sound-state", Static).update(self.state_line())
