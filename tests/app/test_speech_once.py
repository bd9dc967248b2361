"""A screen is handed to speech once, not twice (the second hand-over
cut the first and left a scrap of its next sentence)."""

from __future__ import annotations

import pytest

from kiosk.ui import intents


def count_screen_speech(app) -> list[list[str]]:
    """Every whole screen handed to speech from now on, as its sentences."""
    calls: list[list[str]] = []
    original = app.speech.speak

    def counting(items, **kw):
        if kw.get("screen", True):
            calls.append([u.text for u in items])
        return original(items, **kw)

    app.speech.speak = counting
    return calls

@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
@pytest.mark.parametrize("intent", ["topic", "flow"])
async def test_a_new_screen_is_handed_to_speech_once(make_app, size, intent):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")  # speech on, as a listener would
        await pilot.pause()
        before = len(app.speech.spoken)
        calls = count_screen_speech(app)
        message = intents.OpenTopic("muscle-spasms") if intent == "topic" else intents.StartFlow("muscle-spasms")
        app.post_message(message)
        for _ in range(6):
            await pilot.pause(0.05)
        assert len(calls) == 1, calls
        assert len(app.speech.spoken) > before


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_the_emergency_page_is_handed_to_speech_once_and_again_on_a_second_star(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        calls = count_screen_speech(app)
        await pilot.press("asterisk")
        for _ in range(6):
            await pilot.pause(0.05)
        assert len(calls) == 1, calls
        await pilot.press("asterisk")  # pressed again: said again
        await pilot.pause()
        assert len(calls) == 2
