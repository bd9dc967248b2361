"""ReviewScreen: every answer, each one changeable, before the summary is final (K-I4).

Answers are private on a shared kiosk: they are read aloud only when the person asks (K-S7),
and moving the highlight says which question, not the answer. The screen only reads the flow:
picking an answer to change it is an intent (:class:`~kiosk.ui.intents.EditAnswer`) that the
controller applies.
"""

from __future__ import annotations

from textual.app import ComposeResult

from kiosk.content.model import Topic
from kiosk.ui import intents
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.choice_list import ChoiceItem
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.visit.flow import FlowSession
from kiosk.words import ui_words as W

SHOW_SUMMARY, READ_ALOUD, BACK, MORE = "=summary", "=read", "=back", "=more"
#: Answers shown at once, on keys 3-8; 9 shows the next ones, so every answer has a digit
#: however long the flow: with Num Lock on, a keypad has no arrows to reach the rest.
PER_PAGE = 6
FIRST_ANSWER_KEY = 3
MORE_KEY = "9"


def answer_lines(session: FlowSession, language: str = "en") -> list[str]:
    """One line per answer, as the review lists them (each changeable on its own)."""
    return [f"{line.label}: {line.text}" for line in session.answer_lines(language)]


def summary_lines(session: FlowSession, language: str = "en") -> list[str]:
    """The provider summary's lines: one per label (see FlowSession.summary_lines)."""
    return [f"{line.label}: {line.text}" for line in session.summary_lines(language)]


class ReviewScreen(KioskScreen):
    @property
    def heading(self) -> str:
        return self._(W.CHECK_ANSWERS)

    def __init__(self, topic: Topic, session: FlowSession) -> None:
        super().__init__(name=f"review:{topic.id}")
        self.topic: Topic = topic
        self.session = session
        self.answer_page = 0

    @property
    def answer_pages(self) -> int:
        return max(1, -(-len(self.session.answers) // PER_PAGE))

    @property
    def answers_label(self) -> str:
        """ "Answers 7 to 12 of 15", when they do not all fit on keys 3-8."""
        total = len(self.session.answers)
        if total <= PER_PAGE:
            return ""
        first = self.answer_page * PER_PAGE
        return self._(W.ANSWERS_WHERE, first=first + 1, last=min(first + PER_PAGE, total), total=total)

    def items(self) -> list[ChoiceItem]:
        items = [
            ChoiceItem("1", self._(W.ALL_CORRECT), SHOW_SUMMARY),
            ChoiceItem("2", self._(W.READ_MY_ANSWERS), READ_ALOUD),
        ]
        pairs = list(zip(self.session.answers, self.session.answer_lines(self.language), strict=True))
        first = self.answer_page * PER_PAGE
        for n, (answer, line) in enumerate(pairs[first:first + PER_PAGE], FIRST_ANSWER_KEY):
            items.append(ChoiceItem(str(n), f"{line.label}: {line.text}", answer.question.id,
                                    speech=self._(W.CHANGE_ANSWER_TO, label=line.label)))
        if self.answer_pages > 1:
            last = self.answer_page + 1 == self.answer_pages
            items.append(ChoiceItem(MORE_KEY, self._(W.FIRST_ANSWERS_AGAIN if last else W.MORE_ANSWERS), MORE))
        items.append(ChoiceItem("0", self._(W.BACK), BACK))
        return items

    def compose_body(self) -> ComposeResult:
        from kiosk.ui.widgets.choice_list import ChoiceList

        yield SafeText(f"{self._(W.PICK_TO_CHANGE)} {self.answers_label}".strip(), classes="lead", id="review-hint")
        yield ChoiceList(self.items(), id="choices")

    def body_speech(self) -> list[str]:
        label = [self.answers_label] if self.answers_label else []
        return [self._(W.ANSWERS_ON_SCREEN), *label, self._(W.PICK_TO_CHANGE),
                f"{self._(W.PRIVACY_WARNING)} {self._(W.PRESS_TO_HEAR_THEM, key=2)}"]

    async def _turn_answers(self) -> None:
        self.answer_page = (self.answer_page + 1) % self.answer_pages
        await self.recompose()
        if self.choices is not None:
            self.choices.focus()
        self.announce()

    def chosen(self, item: ChoiceItem) -> None:
        if item.value == SHOW_SUMMARY:
            self.post_message(intents.ShowSummary())
        elif item.value == READ_ALOUD:
            self.post_message(intents.Speak(answer_lines(self.session, self.language), private=True))
        elif item.value == BACK:
            self.post_message(intents.GoBack())
        elif item.value == MORE:
            self.run_worker(self._turn_answers(), exclusive=True, group="review")
        else:
            self.post_message(intents.EditAnswer(item.value))
