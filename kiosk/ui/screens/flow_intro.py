"""FlowIntroScreen: the intro staff wrote for a topic's questions, shown before question 1.

Pushed by the app for :class:`~kiosk.ui.intents.StartFlow`; "Start the questions" posts
:class:`~kiosk.ui.intents.BeginQuestions`, which starts the flow session. Back leaves no answers
behind, because none were given yet.
"""

from __future__ import annotations

from textual.app import ComposeResult

from kiosk.content.model import Topic
from kiosk.ui import intents
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.words import ui_words as W

BEGIN, BACK = "=begin", "=back"


class FlowIntroScreen(KioskScreen):
    def __init__(self, topic: Topic) -> None:
        super().__init__(name=f"flow-intro:{topic.id}")
        assert topic.flow is not None
        self.topic: Topic = topic
        self.flow = topic.flow

    @property
    def heading(self) -> str:
        return self.flow.title

    def compose_body(self) -> ComposeResult:
        yield SafeText(self.flow.intro, id="flow-intro", classes="lead")
        yield ChoiceList([ChoiceItem("1", self._(W.START_QUESTIONS), BEGIN), ChoiceItem("0", self._(W.BACK), BACK)],
                         id="choices")

    def body_speech(self) -> list[str]:
        return [self.flow.intro]

    def chosen(self, item: ChoiceItem) -> None:
        if item.value == BEGIN:
            self.post_message(intents.BeginQuestions(self.topic.id))
        else:
            self.post_message(intents.GoBack())
