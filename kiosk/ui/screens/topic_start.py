"""TopicStartScreen: a topic's first screen: its title, the summary staff wrote, and where to go.

Every choice keeps its key whether or not the topic has that part (K-I2): 1 read from the
start, 2 contents, 3 questions for your provider (only with a flow), 4 danger signs for this
topic, 5 words to know (only with a glossary), 6 about this topic, 0 back.
"""

from __future__ import annotations

from textual.app import ComposeResult

from kiosk.content.library_nav import (
    START_ABOUT,
    START_CONTENTS,
    START_DANGER,
    START_QUESTIONS,
    START_READ,
    START_WORDS,
)
from kiosk.content.model import Topic
from kiosk.ui import intents
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.words import ui_words as W

READ, CONTENTS, QUESTIONS, DANGER, WORDS, ABOUT, BACK = (
    "=read", "=contents", "=questions", "=danger", "=words", "=about", "=back")


class TopicStartScreen(KioskScreen):
    def __init__(self, topic: Topic) -> None:
        super().__init__()
        self.topic: Topic = topic

    @property
    def heading(self) -> str:
        return self.topic.title

    def start_items(self) -> list[ChoiceItem]:
        topic = self.topic
        pages = len(topic.pages)
        items = [ChoiceItem(START_READ, self._(W.READ_FROM_START), READ,
                            speech=self.n_(W.READ_FROM_START_PAGES, pages)),
                 ChoiceItem(START_CONTENTS, self._(W.CONTENTS), CONTENTS, speech=self._(W.CONTENTS_SPOKEN))]
        if topic.flow is not None:
            items.append(ChoiceItem(START_QUESTIONS, self._(W.QUESTIONS_FOR_PROVIDER), QUESTIONS))
        items.append(ChoiceItem(START_DANGER, self._(W.DANGER_SIGNS_FOR_TOPIC), DANGER))
        if topic.glossary:
            items.append(ChoiceItem(START_WORDS, self._(W.WORDS_TO_KNOW), WORDS))
        items.append(ChoiceItem(START_ABOUT, self._(W.ABOUT_TOPIC), ABOUT, speech=self._(W.ABOUT_TOPIC_SPOKEN)))
        items.append(ChoiceItem("0", self._(W.BACK), BACK))
        return items

    def reopen(self, topic: Topic) -> None:
        """Another topic's first screen, on this one (:mod:`kiosk.ui.spare_screens`)."""
        self.topic = topic
        self._reopened()
        self.query_one("#topic-summary", SafeText).update(topic.summary)
        choices = self.query_one(ChoiceList)
        choices.set_items(self.start_items(), highlighted=0)
        self.refresh_key_guide()

    def compose_body(self) -> ComposeResult:
        yield SafeText(self.topic.summary, id="topic-summary", classes="lead")
        yield ChoiceList(self.start_items(), id="choices")

    def body_speech(self) -> list[str]:
        return [self.topic.summary]

    def chosen(self, item: ChoiceItem) -> None:
        topic_id = self.topic.id
        message = {
            READ: lambda: intents.ReadTopic(topic_id, 0),
            CONTENTS: lambda: intents.ShowContents(topic_id),
            QUESTIONS: lambda: intents.StartFlow(topic_id),
            DANGER: lambda: intents.ShowEmergency(topic_id),
            WORDS: lambda: intents.ShowWords(topic_id),
            ABOUT: lambda: intents.ShowAbout(topic_id),
            BACK: lambda: intents.GoBack(),
        }.get(item.value)
        if message is not None:
            self.post_message(message())
