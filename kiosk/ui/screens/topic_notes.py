"""Words to know and About this topic: what staff wrote beside the pages, shown and spoken.

:class:`WordsScreen` explains the glossary's hard words (all of them from a topic's first
screen, the ones a page uses from that page); :class:`AboutScreen` names the sources, who
checked the topic and when, and says plainly when a topic is still a draft no clinician has
reviewed. Both are paged text split to the real screen size, like a topic.
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.content.model import Topic
from kiosk.ui import intents
from kiosk.ui.screens.paged import PagedScreen
from kiosk.ui.widgets.choice_list import ChoiceItem
from kiosk.words import ui_words as W
from kiosk.words.i18n import date_words, tr

BACK = "=back"


def words_body(topic: Topic, terms: Sequence[str] | None = None) -> str:
    wanted = None if terms is None else {t.lower() for t in terms}
    return "\n\n".join(f"**{entry.term}**: {entry.meaning}" for entry in topic.glossary
                       if wanted is None or entry.term.lower() in wanted)


def review_lines(topic: Topic, language: str) -> list[str]:
    """Who checked the topic and when, in the patient's ``language``; a draft says first, plainly,
    that the clinic's clinicians have not reviewed it, and never that it was "checked"."""
    when = date_words(topic.review.on, language)
    if topic.review.is_draft:
        return [f"**{tr(language, W.DRAFT_NOTICE)}**", "", tr(language, W.DRAFTED_BY, who=topic.review.by, date=when)]
    return [tr(language, W.CHECKED_BY, who=topic.review.by, date=when)]


def about_body(topic: Topic, language: str | None = None) -> str:
    """Who checked the topic and its sources; the kiosk's words in ``language`` (the patient's,
    which an English-only topic shown on a Spanish visit does not share), else the topic's."""
    language = language or topic.language
    lines = [*review_lines(topic, language), "", tr(language, W.SOURCES), ""]
    for source in topic.sources:
        parts = [f"- **{source.title}**, {source.publisher}."]
        if source.reviewer and source.reviewed_on:
            parts.append(tr(language, W.REVIEWED_BY_ON, who=source.reviewer, date=source.reviewed_on.isoformat()))
        elif source.reviewer:
            parts.append(tr(language, W.REVIEWED_BY, who=source.reviewer))
        elif source.reviewed_on:
            parts.append(tr(language, W.REVIEWED_ON, date=source.reviewed_on.isoformat()))
        if source.link:
            parts.append(source.link)
        lines.append(" ".join(parts))
    return "\n".join(lines)


class _TopicNotes(PagedScreen):
    def __init__(self, topic: Topic, pages: list[tuple[str, str]], name: str) -> None:
        super().__init__(pages, name=name)
        self.topic: Topic = topic

    @property
    def heading(self) -> str:
        return self.topic.title

    def extra_items(self, at_end: bool) -> list[ChoiceItem]:
        return [ChoiceItem("0", self._(W.BACK), BACK)]

    def extra_chosen(self, item: ChoiceItem) -> None:
        self.post_message(intents.GoBack())


class WordsScreen(_TopicNotes):
    def __init__(self, topic: Topic, terms: Sequence[str] | None = None, *, language: str | None = None) -> None:
        language = language or topic.language
        super().__init__(topic, [(tr(language, W.WORDS_TO_KNOW), words_body(topic, terms))],
                         name=f"words:{topic.id}")


class AboutScreen(_TopicNotes):
    def __init__(self, topic: Topic, *, language: str | None = None) -> None:
        language = language or topic.language
        super().__init__(topic, [(tr(language, W.ABOUT_TOPIC), about_body(topic, language))],
                         name=f"about:{topic.id}")
