"""Waiting in Pilot tests for what the kiosk does after a key, rather than for a fixed time."""

from __future__ import annotations


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers (content loads, resets, prints) finish and the screen redraw: a worker's
    result can start another (a reset's fresh home), so a few rounds."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
