"""At 40x12 the line naming the answers out of view tells a touch user what to do ("Tap here"),
not only a keypad user ("Enter"), and a tap on it shows them; what it shows is also said.
K-I1 (touch is enough), K-S1."""

from __future__ import annotations

from tests.app.test_question_fit import named_on_more_line, settle, shown_whole
from tests.app.test_question_keypad import open_flow


async def test_the_more_line_says_tap_and_a_tap_shows_the_rest_K_I1_K_S1(make_app):
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await open_flow(app, pilot)
        await settle(pilot)
        choices = screen.choices
        drawn = choices.more_text
        assert "Tap" in drawn and "\n" not in drawn, drawn
        assert "Tap here" in choices.more_spoken  # said as drawn
        hidden = [item for item in choices.items if item.key in named_on_more_line(app)]
        assert hidden and not shown_whole(app, hidden[0])
        await pilot.click(".more-line")
        await settle(pilot)
        assert shown_whole(app, hidden[0]), choices.more_text
        assert app.screen is screen and screen.session.current is not None  # a tap answered nothing
