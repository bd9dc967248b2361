"""The guided question flow on screen: keypad, touch, red flags, review and summary.

K-C2 red flags first and straight to the emergency page; K-I1 keypad alone and touch alone;
K-I3 debounce; K-I4 review before the summary; K-S9 refusal names the question; K-P2 nothing
of the answers is written anywhere.
"""

from __future__ import annotations

from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.flow_intro import FlowIntroScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.question import QuestionScreen
from kiosk.ui.screens.review import ReviewScreen
from kiosk.ui.screens.summary import SummaryScreen
from kiosk.visit.flow import Outcome
from tests.app.flow_driver import answer_all_by_keypad, answer_all_by_touch, walk_to_first_multi_choice
from tests.app.screen_text import screen_text
from tests.conftest import tuned

SIZE = (80, 24)
#: home: 1 = the topic's first screen, 3 = its questions, 1 = start them after the intro
FLOW_KEYS = ("1", "3", "1")


async def test_whole_flow_to_the_summary_by_keypad_alone(make_app, library):
    """K-I1: from home to the provider summary with digits only."""
    app = make_app()
    flow = library.topics[0].flow
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*FLOW_KEYS)
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "Question 1 of" in screen_text(app)
        assert flow.questions[0].prompt in screen_text(app)
        await answer_all_by_keypad(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("1")  # All correct: show my summary
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Show this to your provider" in text
        assert "Body parts:" in text or "Body" in text


async def test_whole_flow_to_the_summary_by_touch_alone(make_app):
    """K-I1: the same walk with clicks only."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for key in FLOW_KEYS:  # home, the topic's first screen, the flow's intro: by touch
            rows = {row.item.key: row for row in app.screen.query(".choice")}
            assert await pilot.click(rows[key])
            await pilot.pause()
        await answer_all_by_touch(pilot)
        assert isinstance(app.screen, ReviewScreen)
        rows = {row.item.key: row for row in app.screen.query(".choice")}
        assert await pilot.click(rows["1"])
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_red_flag_jumps_to_the_emergency_page_and_back(make_app):
    """K-C2: a red-flag answer opens the emergency page at once; Change my answer returns."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*FLOW_KEYS, "1")  # first choice of the first question is a red flag
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EmergencyScreen)
        assert app.visit.flow.outcome is Outcome.EMERGENCY
        assert "You said" in screen_text(app)
        change = next(item.key for item in screen.choices.items if item.label == "Change answer")
        await pilot.press(change)
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.visit.flow.outcome is Outcome.CONTINUE
        assert app.visit.flow.position.number == 1


async def test_red_flag_on_the_second_question_too(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*FLOW_KEYS)
        await pilot.pause()
        last = app.screen.choices.items[-2].key  # "No, none of these"; the last item is Back
        await pilot.press(last)
        await pilot.pause()
        assert app.visit.flow.position.number == 2
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)


async def test_done_with_nothing_chosen_is_refused_and_names_the_question(make_app, library):
    """K-S9: the refusal is shown and spoken with the question it concerns."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*FLOW_KEYS)
        screen = await walk_to_first_multi_choice(pilot)
        question = screen.session.current
        done = next(item.key for item in screen.choices.items if item.label == "Done")
        app.speech.set_enabled(True)
        await pilot.press(done)
        await pilot.pause()
        expected = f"Choose an answer for: {question.prompt}"
        assert expected in screen_text(app).replace("\n", " ")
        assert any(expected in text for text in app.speech.texts)
        assert app.screen.session.current is question


async def test_multi_choice_marks_chosen_items_with_a_visible_box(make_app):
    """K-V3: chosen answers carry [x], not colour alone."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*FLOW_KEYS)
        await walk_to_first_multi_choice(pilot)
        assert "[ ] " in screen_text(app) and "[x]" not in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert "[x] " in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert "[x]" not in screen_text(app)


async def test_back_keeps_answers_and_review_can_change_one(make_app):
    """K-I4: Back keeps earlier answers; the review changes one and returns to the review."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*FLOW_KEYS)
        await answer_all_by_keypad(pilot)
        session = app.visit.flow
        before = [line.text for line in session.summary_lines()]
        review = app.screen
        assert isinstance(review, ReviewScreen)
        # change the answer to "dialysis" (a yes/no question) from the review
        item = next(i for i in review.choices.items if i.value == "dialysis")
        await pilot.press(item.key)
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("1")  # Yes
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        after = [line.text for line in session.summary_lines()]
        assert after != before and len(after) == len(before)


async def test_debounce_stops_a_bounced_key_answering_two_questions(shipped_library, make_app, clock):
    """K-I3: a second press within the debounce time is ignored."""
    app = make_app(tuned(shipped_library, debounce_seconds=0.3))
    async with app.run_test(size=SIZE) as pilot:
        for key in FLOW_KEYS:  # a person's pace: each key long after the one before
            await pilot.press(key)
            await pilot.pause()
            clock.advance(1)
        none_key = app.screen.choices.items[-2].key
        await pilot.press(none_key, none_key)  # a bounce: same instant on the fake clock
        await pilot.pause()
        assert app.visit.flow.position.number == 2
        clock.advance(0.31)
        await pilot.press(none_key)
        await pilot.pause()
        assert app.visit.flow.position.number == 3


async def test_answers_are_private_until_asked_for(make_app):
    """K-S7: review and summary answers are spoken only after "Read aloud"."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.speech.set_enabled(True)
        await pilot.press(*FLOW_KEYS)
        await answer_all_by_keypad(pilot)
        lines = [f"{line.label}: {line.text}" for line in app.visit.flow.summary_lines()]
        spoken = " ".join(app.speech.texts)
        assert not any(line in spoken for line in lines)
        assert "People nearby may hear" in spoken
        await pilot.press("2")  # Read my answers aloud
        await pilot.pause()
        spoken = " ".join(app.speech.texts)
        assert all(line in spoken for line in lines)


async def test_summary_stays_until_finish_then_everything_is_gone(make_app):
    """K-P1/K-P2: Finish wipes the visit: only home left, no flow session."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*FLOW_KEYS)
        await answer_all_by_keypad(pilot)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        old_session = app.visit.flow
        await pilot.press("9")  # Finish and clear the screen
        await pilot.pause()
        assert "Finish and clear your answers?" in screen_text(app)  # asked first: one key never wipes the summary
        await pilot.press("9")  # Yes
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
        assert app.visit.flow is None and app.visit.flow is not old_session


async def test_back_from_the_first_question_leaves_the_flow(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*FLOW_KEYS)
        await pilot.pause()
        await pilot.press("0")
        await pilot.pause()
        assert isinstance(app.screen, FlowIntroScreen)  # back to the intro
        assert app.visit.flow is None
        await pilot.press("0", "0")  # the topic's first screen, then home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
