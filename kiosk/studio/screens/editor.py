"""The editor: a topic file's YAML, checked by the kiosk's own content path as staff type.

Left, the file (for a translation, its original beside it, read-only, so the two languages sit
side by side); right, every problem as ``line: field: what is wrong`` (choosing one puts the
cursor on its line) and how hard each page reads, in the topic's own language. Checks run a
moment after typing stops (:data:`CHECK_DELAY`), in a worker. ctrl+s saves: a text that does
not load is kept as a draft beside the file, which keeps its last good text
(:meth:`kiosk.studio.workspace.Workspace.save`).

YAML colours need tree-sitter (``textual[syntax]``); without it the text is plain.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from kiosk.content.model import Problem, Severity
from kiosk.studio.field_help import field_help
from kiosk.studio.reading import PageReading, page_readings
from kiosk.studio.workspace import Check, Saved, Workspace, topic_id_of, topic_in
from kiosk.words.plain_text import escape_controls

#: Seconds of no typing before the text is checked again.
CHECK_DELAY = 0.6


def yaml_language(area: TextArea) -> str | None:
    """"yaml" when this Textual can colour YAML (tree-sitter installed), else None: plain text."""
    return "yaml" if "yaml" in area.available_languages else None


def problem_line(problem: Problem, own_file: str) -> str:
    """``12: pages[2].body: message`` for the file being edited; other files keep their name."""
    tag = "warning: " if problem.severity is Severity.WARNING else ""
    where = str(problem.line or "-")
    if problem.file != own_file:  # the topic's other language, or the settings: named by file
        where = Path(problem.file).name + (f":{problem.line}" if problem.line else "")
    return escape_controls(f"{where}: {problem.field}: {tag}{problem.message}")


@dataclass(frozen=True)
class Checked:
    check: Check
    readings: list[PageReading]


class EditorScreen(Screen):
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save"),
        Binding("f5", "preview", "Preview"),
        Binding("f6", "check_now", "Check now"),
        Binding("f9", "discard_draft", "Discard draft"),
        Binding("escape", "back", "Library", priority=True),
    ]

    def __init__(self, space: Workspace, name: str) -> None:
        super().__init__()
        self.space = space
        self.file_name = name
        self.last_check: Check | None = None
        self._timer: Timer | None = None
        self._problems: list[Problem] = []

    @property
    def own_file(self) -> str:
        return str(self.space.path(self.file_name))

    @property
    def is_translation(self) -> bool:
        return self.file_name.count(".") == 2

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="editor-row"):
            if self.is_translation:
                original = self.space.path(f"{topic_id_of(self.file_name)}.yaml")
                text = original.read_text(encoding="utf-8") if original.is_file() else ""
                side = TextArea(text, read_only=True, id="original", show_line_numbers=True)
                side.border_title = f"{original.name} (original, read-only)"
                yield side
            area = TextArea(self.space.read(self.file_name), id="editor", show_line_numbers=True)
            area.border_title = self.file_name + (" (draft)" if self.space.has_draft(self.file_name) else "")
            yield area
            with Vertical(id="editor-side"):
                yield Static("Problems", classes="side-title")
                yield OptionList(id="problems")
                yield Static("", id="field-help")
                yield Static("How hard each page reads", classes="side-title")
                yield Static("", id="readings")
        yield Static("", id="editor-status")
        yield Footer()

    def on_mount(self) -> None:
        for area in self.query(TextArea):
            area.language = yaml_language(area)
        self.query_one("#editor", TextArea).focus()
        self.action_check_now()

    @property
    def text(self) -> str:
        return self.query_one("#editor", TextArea).text

    @on(TextArea.SelectionChanged, "#editor")
    def _cursor_moved(self, event: TextArea.SelectionChanged) -> None:
        """What the field under the cursor is for, in the schema's own words."""
        row = event.selection.end[0]
        about = field_help(event.text_area.text.splitlines(), row)
        self.query_one("#field-help", Static).update(Text(about or ""))

    # --- checking as staff type ----------------------------------------------------------
    @on(TextArea.Changed, "#editor")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(CHECK_DELAY, self.action_check_now)

    def action_check_now(self) -> None:
        self._check(self.text)

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def _check(self, text: str) -> Checked:
        check = self.space.check(self.file_name, text)
        readings: list[PageReading] = []
        if check.library is not None:
            topic = topic_in(check.library, self.file_name)
            readings = page_readings(topic) if topic is not None else []
        return Checked(check, readings)

    @on(Worker.StateChanged)
    def _worker_done(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.state is WorkerState.ERROR:
            self._status(f"Could not check or save: {worker.error}")
            return
        if worker.state is not WorkerState.SUCCESS:
            return
        result = worker.result
        if isinstance(result, Checked):
            self._show(result)
        elif isinstance(result, Saved):
            self._saved(result)

    def _show(self, checked: Checked) -> None:
        self.last_check = checked.check
        self._problems = checked.check.problems
        problems = self.query_one("#problems", OptionList)
        problems.clear_options()
        if self._problems:
            problems.add_options(Option(Text(problem_line(p, self.own_file)), id=str(i))
                                 for i, p in enumerate(self._problems))
        else:
            problems.add_option(Option("No problems: the kiosk would load this file.", disabled=True))
        errors = len(checked.check.errors)
        warnings = len(self._problems) - errors
        self._status(f"{errors} error(s), {warnings} warning(s). "
                     + ("It loads: ctrl+s saves it." if checked.check.loads
                        else "It does not load yet: ctrl+s keeps it as a draft."))
        self.query_one("#readings", Static).update(Text(
            "\n".join(f"{r.page}. {r.heading[:30]}: {r.score} ({r.words} words)" for r in checked.readings)
            or "Shown once the file loads."))

    def _status(self, text: str) -> None:
        self.query_one("#editor-status", Static).update(Text(text))

    @on(OptionList.OptionSelected, "#problems")
    def _go_to_problem(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        problem = self._problems[int(event.option.id)]
        if problem.file != self.own_file or not problem.line:
            return
        area = self.query_one("#editor", TextArea)
        line = min(problem.line, area.document.line_count) - 1
        area.cursor_location = (line, len(area.document.get_line(line)) - len(area.document.get_line(line).lstrip()))
        area.scroll_cursor_visible(center=True)
        area.focus()

    # --- saving --------------------------------------------------------------------------
    def action_save(self) -> None:
        self._save(self.text)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _save(self, text: str) -> Saved:
        return self.space.save(self.file_name, text)

    def _saved(self, saved: Saved) -> None:
        area = self.query_one("#editor", TextArea)
        if saved.written:
            area.border_title = self.file_name
            self.notify(f"Saved {self.file_name}. Publish from the library to put it on the kiosk.", markup=False)
        else:
            area.border_title = self.file_name + " (draft)"
            self.notify(f"Not saved: the kiosk would refuse it ({len(saved.check.errors)} error(s)). "
                        f"Your text is kept as a draft ({saved.path.name}) until it loads.",
                        severity="warning", timeout=8, markup=False)
        self._show(Checked(saved.check, []))
        self.action_check_now()

    def action_discard_draft(self) -> None:
        """Back to the last saved text: the draft beside the file is deleted."""
        if not self.space.has_draft(self.file_name):
            self.notify("There is no draft: the text is the saved file.", markup=False)
            return
        self.space.draft_path(self.file_name).unlink(missing_ok=True)
        saved = self.space.path(self.file_name)
        if not saved.is_file():  # a translation that never loaded: nothing is left of it
            self.notify(f"Draft discarded; {self.file_name} was never saved, so it is gone.", markup=False)
            self.dismiss()
            return
        area = self.query_one("#editor", TextArea)
        area.load_text(saved.read_text(encoding="utf-8"))
        area.border_title = self.file_name
        self.notify(f"Draft discarded: {self.file_name} is back to its last saved text.", markup=False)

    def action_preview(self) -> None:
        from kiosk.studio.app import StudioApp

        assert isinstance(self.app, StudioApp)
        self.app.open_preview(self.file_name, self.text)

    def action_back(self) -> None:
        """Back to the library; changed text is saved first (as a draft if it does not load),
        so nothing typed is lost by leaving."""
        if self.text != self.space.read(self.file_name):
            saved = self.space.save(self.file_name, self.text)
            self.app.notify(markup=False, message=f"Saved {self.file_name}." if saved.written else
                            f"Kept your changes to {self.file_name} as a draft: it does not load yet.")
        self.dismiss()
