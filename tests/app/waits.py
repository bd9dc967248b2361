"""Waiting in Pilot tests for what the kiosk does after a key, rather than for a fixed time."""

from __future__ import annotations


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers (content loads, resets, prints) finish and the screen redraw: a worker's
    result can start another (a reset's fresh home), so a few rounds."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until_still(pilot, rounds: int = 3, most: int = 60) -> None:
    """Until the screen has drawn the same text for ``rounds`` pauses in a row: a list that
    turns out not to fit adds its "More below" line a few refreshes after the screen shows."""
    from tests.app.screen_text import screen_text

    last, same = None, 0
    for _ in range(most):
        await settle(pilot, rounds=1)
        text = screen_text(pilot.app)
        same = same + 1 if text == last else 0
        if same >= rounds:
            return
        last = text
    raise AssertionError("the screen never stopped changing")
