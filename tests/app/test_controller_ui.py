"""The app wired to the controller: whole-settings reloads, speech failures for
staff, recovery in the reset group, and the Textual internals the kiosk leans on."""

from __future__ import annotations

import asyncio
import shutil

import pytest
from textual.app import App

from kiosk.content.loader import load_library
from kiosk.ui.app import KioskApp
from kiosk.ui.screens.home import HomeScreen
from tests.app.screen_text import screen_text
from tests.app.waits import settle
from tests.conftest import CONTENT

SIZE = (80, 24)


@pytest.fixture
def content_copy(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder, ignore=shutil.ignore_patterns("var"))
    return folder


async def test_an_idle_setting_edited_while_running_is_what_home_says_and_does(make_app, content_copy):
    """A reload once told staff the content was live while home still said 90 seconds."""
    app = make_app(load_library(content_copy).library, watch_content=True)
    async with app.run_test(size=SIZE) as pilot:
        assert "90 seconds" in screen_text(app)
        settings = content_copy / "kiosk.yaml"
        settings.write_text(settings.read_text().replace("timeout_seconds: 90", "timeout_seconds: 33"))
        worker = app.load_content_worker()
        await worker.wait()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "33 seconds" in screen_text(app)
        assert app.idle.timeout_seconds == 33


async def test_speech_failures_reach_the_staff_report(make_app):
    """SpeechService.on_error was once never connected: a failing engine was invisible to staff."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.speech.on_error is not None
        await asyncio.to_thread(app.speech.on_error, "speech unavailable: no player")  # the engine's thread
        await settle(pilot)
        assert app.speech_failures == ["speech unavailable: no player"]


async def test_recovery_runs_in_the_reset_group_so_it_cannot_race_an_idle_reset(make_app):
    """Recovery was once a bare create_task beside the reset workers, free to race them."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        app.recover_from_error(RuntimeError("boom"))
        assert [w.group for w in app.workers if not w.is_finished] == ["reset"]
        app._start_reset()  # the idle poll's reset, at the same moment
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
        assert list(app._modes) == [app.mode_name]  # one visit's mode, no leftovers


def test_the_textual_internals_the_kiosk_overrides_still_exist():
    """The kiosk overrides Textual's exception hook; if a Textual upgrade renames what it relies
    on, this fails instead of a patient seeing a traceback (the behaviour tests are in
    test_locked.py)."""
    assert callable(getattr(App, "_handle_exception", None))
    assert callable(getattr(App, "_close_messages_no_wait", None))
    assert "_return_code" in App().__dict__
    assert "_driver" in App().__dict__  # on_event asks whether the driver governed a key already
    import inspect

    ours = inspect.signature(KioskApp.run_action).parameters
    theirs = inspect.signature(App.run_action).parameters
    assert list(ours) == list(theirs)  # `namespaces` was once dropped


async def test_run_action_with_namespaces_works(make_app):
    """KioskApp.run_action once dropped Textual's `namespaces` parameter: a widget calling it
    raised TypeError."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        done = await app.run_action("app.go_home", None, {"app": app})
        await pilot.pause()
        assert done is True or done is False
        assert isinstance(app.screen, HomeScreen)


async def test_the_staff_sequence_started_by_one_person_is_gone_for_the_next(make_app):
    """Keys of the staff sequence once survived a reset, kept on the app, not on the visit."""
    from kiosk.ui.screens.staff_pin import PinPadScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("0", "minus", "0", "minus")
        app._start_reset()
        await settle(pilot)
        await pilot.press("0")
        await pilot.pause()
        assert not isinstance(app.screen, PinPadScreen)
        await asyncio.sleep(0)
