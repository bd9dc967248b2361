"""Key floods and `* . * .` never stack screens without bound or bury the kiosk."""

from __future__ import annotations

from kiosk.host.clock import FakeClock
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.visit.key_governor import KeyGovernor

SIZE = (40, 12)


async def test_a_flood_of_keys_is_dropped_before_it_changes_screens(make_app):
    clock = FakeClock()  # the governor's clock stands still: every key comes at once
    governor = KeyGovernor(clock=clock)
    app = make_app(governor=governor)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*(["asterisk", "full_stop", "1", "enter"] * 100))
        await pilot.pause()
        assert governor.dropped >= 390
        assert len(app.screen_stack) <= 4
        clock.advance(1.0)  # a second later a person presses a key: it is taken
        await pilot.press("asterisk")
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)
        assert "Tell the front desk now" in " ".join(app.screen.speech_script())


async def test_a_paste_is_never_typed_anywhere(make_app):
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(events.Paste("1" * 100_000))
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_home_is_taken_at_once_after_a_flood_whatever_the_governor_says(make_app):
    """Found by the tmux soak: a Home key right behind a 1,000-key burst was dropped with the
    flood. Keys that only go back or home are never dropped: cheap, bounded, and the way out."""
    clock = FakeClock()  # the bucket stays empty: nothing else would be taken now
    governor = KeyGovernor(clock=clock)
    app = make_app(governor=governor)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*(["asterisk", "full_stop"] * 50))
        await pilot.pause()
        await pilot.press("escape", "escape", "escape")  # the stack is bounded: at most three
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
