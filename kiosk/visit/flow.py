"""FlowSession: one patient's walk through a topic's guided questions.

Owns the answers, the route taken, the pending multi-choice selection, progress numbers
("Question 3 of 8"), the emergency stop (K-C2), Back and edit-from-review (K-I4), the refusal
of an empty required answer (K-S9) and the plain summary lines shown for review.

Privacy (K-P1, K-P2): answers live only in this object. Nothing here writes, logs, prints or
sends anything; the app forgets a patient by dropping the object and making a new one, never
by clearing it. Pure Python: no Textual, no I/O, no clock.

States (``outcome``):

- ``CONTINUE``: ``current`` is the question on screen.
- ``EMERGENCY``: a red-flag choice was picked; ``current`` is None, ``emergency_question``
  and ``emergency_choices`` say what triggered it; ``change_answer()`` (or ``back()``) goes
  back to that question with the red flag not selected.
- ``DONE``: the route reached the end with every question on it answered; the UI shows the
  review (``summary_lines()``); ``edit(question_id)`` changes one answer, ``back()`` returns to
  the last question.

The only exception raised for something a patient can do is :class:`AnswerRequired`
(``done()`` with nothing chosen on a required question). Calling an action the current state
does not offer (``skip()`` where the question does not allow it, ``choose()`` on a
multi-choice question, anything but ``back``/``edit`` after DONE...) is a bug in the caller
and raises ``ValueError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.content.flow_check import flow_problems
from kiosk.content.model import END, Choice, Flow, Question, QuestionKind
from kiosk.content.summary_words import (
    AnswerWords,
    SummaryLine,
    chosen_words,
    join_phrases,
    line_of,
    merged_lines,
)
from kiosk.words import ui_words as W
from kiosk.words.i18n import tr

__all__ = ["Answer", "AnswerRequired", "FlowSession", "Outcome", "Progress", "SummaryLine", "join_phrases", "lines_in"]


class Outcome(StrEnum):
    CONTINUE = "continue"
    EMERGENCY = "emergency"
    DONE = "done"


@dataclass(frozen=True)
class Progress:
    """``number`` of ``total``: "Question 3 of 8". ``total`` is never below ``number``."""

    number: int
    total: int


@dataclass(frozen=True)
class Answer:
    """A confirmed answer. ``choice_ids`` are in the question's choice order."""

    question: Question
    choice_ids: tuple[str, ...] = ()
    not_sure: bool = False
    skipped: bool = False

    @property
    def choices(self) -> tuple[Choice, ...]:
        return tuple(c for c in self.question.choices if c.id in self.choice_ids)


class AnswerRequired(Exception):
    """``done()`` with nothing chosen on a required question (K-S9).

    The UI speaks and shows ``message_in(language)`` ("Choose an answer for: <prompt>"); the
    session is left exactly as it was. ``message`` is the English words.
    """

    def __init__(self, question: Question) -> None:
        self.question = question
        self.message = self.message_in("en")
        super().__init__(self.message)

    def message_in(self, language: str) -> str:
        return tr(language, W.ANSWER_REQUIRED, prompt=self.question.prompt)


NOT_SURE_TEXT = W.ANSWER_NOT_SURE
SKIPPED_TEXT = W.ANSWER_SKIPPED
NOTHING_CHOSEN_TEXT = W.ANSWER_NOTHING_CHOSEN


