"""Every screen in Spanish at every kiosk size: Spanish runs about a fifth longer than English,
and nothing may be cut off (issue 14; K-V1, K-V4, K-V6). The same checks as test_layouts.py,
on a visit switched to Spanish with home's language key, the way a patient does it."""

from __future__ import annotations

import pytest

from tests.app.flow_driver import answer_all_by_keypad
from tests.app.test_layouts import SCREENS, SIZES, check_screen


async def in_spanish(pilot) -> None:
    await pilot.pause()
    await pilot.press("8")  # "Español: oprima 8"
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert pilot.app.visit.language == "es"


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", list(SCREENS))
async def test_spanish_screen_is_complete_at_every_kiosk_size(make_app, size, name):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await in_spanish(pilot)
        for key in SCREENS[name]:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        if name == "multi-question":
            assert app.screen.session.current.kind == "multi"
        check_screen(app, *size)


@pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])
async def test_spanish_review_and_summary_are_complete(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await in_spanish(pilot)
        await pilot.press("1", "3", "1")
        await answer_all_by_keypad(pilot)
        check_screen(app, *size)  # review
        await pilot.press("1")
        await pilot.pause()
        check_screen(app, *size)  # summary, with the English block for the provider
