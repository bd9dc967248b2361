"""The rules of a topic file: pydantic models that check what staff wrote in
``content/topics/*.yaml`` and say what is wrong, field by field.

Each model has a plain twin of the same name and fields in :mod:`kiosk.content.model`, which
the kiosk runs on (:mod:`kiosk.content.frozen` says why); the loader validates with these and
keeps the twins. Rules that need the whole folder (duplicate ids, review age) live in
``loader``. Every model forbids unknown keys, so a typo in a field name is an error with a line
number instead of a silently ignored setting.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated

# The kiosk uses no pydantic plugins; looking for them reads every installed package's metadata
# when the first model is built (about 15-25 ms of a start, bench/README.md). Set before any model.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator  # noqa: E402

from kiosk.content.model import (  # noqa: E402
    KEYPAD_CHOICE_KEYS,
    MAX_BODY_CHARS,
    MAX_GLOSSARY,
    MAX_MORE_SECTIONS,
    MAX_PAGES,
    MAX_QUESTIONS,
    MAX_RED_FLAGS,
    MAX_SOURCES,
    MAX_TEXT_CHARS,
    FieldError,
    FlowBehaviour,
    QuestionBehaviour,
    QuestionKind,
    ReviewBehaviour,
    ReviewStatus,
    TopicBehaviour,
)

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


class Strict(BaseModel):
    """Base for every content model: unknown keys are errors, values are frozen once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


class Page(Strict):
    """One screen of a topic: a heading and a short Markdown body."""

    heading: Text = Field(description="The page's heading, shown above its words and read out first.")
    body: Body = Field(description="The page's words: short paragraphs and '- ' bullet lists, plain text; "
                       "no tables or pictures. Aim at one screen.")


class MoreSection(Strict):
    """An optional "More about..." part of a topic, listed in its contents after the core pages.

    The core (``Topic.pages``) is what a patient pages through in a waiting room; a section holds
    what only some patients want (rare causes, background), so the core stays short.
    """

    model_config = ConfigDict(json_schema_extra={
        "description": "An optional 'More about...' section: its own pages, listed in the topic's contents "
        "after the core pages, for what only some patients want to read."})

    title: Text = Field(description="Its line in the topic's contents, e.g. 'More about causes'.")
    pages: list[Page] = Field(
        min_length=1, max_length=MAX_PAGES,
        description="The section's pages, written like the topic's own: a heading and a body each.",
    )


class Review(ReviewBehaviour, Strict):
    """Who checked a topic for this kiosk, when, and whether that was a clinician's sign-off."""

    status: ReviewStatus = Field(description="'draft' until a clinician has reviewed it, then 'reviewed'.")
    by: Text = Field(description="A named role or person, e.g. 'Clinic nurse educator'.")
    on: dt.date = Field(description="The day of that review or check, YYYY-MM-DD.")



class RedFlag(Strict):
    """A symptom that needs help now, and what the person should do about it."""

    symptom: Text = Field(description="Plain words, as a patient would say it.")
    action: Text = Field(description="What to do now, e.g. 'Tell the front desk now.'")


class GlossaryEntry(Strict):
    term: Text = Field(description="A word a patient may not know, as it is written on the pages.")
    meaning: Text = Field(description="What it means, in plain words.")


class Source(Strict):
    title: Text = Field(description="The title of the page or leaflet the facts come from.")
    publisher: Text = Field(description="Who published it, e.g. 'MedlinePlus (U.S. National Library of Medicine)'.")
    link: OptionalText | None = Field(default=None, description="Its web address, when it has one.")
    reviewer: OptionalText | None = Field(default=None, description="The medical reviewer the source names, if any.")
    reviewed_on: dt.date | None = Field(
        default=None, description="The day the source says it was last reviewed, YYYY-MM-DD, if it says."
    )


