"""An untouched kiosk costs nothing: no timer wakes it, and content changes come from the
kernel (inotify), not from looking at the folder every few seconds.

The content folder may be replaced whole by a rename (how releases are published), and a
half-saved file still never reaches a patient.
"""

from __future__ import annotations

import os
import shutil
import time

import pytest

from kiosk.host import inotify
from kiosk.ui.screens.home import HomeScreen
from tests.app.screen_text import screen_text
from tests.app.test_staff_ui import NEW_NAME, OLD_NAME, SIZE, edit, write_bytes
from tests.app.test_staff_ui import content_copy as content_copy  # the fixtures, shared
from tests.app.test_staff_ui import live_app as live_app
from tests.app.waits import settle

needs_inotify = pytest.mark.skipif(inotify.available() is not None, reason="no inotify on this machine")


def awake_timers(app) -> list[str]:
    """Names of the timers that will wake the app: running and not paused."""
    pumps = [app]
    for screen in app.screen_stack:
        pumps += list(screen.walk_children(with_self=True))
    return sorted(t.name for pump in pumps for t in list(pump._timers)
                  if t._task is not None and not t._task.done() and t._active.is_set())


async def wait_for(pilot, condition, seconds: float = 10.0) -> bool:
    """Let the app run until ``condition()`` holds (a deadline, not a sleep)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def test_an_untouched_kiosk_has_no_timer_awake(make_app):
    app = make_app(watch_content=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert await wait_for(pilot, lambda: awake_timers(app) == [])  # after the idle poll's first look


async def test_a_key_wakes_the_idle_poll_and_the_idle_reset_puts_it_back_to_sleep(make_app, clock):
    app = make_app(idle_timeout=10, warning_seconds=5)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        assert "idle-poll" in awake_timers(app)
        clock.advance(11)
        assert await wait_for(pilot, lambda: app.screen.__class__.__name__ == "StillThereScreen")
        clock.advance(6)
        assert await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
                              and not app.controller.idle.used)
        assert await wait_for(pilot, lambda: awake_timers(app) == [])


@needs_inotify
async def test_a_saved_edit_goes_live_with_nothing_polling(live_app, content_copy):
    app = live_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "content-poll" not in awake_timers(app)
        edit(content_copy / "kiosk.yaml", OLD_NAME, NEW_NAME)
        assert await wait_for(pilot, lambda: NEW_NAME in screen_text(app))


@needs_inotify
async def test_a_content_folder_replaced_whole_by_a_rename_goes_live(live_app, content_copy, tmp_path):
    app = live_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        release = tmp_path / "release-2"
        shutil.copytree(content_copy, release)
        edit(release / "kiosk.yaml", OLD_NAME, NEW_NAME)
        os.rename(content_copy, tmp_path / "release-1")
        os.rename(release, content_copy)
        assert await wait_for(pilot, lambda: NEW_NAME in screen_text(app))
        edit(content_copy / "kiosk.yaml", NEW_NAME, "Hillside Clinic")  # watched in the new folder too
        assert await wait_for(pilot, lambda: "Hillside Clinic" in screen_text(app))


@needs_inotify
async def test_a_half_saved_file_noticed_by_the_kernel_never_reaches_the_screen(live_app, content_copy):
    app = live_app()
    topic_file = content_copy / "topics" / "muscle-spasms.yaml"
    full = topic_file.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        title = app.library.topics[0].title
        write_bytes(topic_file, full[: len(full) // 2])
        assert await wait_for(pilot, lambda: any("muscle-spasms.yaml" in str(p) for p in app.reload_problems))
        assert title in screen_text(app) and app.pending_library is None
        assert f"\ntitle: {title}\n".encode() in full
        write_bytes(topic_file, full.replace(f"\ntitle: {title}\n".encode(), b"\ntitle: Cramps and spasms\n"))
        assert await wait_for(pilot, lambda: "Cramps and spasms" in screen_text(app) and not app.reload_problems)
