"""Staff mode: the PIN pad, the staff screen and the topics on/off list.

Reached only by the hidden key sequence on home (``settings.staff.entry_keys``, kept by the
app) and then the PIN. Owns what staff see and do here: reload the content, switch topics on
or off (saved to ``<data dir>/disabled-topics.txt``), test speech, read the content warnings
and the usage counts, leave, and quit the kiosk for maintenance. Staff screens close by
themselves after ``settings.staff.idle_seconds`` with no input.

It must never show, speak, log or store a PIN (K-P2): the digits typed live only in
:attr:`PinPadScreen._pin` until Enter, are drawn as dots, and are never spoken one by one. It
never touches patient data: usage is shown as the per-day counters, nothing finer.

Keys on the PIN pad (digits are PIN input there, so 0 is not Back): digits = PIN,
Enter = OK (with nothing typed: leave, so a numeric keypad alone gets out), Backspace = delete
the last digit, Escape = leave. The on-screen pad can be touched or clicked too.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Static

from kiosk.staff import GateStatus
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList

if TYPE_CHECKING:
    from kiosk.loader import Library, LoadResult

__all__ = [
    "DISABLED_TOPICS_FILE",
    "PinPadScreen",
    "StaffScreen",
    "StaffTopicsScreen",
    "disabled_topics_path",
    "load_disabled_topics",
    "save_disabled_topics",
]

DISABLED_TOPICS_FILE = "disabled-topics.txt"
PIN_MAX = 8
PIN_DOT = "•"
SPEECH_TEST = "This is a speech test."
#: How often a staff screen checks whether staff walked away.
STAFF_IDLE_POLL = 0.5
#: Input that means staff are still at the kiosk.
STAFF_INPUT = (events.Key, events.MouseDown, events.Click, events.MouseScrollDown, events.MouseScrollUp)
_TOPIC_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


# --------------------------------------------------------------------------- disabled topics


def disabled_topics_path(library: Library) -> Path:
    from kiosk.settings import data_folder

    return data_folder(library.root, library.settings.data_dir) / DISABLED_TOPICS_FILE


def load_disabled_topics(library: Library) -> set[str]:
    """Topic ids staff switched off, one per line; a missing or unreadable file means none."""
    try:
        text = disabled_topics_path(library).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    ids = (line.strip() for line in text.splitlines())
    return {i for i in ids if i and not i.startswith("#") and _TOPIC_ID.fullmatch(i)}


def save_disabled_topics(library: Library, topic_ids: set[str]) -> str | None:
    """Write the list atomically; None when saved, else why not (the kiosk goes on either way)."""
    path = disabled_topics_path(library)
    text = "# Topics switched off in staff mode, one id a line. Written by the kiosk.\n"
    text += "".join(f"{i}\n" for i in sorted(topic_ids))
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
        return None
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return f"{path}: {exc.strerror or exc}"


# --------------------------------------------------------------------------- shared by staff screens


class StaffModeScreen(KioskScreen):
    """A staff screen: closes by itself after ``staff.idle_seconds`` with no input."""

    def on_mount(self) -> None:
        self._last_input = self.kiosk.clock()
        self._leaving = False
        self.set_interval(STAFF_IDLE_POLL, self._poll_staff_idle, name="staff-idle")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, STAFF_INPUT):
            self._last_input = self.kiosk.clock()
        await super().on_event(event)

    def on_screen_resume(self) -> None:
        self._last_input = self.kiosk.clock()  # back from a sub-screen: a fresh wait
        super().on_screen_resume()

    def _poll_staff_idle(self) -> None:
        if self._leaving or self.app.screen is not self:
            return  # leaving already, or a sub-screen (or the app's own warning) is on top
        idle = self.kiosk.library.settings.staff.idle_seconds
        if self.kiosk.clock() - self._last_input >= idle:
            self._leaving = True  # once: a second reset would cancel the first
            leave_staff_mode(self)

    def action_back(self) -> None:
        leave_staff_mode(self)


def leave_staff_mode(screen: KioskScreen) -> None:
    """Back to a fresh home: new content and topic changes show, nothing of staff mode stays."""
    app = screen.kiosk
    app.run_worker(app.reset_visit(count=False), exclusive=True, group="reset")


# --------------------------------------------------------------------------- PIN pad


class PadKey(Static):
    """One key of the on-screen PIN pad; a touch or click presses it."""

    def __init__(self, label: str, value: str) -> None:
        super().__init__(label, classes="pad-key", markup=False)
        self.value = value

    def on_click(self, event: events.Click) -> None:
        event.stop()
        screen = self.screen
        if isinstance(screen, PinPadScreen):
            screen.press(self.value)


PAD_LAYOUT = [("7", "7"), ("8", "8"), ("9", "9"), ("4", "4"), ("5", "5"), ("6", "6"),
              ("1", "1"), ("2", "2"), ("3", "3"), ("Del", "delete"), ("0", "0"), ("OK", "submit")]


class PinPadScreen(KioskScreen):
    """The staff PIN: typed as dots, checked by :class:`kiosk.staff.StaffGate`, never spoken."""

    heading = "Staff PIN"
    BINDINGS: ClassVar = [
        Binding("enter", "submit", "OK", show=False),
        Binding("backspace", "delete", "Delete", show=False),
        Binding("escape", "leave", "Leave", show=False),
    ]
    PROMPT = "Type the staff PIN, then press Enter."
    KEYS_HELP = "Enter: OK (nothing typed: leave). Backspace: delete. Escape: leave."

    def __init__(self) -> None:
        super().__init__(name="staff-pin")
        self._pin = ""
        self.message = ""

    @property
    def pin_set(self) -> bool:
        return bool(self.kiosk.staff_gate.pin_hash)

    def no_pin_lines(self) -> list[str]:
        return ["No staff PIN is set.", f"Set a PIN with: kiosk set-pin --content {self.kiosk.library.root}"]

    def compose_body(self) -> ComposeResult:
        if not self.pin_set:
            for line in self.no_pin_lines():
                yield Static(line, classes="lead", markup=False)
            yield ChoiceList([ChoiceItem("0", "Back", "=back")], id="choices")
            return
        locked = self.kiosk.staff_gate.locked_seconds_left()
        if locked:
            self.message = locked_words(locked)
        yield Static(self.PROMPT, classes="lead", markup=False)
        yield Static(self.dots, id="pin-dots", markup=False)
        yield Static(self.message, id="pin-message", classes="" if self.message else "-empty", markup=False)
        with Grid(id="pin-pad"):
            for label, value in PAD_LAYOUT:
                yield PadKey(label, value)
        yield Static(self.KEYS_HELP, id="pin-keys", classes="note", markup=False)

    @property
    def dots(self) -> str:
        return "PIN: " + (PIN_DOT * len(self._pin) if self._pin else "_")

    def body_speech(self) -> list[str]:
        """Never the digits, only the instructions and the last result (K-P2)."""
        if not self.pin_set:
            return self.no_pin_lines()
        lines = [self.PROMPT, self.KEYS_HELP]
        return [self.message, *lines] if self.message else lines

    # --- input --------------------------------------------------------------------------
    def action_digit(self, key: str) -> None:
        if not self.pin_set:
            super().action_digit(key)  # only "0 Back" there
            return
        self.press(key)

    def action_submit(self) -> None:
        if self.pin_set:
            self.press("submit")
        else:
            self.action_leave()

    def action_delete(self) -> None:
        if self.pin_set:
            self.press("delete")
        else:
            self.action_leave()

    def action_leave(self) -> None:
        self._pin = ""
        self.kiosk.go_back()

    def action_back(self) -> None:
        self.action_leave()

    def chosen(self, item: ChoiceItem) -> None:
        self.action_leave()

    def press(self, value: str) -> None:
        """A key of the pad, from the keyboard or the screen."""
        if value == "submit":
            self._submit()  # draws its own result, or leaves
            return
        if value == "delete":
            if self._pin:
                self._pin = self._pin[:-1]
            else:
                self.kiosk.refuse_key("delete")
        elif value.isdigit() and len(value) == 1:
            if len(self._pin) < PIN_MAX:
                self._pin += value
            else:
                self.kiosk.refuse_key("full")
        self._show()

    def _submit(self) -> None:
        if not self._pin:
            self.action_leave()  # a way out from a numeric keypad alone (no Escape key there)
            return
        pin, self._pin = self._pin, ""  # dropped from the screen before it is checked
        result = self.kiosk.staff_gate.try_pin(pin)
        del pin
        if result.ok:
            self.app.switch_screen(StaffScreen())
            return
        if result.status is GateStatus.LOCKED:
            self.message = locked_words(result.seconds_left)
        elif result.status is GateStatus.NO_PIN_SET:  # the hash went away with a reload
            self.message = " ".join(self.no_pin_lines())
        else:
            tries = "try" if result.attempts_left == 1 else "tries"
            self.message = f"Wrong PIN. {result.attempts_left} {tries} left."
        self._show()
        self.kiosk.say_item(self.message)

    def _show(self) -> None:
        self.query_one("#pin-dots", Static).update(self.dots)
        message = self.query_one("#pin-message", Static)
        message.update(self.message)
        message.set_class(not self.message, "-empty")


def locked_words(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return f"Staff entry is locked after too many wrong PINs. Try again in {minutes} minute{'s' if minutes != 1 else ''}."


# --------------------------------------------------------------------------- staff screen

RELOAD, TOPICS, SPEECH, WARNINGS, USAGE, LEAVE, QUIT = (
    "=reload", "=topics", "=speech", "=warnings", "=usage", "=leave", "=quit")
STAFF_ACTIONS = [
    ("1", "Reload content now", RELOAD),
    ("2", "Topics on or off", TOPICS),
    ("3", "Test speech", SPEECH),
    ("4", "Content warnings", WARNINGS),
    ("5", "Usage counts (7 days)", USAGE),
    ("6", "Leave staff mode", LEAVE),
    ("7", "Quit the kiosk", QUIT),
]
QUIT_CONFIRM = "Press 7 again to quit the kiosk. Any other choice cancels."


class StaffScreen(StaffModeScreen):
    """What staff do: each choice writes its result in the pane below the choices."""

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

    def compose_body(self) -> ComposeResult:
        yield ChoiceList([ChoiceItem(k, label, value) for k, label, value in STAFF_ACTIONS], id="choices")
        with VerticalScroll(id="staff-result-box"):
            yield Static(self.result, id="staff-result", markup=False)

    def body_speech(self) -> list[str]:
        return [self.result]

    def show_result(self, text: str, *, speak: bool = True) -> None:
        self.result = text
        self.query_one("#staff-result", Static).update(text)
        self.query_one("#staff-result-box", VerticalScroll).scroll_home(animate=False)
        if speak:
            self.kiosk.say_item(text)

    def action_scroll_result(self, step: int) -> None:
        box = self.query_one("#staff-result-box", VerticalScroll)
        box.scroll_to(y=box.scroll_y + step * max(1, box.size.height - 1), animate=False)

    def chosen(self, item: ChoiceItem) -> None:
        if item.value != QUIT:
            self._quit_armed = False
        if item.value == RELOAD:
            self.reload_content()
        elif item.value == TOPICS:
            self.app.push_screen(StaffTopicsScreen())
        elif item.value == SPEECH:
            self.test_speech()
        elif item.value == WARNINGS:
            self.show_result(warnings_text(self.kiosk) + "\nChecking reading levels...", speak=False)
            self.run_worker(self._grade_content, thread=True, exclusive=True, group="staff-grades")
        elif item.value == USAGE:
            self.show_result(usage_text(self.kiosk), speak=False)
        elif item.value == LEAVE:
            leave_staff_mode(self)
        elif item.value == QUIT:
            if self._quit_armed:
                self.kiosk.quit_for_maintenance()
            else:
                self._quit_armed = True
                self.show_result(QUIT_CONFIRM)

    # --- reload -------------------------------------------------------------------------
    def reload_content(self) -> None:
        """Load and check the content folder off the UI thread, then offer it to the app.

        Good content waits in ``app.pending_library`` and goes live when staff leave (a fresh
        home); broken content is refused and its problems are listed here.
        """
        self.show_result("Checking the content...", speak=False)
        self.run_worker(self._load_content, thread=True, exclusive=True, group="staff-reload")

    def _load_content(self) -> None:
        from kiosk.loader import load_library

        try:
            result = load_library(self.kiosk.library.root)
        except Exception as exc:  # noqa: BLE001 - a checker bug must not end staff mode
            self.app.call_from_thread(self._load_failed, exc)
            return
        self.app.call_from_thread(self._content_loaded, result)

    def _grade_content(self) -> None:
        """Reading grades need the pronouncing dictionary, which the running kiosk does not
        load; grade on request, off the UI thread (K-C1)."""
        from kiosk.loader import load_library

        try:
            result = load_library(self.kiosk.library.root)
            grades = result.library.grades if result.ok else ()
        except Exception as exc:  # noqa: BLE001 - a checker bug must not end staff mode
            self.app.call_from_thread(self._load_failed, exc)
            return
        self.app.call_from_thread(lambda: self.show_result(warnings_text(self.kiosk, grades), speak=False))

    def _load_failed(self, exc: Exception) -> None:
        self.kiosk.errors.append(f"content check failed: {type(exc).__name__}: {exc}")
        self.show_result(f"The content could not be checked: {type(exc).__name__}: {exc}. "
                         "The kiosk keeps its last good content.")

    def _content_loaded(self, result: LoadResult) -> None:
        self.kiosk.offer_library(result)
        self.show_result(reload_text(result), speak=False)
        self.kiosk.say_item("Content is good." if result.ok else f"Content refused: {len(result.errors)} error(s).")

    # --- speech -------------------------------------------------------------------------
    def test_speech(self) -> None:
        speech = self.kiosk.speech
        speech.speak(speech.utter(SPEECH_TEST), screen=False, force=True)  # even when speech is off for patients
        self.show_result(speech_text(self.kiosk), speak=False)
        self.set_timer(1.5, self._refresh_speech_status)  # the engine may finish starting meanwhile

    def _refresh_speech_status(self) -> None:
        if self.result.startswith("Speech test:"):
            self.show_result(speech_text(self.kiosk), speak=False)


def reload_text(result: LoadResult) -> str:
    if result.ok:
        lines = [f"OK: {result.library.summary_line()}",
                 "The new content shows when you leave staff mode (6)."]
        lines += [str(p) for p in result.warnings]
        return "\n".join(lines)
    lines = [f"Refused: {len(result.errors)} error(s), {len(result.warnings)} warning(s). "
             "Patients still see the last good content. Fix these, then reload:"]
    lines += [str(p) for p in result.errors]
    return "\n".join(lines)


def installed_voices_line(ids: list[str]) -> str:
    """How many voices the engine has, and those for the languages a clinic is likely to set."""
    if not ids:
        return "Installed voices: not known yet (the engine has not started, or there is none)."
    wanted = [i for i in ids if i.split("/")[-1].split("-")[0] in ("en", "es")]
    return f"Installed voices: {len(ids)}, e.g. {', '.join(sorted(wanted)[:8])}"


def speech_text(app) -> str:
    speech = app.speech
    voices = ", ".join(f"{lang}: {voice}" for lang, voice in sorted(speech.settings.voices.items())) or "none"
    on = "on" if speech.enabled else "off"
    return "\n".join([
        f"Speech test: said \"{SPEECH_TEST}\"",
        f"Engine: {speech.status}",
        f"Voices set in kiosk.yaml: {voices}",
        installed_voices_line(speech.installed_voices()),
        f"Speech for patients is {on} now (press / to switch).",
    ])


def warnings_text(app, grades=None) -> str:
    library = app.library
    settings = library.settings
    lines: list[str] = []
    if app.reload_problems:
        lines.append(f"Last reload refused, {len(app.reload_problems)} problem(s):")
        lines += [str(p) for p in app.reload_problems]
    if app.pending_library is not None:
        lines.append("New content is ready; it shows when you leave staff mode.")
    lines.append(f"Content now shown: {library.summary_line()}")
    grades = library.grades if grades is None else grades
    if grades:
        lines.append(f"Reading grades (aim at or below {settings.max_reading_grade:g}):")
        for grade in grades:
            flag = "  TOO HARD" if grade.grade > settings.max_reading_grade else ""
            lines.append(f"  {grade.topic_id} ({grade.language}): grade {grade.grade:.1f}, SMOG {grade.smog:.1f}{flag}")
    if library.warnings:
        lines.append(f"{len(library.warnings)} warning(s), e.g. overdue reviews:")
        lines += [str(p) for p in library.warnings]
    else:
        lines.append("No content warnings.")
    if app.errors:
        lines.append(f"{len(app.errors)} kiosk error(s) since start (details in the log):")
        lines += app.errors[-10:]
    if app.usage.last_error:
        lines.append(f"Usage counts: {app.usage.last_error}")
    return "\n".join(lines)


def usage_text(app, days: int = 7) -> str:
    rows = app.usage.rows(days)
    if not rows:
        return f"No usage counted in the last {days} days."
    totals: Counter[str] = Counter()
    for _day, event, _topic, n in rows:
        totals[event] += n
    lines = [f"Last {days} days, totals:"]
    lines += [f"  {event.replace('_', ' ')}: {n}" for event, n in sorted(totals.items())]
    lines.append("By day:")
    lines += [f"  {day}  {event.replace('_', ' ')}{' ' + topic if topic else ''}: {n}"
              for day, event, topic, n in rows]
    return "\n".join(lines)


# --------------------------------------------------------------------------- topics on/off


class StaffTopicsScreen(StaffModeScreen):
    """Every topic with [x] shown / [ ] hidden; a digit or Enter switches it (saved at once)."""

    heading = "Topics on or off"

    def __init__(self) -> None:
        super().__init__(name="staff-topics")
        self.note = "[x] = patients see it. Pick a topic to switch it."

    def topic_items(self) -> list[ChoiceItem]:
        seen: dict[str, str] = {}
        for topic in self.kiosk.library.topics:
            if topic.enabled and topic.id not in seen:
                seen[topic.id] = topic.title
        items = []
        for n, (topic_id, title) in enumerate(seen.items(), 1):
            key = str(n) if n <= 9 else ""
            items.append(ChoiceItem(key, title, topic_id, checked=topic_id not in self.kiosk.disabled_topics))
        items.append(ChoiceItem("0", "Back", "=back"))
        return items

    def compose_body(self) -> ComposeResult:
        yield Static(self.note, id="topics-note", classes="note", markup=False)
        yield ChoiceList(self.topic_items(), id="choices")

    def body_speech(self) -> list[str]:
        return [self.note]

    def action_back(self) -> None:
        self.app.pop_screen()

    def chosen(self, item: ChoiceItem) -> None:
        if item.value == "=back":
            self.app.pop_screen()
            return
        disabled = self.kiosk.disabled_topics
        if item.value in disabled:
            disabled.discard(item.value)
        else:
            disabled.add(item.value)
        shown = item.value not in disabled
        choices = self.choices
        index = choices.items.index(item)
        choices.replace_item(index, ChoiceItem(item.key, item.label, item.value, checked=shown))
        problem = save_disabled_topics(self.kiosk.library, disabled)
        state = "on" if shown else "off"
        self.note = f"{item.label}: {state}." + (f" Not saved for the next start: {problem}" if problem else "")
        self.query_one("#topics-note", Static).update(self.note)
        self.kiosk.say_item(self.note)
