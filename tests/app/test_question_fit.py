"""Issue 13, finding 8: every answer of every question can be seen, or is named on screen, at
40x12 and 80x24, by a keypad with Num Lock on (digits and Enter, no arrows) as well as by arrows.

K-V1 (complete at 40x12), K-V6 (the highlight never hidden), K-I1 (keypad alone).
"""

from __future__ import annotations

import re

from kiosk.ui import intents
from kiosk.ui.screens.question import QuestionScreen
from tests.app.screen_text import screen_lines

TOPIC = "muscle-spasms"


async def open_flow(app, pilot) -> QuestionScreen:
    app.post_message(intents.BeginQuestions(TOPIC))  # straight to question 1 (no intro)
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, QuestionScreen)
    return app.screen


async def test_a_wrapped_answer_hangs_under_its_words_not_its_key_K_V1(make_app):
    """At 40 columns "2 Trouble breathing, short of breath, or wheezing" takes two lines; the
    second starts under "Trouble", so the key column holds keys only."""
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await open_flow(app, pilot)
        await pilot.pause()
        lines = screen_lines(app)
        first = next(n for n, line in enumerate(lines) if re.match(r"^\s*2  Trouble breathing", line))
        words_at = lines[first].index("Trouble")
        follow = lines[first + 1]
        assert follow[:words_at].strip() == "", follow
        assert follow[words_at:].startswith("breath"), follow
        assert screen.choices is not None
