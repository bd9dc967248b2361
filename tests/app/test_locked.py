"""Locked kiosk mode: no key a patient can type leaves the app or shows a system screen."""

from __future__ import annotations

import asyncio

import pytest
from textual import events

from kiosk.ui.screens.home import HomeScreen

ESCAPE_KEYS = ["ctrl+c", "ctrl+q", "ctrl+z", "ctrl+backslash", "ctrl+p", "f1", "ctrl+d", "escape",
               "ctrl+w", "ctrl+s", "tab", "shift+tab", "ctrl+l", "f10", "backspace", "0"]


@pytest.mark.parametrize("key", ESCAPE_KEYS)
async def test_quit_suspend_and_palette_keys_do_nothing_on_home(make_app, key):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 1  # no palette, help panel or system screen


async def test_no_command_palette_and_no_inherited_quit_bindings(make_app):
    app = make_app()
    assert app.use_command_palette is False
    keys = set(app._bindings.key_to_bindings)  # the active key map
    assert "ctrl+c" not in keys


async def test_preview_mode_lets_staff_quit_with_ctrl_q(make_app):
    app = make_app(dev=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_a_failing_screen_returns_home_with_an_apology_not_a_traceback(make_app, monkeypatch):
    """An unexpected error in a screen: home, a short apology, logged for staff."""
    from kiosk.ui.screens.topic import TopicScreen

    def broken(self, item):
        raise RuntimeError("content bug")

    monkeypatch.setattr(TopicScreen, "extra_chosen", broken)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "1")  # the topic's first screen, read from the start
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        await pilot.press("0")  # Home -> extra_chosen raises
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
        assert any("content bug" in e for e in app.errors)
        assert any("Sorry" in str(n.message) for n in app._notifications)


async def test_a_failing_key_action_also_recovers(make_app, monkeypatch):
    from kiosk.ui.app import KioskApp

    def broken(self):
        raise ValueError("broken action")

    monkeypatch.setattr(KioskApp, "action_sound_menu", broken)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "full_stop")
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)
        assert any("broken action" in e for e in app.errors)


async def test_an_error_that_keeps_coming_back_restarts_the_kiosk_quietly(make_app, monkeypatch):
    """A fault in a timer recurs by itself: after a few recoveries the kiosk exits with the
    restart code and no traceback for the terminal; the launcher starts a fresh kiosk."""
    from kiosk.host import exit_codes
    from kiosk.ui.app import MAX_RECOVERIES, KioskApp

    def broken(self):
        raise RuntimeError("idle poll bug")

    monkeypatch.setattr(KioskApp, "_poll_idle", broken)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(2.0)
    assert app.return_code == exit_codes.RESTART
    assert len([e for e in app.errors if "idle poll bug" in e]) == MAX_RECOVERIES + 1
    assert app._exit_renderables == []  # nothing to print over the screen


async def test_a_failure_in_the_apps_own_loop_exits_quietly_for_a_restart(make_app, monkeypatch):
    """An error in the app's own event handling cannot be recovered in place."""
    from kiosk.host import exit_codes
    from kiosk.visit.idle import IdlePolicy

    def broken(self):
        raise RuntimeError("input bug")

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(IdlePolicy, "touch", broken)
        app.post_message(events.Key("down", None))  # not pilot.press: it waits on the loop that dies
        for _ in range(50):
            await asyncio.sleep(0.05)
            if app._exit or app.return_code is not None:
                break
    assert app.return_code == exit_codes.RESTART
    assert any("input bug" in e for e in app.errors)
    assert app._exit_renderables == []
