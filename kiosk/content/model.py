"""The content the kiosk runs on: topics, pages, red flags and question flows, as written in
``content/topics/*.yaml``.

Plain frozen objects with no pydantic (:mod:`kiosk.content.frozen` says why); their pydantic
twins in :mod:`kiosk.content.schema` own the rules a file must keep. Building one from data
(``Topic(...)``, ``Topic.model_validate(...)``) is checked by that schema. The behaviour both
share (a question's extra keys, where a flow goes next) lives in the ``...Behaviour`` classes,
so the rules and the screens read the same answers. Nothing here reads files or imports Textual.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kiosk.content.frozen import Frozen
from kiosk.words.plain_text import escape_controls

#: Digits 1-9 pick choices on a numeric keypad; 0 is kept for Back (K-I1, K-I2).
KEYPAD_CHOICE_KEYS = 9

#: Where a choice or a question may go instead of another question.
END = "end"

# ---- limits a real topic never reaches. They bound the memory, the time and the screen parts
# one hostile or broken file can cost; the bundled topic (muscle-spasms) has 21 pages, bodies up
# to 401 characters, 14 red flags, 15 questions and 8 answers to a question.

MAX_PAGES = 100
"""Pages in a topic: about 5 times the bundled topic; more is a book, so split the topic."""

MAX_BODY_CHARS = 4000
"""Characters in one page body: 10 times the longest bundled page (401), about 10 screens at 40x12."""

MAX_TEXT_CHARS = 1000
"""Characters in any other text (title, heading, label, red flag, setting...): several screens' worth."""

MAX_RED_FLAGS = 40
"""Red flags in a topic: they all go on the emergency page, which must stay short; the bundled topic has 14."""

MAX_QUESTIONS = 60
"""Questions in a flow: 4 times the bundled 15; a patient will not answer more in a waiting room."""

MAX_GLOSSARY = 200
"""Glossary entries in a topic: 6 times the bundled 33."""

MAX_SOURCES = 20
"""Sources of a topic: 10 times the bundled 2."""

MAX_MORE_SECTIONS = 20
""""More about..." sections of a topic: each is one line of the topic's contents, which must stay short."""

#: Fields a topic no longer has, and what replaced them: the loader says so where staff wrote one.
RENAMED_TOPIC_FIELDS = {
    "reviewed_by": "review.by",
    "reviewed_on": "review.on",
}


class FieldError(ValueError):
    """A rule about a whole model that one of its fields breaks.

    ``loc`` is that field's path inside the model, e.g. ``("choices",)`` or ``("choices", 2, "next")``,
    so the loader reports the line and field staff must change instead of the model's first line.
    """

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc


class ReviewStatus(StrEnum):
    """Whether the clinic's clinicians have signed a topic off: patients are told when not."""

    DRAFT = "draft"
    REVIEWED = "reviewed"


class QuestionKind(StrEnum):
    SINGLE = "single"
    MULTI = "multi"


# ---- behaviour shared by the plain classes and their schema twins


class ReviewBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:
        status: ReviewStatus

    @property
    def is_draft(self) -> bool:
        return self.status is ReviewStatus.DRAFT


class QuestionBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:
        kind: QuestionKind
        allow_not_sure: bool
        allow_skip: bool

    @property
    def extra_choice_count(self) -> int:
        """Keypad digits taken by the built-in answers: "Not sure", "Skip", and "Done" on multi-choice."""
        return int(self.allow_not_sure) + int(self.allow_skip) + int(self.kind is QuestionKind.MULTI)


class FlowBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:  # the schema's twin holds its own Question class
        questions: Sequence[Any]

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def default_next(self, question: Question) -> str:
        """Where a question goes when neither it nor the answer names a next step."""
        if question.next:
            return question.next
        index = self.questions.index(question)
        return self.questions[index + 1].id if index + 1 < len(self.questions) else END

    def targets(self, question: Question) -> set[str]:
        """Every place an answer to ``question`` can lead: question ids, END; emergencies excluded."""
        default = self.default_next(question)
        out = {c.next or default for c in question.choices if not c.emergency}
        if question.kind is QuestionKind.MULTI or question.allow_not_sure or question.allow_skip:
            out.add(default)
        return out


class TopicBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:
        id: str
        language: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.language)


# ---- the plain classes: the same fields, in the same order, as kiosk.content.schema's


class Page(Frozen):
    """One screen of a topic: a heading and a short Markdown body."""

    heading: str
    body: str


class MoreSection(Frozen):
    """An optional "More about..." part of a topic, listed in its contents after the core pages."""

    title: str
    pages: list[Page]


class Review(ReviewBehaviour, Frozen):
    """Who checked a topic for this kiosk, when, and whether that was a clinician's sign-off."""

    status: ReviewStatus
    by: str
    on: dt.date


class RedFlag(Frozen):
    """A symptom that needs help now, and what the person should do about it."""

    symptom: str
    action: str


class GlossaryEntry(Frozen):
    term: str
    meaning: str


class Source(Frozen):
    title: str
    publisher: str
    link: str | None
    reviewer: str | None
    reviewed_on: dt.date | None


class Choice(Frozen):
    """One answer on the keypad (see the schema for what each field does)."""

    id: str
    label: str
    summary: str
    next: str | None
    emergency: bool
    exclusive: bool


class Question(QuestionBehaviour, Frozen):
    id: str
    prompt: str
    help: str | None
    kind: QuestionKind
    summary_label: str
    choices: list[Choice]
    required: bool
    allow_not_sure: bool
    allow_skip: bool
    next: str | None


class Flow(FlowBehaviour, Frozen):
    """The guided questions of a topic: red flags first, then what the provider will ask."""

    title: str
    intro: str
    questions: list[Question]


class Topic(TopicBehaviour, Frozen):
    """A topic in one language. A translation has the same ``id`` and another ``language``."""

    id: str
    language: str
    title: str
    summary: str
    group: str | None
    pages: list[Page]
    more: list[MoreSection]
    red_flags: list[RedFlag]
    flow: Flow | None
    glossary: list[GlossaryEntry]
    sources: list[Source]
    review: Review
    enabled: bool


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, located for the person who must fix it."""

    file: str
    line: int | None
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        """``file:line: field: message``, with any control character written as an escape:
        a file name or an unknown field name can hold one, and this line goes to a terminal."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        tag = "warning: " if self.severity is Severity.WARNING else ""
        return escape_controls(f"{where}: {self.field}: {tag}{self.message}")
