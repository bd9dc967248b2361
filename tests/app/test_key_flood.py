"""`* . * .` must not stack screens without bound (the reproduction).

``*`` opens the emergency page and ``.`` the sound menu from any screen; each used to push a
new screen unless the same one was on top, so alternating them stacked screens for ever (600
keys: hundreds of screens, 29 s of CPU, RSS 56 -> 354 MB). Here, through Pilot and with no
timing: 200 keys alternating ``*`` and ``.``; after every key the stack holds the emergency
page and the sound menu at most once each; afterwards Escape (and 0) reach home in a bounded
number of presses.

It failed on the code before the fix (the reproduction); the stack is now bounded by
``KioskApp._back_to``.
"""

from __future__ import annotations

from collections import Counter

import pytest

from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.sound import SoundScreen

# 200 keys, each followed by a look at the stack (which Pilot's press has already let settle):
# Pilot's idle wait may poll sooner.
pytestmark = pytest.mark.usefixtures("quick_idle_poll")

SIZE = (80, 24)
KEYS = 200  # `* . * . ...`: 100 of each, alternating
#: From the deepest bounded stack (home, emergency, sound, plus one screen the flood began on)
#: back home: a few presses, never one per key of the flood.
MAX_BACK_PRESSES = 4


def _stack(app) -> list[str]:
    return [type(screen).__name__ for screen in app.screen_stack]


def _assert_bounded(app, where: str) -> None:
    counts = Counter(type(screen) for screen in app.screen_stack)
    assert counts[EmergencyScreen] <= 1 and counts[SoundScreen] <= 1, (
        f"{where}: the stack holds {counts[EmergencyScreen]} emergency pages and {counts[SoundScreen]} "
        f"sound menus ({len(app.screen_stack)} screens: {_stack(app)[:6]} ...)")


@pytest.mark.parametrize("back_key", ["escape", pytest.param("0", marks=pytest.mark.exhaustive)])
async def test_star_dot_flood_keeps_the_stack_bounded_and_home_reachable(make_app, back_key):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        for n in range(KEYS):
            key = "asterisk" if n % 2 == 0 else "full_stop"
            await pilot.press(key)
            _assert_bounded(app, f"after key {n + 1} ({key})")
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen | SoundScreen), _stack(app)
        for _ in range(MAX_BACK_PRESSES):
            await pilot.press(back_key)
            await pilot.pause()
            if len(app.screen_stack) == 1 and isinstance(app.screen, HomeScreen):
                break
        assert len(app.screen_stack) == 1 and isinstance(app.screen, HomeScreen), (
            f"{MAX_BACK_PRESSES} presses of {back_key} did not reach home: {_stack(app)[:6]} "
            f"({len(app.screen_stack)} screens)")
