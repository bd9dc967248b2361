"""QuestionScreen: one question of the guided flow at a time, drawn from a FlowSession.

Big numbered answers (digits, arrows + Enter, touch); multi-choice answers show a [x] marker
and a clear Done; Done with nothing chosen is refused with the question named, on screen and
aloud (K-S9). A red-flag answer goes straight to the emergency page (K-C2). The screen only
draws the session: each answer is an intent (:class:`~kiosk.ui.intents.AnswerQuestion`,
:class:`~kiosk.ui.intents.QuestionBack`) that the controller applies to the visit's flow, and
the app tells the screen what to draw with :class:`AnswerApplied`.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Static

from kiosk.content.model import QuestionKind, Topic
from kiosk.ui import intents
from kiosk.ui.changes import AnswerApplied
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList, ChoiceRow
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.visit.controller import Reply
from kiosk.visit.flow import FlowSession
from kiosk.words import ui_words as W

NOT_SURE, SKIP, DONE, BACK = "=not-sure", "=skip", "=done", "=back"
#: Done has one key on every multi-choice question, so a listener learns it once.
#: The loader allows at most 9 answers counting Done, so 1-8 are always free for the rest.
DONE_KEY = "9"
NO_HIGHLIGHT = -1


class AnswerList(ChoiceList):
    """The answers, with nothing highlighted until the person moves or chooses:
    no answer, least of all an emergency one, is picked by a stray Enter."""

    def __init__(self, items: list[ChoiceItem], *, highlighted: int, id: str | None = None) -> None:  # noqa: A002 - Textual's keyword
        super().__init__(items, highlighted=max(highlighted, 0), id=id)
        if highlighted == NO_HIGHLIGHT:
            self.set_reactive(ChoiceList.highlighted, NO_HIGHLIGHT)

    def _paint(self) -> None:
        if self.highlighted >= 0:
            super()._paint()
            return
        for row in self.query(ChoiceRow):
            row.set_class(False, "-highlighted")
            row.show(False)
        self.call_after_refresh(self._update_more)

    def enter_shows_more(self) -> bool:
        """With nothing highlighted, Enter shows the answers out of view: with Num Lock
        on, a keypad has no arrows, only digits and Enter."""
        return self.highlighted < 0

    @property
    def current(self) -> ChoiceItem | None:
        return super().current if self.highlighted >= 0 else None

    def action_move(self, step: int) -> None:
        """From nothing highlighted: the first answer in view (down) or the last (up)."""
        if self.highlighted < 0 and self.items:
            in_view = [row.index for row in self.rows_in_view()] or [0, len(self.items) - 1]
            self.highlighted = in_view[0] if step > 0 else in_view[-1]
            self.post_message(self.Highlighted(self, self.items[self.highlighted], self.highlighted, len(self.items)))
            return
        super().action_move(step)

    def pick(self, index: int) -> None:
        """A digit or a touch with nothing highlighted leaves nothing highlighted: a box ticked
        by its digit keeps Enter showing the answers out of view (Num Lock on, 40x12)."""
        if self.highlighted >= 0:
            super().pick(index)
        elif 0 <= index < len(self.items):
            self.post_chosen(index)

    def action_pick_highlighted(self) -> None:
        if self.highlighted < 0:
            if not self.show_more():
                self.post_message(NothingChosen())
            return
        super().action_pick_highlighted()


@dataclass
class NothingChosen(Message):
    """Enter with no answer highlighted."""


def answer_words(session: FlowSession, question_id: str, language: str) -> str | None:
    """The answer to ``question_id`` as the review shows it, or None when it has none."""
    for answer, line in zip(session.answers, session.answer_lines(language), strict=False):
        if answer.question.id == question_id:
            return line.text
    return None


class QuestionScreen(KioskScreen):
    def __init__(self, topic: Topic, session: FlowSession) -> None:
        super().__init__(name=f"flow:{topic.id}")
        self.topic: Topic = topic
        self.session = session
        self.message = ""

    @property
    def heading(self) -> str:
        return self.session.flow.title

    def items(self) -> list[ChoiceItem]:
        question = self.session.current
        assert question is not None
        multi = question.kind is QuestionKind.MULTI
        selected = self.session.selected
        labels = [(c.label, c.id, (c.id in selected) if multi else None) for c in question.choices]
        if question.allow_not_sure:
            labels.append((self._(W.NOT_SURE), NOT_SURE, None))
        if question.allow_skip:
            labels.append((self._(W.SKIP_QUESTION), SKIP, None))
        items = [ChoiceItem(str(i), label, value, checked) for i, (label, value, checked) in enumerate(labels, 1)]
        if multi:
            items.append(ChoiceItem(DONE_KEY, self._(W.DONE), DONE))
        items.append(ChoiceItem("0", self._(W.BACK), BACK))
        return items

    def _start_index(self) -> int:
        """Highlight the earlier answer when coming back to a question (K-I4); otherwise
        nothing, so Enter never answers by itself. On a multi-choice question the ticked boxes
        show the earlier answers, and Enter keeps showing the answers out of view rather than
        unticking the first box, so Enter alone still reaches Done."""
        question = self.session.current
        earlier = self.session.current_answer
        if question is None or earlier is None or not earlier.choice_ids or question.kind is QuestionKind.MULTI:
            return NO_HIGHLIGHT
        ids = [c.id for c in question.choices]
        if earlier.choice_ids[0] not in ids or question.choices[ids.index(earlier.choice_ids[0])].emergency:
            return NO_HIGHLIGHT
        return ids.index(earlier.choice_ids[0])

    @property
    def prompt(self) -> str:
        """The question, with "(part 2 of 2)" when the flow asks the same words more than once,
        so the second looks and sounds new."""
        question = self.session.current
        assert question is not None
        same = [q for q in self.session.flow.questions if q.prompt == question.prompt]
        if len(same) < 2:
            return question.prompt
        return f"{question.prompt} ({self._(W.PART_OF, n=same.index(question) + 1, total=len(same))})"

    def compose_body(self) -> ComposeResult:
        question = self.session.current
        if question is None:
            return
        progress = self.session.position
        yield SafeText(self._(W.QUESTION_OF, n=progress.number, total=progress.total), id="progress")
        yield SafeText(self.prompt, id="prompt")
        if question.help:
            yield SafeText(question.help, id="help")
        yield SafeText(self.message, id="message", classes="" if self.message else "-empty")
        items = self.items()
        yield AnswerList(items, highlighted=self._start_index(), id="choices")

    def body_speech(self) -> list[str]:
        question = self.session.current
        if question is None:
            return []
        progress = self.session.position
        part = self.prompt[len(question.prompt):].strip(" ()")
        number = self._(W.QUESTION_OF, n=progress.number, total=progress.total)
        lines = [number + (f", {part}." if part else "."), question.prompt]
        if question.help:
            lines.append(question.help)
        earlier = answer_words(self.session, question.id, self.language)
        if earlier is not None:  # back to an answered question: what it is now (K-S14)
            lines.append(self._(W.YOUR_ANSWER_NOW, answer=earlier))
        if question.kind is QuestionKind.MULTI:
            # Staff's help on a multi-choice question already says to pick several ("Pick all
            # that fit."): then only Done's key is added, so one thing is not said twice.
            said = W.DONE_KEY_AFTER_HELP if question.help else W.CHOOSE_ALL_THEN_DONE
            lines.append(self._(said, key=DONE_KEY))
        if self.message:
            lines.insert(0, self.message)
        return lines

    async def show_current(self) -> None:
        await self.recompose()
        if self.choices is not None:
            self.choices.focus()
        self.announce()

    def chosen(self, item: ChoiceItem) -> None:
        """An answer row was picked: ask the controller to apply it (it owns the answers)."""
        question = self.session.current
        if question is None:
            return
        self.message = ""
        if item.value == BACK:
            self.post_message(intents.QuestionBack())
        elif item.value == NOT_SURE:
            self.post_message(intents.AnswerQuestion(Reply.NOT_SURE))
        elif item.value == SKIP:
            self.post_message(intents.AnswerQuestion(Reply.SKIP))
        elif item.value == DONE:
            self.post_message(intents.AnswerQuestion(Reply.DONE))
        elif question.kind is QuestionKind.MULTI:
            self.post_message(intents.AnswerQuestion(Reply.TOGGLE, item.value))
        else:
            self.post_message(intents.AnswerQuestion(Reply.CHOOSE, item.value))

    @on(AnswerApplied)
    def _answer_applied(self, message: AnswerApplied) -> None:
        """The controller applied an answer, Back or a return to the questions: draw the flow."""
        answered = message.answered
        if answered is not None and answered.ticked:
            self._tick(answered.ticked)
            return
        refused = answered.refused if answered is not None else ""
        self.run_worker(self._redraw(refused), exclusive=True, group="answer")

    async def _redraw(self, refused: str) -> None:
        """The current question, with the refusal (K-S9) shown and then said when there is one."""
        if refused:
            self.message = refused
        await self.show_current()
        if refused:
            self.say(refused)

    def on_nothing_chosen(self, message: NothingChosen) -> None:
        message.stop()
        self._show_message(self._(W.HOW_TO_CHOOSE))
        self.say(self._(W.HOW_TO_CHOOSE))

    def _show_message(self, text: str) -> None:
        self.message = text
        shown = self.query_one("#message", Static)
        shown.update(text)
        shown.set_class(not text, "-empty")

    def _tick(self, choice_id: str) -> None:
        """A multi-choice box changed: redraw the boxes in place and say the new state."""
        self._show_message("")  # the refusal "Choose an answer for ..." is answered now
        choice_list = self.choices
        assert choice_list is not None
        selected = self.session.selected
        for index, old in enumerate(choice_list.items):
            if old.checked is not None:
                choice_list.replace_item(index, ChoiceItem(old.key, old.label, old.value, old.value in selected))
        label = next(item.label for item in choice_list.items if item.value == choice_id)
        checked = choice_id in selected
        self.say(self._(W.LABEL_CHOSEN if checked else W.LABEL_NOT_CHOSEN, label=label))

    def action_back(self) -> None:
        self.post_message(intents.QuestionBack())

    def resumed(self) -> None:
        """On top again (first shown, back from the emergency page's "Change my answer" or its
        Back, or from the review): the controller puts the flow on a question, then it is drawn."""
        self.post_message(intents.ReturnToQuestion())
