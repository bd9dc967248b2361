"""Forms for a new file: a new topic (id, title, group, language) and a new translation.

Staff forms, not patient screens, so Textual's own inputs are fine here. Each writes a file that
loads as written (:mod:`kiosk.studio.skeleton`) and then opens it in the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from kiosk.words.language_names import own_name

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass(frozen=True)
class NewTopic:
    topic_id: str
    title: str
    group: str | None
    language: str


def form_problem(topic_id: str, title: str, taken: set[str]) -> str | None:
    """Why the form cannot be used as filled in, in plain words; None when it can."""
    if not _ID.fullmatch(topic_id):
        return "The id must be lower-case words joined by hyphens, like leg-cramps (no spaces)."
    if len(topic_id) > 60:
        return "The id must be at most 60 characters."
    if topic_id in taken:
        return f"There is already a topic '{topic_id}': choose another id, or open it from the list."
    if not title.strip():
        return "Write the title patients will see."
    return None


class NewTopicScreen(ModalScreen[NewTopic | None]):
    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, languages: list[str], taken: set[str]) -> None:
        super().__init__()
        self.languages = languages
        self.taken = taken

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static("New topic", classes="form-title")
            yield Label("Id (lower-case words joined by hyphens, e.g. leg-cramps)")
            yield Input(id="new-id", placeholder="leg-cramps", restrict=r"[a-z0-9-]*", max_length=60, compact=True)
            yield Label("Title patients see")
            yield Input(id="new-title", placeholder="Leg cramps", compact=True)
            yield Label("Group on home (may stay empty)")
            yield Input(id="new-group", placeholder="Muscles and bones", compact=True)
            yield Label("Language")
            yield Select([(f"{own_name(code) or code} ({code})", code) for code in self.languages],
                         value=self.languages[0], allow_blank=False, id="new-language", compact=True)
            yield Static("", id="form-message")
            with Horizontal(classes="form-buttons"):
                yield Button("Create", variant="primary", id="create", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    @on(Button.Pressed, "#create")
    @on(Input.Submitted)
    def _create(self) -> None:
        topic_id = self.query_one("#new-id", Input).value.strip()
        title = self.query_one("#new-title", Input).value.strip()
        problem = form_problem(topic_id, title, self.taken)
        if problem:
            self.query_one("#form-message", Static).update(Text(problem))
            return
        group = self.query_one("#new-group", Input).value.strip() or None
        language = str(self.query_one("#new-language", Select).value)
        self.dismiss(NewTopic(topic_id, title, group, language))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class TranslateScreen(ModalScreen[str | None]):
    """Which language to add to a topic: one of those the kiosk offers that it lacks."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, topic_id: str, missing: list[str]) -> None:
        super().__init__()
        self.topic_id = topic_id
        self.missing = missing

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(Text(f"Add a translation of {self.topic_id}"), classes="form-title")
            yield Static("The new file copies every page, question and answer, each marked [untranslated].",
                         markup=False)
            yield Select([(f"{own_name(code) or code} ({code})", code) for code in self.missing],
                         value=self.missing[0], allow_blank=False, id="translate-language",
                         compact=True)
            with Horizontal(classes="form-buttons"):
                yield Button("Add", variant="primary", id="add", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    @on(Button.Pressed, "#add")
    def _add(self) -> None:
        self.dismiss(str(self.query_one("#translate-language", Select).value))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
