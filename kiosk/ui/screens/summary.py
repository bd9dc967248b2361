"""SummaryScreen: "Show this to your provider", in short plain sentences with the date.

It stays until the person finishes or the kiosk resets; nothing of it is written to disk or
logs (K-P2). It is spoken only when the person asks (K-S7, K-S10).
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from kiosk.flow import FlowSession
from kiosk.model import Topic
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.screens.review import PRIVACY_WARNING, answer_lines
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList

READ_ALOUD, CHANGE, FINISH = "=read", "=change", "=finish"


class SummaryScreen(KioskScreen):
    heading = "Show this to your provider"

    def __init__(self, topic: Topic, session: FlowSession, today: dt.date) -> None:
        super().__init__(name=f"summary:{topic.id}")
        self.topic = topic
        self.session = session
        self.today = today

    @property
    def date_line(self) -> str:
        return f"{self.topic.title}. {self.today:%B} {self.today.day}, {self.today.year}"

    def compose_body(self) -> ComposeResult:
        yield ChoiceList(
            [
                ChoiceItem("1", "Read it aloud", READ_ALOUD),
                ChoiceItem("2", "Change my answers", CHANGE),
                ChoiceItem("9", "Finish and clear the screen", FINISH),
            ],
            id="choices",
            classes="-nav",
        )
        with VerticalScroll(id="summary"):
            yield Static(self.date_line, id="summary-date", markup=False)
            for line in answer_lines(self.session):
                yield Static(f"• {line}.", classes="summary-line", markup=False)

    def body_speech(self) -> list[str]:
        return ["Your summary is on the screen.", PRIVACY_WARNING + " Press 1 to hear it."]

    def chosen(self, item: ChoiceItem) -> None:
        if item.value == READ_ALOUD:
            self.kiosk.say_private([self.heading + ".", self.date_line + ".", *[f"{line}." for line in answer_lines(self.session)]])
        elif item.value == CHANGE:
            self.kiosk.go_back()
        else:
            self.kiosk.finish_visit()
