"""At 40x12 nothing that keeps a patient safe gives way to the answers: every question's help
is on screen, above all a help line that tells the patient to get help now ("tell the front
desk now"), in English and in Spanish.

K-V1 (every screen complete at 40x12), K-C2 (danger signs first).
"""

from __future__ import annotations

import pytest

from kiosk.ui import intents
from tests.app.screen_text import screen_lines
from tests.app.test_question_fit import flat, questions, settle


def help_on_screen(app, help_text: str) -> bool:
    """The help's words are drawn, whole, in screen order (wrapping aside)."""
    return flat(help_text) in flat(" ".join(screen_lines(app)))


@pytest.mark.parametrize("language", ["en", "es"])
async def test_every_question_help_is_shown_at_40x12_K_V1_K_C2(make_app, language):
    """"If you did, and now feel weak or numb, tell the front desk now." and every "Why we
    ask" are on a 40x12 screen, not only spoken."""
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        if language != "en":
            app.post_message(intents.ChooseLanguage(language))
            await settle(pilot)
        helped = 0
        urgent = 0
        async for screen in questions(app, pilot):
            question = screen.session.current
            if not question.help:
                continue
            helped += 1
            urgent += "now" in question.help or "ahora" in question.help
            assert help_on_screen(app, question.help), (
                f"{question.id}: help not shown at 40x12: {question.help!r}\n" + "\n".join(screen_lines(app)))
        assert helped >= 10 and urgent >= 2
