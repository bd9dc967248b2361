"""HomeScreen: the calm attract screen a new person meets (K-S2, K-T1, K-V5).

Lists the topics as big numbered choices, tells how to turn speech on and how long the kiosk
waits before it clears. Nothing on it moves or blinks.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.ui import intents
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList
from kiosk.ui.widgets.emergency_banner import banner_lines
from kiosk.ui.widgets.safe_text import SafeText

SPEECH_HINT = "To hear this screen, press / (slash)."
NO_TOPICS = "No topics to read right now. Please ask at the front desk."  # issue 13
SPEECH_ON_HINT = "Speech is on. To stop it, press / (slash)."  # issue 13: the hint follows speech
FINISH = "finish"


def _flow_speech(title: str) -> str:
    """Said for a flow on home: what it is for, then its own title."""
    return f"Answer questions for your provider: {title}"


def _wait_words(seconds: float) -> str:
    if seconds >= 120 and seconds % 60 == 0:
        return f"{int(seconds // 60)} minutes"
    return f"{int(seconds)} second{'' if int(seconds) == 1 else 's'}"  # "1 second" (issue 13)


class HomeScreen(KioskScreen):
    """Topics and flows as numbered choices; how speech and the reset work."""

    def __init__(self) -> None:
        super().__init__(name="home")

    @property
    def heading(self) -> str:  # type: ignore[override]
        return self.settings.clinic_name

    def home_items(self) -> list[ChoiceItem]:
        items: list[tuple[str, str]] = []
        for topic in self.controller.visible_topics():
            items.append((topic.title, f"topic:{topic.id}"))
            if topic.flow is not None:
                items.append((f"{topic.flow.title}", f"flow:{topic.id}"))
        items = items[:8]  # digits 1-8; 9 stays for Finish
        out = [ChoiceItem(str(i), label, value, speech=_flow_speech(label) if value.startswith("flow:") else None)
               for i, (label, value) in enumerate(items, 1)]
        out.append(ChoiceItem("9", "Finish and clear the screen", FINISH))
        return out

    def idle_words(self) -> str:
        return f"If no one uses it for {_wait_words(self.app.idle_timeout)}, this kiosk clears itself."

    def refresh_text(self) -> None:
        """Speech mode changes how long the kiosk waits: keep the words on screen true (K-T1)."""
        self.query_one("#idle-hint", Static).update(self.idle_words())
        self.query_one("#speech-hint", Static).update(self.speech_hint())

    def on_mount(self) -> None:
        self.watch(self.app, "speech_on", lambda _on: self.refresh_text(), init=False)

    def speech_hint(self) -> str:
        return SPEECH_ON_HINT if getattr(self.app, "speech_on", False) else SPEECH_HINT

    def compose_body(self) -> ComposeResult:
        yield SafeText(self.lead_words(), classes="lead")
        yield ChoiceList(self.home_items(), id="choices")
        yield SafeText(self.speech_hint(), id="speech-hint", classes="note")
        yield SafeText(self.idle_words(), id="idle-hint", classes="note")

    def lead_words(self) -> str:
        """ "Choose a topic:", or, when staff have switched every topic off, say so (issue 13)."""
        return "Choose a topic:" if self.controller.visible_topics() else NO_TOPICS

    def body_speech(self) -> list[str]:
        return ["Choose a topic." if self.controller.visible_topics() else NO_TOPICS]

    def after_choices_speech(self) -> list[str]:
        """The speech and wait hints, then the banner: spoken on home (issue 5)."""
        return [self.speech_hint(), self.idle_words(),
                *banner_lines(self.settings.emergency)]

    def chosen(self, item: ChoiceItem) -> None:
        kind, _, topic_id = item.value.partition(":")
        if kind == "topic":
            self.post_message(intents.OpenTopic(topic_id))
        elif kind == "flow":
            self.post_message(intents.StartFlow(topic_id))
        elif item.value == FINISH:
            self.post_message(intents.Finish())

    def action_back(self) -> None:
        """Back on home has nowhere to go; it must never leave the kiosk."""
        self.refuse_key()

    def action_digit(self, key: str) -> None:
        self.post_message(intents.HomeKey(key))
        super().action_digit(key)
