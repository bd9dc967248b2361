"""GroupScreen: the topics of one group, as pages of numbered choices, so a large library
stays a few keys from home.

Reached from home when the library lists groups; picking a topic opens its first screen.
"""

from __future__ import annotations

from kiosk.content.library_nav import TOPICS, group_label, group_name, listed_title
from kiosk.ui import intents
from kiosk.ui.screens.choice_pages import ChoicePagesScreen, Entry
from kiosk.words import ui_words as W


class GroupScreen(ChoicePagesScreen):
    noun = TOPICS

    def __init__(self, group: str, page: int = 0) -> None:
        super().__init__(page=page, name=f"group:{group}")
        self.group = group

    @property
    def heading(self) -> str:
        return group_label(self.group, self.language)

    def lead(self) -> str:
        return self._(W.CHOOSE_TOPIC)

    def entries(self) -> list[Entry]:
        return [Entry(listed_title(t, self.language), f"topic:{t.id}") for t in self.controller.visible_topics()
                if group_name(t) == self.group]

    def empty_words(self) -> str:
        return self._(W.NO_TOPICS_IN_GROUP)

    def body_speech(self) -> list[str]:
        return [line.rstrip(":") + "." if line.endswith(":") else line for line in super().body_speech()]

    def entry_chosen(self, entry: Entry) -> None:
        self.post_message(intents.OpenTopic(entry.value.partition(":")[2]))
