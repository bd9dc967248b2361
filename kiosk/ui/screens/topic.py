"""TopicScreen: one page of a topic at a time, split to fit the screen (K-V1, K-V4).

Next and previous by arrows, PageUp/PageDown, digits, Enter or touch; Home always one key away.
A page that uses a glossary word offers "Words to know" (6); the last page offers the topic's
questions (3). At the end of the last page it asks "Was this helpful?" once per topic view; the answer is only
a per-day counter (K-P2).

The same screen reads one "More about..." section (``section``): its own pages, paged like the
core, under the section's title. Paging the core never runs on into a section; a section's last
page offers the way back to the contents it was picked from (3), instead of the questions.
"""

from __future__ import annotations

from kiosk.content.library_nav import glossary_terms_in
from kiosk.content.model import Page, Topic
from kiosk.speech.utterance import SaidIn
from kiosk.ui import intents
from kiosk.ui.screens.paged import PagedScreen
from kiosk.ui.widgets.choice_list import ChoiceItem
from kiosk.visit.usage import UsageEvent
from kiosk.words import ui_words as W

QUESTIONS, HOME, WORDS, CONTENTS = "=questions", "=home", "=words", "=contents"
HELPFUL_YES, HELPFUL_NO = "=helpful-yes", "=helpful-no"


class TopicScreen(PagedScreen):
    def __init__(self, topic: Topic, page: int = 0, *, section: int | None = None) -> None:
        super().__init__(_pages_of(topic, section), page=page)
        self._set_topic(topic, section)

    def _set_topic(self, topic: Topic, section: int | None) -> None:
        self.topic: Topic = topic
        self.section = section
        self.helpful_answered = False
        self._page_terms: dict[int, list[str]] = {}

    def reopen(self, topic: Topic, page: int = 0, *, section: int | None = None) -> None:
        """Another topic (or section) on this screen (:mod:`kiosk.ui.spare_screens`)."""
        self._set_topic(topic, section)
        self._reopen_pages(_pages_of(topic, section), page)

    @property
    def heading(self) -> str:
        return self.topic.title if self.section is None else self.topic.more[self.section].title

    @property
    def page_label(self) -> str:
        label = super().page_label
        return f"{label}. {self._(W.THANKS)}" if self.helpful_answered and self.at_end else label

    def extra_items(self, at_end: bool) -> list[ChoiceItem]:
        items = []
        if at_end and self.section is not None:
            items.append(ChoiceItem("3", self._(W.CONTENTS), CONTENTS, speech=self._(W.CONTENTS_SPOKEN)))
        if at_end and self.section is None and self.topic.flow is not None:
            items.append(ChoiceItem("3", self._(W.QUESTIONS), QUESTIONS, speech=self._(W.ANSWER_QUESTIONS)))
        if at_end and self.section is None and not self.helpful_answered:
            items.append(ChoiceItem("4", self._(W.HELPFUL), HELPFUL_YES, speech=self._(W.HELPFUL_SPOKEN)))
            items.append(ChoiceItem("5", self._(W.NOT_HELPFUL), HELPFUL_NO, speech=self._(W.NOT_HELPFUL_SPOKEN)))
        if self.page_terms():
            items.append(ChoiceItem("6", self._(W.WORDS), WORDS, speech=self._(W.WORDS_ON_PAGE)))
        items.append(ChoiceItem("0", self._(W.HOME), HOME))
        return items

    def page_terms(self) -> list[str]:
        """The glossary words this page uses: offered as "Words to know", where they help.
        Found once per page (a page turn asks three times)."""
        if self.page not in self._page_terms:
            heading, body = self.pages[self.page]
            self._page_terms[self.page] = glossary_terms_in(f"{heading}\n{body}", [g.term for g in self.topic.glossary])
        return self._page_terms[self.page]

    def page_speech(self) -> list[str]:
        """As any page; a topic shown in another language than the visit's (it has no version in
        it) has its own words said in its language, by that language's voice, and the kiosk's
        ("Page 2 of 6") in the visit's."""
        lines = super().page_speech()
        if self.topic.language == self.language:
            return lines
        own = {self.pages[self.page][0], *self.part_source()}
        return [SaidIn(line, self.topic.language) if line in own or line.rstrip(".") in own else line
                for line in lines]

    def page_shown(self) -> None:
        if self.section is None:
            self.post_message(intents.PageRead(self.topic.id, self.page))  # where "Read" resumes: the core
        else:
            self.post_message(intents.Count(UsageEvent.PAGE_READ, self.topic.id))

    def extra_chosen(self, item: ChoiceItem) -> None:
        if item.value == WORDS:
            self.post_message(intents.ShowWords(self.topic.id, tuple(self.page_terms())))
        elif item.value == QUESTIONS:
            self.post_message(intents.StartFlow(self.topic.id))
        elif item.value == CONTENTS:
            self.post_message(intents.GoBack())  # a section is only ever opened from the contents
        elif item.value == HOME:
            self.post_message(intents.GoHome())
        elif item.value in (HELPFUL_YES, HELPFUL_NO) and not self.helpful_answered:
            self.helpful_answered = True  # once per topic view
            event = UsageEvent.HELPFUL_YES if item.value == HELPFUL_YES else UsageEvent.HELPFUL_NO
            self.post_message(intents.Count(event, self.topic.id))
            self._show(keep_part=True)  # the two choices go, the thanks shows
            self.say(self._(W.THANKS))


def _pages_of(topic: Topic, section: int | None) -> list[tuple[str, str]]:
    """(heading, body) of the topic's core pages, or of one of its "More about..." sections."""
    pages: list[Page] = topic.pages if section is None else topic.more[section].pages
    return [(page.heading, page.body) for page in pages]
