"""An untouched kiosk stays on home: no warning, no reset, no count. It once cycled between home
and "Are you still there?" for ever, counting a reset each time."""

from __future__ import annotations

from kiosk.ui.app import IDLE_POLL_SECONDS
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.still_there import StillThereScreen, countdown_words
from kiosk.visit.usage import UsageEvent


async def test_untouched_home_never_warns_nor_counts_a_reset_K_T1(make_app, clock):
    app = make_app(idle_timeout=2, warning_seconds=2)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(10):
            clock.advance(3)
            await pilot.pause(IDLE_POLL_SECONDS * 2)
            assert isinstance(app.screen, HomeScreen)
        assert app.usage.totals().get(UsageEvent.RESET, 0) == 0
        await pilot.press("down")  # someone is here
        clock.advance(3)
        await pilot.pause(IDLE_POLL_SECONDS * 2)
        assert isinstance(app.screen, StillThereScreen)
        clock.advance(3)
        await pilot.pause(IDLE_POLL_SECONDS * 3)
        assert isinstance(app.screen, HomeScreen)
        assert app.usage.totals().get(UsageEvent.RESET, 0) == 1
        for _ in range(5):  # nobody again after the reset
            clock.advance(3)
            await pilot.pause(IDLE_POLL_SECONDS * 2)
            assert isinstance(app.screen, HomeScreen)
        assert app.usage.totals().get(UsageEvent.RESET, 0) == 1


def test_one_second_is_singular():
    assert countdown_words(1) == "The screen will clear in 1 second."


def test_home_says_1_second_not_1_seconds():
    from kiosk.ui.screens.home import _wait_words

    assert _wait_words(1) == "1 second" and _wait_words(30) == "30 seconds"


async def test_home_says_so_when_every_topic_is_switched_off(make_app):
    from kiosk.words.ui_words import NO_TOPICS
    from tests.app.screen_text import screen_text

    app = make_app()
    app.controller.disabled_topics.update(t.id for t in app.controller.library.topics)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert NO_TOPICS in " ".join(screen_text(app).split())
        assert NO_TOPICS in app.speech.last_screen[1].text