class FlowSession:
    """The state of one patient's answers to one :class:`~kiosk.content.model.Flow`.

    Raises ``ValueError`` at construction if the flow fails :func:`flow_problems` (the loader
    never lets such a flow through; this keeps the no-loop guarantee local).
    """

    def __init__(self, flow: Flow) -> None:
        problems = list(flow_problems(flow))
        if problems:
            raise ValueError("flow is not valid: " + "; ".join(message for _, message in problems))
        self._flow = flow
        self._answers: dict[str, Answer] = {}  # by question id; off-route answers kept for pre-fill
        self._path: list[str] = [flow.questions[0].id]  # route so far; last one is current unless DONE
        self._outcome = Outcome.CONTINUE
        self._pending: set[str] = set()
        self._editing = False
        self._emergency_choice: Choice | None = None

    # ----------------------------------------------------------------- reading the state

    @property
    def flow(self) -> Flow:
        return self._flow

    @property
    def outcome(self) -> Outcome:
        return self._outcome

    @property
    def review_ready(self) -> bool:
        """True when the review screen should show: every question on the route is answered."""
        return self._outcome is Outcome.DONE

    @property
    def editing(self) -> bool:
        """True after ``edit()`` until the route reaches an unanswered question or the review."""
        return self._editing

    @property
    def current(self) -> Question | None:
        """The question on screen; None when DONE or EMERGENCY."""
        if self._outcome is not Outcome.CONTINUE:
            return None
        return self._flow.question(self._path[-1])

    @property
    def current_answer(self) -> Answer | None:
        """The confirmed earlier answer to the current question (to pre-select "Not sure"/"Skip")."""
        question = self.current
        return None if question is None else self._answers.get(question.id)

    @property
    def selected(self) -> frozenset[str]:
        """Choice ids marked on the current question.

        Multi-choice: the pending selection (pre-filled from an earlier answer). Single-choice:
        the earlier answer's choice, if any. Empty when DONE or EMERGENCY.
        """
        question = self.current
        if question is None:
            return frozenset()
        if question.kind is QuestionKind.MULTI:
            return frozenset(self._pending)
        earlier = self._answers.get(question.id)
        return frozenset(earlier.choice_ids) if earlier else frozenset()

    @property
    def emergency_question(self) -> Question | None:
        """The question whose red-flag choice stopped the flow (EMERGENCY only)."""
        if self._outcome is not Outcome.EMERGENCY:
            return None
        return self._flow.question(self._path[-1])

    @property
    def emergency_choices(self) -> tuple[Choice, ...]:
        """The red-flag choice(s) that stopped the flow; empty unless EMERGENCY."""
        if self._outcome is not Outcome.EMERGENCY or self._emergency_choice is None:
            return ()
        return (self._emergency_choice,)

    @property
    def position(self) -> Progress:
        """Progress along the route taken.

        ``number`` counts questions on the path up to the current one (1-based). ``total`` adds
        the questions left if each one from here went its default way. When DONE both are the
        number of questions answered; when EMERGENCY it is the position of the red-flag question.
        """
        number = len(self._path)
        if self._outcome is Outcome.DONE:
            return Progress(number, number)
        seen = set(self._path)
        remaining = 0
        step = self._flow.default_next(self._flow.question(self._path[-1]))
        while step != END and step not in seen:  # a default route may loop back where answers can't
            seen.add(step)
            remaining += 1
            step = self._flow.default_next(self._flow.question(step))
        return Progress(number, number + remaining)

    @property
    def answers(self) -> list[Answer]:
        """Confirmed answers on the current route, in route order.

        The route starts at the first question and follows each stored answer until an
        unanswered question or the end. Answers to questions off that route are kept (they
        pre-fill if the route comes back) but are not listed.
        """
        out: list[Answer] = []
        seen: set[str] = set()
        step = self._flow.questions[0].id
        while step != END and step not in seen and step in self._answers:
            seen.add(step)
            answer = self._answers[step]
            out.append(answer)
            step = self._next_after(answer)
        return out

    def summary_lines(self, language: str = "en") -> list[SummaryLine]:
        """The provider summary: one line per ``summary_label`` on the route ("Danger signs: none"
        for two danger-sign questions both answered "None of these"), see
        :func:`kiosk.content.summary_words.merged_lines`; the kiosk's own words ("not sure", "and")
        in ``language``, the flow's words as written."""
        return merged_lines([w for a in self.answers if (w := _words(a, a.question, language))], language)

    def answer_lines(self, language: str = "en") -> list[SummaryLine]:
        """``(summary_label, text)`` per answer on the route, for the review, where each answer
        is changed on its own line."""
        return [line_of(w, language) for a in self.answers if (w := _words(a, a.question, language))]

    # ------------------------------------------------------------------------ answering

    def choose(self, choice_id: str) -> Outcome:
        """Answer a single-choice question. A red-flag choice stops at EMERGENCY at once (K-C2)."""
        question = self._require_current(QuestionKind.SINGLE)
        choice = self._choice(question, choice_id)
        if choice.emergency:
            return self._stop_for_emergency(choice)
        return self._confirm(Answer(question, (choice.id,)))

    def toggle(self, choice_id: str) -> Outcome:
        """Mark or unmark a choice on a multi-choice question.

        An ``exclusive`` choice clears the others; any other choice clears an exclusive one.
        Marking a red-flag choice stops at EMERGENCY at once (K-C2); the pending selection is
        kept, without the red flag, for ``change_answer()``.
        """
        question = self._require_current(QuestionKind.MULTI)
        choice = self._choice(question, choice_id)
        if choice.id in self._pending:
            self._pending.discard(choice.id)
            return self._outcome
        if choice.emergency:
            return self._stop_for_emergency(choice)
        if choice.exclusive:
            self._pending = {choice.id}
        else:
            exclusive = {c.id for c in question.choices if c.exclusive}
            self._pending -= exclusive
            self._pending.add(choice.id)
        return self._outcome

    def done(self) -> Outcome:
        """Confirm the current question and go on.

        Multi-choice: confirms the pending selection; with nothing chosen a required question
        raises :class:`AnswerRequired` (K-S9) and nothing changes; an optional one is answered
        "nothing chosen". Single-choice: keeps the earlier answer (after Back or edit) and goes
        on; with no earlier answer raises :class:`AnswerRequired`.
        """
        question = self._require_current()
        if question.kind is QuestionKind.SINGLE:
            earlier = self._answers.get(question.id)
            if earlier is None:
                raise AnswerRequired(question)
            return self._confirm(earlier)
        if not self._pending and question.required:
            raise AnswerRequired(question)
        ordered = tuple(c.id for c in question.choices if c.id in self._pending)
        return self._confirm(Answer(question, ordered))

    def not_sure(self) -> Outcome:
        """Answer "Not sure"; only where ``allow_not_sure`` (else ValueError). Goes the default way."""
        question = self._require_current()
        if not question.allow_not_sure:
            raise ValueError(f"question '{question.id}' does not offer 'Not sure'")
        return self._confirm(Answer(question, not_sure=True))

    def skip(self) -> Outcome:
        """Skip the question; only where ``allow_skip`` (else ValueError). Goes the default way."""
        question = self._require_current()
        if not question.allow_skip:
            raise ValueError(f"question '{question.id}' does not offer 'Skip'")
        return self._confirm(Answer(question, skipped=True))

    # ----------------------------------------------------------------------- moving about

    def back(self) -> bool:
        """Go to the previous question on the path, keeping every answer (K-I4).

        Returns False at the first question (the UI then leaves the flow); nothing changes.
        From EMERGENCY this is ``change_answer()``; from DONE it returns to the last question.
        An unconfirmed multi-choice selection is dropped; the earlier confirmed answer stays.
        """
        if self._outcome is Outcome.EMERGENCY:
            self.change_answer()
            return True
        if self._outcome is Outcome.DONE:
            self._outcome = Outcome.CONTINUE
            self._editing = False
            self._show(self._path[-1])
            return True
        if len(self._path) == 1:
            return False
        self._path.pop()
        self._show(self._path[-1])
        return True

    def change_answer(self) -> None:
        """From the emergency page: back to the red-flag question with the flag not chosen (K-C2)."""
        if self._outcome is not Outcome.EMERGENCY:
            raise ValueError("change_answer() is only for the emergency page")
        self._outcome = Outcome.CONTINUE
        self._emergency_choice = None
        # single: the earlier answer (if any) stays pre-selected; multi: the pending selection
        # is what it was before the red flag was marked.

    def edit(self, question_id: str) -> None:
        """From the review: go to an answered question on the route to change it (K-I4).

        After that question is answered again the session walks forward over questions that
        already have answers, along the possibly new route, stopping at the first unanswered
        one or, if there is none, at DONE (back to the review).
        """
        if self._outcome is not Outcome.DONE:
            raise ValueError("edit() is for the review screen, when the flow is done")
        route = [a.question.id for a in self.answers]
        if question_id not in route:
            raise ValueError(f"question '{question_id}' is not an answered question on the route")
        self._path = route[: route.index(question_id) + 1]
        self._outcome = Outcome.CONTINUE
        self._editing = True
        self._show(question_id)

    # ------------------------------------------------------------------------ internals

    def _require_current(self, kind: QuestionKind | None = None) -> Question:
        question = self.current
        if question is None:
            raise ValueError(f"no question to answer: the flow is at {self._outcome.value}")
        if kind is not None and question.kind is not kind:
            raise ValueError(f"question '{question.id}' is {question.kind.value}-choice")
        return question

    @staticmethod
    def _choice(question: Question, choice_id: str) -> Choice:
        for c in question.choices:
            if c.id == choice_id:
                return c
        raise ValueError(f"question '{question.id}' has no choice '{choice_id}'")

    def _stop_for_emergency(self, choice: Choice) -> Outcome:
        self._outcome = Outcome.EMERGENCY
        self._emergency_choice = choice
        return self._outcome

    def _next_after(self, answer: Answer) -> str:
        question = answer.question
        if question.kind is QuestionKind.SINGLE and answer.choice_ids:
            choice = self._choice(question, answer.choice_ids[0])
            if choice.next:
                return choice.next
        return self._flow.default_next(question)

    def _confirm(self, answer: Answer) -> Outcome:
        self._answers[answer.question.id] = answer
        step = self._next_after(answer)
        while True:
            if step == END:
                self._outcome = Outcome.DONE
                self._editing = False
                self._pending = set()
                return self._outcome
            if step in self._path:  # cannot happen in a checked flow; never loop
                raise AssertionError(f"route returns to '{step}'")
            self._path.append(step)
            earlier = self._answers.get(step)
            if self._editing and earlier is not None:
                step = self._next_after(earlier)
                continue
            self._editing = False
            self._show(step)
            return self._outcome

    def _show(self, question_id: str) -> None:
        """Make ``question_id`` current with its earlier answer pre-selected."""
        earlier = self._answers.get(question_id)
        question = self._flow.question(question_id)
        if question.kind is QuestionKind.MULTI and earlier is not None:
            self._pending = set(earlier.choice_ids)
        else:
            self._pending = set()



