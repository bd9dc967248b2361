"""Answers are intents: the question and review screens post them, the controller applies them.

Asserted on the messages the app receives (as Harlequin's functional tests do with
``message_hook``) and on the controller's flow session, not only on what is drawn.
"""

from __future__ import annotations

from kiosk.ui import intents
from kiosk.ui.changes import AnswerApplied
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.question import QuestionScreen
from kiosk.ui.screens.review import ReviewScreen
from kiosk.visit.controller import Reply
from kiosk.visit.flow import Outcome
from tests.app.flow_driver import answer_all_by_keypad, walk_to_first_multi_choice

SIZE = (80, 24)
#: home: 1 = the topic's first screen, 3 = its questions, 1 = start them after the intro
FLOW_KEYS = ("1", "3", "1")


class Recorder:
    """Every intent and every AnswerApplied, once each (a bubbling message reaches several
    message pumps, and the hook sees it at each)."""

    def __init__(self) -> None:
        self.messages: list[object] = []

    def __call__(self, message) -> None:
        if isinstance(message, intents.Intent | AnswerApplied) and not any(m is message for m in self.messages):
            self.messages.append(message)

    def of(self, kind: type) -> list:
        return [m for m in self.messages if isinstance(m, kind)]

    def clear(self) -> None:
        self.messages.clear()


def key_of(screen: QuestionScreen, value: str) -> str:
    return next(item.key for item in screen.choices.items if item.value == value)


async def to_first_question(pilot) -> QuestionScreen:
    await pilot.press(*FLOW_KEYS)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuestionScreen)
    return screen


async def test_a_digit_on_a_question_posts_the_answer_and_the_controller_applies_it(make_app):
    app = make_app()
    record = Recorder()
    async with app.run_test(size=SIZE, message_hook=record) as pilot:
        screen = await to_first_question(pilot)
        first = screen.session.current
        record.clear()
        await pilot.press(key_of(screen, "none"))
        await pilot.pause()
        assert record.of(intents.AnswerQuestion) == [intents.AnswerQuestion(Reply.CHOOSE, "none")]
        session = app.controller.visit.flow
        assert session is screen.session
        assert [(a.question.id, a.choice_ids) for a in session.answers] == [(first.id, ("none",))]
        assert session.current is not first
        assert record.of(AnswerApplied)  # the app told the screen to draw the next question
        assert session.current.prompt in str(app.screen.query_one("#prompt").render())


async def test_a_box_is_a_toggle_intent_and_done_a_done_intent(make_app):
    app = make_app()
    record = Recorder()
    async with app.run_test(size=SIZE, message_hook=record) as pilot:
        await pilot.press(*FLOW_KEYS)
        screen = await walk_to_first_multi_choice(pilot)
        question = screen.session.current
        first = question.choices[0]
        record.clear()
        await pilot.press(key_of(screen, first.id))
        await pilot.pause()
        assert record.of(intents.AnswerQuestion) == [intents.AnswerQuestion(Reply.TOGGLE, first.id)]
        assert app.controller.visit.flow.selected == {first.id}
        assert app.screen is screen and screen.session.current is question  # ticked in place
        assert screen.choices.items[0].checked is True
        await pilot.press("9")  # Done
        await pilot.pause()
        assert record.of(intents.AnswerQuestion)[-1] == intents.AnswerQuestion(Reply.DONE)
        assert app.controller.visit.flow.current is not question


async def test_done_with_nothing_ticked_is_refused_on_screen_K_S9(make_app):
    app = make_app()
    record = Recorder()
    async with app.run_test(size=SIZE, message_hook=record) as pilot:
        await pilot.press(*FLOW_KEYS)
        screen = await walk_to_first_multi_choice(pilot)
        question = screen.session.current
        record.clear()
        await pilot.press("9")
        await pilot.pause()
        applied = record.of(AnswerApplied)
        assert applied and question.prompt in applied[-1].answered.refused
        assert question.prompt in str(app.screen.query_one("#message").render())
        assert app.controller.visit.flow.current is question


async def test_back_is_an_intent_and_from_the_first_question_leaves_the_flow(make_app):
    app = make_app()
    record = Recorder()
    async with app.run_test(size=SIZE, message_hook=record) as pilot:
        screen = await to_first_question(pilot)
        first = screen.session.current
        await pilot.press(key_of(screen, "none"))
        await pilot.pause()
        record.clear()
        await pilot.press("0")
        await pilot.pause()
        assert record.of(intents.QuestionBack) == [intents.QuestionBack()]
        assert app.controller.visit.flow.current is first
        await pilot.press("escape")
        await pilot.pause()
        assert len(record.of(intents.QuestionBack)) == 2
        assert app.controller.visit.flow is None  # the answers went with the flow
        assert not isinstance(app.screen, QuestionScreen)


async def test_back_from_the_emergency_page_returns_to_the_question_through_the_controller_K_C2(make_app):
    app = make_app()
    record = Recorder()
    async with app.run_test(size=SIZE, message_hook=record) as pilot:
        screen = await to_first_question(pilot)
        red_flag = screen.session.current.choices[0]
        await pilot.press(key_of(screen, red_flag.id))
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)
        assert app.controller.visit.flow.outcome is Outcome.EMERGENCY
        record.clear()
        await pilot.press("0")  # the emergency page's Back
        await pilot.pause()
        assert record.of(intents.ReturnToQuestion)
        assert app.screen is screen
        assert app.controller.visit.flow.outcome is Outcome.CONTINUE
        assert red_flag.id not in app.controller.visit.flow.selected


async def test_changing_an_answer_on_the_review_is_an_intent(make_app):
    app = make_app()
    record = Recorder()
    async with app.run_test(size=SIZE, message_hook=record) as pilot:
        await to_first_question(pilot)
        await answer_all_by_keypad(pilot)
        assert isinstance(app.screen, ReviewScreen)
        first = app.controller.visit.flow.answers[0].question
        record.clear()
        await pilot.press("3")  # the first answer, to change it
        await pilot.pause()
        assert record.of(intents.EditAnswer) == [intents.EditAnswer(first.id)]
        assert isinstance(app.screen, QuestionScreen)
        assert app.controller.visit.flow.editing
        assert app.controller.visit.flow.current is first
