"""The content model: what clinic staff write in ``content/topics/*.yaml``.

Owns the shape and the single-file rules of topics, pages, red flags and question flows.
Rules that need the whole folder (duplicate ids, review age) live in ``loader``; nothing
here reads files or imports Textual. Every model forbids unknown keys, so a typo in a field
name is an error with a line number instead of a silently ignored setting.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

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

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=60),
]
"""Lower-case words joined by hyphens: safe in file names, URLs and speech."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS)]
"""Patient-facing text: never empty once surrounding spaces are removed, at most MAX_TEXT_CHARS."""

OptionalText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT_CHARS)]
"""Text that may be left empty (a question's help, a source's link), still at most MAX_TEXT_CHARS."""

Body = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_BODY_CHARS)]
"""A page body: paragraphs and '- ' lists, at most MAX_BODY_CHARS."""

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]


class FieldError(ValueError):
    """A rule about a whole model that one of its fields breaks.

    ``loc`` is that field's path inside the model, e.g. ``("choices",)`` or ``("choices", 2, "next")``,
    so the loader reports the line and field staff must change instead of the model's first line.
    """

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc


class Strict(BaseModel):
    """Base for every content model: unknown keys are errors, values are frozen once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Page(Strict):
    """One screen of a topic: a heading and a short Markdown body."""

    heading: Text
    body: Body = Field(description="Short paragraphs and '- ' bullet lists, plain text; no tables or images.")


class MoreSection(Strict):
    """An optional "More about..." part of a topic, listed in its contents after the core pages.

    The core (``Topic.pages``) is what a patient pages through in a waiting room; a section holds
    what only some patients want (rare causes, background), so the core stays short.
    """

    title: Text = Field(description="Its line in the topic's contents, e.g. 'More about causes'.")
    pages: list[Page] = Field(min_length=1, max_length=MAX_PAGES)


class ReviewStatus(StrEnum):
    """Whether the clinic's clinicians have signed a topic off: patients are told when not."""

    DRAFT = "draft"
    REVIEWED = "reviewed"


class Review(Strict):
    """Who checked a topic for this kiosk, when, and whether that was a clinician's sign-off."""

    status: ReviewStatus = Field(description="'draft' until a clinician has reviewed it, then 'reviewed'.")
    by: Text = Field(description="A named role or person, e.g. 'Clinic nurse educator'.")
    on: dt.date = Field(description="The day of that review or check, YYYY-MM-DD.")

    @property
    def is_draft(self) -> bool:
        return self.status is ReviewStatus.DRAFT


class RedFlag(Strict):
    """A symptom that needs help now, and what the person should do about it."""

    symptom: Text = Field(description="Plain words, as a patient would say it.")
    action: Text = Field(description="What to do now, e.g. 'Tell the front desk now.'")


class GlossaryEntry(Strict):
    term: Text
    meaning: Text


class Source(Strict):
    title: Text
    publisher: Text
    link: OptionalText | None = Field(default=None, description="Web address, when known.")
    reviewer: OptionalText | None = Field(default=None, description="Medical reviewer named by the source.")
    reviewed_on: dt.date | None = Field(default=None, description="Date the source says it was last reviewed.")


class QuestionKind(StrEnum):
    SINGLE = "single"
    MULTI = "multi"


class Choice(Strict):
    """One answer on the keypad.

    ``next`` overrides where the flow goes after this answer (single-choice questions only).
    ``emergency`` marks a red flag: choosing it ends the flow at the emergency page at once.
    ``exclusive`` (multi-choice) clears every other choice, as "None of these" should.
    """

    id: Identifier
    label: Text
    summary: Text = Field(description="Short phrase for the provider summary, e.g. 'calf and foot'.")
    next: Identifier | None = None
    emergency: bool = False
    exclusive: bool = False


class Question(Strict):
    id: Identifier
    prompt: Text
    help: OptionalText | None = None
    kind: QuestionKind = QuestionKind.SINGLE
    summary_label: Text = Field(description="Label of this answer in the provider summary.")
    choices: list[Choice] = Field(min_length=1)
    required: bool = Field(default=True, description="A multi-choice question refuses Done with nothing chosen.")
    allow_not_sure: bool = False
    allow_skip: bool = False
    next: Identifier | None = Field(default=None, description="Where to go next; default: the next question.")

    @property
    def extra_choice_count(self) -> int:
        """Keypad digits taken by the built-in answers: "Not sure", "Skip", and "Done" on multi-choice."""
        return int(self.allow_not_sure) + int(self.allow_skip) + int(self.kind is QuestionKind.MULTI)

    @field_validator("choices")
    @classmethod
    def _unique_ids(cls, choices: list[Choice]) -> list[Choice]:
        ids = [c.id for c in choices]
        for index, choice_id in enumerate(ids):
            if choice_id in ids[:index]:
                raise FieldError((index, "id"), f"'{choice_id}' is already the id of another answer of this question")
        return choices

    @model_validator(mode="after")
    def _check_keys_and_kind(self) -> Question:
        total = len(self.choices) + self.extra_choice_count
        if total > KEYPAD_CHOICE_KEYS:
            raise FieldError(
                ("choices",),
                f"{total} answers (counting Not sure, Skip and the Done of a multi-choice question), "
                f"but the keypad has only {KEYPAD_CHOICE_KEYS} digits for answers; split the question in two",
            )
        if self.kind is QuestionKind.MULTI:
            for index, choice in enumerate(self.choices):
                if choice.next:
                    raise FieldError(
                        ("choices", index, "next"),
                        "an answer of a multi-choice question cannot jump; put 'next' on the question instead",
                    )
        return self


class Flow(Strict):
    """The guided questions of a topic: red flags first, then what the provider will ask."""

    title: Text
    intro: Text
    questions: list[Question] = Field(min_length=1, max_length=MAX_QUESTIONS)

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


class Topic(Strict):
    """A topic in one language. A translation has the same ``id`` and another ``language``."""

    id: Identifier
    language: LanguageCode = "en"
    title: Text
    summary: Text = Field(description="One line shown under the title on the topic's first screen.")
    group: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)] | None = Field(
        default=None,
        description="Group on home, in the topic's language, e.g. 'Muscles and bones'; "
        "a big library lists groups first.",
    )
    pages: list[Page] = Field(
        min_length=1, max_length=MAX_PAGES,
        description="The core a patient pages through; keep it short and put the rest under 'more'.",
    )
    more: list[MoreSection] = Field(
        default_factory=list, max_length=MAX_MORE_SECTIONS,
        description="Optional 'More about...' sections, listed in the topic's contents after the core.",
    )
    red_flags: list[RedFlag] = Field(min_length=1, max_length=MAX_RED_FLAGS)
    flow: Flow | None = None
    glossary: list[GlossaryEntry] = Field(default_factory=list, max_length=MAX_GLOSSARY)
    sources: list[Source] = Field(min_length=1, max_length=MAX_SOURCES)
    review: Review
    enabled: bool = True

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.language)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(BaseModel):
    """One thing wrong with the content, located for the person who must fix it."""

    model_config = ConfigDict(frozen=True)

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

