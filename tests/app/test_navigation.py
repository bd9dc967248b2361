"""Moving about the kiosk by keys, keypad digits and touch (K-I1, K-I2, K-V3, K-V6)."""

from __future__ import annotations

from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.topic import TopicScreen
from kiosk.ui.screens.topic_start import TopicStartScreen
from kiosk.ui.widgets.choice_list import MARKER, ChoiceList
from tests.app.screen_text import screen_text

SIZE = (80, 24)


async def test_home_lists_topics_as_numbered_choices(make_app, library):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        topic = library.topics[0]
        assert f"1  {topic.title}" in text
        assert library.settings.clinic_name in text


async def test_topic_pages_turn_with_arrows_and_page_keys(make_app, library):
    app = make_app()
    topic = library.topics[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1")  # the topic's first screen, read from the start
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TopicScreen)
        assert topic.pages[0].heading in screen_text(app)
        first = (screen.page, screen.part)
        await pilot.press("right")
        assert (screen.page, screen.part) > first
        await pilot.press("pagedown", "pagedown")
        after = (screen.page, screen.part)
        await pilot.press("left")
        assert (screen.page, screen.part) < after
        await pilot.press("pageup")
        assert "Page " in screen_text(app)


async def test_keypad_digits_alone_read_a_whole_topic_and_go_home(make_app, library):
    """K-I1, K-I2: digits and Enter only, from home to the last page and back home."""
    app = make_app()
    topic = library.topics[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1")  # the topic's first screen, read from the start
        screen = app.screen
        assert isinstance(screen, TopicScreen)
        for _ in range(200):
            if screen.at_end:
                break
            await pilot.press("1")  # 1 = Next on every page
        assert screen.at_end and screen.page == len(topic.pages) - 1
        assert topic.pages[-1].heading in screen_text(app)
        await pilot.press("0")  # 0 = Home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_enter_picks_the_highlighted_choice_and_arrows_move_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        choices = app.screen.query_one(ChoiceList)
        assert choices.highlighted == 0
        await pilot.press("down")
        assert choices.highlighted == 1
        await pilot.press("up", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TopicStartScreen)
        await pilot.press("enter")  # read from the start
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)


async def test_touch_alone_opens_a_topic_turns_a_page_and_goes_home(make_app):
    """K-I1: everything a patient does works by touch (mouse clicks here)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(2):  # home: the topic; its first screen: read from the start
            rows = app.screen.query(".choice")
            assert await pilot.click(rows.first())
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TopicScreen)
        next_row = [r for r in screen.query(".choice") if r.item.label == "Next"][0]
        assert await pilot.click(next_row)
        await pilot.pause()
        assert (screen.page, screen.part) != (0, 0)
        home_row = [r for r in screen.query(".choice") if r.item.label == "Home"][0]
        assert await pilot.click(home_row)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_touching_the_banner_opens_the_emergency_page(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await pilot.click("#emergency-banner")
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)


async def test_highlighted_choice_has_a_marker_not_only_colour(make_app):
    """K-V3: the highlighted row shows a marker; other rows do not."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        lines = [line for line in screen_text(app).splitlines() if line.strip().startswith(("1 ", "8 ", "9 ", MARKER))]
        marked = [line for line in lines if MARKER in line]
        assert len(marked) == 1 and "8" in marked[0]  # home: 1 the topic, 8 Español, 9 Finish


async def test_emergency_key_works_from_every_screen_and_back_returns(make_app):
    """K-C2/K-V6: one key opens the emergency page from home, a topic and a question."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for setup in ([], ["1"], ["1", "1"], ["1", "3", "1"]):  # home, topic start, page, question
            await pilot.press(*setup)
            await pilot.pause()
            before = type(app.screen)
            await pilot.press("asterisk")
            await pilot.pause()
            assert isinstance(app.screen, EmergencyScreen)
            assert "911" in screen_text(app)
            await pilot.press("0")
            await pilot.pause()
            assert type(app.screen) is before
            app.go_home()
            await pilot.pause()


async def test_emergency_page_from_a_topic_lists_that_topics_red_flags(make_app, library):
    app = make_app()
    topic = library.topics[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "asterisk")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EmergencyScreen)
        await pilot.press("1")  # Next: the red flags page
        await pilot.pause()
        text = screen_text(app)
        for flag in topic.red_flags[:3]:
            assert flag.symptom in text
