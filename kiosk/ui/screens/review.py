"""ReviewScreen: every answer, each one changeable, before the summary is final (K-I4).

Answers are private on a shared kiosk: they are read aloud only when the person asks (K-S7),
and moving the highlight says which question, not the answer.
"""

from __future__ import annotations

from textual.app import ComposeResult

from kiosk.flow import FlowSession
from kiosk.model import Topic
from kiosk.ui import intents
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.choice_list import ChoiceItem
from kiosk.ui.widgets.safe_text import SafeText

SHOW_SUMMARY, READ_ALOUD, BACK = "=summary", "=read", "=back"
PRIVACY_WARNING = "Read your answers aloud? People nearby may hear."
PICK_HINT = "Pick an answer to change it."


def answer_lines(session: FlowSession) -> list[str]:
    return [f"{line.label}: {line.text}" for line in session.summary_lines()]


class ReviewScreen(KioskScreen):
    heading = "Check your answers"

    def __init__(self, topic: Topic, session: FlowSession) -> None:
        super().__init__(name=f"review:{topic.id}")
        self.topic = topic
        self.session = session

    def items(self) -> list[ChoiceItem]:
        items = [
            ChoiceItem("1", "All correct: show my summary", SHOW_SUMMARY),
            ChoiceItem("2", "Read my answers aloud", READ_ALOUD),
        ]
        for n, (answer, line) in enumerate(zip(self.session.answers, self.session.summary_lines(), strict=True), 3):
            key = str(n) if n <= 9 else ""
            items.append(ChoiceItem(key, f"{line.label}: {line.text}", answer.question.id,
                                    speech=f"Change your answer to: {line.label}"))
        items.append(ChoiceItem("0", "Back", BACK))
        return items

    def compose_body(self) -> ComposeResult:
        from kiosk.ui.widgets.choice_list import ChoiceList

        yield SafeText(PICK_HINT, classes="lead")
        yield ChoiceList(self.items(), id="choices")

    def body_speech(self) -> list[str]:
        return ["Your answers are on the screen.", PICK_HINT,
                PRIVACY_WARNING + " Press 2 to hear them."]

    def chosen(self, item: ChoiceItem) -> None:
        if item.value == SHOW_SUMMARY:
            self.post_message(intents.ShowSummary())
        elif item.value == READ_ALOUD:
            self.post_message(intents.Speak(answer_lines(self.session), private=True))
        elif item.value == BACK:
            self.post_message(intents.GoBack())
        else:
            self.session.edit(item.value)
            self.post_message(intents.GoBack())