def _words(answer: Answer, question: Question, language: str = "en") -> AnswerWords | None:
    """``answer`` in the summary words of ``question`` (the answered one, or the same question in
    another translation of the flow); None when a chosen id has no match there."""
    def kiosk_words(message: str) -> AnswerWords:
        return AnswerWords(question.summary_label, (tr(language, message),))

    if answer.not_sure:
        return kiosk_words(NOT_SURE_TEXT)
    if answer.skipped:
        return kiosk_words(SKIPPED_TEXT)
    if not answer.choice_ids:
        return kiosk_words(NOTHING_CHOSEN_TEXT)
    chosen = [c for c in question.choices if c.id in answer.choice_ids]
    if len(chosen) != len(answer.choice_ids):
        return None
    return chosen_words(question, chosen)


def lines_in(flow: Flow, session: FlowSession, language: str = "en") -> list[SummaryLine] | None:
    """The session's answers as summary lines of another translation of its flow.

    For the second language of a slip and of the summary screen: a patient who
    answered the Spanish flow gets the lines of the English flow too (same question and choice
    ids, the English ``summary_label`` and ``summary`` phrases, merged by label the same way).
    None when a question or choice id has no match in ``flow``. ``language`` is the flow's own
    (for "not sure" and "and").
    """
    out: list[AnswerWords] = []
    for answer in session.answers:
        try:
            question = flow.question(answer.question.id)
        except KeyError:
            return None
        words = _words(answer, question, language)
        if words is None:
            return None
        out.append(words)
    return merged_lines(out, language)