class Choice(Strict):
    """One answer on the keypad.

    ``next`` overrides where the flow goes after this answer (single-choice questions only).
    ``emergency`` marks a red flag: choosing it ends the flow at the emergency page at once.
    ``exclusive`` (multi-choice) clears every other choice, as "None of these" should.
    """

    model_config = ConfigDict(json_schema_extra={
        "description": "One answer to a question, on its own keypad digit."})

    id: Identifier = Field(
        description="A short name for this answer: lower-case words joined by hyphens, e.g. 'calf-foot'. "
        "Different for each answer of a question, and the same in every translation."
    )
    label: Text = Field(description="The answer as the patient reads it, next to its keypad digit.")
    summary: Text = Field(
        description="A short phrase for the provider's summary when this answer is chosen, e.g. 'calf and foot'."
    )
    next: Identifier | None = Field(
        default=None,
        description="The id of the question to go to after this answer, or 'end' to finish; leave it out to "
        "go on as the question does. Only for answers of a 'single' question.",
    )
    emergency: bool = Field(
        default=False,
        description="true for a danger sign: choosing it stops the questions and shows the emergency page at once.",
    )
    exclusive: bool = Field(
        default=False,
        description="true for an answer like 'None of these' on a 'multi' question: ticking it clears the others.",
    )


class Question(QuestionBehaviour, Strict):
    id: Identifier = Field(
        description="A short name for this question: lower-case words joined by hyphens, e.g. 'where'. "
        "Other questions and answers name it in 'next'; the same in every translation."
    )
    prompt: Text = Field(description="The question as the patient reads it.")
    help: OptionalText | None = Field(
        default=None, description="An optional line under the question that helps to answer it."
    )
    kind: QuestionKind = Field(
        default=QuestionKind.SINGLE,
        description="'single': one answer, and the questions go on at once. "
        "'multi': the patient ticks any number of answers, then Done.",
    )
    summary_label: Text = Field(
        description="The name of this answer in the provider's summary, e.g. 'Where it hurts'."
    )
    choices: list[Choice] = Field(
        min_length=1,
        description="The answers, one keypad digit each: at most 9, counting Not sure, Skip and a 'multi' "
        "question's Done.",
    )
    required: bool = Field(
        default=True,
        description="For a 'multi' question: true refuses Done with nothing ticked; false lets the patient go on.",
    )
    allow_not_sure: bool = Field(default=False, description="true adds a 'Not sure' answer.")
    allow_skip: bool = Field(default=False, description="true adds a 'Skip' answer, to leave the question unanswered.")
    next: Identifier | None = Field(
        default=None,
        description="The id of the question that comes after this one, or 'end' to finish; "
        "leave it out to go to the next question in the list.",
    )


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


class Flow(FlowBehaviour, Strict):
    """The guided questions of a topic: red flags first, then what the provider will ask."""

    title: Text = Field(description="The heading of the questions, e.g. 'Questions about your spasms'.")
    intro: Text = Field(
        description="What the patient reads before the first question: why they are asked, and that "
        "the answers go to their provider."
    )
    questions: list[Question] = Field(
        min_length=1, max_length=MAX_QUESTIONS,
        description="The questions, in the order they are asked; danger-sign questions first.",
    )



class Topic(TopicBehaviour, Strict):
    """A topic in one language. A translation has the same ``id`` and another ``language``."""

    model_config = ConfigDict(json_schema_extra={
        "description": "A topic in one language. A translation is a second file with the same id and "
        "another language."})

    id: Identifier = Field(
        description="The topic's short name: lower-case words joined by hyphens, e.g. 'muscle-spasms'. "
        "The file is named after it (muscle-spasms.yaml), and a translation keeps it (muscle-spasms.es.yaml)."
    )
    language: LanguageCode = Field(
        default="en",
        description="The language this file is written in, e.g. 'en' or 'es'; a translation's file name "
        "ends in the same code, e.g. muscle-spasms.es.yaml.",
    )
    title: Text = Field(description="The topic's name, on the home screen and at the top of its screens.")
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
    red_flags: list[RedFlag] = Field(
        min_length=1, max_length=MAX_RED_FLAGS,
        description="The danger signs of this topic, listed on its emergency page: each a symptom and what to do.",
    )
    flow: Flow | None = Field(
        default=None, description="Optional questions the patient can answer, for a summary to give their provider."
    )
    glossary: list[GlossaryEntry] = Field(
        default_factory=list, max_length=MAX_GLOSSARY,
        description="'Words to know': the hard words of the pages, each with its meaning.",
    )
    sources: list[Source] = Field(
        min_length=1, max_length=MAX_SOURCES,
        description="Where the facts come from: at least one trusted source, shown under 'About this topic'.",
    )
    review: Review = Field(
        description="Who checked this topic for the clinic and when; patients are told while it is a draft."
    )
    enabled: bool = Field(
        default=True, description="false hides the topic from patients without deleting its file."
    )

