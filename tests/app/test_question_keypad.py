"""Question screens as a keypad user meets them, with Num Lock on: no arrows, only digits and Enter.

Each test opens the flow through its intent (not a home digit), so it holds however home lists
the topics.
"""

from __future__ import annotations

import pytest

from kiosk.content.model import QuestionKind
from kiosk.ui import intents
from kiosk.ui.screens.question import DONE, DONE_KEY, QuestionScreen
from kiosk.ui.widgets.choice_list import MARKER
from kiosk.visit.usage import UsageEvent
from kiosk.words.ui_words import HOW_TO_CHOOSE
from tests.app.flow_driver import safe_choice_keys
from tests.app.screen_text import screen_lines, screen_text

TOPIC = "muscle-spasms"


async def open_flow(app, pilot) -> QuestionScreen:
    app.post_message(intents.BeginQuestions(TOPIC))  # straight to question 1 (no intro)
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, QuestionScreen)
    return app.screen


async def each_question(app, pilot):
    """Yield every question screen of the flow once, answering each safely to move on."""
    screen = await open_flow(app, pilot)
    seen = set()
    while isinstance(app.screen, QuestionScreen) and app.screen.session.current is not None:
        screen = app.screen
        question = screen.session.current
        if question.id in seen:
            break
        seen.add(question.id)
        yield screen
        await pilot.press(*safe_choice_keys(screen))
        await pilot.pause()


def visible_row(app, key: str) -> str | None:
    """The screen line holding the highlighted row for ``key``, if it is drawn."""
    for line in screen_lines(app):
        if f"{MARKER} {key} " in line:
            return line
    return None


async def test_every_highlight_position_is_shown_at_40x12_K_V1(make_app):
    """At 40x12 each answer, Done and Back come into view as the highlight reaches them, for
    every highlight position of every question."""
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        async for screen in each_question(app, pilot):
            choices = screen.choices
            count = len(choices.items)
            await pilot.press("down")  # from "nothing highlighted" to the first answer
            for index in range(count):
                await pilot.pause()
                await pilot.pause()
                item = choices.items[index]
                assert choices.highlighted == index
                line = visible_row(app, item.key)
                assert line is not None, (
                    f"{screen.session.current.id}: highlight on {item.key} {item.label!r} not shown:\n"
                    + screen_text(app))
                banner = screen.query_one("#emergency-banner")
                row = [r for r in choices.query(".choice") if r.has_class("-highlighted")][0]
                assert not row.region.overlaps(banner.region)
                await pilot.press("down")


async def test_no_answer_is_highlighted_and_enter_says_how_to_choose(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flow(app, pilot)
        question = screen.session.current
        assert question.choices[0].emergency
        assert MARKER not in screen_text(app)
        app.speech.set_enabled(True)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.session.current is question
        assert not screen.session.answers and app.usage.totals().get(UsageEvent.FLOW_EMERGENCY, 0) == 0
        assert HOW_TO_CHOOSE in " ".join(screen_text(app).split())
        assert app.speech.texts[-1] == HOW_TO_CHOOSE
        await pilot.press("down")
        await pilot.pause()
        assert screen.choices.highlighted == 0


async def test_done_has_the_same_key_on_every_multi_choice_question(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        multi = 0
        async for screen in each_question(app, pilot):
            if screen.session.current.kind is QuestionKind.MULTI:
                multi += 1
                done = [item.key for item in screen.choices.items if item.value == DONE]
                assert done == [DONE_KEY]
        assert multi >= 2


async def test_refusal_clears_once_answered_and_repeated_questions_say_their_part(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        prompts = []
        async for screen in each_question(app, pilot):
            prompts.append(screen.prompt)
            if screen.session.current.kind is QuestionKind.MULTI and not any("Choose an answer" in p for p in prompts):
                await pilot.press(DONE_KEY)
                await pilot.pause()
                assert "Choose an answer for" in screen_text(app)
                await pilot.press("1")
                await pilot.pause()
                assert "Choose an answer for" not in screen_text(app)
                await pilot.press("1")  # untick, so the safe answer below stands alone
                await pilot.pause()
                prompts.append("Choose an answer")
        assert prompts[0].endswith("(part 1 of 2)") and prompts[1].endswith("(part 2 of 2)")


@pytest.mark.parametrize("size", [(40, 12)])
async def test_part_2_of_2_is_shown_on_the_second_danger_question(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await open_flow(app, pilot)
        await pilot.press(*safe_choice_keys(screen))
        await pilot.pause()
        assert "part 2 of 2" in " ".join(screen_text(app).split())


async def test_the_keypad_enter_line_feed_chooses_too(make_app):
    """Through tmux (and some terminals) the keypad's Enter arrives as ctrl+j, a line feed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        await pilot.press("ctrl+j")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is not home
