"""The way back from the app to its screens: the app posts a :mod:`kiosk.ui.changes` message
to the screen it concerns, and the screen redraws from it. Each test asserts the message that
was posted, to which screen, and what the screen then shows; the last one reads ``kiosk/ui``
and finds no ``hasattr``/``getattr`` into a screen."""

from __future__ import annotations

import ast

import pytest
from textual.message import Message
from textual.widgets import Static

import kiosk.desk.cups as cups
from kiosk.desk.cups import PRINT_DONE_MESSAGE, PrintResult, QueueState, QueueStatus
from kiosk.ui import changes
from kiosk.ui.app import IDLE_POLL_SECONDS
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.sound import SoundScreen
from kiosk.ui.screens.staff_menu import StaffScreen
from kiosk.ui.screens.staff_topics import StaffTopicsScreen
from kiosk.ui.screens.still_there import StillThereScreen
from kiosk.ui.screens.summary import SummaryScreen
from kiosk.ui.widgets.speech_state import SpeechState
from kiosk.words import ui_words as W
from kiosk.words.i18n import tr
from tests.app.screen_text import screen_text
from tests.app.test_staff_ui import open_pin_pad, open_staff, type_pin, with_pin
from tests.app.waits import settle
from tests.conftest import ROOT, tuned
from tests.printing.test_print_ui import to_summary

SIZE = (80, 24)


@pytest.fixture
def posted(monkeypatch) -> list[tuple[KioskScreen, changes.Change]]:
    """Every change message posted to a kiosk screen, with the screen it went to."""
    seen: list[tuple[KioskScreen, changes.Change]] = []
    post = KioskScreen.post_message

    def recording(screen: KioskScreen, message: Message) -> bool:
        if isinstance(message, changes.Change):
            seen.append((screen, message))
        return post(screen, message)

    monkeypatch.setattr(KioskScreen, "post_message", recording)
    return seen


def of_kind(posted, kind: type[changes.Change]) -> list[tuple[KioskScreen, changes.Change]]:
    return [(screen, message) for screen, message in posted if isinstance(message, kind)]


async def test_speech_turned_on_reaches_every_screen_of_the_stack_and_each_redraws(make_app, posted):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("full_stop")  # the sound menu, over home
        await pilot.pause()
        sound = app.screen
        assert isinstance(sound, SoundScreen)
        assert W.SPEECH_ON in [item.label for item in sound.choices.items]
        posted.clear()
        await pilot.press("slash")
        await settle(pilot)
        told = of_kind(posted, changes.SpeechChanged)
        assert {id(screen) for screen, _ in told} == {id(home), id(sound)}
        assert all(change == changes.SpeechChanged(on=True, missing=False) for _, change in told)
        # each screen drew it: the sign by both titles, the menu's own toggle, home's hint
        for screen in (home, sound):
            assert screen.query_one(SpeechState).on
        assert tr("en", W.SPEECH_ON_SIGN) in screen_text(app)
        assert W.SPEECH_OFF in [item.label for item in sound.choices.items]
        assert str(home.query_one("#speech-hint", Static).render()) == W.SPEECH_ON_HINT
        await pilot.press("escape")
        await pilot.pause()
        assert W.SPEECH_ON_HINT in screen_text(app)


async def test_a_sound_control_reaches_the_sound_menu_which_draws_and_says_the_new_step(make_app, posted):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "full_stop")  # speech on: the new step is heard
        await pilot.pause()
        sound = app.screen
        assert isinstance(sound, SoundScreen)
        total = len(app.speech.settings.rate_steps)
        before = app.speech.rate_step
        await pilot.press("3")  # faster
        await settle(pilot)
        assert of_kind(posted, changes.SoundChanged) == [(sound, changes.SoundChanged("rate_up"))]
        assert app.speech.rate_step == before + 1
        speed = f"Speed {before + 2} of {total}."
        assert speed in str(sound.query_one("#sound-state", Static).render())
        assert any(speed in text for text in app.speech.texts)  # said in the new setting


async def test_a_topic_switched_by_staff_reaches_the_topics_screen(make_app, library, posted, tmp_path):
    topic = library.topics[0]
    app = make_app(tuned(with_pin(library), data_dir=tmp_path / "data"))
    async with app.run_test(size=SIZE) as pilot:
        await open_staff(pilot)
        await pilot.press("2")
        await pilot.pause()
        topics = app.screen
        assert isinstance(topics, StaffTopicsScreen)
        await pilot.press("1")
        await settle(pilot)
        [(screen, change)] = of_kind(posted, changes.TopicSwitched)
        assert screen is topics and change.topic_id == topic.id and not change.shown
        assert f"[ ] {topic.title}" in screen_text(app)
        assert f"{topic.title}: off." in screen_text(app)


