"""What a sighted or touch user sees of keys and choices: ``+`` and ``-`` show something with
speech off, and at 200x60 a list keeps a readable width. K-V4, K-S3, K-I1."""

from __future__ import annotations

import pytest

from tests.app.screen_text import screen_text


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("key", ["plus", "minus"])
async def test_plus_and_minus_with_speech_off_say_so_on_screen_K_S3_K_V6(make_app, key):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("1")  # not home, where - also starts the staff sequence
        await settle(pilot)
        assert not app.speech.enabled
        await pilot.press(key)
        for _ in range(50):  # the toast is mounted after the next refresh
            await settle(pilot)
            if app.screen.query("Toast"):
                break
        shown = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert shown == ["Speech is off. To hear this screen, press / (slash)."], (shown, screen_text(app))
        banner = app.screen.query_one("#emergency-banner").region
        assert not app.screen.query_one("Toast").region.overlaps(banner)  # never over the banner (K-V6)


@pytest.mark.parametrize("keys", [[], ["1"], ["1", "2"]], ids=["home", "topic start", "contents"])
async def test_choices_keep_a_readable_width_at_200x60_K_V4(make_app, keys):
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        row = next(r for r in app.screen.choices.query(".choice") if r.has_class("-highlighted"))
        assert row.region.width <= 72, row.region
