"""TopicScreen: one page of a topic at a time, split to fit the screen (K-V1, K-V4).

Next and previous by arrows, PageUp/PageDown, digits, Enter or touch; Home always one key away.
"""

from __future__ import annotations

from kiosk.model import Topic
from kiosk.ui.screens.paged import PagedScreen
from kiosk.ui.widgets.choice_list import ChoiceItem

QUESTIONS, HOME = "=questions", "=home"


class TopicScreen(PagedScreen):
    def __init__(self, topic: Topic, page: int = 0) -> None:
        super().__init__([(p.heading, p.body) for p in topic.pages], page=page, name=f"topic:{topic.id}")
        self.topic = topic

    @property
    def heading(self) -> str:  # type: ignore[override]
        return self.topic.title

    def extra_items(self, at_end: bool) -> list[ChoiceItem]:
        items = []
        if at_end and self.topic.flow is not None:
            items.append(ChoiceItem("3", "Answer questions", QUESTIONS))
        items.append(ChoiceItem("0", "Home", HOME))
        return items

    def page_shown(self) -> None:
        self.kiosk.visit.page_positions[self.topic.id] = self.page

    def extra_chosen(self, item: ChoiceItem) -> None:
        if item.value == QUESTIONS:
            self.kiosk.start_flow(self.topic.id)
        elif item.value == HOME:
            self.kiosk.go_home()
