"""Every screen at every kiosk size: complete, banner and highlight in view (K-V1, K-V4, K-V6).

K-V1: usable at 40x12 cells up to 200x60. K-V4: no sideways scrolling, body lines under about
60 characters. K-V6: the emergency banner in the same place on every screen, never covering
the highlighted choice.
"""

from __future__ import annotations

import pytest
from textual.widget import Widget

from kiosk.ui.widgets.choice_list import ChoiceList
from kiosk.ui.widgets.page_view import PageView
from kiosk.words.page_layout import MAX_MEASURE
from tests.app.flow_driver import answer_all_by_keypad

SIZES = [(40, 12), (60, 20), (80, 24), (120, 40), (200, 60)]
#: The kiosk sizes every screen is checked at in `make check`; the sizes between them run in
#: `make test` (``exhaustive``): a layout that holds at both ends and at 80x24 rarely breaks between.
CHECK_SIZES = [(40, 12), (80, 24), (200, 60)]
SIZE_PARAMS = [pytest.param(size, id=f"{size[0]}x{size[1]}",
                            marks=() if size in CHECK_SIZES else pytest.mark.exhaustive) for size in SIZES]
SCREENS = {
    "home": [],
    "topic-start": ["1"],
    "topic": ["1", "1"],
    "contents": ["1", "2"],
    "words": ["1", "5"],
    "about": ["1", "6"],
    "topic-danger-signs": ["1", "4"],
    "emergency": ["asterisk"],
    "flow-intro": ["1", "3"],
    "question": ["1", "3", "1"],
    "multi-question": ["1", "3", "1", "8", "8", "2", "3", "3"],
    "sound": ["full_stop"],
}


def inside(widget: Widget, screen_region) -> bool:
    region = widget.region
    return region.area > 0 and screen_region.contains_region(region)


def check_screen(app, width: int, height: int) -> None:
    screen = app.screen
    banner = screen.query_one("#emergency-banner")
    assert inside(banner, screen.region), f"banner cut off at {width}x{height}"
    assert banner.region.bottom == height, "banner not docked at the bottom"
    choices = screen.query_one(ChoiceList)
    highlighted = [r for r in choices.query(".choice") if r.has_class("-highlighted")]
    # A question opens with nothing highlighted (so a stray Enter answers nothing); its every highlight
    # position is checked in test_question_keypad.py.
    assert highlighted or choices.highlighted < 0
    for row in highlighted:
        assert inside(row, screen.region), f"highlighted choice not visible at {width}x{height}"
        assert not row.region.overlaps(banner.region), "the banner covers the highlighted choice"
    for widget in screen.query("*"):
        if widget.display and widget.region.area:
            assert widget.region.right <= width, f"{widget!r} runs off the right edge"
            assert not widget.show_horizontal_scrollbar, f"{widget!r} scrolls sideways"
    for view in screen.query(PageView):
        assert all(len(line.text.replace("**", "")) <= MAX_MEASURE for line in view.lines)


async def in_language(pilot, language: str) -> None:
    """Spanish as a patient takes it: 8 on home, "Español: oprima 8"."""
    if language == "es":
        await pilot.pause()
        await pilot.press("8")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    assert pilot.app.visit.language == language


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", SIZE_PARAMS)
@pytest.mark.parametrize("name", list(SCREENS))
async def test_screen_is_complete_at_every_kiosk_size(make_app, size, name, language):
    """Spanish runs about a fifth longer than English: nothing may be cut off."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await in_language(pilot, language)
        for key in SCREENS[name]:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        if name == "multi-question":
            assert app.screen.session.current.kind == "multi"
        check_screen(app, *size)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [(40, 12), (200, 60)], ids=["40x12", "200x60"])
async def test_review_and_summary_are_complete_at_the_extremes(make_app, size, language):
    """The Spanish summary has the English block for the provider below."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await in_language(pilot, language)
        await pilot.press("1", "3", "1")
        await answer_all_by_keypad(pilot)
        check_screen(app, *size)  # review
        await pilot.press("1")
        await pilot.pause()
        check_screen(app, *size)  # summary


@pytest.mark.parametrize("keys", [[], ["1", "1"], ["asterisk"], ["1", "3", "1"]],
                         ids=["home", "topic", "emergency", "question"])
async def test_nothing_blinks_or_moves_by_itself(make_app, keys):
    """K-V5: with no input, the screen stays exactly the same; no style blinks."""
    from tests.app.screen_text import screen_lines

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        before = screen_lines(app)
        await pilot.pause(1.5)  # several idle polls and any would-be animation frames
        assert screen_lines(app) == before
        for widget in app.screen.query("*"):
            assert "blink" not in str(widget.styles.text_style), widget
        assert not app.screen.query("LoadingIndicator")