async def test_content_checked_reaches_the_staff_menu_which_reports_it(make_app, library, posted):
    app = make_app(with_pin(library))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")  # speech on: the verdict is heard
        await open_staff(pilot)
        staff = app.screen
        assert isinstance(staff, StaffScreen)
        await pilot.press("1")  # reload the content now
        await settle(pilot)
        [(screen, change)] = of_kind(posted, changes.ContentChecked)
        assert screen is staff and isinstance(change, changes.ContentChecked) and change.result.ok
        assert "Content is good." in app.speech.texts
        assert "Checking the content..." not in screen_text(app)


class FakeCups:
    """A print queue that is ready: the summary offers printing without a CUPS server."""

    def __init__(self, **_: object) -> None:
        pass

    def state(self, queue: str | None) -> QueueState:
        return QueueState(queue, QueueStatus.READY)


async def test_the_printer_check_and_the_print_reach_the_summary_which_shows_them(make_app, library, posted,
                                                                                monkeypatch):
    monkeypatch.setattr(cups, "Cups", FakeCups)
    monkeypatch.setattr(cups, "print_slip", lambda slip, printing: PrintResult(True))
    app = make_app(tuned(library, printing=library.settings.printing.model_copy(update={"printer": "Fake"})))
    async with app.run_test(size=SIZE) as pilot:
        await to_summary(pilot)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        [(screen, checked)] = of_kind(posted, changes.PrinterChecked)
        assert screen is summary and isinstance(checked, changes.PrinterChecked) and checked.state.can_print
        assert W.PRINT in [item.label for item in summary.choices.items]  # offered because of it
        await pilot.press("5")
        await settle(pilot)
        assert of_kind(posted, changes.Printed) == [(summary, changes.Printed(True, PRINT_DONE_MESSAGE))]
        assert PRINT_DONE_MESSAGE in screen_text(app)


async def test_a_refused_pin_reaches_the_pin_pad_which_says_why(make_app, library, posted):
    app = make_app(with_pin(library))
    async with app.run_test(size=SIZE) as pilot:
        await open_pin_pad(pilot)
        pad = app.screen
        await type_pin(pilot, "1111")
        [(screen, change)] = of_kind(posted, changes.PinRefused)
        assert screen is pad and isinstance(change, changes.PinRefused) and change.result.attempts_left == 4
        assert "Wrong PIN. 4 tries left." in screen_text(app)


async def until(pilot, condition, what: str, rounds: int = 100) -> None:
    """Pause until ``condition()`` holds (the idle poll runs on a timer of the app's own)."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(IDLE_POLL_SECONDS)
    raise AssertionError(f"never happened: {what}")


async def test_the_idle_countdown_reaches_the_are_you_still_there_screen(make_app, library, clock, posted):
    app = make_app()
    timeout = library.settings.idle.timeout_seconds
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        clock.advance(timeout + 1)
        await until(pilot, lambda: isinstance(app.screen, StillThereScreen), "the warning")
        warning = app.screen
        first = warning.seconds_left
        clock.advance(3)
        await until(pilot, lambda: of_kind(posted, changes.IdleCountdown), "a countdown message")
        screen, change = of_kind(posted, changes.IdleCountdown)[-1]
        assert screen is warning and isinstance(change, changes.IdleCountdown) and change.seconds_left < first
        await until(pilot, lambda: warning.seconds_left == change.seconds_left, "the countdown drawn")
        assert f"{change.seconds_left} seconds" in screen_text(app)


# --------------------------------------------------------------------------- the source


UI = ROOT / "kiosk" / "ui"


def screen_reaches(relative: str, source: str) -> list[str]:
    """The ``hasattr(...)``/``getattr(...)`` calls of one file of ``kiosk/ui`` that reach into a
    screen: any in a screen or a widget, and any elsewhere whose target names a screen."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("hasattr", "getattr"):
            target = ast.unparse(node.args[0]) if node.args else ""
            if relative.startswith(("screens/", "widgets/")) or "screen" in target.lower():
                found.append(f"{relative}:{node.lineno}: {node.func.id}({target}, ...)")
    return found


def test_no_hasattr_or_getattr_reaches_into_a_screen():
    """Screens and widgets reach the app through ``KioskScreen.kiosk_app`` and are told of
    changes by messages: no screen or widget asks what an object has, and the app never asks
    what a screen can do."""
    found = [reach for path in sorted(UI.rglob("*.py"))
             for reach in screen_reaches(path.relative_to(UI).as_posix(), path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_source_check_finds_the_old_way():
    """The check reads calls, not words: the app's old reach into a screen is found, and so is
    a widget's into its app; a getattr on something else in the app is not."""
    assert screen_reaches("app.py", 'if hasattr(self.screen, "print_done"):\n    pass\n') == [
        'app.py:1: hasattr(self.screen, ...)']
    assert screen_reaches("widgets/speech_state.py", 'on = getattr(self.app, "speech_on", False)\n') == [
        'widgets/speech_state.py:1: getattr(self.app, ...)']
    assert screen_reaches("launch.py", 'log = getattr(args, "speech_log", None)\n') == []
