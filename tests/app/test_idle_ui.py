"""Inactivity warning and reset on screen (K-T1, K-T2, K-P1, K-S6, K-S12).

The clock is a FakeClock moved by the test; the app's idle poll runs on a real timer, so each
test waits a little over one poll interval after moving the clock.
"""

from __future__ import annotations

from textual.widgets import Static

from kiosk.speech.recording import RecordingSpeech
from kiosk.ui.app import IDLE_POLL_SECONDS
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.still_there import StillThereScreen
from kiosk.ui.screens.summary import SummaryScreen
from tests.app.flow_driver import answer_all_by_keypad
from tests.app.screen_text import screen_text

SIZE = (80, 24)
TIMEOUT, WARNING = 90, 30


async def wait_poll(pilot) -> None:
    await pilot.pause(IDLE_POLL_SECONDS * 2.5)


async def test_warning_counts_down_then_resets_to_home(make_app, clock):
    """K-T1: a warning with a countdown, shown and spoken, then the reset."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.speech.set_enabled(True)
        await pilot.press("1")
        await pilot.pause()
        clock.advance(TIMEOUT * 2 + 1)  # speech mode doubles the timeout
        await wait_poll(pilot)
        assert isinstance(app.screen, StillThereScreen)
        text = screen_text(app)
        assert "Are you still there?" in text and "seconds" in text
        assert "Tell the front desk now" in text  # the banner stays (K-V6)
        assert any("Are you still there?" in t for t in app.speech.texts)
        clock.advance(WARNING)
        await wait_poll(pilot)
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1


async def test_any_key_continues_again_and_again(make_app, clock):
    """K-T1: continuing is allowed as many times as the person needs."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        topic_screen = app.screen
        for _ in range(10):
            clock.advance(TIMEOUT + 1)
            await wait_poll(pilot)
            assert isinstance(app.screen, StillThereScreen)
            await pilot.press("5")
            await wait_poll(pilot)
            assert app.screen is topic_screen
        assert app.visit.topic_views  # never reset


async def test_a_touch_continues_too(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        clock.advance(TIMEOUT + 1)
        await wait_poll(pilot)
        assert isinstance(app.screen, StillThereScreen)
        await pilot.click("#countdown")
        await wait_poll(pilot)
        assert not isinstance(app.screen, StillThereScreen)


async def test_speech_that_is_reading_holds_off_the_warning(make_app, library, clock):
    """K-T2: while the kiosk reads aloud, the person is using it."""
    speech = RecordingSpeech(library.settings.speech, hold=True)
    app = make_app(speech=speech)
    async with app.run_test(size=SIZE) as pilot:
        speech.set_enabled(True)
        await pilot.press("1")
        await pilot.pause()
        assert speech.busy
        for _ in range(5):
            clock.advance(TIMEOUT * 2)
            await wait_poll(pilot)
            assert not isinstance(app.screen, StillThereScreen)
        speech.finish()
        clock.advance(TIMEOUT * 2 + 1)
        await wait_poll(pilot)
        assert isinstance(app.screen, StillThereScreen)


async def test_reset_wipes_everything_the_last_person_did(make_app, clock):
    """K-P1: answers, screens, summary, speech settings: all back to a fresh start."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        speech = app.speech
        defaults = (speech.enabled, speech.rate_step, speech.volume_step, speech.language)
        first_visit = app.visit
        await pilot.press("slash")  # speech on
        await pilot.press("full_stop", "3", "3", "5", "0")  # faster twice, louder, back
        assert (speech.rate_step, speech.volume_step) != defaults[1:3]
        await pilot.press("1", "1", "1", "0")  # read a topic
        await pilot.press("1", "3", "1")  # the topic, its questions, start them
        await answer_all_by_keypad(pilot)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        session = app.visit.flow
        answers = [line.text for line in session.summary_lines()]
        clock.advance(TIMEOUT * 2 + WARNING * 2 + 2)
        await wait_poll(pilot)
        clock.advance(WARNING + 1)
        await wait_poll(pilot)
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
        assert app.visit is not first_visit and app.visit.flow is None and not app.visit.topic_views
        assert (speech.enabled, speech.rate_step, speech.volume_step, speech.language) == defaults
        remembered = " ".join(u.text for u in speech.last_screen)
        assert speech.last_item is None and remembered.startswith(app.library.settings.clinic_name)
        # answers of a word or two ("no", "none") are words home says too, as in the check below
        assert not any(answer in remembered for answer in answers if len(answer) > 4)
        assert app.theme == "kiosk-high-contrast"
        # no answer text in any widget of any screen still mounted
        shown = " ".join(str(w.render()) for screen in app.screen_stack for w in screen.query(Static))
        assert not any(answer in shown for answer in answers if len(answer) > 4)
        assert len(app._modes) == 1  # the old visit's mode is gone


async def test_the_emergency_page_resets_after_the_same_warning(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("asterisk")
        clock.advance(TIMEOUT + 1)
        await wait_poll(pilot)
        assert isinstance(app.screen, StillThereScreen)
        clock.advance(WARNING + 1)
        await wait_poll(pilot)
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1


async def test_finish_on_home_is_the_same_wipe(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "1", "0")
        first = app.visit
        await pilot.press("9")
        await pilot.pause()
        await pilot.pause()
        assert app.visit is not first and not app.speech.enabled
        assert isinstance(app.screen, HomeScreen)


async def test_home_says_how_long_the_kiosk_waits(make_app):
    """K-T1: the attract screen states the wait."""
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert "90 seconds" in screen_text(app).replace("\n", " ")


async def test_start_up_is_a_reset(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.mode_name == "visit-1" and isinstance(app.screen, HomeScreen)
        assert app.speech.enabled is app.library.settings.speech.enabled_at_start


async def test_mouse_movement_scroll_and_paste_count_as_use(make_app, clock):
    """K-T1: every kind of input continues: not only keys and clicks."""
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        for event in (
            events.MouseMove(None, 5, 5, 0, 0, 0, False, False, False),
            events.MouseScrollDown(None, 5, 5, 0, 0, 0, False, False, False),
            events.Paste("x"),
        ):
            clock.advance(TIMEOUT + 1)
            await wait_poll(pilot)
            assert isinstance(app.screen, StillThereScreen)
            app.post_message(event)
            await wait_poll(pilot)
            assert not isinstance(app.screen, StillThereScreen), type(event).__name__
