"""Every answer in the review has a digit (keys 3-8, 9 for more),
Finish on the summary asks first, and the last answer never sits alone on a summary's last part."""

from __future__ import annotations

import pytest

from kiosk.ui import intents
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.question import QuestionScreen
from kiosk.ui.screens.review import MORE_KEY, ReviewScreen
from kiosk.ui.screens.summary import ConfirmFinishScreen, SummaryScreen
from tests.app.flow_driver import answer_all_by_keypad
from tests.app.screen_text import screen_text


async def to_review(app, pilot) -> ReviewScreen:
    app.post_message(intents.BeginQuestions("muscle-spasms"))  # straight to question 1
    await pilot.pause()
    await pilot.pause()
    await answer_all_by_keypad(pilot)
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_every_answer_in_the_review_has_a_digit_K_I4(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        review = await to_review(app, pilot)
        total = len(review.session.answers)
        assert total >= 10
        reached = []
        for _ in range(10):
            items = app.screen.choices.items
            assert all(item.key for item in items)  # no answer without a digit
            reached += [item.value for item in items if not item.value.startswith("=")]
            if len(set(reached)) == total:
                break
            await pilot.press(MORE_KEY)
            await pilot.pause()
        assert set(reached) == {answer.question.id for answer in review.session.answers}
        # the last answer, by keypad: change it
        last = review.session.answers[-1].question.id
        key = next(item.key for item in app.screen.choices.items if item.value == last)
        await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.session.current.id == last


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_finish_asks_first_and_the_last_answer_is_never_alone(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await to_review(app, pilot)
        await pilot.press("1")
        await pilot.pause()
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        items = [sum(1 for line in part if line.marker) for part in summary._parts]
        if len(items) > 1 and max(items) >= 2:  # where a part holds two answers, the last does
            assert items[-1] >= 2, items
        if len(items) > 1:
            assert "more: press 1" in screen_text(app).lower()
        await pilot.press("9")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmFinishScreen)
        assert "Finish and clear your answers?" in screen_text(app)
        await pilot.press("1")  # no, keep it
        await pilot.pause()
        assert app.screen is summary and app.visit.flow is not None
        await pilot.press("9")
        await pilot.pause()
        await pilot.press("9")  # yes
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.visit.flow is None
