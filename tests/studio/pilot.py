"""Waiting in studio Pilot tests for what the studio does, never for a fixed time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.worker import WorkerCancelled, WorkerFailed

from kiosk.studio.app import StudioApp
from kiosk.studio.preview import KioskPreview
from tests.studio.conftest import TODAY


def make_studio(space, gate=None) -> StudioApp:
    app = StudioApp(space, gate=gate, today=lambda: TODAY)
    app.sub_title = "content"  # not the test's temporary path, so pictures stay the same
    app.animation_level = "none"
    return app


async def settle(pilot, rounds: int = 3) -> None:
    """Let the studio's workers finish (checks, saves, loads), but not a running preview's kiosk,
    which runs until its screen closes."""
    for _ in range(rounds):
        await pilot.pause()
        for worker in list(pilot.app.workers):
            if worker.group != "kiosk-preview" and not worker.is_finished:
                try:
                    await worker.wait()
                except (WorkerCancelled, WorkerFailed):
                    pass
    await pilot.pause()


async def until(pilot, condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.05)


async def preview_drawn(pilot) -> KioskPreview:
    """The preview's kiosk has drawn its screen after the last key."""
    preview = pilot.app.screen.query_one(KioskPreview)
    await until(pilot, lambda: preview.ready.is_set() and preview._keys.empty(), "the preview to draw")
    await pilot.pause()
    return preview


async def preview_press(pilot, *keys: str) -> KioskPreview:
    preview = pilot.app.screen.query_one(KioskPreview)
    for key in keys:
        preview.ready.clear()
        await pilot.press(key)
        await preview_drawn(pilot)
    return preview
