"""SummaryScreen: "Show this to your provider", in short plain sentences with the date.

It stays until the person finishes or the kiosk resets; nothing of it is written to disk or
logs (K-P2). It is spoken only when the person asks (K-S7, K-S10). A long summary is shown in
parts like a topic page, so it never needs scrolling.
"""

from __future__ import annotations

import datetime as dt

from kiosk.flow import FlowSession
from kiosk.model import Topic
from kiosk.ui import intents
from kiosk.ui.screens.paged import PagedScreen
from kiosk.ui.screens.review import PRIVACY_WARNING, answer_lines
from kiosk.ui.widgets.choice_list import ChoiceItem

READ_ALOUD, CHANGE, FINISH = "=read", "=change", "=finish"


class SummaryScreen(PagedScreen):
    heading = "Show this to your provider"

    def __init__(self, topic: Topic, session: FlowSession, today: dt.date) -> None:
        self.topic = topic
        self.session = session
        self.today = today
        body = "\n".join(f"- {line}." for line in answer_lines(session))
        super().__init__([(self.date_line, body)], name=f"summary:{topic.id}")

    @property
    def date_line(self) -> str:
        return f"{self.topic.title}, {self.today:%B} {self.today.day}, {self.today.year}"

    def extra_items(self, at_end: bool) -> list[ChoiceItem]:
        return [
            ChoiceItem("3", "Read aloud", READ_ALOUD),
            ChoiceItem("4", "Change", CHANGE, speech="Change my answers"),
            ChoiceItem("9", "Finish", FINISH, speech="Finish and clear the screen"),
        ]

    def body_speech(self) -> list[str]:
        label = [self.page_label + "."] if self.page_label else []
        return [*label, "Your summary is on the screen.", PRIVACY_WARNING + " Press 3 to hear it."]

    def extra_chosen(self, item: ChoiceItem) -> None:
        if item.value == READ_ALOUD:
            lines = [f"{line}." for line in answer_lines(self.session)]
            self.post_message(intents.Speak([self.heading + ".", self.date_line + ".", *lines], private=True))
        elif item.value == CHANGE:
            self.post_message(intents.GoBack())
        else:
            self.post_message(intents.Finish())
