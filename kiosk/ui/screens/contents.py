"""ContentsScreen: a topic's page headings, then its "More about..." sections, pickable and
paged like home.

Long topics are no longer one long corridor: a page is a few digits away from the topic's first
screen. The core pages come first, in reading order; each optional section is one entry after
them, so what only some patients want never lengthens the core.
"""

from __future__ import annotations

from kiosk.content.library_nav import PAGES
from kiosk.content.model import Topic
from kiosk.ui import intents
from kiosk.ui.screens.choice_pages import ChoicePagesScreen, Entry
from kiosk.words import ui_words as W


class ContentsScreen(ChoicePagesScreen):
    noun = PAGES

    def __init__(self, topic: Topic, page: int = 0) -> None:
        super().__init__(page=page, name=f"contents:{topic.id}")
        self.topic: Topic = topic

    @property
    def heading(self) -> str:
        return self._(W.CONTENTS_OF, title=self.topic.title)

    def lead(self) -> str:
        return self._(W.CHOOSE_PAGE)

    def entries(self) -> list[Entry]:
        pages = [Entry(page.heading, f"page:{n}") for n, page in enumerate(self.topic.pages)]
        return pages + [Entry(section.title, f"more:{n}") for n, section in enumerate(self.topic.more)]

    def body_speech(self) -> list[str]:
        return [line.rstrip(":") + "." if line.endswith(":") else line for line in super().body_speech()]

    def entry_chosen(self, entry: Entry) -> None:
        kind, _, number = entry.value.partition(":")
        if kind == "more":
            self.post_message(intents.ReadTopic(self.topic.id, 0, section=int(number)))
        else:
            self.post_message(intents.ReadTopic(self.topic.id, int(number)))
