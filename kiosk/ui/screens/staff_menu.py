"""StaffScreen: what staff do once the PIN is right.

Each choice writes its result in the pane below the choices: reload the content, topics on or
off, test speech, content warnings (with reading grades), usage counts, leave, and quit the
kiosk for maintenance. The words come from :mod:`kiosk.content.staff_report` (pure); the content is
loaded by the app's one content worker. Nothing here touches patient data (K-P2).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from kiosk.content import staff_report
from kiosk.ui import changes, intents
from kiosk.ui.screens.staff_mode import StaffModeScreen
from kiosk.ui.screens.staff_topics import StaffTopicsScreen
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList
from kiosk.ui.widgets.safe_text import SafeText

RELOAD, TOPICS, SPEECH, WARNINGS, USAGE, LEAVE, QUIT, PRINTER = (
    "=reload", "=topics", "=speech", "=warnings", "=usage", "=leave", "=quit", "=printer")
STAFF_ACTIONS = [
    ("1", "Reload content now", RELOAD),
    ("2", "Topics on or off", TOPICS),
    ("3", "Test speech", SPEECH),
    ("4", "Content warnings", WARNINGS),
    ("5", "Usage counts (7 days)", USAGE),
    ("6", "Leave staff mode", LEAVE),
    ("7", "Quit the kiosk", QUIT),
    ("8", "Printer and front desk", PRINTER),
]
QUIT_CONFIRM = "Press 7 again to quit the kiosk. Any other choice cancels."
SPEECH_TEST = staff_report.SPEECH_TEST


class StaffScreen(StaffModeScreen):
    """The staff menu and its result pane."""

    heading = "Staff mode"
    BINDINGS: ClassVar = [
        # priority: the focused choice list would otherwise scroll itself
        Binding("pagedown", "scroll_result(1)", "Scroll down", show=False, priority=True),
        Binding("pageup", "scroll_result(-1)", "Scroll up", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__(name="staff")
        self.result = "Choose what to do. Staff mode closes by itself when not used."
        self._quit_armed = False
        self._waiting_for: str | None = None  # RELOAD or WARNINGS while the content worker runs

    def compose_body(self) -> ComposeResult:
        yield ChoiceList([ChoiceItem(k, label, value) for k, label, value in STAFF_ACTIONS], id="choices")
        with VerticalScroll(id="staff-result-box"):
            yield SafeText(self.result, id="staff-result")

    def body_speech(self) -> list[str]:
        return [self.result]

    def show_result(self, text: str, *, speak: bool = True) -> None:
        self.result = text
        self.query_one("#staff-result", Static).update(text)
        self.query_one("#staff-result-box", VerticalScroll).scroll_home(animate=False)
        if speak:
            self.say(text)

    def action_scroll_result(self, step: int) -> None:
        box = self.query_one("#staff-result-box", VerticalScroll)
        box.scroll_to(y=box.scroll_y + step * max(1, box.size.height - 1), animate=False)

    # --- state, as the pure report words it ---------------------------------------------
    def status(self) -> staff_report.ContentStatus:
        controller = self.controller
        return staff_report.content_status(controller.library, controller.pending, controller.reload_problems)

    def warnings(self, grades=(), *, grading: bool = False) -> str:
        controller = self.controller
        return staff_report.warnings_report(
            self.status(), grades=grades, grade_limit=self.settings.max_reading_grade,
            errors=controller.errors, usage_error=controller.usage.last_error, grading=grading,
            drafts=staff_report.draft_lines(controller.library.topics))

    def chosen(self, item: ChoiceItem) -> None:
        if item.value != QUIT:
            self._quit_armed = False
        if item.value == RELOAD:
            self._waiting_for = RELOAD
            self.show_result("Checking the content...", speak=False)
            self.post_message(intents.ReloadContent())
        elif item.value == TOPICS:
            self.app.push_screen(StaffTopicsScreen())
        elif item.value == SPEECH:
            self.test_speech()
        elif item.value == WARNINGS:
            self._waiting_for = WARNINGS
            self.show_result(self.warnings(grading=True), speak=False)
            self.post_message(intents.ReloadContent(grade=True))
        elif item.value == USAGE:
            self.show_result(staff_report.usage_report(self.controller.usage.rows(7)), speak=False)
        elif item.value == PRINTER:
            self.show_result(self.printing_text(None), speak=False)
            self.post_message(intents.CheckPrinter())
        elif item.value == LEAVE:
            self.leave()
        elif item.value == QUIT:
            if self._quit_armed:
                self.post_message(intents.QuitForMaintenance())
            else:
                self._quit_armed = True
                self.show_result(QUIT_CONFIRM)

    @on(changes.ContentChecked)
    def content_checked(self, change: changes.ContentChecked) -> None:
        """The app's content worker finished (after the controller took the result)."""
        result = change.result
        waiting, self._waiting_for = self._waiting_for, None
        if waiting == WARNINGS:
            grades = result.library.grades if result.library is not None else ()
            self.show_result(self.warnings(grades), speak=False)
        elif waiting == RELOAD:
            self.show_result(staff_report.reload_report(self.status()), speak=False)
            self.say("Content is good." if result.ok else f"Content refused: {len(result.errors)} error(s).")

    def printing_text(self, queue_text: str | None) -> str:
        settings = self.settings
        return staff_report.printing_report(
            printer=settings.printing.printer, queue_text=queue_text,
            last_error=self.controller.last_print_error, alert_command=settings.alert.command)

    @on(changes.PrinterChecked)
    def printer_state(self, change: changes.PrinterChecked) -> None:
        """The app's queue check finished (off the UI thread)."""
        self.show_result(self.printing_text(change.state.staff_text()), speak=False)

    # --- speech -------------------------------------------------------------------------
    def test_speech(self) -> None:
        self.post_message(intents.Speak([SPEECH_TEST], private=True))  # even when speech is off for patients
        self.show_result(self.speech_text(), speak=False)
        self.set_timer(1.5, self._refresh_speech_status)  # the engine may finish starting meanwhile

    def speech_text(self) -> str:
        speech = self.kiosk_app.speech
        return staff_report.speech_report(
            status=speech.status, voices=dict(speech.settings.voices), installed=speech.installed_voices(),
            enabled=speech.enabled, failures=self.kiosk_app.speech_failures)

    def _refresh_speech_status(self) -> None:
        if self.result.startswith("Speech test:"):
            self.show_result(self.speech_text(), speak=False)
