"""A screen is handed to speech once, not twice (the second hand-over
cut the first and left a scrap of its next sentence), K-S4; a changed answer's confirmation
joins the next screen's one hand-over, K-S14."""

from __future__ import annotations

import pytest

from kiosk.ui import intents


def count_screen_speech(app) -> list[list[str]]:
    """Every whole screen handed to speech from now on, as its sentences."""
    calls: list[list[str]] = []
    original = app.speech.speak

    def counting(items, **kw):
        if kw.get("screen", True):
            calls.append([u.text for u in items])
        return original(items, **kw)

    app.speech.speak = counting
    return calls

@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
@pytest.mark.parametrize("intent", ["topic", "flow"])
async def test_a_new_screen_is_handed_to_speech_once(make_app, size, intent):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")  # speech on, as a listener would
        await pilot.pause()
        before = len(app.speech.spoken)
        calls = count_screen_speech(app)
        message = intents.OpenTopic("muscle-spasms") if intent == "topic" else intents.StartFlow("muscle-spasms")
        app.post_message(message)
        for _ in range(6):
            await pilot.pause(0.05)
        assert len(calls) == 1, calls
        assert len(app.speech.spoken) > before


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_the_emergency_page_is_handed_to_speech_once_and_again_on_a_second_star(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        calls = count_screen_speech(app)
        await pilot.press("asterisk")
        for _ in range(6):
            await pilot.pause(0.05)
        assert len(calls) == 1, calls
        await pilot.press("asterisk")  # pressed again: said again
        await pilot.pause()
        assert len(calls) == 2


async def settle_a_while(pilot) -> None:
    """Long enough for a late second hand-over (a redraw racing a resume) to show."""
    for _ in range(6):
        await pilot.pause(0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_each_question_and_each_return_to_one_is_handed_to_speech_once(make_app, size):
    """Every answer, the review, an answer picked to change and Back each hand one script to
    speech, and it is the script of the question on screen: never a question's words with
    another question's answers (a redraw racing a resume did that, and was replaced at once)."""
    from kiosk.ui.screens.question import QuestionScreen
    from kiosk.ui.screens.review import ReviewScreen
    from tests.app.flow_driver import safe_choice_keys

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        calls = count_screen_speech(app)

        def once(what: str) -> None:
            assert len(calls) == 1, (what, [call[:4] for call in calls])
            screen = app.screen
            script = [str(line) for line in screen.speech_script()]
            said = [line for line in calls[0] if not line.startswith("Your new answer:")]  # the app's, first
            assert script[:len(said)] == said, what  # the screen shown ("More below" joins later)
            calls.clear()

        app.post_message(intents.BeginQuestions("muscle-spasms"))
        await settle_a_while(pilot)
        once("question 1")
        for n in range(40):
            screen = app.screen
            if not isinstance(screen, QuestionScreen):
                break
            for key in safe_choice_keys(screen):
                await pilot.press(key)
                await settle_a_while(pilot)
            once(f"after answer {n + 1}")
        assert isinstance(app.screen, ReviewScreen)
        calls.clear()
        await pilot.press("3")  # change the first answer: question 1, from the last question
        await settle_a_while(pilot)
        once("question 1 again, from the review")
        for key in safe_choice_keys(app.screen):
            await pilot.press(key)
            await settle_a_while(pilot)
        once("the review again")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("4")  # change the second answer, then Back to the first question
        await settle_a_while(pilot)
        once("question 2 again, from the review")
        await pilot.press("0")
        await settle_a_while(pilot)
        once("back to question 1")
